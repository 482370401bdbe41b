/// Base64 for `File/content`, writing into and reading from byte buffers directly: Foundation's
/// version would need the whole text as one `String` first, doubling the memory of a large file.
enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encodedCount(_ byteCount: Int) -> Int { (byteCount + 2) / 3 * 4 }

    /// Appends the padded base64 text of `source` to `output`, without line breaks.
    static func encode(_ source: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        let count = source.count
        guard count > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: encodedCount(count)))
        alphabet.withUnsafeBufferPointer { table in
            output.withUnsafeMutableBufferPointer { out in
                var input = 0
                var position = start
                while input + 3 <= count {
                    let value = UInt32(source[input]) << 16 | UInt32(source[input + 1]) << 8 | UInt32(source[input + 2])
                    out[position] = table[Int(value >> 18)]
                    out[position + 1] = table[Int(value >> 12 & 0x3F)]
                    out[position + 2] = table[Int(value >> 6 & 0x3F)]
                    out[position + 3] = table[Int(value & 0x3F)]
                    input += 3
                    position += 4
                }
                let rest = count - input
                if rest > 0 {
                    let value = UInt32(source[input]) << 16 | (rest == 2 ? UInt32(source[input + 1]) << 8 : 0)
                    out[position] = table[Int(value >> 18)]
                    out[position + 1] = table[Int(value >> 12 & 0x3F)]
                    out[position + 2] = rest == 2 ? table[Int(value >> 6 & 0x3F)] : UInt8(ascii: "=")
                    out[position + 3] = UInt8(ascii: "=")
                }
            }
        }
    }
}
