import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The resident's request forms read what they show through query functions that take ids, not a
/// request (issue: Fast pages, "testable without HTTP"): each gives the tenant's lease with its
/// facts, and nothing for someone else's lease.
@Suite("Request forms' queries")
struct FormQueriesTests {
    @Test func eachFormReadsTheTenantsLeaseAndNothingOfAnothers() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            for (lease, person, theirs) in [
                (mine.lease_id, mine.person_id, true), (other.lease_id, mine.person_id, false),
            ] {
                let partial = try await PartialSublettingController.load(lease, of: person, kind: .partial, on: app.db)
                let whole = try await PartialSublettingController.load(lease, of: person, kind: .whole, on: app.db)
                let swap = try await SwapController.load(lease, of: person, on: app.db)
                let termination = try await TerminationNoticeController.load(lease, of: person, on: app.db)
                #expect(
                    (partial != nil, whole != nil, swap != nil, termination != nil) == (theirs, theirs, theirs, theirs)
                )
                guard theirs else { continue }
                #expect(partial?.leaseID == lease && partial?.draft == nil && partial?.openCase == nil)
                #expect(whole?.tenants == 1 && swap?.tenants == 1)
                #expect(termination?.tenants.map(\.person_id) == [person])
            }
        }
    }
}
