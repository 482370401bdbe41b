import Foundation

/// Reads HTTP's `Retry-After` (RFC 9110 §10.2.3): delay seconds or an HTTP date.
enum NgDPRetryAfter {
    /// Nil when absent or unreadable; a date in the past is zero.
    static func duration(from header: String?, now: Date) -> Duration? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        guard let date = httpDate(text) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
    }

    private static func httpDate(_ text: String) -> Date? {
        // A formatter per call: Retry-After is rare, and DateFormatter is not Sendable.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
