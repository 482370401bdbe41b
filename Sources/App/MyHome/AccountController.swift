import AlmenDomain
import Foundation
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/konto`: a tenant's account (lejekonto) for a lease: what was charged
/// (husleje, gebyrer, the rest the lease carries) and paid, newest first, with the balance after
/// each line, as the administration's postings and the bank's payments booked it. Up to today:
/// rent due later is not owed yet. A page of `Keyset.pageSize` lines at a time.
enum AccountController {
    struct Context: Encodable {
        let page: PageChrome
        let address: String
        let leaseHref: String
        /// "Du skylder 11.930,00 kr.", as "Mit hjem" says it.
        let balance: String
        let owes: Bool
        let lines: [Line]
        let pager: Pager
        let paymentHelpHref: String
    }

    struct Line: Encodable {
        let date: String
        /// Its kind and what it says: "Gebyr · Påkravsgebyr", "Husleje december 2026".
        let what: String
        /// A charge as it is; a payment with a minus ("−5.808,00 kr.").
        let amount: String
        let balance: String
    }

    /// One line of the account with the balance after it (`page`).
    struct Row: Decodable, Sendable {
        let id: UUID
        let kind: String
        let entry_date: String
        let amount_ore: Int64
        let text: String
        let balance_ore: Int64
        /// The balance today, after every line (the same on each row).
        let today_ore: Int64
    }

    /// The lease's lines up to `today`, newest first, a page from `cursor` on (one more than a
    /// page, for the pager): one statement, the balance summed over every line before, and the
    /// balance today on every row (a later page says it too). On one
    /// day what is owed comes before what is paid, so a day's rent and its payment never show
    /// the tenant as having paid ahead in between.
    static func page(_ leaseID: UUID, today: String, after cursor: UUID?, on sql: any SQLDatabase) async throws -> [Row]
    {
        let paid = LedgerEntry.Kind.payment.rawValue
        var query: SQLQueryString = """
            SELECT e.id, e.kind, e.entry_date, e.amount_ore, e.text, e.balance_ore, e.today_ore FROM (
              SELECT le.id, le.kind, le.entry_date, le.amount_ore, le.text,
                CASE WHEN le.kind = \(bind: paid) THEN 1 ELSE 0 END AS paid_last,
                CAST(SUM(CASE WHEN le.kind = \(bind: paid) THEN -le.amount_ore ELSE le.amount_ore END)
                  OVER (ORDER BY le.entry_date, CASE WHEN le.kind = \(bind: paid) THEN 1 ELSE 0 END, le.id
                    ROWS UNBOUNDED PRECEDING) AS BIGINT) AS balance_ore,
                CAST(SUM(CASE WHEN le.kind = \(bind: paid) THEN -le.amount_ore ELSE le.amount_ore END) OVER () AS BIGINT)
                  AS today_ore
              FROM ledger_entries le WHERE le.lease_id = \(bind: leaseID) AND le.entry_date <= \(bind: today)
            ) e WHERE 1 = 1
            """
        if let cursor {
            query += """
                 AND (e.entry_date, e.paid_last, e.id) < (SELECT k.entry_date,
                   CASE WHEN k.kind = \(bind: paid) THEN 1 ELSE 0 END, k.id FROM ledger_entries k WHERE k.id = \(bind: cursor))
                """
        }
        return try await sql.raw(
            query + " ORDER BY e.entry_date DESC, e.paid_last DESC, e.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        ).all(decoding: Row.self)
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let lease = try await MyHomePage.lease(leaseID, of: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        let cursor = Keyset.cursor(req)
        let rows = try await page(leaseID, today: req.today.iso, after: cursor, on: try req.sql)
        let language = req.language
        let strings = Strings.table(language)
        let (shown, pager) = Pager.page(rows, id: \.id, route: .myAccount(leaseID), query: [], cursor: cursor)
        let balance = rows.first?.today_ore ?? 0
        let money = { (ore: Int64) in MoneyText.written(Money(ore: ore), language) }
        return try await req.view.render(
            "my-account",
            Context(
                page: await PageChrome.make(for: req, title: strings["accountTitle"] ?? ""),
                address: "\(lease.addressLine), \(lease.postal_code) \(lease.city)",
                leaseHref: SiteRoute.myLease(leaseID).path,
                balance: MyHomeController.balanceText(balance, language, strings),
                owes: balance > 0,
                lines: shown.map { row in
                    let payment = row.kind == LedgerEntry.Kind.payment.rawValue
                    let kind = strings["accountKind_\(row.kind)"] ?? ""
                    return Line(
                        date: LocalDate(iso: row.entry_date).map { DateText.long($0, language) } ?? row.entry_date,
                        // "Indbetaling · Indbetaling" and "Husleje · Husleje december 2026" say it once.
                        what: row.text.isEmpty
                            ? kind
                            : row.text.lowercased().hasPrefix(kind.lowercased()) ? row.text : "\(kind) · \(row.text)",
                        amount: payment ? "\u{2212}\(money(row.amount_ore))" : money(row.amount_ore),
                        balance: row.balance_ore < 0 ? "\u{2212}\(money(-row.balance_ore))" : money(row.balance_ore)
                    )
                },
                pager: pager,
                paymentHelpHref: SiteRoute.helpArticle("restance-og-paakrav").path
            )
        )
    }
}
