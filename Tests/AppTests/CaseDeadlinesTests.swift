import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Case deadlines: set from the kind's response target when a case opens, shown in the inbox as
/// due or late on the bank-day calendar, met by a letter or by closing, promised to the
/// residents, and changed by administrators.
@Suite("Case deadlines")
struct CaseDeadlinesTests {
    static func get(_ app: Application, _ path: String, as token: String) async throws -> (HTTPStatus, String) {
        var answer: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, headers: TerminationNoticeTests.headers(token)) { res async throws in
            answer = (res.status, res.body.string)
        }
        return answer
    }

    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        as token: String
    ) async throws -> (HTTPStatus, String) {
        var answer: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(
            .POST,
            path,
            headers: TerminationNoticeTests.headers(token),
            body: TerminationNoticeTests.form(fields)
        ) { res async throws in
            answer = (res.status, res.body.string)
        }
        return answer
    }

    static func administrator(_ app: Application) async throws -> UUID {
        try #require(try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()).requireID()
    }

    /// A general case about a one-tenant lease, opened now; with its tenant.
    static func openCase(_ app: Application, kind: CaseKind = .general) async throws -> (CaseFile, UUID) {
        let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
        let organisation = try await RegisterLookups.organisation(ofLease: tenancy.lease_id, on: app.db)
        let caseFile = try await app.cases.open(
            kind,
            title: "Henvendelse om vandhane",
            organisationID: organisation,
            leaseID: tenancy.lease_id,
            openedBy: nil
        )
        return (caseFile, tenancy.person_id)
    }

    static func deadlines(_ app: Application, of caseID: UUID) async throws -> [CaseDeadlineRecord] {
        try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID).sort(\.$dueOn).sort(\.$kind).all()
    }

    @Test func theInboxShowsWhatIsDueTodayAndWhatIsLateUntilALetterMeetsIt() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let (caseFile, tenant) = try await Self.openCase(app)
            let caseID = try caseFile.requireID()
            // Opened Monday 23 November 2026: receipt 3 bank days later, Thursday the 26th; the
            // answer 10 bank days later, Monday 7 December.
            let set = try await Self.deadlines(app, of: caseID)
            #expect(set.map(\.kind) == [.receipt, .answer])
            #expect(set.map(\.dueOn) == ["2026-11-26", "2026-12-07"])
            let staff = try await PageSessions.signIn(staff: try await Self.administrator(app), on: app)
            let inbox = SiteRoute.staffCases.path
            let (status, list) = try await Self.get(app, inbox, as: staff)
            #expect(status == .ok)
            #expect(list.contains("Kvittering senest</span> <span class=\"nowrap\">26. november 2026"))
            #expect(list.contains("3 bankdage tilbage"))
            #expect(try await Self.get(app, inbox + "?frist=idag", as: staff).1.contains(caseFile.number) == false)

            // Thursday the 26th: due today.
            clock.advance(by: 3 * 86_400)
            let staffThursday = try await PageSessions.signIn(staff: try await Self.administrator(app), on: app)
            let today = try await Self.get(app, inbox + "?frist=idag", as: staffThursday).1
            #expect(today.contains(caseFile.number))
            #expect(today.contains("Frist i dag"))
            #expect(
                !(try await Self.get(app, inbox + "?frist=overskredet", as: staffThursday).1.contains(caseFile.number))
            )

            // Monday the 30th: late by 2 bank days, Friday and Monday (the weekend does not
            // count), and shown red.
            clock.advance(by: 4 * 86_400)
            let staffMonday = try await PageSessions.signIn(staff: try await Self.administrator(app), on: app)
            let late = try await Self.get(app, inbox + "?frist=overskredet", as: staffMonday).1
            #expect(late.contains(caseFile.number))
            #expect(late.contains("class=\"due-late\">2 bankdage for sent"))
            #expect(!(try await Self.get(app, inbox + "?frist=idag", as: staffMonday).1.contains(caseFile.number)))

            // The caseworker writes to the tenant: receipt and answer are met, late for the one.
            let (sent, _) = try await Self.post(
                app,
                SiteRoute.staffCaseLetter(caseID).path,
                [
                    ("recipient", tenant.uuidString.lowercased()), ("subject", "Din henvendelse"),
                    ("text", "Vi sender en VVS-montør onsdag."), ("step", "send"), ("token", UUID().uuidString),
                ],
                as: staffMonday
            )
            #expect(sent == .seeOther)
            #expect(try await Self.deadlines(app, of: caseID).allSatisfy { $0.metAt != nil })
            #expect(
                !(try await Self.get(app, inbox + "?frist=overskredet", as: staffMonday).1.contains(caseFile.number))
            )
            let page = try await Self.get(app, SiteRoute.staffCase(caseID).path, as: staffMonday).1
            #expect(
                page.contains(
                    "Kvittering senest 26. november 2026: <span class=\"meta\">Opfyldt efter fristen 30. november 2026 kl. 10.00"
                )
            )
            #expect(
                page.contains(
                    "Svar senest 7. december 2026: <span class=\"meta\">Overholdt 30. november 2026 kl. 10.00"
                )
            )
        }
    }

    @Test func closingAnswersTheCaseAndReopeningSetsANewAnswerDate() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let (caseFile, _) = try await Self.openCase(app, kind: .faultReport)
            let caseID = try caseFile.requireID()
            let staff = try await PageSessions.signIn(staff: try await Self.administrator(app), on: app)
            let status = SiteRoute.staffCaseStatus(caseID).path
            #expect(try await Self.post(app, status, [("status", "closed")], as: staff).0 == .seeOther)
            let closed = try await Self.deadlines(app, of: caseID)
            #expect(closed.first { $0.kind == .answer }?.metAt != nil)
            // Nothing answered the receipt; a closed case is in no deadline list all the same.
            #expect(closed.first { $0.kind == .receipt }?.metAt == nil)
            #expect(
                !(try await Self.get(app, SiteRoute.staffCases.path + "?frist=overskredet", as: staff).1.contains(
                    caseFile.number
                ))
            )

            // Reopened on Tuesday 1 December: a new answer 10 bank days on, Tuesday the 15th.
            clock.advance(by: 8 * 86_400)
            let later = try await PageSessions.signIn(staff: try await Self.administrator(app), on: app)
            #expect(try await Self.post(app, status, [("status", "open")], as: later).0 == .seeOther)
            let reopened = try await Self.deadlines(app, of: caseID).filter { $0.kind == .answer }
            #expect(reopened.count == 2)
            #expect(reopened.last?.dueOn == "2026-12-15")
            #expect(reopened.last?.metAt == nil)
            // The case's page says the first was met by closing the case, not by an answer.
            let page = try await Self.get(app, SiteRoute.staffCase(caseID).path, as: later).1
            #expect(page.contains("Sagen blev lukket 23. november 2026"))
            #expect(!page.contains("Overholdt"))
        }
    }

    @Test func theResidentSeesTheAnswerDatePromisedOnTheirHomeAndCase() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let (caseFile, tenant) = try await Self.openCase(app)
            let caseID = try caseFile.requireID()
            let resident = try await PageSessions.signIn(person: tenant, on: app)
            let promise = "Svar senest 7. december 2026"
            #expect(try await Self.get(app, SiteRoute.myHome.path, as: resident).1.contains(promise))
            #expect(try await Self.get(app, SiteRoute.myCases.path, as: resident).1.contains(promise))
            let page = try await Self.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(page.contains("<dt>Du får svar</dt><dd><strong>Senest 7. december 2026</strong>"))
            // The receipt is staff's business; the resident is promised the answer only.
            #expect(!page.contains("Kvittering senest"))

            // Past the date, the resident is told the answer is late, not shown a date gone by.
            clock.advance(by: 15 * 86_400)
            let later = try await PageSessions.signIn(person: tenant, on: app)
            #expect(
                try await Self.get(app, SiteRoute.myHome.path, as: later).1.contains(
                    "Svaret er forsinket. Vi beklager (lovet senest 7. december 2026)."
                )
            )
            try await CaseDeadlines.meet([.answer], of: caseID, at: app.dependencies.now(), on: app.db)
            #expect(!(try await Self.get(app, SiteRoute.myCase(caseID).path, as: later).1.contains("7. december 2026")))
            #expect(!(try await Self.get(app, SiteRoute.myHome.path, as: later).1.contains("7. december 2026")))
        }
    }

    @Test func anAdministratorSetsTheTargetsWithErrorsAtTheFieldsAndNewCasesFollowThem() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let administrator = try await Self.administrator(app)
            let token = try await PageSessions.signIn(staff: administrator, on: app)
            let path = SiteRoute.responseTargets.path
            let (shown, form) = try await Self.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains("name=\"answer_termination\" value=\"5\""))

            let (refused, body) = try await Self.post(
                app,
                path,
                [("receipt_general", "0"), ("answer_general", "tre"), ("receipt_swap", "10"), ("answer_swap", "5")],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(
                body.contains(
                    "Henvendelse, Kvittering inden for (bankdage): Skriv et helt antal bankdage fra 1 til 30."
                )
            )
            #expect(body.contains("id=\"answer_general-error\">Skriv et helt antal bankdage fra 1 til 120."))
            #expect(body.contains("Svaret kan ikke have en kortere frist end kvitteringen."))
            #expect(body.contains("value=\"tre\""))
            #expect(try await ResponseTargetSetting.query(on: app.db).count() == 0)

            // General enquiries answered within 2 bank days; the rest left as they are.
            let (saved, _) = try await Self.post(
                app,
                path,
                [("receipt_general", "1"), ("answer_general", "2")],
                as: token
            )
            #expect(saved == .seeOther)
            let settings = try await ResponseTargetSetting.query(on: app.db).all()
            #expect(settings.map(\.id) == ["general"])
            #expect(settings.first?.target == ResponseTarget(receiptBankDays: 1, answerBankDays: 2))
            let audit = try await AuditEvent.query(on: app.db).filter(
                \.$action == AuditAction.responseTargetsSet.rawValue
            ).all()
            #expect(audit.count == 1)
            #expect(audit.first?.purpose == "Svarfrister: Henvendelse")
            let (caseFile, _) = try await Self.openCase(app)
            // Monday 23 November: 1 bank day is Tuesday, 2 is Wednesday.
            #expect(
                try await Self.deadlines(app, of: caseFile.requireID()).map(\.dueOn) == ["2026-11-24", "2026-11-25"]
            )

            // Emptied, the fields are the standard again, which needs no row.
            #expect(
                try await Self.post(app, path, [("receipt_general", ""), ("answer_general", "")], as: token).0
                    == .seeOther
            )
            #expect(try await ResponseTargetSetting.query(on: app.db).count() == 0)
        }
    }
}

/// The nightly figures of how long cases took, and the sentence residents read.
@Suite("Case response times")
struct CaseStatisticsTests {
    /// Copenhagen time on a day of 2026 (summer time: UTC+2).
    static func summer(_ iso: String, hour: Int = 10) -> Date {
        CaseStatistics.midnight(LocalDate(iso: iso)!).addingTimeInterval(Double(hour) * 3600)
    }

    @Test func lastQuartersAnswersGiveTheMedianInBankDaysAndTheResidentReadsIt() async throws {
        try await withTestApp(seedHomes: 20) { app in
            // Six enquiries arrived Thursday 3 September 2026, answered the same day, Friday,
            // Monday, Tuesday, Wednesday and Thursday: 0, 1, 2, 3, 4 and 5 bank days; median 2.
            for answered in ["2026-09-03", "2026-09-04", "2026-09-07", "2026-09-08", "2026-09-09", "2026-09-10"] {
                let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
                caseFile.openedAt = Self.summer("2026-09-03", hour: 9)
                try await caseFile.update(on: app.db)
                try await CaseDeadlines.meet([.answer], of: caseFile.requireID(), at: Self.summer(answered), on: app.db)
            }
            // Answered in June (the quarter before) and again after reopening in September: its
            // first answer was in June, so it is not September's.
            let (early, _) = try await CaseDeadlinesTests.openCase(app)
            try await CaseDeadlines.meet([.answer], of: early.requireID(), at: Self.summer("2026-06-30"), on: app.db)
            try await CaseDeadlines.schedule(
                early.requireID(),
                kind: .general,
                opened: LocalDate(iso: "2026-09-01")!,
                only: [.answer],
                on: app.db,
                dependencies: app.dependencies
            )
            try await CaseDeadlines.meet([.answer], of: early.requireID(), at: Self.summer("2026-09-20"), on: app.db)

            let statistics = CaseStatistics(database: app.db, uuid: { UUID() })
            try await statistics.run(now: testNow)
            try await statistics.run(now: testNow)
            let figures = try await CaseResponseStatistic.query(on: app.db).all()
            #expect(figures.count == 1)
            #expect(figures.first?.kind == "general")
            #expect(figures.first?.quarter == "2026-Q3")
            #expect(figures.first?.cases == 6)
            #expect(figures.first?.medianBankDays == 2)

            // A resident with an open enquiry is told how it went last quarter.
            let (open, tenant) = try await CaseDeadlinesTests.openCase(app)
            let resident = try await PageSessions.signIn(person: tenant, on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(open.requireID()).path, as: resident).1
            #expect(
                page.contains(
                    "I 3. kvartal 2026 fik halvdelen af vores sager af samme slags svar inden for 2 bankdage (6 sager i alt)."
                )
            )
            // Under five cases say too little: nothing is shown.
            figures.first?.cases = 4
            try await figures.first?.update(on: app.db)
            let fewer = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(open.requireID()).path, as: resident).1
            #expect(!fewer.contains("kvartal 2026"))
        }
    }
}
