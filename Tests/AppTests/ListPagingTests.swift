import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Lists page by keyset, 25 at a time, newest first: the next page starts after the last row shown
/// (even among rows with the same time), filters and search go with the links, and a signed-in
/// page is never stored by a browser or proxy.
@Suite("Paged lists")
struct ListPagingTests {
    @Test func thirtyCasesAreTwoPagesWithNoRowTwiceAndSearchFindsOne() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            // The test clock stands still: all thirty have the same time, so only the id orders them.
            var numbers: [String] = []
            for index in 1...30 {
                numbers.append(
                    try await app.cases.open(
                        .general,
                        title: "Henvendelse \(index)",
                        organisationID: organisation,
                        leaseID: tenancy.$lease.id,
                        openedBy: nil
                    ).number
                )
            }
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let staff = try await PageSessions.signIn(staff: administrator, on: app)
            let resident = try await PageSessions.signIn(person: tenancy.$person.id, on: app)

            for (start, token) in [(SiteRoute.staffCases.path, staff), (SiteRoute.myCases.path, resident)] {
                let first = try await Self.get(app, start, token: token)
                let firstNumbers = Self.caseNumbers(first.body)
                let next = try #require(Self.link(first.body, rel: "next"), "\(start) has no next page")
                let second = try await Self.get(app, next, token: token)
                let secondNumbers = Self.caseNumbers(second.body)

                #expect(first.cacheControl == "no-store")
                #expect(firstNumbers.count == 25)
                #expect(secondNumbers.count == 5)
                #expect(Set(firstNumbers + secondNumbers) == Set(numbers))
                #expect(Self.link(second.body, rel: "next") == nil)
                #expect(second.body.contains("Til de nyeste"))
            }

            let search = try await Self.get(
                app,
                SiteRoute.staffCases.path(query: [("q", "Henvendelse 17")]),
                token: staff
            )
            #expect(Self.caseNumbers(search.body) == [numbers[16]])
            let nothing = try await Self.get(
                app,
                SiteRoute.staffCases.path(query: [("q", "100% _ikke_")]),
                token: staff
            )
            #expect(Self.caseNumbers(nothing.body).isEmpty)
            #expect(nothing.body.contains("Intet passer til det, du har søgt på eller valgt."))
            let unknownCursor = try await Self.get(
                app,
                SiteRoute.staffCases.path(query: [("foer", UUID().uuidString)]),
                token: staff
            )
            #expect(unknownCursor.status == .ok)
            #expect(Self.caseNumbers(unknownCursor.body).isEmpty)
        }
    }

    @Test func lettersAreFilteredByStatusAndFoundByRecipient() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let letters = app.letters()
            var recipients: [Person] = []
            for tenancy in try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).range(0..<3)
                .all()
            {
                try await letters.send(
                    try await letters.prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: tenancy.$lease.id),
                    createdBy: nil
                )
                recipients.append(try #require(try await Person.find(tenancy.$person.id, on: app.db)))
            }
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let staff = try await PageSessions.signIn(staff: administrator, on: app)
            let named = recipients[1]

            let all = try await Self.get(app, SiteRoute.letters.path, token: staff)
            let found = try await Self.get(
                app,
                SiteRoute.letters.path(query: [("q", named.familyName.lowercased())]),
                token: staff
            )
            let failed = try await Self.get(
                app,
                SiteRoute.letters.path(query: [("status", LetterStatus.failed.rawValue)]),
                token: staff
            )

            #expect(recipients.allSatisfy { all.body.contains($0.fullName.htmlEscapedForTest) })
            #expect(found.body.contains(named.fullName.htmlEscapedForTest))
            #expect(
                !found.body.contains(recipients[0].fullName.htmlEscapedForTest)
                    || recipients[0].familyName == named.familyName
            )
            #expect(failed.body.contains("Intet passer til det, du har søgt på eller valgt."))
            // The chosen filter is shown as chosen.
            #expect(failed.body.contains(#"<option value="failed" selected>"#))
        }
    }

    struct Page {
        let status: HTTPStatus
        let body: String
        let cacheControl: String?
    }

    static func get(_ app: Application, _ path: String, token: String) async throws -> Page {
        var page: Page?
        try await app.testing().test(.GET, path, headers: ["Cookie": "\(SessionCookie.session)=\(token)"]) {
            res async throws in
            page = Page(status: res.status, body: res.body.string, cacheControl: res.headers.first(name: .cacheControl))
        }
        return try #require(page)
    }

    /// The case numbers a list page links to, in order.
    static func caseNumbers(_ html: String) -> [String] {
        html.matches(of: /<td[^>]*><a (?:class="nowrap" )?href="[^"]+">(\d{4}-\d{6})<\/a><\/td>/).map { String($0.1) }
    }

    /// The href of the link with `rel`, HTML entities undone.
    static func link(_ html: String, rel: String) -> String? {
        guard let match = html.firstMatch(of: /<a href="([^"]+)" rel="next">/), rel == "next" else { return nil }
        return String(match.1).replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension ListPagingTests {
    @Test func aSearchFindsDanishLettersAsWrittenOnBothDatabases() async throws {
        try await withTestApp(seedHomes: 200) { app in
            let seat = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$board == .organisation).first()
            )
            let organisation = try #require(seat.$organisation.id)
            let sql = try #require(app.db as? any SQLDatabase)
            let everyone = try await BoardResidentsController.residents(
                of: organisation,
                search: nil,
                after: nil,
                on: sql
            )
            let danish = try #require(
                everyone.first { $0.family_name.contains("ø") || $0.given_name.contains("ø") },
                "a name with ø"
            )
            let name = danish.family_name.contains("ø") ? danish.family_name : danish.given_name

            // As stored ("Sørensen"), in capitals of the ASCII letters only ("SøRENSEN"), in lower case.
            for typed in [name, name.uppercased().replacingOccurrences(of: "Ø", with: "ø"), name.lowercased()] {
                let found = try await BoardResidentsController.residents(
                    of: organisation,
                    search: typed,
                    after: nil,
                    on: sql
                )
                #expect(found.contains { $0.id == danish.id }, "\(typed)")
            }
            // A name that begins with a Danish capital, typed in lower case or in capitals.
            struct Hits: Decodable { let n: Int }
            // Typed without the Danish letters, as on a foreign keyboard, or with them for a name
            // written without; and what is not there finds nothing.
            let typings = [
                ("østergaard", 1), ("mia østergaard", 1), ("ØSTERGAARD", 1), ("ærø", 1), ("åse", 1), ("Østergaard", 1),
                ("ostergaard", 1), ("Oestergaard", 1), ("ostergard", 1), ("aero", 1), ("AERO", 1), ("ase", 1),
                ("mia ostergaard fra aero", 1), ("Østergård", 1), ("fra æ", 1), ("ostergaardx", 0), ("øster gaard", 0),
                // Folded to a letter, "oe" would find every "o": too short to fold.
                ("oe", 0), ("OE", 0),
            ]
            for (typed, count) in typings {
                let hits = try await sql.raw(
                    "SELECT COUNT(*) AS n FROM (SELECT 1 AS x) t WHERE "
                        + Keyset.like("'Mia Østergaard fra Ærø og Åse'", typed)
                ).first(decoding: Hits.self)
                #expect(hits?.n == count, "\(typed)")
            }
            // Names from other languages, typed on a Danish keyboard.
            for (typed, count) in [
                ("yilmaz", 1), ("Yılmaz", 1), ("ozdemir", 1), ("OZDEMIR", 1), ("muller", 1), ("jose", 1), ("José", 1),
                ("yilmazz", 0), ("İbrahim", 1), ("ibrahim", 1), ("IBRAHIM", 1),
            ] {
                let hits = try await sql.raw(
                    "SELECT COUNT(*) AS n FROM (SELECT 1 AS x) t WHERE "
                        + Keyset.like("'Ali Yılmaz, Özdemir, Zoë Müller, İbrahim og José'", typed)
                ).first(decoding: Hits.self)
                #expect(hits?.n == count, "\(typed)")
            }
        }
    }
}

extension ListPagingTests {
    /// The first text after all that begin with a text, as PostgreSQL's range for a beginning
    /// needs it (`Keyset.following`).
    @Test(arguments: [
        ("havevej 3", "havevej 4"), ("a", "b"), ("jensen z", "jensen {"), ("sø", "sù"), ("\u{D7FF}", "\u{E000}"),
        ("a\u{10FFFF}", "b"), ("ab\u{10FFFF}\u{10FFFF}", "ac"),
    ])
    func aBeginningEndsBeforeTheNextText(text: String, next: String) {
        #expect(Keyset.following(text) == next)
    }

    @Test func noTextAndOnlyTheLastScalarHaveNoEnd() {
        #expect(Keyset.following("") == nil)
        #expect(Keyset.following("\u{10FFFF}\u{10FFFF}") == nil)
    }

    /// A beginning, on both databases: as typed or in other case, nothing more, and `%` and `_`
    /// taken literally.
    @Test func aBeginningFindsItsTextAndNothingElseOnBothDatabases() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            struct Hits: Decodable { let n: Int }
            let typings = [
                ("skt. p", 1), ("Skt. Peders Stræde 15", 1), ("SKT. PEDERS STRÆDE", 1), ("skt. peders stræde 15", 1),
                ("s", 1), ("skt_", 0), ("skt%", 0), ("%", 0), ("_kt", 0), ("skt. peders stræde 150", 0), ("kt", 0),
                ("skt. peders stræde 15 ", 0), ("sku", 0), ("skt. peders strøde", 0),
            ]
            for (typed, count) in typings {
                let hits = try await sql.raw(
                    "SELECT COUNT(*) AS n FROM (SELECT 'Skt. Peders Stræde 15' AS t) x WHERE "
                        + Keyset.prefix("x.t", typed, on: sql)
                ).first(decoding: Hits.self)
                #expect(hits?.n == count, "\(typed)")
            }
        }
    }
}

extension ListPagingTests {
    /// A NUL character (`%00`), which no text holds and PostgreSQL refuses, is dropped from a
    /// search and from a form: never a 500, and never stored.
    @Test func aNulCharacterIsDroppedFromASearchAndRefusedInAForm() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (caseFile, _) = try await CaseDeadlinesTests.openCase(app)
            let caseID = try caseFile.requireID()
            let token = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            for path in [
                "/admin/sager?q=%00", "/admin/sager?q=\(caseFile.number)%00", "/admin/doedsfald?q=%00ab",
                "/admin/breve?q=a%00", "/admin/post?q=%00", "/admin/post?kontaktpunkt=%00",
            ] {
                let (status, page) = try await CaseDeadlinesTests.get(app, path, as: token)
                #expect(status == .ok, "\(path)")
                #expect(!path.hasPrefix("/admin/sager?q=2") || page.contains(caseFile.number), "\(path)")
            }
            let notes = try await CaseEvent.query(on: app.db).filter(\.$kind == .note).count()
            let (status, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseNote(caseID).path,
                [("note", "Ringet op\u{0} kl. 10")],
                as: token
            )
            // The form loses the character before anything reads it, on either database.
            #expect(status == .seeOther)
            let stored = try await CaseEvent.query(on: app.db).filter(\.$kind == .note).all()
            #expect(stored.count == notes + 1)
            #expect(stored.contains { $0.detail == "Ringet op kl. 10" })

            // A form with files (multipart): its text fields lose it too; a file keeps its bytes.
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let resident = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let (sent, _, _) = try await FaultReportTests.post(
                app,
                SiteRoute.myFaultReport(tenancy.lease_id).path,
                [
                    ("location", "kitchen"), ("description", "Utæt\u{0} vask"), ("masterKey", "nej"),
                    ("token", UUID().uuidString),
                ],
                photos: [FaultReportTests.jpeg],
                as: resident
            )
            #expect(sent == .seeOther)
            let report = try #require(try await FaultReport.query(on: app.db).first())
            #expect(report.description == "Utæt vask" && report.masterKey == false)
            let photo = try #require(
                try await CaseAttachment.query(on: app.db).filter(\.$caseID == report.caseID).first()
            )
            #expect(photo.contentType == "image/jpeg")
        }
    }
}
