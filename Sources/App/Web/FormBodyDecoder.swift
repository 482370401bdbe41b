import Vapor

/// Vapor's decoder of `application/x-www-form-urlencoded` bodies, without NUL characters: no
/// text a form asks for holds one, PostgreSQL refuses to store it (the whole form would come back
/// as "Forespørgslen kunne ikke forstås") and SQLite would keep it. The character is dropped as
/// `QueryParameters` drops it from a query: `%00`, and a raw zero byte, are taken out of the body
/// before it is decoded. (A multipart form's files may hold zero bytes; its fields are left as
/// sent.)
struct FormBodyDecoder: ContentDecoder {
    private let decoder = URLEncodedFormDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decoder.decode(D.self, from: Self.withoutNUL(body), headers: headers)
    }

    func decode<D: Decodable>(
        _ decodable: D.Type,
        from body: ByteBuffer,
        headers: HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        try decoder.decode(D.self, from: Self.withoutNUL(body), headers: headers, userInfo: userInfo)
    }

    /// The body without `%00` and zero bytes, read as whole escapes (`%XX`), so that nothing taken
    /// out leaves a new `%00` behind (`%%0000`). The same buffer when it has neither, or when a
    /// `%` starts no escape: the decoder refuses such a body as it always has.
    static func withoutNUL(_ body: ByteBuffer) -> ByteBuffer {
        let bytes = Array(body.readableBytesView)
        let percent = UInt8(ascii: "%")
        let zero = UInt8(ascii: "0")
        func isHex(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var dropped = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == percent {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return body }
                if bytes[index + 1] == zero, bytes[index + 2] == zero {
                    dropped = true
                } else {
                    kept.append(contentsOf: bytes[index...index + 2])
                }
                index += 3
            } else {
                if byte == 0 { dropped = true } else { kept.append(byte) }
                index += 1
            }
        }
        return dropped ? ByteBuffer(bytes: kept) : body
    }
}
