import AlmenDomain
import Fluent
import Vapor

/// The signed-in person behind a request: a resident (a person in the register) or staff.
struct Principal: Sendable {
    let kind: PrincipalKind
    let id: UUID
    let name: String
    let sessionID: UUID
    let authTime: Date
    /// The roles the principal holds today, worked out once per request with the session
    /// (`SessionLookup`); empty for a principal that is only being signed in.
    var roles: Set<Role> = []
    /// Set while a helper acts for a resident under a fuldmagt: `id`, `name` and `roles` are
    /// then the resident's, and this says who is really signed in.
    var acting: Acting? = nil
    /// The session was acting for someone whose fuldmagt has since ended (revoked, expired or
    /// the guardianship ended): the person now sees their own data, and is told so once.
    var actingEnded = false

    func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The person signed in: the helper while acting, else the principal.
    var signedInID: UUID { acting?.helperID ?? id }

    struct Acting: Sendable {
        let powerID: UUID
        let helperID: UUID
        let helperName: String
        /// The helper may file requests, not only read.
        let mayFile: Bool
    }
}

/// A role the principal holds (system.md, "Actors and what each may see").
enum Role: String, Codable, Sendable, CaseIterable {
    case tenant
    case householdMember = "household_member"
    case departmentBoardMember = "department_board_member"
    case organisationBoardMember = "organisation_board_member"
    /// Party to an open case without being a tenant of it (a sub-tenant, a swap partner): sees
    /// that case and nothing else of the lease.
    case otherParty = "other_party"
    case caseworker
    case administrator
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    /// The signed-in principal, set by `SessionAuthenticator`.
    var principal: Principal? {
        get { storage[PrincipalKey.self] }
        set { storage[PrincipalKey.self] = newValue }
    }

    /// A signed-in administrator, or 403 for other staff (and the login redirect for others).
    func requireAdministrator() throws -> Principal {
        let principal = try requirePrincipal(.staff)
        guard principal.has(.administrator) else { throw Abort(.forbidden) }
        return principal
    }

    /// Sensitive changes (Digital Post connections, letter templates) need an authentication no
    /// older than this; an older session is sent to log in again first (issue: Identity, item 5).
    static let recentAuthentication: TimeInterval = 15 * 60

    /// Throws `ReauthenticationRequired` when `principal` authenticated too long ago; after a fresh
    /// login the person returns to `returnTo` (the form) and submits again.
    func requireRecentAuthentication(_ principal: Principal, returnTo: String) throws {
        guard application.dependencies.now().timeIntervalSince(principal.authTime) <= Self.recentAuthentication else {
            throw ReauthenticationRequired(returnTo: returnTo)
        }
    }

    /// The principal, or 401 (API) / a redirect to the login page (pages).
    func requirePrincipal(_ kind: PrincipalKind) throws -> Principal {
        guard let principal, principal.kind == kind else { throw LoginRequired(kind: kind) }
        return principal
    }
}

/// A sensitive change asked of a session whose authentication is too old: the error middleware
/// sends the person to log in again (fresh) and back to `returnTo`.
struct ReauthenticationRequired: Error {
    let returnTo: String
}

/// Thrown where a page needs a signed-in principal of a kind; the error middleware turns it into
/// 401 for the API and a redirect to the login page for pages.
struct LoginRequired: Error {
    let kind: PrincipalKind
}
