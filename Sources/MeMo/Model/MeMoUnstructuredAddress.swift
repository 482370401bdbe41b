/// `grd:UnstructuredAddress`: an address as one line of text.
public struct MeMoUnstructuredAddress: Hashable, Sendable {
    public var unstructured: String

    public init(unstructured: String) {
        self.unstructured = unstructured
    }
}
