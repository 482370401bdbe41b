import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The back office's letters, print batches, API keys and municipalities, and the board's
/// documents, read through loaders that take ids and values, not a request (issue: Fast pages,
/// "testable without HTTP"): each reads what is in scope, and nothing (or nil) outside it.
@Suite("Back office and board pages' loaders")
struct OfficePageLoaderTests {
    /// A letter to the tenant of `lease`, sent (its organisation is the lease's).
    static func letter(to person: UUID, lease: UUID, app: Application) async throws -> UUID {
        let letters = app.letters()
        return try await letters.send(
            try await letters.prepare(GeneralLetter.demo, to: person, lease: lease),
            createdBy: nil
        ).requireID()
    }

    @Test func theLettersListReadsTheLettersAndTheFailedOfItsScope() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let failed = try await Self.letter(to: mine.person_id, lease: mine.lease_id, app: app)
            let sent = try await Self.letter(to: mine.person_id, lease: mine.lease_id, app: app)
            try await Letter.query(on: app.db).filter(\.$id == failed).set(\.$status, to: .failed).update()
            let load = { (filter: LetterLists.Filter, scope: StaffScope) in
                try await StaffLettersController.ListPage.load(filter, scope: scope, after: nil, on: app.db)
            }
            let page = try await load(LetterLists.Filter(), .organisations([mine.organisation_id]))
            #expect(Set(page.rows.map(\.id)).isSuperset(of: [failed, sent]))
            #expect(page.failedCount == 1)
            // The caseworkers' task list: the failed letter only, and the count whatever the filter.
            let task = try await load(LetterLists.Filter(status: .failed), .organisations([mine.organisation_id]))
            #expect(task.rows.map(\.id) == [failed] && task.failedCount == 1)
            // Staff of another organisation: neither the letters nor the failed one counted.
            let elsewhere = try await load(LetterLists.Filter(), .organisations([UUID()]))
            #expect(elsewhere.rows.isEmpty && elsewhere.failedCount == 0)
            // A day that is not a date: no rows (the page shows the mistake), the count still read.
            var mistaken = LetterLists.Filter()
            mistaken.period.problems = [("fra", "periodErrorDate")]
            let shown = try await load(mistaken, .organisations([mine.organisation_id]))
            #expect(shown.rows.isEmpty && shown.failedCount == 1)
        }
    }

    @Test func thePrintPageReadsTheBatchesAndTheWaitingOfItsScope() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let letter = try await Self.letter(to: mine.person_id, lease: mine.lease_id, app: app)
            try await Letter.query(on: app.db).filter(\.$id == letter).set(\.$status, to: .awaitingPrint).update()
            var batches: [UUID] = []
            for number in 1...2 {
                let batch = PrintBatch()
                batch.id = UUID()
                batch.$organisation.id = mine.organisation_id
                batch.number = number
                batch.letterCount = 1
                batch.pageCount = 1
                batch.pdf = Data()
                batch.manifest = ""
                batch.createdAt = testNow
                // The first went out.
                batch.dispatchedAt = number == 1 ? testNow : nil
                try await batch.create(on: app.db)
                batches.append(try batch.requireID())
            }
            let load = { (scope: StaffScope, organisation: UUID?, undispatched: Bool, cursor: UUID?) in
                try await PrintBatchController.Page.load(
                    scope: scope,
                    organisation: organisation,
                    undispatched: undispatched,
                    after: cursor,
                    on: app.db
                )
            }
            let scope = StaffScope.organisations([mine.organisation_id])
            let page = try await load(scope, nil, false, nil)
            // Newest (highest number) first.
            #expect(page.batches.map(\.id) == batches.reversed())
            #expect(page.waiting == 1)
            #expect(try await load(scope, nil, true, nil).batches.map(\.id) == [batches[1]])
            #expect(try await load(scope, nil, false, batches[1]).batches.map(\.id) == [batches[0]])
            #expect(try await load(scope, mine.organisation_id, false, nil).batches.count == 2)
            // Another organisation's staff: no batch, no letter waiting; nor one chosen outside.
            let elsewhere = try await load(.organisations([UUID()]), nil, false, nil)
            #expect(elsewhere.batches.isEmpty && elsewhere.waiting == 0)
            #expect(try await load(scope, UUID(), false, nil).batches.isEmpty)
        }
    }

    @Test func theAPIKeysPageReadsTheKeysAPageAtATime() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let administrator = try await CaseDeadlinesTests.administrator(app)
            var keys: [UUID] = []
            for number in 1...2 {
                let key = APIToken(
                    id: UUID(),
                    name: "Økonomisystem \(number)",
                    scope: .ledger,
                    token: APIToken.generate(),
                    submissionToken: UUID().uuidString,
                    createdBy: administrator,
                    at: testNow.addingTimeInterval(Double(number))
                )
                try await key.create(on: app.db)
                keys.append(try key.requireID())
            }
            let page = try await APITokensController.Page.load(after: nil, on: app.db)
            // Newest first.
            #expect(page.keys.map(\.id) == keys.reversed())
            #expect(page.keys.map(\.name) == ["Økonomisystem 2", "Økonomisystem 1"])
            #expect(try await APITokensController.Page.load(after: keys[1], on: app.db).keys.map(\.id) == [keys[0]])
            #expect(try await APITokensController.Page.load(after: keys[0], on: app.db).keys.isEmpty)
        }
    }

    @Test func theBoardsDocumentsAreItsOwnDepartmentsOnly() async throws {
        // Homes enough for a second department.
        try await withTestApp(seedHomes: 80) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let home = try #require(try await Dwelling.find(mine.dwelling_id, on: app.db))
            let own = home.$department.id
            let other = try #require(try await Department.query(on: app.db).filter(\.$id != own).first())
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            try await BoardMembership(
                personID: mine.person_id,
                board: .department,
                departmentID: own,
                organisationID: nil,
                position: .member,
                termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                termEnd: LocalDate(year: 2027, month: 12, day: 31)!
            ).create(on: app.db)
            var documents: [UUID: UUID] = [:]
            for (department, organisation) in [
                (own, mine.organisation_id), (try other.requireID(), other.$organisation.id),
            ] {
                let document = DepartmentDocument(
                    id: UUID(),
                    departmentID: department,
                    organisationID: organisation,
                    title: "Referat",
                    kind: .minutes,
                    documentDate: "2026-10-01",
                    visibility: .board,
                    pdf: Data("%PDF-1.4".utf8),
                    uploadedBy: nil,
                    now: testNow
                )
                try await document.create(on: app.db)
                documents[department] = try document.requireID()
            }
            let load = { (person: UUID, day: LocalDate) in
                try await BoardDocumentsController.Page.load(
                    person: person,
                    today: day,
                    summary: app.registerSummary,
                    on: app.db
                )
            }
            let page = try #require(try await load(mine.person_id, today))
            #expect(page.seats.map(\.department.id) == [own])
            #expect(page.seats.map(\.organisation) == [mine.organisation_id])
            // The board's own document, not another department's.
            #expect(page.documents.map(\.id) == [documents[own]])
            // No seat: nothing (the page refuses); nor after the term.
            #expect(try await load(UUID(), today) == nil)
            #expect(try await load(mine.person_id, LocalDate(year: 2028, month: 1, day: 1)!) == nil)
        }
    }

    @Test func theMunicipalitiesPageFindsTheChosenAndTheSavedPastTheList() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let load = { (chosen: String?, saved: String?) in
                try await MunicipalitiesController.Page.load(chosen: chosen, saved: saved, on: app.db)
            }
            // A register of a few: the chosen is one of its rows; a name the register lacks is not.
            try await Self.municipality("Aarhus", cvr: "55133018", on: app)
            let few = try await load("Aarhus", "Ingen Sådan")
            #expect(few.rows.contains { $0.name == "Aarhus" })
            #expect(few.registered["Aarhus"]?.cvr == "55133018" && few.registered["Ingen Sådan"] == nil)
            #expect(try await load(nil, nil).registered.isEmpty)
            // More than the list shows: the last two are past it, and found by their names.
            for number in 1...(MunicipalitiesController.limit + 10) {
                try await Self.municipality(String(format: "Zzz %03d", number), cvr: "1000\(1000 + number)", on: app)
            }
            let last = String(format: "Zzz %03d", MunicipalitiesController.limit + 10)
            let before = String(format: "Zzz %03d", MunicipalitiesController.limit + 9)
            let many = try await load(last, before)
            #expect(many.rows.count == MunicipalitiesController.limit)
            #expect(!many.rows.contains { $0.name == last || $0.name == before })
            #expect(many.registered[last]?.cvr == "1000\(1000 + MunicipalitiesController.limit + 10)")
            #expect(many.registered[before]?.name == before)
            #expect(try await load("Ingen Sådan", nil).registered.isEmpty)
        }
    }

    static func municipality(_ name: String, cvr: String, on app: Application) async throws {
        try await Municipality(
            id: UUID(),
            name: name,
            cvr: cvr,
            attention: "Borgerservice",
            street: "Rådhuspladsen 2",
            postalCode: "8000",
            city: "Aarhus C",
            updatedBy: nil,
            at: testNow
        ).create(on: app.db)
    }
}
