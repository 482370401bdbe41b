import Fluent
import SQLKit
import Vapor

/// The public front page: the organisations and departments administered here.
enum FrontPageController {
    struct Context: Encodable {
        let page: PageChrome
        let organisations: [OrganisationItem]
        let calculatorHref: String
    }

    struct OrganisationItem: Encodable, Equatable {
        let name: String
        let cvr: String
        let homes: Int
        let departments: [DepartmentItem]
    }

    struct DepartmentItem: Encodable, Equatable {
        let number: Int
        let name: String
        let municipality: String
        let homes: Int
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let organisations = try await query(on: req.db)
        let strings = Strings.table(req.language)
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["frontTitle"] ?? ""),
            organisations: organisations,
            calculatorHref: SiteRoute.terminationCalculator.path
        )
        return try await req.view.render("front", context)
    }

    /// Organisations by name, each with its departments by number and home counts: three queries
    /// whatever the size of the register.
    static func query(on database: any Database) async throws -> [OrganisationItem] {
        let organisations = try await HousingOrganisation.query(on: database)
            .with(\.$departments)
            .sort(\.$name)
            .all()
        let homes = try await homesPerDepartment(on: database)
        return organisations.map { organisation in
            let departments = organisation.departments
                .sorted { $0.number < $1.number }
                .map { department in
                    DepartmentItem(
                        number: department.number, name: department.name,
                        municipality: department.municipality, homes: department.id.flatMap { homes[$0] } ?? 0
                    )
                }
            return OrganisationItem(
                name: organisation.name, cvr: organisation.cvr,
                homes: departments.reduce(0) { $0 + $1.homes }, departments: departments
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
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.department_id, $0.homes) })
    }
}
