extension NgDPWire {
    /// A Spring-style page of ids. Items are read as text: a string or number, or an object with
    /// an id-like key, since the id lists' item shape is not documented.
    struct Page: Decodable {
        var content: [Item]?
        var number: Int?
        var size: Int?
        var totalElements: Int?
        var totalPages: Int?

        struct Item: Decodable {
            var text: String?

            private struct AnyKey: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            init(from decoder: any Decoder) throws {
                if let object = try? decoder.container(keyedBy: AnyKey.self) {
                    text =
                        ["messageUUID", "uuid", "id", "receiptId", "transmissionId"].lazy
                        .compactMap {
                            try? object.decodeIfPresent(LenientText.self, forKey: AnyKey(stringValue: $0))?.text
                        }
                        .first
                } else {
                    text = try LenientText(from: decoder).text
                }
            }
        }

        /// Missing counts are filled from what was asked and what came; an item that cannot be read
        /// as an id fails the whole page, so no message is skipped without anyone noticing.
        func page<ID>(requested: Int, size requestedSize: Int, id: (String) -> ID?) -> NgDPPage<ID>? {
            var ids: [ID] = []
            for item in content ?? [] {
                guard let text = item.text, let value = id(text) else { return nil }
                ids.append(value)
            }
            let number = self.number ?? requested
            return NgDPPage(
                content: ids,
                number: number,
                size: size ?? requestedSize,
                totalElements: totalElements ?? ids.count,
                totalPages: totalPages ?? (number + 1)
            )
        }
    }
}
