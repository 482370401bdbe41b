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
        let homes = try await MyHomePage.homes(of: principal.id, on: req.db)
        let openCases = try await MyHomePage.openCases(of: principal.id, on: req.db)
        let strings = Strings.table(req.language)
        let roleText = [
            TenantRole.tenant.rawValue: strings["roleTenant"] ?? "",
            TenantRole.coTenant.rawValue: strings["roleCoTenant"] ?? "",
            MyHomePage.Home.household: strings["roleHousehold"] ?? "",
        ]
        return try await req.view.render(
            "my-home",
            Context(
                page: await PageChrome.make(for: req, title: strings["myHomeTitle"] ?? ""),
                homes: homes.map { home in
                    HomeItem(
                        address: home.addressLine,
                        postalCity: home.postalCity,
                        organisation: home.organisation_name,
                        department: "\(home.department_number) \(home.department_name)",
                        leaseHref: home.isTenancy ? SiteRoute.myLease(home.lease_id).path : nil,
                        role: roleText[home.role] ?? ""
                    )
                },
                boardResidentsHref: principal.has(.organisationBoardMember) ? SiteRoute.boardResidents.path : nil,
                openCases: openCases,
                casesHref: SiteRoute.myCases.path
            )
        )
    }

    /// A lease of the signed-in tenant or co-tenant that has not ended (a former tenant's lease
    /// is a 404: its household and finances are no longer theirs to see).
    @Sendable
    static func lease(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self) else { throw Abort(.notFound) }
        guard let lease = try await MyHomePage.lease(leaseID, of: principal.id, on: req.db) else {
            throw Abort(.notFound)
        }
        let occupants = try await MyHomePage.occupants(of: leaseID, on: req.db)
        let language = req.language
        let strings = Strings.table(language)
        let housing = HousingType(rawValue: lease.housing_type)
        let termination = try? TerminationAnswer.evaluate(
            received: req.today.iso,
            housing: lease.housing_type,
            noticeWeeks: housing == .youth ? lease.notice_weeks.map(String.init) : nil,
            reason: nil,
            language: language
        )
        return try await req.view.render(
            "lease",
            LeaseContext(
                page: await PageChrome.make(for: req, title: strings["leaseTitle"] ?? ""),
                address: lease.addressLine,
                postalCity: lease.postalCity,
                organisation: lease.organisation_name,
                department: "\(lease.department_number) \(lease.department_name)",
                housingType: strings["housing_\(lease.housing_type)"] ?? "",
                rooms: lease.habitable_rooms,
                areaM2: lease.floor_area_m2,
                startDate: LocalDate(iso: lease.start_date).map { DateText.short($0, language) } ?? lease.start_date,
                monthlyRent: Money(ore: lease.monthly_rent_ore).danish,
                deposit: Money(ore: lease.deposit_ore).danish,
                tenants: occupants.filter { $0.tenant == 1 }.map(\.name).sorted(),
                household: occupants.filter { $0.tenant == 0 }.map(\.name).sorted(),
                terminationIfToday: termination,
                calculatorHref: SiteRoute.terminationCalculator.path
            )
        )
    }
}
