/// `udd:Education`: an education (uddannelse) from Statistics Denmark's classification.
public struct MeMoEducation: Hashable, Sendable {
    public var educationCode: String
    public var educationName: String?

    public init(educationCode: String, educationName: String? = nil) {
        self.educationCode = educationCode
        self.educationName = educationName
    }
}
