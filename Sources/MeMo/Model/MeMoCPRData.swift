/// `grd:CPRdata`: a person by CPR-nummer. Personal data: never log `cprNumber`.
public struct MeMoCPRData: Hashable, Sendable {
    public var cprNumber: String
    public var name: String?

    public init(cprNumber: String, name: String? = nil) {
        self.cprNumber = cprNumber
        self.name = name
    }
}
