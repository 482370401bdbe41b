import AlmenDomain
import Fluent
import Foundation
import Mail
import SQLKit
import Vapor

/// The morning's e-mail to staff about their deadlines (the daily job `cases.remind_staff`, on
/// bank days): each active member of staff with cases assigned to them whose first unmet
/// deadline is today or has passed, and each caseworker whose organisations have such cases with
/// nobody on them, gets one e-mail (a job each, `cases.remind_staff_one`, once per person and
/// day). It names case numbers, what is due and when, and links into the inbox; never a name, an
/// address or a case's title, as an e-mail leaves Almen. Without mail settings nothing is sent.
struct StaffReminders: Sendable {
    let database: any Database
    let mail: MailSettings?
    /// The public base URL, for the links.
    let baseURL: String
    let uuid: @Sendable () -> UUID
    var calendar = DanishCalendar()

    /// Cases listed in one e-mail; the rest are counted.
    static let listed = 20

    /// The daily job: on a bank day, queues one reminder per active member of staff; each works
    /// out its own digest and sends nothing when nothing is due (`digest` is the one place that
    /// says what counts). Returns how many were queued.
    @discardableResult
    func enqueue(now: Date, queue: JobQueue) async throws -> Int {
        guard mail != nil else {
            database.logger.info("No mail server is set up (ALMEN_SMTP_URL): staff get no reminders")
            return 0
        }
        let today = LocalDate(now, timeZone: danishTimeZone)
        guard calendar.isBankDay(today) else { return 0 }
        struct Row: Decodable { let id: UUID }
        let staff = try await database.sql().raw(
            """
            SELECT s.id FROM staff_users s WHERE s.active = \(bind: true) AND s.reminders = \(bind: true)
            ORDER BY s.id
            """
        ).all(decoding: Row.self)
        var queued = 0
        for row in staff where try await queue.enqueue(StaffReminderJob(staff: row.id, day: today.iso), on: database) {
            queued += 1
        }
        return queued
    }

    /// What one e-mail says: the staff member's own cases due today or late (the first
    /// `listed`), how many of each, and, for a caseworker, how many nobody has.
    struct Digest: Equatable, Sendable {
        struct Item: Equatable, Sendable {
            let caseID: UUID
            let number: String
            let deadline: CaseDeadline
        }

        let name: String
        let items: [Item]
        let dueToday: Int
        let late: Int
        /// For a caseworker: their organisations' cases nobody handles (`CaseLists.nobodys`), due
        /// today and late.
        let unassignedToday: Int
        let unassignedLate: Int
        /// The language the member of staff reads their reminders in ("Mine indstillinger").
        var language: Language = .da

        var unassigned: Int { unassignedToday + unassignedLate }
        var isEmpty: Bool { dueToday + late + unassigned == 0 }
    }

    /// The digest of one member of staff today; nil when they are not active, turned reminders
    /// off (after the morning's job was queued, too), or have no e-mail.
    func digest(of staffID: UUID, today: LocalDate) async throws -> (MailAddress, Digest)? {
        let sql = try database.sql()
        struct Staff: Decodable {
            let name: String
            let email: String
            let role: String
            let active: Bool
            let reminders: Bool
            let reminder_language: String
        }
        guard
            let staff = try await sql.raw(
                """
                SELECT name, email, role, active, reminders, reminder_language FROM staff_users
                WHERE id = \(bind: staffID)
                """
            ).first(decoding: Staff.self), staff.active, staff.reminders
        else { return nil }
        guard let address = try? MailAddress(staff.email, name: staff.name) else {
            // Said without the address: an administrator corrects it on the staff page.
            database.logger.warning(
                "A member of staff has an e-mail address mail cannot go to",
                metadata: ["staff": "\(staffID)"]
            )
            return nil
        }
        // The organisations a caseworker works for: their own cases count only there.
        let theirs: SQLQueryString =
            " AND c.organisation_id IN (SELECT a.organisation_id FROM staff_assignments a WHERE a.staff_user_id = \(bind: staffID))"
        // Each open case's first unmet deadline, when it is today or past, among the cases `which`.
        func due(_ which: SQLQueryString) -> SQLQueryString {
            """
            SELECT c.id, c.number, MIN(dl.due_on || ':' || dl.kind) AS next_deadline
            FROM cases c JOIN case_deadlines dl ON dl.case_id = c.id AND dl.met_at IS NULL AND dl.due_on <= \(bind: today.iso)
            WHERE c.status = \(bind: CaseStatus.open.rawValue) \(which)
            GROUP BY c.id, c.number
            """
        }
        let isAdministrator = staff.role == StaffRole.administrator.rawValue
        let firstDue = due(" AND c.assignee_id = \(bind: staffID)" + (isAdministrator ? "" : theirs))
        let unassignedDue = due(" AND " + CaseLists.nobodys("c") + theirs)
        struct Due: Decodable {
            let id: UUID
            let number: String
            let next_deadline: String
        }
        struct Counts: Decodable {
            let due_today: Int?
            let late: Int?
        }
        func counts(_ due: SQLQueryString) async throws -> Counts? {
            try await sql.raw(
                """
                SELECT SUM(CASE WHEN next_deadline >= \(bind: today.iso) THEN 1 ELSE 0 END) AS due_today,
                  SUM(CASE WHEN next_deadline < \(bind: today.iso) THEN 1 ELSE 0 END) AS late
                FROM (\(due)) due
                """
            ).first(decoding: Counts.self)
        }
        let own = try await counts(firstDue)
        let items = try await sql.raw(
            "\(firstDue) ORDER BY next_deadline, c.number LIMIT \(literal: Self.listed)"
        ).all(decoding: Due.self).compactMap { row in
            CaseLists.deadline(row.next_deadline).map { Digest.Item(caseID: row.id, number: row.number, deadline: $0) }
        }
        let nobody = isAdministrator ? nil : try await counts(unassignedDue)
        return (
            address,
            Digest(
                name: staff.name,
                items: items,
                dueToday: own?.due_today ?? 0,
                late: own?.late ?? 0,
                unassignedToday: nobody?.due_today ?? 0,
                unassignedLate: nobody?.late ?? 0,
                language: Language(rawValue: staff.reminder_language) ?? .da
            )
        )
    }

    /// One member of staff's reminder, on the day it was queued for (a reminder that waited past
    /// its day is not sent: the next morning's says what is due then). False when nothing was sent.
    @discardableResult
    func send(_ job: StaffReminderJob, now: Date) async throws -> Bool {
        let today = LocalDate(now, timeZone: danishTimeZone)
        guard let mail, job.day == today.iso, let (address, digest) = try await digest(of: job.staff, today: today),
            !digest.isEmpty
        else { return false }
        let message = try MailMessage(
            from: mail.from,
            to: [address],
            subject: Self.subject(digest),
            body: Self.body(digest, today: today, baseURL: baseURL),
            date: now,
            id: uuid()
        )
        do {
            try await SMTPClient(server: mail.server, helloName: URL(string: baseURL)?.host ?? "localhost").send(
                message
            )
        } catch let error as SMTPError {
            // The command and its code say what went wrong (a password, a recipient); the
            // server's words may hold the address, so they stay out of the log.
            var metadata: Logger.Metadata = ["staff": "\(job.staff)", "permanent": "\(error.permanent)"]
            if case .rejected(let command, let code, _) = error {
                metadata["command"] = "\(command)"
                metadata["code"] = "\(code)"
            }
            database.logger.error("The reminder to a member of staff was not sent", metadata: metadata)
            throw error
        }
        return true
    }

    /// "Påmindelse: 2 sager med frist i dag og 1 sag med overskredet frist", in the digest's
    /// language.
    static func subject(_ digest: Digest) -> String {
        let words = Words(digest.language)
        var parts: [String] = []
        if digest.dueToday > 0 { parts.append(words.fill("reminderDueToday", ["cases": words.cases(digest.dueToday)])) }
        if digest.late > 0 { parts.append(words.fill("reminderLate", ["cases": words.cases(digest.late)])) }
        if parts.isEmpty {
            parts.append(words.fill("reminderUnassignedOnly", ["cases": words.cases(digest.unassigned)]))
        }
        return words.fill("reminderSubject", ["what": parts.joined(separator: words.fill("reminderAnd"))])
    }

    /// The e-mail's text, in the digest's language.
    static func body(_ digest: Digest, today: LocalDate, baseURL: String) -> String {
        let words = Words(digest.language)
        var lines = [words.fill("reminderGreeting", ["name": digest.name]), ""]
        let inbox = baseURL + SiteRoute.staffCases.path
        let own = digest.dueToday + digest.late
        if own > 0 {
            lines.append(words.fill("reminderOwn", ["cases": words.cases(own)]))
            lines.append("")
            for item in digest.items {
                let state = item.deadline.due < today ? "reminderStateLate" : "reminderStateToday"
                lines.append(
                    words.fill(
                        "reminderItem",
                        [
                            "number": item.number,
                            "what": words.fill("caseDeadline_\(item.deadline.kind.rawValue)"),
                            "date": DateText.long(item.deadline.due, digest.language),
                            "state": words.fill(state),
                        ]
                    )
                )
                lines.append("  \(baseURL)\(SiteRoute.staffCase(item.caseID).path)")
            }
            if own > digest.items.count {
                lines.append(words.fill("reminderMore", ["cases": words.cases(own - digest.items.count)]))
            }
            lines.append("")
            lines.append(words.fill("reminderInbox"))
            if digest.dueToday > 0 {
                lines.append(words.fill("reminderInboxToday", ["link": "\(inbox)?tildelt=mig&frist=idag"]))
            }
            if digest.late > 0 {
                lines.append(words.fill("reminderInboxLate", ["link": "\(inbox)?tildelt=mig&frist=overskredet"]))
            }
            lines.append("")
        }
        if digest.unassigned > 0 {
            lines.append(words.fill("reminderUnassigned"))
            if digest.unassignedToday > 0 {
                lines.append(
                    words.fill(
                        "reminderUnassignedToday",
                        ["n": "\(digest.unassignedToday)", "link": "\(inbox)?tildelt=ingen&frist=idag"]
                    )
                )
            }
            if digest.unassignedLate > 0 {
                lines.append(
                    words.fill(
                        "reminderUnassignedLate",
                        ["n": "\(digest.unassignedLate)", "link": "\(inbox)?tildelt=ingen&frist=overskredet"]
                    )
                )
            }
            lines.append("")
        }
        lines.append(words.fill("reminderNoNames"))
        lines.append(words.fill("reminderWhen"))
        lines.append(words.fill("reminderTurnOff", ["link": baseURL + SiteRoute.staffSettings.path]))
        return lines.joined(separator: "\n")
    }

    /// The reminder's words in one language, with their `{placeholders}` filled in.
    struct Words {
        let table: [String: String]

        init(_ language: Language) {
            table = Strings.table(language)
        }

        func fill(_ key: String, _ values: [String: String] = [:]) -> String { table.filled(key, values) }

        /// "1 sag", "3 sager".
        func cases(_ count: Int) -> String {
            count == 1 ? fill("reminderOneCase") : fill("reminderCases", ["n": "\(count)"])
        }
    }
}

/// One member of staff's reminder on one day: queued once per person and day.
struct StaffReminderJob: JobPayload {
    static let kind = JobKind.remindStaffOne
    let staff: UUID
    /// The day it is for, YYYY-MM-DD.
    let day: String

    var record: UUID { staff }
    var key: String { "\(Self.kind.rawValue):\(staff.lowercasedString):\(day)" }
}
