import AlmenDomain
import Foundation

/// An application to let the whole home, as the case pages show it: the period, why the tenant
/// is away, the rent against the tenant's own, and whether the sub-tenant has signed. Read with
/// the case page's one statement (`columns`, joined as `sr` with the lease as `l`).
enum WholeSublettingPresentation {
    static let columns = """
        sr.kind AS sublet_kind, sr.end_date AS sublet_end, sr.absence_reason AS sublet_reason,
        sr.absence_text AS sublet_reason_text, sr.rent_ore AS sublet_rent_ore, l.monthly_rent_ore AS lease_rent_ore,
        CASE WHEN sr.documentation IS NULL THEN 0 ELSE 1 END AS sublet_has_documentation,
        CASE WHEN sr.subtenant_person_id IS NULL THEN 0 ELSE 1 END AS sublet_code_taken,
        sr.subtenant_signed_at AS sublet_signed_at
        """

    struct Card: Encodable {
        let period: String
        let reason: String
        let reasonText: String
        /// "4.000,00 kr. om måneden (din egen: 5.808,00 kr.)".
        let rent: String
        /// "Skrevet under 4. december 2026 kl. 10.00", or that it is not yet.
        let signature: String
        let signed: Bool
        let documentationHref: String?
        /// The tenant's form for a new code, while nobody has taken the last one.
        let newCodeAction: String?
    }

    static func card(
        _ row: any WholeSublettingColumns,
        start: String,
        documentationHref: String?,
        newCodeAction: String?,
        forStaff: Bool,
        forOtherParty: Bool = false,
        language: Language,
        _ strings: [String: String]
    ) -> Card? {
        guard row.sublet_kind == SublettingKind.whole.rawValue else { return nil }
        let end = row.sublet_end.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? ""
        let first = LocalDate(iso: start).map { DateText.long($0, language) } ?? start
        let rent = MoneyText.written(Money(ore: row.sublet_rent_ore ?? 0), language)
        let own = MoneyText.written(Money(ore: row.lease_rent_ore ?? 0), language)
        return Card(
            period: "\(first) – \(end)",
            // The reason is the tenant's: never the sub-tenant's to read, nor the tenant's own rent.
            reason: forOtherParty ? "" : row.sublet_reason.flatMap { strings["wholeReason_\($0)"] } ?? "",
            reasonText: forOtherParty ? "" : row.sublet_reason_text ?? "",
            rent: forOtherParty
                ? "\(rent) \(strings["wholeRentMonthly"] ?? "")"
                : "\(rent) \(strings["wholeRentMonthly"] ?? "") (\(strings[forStaff ? "wholeRentOwn" : "wholeRentYourOwn"] ?? "") \(own))",
            signature: row.sublet_signed_at.map {
                "\(strings["wholeSignedAt"] ?? "") \(DateText.timestamp($0, language))"
            } ?? strings[row.sublet_code_taken == 1 ? "wholeNotSignedTaken" : "wholeNotSigned"] ?? "",
            signed: row.sublet_signed_at != nil,
            documentationHref: row.sublet_has_documentation == 1 ? documentationHref : nil,
            newCodeAction: row.sublet_code_taken == 0 && row.sublet_signed_at == nil ? newCodeAction : nil
        )
    }
}

/// A case page's row with `WholeSublettingPresentation.columns` (the staff header, the party's
/// details).
protocol WholeSublettingColumns {
    var sublet_kind: String? { get }
    var sublet_end: String? { get }
    var sublet_reason: String? { get }
    var sublet_reason_text: String? { get }
    var sublet_rent_ore: Int64? { get }
    var lease_rent_ore: Int64? { get }
    var sublet_has_documentation: Int { get }
    var sublet_code_taken: Int { get }
    var sublet_signed_at: Date? { get }
}
