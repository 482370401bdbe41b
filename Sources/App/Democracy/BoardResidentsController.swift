import Fluent
import Vapor

/// "Beboere i boligorganisationen": an organisation board member sees the residents' names and
/// contact details while their election period is active, and only then (rules.md §6). A
/// department board gets no resident list. Every view is an audited read of personal data.
enum BoardResidentsController {
    struct Resident: Encodable {
        let name: String
        let address: String
        let email: String?
        let phone: String?
    }

    struct Context: Encodable {
        let page: PageChrome
        let organisation: String
        let termEnd: String
        let residents: [Resident]
        let pageNumber: Int
        let previousHref: String?
        let nextHref: String?
    }

    static let pageSize = 100

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let today = req.today.iso
        // The seat must be on an organisation board and its term running today.
        guard let seat = try await BoardMembership.query(on: req.db).filter(\.$person.$id == principal.id).filter(\.$board == .organisation)
            .filter(\.$termStartISO <= today).filter(\.$termEndISO >= today).with(\.$organisation).first(),
            let organisation = seat.organisation
        else {
            throw AccessRefused(
                messageDa: "Kun organisationsbestyrelsens medlemmer ser beboernes kontaktoplysninger, og kun i deres valgperiode.",
                message: "Only members of the organisation's board see residents' contact details, and only during their election period."
            )
        }
        let organisationID = try organisation.requireID()
        let pageNumber = max(1, min(10_000, req.query[Int.self, at: "side"] ?? 1))
        let tenancies = try await LeaseTenant.query(on: req.db)
            .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
            .join(Person.self, on: \LeaseTenant.$person.$id == \Person.$id)
            .filter(Department.self, \.$organisation.$id == organisationID)
            .filter(Lease.self, \.$status != .ended)
            .sort(Person.self, \.$familyName).sort(Person.self, \.$givenName).sort(\.$id)
            .range((pageNumber - 1) * pageSize..<(pageNumber * pageSize + 1))
            .all()
        let shown = tenancies.prefix(pageSize)
        let shownPeople = shown.map(\.$person.id)
        let residents = try shown.map { tenancy in
            let person = try tenancy.joined(Person.self)
            let dwelling = try tenancy.joined(Dwelling.self)
            return Resident(
                name: person.fullName, address: "\(dwelling.addressLine), \(dwelling.postalCode) \(dwelling.city)",
                email: person.email, phone: person.phone
            )
        }
        try await req.audit.record(
            .boardResidentsList, dataSubjects: shownPeople, subjectKind: .housingOrganisation, subjectID: organisationID,
            purpose: "Organisationsbestyrelse: beboernes kontaktoplysninger i valgperioden", actor: principal
        )
        let strings = Strings.table(req.language)
        let route = SiteRoute.boardResidents
        return try await req.view.render("board-residents", Context(
            page: await PageChrome.make(for: req, title: strings["boardResidentsTitle"] ?? ""),
            organisation: organisation.name, termEnd: seat.termEndISO, residents: residents, pageNumber: pageNumber,
            previousHref: pageNumber > 1 ? route.path(query: [("side", String(pageNumber - 1))]) : nil,
            nextHref: tenancies.count > pageSize ? route.path(query: [("side", String(pageNumber + 1))]) : nil
        ))
    }
}
