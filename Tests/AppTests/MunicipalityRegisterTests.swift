import AlmenDomain
import Fluent
import Foundation
import SQLKit
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

    static func drain(_ app: Application, _ clock: TestClock) async throws {
        try await DigitalPostOutboxTests.drain(
            [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
            app: app,
            clock: clock
        )
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
            #expect(list.1.contains("1 underretning(er) venter på kommunen"))
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

            // Right ones ("… Kommune" and spaces in the number are forgiven): saved, and the notice is sent.
            let saved = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.municipalities.path,
                [
                    ("name", "\(municipality) Kommune"), ("cvr", "2918 9420"), ("attention", "Ydelsescenter"),
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
                    "\(municipality) Kommune er gemt. 1 underretning(er), der ventede på kommunen, bliver sendt nu."
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

    @Test(arguments: [
        ("29189420", true), ("2918942", false), ("291894200", false), ("09189420", false), ("2918942a", false),
        ("", false),
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
