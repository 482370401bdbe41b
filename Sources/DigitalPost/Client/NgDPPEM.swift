/// Where a PEM-encoded certificate or private key comes from: the text itself (from a secret
/// store or an environment variable) or a file.
///
/// `description` and the mirror never show PEM text, as it may be a private key.
public enum NgDPPEM: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    case text(String)
    case file(path: String)

    public var description: String {
        switch self {
        case .text(let text): "PEM text (\(text.utf8.count) bytes)"
        case .file(let path): "PEM file \(path)"
        }
    }

    public var debugDescription: String { "NgDPPEM(\(description))" }

    public var customMirror: Mirror { Mirror(self, children: ["source": description]) }
}
