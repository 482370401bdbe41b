import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Reminds co-tenants who have not signed a notice a week after it was sent (the daily job
/// `termination.remind`): one letter each, once per notice, through the channel rule and in the
/// notice's case. Safe to run again: a notice is marked reminded in the transaction that sends.
struct TerminationReminders: Sendable {
    let database: any Database
    let letters: LetterService

    /// A notice is reminded about this long after it was sent.
    static let after: TimeInterval = 7 * 24 * 60 * 60
    /// Notices handled per run (the rest wait for tomorrow's).
    static let batch = 200

    struct Pending: Decodable {
        let id: UUID
        let case_id: UUID
        let lease_id: UUID
        let created_at: Date
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let filer_given_name: String
        let filer_family_name: String
        let case_number: String
    }

    /// Sends the week-old reminders; returns how many letters went.
    @discardableResult
    func run(now: Date) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let pending = try await sql.raw(
            """
            SELECT n.id, n.case_id, n.lease_id, n.created_at, d.street, d.house_number, d.floor, d.door,
              f.given_name AS filer_given_name, f.family_name AS filer_family_name, c.number AS case_number
            FROM termination_notices n JOIN cases c ON c.id = n.case_id
            JOIN leases l ON l.id = n.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN people f ON f.id = n.filed_by
            WHERE n.received_on IS NULL AND n.reminded_at IS NULL AND c.status = \(bind: CaseStatus.open.rawValue)
              AND n.created_at <= \(bind: now.addingTimeInterval(-Self.after))
            ORDER BY n.created_at, n.id LIMIT \(unsafeRaw: String(Self.batch))
            """
        ).rows(decoding: Pending.self)
        var sent = 0
        for notice in pending {
            let unsigned = try await TerminationNoticePage.tenants(of: notice.lease_id, on: database)
                .filter { $0.notice_id == notice.id && $0.signed_at == nil }
            let address = Dwelling.addressLine(
                street: notice.street,
                houseNumber: notice.house_number,
                floor: notice.floor,
                door: notice.door
            )
            let sentOn = LocalDate(notice.created_at, timeZone: danishTimeZone)
            let content = GeneralLetter(
                subject: MarkupText("Påmindelse: opsigelsen af \(address) venter på din underskrift"),
                paragraphs: [
                    MarkupText(
                        "\(notice.filer_given_name) \(notice.filer_family_name) sendte den \(DateText.short(sentOn, .da)) en opsigelse af jeres lejemål \(address). Den er endnu ikke modtaget, fordi den mangler din underskrift."
                    ),
                    MarkupText(
                        "Log ind på Mit hjem med MitID, og vælg \u{201D}Opsig lejemålet\u{201D} under jeres lejemål. Der kan du underskrive, eller vælge at du ikke vil opsige."
                    ),
                ]
            )
            var typeset: [LetterService.Prepared] = []
            for tenant in unsigned {
                typeset.append(
                    try await letters.prepare(
                        content,
                        to: tenant.person_id,
                        lease: notice.lease_id,
                        inCase: notice.case_number
                    )
                )
            }
            let (letters, prepared) = (self.letters, typeset)
            sent += try await database.transaction { db -> Int in
                // Marked first: a second run, or a second worker, finds it reminded and sends nothing.
                guard let sql = db as? any SQLDatabase else { return 0 }
                let marked = try await sql.raw(
                    """
                    UPDATE termination_notices SET reminded_at = \(bind: now)
                    WHERE id = \(bind: notice.id) AND reminded_at IS NULL RETURNING id
                    """
                ).all()
                guard !marked.isEmpty else { return 0 }
                for letter in prepared {
                    try await letters.send(letter, createdBy: nil, caseID: notice.case_id, on: db)
                }
                return prepared.count
            }
        }
        return sent
    }
}
