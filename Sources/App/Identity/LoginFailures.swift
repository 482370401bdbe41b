import Fluent
import Foundation
import SQLKit
import Vapor

/// Failed local logins, counted per account *and client* (finding 5 of the security review): five
/// failures from one client lock the account for that client for 15 minutes, while the same
/// account logs in from anywhere else. Someone guessing slows themselves down, and cannot lock an
/// administrator out by failing on purpose. Guessing from many clients at once is slowed for the
/// account as a whole: after `accountFailures` failures within an hour, one attempt a minute
/// (an administrator waits a minute, never a day). Each failure is counted by one statement, so
/// parallel guesses cannot lose a count; a row is removed by the nightly purge a day after its
/// last failure.
struct LoginFailures: Sendable {
    let database: any Database

    /// Rows older than this (and not locking) are removed by the nightly purge.
    static let kept: TimeInterval = 24 * 60 * 60
    /// Failures of an account from all clients within an hour after which it is slowed down.
    static let accountFailures = 10
    /// The wait between attempts on a slowed-down account.
    static let slowDown: TimeInterval = 60

    /// Until when the account is locked for the client (or slowed down for everyone), if it is.
    func lockedUntil(staff: UUID, client: String, now: Date) async throws -> Date? {
        struct Row: Decodable {
            let locked_until: Date?
            let recent: Int?
            let last: Date?
        }
        let row = try await sql.raw(
            """
            SELECT (SELECT locked_until FROM login_failures WHERE staff_user_id = \(bind: staff) AND client = \(bind: client))
                AS locked_until,
              CAST(SUM(total) AS BIGINT) AS recent, MAX(last_failure_at) AS last
            FROM login_failures WHERE staff_user_id = \(bind: staff) AND last_failure_at > \(bind: now.addingTimeInterval(-3600))
            """
        ).first(decoding: Row.self)
        if let locked = row?.locked_until, locked > now { return locked }
        if let recent = row?.recent, recent >= Self.accountFailures, let last = row?.last,
            last.addingTimeInterval(Self.slowDown) > now
        {
            return last.addingTimeInterval(Self.slowDown)
        }
        return nil
    }

    /// Counts a failure; the fifth in a row locks the account for the client (and starts the
    /// count again). Returns whether it locked.
    @discardableResult
    func record(staff: UUID, client: String, now: Date) async throws -> Bool {
        struct Row: Decodable { let failures: Int }
        let limit = LocalAccounts.maxFailures
        let row = try await sql.raw(
            """
            INSERT INTO login_failures (staff_user_id, client, failures, total, last_failure_at, locked_until)
            VALUES (\(bind: staff), \(bind: client), 1, 1, \(bind: now), NULL)
            ON CONFLICT (staff_user_id, client) DO UPDATE SET
              total = login_failures.total + 1,
              failures = CASE WHEN login_failures.failures + 1 >= \(bind: limit) THEN 0
                ELSE login_failures.failures + 1 END,
              locked_until = CASE WHEN login_failures.failures + 1 >= \(bind: limit)
                THEN \(bind: now.addingTimeInterval(LocalAccounts.lockout)) ELSE login_failures.locked_until END,
              last_failure_at = \(bind: now)
            RETURNING failures
            """
        ).first(decoding: Row.self)
        return row?.failures == 0
    }

    /// A successful login from the client forgets its failures.
    func clear(staff: UUID, client: String) async throws {
        try await sql.raw(
            "DELETE FROM login_failures WHERE staff_user_id = \(bind: staff) AND client = \(bind: client)"
        ).run()
    }

    /// Forgets every client's failures for the account (new credentials).
    func clearAll(staff: UUID) async throws {
        try await sql.raw("DELETE FROM login_failures WHERE staff_user_id = \(bind: staff)").run()
    }

    /// Removes rows a day after their last failure, unless they still lock.
    static func purge(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            DELETE FROM login_failures WHERE last_failure_at < \(bind: now.addingTimeInterval(-kept))
              AND (locked_until IS NULL OR locked_until < \(bind: now))
            """
        ).run()
    }

    private var sql: any SQLDatabase {
        get throws {
            guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
            return sql
        }
    }
}

/// Failed logins per account and client, replacing the account-wide count and lock of
/// `staff_users` (which let anyone lock an account out from anywhere).
struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite drops one column per ALTER TABLE.
        for name in ["failed_logins", "locked_until"] {
            try await database.schema(StaffUser.schema).deleteField(.init(stringLiteral: name)).update()
        }
        try await database.schema("login_failures")
            .field("staff_user_id", .uuid, .required, .references(StaffUser.schema, "id", onDelete: .cascade))
            .field("client", .string, .required)
            .field("failures", .int, .required)
            .field("total", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .field("locked_until", .datetime)
            .unique(on: "staff_user_id", "client")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
        try await database.schema(StaffUser.schema).field(
            .definition(name: .key("locked_until"), dataType: .datetime, constraints: [])
        ).update()
        try await database.schema(StaffUser.schema).field("failed_logins", .int, .required, .sql(.default(0))).update()
    }
}

extension Request {
    /// The client as seen behind the trusted proxies: the peer's address, or, when the peer is a
    /// trusted proxy, the last address in `X-Forwarded-For` that is not one (the proxies append
    /// what they saw; anything to its left could be written by the client). Normalised by
    /// `ClientAddress.key`.
    var clientAddress: String {
        let peer = ClientAddress.key(remoteAddress?.ipAddress ?? "unknown")
        let trusted = Set(application.almenConfig.trustedProxies.map(ClientAddress.key))
        guard trusted.contains(peer) else { return peer }
        let hops = headers[.xForwardedFor].joined(separator: ",").split(separator: ",")
            .map { ClientAddress.key(String($0)) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? peer
    }
}

/// One client, as login throttling and lock-out count them.
enum ClientAddress {
    /// The address without a port or brackets, an IPv4-mapped IPv6 address as IPv4, and an IPv6
    /// address as its /64 network (a host has a whole /64 to choose addresses from):
    /// "203.0.113.7:5678" → "203.0.113.7", "[2001:db8:1:2:3::9]:443" → "2001:db8:1:2::/64".
    static func key(_ address: String) -> String {
        var text = address.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        if text.hasPrefix("::ffff:"), text.contains(".") { text = String(text.dropFirst(7)) }
        guard text.contains(":") else { return text }
        let halves = text.components(separatedBy: "::")
        let head = halves[0].split(separator: ":").map(String.init)
        let tail = halves.count > 1 ? halves[1].split(separator: ":").map(String.init) : []
        let groups = head + Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail
        let network = groups.prefix(4).map {
            String($0.drop { $0 == "0" }).isEmpty ? "0" : String($0.drop { $0 == "0" })
        }
        return network.joined(separator: ":") + "::/64"
    }
}
