import Foundation
import Vapor

/// At most `limit` attempts per key in a sliding window, per instance: a brake on guessing that
/// needs no shared state (the lock-out in the database is the shared one).
actor ClientThrottle {
    let limit: Int
    let window: TimeInterval
    private var attempts: [String: [Date]] = [:]

    init(limit: Int = 20, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Clients with an attempt in the window (the others are forgotten as the map grows).
    var clients: Int { attempts.count }

    /// Whether `key` has used its attempts in the window, without counting one.
    func blocked(key: String, now: Date) -> Bool {
        recent(key, now: now).count >= limit
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    func allow(key: String, now: Date) -> Bool {
        var recent = recent(key, now: now)
        guard recent.count < limit else {
            attempts[key] = recent
            return false
        }
        recent.append(now)
        attempts[key] = recent
        if attempts.count > Self.pruneAbove, now.timeIntervalSince(prunedAt ?? .distantPast) >= window {
            prune(now: now)
        }
        return true
    }

    /// Above this many clients, those with no attempt in the window are dropped, at most once a
    /// window (during an attack from many addresses, not on every call).
    static let pruneAbove = 1000
    private var prunedAt: Date?

    private func prune(now: Date) {
        attempts = attempts.filter { _, dates in dates.contains { now.timeIntervalSince($0) < window } }
        prunedAt = now
    }
}

/// The per-client brakes on what anyone may do without being known, each made once at start-up.
struct ClientThrottles: Sendable {
    /// Local password logins: 20 in 5 minutes.
    let localLogin = ClientThrottle()
    /// MitID and staff logins started (each writes a login attempt): 100 a minute, which caps a
    /// flood without ever meeting residents behind one shared address.
    let loginStart = ClientThrottle(limit: 100, window: 60)
    /// Refused login callbacks written to the audit log: 10 in 10 minutes; the rest are only logged.
    let refusedLoginAudit = ClientThrottle(limit: 10, window: 600)
    /// Pushes to the Digital Post endpoints with a wrong token: 10 in 10 minutes, then refused
    /// without a look.
    let pushFailures = ClientThrottle(limit: 10, window: 600)
    /// Codes typed by a signed-in person (a sub-tenant's code): 10 in 10 minutes per person.
    let typedCodes = ClientThrottle(limit: 10, window: 600)
    /// Calls to the API with a wrong key: 10 in 10 minutes, then refused without a look.
    let apiKeyFailures = ClientThrottle(limit: 10, window: 600)
}

extension Application {
    private struct ClientThrottlesKey: StorageKey { typealias Value = ClientThrottles }

    var throttles: ClientThrottles {
        get { storage[ClientThrottlesKey.self] ?? ClientThrottles() }
        set { storage[ClientThrottlesKey.self] = newValue }
    }

}
