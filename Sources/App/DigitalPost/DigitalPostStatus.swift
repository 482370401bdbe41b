import AlmenDomain
import Fluent
import Foundation
import Vapor

/// The outbox at a glance (`almen digitalpost status`): letters per status and the oldest waiting.
public struct DigitalPostStatus: Encodable, Sendable {
    public let letters: [String: Int]
    public let oldestWaiting: Date?
    public let failedLast24Hours: Int

    public static func read(on database: any Database, now: Date) async throws -> DigitalPostStatus {
        var counts: [String: Int] = [:]
        for status in [DigitalPostLetterStatus.queued, .sending, .retrying, .sent, .physical, .failed] {
            counts[status.rawValue] = try await DigitalPostLetter.query(on: database).filter(\.$status == status)
                .count()
        }
        let oldest = try await DigitalPostLetter.query(on: database).filter(\.$status ~~ [.queued, .retrying])
            .sort(\.$createdAt).first()?.createdAt
        // Failed for good however it happened (too many attempts, refused by NgDP, a connection
        // that cannot be used, a later INVALID or NOT_ALLOWED receipt): a failed letter's last
        // event is its failure.
        struct Row: Decodable { let count: Int }
        let failed =
            try await database.sql().raw(
                """
                SELECT COUNT(DISTINCT o.id) AS count FROM digital_post_letters o
                JOIN letters l ON l.digital_post_letter_id = o.id
                JOIN letter_events e ON e.letter_id = l.id
                WHERE o.status = \(bind: DigitalPostLetterStatus.failed.rawValue)
                  AND e.event IN (\(binds: [LetterEventKind.failed.rawValue, LetterEventKind.refused.rawValue]))
                  AND e.at >= \(bind: now.addingTimeInterval(-86_400))
                """
            ).first(decoding: Row.self)?.count ?? 0
        return DigitalPostStatus(letters: counts, oldestWaiting: oldest, failedLast24Hours: failed)
    }
}

/// Demo letters for the sandbox: a letter to every tenant of a department, so that the mailboxes
/// of the NgDP stand-in and the print queue have something in them (`almen digitalpost demo-letters`).
public enum DemoLetters {
    public static func send(departmentNumber: Int, label: String, text: String, app: Application) async throws -> Int {
        let database = app.db
        guard
            let organisation = try await HousingOrganisation.query(on: database).filter(
                \.$digitalPostConnection == .connected
            )
            .sort(\.$name).first(),
            let department = try await Department.query(on: database).filter(
                \.$organisation.$id == organisation.requireID()
            )
            .filter(\.$number == departmentNumber).first()
        else { return 0 }
        let tenants = try await LeaseTenant.query(on: database)
            .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .filter(Dwelling.self, \.$department.$id == department.requireID())
            .all()
        let letters = app.letters()
        for tenant in tenants {
            let prepared = try await letters.prepare(
                GeneralLetter(subject: MarkupText(label), paragraphs: [MarkupText(text)]),
                to: tenant.$person.id,
                lease: tenant.$lease.id
            )
            try await letters.send(prepared, createdBy: nil)
        }
        return tenants.count
    }
}

extension DemoLetters {
    /// The demo meeting's notice to the first households of its department (the first tenant the
    /// sandbox MitID offers and neighbours), built from the meeting as its bulk run would build
    /// it; and a real påkrav to each lease of the first tenants the sandbox MitID offers: their
    /// demo accounts are put behind (the two latest demo payments taken out), and the påkrav is
    /// made from the account as the daily run would make it, in an arrears case. So "Mine breve",
    /// "Mine sager", the staff views and the stand-in's mailboxes have letters from the start,
    /// with figures that agree with the account, and each notice calls a meeting its reader finds
    /// under Beboerdemokrati.
    public static func seed(app: Application, tenants: Int = 5, meeting: UUID? = nil) async throws -> Int {
        let tenancies = try await LeaseTenant.query(on: app.db).sort(\.$id).limit(tenants).all()
        let letters = app.letters()
        let sql = try app.db.sql()
        var made = 0
        if let meeting, let notice = try await DemoMeetings.notice(meeting, on: sql) {
            for called in try await DemoMeetings.households(of: meeting, first: tenants, on: sql) {
                try await letters.send(
                    try await letters.prepare(notice, to: called.person_id, lease: called.lease_id),
                    createdBy: nil
                )
                made += 1
            }
        }
        for leaseID in Set(tenancies.map(\.$lease.id)).sorted(by: { $0.uuidString < $1.uuidString }) {
            // The two latest payments go: last month's rent is then unpaid past its 3rd hverdag.
            try await app.db.sql().raw(
                """
                DELETE FROM ledger_entries WHERE id IN (
                  SELECT id FROM ledger_entries WHERE lease_id = \(bind: leaseID)
                    AND source = \(bind: LedgerLine.Source.demo.rawValue) AND kind = \(bind: LedgerEntry.Kind.payment.rawValue)
                  ORDER BY entry_date DESC LIMIT 2)
                """
            ).run()
            if case .sent(let caseID) = try await app.paakravSending.send(PaakravJob(lease: leaseID, approvedBy: nil)) {
                made += try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count()
            }
        }
        return made
    }
}
