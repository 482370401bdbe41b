import AlmenDomain
import Fluent
import Foundation
import Mail
import SQLKit
import Testing
import Vapor

@testable import AlmenSandbox
@testable import App

/// The morning's e-mail to staff (`StaffReminders`): one a bank day to each member of staff
/// with cases due today or late, sent by SMTP to the sandbox's server; case numbers and links,
/// never a name, an address or a title.
@Suite("Reminders to staff")
struct StaffRemindersTests {
    /// Opens a case of the first tenancy's organisation (Monday 23 November 2026: receipt due
    /// Thursday the 26th, answer Monday 7 December), assigned to `staff`, with its receipt due
    /// `receiptDue` when given.
    static func openCase(
        _ app: Application,
        title: String,
        assignee: UUID?,
        receiptDue: String? = nil
    ) async throws -> CaseFile {
        let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
        caseFile.title = title
        caseFile.assigneeID = assignee
        try await caseFile.update(on: app.db)
        if let receiptDue {
            try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseFile.requireID())
                .filter(\.$kind == .receipt).set(\.$dueOn, to: receiptDue).update()
        }
        return caseFile
    }

    @Test func aCaseworkerGetsOneEmailOnABankDayWithCaseNumbersOnly() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let smtp = try #require(app.sandboxSMTP)
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.lease_id, on: app.db)
            let mette = try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app)
            let dueToday = try await Self.openCase(app, title: "Vandskade hos Jens Hansen, Engvej 12", assignee: mette)
            let late = try await Self.openCase(
                app,
                title: "Klage fra Kirsten Schmidt",
                assignee: mette,
                receiptDue: "2026-11-24"
            )
            let later = try await Self.openCase(app, title: "Senere", assignee: mette, receiptDue: "2026-11-30")
            let closed = try await Self.openCase(app, title: "Lukket", assignee: mette, receiptDue: "2026-11-24")
            closed.status = .closed
            try await closed.update(on: app.db)
            _ = try await Self.openCase(app, title: "Uden sagsbehandler", assignee: nil)

            // Thursday 26 November, 07:00: the day's job queues one reminder for Mette, once.
            clock.advance(by: 3 * 86_400 - 3600)
            let reminders = app.jobWork.staffReminders
            let queue = JobQueue(dependencies: app.dependencies)
            #expect(try await reminders.enqueue(now: clock.now, queue: queue) >= 1)
            let job = StaffReminderJob(staff: mette, day: "2026-11-26")
            struct Queued: Decodable { let count: Int }
            let queued = try await app.db.sql().raw(
                "SELECT COUNT(*) AS count FROM jobs WHERE unique_key = \(bind: job.key)"
            ).first(decoding: Queued.self)
            #expect(queued?.count == 1)
            #expect(try await !queue.enqueue(job, on: app.db))

            #expect(try await reminders.send(job, now: clock.now))
            let delivery = try #require(smtp.received.first { $0.recipients == ["mette@example.org"] })
            let mail = try #require(delivery.mail)
            #expect(mail.subject == "Påmindelse: 1 sag med frist i dag og 1 sag med overskredet frist")
            #expect(mail.from == #""Almen (sandkasse)" <noreply@almen.invalid>"#)
            #expect(mail.body.hasPrefix("Hej Mette\n\nDu har 2 sager med frist i dag eller overskredet frist:"))
            // The late one first; each with what is due and a link.
            let lateLine = "\(late.number): Kvittering, frist tirsdag den 24. november 2026 (overskredet)"
            let todayLine = "\(dueToday.number): Kvittering, frist torsdag den 26. november 2026 (i dag)"
            let lateAt = try #require(mail.body.range(of: lateLine))
            let todayAt = try #require(mail.body.range(of: todayLine))
            #expect(lateAt.lowerBound < todayAt.lowerBound)
            #expect(mail.body.contains("/admin/sager/\(try late.requireID().uuidString.lowercased())"))
            #expect(mail.body.contains("/admin/sager?tildelt=mig&frist=idag"))
            #expect(mail.body.contains("Sager uden sagsbehandler i de boligorganisationer, du arbejder for:"))
            #expect(mail.body.contains("Med frist i dag: 1. http://"))
            #expect(mail.body.contains("/admin/sager?tildelt=ingen&frist=idag"))
            #expect(!mail.body.contains("tildelt=ingen&frist=overskredet"))
            #expect(!mail.body.contains(later.number) && !mail.body.contains(closed.number))
            for personal in ["Jens Hansen", "Engvej", "Kirsten Schmidt", "Vandskade"] {
                #expect(!mail.body.contains(personal) && !mail.subject.contains(personal))
            }

            // Met, the deadline is gone from tomorrow's digest; a reminder for another day is not sent.
            try await CaseDeadlines.meet([.receipt], of: try late.requireID(), at: clock.now, on: app.db)
            let thursday = try #require(LocalDate(iso: "2026-11-26"))
            let digest = try #require(try await reminders.digest(of: mette, today: thursday))
            #expect(digest.1.late == 0 && digest.1.dueToday == 1 && digest.1.unassignedToday == 1)
            #expect(try await !reminders.send(StaffReminderJob(staff: mette, day: "2026-11-25"), now: clock.now))

            // A case whose caseworker left counts as nobody's; one of an organisation Mette no
            // longer works for is not hers to be reminded of.
            let gone = try await CaseAssignmentTests.caseworker("Jonas", of: organisation, on: app)
            _ = try await Self.openCase(app, title: "Hos en, der er gået", assignee: gone, receiptDue: "2026-11-25")
            try await StaffUser.query(on: app.db).filter(\.$id == gone).set(\.$active, to: false).update()
            let withGone = try #require(try await reminders.digest(of: mette, today: thursday))
            #expect(withGone.1.unassignedLate == 1 && withGone.1.unassignedToday == 1)
            // The inbox's "Ikke tildelt" lists it too, so the reminder's link shows what it counted.
            let metteToken = try await PageSessions.signIn(staff: mette, on: app)
            let nobodys = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCases.path + "?tildelt=ingen",
                as: metteToken
            )
            #expect(nobodys.1.contains("Hos en, der er gået"))
            // Mette moves to other work: her cases there are nobody's, and a colleague's to be
            // reminded of; none of them is hers any more.
            let colleague = try await CaseAssignmentTests.caseworker("Sofie", of: organisation, on: app)
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == mette).delete()
            let outOfScope = try #require(try await reminders.digest(of: mette, today: thursday))
            #expect(outOfScope.1.dueToday == 0 && outOfScope.1.items.isEmpty && outOfScope.1.unassigned == 0)
            let sofie = try #require(try await reminders.digest(of: colleague, today: thursday))
            #expect(sofie.1.unassignedToday == 2 && sofie.1.unassignedLate == 1)
        }
    }

    @Test func noReminderOnAWeekendNorWithoutAMailServer() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
            let mette = try await CaseAssignmentTests.caseworker(
                "Mette",
                of: caseFile.$organisation.id,
                on: app
            )
            caseFile.assigneeID = mette
            try await caseFile.update(on: app.db)
            // Saturday 28 November: the receipt is late, but no reminder goes on a weekend.
            clock.advance(by: 5 * 86_400)
            let queue = JobQueue(dependencies: app.dependencies)
            #expect(try await app.jobWork.staffReminders.enqueue(now: clock.now, queue: queue) == 0)
            // Monday 30 November it does; without a mail server nothing is queued.
            clock.advance(by: 2 * 86_400)
            #expect(try await app.jobWork.staffReminders.enqueue(now: clock.now, queue: queue) >= 1)
            let none = StaffReminders(database: app.db, mail: nil, baseURL: "http://x", uuid: { UUID() })
            #expect(try await none.enqueue(now: clock.now.addingTimeInterval(86_400), queue: queue) == 0)
            #expect(try await !none.send(StaffReminderJob(staff: mette, day: "2026-11-30"), now: clock.now))
        }
    }

    @Test func aMemberOfStaffChoosesTheRemindersLanguageOrTurnsThemOffOnTheirOwnPage() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let smtp = try #require(app.sandboxSMTP)
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
            let mette = try await CaseAssignmentTests.caseworker("Mette", of: caseFile.$organisation.id, on: app)
            caseFile.assigneeID = mette
            try await caseFile.update(on: app.db)
            let token = try await PageSessions.signIn(staff: mette, on: app)
            let settings = SiteRoute.staffSettings.path

            // Reachable from every page's header; reminders are on until she says otherwise.
            let inbox = try await CaseDeadlinesTests.get(app, SiteRoute.staffCases.path, as: token)
            #expect(inbox.1.contains("href=\"\(settings)\">Mine indstillinger</a>"))
            let page = try await CaseDeadlinesTests.get(app, settings, as: token)
            #expect(page.0 == .ok)
            #expect(page.1.contains("mette@example.org") && page.1.contains("Sagsbehandler"))
            #expect(page.1.contains(#"id="reminders-ja" name="reminders" value="ja" checked"#))
            #expect(page.1.contains(#"id="language-da" name="language" value="da" checked"#))

            // No choice: said at each field, in Danish, and nothing changes.
            let empty = try await CaseDeadlinesTests.post(
                app,
                settings,
                [("reminders", "måske"), ("language", "fr")],
                as: token
            )
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains("Påmindelser på e-mail: Vælg ja eller nej."))
            #expect(empty.1.contains(#"<p class="field-error" id="reminders-error">Vælg ja eller nej.</p>"#))
            #expect(empty.1.contains("Sprog: Vælg dansk eller engelsk."))
            let unchanged = try #require(try await StaffUser.find(mette, on: app.db))
            #expect(unchanged.reminders && unchanged.reminderLanguage == "da")

            // The morning's e-mail says where to turn them off.
            clock.advance(by: 3 * 86_400 - 3600)
            let reminders = app.jobWork.staffReminders
            #expect(try await reminders.send(StaffReminderJob(staff: mette, day: "2026-11-26"), now: clock.now))
            let mail = try #require(smtp.received.first?.mail)  // newest first
            #expect(mail.body.contains("Du kan slå påmindelserne fra under Mine indstillinger: http://"))
            #expect(mail.body.hasSuffix(settings))

            // In English, when she chooses it. (Three days on, she has signed in again.)
            let later = try await PageSessions.signIn(staff: mette, on: app)
            let english = try await CaseDeadlinesTests.post(
                app,
                settings,
                [("reminders", "ja"), ("language", "en")],
                as: later
            )
            #expect(english.0 == .seeOther)
            clock.advance(by: 86_400)
            #expect(try await reminders.send(StaffReminderJob(staff: mette, day: "2026-11-27"), now: clock.now))
            let inEnglish = try #require(smtp.received.first?.mail)  // newest first
            #expect(inEnglish.subject == "Reminder: 1 case overdue")
            #expect(inEnglish.body.hasPrefix("Dear Mette\n\nYou have 1 case due today or overdue:"))
            #expect(inEnglish.body.contains("Receipt, due Thursday 26 November 2026 (overdue)"))
            #expect(inEnglish.body.contains("You can turn the reminders off under My settings: http://"))

            // Off: saved with a confirmation; Monday's job skips her, and one already queued
            // sends nothing.
            let again = try await PageSessions.signIn(staff: mette, on: app)
            let off = try await CaseDeadlinesTests.post(
                app,
                settings,
                [("reminders", "nej"), ("language", "en")],
                as: again
            )
            #expect(off.0 == .seeOther)
            let saved = try await CaseDeadlinesTests.get(app, settings + "?besked=gemt", as: again).1
            #expect(saved.contains("Dine indstillinger er gemt."))
            #expect(saved.contains(#"id="reminders-nej" name="reminders" value="nej" checked"#))
            #expect(saved.contains(#"id="language-en" name="language" value="en" checked"#))
            #expect(try await StaffUser.find(mette, on: app.db)?.reminders == false)
            let received = smtp.received.count
            clock.advance(by: 3 * 86_400)
            let queue = JobQueue(dependencies: app.dependencies)
            _ = try await reminders.enqueue(now: clock.now, queue: queue)
            struct Queued: Decodable { let count: Int }
            let queued = try await app.db.sql().raw(
                "SELECT COUNT(*) AS count FROM jobs WHERE unique_key = \(bind: StaffReminderJob(staff: mette, day: "2026-11-30").key)"
            ).first(decoding: Queued.self)
            #expect(queued?.count == 0)
            #expect(try await !reminders.send(StaffReminderJob(staff: mette, day: "2026-11-30"), now: clock.now))
            #expect(smtp.received.count == received)

            // A resident has no such page.
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let resident = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            #expect(try await CaseDeadlinesTests.get(app, settings, as: resident).0 != .ok)
        }
    }

    @Test func aReminderLinkKeepsItsFilterThroughTheLogin() async throws {
        try await withTestApp { app in
            let link = SiteRoute.staffCases.path + "?tildelt=mig&frist=overskredet"
            try await app.testing().test(.GET, link) { res async in
                #expect(res.status == .seeOther)
                let location = res.headers.first(name: .location) ?? ""
                #expect(location == SiteRoute.login.path(query: [("tilbage", link)]))
            }
        }
    }

    @Test func theSubjectCountsWhatIsDue() {
        func digest(_ today: Int, _ late: Int, _ unassigned: Int) -> StaffReminders.Digest {
            StaffReminders.Digest(
                name: "Mette",
                items: [],
                dueToday: today,
                late: late,
                unassignedToday: 0,
                unassignedLate: unassigned
            )
        }
        let table: [(StaffReminders.Digest, String)] = [
            (digest(1, 0, 0), "Påmindelse: 1 sag med frist i dag"),
            (digest(2, 3, 5), "Påmindelse: 2 sager med frist i dag og 3 sager med overskredet frist"),
            (digest(0, 1, 0), "Påmindelse: 1 sag med overskredet frist"),
            (digest(0, 0, 4), "Påmindelse: 4 sager uden sagsbehandler med frist i dag eller overskredet frist"),
        ]
        for (digest, subject) in table {
            #expect(StaffReminders.subject(digest) == subject)
        }
    }

    @Test func theMailSettingsComeFromTheEnvironment() throws {
        #expect(try MailSettings.fromEnvironment([:]) == nil)
        let settings = try #require(
            try MailSettings.fromEnvironment([
                "ALMEN_SMTP_URL": "smtp://almen:hemmelig@smtp.adm.example:587",
                "ALMEN_MAIL_FROM": "Almen <noreply@adm.example>",
            ])
        )
        #expect(settings.server.security == .startTLS && settings.from.name == "Almen")
        #expect(throws: ConfigurationError.self) {
            try MailSettings.fromEnvironment([
                "ALMEN_SMTP_URL": "smtp+plain://smtp.adm.example", "ALMEN_MAIL_FROM": "a@b.dk",
            ])
        }
        #expect(throws: ConfigurationError.self) {
            try MailSettings.fromEnvironment(["ALMEN_SMTP_URL": "smtps://smtp.adm.example"])
        }
        // A password never without TLS, and never a user without a password.
        for url in ["smtp+plain://almen:x@127.0.0.1:2525", "smtps://almen@smtp.adm.example"] {
            #expect(throws: ConfigurationError.self) {
                try MailSettings.fromEnvironment(["ALMEN_SMTP_URL": url, "ALMEN_MAIL_FROM": "a@b.dk"])
            }
        }
    }

    @Test func aMemberOfStaffWorksInTheLanguageTheyChoseFromTheNextPageAndAtEveryLogin() async throws {
        try await withTestApp(seedHomes: 10, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            // Nobody has chosen yet: a login keeps what the header's switch chose for the browser.
            let switched = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await switched.shutdown() } }
            switched.set(cookie: "lang", to: "en")
            _ = try await LoginFlowTests.logIn(switched, audience: .staff, role: "Sagsbehandler")
            #expect(switched.cookies["lang"] == "en")
            let staff = try #require(
                UUID(uuidString: try await LoginFlowTests.logIn(browser, audience: .staff, role: "Sagsbehandler"))
            )
            // Danish until chosen otherwise.
            #expect(browser.cookies["lang"] != "en")
            let saved = try await browser.post(
                SiteRoute.staffSettings.path,
                form: [("reminders", "ja"), ("language", "en")]
            )
            #expect(saved.status == 303 && browser.cookies["lang"] == "en")
            #expect(try await browser.get(SiteRoute.staffSettings.path).body.contains("My settings"))
            #expect(try await StaffUser.find(staff, on: app.db)?.reminderLanguage == "en")
            // Another browser: English from the login on.
            let other = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await other.shutdown() } }
            _ = try await LoginFlowTests.logIn(other, audience: .staff, role: "Sagsbehandler")
            #expect(other.cookies["lang"] == "en")
        }
    }
}
