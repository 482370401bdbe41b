import Foundation

extension NgDPError {
    /// The error for an answer outside 2xx. `operation` is method and path without the query.
    static func from(status: Int, retryAfter: String?, body: Data, operation: String, now: Date) -> NgDPError {
        switch status {
        case 400:
            let message = try? JSONDecoder().decode(NgDPWire.ErrorMessage.self, from: body)
            return .validation(message?.publicFieldErrors ?? [])
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 408: return .timeout
        case 409: return .conflict
        // Any other server error is treated as passing: the letter keeps its messageUUID, so a
        // retry cannot create a second letter, while a permanent failure would need a person.
        case 429, 500, 502, 503, 504, 507...599:
            return .unavailable(retryAfter: NgDPRetryAfter.duration(from: retryAfter, now: now))
        default:
            return .invalidResponse("\(operation): unexpected HTTP status \(status).")
        }
    }
}
