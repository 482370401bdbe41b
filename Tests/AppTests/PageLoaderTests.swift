import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The case pages' loaders take ids, not a request (issue: Fast pages, "testable without HTTP"):
/// a party reads the case with their role and what their kind of case holds, anyone else nothing;
/// staff read a case of their scope, with its påkrav's account, and nothing outside it.
@Suite("Case pages' loaders")
struct PageLoaderTests {
    @Test func aPartyReadsTheirCaseAndNobodyElseDoes() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let caseID = try await Self.arrearsCase(of: mine, app: app)
            try await Self.payment(on: mine.lease_id, app: app)

            let page = try #require(try await MyCasesController.Page.load(caseID, of: mine.person_id, on: app.db))
            #expect(page.details.partyRole == .tenant && page.details.caseKind == .arrears)
            #expect(page.details.paakrav?.arrears == Money(ore: 580_800))
            #expect(Self.paid(page.ledger), "the påkrav's card reads the lease's account")
            #expect(page.complaint == nil && page.swap == nil && page.signing == nil)
            #expect(try await MyCasesController.Page.load(caseID, of: other.person_id, on: app.db) == nil)
            #expect(try await MyCasesController.Page.load(UUID(), of: mine.person_id, on: app.db) == nil)
        }
    }

    @Test func staffReadACaseOfTheirScopeOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let caseID = try await Self.arrearsCase(of: mine, app: app)
            let load = { (scope: StaffScope) in
                try await StaffCasesController.Page.load(
                    caseID,
                    scope: scope,
                    today: LocalDate(year: 2026, month: 12, day: 3)!,
                    rules: app.landlordTerminationRules,
                    on: app.db
                )
            }
            try await Self.payment(on: mine.lease_id, app: app)
            let page = try #require(try await load(.organisations([mine.organisation_id])))
            #expect(page.header.caseKind == .arrears && Self.paid(page.ledger))
            #expect(page.parties.map(\.person_id) == [mine.person_id])
            #expect(page.header.paakrav != nil && page.municipalityNotices.isEmpty)
            #expect(try await load(.organisations([UUID()])) == nil)
        }
    }

    /// An arrears case on the tenancy's lease with its påkrav (`paakrav`).
    static func arrearsCase(of tenancy: SwapTests.Tenancy, app: Application) async throws -> UUID {
        let caseID = try await app.cases.open(
            .arrears,
            title: "Restance",
            organisationID: tenancy.organisation_id,
            leaseID: tenancy.lease_id,
            openedBy: nil
        ).requireID()
        try await paakrav(on: caseID, lease: tenancy.lease_id, app: app)
        return caseID
    }

    /// A payment of 1.000,00 kr. on the lease's account, which the påkrav's card reads.
    static func payment(on lease: UUID, app: Application) async throws {
        try await (app.db as! any SQLDatabase).raw(
            """
            INSERT INTO ledger_entries (id, lease_id, kind, entry_date, amount_ore, text, source, external_id, created_at)
            VALUES (\(bind: UUID()), \(bind: lease), 'payment', '2026-11-30', 100000, 'Indbetaling', 'bank',
                    \(bind: UUID().uuidString), \(bind: testNow))
            """
        ).run()
    }

    static func paid(_ ledger: Ledger) -> Bool {
        ledger.entries.contains { $0.kind == .payment && $0.amount == Money(ore: 100_000) }
    }

    /// A påkrav of 5.808,00 kr. on the case.
    static func paakrav(on caseID: UUID, lease: UUID, app: Application) async throws {
        let notice = PaakravNotice()
        notice.id = UUID()
        notice.caseID = caseID
        notice.leaseID = lease
        notice.sentOn = "2026-11-23"
        notice.statedDeadline = "2026-12-15"
        notice.arrearsOre = 580_800
        notice.feeOre = 31_400
        notice.feeYear = 2026
        notice.paidBeforeOre = 0
        notice.createdAt = testNow
        try await notice.create(on: app.db)
    }
}
