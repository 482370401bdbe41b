import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Underretning af kommunen (rules.md §3): the municipality is told of a påkrav for a dwelling it
/// assigned (kommunalt anvist), and of every ophævelse for arrears (the tenant is at risk of
/// eviction). The letter holds only what the municipality needs (the tenants' names, the address,
/// the amount and dates; never a CPR number) and is kept on the case, made in the transaction of
/// the påkrav or the decision. Almen has no register of the municipalities' addresses or Digital
/// Post yet, so a caseworker sends it (on paper or by the municipality's secure mail) and records
/// that on the case; until then the case shows it as not sent.
final class MunicipalityNotice: Model, @unchecked Sendable {
    static let schema = "municipality_notices"

    enum Reason: String, Codable, Sendable {
        case paakrav
        case ophaevelse
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "reason") var reason: Reason
    /// The municipality's name, as the department has it ("Aarhus").
    @Field(key: "municipality") var municipality: String
    @Field(key: "pdf") var pdf: Data
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "sent_by") var sentBy: UUID?

    init() {}

    init(id: UUID, caseID: UUID, reason: Reason, municipality: String, pdf: Data, at: Date) {
        self.id = id
        self.caseID = caseID
        self.reason = reason
        self.municipality = municipality
        self.pdf = pdf
        self.createdAt = at
    }
}

struct CreateMunicipalityNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityNotice.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("reason", .string, .required)
            .field("municipality", .string, .required)
            .field("pdf", .data, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("sent_by", .uuid, .references(StaffUser.schema, "id"))
            .create()
        try await SchemaIndex.create(
            "municipality_notices_case",
            on: MunicipalityNotice.schema,
            columns: ["case_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MunicipalityNotice.schema).delete()
    }
}

/// The notices' letters, typeset from the organisation's general template to the municipality.
enum MunicipalityNotices {
    struct Lease: Decodable {
        let municipality: String
        let municipally_assigned: Bool
        let organisation_id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let tenants: String?

        var address: String {
            Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)
        }
    }

    /// What the letter needs of the lease: its municipality, whether the municipality assigned it,
    /// its address and its tenants' names (one statement).
    static func lease(_ leaseID: UUID, on database: any Database) async throws -> Lease? {
        let sql = try database.sql()
        let names =
            sql.dialect.name == "postgresql"
            ? "string_agg(p.given_name || ' ' || p.family_name, ', ' ORDER BY p.given_name)"
            : "group_concat(p.given_name || ' ' || p.family_name, ', ')"
        return try await sql.raw(
            """
            SELECT dep.municipality, d.municipally_assigned, dep.organisation_id, d.street, d.house_number, d.floor,
              d.door, d.postal_code, d.city,
              (SELECT \(unsafeRaw: names) FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
               WHERE lt.lease_id = l.id) AS tenants
            FROM leases l JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
            WHERE l.id = \(bind: leaseID)
            """
        ).first(decoding: Lease.self)
    }

    /// The letter of a notice: who, where, what was demanded and by when, and (for an ophævelse)
    /// that the lease is ophævet.
    static func content(
        _ reason: MunicipalityNotice.Reason,
        lease: Lease,
        sentOn: LocalDate,
        demanded: Money,
        deadline: LocalDate,
        today: LocalDate
    ) -> GeneralLetter {
        let tenants = lease.tenants ?? ""
        let place = "\(lease.address), \(lease.postal_code) \(lease.city)"
        let amount = "\(demanded.danish) i husleje og gebyr senest \(DateText.long(deadline, .da))"
        switch reason {
        case .paakrav:
            return GeneralLetter(
                subject: MarkupText("Underretning om påkrav: \(place)"),
                paragraphs: [
                    MarkupText("Kommunen har anvist boligen \(place) til \(tenants)."),
                    MarkupText(
                        "Vi har den \(DateText.short(sentOn, .da)) sendt lejeren et påkrav om at betale \(amount), jf. almenlejelovens § 90. Betales beløbet ikke, kan lejemålet blive ophævet."
                    ),
                    MarkupText(
                        "Vi underretter kommunen, fordi boligen er kommunalt anvist, så kommunen kan vurdere, om den kan hjælpe. Har I spørgsmål, kan I kontakte os."
                    ),
                ]
            )
        case .ophaevelse:
            return GeneralLetter(
                subject: MarkupText("Underretning om ophævelse: \(place)"),
                paragraphs: [
                    MarkupText(
                        "Vi har den \(DateText.short(today, .da)) ophævet lejemålet \(place) med \(tenants), fordi et påkrav fra \(DateText.short(sentOn, .da)) om at betale \(amount) ikke blev betalt inden fristen, jf. almenlejelovens § 90, stk. 1, nr. 1."
                    ),
                    MarkupText(
                        "Lejeren risikerer at blive sat ud af boligen. Vi underretter kommunen, så den kan vurdere, om den kan hjælpe. Har I spørgsmål, kan I kontakte os."
                    ),
                ]
            )
        }
    }

    /// Typesets a notice to "<municipality> Kommune" with the organisation's general template.
    static func pdf(
        _ content: GeneralLetter,
        lease: Lease,
        letters: LetterService
    ) async throws -> Data {
        try await letters.composeToOrganisation(
            content,
            name: "\(lease.municipality) Kommune",
            lines: ["Borgerservice"],
            from: lease.organisation_id
        ).pdf
    }
}

/// `/admin/sager/{caseID}/kommune/{noticeID}` (its PDF) and `.../sendt` (recorded as sent).
enum MunicipalityNoticeController {
    struct Item: Encodable {
        let title: String
        let made: String
        let sent: String?
        let pdfHref: String
        let sentAction: String?
    }

    struct Row: Decodable {
        let id: UUID
        let reason: String
        let municipality: String
        let created_at: Date
        let sent_at: Date?
        let sent_by_name: String?
    }

    /// The case's notices, oldest first (one statement).
    static func items(of caseID: UUID, req: Request) async throws -> [Item] {
        let strings = Strings.table(req.language)
        return try await req.sql.raw(
            """
            SELECT n.id, n.reason, n.municipality, n.created_at, n.sent_at, s.name AS sent_by_name
            FROM municipality_notices n LEFT JOIN staff_users s ON s.id = n.sent_by
            WHERE n.case_id = \(bind: caseID) ORDER BY n.created_at, n.id
            """
        ).rows(decoding: Row.self).map { row in
            Item(
                title: "\(strings["municipalityNotice_\(row.reason)"] ?? "") – \(row.municipality) Kommune",
                made: DateText.timestamp(row.created_at, req.language),
                sent: row.sent_at.map {
                    "\(strings["municipalitySentOn"] ?? "") \(DateText.timestamp($0, req.language))"
                        + (row.sent_by_name.map { " (\($0))" } ?? "")
                },
                pdfHref: SiteRoute.municipalityNotice(caseID, row.id).path,
                sentAction: row.sent_at == nil ? SiteRoute.municipalityNoticeSent(caseID, row.id).path : nil
            )
        }
    }

    private static func find(_ req: Request, scope: StaffScope) async throws -> (CaseFile, MunicipalityNotice) {
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let noticeID = req.parameters.get("noticeID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let notice = try await MunicipalityNotice.query(on: req.db).filter(\.$id == noticeID)
                .filter(\.$caseID == caseID).first()
        else { throw Abort(.notFound) }
        return (caseFile, notice)
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (caseFile, notice) = try await find(req, scope: scope)
        try await req.audit.record(
            .caseLetter,
            subjectKind: .`case`,
            subjectID: try caseFile.requireID(),
            purpose: "Sagsbehandling: underretning af kommunen i sag \(caseFile.number)",
            actor: principal
        )
        let response = Response(status: .ok, body: .init(data: notice.pdf))
        response.headers.contentType = .init(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "inline; filename=\"kommune-\(caseFile.number).pdf\""
        )
        return response
    }

    /// `POST`: the caseworker has sent the notice; recorded once, with an event in the case.
    @Sendable
    static func sent(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (caseFile, notice) = try await find(req, scope: scope)
        let caseID = try caseFile.requireID()
        let noticeID = try notice.requireID()
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let audit = req.audit
        try await req.db.transaction { db in
            struct Row: Decodable { let id: UUID }
            let marked = try await db.sql().raw(
                """
                UPDATE municipality_notices SET sent_at = \(bind: now), sent_by = \(bind: principal.id)
                WHERE id = \(bind: noticeID) AND sent_at IS NULL RETURNING id
                """
            ).rows(decoding: Row.self)
            guard !marked.isEmpty else { return }
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .municipalityNotified,
                at: now,
                by: principal.id,
                detail: notice.municipality
            ).create(on: db)
            try await audit.record(
                .caseLetter,
                subjectKind: .`case`,
                subjectID: caseID,
                purpose: "Sagsbehandling: kommunen underrettet i sag \(caseFile.number)",
                actor: principal,
                on: db
            )
        }
        return req.redirect(to: SiteRoute.staffCase(caseID).path + "#kommunen", redirectType: .normal)
    }
}
