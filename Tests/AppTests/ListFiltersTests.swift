import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The back office's lists narrow by organisation and by Danish days (issue: Fast pages, "filters
/// that fit each list"): the cases by the day they were opened, the letters by kind and the day
/// they were written, the incoming mail by whether it is in a case, its contact point and the day
/// it came. A day that is not a date is a problem at its field, and no list is shown that ignores
/// it.
@Suite("List filters")
struct ListFiltersTests {
    /// 30 November 2026 at 23.30 in Copenhagen (22.30 UTC): still the 30th on Danish clocks.
    static let lateOnTheThirtieth = Date(timeIntervalSince1970: 1_796_077_800)
    /// 1 December 2026 at 00.10 in Copenhagen (23.10 UTC on the 30th): the 1st.
    static let justAfterMidnight = Date(timeIntervalSince1970: 1_796_080_200)

    @Test func theDaysAreDanishDays() {
        #expect(LocalDate(Self.lateOnTheThirtieth, timeZone: danishTimeZone).iso == "2026-11-30")
        #expect(LocalDate(Self.justAfterMidnight, timeZone: danishTimeZone).iso == "2026-12-01")
    }

    @Test func casesNarrowByOrganisationAndTheDayTheyWereOpened() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first())
            let elsewhere = try await RegisterLookups.anotherOrganisation(
                besides: try organisation.requireID(),
                sameConnection: true,
                on: app.db
            )
            let (first, second) = (try organisation.requireID(), try elsewhere.requireID())
            let late = try await Self.openCase("Sen aften", in: first, at: Self.lateOnTheThirtieth, app)
            let early = try await Self.openCase("Efter midnat", in: first, at: Self.justAfterMidnight, app)
            let other = try await Self.openCase("Andet selskab", in: second, at: Self.justAfterMidnight, app)
            let staff = try await Self.administrator(app)

            let inFirst = try await Self.numbers(
                SiteRoute.staffCases.path(query: [("organisation", "\(first)")]),
                staff,
                app
            )
            #expect(Set(inFirst) == [late, early])
            // The staff of two organisations choose between them.
            let page = try await ListPagingTests.get(app, SiteRoute.staffCases.path, token: staff)
            #expect(
                page.body.contains(#"<option value="\#(second.uuidString.lowercased())">Andet Boligselskab</option>"#)
            )
            let november = try await Self.numbers(
                SiteRoute.staffCases.path(query: [("fra", "2026-11-01"), ("til", "2026-11-30")]),
                staff,
                app
            )
            #expect(november == [late])
            // A Danish date typed where a browser has no date field is a date too.
            let december = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [("fra", "1.12.2026")]),
                token: staff
            )
            #expect(Set(ListPagingTests.caseNumbers(december.body)) == [early, other])
            // The day goes back into the field as a date field shows it, and with the links.
            #expect(december.body.contains(#"value="2026-12-01""#))
            #expect(december.body.contains("fra=2026-12-01"))
            #expect(december.body.contains("Oprettet fra"))
            // Switching to the closed cases keeps the search and whose they are.
            let searched = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [("tildelt", "ingen"), ("q", "Sen")]),
                token: staff
            )
            #expect(searched.body.contains("status=closed&amp;tildelt=ingen&amp;q=Sen"))
        }
    }

    @Test func aDayThatIsNotADateIsAProblemAtItsFieldAndNoListIsShown() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            _ = try await Self.openCase("Sag", in: organisation, at: Self.lateOnTheThirtieth, app)
            let staff = try await Self.administrator(app)
            for path in [SiteRoute.staffCases.path, SiteRoute.letters.path, SiteRoute.incomingMail.path] {
                let wrong = try await ListPagingTests.get(app, path + "?fra=i+går", token: staff)
                #expect(wrong.status == .unprocessableEntity, "\(path)")
                #expect(wrong.body.contains(#"<p class="field-error" id="fra-error">Skriv en dato, fx 3.12.2026.</p>"#))
                #expect(wrong.body.contains(#"aria-invalid="true" aria-describedby="fra-error""#))
                #expect(!wrong.body.contains("Intet passer"))
                let backwards = try await ListPagingTests.get(
                    app,
                    path + "?fra=2026-12-02&til=2026-12-01",
                    token: staff
                )
                #expect(backwards.status == .unprocessableEntity, "\(path)")
                #expect(backwards.body.contains("Slutdatoen skal være samme dag som startdatoen eller senere."))
                #expect(ListPagingTests.caseNumbers(backwards.body).isEmpty)
            }
        }
    }

    @Test func lettersNarrowByKindAndTheDayTheyWereWritten() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let letters = app.letters()
            var people: [Person] = []
            for tenancy in try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).range(0..<3)
                .all()
            {
                try await letters.send(
                    try await letters.prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: tenancy.$lease.id),
                    createdBy: nil
                )
                people.append(try #require(try await Person.find(tenancy.$person.id, on: app.db)))
            }
            // Different family names, so each letter's row names only its recipient.
            #expect(Set(people.map(\.familyName)).count == 3)
            let sql = try #require(app.db as? any SQLDatabase)
            func set(_ person: Person, kind: LetterKind, written: Date) async throws {
                try await sql.update("letters").set("kind", to: kind.rawValue).set("created_at", to: written)
                    .where("recipient_person_id", .equal, try person.requireID()).run()
            }
            try await set(people[0], kind: .henstilling, written: Self.lateOnTheThirtieth)
            try await set(people[1], kind: .general, written: Self.lateOnTheThirtieth)
            try await set(people[2], kind: .general, written: Self.justAfterMidnight)
            let staff = try await Self.administrator(app)
            func shown(_ query: [(String, String?)]) async throws -> [Bool] {
                let page = try await ListPagingTests.get(app, SiteRoute.letters.path(query: query), token: staff)
                #expect(page.status == .ok)
                return people.map { page.body.contains($0.familyName.htmlEscapedForTest) }
            }

            #expect(try await shown([("art", LetterKind.henstilling.rawValue)]) == [true, false, false])
            #expect(try await shown([("til", "2026-11-30")]) == [true, true, false])
            #expect(
                try await shown([("art", "general"), ("fra", "2026-12-01"), ("til", "2026-12-01")]) == [
                    false, false, true,
                ]
            )
            let page = try await ListPagingTests.get(
                app,
                SiteRoute.letters.path(query: [("art", "henstilling")]),
                token: staff
            )
            #expect(page.body.contains(#"<option value="henstilling" selected>Henstilling</option>"#))
            // Found by the address of the home the letter is about.
            struct Address: Decodable {
                let street: String
                let house_number: String
            }
            let address = try #require(
                try await sql.raw(
                    """
                    SELECT d.street, d.house_number FROM letters l JOIN leases le ON le.id = l.lease_id
                    JOIN dwellings d ON d.id = le.dwelling_id WHERE l.recipient_person_id = \(bind: try people[1].requireID())
                    """
                ).first(decoding: Address.self)
            )
            #expect(try await shown([("q", "\(address.street) \(address.house_number)")])[1])
        }
    }

    @Test func incomingMailNarrowsByCaseContactPointAndDay() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            let filed = try await Self.receive(
                "Svar om vaskeri",
                at: Self.lateOnTheThirtieth,
                in: organisation,
                contactPoint: ("kp-1", "Udlejning, Boligselskabet"),
                app
            )
            filed.$caseFile.id = try await Self.openCaseID(
                "Vaskeri",
                in: organisation,
                at: Self.lateOnTheThirtieth,
                app
            )
            try await filed.save(on: app.db)
            _ = try await Self.receive(
                "Spørgsmål om husleje",
                at: Self.justAfterMidnight,
                in: organisation,
                app
            )
            let unreadable = try await Self.receive("Ulæselig", at: Self.justAfterMidnight, in: organisation, app)
            unreadable.status = .invalid
            try await unreadable.save(on: app.db)
            let staff = try await Self.administrator(app)
            func shown(_ query: [(String, String?)]) async throws -> [Bool] {
                let page = try await ListPagingTests.get(app, SiteRoute.incomingMail.path(query: query), token: staff)
                #expect(page.status == .ok)
                return ["Svar om vaskeri", "Spørgsmål om husleje", "Ulæselig"].map {
                    page.body.contains(">\($0.htmlEscapedForTest)<")
                }
            }

            #expect(try await shown([]) == [true, true, true])
            #expect(try await shown([("status", "uden-sag")]) == [false, true, false])
            #expect(try await shown([("status", "paa-sag")]) == [true, false, false])
            #expect(try await shown([("status", "ulaeselig")]) == [false, false, true])
            #expect(try await shown([("til", "2026-11-30")]) == [true, false, false])
            #expect(try await shown([("fra", "2026-12-01")]) == [false, true, true])
            // By its id, as the list offers it, or the start of its name, as typed.
            #expect(try await shown([("kontaktpunkt", "kp-1")]) == [true, false, false])
            #expect(try await shown([("kontaktpunkt", "udlejning")]) == [true, false, false])
        }
    }

    @Test func tooManyContactPointsToListAreTypedInstead() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            let staff = try await Self.administrator(app)
            for count in [IncomingLists.contactPointsListed, IncomingLists.contactPointsListed + 1] {
                let existing = try await IncomingMessage.query(on: app.db).count()
                for index in existing..<count {
                    _ = try await Self.receive(
                        "Brev \(index)",
                        at: Self.justAfterMidnight,
                        in: organisation,
                        contactPoint: ("kp-\(index)", "Kontaktpunkt \(index)"),
                        app
                    )
                }
                let page = try await ListPagingTests.get(app, SiteRoute.incomingMail.path, token: staff)
                if count == IncomingLists.contactPointsListed {
                    #expect(page.body.contains(#"<select id="kontaktpunkt" name="kontaktpunkt">"#))
                    #expect(page.body.contains(">Kontaktpunkt 199</option>"))
                } else {
                    #expect(!page.body.contains(#"<select id="kontaktpunkt""#))
                    #expect(page.body.contains(#"<input type="search" id="kontaktpunkt" name="kontaktpunkt""#))
                    #expect(page.body.contains("Skriv begyndelsen af kontaktpunktets navn."))
                }
            }
        }
    }

    @Test func staffMembersAndOrganisationsPageBySearchAndName() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first())
            var elsewhere: [UUID] = []
            for index in 1...55 {
                let other = HousingOrganisation(
                    id: UUID(),
                    companyID: organisation.$company.id,
                    cvr: String(format: "%08d", 30_000_000 + index),
                    name: String(format: "Boligselskab %02d", index),
                    eligiblePublicSender: true,
                    digitalPostConnection: .notConnected
                )
                try await other.create(on: app.db)
                elsewhere.append(try other.requireID())
                _ = try await CaseAssignmentTests.caseworker(
                    String(format: "Medarbejder %02d", index),
                    of: index == 1 ? try organisation.requireID() : try other.requireID(),
                    on: app
                )
            }
            let staff = try await Self.administrator(app)
            func names(_ path: String) async throws -> (names: [String], page: ListPagingTests.Page) {
                let page = try await ListPagingTests.get(app, path, token: staff)
                #expect(page.status == .ok, "\(path)")
                return (page.body.matches(of: /<td[^>]*><a href="[^"]+">([^<]+)<\/a><\/td>/).map { String($0.1) }, page)
            }

            // Staff: 50 a page by name, the rest on the next, searched, and by organisation.
            let (first, firstPage) = try await names(SiteRoute.staffMembers.path)
            #expect(first.count == 50)
            let next = try #require(ListPagingTests.link(firstPage.body, rel: "next"))
            let (second, _) = try await names(next)
            #expect(!second.isEmpty && Set(first).isDisjoint(with: second))
            #expect(
                try await names(SiteRoute.staffMembers.path(query: [("q", "medarbejder 07")])).names == [
                    "Medarbejder 07"
                ]
            )
            let ofFirst = try await names(
                SiteRoute.staffMembers.path(query: [("organisation", try organisation.requireID().uuidString)])
            ).names
            #expect(ofFirst.contains("Medarbejder 01") && !ofFirst.contains("Medarbejder 02"))

            // Organisations: 50 a page by name, found by name or CVR.
            let (organisations, organisationsPage) = try await names(SiteRoute.connections.path)
            #expect(organisations.count == 50)
            #expect(ListPagingTests.link(organisationsPage.body, rel: "next") != nil)
            // A CVR number typed as it is printed ("DK 30 00 00 12") finds it too.
            for typed in ["30000012", "DK 30 00 00 12", "dk30000012"] {
                #expect(
                    try await names(SiteRoute.connections.path(query: [("q", typed)])).names == ["Boligselskab 12"],
                    "\(typed)"
                )
            }
            // By how they send: the 55 new ones are not connected; the seeded one sends.
            let notConnected = try await names(SiteRoute.connections.path(query: [("status", "none")])).names
            #expect(notConnected.count == 50 && !notConnected.contains(organisation.name))
            let sending = try await names(SiteRoute.connections.path(query: [("status", "shared")])).names
            #expect(sending == [organisation.name])
            #expect(try await names(SiteRoute.connections.path(query: [("status", "own")])).names.isEmpty)
        }
    }

    @Test func aResidentWithMorePowersOfAttorneyThanThePageShowsIsToldSo() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            for index in 0...PowersController.shown {
                let power = PowerOfAttorney()
                power.id = UUID()
                power.grantorID = tenancy.$person.id
                power.helperName = "Hjælper \(index)"
                power.kind = .fuldmagt
                power.mayFile = false
                power.copies = false
                power.validFrom = "2026-01-01"
                power.codeExpiresAt = testNow
                power.createdAt = testNow.addingTimeInterval(Double(index))
                // The oldest is revoked: it is the one left out.
                if index == 0 { power.revokedAt = testNow }
                try await power.create(on: app.db)
            }
            let token = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.myPowers.path, token: token)
            #expect(page.body.contains("Du har flere fuldmagter, end siden kan vise. Her er de 100 nyeste"))
            #expect(page.body.contains("Hjælper 100") && !page.body.contains("Hjælper 0<"))
        }
    }

    @Test func meetingsNarrowByTheDaysTheyAreHeld() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let meeting = try #require(try await DemoMeetings.seed(app: app))
            struct Held: Decodable { let held_on: String }
            let sql = try #require(app.db as? any SQLDatabase)
            let read = try await sql.raw("SELECT held_on FROM meetings WHERE id = \(bind: meeting)")
                .first(decoding: Held.self)
            let held = try #require(read).held_on
            let staff = try await Self.administrator(app)
            let href = SiteRoute.myMeeting(meeting).path
            func shown(_ query: [(String, String?)]) async throws -> Bool {
                let page = try await ListPagingTests.get(app, SiteRoute.meetings.path(query: query), token: staff)
                #expect(page.status == .ok)
                return page.body.contains(SiteRoute.meeting(meeting).path) || page.body.contains(href)
            }
            #expect(try await shown([]))
            #expect(try await shown([("fra", held), ("til", held)]))
            let dayAfter = try #require(LocalDate(iso: held)).adding(days: 1).iso
            #expect(!(try await shown([("fra", dayAfter)])))
            // By where it stands: the demo's meeting is coming, or held with its minutes missing.
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let standing: MeetingPage.Standing = held > today.iso ? .upcoming : .minutesDue
            for other in MeetingPage.Standing.allCases {
                #expect(try await shown([("status", other.rawValue)]) == (other == standing), "\(other)")
            }
            try await sql.raw("UPDATE meetings SET cancelled_at = \(bind: testNow) WHERE id = \(bind: meeting)").run()
            #expect(try await shown([("status", "cancelled")]))
            #expect(!(try await shown([("status", standing.rawValue)])))
            let wrong = try await ListPagingTests.get(app, SiteRoute.meetings.path + "?til=31.02.2027", token: staff)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains(#"id="til-error""#))
        }
    }

    @Test func contactPointsKnownBeforeTheirTableAreCarriedIntoIt() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            for (label, name, at) in [
                ("Første", "Udlejningen", Self.lateOnTheThirtieth),
                ("Anden", "Udlejning og salg", Self.justAfterMidnight),
            ] {
                let message = try await Self.receive(label, at: at, in: organisation, app)
                message.contactPoint = "kp-udlejning"
                message.contactPointLabel = name
                try await message.save(on: app.db)
            }
            // As a database of mail received before the table was made.
            try await CreateIncomingContactPoints().revert(on: app.db)
            try await CreateIncomingContactPoints().prepare(on: app.db)
            let points = try await IncomingLists.contactPoints(.all, on: try #require(app.db as? any SQLDatabase))
            #expect(points.map(\.contact_point) == ["kp-udlejning"])
            // Named as the newest message named it.
            #expect(points.map(\.name) == ["Udlejning og salg"])

            // Two messages of one page to a new contact point, the second without a name or an
            // organisation: the name and the organisation known stay.
            let sql = try #require(app.db as? any SQLDatabase)
            try await IncomingContactPoints.note(
                [
                    .init(contactPoint: "kp-ny", label: "Ny", organisationID: organisation, receivedAt: testNow),
                    .init(contactPoint: "kp-ny", label: nil, organisationID: nil, receivedAt: testNow),
                ],
                on: sql
            )
            // Of the organisation's, so its caseworkers are offered it.
            let scope = StaffScope.organisations([organisation])
            #expect(try await IncomingLists.contactPoints(scope, on: sql).map(\.name).contains("Ny"))
        }
    }

    static func administrator(_ app: Application) async throws -> String {
        let administrator = try #require(
            try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
        ).requireID()
        return try await PageSessions.signIn(staff: administrator, on: app)
    }

    static func openCaseID(
        _ title: String,
        in organisation: UUID,
        at opened: Date,
        _ app: Application
    ) async throws
        -> UUID
    {
        let caseFile = try await app.cases.open(
            .general,
            title: title,
            organisationID: organisation,
            leaseID: nil,
            openedBy: nil
        )
        caseFile.openedAt = opened
        try await caseFile.save(on: app.db)
        return try caseFile.requireID()
    }

    /// A case opened at `opened`, by its number.
    static func openCase(
        _ title: String,
        in organisation: UUID,
        at opened: Date,
        _ app: Application
    ) async throws
        -> String
    {
        let id = try await openCaseID(title, in: organisation, at: opened, app)
        return try #require(try await CaseFile.find(id, on: app.db)).number
    }

    static func numbers(_ path: String, _ token: String, _ app: Application) async throws -> [String] {
        let page = try await ListPagingTests.get(app, path, token: token)
        #expect(page.status == .ok, "\(path)")
        return ListPagingTests.caseNumbers(page.body)
    }

    /// A message as the receiving system stores it, with its contact point (id and name) noted.
    static func receive(
        _ label: String,
        at received: Date,
        in organisation: UUID,
        contactPoint: (String, String)? = nil,
        _ app: Application
    ) async throws -> IncomingMessage {
        let message = IncomingMessage(
            id: UUID(),
            messageUUID: UUID().uuidString,
            receivedAt: received,
            channel: "pull",
            xml: Data("<memo/>".utf8)
        )
        message.label = label
        message.$organisation.id = organisation
        message.contactPoint = contactPoint?.0
        message.contactPointLabel = contactPoint?.1
        try await message.create(on: app.db)
        if let (id, name) = contactPoint {
            try await IncomingContactPoints.note(
                [.init(contactPoint: id, label: name, organisationID: organisation, receivedAt: received)],
                on: try #require(app.db as? any SQLDatabase)
            )
        }
        return message
    }
}

extension ListFiltersTests {
    /// The inbox narrowed to a department by its number, as a caseworker knows it; a number that
    /// tells no department, or several, is said at the field and shows no cases.
    @Test func theInboxFindsADepartmentsCasesByItsNumber() async throws {
        try await withTestApp(seedHomes: 60) { app in
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
            struct Department: Decodable {
                let number: Int
                let organisation_id: UUID
                let shared: Int
            }
            let leaseID = try #require(caseFile.$lease.id)
            let department = try #require(
                try await app.db.sql().raw(
                    """
                    SELECT dep.number, dep.organisation_id,
                      (SELECT COUNT(*) FROM departments o WHERE o.number = dep.number) AS shared
                    FROM leases l JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
                    WHERE l.id = \(bind: leaseID)
                    """
                ).first(decoding: Department.self)
            )
            let staff = try await Self.administrator(app)
            let inOrganisation = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [
                    ("afdelingsnr", " \(department.number) "),
                    ("organisation", department.organisation_id.lowercasedString),
                ]),
                token: staff
            )
            #expect(inOrganisation.status == .ok)
            #expect(ListPagingTests.caseNumbers(inOrganisation.body) == [caseFile.number])
            #expect(inOrganisation.body.contains("Viser sager i afdeling \(department.number) "))
            #expect(
                inOrganisation.body.contains(
                    #"name="afdelingsnr" maxlength="6" size="6" value="\#(department.number)""#
                )
            )
            let problems = [
                ("12a", "Skriv afdelingens nummer med tal, fx 12."),
                ("99999", "Ingen af dine boligorganisationer har en afdeling med det nummer."),
            ]
            for (typed, problem) in problems {
                let wrong = try await ListPagingTests.get(
                    app,
                    SiteRoute.staffCases.path(query: [("afdelingsnr", typed)]),
                    token: staff
                )
                #expect(wrong.status == .unprocessableEntity, "\(typed)")
                #expect(wrong.body.contains(#"<p class="field-error" id="afdelingsnr-error">\#(problem)</p>"#))
                #expect(wrong.body.contains(##"<li><a href="#afdelingsnr">\##(problem)</a></li>"##))
                #expect(ListPagingTests.caseNumbers(wrong.body).isEmpty)
                #expect(!wrong.body.contains("Der er ingen sager") && !wrong.body.contains("Viser sager i"))
            }
            // In the chosen organisation, the problem says it is that one's.
            let elsewhere = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [
                    ("afdelingsnr", "99999"), ("organisation", department.organisation_id.lowercasedString),
                ]),
                token: staff
            )
            #expect(elsewhere.body.contains("Den valgte boligorganisation har ingen afdeling med det nummer."))
            // The department given by id, its number emptied: every department again.
            let (other, _) = try await CaseDeadlinesTests.openCase(app)
            let departmentID = try #require(
                try await Dwelling.query(on: app.db).join(Lease.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .filter(Lease.self, \.$id == leaseID).first()
            ).$department.id
            let cleared = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [("afdeling", departmentID.lowercasedString), ("afdelingsnr", "")]),
                token: staff
            )
            #expect(Set(ListPagingTests.caseNumbers(cleared.body)).isSuperset(of: [caseFile.number, other.number]))
            // A number several organisations use asks for the organisation too.
            let everywhere = try await ListPagingTests.get(
                app,
                SiteRoute.staffCases.path(query: [("afdelingsnr", String(department.number))]),
                token: staff
            )
            if department.shared > 1 {
                #expect(everywhere.body.contains("Vælg også boligorganisationen."))
            } else {
                #expect(ListPagingTests.caseNumbers(everywhere.body) == [caseFile.number])
            }
        }
    }
}
