/// `EntryPoint`: the link of an action. Kept as the text given; the validator requires https.
public struct MeMoEntryPoint: Hashable, Sendable {
    public var url: String

    public init(url: String) {
        self.url = url
    }
}
