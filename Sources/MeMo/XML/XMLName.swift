/// An element's expanded name: namespace and local name, whatever prefix the document used.
struct XMLName: Hashable, Sendable {
    /// The namespace an element name is in.
    enum Namespace: Hashable, Sendable {
        case known(MeMoNamespace)
        case other(String)
        /// An unprefixed name with no default namespace in scope.
        case none
    }

    let namespace: Namespace
    let local: String

    init(_ namespace: MeMoNamespace, _ local: String) {
        self.namespace = .known(namespace)
        self.local = local
    }

    init(namespace: Namespace, local: String) {
        self.namespace = namespace
        self.local = local
    }

    static func memo(_ local: String) -> XMLName { XMLName(.memo, local) }

    /// How the name appears in an error path: MeMo's own names bare (`label`), borrowed ones with
    /// their usual prefix (`grd:CPRdata`), anything else with its namespace (`{urn:x}label`), so a
    /// look-alike in another namespace is never shown as the real element.
    var display: String {
        switch namespace {
        case .known(.memo): local
        case .known(let namespace): "\(namespace.prefix):\(local)"
        case .other(let uri): "{\(uri)}\(local)"
        case .none: "{}\(local)"
        }
    }

    /// MeMo elements that may repeat; error paths give their position, as in `File[1]`.
    var isRepeatable: Bool {
        namespace == .known(.memo) && Self.repeatableMeMoNames.contains(local)
    }

    private static let repeatableMeMoNames: Set<String> = [
        "ReplyData", "AdditionalReplyData", "ContactInfo", "AdditionalContentData", "AdditionalDocument",
        "TechnicalDocument", "File", "Action",
    ]
}
