/// Why a call to NgDP failed, by what the caller should do about it.
///
/// No case carries personal data or a secret: server texts are masked for CPR-shaped numbers
/// when they are taken in, the token is removed from library messages, and requests are named by
/// method and path without the query (where the look-up's CPR number travels). So `description`
/// is safe to log and to store with a letter.
public enum NgDPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 400: NgDP refused the request as invalid; the same request will be refused again. A request
    /// the client refuses before sending (a malformed CPR number) is reported the same way.
    case validation([NgDPFieldError])
    /// 401: the system token is missing, wrong or revoked.
    case unauthorized
    /// 403: the certificate or token is valid but not allowed this operation (for example an
    /// organisation not connected as a public sender).
    case forbidden
    /// 404: no such message or receipt (or a wrong base URL).
    case notFound
    /// 409: a conflict with an earlier request, such as a `messageUUID` that was sent before.
    /// For a retried letter that usually means the earlier attempt got through.
    case conflict
    /// 429, 502, 503, 504 and other server errors: try again later, no earlier than `retryAfter`
    /// when NgDP said so.
    case unavailable(retryAfter: Duration?)
    /// No complete answer within the configured connect or request timeout. The request may still
    /// have been carried out.
    case timeout
    /// The connection failed: refused, reset, closed mid-answer, TLS handshake refused, cancelled.
    case transport(String)
    /// An answer that does not fit the contract: an unexpected status, a body that cannot be
    /// decoded, or one larger than the limit.
    case invalidResponse(String)
    /// A send that NgDP accepted (a 2xx answer) whose receipt could not be read. The letter is
    /// with NgDP: it must not be sent again by another route, and a later receipt will say more.
    case acceptedWithoutReceipt(String)

    /// Whether the same request may succeed later: the outbox retries these and fails a letter
    /// permanently on the others.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .timeout, .transport: true
        case .validation, .unauthorized, .forbidden, .notFound, .conflict, .invalidResponse, .acceptedWithoutReceipt:
            false
        }
    }

    public var description: String {
        switch self {
        case .validation(let errors):
            errors.isEmpty
                ? "NgDP refused the request as invalid (400)."
                : "NgDP refused the request as invalid (400): "
                    + errors.map(\.description).joined(separator: "; ") + "."
        case .unauthorized: "NgDP did not accept the system token (401)."
        case .forbidden: "NgDP does not allow this system the operation (403)."
        case .notFound: "NgDP has no such resource (404)."
        case .conflict: "NgDP reports a conflict with an earlier request, such as a repeated messageUUID (409)."
        case .unavailable(let retryAfter):
            if let retryAfter {
                "NgDP is unavailable; retry after \(retryAfter.components.seconds) seconds."
            } else {
                "NgDP is unavailable; retry later."
            }
        case .timeout: "NgDP did not answer within the timeout."
        case .transport(let reason): "The connection to NgDP failed: \(reason)"
        case .invalidResponse(let reason): "NgDP's answer does not fit the contract: \(reason)"
        case .acceptedWithoutReceipt(let reason):
            "NgDP accepted the message, but its receipt could not be read: \(reason)"
        }
    }
}
