import Fluent
import Vapor

/// `/log-ind/konto`: staff log in with e-mail, password and a one-time code. Every failure gives
/// the same message (no hint whether the e-mail exists); five failures from one client lock the
/// account for that client for 15 minutes, and 10 in an hour from any clients slow the account to
/// one attempt a minute (`LoginFailures`); each client may try at most 20 times in 5 minutes. The
/// client is the address behind the trusted proxies (`Request.clientAddress`).
enum LocalLoginController {
    struct Context: Encodable {
        let page: PageChrome
        let action: String
        let email: String
        let error: String?
        /// Where to go after logging in (a safe local path), e.g. back to a form.
        let returnTo: String?
    }

    struct Form: Content {
        let email: String?
        let password: String?
        let code: String?
        let tilbage: String?
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        try await render(req, email: "", error: nil, returnTo: LoginController.safeReturnPath(req.query["tilbage"]))
    }

    static func render(_ req: Request, email: String, error: String?, returnTo: String?) async throws -> View {
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "local-login",
            Context(
                page: await PageChrome.make(for: req, title: strings["localLoginTitle"] ?? ""),
                action: SiteRoute.localLogin.path,
                email: email,
                error: error,
                returnTo: returnTo
            )
        )
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let strings = Strings.table(req.language)
        let email = (form.email ?? "").lowercased().trimmingCharacters(in: .whitespaces)
        let now = req.application.dependencies.now()
        let failure = { (key: String, status: HTTPStatus) async throws -> Response in
            let response = try await render(
                req,
                email: email,
                error: strings[key],
                returnTo: LoginController.safeReturnPath(form.tilbage)
            ).encodeResponse(for: req)
            response.status = status
            return response
        }
        let client = req.clientAddress
        guard await req.application.throttles.localLogin.allow(key: client, now: now) else {
            return try await failure("localClientThrottled", .tooManyRequests)
        }
        let staff = try await StaffUser.query(on: req.db).filter(\.$email == email).filter(\.$active == true).first()
        // Verify against a fixed hash when there is no account, so timing does not tell.
        let hash = staff?.passwordHash ?? LocalLoginController.decoyHash
        let passwordOK = try await req.password.async.verify(form.password ?? "", created: hash).get()
        guard let staff, staff.passwordHash != nil else { return try await failure("localLoginFailed", .badRequest) }
        let staffID = try staff.requireID()
        let failures = LoginFailures(database: req.db)
        if try await failures.lockedUntil(staff: staffID, client: client, now: now) != nil {
            try await req.audit.record(
                .loginRefused,
                subjectKind: .staff,
                subjectID: staff.id,
                purpose: AuditPurpose("accountLocked")
            )
            return try await failure("localLoginFailed", .badRequest)
        }
        let secret = try staff.totpSecret.map {
            try SecretBox(keys: req.application.almenConfig.cprKeys, purpose: "totp").open($0)
        }
        let step = secret.flatMap {
            LocalAccounts.acceptedStep(
                code: (form.code ?? "").filter(\.isNumber),
                secret: $0,
                now: now,
                lastStep: staff.totpLastStep
            )
        }
        guard passwordOK, let step else {
            try await failures.record(staff: staffID, client: client, now: now)
            try await req.audit.record(
                .loginRefused,
                subjectKind: .staff,
                subjectID: staff.id,
                purpose: AuditPurpose("localLoginFailed")
            )
            return try await failure("localLoginFailed", .badRequest)
        }
        try await failures.clear(staff: staffID, client: client)
        staff.totpLastStep = step
        try await staff.update(on: req.db)
        let principal = Principal(
            kind: .staff,
            id: staffID,
            name: staff.name,
            sessionID: req.application.dependencies.uuid(),
            authTime: now
        )
        return try await SessionStarter.begin(
            req,
            principal: principal,
            authTime: now,
            returnTo: LoginController.safeReturnPath(form.tilbage) ?? SiteRoute.home.path,
            purpose: AuditPurpose("localStaffAccount")
        )
    }

    /// bcrypt of a random value nobody knows.
    static let decoyHash = (try? Bcrypt.hash(PKCE.randomToken())) ?? ""
}
