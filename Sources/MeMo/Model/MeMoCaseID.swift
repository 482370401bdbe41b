/// `CaseID`: the case (sag) the letter belongs to, and the case system that holds it; replies can
/// be threaded by it.
public struct MeMoCaseID: Hashable, Sendable {
    public var caseID: String
    public var caseSystem: String

    public init(caseID: String, caseSystem: String) {
        self.caseID = caseID
        self.caseSystem = caseSystem
    }
}
