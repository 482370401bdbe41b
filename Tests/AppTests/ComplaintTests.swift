import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant complains about a home in the department; a caseworker sends a henstilling, adds a
/// new episode and sends a påmindelse, and the rules refuse what they do not allow.
@Suite("Neighbour complaints")
struct ComplaintTests {
    /// A tenant, and the tenants of another home in the same department with one current lease.
    struct Neighbours {
        let complainant: UUID
        let lease: UUID
        let aboutDwelling: UUID
        let aboutTenants: [UUID]
    }

    static func neighbours(_ app: Application) async throws -> Neighbours {
        struct Row: Decodable {
            let person_id: UUID
            let lease_id: UUID
            let other_dwelling: UUID
        }
        let sql = try #require(app.db as? any SQLDatabase)
        let row = try #require(
            try await sql.raw(
                """
                SELECT lt.person_id, lt.lease_id, d2.id AS other_dwelling
                FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                JOIN dwellings d2 ON d2.department_id = d.department_id AND d2.id <> d.id
                JOIN leases l2 ON l2.dwelling_id = d2.id AND l2.status <> 'ended'
                WHERE l.status <> 'ended'
                ORDER BY lt.person_id, d2.id LIMIT 1
                """
            ).first(decoding: Row.self)
        )
        let about = try await Lease.query(on: app.db).filter(\.$dwelling.$id == row.other_dwelling)
            .filter(\.$status != .ended).first()
        let tenants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == (try #require(about)).requireID())
            .all().map(\.$person.id)
        return Neighbours(
            complainant: row.person_id,
            lease: row.lease_id,
            aboutDwelling: row.other_dwelling,
            aboutTenants: tenants
        )
    }

    /// A tenant in the department of the home complained about, in neither home: one who may
    /// co-sign the complaint.
    static func thirdHousehold(about dwelling: UUID, complainant lease: UUID, on app: Application) async throws -> UUID
    {
        struct Row: Decodable { let person_id: UUID }
        return try #require(
            try await app.db.sql().raw(
                """
                SELECT lt.person_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                JOIN dwellings d ON d.id = l.dwelling_id JOIN dwellings about ON about.id = \(bind: dwelling)
                WHERE l.status <> 'ended' AND d.department_id = about.department_id AND d.id <> about.id
                  AND l.id <> \(bind: lease)
                ORDER BY lt.person_id LIMIT 1
                """
            ).first(decoding: Row.self)
        ).person_id
    }

    /// The complainant files a complaint about the neighbours' home from the form; its status.
    @discardableResult
    static func file(
        _ app: Application,
        _ who: Neighbours,
        as token: String,
        date: String = "2026-11-20",
        description: String,
        photos: [Data] = []
    ) async throws -> HTTPStatus {
        try await FaultReportTests.post(
            app,
            SiteRoute.myComplaint(who.lease).path,
            [
                ("about", who.aboutDwelling.uuidString), ("date", date), ("description", description),
                ("token", UUID().uuidString),
            ],
            photos: photos,
            as: token
        ).0
    }

    /// What a tenant types for an address is found as the same words in the same order, from
    /// the start of a word, a number at the end whole.
    @Test func anAddressSearchIsTheWordsTyped() {
        #expect(ComplaintController.phrase("") == nil)
        #expect(ComplaintController.phrase("  , ") == nil)
        #expect(ComplaintController.phrase("Havevej") == " Havevej")
        #expect(ComplaintController.phrase("Havevej 1") == " Havevej 1 ")
        #expect(ComplaintController.phrase("Havevej 1, 1.th") == " Havevej 1 1 th")
        #expect(ComplaintController.phrase("havevej 1, 1. th, 8220 Brabrand") == " havevej 1 1 th 8220 Brabrand")
        #expect(ComplaintController.phrase("Havevej 3A") == " Havevej 3A")
    }

    /// A department too large to list (more than 30 other homes) is searched by address: the
    /// whole address finds and chooses the home, a street lists the first 30 of its homes, a
    /// search that finds nothing says so, sending without a home points at the search, and a
    /// home chosen stays chosen through another search. The list never holds the whole estate.
    @Test func aLargeDepartmentIsSearchedByAddress() async throws {
        try await withTestApp(seedHomes: 300) { app in
            let who = try await Self.neighbours(app)
            let token = try await PageSessions.signIn(person: who.complainant, on: app)
            let path = SiteRoute.myComplaint(who.lease).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains(#"id="find""#) && !form.contains(#"<select id="about""#))
            let about = try #require(try await Dwelling.find(who.aboutDwelling, on: app.db))
            let find = { (text: String, more: [(String, String)]) in
                try await FaultReportTests.post(
                    app,
                    path,
                    [("find", text), ("step", "find"), ("token", UUID().uuidString)] + more,
                    as: token
                )
            }
            let option = #"<option value="\#(who.aboutDwelling.uuidString.lowercased())" selected>"#

            let one = try await find(about.addressLine.lowercased(), [])
            #expect(one.0 == .ok)
            #expect(one.1.contains("1 bolig passer."))
            #expect(one.1.contains(option + about.addressLine + "</option>"))

            let street = try await find(about.street, [])
            let own = try #require(try await Lease.find(who.lease, on: app.db)).$dwelling.id
            let onStreet = try await Dwelling.query(on: app.db).filter(\.$department.$id == about.$department.id)
                .filter(\.$street == about.street).filter(\.$id != own).count()
            let options = street.1.components(separatedBy: "<option value=").count - 2
            if onStreet > ComplaintController.listLimit {
                #expect(street.1.contains("\(onStreet) boliger passer. Her er de første 30"))
                #expect(options == ComplaintController.listLimit)
            } else {
                #expect(options >= onStreet)
            }

            // The search is the form's first button: it sends what was typed, which comes back.
            #expect(!one.1.contains("find-form") && !one.1.contains(#"type="hidden" name="find""#))
            let typed = try await find(
                about.street,
                [
                    ("date", "2026-11-20"), ("time", "ca. 23"), ("description", "Høj musik\r\n\r\nIgen."),
                    ("witnesses", "Naboen"),
                ]
            )
            #expect(typed.0 == .ok)
            #expect(typed.1.contains(#"name="date" value="2026-11-20""#))
            #expect(typed.1.contains(#"value="ca. 23""#) && typed.1.contains(">Naboen</textarea>"))
            #expect(
                typed.1.contains("Høj musik\n\nIgen.</textarea>")
                    || typed.1.contains("Høj musik\r\n\r\nIgen.</textarea>")
            )
            #expect(!typed.1.contains("field-error"))
            // After a search the page opens at it, not at the top of a phone's screen.
            #expect(one.1.contains(#"formaction="\#(path)#find" name="step" value="find""#))
            let blank = try await find("", [])
            #expect(blank.0 == .unprocessableEntity)
            #expect(blank.1.contains("Skriv vejnavn og husnummer på den bolig, du vil finde."))

            // A house number typed is that number: "Rosenvej 1" is not "Rosenvej 11".
            let number = try await find("\(about.street) \(about.houseNumber)", [])
            let listed = number.1.components(separatedBy: "<option value=").dropFirst(2)
            #expect(!listed.isEmpty)
            #expect(listed.allSatisfy { $0.contains(">\(about.street) \(about.houseNumber),") })

            let none = try await find("Ingenvej 99", [])
            #expect(none.1.contains("Ingen anden bolig i afdelingen passer til »Ingenvej 99«."))
            #expect(!none.1.contains(#"<select id="about""#))

            let empty = try await FaultReportTests.post(
                app,
                path,
                [("token", UUID().uuidString), ("date", "2026-11-21"), ("description", "Larm")],
                as: token
            )
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains(##"href="#find""##))
            #expect(empty.1.contains("Søg efter den bolig, klagen handler om, og vælg den."))

            let kept = try await find("Ingenvej", [("about", who.aboutDwelling.uuidString.lowercased())])
            #expect(kept.1.contains(option))
            let sent = try await FaultReportTests.post(
                app,
                path,
                [
                    ("about", who.aboutDwelling.uuidString.lowercased()), ("find", "Ingenvej"),
                    ("date", "2026-11-21"), ("description", "Høj musik"), ("token", UUID().uuidString),
                ],
                as: token
            )
            #expect(sent.0 == .seeOther)
            #expect(try await NeighbourComplaint.query(on: app.db).first()?.aboutDwellingID == who.aboutDwelling)
        }
    }

    @Test func aTenantComplainsOnceGetsAReceiptAndTheNeighbourHearsNothingYet() async throws {
        // A department small enough to list its homes (`aLargeDepartmentIsSearchedByAddress`).
        try await withTestApp(seedHomes: 20) { app in
            let who = try await Self.neighbours(app)
            let token = try await PageSessions.signIn(person: who.complainant, on: app)
            let path = SiteRoute.myComplaint(who.lease).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains("Klag over en nabo"))
            #expect(form.contains("Tal gerne med naboen eller afdelingsbestyrelsen først"))
            #expect(form.contains(#"value="\#(who.aboutDwelling.uuidString.lowercased())""#))
            #expect(!form.contains(#"id="find""#))
            let lease = try #require(try await MyHomePage.lease(who.lease, of: who.complainant, on: app.db))
            #expect(!form.contains(">\(lease.addressLine)</option>"))
            // The lease page leads to the form.
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myLease(who.lease).path, as: token).1.contains(path)
            )

            let formToken = UUID().uuidString
            let empty = try await FaultReportTests.post(app, path, [("token", formToken)], as: token)
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains("Vælg den bolig, klagen handler om."))
            #expect(empty.1.contains("Skriv, hvilken dag det skete."))
            #expect(empty.1.contains("Beskriv, hvad der skete."))
            // A home outside the department, and a day to come: refused at their fields.
            let future = try await FaultReportTests.post(
                app,
                path,
                [
                    ("about", UUID().uuidString), ("date", "2026-11-24"), ("description", "Larm"),
                    ("token", formToken),
                ],
                as: token
            )
            #expect(future.1.contains("Vælg den bolig, klagen handler om."))
            #expect(future.1.contains("Skriv en dato fra det seneste år"))
            #expect(try await NeighbourComplaint.query(on: app.db).count() == 0)

            let fields = [
                ("about", who.aboutDwelling.uuidString.lowercased()), ("date", "2026-11-21"), ("time", "ca. 23.30"),
                ("description", "Høj musik til efter midnat.\nDet bankede i væggen."),
                ("witnesses", "Min nabo i nr. 3"),
                ("token", formToken),
            ]
            let sent = try await FaultReportTests.post(app, path, fields, photos: [FaultReportTests.jpeg], as: token)
            #expect(sent.0 == .seeOther)
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            #expect(sent.2 == SiteRoute.myCase(complaint.caseID).path + "?besked=naboklage")
            #expect(complaint.step == .assessing)
            #expect(complaint.aboutDwellingID == who.aboutDwelling)
            let episode = try #require(try await ComplaintEpisode.query(on: app.db).first())
            #expect(episode.occurredOn == "2026-11-21" && episode.timeOfDay == "ca. 23.30")
            #expect(try await CaseAttachment.query(on: app.db).filter(\.$caseID == complaint.caseID).count() == 1)
            // The same form again: the same case.
            let again = try await FaultReportTests.post(app, path, fields, as: token)
            #expect(again.2 == SiteRoute.myCase(complaint.caseID).path)
            #expect(try await NeighbourComplaint.query(on: app.db).count() == 1)
            let caseFile = try #require(try await CaseFile.find(complaint.caseID, on: app.db))
            #expect(caseFile.kind == .neighbourComplaint)
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == complaint.caseID).all()
            #expect(letters.map(\.$recipient.id) == [who.complainant])
            let receipt = try PDFText.extract(try #require(letters.first).pdf).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            #expect(receipt.contains("Din sag har nummer \(caseFile.number)."))
            #expect(receipt.contains("Vi fortæller ikke, hvem der har klaget"))
            // Nobody in the home complained about is told before a caseworker has assessed it.
            #expect(try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ who.aboutTenants).count() == 0)
            let (_, mine) = try await CaseDeadlinesTests.get(app, try #require(sent.2), as: token)
            #expect(mine.contains("Tak. Din klage er sendt."))
            #expect(mine.contains("Klagen vurderes"))
            // The complainant reads back the witnesses they named.
            #expect(mine.contains("Vidner: Min nabo i nr. 3"))

            // It happens again: the complainant adds it to the diary; a bad date is refused at its field.
            let diary = SiteRoute.myComplaintEpisode(complaint.caseID).path
            let bad = try await CaseDeadlinesTests.post(
                app,
                diary,
                [("date", "i går"), ("description", "Musik igen")],
                as: token
            )
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("Skriv en dato fra det seneste år"))
            // Listed above the episode form, which comes back at its heading.
            #expect(bad.1.contains("episode-error-title") && !bad.1.contains("demand-error-title"))
            #expect(bad.1.contains("action=\"\(diary)#episode\"") && bad.1.contains("<h3 id=\"episode\">"))
            let added = try await CaseDeadlinesTests.post(
                app,
                diary,
                [("date", "2026-11-22"), ("time", "kl. 02"), ("description", "Musik igen")],
                as: token
            )
            #expect(added.0 == .seeOther)
            #expect(try await ComplaintEpisode.query(on: app.db).count() == 2)
            let withDiary = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(complaint.caseID).path, as: token).1
            #expect(withDiary.contains("søndag den 22. november 2026 kl. 02.00"))
            // Another resident cannot write in it.
            let stranger = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let refused = try await CaseDeadlinesTests.post(
                app,
                diary,
                [("date", "2026-11-22"), ("description", "Ikke sandt")],
                as: stranger
            )
            #expect(refused.0 == .notFound)
            #expect(try await ComplaintEpisode.query(on: app.db).count() == 2)
        }
    }

    @Test func aComplaintClosedBeforeAnyStepSaysItIsClosedNotBeingAssessed() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            let filed = try await Self.file(app, who, as: resident, date: "2026-11-21", description: "Høj musik")
            #expect(filed == .seeOther)
            // Again about the same home while the first is open: into that one, as an episode.
            let again = try await FaultReportTests.post(
                app,
                SiteRoute.myComplaint(who.lease).path,
                [
                    ("about", who.aboutDwelling.uuidString), ("date", "2026-11-22"), ("description", "Musik igen"),
                    ("token", UUID().uuidString),
                ],
                as: resident
            )
            #expect(again.0 == .unprocessableEntity)
            #expect(again.1.contains("Du har allerede en åben klage over denne bolig."))
            #expect(again.1.contains("Musik igen</textarea>"))
            #expect(try await NeighbourComplaint.query(on: app.db).count() == 1)
            let caseID = try #require(try await NeighbourComplaint.query(on: app.db).first()).caseID
            #expect(again.1.contains(#"<a href="\#(SiteRoute.myCase(caseID).path)#episode">Gå til din åbne klage</a>"#))
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let staff = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Klara Klage", of: organisation, on: app),
                on: app
            )
            let status = SiteRoute.staffCaseStatus(caseID).path
            let closed = try await CaseDeadlinesTests.post(app, status, [("status", "closed")], as: staff)
            #expect(closed.0 == .seeOther)
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            let step = "<dt>Trin</dt><dd>Sagen er afsluttet</dd>"
            #expect(mine.contains(step) && !mine.contains("Klagen vurderes"))
            // Who closed it, as a party is told: the administration, not a name and not a dash.
            #expect(mine.contains(#"data-label="Hvem">Administrationen</td>"#))
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains(step) && !card.contains("Klagen vurderes"))
            // Nor does it list why steps cannot be taken: none can, the case is closed.
            #expect(!card.contains("En påmindelse kræver først en henstilling"))
            // Reopened, it is being assessed again.
            #expect(try await CaseDeadlinesTests.post(app, status, [("status", "open")], as: staff).0 == .seeOther)
            let reopened = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(reopened.contains("<dt>Trin</dt><dd>Klagen vurderes</dd>"))
        }
    }

    @Test func aCaseworkerSendsAHenstillingThenAPaamindelseAndTheRulesRefuseASanctionTooSoon() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            let filed = try await Self.file(
                app,
                who,
                as: resident,
                date: "2026-11-21",
                description: "Høj musik",
                photos: [FaultReportTests.jpeg]
            )
            #expect(filed == .seeOther)
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let staff = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Klara Klage", of: organisation, on: app),
                on: app
            )
            let action = SiteRoute.staffCaseComplaint(caseID).path
            var page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(page.contains("Klagen vurderes"))
            #expect(page.contains("Høj musik"))
            // Offered: not justified, henstilling, the nævn; a påmindelse needs a henstilling first.
            #expect(page.contains(#"value="henstilling""#) && !page.contains(#"id="complaintAction-paamindelse""#))
            #expect(page.contains("En påmindelse kræver først en henstilling"))

            // A påmindelse asked for anyway: refused at the field, with the reason.
            let early = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "paamindelse"), ("text", "Musik")],
                as: staff
            )
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.contains("Hvad gør vi nu? "))

            // The henstilling: previewed first, then sent to the home's tenants.
            let matter = "Høj musik efter kl. 22 den 21. november 2026."
            let preview = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "preview"), ("action", "henstilling"), ("text", matter)],
                as: staff
            )
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("Henstilling om at overholde husordenen"))
            // The complainant's letter about it is shown too: nothing goes out unseen.
            #expect(preview.1.contains("Klageren får samtidig dette brev. Til:"))
            #expect(preview.1.contains("og sendt beboerne i"))
            #expect(try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ who.aboutTenants).count() == 0)
            let send = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "send"), ("action", "henstilling"), ("text", matter), ("seen", "0")],
                as: staff
            )
            #expect(send.0 == .seeOther)
            // The same form again (a double click, the back button): no second henstilling.
            let twice = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "send"), ("action", "henstilling"), ("text", matter), ("seen", "0")],
                as: staff
            )
            #expect(twice.0 == .seeOther)
            let henstillinger = try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ who.aboutTenants).all()
            #expect(henstillinger.count == who.aboutTenants.count)
            #expect(henstillinger.allSatisfy { $0.kind == .henstilling && $0.$caseFile.id == caseID })
            let text = try PDFText.extract(try #require(henstillinger.first).pdf)
            #expect(text.contains("Høj musik efter kl. 22"))
            // The household complained about now follows the case: its letter and the step, not
            // the complaint or who made it.
            let other = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: other)
            #expect(theirs.0 == .ok)
            #expect(theirs.1.contains("Der er sendt en henstilling"))
            #expect(theirs.1.contains("Henstilling om at overholde husordenen"))
            #expect(theirs.1.contains("En klage over forholdene i din bolig"))
            let complainantPerson = try #require(try await Person.find(who.complainant, on: app.db))
            #expect(!theirs.1.contains(complainantPerson.familyName))
            #expect(!theirs.1.contains("Høj musik") && !theirs.1.contains("Svar senest"))
            // … nor the complainant's photo, which the complainant sees.
            let photo = SiteRoute.myCaseAttachment(caseID, 1).path
            #expect(try await CaseDeadlinesTests.get(app, photo, as: other).0 == .notFound)
            // A party now, still not the complainant: no diary, no demand.
            let diary = SiteRoute.myComplaintEpisode(caseID).path
            let demand = SiteRoute.myComplaintDemand(caseID).path
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    diary,
                    [("date", "2026-11-22"), ("description", "Nej")],
                    as: other
                )
                .0 == .notFound
            )
            #expect(try await CaseDeadlinesTests.post(app, demand, [("confirm", "ja")], as: other).0 == .notFound)
            #expect(try await CaseDeadlinesTests.get(app, photo, as: resident).0 == .ok)
            // Only a caseworker's recorded decision, with a reason, tells them who complained.
            let disclose = SiteRoute.staffCaseComplaint(caseID).path
            let unreasoned = try await CaseDeadlinesTests.post(app, disclose, [("intent", "disclose")], as: staff)
            #expect(unreasoned.0 == .unprocessableEntity)
            #expect(unreasoned.1.contains("Skriv, hvorfor sagen kræver det"))
            let told = try await CaseDeadlinesTests.post(
                app,
                disclose,
                [
                    ("intent", "disclose"),
                    ("reason", "Beboerne kan ikke svare på klagen uden at vide, hvem den er fra."),
                ],
                as: staff
            )
            #expect(told.0 == .seeOther)
            let named = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: other).1
            #expect(named.contains("Klager: \(complainantPerson.givenName) \(complainantPerson.familyName)"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$dataSubjectID == who.complainant)
                    .filter(\.$purpose ~~ "klagerens navn oplyses").count() == 1
            )
            // The complainant's name is in no letter to the home complained about.
            let complainant = try #require(try await Person.find(who.complainant, on: app.db))
            #expect(!text.contains(complainant.familyName))
            var stored = try #require(try await NeighbourComplaint.find(complaint.requireID(), on: app.db))
            #expect(stored.step == .henstilling && stored.henstillingOn == "2026-11-23")

            // A sanction is not offered, and a påmindelse needs a new episode.
            page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(page.contains("Der er ingen ny episode efter henstillingen."))
            #expect(page.contains("En sanktion kræver, at beboeren først har fået en påmindelse"))

            // A week on, the caseworker records a new episode reported by telephone.
            clock.advance(by: 7 * 86_400)
            let staffAgain = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Karl Klage", of: organisation, on: app),
                on: app
            )
            let badEpisode = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "episode"), ("date", "2026-12-24"), ("description", "")],
                as: staffAgain
            )
            #expect(badEpisode.0 == .unprocessableEntity)
            #expect(badEpisode.1.contains("Beskriv, hvad der skete"))
            let episode = try await CaseDeadlinesTests.post(
                app,
                action,
                [("intent", "episode"), ("date", "2026-11-28"), ("time", "kl. 01"), ("description", "Fest igen")],
                as: staffAgain
            )
            #expect(episode.0 == .seeOther)
            // Audited as what it was, not as a decision.
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseEpisode.rawValue).count()
                    == 1
            )
            let reminder = try await CaseDeadlinesTests.post(
                app,
                action,
                [
                    ("intent", "send"), ("action", "paamindelse"), ("text", "Fest natten til 28. november 2026."),
                    ("seen", "1"),
                ],
                as: staffAgain
            )
            #expect(reminder.0 == .seeOther)
            stored = try #require(try await NeighbourComplaint.find(complaint.requireID(), on: app.db))
            #expect(stored.step == .paamindelse && stored.paamindelseOn == "2026-11-30")
            let warning = try #require(
                try await Letter.query(on: app.db).filter(\.$kind == .reminderWithWarning).first()
            )
            let warningText = try PDFText.extract(warning.pdf).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            #expect(warningText.contains("23. november 2026"))
            #expect(warningText.contains("§ 82, stk. 2"))
            // The complainant follows the steps without seeing the letters to the other home.
            // The complainant was told of each step by a letter of their own.
            #expect(
                try await Letter.query(on: app.db).filter(\.$recipient.$id == who.complainant)
                    .filter(\.$subject ~~ "Nyt i din klage").count() == 2
            )
            let resident2 = try await PageSessions.signIn(person: who.complainant, on: app)
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident2).1
            #expect(mine.contains("Der er sendt en henstilling"))
            #expect(mine.contains("Der er sendt en påmindelse med advarsel"))
            #expect(!mine.contains("Henstilling om at overholde husordenen"))

            // The case summary for the nævn: parties, episodes, steps and letters, in one PDF.
            var bundle = (HTTPStatus.internalServerError, Data())
            try await app.testing().test(
                .GET,
                SiteRoute.staffComplaintBundle(caseID).path,
                headers: TerminationNoticeTests.headers(staffAgain)
            ) { res async in
                bundle = (res.status, Data(res.body.readableBytesView))
            }
            #expect(bundle.0 == .ok)
            let summary = try PDFText.extract(bundle.1).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(summary.contains("Sagsfremstilling"))
            #expect(summary.contains("Klager: \(complainant.givenName) \(complainant.familyName)"))
            #expect(summary.contains("Fest igen"))
            #expect(summary.contains("Der er sendt en påmindelse med advarsel"))
            #expect(summary.contains("»Henstilling om at overholde husordenen«"))
        }
    }

    /// The complainant demands action (ALL § 83): a deadline 4 weeks on, July not counted, which
    /// bringing the case to the nævn meets; the demand is made once.
    @Test func theComplainantDemandsActionAndTheNaevnMeetsIt() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await Self.file(app, who, as: resident, date: "2026-11-20", description: "Råben om natten")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(page.contains("Kræv, at vi handler"))
            let demand = SiteRoute.myComplaintDemand(caseID).path
            let unticked = try await CaseDeadlinesTests.post(app, demand, [], as: resident)
            #expect(unticked.0 == .unprocessableEntity)
            #expect(unticked.1.contains("Sæt kryds, hvis du vil kræve handling."))
            // Its problems are listed at its own form, not above the episode form, and the
            // refused form comes back there.
            let summaries = unticked.1.components(separatedBy: "class=\"error-summary\"")
            #expect(summaries.count == 2 && summaries[1].contains("demand-error-title"))
            #expect(unticked.1.contains("action=\"\(demand)#krav\"") && unticked.1.contains("id=\"krav\""))
            let made = try await CaseDeadlinesTests.post(app, demand, [("confirm", "ja")], as: resident)
            #expect(made.0 == .seeOther)
            // Monday 23 November 2026 + 28 days: Monday 21 December.
            let deadline = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID)
                    .filter(\.$kind == .demandedAction).first()
            )
            #expect(deadline.dueOn == "2026-12-21")
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(after.contains("senest mandag den 21. december 2026"))
            #expect(!after.contains("Kræv, at vi handler"))
            #expect(try await CaseDeadlinesTests.post(app, demand, [("confirm", "ja")], as: resident).0 == .notFound)

            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Klageren krævede handling 23. november 2026"))
            // The case's history names the complainant who demanded it under "Hvem".
            let complainant = try #require(try await Person.find(who.complainant, on: app.db))
            let demanded = try #require(
                card.firstMatch(of: /Klageren har krævet handling<\/td><td[^>]*>([^<]*)<\/td>/)
            )
            #expect(String(demanded.1) == complainant.fullName)
            // No letter goes to the household: the confirmation says what happens instead.
            let confirm = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseComplaint(caseID).path,
                [("intent", "preview"), ("action", "naevn")],
                as: staff
            )
            #expect(confirm.0 == .ok)
            #expect(confirm.1.contains("nævnet skriver til dem") && confirm.1.contains("Registrér skridtet"))
            #expect(confirm.1.contains(#"name="seen" value="0""#))
            let naevn = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseComplaint(caseID).path,
                [("intent", "send"), ("action", "naevn"), ("seen", "0")],
                as: staff
            )
            #expect(naevn.0 == .seeOther)
            #expect(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseID)
                    .filter(\.$kind == .demandedAction).first()?.metAt != nil
            )
            #expect(try await NeighbourComplaint.find(complaint.requireID(), on: app.db)?.step == .naevn)
            // The nævn's own deadlines from Monday 23 November 2026: the residents told within a
            // week, two weeks to reply, the decision within four.
            let atNaevn = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(atNaevn.contains("skal nævnet give beboerne besked senest mandag den 30. november 2026"))
            #expect(atNaevn.contains("frist til mandag den 14. december 2026"))
            #expect(atNaevn.contains("afgørelse senest mandag den 21. december 2026"))

            // The nævn's decision: errors at the fields, then recorded once with the appeal deadline
            // (from 23 November 2026: 28 days is Monday 21 December).
            let path = SiteRoute.staffCaseComplaint(caseID).path
            let empty = try await CaseDeadlinesTests.post(app, path, [("intent", "naevn")], as: staff)
            #expect(empty.0 == .unprocessableEntity)
            #expect(empty.1.contains("Vælg nævnets afgørelse."))
            let decided = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "naevn"), ("outcome", "conditional_lease"), ("decided", "2026-11-23")],
                as: staff
            )
            #expect(decided.0 == .seeOther)
            let recorded = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(recorded.contains("Betinget lejemål i 1 år til og med 22. november 2027"))
            #expect(recorded.contains("boligretten senest mandag den 21. december 2026"))
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(theirs.contains("Beboerklagenævnet gjorde lejemålet betinget i 1 år"))
        }
    }

    /// The dashboard counts open complaints per department by step, oldest first, within the
    /// caseworker's organisations.
    @Test func theDashboardCountsOpenComplaintsPerDepartmentByStep() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            // Two complaints in the department: about two homes (one about the same home would go
            // into the open one).
            struct Row: Decodable { let id: UUID }
            let another = try #require(
                try await app.db.sql().raw(
                    """
                    SELECT d2.id FROM dwellings d2 JOIN leases l2 ON l2.dwelling_id = d2.id AND l2.status <> 'ended'
                    WHERE d2.department_id = (SELECT department_id FROM dwellings WHERE id = \(bind: who.aboutDwelling))
                      AND d2.id <> \(bind: who.aboutDwelling)
                      AND d2.id <> (SELECT dwelling_id FROM leases WHERE id = \(bind: who.lease))
                    ORDER BY d2.id
                    """
                ).first(decoding: Row.self)
            ).id
            let second = Neighbours(
                complainant: who.complainant,
                lease: who.lease,
                aboutDwelling: another,
                aboutTenants: []
            )
            for (about, description) in [(who, "Råben"), (second, "Musik")] {
                #expect(
                    try await Self.file(app, about, as: resident, date: "2026-11-20", description: description)
                        == .seeOther
                )
            }
            let first = try #require(try await NeighbourComplaint.query(on: app.db).sort(\.$createdAt).first())
            let organisation = try #require(try await CaseFile.find(first.caseID, on: app.db)).$organisation.id
            let staff = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Dorte Dash", of: organisation, on: app),
                on: app
            )
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseComplaint(first.caseID).path,
                [("intent", "send"), ("action", "henstilling"), ("text", "Råben om natten."), ("seen", "0")],
                as: staff
            )
            clock.advance(by: 3 * 86_400)
            let later = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Dorte Dash 2", of: organisation, on: app),
                on: app
            )
            let (status, page) = try await CaseDeadlinesTests.get(app, SiteRoute.complaintDashboard.path, as: later)
            #expect(status == .ok)
            let department = try #require(
                try await Dwelling.query(on: app.db).filter(\.$id == who.aboutDwelling).with(\.$department).first()
            ).department
            #expect(page.contains("\(department.number) \(department.name)"))
            // One being assessed, one after a henstilling, two in all, the oldest 3 days old.
            let cells = page.matches(of: /data-label="[^"]+">(\d+)<\/td>/).map { String($0.1) }
            #expect(cells == ["1", "1", "0", "0", "0", "2"])
            #expect(page.contains(">3 dage</td>"))
            #expect(page.contains(SiteRoute.complaintDashboard.path))
            // The department links to its open complaints in the inbox, and only those.
            let departmentID = try department.requireID()
            let inbox = SiteRoute.staffCases.path(query: [
                ("type", CaseKind.neighbourComplaint.rawValue), ("afdeling", departmentID.uuidString.lowercased()),
            ])
            #expect(page.contains(inbox.replacingOccurrences(of: "&", with: "&amp;")))
            let listed = try await CaseDeadlinesTests.get(app, inbox, as: later).1
            #expect(listed.contains("Viser sager i afdeling \(department.number) \(department.name)"))
            #expect(listed.matches(of: /name="cases\[\]"/).count == 2)
            #expect(listed.contains("name=\"afdeling\" value=\"\(departmentID.uuidString.lowercased())\""))
            let otherDepartment = UUID()
            try await Department(
                id: otherDepartment,
                organisationID: organisation,
                number: 999,
                name: "Nyt Byggeri",
                municipality: department.municipality
            ).create(on: app.db)
            let none = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCases.path(query: [("afdeling", otherDepartment.uuidString.lowercased())]),
                as: later
            ).1
            #expect(none.matches(of: /name="cases\[\]"/).count == 0)

            // A caseworker of another organisation sees none of them.
            let elsewhere = HousingOrganisation(
                id: UUID(),
                companyID: try #require(try await HousingOrganisation.find(organisation, on: app.db)).$company.id,
                cvr: "87654321",
                name: "Andet Boligselskab",
                eligiblePublicSender: true,
                digitalPostConnection: .notConnected
            )
            try await elsewhere.create(on: app.db)
            let outsider = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Ole Udenfor", of: try elsewhere.requireID(), on: app),
                on: app
            )
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.complaintDashboard.path, as: outsider).1
            #expect(theirs.contains("Der er ingen åbne naboklager."))
        }
    }

    /// A neighbour of a third home in the department co-signs from the complainant's link with
    /// what they saw; nobody else can use the link, and nobody twice.
    @Test func aNeighbourCoSignsFromTheComplainantsLinkAndNobodyElseCan() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await Self.file(app, who, as: resident, date: "2026-11-20", description: "Trommer hver nat")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            let link = SiteRoute.myCosign(complaint.cosignToken).path
            #expect(mine.contains(link))

            let third = try await Self.thirdHousehold(about: who.aboutDwelling, complainant: who.lease, on: app)
            let neighbour = try await PageSessions.signIn(person: third, on: app)
            let (shown, page) = try await CaseDeadlinesTests.get(app, link, as: neighbour)
            #expect(shown == .ok)
            #expect(page.contains("Trommer hver nat"))
            let complainant = try #require(try await Person.find(who.complainant, on: app.db))
            #expect(!page.contains(complainant.familyName))
            let unticked = try await CaseDeadlinesTests.post(
                app,
                link,
                [("statement", "Jeg hører det også")],
                as: neighbour
            )
            #expect(unticked.0 == .unprocessableEntity)
            #expect(unticked.1.contains("Sæt kryds, hvis du vil skrive under."))
            let signed = try await CaseDeadlinesTests.post(
                app,
                link,
                [("statement", "Jeg hører det også, især om natten."), ("confirm", "ja")],
                as: neighbour
            )
            #expect(signed.0 == .seeOther)
            _ = try await CaseDeadlinesTests.post(app, link, [("confirm", "ja")], as: neighbour)
            #expect(try await ComplaintCosigner.query(on: app.db).count() == 1)
            let followed = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: neighbour)
            #expect(followed.0 == .ok && followed.1.contains("Klagen vurderes"))
            #expect(!followed.1.contains(link))
            let counted = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(counted.contains("Skrevet under af andre husstande: 1"))
            // The complainant is named as such, not by their tenancy.
            #expect(counted.contains("<dd>klager</dd>") && followed.1.contains("<dd>medunderskriver på klagen</dd>"))
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Jeg hører det også, især om natten."))
            // Among the case's parties the neighbour is named as a co-signer, not "another party".
            #expect(card.contains("medunderskriver på klagen") && card.contains("klager"))

            // The home complained about, the complainant, a wrong link: none of them.
            let about = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            #expect(try await CaseDeadlinesTests.get(app, link, as: about).0 == .notFound)
            // The complainant's own link takes them to their case, which says what it is for.
            #expect(try await CaseDeadlinesTests.get(app, link, as: resident).0 == .seeOther)
            let wrong = SiteRoute.myCosign(String(repeating: "x", count: 43)).path
            #expect(try await CaseDeadlinesTests.get(app, wrong, as: neighbour).0 == .notFound)
            #expect(try await CaseDeadlinesTests.post(app, link, [("confirm", "ja")], as: about).0 == .notFound)
            // A co-signer follows the case but is not the household it is about: no answer form,
            // and an answer posted anyway is refused.
            #expect(!followed.1.contains("Dit svar til os"))
            let answer = [("text", "Svar"), ("token", UUID().uuidString)]
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.myComplaintReply(caseID).path, answer, as: neighbour).0
                    == .notFound
            )
        }
    }

    /// The demo's complaint: the first tenant's, about a lived-in home of the department, with
    /// two episodes and its receipt.
    @Test func theDemoHasAComplaintWithTwoEpisodes() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let number = try #require(try await DemoCases.seedComplaint(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            #expect(caseFile.kind == .neighbourComplaint)
            let complaint = try #require(
                try await NeighbourComplaint.query(on: app.db).filter(\.$caseID == caseFile.requireID()).first()
            )
            #expect(
                try await ComplaintEpisode.query(on: app.db).filter(\.$complaintID == complaint.requireID()).count()
                    == 2
            )
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).count() == 1)
        }
    }

    @Test func aComplaintFoundNotJustifiedIsAnsweredAndClosed() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await Self.file(app, who, as: resident, date: "2026-11-20", description: "Cykel i opgangen")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let path = SiteRoute.staffCaseComplaint(complaint.caseID).path
            let missing = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "preview"), ("action", "not_justified")],
                as: staff
            )
            #expect(missing.1.contains("Skriv brevets tekst"))
            let sent = try await CaseDeadlinesTests.post(
                app,
                path,
                [
                    ("intent", "send"), ("action", "not_justified"),
                    ("text", "Cykler må stå i opgangen i en kort tid."),
                    ("seen", "0"),
                ],
                as: staff
            )
            #expect(sent.0 == .seeOther)
            #expect(try await CaseFile.find(complaint.caseID, on: app.db)?.status == .closed)
            let answer = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == complaint.caseID)
                    .filter(\.$subject ~~ "Din klage").first()
            )
            #expect(answer.$recipient.id == who.complainant)
            #expect(try PDFText.extract(answer.pdf).contains("beboerklagenævnet"))
            #expect(try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ who.aboutTenants).count() == 0)

            // The letter says the complainant may demand action: doing so opens the case again,
            // and "not justified" is no longer an answer (ALL § 83).
            let demanded = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myComplaintDemand(complaint.caseID).path,
                [("confirm", "ja")],
                as: resident
            )
            #expect(demanded.0 == .seeOther)
            #expect(try await CaseFile.find(complaint.caseID, on: app.db)?.status == .open)
            let again = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "preview"), ("action", "not_justified"), ("text", "Stadig ikke.")],
                as: staff
            )
            #expect(again.0 == .unprocessableEntity)
            #expect(again.1.contains("Klageren har krævet handling"))
        }
    }

    @Test func aGraveBreachIsJudgedWithAReasonAndThePaamindelseGoesAtOnce() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await Self.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            try await Self.file(app, who, as: resident, date: "2026-11-21", description: "Trusler i opgangen")
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let path = SiteRoute.staffCaseComplaint(complaint.caseID).path
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(complaint.caseID).path, as: staff).1
            #expect(card.contains("Vurdér overtrædelsen som grov"))
            // The judgement needs its reason, at the field.
            let missing = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "grave"), ("reason", "")],
                as: staff
            )
            #expect(missing.0 == .unprocessableEntity)
            #expect(missing.1.contains("Hvorfor er overtrædelsen grov? Skriv, hvorfor overtrædelsen er grov"))
            let judged = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "grave"), ("reason", "Trusler mod naboen, anmeldt til politiet.")],
                as: staff
            )
            #expect(judged.0 == .seeOther)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(complaint.caseID).path, as: staff).1
            #expect(
                page.contains("Vurderet som grov overtrædelse") && page.contains(#"id="complaintAction-paamindelse""#)
            )
            #expect(!page.contains("Vurdér overtrædelsen som grov"))
            // The påmindelse goes without a henstilling, and says so instead of a henstilling's date.
            let preview = try await CaseDeadlinesTests.post(
                app,
                path,
                [("intent", "preview"), ("action", "paamindelse"), ("text", "Trusler den 21. november 2026.")],
                as: staff
            )
            #expect(preview.0 == .ok && preview.1.contains("grove overtrædelser af husordenen"))
            let sent = try await CaseDeadlinesTests.post(
                app,
                path,
                [
                    ("intent", "send"), ("action", "paamindelse"), ("text", "Trusler den 21. november 2026."),
                    ("seen", "0"),
                ],
                as: staff
            )
            #expect(sent.0 == .seeOther)
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ who.aboutTenants).first()
            )
            #expect(letter.kind == .reminderWithWarning)
            let text = try PDFText.extract(letter.pdf)
            #expect(text.contains("grove overtrædelser af husordenen") && !text.contains("Vi sendte dig den"))
            // The reason is staff's: the household complained about does not see it.
            let other = try await PageSessions.signIn(person: who.aboutTenants[0], on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(complaint.caseID).path, as: other).1
            #expect(!theirs.contains("politiet") && !theirs.contains("grov overtrædelse"))
        }
    }
}
