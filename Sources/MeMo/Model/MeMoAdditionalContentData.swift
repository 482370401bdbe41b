/// `AdditionalContentData`: one free name/value pair of content data, optionally grouped by type.
public struct MeMoAdditionalContentData: Hashable, Sendable {
    public var contentDataType: String?
    public var contentDataName: String
    public var contentDataValue: String

    public init(contentDataType: String? = nil, contentDataName: String, contentDataValue: String) {
        self.contentDataType = contentDataType
        self.contentDataName = contentDataName
        self.contentDataValue = contentDataValue
    }
}
