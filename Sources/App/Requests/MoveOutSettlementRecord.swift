import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Flytteopgørelse: the final settlement a caseworker made on a termination case after the
/// move-out (`SettlementController`), with the figures it was made from and its result. One per
/// case and per lease: the letter goes once.
final class MoveOutSettlementRecord: Model, @unchecked Sendable {
    static let schema = "move_out_settlements"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    /// ISO yyyy-mm-dd.
    @Field(key: "moved_out") var movedOut: String
    @Field(key: "deposit_ore") var depositOre: Int64
    @Field(key: "repairs_ore") var repairsOre: Int64
    @Field(key: "damages_ore") var damagesOre: Int64
    @OptionalField(key: "estimate_ore") var estimateOre: Int64?
    @Field(key: "rent_owed_ore") var rentOwedOre: Int64
    @Field(key: "loan_ore") var loanOre: Int64
    @Field(key: "consumption_pending") var consumptionPending: Bool
    @Field(key: "share_bp") var shareBasisPoints: Int
    @Field(key: "payout_ore") var payoutOre: Int64
    @Field(key: "to_pay_ore") var toPayOre: Int64
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(
        id: UUID,
        caseID: UUID,
        leaseID: UUID,
        settlement: MoveOutSettlement,
        token: String,
        by staffID: UUID,
        at now: Date
    ) {
        let input = settlement.input
        self.id = id
        self.caseID = caseID
        self.leaseID = leaseID
        self.movedOut = input.movedOut.iso
        self.depositOre = input.deposit.ore
        self.repairsOre = input.normalRepairs.ore
        self.damagesOre = input.damages.ore
        self.estimateOre = input.estimate?.ore
        self.rentOwedOre = input.rentOwed.ore
        self.loanOre = input.depositLoan.ore
        self.consumptionPending = input.consumptionPending
        self.shareBasisPoints = input.sharePerMonthBasisPoints
        self.payoutOre = settlement.payout.ore
        self.toPayOre = settlement.toPay.ore
        self.submissionToken = token
        self.createdBy = staffID
        self.createdAt = now
    }
}

struct CreateMoveOutSettlements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MoveOutSettlementRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("moved_out", .string, .required)
            .field("deposit_ore", .int64, .required)
            .field("repairs_ore", .int64, .required)
            .field("damages_ore", .int64, .required)
            .field("estimate_ore", .int64)
            .field("rent_owed_ore", .int64, .required)
            .field("loan_ore", .int64, .required)
            .field("consumption_pending", .bool, .required)
            .field("share_bp", .int, .required)
            .field("payout_ore", .int64, .required)
            .field("to_pay_ore", .int64, .required)
            .field("submission_token", .string, .required)
            .field("created_by", .uuid, .required, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "case_id")
            .unique(on: "lease_id")
            .unique(on: "submission_token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MoveOutSettlementRecord.schema).delete()
    }
}

/// What the settlement page reads: the termination case with its lease, home, notice and any
/// settlement made (one statement), and the lease's tenants (one more).
enum SettlementPage {
    struct Case: Decodable, Sendable, AddressRow {
        let id: UUID
        let number: String
        let kind: String
        let status: String
        let organisation_id: UUID
        let lease_id: UUID
        let start_date: String
        let end_date: String?
        let deposit_ore: Int64
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let forwarding_address: String?
        /// The case's notice: the settlement follows a notice that arrived and ended the lease.
        let notice_received_on: String?
        let notice_end_date: String?
        let estate_filer: String?
        let representative_name: String?
        let representative_address: String?
        let settlement_id: UUID?
        let settlement_created_at: Date?
        /// The department's share of normal repairs per month, when it has its own.
        let repair_share_bp: Int?
    }

    struct Tenant: Decodable, Sendable {
        let id: UUID
        let given_name: String
        let family_name: String
        var name: String { "\(given_name) \(family_name)" }
    }

    struct Loaded: Sendable {
        let header: Case
        let tenants: [Tenant]
        /// What the lease's account owed at the lease's end, as a start for the rent owed: read
        /// for the form's first showing only, of a lease with an end.
        var owedAtEnd: Money? = nil
    }

    /// The termination case in `scope`, about a lease, with its tenants; nil otherwise (a 404).
    /// Two statements; with `owedAtEnd` and a lease with an end, a third: the lease's account.
    static func load(
        _ caseID: UUID,
        scope: StaffScope,
        owedAtEnd: Bool = false,
        on sql: any SQLDatabase
    ) async throws -> Loaded? {
        guard let inScope = scope.condition("c", "organisation_id") else { return nil }
        var query: SQLQueryString = """
            SELECT c.id, c.number, c.kind, c.status, c.organisation_id, l.id AS lease_id, l.start_date, l.end_date,
              l.deposit_ore, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              n.forwarding_address, n.received_on AS notice_received_on, n.end_date AS notice_end_date,
              n.estate_filer, n.representative_name, n.representative_address,
              ms.id AS settlement_id, ms.created_at AS settlement_created_at, dep.repair_share_bp
            FROM cases c JOIN leases l ON l.id = c.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            LEFT JOIN termination_notices n ON n.case_id = c.id
            LEFT JOIN move_out_settlements ms ON ms.lease_id = l.id
            WHERE c.id = \(bind: caseID) AND c.kind = \(bind: CaseKind.termination.rawValue)
            """
        query += inScope
        guard let header = try await sql.raw(query).first(decoding: Case.self) else { return nil }
        let tenants = try await sql.raw(
            """
            SELECT p.id, p.given_name, p.family_name FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
            WHERE lt.lease_id = \(bind: header.lease_id) ORDER BY p.given_name, p.family_name, p.id
            """
        ).rows(decoding: Tenant.self)
        var loaded = Loaded(header: header, tenants: tenants)
        if owedAtEnd, let day = header.end_date.flatMap(LocalDate.init(iso:)) {
            loaded.owedAtEnd = try await LeaseAccount.ledger(of: header.lease_id, on: sql).balance(at: day)
        }
        return loaded
    }
}
