import Foundation
import Testing

@testable import MeMo

/// The streaming base64 decoder against Foundation's, for every way expat may cut the text.
@Suite("Base64 decoder")
struct Base64DecoderTests {
    static func decode(_ text: String, chunks: [Int], counting: Bool = false) -> [UInt8]? {
        var decoder = Base64Decoder(counting: counting)
        var bytes = Array(text.utf8)[...]
        var sizes = chunks.makeIterator()
        while !bytes.isEmpty {
            let size = max(1, min(sizes.next() ?? bytes.count, bytes.count))
            Array(bytes.prefix(size)).withUnsafeBufferPointer { decoder.feed($0) }
            bytes = bytes.dropFirst(size)
        }
        // A counting decoder keeps no bytes; stand in zeros of the counted length to compare.
        return decoder.finish().map { counting ? [UInt8](repeating: 0, count: decoder.count) : $0 }
    }

    @Test(arguments: 0..<40)
    func matchesFoundationWhateverTheChunks(length: Int) {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<(length * 7)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        for text in [
            data.base64EncodedString(),
            data.base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn]),
        ] {
            let chunks = (0..<8).map { _ in Int.random(in: 1...9, using: &generator) }
            #expect(Self.decode(text, chunks: chunks) == Array(data))
            #expect(Self.decode(text, chunks: []) == Array(data))
            #expect(Self.decode(text, chunks: chunks, counting: true)?.count == data.count)
        }
    }

    @Test(arguments: [
        ("QUJD", [UInt8]("ABC".utf8)),
        ("QUI=", [UInt8]("AB".utf8)),
        ("QQ==", [UInt8]("A".utf8)),
        (" Q U J D ", [UInt8]("ABC".utf8)),
        ("QUJD\nRA==", [UInt8]("ABCD".utf8)),
        ("", []),
        ("QUJDQUJDQUJDQQ==", [UInt8]("ABCABCABCA".utf8)),
        ("QUJDQUJDQUJDQUI=", [UInt8]("ABCABCABCAB".utf8)),
    ])
    func valid(text: String, expected: [UInt8]) {
        #expect(Self.decode(text, chunks: [1]) == expected)
        #expect(Self.decode(text, chunks: []) == expected)
        #expect(Self.decode(text, chunks: [1], counting: true)?.count == expected.count)
    }

    @Test(arguments: [
        "QUJ", "Q===", "QQ=A", "QUJD=", "QU!D", "QUJDRA==QUJD", "Q", "QUJDR", "QR==", "QUJ=", "QUK=",
        "QUJDQUJDQUJDQR==", "QUJDQUJDQUJDQUK=",
    ])
    func invalid(text: String) {
        #expect(Self.decode(text, chunks: [1]) == nil)
        #expect(Self.decode(text, chunks: []) == nil)
        #expect(Self.decode(text, chunks: [3, 2]) == nil)
        #expect(Self.decode(text, chunks: [3, 2], counting: true) == nil)
    }

    @Test("The word-at-a-time check agrees with the alphabet for every byte in every position")
    func alphabetWord() {
        let alphabet = Set(Base64.alphabet)
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(
                    (Base64.alphabetMarks(word) == Base64.highBits) == alphabet.contains(byte),
                    "byte \(byte) at \(position)"
                )
            }
        }
    }

    @Test(
        "A run ends at the first character that is neither base64 nor white space",
        arguments: [
            ("QUJDRA==<rest", 8, [UInt8]("ABCD".utf8)),
            ("QUJD\r\nRA==&amp;", 10, [UInt8]("ABCD".utf8)),
            ("QU<JD", 2, nil),
            ("<QUJD", 0, []),
            (String(repeating: "QUJD", count: 20) + "]]>", 80, [UInt8](String(repeating: "ABC", count: 20).utf8)),
        ] as [(String, Int, [UInt8]?)]
    )
    func run(text: String, length: Int, decoded: [UInt8]?) {
        for counting in [false, true] {
            var decoder = Base64Decoder(counting: counting)
            let read = Array(text.utf8).withUnsafeBufferPointer { decoder.feedRun($0) }
            #expect(read == length)
            #expect(!decoder.failed)
            #expect(decoder.finish().map { counting ? decoder.count : $0.count } == decoded?.count)
            if !counting { #expect(decoder.finish() == decoded) }
        }
    }

    @Test("A run that is not valid base64 fails the decoder", arguments: ["QUJD=QUJD<", "Q===<", "QUJDRA==QUJD<"])
    func invalidRun(text: String) {
        for counting in [false, true] {
            var decoder = Base64Decoder(counting: counting)
            _ = Array(text.utf8).withUnsafeBufferPointer { decoder.feedRun($0) }
            #expect(decoder.failed)
        }
    }
}
