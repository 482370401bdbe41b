import AlmenDomain
import Fluent
import Vapor

/// "Mit hjem": the signed-in resident's homes and leases. Every query is scoped to the
/// principal's own person id, so another resident's lease id is a 404, not a leak.
enum MyHomeController {
    struct Context: Encodable {
        let page: PageChrome
        let homes: [HomeItem]
        /// For a member of an organisation board in an active term: the resident list.
        let boardResidentsHref: String?
        /// Open cases the resident is party to, with the link to "Mine sager".
        let openCases: Int
        let casesHref: String
    }

    struct HomeItem: Encodable {
        let address: String
        let postalCity: String
        let organisation: String
        let department: String
        /// Tenants and co-tenants see the lease; other household members see the address only.
        let leaseHref: String?
        let role: String
    }

    struct LeaseContext: Encodable {
        let page: PageChrome
        let address: String
        let postalCity: String
        let organisation: String
        let department: String
        let housingType: String
        let rooms: Int
        let areaM2: Int
        let startDate: String
        let monthlyRent: String
        let deposit: String
        let tenants: [String]
        let household: [String]
        let terminationIfToday: TerminationAnswer?
        let calculatorHref: String
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let tenancies = try await LeaseTenant.query(on: req.db).filter(\.$person.$id == principal.id)
            .with(\.$lease) { $0.with(\.$dwelling) { $0.with(\.$department) { $0.with(\.$organisation) } } }
            .all()
            .filter { $0.lease.status != .ended }
        let households = try await HouseholdMember.query(on: req.db).filter(\.$person.$id == principal.id)
            .with(\.$lease) { $0.with(\.$dwelling) { $0.with(\.$department) { $0.with(\.$organisation) } } }
            .all()
            .filter { $0.lease.status != .ended }
        let homes = try tenancies.map { tenancy in
            try item(tenancy.lease, role: strings[tenancy.role == .tenant ? "roleTenant" : "roleCoTenant"] ?? "", linked: true)
        } + households.map { member in
            try item(member.lease, role: strings["roleHousehold"] ?? "", linked: false)
        }
        let onBoard = try await principal.roles(on: req.db, today: req.today.iso).contains(.organisationBoardMember)
        let openCases = try await req.application.cases.cases(ofParty: principal.id, openOnly: true).count()
        return try await req.view.render("my-home", Context(
            page: await PageChrome.make(for: req, title: strings["myHomeTitle"] ?? ""), homes: homes,
            boardResidentsHref: onBoard ? SiteRoute.boardResidents.path : nil,
            openCases: openCases, casesHref: SiteRoute.myCases.path
        ))
    }

    static func item(_ lease: Lease, role: String, linked: Bool) throws -> HomeItem {
        let dwelling = lease.dwelling
        return HomeItem(
            address: dwelling.addressLine, postalCity: "\(dwelling.postalCode) \(dwelling.city)",
            organisation: dwelling.department.organisation.name,
            department: "\(dwelling.department.number) \(dwelling.department.name)",
            leaseHref: linked ? SiteRoute.myLease(try lease.requireID()).path : nil, role: role
        )
    }

    @Sendable
    static func lease(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self) else { throw Abort(.notFound) }
        // Scoped: the lease must have the principal as tenant or co-tenant.
        guard try await LeaseTenant.query(on: req.db).filter(\.$person.$id == principal.id).filter(\.$lease.$id == leaseID).first() != nil,
              let lease = try await Lease.query(on: req.db).filter(\.$id == leaseID)
                .with(\.$dwelling, { $0.with(\.$department) { $0.with(\.$organisation) } })
                .with(\.$tenants, { $0.with(\.$person) })
                .first()
        else { throw Abort(.notFound) }
        let household = try await HouseholdMember.query(on: req.db).filter(\.$lease.$id == leaseID).with(\.$person).all()
        let language = req.language
        let strings = Strings.table(language)
        let dwelling = lease.dwelling
        let today = req.today
        let termination = try? TerminationAnswer.evaluate(
            received: today.iso, housing: dwelling.housingType.rawValue,
            noticeWeeks: dwelling.housingType == .youth ? lease.noticeWeeks.map(String.init) : nil, reason: nil, language: language
        )
        return try await req.view.render("lease", LeaseContext(
            page: await PageChrome.make(for: req, title: strings["leaseTitle"] ?? ""),
            address: dwelling.addressLine, postalCity: "\(dwelling.postalCode) \(dwelling.city)",
            organisation: dwelling.department.organisation.name,
            department: "\(dwelling.department.number) \(dwelling.department.name)",
            housingType: strings["housing_\(dwelling.housingType.rawValue)"] ?? dwelling.housingType.rawValue,
            rooms: dwelling.habitableRooms, areaM2: dwelling.floorAreaM2,
            startDate: lease.startDate.map { DateText.short($0, language) } ?? lease.startDateISO,
            monthlyRent: lease.monthlyRent.danish, deposit: lease.deposit.danish,
            tenants: lease.tenants.map(\.person.fullName).sorted(),
            household: household.map(\.person.fullName).sorted(),
            terminationIfToday: termination,
            calculatorHref: SiteRoute.terminationCalculator.path
        ))
    }
}
