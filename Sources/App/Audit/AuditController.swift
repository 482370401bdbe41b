import Fluent
import Vapor

/// The audit trail as people see it: administrators see every event; a resident sees who (other
/// than themselves) read or changed their data, and why.
enum AuditController {
    struct Row: Encodable {
        let at: String
        let actor: String
        let action: String
        let subject: String
        let purpose: String
        let requestID: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let nextHref: String?
    }

    static let pageSize = 50

    /// `/admin/revision`: every event, newest first, 50 a page (`?side=2`).
    @Sendable
    static func administration(_ req: Request) async throws -> View {
        _ = try await req.requireAdministrator()
        let pageNumber = max(1, min(10_000, req.query[Int.self, at: "side"] ?? 1))
        let events = try await AuditEvent.query(on: req.db).sort(\.$at, .descending).sort(\.$id)
            .range(((pageNumber - 1) * pageSize)..<(pageNumber * pageSize + 1)).all()
        let rows = try await describe(Array(events.prefix(pageSize)), on: req.db, language: req.language)
        let strings = Strings.table(req.language)
        return try await req.view.render("audit", Context(
            page: await PageChrome.make(for: req, title: strings["auditTitle"] ?? ""),
            rows: rows,
            nextHref: events.count > pageSize ? SiteRoute.auditLog.path(query: [("side", "\(pageNumber + 1)")]) : nil
        ))
    }

    /// `/mit-hjem/indsigt`: who has looked at my data.
    @Sendable
    static func mine(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        return try await req.view.render("audit-mine", Context(
            page: await PageChrome.make(for: req, title: strings["auditMineTitle"] ?? ""),
            rows: try await insight(for: principal.id, on: req.db, language: req.language), nextHref: nil
        ))
    }

    /// The latest 200 reads of a person's data by anyone else (staff, board members), newest first.
    static func insight(for personID: UUID, on database: any Database, language: Language) async throws -> [Row] {
        let events = try await AuditEvent.query(on: database).filter(\.$dataSubjectID == personID)
            .group(.or) { $0.filter(\.$actorID != personID).filter(\.$actorID == nil) }
            .sort(\.$at, .descending).limit(200).all()
        return try await describe(events, on: database, language: language)
    }

    /// Names the actors with two queries for the whole page (no N+1).
    static func describe(_ events: [AuditEvent], on database: any Database, language: Language) async throws -> [Row] {
        let staffIDs = Set(events.filter { $0.actorKind == PrincipalKind.staff.rawValue }.compactMap(\.actorID))
        let personIDs = Set(events.filter { $0.actorKind == PrincipalKind.resident.rawValue }.compactMap(\.actorID))
        let staff = staffIDs.isEmpty ? [] : try await StaffUser.query(on: database).filter(\.$id ~~ staffIDs).all()
        let people = personIDs.isEmpty ? [] : try await Person.query(on: database).filter(\.$id ~~ personIDs).all()
        var names: [UUID: String] = [:]
        for member in staff { if let id = member.id { names[id] = member.name } }
        for person in people { if let id = person.id { names[id] = person.fullName } }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .da ? "da_DK" : "en_GB")
        formatter.timeZone = danishTimeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return events.map { event in
            Row(
                at: formatter.string(from: event.at),
                actor: event.actorID.flatMap { names[$0] } ?? event.actorKind,
                action: event.action,
                subject: [event.subjectKind, event.subjectID?.uuidString.lowercased()].compactMap { $0 }.joined(separator: " "),
                purpose: event.purpose,
                requestID: event.requestID
            )
        }
    }
}
