import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Caseworkers see the records of their assigned organisations only.
@Suite("Staff scope")
struct StaffScopeTests {
    @Test func assigningIsIdempotentAndNamesWhatIsWrong() async throws {
        try await withTestApp(seedHomes: 60) { app in
            let caseworker = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).sort(\.$email).first()
            )
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).sort(\.$name).first())
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworker.requireID()).delete()

            let first = try await StaffAssignments.set(
                email: caseworker.email.uppercased(),
                organisationCVR: organisation.cvr,
                assigned: true,
                on: app.db,
                ids: app.dependencies.uuid
            )
            _ = try await StaffAssignments.set(
                email: caseworker.email,
                organisationCVR: organisation.cvr,
                assigned: true,
                on: app.db,
                ids: app.dependencies.uuid
            )
            let count = try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworker.requireID())
                .count()
            _ = try await StaffAssignments.set(
                email: caseworker.email,
                organisationCVR: organisation.cvr,
                assigned: false,
                on: app.db,
                ids: app.dependencies.uuid
            )

            #expect(first.contains(organisation.name))
            #expect(count == 1)
            #expect(
                try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworker.requireID()).count() == 0
            )
            await #expect(throws: StaffAssignments.Problem.self) {
                _ = try await StaffAssignments.set(
                    email: "nobody@example.invalid",
                    organisationCVR: organisation.cvr,
                    assigned: true,
                    on: app.db,
                    ids: app.dependencies.uuid
                )
            }
            await #expect(throws: StaffAssignments.Problem.self) {
                _ = try await StaffAssignments.set(
                    email: caseworker.email,
                    organisationCVR: "00000000",
                    assigned: true,
                    on: app.db,
                    ids: app.dependencies.uuid
                )
            }
        }
    }

    @Test func aCaseworkerWithoutAssignmentsSeesNoLettersAndNoMail() async throws {
        try await withTestApp(seedHomes: 60, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let caseworker = try #require(
                UUID(uuidString: try await LoginFlowTests.logIn(browser, audience: .staff, role: "Sagsbehandler"))
            )
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworker).delete()
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).sort(\.$id).first())
            let letter = try await app.letters().send(
                try await app.letters().prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: tenancy.$lease.id),
                createdBy: nil
            )

            let list = try await browser.get(SiteRoute.letters.path)
            let one = try await browser.get(SiteRoute.letter(try letter.requireID()).path)
            let bulk = try await browser.get(SiteRoute.bulkLetters.path)

            #expect(list.status == 200)
            #expect(!list.body.contains(letter.subject))
            #expect(one.status == 404)
            let organisations = try await HousingOrganisation.query(on: app.db).all().map(\.name)
            #expect(!organisations.contains { bulk.body.contains($0) }, "no organisation to choose")
        }
    }
}

/// Administrators assign caseworkers to organisations in the back office.
@Suite("Staff assignments page")
struct StaffAssignmentPageTests {
    @Test func anAdministratorAssignsAndUnassignsAndBadInputChangesNothing() async throws {
        try await withTestApp(seedHomes: 60, running: true) { app in
            let browser = try await ConnectionTests.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let caseworker = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).sort(\.$name).first()
            )
            let caseworkerID = try caseworker.requireID()
            let organisations = try await HousingOrganisation.query(on: app.db).sort(\.$name).all().map {
                try $0.requireID()
            }
            try #require(organisations.count >= 2)
            let path = SiteRoute.staffMember(caseworkerID).path
            #expect(try await browser.get(path).status == 200)

            let saved = try await browser.post(
                path,
                form: organisations.prefix(2).map { ("organisations[]", $0.uuidString.lowercased()) }
            )
            #expect(saved.status == 303)
            var assigned = Set(
                try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworkerID).all().map(
                    \.$organisation.id
                )
            )
            #expect(assigned == Set(organisations.prefix(2)))

            let bad = try await browser.post(
                path,
                form: [("organisations[]", organisations[0].uuidString), ("organisations[]", "not-an-id")]
            )
            #expect(bad.status == 400)
            let unknown = try await browser.post(path, form: [("organisations[]", UUID().uuidString)])
            #expect(unknown.status == 400)
            assigned = Set(
                try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworkerID).all().map(
                    \.$organisation.id
                )
            )
            #expect(assigned == Set(organisations.prefix(2)))

            // Nothing ticked: the caseworker sees no organisation.
            #expect(try await browser.post(path).status == 303)
            #expect(try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworkerID).count() == 0)
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "staff.assign").all()
            #expect(events.count == 2)
            // The last change removed both, and says which by name (never by id), in both languages.
            let names = try await HousingOrganisation.query(on: app.db).filter(\.$id ~~ Array(organisations.prefix(2)))
                .all().map(\.name).sorted().joined(separator: ", ")
            let removal = try #require(events.first { $0.purpose.contains("tilføjet: ingen") })
            #expect(removal.purpose == "Tildeling af organisationer; tilføjet: ingen; fjernet: \(names)")
            #expect(removal.purposeEnglish == "Organisations assigned; added: none; removed: \(names)")
            #expect(!removal.purpose.contains(organisations[0].uuidString.lowercased()))
            #expect(try await browser.post(SiteRoute.staffMember(UUID()).path).status == 404)
        }
    }
}
