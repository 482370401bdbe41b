import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Boards and elections (issue "Resident democracy", item 3): the boards as they stand, checked
/// against the composition rules, and an election's results entered, refused whole while a rule
/// is broken.
@Suite("Boards and elections", .serialized)
struct BoardElectionTests {
    typealias Get = CaseDeadlinesTests

    struct Tenant: Decodable {
        let person_id: UUID
        let given_name: String
        let family_name: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?

        var name: String { "\(given_name) \(family_name)" }
        var address: String {
            Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)
        }
    }

    static func tenants(of department: UUID, _ count: Int, on app: Application) async throws -> [Tenant] {
        try await (try #require(app.db as? any SQLDatabase)).raw(
            """
            SELECT lt.person_id, p.given_name, p.family_name, d.street, d.house_number, d.floor, d.door
            FROM lease_tenants lt JOIN people p ON p.id = lt.person_id JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            WHERE d.department_id = \(bind: department) AND l.status <> 'ended' AND lt.role = 'tenant'
            ORDER BY lt.person_id LIMIT \(literal: count)
            """
        ).all(decoding: Tenant.self)
    }

    static func seats(_ department: UUID, on app: Application) async throws -> [BoardMembership] {
        try await BoardMembership.query(on: app.db).filter(\.$department.$id == department).all()
    }

    @Test func aDepartmentBoardIsElectedOnlyWhenItMeetsTheRules() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let residents = try await MeetingTests.residents(app)
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let page = try await Get.get(
                app,
                SiteRoute.boards.path(query: [("organisation", residents.organisation.uuidString)]),
                as: staff
            )
            #expect(page.0 == .ok)
            #expect(page.1.contains("Organisationsbestyrelsen") && page.1.contains("Afdelingsbestyrelser"))

            let path = SiteRoute.departmentBoardElection(residents.department).path
            let before = try await Self.seats(residents.department, on: app)
            let tenants = try await Self.tenants(of: residents.department, 3, on: app)
            try #require(tenants.count == 3)
            // Nobody continues and two are elected: too few, and nothing changes.
            let two = try await Get.post(
                app,
                path,
                [("date", "2026-11-23")] + Self.rows(tenants.prefix(2), positions: ["chair", "member"]),
                as: staff
            )
            #expect(two.0 == .unprocessableEntity)
            #expect(two.1.contains("En afdelingsbestyrelse skal have mindst 3 medlemmer; den har 2."))
            #expect(try await Self.seats(residents.department, on: app).count == before.count)
            // Someone from another department cannot sit on this one, at their own real address.
            struct Home: Decodable {
                let given_name: String
                let family_name: String
                let street: String
                let house_number: String
                let floor: String?
                let door: String?
            }
            let database = try #require(app.db as? any SQLDatabase)
            let home = try #require(
                try await database.raw(
                    """
                    SELECT p.given_name, p.family_name, d.street, d.house_number, d.floor, d.door
                    FROM lease_tenants lt JOIN people p ON p.id = lt.person_id JOIN leases l ON l.id = lt.lease_id
                    JOIN dwellings d ON d.id = l.dwelling_id WHERE lt.person_id = \(bind: residents.outsider)
                      AND l.status <> 'ended' LIMIT 1
                    """
                ).first(decoding: Home.self)
            )
            let foreign = try await Get.post(
                app,
                path,
                [
                    ("date", "2026-11-23"), ("name_0", "\(home.given_name) \(home.family_name)"),
                    (
                        "address_0",
                        Dwelling.addressLine(
                            street: home.street,
                            houseNumber: home.house_number,
                            floor: home.floor,
                            door: home.door
                        )
                    ),
                ],
                as: staff
            )
            #expect(foreign.0 == .unprocessableEntity)
            #expect(foreign.1.contains("Ingen bolig her har den adresse."))
            // Three elected, with a chair: the old seats end the day before, the new run 2 years.
            let three = try await Get.post(
                app,
                path,
                [("date", "2026-11-23")] + Self.rows(tenants[...], positions: ["chair", "member", "member"]),
                as: staff
            )
            #expect(three.0 == .seeOther)
            // Sent again: the board elected that day stands, nothing is doubled.
            _ = try await Get.post(
                app,
                path,
                [("date", "2026-11-23")] + Self.rows(tenants[...], positions: ["chair", "member", "member"]),
                as: staff
            )
            let after = try await Self.seats(residents.department, on: app)
            let active = after.filter { $0.isActive(on: LocalDate(iso: "2026-11-23")!) }
            #expect(Set(active.map(\.$person.id)) == Set(tenants.map(\.person_id)))
            #expect(active.count == 3 && active.allSatisfy { $0.termEndISO == "2028-11-22" })
            for seat in before where seat.termEndISO >= "2026-11-23" {
                #expect(after.first { $0.id == seat.id }?.termEndISO == "2026-11-22")
            }
        }
    }

    @Test func anOrganisationBoardNeedsAResidentMajorityAndAResidentChairOrDeputy() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let residents = try await MeetingTests.residents(app)
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let path = SiteRoute.organisationBoardElection(residents.organisation).path
            let tenants = try await Self.tenants(of: residents.department, 2, on: app)
            let people = try await Person.query(on: app.db).count()
            // Two outsiders as chair and deputy and one resident: both rules broken, nothing saved.
            let broken = try await Get.post(
                app,
                path,
                [
                    ("date", "2026-11-23"), ("name_0", "Ekstern Formand"), ("position_0", "chair"),
                    ("name_1", "Ekstern Næstformand"), ("position_1", "deputy_chair"),
                    ("name_2", tenants[0].name), ("address_2", tenants[0].address), ("position_2", "member"),
                ],
                as: staff
            )
            #expect(broken.0 == .unprocessableEntity)
            #expect(broken.1.contains("Flertallet i organisationsbestyrelsen skal være beboere; 1 af 3 er."))
            #expect(broken.1.contains("Formanden eller næstformanden skal være beboer."))
            #expect(try await Person.query(on: app.db).count() == people)
            // A resident chair and deputy, and one member from outside: saved, the outsider recorded.
            let saved = try await Get.post(
                app,
                path,
                [
                    ("date", "2026-11-23"), ("name_0", tenants[0].name), ("address_0", tenants[0].address),
                    ("position_0", "chair"), ("name_1", tenants[1].name),
                    ("address_1", tenants[1].address.lowercased()),
                    ("position_1", "deputy_chair"), ("name_2", "Ekstern Medlem"), ("position_2", "member"),
                    ("years_2", "1"),
                ],
                as: staff
            )
            #expect(saved.0 == .seeOther)
            #expect(try await Person.query(on: app.db).count() == people + 1)
            let board = try await BoardMembership.query(on: app.db).filter(
                \.$organisation.$id == residents.organisation
            )
            .filter(\.$termStartISO == "2026-11-23").all()
            #expect(board.count == 3)
            #expect(board.filter { $0.termEndISO == "2027-11-22" }.count == 1)
            // A caseworker of another organisation finds neither the boards nor the meetings here.
            let elsewhere = try await RegisterLookups.anotherOrganisation(
                besides: residents.organisation,
                sameConnection: true,
                on: app.db
            )
            let other = try await CaseAssignmentTests.caseworker("Anden", of: try elsewhere.requireID(), on: app)
            let token = try await PageSessions.signIn(staff: other, on: app)
            #expect(try await Get.get(app, path, as: token).0 == .notFound)
            #expect(
                try await Get.get(app, SiteRoute.departmentBoardElection(residents.department).path, as: token).0
                    == .notFound
            )
            #expect(
                try await MeetingTests.call(app, residents, date: "2026-12-22", as: token).0 == .unprocessableEntity
            )
            #expect(try await Meeting.query(on: app.db).count() == 0)
        }
    }

    static func rows(_ tenants: ArraySlice<Tenant>, positions: [String]) -> [(String, String)] {
        tenants.enumerated().flatMap { index, tenant in
            [
                ("name_\(index)", tenant.name), ("address_\(index)", tenant.address),
                ("position_\(index)", positions[index]),
            ]
        }
    }
}

/// The department board's workspace: its coming meetings, calling one, approving the accounts.
@Suite("The department board's workspace", .serialized)
struct BoardWorkspaceTests {
    typealias Get = CaseDeadlinesTests

    @Test func aBoardMemberCallsAMeetingAndApprovesTheAccountsOfTheirDepartmentOnly() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let seat = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$board == .department).all().first {
                    $0.isActive(on: today)
                }
            )
            let department = try #require(seat.$department.id)
            let member = try await PageSessions.signIn(person: seat.$person.id, on: app)
            let page = try await Get.get(app, SiteRoute.boardWorkspace.path, as: member)
            #expect(page.0 == .ok)
            #expect(page.1.contains("Indkald til møde"))
            // Reached from the meetings' page too.
            let meetings = try await Get.get(app, SiteRoute.myMeetings.path, as: member).1
            #expect(
                meetings.contains(#"<a href="\#(SiteRoute.boardWorkspace.path)">Afdelingsbestyrelsens arbejdsrum</a>"#)
            )
            // A resident who is not on a board is refused in words.
            let residents = try await MeetingTests.residents(app)
            let seated = Set(try await BoardMembership.query(on: app.db).all().map(\.$person.id))
            if !seated.contains(residents.outsider) {
                let outsider = try await PageSessions.signIn(person: residents.outsider, on: app)
                let refused = try await Get.get(app, SiteRoute.boardWorkspace.path, as: outsider)
                #expect(refused.0 == .forbidden)
                #expect(refused.1.contains("Arbejdsrummet er for afdelingsbestyrelsens medlemmer"))
            }

            // Calling a meeting: too soon is refused at the field, then it is called.
            let fields = { (date: String) in
                [
                    ("department", department.uuidString.lowercased()), ("kind", "ordinary"), ("date", date),
                    ("time", "19.30"), ("place", "Fælleshuset"), ("agenda", "Beretning\nBudget"), ("votes", "2"),
                ]
            }
            let soon = try await Get.post(app, SiteRoute.boardMeetingNew.path, fields("2026-12-01"), as: member)
            #expect(soon.0 == .unprocessableEntity)
            #expect(soon.1.contains("Den tidligste dag er mandag den 21. december 2026"))
            let called = try await Get.post(app, SiteRoute.boardMeetingNew.path, fields("2027-01-12"), as: member)
            #expect(called.0 == .seeOther)
            let meeting = try #require(try await Meeting.query(on: app.db).first())
            #expect(meeting.departmentID == department && meeting.noticeBy == "2026-12-15")
            #expect(meeting.startsAt == "19.30")
            // Another department's id finds nothing.
            let other = try await Get.post(
                app,
                SiteRoute.boardMeetingNew.path,
                [("department", UUID().uuidString)] + fields("2027-01-12").dropFirst(),
                as: member
            )
            #expect(other.0 == .notFound)
            #expect(try await Meeting.query(on: app.db).count() == 1)

            // The accounts: approved once, by the member, with the time.
            let accounts = DepartmentDocument(
                id: UUID(),
                departmentID: department,
                organisationID: try #require(try await Department.find(department, on: app.db)).$organisation.id,
                title: "Regnskab 2025/26",
                kind: .accounts,
                documentDate: "2026-10-01",
                visibility: .board,
                pdf: Data("%PDF-1.4\n%%EOF\n".utf8),
                uploadedBy: try await Get.administrator(app),
                now: app.dependencies.now()
            )
            try await accounts.create(on: app.db)
            let approve = SiteRoute.boardAccountsApprove(try accounts.requireID()).path
            let unticked = try await Get.post(app, approve, [], as: member)
            #expect(unticked.0 == .unprocessableEntity)
            #expect(unticked.1.contains("Regnskab: Sæt flueben, når bestyrelsen har godkendt regnskabet."))
            #expect(try await Get.post(app, approve, [("bekraeft", "ja")], as: member).0 == .seeOther)
            #expect(try await Get.post(app, approve, [("bekraeft", "ja")], as: member).0 == .seeOther)
            struct Approval: Decodable {
                let approved_by: UUID?
                let approved_at: Date?
            }
            let approval = try await (try #require(app.db as? any SQLDatabase)).raw(
                "SELECT approved_by, approved_at FROM department_documents WHERE id = \(bind: try accounts.requireID())"
            ).first(decoding: Approval.self)
            #expect(approval?.approved_by == seat.$person.id && approval?.approved_at != nil)
            // Approved once: a second approval changes nothing.
            _ = try await Get.post(app, approve, [("bekraeft", "ja")], as: member)
            let again = try await (try #require(app.db as? any SQLDatabase)).raw(
                "SELECT approved_by, approved_at FROM department_documents WHERE id = \(bind: try accounts.requireID())"
            ).first(decoding: Approval.self)
            #expect(again?.approved_at == approval?.approved_at)
            // Accounts the board uploaded itself are not for its own approval.
            let own = DepartmentDocument(
                id: UUID(),
                departmentID: department,
                organisationID: accounts.organisationID,
                title: "Eget regnskab",
                kind: .accounts,
                documentDate: "2026-10-01",
                visibility: .board,
                pdf: Data("%PDF-1.4\n%%EOF\n".utf8),
                uploadedBy: nil,
                now: app.dependencies.now()
            )
            try await own.create(on: app.db)
            _ = try await Get.post(
                app,
                SiteRoute.boardAccountsApprove(try own.requireID()).path,
                [("bekraeft", "ja")],
                as: member
            )
            #expect(try await DepartmentDocument.find(try own.requireID(), on: app.db) != nil)
            let ownApproval = try await (try #require(app.db as? any SQLDatabase)).raw(
                "SELECT approved_by, approved_at FROM department_documents WHERE id = \(bind: try own.requireID())"
            ).first(decoding: Approval.self)
            #expect(ownApproval?.approved_at == nil)
            let shown = try await Get.get(app, SiteRoute.boardWorkspace.path, as: member)
            #expect(shown.1.contains("Godkendt af"))
            #expect(
                try await Get.post(app, SiteRoute.boardAccountsApprove(UUID()).path, [("bekraeft", "ja")], as: member).0
                    == .notFound
            )
        }
    }
}
