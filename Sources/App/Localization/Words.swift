import LeafKit

/// The UI's words in one language, as a page's layout reads them (`page.t.key`).
///
/// Encoding the whole table into Leaf on every request cost about 5 % of a page's time (400 keys
/// per language); the table is turned into `LeafData` once per language and every page shares it.
struct Words: Encodable, LeafDataRepresentable, Sendable {
    let language: Language

    var leafData: LeafData {
        language == .da ? Self.danish : Self.english
    }

    /// Only reached by encoders other than Leaf's (which takes `leafData`).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Strings.table(language))
    }

    private static let danish = LeafData.dictionary(Strings.danish.mapValues(LeafData.string))
    private static let english = LeafData.dictionary(Strings.english.mapValues(LeafData.string))
}
