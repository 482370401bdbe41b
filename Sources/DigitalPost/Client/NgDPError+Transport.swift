import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

extension NgDPError {
    /// The error for a request that got no complete answer. Library messages are kept for
    /// diagnosis but scrubbed of `secrets` and CPR-shaped numbers first.
    static func from(transportError error: any Error, operation: String, secrets: [String]) -> NgDPError {
        if let error = error as? NgDPError { return error }
        if error is CancellationError {
            return .transport("\(operation): the request was cancelled.")
        }
        if let error = error as? NIOTooManyBytesError {
            let limit = error.maxBytes.map { " of \($0) bytes" } ?? ""
            return .invalidResponse("\(operation): the answer is larger than the limit\(limit).")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return .timeout
            case .remoteConnectionClosed, .uncleanShutdown:
                return .transport("\(operation): the server closed the connection before the answer was complete.")
            case .cancelled:
                return .transport("\(operation): the request was cancelled.")
            default:
                break
            }
        }
        if let error = error as? HTTPParserError, error == .invalidEOFState {
            return .transport("\(operation): the server closed the connection before the answer was complete.")
        }
        let detail = NgDPRedaction.scrub(String(describing: error), secrets: secrets)
        if error is NIOSSLError || error is BoringSSLError {
            return .transport("\(operation): TLS failed (\(detail)).")
        }
        return .transport("\(operation): \(detail)")
    }
}
