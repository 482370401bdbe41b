import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Bulk letters: counts, preview, chunks, pause and resume, a run's job taken over, and the form over HTTP.
@Suite("Bulk letters")
struct BulkLettersTests {
    static func firstOrganisation(_ app: Application) async throws -> UUID {
        try #require(try await HousingOrganisation.query(on: app.db).sort(\.$name).first()).requireID()
    }

    static let content = BulkContent.general(
        subject: "Vandafbrydelse tirsdag",
        paragraphs: ["Vandet lukkes kl. 9-12.", "Vi beklager."]
    )

    @Test func aRunSendsEveryTenantExactlyOneLetterThroughPauseAndResume() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let bulk = app.bulkLetters()
            let run = try await bulk.create(
                organisationID: try await Self.firstOrganisation(app),
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            let runID = try run.requireID()
            let outlook = try await bulk.outlook(run)
            #expect(run.total > 10)
            #expect(outlook.total == run.total)
            #expect(outlook.digitalIfRegistered + outlook.physicalTotal == run.total)
            #expect(try await bulk.step(runID) == false, "a draft is not sent")

            try await bulk.start(runID)
            #expect(try await bulk.step(runID, chunk: 5))
            try await bulk.pause(runID)
            let afterPause = try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).count()
            #expect(afterPause == 5)
            #expect(try await bulk.step(runID, chunk: 5) == false)
            #expect(try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).count() == 5)
            try await bulk.start(runID)
            while try await bulk.step(runID, chunk: 7) {}

            let stored = try #require(try await BulkRun.find(runID, on: app.db))
            #expect(stored.status == .completed)
            #expect(stored.sent == run.total)
            let letters = try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).all()
            #expect(letters.count == run.total)
            #expect(Set(letters.map { "\($0.$recipient.id)/\($0.$lease.id?.uuidString ?? "")" }).count == run.total)
            #expect(letters.allSatisfy { $0.subject == "Vandafbrydelse tirsdag" })
        }
    }

    /// A running run is one job: a worker that dies in the middle of it holds it until its lease
    /// runs out, and another worker then finishes the run without a second letter to anyone.
    /// A run whose job gave up says why on its page, in the reader's language.
    @Test func aRunThatGaveUpSaysWhyInTheReadersLanguage() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let bulk = app.bulkLetters()
            let run = try await bulk.create(
                organisationID: try await Self.firstOrganisation(app),
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            let runID = try run.requireID()
            try await bulk.start(runID)
            try await bulk.gaveUp(runID)
            let stopped = try #require(try await BulkRun.find(runID, on: app.db))
            #expect(stopped.status == .failed)
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let danish = try await CaseDeadlinesTests.get(app, SiteRoute.bulkRun(runID).path, as: staff).1
            #expect(danish.contains("Udsendelsen stoppede efter gentagne fejl. Se Baggrundsjob."))
            // The run and the list of runs name what the letters are about.
            #expect(danish.contains("<dd>Vandafbrydelse tirsdag</dd>"))
            let runs = try await CaseDeadlinesTests.get(app, SiteRoute.bulkLetters.path, as: staff).1
            #expect(runs.contains(">Vandafbrydelse tirsdag</td>"))
            // An id that is not one is no page.
            #expect(
                try await CaseDeadlinesTests.get(app, "/admin/masseudsendelse/ikke-et-id", as: staff).0 == .notFound
            )
            let english = try await CaseDeadlinesTests.get(app, SiteRoute.bulkRun(runID).path + "?lang=en", as: staff).1
            #expect(english.contains("The run stopped after repeated failures. See Background jobs."))
        }
    }

    @Test func aRunWhoseWorkerDiesIsFinishedByAnotherWithoutDuplicates() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 80, clock: clock, running: true) { app in
            let bulk = app.bulkLetters()
            let run = try await bulk.create(
                organisationID: try await Self.firstOrganisation(app),
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            let runID = try run.requireID()
            try await bulk.start(runID)
            let dying = app.jobRunner(id: "dying", settings: DigitalPostOutboxTests.quick)
            let other = app.jobRunner(id: "other", settings: DigitalPostOutboxTests.quick)

            // The first worker takes the run's job, makes a chunk and dies.
            let job = try #require(try await dying.claim().first { $0.kind == JobKind.bulkLetters.rawValue })
            #expect(job.payload.contains(runID.uuidString))
            #expect(try await bulk.step(runID, chunk: 4))
            #expect(
                try await other.claim().allSatisfy { $0.kind != JobKind.bulkLetters.rawValue },
                "the first worker holds the run"
            )
            clock.advance(by: DigitalPostOutboxTests.quick.lease + 1)
            for _ in 0..<200 where try await BulkRun.find(runID, on: app.db)?.status == .running {
                try await other.runOnce()
            }

            let letters = try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).all()
            #expect(letters.count == run.total)
            #expect(Set(letters.map { "\($0.$recipient.id)/\($0.$lease.id?.uuidString ?? "")" }).count == run.total)
            #expect(try await BulkRun.find(runID, on: app.db)?.status == .completed)
        }
    }

    @Test func departmentsNarrowTheSelection() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let organisation = try await Self.firstOrganisation(app)
            let departments = try await Department.query(on: app.db).filter(\.$organisation.$id == organisation).sort(
                \.$number
            ).all()
            let bulk = app.bulkLetters()

            let all = try await bulk.create(
                organisationID: organisation,
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            let one = try await bulk.create(
                organisationID: organisation,
                departmentIDs: [try departments[0].requireID()],
                content: Self.content,
                createdBy: nil
            )

            let expected = try await LeaseTenant.query(on: app.db)
                .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                .filter(Dwelling.self, \.$department.$id == departments[0].requireID())
                .filter(Lease.self, \.$status != .ended).count()
            #expect(one.total == expected)
            #expect(one.total < all.total || departments.count == 1)
        }
    }

    @Test func aListOfAddressesSelectsTheirTenantsAndUnknownAddressesAreNamed() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let organisation = try await Self.firstOrganisation(app)
            let dwellings = try await Dwelling.query(on: app.db)
                .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
                .filter(Department.self, \.$organisation.$id == organisation).sort(\.$id).limit(3).all()
            let bulk = app.bulkLetters()

            let matched = try await bulk.dwellings(
                atAddresses: dwellings.map { "  " + $0.addressLine.uppercased() + " " } + ["Findes Ikke 99"],
                organisationID: organisation
            )
            let run = try await bulk.create(
                organisationID: organisation,
                departmentIDs: [],
                dwellingIDs: matched.found,
                content: Self.content,
                createdBy: nil
            )

            #expect(matched.unknown == ["Findes Ikke 99"])
            #expect(Set(matched.found) == Set(try dwellings.map { try $0.requireID() }))
            let expected = try await LeaseTenant.query(on: app.db)
                .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                .filter(Lease.self, \.$dwelling.$id ~~ matched.found).filter(Lease.self, \.$status != .ended).count()
            #expect(run.total == expected)
            #expect(run.total > 0)
        }
    }

    struct FormRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let form: BulkLetterForm
        let problemFields: [String]
        var testDescription: String { behaviour }
    }

    static let organisation = "0A6B7C8D-0000-4000-8000-000000000001"

    static let forms: [FormRow] = [
        FormRow(
            behaviour: "A general letter with subject and text",
            form: BulkLetterForm(organisation: organisation, kind: "general", subject: "Emne", text: "Et.\n\nTo."),
            problemFields: []
        ),
        FormRow(
            behaviour: "No organisation",
            form: BulkLetterForm(kind: "general", subject: "Emne", text: "Tekst"),
            problemFields: ["organisation"]
        ),
        FormRow(
            behaviour: "Department numbers must be numbers",
            form: BulkLetterForm(
                organisation: organisation,
                departments: "1, to",
                kind: "general",
                subject: "Emne",
                text: "Tekst"
            ),
            problemFields: ["departments"]
        ),
        FormRow(
            behaviour: "Departments and addresses together",
            form: BulkLetterForm(
                organisation: organisation,
                departments: "1",
                addresses: "Pilevej 1",
                kind: "general",
                subject: "Emne",
                text: "Tekst"
            ),
            problemFields: ["addresses"]
        ),
        FormRow(
            behaviour: "Unknown kind",
            form: BulkLetterForm(organisation: organisation, kind: "paakrav", subject: "Emne", text: "Tekst"),
            problemFields: ["kind"]
        ),
        FormRow(
            behaviour: "Empty subject",
            form: BulkLetterForm(organisation: organisation, kind: "general", subject: "  ", text: "Tekst"),
            problemFields: ["subject"]
        ),
        FormRow(
            behaviour: "Empty text",
            form: BulkLetterForm(organisation: organisation, kind: "general", subject: "Emne", text: "\n\n"),
            problemFields: ["text"]
        ),
        FormRow(
            behaviour: "The letter greets and signs off by itself: a second greeting is refused",
            form: BulkLetterForm(
                organisation: organisation,
                kind: "general",
                subject: "Emne",
                text: "Kære beboer\n\nEt.\n\nMed venlig hilsen\nBestyrelsen"
            ),
            problemFields: ["text"]
        ),
        FormRow(
            behaviour: "An empty form: every problem at once",
            form: BulkLetterForm(kind: "general"),
            problemFields: ["organisation", "subject", "text"]
        ),
        FormRow(
            behaviour: "A meeting notice is sent from its meeting, not typed here",
            form: BulkLetterForm(organisation: organisation, departments: "1 3", kind: "meeting_notice"),
            problemFields: ["kind"]
        ),
    ]

    @Test(arguments: forms)
    func theFormIsChecked(_ row: FormRow) {
        do {
            let valid = try row.form.validated()
            #expect(row.problemFields.isEmpty, "expected problems with \(row.problemFields)")
            if case .general(_, let paragraphs) = valid.content { #expect(paragraphs == ["Et.", "To."]) }
        } catch {
            #expect(error.list.map(\.field) == row.problemFields)
        }
    }

    @Test func theRunsListIsFilteredByStatusKindAndOrganisation() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let organisations = try await HousingOrganisation.query(on: app.db).sort(\.$name).all()
            #expect(organisations.count >= 2)
            let (first, second) = (try organisations[0].requireID(), try organisations[1].requireID())
            let bulk = app.bulkLetters()
            let drafted = try await bulk.create(
                organisationID: first,
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            let finished = try await bulk.create(
                organisationID: second,
                departmentIDs: [],
                content: Self.content,
                createdBy: nil
            )
            finished.status = .completed
            try await finished.update(on: app.db)
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            func listed(_ query: [(String, String?)]) async throws -> (Set<UUID>, String) {
                let page = try await CaseDeadlinesTests.get(app, SiteRoute.bulkLetters.path(query: query), as: staff)
                #expect(page.0 == .ok)
                let ids = [drafted, finished].compactMap(\.id).filter {
                    page.1.contains(SiteRoute.bulkRun($0).path)
                }
                return (Set(ids), page.1)
            }
            #expect(try await listed([]).0 == Set([drafted.id, finished.id].compactMap { $0 }))
            #expect(try await listed([("status", "completed")]).0 == Set([finished.id].compactMap { $0 }))
            #expect(
                try await listed([("organisation", first.uuidString.lowercased())]).0
                    == Set([drafted.id].compactMap { $0 })
            )
            let none = try await listed([("kind", "meeting_notice")])
            #expect(none.0.isEmpty && none.1.contains("Intet passer"))
            // An unknown value is no filter; the chosen ones stay chosen.
            #expect(try await listed([("status", "<b>")]).0.count == 2)
            #expect(try await listed([("status", "completed")]).1.contains(#"<option value="completed" selected>"#))
        }
    }

    /// A draft's letter goes back into the form ("Ret brevet") and the new run takes its place;
    /// a draft is deleted; a started run is neither.
    @Test func aDraftIsWrittenAgainOrDeletedButAStartedRunIsNot() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let organisation = try await Self.firstOrganisation(app)
            let fields = [
                ("organisation", organisation.uuidString), ("departments", "1"), ("kind", "general"),
                ("subject", "Affald"), ("text", "Ny ordning.\n\nFra 1. januar."),
            ]
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.bulkLetters.path, fields, as: staff).0 == .seeOther
            )
            let draft = try #require(try await BulkRun.query(on: app.db).first())
            let draftID = try draft.requireID()
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.bulkRun(draftID).path, as: staff).1
            let edit = SiteRoute.bulkLetters.path(query: [("ret", draftID.lowercasedString)])
            #expect(page.contains(#"href="\#(edit)">Ret brevet</a>"#))
            #expect(page.contains(#"action="\#(SiteRoute.bulkRunDelete(draftID).path)""#))

            // Back in the form as it was written.
            let form = try await CaseDeadlinesTests.get(app, edit, as: staff).1
            #expect(form.contains(#"name="replaces" value="\#(draftID.lowercasedString)""#))
            #expect(form.contains(#"id="departments" name="departments" value="1""#))
            #expect(form.contains(#"value="Affald""#) && form.contains(">Ny ordning.\n\nFra 1. januar.</textarea>"))
            let again = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.bulkLetters.path,
                [
                    ("organisation", organisation.uuidString), ("departments", "1"), ("kind", "general"),
                    ("subject", "Affald"), ("text", "Ny ordning fra 1. januar."),
                    ("replaces", draftID.lowercasedString),
                ],
                as: staff
            )
            #expect(again.0 == .seeOther)
            let runs = try await BulkRun.query(on: app.db).all()
            #expect(runs.count == 1 && runs.first?.id != draftID)
            let second = try #require(runs.first)
            let secondID = try second.requireID()

            // Started, it is neither written again in its place nor deleted.
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.bulkRunStart(secondID).path, [], as: staff).0
                    == .seeOther
            )
            let started = try await CaseDeadlinesTests.get(app, SiteRoute.bulkRun(secondID).path, as: staff).1
            #expect(!started.contains("Ret brevet") && !started.contains("Slet udkastet"))
            let refused = try await CaseDeadlinesTests.post(app, SiteRoute.bulkRunDelete(secondID).path, [], as: staff)
            #expect(refused.0 == .seeOther)
            #expect(try await BulkRun.find(secondID, on: app.db) != nil)
            // A form that writes it again, sent after it was started (another tab): nothing new.
            let late = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.bulkLetters.path,
                fields + [("replaces", secondID.lowercasedString)],
                as: staff
            )
            #expect(late.0 == .conflict && late.1.contains("Udkastet er sendt i mellemtiden"))
            #expect(try await BulkRun.query(on: app.db).count() == 1)

            // A new draft is deleted, audited, and the list says so.
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.bulkLetters.path, fields, as: staff).0 == .seeOther
            )
            let third = try #require(try await BulkRun.query(on: app.db).filter(\.$status == .draft).first())
            let deleted = try await Self.postFollowing(app, SiteRoute.bulkRunDelete(try third.requireID()).path, staff)
            #expect(deleted.contains("Udkastet er slettet. Der er ikke sendt nogen breve."))
            #expect(try await BulkRun.query(on: app.db).count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "bulk_run.delete").count() == 2)
        }
    }

    /// Posts an empty form and reads the page it redirects to.
    static func postFollowing(_ app: Application, _ path: String, _ staff: String) async throws -> String {
        let (status, _, location) = try await FaultReportTests.post(app, path, [], as: staff)
        #expect(status == .seeOther)
        return try await CaseDeadlinesTests.get(app, try #require(location), as: staff).1
    }

    @Test func staffMakeStartAndFollowARunInTheBrowser() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let caseworker = try #require(
                UUID(uuidString: try await LoginFlowTests.logIn(browser, audience: .staff, role: "Sagsbehandler"))
            )
            let organisationID = try await Self.firstOrganisation(app)
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworker).delete()
            try await StaffAssignment(id: UUID(), staffID: caseworker, organisationID: organisationID).create(
                on: app.db
            )
            let organisation = organisationID.uuidString
            let form = try await browser.get(SiteRoute.bulkLetters.path)
            #expect(form.status == 200)
            // A caseworker of one organisation is not asked to choose it.
            #expect(!form.body.contains(#"<select id="organisation""#))
            #expect(!form.body.contains(#"id="filter-organisation""#))
            #expect(form.body.contains(#"<input type="hidden" name="organisation" value="\#(organisation)">"#))

            let refused = try await browser.post(
                SiteRoute.bulkLetters.path,
                form: [("organisation", organisation), ("kind", "general"), ("subject", "")]
            )
            let unknownAddress = try await browser.post(
                SiteRoute.bulkLetters.path,
                form: [
                    ("organisation", organisation), ("addresses", "Findes Ikke 99"), ("kind", "general"),
                    ("subject", "Affald"), ("text", "Tekst"),
                ]
            )
            let forged = try await browser.post(
                SiteRoute.bulkLetters.path,
                form: [("organisation", organisation), ("kind", "general")],
                csrf: "forged"
            )
            let made = try await browser.post(
                SiteRoute.bulkLetters.path,
                form: [
                    ("organisation", organisation), ("kind", "general"), ("subject", "Affald"), ("text", "Ny ordning."),
                ]
            )

            #expect(refused.status == 422)
            // Every problem at once, each at its field.
            #expect(refused.body.contains(#"<p class="field-error" id="subject-error">Skriv et emne"#))
            #expect(refused.body.contains(#"<p class="field-error" id="text-error">Skriv brevets tekst"#))
            #expect(refused.body.contains(#"aria-invalid="true""#))
            #expect(unknownAddress.status == 422)
            #expect(unknownAddress.body.contains("Adressen findes ikke i boligorganisationen: Findes Ikke 99"))
            #expect(forged.status == 403)
            #expect(made.status == 303)
            let runPath = try #require(made.location)
            let page = try await browser.get(runPath)
            #expect(page.status == 200)
            #expect(page.body.contains("Klar – ikke sendt"))
            let run = try #require(try await BulkRun.query(on: app.db).first())
            let start = try await browser.post(SiteRoute.bulkRunStart(try run.requireID()).path)
            #expect(start.status == 303)
            #expect(try await BulkRun.find(run.requireID(), on: app.db)?.status == .running)
            let status = try await browser.get(SiteRoute.bulkRunStatus(try run.requireID()).path)
            #expect(status.body.contains(#""status":"running""#))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "bulk_run.start").count() == 1)
        }
    }
}
