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

    /// The body without `%00` and zero bytes; the same buffer when it has neither.
    static func withoutNUL(_ body: ByteBuffer) -> ByteBuffer {
        let bytes = body.readableBytesView
        let percent = UInt8(ascii: "%")
        let zero = UInt8(ascii: "0")
        func isEncodedNUL(_ index: Int) -> Bool {
            bytes[index] == percent && index + 2 < bytes.endIndex && bytes[index + 1] == zero
                && bytes[index + 2] == zero
        }
        guard bytes.indices.contains(where: { bytes[$0] == 0 || isEncodedNUL($0) }) else { return body }
        var kept = ByteBuffer()
        kept.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0 {
                index += 1
            } else if isEncodedNUL(index) {
                index += 3
            } else {
                kept.writeInteger(bytes[index])
                index += 1
            }
        }
        return kept
    }
}
