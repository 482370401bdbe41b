/// One element of the parsed document, before it is read as MeMo. Only what MeMo can use is
/// kept: children, text, the root's attributes, and the decoded bytes of `File/content`.
struct XMLNode: Sendable {
    let name: XMLName
    /// The element's step in an error path: its display name, with its position among equally
    /// named siblings when it may repeat (`File[1]`).
    let pathComponent: String
    var children: [XMLNode] = []
    /// The UTF-8 text directly inside the element (white space between children included).
    var text: [UInt8] = []
    /// Set for `File/content` only: the decoded base64 (empty when contents are not kept).
    var binary: [UInt8]?
    /// Set for `File/content` when contents are not kept: how many bytes it decodes to.
    var skippedBinaryBytes: Int?
    /// Set for the root only; attribute names are expanded like element names.
    var attributes: [(name: XMLName, value: String)] = []

    init(name: XMLName, pathComponent: String) {
        self.name = name
        self.pathComponent = pathComponent
    }
}
