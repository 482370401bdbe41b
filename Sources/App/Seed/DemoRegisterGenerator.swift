import AlmenDomain
import Foundation

/// Generates a deterministic, realistic demo register (issue: Foundation, "Demo data"): an
/// administration company, organisations, departments, dwellings of every housing type, leases
/// with tenants and co-tenants, households, boards with election terms, staff, and each adult's
/// Digital Post registration for the NgDP stand-in.
///
/// Every CPR number is a replacement number (erstatningspersonnummer, day of month + 60, rules.md
/// section 9), so no demo number can be a real person's. CVR numbers fail the modulus-11 check
/// for the same reason. The same `seed`, `homes` and `referenceDate` give the same register.
struct DemoRegisterGenerator {
    let homes: Int
    let seed: UInt64
    /// "Today" for the demo: lease start dates and board terms are placed around it.
    let referenceDate: LocalDate
    let vault: CPRVault

    /// The company and organisations, written before any batch.
    struct Skeleton {
        var company: (id: UUID, name: String, cvr: String)
        var organisations: [Organisation]
        var staff: [(id: UUID, name: String, email: String, role: StaffRole)]
    }

    struct Organisation {
        let id: UUID
        let cvr: String
        let name: String
        let eligiblePublicSender: Bool
        let connection: DigitalPostConnectionState
        var departments: [DepartmentPlan]
    }

    struct DepartmentPlan {
        let id: UUID
        let number: Int
        let name: String
        let town: (postalCode: String, city: String, municipality: String)
        let homes: Int
        let housingType: HousingType
    }

    /// Orgs of about 1,150 homes (80,000 homes -> ~70 organisations), departments of 30-240.
    func skeleton() -> Skeleton {
        var random = SeededRandom(seed: seed)
        var usedCVRs = Set<String>()
        let organisationCount = max(1, min(homes / 20, Int((Double(homes) / 1150).rounded())), homes >= 60 ? 3 : 1)
        var organisations: [Organisation] = []
        var remaining = homes
        var departmentIndex = 0
        for index in 0..<organisationCount {
            let share = index == organisationCount - 1 ? remaining : homes / organisationCount
            remaining -= share
            let baseName = DemoNames.organisationNames[index % DemoNames.organisationNames.count]
            let kind = DemoNames.organisationKinds[
                (index / DemoNames.organisationNames.count + index) % DemoNames.organisationKinds.count
            ]
            let round = index / (DemoNames.organisationNames.count * DemoNames.organisationKinds.count)
            let name = "\(kind) \(baseName)" + (round > 0 ? " \(round + 1)" : "")
            // Most organisations consented through Landsbyggefonden and may be public senders.
            let eligible = index % 10 != 9
            let connection: DigitalPostConnectionState = eligible && index % 5 != 4 ? .connected : .notConnected
            var departments: [DepartmentPlan] = []
            var left = share
            var number = 1
            while left > 0 {
                let size = min(left, Int.random(in: 30...240, using: &random))
                let adjusted = left - size < 30 && left - size > 0 ? left : size
                departments.append(
                    DepartmentPlan(
                        id: random.uuid(),
                        number: number,
                        name: DemoNames.estates[(departmentIndex * 7 + number) % DemoNames.estates.count],
                        town: random.pick(DemoNames.towns),
                        homes: adjusted,
                        housingType: Self.departmentTypes[departmentIndex % Self.departmentTypes.count]
                    )
                )
                left -= adjusted
                number += 1
                departmentIndex += 1
            }
            organisations.append(
                Organisation(
                    id: random.uuid(),
                    cvr: Self.fictitiousCVR(&random, used: &usedCVRs),
                    name: name,
                    eligiblePublicSender: eligible,
                    connection: connection,
                    departments: departments
                )
            )
        }
        var staff: [(id: UUID, name: String, email: String, role: StaffRole)] = []
        let caseworkers = max(3, homes / 2000)
        var usedEmails = Set<String>()
        for index in 0..<(caseworkers + 2) {
            let given = random.chance(0.5) ? random.pick(DemoNames.femaleGiven) : random.pick(DemoNames.maleGiven)
            let family = random.pick(DemoNames.family)
            var email = Self.emailLocal(given, family) + "@administration.example"
            if !usedEmails.insert(email).inserted {
                email = Self.emailLocal(given, family) + "\(index)@administration.example"
                usedEmails.insert(email)
            }
            staff.append((random.uuid(), "\(given) \(family)", email, index < 2 ? .administrator : .caseworker))
        }
        return Skeleton(
            company: (random.uuid(), "Almen Administration A/S", Self.fictitiousCVR(&random, used: &usedCVRs)),
            organisations: organisations,
            staff: staff
        )
    }

    /// The first five departments cover every housing type, then family housing dominates.
    static let departmentTypes: [HousingType] = [
        .family, .youth, .elderly, .family, .care, .family, .family, .youth, .family, .elderly,
    ]

    /// Generates the dwellings, leases, people and boards department by department, handing a
    /// batch to `sink` whenever about `batchHomes` homes have been generated.
    func generate(
        _ skeleton: Skeleton,
        batchHomes: Int = 1000,
        sink: (inout DemoBatch, _ homesDone: Int) async throws -> Void
    ) async throws {
        var random = SeededRandom(seed: seed ^ 0xA1_3E_00_00_00_00_00_01)
        var cprSequence: [LocalDate: Int] = [:]
        var batch = DemoBatch()
        var homesInBatch = 0
        var homesDone = 0
        for (organisationIndex, organisation) in skeleton.organisations.enumerated() {
            var organisationResidents: [UUID] = []
            for department in organisation.departments {
                var departmentTenants: [UUID] = []
                let streets = (0..<(department.homes > 120 ? 3 : department.homes > 50 ? 2 : 1)).map { _ in
                    random.pick(DemoNames.streets)
                }
                for home in 0..<department.homes {
                    let tenants = try makeHome(
                        home,
                        in: department,
                        leaseNumber:
                            "\(organisationIndex + 1)-\(department.number)-\(String(format: "%04d", home + 1))",
                        streets: streets,
                        random: &random,
                        cprSequence: &cprSequence,
                        batch: &batch
                    )
                    departmentTenants.append(contentsOf: tenants)
                    homesInBatch += 1
                    homesDone += 1
                }
                addBoard(of: department, from: departmentTenants, random: &random, batch: &batch)
                organisationResidents.append(contentsOf: departmentTenants.prefix(8))
                if homesInBatch >= batchHomes {
                    try await sink(&batch, homesDone)
                    batch.removeAll()
                    homesInBatch = 0
                }
            }
            addBoard(of: organisation, from: organisationResidents, random: &random, batch: &batch)
        }
        try await sink(&batch, homesDone)
    }

    /// One dwelling, its lease (most are let), tenants and household. Returns the tenants' ids.
    private func makeHome(
        _ index: Int,
        in department: DepartmentPlan,
        leaseNumber: String,
        streets: [String],
        random: inout SeededRandom,
        cprSequence: inout [LocalDate: Int],
        batch: inout DemoBatch
    ) throws -> [UUID] {
        let type = department.housingType
        let rooms: Int =
            switch type {
            case .family: random.weighted([(1, 10), (2, 30), (3, 35), (4, 20), (5, 5)])
            case .youth: random.weighted([(1, 70), (2, 30)])
            case .elderly: random.weighted([(1, 20), (2, 60), (3, 20)])
            case .care: 1
            }
        let area =
            type == .youth
            ? Int.random(in: 22...50, using: &random) : rooms * 22 + Int.random(in: 12...32, using: &random)
        let perStairway = 6
        let stairway = index / perStairway
        let floorNumber = index % perStairway / 2
        let isHouse = type == .family && department.number % 4 == 0
        let dwellingID = random.uuid()
        batch.dwellings.append([
            dwellingID, department.id, streets[stairway % streets.count], "\(stairway / streets.count * 2 + 1)",
            isHouse ? String?.none : (floorNumber == 0 ? "st" : "\(floorNumber)"),
            isHouse ? String?.none : DemoNames.doors[index % 2],
            department.town.postalCode, department.town.city, rooms, area, type.rawValue,
            type == .family && random.chance(0.12),
        ])
        guard random.chance(0.96) else { return [] }

        let leaseID = random.uuid()
        let yearsAgo = type == .youth ? Int.random(in: 0...5, using: &random) : Int.random(in: 0...30, using: &random)
        let start = referenceDate.adding(days: -(yearsAgo * 365 + Int.random(in: 0...364, using: &random))).firstOfMonth
        let terminating = random.chance(0.02)
        let rent = Money(kroner: Int64(area * Int.random(in: 65...95, using: &random)))
        batch.leases.append([
            leaseID, dwellingID, start.iso,
            terminating ? referenceDate.adding(months: 3).firstOfMonth.iso : String?.none,
            rent.ore, 1, Money(ore: rent.ore * (type == .youth ? 2 : 3)).ore,
            type == .youth && random.chance(0.6) ? Int?.some(random.pick([6, 8, 12])) : Int?.none,
            random.chance(0.03),
            (terminating ? LeaseStatus.terminated : .active).rawValue, leaseNumber,
        ])
        addLedger(leaseID, rent: rent, started: start, batch: &batch)
        let birthYears = type == .youth ? 1996...2007 : type == .elderly || type == .care ? 1930...1960 : 1940...2004
        let familyName = random.pick(DemoNames.family)
        var tenants: [UUID] = []
        let tenant = try addPerson(
            familyName: familyName,
            birthYears: birthYears,
            adult: true,
            random: &random,
            cprSequence: &cprSequence,
            batch: &batch
        )
        batch.leaseTenants.append([random.uuid(), leaseID, tenant, TenantRole.tenant.rawValue])
        tenants.append(tenant)
        if type != .care, rooms >= 2, random.chance(0.35) {
            let coTenant = try addPerson(
                familyName: random.chance(0.6) ? familyName : random.pick(DemoNames.family),
                birthYears: birthYears,
                adult: true,
                random: &random,
                cprSequence: &cprSequence,
                batch: &batch
            )
            batch.leaseTenants.append([random.uuid(), leaseID, coTenant, TenantRole.coTenant.rawValue])
            tenants.append(coTenant)
        }
        if type == .family, rooms >= 3 {
            for _ in 0..<random.weighted([(0, 50), (1, 25), (2, 20), (3, 5)]) {
                let child = try addPerson(
                    familyName: familyName,
                    birthYears: 2008...2024,
                    adult: false,
                    random: &random,
                    cprSequence: &cprSequence,
                    batch: &batch
                )
                batch.householdMembers.append([random.uuid(), leaseID, child, false])
            }
            if random.chance(0.08) {
                let adult = try addPerson(
                    familyName: familyName,
                    birthYears: 1985...2006,
                    adult: true,
                    random: &random,
                    cprSequence: &cprSequence,
                    batch: &batch
                )
                batch.householdMembers.append([random.uuid(), leaseID, adult, true])
            }
        }
        return tenants
    }

    /// The last three months' rent and their payments, from a random stream of the lease's own
    /// (the register's stream is not touched, so the same seed gives the same people). Most pay on
    /// time; some pay late, some are a month or two behind, a few have paid in advance.
    private func addLedger(_ leaseID: UUID, rent: Money, started: LocalDate, batch: inout DemoBatch) {
        var random = SeededRandom(seed: seed ^ withUnsafeBytes(of: leaseID.uuid) { $0.loadUnaligned(as: UInt64.self) })
        let created = Date(timeIntervalSince1970: 0)
        let profile = random.weighted([("onTime", 86), ("late", 6), ("oneBehind", 4), ("twoBehind", 2), ("ahead", 2)])
        let months = (0..<3).map { referenceDate.firstOfMonth.adding(months: -2 + $0) }.filter { $0 >= started }
        for (index, due) in months.enumerated() {
            let fromEnd = months.count - 1 - index
            let text = "Husleje \(DateText.danishMonths[due.month - 1]) \(due.year)"
            batch.ledgerEntries.append([
                random.uuid(), leaseID, LedgerEntry.Kind.rent.rawValue, due.iso, rent.ore, text,
                LedgerLine.Source.demo.rawValue, "\(leaseID.lowercasedString)-\(due.iso)", created,
            ])
            let paidOn: LocalDate? =
                switch profile {
                case "late": due.adding(days: Int.random(in: 4...12, using: &random))
                case "oneBehind": fromEnd < 1 ? nil : due.adding(days: -Int.random(in: 0...3, using: &random))
                case "twoBehind": fromEnd < 2 ? nil : due.adding(days: -Int.random(in: 0...3, using: &random))
                default: due.adding(days: -Int.random(in: 0...3, using: &random))
                }
            guard let paidOn, paidOn <= referenceDate else { continue }
            batch.ledgerEntries.append([
                random.uuid(), leaseID, LedgerEntry.Kind.payment.rawValue, paidOn.iso,
                (profile == "ahead" && fromEnd == 0 ? rent.ore * 2 : rent.ore), "Indbetaling",
                LedgerLine.Source.demo.rawValue, "\(leaseID.lowercasedString)-\(due.iso)-betaling", created,
            ])
        }
    }

    private func addPerson(
        familyName: String,
        birthYears: ClosedRange<Int>,
        adult: Bool,
        random: inout SeededRandom,
        cprSequence: inout [LocalDate: Int],
        batch: inout DemoBatch
    ) throws -> UUID {
        let female = random.chance(0.5)
        let given = female ? random.pick(DemoNames.femaleGiven) : random.pick(DemoNames.maleGiven)
        let year = Int.random(in: birthYears, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...LocalDate.daysInMonth(year: year, month: month), using: &random)
        let birth = LocalDate(year: year, month: month, day: day)!
        let sequence = cprSequence[birth, default: 0]
        cprSequence[birth] = sequence + 1
        let cpr = CPRNumber.replacement(birthDate: birth, sequence: sequence * 2 + (female ? 0 : 1))
        let id = random.uuid()
        let email =
            adult && random.chance(0.8) ? "\(Self.emailLocal(given, familyName)).\(sequence)\(day)@example.org" : nil
        batch.people.append([id, given, familyName, try vault.seal(cpr), vault.lookupHash(cpr), email, String?.none])
        if adult {
            let status: DigitalPostRegistrationStatus = random.weighted([
                (.registered, 85), (.exempt, 9), (.unknown, 4), (.closed, 2),
            ])
            batch.sandboxCitizens.append([random.uuid(), id, status.rawValue])
        }
        return id
    }

    /// A department board of 3 or 5 (always odd, ABL § 34) elected for two years at the
    /// September meeting; departments of under 30 homes have none.
    private func addBoard(
        of department: DepartmentPlan,
        from tenants: [UUID],
        random: inout SeededRandom,
        batch: inout DemoBatch
    ) {
        guard department.homes >= 30, tenants.count >= 5 else { return }
        let size = tenants.count >= 60 ? 5 : 3
        let termStart = LocalDate(year: referenceDate.year - (department.number % 2), month: 9, day: 1)!
        for (seat, person) in pickDistinct(size, from: tenants, random: &random).enumerated() {
            batch.boardMemberships.append([
                random.uuid(), person, BoardKind.department.rawValue, Optional(department.id), UUID?.none,
                (seat == 0 ? BoardPosition.chair : seat == 1 ? .deputyChair : .member).rawValue,
                termStart.iso, termStart.adding(months: 24).adding(days: -1).iso,
            ])
        }
    }

    /// The organisation's board: 5 or 7 residents, with a current and an expired term, so that
    /// access windows can be tested against both.
    private func addBoard(
        of organisation: Organisation,
        from residents: [UUID],
        random: inout SeededRandom,
        batch: inout DemoBatch
    ) {
        guard residents.count >= 7 else { return }
        let members = pickDistinct(residents.count >= 40 ? 7 : 5, from: residents, random: &random)
        let currentStart = LocalDate(year: referenceDate.year - 1, month: 6, day: 1)!
        for (seat, person) in members.enumerated() {
            let expired = seat == members.count - 1
            let start = expired ? currentStart.adding(months: -24) : currentStart
            batch.boardMemberships.append([
                random.uuid(), person, BoardKind.organisation.rawValue, UUID?.none, Optional(organisation.id),
                (seat == 0 ? BoardPosition.chair : seat == 1 ? .deputyChair : .member).rawValue,
                start.iso, start.adding(months: 24).adding(days: -1).iso,
            ])
        }
    }

    private func pickDistinct(_ count: Int, from items: [UUID], random: inout SeededRandom) -> [UUID] {
        var chosen: [UUID] = []
        var used = Set<Int>()
        while chosen.count < min(count, items.count) {
            let index = Int.random(in: 0..<items.count, using: &random)
            if used.insert(index).inserted { chosen.append(items[index]) }
        }
        return chosen
    }

    /// Eight digits that fail the CVR modulus-11 check (weights 2,7,6,5,4,3,2,1), so that no demo
    /// organisation can carry a real company's number.
    static func fictitiousCVR(_ random: inout SeededRandom, used: inout Set<String>) -> String {
        let weights = [2, 7, 6, 5, 4, 3, 2, 1]
        while true {
            let digits =
                [Int.random(in: 1...9, using: &random)] + (0..<7).map { _ in Int.random(in: 0...9, using: &random) }
            let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
            let text = digits.map(String.init).joined()
            if sum % 11 != 0, used.insert(text).inserted { return text }
        }
    }

    static func emailLocal(_ given: String, _ family: String) -> String {
        let folded = "\(given).\(family)".lowercased()
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
            .replacingOccurrences(of: "å", with: "aa").replacingOccurrences(of: "ı", with: "i")
        return String(folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == ".") })
    }
}
