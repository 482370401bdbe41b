/// Decodes base64 text handed over in pieces, as expat delivers a large text node, so that the
/// text never has to be held whole. Strict `xs:base64Binary`: the alphabet, white space anywhere,
/// padding only at the end, no stray bits before it, and a multiple of four characters in all.
///
/// A counting decoder checks the text just as strictly but keeps no bytes, only their number: for
/// a receiving system that stores the raw message and needs the files' sizes, not their bytes.
struct Base64Decoder {
    private(set) var output: [UInt8] = []
    /// The decoded length so far (the output's length, or what it would have been).
    private(set) var count = 0
    let counting: Bool
    private var group: UInt32 = 0
    private var groupCount = 0
    private var paddingCount = 0
    private(set) var failed = false

    private static let invalid: UInt8 = 0xFF
    private static let space: UInt8 = 0xFE
    private static let pad: UInt8 = 0xFD

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in Base64.alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        for character in [0x20, 0x09, 0x0A, 0x0D] { table[character] = space }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()

    init(counting: Bool = false) {
        self.counting = counting
    }

    /// Feeds `text`, all of which must be base64: any other character fails the decoder.
    mutating func feed(_ text: UnsafeBufferPointer<UInt8>) {
        _ = consume(text, stopsAtOther: false)
    }

    /// Feeds the longest prefix of `text` made of the alphabet, padding and white space, and
    /// returns its length: the caller hands what follows (markup, a reference) to the XML parser.
    /// Fails the decoder only if that prefix is not valid base64 so far.
    mutating func feedRun(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        consume(text, stopsAtOther: true)
    }

    private mutating func consume(_ text: UnsafeBufferPointer<UInt8>, stopsAtOther: Bool) -> Int {
        guard !failed, let base = text.baseAddress else { return 0 }
        let start = output.count
        let room = counting ? 0 : (text.count / 4 + 1) * 3
        if room > 0 { output.append(contentsOf: repeatElement(0, count: room)) }
        var written = 0
        var group = self.group
        var groupCount = self.groupCount
        var paddingCount = self.paddingCount
        var failed = false
        let counting = self.counting
        let length = text.count
        var index = 0
        // Whether the last run of alphabet characters was long enough to try whole blocks.
        var longRuns = true
        Self.table.withUnsafeBufferPointer { table in
            output.withUnsafeMutableBufferPointer { out in
                /// Puts out the top `bytes` of the 24 bits in `bits`.
                func put(_ bits: UInt32, _ bytes: Int) {
                    if !counting {
                        out[start &+ written] = UInt8(truncatingIfNeeded: bits >> 16)
                        if bytes > 1 { out[start &+ written &+ 1] = UInt8(truncatingIfNeeded: bits >> 8) }
                        if bytes > 2 { out[start &+ written &+ 2] = UInt8(truncatingIfNeeded: bits) }
                    }
                    written &+= bytes
                }
                while index < length {
                    // The fast paths cover almost all of a document; the rest, white space and
                    // padding, goes one character at a time.
                    if paddingCount == 0, counting {
                        // Counting needs only how many alphabet characters there are: 32 at a
                        // time while the runs between white space are long, then eight at a time
                        // up to the first other character.
                        let first = index
                        if longRuns {
                            while index &+ Base64.block <= length,
                                Base64.isAlphabetBlock(UnsafeRawPointer(base + index))
                            {
                                index &+= Base64.block
                            }
                        }
                        while index &+ 8 <= length {
                            // Little-endian, so the first byte in memory is the lowest.
                            let word = UInt64(
                                littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                            )
                            let marks = Base64.alphabetMarks(word)
                            guard marks != Base64.highBits else {
                                index &+= 8
                                continue
                            }
                            index &+= (~marks & Base64.highBits).trailingZeroBitCount >> 3
                            break
                        }
                        longRuns = index &- first >= Base64.block
                        if index > first {
                            let total = groupCount &+ (index &- first)
                            written &+= total / 4 * 3
                            groupCount = total & 3
                            // What the padding check needs of the group: its last character.
                            group = UInt32(table[Int(text[index &- 1])])
                        }
                        guard index < length else { break }
                    } else if paddingCount == 0, groupCount == 0, index &+ 4 <= length {
                        // Decoding: a whole group of four alphabet characters at a group boundary,
                        // without a branch per character.
                        let a = table[Int(text[index])]
                        let b = table[Int(text[index &+ 1])]
                        let c = table[Int(text[index &+ 2])]
                        let d = table[Int(text[index &+ 3])]
                        if (a | b | c | d) < 64 {
                            put(UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d), 3)
                            index &+= 4
                            continue
                        }
                    }
                    let value = table[Int(text[index])]
                    if value < 64 {
                        guard paddingCount == 0 else {
                            failed = true
                            return
                        }
                        group = group << 6 | UInt32(value)
                        groupCount += 1
                        if groupCount == 4 {
                            put(group, 3)
                            group = 0
                            groupCount = 0
                        }
                    } else if value == Self.space {
                        // White space is allowed anywhere.
                    } else if value == Self.pad {
                        // "xx==" or "xxx=": padding completes a group of two or three characters.
                        guard groupCount + paddingCount >= 2, groupCount + paddingCount < 4 else {
                            failed = true
                            return
                        }
                        paddingCount += 1
                        if groupCount + paddingCount == 4 {
                            // The bits of the last character that no byte takes must be zero
                            // ("QQ==", not "QR=="), as xs:base64Binary's grammar has it.
                            guard group & (groupCount == 2 ? 0xF : 0x3) == 0 else {
                                failed = true
                                return
                            }
                            put(group << (6 * UInt32(paddingCount)), groupCount - 1)
                            group = 0
                            groupCount = 0
                            paddingCount = 4
                        }
                    } else {
                        if !stopsAtOther { failed = true }
                        return
                    }
                    index &+= 1
                }
            }
        }
        if room > 0 { output.removeLast(room - written) }
        count += written
        self.group = group
        self.groupCount = groupCount
        self.paddingCount = paddingCount
        self.failed = failed
        return index
    }

    /// True when the text was valid base64 and did not stop inside a group.
    var complete: Bool {
        !failed && groupCount == 0 && (paddingCount == 0 || paddingCount == 4)
    }

    /// The decoded bytes, or `nil` when the text was not valid base64 or stopped inside a group.
    /// Empty for a counting decoder: see `count`.
    mutating func finish() -> [UInt8]? {
        complete ? output : nil
    }
}
