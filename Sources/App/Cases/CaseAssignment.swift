import AlmenDomain
import Fluent
import SQLKit
import Vapor

struct AddCaseAssignee: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseFile.schema).field("assignee_id", .uuid, .references(StaffUser.schema, .id))
            .update()
        try await database.schema(CaseFile.schema).field("assigned_at", .datetime).update()
        try await SchemaIndex.create("cases_assignee", on: CaseFile.schema, columns: ["assignee_id"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await SchemaIndex.drop("cases_assignee", in: database)
        try await database.schema(CaseFile.schema).deleteField("assigned_at").update()
        try await database.schema(CaseFile.schema).deleteField("assignee_id").update()
    }
}

/// Who handles a case (sagsbehandler): a caseworker assigned to the case's organisation, or an
/// administrator. A caseworker takes a case, or hands it (or many from the inbox at once) to a
/// colleague who may see it; each assignment is audited.
enum CaseAssignment {
    /// Someone cases can be given to, as a choice of a select.
    protocol Choice {
        var id: UUID { get }
        var name: String { get }
    }

    struct Candidate: Decodable, Sendable, Choice {
        let id: UUID
        let name: String
        /// The organisations they may handle cases of; nil for an administrator (all of them).
        let organisation_id: UUID?
    }

    /// A member of staff who may handle cases of some of the organisations asked for.
    struct Member: Decodable, Sendable, Choice {
        let id: UUID
        let name: String
    }

    /// The active staff who may handle cases of any of `organisations` (of every one when nil),
    /// each once, by name: whom the inbox's ticked cases can go to. One row a person, not one
    /// for each of their organisations (`candidates`): an administrator's inbox read 72 rows for
    /// 42 people.
    static func members(of organisations: [UUID]?, on database: any SQLDatabase) async throws -> [Member] {
        var query: SQLQueryString = """
            SELECT s.id, s.name FROM staff_users s WHERE s.active = \(bind: true)
            AND (s.role = \(bind: StaffRole.administrator.rawValue) OR s.role = \(bind: StaffRole.caseworker.rawValue)
            AND EXISTS (SELECT 1 FROM staff_assignments a WHERE a.staff_user_id = s.id
            """
        if let organisations {
            query += organisations.isEmpty ? " AND 1 = 0" : " AND a.organisation_id IN (\(binds: organisations))"
        }
        return try await database.raw(query + ")) ORDER BY s.name, s.id").preparedRows(decoding: Member.self)
    }

    /// The active staff who may handle cases of `organisations` (every organisation when nil),
    /// one row per member and organisation, by name.
    static func candidates(of organisations: [UUID]?, on database: any SQLDatabase) async throws -> [Candidate] {
        try await database.raw(candidatesQuery(of: organisations) + " ORDER BY 2, 1").preparedRows(
            decoding: Candidate.self
        )
    }

    /// The statement of `candidates` (`id`, `name`, `organisation_id`), for other statements to
    /// read from as a subquery.
    static func candidatesQuery(of organisations: [UUID]?) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT s.id, s.name, CAST(NULL AS UUID) AS organisation_id FROM staff_users s
            WHERE s.active = \(bind: true) AND s.role = \(bind: StaffRole.administrator.rawValue)
            UNION ALL
            SELECT s.id, s.name, a.organisation_id FROM staff_users s JOIN staff_assignments a ON a.staff_user_id = s.id
            WHERE s.active = \(bind: true) AND s.role = \(bind: StaffRole.caseworker.rawValue)
            """
        if let organisations {
            query += organisations.isEmpty ? " AND 1 = 0" : " AND a.organisation_id IN (\(binds: organisations))"
        }
        return query
    }

    /// The candidates as a select's options, each once, `selected` chosen.
    static func options(_ candidates: [some Choice], selected: UUID?) -> [SelectOption] {
        var seen: Set<UUID> = []
        return candidates.compactMap { candidate in
            guard seen.insert(candidate.id).inserted else { return nil }
            let value = candidate.id.lowercasedString
            return SelectOption(value: value, label: candidate.name, selected: candidate.id == selected)
        }
    }

    /// Whether `staffID` may handle a case of `organisationID`.
    static func may(_ staffID: UUID, handle organisationID: UUID, among candidates: [Candidate]) -> Bool {
        candidates.contains { $0.id == staffID && ($0.organisation_id == nil || $0.organisation_id == organisationID) }
    }

    struct Input: Content {
        var assignee: String?
        var cases: [String]?
        /// The inbox's query, to return to the same page of the same list.
        var back: String?
    }

    /// `POST /admin/sager/:caseID/tildel`: hands the case to a member of staff (`assignee`
    /// empty: to nobody).
    @Sendable
    static func assign(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self) else { throw Abort(.notFound) }
        let input = try req.content.decode(Input.self)
        let path = SiteRoute.staffCase(caseID).path
        switch try await handOver([caseID], to: input.assignee, principal, scope, req) {
        case .notFound: throw Abort(.notFound)
        case .refused: return req.redirect(to: path + "?besked=tildeling-afvist#tildeling", redirectType: .normal)
        case .done: return req.redirect(to: path + "?besked=tildelt#tildeling", redirectType: .normal)
        }
    }

    /// `POST /admin/sager/tildel`: hands the cases ticked in the inbox to one member of staff.
    @Sendable
    static func assignMany(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let input = try req.content.decode(Input.self)
        let back =
            LoginController.safeReturnPath(input.back).flatMap {
                $0.hasPrefix(SiteRoute.staffCases.path) ? $0 : nil
            } ?? SiteRoute.staffCases.path
        let ids = (input.cases ?? []).prefix(Keyset.pageSize).compactMap(UUID.init(uuidString:))
        let separator = back.contains("?") ? "&" : "?"
        let answer = { (message: String) in
            req.redirect(to: back + separator + message + "#tildeling-besked", redirectType: .normal)
        }
        guard !ids.isEmpty else { return answer("besked=ingen-valgt") }
        switch try await handOver(ids, to: input.assignee, principal, scope, req) {
        case .notFound: throw Abort(.notFound)
        case .refused: return answer("besked=tildeling-afvist")
        case .done:
            // Who got them (`modtager`; `til` is the list's last day).
            let to =
                input.assignee.flatMap(UUID.init(uuidString:)).map { "&modtager=\($0.lowercasedString)" } ?? ""
            return answer("besked=tildelt&antal=\(Set(ids).count)" + to)
        }
    }

    enum Outcome {
        case done
        /// A case is not in the caseworker's scope (or does not exist).
        case notFound
        /// The assignee may not handle one of the cases: nothing changed.
        case refused
    }

    /// Assigns every case or none.
    private static func handOver(
        _ caseIDs: [UUID],
        to assignee: String?,
        _ principal: Principal,
        _ scope: StaffScope,
        _ req: Request
    ) async throws -> Outcome {
        let cases = try await CaseFile.query(on: req.db).filter(\.$id ~~ caseIDs).scoped(\.$organisation.$id, to: scope)
            .all()
        guard cases.count == Set(caseIDs).count else { return .notFound }
        let staffID: UUID?
        if let assignee, !assignee.isEmpty {
            guard let id = UUID(uuidString: assignee) else { return .refused }
            let candidates = try await candidates(of: Array(Set(cases.map(\.$organisation.id))), on: try req.sql)
            guard cases.allSatisfy({ may(id, handle: $0.$organisation.id, among: candidates) }) else { return .refused }
            staffID = id
        } else {
            staffID = nil
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let audit = req.audit
        try await req.db.transaction { db in
            for caseFile in cases where caseFile.assigneeID != staffID {
                caseFile.assigneeID = staffID
                caseFile.assignedAt = staffID == nil ? nil : now
                try await caseFile.update(on: db)
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: try caseFile.requireID(),
                    kind: .assigned,
                    at: now,
                    by: principal.id,
                    staffID: staffID
                ).create(on: db)
                try await audit.record(
                    .caseAssign,
                    subjectKind: .`case`,
                    subjectID: try caseFile.requireID(),
                    purpose: AuditPurpose("caseAssignment"),
                    actor: principal,
                    on: db
                )
            }
        }
        return .done
    }
}
