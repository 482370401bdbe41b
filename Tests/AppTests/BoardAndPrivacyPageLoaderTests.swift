import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The board's workspace and resident list, the consent kinds and the processing records, each
/// read by its page's loader without HTTP: a member sees their own board's, a stranger nothing.
@Suite("Board and privacy pages' loaders")
struct BoardAndPrivacyPageLoaderTests {
    /// A seat from 2026 to 2027 for `person` on a department's or an organisation's board.
    static func seat(
        _ person: UUID,
        department: UUID? = nil,
        organisation: UUID? = nil,
        on app: Application
    )
        async throws
    {
        try await BoardMembership(
            personID: person,
            board: department != nil ? .department : .organisation,
            departmentID: department,
            organisationID: organisation,
            position: .member,
            termStart: LocalDate(year: 2026, month: 1, day: 1)!,
            termEnd: LocalDate(year: 2027, month: 12, day: 31)!
        ).create(on: app.db)
    }

    @Test func theWorkspaceIsTheMembersOwnBoardsOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            let department = try #require(try await Dwelling.find(mine.dwelling_id, on: app.db)).$department.id
            try await Self.seat(mine.person_id, department: department, on: app)
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let load = { (person: UUID, day: LocalDate) in
                try await BoardWorkspaceController.Page.load(
                    person: person,
                    today: day,
                    summary: app.registerSummary,
                    on: app.db
                )
            }
            let page = try #require(try await load(mine.person_id, today))
            #expect(page.seats.map(\.department.id) == [department])
            // No seat, or a term that has ended: nothing (the page refuses).
            #expect(try await load(other.person_id, today) == nil)
            #expect(try await load(mine.person_id, LocalDate(year: 2028, month: 1, day: 1)!) == nil)
        }
    }

    @Test func theResidentListIsTheMembersOrganisationsDuringTheTerm() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            try await Self.seat(mine.person_id, organisation: mine.organisation_id, on: app)
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let load = { (person: UUID, day: LocalDate) in
                try await BoardResidentsController.Page.load(
                    person: person,
                    today: day,
                    search: nil,
                    after: nil,
                    on: try app.db.sql()
                )
            }
            let page = try #require(try await load(mine.person_id, today))
            #expect(page.seat.organisation_id == mine.organisation_id)
            #expect(page.rows.contains { $0.person_id == mine.person_id })
            #expect(try await load(other.person_id, today) == nil)
            #expect(try await load(mine.person_id, LocalDate(year: 2028, month: 1, day: 1)!) == nil)
        }
    }

    @Test func theConsentKindsAndProcessingRecordsAreRead() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let organisations = try await HousingOrganisation.query(on: app.db).all().map { try $0.requireID() }
            let kinds = try await ConsentKindsController.Page.load(
                scope: .organisations(Set(organisations)),
                on: app.db
            )
            #expect(kinds.kinds.contains { $0.code == ConsentKind.photos })
            // The built-in kinds come first.
            #expect(kinds.kinds.first?.builtIn == true)
            let records = try await ProcessingRecordsController.ListPage.load(on: app.db)
            #expect(!records.records.isEmpty)
            #expect(
                ProcessingRecordsController.rows(records, language: .da, editable: true).count
                    == records.records.count
            )
        }
    }
}
