import Fluent
import SQLKit
import Vapor

/// `/admin/api-noegler`: administrators make API keys for the administration's programs, see
/// when each was last used, and revoke them. A new key is shown once, on the page that made it;
/// only its hash is kept.
enum APITokensController {
    struct Context: Encodable {
        let page: PageChrome
        let action: String
        let tokens: [Listed]
        let name: String
        let error: String?
        /// The key just made, shown this once.
        let created: String?
        let notice: String?
        let importHref: String
        /// The form's one-time token.
        let token: String
        let pager: Pager
    }

    /// A key as the list shows it.
    struct Row: Decodable, Sendable {
        let id: UUID
        let name: String
        let scope: String
        let prefix: String
        let created_at: Date
        let last_used_at: Date?
        let revoked_at: Date?
    }

    /// What the page shows: the keys, newest first, a page from `cursor` on (one more than a
    /// page, for the pager). One statement.
    struct Page: Sendable {
        let keys: [Row]

        static func load(after cursor: UUID?, on database: any Database) async throws -> Page {
            Page(
                keys: try await database.sql().raw(
                    """
                    SELECT t.id, t.name, t.scope, t.prefix, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t
                    WHERE 1 = 1\(Keyset.after(cursor, table: "api_tokens", alias: "t", column: "created_at"))
                    ORDER BY t.created_at DESC, t.id DESC LIMIT \(literal: Keyset.pageSize + 1)
                    """
                ).rows(decoding: Row.self)
            )
        }
    }

    struct Listed: Encodable {
        let id: String
        let name: String
        let prefix: String
        let scope: String
        let created: String
        let lastUsed: String?
        let revoked: String?
        let revokeAction: String?
    }

    static let maxName = 100

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let message = req.queryValue("besked")
        let notice = message == "spaerret" ? "apiKeyRevoked" : message == "bekraeft" ? "apiKeyRevokeConfirm" : nil
        return try await render(req, try await page(req), name: "", error: nil, created: nil, notice: notice)
    }

    /// The page the request asks for (`?foer=`).
    private static func page(_ req: Request) async throws -> Page {
        try await Page.load(after: Keyset.cursor(req), on: req.db)
    }

    /// `POST /admin/api-noegler`: a new key with a name, shown once. A key can feed the rent
    /// accounts the arrears run acts on, so it needs a fresh login, as a role change does.
    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.apiTokens.path)
        struct Input: Content {
            var name: String?
            var token: String?
        }
        let input = try? req.content.decode(Input.self)
        let name = DepartmentContactController.clean(input?.name)
        guard let submission = input?.token, UUID(uuidString: submission) != nil else {
            return req.redirect(to: SiteRoute.apiTokens.path, redirectType: .normal)
        }
        // The same form again (a reload): the key was made, and is not shown again.
        let madeBefore = { () async throws -> Response in
            try await render(req, try await page(req), name: "", error: nil, created: nil, notice: "apiKeyMadeBefore")
                .encodeResponse(for: req)
        }
        if try await APIToken.query(on: req.db).filter(\.$submissionToken == submission).count() > 0 {
            return try await madeBefore()
        }
        guard !name.isEmpty, name.count <= maxName else {
            return try await render(
                req,
                try await page(req),
                name: name,
                error: name.isEmpty ? "apiKeyErrorName" : "apiKeyErrorNameLong",
                created: nil,
                notice: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let key = APIToken.generate()
        let token = APIToken(
            id: req.application.dependencies.uuid(),
            name: name,
            scope: .ledger,
            token: key,
            submissionToken: submission,
            createdBy: principal.id,
            at: req.application.dependencies.now()
        )
        do {
            try await token.create(on: req.db)
        } catch {
            // Sent twice at once: the unique form token kept one.
            guard try await APIToken.query(on: req.db).filter(\.$submissionToken == submission).count() > 0 else {
                throw error
            }
            return try await madeBefore()
        }
        try await req.audit.record(
            .apiKeyCreate,
            subjectKind: .apiKey,
            subjectID: token.id,
            purpose: AuditPurpose("apiKeyCreated", ["name": .same(name), "prefix": .same(token.prefix)]),
            actor: principal
        )
        // Shown in this answer only: never in a URL, never stored.
        return try await render(req, try await page(req), name: "", error: nil, created: key, notice: nil)
            .encodeResponse(for: req)
    }

    /// `POST /admin/api-noegler/:tokenID/spaer`: the key stops working at once, once the
    /// administrator has ticked that they mean it (a program using it stops too).
    @Sendable
    static func revoke(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        guard let id = req.parameters.get("tokenID", as: UUID.self),
            let token = try await APIToken.find(id, on: req.db)
        else { throw Abort(.notFound) }
        guard (try? req.content.get(String.self, at: "confirm")) == "ja" else {
            return req.redirect(to: SiteRoute.apiTokens.path(query: [("besked", "bekraeft")]), redirectType: .normal)
        }
        if token.revokedAt == nil {
            token.revokedAt = req.application.dependencies.now()
            token.revokedBy = principal.id
            try await token.update(on: req.db)
            try await req.audit.record(
                .apiKeyRevoke,
                subjectKind: .apiKey,
                subjectID: token.id,
                purpose: AuditPurpose("apiKeyRevoked", ["name": .same(token.name), "prefix": .same(token.prefix)]),
                actor: principal
            )
        }
        return req.redirect(to: SiteRoute.apiTokens.path(query: [("besked", "spaerret")]), redirectType: .normal)
    }

    /// The page from what was loaded: the list's, a key refused with its problem, and the key just
    /// made.
    static func render(
        _ req: Request,
        _ loaded: Page,
        name: String,
        error: String?,
        created: String?,
        notice: String?
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let cursor = Keyset.cursor(req)
        let (tokens, pager) = Pager.page(
            loaded.keys,
            id: \.id,
            route: .apiTokens,
            query: [],
            cursor: cursor
        )
        return try await req.view.render(
            "api-tokens",
            Context(
                page: await PageChrome.make(for: req, title: strings["apiKeysTitle"] ?? ""),
                action: SiteRoute.apiTokens.path,
                tokens: tokens.map { token in
                    Listed(
                        id: token.id.lowercasedString,
                        name: token.name,
                        prefix: token.prefix + "…",
                        scope: strings["apiKeyScope_\(token.scope)"] ?? "",
                        created: DateText.timestamp(token.created_at, language),
                        lastUsed: token.last_used_at.map { DateText.timestamp($0, language) },
                        revoked: token.revoked_at.map { DateText.timestamp($0, language) },
                        revokeAction: token.revoked_at == nil ? SiteRoute.apiTokenRevoke(token.id).path : nil
                    )
                },
                name: name,
                error: error.flatMap { strings[$0] },
                created: created,
                notice: notice.flatMap { strings[$0] },
                importHref: req.application.almenConfig.publicBaseURL + SiteRoute.api(.ledgerImport).path,
                token: req.application.dependencies.uuid().lowercasedString,
                pager: pager
            )
        )
    }
}
