import AlmenDomain
import Foundation
import SQLKit

/// What a case's page shows, for staff and for a party alike, in three statements whatever the
/// case holds: the case with its organisation, address and what was filed; beside it its parties,
/// deadlines and who may take it (`sides`); and its history (letters out and mail in).
enum CasePage {
    struct Header: Decodable, Sendable, CaseHeading, PaakravColumns, WholeSublettingColumns {
        let id: UUID
        let number: String
        let title: String
        /// The English beside a title the system gave (`CaseFile.titleEnglish`).
        let title_en: String?
        let kind: String
        let status: String
        let opened_at: Date
        let lease_id: UUID?
        let organisation_id: UUID
        let organisation_name: String
        let assignee_id: UUID?
        let assignee_name: String?
        let street: String?
        let house_number: String?
        let floor: String?
        let door: String?
        let postal_code: String?
        let city: String?
        /// A tenant's termination notice, for a termination case filed in the portal.
        let notice_forwarding_address: String?
        let notice_viewing: String?
        let notice_received_on: String?
        let notice_end_date: String?
        /// A notice after the tenant's death: who gave it, when the tenant died, and the
        /// representative with their address.
        let notice_estate_filer: String?
        /// For a notice after a death: the tenant who died.
        let notice_filed_by: UUID?
        let notice_died_on: String?
        let notice_representative_name: String?
        let notice_representative_address: String?
        /// The lease's end, and whether the move-out settlement was made.
        let lease_end_date: String?
        let settlement_count: Int
        /// The case's notices to the municipality (an arrears case's, a swap's with a landlord
        /// outside): the page reads them only when there are some.
        let municipality_notice_count: Int
        /// A tenant's notice of partial sub-letting, for a sub-letting case filed in the portal.
        let sublet_let_rooms: Int?
        let sublet_occupants: Int?
        let sublet_let_area: Int?
        let sublet_start: String?
        let sublet_subtenants: String?
        /// The tenant said the partial sub-letting approved before has ended.
        let sublet_earlier_ended: Bool?
        let habitable_rooms: Int?
        /// An application to let the whole home (`WholeSublettingPresentation.columns`).
        let sublet_kind: String?
        let sublet_end: String?
        let sublet_reason: String?
        let sublet_reason_text: String?
        let sublet_rent_ore: Int64?
        let lease_rent_ore: Int64?
        let sublet_has_documentation: Int
        let sublet_code_taken: Int
        let sublet_signed_at: Date?
        /// A resident's fault report, for a fault-report case filed in the portal, with how many
        /// photos came with it.
        let fault_location: String?
        let fault_description: String?
        let fault_master_key: Bool?
        let photo_count: Int
        /// A resident's request about their personal data: which right, in their words.
        let data_right: String?
        let data_text: String?
        /// The caseworker's decision, once made.
        let decision_outcome: String?
        let decision_reason: String?
        let decided_at: Date?
        /// The påkrav of an arrears case (`PaakravPresentation.columns`).
        let pk_sent_on: String?
        let pk_stated_deadline: String?
        let pk_arrears_ore: Int64?
        let pk_fee_ore: Int64?
        let pk_paid_before_ore: Int64?
        let pk_letters: Int
        let pk_arrived: Int
        let pk_last_arrival: String?
        let pk_failed: Int
        let pk_failed_letter: UUID?

        /// "Engvej 12, 2. th, 8000 Aarhus C", when the case is about a lease.
        var address: String? {
            guard let street, let house_number, let postal_code, let city else { return nil }
            return
                "\(Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)), \(postal_code) \(city)"
        }
    }

    struct Party: Decodable, Sendable {
        let person_id: UUID
        let role: String
        let given_name: String
        let family_name: String
        /// When the party signed the case's termination notice, if there is one and they have.
        let signed_at: Date?
        /// The party has died: their estate gave notice (`EstateNoticeController`).
        var deceased: Bool? = nil

        var name: String { "\(given_name) \(family_name)" }
        var partyRole: CasePartyRole { CasePartyRole(rawValue: role) ?? .otherParty }
    }

    /// A letter out (`outgoing` 1), mail in (0), or what was done in the case (2: `title` is its
    /// `CaseEvent.Kind`, with the staff who did it and the caseworker it was handed to).
    struct Event: Decodable, Sendable {
        let outgoing: Int
        let id: UUID
        let title: String?
        let at: Date
        let given_name: String?
        let family_name: String?
        /// A letter's: the subject of the message it answers ("" when it has none); an event's
        /// own detail.
        let detail: String?
        let by_name: String?
        let staff_name: String?
        /// Mail's sender, when the register knows them (staff's history only).
        var sender_id: UUID? = nil

        /// "Mette Hansen"; for a letter to an estate, the envelope's name.
        var who: String? {
            given_name.flatMap { given in
                family_name.map { "\(given) \($0)".trimmingCharacters(in: .whitespaces) }
            }
        }
    }

    /// A deadline of the case, met or not.
    struct Deadline: Decodable, Sendable {
        let kind: String
        let due_on: String
        let met_at: Date?

        var deadline: CaseDeadline? {
            guard let kind = CaseDeadlineKind(rawValue: kind), let due = LocalDate(iso: due_on) else { return nil }
            return CaseDeadline(kind: kind, due: due)
        }
    }

    /// What the staff page shows beside the case, in one statement: its parties (with their
    /// signatures of a termination notice), its deadlines, and the staff who may take it (the
    /// administrators, and the caseworkers of its organisation). Each part is a tagged row of a
    /// `UNION ALL` with the same columns; every `NULL` is cast for PostgreSQL.
    /// With `history`, the case's history too; with `ledgerOf`, that lease's account (a påkrav's).
    struct Sides: Sendable {
        var parties: [Party] = []
        var deadlines: [Deadline] = []
        var candidates: [CaseAssignment.Candidate] = []
        var history: [Event] = []
        var ledger = Ledger([])
    }

    static func sides(
        _ caseID: UUID,
        organisationID: UUID,
        history: Bool = false,
        ledgerOf leaseID: UUID? = nil,
        on database: any SQLDatabase
    ) async throws -> Sides {
        struct Row: Decodable {
            let tag: String
            let id: UUID
            let id2: UUID?
            let t1: String?
            let t2: String?
            let t3: String?
            let t4: String?
            let t5: String?
            let t6: String?
            let at: Date?
            let at2: Date?
            let n1: Int64?
        }
        let (text, time) = ("CAST(NULL AS TEXT)", "CAST(NULL AS TIMESTAMPTZ)")
        let (texts, none) = ("\(text), \(text), \(text)", "CAST(NULL AS BIGINT)")
        var query: SQLQueryString = """
            SELECT 'party' AS tag, cp.person_id AS id,
              CASE WHEN EXISTS (SELECT 1 FROM termination_notices dn WHERE dn.filed_by = cp.person_id
                AND dn.estate_filer IS NOT NULL) THEN cp.person_id ELSE CAST(NULL AS UUID) END AS id2,
              cp.role AS t1, p.given_name AS t2, p.family_name AS t3, \(unsafeRaw: text) AS t4,
              \(unsafeRaw: text) AS t5, \(unsafeRaw: text) AS t6, s.signed_at AS at, cp.added_at AS at2,
              \(unsafeRaw: none) AS n1
            FROM case_parties cp JOIN people p ON p.id = cp.person_id
            LEFT JOIN termination_notices n ON n.case_id = cp.case_id
            LEFT JOIN termination_signatures s ON s.notice_id = n.id AND s.person_id = cp.person_id
            WHERE cp.case_id = \(bind: caseID)
            UNION ALL
            SELECT 'deadline', dl.id, CAST(NULL AS UUID), dl.kind, dl.due_on, \(unsafeRaw: texts), \(unsafeRaw: text),
              dl.met_at, dl.created_at, \(unsafeRaw: none)
            FROM case_deadlines dl WHERE dl.case_id = \(bind: caseID)
            UNION ALL
            SELECT 'candidate', st.id, st.organisation_id, st.name, \(unsafeRaw: texts), \(unsafeRaw: text),
              \(unsafeRaw: text), \(unsafeRaw: time), \(unsafeRaw: time), \(unsafeRaw: none)
            FROM (
            """ + CaseAssignment.candidatesQuery(of: [organisationID]) + ") st"
        if history {
            query += """
                 UNION ALL
                SELECT 'history', h.id, h.sender_id, h.title, h.given_name, h.family_name, h.detail, h.by_name,
                  h.staff_name, h.at, \(unsafeRaw: time), CAST(h.outgoing AS BIGINT)
                FROM (
                """ + historyQuery(caseID) + ") h"
        }
        if let leaseID {
            query += """
                 UNION ALL
                SELECT 'ledger', le.id, CAST(NULL AS UUID), le.kind, le.entry_date, le.text, \(unsafeRaw: texts),
                  \(unsafeRaw: time), \(unsafeRaw: time), CAST(le.amount_ore AS BIGINT)
                FROM ledger_entries le WHERE le.lease_id = \(bind: leaseID)
                """
        }
        let rows = try await database.raw(query).preparedRows(decoding: Row.self)
        var sides = Sides()
        var partyJoined: [UUID: Date] = [:]
        var deadlineCreated: [Date] = []
        var ledger: [(id: UUID, date: String, entry: LedgerEntry)] = []
        for row in rows {
            switch row.tag {
            case "history":
                sides.history.append(
                    Event(
                        outgoing: Int(row.n1 ?? 2),
                        id: row.id,
                        title: row.t1,
                        at: row.at ?? .distantPast,
                        given_name: row.t2,
                        family_name: row.t3,
                        detail: row.t4,
                        by_name: row.t5,
                        staff_name: row.t6,
                        sender_id: row.id2
                    )
                )
            case "ledger":
                if let entry = LeaseAccount.entry(
                    kind: row.t1 ?? "",
                    date: row.t2 ?? "",
                    ore: row.n1 ?? 0,
                    text: row.t3 ?? ""
                ) {
                    ledger.append((row.id, row.t2 ?? "", entry))
                }
            case "party":
                sides.parties.append(
                    Party(
                        person_id: row.id,
                        role: row.t1 ?? "",
                        given_name: row.t2 ?? "",
                        family_name: row.t3 ?? "",
                        signed_at: row.at,
                        // A party whose estate gave notice has died (`id2` marks them).
                        deceased: row.id2 != nil
                    )
                )
                partyJoined[row.id] = row.at2
            case "deadline":
                sides.deadlines.append(Deadline(kind: row.t1 ?? "", due_on: row.t2 ?? "", met_at: row.at))
                deadlineCreated.append(row.at2 ?? .distantPast)
            default:
                sides.candidates.append(
                    CaseAssignment.Candidate(id: row.id, name: row.t1 ?? "", organisation_id: row.id2)
                )
            }
        }
        // The orders of the separate statements: parties as they joined, deadlines earliest
        // first (a receipt before an answer due the same day), staff by name.
        sides.parties.sort {
            let (a, b) = (partyJoined[$0.person_id] ?? .distantPast, partyJoined[$1.person_id] ?? .distantPast)
            return a != b ? a < b : $0.person_id.sortsBefore($1.person_id)
        }
        let created = Dictionary(zip(sides.deadlines.indices, deadlineCreated), uniquingKeysWith: { a, _ in a })
        sides.deadlines = sides.deadlines.indices.sorted {
            let (a, b) = (sides.deadlines[$0], sides.deadlines[$1])
            if a.due_on != b.due_on { return a.due_on < b.due_on }
            if created[$0] != created[$1] { return (created[$0] ?? .distantPast) < (created[$1] ?? .distantPast) }
            return a.kind > b.kind
        }.map { sides.deadlines[$0] }
        sides.candidates.sort { $0.name != $1.name ? $0.name < $1.name : $0.id.sortsBefore($1.id) }
        // The history oldest first, and the account by date, as their own statements order them.
        sides.history.sort { $0.at != $1.at ? $0.at < $1.at : $0.id.sortsBefore($1.id) }
        ledger.sort { $0.date != $1.date ? $0.date < $1.date : $0.id.sortsBefore($1.id) }
        sides.ledger = Ledger(ledger.map(\.entry))
        return sides
    }

    /// What a party's page shows beside the history, in one statement: the case and the person's
    /// role in it, whether they co-signed its neighbour complaint, the answer still due, a
    /// sub-letting agreement, the fault report with its photos, and the decision.
    struct PartyDetails: Decodable, Sendable, CaseHeading, PaakravColumns, WholeSublettingColumns {
        let id: UUID
        let number: String
        let title: String
        let title_en: String?
        let kind: String
        let status: String
        let opened_at: Date
        let lease_id: UUID?
        /// The person's role (`CasePartyRole`).
        let role: String
        /// 1 when the person co-signed the case's neighbour complaint.
        let cosigner: Int
        let answer_due: String?
        let has_agreement: Int
        let photo_count: Int
        let fault_location: String?
        let fault_description: String?
        let fault_master_key: Bool?
        /// A request about personal data (`DataRequestRight`), its text and who asked.
        let data_right: String?
        let data_text: String?
        let data_person_id: UUID?
        /// A termination case's notice: 1 when there is one, the day it was received (when all
        /// tenants had signed) and the lease's end.
        let has_notice: Int
        /// 1 when the person signed the notice.
        let notice_signed: Int
        let notice_received_on: String?
        let notice_end_date: String?
        let sublet_start: String?
        let sublet_let_rooms: Int?
        let sublet_occupants: Int?
        let sublet_let_area: Int?
        let sublet_subtenants: String?
        let sublet_earlier_ended: Bool?
        let sublet_kind: String?
        let sublet_end: String?
        let sublet_reason: String?
        let sublet_reason_text: String?
        let sublet_rent_ore: Int64?
        let lease_rent_ore: Int64?
        let sublet_has_documentation: Int
        let sublet_code_taken: Int
        let sublet_signed_at: Date?
        let decision_outcome: String?
        let decision_reason: String?
        let decided_at: Date?
        /// The channel of the party's latest letter (any case): how they get, and answer, ours.
        let last_channel: String?
        let pk_sent_on: String?
        let pk_stated_deadline: String?
        let pk_arrears_ore: Int64?
        let pk_fee_ore: Int64?
        let pk_paid_before_ore: Int64?
        let pk_letters: Int
        let pk_arrived: Int
        let pk_last_arrival: String?
        let pk_failed: Int
        let pk_failed_letter: UUID?

        var partyRole: CasePartyRole { CasePartyRole(rawValue: role) ?? .otherParty }
    }

    /// The case as `personID` sees it, or nil when they are no party to it.
    static func partyDetails(
        _ caseID: UUID,
        of personID: UUID,
        on database: any SQLDatabase
    ) async throws -> PartyDetails? {
        try await database.raw(
            """
            SELECT c.id, c.number, c.title, c.title_en, c.kind, c.status, c.opened_at, c.lease_id, cp.role,
              CASE WHEN EXISTS (SELECT 1 FROM complaint_cosigners cc JOIN neighbour_complaints nc ON nc.id = cc.complaint_id
                                WHERE nc.case_id = c.id AND cc.person_id = cp.person_id) THEN 1 ELSE 0 END AS cosigner,
              (SELECT MIN(k.due_on) FROM case_deadlines k
               WHERE k.case_id = c.id AND k.kind = \(bind: CaseDeadlineKind.answer.rawValue) AND k.met_at IS NULL)
                AS answer_due,
              CASE WHEN sr.agreement IS NULL THEN 0 ELSE 1 END AS has_agreement,
              (SELECT COUNT(*) FROM case_attachments a WHERE a.case_id = c.id) AS photo_count,
              fr.location AS fault_location, fr.description AS fault_description, fr.master_key AS fault_master_key,
              dr."right" AS data_right, dr.text AS data_text, dr.person_id AS data_person_id,
              CASE WHEN n.id IS NULL THEN 0 ELSE 1 END AS has_notice,
              CASE WHEN EXISTS (SELECT 1 FROM termination_signatures ts
                                WHERE ts.notice_id = n.id AND ts.person_id = cp.person_id) THEN 1 ELSE 0 END AS notice_signed,
              n.received_on AS notice_received_on,
              n.end_date AS notice_end_date,
              sr.start_date AS sublet_start, sr.let_rooms AS sublet_let_rooms, sr.occupants AS sublet_occupants,
              sr.let_area_m2 AS sublet_let_area,
              sr.subtenants AS sublet_subtenants, sr.earlier_ended AS sublet_earlier_ended,
              \(unsafeRaw: WholeSublettingPresentation.columns),
              cd.outcome AS decision_outcome, cd.reason AS decision_reason, cd.decided_at,
              (SELECT lt.channel FROM letters lt WHERE lt.recipient_person_id = cp.person_id AND lt.channel IS NOT NULL
               ORDER BY lt.created_at DESC LIMIT 1) AS last_channel,
              \(unsafeRaw: PaakravPresentation.columns)
            FROM cases c JOIN case_parties cp ON cp.case_id = c.id AND cp.person_id = \(bind: personID)
            LEFT JOIN leases l ON l.id = c.lease_id
            LEFT JOIN fault_reports fr ON fr.case_id = c.id
            LEFT JOIN data_requests dr ON dr.case_id = c.id
            LEFT JOIN termination_notices n ON n.case_id = c.id
            LEFT JOIN subletting_requests sr
              ON sr.case_id = c.id AND sr.status = \(bind: SublettingRequestStatus.sent.rawValue)
            LEFT JOIN case_decisions cd ON cd.case_id = c.id
            LEFT JOIN paakrav_notices pk ON pk.case_id = c.id
            WHERE c.id = \(bind: caseID)
            ORDER BY cp.added_at LIMIT 1
            """
        ).first(decoding: PartyDetails.self)
    }

    /// The case, when it exists and its organisation is in `scope`. With `audit`, the statement
    /// writes the read's events on PostgreSQL: one for the case, one per party (`AuditedRead`).
    static func header(
        _ caseID: UUID,
        scope: StaffScope,
        audit: AuditedRead? = nil,
        on database: any SQLDatabase
    ) async throws -> Header? {
        var query: SQLQueryString = """
            SELECT c.id, c.number, c.title, c.title_en, c.kind, c.status, c.opened_at, c.lease_id, c.organisation_id,
              o.name AS organisation_name, c.assignee_id, s.name AS assignee_name,
              d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              n.forwarding_address AS notice_forwarding_address, n.viewing AS notice_viewing,
              n.received_on AS notice_received_on, n.end_date AS notice_end_date,
              n.estate_filer AS notice_estate_filer, n.filed_by AS notice_filed_by, n.died_on AS notice_died_on,
              n.representative_name AS notice_representative_name,
              n.representative_address AS notice_representative_address,
              l.end_date AS lease_end_date,
              (SELECT COUNT(*) FROM move_out_settlements ms WHERE ms.case_id = c.id) AS settlement_count,
              (SELECT COUNT(*) FROM municipality_notices mn WHERE mn.case_id = c.id) AS municipality_notice_count,
              sr.let_rooms AS sublet_let_rooms, sr.occupants AS sublet_occupants, sr.let_area_m2 AS sublet_let_area,
              sr.start_date AS sublet_start, sr.subtenants AS sublet_subtenants, sr.earlier_ended AS sublet_earlier_ended,
              d.habitable_rooms,
              \(unsafeRaw: WholeSublettingPresentation.columns),
              fr.location AS fault_location, fr.description AS fault_description, fr.master_key AS fault_master_key,
              (SELECT COUNT(*) FROM case_attachments a WHERE a.case_id = c.id) AS photo_count,
              dr."right" AS data_right, dr.text AS data_text,
              cd.outcome AS decision_outcome, cd.reason AS decision_reason, cd.decided_at,
              \(unsafeRaw: PaakravPresentation.columns)
            FROM cases c JOIN housing_organisations o ON o.id = c.organisation_id
            LEFT JOIN staff_users s ON s.id = c.assignee_id
            LEFT JOIN leases l ON l.id = c.lease_id LEFT JOIN dwellings d ON d.id = l.dwelling_id
            LEFT JOIN termination_notices n ON n.case_id = c.id
            LEFT JOIN subletting_requests sr ON sr.case_id = c.id
            LEFT JOIN fault_reports fr ON fr.case_id = c.id
            LEFT JOIN data_requests dr ON dr.case_id = c.id
            LEFT JOIN case_decisions cd ON cd.case_id = c.id
            LEFT JOIN paakrav_notices pk ON pk.case_id = c.id
            WHERE c.id = \(bind: caseID)
            """
        guard let inScope = scope.condition("c", "organisation_id") else { return nil }
        query += inScope
        if let audit {
            query = audit.statement(
                query,
                subjects: "SELECT ap.person_id FROM case_parties ap WHERE ap.case_id = \(bind: caseID)",
                when: "EXISTS (SELECT 1 FROM cases ac WHERE ac.id = \(bind: caseID)"
                    + (scope.condition("ac", "organisation_id") ?? "") + ")",
                on: database
            )
        }
        return try await database.raw(query).preparedFirst(decoding: Header.self)
    }

    /// The history, oldest first; `onlyFor` keeps a party's own letters and mail (a party never
    /// sees another party's).
    static func history(
        _ caseID: UUID,
        onlyFor personID: UUID? = nil,
        on database: any SQLDatabase
    ) async throws -> [Event] {
        try await database.raw(historyQuery(caseID, onlyFor: personID) + " ORDER BY at, id")
            .preparedRows(decoding: Event.self)
    }

    /// The statement of `history`, unordered (the columns of `Event`).
    static func historyQuery(_ caseID: UUID, onlyFor personID: UUID? = nil) -> SQLQueryString {
        let none = "CAST(NULL AS TEXT)"
        var letters: SQLQueryString = """
            SELECT 1 AS outgoing, l.id AS id, l.subject AS title, l.created_at AS at,
              COALESCE(l.addressee, p.given_name) AS given_name,
              CASE WHEN l.addressee IS NULL THEN p.family_name ELSE '' END AS family_name,
              CASE WHEN am.id IS NULL THEN \(unsafeRaw: none) ELSE COALESCE(am.label, '') END AS detail,
              \(unsafeRaw: none) AS by_name, \(unsafeRaw: none) AS staff_name, CAST(NULL AS UUID) AS sender_id
            FROM letters l JOIN people p ON p.id = l.recipient_person_id
            LEFT JOIN incoming_messages am ON am.id = l.answers_message_id
            WHERE l.case_id = \(bind: caseID)
            """
        var mail: SQLQueryString = """
            SELECT 0 AS outgoing, m.id AS id, m.label AS title, m.received_at AS at, p.given_name, p.family_name,
              \(unsafeRaw: none), \(unsafeRaw: none), \(unsafeRaw: none), m.person_id
            FROM incoming_messages m LEFT JOIN people p ON p.id = m.person_id WHERE m.case_id = \(bind: caseID)
            """
        var events: SQLQueryString = """
            SELECT 2 AS outgoing, e.id AS id, e.kind AS title, e.at AS at, \(unsafeRaw: none), \(unsafeRaw: none),
              e.detail, b.name, s.name, CAST(NULL AS UUID)
            FROM case_events e LEFT JOIN staff_users b ON b.id = e.by_staff_id
            LEFT JOIN staff_users s ON s.id = e.staff_id WHERE e.case_id = \(bind: caseID)
            """
        if let personID {
            letters += " AND l.recipient_person_id = \(bind: personID)" + LetterLists.neverSent
            mail += " AND m.person_id = \(bind: personID)"
            events += " AND e.kind NOT IN (\(binds: CaseEvent.Kind.staffOnly.map(\.rawValue)))"
        }
        return letters + " UNION ALL " + mail + " UNION ALL " + events
    }
}

/// What a case's page heads with, read from its row: number, title in both languages, kind,
/// state and when it was opened.
protocol CaseHeading {
    var number: String { get }
    var title: String { get }
    var title_en: String? { get }
    var kind: String { get }
    var status: String { get }
    var opened_at: Date { get }
}

extension CaseHeading {
    var caseKind: CaseKind { CaseKind(rawValue: kind) ?? .general }
    var caseStatus: CaseStatus { CaseStatus(rawValue: status) ?? .open }

    /// The title in the reader's language: the English beside a system title, or the title.
    func title(in language: Language) -> String { language == .en ? title_en ?? title : title }
}
