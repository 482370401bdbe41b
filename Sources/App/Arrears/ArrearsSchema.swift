import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// The tables of rent arrears (rules.md §3):
/// - `leases.number`: lejemålsnummer, the lease's number in the administration system, by which
///   imported account lines name their lease.
/// - `ledger_entries`: every lease's account (charges and payments, in øre). A line is known by its
///   source and the id the source gave it, so importing the same file again adds nothing.
/// - `paakrav_fees`: the påkravsgebyr per year, as administrators enter the published amounts.
/// - `paakrav_notices`: one per arrears case: what the påkrav demanded, when it was made, and the
///   deadline its letters state.
/// - `arrears_proposals`: with review first, the påkrav the daily run proposes, one per lease,
///   until a caseworker sends or sets it aside.
/// - `housing_organisations.arrears_automatic`: the organisation lets the run send påkrav itself;
///   `payment_registration` and `payment_account`: where tenants pay (a påkrav must say how).
struct CreateArrears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Lease.schema).field("number", .string).update()
        try await SchemaIndex.create("leases_number", on: Lease.schema, columns: ["number"], unique: true, in: database)
        // SQLite adds one column a statement.
        try await database.schema(HousingOrganisation.schema)
            .field("arrears_automatic", .bool, .required, .sql(.default(false))).update()
        try await database.schema(HousingOrganisation.schema).field("payment_registration", .string).update()
        try await database.schema(HousingOrganisation.schema).field("payment_account", .string).update()
        try await database.schema(LedgerLine.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("kind", .string, .required)
            .field("entry_date", .string, .required)
            .field("amount_ore", .int64, .required)
            .field("text", .string, .required)
            .field("source", .string, .required)
            .field("external_id", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "source", "external_id")
            .create()
        try await SchemaIndex.create(
            "ledger_entries_lease",
            on: LedgerLine.schema,
            columns: ["lease_id", "entry_date"],
            in: database
        )
        try await database.schema(PaakravFee.schema)
            .id()
            .field("year", .int, .required)
            .field("amount_ore", .int64, .required)
            .field("source", .string, .required)
            .field("entered_by", .uuid, .references(StaffUser.schema, "id"))
            .field("entered_at", .datetime, .required)
            .unique(on: "year")
            .create()
        // The published amounts rules.md knows; later years are entered by administrators.
        for year in KnownRates.paakravFee.years {
            try await PaakravFee(
                id: UUID(),
                year: year,
                amount: try KnownRates.paakravFee.amount(for: year),
                source:
                    "Offentliggjort påkravsgebyr for \(year) (almenlejelovens § 90: 250 kr. i 2009-niveau, reguleret)",
                enteredBy: nil,
                at: Date(timeIntervalSince1970: 0)
            ).create(on: database)
        }
        try await database.schema(PaakravNotice.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("sent_on", .string, .required)
            .field("stated_deadline", .string, .required)
            .field("arrears_ore", .int64, .required)
            .field("fee_ore", .int64, .required)
            .field("fee_year", .int, .required)
            .field("paid_before_ore", .int64, .required)
            .field("sent_by", .uuid, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "case_id")
            .create()
        try await SchemaIndex.create(
            "paakrav_notices_lease",
            on: PaakravNotice.schema,
            columns: ["lease_id"],
            in: database
        )
        try await database.schema(ArrearsProposal.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, "id"))
            .field("proposed_on", .string, .required)
            .field("arrears_ore", .int64, .required)
            .field("set_aside_by", .uuid, .references(StaffUser.schema, "id"))
            .field("set_aside_at", .datetime)
            .unique(on: "lease_id")
            .create()
        try await SchemaIndex.create(
            "arrears_proposals_organisation",
            on: ArrearsProposal.schema,
            columns: ["organisation_id", "proposed_on"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ArrearsProposal.schema).delete()
        try await database.schema(PaakravNotice.schema).delete()
        try await database.schema(PaakravFee.schema).delete()
        try await database.schema(LedgerLine.schema).delete()
        try await SchemaIndex.drop("leases_number", in: database)
        try await database.schema(Lease.schema).deleteField("number").update()
        for field in ["arrears_automatic", "payment_registration", "payment_account"] {
            try await database.schema(HousingOrganisation.schema).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}

/// One line of a lease's account (`ledger_entries`).
final class LedgerLine: Model, @unchecked Sendable {
    static let schema = "ledger_entries"

    /// Where a line came from. With `external_id` it names the line, once.
    enum Source: String, Codable, Sendable {
        /// The administration system's export (`LedgerCSV.Format.postings`).
        case postings = "posteringer"
        /// The bank's export of payments (`LedgerCSV.Format.bank`).
        case bank
        /// A påkrav's own fee, booked when it is sent (`external_id` is the case's id).
        case paakrav
        /// The demo register's accounts.
        case demo
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "kind") var kind: LedgerEntry.Kind
    /// ISO date: the due date of what is owed, the day a payment was made.
    @Field(key: "entry_date") var entryDate: String
    @Field(key: "amount_ore") var amountOre: Int64
    @Field(key: "text") var text: String
    @Field(key: "source") var source: Source
    @Field(key: "external_id") var externalID: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, leaseID: UUID, entry: LedgerEntry, source: Source, externalID: String, at: Date) {
        self.id = id
        self.leaseID = leaseID
        self.kind = entry.kind
        self.entryDate = entry.date.iso
        self.amountOre = entry.amount.ore
        self.text = entry.text
        self.source = source
        self.externalID = externalID
        self.createdAt = at
    }
}

/// The påkravsgebyr of one year (`paakrav_fees`): ALL § 90's 250 kr. at 2009 level as published
/// for that year. A year without a row has no fee, and no påkrav is made in it until an
/// administrator enters one.
final class PaakravFee: Model, @unchecked Sendable {
    static let schema = "paakrav_fees"

    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "amount_ore") var amountOre: Int64
    /// Where the amount was published.
    @Field(key: "source") var source: String
    @OptionalField(key: "entered_by") var enteredBy: UUID?
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    init(id: UUID, year: Int, amount: Money, source: String, enteredBy: UUID?, at: Date) {
        self.id = id
        self.year = year
        self.amountOre = amount.ore
        self.source = source
        self.enteredBy = enteredBy
        self.enteredAt = at
    }

    /// Every year's fee as the domain's rate.
    static func rate(on database: any Database) async throws -> YearlyRate {
        let rows = try await PaakravFee.query(on: database).all()
        return YearlyRate(
            name: "påkravsgebyr",
            entries: Dictionary(
                uniqueKeysWithValues: rows.map { ($0.year, .init(amount: Money(ore: $0.amountOre), source: $0.source)) }
            )
        )
    }
}

/// The påkrav of an arrears case (`paakrav_notices`): what it demanded and its dates. Its letters
/// (one to each tenant) are the case's letters of kind `paakrav`; their arrival starts the deadline.
final class PaakravNotice: Model, @unchecked Sendable {
    static let schema = "paakrav_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "sent_on") var sentOn: String
    @Field(key: "stated_deadline") var statedDeadline: String
    /// The arrears demanded, the fee not included.
    @Field(key: "arrears_ore") var arrearsOre: Int64
    @Field(key: "fee_ore") var feeOre: Int64
    @Field(key: "fee_year") var feeYear: Int
    /// Every payment the account held when the påkrav was made: what is paid beyond it pays the
    /// demand (`SentPaakrav.paidBefore`).
    @Field(key: "paid_before_ore") var paidBeforeOre: Int64
    /// The caseworker who approved it; nil when the run sent it by itself.
    @OptionalField(key: "sent_by") var sentBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A påkrav the daily run proposes for a caseworker to review (`arrears_proposals`), one per lease.
/// A proposal set aside stays aside while the arrears stay the same; when they change, the run
/// proposes it again.
final class ArrearsProposal: Model, @unchecked Sendable {
    static let schema = "arrears_proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "proposed_on") var proposedOn: String
    @Field(key: "arrears_ore") var arrearsOre: Int64
    @OptionalField(key: "set_aside_by") var setAsideBy: UUID?
    @OptionalField(key: "set_aside_at") var setAsideAt: Date?

    init() {}
}
