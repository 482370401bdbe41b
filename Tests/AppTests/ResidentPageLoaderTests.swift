import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The resident's own pages read through loaders that take ids and values, not a request
/// (issue: Fast pages, "testable without HTTP"): "Mit hjem", a lease, the meetings, the consents,
/// the sub-tenant's code form, the swap partner's signing and the neighbour complaint's form. Each
/// reads what is the person's own, and nothing (or nil) of anyone else's.
@Suite("Resident pages' loaders")
struct ResidentPageLoaderTests {
    /// After the payment `PageLoaderTests.payment` books (30 November 2026).
    static let today = LocalDate(year: 2026, month: 12, day: 3)!

    @Test func myHomeReadsThePersonsHomesAndPanelsOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let caseID = try await PageLoaderTests.arrearsCase(of: mine, app: app)
            try await PageLoaderTests.payment(on: mine.lease_id, app: app)
            let member = try await Self.householdMember(of: mine.lease_id, app: app)

            let page = try await MyHomeController.HomePage.load(person: mine.person_id, today: Self.today, on: app.db)
            #expect(page.homes.map(\.lease_id) == [mine.lease_id])
            #expect(page.panels.cases.map(\.id).contains(caseID))
            #expect(page.panels.balances[mine.lease_id] != nil)
            #expect(page.panels.payments.contains { $0.leaseID == mine.lease_id && $0.date == "2026-11-30" })
            let people = page.panels.occupants[mine.lease_id] ?? []
            #expect(people.contains { $0.tenant == 1 } && people.contains { $0.tenant == 0 })
            // The household member sees the home, not its tenant's case or account.
            let household = try await MyHomeController.HomePage.load(person: member, today: Self.today, on: app.db)
            #expect(household.homes.map(\.lease_id) == [mine.lease_id] && !household.homes[0].isTenancy)
            #expect(household.panels.cases.isEmpty && household.panels.balances.isEmpty)

            let theirs = try await MyHomeController.HomePage.load(
                person: other.person_id,
                today: Self.today,
                on: app.db
            )
            #expect(theirs.homes.map(\.lease_id) == [other.lease_id])
            #expect(theirs.panels.occupants[mine.lease_id] == nil && theirs.panels.balances[mine.lease_id] == nil)
            #expect(!theirs.panels.cases.map(\.id).contains(caseID))
            #expect(!theirs.panels.payments.contains { $0.leaseID == mine.lease_id })
            let nobody = try await MyHomeController.HomePage.load(person: UUID(), today: Self.today, on: app.db)
            #expect(nobody.homes.isEmpty && nobody.panels.occupants.isEmpty && nobody.panels.cases.isEmpty)
        }
    }

    @Test func aLeaseIsReadByItsTenantsOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let member = try await Self.householdMember(of: mine.lease_id, app: app)
            let load = { (lease: UUID, person: UUID) in
                try await MyHomeController.LeasePage.load(lease, person: person, on: app.db)
            }
            let page = try #require(try await load(mine.lease_id, mine.person_id))
            #expect(page.lease.habitable_rooms == mine.habitable_rooms)
            #expect(page.occupants.filter { $0.tenant == 1 }.count == 1)
            #expect(page.occupants.filter { $0.tenant == 0 }.map(\.name).contains("Emil Hjemme"))
            // Another tenant, a household member (no finances) and an unknown lease: nothing.
            #expect(try await load(mine.lease_id, other.person_id) == nil)
            #expect(try await load(mine.lease_id, member) == nil)
            #expect(try await load(UUID(), mine.person_id) == nil)
        }
    }

    @Test func theMeetingsListIsTheResidentsDepartments() async throws {
        // Enough homes for a second department.
        try await withTestApp(seedHomes: 80) { app in
            let meetingID = try #require(try await DemoMeetings.seed(app: app))
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let department = try #require(try await Meeting.find(meetingID, on: app.db)?.departmentID)
            let sql = try app.db.sql()
            // The household asks for an extraordinary meeting: the list says they have.
            try await sql.raw(
                """
                INSERT INTO extraordinary_meeting_requests (id, department_id, lease_id, person_id, topic, requested_at)
                VALUES (\(bind: UUID()), \(bind: department), \(bind: tenancy.$lease.id), \(bind: tenancy.$person.id),
                  'Vaskeriet', \(bind: testNow))
                """
            ).run()
            let page = try await MyMeetingsController.ListPage.load(person: tenancy.$person.id, after: nil, on: sql)
            #expect(page.rows.map(\.id).contains(meetingID) && page.cursor == nil)
            #expect(page.requests.map(\.department_id) == [department] && page.requests.first?.mine == 1)

            // A tenant of another department sees neither its meetings nor its requests.
            struct Row: Decodable { let person_id: UUID }
            let elsewhere = try #require(
                try await sql.raw(
                    """
                    SELECT lt.person_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                    JOIN dwellings d ON d.id = l.dwelling_id
                    WHERE l.status <> 'ended' AND d.department_id <> \(bind: department)
                      AND lt.person_id NOT IN (
                        SELECT x.person_id FROM lease_tenants x JOIN leases xl ON xl.id = x.lease_id
                        JOIN dwellings xd ON xd.id = xl.dwelling_id WHERE xd.department_id = \(bind: department))
                    ORDER BY lt.person_id LIMIT 1
                    """
                ).first(decoding: Row.self)
            ).person_id
            let theirs = try await MyMeetingsController.ListPage.load(person: elsewhere, after: nil, on: sql)
            #expect(!theirs.rows.map(\.id).contains(meetingID))
            #expect(!theirs.requests.isEmpty && !theirs.requests.map(\.department_id).contains(department))
            let nobody = try await MyMeetingsController.ListPage.load(person: UUID(), after: nil, on: sql)
            #expect(nobody.rows.isEmpty && nobody.requests.isEmpty)
        }
    }

    @Test func theConsentsAreThePersonsOwn() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            try await Consents(database: app.db, dependencies: app.dependencies)
                .give(ConsentKind.photos, person: mine.person_id, language: .da, how: .portal)
            let page = try await MyConsentsController.Page.load(person: mine.person_id, today: Self.today, on: app.db)
            #expect(page.facts.kinds.map(\.code).contains(ConsentKind.photos))
            #expect(page.facts.events.map(\.kind) == [ConsentKind.photos])
            #expect(Consents.state(ConsentKind.photos, page.facts) == .given)
            let theirs = try await MyConsentsController.Page.load(
                person: other.person_id,
                today: Self.today,
                on: app.db
            )
            #expect(theirs.facts.events.isEmpty && Consents.state(ConsentKind.photos, theirs.facts) == .notGiven)
        }
    }

    @Test func theCodeFormAndTheSwapSigningAreThePartnersOnly() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, theirs) = try await SwapTests.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let partner = try #require(try await Person.find(theirs.person_id, on: app.db))
            let (_, code) = try await SwapTests.apply(app, lease: mine.lease_id, other: partner.fullName, as: token)
            let requestID = try await SwapSigning.take(
                code: code,
                personID: theirs.person_id,
                name: partner.fullName,
                now: testNow,
                on: app.db
            )

            // The partner's code form lists the application waiting for their signature.
            let form = try await SubtenantSigning.CodeFormPage.load(person: theirs.person_id, on: app.db)
            #expect(form.waiting.map(\.id) == [requestID] && form.waiting.first?.swap == 1)
            #expect(try await SubtenantSigning.CodeFormPage.load(person: mine.person_id, on: app.db).waiting.isEmpty)

            // The signing page: the application and the partner's own homes, one of which they swap.
            let page = try #require(try await SwapSigning.Page.load(requestID, person: theirs.person_id, on: app.db))
            #expect(page.requestID == requestID && page.facts.other_person_id == theirs.person_id)
            #expect(page.homes.map(\.lease_id) == [theirs.lease_id])
            // The applicant, anyone else and an unknown application: nothing.
            #expect(try await SwapSigning.Page.load(requestID, person: mine.person_id, on: app.db) == nil)
            #expect(try await SwapSigning.Page.load(requestID, person: UUID(), on: app.db) == nil)
            #expect(try await SwapSigning.Page.load(UUID(), person: theirs.person_id, on: app.db) == nil)
        }
    }

    @Test func theComplaintFormReadsTheTenantsLeaseAndItsNeighbours() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let load = { (person: UUID, find: String, chosen: UUID?) in
                try await ComplaintController.FormPage.load(
                    mine.lease_id,
                    person: person,
                    matching: find,
                    chosen: chosen,
                    on: app.db
                )
            }
            let page = try #require(try await load(mine.person_id, "", nil))
            #expect(page.leaseID == mine.lease_id && page.chosen == nil)
            #expect(page.homes.total > 1 && !page.homes.homes.isEmpty)
            #expect(!page.homes.homes.map(\.id).contains(mine.dwelling_id))
            let first = page.homes.homes[0]
            let last = try #require(page.homes.homes.last)
            #expect(first.id != last.id)
            // A search finds one home; the home chosen before it is read on its own.
            let searched = try #require(try await load(mine.person_id, last.addressLine, first.id))
            #expect(searched.homes.homes.map(\.id).contains(last.id))
            #expect(!searched.homes.homes.map(\.id).contains(first.id) && searched.chosen?.id == first.id)
            // Their own home is not one to complain about.
            #expect(try await load(mine.person_id, "", mine.dwelling_id)?.chosen == nil)
            // Another tenant's lease, and an unknown one: nil.
            #expect(try await load(other.person_id, "", nil) == nil)
            #expect(
                try await ComplaintController.FormPage.load(UUID(), person: mine.person_id, on: app.db) == nil
            )
        }
    }

    /// A grown-up child living at home: of the household, not on the lease.
    static func householdMember(of lease: UUID, app: Application) async throws -> UUID {
        let child = Person(
            id: UUID(),
            givenName: "Emil",
            familyName: "Hjemme",
            cprCiphertext: nil,
            cprLookupHash: nil,
            email: nil,
            phone: nil
        )
        try await child.create(on: app.db)
        let id = try child.requireID()
        try await HouseholdMember(id: UUID(), leaseID: lease, personID: id, adult: true).create(on: app.db)
        return id
    }
}
