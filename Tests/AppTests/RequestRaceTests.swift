import Fluent
import Foundation
import PostgresKit
import Testing

@testable import App

/// Two applications for one lease sent at the same moment (a partial and a whole sub-letting from
/// two tabs) open one case: the second finds the first's (issue: Requests).
@Suite("Sends at the same moment")
struct RequestRaceTests {
    @Test func twoSendsForOneLeaseAtOnceOpenOneCase() async throws {
        try await withTestApp(seedHomes: 10) { app in
            // SQLite runs one write transaction at a time; the race is PostgreSQL's.
            guard app.db is any PostgresDatabase else { return }
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).first())
            let leaseID = tenancy.$lease.id
            let organisation = try await RegisterLookups.organisation(ofLease: leaseID, on: app.db)
            let cases = app.cases

            let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            try await app.db.transaction { db in
                                try await RequestForms.noOpenCase(.subletting, of: leaseID, on: db)
                                _ = try await cases.open(
                                    .subletting,
                                    title: "Fremleje",
                                    organisationID: organisation,
                                    leaseID: leaseID,
                                    openedBy: nil,
                                    on: db
                                )
                                // The other send reaches its check while this one is uncommitted.
                                try await Task.sleep(for: .milliseconds(300))
                            }
                            return true
                        } catch is PartialSublettingController.AlreadyOpen {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(opened.sorted { !$0 && $1 } == [false, true])
            let open = try await CaseFile.query(on: app.db).filter(\.$lease.$id == leaseID)
                .filter(\.$kind == .subletting).filter(\.$status == .open).count()
            #expect(open == 1)
        }
    }
}
