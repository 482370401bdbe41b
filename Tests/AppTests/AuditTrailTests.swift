import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The audit trail is append-only, and residents see who looked at their data.
@Suite("Audit trail")
struct AuditTrailTests {
    static func event(
        actor: StaffUser?,
        subject: UUID,
        action: String = AuditAction.caseRead.rawValue
    ) throws -> AuditEvent {
        AuditEvent(
            id: UUID(),
            at: testNow,
            actorKind: actor == nil ? "resident" : "staff",
            actorID: actor?.id,
            action: action,
            subjectKind: AuditSubject.case.rawValue,
            subjectID: UUID(),
            dataSubjectID: subject,
            purpose: AuditPurpose(danish: "Sag om fremleje", english: "Sub-letting case"),
            requestID: "r-1"
        )
    }

    @Test func theDatabaseRefusesToChangeOrDeleteAnAuditEvent() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let event = try Self.event(actor: nil, subject: UUID())
            try await event.create(on: app.db)

            event.purpose = "something else"
            await #expect(throws: (any Error).self) { try await event.update(on: app.db) }
            await #expect(throws: (any Error).self) { try await event.delete(on: app.db) }
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            let stored = try await AuditEvent.find(event.id, on: app.db)
            #expect(stored?.purpose == "Sag om fremleje")
        }
    }

    @Test func aResidentSeesWhichStaffMemberReadTheirDataAndWhy() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let subject = try await LoginFlowTests.logIn(browser)
            let residentID = try #require(UUID(uuidString: subject))
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            try await Self.event(actor: caseworker, subject: residentID).create(on: app.db)
            try await Self.event(actor: caseworker, subject: UUID(), action: "someone.else").create(on: app.db)

            let page = try await browser.get(SiteRoute.myAuditTrail.path)

            #expect(page.status == 200)
            #expect(page.body.contains(caseworker.name.htmlEscapedForTest))
            #expect(page.body.contains("Sag om fremleje"))
            // Plain words: what was done and to what, never an event code or an id.
            #expect(
                page.body.contains(
                    #"<td role="cell" data-label="Handling">Så sagen</td><td role="cell" data-label="Vedrørende">Sag</td>"#
                )
            )
            #expect(!page.body.contains("case.read"))
            #expect(!page.body.contains("someone.else"))
            // The resident's own login is not "someone who looked at my data".
            #expect(!page.body.contains("Logget ind"))
            // Read in English, the purpose is in English too.
            let english = try await browser.get(SiteRoute.myAuditTrail.path(query: [("lang", "en")]))
            #expect(english.body.contains("Sub-letting case"))
            #expect(!english.body.contains("Sag om fremleje"))
        }
    }

    /// Every read since the first is there, 50 a page, newest first: none is cut off.
    @Test func aResidentPagesThroughEveryReadOfTheirData() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            for minute in 0..<60 {
                let event = try Self.event(actor: caseworker, subject: tenancy.person_id)
                event.at = testNow.addingTimeInterval(Double(minute) * 60)
                event.purpose = "Læsning \(minute)"
                try await event.create(on: app.db)
            }
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.myAuditTrail.path, as: token).1
            #expect(first.contains("Læsning 59") && first.contains("Læsning 10") && !first.contains("Læsning 9<"))
            let older = try #require(
                first.firstMatch(of: #/href="(/mit-hjem/indsigt\?foer=[0-9a-f-]+)" rel="next"/#)?.output.1
            )
            let second = try await CaseDeadlinesTests.get(app, String(older), as: token).1
            #expect(second.contains("Læsning 9<") && second.contains("Læsning 0<") && !second.contains("Læsning 10"))
            #expect(!second.contains(#"rel="next""#))
        }
    }

    /// The same read again and again on one day (a caseworker opening a list) is one row with its
    /// times; another read between them, or another day, starts a new row.
    @Test func theSameReadOnOneDayIsOneRow() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            // testNow is 10.00 in Denmark on Monday 23 November 2026.
            for (hours, purpose) in [
                (0.0, "Sag om fremleje"), (0.5, "Sag om fremleje"), (4, "Sag om fremleje"), (5, "Noget andet"),
                (6, "Sag om fremleje"), (24, "Sag om fremleje"),
            ] {
                let event = try Self.event(actor: caseworker, subject: tenancy.person_id)
                event.at = testNow.addingTimeInterval(hours * 3600)
                event.purpose = purpose
                event.purposeEnglish = purpose == "Noget andet" ? "Something else" : "Sub-letting case"
                try await event.create(on: app.db)
            }
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myAuditTrail.path, as: token).1
            let cells = page.matches(of: #/data-label="Tidspunkt">([^<]+)</td>/#).map { String($0.output.1) }
            #expect(
                cells == [
                    "24. november 2026 kl. 10.00", "23. november 2026 kl. 16.00", "23. november 2026 kl. 15.00",
                    "23. november 2026 kl. 10.00–14.00",
                ]
            )
            #expect(page.contains(#"data-label="Handling">Så sagen (3 gange)</td>"#))
            #expect(page.components(separatedBy: "gange)").count == 2)
            let english = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.myAuditTrail.path(query: [("lang", "en")]),
                as: token
            ).1
            #expect(english.contains("23 November 2026 at 10:00–14:00") && english.contains("(3 times)"))
        }
    }

    /// A run cut by the page's read of 1,000 events waits for the next page whole: no row is
    /// split, and no event is shown twice or skipped.
    @Test func aRunAtTheReadsEndGoesWholeOnTheNextPage() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            // 980 identical reads from 10.00, then 30 different ones after them (the newest).
            var events: [AuditEvent] = []
            for index in 0..<1_010 {
                let event = try Self.event(actor: caseworker, subject: tenancy.person_id)
                event.at = testNow.addingTimeInterval(Double(index))
                if index >= 980 { event.purpose = "Læsning \(index)" }
                events.append(event)
            }
            try await events.create(on: app.db)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.myAuditTrail.path, as: token).1
            #expect(first.components(separatedBy: #"<tr role="row"><td"#).count - 1 == 30)
            #expect(!first.contains("gange)"))
            let older = try #require(
                first.firstMatch(of: #/href="(/mit-hjem/indsigt\?foer=[0-9a-f-]+)" rel="next"/#)?.output.1
            )
            let second = try await CaseDeadlinesTests.get(app, String(older), as: token).1
            #expect(second.components(separatedBy: #"<tr role="row"><td"#).count - 1 == 1)
            #expect(second.contains("Så sagen (980 gange)"))
            #expect(!second.contains(#"rel="next""#))
        }
    }

    /// Administrators filter the log by what was done, a person's name and the days, and page
    /// through what matches; a day that is not a date is said at its field.
    @Test func administratorsFilterTheLogByActionNameAndDay() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(2, on: app)
            let (jens, other) = (tenancies[0].person_id, tenancies[1].person_id)
            let jensName = try #require(try await Person.find(jens, on: app.db)).fullName
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            // 23 November: two reads of Jens's data and one of the other's; 25 November: a letter read.
            try await Self.event(actor: caseworker, subject: jens).create(on: app.db)
            let later = try Self.event(actor: caseworker, subject: jens)
            later.at = testNow.addingTimeInterval(3600)
            try await later.create(on: app.db)
            try await Self.event(actor: caseworker, subject: other).create(on: app.db)
            let letter = try Self.event(actor: caseworker, subject: jens, action: AuditAction.letterRead.rawValue)
            letter.at = testNow.addingTimeInterval(2 * 86_400)
            letter.purpose = "Brevet om vandafbrydelse"
            try await letter.create(on: app.db)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            func page(_ query: [(String, String?)]) async throws -> (HTTPStatus, String) {
                try await CaseDeadlinesTests.get(app, SiteRoute.auditLog.path(query: query), as: admin)
            }
            func reads(_ body: String) -> Int { body.components(separatedBy: ">Sag om fremleje<").count - 1 }

            let all = try await page([])
            #expect(all.0 == .ok && reads(all.1) == 3 && all.1.contains("Brevet om vandafbrydelse"))
            // An event about a case names it by number, one about a letter by its subject.
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
            let aboutCase = try Self.event(actor: caseworker, subject: other)
            aboutCase.subjectID = try caseFile.requireID()
            aboutCase.purpose = "Sagsbehandling"
            try await aboutCase.create(on: app.db)
            let letters = app.letters()
            let sent = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: other, lease: tenancies[1].lease_id),
                createdBy: nil
            )
            let aboutLetter = try Self.event(actor: caseworker, subject: other, action: AuditAction.letterRead.rawValue)
            aboutLetter.subjectKind = AuditSubject.letter.rawValue
            aboutLetter.subjectID = try sent.requireID()
            aboutLetter.purpose = "Læst af sagsbehandler"
            try await aboutLetter.create(on: app.db)
            let named = try await page([("q", caseworker.name)]).1
            // … and whose data it was (a list read writes an event per person: each says whom).
            let otherName = try #require(try await Person.find(other, on: app.db)).fullName.htmlEscapedForTest
            #expect(
                named.contains(#"<td role="cell" data-label="Vedrørende">Sag \#(caseFile.number) – \#(otherName)</td>"#)
            )
            #expect(
                named.contains(
                    #"<td role="cell" data-label="Vedrørende">Brev: \#(sent.subject.htmlEscapedForTest) – \#(otherName)</td>"#
                )
            )
            let byName = try await page([("q", jensName)])
            #expect(reads(byName.1) == 2 && byName.1.contains("Brevet om vandafbrydelse"))
            // The member of staff who did it finds the same events by their own name.
            #expect(reads(try await page([("q", caseworker.name)]).1) == 3)
            let byAction = try await page([("q", jensName), ("handling", AuditAction.caseRead.rawValue)])
            #expect(reads(byAction.1) == 2 && !byAction.1.contains("Brevet om vandafbrydelse"))
            #expect(byAction.1.contains(#"<option value="case.read" selected>"#))
            let byDay = try await page([("fra", "2026-11-25"), ("til", "2026-11-25")])
            #expect(reads(byDay.1) == 0 && byDay.1.contains("Brevet om vandafbrydelse"))
            let none = try await page([("q", "Ingen med det navn")])
            #expect(none.1.contains("Intet passer til det, du har søgt på eller valgt."))

            // Not a date, or the days the wrong way round: said at the field, in Danish.
            let wrong = try await page([("fra", "25/11"), ("til", "2026-11-20")])
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains("Fra dato: Skriv en dato, fx 3.12.2026."))
            #expect(wrong.1.contains(#"id="fra-error""#) && wrong.1.contains(#"value="25/11""#))
            // A Danish date is a date; a year Almen does not reckon with is not (nor a crash).
            let danish = try await page([("fra", "25.11.2026"), ("til", "25/11/2026")])
            #expect(danish.0 == .ok && reads(danish.1) == 0 && danish.1.contains("Brevet om vandafbrydelse"))
            // The date field shows it as a browser's date field can (ISO), so the next search keeps it.
            #expect(danish.1.contains(#"name="fra" value="2026-11-25""#))
            let forever = try await page([("til", "9999-12-31")])
            #expect(forever.0 == .unprocessableEntity)
            #expect(forever.1.contains("Til og med dato: Vælg en dato mellem år 1900 og 2200."))
            let reversed = try await page([("fra", "2026-11-25"), ("til", "2026-11-20")])
            #expect(
                reversed.1.contains("Til og med dato: Slutdatoen skal være samme dag som startdatoen eller senere.")
            )

            // The filters go with the pages: 55 more reads of Jens's data, 50 a page.
            for minute in 0..<55 {
                let event = try Self.event(actor: caseworker, subject: jens)
                event.at = testNow.addingTimeInterval(Double(minute + 2) * 60)
                try await event.create(on: app.db)
            }
            let first = try await page([("q", jensName), ("handling", AuditAction.caseRead.rawValue)]).1
            #expect(reads(first) == 50)
            let next = try #require(first.firstMatch(of: #/href="(/admin/revision\?[^"]+)" rel="next"/#)?.output.1)
            #expect(next.contains("handling=case.read") && next.contains("foer="))
            let second = try await CaseDeadlinesTests.get(
                app,
                String(next).replacingOccurrences(of: "&amp;", with: "&"),
                as: admin
            ).1
            #expect(reads(second) == 7)
        }
    }

    /// Opening a case's page records one read of the case and one per party (written by the
    /// page's statement on PostgreSQL), each with its own id; a case outside the caseworker's
    /// organisations is a 404 and records nothing.
    @Test func aCasePageRecordsTheReadOfTheCaseAndOfEachParty() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app)
            let caseID = try caseFile.requireID()
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let reads = {
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseRead.rawValue)
                    .filter(\.$subjectID == caseID).all()
            }
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).0 == .ok)
            let parties = try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID).all().map(
                \.$person.id
            )
            #expect(parties.contains(tenant))
            let events = try await reads()
            #expect(events.count == parties.count + 1)
            #expect(Set(events.map(\.dataSubjectID)) == Set([nil] + parties.map(Optional.some)))
            #expect(Set(events.map(\.id)).count == events.count)
            #expect(events.allSatisfy { $0.purpose == AuditPurpose("caseWork").danish && $0.actorID != nil })

            let stranger = try await CaseAssignmentTests.caseworkerElsewhere(
                than: caseFile.$organisation.id,
                on: app
            )
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: stranger).0 == .notFound
            )
            #expect(try await reads().count == events.count)
        }
    }
}
