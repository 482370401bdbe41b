/// `AttentionPerson`: the person a message is for the attention of (att.).
/// `personID` may be a CPR-nummer: never log it.
public struct MeMoAttentionPerson: Hashable, Sendable {
    public var personID: String?
    public var label: String?

    public init(personID: String? = nil, label: String? = nil) {
        self.personID = personID
        self.label = label
    }
}
