import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A co-tenant's signature (medlejers underskrift) on an application to let the whole home or to
/// swap it: every tenant of the lease stands behind it, as every tenant signs a notice. The tenant
/// who sends the application signs by sending; each co-tenant is told by letter and signs on the
/// case's page with their own MitID login; a caseworker approves only when all have.
final class RequestCosignature: Model, @unchecked Sendable {
    static let schema = "request_cosignatures"

    @ID(key: .id) var id: UUID?
    /// The application: a row of `subletting_requests` or `swap_requests`.
    @Field(key: "request_id") var requestID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "signed_at") var signedAt: Date
    @Field(key: "authenticated_at") var authenticatedAt: Date

    init() {}

    init(id: UUID, requestID: UUID, principal: Principal, now: Date) {
        self.id = id
        self.requestID = requestID
        self.personID = principal.id
        self.signedAt = now
        self.authenticatedAt = principal.authTime
    }
}

struct CreateRequestCosignatures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestCosignature.schema)
            .id()
            .field("request_id", .uuid, .required)
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("signed_at", .datetime, .required)
            .field("authenticated_at", .datetime, .required)
            .unique(on: "request_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RequestCosignature.schema).delete()
    }
}

enum CoTenantSignatures {
    /// A sent application of a case, as the signatures see it.
    struct Application: Decodable, Sendable {
        let id: UUID
        let lease_id: UUID
        let filed_by: UUID
    }

    /// The sent applications to let the whole home or to swap it that `caseID` holds (one at
    /// most): `id`, `lease_id`, `filed_by`.
    private static func sentApplications(ofCase caseID: UUID) -> SQLQueryString {
        """
        SELECT id, lease_id, filed_by FROM subletting_requests
        WHERE case_id = \(bind: caseID) AND kind = \(bind: SublettingKind.whole.rawValue)
          AND status = \(bind: SublettingRequestStatus.sent.rawValue)
        UNION ALL
        SELECT id, lease_id, filed_by FROM swap_requests
        WHERE case_id = \(bind: caseID) AND status = \(bind: SublettingRequestStatus.sent.rawValue)
        """
    }

    /// The sent application to let the whole home or to swap it that `caseID` is about.
    static func application(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> Application? {
        try await sql.raw(sentApplications(ofCase: caseID)).first(decoding: Application.self)
    }

    struct Missing: Decodable, Sendable {
        let person_id: UUID
        let given_name: String
        let family_name: String
        var name: String { "\(given_name) \(family_name)" }
    }

    /// The lease's tenants, but the one who sent it, who have not signed the application: one
    /// statement.
    static func missing(_ application: Application, on sql: any SQLDatabase) async throws -> [Missing] {
        try await sql.raw(
            """
            SELECT lt.person_id, p.given_name, p.family_name FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
            WHERE lt.lease_id = \(bind: application.lease_id) AND lt.person_id <> \(bind: application.filed_by)
              AND NOT EXISTS (SELECT 1 FROM request_cosignatures s WHERE s.request_id = \(bind: application.id)
                AND s.person_id = lt.person_id)
            ORDER BY p.given_name, p.family_name, p.id
            """
        ).rows(decoding: Missing.self)
    }

    /// The letter to each co-tenant of the lease that an application waits for their signature,
    /// typeset before the transaction that sends it.
    static func requests(
        _ req: Request,
        leaseID: UUID,
        filer: Principal,
        what: String,
        address: String
    ) async throws -> [LetterService.Prepared] {
        let coTenants = try await LeaseTenant.query(on: req.db).filter(\.$lease.$id == leaseID)
            .filter(\.$person.$id != filer.id).all().map(\.$person.id)
        guard !coTenants.isEmpty else { return [] }
        let content = GeneralLetter(
            subject: MarkupText("Din medlejer har søgt om \(what)"),
            paragraphs: [
                MarkupText(
                    "\(filer.name) har den \(DateText.short(req.today, .da)) søgt om \(what) af jeres lejemål \(address) på Mit hjem."
                ),
                MarkupText(
                    "Alle lejere skal stå bag ansøgningen. Log ind på Mit hjem med MitID, find sagen under Mine sager, og skriv under. Vi kan først give tilladelse, når alle har skrevet under."
                ),
                MarkupText("Vil du ikke stå bag ansøgningen, så skriv til os på sagen."),
            ]
        )
        let service = req.application.letters()
        var letters: [LetterService.Prepared] = []
        for person in coTenants {
            letters.append(try await service.prepare(content, to: person, lease: leaseID))
        }
        return letters
    }

    /// What a case page shows a co-tenant: their form while they have not signed, or when they did.
    struct Card: Encodable {
        let action: String?
        let signed: String?
        /// The box was not ticked: the problem at the field.
        let error: String?
    }

    /// A co-tenant's part in a case's sent application: the application, and when they signed it.
    struct Signing: Decodable, Sendable {
        let request_id: UUID
        let signed_at: Date?
    }

    /// `personID`'s part in the application `caseID` holds, when they are a co-tenant of it (a
    /// tenant of its lease who did not send it): one statement.
    static func signing(ofCase caseID: UUID, by personID: UUID, on sql: any SQLDatabase) async throws -> Signing? {
        try await sql.raw(
            """
            SELECT a.id AS request_id, s.signed_at FROM (\(sentApplications(ofCase: caseID))) a
            JOIN lease_tenants lt ON lt.lease_id = a.lease_id AND lt.person_id = \(bind: personID)
            LEFT JOIN request_cosignatures s ON s.request_id = a.id AND s.person_id = \(bind: personID)
            WHERE a.filed_by <> \(bind: personID)
            LIMIT 1
            """
        ).first(decoding: Signing.self)
    }

    /// The co-tenant's card on `caseID`: their form while they have not signed, or when they did.
    static func card(
        _ signing: Signing,
        caseID: UUID,
        open: Bool,
        language: Language,
        refused: Bool,
        _ strings: [String: String]
    ) -> Card {
        Card(
            action: signing.signed_at == nil && open ? SiteRoute.myCaseCosign(caseID).path : nil,
            signed: signing.signed_at.map { DateText.timestamp($0, language) },
            error: refused && signing.signed_at == nil ? strings["coTenantSignErrorConfirm"] : nil
        )
    }

    /// `POST /mit-hjem/sager/:caseID/underskriv`: a co-tenant signs, with a recent MitID login and
    /// the box ticked. Signing twice keeps the first signature.
    @Sendable
    static func sign(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db),
            try await CaseParty.query(on: req.db).filter(\.$caseFile.$id == caseID)
                .filter(\.$person.$id == principal.id).count() > 0,
            let application = try await application(ofCase: caseID, on: try req.sql),
            application.filed_by != principal.id,
            try await LeaseTenant.query(on: req.db).filter(\.$lease.$id == application.lease_id)
                .filter(\.$person.$id == principal.id).count() > 0
        else { throw Abort(.notFound) }
        let page = SiteRoute.myCase(caseID).path
        guard caseFile.status == .open else { return req.redirect(to: page, redirectType: .normal) }
        try req.requireRecentAuthentication(principal, returnTo: page)
        guard (try? req.content.get(String.self, at: "confirm")) == "ja" else {
            return req.redirect(to: page + "?besked=medlejer-kryds#cosign-confirm", redirectType: .normal)
        }
        let now = req.application.dependencies.now()
        let uuid = req.application.dependencies.uuid
        do {
            try await req.db.transaction { db in
                try await RequestCosignature(id: uuid(), requestID: application.id, principal: principal, now: now)
                    .create(on: db)
                try await CaseEvent(
                    id: uuid(),
                    caseID: caseID,
                    kind: .coTenantSigned,
                    at: now,
                    by: nil,
                    detail: principal.name
                ).create(on: db)
            }
        } catch {
            // Signed already (a double click, another tab): the first signature stands.
            guard
                try await RequestCosignature.query(on: req.db).filter(\.$requestID == application.id)
                    .filter(\.$personID == principal.id).count() > 0
            else { throw error }
        }
        return req.redirect(to: page + "?besked=medlejer#medunderskrift", redirectType: .normal)
    }
}
