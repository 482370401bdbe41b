import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant lets part of their home (delvis fremleje): the rules at the fields, a draft that keeps
/// the agreement, the preview with the promised answer date, one case however often it is sent,
/// the receipt letter, and the agreement for staff (audited) and the tenant only.
@Suite("Partial sub-letting")
struct PartialSublettingTests {
    struct Home: Decodable {
        let lease_id: UUID
        let person_id: UUID
        let habitable_rooms: Int
    }

    /// A one-tenant family lease of a home with at least 3 rooms.
    static func home(_ app: Application) async throws -> Home {
        let sql = try #require(app.db as? any SQLDatabase)
        return try #require(
            try await sql.raw(
                """
                SELECT lt.lease_id, lt.person_id, d.habitable_rooms FROM lease_tenants lt
                JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                WHERE l.status <> 'ended' AND d.habitable_rooms >= 3
                  AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
                  AND NOT EXISTS (SELECT 1 FROM household_members h WHERE h.lease_id = lt.lease_id)
                ORDER BY lt.lease_id LIMIT 1
                """
            ).first(decoding: Home.self)
        )
    }

    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        file: (name: String, data: Data)? = nil,
        as token: String
    ) async throws -> (HTTPStatus, String, String?) {
        try await MultipartForm.post(app, path, fields, files: file.map { [$0] } ?? [], field: "agreement", as: token)
    }

    @Test func aTenantLetsRoomsWithinTheRulesAndSendsOnce() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let home = try await Self.home(app)
            let token = try await PageSessions.signIn(person: home.person_id, on: app)
            let path = SiteRoute.mySubletting(home.lease_id).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains("Din bolig har \(home.habitable_rooms) værelser"))

            // Too many rooms and people, a start in the past, and an executable named .jpg.
            let (refused, body, _) = try await Self.post(
                app,
                path,
                [
                    ("step", "preview"), ("letRooms", String(home.habitable_rooms)),
                    ("occupants", String(home.habitable_rooms + 1)), ("startDate", "2026-01-01"),
                    ("subtenants", "<b>Ole</b>"), ("confirm", "ja"),
                ],
                file: ("aftale.jpg", Data("MZ\u{90}\u{0}binary".utf8)),
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Højst halvdelen af boligens \(home.habitable_rooms) værelser må fremlejes"))
            #expect(body.contains("Der må højst bo \(home.habitable_rooms) personer i alt"))
            #expect(body.contains("Datoen må ikke ligge før i dag."))
            #expect(body.contains("Filen er ikke en PDF, JPEG eller PNG."))
            #expect(body.contains("&lt;b&gt;Ole&lt;/b&gt;"))
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .subletting).count() == 0)
            // Each rule on its own: a wrong number of people does not hide the rooms' rule, and the
            // summary follows the form (the date first).
            let (_, apart, _) = try await Self.post(
                app,
                path,
                [("step", "preview"), ("letRooms", String(home.habitable_rooms)), ("occupants", "abc")],
                as: token
            )
            #expect(apart.contains("Højst halvdelen af boligens \(home.habitable_rooms) værelser må fremlejes"))
            let summary = try #require(apart.range(of: "class=\"error-summary\""))
            let date = try #require(apart.range(of: "Fremlejen begynder: ", range: summary.upperBound..<apart.endIndex))
            let rooms = try #require(
                apart.range(of: "Antal værelser, du fremlejer: ", range: summary.upperBound..<apart.endIndex)
            )
            #expect(date.lowerBound < rooms.lowerBound)
            // More rooms than the home has, and no number at all, are two different mistakes.
            for (typed, said) in [
                (
                    String(home.habitable_rooms + 1),
                    "Kan ikke være flere end boligens \(home.habitable_rooms) værelser."
                ),
                ("to", "Skriv antallet af værelser som et helt tal, mindst 1."),
                ("0", "Skriv antallet af værelser som et helt tal, mindst 1."),
            ] {
                let (_, body, _) = try await Self.post(
                    app,
                    path,
                    [("step", "preview"), ("letRooms", typed), ("occupants", "2")],
                    as: token
                )
                #expect(body.contains(said), "\(typed)")
            }
            // The tenant alone is not a sub-letting: everyone who will live there counts.
            let (_, alone, _) = try await Self.post(
                app,
                path,
                [("step", "preview"), ("letRooms", "1"), ("occupants", "1")],
                as: token
            )
            #expect(
                alone.contains(
                    "Tæl alle med, der skal bo i boligen: dig og mindst én, der lejer sig ind – i alt mindst 2."
                )
            )

            // Right, with the agreement: the preview promises the answer date (20 bank days after
            // Monday 23 November 2026: Monday 21 December).
            let fields = [
                ("step", "preview"), ("letRooms", "1"), ("occupants", "2"), ("startDate", "2027-01-01"),
                ("subtenants", "Ole Olsen"), ("confirm", "ja"),
            ]
            let (preview, page, _) = try await Self.post(
                app,
                path,
                fields,
                file: ("aftale.pdf", HomeStartPageTests.pdf),
                as: token
            )
            #expect(preview == .ok)
            #expect(page.contains("mandag den 21. december 2026"))
            let draft = try #require(try await SublettingRequest.query(on: app.db).first())
            #expect(draft.status == .draft)
            #expect(draft.agreementType == "application/pdf")
            // "Ret anmeldelsen" opens the draft with the confirmation still ticked.
            let ticked = #"id="confirm" name="confirm" value="ja" checked"#
            #expect(page.contains("href=\"\(path)?ret=ja\""))
            #expect(try await CaseDeadlinesTests.get(app, path + "?ret=ja", as: token).1.contains(ticked))
            #expect(!(try await CaseDeadlinesTests.get(app, path, as: token).1.contains(ticked)))
            // The form again keeps the agreement: no need to attach it twice.
            #expect(
                try await CaseDeadlinesTests.get(app, path, as: token).1.contains("Du behøver ikke vedhæfte den igen")
            )
            #expect(try await Self.post(app, path, fields, as: token).0 == .ok)

            let draftID = try draft.requireID().uuidString.lowercased()
            let (sent, _, location) = try await Self.post(app, path, [("step", "send"), ("draft", draftID)], as: token)
            #expect(sent == .seeOther)
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$kind == .subletting).first())
            #expect(location == SiteRoute.myCase(try caseFile.requireID()).path + "?besked=fremleje")
            // Sent again (a double click): the same case, nothing more.
            let (again, _, secondLocation) = try await Self.post(
                app,
                path,
                [("step", "send"), ("draft", draftID)],
                as: token
            )
            #expect(again == .seeOther)
            #expect(secondLocation == SiteRoute.myCase(try caseFile.requireID()).path)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .subletting).count() == 1)
            // While the case is open, the form points to it instead of a second notice.
            let open = try await CaseDeadlinesTests.get(app, path, as: token).1
            #expect(open.contains("Der er allerede en åben sag om fremleje af boligen."))
            #expect(!open.contains("name=\"letRooms\""))
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).all()
            #expect(letters.map(\.subject).count == 1)
            #expect(letters.first?.subject.hasPrefix("Kvittering: delvis fremleje af") == true)
            #expect(try PDFText.extract(try #require(letters.first).pdf).contains("Ole Olsen"))
            #expect(
                try PDFText.extract(try #require(letters.first).pdf).contains("Din sag har nummer \(caseFile.number).")
            )
            let deadlines = try await CaseDeadlinesTests.deadlines(app, of: caseFile.requireID())
            #expect(deadlines.first { $0.kind == .receipt }?.metAt != nil)
            #expect(deadlines.first { $0.kind == .answer }?.dueOn == "2026-12-21")

            // The tenant's case links the agreement; staff see the notice and open it, audited.
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseFile.requireID()).path, as: token).1
            #expect(mine.contains(SiteRoute.mySublettingAgreement(try caseFile.requireID()).path))
            #expect(mine.contains("Din anmeldelse af fremleje") && mine.contains("fredag den 1. januar 2027"))
            #expect(mine.contains("Ole Olsen") && mine.contains("(PDF)"))
            #expect(
                try await CaseDeadlinesTests.get(
                    app,
                    SiteRoute.mySublettingAgreement(caseFile.requireID()).path,
                    as: token
                ).0
                    == .ok
            )
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let staffPage = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(caseFile.requireID()).path,
                as: staff
            ).1
            #expect(staffPage.contains("Anmeldelse af delvis fremleje"))
            #expect(staffPage.contains("Ole Olsen"))
            // The inbox finds the case by the sub-tenant's name, though Ole is in no register.
            let found = try await CaseDeadlinesTests.get(app, SiteRoute.staffCases.path + "?q=Ole+Olsen", as: staff).1
            #expect(found.contains(caseFile.number))
            var served: (HTTPStatus, String?) = (.internalServerError, nil)
            try await app.testing().test(
                .GET,
                SiteRoute.staffSublettingAgreement(caseFile.requireID()).path,
                headers: TerminationNoticeTests.headers(staff)
            ) { res async throws in
                served = (res.status, res.headers.contentType?.description)
                #expect(res.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            }
            #expect(served.0 == .ok)
            #expect(served.1 == "application/pdf")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseAgreementRead.rawValue)
                    .count() == 1
            )

            // The caseworker decides: the form's errors first, then the letter's preview, then it goes.
            let decide = SiteRoute.staffCaseDecision(try caseFile.requireID()).path
            let missing = try await CaseDeadlinesTests.post(app, decide, [("step", "preview")], as: staff)
            #expect(missing.0 == .unprocessableEntity)
            #expect(missing.1.contains("Vælg afgørelsen."))
            let noReason = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "refused")],
                as: staff
            )
            #expect(noReason.1.contains("Skriv begrundelsen, når svaret er nej."))
            let letterPreview = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(letterPreview.0 == .ok)
            #expect(letterPreview.1.contains("Du må fremleje 1 værelse til Ole Olsen fra fredag den 1. januar 2027."))
            // The preview says whom the letter goes to: the tenant, by name.
            let tenant = try #require(try await Person.find(home.person_id, on: app.db))
            #expect(letterPreview.1.contains("<p>Sådan lyder brevet til \(tenant.fullName):</p>"))
            #expect(try await CaseDecision.query(on: app.db).count() == 0)
            let decided = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "send"), ("outcome", "approved"), ("reason", "")],
                as: staff
            )
            #expect(decided.0 == .seeOther)
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    decide,
                    [("step", "send"), ("outcome", "refused"), ("reason", "Nej")],
                    as: staff
                ).0 == .seeOther
            )
            #expect(try await CaseDecision.query(on: app.db).all().map(\.outcome) == [.approved])
            #expect(try await CaseFile.find(caseFile.requireID(), on: app.db)?.status == .closed)
            let decisionLetters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID())
                .filter(\.$subject ~~ "Afgørelse").all()
            #expect(decisionLetters.count == 1)
            #expect(decisionLetters.first?.subject.hasSuffix("er godkendt") == true)
            #expect(try PDFText.extract(try #require(decisionLetters.first).pdf).contains("Ole Olsen"))
            #expect(
                try await CaseDeadlinesTests.deadlines(app, of: caseFile.requireID()).allSatisfy { $0.metAt != nil }
            )
            let after = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(caseFile.requireID()).path + "?besked=afgjort",
                as: staff
            ).1
            #expect(after.contains("Afgørelsen er sendt, og sagen er lukket. Brevet står i sagens forløb."))
            #expect(after.contains("<strong>Afgørelse:</strong> Godkendt"))
            let told = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseFile.requireID()).path, as: token).1
            #expect(told.contains("Afgørelse: delvis fremleje af"))

            // The approved sub-letting counts: its room towards the half, its sub-tenant among
            // those who live there, until the tenant says it has ended.
            let most = home.habitable_rooms / 2
            let reopened = try await CaseDeadlinesTests.get(app, path, as: token).1
            #expect(reopened.contains("Du har allerede fået godkendt fremleje af 1 værelse fra 1. januar 2027."))
            #expect(reopened.contains("Nu bor der 2 personer i boligen, fremlejetagerne medregnet."))
            #expect(reopened.contains(#"id="earlierEnded" name="earlierEnded" value="ja">"#))
            let more = [
                ("step", "preview"), ("letRooms", String(most)), ("occupants", "3"), ("startDate", "2027-02-01"),
                ("subtenants", "Pia Hansen"), ("confirm", "ja"),
            ]
            let (counted, countedPage, _) = try await Self.post(
                app,
                path,
                more,
                file: ("aftale.pdf", HomeStartPageTests.pdf),
                as: token
            )
            #expect(counted == .unprocessableEntity)
            #expect(countedPage.contains("altså højst \(most) i alt, og 1 værelse er allerede fremlejet."))
            // The tick that may be the answer is pointed to, at its field.
            #expect(
                countedPage.contains(
                    #"<p class="field-error" id="earlierEnded-error">Den fremleje, der er godkendt før, tæller med. Er den ophørt, så sæt kryds her.</p>"#
                )
            )
            let (ended, endedPage, _) = try await Self.post(app, path, more + [("earlierEnded", "ja")], as: token)
            #expect(ended == .ok)
            #expect(endedPage.contains("<dt>Tidligere fremleje</dt><dd>Ophørt</dd>"))
            let second = try #require(
                try await SublettingRequest.query(on: app.db).filter(\.$status == .draft).first()
            )
            #expect(second.earlierEnded == true)
            let (sentAgain, _, _) = try await Self.post(
                app,
                path,
                [("step", "send"), ("draft", try second.requireID().uuidString.lowercased())],
                as: token
            )
            #expect(sentAgain == .seeOther)
            #expect(
                try await SublettingRequest.query(on: app.db).filter(\.$id == draft.requireID()).first()?.endedAt != nil
            )
            let secondCase = try #require(try await SublettingRequest.find(second.requireID(), on: app.db)?.caseID)
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(secondCase).path, as: staff).1.contains(
                    "Lejeren oplyser, at den fremleje, der var godkendt før, er ophørt."
                )
            )
            // The tenant reads back what they said, on their own case.
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myCase(secondCase).path, as: token).1.contains(
                    "<dt>Tidligere fremleje</dt><dd>Ophørt</dd>"
                )
            )

            // Someone else: neither the form of this lease nor the agreement exists for them.
            let other = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id != home.lease_id).first()
            )
            let stranger = try await PageSessions.signIn(person: other.$person.id, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: stranger).0 == .notFound)
            #expect(
                try await CaseDeadlinesTests.get(
                    app,
                    SiteRoute.mySublettingAgreement(caseFile.requireID()).path,
                    as: stranger
                )
                .0 == .notFound
            )
        }
    }

    @Test func aOneRoomHomeHasNoPartToLet() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let home = try #require(
                try await sql.raw(
                    """
                    SELECT lt.lease_id, lt.person_id, d.habitable_rooms FROM lease_tenants lt
                    JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                                        WHERE l.status = 'active' AND d.habitable_rooms = 1
                      AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
                    ORDER BY lt.lease_id LIMIT 1
                    """
                ).first(decoding: Home.self)
            )
            let token = try await PageSessions.signIn(person: home.person_id, on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.mySubletting(home.lease_id).path, as: token).1
            #expect(page.contains("Din bolig har 1 værelse"))
            #expect(page.contains("Du kan derfor ikke fremleje en del af den."))
            #expect(!page.contains("name=\"letRooms\""))
            let lease = try await CaseDeadlinesTests.get(app, SiteRoute.myLease(home.lease_id).path, as: token).1
            #expect(!lease.contains(SiteRoute.mySubletting(home.lease_id).path + "\""))
            // Letting the whole home while away is another matter: a one-room home may.
            #expect(lease.contains(SiteRoute.myWholeSubletting(home.lease_id).path + "\""))
        }
    }
}
