/// Why an `NgDPConnection` cannot be used; reported when the client is created, at start-up,
/// rather than on the first letter. Messages name files, never token or key text.
public enum NgDPConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not an absolute `http` or `https` URL with a host, or it has a query or fragment.
    case invalidBaseURL(String)
    /// Empty, or with characters that cannot go in an HTTP header (spaces, control characters).
    case invalidToken
    /// The client certificate chain, its key, or an extra trust root cannot be read or used.
    case tls(String)

    public var description: String {
        switch self {
        case .invalidBaseURL(let reason): "The NgDP base URL is invalid: \(reason)"
        case .invalidToken: "The NgDP system token is empty or has characters not allowed in an HTTP header."
        case .tls(let reason): "The NgDP TLS configuration is invalid: \(reason)"
        }
    }
}
