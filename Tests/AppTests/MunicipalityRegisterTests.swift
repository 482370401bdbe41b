import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Sandbox
import Testing
import Vapor

@testable import App

/// The register of municipalities (`/admin/kommuner`) and the notices that wait for it.
@Suite("Register of municipalities")
struct MunicipalityRegisterTests {
    /// An arrears case about a lease in `municipality`'s estate, with a notice queued for it.
    static func noticeFor(_ app: Application) async throws -> (caseID: UUID, municipality: String) {
        let (caseFile, _) = try await CaseDeadlinesTests.openCase(app, kind: .arrears)
        let caseID = try caseFile.requireID()
        struct Row: Decodable { let municipality: String }
        let municipality = try #require(
            try await app.db.sql().raw(
                """
                SELECT dep.municipality FROM cases c JOIN leases l ON l.id = c.lease_id
                  JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
                WHERE c.id = \(bind: caseID)
                """
            ).first(decoding: Row.self)
        ).municipality
        try await MunicipalityNotices.queue(
            .ophaevelse,
            GeneralLetter(subject: "Underretning om ophævelse: Engvej 1", paragraphs: ["Lejemålet er ophævet."]),
            municipality: municipality,
            caseID: caseID,
            on: app.db,
            dependencies: app.dependencies
        )
        return (caseID, municipality)
    }

    /// Runs the jobs until no notice is queued (bounded), moving the clock on between rounds so
    /// that back-off delays pass.
    static func drain(_ app: Application, _ clock: TestClock) async throws {
        let runner = app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)
        for _ in 0..<400 {
            _ = try await runner.runOnce()
            if try await MunicipalityNotice.query(on: app.db).filter(\.$status == .queued).count() == 0 { return }
            clock.advance(by: 1)
        }
        Issue.record("the notices did not drain")
    }

    @Test func aNoticeToAMunicipalityMissingFromTheRegisterWaitsAndIsSentOnceAnAdministratorAddsIt() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 30, clock: clock, running: true) { app in
            let (caseID, municipality) = try await Self.noticeFor(app)
            try await Municipality.query(on: app.db).filter(\.$name == municipality).delete()
            try await Self.drain(app, clock)
            let waiting = try #require(try await MunicipalityNotice.query(on: app.db).first())
            #expect(waiting.status == .notInRegister && waiting.sentAt == nil)
            // The letter names the municipality only, for a caseworker to send.
            let letter = try PDFText.extract(waiting.pdf)
            #expect(letter.contains("\(municipality) Kommune") && letter.contains("Lejemålet er ophævet."))
            #expect(!letter.contains("Rådhuset"))

            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let casePage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(casePage.contains("Kommunen står ikke i kommuneregistret"))
            #expect(casePage.contains("Markér som sendt"))
            let registerHref = SiteRoute.municipalities.path(query: [("kommune", municipality)])
            #expect(casePage.contains(registerHref.replacingOccurrences(of: "&", with: "&amp;")))
            // A caseworker sees what to do, but not the administrators' register.
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let clerk = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Kirsten", of: organisation, on: app),
                on: app
            )
            let clerkPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: clerk).1
            #expect(clerkPage.contains("Kommunen står ikke i kommuneregistret"))
            #expect(!clerkPage.contains(SiteRoute.municipalities.path))
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.municipalities.path, as: clerk).0 == .forbidden)

            // The register lists it as missing, with the notice waiting for it.
            let list = try await CaseDeadlinesTests.get(app, SiteRoute.municipalities.path, as: admin)
            #expect(list.0 == .ok)
            #expect(list.1.contains("1 underretning venter på kommunen"))
            #expect(list.1.contains("<strong>Mangler</strong>"))
            let form = try await CaseDeadlinesTests.get(app, registerHref, as: admin).1
            #expect(form.contains(#"id="name" name="name" value="\#(municipality)""#))

            // Wrong figures: each error at its field, in Danish; nothing stored.
            let wrong = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", "\(municipality) Kommune"), ("cvr", "0123 456"), ("attention", "Borgerservice"),
                    ("street", ""), ("postalCode", "80000"), ("city", "Aarhus C"),
                ],
                as: admin
            )
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains(#"id="cvr-error">CVR-nummeret skal være 8 cifre og må ikke begynde med 0."#))
            #expect(wrong.1.contains(#"id="street-error">Skriv kommunens adresse"#))
            #expect(wrong.1.contains(#"id="postalCode-error">Postnummeret skal være 4 cifre."#))
            #expect(wrong.1.contains(##"href="#cvr""##))
            #expect(!wrong.1.contains(#"id="name-error""#) && !wrong.1.contains(#"id="city-error""#))
            #expect(try await Municipality.query(on: app.db).filter(\.$name == municipality).count() == 0)

            // Right ones ("… Kommune", "DK" and spaces in the number are forgiven): saved, and the notice
            // is sent.
            let saved = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", "\(municipality) Kommune"), ("cvr", "DK 2918 9420"), ("attention", "Ydelsescenter"),
                    ("street", "Rådhuspladsen 2"), ("postalCode", "9000"), ("city", "Aalborg"),
                ],
                as: admin
            )
            #expect(saved.0 == .seeOther)
            let entered = try #require(
                try await Municipality.query(on: app.db).filter(\.$name == municipality).first()
            )
            #expect(entered.cvr == "29189420" && entered.attention == "Ydelsescenter")
            let after = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.municipalities.path(query: [("gemt", municipality), ("sendes", "1")]),
                as: admin
            ).1
            #expect(
                after.contains(
                    "\(municipality) Kommune er gemt. Underretningen, der ventede på kommunen, bliver sendt nu."
                )
            )
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.municipalitySet.rawValue).count()
                    == 1
            )
            try await Self.drain(app, clock)
            let sent = try #require(try await MunicipalityNotice.find(try waiting.requireID(), on: app.db))
            #expect(sent.status == .sent && sent.channel == .digitalPost)
            let standIn = try #require(app.ngdpStandIn)
            #expect(await standIn.mailbox(of: "29189420") == [try #require(sent.messageUUID)])
            let typeset = try PDFText.extract(sent.pdf)
            #expect(typeset.contains("Ydelsescenter") && typeset.contains("Rådhuspladsen 2"))
            #expect(typeset.contains("9000 Aalborg"))
            // Saving it again sends nothing twice.
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", municipality), ("cvr", "29189420"), ("attention", ""), ("street", "Rådhuspladsen 2"),
                    ("postalCode", "9000"), ("city", "Aalborg"),
                ],
                as: admin
            )
            try await Self.drain(app, clock)
            #expect(await standIn.mailbox(of: "29189420").count == 1)
            #expect(try await Municipality.query(on: app.db).filter(\.$name == municipality).count() == 1)
        }
    }

    @Test func aCaseworkerRecordsANoticeSentByHandOnceAndDigitalPostRefusingItSendsItOnPaper() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 30, clock: clock, running: true) { app in
            let (caseID, municipality) = try await Self.noticeFor(app)
            try await Municipality.query(on: app.db).filter(\.$name == municipality).delete()
            try await Self.drain(app, clock)
            let notice = try #require(try await MunicipalityNotice.query(on: app.db).first())
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let path = SiteRoute.municipalityNoticeSent(caseID, try notice.requireID()).path
            for _ in 0..<2 { #expect(try await CaseDeadlinesTests.post(app, path, [], as: admin).0 == .seeOther) }
            let byHand = try #require(try await MunicipalityNotice.find(try notice.requireID(), on: app.db))
            #expect(byHand.status == .sent && byHand.channel == .manual && byHand.sentBy != nil)
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == caseID)
                    .filter(\.$kind == .municipalityNotified).count() == 1
            )
            let casePage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(casePage.contains("Sendt af en sagsbehandler"))
            #expect(!casePage.contains("Markér som sendt"))

            // A CVR number NgDP will not deliver to (not eight digits reaches NgDP only if the
            // register was changed behind Almen's back): the notice goes on paper instead.
            try await Municipality(
                id: UUID(),
                name: municipality,
                cvr: "1234567",
                attention: "Borgerservice",
                street: "Rådhuset",
                postalCode: "8000",
                city: "Aarhus C",
                updatedBy: nil,
                at: app.dependencies.now()
            ).create(on: app.db)
            _ = try await Self.noticeFor(app)
            try await Self.drain(app, clock)
            let second = try #require(
                try await MunicipalityNotice.query(on: app.db).filter(\.$id != notice.requireID()).first()
            )
            #expect(second.status == .awaitingPrint && second.channel == .print)
            // Printed and dispatched; the batch's PDF is deleted after its 90 days, the notice kept.
            let printing = app.printBatches()
            let batch = try #require(try await printing.create(createdBy: nil, scope: .all).first)
            _ = try await printing.markDispatched(try batch.requireID(), by: nil, scope: .all)
            #expect(try await MunicipalityNotice.find(try second.requireID(), on: app.db)?.status == .dispatched)
            clock.advance(by: Double(RetentionRun.printBatchDays + 1) * 86_400)
            _ = try await RetentionRun(database: app.db, dependencies: app.dependencies).run(
                on: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                dryRun: false
            )
            #expect(try await PrintBatch.find(try batch.requireID(), on: app.db) == nil)
            let kept = try #require(try await MunicipalityNotice.find(try second.requireID(), on: app.db))
            #expect(kept.printBatchID == nil && kept.status == .dispatched)
        }
    }

    @Test func aNoticeDigitalPostMayHaveIsNeverAlsoSentOnPaperAndOneWhoseAttemptsFailedKeepsItsLetter() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 30, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            // NgDP is busy: the job tries again later.
            await standIn.setFaults(NgDPFaults(unavailableNext: 1))
            let (caseID, _) = try await Self.noticeFor(app)
            let runner = app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)
            _ = try await runner.runOnce()
            let tried = try #require(try await MunicipalityNotice.query(on: app.db).first())
            #expect(tried.status == .queued && tried.channel == .digitalPost && !tried.pdf.isEmpty)
            // Meanwhile the organisation's Digital Post is suspended: NgDP may have the notice, so
            // a caseworker decides; it does not go on paper by itself.
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            try await HousingOrganisation.query(on: app.db).filter(\.$id == organisation)
                .set(\.$digitalPostConnection, to: .suspended).update()
            try await Self.drain(app, clock)
            let failed = try #require(try await MunicipalityNotice.find(try tried.requireID(), on: app.db))
            #expect(failed.status == .failed && failed.channel == .digitalPost)
            #expect(try await app.printBatches().waiting(scope: .all) == 0)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(page.contains("Underretningen kunne ikke sendes, og kommunen har den måske ikke."))
            #expect(page.contains("Markér som sendt"))
            let pdf = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.municipalityNotice(caseID, try failed.requireID()).path,
                as: admin
            )
            #expect(pdf.0 == .ok && pdf.1.hasPrefix("%PDF"))

            // Digital Post that never answers: after the last attempt, a caseworker's, with its letter.
            try await HousingOrganisation.query(on: app.db).filter(\.$id == organisation)
                .set(\.$digitalPostConnection, to: .connected).update()
            await standIn.setFaults(NgDPFaults(unavailableNext: 100))
            let (second, _) = try await Self.noticeFor(app)
            try await DigitalPostOutboxTests.limitAttempts(app, to: 2)
            try await Self.drain(app, clock)
            let dead = try #require(
                try await MunicipalityNotice.query(on: app.db).filter(\.$caseID == second).first()
            )
            #expect(dead.status == .failed, "\(dead.status)")
            #expect(!dead.pdf.isEmpty)
            #expect(try PDFText.extract(dead.pdf).contains("Lejemålet er ophævet."))
        }
    }

    @Test func aReceiptThatComesLaterGivesTheDayTheNoticeArrived() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 30, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            await standIn.setFaults(NgDPFaults(receiptsLater: true))
            _ = try await Self.noticeFor(app)
            try await Self.drain(app, clock)
            let sent = try #require(try await MunicipalityNotice.query(on: app.db).first())
            #expect(sent.status == .sent && sent.arrival == nil && sent.transmissionID != nil)
            #expect(try await app.laterReceipts.pullAll() >= 1)
            let arrived = try #require(try await MunicipalityNotice.find(try sent.requireID(), on: app.db))
            #expect(arrived.arrival == LocalDate(app.dependencies.now(), timeZone: danishTimeZone).iso)
        }
    }

    @Test func aNoticeMadeBeforeNoticesWereSentStaysWithTheCaseworker() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app, kind: .arrears)
            let caseID = try caseFile.requireID()
            // As the migration leaves one: no words kept, its PDF made then.
            let legacy = MunicipalityNotice()
            legacy.id = UUID()
            legacy.caseID = caseID
            legacy.reason = .paakrav
            legacy.municipality = "Aarhus"
            legacy.pdf = Data("%PDF-1.4".utf8)
            legacy.createdAt = app.dependencies.now()
            legacy.status = .byHand
            try await legacy.create(on: app.db)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(page.contains("Almen sender ikke denne underretning. Send brevet selv, og markér det som sendt."))
            // Saving its municipality leaves it to the caseworker.
            let saved = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", "Aarhus"), ("cvr", "55133018"), ("street", "Rådhuspladsen 2"), ("postalCode", "8000"),
                    ("city", "Aarhus C"),
                ],
                as: admin
            )
            #expect(saved.0 == .seeOther)
            #expect(try await MunicipalityNotice.find(try legacy.requireID(), on: app.db)?.status == .byHand)
            struct Count: Decodable { let count: Int }
            let jobs = try await app.db.sql().raw(
                "SELECT count(*) AS count FROM jobs WHERE kind = \(bind: JobKind.sendMunicipalityNotice.rawValue)"
            ).first(decoding: Count.self)
            #expect(jobs?.count == 0)
            let marked = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalityNoticeSent(caseID, try legacy.requireID()).path,
                [],
                as: admin
            )
            #expect(marked.0 == .seeOther)
            #expect(try await MunicipalityNotice.find(try legacy.requireID(), on: app.db)?.channel == .manual)
        }
    }

    @Test func savingTheRegisterNeedsARecentLogin() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            clock.advance(by: Request.recentAuthentication + 60)
            let before = try await Municipality.query(on: app.db).count()
            let stale = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", "Fanø"), ("cvr", "29189420"), ("street", "Skolevej 5"), ("postalCode", "6720"),
                    ("city", "Fanø"),
                ],
                as: admin
            )
            #expect(stale.0 == .seeOther)
            #expect(try await Municipality.query(on: app.db).count() == before)
        }
    }

    @Test func aSavedNumberMayStayAnotherMunicipalitysIsRefusedAndANameFindsItsSpelling() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let demo = try #require(try await Municipality.query(on: app.db).sort(\.$name).first())
            let other = Municipality(
                id: UUID(),
                name: "Fanø",
                cvr: "29189420",
                attention: "",
                street: "Skolevej 5",
                postalCode: "6720",
                city: "Fanø",
                updatedBy: nil,
                at: Date()
            )
            try await other.create(on: app.db)
            #expect(!MunicipalitiesController.passesModulus11(demo.cvr))
            // The demo's own number, unchanged, with a new address and the name in small letters.
            let kept = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", demo.name.lowercased()), ("cvr", demo.cvr), ("attention", "Borgerservice"),
                    ("street", "Rådhuspladsen 1"), ("postalCode", demo.postalCode), ("city", demo.city),
                ],
                as: admin
            )
            #expect(kept.0 == .seeOther)
            let saved = try #require(try await Municipality.query(on: app.db).filter(\.$name == demo.name).first())
            #expect(saved.street == "Rådhuspladsen 1")
            #expect(try await Municipality.query(on: app.db).filter(\.$name == demo.name.lowercased()).count() == 0)
            // The page names it from the register, and the form says which one it edits.
            let page = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.municipalities.path(query: [("kommune", demo.name)]),
                as: admin
            )
            #expect(page.1.contains(">Ret \(Municipality.title(demo.name))</h2>"))
            let spoofed = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.municipalities.path(query: [("gemt", "Atlantis")]),
                as: admin
            )
            #expect(!spoofed.1.contains("Atlantis Kommune er gemt"))
            // Another municipality's number: refused at the field, naming whose it is.
            let taken = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", demo.name), ("cvr", other.cvr), ("street", "Rådhuspladsen 1"),
                    ("postalCode", demo.postalCode), ("city", demo.city),
                ],
                as: admin
            )
            #expect(taken.0 == .unprocessableEntity)
            #expect(taken.1.contains("\(Municipality.title(other.name)) har allerede det CVR-nummer."))
            // No number at all says so.
            let none = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", demo.name), ("cvr", ""), ("street", "Rådhuspladsen 1"), ("postalCode", "8000"),
                    ("city", "X"),
                ],
                as: admin
            )
            #expect(none.1.contains(#"id="cvr-error">Skriv kommunens CVR-nummer."#))
        }
    }

    @Test(arguments: [
        ("Aarhus", "Aarhus Kommune"), ("Bornholms Regionskommune", "Bornholms Regionskommune"),
        ("Høje-Taastrup", "Høje-Taastrup Kommune"),
    ])
    func aMunicipalityIsNamedOnce(name: String, title: String) {
        #expect(Municipality.title(name) == title)
    }

    @Test func theNoticeNamesEveryTenantAndSpeaksOfThemAll() {
        func lease(_ tenants: String) -> MunicipalityNotices.Lease {
            MunicipalityNotices.Lease(
                municipality: "Odense",
                municipally_assigned: true,
                organisation_id: UUID(),
                street: "Lyngvej",
                house_number: "3",
                floor: "st",
                door: "th",
                postal_code: "5000",
                city: "Odense C",
                tenants: tenants
            )
        }
        let day = LocalDate(year: 2026, month: 12, day: 3)!
        let two = MunicipalityNotices.content(
            .paakrav,
            lease: lease("Kirsten Schmidt, Inger Schmidt"),
            sentOn: day,
            demanded: Money(ore: 1_234_500),
            deadline: day,
            today: day
        ).paragraphs.map(\.raw).joined(separator: " ")
        #expect(two.contains("til Kirsten Schmidt og Inger Schmidt."))
        #expect(two.contains("sendt lejerne et påkrav"))
        let one = MunicipalityNotices.content(
            .ophaevelse,
            lease: lease("Kirsten Schmidt"),
            sentOn: day,
            demanded: Money(ore: 1_234_500),
            deadline: day,
            today: day
        ).paragraphs.map(\.raw).joined(separator: " ")
        #expect(one.contains("med Kirsten Schmidt, fordi"))
        #expect(one.contains("Lejeren risikerer"))
    }

    @Test(arguments: [
        // Aalborg Kommune's; one digit wrong fails the check; the demo's made-up numbers fail it too.
        ("29189420", true), ("29189421", false), (DemoSeeder.fictitiousCVR(0), false), ("2918942", false),
        ("291894200", false), ("09189420", false), ("2918942a", false), ("", false),
    ])
    func aCVRNumberIsEightDigitsNotBeginningWithZero(cvr: String, valid: Bool) {
        let form = MunicipalitiesController.Form(
            name: "Aalborg",
            cvr: cvr,
            attention: "",
            street: "Boulevarden 13",
            postalCode: "9000",
            city: "Aalborg"
        )
        #expect(MunicipalitiesController.problems(form).isEmpty == valid)
    }
}
