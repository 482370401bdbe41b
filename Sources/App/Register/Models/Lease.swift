import AlmenDomain
import Fluent
import Foundation

/// A lease (lejemål / lejekontrakt) of one dwelling to one or more tenants.
public final class Lease: Model, @unchecked Sendable {
    public static let schema = "leases"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "dwelling_id") public var dwelling: Dwelling
    /// ISO dates (`YYYY-MM-DD`, Danish local dates): portable across SQLite and PostgreSQL.
    @Field(key: "start_date") public var startDateISO: String
    @OptionalField(key: "end_date") public var endDateISO: String?
    /// Monthly rent (husleje) in øre.
    @Field(key: "monthly_rent_ore") public var monthlyRentOre: Int64
    /// Day of the month the rent falls due (forfaldsdag).
    @Field(key: "due_day") public var dueDay: Int
    /// Deposit (indskud) in øre.
    @Field(key: "deposit_ore") public var depositOre: Int64
    /// Agreed shorter notice in weeks for youth housing (ALL § 88); nil means the family rule.
    @OptionalField(key: "notice_weeks") public var noticeWeeks: Int?
    /// The tenant opted out of digital communication (fritaget for digital kommunikation).
    @Field(key: "digital_opt_out") public var digitalOptOut: Bool
    @Field(key: "status") public var status: LeaseStatus
    /// Lejemålsnummer: the lease's number in the administration system ("1-12-0042"), by which
    /// imported account lines name it. Nil until the register gives it one.
    @OptionalField(key: "number") public var number: String?
    @Children(for: \.$lease) public var tenants: [LeaseTenant]

    public init() {}

    public init(
        id: UUID? = nil,
        dwellingID: UUID,
        startDate: LocalDate,
        endDate: LocalDate?,
        monthlyRent: Money,
        dueDay: Int,
        deposit: Money,
        noticeWeeks: Int?,
        digitalOptOut: Bool,
        status: LeaseStatus
    ) {
        self.id = id
        self.$dwelling.id = dwellingID
        self.startDateISO = startDate.iso
        self.endDateISO = endDate?.iso
        self.monthlyRentOre = monthlyRent.ore
        self.dueDay = dueDay
        self.depositOre = deposit.ore
        self.noticeWeeks = noticeWeeks
        self.digitalOptOut = digitalOptOut
        self.status = status
    }

    public var startDate: LocalDate? { LocalDate(iso: startDateISO) }
    public var endDate: LocalDate? { endDateISO.flatMap(LocalDate.init(iso:)) }
    public var monthlyRent: Money { Money(ore: monthlyRentOre) }
    public var deposit: Money { Money(ore: depositOre) }
}

/// Where a lease is in its life.
public enum LeaseStatus: String, Codable, CaseIterable, Sendable {
    case active
    /// Opsagt: notice given, not yet ended.
    case terminated
    case ended
}
