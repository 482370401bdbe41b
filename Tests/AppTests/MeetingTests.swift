import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Resident democracy in the app (issue "Resident democracy"): a caseworker calls a department
/// meeting whose deadlines are worked out, the notice is built from the meeting, residents propose
/// (with a preview) and register until the deadlines, staff enter the votes and the minutes and
/// publish them to the residents; households ask for an extraordinary meeting once each.
@Suite("Meetings", .serialized)
struct MeetingTests {
    typealias Get = CaseDeadlinesTests

    /// A resident and their department, and a resident of another department.
    struct Residents {
        let person: UUID
        let lease: UUID
        let department: UUID
        let departmentNumber: Int
        let organisation: UUID
        let outsider: UUID
    }

    static func residents(_ app: Application) async throws -> Residents {
        struct Row: Decodable {
            let person_id: UUID
            let lease_id: UUID
            let department_id: UUID
            let number: Int
            let organisation_id: UUID
        }
        let sql = try #require(app.db as? any SQLDatabase)
        let row = try #require(
            try await sql.raw(
                """
                SELECT lt.person_id, lt.lease_id, dep.id AS department_id, dep.number, dep.organisation_id
                FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                JOIN departments dep ON dep.id = d.department_id
                WHERE l.status <> 'ended' ORDER BY dep.number, lt.person_id LIMIT 1
                """
            ).first(decoding: Row.self)
        )
        struct Other: Decodable { let person_id: UUID }
        let other = try #require(
            try await sql.raw(
                """
                SELECT lt.person_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                JOIN dwellings d ON d.id = l.dwelling_id
                WHERE l.status <> 'ended' AND d.department_id <> \(bind: row.department_id)
                  AND lt.person_id NOT IN (SELECT x.person_id FROM lease_tenants x JOIN leases xl ON xl.id = x.lease_id
                    JOIN dwellings xd ON xd.id = xl.dwelling_id WHERE xd.department_id = \(bind: row.department_id))
                ORDER BY lt.person_id LIMIT 1
                """
            ).first(decoding: Other.self)
        )
        return Residents(
            person: row.person_id,
            lease: row.lease_id,
            department: row.department_id,
            departmentNumber: row.number,
            organisation: row.organisation_id,
            outsider: other.person_id
        )
    }

    static func call(
        _ app: Application,
        _ residents: Residents,
        date: String,
        kind: String = "ordinary",
        as staff: String
    ) async throws -> (HTTPStatus, String) {
        try await Get.post(
            app,
            SiteRoute.meetingNew.path,
            [
                ("body", "department"), ("organisation", residents.organisation.uuidString),
                ("department", String(residents.departmentNumber)), ("kind", kind), ("date", date),
                ("time", "19"), ("place", "Fælleshuset"), ("agenda", "Valg af dirigent\nBudget\nIndkomne forslag"),
                ("votes", "2"),
            ],
            as: staff
        )
    }

    @Test func aMeetingRunsFromItsCallToItsPublishedMinutes() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 300, clock: clock) { app in
            let residents = try await Self.residents(app)
            var staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            var resident = try await PageSessions.signIn(person: residents.person, on: app)
            let outsider = try await PageSessions.signIn(person: residents.outsider, on: app)

            // Monday 23 November: 20 December is too soon for 4 weeks' notice, and says the earliest day.
            let soon = try await Self.call(app, residents, date: "2026-12-20", as: staff)
            #expect(soon.0 == .unprocessableEntity)
            #expect(soon.1.contains("Den tidligste dag er mandag den 21. december 2026"))
            let bad = try await Get.post(
                app,
                SiteRoute.meetingNew.path,
                [("body", "department"), ("organisation", residents.organisation.uuidString), ("time", "25.00")],
                as: staff
            )
            #expect(bad.0 == .unprocessableEntity)
            for message in ["Vælg en dato.", "Skriv klokkeslættet som timer og minutter", "Skriv, hvor mødet holdes."] {
                #expect(bad.1.contains(message))
            }
            #expect(try await Meeting.query(on: app.db).count() == 0)

            let called = try await Self.call(app, residents, date: "2026-12-22", as: staff)
            #expect(called.0 == .seeOther)
            let meeting = try #require(try await Meeting.query(on: app.db).first())
            let id = try meeting.requireID()
            #expect(meeting.noticeBy == "2026-11-24")
            #expect(meeting.proposalsBy == "2026-12-08")
            #expect(meeting.startsAt == "19.00")

            // The staff page shows the deadlines as dates; the resident of the department sees
            // the meeting, a resident elsewhere does not.
            let page = try await Get.get(app, SiteRoute.meeting(id).path, as: staff)
            #expect(page.1.contains("Tirsdag den 24. november 2026"))
            let listed = try await Get.get(app, SiteRoute.myMeetings.path, as: resident)
            #expect(listed.1.contains(SiteRoute.myMeeting(id).path))
            #expect(try await Get.get(app, SiteRoute.myMeeting(id).path, as: outsider).0 == .notFound)
            #expect(
                !(try await Get.get(app, SiteRoute.myMeetings.path, as: outsider)).1.contains(
                    SiteRoute.myMeeting(id).path
                )
            )

            // The notice is one bulk run to the department's households, built from the meeting.
            #expect(try await Get.post(app, SiteRoute.meetingNotice(id).path, [], as: staff).0 == .seeOther)
            #expect(try await Get.post(app, SiteRoute.meetingNotice(id).path, [], as: staff).0 == .seeOther)
            #expect(try await BulkRun.query(on: app.db).count() == 1)
            let run = try #require(try await BulkRun.query(on: app.db).first())
            #expect(try await Meeting.find(id, on: app.db)?.noticeRunID == run.id)
            #expect(run.departments == [residents.department])
            // Made from its meeting, the notice is neither written again nor deleted as a bulk
            // letter's draft is: no buttons, and a forged delete leaves it.
            let runID = try run.requireID()
            let runPage = try await Get.get(app, SiteRoute.bulkRun(runID).path, as: staff).1
            #expect(!runPage.contains("Slet udkastet") && !runPage.contains("Ret brevet"))
            #expect(try await Get.post(app, SiteRoute.bulkRunDelete(runID).path, [], as: staff).0 == .seeOther)
            #expect(try await BulkRun.find(runID, on: app.db) != nil)
            let preview = try #require(try await app.bulkLetters().preview(run))
            let text = try PDFText.extract(preview.rendered.pdf).split(whereSeparator: \.isWhitespace).joined(
                separator: " "
            )
            for words in [
                "tirsdag den 22. december 2026", "tirsdag den 8. december 2026", "Hver husstand har to stemmer",
            ] {
                #expect(text.contains(words), "\(words)")
            }

            // A proposal: preview first (nothing stored), then sent once however often it is posted.
            let fields = [("title", "Hønsehus i gården"), ("text", "Vi foreslår et hønsehus.\n\nDet giver æg.")]
            let previewed = try await Get.post(
                app,
                SiteRoute.myMeetingProposal(id).path,
                fields + [("intent", "preview")],
                as: resident
            )
            #expect(previewed.0 == .ok)
            #expect(previewed.1.contains("Sådan bliver dit forslag vist"))
            #expect(try await MeetingProposal.query(on: app.db).count() == 0)
            for _ in 0..<2 {
                let sent = try await Get.post(
                    app,
                    SiteRoute.myMeetingProposal(id).path,
                    fields + [("intent", "send")],
                    as: resident
                )
                #expect(sent.0 == .seeOther)
            }
            #expect(try await MeetingProposal.query(on: app.db).count() == 1)
            let empty = try await Get.post(
                app,
                SiteRoute.myMeetingProposal(id).path,
                [("intent", "send")],
                as: resident
            )
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains("Skriv en overskrift"))
            #expect(
                try await Get.post(
                    app,
                    SiteRoute.myMeetingProposal(id).path,
                    fields + [("intent", "send")],
                    as: outsider
                ).0
                    == .notFound
            )
            // The department's budget is among the meeting's documents.
            try await DepartmentDocument(
                id: UUID(),
                departmentID: residents.department,
                organisationID: residents.organisation,
                title: "Budget 2027",
                kind: .budget,
                documentDate: "2026-11-01",
                visibility: .residents,
                pdf: Data("%PDF-1.4\n%%EOF\n".utf8),
                uploadedBy: nil,
                now: Date()
            ).create(on: app.db)
            let person = try #require(try await Person.find(residents.person, on: app.db))
            let shown = try await Get.get(app, SiteRoute.myMeeting(id).path, as: resident)
            #expect(shown.1.contains("Hønsehus i gården") && shown.1.contains("Stillet af \(person.fullName)"))
            #expect(shown.1.contains("Dokumenter til mødet") && shown.1.contains("Budget 2027"))

            // Registration, twice, is one registration.
            for _ in 0..<2 {
                _ = try await Get.post(
                    app,
                    SiteRoute.myMeetingRegistration(id).path,
                    [("intent", "register")],
                    as: resident
                )
            }
            #expect(try await MeetingRegistration.query(on: app.db).count() == 1)

            // After the proposal deadline no proposal is taken.
            clock.advance(by: 16 * 86_400)
            resident = try await PageSessions.signIn(person: residents.person, on: app)
            let late = try await Get.post(
                app,
                SiteRoute.myMeetingProposal(id).path,
                [("title", "For sent"), ("text", "Tekst"), ("intent", "send")],
                as: resident
            )
            #expect(late.0 == .unprocessableEntity)
            #expect(late.1.contains("Fristen for forslag er overskredet"))

            // After the meeting: the votes and the minutes, a preview, and publication with a tick.
            clock.advance(by: 14 * 86_400)
            staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            resident = try await PageSessions.signIn(person: residents.person, on: app)
            let proposal = try #require(try await MeetingProposal.query(on: app.db).first())
            let key = try proposal.requireID().uuidString.lowercased()
            let tooMany = try await Get.post(
                app,
                SiteRoute.meetingResults(id).path,
                [("for_\(key)", "100000"), ("against_\(key)", "1"), ("minutes", "Referat")],
                as: staff
            )
            #expect(tooMany.0 == .unprocessableEntity)
            let saved = try await Get.post(
                app,
                SiteRoute.meetingResults(id).path,
                [
                    ("for_\(key)", "34"), ("against_\(key)", "12"), ("blank_\(key)", "3"),
                    ("minutes", "Budgettet blev godkendt.\n\nAnne Hansen blev valgt som formand."),
                ],
                as: staff
            )
            #expect(saved.0 == .seeOther)
            #expect(try await Get.get(app, SiteRoute.myMeetingMinutes(id).path, as: resident).0 == .notFound)
            let unticked = try await Get.post(app, SiteRoute.meetingPublish(id).path, [], as: staff)
            #expect(unticked.0 == .unprocessableEntity)
            #expect(try await Meeting.find(id, on: app.db)?.publishedAt == nil)
            #expect(
                try await Get.post(app, SiteRoute.meetingPublish(id).path, [("bekraeft", "ja")], as: staff).0
                    == .seeOther
            )
            var minutes = Data()
            try await app.testing().test(
                .GET,
                SiteRoute.myMeetingMinutes(id).path,
                headers: TerminationNoticeTests.headers(resident)
            ) { res async throws in
                #expect(res.status == .ok)
                minutes = Data(buffer: res.body)
            }
            let read = try PDFText.extract(minutes).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(read.contains("Hønsehus i gården"))
            #expect(read.contains("Vedtaget: 34 for, 12 imod, 3 blanke"))
            #expect(read.contains("Anne Hansen blev valgt som formand."))
            let documents = try await DepartmentDocument.query(on: app.db).filter(
                \.$departmentID == residents.department
            )
            .filter(\.$kind == .minutes).count()
            #expect(documents == 1)
            // Published minutes stand: the results can no longer be changed.
            _ = try await Get.post(app, SiteRoute.meetingResults(id).path, [("minutes", "Ændret")], as: staff)
            #expect(try await Meeting.find(id, on: app.db)?.minutes?.contains("formand") == true)
        }
    }

    /// The representative body's minutes: published within 6 weeks, the deadline shown to staff
    /// (late when passed), and then visible to every resident of the organisation.
    @Test func theRepresentativeBodysMinutesAreTrackedAndReachEveryResident() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 300, clock: clock) { app in
            let residents = try await Self.residents(app)
            var staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let called = try await Get.post(
                app,
                SiteRoute.meetingNew.path,
                [
                    ("body", "representatives"), ("organisation", residents.organisation.uuidString),
                    ("kind", "ordinary"), ("date", "2026-12-22"), ("time", "17"), ("place", "Hovedkontoret"),
                    ("agenda", "Årsberetning\nValg til organisationsbestyrelsen"),
                ],
                as: staff
            )
            #expect(called.0 == .seeOther)
            let meeting = try #require(try await Meeting.query(on: app.db).first())
            let id = try meeting.requireID()
            #expect(meeting.body == .representatives && meeting.departmentID == nil)
            #expect(meeting.minutesBy == "2027-02-02")
            // A resident of any of the organisation's departments sees it; no notice to households.
            struct Other: Decodable { let person_id: UUID }
            let database = try #require(app.db as? any SQLDatabase)
            let elsewhere = try await database.raw(
                """
                SELECT lt.person_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
                WHERE l.status <> 'ended' AND dep.organisation_id = \(bind: residents.organisation)
                  AND dep.id <> \(bind: residents.department)
                ORDER BY lt.person_id LIMIT 1
                """
            ).first(decoding: Other.self)
            let resident = try await PageSessions.signIn(person: elsewhere?.person_id ?? residents.person, on: app)
            let page = try await Get.get(app, SiteRoute.myMeeting(id).path, as: resident)
            #expect(page.0 == .ok, "\(page.0) \(page.1.prefix(600))")
            #expect(page.1.contains("Repræsentantskabsmøde"))
            #expect(try await Get.post(app, SiteRoute.meetingNotice(id).path, [], as: staff).0 == .notFound)

            // Seven weeks after the meeting: the minutes are late, and the list says so.
            clock.advance(by: 78 * 86_400)
            staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let list = try await Get.get(app, SiteRoute.meetings.path, as: staff)
            #expect(list.1.contains("Referatet er for sent; fristen var 2. februar 2027"))
            let shown = try await Get.get(app, SiteRoute.meeting(id).path, as: staff)
            #expect(shown.1.contains("Referatet offentliggøres senest") && shown.1.contains("Overskredet"))
            _ = try await Get.post(
                app,
                SiteRoute.meetingResults(id).path,
                [("minutes", "Beretningen blev godkendt.")],
                as: staff
            )
            #expect(
                try await Get.post(app, SiteRoute.meetingPublish(id).path, [("bekraeft", "ja")], as: staff).0
                    == .seeOther
            )
            let reader = try await PageSessions.signIn(person: residents.person, on: app)
            #expect(try await Get.get(app, SiteRoute.myMeetingMinutes(id).path, as: reader).0 == .ok)
            // Not a department's document: the organisation's minutes are on the meeting.
            #expect(try await DepartmentDocument.query(on: app.db).filter(\.$kind == .minutes).count() == 0)
        }
    }

    /// A department's votes per household carry over: a meeting called with the field left empty
    /// has what the department decided for its last one.
    @Test func theVotesPerHouseholdCarryOverFromTheDepartmentsLastMeeting() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let residents = try await Self.residents(app)
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            var fields = [
                ("body", "department"), ("organisation", residents.organisation.uuidString),
                ("department", String(residents.departmentNumber)), ("kind", "ordinary"), ("date", "2026-12-22"),
                ("time", "19"), ("place", "Fælleshuset"), ("agenda", "Budget"), ("votes", ""),
            ]
            #expect(try await Get.post(app, SiteRoute.meetingNew.path, fields, as: staff).0 == .seeOther)
            fields[4] = ("date", "2027-02-02")
            fields[8] = ("votes", "3")
            #expect(try await Get.post(app, SiteRoute.meetingNew.path, fields, as: staff).0 == .seeOther)
            fields[4] = ("date", "2027-03-02")
            fields[8] = ("votes", "")
            #expect(try await Get.post(app, SiteRoute.meetingNew.path, fields, as: staff).0 == .seeOther)
            fields[8] = ("votes", "5")
            #expect(try await Get.post(app, SiteRoute.meetingNew.path, fields, as: staff).0 == .unprocessableEntity)
            let votes = try await Meeting.query(on: app.db).sort(\.$heldOn).all().map(\.votesPerHousehold)
            #expect(votes == [2, 3, 3])
        }
    }

    @Test func aNoticeCannotStartOnceItsDeadlineHasPassed() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 300, clock: clock) { app in
            let residents = try await Self.residents(app)
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            #expect(try await Self.call(app, residents, date: "2026-12-22", as: staff).0 == .seeOther)
            let id = try #require(try await Meeting.query(on: app.db).first()).requireID()
            #expect(try await Get.post(app, SiteRoute.meetingNotice(id).path, [], as: staff).0 == .seeOther)
            let run = try #require(try await BulkRun.query(on: app.db).first()).requireID()
            // Wednesday 25 November: the notice should have gone out yesterday.
            clock.advance(by: 2 * 86_400)
            let refused = try await Get.post(app, SiteRoute.bulkRunStart(run).path, [], as: staff)
            #expect(refused.0 == .forbidden)
            #expect(refused.1.contains("4 ugers varsel er overskredet"))
            #expect(try await BulkRun.find(run, on: app.db)?.status == .draft)
        }
    }

    /// A meeting cancelled after its notice went: the households get a letter (previewed first),
    /// the notice stops and cannot start again, and the meeting takes no more proposals. Staff
    /// hide a proposal; a resident withdraws their own.
    @Test func aMeetingIsCancelledAndProposalsHiddenOrWithdrawn() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let residents = try await Self.residents(app)
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let resident = try await PageSessions.signIn(person: residents.person, on: app)
            #expect(try await Self.call(app, residents, date: "2026-12-22", as: staff).0 == .seeOther)
            let id = try #require(try await Meeting.query(on: app.db).first()).requireID()
            let propose = SiteRoute.myMeetingProposal(id).path
            for title in ["Hønsehus", "Grimt forslag"] {
                _ = try await Get.post(
                    app,
                    propose,
                    [("title", title), ("text", "Tekst"), ("intent", "send")],
                    as: resident
                )
            }
            let proposals = try await MeetingProposal.query(on: app.db).sort(\.$title).all()
            try #require(proposals.count == 2)
            // The caseworker hides one, with a reason.
            let hide = SiteRoute.meetingProposalHide(try proposals[0].requireID()).path
            #expect(try await Get.post(app, hide, [], as: staff).0 == .unprocessableEntity)
            #expect(try await Get.post(app, hide, [("reason", "Krænkende")], as: staff).0 == .seeOther)
            var page = try await Get.get(app, SiteRoute.myMeeting(id).path, as: resident)
            #expect(!page.1.contains("Grimt forslag") && page.1.contains("Hønsehus"))
            #expect(
                try await Get.get(app, SiteRoute.meeting(id).path, as: staff).1.contains(
                    "Skjult for beboerne: Krænkende"
                )
            )
            // The resident withdraws the other; someone else cannot.
            let withdraw = SiteRoute.myMeetingProposalWithdraw(try proposals[1].requireID()).path
            let outsider = try await PageSessions.signIn(person: residents.outsider, on: app)
            #expect(try await Get.post(app, withdraw, [], as: outsider).0 == .notFound)
            #expect(try await Get.post(app, withdraw, [], as: resident).0 == .seeOther)
            #expect(try await MeetingProposal.query(on: app.db).count() == 1)

            // The notice goes out; then the meeting is cancelled.
            #expect(try await Get.post(app, SiteRoute.meetingNotice(id).path, [], as: staff).0 == .seeOther)
            let notice = try #require(try await BulkRun.query(on: app.db).first()).requireID()
            #expect(try await Get.post(app, SiteRoute.bulkRunStart(notice).path, [], as: staff).0 == .seeOther)
            let unexplained = try await Get.post(app, SiteRoute.meetingCancel(id).path, [("bekraeft", "ja")], as: staff)
            #expect(unexplained.0 == .unprocessableEntity)
            #expect(unexplained.1.contains("Skriv, hvorfor mødet aflyses."))
            let cancelled = try await Get.post(
                app,
                SiteRoute.meetingCancel(id).path,
                [("reason", "Fælleshuset er lukket."), ("bekraeft", "ja")],
                as: staff
            )
            #expect(cancelled.0 == .seeOther)
            let meeting = try #require(try await Meeting.find(id, on: app.db))
            #expect(meeting.cancelledAt != nil && meeting.cancelReason == "Fælleshuset er lukket.")
            let letter = try #require(meeting.cancellationRunID)
            let run = try #require(try await BulkRun.find(letter, on: app.db))
            #expect(run.status == .draft && run.departments == [residents.department])
            let preview = try #require(try await app.bulkLetters().preview(run))
            let text = try PDFText.extract(preview.rendered.pdf).split(whereSeparator: \.isWhitespace).joined(
                separator: " "
            )
            #expect(text.contains("er aflyst") && text.contains("Fælleshuset er lukket."))
            // The notice has stopped and cannot start again.
            #expect(try await BulkRun.find(notice, on: app.db)?.status == .paused)
            #expect(try await Get.post(app, SiteRoute.bulkRunStart(notice).path, [], as: staff).0 == .forbidden)
            // Residents see it cancelled and can no longer propose or register.
            page = try await Get.get(app, SiteRoute.myMeeting(id).path, as: resident)
            #expect(page.1.contains("Mødet er aflyst. Fælleshuset er lukket."))
            #expect(
                try await Get.post(
                    app,
                    propose,
                    [("title", "Nyt"), ("text", "Tekst"), ("intent", "send")],
                    as: resident
                ).0
                    == .notFound
            )
            #expect(
                try await Get.post(app, SiteRoute.myMeetingRegistration(id).path, [], as: resident).0 == .notFound
            )
            #expect(try await Get.get(app, SiteRoute.myMeetings.path, as: resident).1.contains("Aflyst"))
        }
    }

    @Test func householdsAskForAnExtraordinaryMeetingOnceEach() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let residents = try await Self.residents(app)
            let resident = try await PageSessions.signIn(person: residents.person, on: app)
            let outsider = try await PageSessions.signIn(person: residents.outsider, on: app)
            let path = SiteRoute.myExtraordinaryRequest(residents.department).path
            // What the meeting is to deal with is asked for, at its field.
            let bare = try await Get.post(app, path, [], as: resident)
            #expect(bare.0 == .unprocessableEntity)
            #expect(bare.1.contains("Skriv, hvad mødet skal handle om."))
            // Above the form too, as every form says it, with the way to the field.
            let department = residents.department.lowercasedString
            #expect(bare.1.contains("<a href=\"#topic-\(department)\">Skriv, hvad mødet skal handle om.</a>"))
            let topic = [("topic", "Udskiftning af vinduerne")]
            for _ in 0..<2 { #expect(try await Get.post(app, path, topic, as: resident).0 == .seeOther) }
            #expect(try await Get.post(app, path, topic, as: outsider).0 == .notFound)
            #expect(try await ExtraordinaryMeetingRequest.query(on: app.db).count() == 1)
            let page = try await Get.get(app, SiteRoute.myMeetings.path, as: resident)
            #expect(page.1.contains("Din husstand har bedt om mødet."))
            #expect(page.1.contains("1 af "))
            #expect(page.1.contains("husstande har bedt om et ekstraordinært afdelingsmøde. Der skal "))
            #expect(page.1.contains(" husstande til (25\u{00A0}%). ") && page.1.contains(" mangler."))
            // The caseworker sees the count and the topic, not who asked.
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let list = try await Get.get(app, SiteRoute.meetings.path, as: staff)
            #expect(list.1.contains("Udskiftning af vinduerne"))
            // Withdrawn, and asked again.
            #expect(try await Get.post(app, path, [("intent", "withdraw")], as: resident).0 == .seeOther)
            #expect(try await ExtraordinaryMeetingRequest.query(on: app.db).count() == 0)
            #expect(try await Get.post(app, path, topic, as: resident).0 == .seeOther)
            // Calling the extraordinary meeting answers the requests: a new round starts.
            #expect(
                try await Self.call(app, residents, date: "2027-01-05", kind: "extraordinary", as: staff).0 == .seeOther
            )
            #expect(try await ExtraordinaryMeetingRequest.query(on: app.db).count() == 0)
        }
    }
}

/// The back office's list of departments where households ask for an extraordinary meeting: a
/// page at a time, each with its newest topics and how many more there are.
@Suite("Requests for an extraordinary meeting, listed")
struct ExtraordinaryRequestListTests {
    typealias Get = CaseDeadlinesTests

    @Test func theStaffPageThroughTheDepartmentsAndSeeTheNewestTopics() async throws {
        try await withTestApp(seedHomes: 300) { app in
            struct Row: Decodable {
                let person_id: UUID
                let lease_id: UUID
                let department_id: UUID
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw(
                """
                SELECT lt.person_id, lt.lease_id, d.department_id
                FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                WHERE l.status <> 'ended' ORDER BY d.department_id, lt.lease_id
                """
            ).all(decoding: Row.self)
            var leases: [UUID: [Row]] = [:]
            for row in rows where leases[row.department_id]?.contains(where: { $0.lease_id == row.lease_id }) != true {
                leases[row.department_id, default: []].append(row)
            }
            // The busiest department asks twelve times; every other one once.
            let departments = leases.keys.sorted {
                (leases[$0]?.count ?? 0, $1.uuidString) > (leases[$1]?.count ?? 0, $0.uuidString)
            }
            try #require(departments.count >= 3, "three departments to page through")
            let busiest = try #require(departments.first)
            try #require((leases[busiest]?.count ?? 0) >= 12, "twelve households in the busiest department")
            for (index, department) in departments.enumerated() {
                for (number, row) in (leases[department] ?? []).prefix(department == busiest ? 12 : 1).enumerated() {
                    let request = ExtraordinaryMeetingRequest()
                    request.id = UUID()
                    request.departmentID = department
                    request.leaseID = row.lease_id
                    request.personID = row.person_id
                    request.topic = department == busiest ? "Emne \(number + 1)" : "Afdeling \(index)"
                    request.requestedAt = testNow.addingTimeInterval(Double(number) * 60)
                    try await request.create(on: app.db)
                }
            }
            let staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let first = try await Get.get(app, SiteRoute.meetings.path, as: staff)
            #expect(first.0 == .ok)
            // The busiest first, with its ten newest topics and the two older ones counted.
            #expect(first.1.contains("Emne 12") && first.1.contains("Emne 3"))
            #expect(!first.1.contains("Emne 2<") && !first.1.contains("Emne 1<"))
            #expect(first.1.contains("… og 2 emner mere."))
            // Every department on one page here, so no pager.
            #expect(first.1.components(separatedBy: "<strong>Afdeling ").count - 1 == departments.count)
            #expect(!first.1.contains("anmodninger="))
            // Pages follow on, most requests first, each department once (a page of one here).
            var seen: [UUID] = []
            for page in 1...departments.count + 1 {
                let read = try await MeetingPage.staffRequests(scope: .all, page: page, size: 1, on: sql)
                #expect(read.count == (page < departments.count ? 2 : page == departments.count ? 1 : 0))
                seen += read.prefix(1).map(\.department_id)
            }
            #expect(seen.first == busiest)
            #expect(Set(seen) == Set(departments) && seen.count == departments.count)
            // A page number that is not one, or past the last page, shows the first page.
            for page in ["x", "-3", "2", "99999999999"] {
                let shown = try await Get.get(app, SiteRoute.meetings.path + "?anmodninger=\(page)", as: staff)
                #expect(shown.1.contains("Emne 12"), "page \(page)")
            }
        }
    }
}

/// Urafstemning: one vote per eligible person, digital or on paper, counted without a link to the
/// voter, the result shown when the ballot has closed.
@Suite("Digital ballot in the portal and the back office", .serialized)
struct BallotTests {
    typealias Get = CaseDeadlinesTests

    @Test func twoResidentsVoteAThirdCannotVoteTwiceAndTheCountAddsUp() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 300, clock: clock) { app in
            let residents = try await MeetingTests.residents(app)
            var staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            #expect(try await MeetingTests.call(app, residents, date: "2026-12-22", as: staff).0 == .seeOther)
            let meetingID = try #require(try await Meeting.query(on: app.db).first()).requireID()
            // The meeting is held on 22 December; on the 23rd it opens a ballot.
            clock.advance(by: 30 * 86_400)
            staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let early = try await Get.post(
                app,
                SiteRoute.meetingBallot(meetingID).path,
                [
                    ("question", "Skal vi have hønsehus?"), ("options", "Ja\nNej"), ("opens", "2026-12-22"),
                    ("closes", "2027-01-05"),
                ],
                as: staff
            )
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.contains("Afstemningen kan tidligst åbne i dag."))
            let created = try await Get.post(
                app,
                SiteRoute.meetingBallot(meetingID).path,
                [
                    ("question", "Skal vi have hønsehus?"), ("options", "Ja\nNej\nBlank"), ("opens", "2026-12-23"),
                    ("closes", "2027-01-05"),
                ],
                as: staff
            )
            #expect(created.0 == .seeOther)
            let ballot = try #require(try await Ballot.query(on: app.db).first()).requireID()

            // Three neighbours in the department: two vote, the first tries twice.
            struct Row: Decodable {
                let person_id: UUID
                let given_name: String
                let family_name: String
                let street: String
                let house_number: String
                let floor: String?
                let door: String?
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let neighbours = try await sql.raw(
                """
                SELECT lt.person_id, p.given_name, p.family_name, d.street, d.house_number, d.floor, d.door
                FROM lease_tenants lt JOIN people p ON p.id = lt.person_id JOIN leases l ON l.id = lt.lease_id
                JOIN dwellings d ON d.id = l.dwelling_id
                WHERE d.department_id = \(bind: residents.department) AND l.status <> 'ended'
                ORDER BY lt.person_id LIMIT 4
                """
            ).all(decoding: Row.self)
            try #require(neighbours.count == 4)
            let vote = SiteRoute.myBallotVote(ballot).path
            var tokens: [String] = []
            for neighbour in neighbours.prefix(3) {
                tokens.append(try await PageSessions.signIn(person: neighbour.person_id, on: app))
            }
            // The preview shows the choice and counts nothing.
            let preview = try await Get.post(app, vote, [("option", "0"), ("intent", "preview")], as: tokens[0])
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("Du stemmer »Ja« til »Skal vi have hønsehus?«"))
            #expect(try await Self.voters(sql, ballot) == 0)
            // The preview offers no answer to tick: what is cast is what it shows, or the choice
            // is made again on the form, with the answer chosen before ticked.
            #expect(!preview.1.contains(#"type="radio""#))
            #expect(preview.1.contains(#"name="intent" value="edit">Vælg et andet svar"#))
            let edit = try await Get.post(app, vote, [("option", "1"), ("intent", "edit")], as: tokens[0])
            #expect(edit.0 == .ok && !edit.1.contains("Du stemmer »"))
            #expect(edit.1.contains(#"value="1" checked>"#) && !edit.1.contains(#"value="0" checked>"#))
            #expect(try await Self.voters(sql, ballot) == 0)
            // No answer chosen: the problem above the form and at the answers.
            let none = try await Get.post(app, vote, [("intent", "preview")], as: tokens[0])
            #expect(none.0 == .unprocessableEntity)
            #expect(none.1.contains(#"<p class="field-error" id="ballot-\#(ballot.lowercasedString)-error">"#))
            #expect(none.1.contains(##"<li><a href="#vote-\##(ballot.lowercasedString)-0">"##))
            #expect(none.1.contains(#"name="option" value="0" aria-invalid="true">"#))
            // Once: the proposal's summary further down does not say it again.
            #expect(none.1.components(separatedBy: "Vælg en af svarmulighederne.").count == 3)
            #expect(!none.1.contains(#"<h2 id="error-title">"#))
            #expect(try await Get.post(app, vote, [("option", "0"), ("intent", "send")], as: tokens[0]).0 == .seeOther)
            #expect(try await Get.post(app, vote, [("option", "1"), ("intent", "send")], as: tokens[1]).0 == .seeOther)
            let twice = try await Get.post(app, vote, [("option", "1"), ("intent", "send")], as: tokens[0])
            #expect(twice.0 == .unprocessableEntity)
            #expect(twice.1.contains("Du har allerede stemt"))
            // During the ballot the result is not shown, only that one has voted.
            let during = try await Get.get(app, SiteRoute.myMeeting(meetingID).path, as: tokens[0])
            #expect(during.1.contains("Du har stemt."))
            #expect(!during.1.contains("Ja: <strong>"))

            // A child at home (no CPR number, not marked adult) cannot vote; a stranger finds nothing.
            let child = Person(
                id: UUID(),
                givenName: "Lille",
                familyName: "Hjemme",
                cprCiphertext: nil,
                cprLookupHash: nil,
                email: nil,
                phone: nil
            )
            try await child.create(on: app.db)
            try await HouseholdMember(
                id: UUID(),
                leaseID: residents.lease,
                personID: try child.requireID(),
                adult: false
            )
            .create(on: app.db)
            let childToken = try await PageSessions.signIn(person: try child.requireID(), on: app)
            let young = try await Get.post(app, vote, [("option", "0"), ("intent", "send")], as: childToken)
            #expect(young.0 == .unprocessableEntity)
            #expect(young.1.contains("man skal være fyldt 18 år"))
            let outsider = try await PageSessions.signIn(person: residents.outsider, on: app)
            #expect(try await Get.post(app, vote, [("option", "0"), ("intent", "send")], as: outsider).0 == .notFound)

            // Paper: the fourth neighbour's outer envelope, by its address and name (never the
            // choice); the first, who voted digitally, cannot vote on paper too.
            let paper = SiteRoute.ballotPaperVote(ballot).path
            func address(_ row: Row) -> String {
                Dwelling.addressLine(
                    street: row.street,
                    houseNumber: row.house_number,
                    floor: row.floor,
                    door: row.door
                )
            }
            let fourth = neighbours[3]
            let wrongName = try await Get.post(
                app,
                paper,
                [("address", address(fourth)), ("name", "Ingen Sådan")],
                as: staff
            )
            #expect(wrongName.0 == .unprocessableEntity)
            #expect(wrongName.1.contains("Ingen med det navn bor på adressen."))
            let registered = try await Get.post(
                app,
                paper,
                [("address", address(fourth).uppercased()), ("name", "\(fourth.given_name)  \(fourth.family_name)")],
                as: staff
            )
            #expect(registered.0 == .seeOther)
            let first = neighbours[0]
            let again = try await Get.post(
                app,
                paper,
                [("address", address(first)), ("name", "\(first.given_name) \(first.family_name)")],
                as: staff
            )
            #expect(again.0 == .unprocessableEntity)
            #expect(again.1.contains("Personen har allerede stemt"))

            // Three voted (two digitally, one on paper); the digital votes are tallied, the paper
            // one waits for the count.
            #expect(try await Self.voters(sql, ballot) == 3)
            #expect(try await Self.tallies(sql, ballot) == [1, 1, 0])
            // Nothing stored says who voted what: the voters' rows have no choice and only the day.
            struct Voter: Decodable { let recorded_on: String }
            let days = try await sql.raw("SELECT recorded_on FROM ballot_voters WHERE ballot_id = \(bind: ballot)")
                .all(decoding: Voter.self)
            #expect(days.allSatisfy { $0.recorded_on == "2026-12-23" })
            let count = SiteRoute.ballotPaperCount(ballot).path
            #expect(try await Get.post(app, count, [("count_0", "1")], as: staff).0 == .seeOther)
            #expect(try await Self.tallies(sql, ballot) == [1, 1, 0], "counted only once the ballot has closed")

            // After the last day the result is shown to residents and staff; no more votes.
            clock.advance(by: 14 * 86_400)
            staff = try await PageSessions.signIn(staff: try await Get.administrator(app), on: app)
            let late = try await PageSessions.signIn(person: neighbours[2].person_id, on: app)
            #expect(
                try await Get.post(app, vote, [("option", "0"), ("intent", "send")], as: late).0 == .unprocessableEntity
            )
            var result = try await Get.get(app, SiteRoute.myMeeting(meetingID).path, as: late)
            #expect(result.1.contains("Papirstemmerne er ikke talt op endnu."))
            // The inner envelopes: no more votes than paper voters, and counted once.
            let tooMany = try await Get.post(app, count, [("count_0", "2")], as: staff)
            #expect(tooMany.0 == .unprocessableEntity)
            #expect(tooMany.1.contains("Der kan ikke være flere stemmer, end der er modtaget papirstemmer."))
            #expect(try await Get.post(app, count, [("count_0", "1")], as: staff).0 == .seeOther)
            #expect(try await Get.post(app, count, [("count_0", "1")], as: staff).0 == .seeOther)
            #expect(try await Self.tallies(sql, ballot) == [2, 1, 0])
            result = try await Get.get(app, SiteRoute.myMeeting(meetingID).path, as: late)
            #expect(result.1.contains("Ja: <strong>2</strong>"))
            #expect(result.1.contains("Nej: <strong>1</strong>"))
            #expect(!result.1.contains("Papirstemmerne er ikke talt op endnu."))
        }
    }

    static func voters(_ sql: any SQLDatabase, _ ballot: UUID) async throws -> Int {
        struct Count: Decodable { let count: Int }
        return try await sql.raw("SELECT COUNT(*) AS count FROM ballot_voters WHERE ballot_id = \(bind: ballot)")
            .first(decoding: Count.self)?.count ?? -1
    }

    static func tallies(_ sql: any SQLDatabase, _ ballot: UUID) async throws -> [Int] {
        struct Tally: Decodable { let votes: Int }
        return try await sql.raw(
            "SELECT votes FROM ballot_tallies WHERE ballot_id = \(bind: ballot) ORDER BY option_index"
        ).all(decoding: Tally.self).map(\.votes)
    }
}

extension MeetingTests {
    /// The demo's meeting notices go to households of the meeting's department, the first tenant
    /// the sandbox MitID offers among them, so each reader finds the meeting it calls.
    @Test func theDemosNoticesCallTheirReadersToTheirOwnDepartmentsMeeting() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let meeting = try #require(try await DemoMeetings.seed(app: app))
            _ = try await DemoLetters.seed(app: app, meeting: meeting)
            struct Called: Decodable {
                let person_id: UUID
                let same: Int
            }
            let called = try await app.db.sql().raw(
                """
                SELECT lt.recipient_person_id AS person_id, CASE WHEN d.department_id = m.department_id THEN 1 ELSE 0 END AS same
                FROM letters lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                JOIN meetings m ON m.id = \(bind: meeting)
                WHERE lt.kind = \(bind: LetterKind.meetingNotice.rawValue)
                """
            ).all(decoding: Called.self)
            let first = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            #expect(called.count > 1)
            #expect(called.allSatisfy { $0.same == 1 })
            #expect(called.contains { $0.person_id == first.$person.id })
        }
    }
}
