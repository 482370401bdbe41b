import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The public front page (the organisations administered here) and one organisation's page (its
/// departments). Both read the register's summary from `RegisterSummaryCache`: counting every
/// dwelling per department on each anonymous request made the front page the slowest page of the
/// site, and a cheap way to load the server from outside.
enum FrontPageController {
    struct Context: Encodable {
        let page: PageChrome
        /// Where a reader goes from here: a resident to "Mit hjem", staff to the cases, anyone
        /// else to log in; and the help centre.
        let start: Start
        let organisations: [OrganisationLink]
        let calculatorHref: String
    }

    struct Start: Encodable {
        let title: String
        let text: String
        let href: String
        let label: String
        let helpHref: String
        /// Not staff: the calculator for moving out is offered.
        let forResidents: Bool
    }

    /// An organisation as the front page lists it: without its departments, which are on its own
    /// page (so the front page stays small however many there are).
    struct OrganisationLink: Encodable {
        let name: String
        /// "7 afdelinger, 1234 boliger": worked out here, as a comparison in a loop of the template
        /// cost the page a sixth of its time.
        let summary: String
        let href: String
    }

    struct OrganisationContext: Encodable {
        let page: PageChrome
        let organisation: OrganisationItem
        let frontHref: String
    }

    struct OrganisationItem: Encodable, Equatable, Sendable {
        let id: UUID
        let name: String
        let cvr: String
        let homes: Int
        let departmentCount: Int
        let href: String
        let departments: [DepartmentItem]
    }

    struct DepartmentItem: Encodable, Equatable, Sendable {
        let id: UUID
        let number: Int
        let name: String
        let municipality: String
        let homes: Int
    }

    static func start(_ req: Request, _ strings: [String: String]) -> Start {
        let (title, text, href, label): (String, String, String, String) =
            switch req.principal?.kind {
            case .resident?: ("frontStartTitleResident", "frontStartResident", SiteRoute.myHome.path, "frontGoMyHome")
            case .staff?: ("frontStartTitleStaff", "frontStartStaff", SiteRoute.staffCases.path, "frontGoCases")
            case nil:
                (
                    "frontStartTitle", "frontStartVisitor",
                    SiteRoute.login.path(query: [("tilbage", SiteRoute.myHome.path)]),
                    "login"
                )
            }
        return Start(
            title: strings[title] ?? "",
            text: strings[text] ?? "",
            href: href,
            label: strings[label] ?? "",
            helpHref: SiteRoute.help.path,
            forResidents: req.principal?.kind != .staff
        )
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let organisations = try await req.application.registerSummary.organisations(on: req.db)
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "front",
            Context(
                page: await PageChrome.make(for: req, title: strings["frontTitle"] ?? ""),
                start: start(req, strings),
                organisations: organisations.map {
                    OrganisationLink(
                        name: $0.name,
                        summary: strings.filled(
                            "frontOrganisationSummary",
                            [
                                "departments": strings.counted(
                                    "countDepartments",
                                    $0.departmentCount,
                                    in: req.language
                                ),
                                "homes": strings.counted("countHomes", $0.homes, in: req.language),
                            ]
                        ),
                        href: $0.href
                    )
                },
                calculatorHref: SiteRoute.terminationCalculator.path
            )
        )
    }

    /// `/organisationer/{id}`: one organisation's departments with their homes.
    @Sendable
    static func organisation(_ req: Request) async throws -> View {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            let organisation = try await req.application.registerSummary.organisations(on: req.db).first(where: {
                $0.id == id
            })
        else { throw Abort(.notFound) }
        return try await req.view.render(
            "organisation",
            OrganisationContext(
                page: await PageChrome.make(for: req, title: organisation.name),
                organisation: organisation,
                frontHref: SiteRoute.home.path
            )
        )
    }

    /// Organisations by name, each with its departments by number and home counts: three queries
    /// whatever the size of the register.
    static func query(on database: any Database) async throws -> [OrganisationItem] {
        let organisations = try await HousingOrganisation.query(on: database)
            .with(\.$departments)
            .sort(\.$name)
            .all()
        let homes = try await homesPerDepartment(on: database)
        return try organisations.map { organisation in
            let departments = try organisation.departments
                .sorted { $0.number < $1.number }
                .map { department in
                    let id = try department.requireID()
                    return DepartmentItem(
                        id: id,
                        number: department.number,
                        name: department.name,
                        municipality: department.municipality,
                        homes: homes[id] ?? 0
                    )
                }
            let id = try organisation.requireID()
            return OrganisationItem(
                id: id,
                name: organisation.name,
                cvr: organisation.cvr,
                homes: departments.reduce(0) { $0 + $1.homes },
                departmentCount: departments.count,
                href: SiteRoute.organisation(id).path,
                departments: departments
            )
        }
    }

    static func homesPerDepartment(on database: any Database) async throws -> [UUID: Int] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        struct Row: Decodable {
            let department_id: UUID
            let homes: Int
        }
        let rows = try await sql.select()
            .column("department_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "homes")
            .from(Dwelling.schema)
            .groupBy("department_id")
            .rows(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.department_id, $0.homes) })
    }
}

/// The register's organisations, departments and home counts for the public pages, read at most
/// once a minute per process (`maxAge`). The register changes by
/// import and seeding, never by a visitor, so a public page a minute behind is correct enough, and
/// the count runs once a minute however many visitors come. Concurrent misses share one read.
final class RegisterSummaryCache: Sendable {
    static let maxAge: TimeInterval = 60
    private let now: @Sendable () -> Date
    private let state = NIOLockedValueBox<State>(State())

    private struct State {
        var value: [FrontPageController.OrganisationItem]?
        var readAt = Date.distantPast
        var reading: Task<[FrontPageController.OrganisationItem], any Error>?
    }

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// A department and its organisation, found in the summary (no statement of its own).
    func department(
        _ id: UUID,
        on database: any Database
    ) async throws -> (FrontPageController.OrganisationItem, FrontPageController.DepartmentItem)? {
        for organisation in try await organisations(on: database) {
            if let department = organisation.departments.first(where: { $0.id == id }) {
                return (organisation, department)
            }
        }
        return nil
    }

    func organisations(on database: any Database) async throws -> [FrontPageController.OrganisationItem] {
        typealias Reading = Task<[FrontPageController.OrganisationItem], any Error>
        let now = now()
        let fresh: [FrontPageController.OrganisationItem]? = state.withLockedValue { state in
            guard let value = state.value, abs(now.timeIntervalSince(state.readAt)) < Self.maxAge else { return nil }
            return value
        }
        if let fresh { return fresh }
        let task: Reading = state.withLockedValue { state in
            if let reading = state.reading { return reading }
            let reading = Reading { try await FrontPageController.query(on: database) }
            state.reading = reading
            return reading
        }
        let result = await task.result
        state.withLockedValue { state in
            guard state.reading == task else { return }
            state.reading = nil
            if case .success(let value) = result {
                state.value = value
                state.readAt = now
            }
        }
        return try result.get()
    }
}

extension Application {
    private struct RegisterSummaryKey: StorageKey { typealias Value = RegisterSummaryCache }

    /// The public pages' summary of the register; made by `configure`.
    var registerSummary: RegisterSummaryCache {
        get {
            guard let cache = storage[RegisterSummaryKey.self] else { fatalError("configure(_:) has not run") }
            return cache
        }
        set { storage[RegisterSummaryKey.self] = newValue }
    }
}
