import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The audit trail as people see it: administrators see every event, 50 a page by keyset; a
/// resident sees who (other than themselves) read or changed their data, and why. Both in plain
/// words: the action and the kind of record, never an event code or an id.
enum AuditController {
    struct Row: Encodable {
        let at: String
        let actor: String
        let action: String
        let subject: String
        let purpose: String

        /// Who, what, which record and why: the same, whenever.
        func saysTheSame(as other: Row) -> Bool {
            (actor, action, subject, purpose) == (other.actor, other.action, other.subject, other.purpose)
        }
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let pager: Pager
    }

    /// The administrators' log with its filters: what was done, a person's name (the resident the
    /// data is about, or who did it), and the days.
    struct LogContext: Encodable {
        let page: PageChrome
        let rows: [Row]
        let pager: Pager
        let action: String
        let search: String
        let actions: OptionList
        let period: ListPeriod.Fields
        let filtered: Bool
    }

    /// The log's filters as the query gives them; a day that is not a date, or days the wrong
    /// way round, are problems at their fields (`ListPeriod`), and no list is shown until they
    /// are mended.
    struct Filter {
        var search = ""
        var action: AuditAction?
        var period: ListPeriod

        init(_ req: Request) {
            search = Keyset.search(req) ?? ""
            action = req.queryValue("handling").flatMap(AuditAction.init(rawValue:))
            period = ListPeriod(req)
        }

        /// The query items that keep the filters from page to page.
        var query: [(String, String?)] {
            [
                ("q", search.isEmpty ? nil : search), ("handling", action?.rawValue),
            ] + period.query
        }

        var isEmpty: Bool { search.isEmpty && action == nil && period.isEmpty }

        /// The statement's conditions.
        var conditions: SQLQueryString {
            var sql: SQLQueryString = ""
            if let action { sql += " AND e.action = \(bind: action.rawValue)" }
            if !search.isEmpty {
                let people: SQLQueryString =
                    "SELECT x.id FROM people x WHERE " + Keyset.like("x.given_name || ' ' || x.family_name", search)
                let staff: SQLQueryString = "SELECT y.id FROM staff_users y WHERE " + Keyset.like("y.name", search)
                sql += " AND (e.data_subject_id IN (" + people + ") OR e.actor_id IN (" + people
                sql += ") OR e.actor_id IN (" + staff + "))"
            }
            return sql + period.condition("e", "at")
        }
    }

    static let pageSize = 50

    /// Danish alphabetical order (… Z, Æ, Ø, Å) for the actions' names, whichever language they are in.
    static let danishOrder = Locale(identifier: "da_DK")

    /// One event with its actor's name, as the queries below read it.
    struct Event: Decodable, Sendable {
        let id: UUID
        let at: Date
        let actor_kind: String
        let action: String
        let subject_kind: String?
        let purpose: String
        let purpose_en: String?
        let staff_name: String?
        let given_name: String?
        let family_name: String?
        /// The resident a helper acted for under a fuldmagt.
        let behalf_given_name: String?
        let behalf_family_name: String?
        /// Which case or letter, when the event is about one: its number, or its subject.
        let case_number: String?
        let letter_subject: String?
        /// The person whose data it was, for the staff's log (a list read writes an event per
        /// person, which would otherwise read as identical rows).
        let subject_given_name: String?
        let subject_family_name: String?
    }

    private static let columns: SQLQueryString = """
        SELECT e.id, e.at, e.actor_kind, e.action, e.subject_kind, e.purpose, e.purpose_en, s.name AS staff_name, p.given_name, p.family_name,
          b.given_name AS behalf_given_name, b.family_name AS behalf_family_name,
          c.number AS case_number, l.subject AS letter_subject,
          ds.given_name AS subject_given_name, ds.family_name AS subject_family_name
        FROM audit_events e
        LEFT JOIN staff_users s ON e.actor_kind = 'staff' AND s.id = e.actor_id
        LEFT JOIN people p ON e.actor_kind = 'resident' AND p.id = e.actor_id
        LEFT JOIN people b ON b.id = e.on_behalf_of
        LEFT JOIN cases c ON e.subject_kind = 'case' AND c.id = e.subject_id
        LEFT JOIN letters l ON e.subject_kind = 'letter' AND l.id = e.subject_id
        LEFT JOIN people ds ON ds.id = e.data_subject_id
        """

    /// What the administrators' log shows: a page of the events that pass `filter`, newest first
    /// (one more than a page, for the pager). One statement; none while the filter's days have a
    /// problem.
    struct LogPage: Sendable {
        let events: [Event]

        static func load(_ filter: Filter, after cursor: UUID?, on sql: any SQLDatabase) async throws -> LogPage {
            // A filter with a mistake shows the mistake, not a list that ignores part of it.
            guard filter.period.problems.isEmpty else { return LogPage(events: []) }
            return LogPage(
                events: try await sql.raw(
                    columns + " WHERE 1 = 1" + filter.conditions
                        + Keyset.after(cursor, table: "audit_events", alias: "e", column: "at")
                        + " ORDER BY e.at DESC, e.id DESC LIMIT \(literal: pageSize + 1)"
                ).rows(decoding: Event.self)
            )
        }
    }

    /// `/admin/revision`: every event, newest first, 50 a page (`?foer=<id>`), filtered by what
    /// was done (`handling`), a person's name (`q`: the resident the data is about, or who did
    /// it) and the days (`fra`, `til`).
    @Sendable
    static func administration(_ req: Request) async throws -> Response {
        _ = try req.requireAdministrator()
        let cursor = Keyset.cursor(req)
        let filter = Filter(req)
        let (shown, pager) = Pager.page(
            try await LogPage.load(filter, after: cursor, on: try req.sql).events,
            size: pageSize,
            id: \.id,
            route: .auditLog,
            query: filter.query,
            cursor: cursor
        )
        let strings = Strings.table(req.language)
        let options =
            [SelectOption(value: "", label: strings["auditFilterAllActions"] ?? "", selected: filter.action == nil)]
            + AuditAction.allCases.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["auditAction_\($0.rawValue)"] ?? "",
                    selected: $0 == filter.action
                )
            }.sorted { $0.label.compare($1.label, locale: Self.danishOrder) == .orderedAscending }
        return try await req.view.render(
            "audit",
            LogContext(
                page: await PageChrome.make(for: req, title: strings["auditTitle"] ?? ""),
                rows: describe(shown, language: req.language, namingWhose: true),
                pager: pager,
                action: SiteRoute.auditLog.path,
                search: filter.search,
                actions: OptionList(options),
                period: filter.period.fields(strings, labels: ("periodFrom", "periodTo")),
                filtered: !filter.isEmpty
            )
        ).encodeResponse(status: filter.period.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// `/mit-hjem/indsigt`: who has looked at my data, newest first, 50 a page (`?foer=<id>`):
    /// every read since the first, however many.
    @Sendable
    static func mine(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let (rows, pager) = try await insight(
            for: principal.id,
            after: Keyset.cursor(req),
            on: req.db,
            language: req.language
        )
        return try await req.view.render(
            "audit-mine",
            Context(
                page: await PageChrome.make(for: req, title: strings["auditMineTitle"] ?? ""),
                rows: rows,
                pager: pager
            )
        )
    }

    /// How many events a page of a person's insight reads at most: a caseworker who opens a
    /// list forty times a day makes forty events, which the page shows as one row.
    static let insightReadLimit = 1_000

    /// A page of the reads of a person's data by anyone else (staff, board members), newest
    /// first, after the event `cursor` names: one statement. A run of reads that say the same
    /// (who, what, which record, why) on one day is one row (`grouped`).
    static func insight(
        for personID: UUID,
        after cursor: UUID? = nil,
        on database: any Database,
        language: Language
    ) async throws -> (rows: [Row], pager: Pager) {
        let events = try await database.sql().raw(
            columns + """
                 WHERE e.data_subject_id = \(bind: personID) AND (e.actor_id IS NULL OR e.actor_id <> \(bind: personID))
                """ + Keyset.after(cursor, table: "audit_events", alias: "e", column: "at")
                + " ORDER BY e.at DESC, e.id DESC LIMIT \(literal: insightReadLimit + 1)"
        ).rows(decoding: Event.self)
        var groups = grouped(Array(events.prefix(insightReadLimit)), language: language)
        // The last run read may go on past the read's end: it waits for the next page, whole,
        // unless it is all there is to show.
        if events.count > insightReadLimit, groups.count > 1, groups.count <= pageSize { groups.removeLast() }
        let shown = Array(groups.prefix(pageSize))
        // Another page follows when rows were left, or events were (the last row may go on there).
        let more = groups.count > pageSize || events.count > insightReadLimit
        let pager = Pager(
            nextHref: more
                ? shown.last.map {
                    SiteRoute.myAuditTrail.path(query: [(Keyset.parameter, $0.oldest.lowercasedString)])
                } : nil,
            firstHref: cursor == nil ? nil : SiteRoute.myAuditTrail.path
        )
        return (shown.map(\.row), pager)
    }

    /// Events (newest first) in rows, where a run of events that read the same on one Danish day
    /// is one row: "3. december 2026 kl. 09.12–14.02", "Så listen over sager (12 gange)". Each
    /// row comes with its oldest event, where the next page goes on.
    static func grouped(_ events: [Event], language: Language) -> [(row: Row, oldest: UUID)] {
        let rows = describe(events, language: language)
        var groups: [(row: Row, newest: Date, oldest: Event, count: Int)] = []
        for (event, row) in zip(events, rows) {
            if let last = groups.last, last.row.saysTheSame(as: row),
                LocalDate(last.newest, timeZone: danishTimeZone) == LocalDate(event.at, timeZone: danishTimeZone)
            {
                groups[groups.count - 1].oldest = event
                groups[groups.count - 1].count += 1
            } else {
                groups.append((row, event.at, event, 1))
            }
        }
        let times = Strings.table(language)["auditTimes"] ?? "{count}"
        return groups.map { group in
            guard group.count > 1 else { return (group.row, group.oldest.id) }
            let row = Row(
                at: DateText.span(group.oldest.at, group.newest, language),
                actor: group.row.actor,
                action: "\(group.row.action) (\(times.replacingOccurrences(of: "{count}", with: "\(group.count)")))",
                subject: group.row.subject,
                purpose: group.row.purpose
            )
            return (row, group.oldest.id)
        }
    }

    /// Events in the visitor's words; `namingWhose`, the staff's log, also names the person whose
    /// data each was (the resident's own page is all theirs).
    static func describe(_ events: [Event], language: Language, namingWhose: Bool = false) -> [Row] {
        let strings = Strings.table(language)
        return events.map { event in
            let actor =
                event.staff_name
                ?? event.given_name.flatMap { given in event.family_name.map { "\(given) \($0)" } }
                ?? strings[
                    [
                        "anonymous": "auditActorAnonymous", "staff": "auditActorStaff",
                        AuditEvent.commandLine: "auditActorCommandLine", AuditEvent.apiKey: "auditActorAPIKey",
                    ][event.actor_kind] ?? "auditActorResident"
                ]
                ?? ""
            let behalf = event.behalf_given_name.flatMap { given in event.behalf_family_name.map { "\(given) \($0)" } }
            // "Sag 2026-000123", "Brev: Varsel om vandafbrydelse": which one, not only its kind.
            let record = [
                [event.subject_kind.flatMap { strings["auditSubject_\($0)"] }, event.case_number].compactMap { $0 }
                    .joined(separator: " "),
                event.letter_subject,
            ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            let whose =
                namingWhose
                ? event.subject_given_name.flatMap { given in event.subject_family_name.map { "\(given) \($0)" } } : nil
            let subject = [record, whose ?? ""].filter { !$0.isEmpty }.joined(separator: " – ")
            return Row(
                at: DateText.timestamp(event.at, language),
                actor: behalf.map { "\(actor) \(strings["auditOnBehalf"] ?? "") \($0)" } ?? actor,
                action: strings["auditAction_\(event.action)"] ?? strings["auditActionOther"] ?? "",
                // An event about no one record (a setting changed) says so with a dash.
                subject: subject.isEmpty ? "—" : subject,
                purpose: AuditPurpose.text(danish: event.purpose, english: event.purpose_en, language)
            )
        }
    }
}
