import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The resident's own pages read through loaders that take ids and values, not a request
/// (issue: Fast pages, "testable without HTTP"): "Mit hjem", a lease, the meetings, the consents,
/// the sub-tenant's code form, the swap partner's signing and the neighbour complaint's form. Each
/// reads what is the person's own, and nothing (or nil) of anyone else's.
@Suite("Resident pages' loaders")
struct ResidentPageLoaderTests {
    /// After the payment `PageLoaderTests.payment` books (30 November 2026).
    static let today = LocalDate(year: 2026, month: 12, day: 3)!

    @Test func myHomeReadsThePersonsHomesAndPanelsOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let caseID = try await PageLoaderTests.arrearsCase(of: mine, app: app)
            try await PageLoaderTests.payment(on: mine.lease_id, app: app)
            let member = try await Self.householdMember(of: mine.lease_id, app: app)

            let page = try await MyHomeController.HomePage.load(person: mine.person_id, today: Self.today, on: app.db)
            #expect(page.homes.map(\.lease_id) == [mine.lease_id])
            #expect(page.panels.cases.map(\.id).contains(caseID))
            #expect(page.panels.balances[mine.lease_id] != nil)
            #expect(page.panels.payments.contains { $0.leaseID == mine.lease_id && $0.date == "2026-11-30" })
            let people = page.panels.occupants[mine.lease_id] ?? []
            #expect(people.contains { $0.tenant == 1 } && people.contains { $0.tenant == 0 })
            // The household member sees the home, not its tenant's case or account.
            let household = try await MyHomeController.HomePage.load(person: member, today: Self.today, on: app.db)
            #expect(household.homes.map(\.lease_id) == [mine.lease_id] && !household.homes[0].isTenancy)
            #expect(household.panels.cases.isEmpty && household.panels.balances.isEmpty)

            let theirs = try await MyHomeController.HomePage.load(
                person: other.person_id,
                today: Self.today,
                on: app.db
            )
            #expect(theirs.homes.map(\.lease_id) == [other.lease_id])
            #expect(theirs.panels.occupants[mine.lease_id] == nil && theirs.panels.balances[mine.lease_id] == nil)
            #expect(!theirs.panels.cases.map(\.id).contains(caseID))
            #expect(!theirs.panels.payments.contains { $0.leaseID == mine.lease_id })
            let nobody = try await MyHomeController.HomePage.load(person: UUID(), today: Self.today, on: app.db)
            #expect(nobody.homes.isEmpty && nobody.panels.occupants.isEmpty && nobody.panels.cases.isEmpty)
        }
    }

    @Test func aLeaseIsReadByItsTenantsOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let member = try await Self.householdMember(of: mine.lease_id, app: app)
            let load = { (lease: UUID, person: UUID) in
                try await MyHomeController.LeasePage.load(lease, person: person, on: app.db)
            }
            let page = try #require(try await load(mine.lease_id, mine.person_id))
            #expect(page.lease.habitable_rooms == mine.habitable_rooms)
            #expect(page.occupants.filter { $0.tenant == 1 }.count == 1)
            #expect(page.occupants.filter { $0.tenant == 0 }.map(\.name).contains("Emil Hjemme"))
            // Another tenant, a household member (no finances) and an unknown lease: nothing.
            #expect(try await load(mine.lease_id, other.person_id) == nil)
            #expect(try await load(mine.lease_id, member) == nil)
            #expect(try await load(UUID(), mine.person_id) == nil)
        }
    }

    /// A grown-up child living at home: of the household, not on the lease.
    static func householdMember(of lease: UUID, app: Application) async throws -> UUID {
        let child = Person(
            id: UUID(),
            givenName: "Emil",
            familyName: "Hjemme",
            cprCiphertext: nil,
            cprLookupHash: nil,
            email: nil,
            phone: nil
        )
        try await child.create(on: app.db)
        let id = try child.requireID()
        try await HouseholdMember(id: UUID(), leaseID: lease, personID: id, adult: true).create(on: app.db)
        return id
    }
}
