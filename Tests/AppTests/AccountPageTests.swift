import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant's account page: every charge and payment up to today, newest first, with the balance
/// after each line; paged; for the lease's tenants only.
@Suite("The lease's account")
struct AccountPageTests {
    @Test func aTenantReadsTheChargesAndPaymentsWithTheBalanceAfterEach() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (lease, person, _) = try await ArrearsTests.lease(app, number: "K-1")
            let lines: [(LedgerEntry.Kind, String, Int64, String)] = [
                (.rent, "2026-10-01", 5_808_00, "Husleje oktober 2026"),
                (.payment, "2026-10-02", 5_808_00, "Indbetaling"),
                (.rent, "2026-11-01", 5_808_00, "Husleje november 2026"),
                (.fee, "2026-11-20", 314_00, "Påkravsgebyr"),
                (.payment, "2026-11-21", 4_000_00, "Indbetaling"),
                // Not due yet: not on the page, not in the balance.
                (.rent, "2027-01-01", 5_808_00, "Husleje januar 2027"),
            ]
            for (kind, date, ore, text) in lines {
                try await LedgerLine(
                    id: UUID(),
                    leaseID: lease,
                    entry: LedgerEntry(
                        kind: kind,
                        date: try #require(LocalDate(iso: date)),
                        amount: Money(ore: ore),
                        text: text
                    ),
                    source: .demo,
                    externalID: "\(date)-\(text)",
                    at: Date()
                ).create(on: app.db)
            }
            let token = try await PageSessions.signIn(person: person, on: app)
            let path = SiteRoute.myAccount(lease).path
            let (status, page) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(status == .ok)
            #expect(page.contains("<strong>Du skylder 2.122,00 kr.</strong>"))
            #expect(!page.contains("januar 2027"))
            // Newest first, each with the balance after it; a payment with a minus.
            let order = [
                "den 21. november 2026", "den 20. november 2026", "den 1. november 2026", "den 2. oktober 2026",
                "den 1. oktober 2026",
            ]
            let positions = order.compactMap { page.range(of: $0)?.lowerBound }
            #expect(positions.count == order.count && positions == positions.sorted())
            #expect(
                page.contains(
                    "Indbetaling</td><td role=\"cell\" data-label=\"Beløb\" class=\"number\">\u{2212}4.000,00 kr.</td><td role=\"cell\" data-label=\"Saldo\" class=\"number\">2.122,00 kr.</td>"
                )
            )
            #expect(
                page.contains(
                    "Gebyr · Påkravsgebyr</td><td role=\"cell\" data-label=\"Beløb\" class=\"number\">314,00 kr.</td><td role=\"cell\" data-label=\"Saldo\" class=\"number\">6.122,00 kr.</td>"
                )
            )
            // "Mit hjem" leads to it.
            let home = try await CaseDeadlinesTests.get(app, SiteRoute.myHome.path, as: token).1
            #expect(home.contains(#"<a href="\#(path)">Se alle opkrævninger og indbetalinger</a>"#))
            // Someone who is not a tenant of the lease: no such page.
            let other = try await ArrearsTests.lease(app, number: "K-2", skip: 1)
            let stranger = try await PageSessions.signIn(person: other.person, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: stranger).0 == .notFound)
        }
    }

    @Test func aLongAccountIsPagedAndEachPageKnowsTheBalance() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (lease, person, _) = try await ArrearsTests.lease(app, number: "K-3")
            // 30 months: rent of 1.000 kr. on the first, 900 kr. paid the same day. The balance
            // grows by 100 kr. a month, to 3.000 kr.; on each day the rent comes first.
            var day = try #require(LocalDate(iso: "2024-06-01"))
            for month in 0..<30 {
                for (kind, ore) in [(LedgerEntry.Kind.payment, Int64(900_00)), (.rent, 1_000_00)] {
                    try await LedgerLine(
                        id: UUID(),
                        leaseID: lease,
                        entry: LedgerEntry(kind: kind, date: day, amount: Money(ore: ore), text: "Måned \(month + 1)"),
                        source: .demo,
                        externalID: "\(month)-\(kind.rawValue)",
                        at: Date()
                    ).create(on: app.db)
                }
                day = day.adding(months: 1)
            }
            let token = try await PageSessions.signIn(person: person, on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.myAccount(lease).path, as: token).1
            #expect(first.contains("<strong>Du skylder 3.000,00 kr.</strong>"))
            #expect(first.components(separatedBy: "<tr role=\"row\"><td").count - 1 == Keyset.pageSize)
            let saldo = "data-label=\"Saldo\" class=\"number\">"
            // Newest first: the last payment (3.000), then that day's rent (3.900), never a
            // balance paid ahead in between.
            let newest = try #require(first.range(of: "\(saldo)3.000,00 kr.")?.lowerBound)
            let rent = try #require(first.range(of: "\(saldo)3.900,00 kr.")?.lowerBound)
            #expect(newest < rent)
            #expect(!first.contains("\(saldo)\u{2212}"))
            let next = try #require(first.range(of: #"<a href="([^"]+)" rel="next">"#, options: .regularExpression))
            let href = String(first[next]).replacingOccurrences(of: "<a href=\"", with: "")
                .replacingOccurrences(of: "\" rel=\"next\">", with: "").replacingOccurrences(of: "&amp;", with: "&")
            let second = try await CaseDeadlinesTests.get(app, href, as: token).1
            // A later page still says today's balance, and goes on where the first stopped (month
            // 18's payment, 1.800): with that day's rent (2.700), then month 17's payment (1.700).
            #expect(second.contains("<strong>Du skylder 3.000,00 kr.</strong>"))
            #expect(second.components(separatedBy: "<tr role=\"row\"><td").count - 1 == Keyset.pageSize)
            #expect(first.contains("\(saldo)1.800,00 kr."))
            let rentOf18 = try #require(second.range(of: "\(saldo)2.700,00 kr.")?.lowerBound)
            let paymentOf17 = try #require(second.range(of: "\(saldo)1.700,00 kr.")?.lowerBound)
            #expect(rentOf18 < paymentOf17 && !second.contains("\(saldo)3.000,00 kr."))
        }
    }
}
