import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant gives notice in the portal (issue: Requests, item 1): the end date by the rules, a
/// preview, errors at the fields, one case however often the form is sent, every tenant signs,
/// and the confirmation letter with the end date when the last one has.
@Suite("Termination notice")
struct TerminationNoticeTests {
    /// An address a letter can reach has a street and a number; nothing is looked up.
    @Test(arguments: [
        ("Nygade 4", true), ("Nygade 4, 2. th\n8000 Aarhus C", true), ("Hauptstraße 5, 10115 Berlin", true),
        ("12", false), ("x", false), ("Nygade", false), ("8000 4", false), ("", false),
    ])
    func anAddressHasAStreetAndANumber(address: String, looks: Bool) {
        #expect(FieldError.looksLikeAddress(address) == looks, "\(address)")
    }

    struct Tenancy: Decodable {
        let lease_id: UUID
        let person_id: UUID
    }

    /// Family-housing leases that have not ended, with `tenants` tenants: one row per tenant.
    static func tenancies(_ tenants: Int, on app: Application) async throws -> [Tenancy] {
        let sql = try #require(app.db as? any SQLDatabase)
        return try await sql.raw(
            """
            SELECT lt.lease_id, lt.person_id FROM lease_tenants lt
            JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            WHERE l.status <> 'ended' AND d.housing_type = 'family'
              AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = \(bind: tenants)
            ORDER BY lt.lease_id, lt.role DESC
            """
        ).all(decoding: Tenancy.self)
    }

    static func headers(_ token: String) -> HTTPHeaders {
        [
            "Cookie": "\(SessionCookie.session)=\(token)", "X-CSRF-Token": CSRFProtection.token(forSession: token),
            "Content-Type": "application/x-www-form-urlencoded",
        ]
    }

    /// Sends a filled-in notice (a fresh form token each time) and returns the response's status
    /// and where it redirects.
    @discardableResult
    static func send(_ app: Application, _ path: String, as token: String) async throws -> (HTTPStatus, String?) {
        var answer: (HTTPStatus, String?) = (.internalServerError, nil)
        try await app.testing().test(
            .POST,
            path,
            headers: headers(token),
            body: form([
                ("step", "send"), ("token", UUID().uuidString), ("forwardingAddress", "Nygade 4"), ("confirm", "ja"),
            ])
        ) { res async throws in
            answer = (res.status, res.headers.first(name: .location))
        }
        return answer
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        return ByteBuffer(string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B"))
    }

    @Test func aTenantSeesTheEndDatePreviewsAndSendsOnceWithTheConfirmationLetter() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let tenancy = try #require(try await Self.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myTermination(tenancy.lease_id).path
            // Notice arriving Monday 23 November 2026 runs from 1 December: 3 months, March 2027,
            // whose 1st is a Monday and not the day before a helligdag.
            try await app.testing().test(.GET, path, headers: Self.headers(token)) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("mandag den 1. marts 2027"))
                #expect(res.body.string.contains("Se opsigelsen, før du sender"))
            }
            // Nothing filled in: each problem at its field, in Danish, and nothing stored.
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(token),
                body: Self.form([
                    ("step", "preview"), ("forwardingAddress", " "), ("viewing", String(repeating: "x", count: 301)),
                ])
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                let body = res.body.string
                #expect(body.contains(#"id="forwardingAddress-error">Skriv din nye adresse."#))
                #expect(body.contains(#"id="viewing-error">Skriv højst 300 tegn."#))
                #expect(body.contains(#"id="confirm-error">Sæt kryds, hvis du vil opsige lejemålet."#))
            }
            // A number alone is no address a letter reaches.
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(token),
                body: Self.form([("step", "preview"), ("forwardingAddress", "12"), ("confirm", "ja")])
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(
                    res.body.string.contains(
                        #"id="forwardingAddress-error">Skriv hele adressen: vej, nummer, postnummer og by."#
                    )
                )
            }
            let fields = [
                ("forwardingAddress", "Nygade 4, 2. th\n8000 Aarhus C"), ("viewing", "<b>hverdage</b>"),
                ("confirm", "ja"),
            ]
            var submission = ""
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(token),
                body: Self.form([("step", "preview")] + fields)
            ) { res async throws in
                #expect(res.status == .ok)
                let body = res.body.string
                #expect(body.contains("Se din opsigelse igennem"))
                #expect(body.contains("&lt;b&gt;hverdage&lt;/b&gt;"))
                let marker = #"name="token" value=""#
                let start = try #require(body.range(of: marker)).upperBound
                submission = String(body[start...].prefix(36))
            }
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
            var caseID: UUID?
            for _ in 0..<2 {
                try await app.testing().test(
                    .POST,
                    path,
                    headers: Self.headers(token),
                    body: Self.form([("step", "send"), ("token", submission)] + fields)
                ) { res async throws in
                    #expect(res.status == .seeOther)
                    let location = try #require(res.headers.first(name: .location))
                    let id = try #require(UUID(uuidString: String(location.split(separator: "/")[2].prefix(36))))
                    #expect(caseID == nil || caseID == id)
                    caseID = id
                }
            }
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(try await TerminationNotice.query(on: app.db).count() == 1)
            #expect(notice.receivedOn == "2026-11-23")
            #expect(notice.endDate == "2027-03-01")
            #expect(notice.forwardingAddress == "Nygade 4, 2. th\n8000 Aarhus C")
            // The register learns the end: the lease is terminated, and no second notice is offered.
            let lease = try #require(try await Lease.find(tenancy.lease_id, on: app.db))
            #expect(lease.status == .terminated)
            #expect(lease.endDateISO == "2027-03-01")
            let filed = try #require(caseID)
            let caseFile = try #require(try await CaseFile.find(filed, on: app.db))
            #expect(caseFile.kind == .termination)
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(letters.count == 1)
            #expect(letters.first?.kind == .terminationConfirmation)
            #expect(letters.first?.$recipient.id == tenancy.person_id)
            // The confirmation names its case.
            let filedNumber = try #require(try await CaseFile.find(filed, on: app.db)).number
            #expect(try PDFText.extract(try #require(letters.first).pdf).contains(filedNumber))
            try await app.testing().test(
                .GET,
                SiteRoute.myCase(filed).path(query: [("besked", "opsagt")]),
                headers: Self.headers(token)
            ) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Din opsigelse er modtaget."))
            }
            try await app.testing().test(.GET, path, headers: Self.headers(token)) { res async throws in
                #expect(res.body.string.contains("Vi har modtaget opsigelsen"))
                #expect(res.body.string.contains("mandag den 1. marts 2027"))
            }
            try await app.testing().test(.GET, SiteRoute.myHome.path, headers: Self.headers(token)) {
                res async throws in
                #expect(res.body.string.contains("Lejemålet slutter"))
                #expect(!res.body.string.contains(path))
            }
        }
    }

    @Test func everyTenantSignsAndTheNoticeArrivesWithTheLastSignature() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 80, clock: clock) { app in
            let pair = try await Self.tenancies(2, on: app)
            let first = try #require(pair.first)
            let second = try #require(pair.dropFirst().first { $0.lease_id == first.lease_id })
            let path = SiteRoute.myTermination(first.lease_id).path
            let filer = try await PageSessions.signIn(person: first.person_id, on: app)
            let other = try await PageSessions.signIn(person: second.person_id, on: app)
            let fields = [("forwardingAddress", "Nygade 4\n8000 Aarhus C"), ("viewing", ""), ("confirm", "ja")]
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(filer),
                body: Self.form([("step", "send"), ("token", UUID().uuidString)] + fields)
            ) { res async throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasSuffix("besked=gemt") == true)
            }
            var notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(notice.receivedOn == nil)
            // The filer gets a receipt that says the notice waits for the co-tenant; that is the
            // case's receipt, not the co-tenant's letter.
            let receipt = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                    .filter(\.$recipient.$id == first.person_id).first()
            )
            #expect(receipt.subject.hasPrefix("Din opsigelse af") && receipt.subject.hasSuffix("venter på underskrift"))
            let receiptText = try PDFText.extract(receipt.pdf).replacingOccurrences(of: "\n", with: " ")
            let coTenantName = try #require(try await Person.find(second.person_id, on: app.db)).fullName
            #expect(receiptText.contains("Den er først modtaget, når alle har underskrevet"))
            #expect(!receiptText.contains("Vi har fået") && !receiptText.contains("modtaget din"))
            #expect(receiptText.contains(coTenantName))
            let number = try #require(try await CaseFile.find(notice.caseID, on: app.db)).number
            #expect(receiptText.contains("Din sag har nummer \(number)."))
            let receiptDeadline = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == notice.caseID)
                    .filter(\.$kind == .receipt).first()
            )
            #expect(receiptDeadline.metAt != nil)
            // The co-tenant is told by letter that the notice waits for their signature.
            let asked = try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                .filter(\.$recipient.$id != first.person_id).all()
            #expect(asked.map(\.$recipient.id) == [second.person_id])
            #expect(asked.first?.kind == .general)
            #expect(asked.first?.subject.hasPrefix("Din medlejer vil opsige lejemålet") == true)
            // It gives the end date and by when everyone must sign for it (sent 23 November).
            let text = String(decoding: try #require(asked.first).documentJSON, as: UTF8.self)
            #expect(text.contains("Har alle underskrevet senest mandag den 30. november 2026, slutter lejemålet"))
            // Mit hjem says so to both: the co-tenant has something to do.
            try await app.testing().test(.GET, SiteRoute.myHome.path, headers: Self.headers(other)) {
                res async throws in
                #expect(res.body.string.contains("En opsigelse af lejemålet venter på din underskrift"))
            }
            try await app.testing().test(.GET, SiteRoute.myHome.path, headers: Self.headers(filer)) {
                res async throws in
                #expect(res.body.string.contains("Opsigelsen venter på underskrift fra en medlejer"))
                #expect(!res.body.string.contains("venter på din underskrift"))
            }
            // The case says where the notice stands, and leads to it.
            let waitingCase = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(notice.caseID).path, as: filer).1
            #expect(waitingCase.contains("<p>Opsigelsen venter på underskrift fra en medlejer."))
            #expect(waitingCase.components(separatedBy: ">Se opsigelsen</a>").count == 2)
            // The co-tenant reads that it waits for them.
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(notice.caseID).path, as: other).1
            #expect(theirs.contains("<p>Opsigelsen venter på din underskrift."))
            // Staff read it as waiting, not as received.
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let staffWaiting = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(notice.caseID).path, as: admin)
                .1
            #expect(staffWaiting.contains("<dt>Status</dt><dd>Venter på underskrift fra en medlejer</dd>"))
            #expect(!staffWaiting.contains("<dt>Modtaget</dt>"))
            // The lease page shows the waiting notice instead of offering a new one.
            try await app.testing().test(.GET, SiteRoute.myLease(first.lease_id).path, headers: Self.headers(filer)) {
                res async throws in
                #expect(res.body.string.contains("Opsigelsen venter på underskrift"))
                #expect(!res.body.string.contains("Hvis du opsiger i dag"))
            }
            // The co-tenant sees whose notice it is and signs it a week later.
            try await app.testing().test(.GET, path, headers: Self.headers(other)) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Underskriv opsigelsen"))
                // Sent on 23 November: any signature in November gives 1 March 2027.
                #expect(
                    res.body.string.contains("Underskriver alle senest mandag den 30. november 2026, slutter lejemålet")
                )
            }
            try await app.testing().test(.GET, path, headers: Self.headers(filer)) { res async throws in
                #expect(!res.body.string.contains("Underskriv opsigelsen"))
                #expect(res.body.string.contains("Du har underskrevet."))
            }
            clock.advance(by: 8 * 24 * 60 * 60)
            let later = try await PageSessions.signIn(person: second.person_id, on: app)
            // Signing is a choice the co-tenant makes: without the tick, it says so at the box.
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(later),
                body: Self.form([("step", "sign")])
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(#"id="confirm-error">Sæt kryds, hvis du vil opsige lejemålet."#))
            }
            #expect(try await TerminationSignature.query(on: app.db).count() == 1)
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(later),
                body: Self.form([("step", "sign"), ("confirm", "ja")])
            ) { res async throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasSuffix("besked=opsagt") == true)
            }
            notice = try #require(try await TerminationNotice.query(on: app.db).first())
            // Arrived Tuesday 1 December 2026: notice from 1 January, 3 months, April 2027; Easter
            // 2027 is over by then (2. påskedag 29 March), and Thursday 1 April is a valid end day.
            #expect(notice.receivedOn == "2026-12-01")
            #expect(notice.endDate == "2027-04-01")
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                .filter(\.$kind == .terminationConfirmation).all()
            #expect(Set(letters.map(\.$recipient.id)) == [first.person_id, second.person_id])
            // The filer's receipt was the receipt; nothing was for staff to answer while the notice
            // waited for the signature, and the confirmation answered it.
            let deadlines = try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == notice.caseID).all()
            #expect(deadlines.map(\.kind) == [.receipt])
            #expect(deadlines.allSatisfy { $0.metAt != nil })
            #expect(try await TerminationSignature.query(on: app.db).count() == 2)
            let filerLater = try await PageSessions.signIn(person: first.person_id, on: app)
            let receivedCase = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.myCase(notice.caseID).path,
                as: filerLater
            ).1
            #expect(
                receivedCase.contains(
                    "Vi modtog opsigelsen tirsdag den 1. december 2026. Lejemålet slutter torsdag den 1. april 2027."
                )
            )
            // Staff see the notice on the case: its arrival, end date, address and who signed when.
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let staff = try await PageSessions.signIn(staff: administrator, on: app)
            try await app.testing().test(.GET, SiteRoute.staffCase(notice.caseID).path, headers: Self.headers(staff)) {
                res async throws in
                #expect(res.status == .ok)
                let body = res.body.string
                #expect(body.contains("Lejerens opsigelse"))
                #expect(body.contains("torsdag den 1. april 2027"))
                #expect(body.contains("Nygade 4\n8000 Aarhus C"))
                #expect(body.components(separatedBy: "underskrev opsigelsen").count == 3)
            }
        }
    }

    @Test func twoCoTenantsSigningAtOnceMakeTheNoticeArriveOnce() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let pair = try await Self.tenancies(2, on: app)
            let first = try #require(pair.first)
            let second = try #require(pair.dropFirst().first { $0.lease_id == first.lease_id })
            let third = try #require(
                try await Person.query(on: app.db).filter(\.$id != first.person_id).filter(\.$id != second.person_id)
                    .first()
            ).requireID()
            try await LeaseTenant(leaseID: first.lease_id, personID: third, role: .coTenant).create(on: app.db)
            let path = SiteRoute.myTermination(first.lease_id).path
            let filer = try await PageSessions.signIn(person: first.person_id, on: app)
            let (status, _) = try await Self.send(app, path, as: filer)
            #expect(status == .seeOther)
            var browsers: [TestBrowser] = []
            for person in [second.person_id, third] {
                let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
                browser.set(cookie: SessionCookie.session, to: try await PageSessions.signIn(person: person, on: app))
                browsers.append(browser)
            }
            defer { for browser in browsers { Task { try? await browser.shutdown() } } }
            let (one, two) = (browsers[0], browsers[1])
            async let a = one.post(path, form: [("step", "sign"), ("confirm", "ja")])
            async let b = two.post(path, form: [("step", "sign"), ("confirm", "ja")])
            let answers = try await [a.location ?? "", b.location ?? ""]
            #expect(answers.filter { $0.hasSuffix("besked=opsagt") }.count == 1)
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(notice.receivedOn != nil)
            let confirmations = try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                .filter(\.$kind == .terminationConfirmation).count()
            #expect(confirmations == 3)
        }
    }

    @Test func theSameFormSentTwiceAtOnceMakesOneNoticeAndNoError() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let tenancy = try #require(try await Self.tenancies(1, on: app).first)
            let session = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myTermination(tenancy.lease_id).path
            let token = UUID().uuidString
            var browsers: [TestBrowser] = []
            for _ in 0..<2 {
                let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
                browser.set(cookie: SessionCookie.session, to: session)
                browsers.append(browser)
            }
            defer { for browser in browsers { Task { try? await browser.shutdown() } } }
            let form = [("step", "send"), ("token", token), ("forwardingAddress", "Nygade 4"), ("confirm", "ja")]
            let (one, two) = (browsers[0], browsers[1])
            async let a = one.post(path, form: form)
            async let b = two.post(path, form: form)
            let statuses = try await [a.status, b.status]
            #expect(statuses == [303, 303])
            #expect(try await TerminationNotice.query(on: app.db).count() == 1)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .termination).count() == 1)
        }
    }

    @Test func aNoticeWhoseCaseStaffClosedIsWithdrawnAndANewOneCanBeGiven() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let pair = try await Self.tenancies(2, on: app)
            let first = try #require(pair.first)
            let path = SiteRoute.myTermination(first.lease_id).path
            let filer = try await PageSessions.signIn(person: first.person_id, on: app)
            #expect(try await Self.send(app, path, as: filer).0 == .seeOther)
            let withdrawn = try #require(try await TerminationNotice.query(on: app.db).first())
            try await CaseFile.query(on: app.db).filter(\.$id == withdrawn.caseID).set(\.$status, to: .closed).update()
            try await app.testing().test(.GET, path, headers: Self.headers(filer)) { res async throws in
                #expect(res.body.string.contains("Se opsigelsen, før du sender"))
            }
            #expect(try await Self.send(app, path, as: filer).0 == .seeOther)
            let notices = try await TerminationNotice.query(on: app.db).all()
            #expect(notices.count == 1)
            #expect(notices.first?.caseID != withdrawn.caseID)
            // The closed case keeps its history.
            #expect(try await CaseFile.find(withdrawn.caseID, on: app.db) != nil)
        }
    }

    @Test func aCoTenantWhoDoesNotWantToEndTheLeaseStopsTheNotice() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let pair = try await Self.tenancies(2, on: app)
            let first = try #require(pair.first)
            let second = try #require(pair.dropFirst().first { $0.lease_id == first.lease_id })
            let path = SiteRoute.myTermination(first.lease_id).path
            let filer = try await PageSessions.signIn(person: first.person_id, on: app)
            let other = try await PageSessions.signIn(person: second.person_id, on: app)
            #expect(try await Self.send(app, path, as: filer).0 == .seeOther)
            try await app.testing().test(.GET, path, headers: Self.headers(other)) { res async throws in
                #expect(res.body.string.contains("Jeg vil ikke opsige"))
            }
            // Stopping is a choice too: without the tick, it says so at the box and nothing changes.
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(other),
                body: Self.form([("step", "withdraw")])
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(#"id="stop-error">Sæt kryds, hvis du vil stoppe opsigelsen."#))
            }
            try await app.testing().test(
                .POST,
                path,
                headers: Self.headers(other),
                body: Self.form([("step", "withdraw"), ("stop", "ja")])
            ) { res async throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location)?.hasSuffix("besked=stoppet") == true)
            }
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            #expect(try await CaseFile.find(notice.caseID, on: app.db)?.status == .closed)
            #expect(try await Lease.find(first.lease_id, on: app.db)?.status == .active)
            // The tenant who sent it is told by letter, in the case, who stopped it.
            let told = try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                .filter(\.$recipient.$id == first.person_id).all()
            #expect(told.map(\.subject).contains { $0.hasSuffix("er stoppet") })
            // The case's history, which both tenants see, names who stopped it.
            let stopper = try #require(try await Person.find(second.person_id, on: app.db))
            let history = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(notice.caseID).path, as: filer).1
            let stopped = try #require(
                history.firstMatch(of: /Opsigelsen er stoppet, og sagen er afsluttet<\/td><td[^>]*>([^<]*)<\/td>/)
            )
            #expect(String(stopped.1) == stopper.fullName)
            // Stopped: neither tenant is asked to sign it any more; a new notice can be given.
            for token in [filer, other] {
                try await app.testing().test(.GET, path, headers: Self.headers(token)) { res async throws in
                    #expect(res.body.string.contains("Se opsigelsen, før du sender"))
                    #expect(!res.body.string.contains("Underskriv opsigelsen"))
                }
            }
        }
    }

    @Test func aCoTenantWhoHasNotSignedAfterAWeekIsRemindedOnce() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 80, clock: clock) { app in
            let pair = try await Self.tenancies(2, on: app)
            let first = try #require(pair.first)
            let second = try #require(pair.dropFirst().first { $0.lease_id == first.lease_id })
            let filer = try await PageSessions.signIn(person: first.person_id, on: app)
            #expect(try await Self.send(app, SiteRoute.myTermination(first.lease_id).path, as: filer).0 == .seeOther)
            let notice = try #require(try await TerminationNotice.query(on: app.db).first())
            let reminders = TerminationReminders(database: app.db, letters: app.letters())
            func reminded() async throws -> [Letter] {
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == notice.caseID)
                    .filter(\.$subject =~ "Påmindelse").all()
            }
            clock.advance(by: 6 * 24 * 60 * 60)
            #expect(try await reminders.run(now: clock.now) == 0)
            clock.advance(by: 2 * 24 * 60 * 60)
            #expect(try await reminders.run(now: clock.now) == 1)
            #expect(try await reminded().map(\.$recipient.id) == [second.person_id])
            // The reminder names its case.
            let number = try #require(try await CaseFile.find(notice.caseID, on: app.db)).number
            #expect(try PDFText.extract(try #require(try await reminded().first).pdf).contains(number))
            // The daily job again, or a second worker: nobody is reminded twice.
            #expect(try await reminders.run(now: clock.now.addingTimeInterval(86_400)) == 0)
            #expect(try await reminded().count == 1)
            #expect(JobKind.remindTerminationSignatures.schedule != nil)
        }
    }

    @Test func sendingNeedsAMitIDLoginFromTheLastMinutes() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let tenancy = try #require(try await Self.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            clock.advance(by: Request.recentAuthentication + 60)
            let path = SiteRoute.myTermination(tenancy.lease_id).path
            let (status, location) = try await Self.send(app, path, as: token)
            #expect(status == .seeOther)
            #expect(location?.contains("/log-ind") == true)
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
        }
    }

    @Test func aLeaseTerminatedBeforeOffersNoSecondNotice() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let tenancy = try #require(try await Self.tenancies(1, on: app).first)
            try await Lease.query(on: app.db).filter(\.$id == tenancy.lease_id).set(\.$status, to: .terminated)
                .set(\.$endDateISO, to: "2027-02-01").update()
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myTermination(tenancy.lease_id).path
            try await app.testing().test(.GET, path, headers: Self.headers(token)) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Lejemålet er allerede opsagt."))
                #expect(res.body.string.contains("mandag den 1. februar 2027"))
                #expect(!res.body.string.contains("Se opsigelsen, før du sender"))
            }
            let (status, _) = try await Self.send(app, path, as: token)
            #expect(status == .seeOther)
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
        }
    }

    @Test func onlyTheLeasesOwnTenantsReachItsNotice() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let tenancies = try await Self.tenancies(1, on: app)
            let own = try #require(tenancies.first)
            let stranger = try #require(tenancies.first { $0.lease_id != own.lease_id })
            let token = try await PageSessions.signIn(person: stranger.person_id, on: app)
            let path = SiteRoute.myTermination(own.lease_id).path
            try await app.testing().test(.GET, path, headers: Self.headers(token)) { res async throws in
                #expect(res.status == .notFound)
            }
            let (status, _) = try await Self.send(app, path, as: token)
            #expect(status == .notFound)
            #expect(try await TerminationNotice.query(on: app.db).count() == 0)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .termination).count() == 0)
        }
    }
}

/// A caseworker's letter text (issue: Requests, item 10): a browser's CRLF keeps the paragraphs,
/// and a greeting of their own is caught, since the template greets and signs off already.
@Suite("Case letter text")
struct CaseLetterTextTests {
    @Test(
        "Paragraphs split on blank lines, whatever the line ends",
        arguments: [
            ("Første linje\r\nsamme afsnit\r\n\r\nAndet afsnit", ["Første linje samme afsnit", "Andet afsnit"]),
            ("Et\n\n\nTo\r\rTre", ["Et", "To", "Tre"]),
            ("  Kun ét afsnit  ", ["Kun ét afsnit"]),
        ]
    )
    func paragraphs(text: String, expected: [String]) {
        #expect(MarkupText.paragraphs(of: text) == expected)
    }

    @Test(
        "A greeting or sign-off of the caseworker's own is found",
        arguments: [
            (["Kære Anne", "Vi kommer torsdag."], true),
            (["Vi kommer torsdag.", "Med venlig hilsen Ejendomskontoret"], true),
            (["Vi kommer torsdag.", "Mvh Ole"], true),
            (["Vi kommer torsdag kl. 10.", "Ring, hvis tiden ikke passer."], false),
            (["Tilbuddet gælder til fredag."], false),
        ]
    )
    func greeting(paragraphs: [String], found: Bool) {
        #expect(StaffCasesController.hasOwnGreeting(paragraphs) == found)
    }
}
