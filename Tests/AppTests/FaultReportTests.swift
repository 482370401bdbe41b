import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A resident reports a fault: errors at the fields, photos checked by content and without their
/// location, one case however often it is sent, and the photos for staff (audited) and the parties.
@Suite("Fault reports")
struct FaultReportTests {
    /// A JPEG as a phone makes it: JFIF header, an EXIF segment with a position, a table, the scan.
    static let jpeg: Data = {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let exif = Array("Exif".utf8) + [0, 0] + Array("GPS 56.1572 10.2107".utf8)
        bytes += [0xFF, 0xE1, 0x00, UInt8(exif.count + 2)] + exif
        bytes += [0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]
        bytes += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9]
        return Data(bytes)
    }()

    /// A PNG with its header, a text chunk with a place, a time, the image data and the end.
    static let png: Data = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let length = UInt32(data.count)
            return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
                + Array(type.utf8) + data + [0, 0, 0, 0]
        }
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        bytes += chunk("tEXt", Array("Location".utf8) + [0] + Array("Engvej 12, Aarhus".utf8))
        bytes += chunk("tIME", [0x07, 0xEA, 12, 3, 9, 41, 0])
        bytes += chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00])
        bytes += chunk("IEND", [])
        return Data(bytes)
    }()

    @Test func aDecisionsReasonKeepsItsParagraphs() {
        #expect(
            CaseDecisionController.because("Første linje\r\nfortsat.\r\n\r\nNyt afsnit.")
                == ["Begrundelse: Første linje fortsat.", "Nyt afsnit."]
        )
        #expect(CaseDecisionController.because("").isEmpty)
    }

    @Test func photosLoseTheirLocationAndAnythingElseIsRefused() throws {
        let jpeg = try #require(ImageMetadata.strippedJPEG(Self.jpeg))
        #expect(!String(decoding: jpeg, as: UTF8.self).contains("GPS"))
        #expect(String(decoding: jpeg, as: UTF8.self).contains("JFIF"))
        #expect(jpeg.suffix(4) == Data([0x12, 0x34, 0xFF, 0xD9]))
        #expect(jpeg.count == Self.jpeg.count - 4 - (4 + 2 + 19))
        let png = try #require(ImageMetadata.strippedPNG(Self.png))
        let text = String(decoding: png, as: UTF8.self)
        #expect(!text.contains("Engvej") && !text.contains("tIME"))
        #expect(text.contains("IHDR") && text.contains("IDAT") && text.contains("IEND"))
        // Not an image, a truncated one, and a PDF: none is a photo.
        #expect(ImageMetadata.cleanPhoto(Data("MZ this is a program".utf8)) == nil)
        #expect(ImageMetadata.cleanPhoto(Self.jpeg.prefix(12)) == nil)
        #expect(ImageMetadata.cleanPhoto(HomeStartPageTests.pdf) == nil)
        #expect(ImageMetadata.cleanPhoto(Self.png)?.1 == "image/png")
    }

    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        photos: [Data] = [],
        as token: String
    ) async throws -> (HTTPStatus, String, String?) {
        try await MultipartForm.post(
            app,
            path,
            fields,
            files: photos.enumerated().map { ("foto\($0.offset).jpg", $0.element) },
            field: "photos[]",
            as: token
        )
    }

    @Test func aResidentReportsAFaultWithAPhotoOnceAndStaffSeeIt() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myFaultReport(tenancy.lease_id).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains("Hvor er fejlen?"))
            #expect(form.contains(#"id="masterKey" aria-describedby="masterKey-hint""#))
            // Whom to ring when it is urgent: the department's service centre and its number.
            let department = try #require(
                try await Department.query(on: app.db).join(
                    Dwelling.self,
                    on: \Dwelling.$department.$id == \Department.$id
                )
                .join(Lease.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                .filter(Lease.self, \.$id == tenancy.lease_id).first()
            )
            let (office, phone) = (try #require(department.serviceName), try #require(department.servicePhone))
            #expect(
                form.contains(
                    "ring også til \(office) på <a href=\"\(MyHomeController.phoneLink(phone))\">\(phone)</a>."
                )
            )
            department.serviceName = nil
            department.servicePhone = nil
            try await department.save(on: app.db)
            let unknown = try await CaseDeadlinesTests.get(app, path, as: token).1
            #expect(unknown.contains("ring også til afdelingens service.") && !unknown.contains("tel:"))

            let formToken = UUID().uuidString
            let (refused, body, _) = try await Self.post(
                app,
                path,
                [("location", "kitchen"), ("description", ""), ("token", formToken)],
                photos: [Data("MZ not a photo".utf8)],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Beskriv fejlen.") && !body.contains("højst 2.000 tegn"))
            #expect(body.contains("Svar, om vi må låse os ind med hovednøglen."))
            // The question's error and hint are read with it.
            #expect(body.contains(#"id="masterKey" aria-describedby="masterKey-error masterKey-hint""#))
            #expect(body.contains(#"id="masterKey-ja" name="masterKey" value="ja" aria-invalid="true">"#))
            #expect(body.contains("Et af billederne er ikke en JPEG eller PNG."))
            #expect(body.contains("Vælg billederne igen"))
            let six = try await Self.post(
                app,
                path,
                [("location", "stairwell"), ("description", "Lyset virker ikke"), ("token", formToken)],
                photos: Array(repeating: Self.jpeg, count: 6),
                as: token
            )
            #expect(six.0 == .unprocessableEntity)
            #expect(six.1.contains("Vælg højst 5 billeder."))
            // Sent empty: every question at once, the master key's for a fault in the home.
            let empty = try await Self.post(app, path, [("token", formToken)], as: token)
            #expect(empty.1.contains("Vælg, hvor fejlen er.") && empty.1.contains("Beskriv fejlen."))
            #expect(empty.1.contains("Svar, om vi må låse os ind med hovednøglen, hvis fejlen er i din bolig."))
            // A common area's fault does not ask it (`six` above).
            #expect(!six.1.contains("Svar, om vi må låse os ind"))
            // Too much text is said as such, not as if nothing were written.
            let long = try await Self.post(
                app,
                path,
                [
                    ("location", "stairwell"), ("description", String(repeating: "x", count: 2001)),
                    ("token", formToken),
                ],
                photos: [],
                as: token
            )
            #expect(long.0 == .unprocessableEntity)
            // No photos were chosen, so none are to be chosen again.
            #expect(!long.1.contains("Vælg billederne igen"))
            #expect(long.1.contains("Beskrivelsen må højst være 2.000 tegn.") && !long.1.contains("Beskriv fejlen."))
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 0)

            let fields = [
                ("location", "bathroom"), ("description", "Håndvasken er utæt.\r\n\r\nDet drypper under skabet."),
                ("masterKey", "ja"), ("token", formToken),
            ]
            // The form goes to its preview: the report as it will be sent, the photo held, nothing
            // stored yet.
            let (previewed, preview, _) = try await Self.post(
                app,
                path,
                fields + [("step", "preview")],
                photos: [Self.jpeg],
                as: token
            )
            #expect(previewed == .ok)
            #expect(preview.contains("Se din fejlmelding igennem") && preview.contains("Bad og toilet"))
            #expect(preview.contains("Ja, I må gerne låse jer ind") && preview.contains("foto0.jpg"))
            #expect(preview.contains(#"<dd class="pre-line">Håndvasken er utæt."#))
            #expect(preview.contains("vi vender tilbage senest <strong>"))
            #expect(!preview.contains("<textarea"))
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 0)
            #expect(try await Letter.query(on: app.db).filter(\.$subject ~~ "fejlmelding").count() == 0)
            let held = try #require(
                preview.firstMatch(of: #/name="kept\[\]" value="([0-9a-f-]{36})"/#).map { String($0.output.1) }
            )
            // "Ret fejlmeldingen": the form again as it was, the photo still held and ticked.
            let (corrected, refilled, _) = try await Self.post(
                app,
                path,
                fields + [("kept[]", held), ("step", "edit")],
                as: token
            )
            #expect(corrected == .ok)
            #expect(refilled.contains("Det drypper under skabet.</textarea>"))
            #expect(refilled.contains(#"name="kept[]" value="\#(held)" checked> <label for="photos-held-1">foto0.jpg"#))
            #expect(!refilled.contains("Se din fejlmelding igennem"))
            let (sent, _, location) = try await Self.post(
                app,
                path,
                fields + [("kept[]", held), ("step", "send")],
                as: token
            )
            #expect(sent == .seeOther)
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).first())
            let caseID = try caseFile.requireID()
            #expect(location == SiteRoute.myCase(caseID).path + "?besked=fejl")
            // The system's title is kept in both languages, and each list names it in its reader's.
            let address = try #require(try await MyHomePage.lease(tenancy.lease_id, of: tenancy.person_id, on: app.db))
                .addressLine
            #expect(caseFile.title == "Fejlmelding: Bad og toilet, \(address)")
            #expect(caseFile.titleEnglish == "Fault report: Bathroom and toilet, \(address)")
            let staffToken = try await PageSessions.signIn(
                staff: try await CaseDeadlinesTests.administrator(app),
                on: app
            )
            for (path, person) in [(SiteRoute.staffCases.path, staffToken), (SiteRoute.myCases.path, token)] {
                let danish = try await CaseDeadlinesTests.get(app, path, as: person).1
                let english = try await CaseDeadlinesTests.get(app, path + "?lang=en", as: person).1
                #expect(danish.contains("Fejlmelding: Bad og toilet"), "\(path)")
                #expect(
                    english.contains("Fault report: Bathroom and toilet") && !english.contains("Fejlmelding"),
                    "\(path)"
                )
            }
            let home = try await CaseDeadlinesTests.get(app, SiteRoute.myHome.path + "?lang=en", as: token).1
            #expect(home.contains("Fault report: Bathroom and toilet"))
            // Staff find it by either.
            let found = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCases.path(query: [("q", "fault report")]),
                as: staffToken
            ).1
            #expect(found.contains(caseFile.number))
            // The same form again (a double click): the same case. The preview's send again too,
            // though the photo it ticks went with the report: to the case, not "no longer kept".
            let again = try await Self.post(app, path, fields, photos: [Self.jpeg], as: token)
            #expect(again.2 == SiteRoute.myCase(caseID).path)
            let resent = try await Self.post(app, path, fields + [("kept[]", held), ("step", "send")], as: token)
            #expect(resent.0 == .seeOther && resent.2 == SiteRoute.myCase(caseID).path)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 1)
            let photo = try #require(try await CaseAttachment.query(on: app.db).filter(\.$caseID == caseID).first())
            #expect(!String(decoding: photo.data, as: UTF8.self).contains("GPS"))
            let letter = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            #expect(letter.subject.hasPrefix("Kvittering: fejlmelding"))
            #expect(try PDFText.extract(letter.pdf).contains("hovednøglen"))
            // What they wrote keeps its paragraphs.
            #expect(
                try PDFText.extract(letter.pdf).contains("Du skrev: Håndvasken er utæt.")
                    && !PDFText.extract(letter.pdf).contains("utæt. Det drypper")
            )
            // The receipt names the case's number, taken before the letter was set.
            #expect(try PDFText.extract(letter.pdf).contains("Din sag har nummer \(caseFile.number)."))

            // Staff see the report and its photo (audited); the resident sees the photo too.
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(page.contains("Bad og toilet"))
            #expect(page.contains("Det drypper under skabet."))
            // Staff read what the answer lets them do, not the tenant's own words.
            #expect(page.contains("Hovednøgle") && page.contains("Vi må låse os ind, hvis beboeren ikke er hjemme"))
            #expect(!page.contains("I må gerne låse jer ind") && !page.contains("hvis du ikke er hjemme"))
            #expect(page.contains(SiteRoute.staffCaseAttachment(caseID, 1).path))
            var type: String?
            try await app.testing().test(
                .GET,
                SiteRoute.staffCaseAttachment(caseID, 1).path,
                headers: TerminationNoticeTests.headers(staff)
            ) { res async throws in
                type = res.headers.contentType?.description
            }
            #expect(type == "image/jpeg")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseAttachmentRead.rawValue)
                    .count() == 1
            )
            // The caseworker answers it: an outcome of another kind is refused; "mended" goes to
            // the tenant and closes the case.
            let decide = SiteRoute.staffCaseDecision(caseID).path
            #expect(page.contains("Fejlen er udbedret"))
            let wrong = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains("Vælg afgørelsen."))
            // The reason is asked for in the fault's own terms (there is no "no" to answer).
            #expect(page.contains("Skal udfyldes, når fejlen ikke er boligorganisationens at udbedre."))
            let unreasoned = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "not_ours")],
                as: staff
            )
            #expect(unreasoned.0 == .unprocessableEntity)
            #expect(unreasoned.1.contains("Skriv, hvorfor fejlen ikke er boligorganisationens at udbedre."))
            let done = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "send"), ("outcome", "fixed"), ("reason", "Vi har skiftet pakningen.")],
                as: staff
            )
            #expect(done.0 == .seeOther)
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .closed)
            let answer = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                    .filter(\.$subject == "Fejlmelding: fejlen er udbedret").first()
            )
            #expect(answer.$recipient.id == tenancy.person_id)
            #expect(try PDFText.extract(answer.pdf).contains("Vi har skiftet pakningen."))
            // The case nobody had taken is the decider's now.
            let administrator = try await CaseDeadlinesTests.administrator(app)
            #expect(try await CaseFile.find(caseID, on: app.db)?.assigneeID == administrator)
            // The tenant's case page shows their report, its photo and what was decided, and why.
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(mine.contains("Din fejlmelding") && mine.contains("Det drypper under skabet."))
            #expect(mine.contains("Ja, I må gerne låse jer ind"))
            #expect(mine.contains("Bad og toilet") && mine.contains(SiteRoute.myCaseAttachment(caseID, 1).path))
            #expect(mine.contains("Udbedret 23. november 2026") && mine.contains("Vi har skiftet pakningen."))
            #expect(mine.contains("Fejlen er udbedret, og sagen er afsluttet"))
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myCaseAttachment(caseID, 1).path, as: token).0 == .ok
            )
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myCaseAttachment(caseID, 2).path, as: token).0
                    == .notFound
            )
            let stranger = try await PageSessions.signIn(
                person: try #require(
                    try await LeaseTenant.query(on: app.db).filter(\.$lease.$id != tenancy.lease_id).first()
                ).$person.id,
                on: app
            )
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myCaseAttachment(caseID, 1).path, as: stranger).0
                    == .notFound
            )
            #expect(try await CaseDeadlinesTests.get(app, path, as: stranger).0 == .notFound)

            // A fault in a common area: the master key is not asked, so an answer left ticked is
            // neither in the receipt nor on either case page.
            let (common, _, commonPath) = try await Self.post(
                app,
                path,
                [
                    ("location", "laundry"), ("description", "Tørretumbleren larmer."), ("masterKey", "ja"),
                    ("token", UUID().uuidString),
                ],
                as: token
            )
            #expect(common == .seeOther)
            let laundry = try #require(
                try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).filter(\.$id != caseID).first()
            )
            let laundryID = try laundry.requireID()
            #expect(commonPath == SiteRoute.myCase(laundryID).path + "?besked=fejl")
            let receipt = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == laundryID).first())
            #expect(!(try PDFText.extract(receipt.pdf).contains("hovednøglen")))
            let staffCommon = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(laundryID).path, as: staff).1
            #expect(staffCommon.contains("Vaskeri") && !staffCommon.contains("Hovednøgle"))
            let mineCommon = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(laundryID).path, as: token).1
            #expect(mineCommon.contains("Vaskeri") && !mineCommon.contains("låse"))
        }
    }
}

extension FaultReportTests {
    /// The decision's letter says where the fault was: in the home at its address, in a common
    /// area as the department's (not the reporter's flat).
    @Test(arguments: [
        (FaultLocation.kitchen, "Fejlen, du meldte om i Søvej 7, 1. tv (køkken), er nu udbedret."),
        (.stairwell, "Fejlen, du meldte om i afdelingen (opgang og trappe), er nu udbedret."),
    ])
    func theDecisionSaysWhereTheFaultWas(location: FaultLocation, first: String) {
        let report = FaultReport()
        report.location = location
        let letter = CaseDecisionController.faultLetter(.fixed, reason: "", report: report, address: "Søvej 7, 1. tv")
        #expect(letter.paragraphs.first?.raw == first)
    }
}

extension FaultReportTests {
    /// The case says how to answer our letters by the channel the resident gets them: in the
    /// digital mailbox, or, on paper (exempt from Digital Post), by post or phone.
    @Test func theCaseSaysHowToAnswerByTheChannelTheResidentGetsLettersBy() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let (sent, _, location) = try await Self.post(
                app,
                SiteRoute.myFaultReport(tenancy.lease_id).path,
                [("location", "stairwell"), ("description", "Lyset virker ikke"), ("token", UUID().uuidString)],
                as: token
            )
            #expect(sent == .seeOther)
            let path = try #require(location)
            let sql = try #require(app.db as? any SQLDatabase)
            for (channel, words) in [
                ("digital_post", "gør det i din digitale postkasse"),
                ("physical", "Du får vores breve med almindelig post."),
            ] {
                try await sql.raw(
                    "UPDATE letters SET channel = \(bind: channel) WHERE recipient_person_id = \(bind: tenancy.person_id)"
                ).run()
                let page = try await CaseDeadlinesTests.get(app, path, as: token).1
                #expect(page.contains(words), "\(channel)")
            }
        }
    }
}
