import Fluent
import Foundation

/// The outbox at a glance (`almen digitalpost status`): letters per status and the oldest waiting.
public struct DigitalPostStatus: Encodable, Sendable {
    public let letters: [String: Int]
    public let oldestWaiting: Date?
    public let failedLast24Hours: Int

    public static func read(on database: any Database, now: Date) async throws -> DigitalPostStatus {
        var counts: [String: Int] = [:]
        for status in [DigitalPostLetterStatus.queued, .sending, .retrying, .sent, .physical, .failed] {
            counts[status.rawValue] = try await DigitalPostLetter.query(on: database).filter(\.$status == status).count()
        }
        let oldest = try await DigitalPostLetter.query(on: database).filter(\.$status ~~ [.queued, .retrying])
            .sort(\.$createdAt).first()?.createdAt
        let failed = try await DigitalPostLetterEvent.query(on: database).filter(\.$event == "failed")
            .filter(\.$at >= now.addingTimeInterval(-86_400)).count()
        return DigitalPostStatus(letters: counts, oldestWaiting: oldest, failedLast24Hours: failed)
    }
}

/// Demo letters for the sandbox: one to every tenant of a department, so that the mailboxes of
/// the NgDP stand-in have something in them (`almen digitalpost demo-letters`).
public enum DemoLetters {
    public static func enqueue(departmentNumber: Int, label: String, text: String, on database: any Database, dependencies: AppDependencies) async throws -> Int {
        guard let organisation = try await HousingOrganisation.query(on: database).filter(\.$digitalPostConnection == .connected)
            .sort(\.$name).first(),
            let department = try await Department.query(on: database).filter(\.$organisation.$id == organisation.requireID())
                .filter(\.$number == departmentNumber).first()
        else { return 0 }
        let tenants = try await LeaseTenant.query(on: database)
            .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .filter(Dwelling.self, \.$department.$id == department.requireID())
            .all()
        try await database.transaction { db in
            for tenant in tenants {
                try await DigitalPostOutbox.enqueue(
                    organisationID: try organisation.requireID(), recipientID: tenant.$person.id, label: label,
                    document: .init(data: Data(text.utf8), filename: "brev.txt", mime: "text/plain"),
                    on: db, dependencies: dependencies
                )
            }
        }
        return tenants.count
    }
}
