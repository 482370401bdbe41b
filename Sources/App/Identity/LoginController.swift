import AlmenDomain
import Fluent
import Vapor

/// Log in with OpenID Connect (MitID for residents, the staff provider for staff), and log out.
enum LoginController {
    struct ChooserContext: Encodable {
        let page: PageChrome
        let residentHref: String
        let staffHref: String
        let localHref: String
        let error: String?
        /// Logging in again to confirm a sensitive change.
        var reauthenticate = false
    }

    /// `/log-ind`: choose how to log in.
    @Sendable
    static func chooser(_ req: Request) async throws -> View {
        let strings = Strings.table(req.language)
        let returnTo = safeReturnPath(req.query["tilbage"])
        let fresh = req.queryValue("friskt") == "1" ? "1" : nil
        return try await req.view.render(
            "login",
            ChooserContext(
                page: await PageChrome.make(for: req, title: strings["loginTitle"] ?? ""),
                residentHref: SiteRoute.loginStart(.resident).path(query: [("tilbage", returnTo), ("friskt", fresh)]),
                staffHref: SiteRoute.loginStart(.staff).path(query: [("tilbage", returnTo), ("friskt", fresh)]),
                localHref: SiteRoute.localLogin.path(query: [("tilbage", returnTo)]),
                error: nil,
                reauthenticate: fresh != nil
            )
        )
    }

    /// `/log-ind/<audience>`: store state, nonce and verifier, then go to the provider.
    @Sendable
    static func start(_ req: Request) async throws -> Response {
        let audience = try audience(of: req)
        let token = req.application.dependencies.token
        let state = token()
        let nonce = token()
        let verifier = token()
        let now = req.application.dependencies.now()
        // "friskt=1": confirming a sensitive change, so the provider must authenticate anew.
        let fresh = req.queryValue("friskt") == "1"
        // Each start writes a row: a client that starts login after login is stopped here.
        guard await req.application.throttles.loginStart.allow(key: req.clientAddress, now: now) else {
            throw LoginFailure(error: OIDCError.tooManyStarts, audience: audience)
        }
        try await LoginAttempt(
            audience: audience,
            stateHash: PKCE.hash(state),
            nonce: nonce,
            codeVerifier: verifier,
            returnTo: safeReturnPath(req.query["tilbage"]) ?? defaultReturn(audience),
            createdAt: now,
            fresh: fresh
        ).create(on: req.db)
        do {
            let url = try await req.application.oidc(audience).authorizationURL(
                state: state,
                nonce: nonce,
                verifier: verifier,
                maxAge: fresh ? 0 : nil
            )
            let response = req.redirect(to: url)
            response.cookies[SessionCookie.login] = SessionCookie.value(state, maxAge: Int(LoginAttempt.lifetime))
            return response
        } catch {
            throw LoginFailure(error: error, audience: audience)
        }
    }

    /// `/log-ind/<audience>/retur`: the provider's redirect back with `code` and `state`.
    @Sendable
    static func callback(_ req: Request) async throws -> Response {
        let audience = try audience(of: req)
        let now = req.application.dependencies.now()
        do {
            if let providerError = req.queryValue("error") { throw OIDCError.providerError(providerError) }
            guard let state = req.queryValue("state"), let code = req.queryValue("code"),
                let started = req.cookies[SessionCookie.login]?.string, PKCE.hash(started) == PKCE.hash(state)
            else { throw OIDCError.stateMismatch }
            guard
                let attempt = try await LoginAttempt.query(on: req.db).filter(\.$stateHash == PKCE.hash(state))
                    .filter(\.$audience == audience.rawValue).first()
            else { throw OIDCError.stateMismatch }
            // Single use, whatever happens next.
            try await attempt.delete(on: req.db)
            guard now.timeIntervalSince(attempt.createdAt) <= LoginAttempt.lifetime else {
                throw OIDCError.loginExpired
            }
            let identity = try await req.application.oidc(audience).exchange(
                code: code,
                verifier: attempt.codeVerifier,
                nonce: attempt.nonce
            )
            // A broker that ignored max_age=0 shows it in auth_time (a minute's clock skew allowed).
            if attempt.fresh, identity.authTime < attempt.createdAt.addingTimeInterval(-60) { throw OIDCError.notFresh }
            // A tenant whose CPR number the register lacks: ask for the activation code.
            if audience == .resident, let digits = identity.cpr, let cpr = try? CPRNumber(digits),
                try await Person.query(on: req.db).filter(\.$cprLookupHash == req.application.cprVault.lookupHash(cpr))
                    .count() == 0
            {
                let response = try await ActivationController.beginPending(req, identity: identity, cpr: cpr)
                response.cookies[SessionCookie.login] = SessionCookie.expired
                return response
            }
            let principal = try await link(identity, audience: audience, on: req)
            let response = try await SessionStarter.begin(
                req,
                principal: principal,
                authTime: identity.authTime,
                returnTo: attempt.returnTo,
                purpose: AuditPurpose(audience == .resident ? "loginMitID" : "loginStaff")
            )
            response.cookies[SessionCookie.login] = SessionCookie.expired
            return response
        } catch let error as OIDCError {
            req.logger.warning(
                "Login refused",
                metadata: ["reason": "\(error.code)", "audience": "\(audience.rawValue)"]
            )
            // Anyone can make a callback fail: the audit log takes a few per client, not a flood.
            if await req.application.throttles.refusedLoginAudit.allow(key: req.clientAddress, now: now) {
                try? await req.audit.record(
                    .loginRefused,
                    purpose: AuditPurpose(
                        "loginRefused",
                        ["reason": .each(error.message)]
                    )
                )
            }
            throw LoginFailure(error: error, audience: audience)
        }
    }

    /// Matches the provider's identity to the register: residents by the keyed hash of their CPR
    /// number, staff by the login linked to their account (`StaffLinking`).
    static func link(
        _ identity: OIDCClient.Identity,
        audience: OIDCConfiguration.Audience,
        on req: Request
    ) async throws -> Principal {
        switch audience {
        case .resident:
            guard let digits = identity.cpr, let cpr = try? CPRNumber(digits) else {
                throw OIDCError.missingClaim("cpr")
            }
            guard
                let person = try await Person.query(on: req.db).filter(
                    \.$cprLookupHash == req.application.cprVault.lookupHash(cpr)
                ).first()
            else {
                throw OIDCError.unknownPerson
            }
            return Principal(
                kind: .resident,
                id: try person.requireID(),
                name: person.fullName,
                sessionID: req.application.dependencies.uuid(),
                authTime: identity.authTime
            )
        case .staff:
            let staff = try await StaffLinking.account(
                for: identity,
                on: req.db,
                audit: { account in
                    try await req.audit.record(
                        .staffLinked,
                        subjectKind: .staff,
                        subjectID: try account.requireID(),
                        purpose: AuditPurpose("staffLoginLinked")
                    )
                }
            )
            return Principal(
                kind: .staff,
                id: try staff.requireID(),
                name: staff.name,
                sessionID: req.application.dependencies.uuid(),
                authTime: identity.authTime
            )
        }
    }

    /// `POST /log-ud`: ends this session. `POST /log-ud/alle`: ends every session of the principal.
    @Sendable
    static func logout(_ req: Request) async throws -> Response {
        try await endSessions(req, everywhere: false)
    }

    @Sendable
    static func logoutEverywhere(_ req: Request) async throws -> Response {
        try await endSessions(req, everywhere: true)
    }

    private static func endSessions(_ req: Request, everywhere: Bool) async throws -> Response {
        if let principal = req.principal {
            try await req.db.transaction { db in
                let sessions = UserSession.query(on: db)
                if everywhere {
                    switch principal.kind {
                    case .resident: try await sessions.filter(\.$person.$id == principal.signedInID).delete()
                    case .staff: try await sessions.filter(\.$staffUser.$id == principal.id).delete()
                    }
                } else {
                    try await sessions.filter(\.$id == principal.sessionID).delete()
                }
                try await req.audit.record(
                    everywhere ? .logoutEverywhere : .logout,
                    purpose: AuditPurpose("logout"),
                    on: db
                )
            }
        }
        let response = req.redirect(to: SiteRoute.home.path)
        response.cookies[SessionCookie.session] = SessionCookie.expired
        response.cookies[SessionCookie.csrf] = SessionCookie.freshCSRF(req.application.dependencies.token())
        // A shared computer should not tell the next person which department was chosen.
        response.cookies[HelpController.departmentCookie] = SessionCookie.expired
        return response
    }

    static func audience(of req: Request) throws -> OIDCConfiguration.Audience {
        guard let audience = req.parameters.get("audience").flatMap(OIDCConfiguration.Audience.init(rawValue:)) else {
            throw Abort(.notFound)
        }
        return audience
    }

    static func defaultReturn(_ audience: OIDCConfiguration.Audience) -> String {
        audience == .resident ? SiteRoute.myHome.path : SiteRoute.staffCases.path
    }

    /// Only paths on this site: `/x`, never `//host` or `https://...` (no open redirect). Only the
    /// printable ASCII of a URL path and query is allowed: browsers drop tabs and line breaks
    /// before they read a URL, so `/\t/evil.example` would otherwise reach another host.
    static func safeReturnPath(_ value: String?) -> String? {
        guard let value, value.utf8.count < 512, value.hasPrefix("/"), !value.hasPrefix("//"),
            value.utf8.allSatisfy(isPathByte)
        else { return nil }
        return value
    }

    /// RFC 3986 unreserved and sub-delimiter characters, and `/ ? : @ %`; no back-slash, white
    /// space, control character or non-ASCII byte.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "-._~!$&'()*+,;=/?:@%".utf8.contains(byte)
        }
    }
}

/// A refused login, shown on the login page with its reason.
struct LoginFailure: Error {
    let error: OIDCError
    let audience: OIDCConfiguration.Audience

    init(error: OIDCError, audience: OIDCConfiguration.Audience) {
        self.error = error
        self.audience = audience
    }

    init(error: any Error, audience: OIDCConfiguration.Audience) {
        self.error = (error as? OIDCError) ?? .providerUnavailable
        self.audience = audience
    }
}

extension Application {
    private struct OIDCCacheKey: StorageKey { typealias Value = OIDCProviderCache }

    /// Provider metadata and keys, shared by the requests of this application.
    var oidcCache: OIDCProviderCache {
        get { storage[OIDCCacheKey.self] ?? OIDCProviderCache() }
        set { storage[OIDCCacheKey.self] = newValue }
    }

    /// The relying party for an audience, with the app's HTTP client and clock.
    func oidc(_ audience: OIDCConfiguration.Audience) -> OIDCClient {
        OIDCClient(
            configuration: audience == .resident ? almenConfig.identity.resident : almenConfig.identity.staff,
            redirectURI: IdentityConfig.redirectURI(audience, publicBaseURL: almenConfig.publicBaseURL),
            http: client,
            cache: oidcCache,
            now: dependencies.now
        )
    }
}
