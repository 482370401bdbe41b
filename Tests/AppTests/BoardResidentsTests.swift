import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// rules.md §6: organisation board members see residents' names and contact details only while
/// their election period is active; department boards get no resident list.
@Suite("Board access to residents")
struct BoardResidentsTests {
    @Test func anOrganisationBoardMemberSeesTheResidentsOnlyDuringTheTerm() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let member = TestBrowser(base: app.almenConfig.publicBaseURL)
            let tenant = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer {
                Task {
                    try? await member.shutdown()
                    try? await tenant.shutdown()
                }
            }
            let memberID = try #require(
                UUID(uuidString: try await LoginFlowTests.logIn(member, role: "Organisationsbestyrelse"))
            )
            let tenantID = try #require(UUID(uuidString: try await LoginFlowTests.logIn(tenant)))
            let seat = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$person.$id == memberID).filter(
                    \.$board == .organisation
                ).first()
            )
            let organisation = try #require(try await HousingOrganisation.find(seat.$organisation.id, on: app.db))
            let home = try await member.get(SiteRoute.myHome.path)

            let list = try await member.get(SiteRoute.boardResidents.path)
            let refused = try await tenant.get(SiteRoute.boardResidents.path)

            #expect(home.body.contains(SiteRoute.boardResidents.path))
            #expect(list.status == 200)
            #expect(list.body.contains(organisation.name))
            #expect(list.body.contains("@"), "contact details are shown")
            // A tenant without a seat on the organisation board (a department board seat is not enough).
            let tenantSeats = try await BoardMembership.query(on: app.db).filter(\.$person.$id == tenantID).filter(
                \.$board == .organisation
            ).count()
            if tenantSeats == 0 { #expect(refused.status == 403) }
            // One event for the list, and one for each resident on the page.
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "board.residents.list").filter(
                \.$actorID == memberID
            ).all()
            #expect(events.filter { $0.dataSubjectID == nil }.count == 1)
            let subjects = events.compactMap(\.dataSubjectID)
            #expect(subjects.count >= 2 && Set(subjects).count == subjects.count)
            // A resident on the page sees the board member's name under "who has seen my data".
            if let shown = subjects.first(where: { $0 != memberID }),
                let person = try await Person.find(shown, on: app.db)
            {
                let insight = try await AuditController.insight(for: shown, on: app.db, language: .da).rows
                let name = try #require(try await Person.find(memberID, on: app.db)).fullName
                #expect(insight.contains { $0.actor == name }, "\(person.fullName)")
            } else {
                Issue.record("no other resident was shown")
            }

            // The term ended yesterday: no more access.
            seat.termEndISO = "2026-01-01"
            try await seat.update(on: app.db)
            let after = try await member.get(SiteRoute.boardResidents.path)
            #expect(after.status == 403)
            #expect(after.body.contains("kun i deres valgperiode"))
        }
    }
}

extension BoardResidentsTests {
    @Test func theBoardsResidentListPagesByNameAndFindsAResidentByNameOrAddress() async throws {
        try await withTestApp(seedHomes: 400) { app in
            let seat = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$board == .organisation).first()
            )
            let sql = try #require(app.db as? any SQLDatabase)
            let token = try await PageSessions.signIn(person: seat.$person.id, on: app)

            var seen: [BoardResidentsController.Row] = []
            var cursor: UUID?
            repeat {
                let page = try await BoardResidentsController.residents(
                    of: seat.$organisation.id!,
                    search: nil,
                    after: cursor,
                    on: sql
                )
                seen += page.prefix(BoardResidentsController.pageSize)
                cursor =
                    page.count > BoardResidentsController.pageSize
                    ? page[BoardResidentsController.pageSize - 1].id : nil
            } while cursor != nil
            // A resident with name and address protection is on no page, and no search finds them.
            let protected = try #require(seen.first)
            let person = try #require(try await Person.find(protected.person_id, on: app.db))
            person.nameAndAddressProtected = true
            try await person.update(on: app.db)
            let first = try await BoardResidentsController.residents(
                of: seat.$organisation.id!,
                search: nil,
                after: nil,
                on: sql
            )
            #expect(!first.contains { $0.person_id == protected.person_id })
            let byName = try await BoardResidentsController.residents(
                of: seat.$organisation.id!,
                search: person.familyName,
                after: nil,
                on: sql
            )
            #expect(!byName.contains { $0.person_id == protected.person_id })
            person.nameAndAddressProtected = false
            try await person.update(on: app.db)
            let someone = try #require(seen.last)
            let found = try await ListPagingTests.get(
                app,
                SiteRoute.boardResidents.path(query: [("q", someone.street.lowercased())]),
                token: token
            )

            #expect(seen.count > BoardResidentsController.pageSize, "the organisation has more than one page")
            #expect(Set(seen.map(\.id)).count == seen.count, "no resident twice")
            #expect(found.status == .ok)
            #expect(found.body.contains("\(someone.given_name) \(someone.family_name)".htmlEscapedForTest))
        }
    }
}
