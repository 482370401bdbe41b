/// `form:FORMdata`: the public sector's task classification (FORM, Fællesoffentlig
/// Referencemodel) of the letter.
public struct MeMoFORMData: Hashable, Sendable {
    /// Opgavenøgle, for example `00.00.00.00`.
    public var taskKey: String
    public var version: String
    /// Handlingsfacet.
    public var activityFacet: String?
    public var label: String

    public init(taskKey: String, version: String, activityFacet: String? = nil, label: String) {
        self.taskKey = taskKey
        self.version = version
        self.activityFacet = activityFacet
        self.label = label
    }
}
