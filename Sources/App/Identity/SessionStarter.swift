import Fluent
import Vapor

/// Starts a session for a principal who has just proved who they are, writes the audit event in
/// the same transaction, and sets the cookie on the redirect. A session the browser already had
/// ends (whoever it was for), and the browser gets a new CSRF token, so nothing planted in the
/// browser before the login carries over into it.
enum SessionStarter {
    static func begin(
        _ req: Request,
        principal: Principal,
        authTime: Date,
        returnTo: String,
        purpose: AuditPurpose
    ) async throws -> Response {
        let token = req.application.dependencies.token()
        let session = UserSession(
            tokenHash: PKCE.hash(token),
            principalKind: principal.kind,
            personID: principal.kind == .resident ? principal.id : nil,
            staffUserID: principal.kind == .staff ? principal.id : nil,
            now: req.application.dependencies.now(),
            authTime: authTime
        )
        let previous = req.cookie(SessionCookie.session).map(PKCE.hash)
        try await req.db.transaction { db in
            if let previous { try await UserSession.query(on: db).filter(\.$tokenHash == previous).delete() }
            try await session.create(on: db)
            try await req.audit.record(
                .login,
                subjectKind: principal.kind == .resident ? .resident : .staff,
                subjectID: principal.id,
                dataSubjectID: principal.kind == .resident ? principal.id : nil,
                purpose: purpose,
                actor: principal,
                on: db
            )
        }
        let response = req.redirect(to: LoginController.safeReturnPath(returnTo) ?? SiteRoute.home.path)
        // A member of staff who chose English ("Mine indstillinger") works in it from the login on.
        // Danish is everyone's to begin with, so it does not undo the header's switch.
        if principal.kind == .staff,
            let chosen = try await StaffUser.find(principal.id, on: req.db).flatMap({
                Language(rawValue: $0.reminderLanguage)
            }),
            chosen != .da
        {
            response.cookies["lang"] = LanguageMiddleware.cookie(chosen, for: req)
        }
        response.cookies[SessionCookie.session] = SessionCookie.value(token, maxAge: Int(UserSession.absoluteLifetime))
        response.cookies[SessionCookie.csrf] = SessionCookie.freshCSRF(req.application.dependencies.token())
        return response
    }
}
