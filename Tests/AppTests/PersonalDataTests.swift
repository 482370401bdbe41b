import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

@testable import App

/// The resident's personal data: consents given and withdrawn with their words and history, and
/// what a withdrawal stops; a copy of everything, collected by a job and downloaded once; a
/// request about the data that becomes a case due in a month; the same data as JSON.
@Suite("Personal data")
struct PersonalDataTests {
    @Test func aResidentGivesAndWithdrawsAConsentWithItsWordsAndHistory() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let (shown, page) = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path, as: token)
            #expect(shown == .ok)
            #expect(page.contains("Billeder af mig"))
            #expect(page.contains("Ikke givet"))
            // The demo register's CPR numbers came with the lease: kept on that basis.
            #expect(page.contains("Vi har dit CPR-nummer fra udlejningen"))

            let path = SiteRoute.myConsent(ConsentKind.photos).path
            #expect(try await CaseDeadlinesTests.post(app, path, [("intent", "give")], as: token).0 == .seeOther)
            let given = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path + "?besked=given", as: token).1
            #expect(given.contains("Dit samtykke er registreret."))
            #expect(given.contains("Du har givet samtykke"))
            #expect(given.contains("Hvis du trækker samtykket tilbage:"))
            let consent = try #require(
                try await Consent.query(on: app.db).filter(\.$kind == ConsentKind.photos).first()
            )
            #expect(consent.text.hasPrefix("Jeg giver samtykke til, at afdelingen må bruge billeder"))
            #expect(consent.givenHow == "portal")

            // A second give (another tab) changes nothing; the withdrawal keeps the row.
            _ = try await CaseDeadlinesTests.post(app, path, [("intent", "give")], as: token)
            #expect(try await Consent.query(on: app.db).filter(\.$kind == ConsentKind.photos).count() == 1)
            #expect(try await CaseDeadlinesTests.post(app, path, [("intent", "withdraw")], as: token).0 == .seeOther)
            let withdrawn = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path, as: token).1
            #expect(withdrawn.contains("Du har trukket samtykket tilbage"))
            #expect(withdrawn.contains("trukket tilbage 23. november 2026 kl. 10.00 på Almen"))
            let events = try await AuditEvent.query(on: app.db).filter(\.$dataSubjectID == tenancy.person_id).all()
                .map(\.action)
            #expect(events.contains("consent.give") && events.contains("consent.withdraw"))
            // An unknown kind is not found.
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.myConsent("nope").path,
                    [("intent", "give")],
                    as: token
                )
                .0 == .notFound
            )
        }
    }

    @Test func withdrawingTheCPRConsentDeletesANumberGivenWithConsentOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(1, on: app)
            let byConsent = tenancies[0].person_id
            let byRegister = tenancies[1].person_id
            let sql = try #require(app.db as? any SQLDatabase)
            for person in [byConsent, byRegister] {
                try await Consent(
                    id: UUID(),
                    personID: person,
                    kind: ConsentKind.cpr,
                    text: "Jeg giver samtykke …",
                    givenAt: Date(timeIntervalSince1970: 1_700_000_000)
                ).create(on: app.db)
            }
            try await sql.raw("UPDATE people SET cpr_basis = 'consent' WHERE id = \(bind: byConsent)").run()
            let path = SiteRoute.myConsent(ConsentKind.cpr).path

            let first = try await PageSessions.signIn(person: byConsent, on: app)
            let (_, location) = try await post(app, path, [("intent", "withdraw")], as: first)
            #expect(location?.contains("besked=cpr_deleted") == true)
            let deleted = try #require(try await Person.find(byConsent, on: app.db))
            #expect(deleted.cprCiphertext == nil && deleted.cprLookupHash == nil)

            let second = try await PageSessions.signIn(person: byRegister, on: app)
            let (_, kept) = try await post(app, path, [("intent", "withdraw")], as: second)
            #expect(kept?.contains("besked=cpr_kept") == true)
            #expect(try await Person.find(byRegister, on: app.db)?.cprCiphertext != nil)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path + "?besked=cpr_kept", as: second)
                .1
            #expect(page.contains("Vi beholder dit CPR-nummer"))
        }
    }

    @Test func aWithdrawnDigitalPostConsentSendsLettersAboutAnOldLeaseByPost() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw(
                "UPDATE leases SET start_date = '2012-04-01', digital_opt_out = \(bind: false) WHERE id = \(bind: tenancy.lease_id)"
            ).run()
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path, as: token).1
            #expect(page.contains("Givet til administrationen, før du brugte Almen"))
            #expect(page.contains("Dagen er ikke gemt."))
            let path = SiteRoute.myConsent(ConsentKind.digitalPost).path
            let (_, location) = try await post(app, path, [("intent", "withdraw")], as: token)
            #expect(location?.contains("besked=digital_post_stopped") == true)

            let prepared = try await app.letters().prepare(
                GeneralLetter(subject: "Prøve", paragraphs: ["Et brev."]),
                to: tenancy.person_id,
                lease: tenancy.lease_id
            )
            #expect(prepared.facts.consentWithdrawn)
            guard case .decided(let decision) = ChannelRules.decide(prepared.facts) else {
                Issue.record("The withdrawn consent decides the channel without a look-up")
                return
            }
            #expect(decision.channel == .physical && decision.reasons.contains(.consentWithdrawn))
            // Given again a minute later: the letters may go digitally again.
            clock.advance(by: 60)
            _ = try await post(app, path, [("intent", "give")], as: token)
            #expect(try await Consents.digitalPostWithdrawn(tenancy.person_id, on: app.db) == false)
        }
    }

    @Test func aCopyOfEverythingIsCollectedByAJobAndDownloadedOnce() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            // A letter to the resident, to find in the copy.
            let letters = app.letters()
            let prepared = try await letters.prepare(
                GeneralLetter(subject: "Varsel om vandafbrydelse", paragraphs: ["Vandet lukkes."]),
                to: tenancy.person_id,
                lease: tenancy.lease_id
            )
            try await letters.send(prepared, createdBy: nil, caseID: nil, on: app.db)
            // A fault report with a photo, whose photo is in the copy.
            let (reported, _, _) = try await FaultReportTests.post(
                app,
                SiteRoute.myFaultReport(tenancy.lease_id).path,
                [
                    ("location", "kitchen"), ("description", "Emhætten larmer."), ("masterKey", "nej"),
                    ("token", UUID().uuidString),
                ],
                photos: [FaultReportTests.jpeg],
                as: token
            )
            #expect(reported == .seeOther)

            let (ordered, _) = try await post(app, SiteRoute.myDataExport.path, [], as: token)
            #expect(ordered == .seeOther)
            _ = try await post(app, SiteRoute.myDataExport.path, [], as: token)
            let export = try #require(try await app.dataExports.latest(for: tenancy.person_id))
            #expect(try await DataExport.query(on: app.db).count() == 1)
            struct Count: Decodable { let count: Int }
            let sql = try #require(app.db as? any SQLDatabase)
            let jobs = try await sql.raw(
                "SELECT COUNT(*) AS count FROM jobs WHERE kind = \(bind: JobKind.privacyExport.rawValue)"
            ).first(decoding: Count.self)
            #expect(jobs?.count == 1)
            let waiting = try await CaseDeadlinesTests.get(app, SiteRoute.myData.path, as: token).1
            #expect(waiting.contains("Vi er ved at samle dine oplysninger."))

            let exportID = try export.requireID()
            try await app.dataExports.build(DataExportJob(export: exportID), now: app.dependencies.now())
            let stored = try #require(try await DataExport.find(exportID, on: app.db))
            #expect(stored.status == .ready)
            // Sealed at rest: the stored bytes are no ZIP.
            #expect(stored.sealedZIP?.prefix(2) != Data("PK".utf8))
            let ready = try await CaseDeadlinesTests.get(app, SiteRoute.myData.path, as: token).1
            #expect(ready.contains(SiteRoute.myDataExportFile(exportID).path))
            #expect(ready.contains("30. november 2026 kl. 10.00"))

            var zip = Data()
            var status: HTTPStatus = .internalServerError
            try await app.testing().test(
                .GET,
                SiteRoute.myDataExportFile(exportID).path,
                headers: TerminationNoticeTests.headers(token)
            ) { res async throws in
                status = res.status
                zip = Data(buffer: res.body)
                #expect(res.headers.contentType?.description == "application/zip")
            }
            #expect(status == .ok)
            let archive = try Archive(data: zip, accessMode: .read, pathEncoding: nil)
            let json = try #require(archive["data.json"])
            var jsonData = Data()
            _ = try archive.extract(json) { jsonData.append($0) }
            let object = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
            #expect(object["format"] as? String == "almen.personal-data/1")
            let person = try #require(object["person"] as? [String: Any])
            #expect(person["id"] as? String == tenancy.person_id.uuidString)
            #expect((person["cpr_number"] as? String)?.count == 10)
            let lettersInCopy = try #require(object["letters"] as? [[String: Any]])
            let letter = try #require(lettersInCopy.first { $0["subject"] as? String == "Varsel om vandafbrydelse" })
            let file = try #require(letter["file"] as? String)
            let pdf = try #require(archive[file])
            var pdfData = Data()
            _ = try archive.extract(pdf) { pdfData.append($0) }
            #expect(pdfData.prefix(5) == Data("%PDF-".utf8))
            // The photo sent with the fault report, named by its case, without its location.
            let files = try #require(object["files"] as? [[String: Any]])
            let photo = try #require(files.first)
            #expect(files.count == 1 && photo["what"] as? String == "fault_report")
            #expect(photo["content_type"] as? String == "image/jpeg" && photo["source_id"] == nil)
            let caseNumber = try #require(
                try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).first()?.number
            )
            #expect(photo["case_number"] as? String == caseNumber)
            #expect(photo["file"] as? String == "files/1-fault_report.jpg")
            var photoData = Data()
            _ = try archive.extract(try #require(archive["files/1-fault_report.jpg"])) { photoData.append($0) }
            #expect(photoData.prefix(2) == Data([0xFF, 0xD8]) && photoData.count == photo["byte_count"] as? Int)
            #expect(!String(decoding: photoData, as: UTF8.self).contains("GPS"))
            #expect(object["consents_on_record"] is [Any] && object["subletting_requests"] is [Any])
            #expect(object["swap_requests"] is [Any])

            // Once: the second download is gone, and the copy with it.
            var again: HTTPStatus = .ok
            try await app.testing().test(
                .GET,
                SiteRoute.myDataExportFile(exportID).path,
                headers: TerminationNoticeTests.headers(token)
            ) { res async throws in
                again = res.status
                #expect(res.body.string.contains("Kopien er allerede hentet"))
            }
            #expect(again == .gone)
            #expect(try await DataExport.find(exportID, on: app.db)?.sealedZIP == nil)
            // Another resident cannot take someone's copy.
            let other = try await PageSessions.signIn(
                person: try await TerminationNoticeTests.tenancies(1, on: app)[1].person_id,
                on: app
            )
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myDataExportFile(exportID).path, as: other).0 == .gone
            )
        }
    }

    @Test func twoOrdersAtTheSameMomentMakeOneCopy() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let ids = try await withThrowingTaskGroup(of: UUID.self) { group in
                for _ in 0..<4 { group.addTask { try await app.dataExports.order(for: tenancy.person_id) } }
                return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await DataExport.query(on: app.db).count() == 1)
        }
    }

    @Test func aCopyNotDownloadedInTimeIsDeleted() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let id = try await app.dataExports.order(for: tenancy.person_id)
            try await app.dataExports.build(DataExportJob(export: id), now: app.dependencies.now())
            clock.advance(by: DataExport.lifetime + 60)
            try await app.dataExports.expire(now: app.dependencies.now())
            let export = try #require(try await DataExport.find(id, on: app.db))
            #expect(export.status == .expired && export.sealedZIP == nil)
            #expect(try await app.dataExports.download(id, by: tenancy.person_id) == nil)
        }
    }

    @Test func aRequestAboutTheDataBecomesACaseDueInAMonth() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let form = UUID().uuidString
            let (refused, body) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myDataRequest.path,
                [("right", "access"), ("text", " "), ("token", form)],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Hvad vil du bede om? Vælg hvad du vil bede om."))
            #expect(body.contains("Skriv hvilke oplysninger det drejer sig om"))

            let fields = [
                ("right", "rectification"),
                ("text", "Mit telefonnummer er forkert.\r\n\r\nDet rigtige er 12 34 56 78."),
                ("token", form),
            ]
            // Shown first, as it will be sent, with the day it is answered by; nothing is made yet.
            let (shown, preview) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myDataRequest.path,
                fields,
                as: token
            )
            #expect(shown == .ok)
            #expect(preview.contains("Sådan lyder din anmodning. Den er ikke sendt endnu."))
            // The home is said as a fact, not as a question the form did not ask.
            #expect(preview.contains("<dt>Lejemål</dt>") && !preview.contains("<dt>Hvilket lejemål gælder det?</dt>"))
            #expect(preview.contains("svarer vi senest onsdag den 23. december 2026"))
            #expect(
                preview.contains(
                    #"<button type="submit" class="button" name="step" value="send">Send anmodningen</button>"#
                )
            )
            #expect(try await DataRequest.query(on: app.db).count() == 0)
            // "Ret" brings the form back filled in.
            let edit = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myDataRequest.path,
                fields + [("step", "edit")],
                as: token
            )
            #expect(
                edit.1.contains(">Mit telefonnummer er forkert.\r\n\r\nDet rigtige er 12 34 56 78.</textarea>")
                    && !edit.1.contains("Den er ikke sendt endnu")
            )
            let (sent, location) = try await post(
                app,
                SiteRoute.myDataRequest.path,
                fields + [("step", "send")],
                as: token
            )
            #expect(sent == .seeOther)
            let request = try #require(try await DataRequest.query(on: app.db).first())
            #expect(location == SiteRoute.myCase(request.caseID).path + "?besked=persondata")
            // Received Monday 23 November 2026: answered by Wednesday 23 December.
            #expect(request.answerBy == "2026-12-23")
            let deadline = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == request.caseID).filter(
                    \.$kind == .answer
                )
                .first()
            )
            #expect(deadline.dueOn == "2026-12-23")
            _ = try await post(app, SiteRoute.myDataRequest.path, fields + [("step", "send")], as: token)
            #expect(try await DataRequest.query(on: app.db).count() == 1)
            let receipt = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == request.caseID).first()
            )
            let receiptText = try PDFText.extract(receipt.pdf)
            #expect(receiptText.contains("23. december 2026"))
            // What they wrote keeps its paragraphs.
            #expect(
                receiptText.contains("Du skrev: Mit telefonnummer er forkert.")
                    && !receiptText.contains("forkert. Det rigtige")
                    && receiptText.contains("Det rigtige er 12 34 56 78.")
            )
            // Their case shows what they asked for, as they wrote it.
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(request.caseID).path, as: token).1
            #expect(mine.contains(#"<h2 id="data-request-title">Din anmodning</h2>"#))
            #expect(mine.contains("<dd>Ret forkerte oplysninger</dd>"))
            #expect(mine.contains("Mit telefonnummer er forkert.\n\nDet rigtige er 12 34 56 78.</dd>"))
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(request.caseID).path, as: staff).1
            #expect(page.contains("Ret forkerte oplysninger"))
            #expect(page.contains("Mit telefonnummer er forkert."))
            // Staff answer by letter in the case; the requester is its only party, as the tenant.
            #expect(page.contains(SiteRoute.staffCaseLetter(request.caseID).path))
            let parties = try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == request.caseID).all()
            #expect(parties.map(\.$person.id) == [tenancy.person_id] && parties.first?.role == .tenant)
        }
    }

    @Test func theDataAsJSONForTheSignedInResidentOnly() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let (status, body) = try await CaseDeadlinesTests.get(app, SiteRoute.api(.meData).path, as: token)
            #expect(status == .ok)
            #expect(body.contains("\"format\" : \"almen.personal-data/1\""))
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.api(.meData).path, as: staff).0 == .unauthorized)
        }
    }

    @Test func administratorsAddAKindAndStaffSeeWhoGaveIt() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let (refused, body) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.consentKinds.path,
                [("titleDa", "Nyhedsbrev"), ("titleEn", "")],
                as: admin
            )
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Overskrift (engelsk): Skal udfyldes"))
            let fields = [
                ("titleDa", "Nyhedsbrev på e-mail"), ("titleEn", "Newsletter by e-mail"),
                ("textDa", "Jeg vil have afdelingens nyhedsbrev på e-mail."),
                ("textEn", "I want the newsletter by e-mail."),
                ("effectDa", "Du får ikke flere nyhedsbreve."), ("effectEn", "You get no more newsletters."),
            ]
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.consentKinds.path, fields, as: admin).0 == .seeOther
            )
            let kind = try #require(try await ConsentKind.query(on: app.db).filter(\.$builtIn == false).first())

            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let resident = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            _ = try await post(app, SiteRoute.myConsent(kind.code).path, [("intent", "give")], as: resident)
            let list = try await CaseDeadlinesTests.get(app, SiteRoute.consentKinds.path, as: admin).1
            #expect(list.contains("Nyhedsbrev på e-mail"))
            let people = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.consentKind(try kind.requireID()).path,
                as: admin
            ).1
            let person = try #require(try await Person.find(tenancy.person_id, on: app.db))
            #expect(people.contains(person.fullName))

            // Retired: no longer offered, still in the history of the one who gave it.
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.consentKindRetire(try kind.requireID()).path,
                [],
                as: admin
            )
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myConsents.path, as: resident).1
            #expect(mine.contains("Nyhedsbrev på e-mail"))
            #expect(mine.contains("Vi beder ikke længere om dette samtykke."))
        }
    }

    @Test func theRecordsOfProcessingAreDataTheAdministratorEditsAndThePrivacyArticleShows() async throws {
        try await withTestApp(seedHomes: 5) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let list = try await CaseDeadlinesTests.get(app, SiteRoute.processingRecords.path, as: admin).1
            #expect(list.contains("Boligsocial rådgivning") && list.contains("Administrationsselskabet"))
            let article = SiteRoute.helpArticle("persondata").path
            let before = try await CaseDeadlinesTests.get(app, article, as: admin).1
            #expect(before.contains("Digitaliseringsstyrelsen (Digital Post)"))
            #expect(before.contains("2 år, regnet fra sagens afslutning"))

            let record = try #require(
                try await ProcessingRecord.query(on: app.db).filter(\.$categoryDa == "CPR-nummer").first()
            )
            let path = SiteRoute.processingRecord(try record.requireID()).path
            var fields: [(String, String)] = [
                ("categoryDa", "CPR-nummer"), ("categoryEn", "CPR number"), ("purposeDa", ""),
                ("purposeEn", "Digital Post"), ("basisDa", record.basisDa), ("basisEn", record.basisEn),
                ("recipientsDa", "Digitaliseringsstyrelsen og e-Boks"), ("recipientsEn", "The agency and e-Boks"),
                ("retention", "former_residents"), ("controller", "organisation"),
            ]
            let (refused, body) = try await CaseDeadlinesTests.post(app, path, fields, as: admin)
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Formål (dansk): Skal udfyldes"))
            fields[2] = ("purposeDa", "At sende Digital Post")
            #expect(try await CaseDeadlinesTests.post(app, path, fields, as: admin).0 == .seeOther)
            let after = try await CaseDeadlinesTests.get(app, article, as: admin).1
            #expect(after.contains("Digitaliseringsstyrelsen og e-Boks"))
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "processing.save").count()
            #expect(audited == 1)
        }
    }

    /// A form post's status and redirect.
    func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        as token: String
    ) async throws -> (
        HTTPStatus, String?
    ) {
        var answer: (HTTPStatus, String?) = (.internalServerError, nil)
        try await app.testing().test(
            .POST,
            path,
            headers: TerminationNoticeTests.headers(token),
            body: TerminationNoticeTests.form(fields)
        ) { res async throws in
            answer = (res.status, res.headers.first(name: .location))
        }
        return answer
    }
}
