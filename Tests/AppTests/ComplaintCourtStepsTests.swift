import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import App

/// After the påmindelse (rules.md §5, steps 6–7): the household complained about answers in the
/// portal, a caseworker terminates the lease with the letter and its dates, brings it before the
/// boligret, and downloads the evidence with its originals; a complaint carries a recording.
@Suite("Neighbour complaints: answers, termination, the boligret and the originals")
struct ComplaintCourtStepsTests {
    /// The first bytes of a WAV file, and of a text file dressed as one.
    static let wav = Data("RIFF".utf8) + Data([0x24, 0, 0, 0]) + Data("WAVEfmt ".utf8) + Data(repeating: 0, count: 28)
    static let notAudio = Data("This is not a recording".utf8)

    @Test func theHouseholdAnswersTheLeaseIsTerminatedTheCourtDeadlineIsKeptAndTheOriginalsGoInAZip()
        async throws
    {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await ComplaintTests.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            let form: [(String, String)] = [
                ("about", who.aboutDwelling.uuidString), ("date", "2026-11-21"), ("description", "Høj musik"),
                ("token", UUID().uuidString),
            ]
            // A text file named as a recording is refused at its field, by content.
            let refused = try await MultipartForm.post(
                app,
                SiteRoute.myComplaint(who.lease).path,
                form,
                namedFiles: [("recordings[]", "musik.mp3", Self.notAudio)],
                as: resident
            )
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("En af lydoptagelserne er ikke en MP3, M4A, WAV, OGG eller AMR."))
            let filed = try await MultipartForm.post(
                app,
                SiteRoute.myComplaint(who.lease).path,
                form,
                namedFiles: [("photos[]", "foto.jpg", FaultReportTests.jpeg), ("recordings[]", "musik.wav", Self.wav)],
                as: resident
            )
            #expect(filed.0 == .seeOther)
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(mine.contains("Lydoptagelse 1"))
            // The recording plays from its own link, as audio, after the photo.
            let recording = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.myCaseAttachment(caseID, 2).path,
                as: resident
            )
            #expect(recording.0 == .ok)

            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let caseworker = try await CaseAssignmentTests.caseworker("Sara Sag", of: organisation, on: app)
            var staff = try await PageSessions.signIn(staff: caseworker, on: app)
            let action = SiteRoute.staffCaseComplaint(caseID).path
            let send = { (step: String, text: String, seen: Int, staff: String) in
                try await CaseDeadlinesTests.post(
                    app,
                    action,
                    [("intent", "send"), ("action", step), ("text", text), ("seen", String(seen))],
                    as: staff
                )
            }
            let episode = { (date: String, text: String, staff: String) in
                try await CaseDeadlinesTests.post(
                    app,
                    action,
                    [("intent", "episode"), ("date", date), ("description", text)],
                    as: staff
                )
            }
            #expect(try await send("henstilling", "Høj musik den 21. november 2026.", 0, staff).0 == .seeOther)

            // The household answers in the portal: an empty answer is refused at the field.
            let other = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let reply = SiteRoute.myComplaintReply(caseID).path
            let empty = try await CaseDeadlinesTests.post(
                app,
                reply,
                [("text", " "), ("token", UUID().uuidString)],
                as: other
            )
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains("Skriv dit svar."))
            #expect(empty.1.contains(#"id="replyText""#) && empty.1.contains(#"aria-invalid="true""#))
            let answer = "Vi havde fødselsdag den 21. og skruede ned kl. 22.30."
            // Sent twice with one form's token (a double click): kept once.
            let answered = [("text", answer), ("token", UUID().uuidString)]
            #expect(try await CaseDeadlinesTests.post(app, reply, answered, as: other).0 == .seeOther)
            #expect(try await CaseDeadlinesTests.post(app, reply, answered, as: other).0 == .seeOther)
            #expect(try await ComplaintReply.query(on: app.db).count() == 1)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: other).1
            #expect(theirs.contains(answer) && theirs.contains("Det har du svaret"))
            // Neither the complainant nor a stranger can answer for them; the complainant never sees it.
            let nej = [("text", "Nej"), ("token", UUID().uuidString)]
            #expect(try await CaseDeadlinesTests.post(app, reply, nej, as: resident).0 == .notFound)
            let complainantPage = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(!complainantPage.contains(answer) && !complainantPage.contains("Beboerne i boligen har svaret"))
            var card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Svar fra beboerne i boligen") && card.contains(answer))
            #expect(card.contains("beboer i den bolig, klagen handler om"))

            // A new episode, the påmindelse, and a breach after it.
            // Sessions end after a while idle: everyone signs in again after a pause.
            clock.advance(by: 7 * 86_400)
            staff = try await PageSessions.signIn(staff: caseworker, on: app)
            #expect(try await episode("2026-11-28", "Fest igen", staff).0 == .seeOther)
            #expect(try await send("paamindelse", "Fest natten til 28. november 2026.", 1, staff).0 == .seeOther)
            clock.advance(by: 2 * 86_400)
            staff = try await PageSessions.signIn(staff: caseworker, on: app)
            let other2 = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let resident2 = try await PageSessions.signIn(person: who.complainant, on: app)
            #expect(try await episode("2026-12-01", "Råb og slag i væggen", staff).0 == .seeOther)

            // The opsigelse: the reason is the letter's; the preview is the letter as typeset.
            let noReason = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "opsigelse"), ("text", "")],
                as: staff
            )
            #expect(noReason.0 == .unprocessableEntity)
            #expect(noReason.1.contains("Skriv brevets tekst"))
            let reason = "Gentagne overtrædelser af husordenen trods påmindelse den 30. november 2026."
            let preview = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "opsigelse"), ("text", reason)],
                as: staff
            )
            #expect(preview.0 == .ok)
            // Sent Wednesday 2 December 2026: on paper it arrives Thursday 10 December at the
            // latest; notice from 1 January to Thursday 1 April 2027; 6 weeks to object from the
            // 10th; the court 6 weeks after an objection deadline counted from the 2nd.
            #expect(preview.1.contains("Opsigelse af dit lejemål"))
            #expect(preview.1.contains("1. april 2027") && preview.1.contains("21. januar 2027"))
            #expect(preview.1.contains(reason))
            #expect(try await Letter.query(on: app.db).filter(\.$kind == .landlordTermination).count() == 0)
            #expect(preview.1.contains(#"name="counted" value="2026-12-02""#))
            // Previewed on another day (its dates counted from then): shown again, nothing sent.
            let stale = try await CaseDeadlinesTests.post(
                app,
                action,
                [
                    ("intent", "send"), ("action", "opsigelse"), ("text", reason), ("seen", "2"),
                    ("counted", "2026-12-01"),
                ],
                as: staff
            )
            #expect(stale.0 == .ok && stale.1.contains("Datoerne i opsigelsen er ændret"))
            #expect(try await Letter.query(on: app.db).filter(\.$kind == .landlordTermination).count() == 0)
            let sent = try await CaseDeadlinesTests.post(
                app,
                action,
                [
                    ("intent", "send"), ("action", "opsigelse"), ("text", reason), ("seen", "2"),
                    ("counted", "2026-12-02"),
                ],
                as: staff
            )
            #expect(sent.0 == .seeOther)
            let terminations = try await Letter.query(on: app.db).filter(\.$kind == .landlordTermination).all()
            #expect(terminations.count == who.aboutTenants.count)
            let letter = try PDFText.extract(try #require(terminations.first).pdf)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(letter.contains("1. april 2027") && letter.contains("21. januar 2027"))
            #expect(letter.contains("§§ 85 og 89") && letter.contains(reason))
            let stored = try #require(try await NeighbourComplaint.find(complaint.requireID(), on: app.db))
            #expect(stored.step == .opsigelse && stored.sanctionOn == "2026-12-02")
            #expect(stored.terminationEndsOn == "2027-04-01" && stored.objectionBy == "2027-01-21")
            #expect(stored.courtBy == "2027-02-24")
            let court = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID)
                    .filter(\.$kind == .court).first()
            )
            #expect(court.dueOn == "2027-02-24" && court.metAt == nil)
            card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("skal sagen anlægges ved boligretten senest onsdag den 24. februar 2027"))
            #expect(!card.contains("Opsigelsen kom først frem"))
            // Had it arrived later than the letter's dates assume, the card says so.
            try await app.db.sql().raw(
                "UPDATE letters SET arrival = '2026-12-15' WHERE kind = \(bind: LetterKind.landlordTermination.rawValue)"
            ).run()
            let late = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            // 6 weeks from 15 December: Tuesday 26 January 2027; a December arrival still ends 1 April.
            #expect(late.contains("Opsigelsen kom først frem tirsdag den 15. december 2026, senere end brevets datoer"))
            #expect(late.contains("indsigelse til og med tirsdag den 26. januar 2027"))
            #expect(late.contains("tidligst ophøre torsdag den 1. april 2027"))
            try await app.db.sql().raw("UPDATE letters SET arrival = NULL").run()
            let told = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: other2).1
            #expect(told.contains("Du kan gøre indsigelse til og med torsdag den 21. januar 2027"))
            #expect(!told.contains("24. februar 2027"))

            // While they may object, the case cannot be closed.
            let close = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseStatus(caseID).path,
                [("status", "closed")],
                as: staff
            )
            #expect(close.0 == .seeOther)
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .open)
            let refusedClose = SiteRoute.staffCase(caseID).path(query: [("besked", "indsigelse")])
            #expect(
                try await CaseDeadlinesTests.get(app, refusedClose, as: staff).1.contains("Sagen kan ikke lukkes endnu")
            )
            // They object here; the caseworker brings it before the boligret, with a note.
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    reply,
                    [("text", "Vi gør indsigelse mod opsigelsen."), ("token", UUID().uuidString)],
                    as: other2
                )
                .0 == .seeOther
            )
            let unwritten = try await send("boligret", "", 3, staff)
            #expect(unwritten.0 == .unprocessableEntity)
            #expect(
                try await send("boligret", "Stævning indleveret til Retten i Aarhus 5. december 2026.", 3, staff).0
                    == .seeOther
            )
            let met = try #require(try await CaseDeadlineRecord.find(court.requireID(), on: app.db))
            #expect(met.metAt != nil)
            #expect(
                try #require(try await NeighbourComplaint.find(complaint.requireID(), on: app.db)).step == .boligret
            )
            card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Stævning indleveret til Retten i Aarhus"))
            #expect(card.contains("efter opsigelsen eller ophævelsen: kan være en indsigelse"))
            // No letter goes for the court step; the note is staff's own.
            #expect(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 4 + 3
                    * who.aboutTenants.count
            )
            let followed = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident2).1
            // The complainant hears that the case went on, not how: the household may still object.
            #expect(followed.contains("Der er taget yderligere skridt over for beboerne i boligen"))
            #expect(!followed.contains("Stævning") && !followed.contains("opsagt") && !followed.contains("boligretten"))

            // The evidence with its originals: the summary, every letter, the photo and the recording.
            var zip = (HTTPStatus.internalServerError, Data(), "")
            try await app.testing().test(
                .GET,
                SiteRoute.staffComplaintOriginals(caseID).path,
                headers: TerminationNoticeTests.headers(staff)
            ) { res async in
                zip = (res.status, Data(res.body.readableBytesView), res.headers.contentType?.serialize() ?? "")
            }
            #expect(zip.0 == .ok && zip.2 == "application/zip")
            let archive = try Archive(data: zip.1, accessMode: .read, pathEncoding: nil)
            let paths = archive.map(\.path)
            let number = try #require(try await CaseFile.find(caseID, on: app.db)).number
            #expect(paths.contains("sagsfremstilling-\(number).pdf"))
            #expect(paths.contains("bilag/billede-1.jpg") && paths.contains("bilag/lydoptagelse-1.wav"))
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(Set(paths.filter { $0.hasPrefix("breve/") }) == Set(letters.map { "breve/\($0.reference).pdf" }))
            var summary = Data()
            _ = try archive.extract(try #require(archive["sagsfremstilling-\(number).pdf"])) { summary += $0 }
            let text = try PDFText.extract(summary).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains(answer) && text.contains("1 billede og 1 lydoptagelse"))
            #expect(text.contains("Lejemålet er opsagt"))
            var original = Data()
            _ = try archive.extract(try #require(archive["bilag/lydoptagelse-1.wav"])) { original += $0 }
            #expect(original == Self.wav)
            // Downloading it is a read of both households' data.
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$dataSubjectID == who.aboutTenants[0])
                    .filter(\.$purpose ~~ "med bilag").count() == 1
            )
        }
    }

    /// After a breach despite the påmindelse, ophævelse: the letter says it takes effect on
    /// arrival and why, and the household is told on its case page; a breach before the
    /// påmindelse is not enough.
    @Test func theLeaseIsTerminatedWithImmediateEffectOnlyAfterABreachDespiteThePaamindelse() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await ComplaintTests.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await ComplaintTests.file(app, who, as: resident, date: "2026-11-21", description: "Trusler på trappen")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let administrator = try await CaseDeadlinesTests.administrator(app)
            var staff = try await PageSessions.signIn(staff: administrator, on: app)
            let action = SiteRoute.staffCaseComplaint(caseID).path
            let post = { (fields: [(String, String)], staff: String) in
                try await CaseDeadlinesTests.post(app, action, fields, as: staff)
            }
            #expect(try await post([("intent", "grave"), ("reason", "Trusler mod en nabo.")], staff).0 == .seeOther)
            #expect(
                try await post(
                    [("intent", "send"), ("action", "paamindelse"), ("text", "Trusler"), ("seen", "0")],
                    staff
                ).0
                    == .seeOther
            )
            // The only episode is from before the påmindelse: refused, with the reason.
            let early = try await post(
                [("intent", "preview"), ("action", "ophaevelse"), ("text", "Nye trusler")],
                staff
            )
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.contains("Der er ingen ny overtrædelse efter påmindelsen"))
            clock.advance(by: 2 * 86_400)
            staff = try await PageSessions.signIn(staff: administrator, on: app)
            #expect(
                try await post([("intent", "episode"), ("date", "2026-11-24"), ("description", "Nye trusler")], staff).0
                    == .seeOther
            )
            let reason = "Nye trusler mod en nabo den 24. november 2026."
            let preview = try await post([("intent", "preview"), ("action", "ophaevelse"), ("text", reason)], staff)
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("Ophævelse af lejemålet") && preview.1.contains("Begrundelse: \(reason)"))
            #expect(
                try await post([("intent", "send"), ("action", "ophaevelse"), ("text", reason), ("seen", "1")], staff).0
                    == .seeOther
            )
            let letters = try await Letter.query(on: app.db).filter(\.$kind == .ophaevelse).all()
            #expect(letters.count == who.aboutTenants.count)
            let text = try PDFText.extract(try #require(letters.first).pdf).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            #expect(text.contains("Ophævelsen gælder, når dette brev er kommet frem til dig"))
            #expect(
                text.contains("Vi sendte dig den 23. november 2026 en påmindelse med advarsel") && text.contains(reason)
            )
            let stored = try #require(try await NeighbourComplaint.find(complaint.requireID(), on: app.db))
            #expect(stored.step == .ophaevelse && stored.sanctionOn == "2026-11-25" && stored.terminationEndsOn == nil)
            // No court deadline: an ophævelse is not objected to within a period.
            #expect(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$kind == .court)
                    .count() == 0
            )
            let other = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: other).1
            #expect(theirs.contains("Vi ophævede dit lejemål onsdag den 25. november 2026"))
            #expect(theirs.contains("Dit svar til os"))
        }
    }

    /// An organisation chooses a window of 1 month (the policy's 1–3): an episode after it starts
    /// over with a henstilling instead of a påmindelse. Only administrators choose, audited.
    @Test func anOrganisationsShorterWindowForARepeatedComplaintStartsItOver() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await ComplaintTests.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await ComplaintTests.file(app, who, as: resident, date: "2026-11-20", description: "Høj musik")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let administrator = try await CaseDeadlinesTests.administrator(app)
            var admin = try await PageSessions.signIn(staff: administrator, on: app)
            let setting = SiteRoute.complaintSetting(organisation).path
            let caseworker = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Cilla", of: organisation, on: app),
                on: app
            )
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "1")], as: caseworker).0 == .forbidden)
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "4")], as: admin).0 == .badRequest)
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "1")], as: admin).0 == .seeOther)
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "1")], as: admin).0 == .seeOther)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.complaintWindowSet.rawValue)
                    .count() == 1
            )
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.complaintSettings.path, as: admin).1
            #expect(page.contains(#"<option value="1" selected>1 måned</option>"#))

            let action = SiteRoute.staffCaseComplaint(caseID).path
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    action,
                    [("intent", "send"), ("action", "henstilling"), ("text", "Høj musik"), ("seen", "0")],
                    as: admin
                ).0 == .seeOther
            )
            // Henstilling on 23 November 2026; a month later is 23 December. An episode on 30
            // December is after the window.
            clock.advance(by: 40 * 86_400)
            admin = try await PageSessions.signIn(staff: administrator, on: app)
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    action,
                    [("intent", "episode"), ("date", "2026-12-30"), ("description", "Musik igen")],
                    as: admin
                ).0 == .seeOther
            )
            let refused = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "paamindelse"), ("text", "Musik igen")],
                as: admin
            )
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("Den nye episode ligger efter 23. december 2026"))
            // Within the default 3 months it would be a påmindelse.
            #expect(try await CaseDeadlinesTests.post(app, setting, [("value", "3")], as: admin).0 == .seeOther)
            let allowed = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "paamindelse"), ("text", "Musik igen")],
                as: admin
            )
            #expect(allowed.0 == .ok)
        }
    }

    /// The household answered after an opsigelse and the objection period is over: the case
    /// closes only once a caseworker says the answer is no objection, which the history keeps;
    /// until then the court deadline stands.
    @Test func anAnswerAfterTheOpsigelseIsJudgedBeforeTheCaseCloses() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await ComplaintTests.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await ComplaintTests.file(app, who, as: resident, date: "2026-11-21", description: "Trusler")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let administrator = try await CaseDeadlinesTests.administrator(app)
            var staff = try await PageSessions.signIn(staff: administrator, on: app)
            let action = SiteRoute.staffCaseComplaint(caseID).path
            let post = { (path: String, fields: [(String, String)], staff: String) in
                try await CaseDeadlinesTests.post(app, path, fields, as: staff)
            }
            #expect(
                try await post(action, [("intent", "grave"), ("reason", "Trusler mod en nabo.")], staff).0 == .seeOther
            )
            let reminder = [("intent", "send"), ("action", "paamindelse"), ("text", "Trusler"), ("seen", "0")]
            #expect(try await post(action, reminder, staff).0 == .seeOther)
            clock.advance(by: 2 * 86_400)
            staff = try await PageSessions.signIn(staff: administrator, on: app)
            let episode = [("intent", "episode"), ("date", "2026-11-24"), ("description", "Nye trusler")]
            #expect(try await post(action, episode, staff).0 == .seeOther)
            // Wednesday 25 November 2026: the dates are counted from that day.
            let termination = [
                ("intent", "send"), ("action", "opsigelse"), ("text", "Nye trusler"), ("seen", "1"),
                ("counted", "2026-11-25"),
            ]
            #expect(try await post(action, termination, staff).0 == .seeOther)
            let other = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let answer = [("text", "Vi mener ikke, at vi har truet nogen."), ("token", UUID().uuidString)]
            #expect(try await post(SiteRoute.myComplaintReply(caseID).path, answer, other).0 == .seeOther)

            // Past the objection deadline, with the court deadline still open.
            clock.advance(by: 60 * 86_400)
            staff = try await PageSessions.signIn(staff: administrator, on: app)
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains(#"name="notObjection""#))
            let status = SiteRoute.staffCaseStatus(caseID).path
            #expect(try await post(status, [("status", "closed")], staff).0 == .seeOther)
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .open)
            let told = SiteRoute.staffCase(caseID).path(query: [("besked", "svaret")])
            #expect(
                try await CaseDeadlinesTests.get(app, told, as: staff).1.contains(
                    "Beboerne har svaret efter opsigelsen"
                )
            )
            #expect(try await post(status, [("status", "closed"), ("notObjection", "ja")], staff).0 == .seeOther)
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .closed)
            // No court case is due: the deadline goes rather than reading "met".
            #expect(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID).filter(\.$kind == .court)
                    .count() == 0
            )
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == caseID).filter(\.$kind == .note)
                    .filter(\.$detail == "Beboernes svar efter opsigelsen er vurderet: det er ikke en indsigelse.")
                    .count() == 1
            )
        }
    }
}
