/// Reads the children of one element in XSD sequence order: each call takes the next child if it
/// has the expected name, and `finish` refuses whatever is left (unknown, repeated, out of order,
/// or in another namespace).
struct ChildCursor {
    let node: XMLNode
    let path: String
    private var position = 0

    /// `path` is the element's own path. Text other than white space is refused: MeMo's complex
    /// elements hold elements only.
    init(_ node: XMLNode, path: String) throws(MeMoParseError) {
        guard node.text.allSatisfy(MeMoDate.isXMLSpace) else {
            throw .invalidValue(path: path, reason: "text is not allowed in this element")
        }
        self.node = node
        self.path = path
    }

    func childPath(_ child: XMLNode) -> String {
        Self.join(path, child.pathComponent)
    }

    static func join(_ path: String, _ component: String) -> String {
        path.isEmpty ? component : "\(path).\(component)"
    }

    private mutating func take(_ name: XMLName) -> XMLNode? {
        guard position < node.children.count, node.children[position].name == name else { return nil }
        defer { position += 1 }
        return node.children[position]
    }

    /// The error for a required element that is not next. The child in its place is the one at
    /// fault when the required element comes later (order) or when the child has the same local
    /// name in another namespace (a look-alike); otherwise the element is missing.
    private func absent(_ name: XMLName) -> MeMoParseError {
        let rest = node.children[min(position, node.children.count)...]
        if let misplaced = rest.first,
            misplaced.name.local == name.local || rest.contains(where: { $0.name == name })
        {
            return .unexpectedElement(path: childPath(misplaced))
        }
        return .missingElement(path: Self.join(path, name.display))
    }

    mutating func required<T>(
        _ name: XMLName,
        _ read: (XMLNode, String) throws(MeMoParseError) -> T
    ) throws(MeMoParseError) -> T {
        guard let child = take(name) else { throw absent(name) }
        return try read(child, childPath(child))
    }

    mutating func optional<T>(
        _ name: XMLName,
        _ read: (XMLNode, String) throws(MeMoParseError) -> T
    ) throws(MeMoParseError) -> T? {
        guard let child = take(name) else { return nil }
        return try read(child, childPath(child))
    }

    mutating func repeated<T>(
        _ name: XMLName,
        _ read: (XMLNode, String) throws(MeMoParseError) -> T
    ) throws(MeMoParseError) -> [T] {
        var values: [T] = []
        while let child = take(name) {
            values.append(try read(child, childPath(child)))
        }
        return values
    }

    /// Like `repeated`, but at least one.
    mutating func oneOrMore<T>(
        _ name: XMLName,
        _ read: (XMLNode, String) throws(MeMoParseError) -> T
    ) throws(MeMoParseError) -> [T] {
        let values = try repeated(name, read)
        guard !values.isEmpty else { throw absent(name) }
        return values
    }

    mutating func text(_ name: XMLName) throws(MeMoParseError) -> String {
        try required(name, LeafReader.string)
    }

    mutating func optionalText(_ name: XMLName) throws(MeMoParseError) -> String? {
        try optional(name, LeafReader.string)
    }

    /// A MeMo element's text, by local name.
    mutating func text(_ local: String) throws(MeMoParseError) -> String {
        try text(.memo(local))
    }

    mutating func optionalText(_ local: String) throws(MeMoParseError) -> String? {
        try optionalText(.memo(local))
    }

    /// Refuses any child not read.
    func finish() throws(MeMoParseError) {
        if position < node.children.count {
            throw .unexpectedElement(path: childPath(node.children[position]))
        }
    }
}
