import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Fuldmagter: a resident gives one (errors at the fields, the code once); the helper accepts it
/// with their own login, acts visibly for the resident within what it covers, and every action is
/// audited under both; revoked, it stops at once. A helper the register does not know joins with
/// the code at their first MitID login; staff register and end a guardian.
@Suite("Powers of attorney")
struct PowerOfAttorneyTests {
    static func code(in body: String) throws -> String {
        let marker = "<p class=\"code\">"
        let start = try #require(body.range(of: marker)).upperBound
        return String(body[start...].prefix(9))
    }

    @Test func aHelperActsForTheResidentWithinTheFuldmagtAndBothAreAudited() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(1, on: app)
            let grantor = tenancies[0]
            let helperID = tenancies[1].person_id
            let helper = try #require(try await Person.find(helperID, on: app.db))
            let grantorName = try #require(try await Person.find(grantor.person_id, on: app.db)).fullName
            let token = try await PageSessions.signIn(person: grantor.person_id, on: app)
            let page = SiteRoute.myPowers.path

            let (refused, errors) = try await CaseDeadlinesTests.post(
                app,
                page,
                [("helperName", "Kun"), ("until", "2040-01-01")],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(errors.contains("Hjælperens fulde navn: Skriv hjælperens fulde navn"))
            #expect(errors.contains("Gælder til og med: En fuldmagt kan højst gælde i 5 år."))
            let (granted, body) = try await CaseDeadlinesTests.post(
                app,
                page,
                [("helperName", helper.fullName), ("until", "31.12.2027")],
                as: token
            )
            #expect(granted == .ok)
            let code = try Self.code(in: body)
            #expect(body.contains("Giv denne kode til \(helper.fullName)"))
            // Shown once: the page afterwards has no code.
            #expect(!(try await CaseDeadlinesTests.get(app, page, as: token).1.contains("class=\"code\"")))
            // A form sent twice (a double click) gives one fuldmagt.
            let form = UUID().uuidString
            let twice = [("helperName", "Karen Eksempel"), ("until", "31.12.2027"), ("token", form)]
            #expect(try await CaseDeadlinesTests.post(app, page, twice, as: token).0 == .ok)
            let again = try await CaseDeadlinesTests.post(app, page, twice, as: token)
            #expect(again.0 == .seeOther)
            #expect(try await PowerOfAttorney.query(on: app.db).filter(\.$helperName == "Karen Eksempel").count() == 1)

            let helperToken = try await PageSessions.signIn(person: helperID, on: app)
            let wrong = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myPowersAccept.path,
                [("code", "AAAA-AAAA")],
                as: helperToken
            )
            #expect(wrong.0 == .unprocessableEntity && wrong.1.contains("Koden passer ikke"))
            // Listed above the form, which comes back at its heading.
            #expect(wrong.1.contains(##"<li><a href="#code">Kode: Koden passer ikke"##))
            // The code comes back as typed, to be corrected, with its format said.
            #expect(wrong.1.contains(#"id="code" name="code" value="AAAA-AAAA""#))
            #expect(wrong.1.contains("8 tegn, fx ABCD-EFGH."))
            #expect(wrong.1.contains(#"action="\#(SiteRoute.myPowersAccept.path)#kode-ind""#))
            // Nothing typed is said as such.
            let empty = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myPowersAccept.path,
                [("code", " ")],
                as: helperToken
            )
            #expect(empty.0 == .unprocessableEntity && empty.1.contains("Skriv den kode, du har fået."))
            #expect(!empty.1.contains("Koden passer ikke"))
            let noSign = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.mySignCode.path,
                [("code", "")],
                as: helperToken
            )
            #expect(noSign.0 == .unprocessableEntity && noSign.1.contains("Skriv den kode, du har fået."))
            // The grantor cannot take their own.
            let own = try await CaseDeadlinesTests.post(app, SiteRoute.myPowersAccept.path, [("code", code)], as: token)
            #expect(own.0 == .unprocessableEntity)
            #expect(
                try await CaseDeadlinesTests.post(app, SiteRoute.myPowersAccept.path, [("code", code)], as: helperToken)
                    .0 == .seeOther
            )
            let power = try #require(
                try await PowerOfAttorney.query(on: app.db).filter(\.$helperName == helper.fullName).first()
            )
            #expect(power.helperID == helperID && power.codeHash == nil)

            // Acting: Mit hjem is the grantor's, with the banner that says so.
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.myPowerAct(try power.requireID()).path,
                    [],
                    as: helperToken
                ).0
                    == .seeOther
            )
            let home = try await CaseDeadlinesTests.get(app, SiteRoute.myLease(grantor.lease_id).path, as: helperToken)
            #expect(home.0 == .ok)
            #expect(home.1.contains("Du handler på vegne af \(grantorName)."))
            #expect(home.1.contains("Du er logget ind som \(helper.fullName)."))
            // The fuldmagt lets the helper see, not file: a fault report and a consent are refused.
            let fault = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myFaultReport(grantor.lease_id).path,
                [
                    ("location", "kitchen"), ("description", "Drypper"), ("masterKey", "nej"),
                    ("token", UUID().uuidString),
                ],
                as: helperToken
            )
            #expect(fault.0 == .forbidden)
            #expect(
                fault.1.contains("Det kan du ikke gøre på vegne af \(grantorName) med din fuldmagt eller som værge.")
            )
            let consent = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myConsent(ConsentKind.photos).path,
                [("intent", "give")],
                as: helperToken
            )
            #expect(consent.0 == .forbidden)
            #expect(try await Consent.query(on: app.db).filter(\.$kind == ConsentKind.photos).count() == 0)
            // The full copy and the data as JSON (with the CPR number) are not the helper's to read.
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.api(.meData).path, as: helperToken).0 == .forbidden)
            // Reading the grantor's letters is audited with the helper as actor, on the grantor's behalf.
            _ = try await CaseDeadlinesTests.get(app, SiteRoute.myLetters.path, as: helperToken)
            let read = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "power.view").first())
            #expect(
                read.actorID == helperID && read.onBehalfOf == grantor.person_id
                    && read.dataSubjectID == grantor.person_id
            )
            let insight = try await CaseDeadlinesTests.get(app, SiteRoute.myAuditTrail.path, as: token).1
            #expect(insight.contains("\(helper.fullName) på vegne af \(grantorName)"))

            // Revoked: the helper's session acts no more, at once.
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.myPowerRevoke(try power.requireID()).path,
                    [],
                    as: token
                ).0
                    == .seeOther
            )
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.myLease(grantor.lease_id).path, as: helperToken)
            #expect(after.0 == .notFound)
            #expect(!after.1.contains("Du handler på vegne af"))
            #expect(after.1.contains("Fuldmagten eller værgemålet, du handlede med, gælder ikke længere."))
            // Said once.
            let next = try await CaseDeadlinesTests.get(app, SiteRoute.myHome.path, as: helperToken).1
            #expect(!next.contains("gælder ikke længere"))
        }
    }

    @Test func aHelperWhoMayFileSendsARequestForTheResident() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(1, on: app)
            let grantor = tenancies[0]
            let helperID = tenancies[1].person_id
            let helper = try #require(try await Person.find(helperID, on: app.db))
            let powers = PowersOfAttorney(database: app.db, dependencies: app.dependencies)
            let (power, code) = try await powers.grant(
                by: grantor.person_id,
                helperName: helper.fullName,
                kind: .fuldmagt,
                mayFile: true,
                from: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                to: nil
            )
            _ = try await powers.accept(code: code, helper: helperID, helperName: helper.fullName)
            let helperToken = try await PageSessions.signIn(person: helperID, on: app)
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myPowerAct(try power.requireID()).path,
                [],
                as: helperToken
            )
            let (sent, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myDataRequest.path,
                [
                    ("right", "rectification"), ("text", "Telefonnummeret er forkert."), ("token", UUID().uuidString),
                    ("step", "send"),
                ],
                as: helperToken
            )
            #expect(sent == .seeOther)
            let request = try #require(try await DataRequest.query(on: app.db).first())
            #expect(request.personID == grantor.person_id)
            let opened = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "data_request.open").first()
            )
            #expect(opened.actorID == helperID && opened.onBehalfOf == grantor.person_id)
            // Voting and meetings stay the resident's own.
            let vote = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myBallotVote(UUID()).path,
                [("option", "0")],
                as: helperToken
            )
            #expect(vote.0 == .forbidden)
            // Letting the whole home and swapping it are signed with the resident's own MitID.
            for path in [SiteRoute.myWholeSubletting(grantor.lease_id).path, SiteRoute.mySwap(grantor.lease_id).path] {
                let signed = try await CaseDeadlinesTests.post(app, path, [("step", "preview")], as: helperToken)
                #expect(signed.0 == .forbidden, "\(path)")
            }
            // Stopping returns the helper to their own name.
            _ = try await CaseDeadlinesTests.post(app, SiteRoute.myPowersStop.path, [], as: helperToken)
            let own = try await CaseDeadlinesTests.get(app, SiteRoute.myPowers.path, as: helperToken).1
            #expect(!own.contains("Du handler på vegne af"))
        }
    }

    @Test func aHelperTheRegisterDoesNotKnowJoinsWithTheCodeAtTheirFirstLogin() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let grantor = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let powers = PowersOfAttorney(database: app.db, dependencies: app.dependencies)
            let (_, code) = try await powers.grant(
                by: grantor.person_id,
                helperName: "Signe Datter",
                kind: .fuldmagt,
                mayFile: false,
                from: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                to: nil
            )
            let pending = try await Self.waitingLogin("Signe Marie Datter", cpr: "0404047004", on: app)
            let helper = try await app.activation.redeem(pending, typed: code, consented: true)
            #expect(helper.givenName == "Signe Marie" && helper.familyName == "Datter")
            let power = try #require(try await PowerOfAttorney.query(on: app.db).first())
            #expect(power.helperID == helper.id && power.acceptedAt != nil)
            #expect(try await Consent.query(on: app.db).filter(\.$person.$id == helper.requireID()).count() == 1)
            // A name that does not match the fuldmagt's is an ordinary wrong code.
            let (_, second) = try await powers.grant(
                by: grantor.person_id,
                helperName: "Peter Søn",
                kind: .fuldmagt,
                mayFile: false,
                from: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                to: nil
            )
            let stranger = try await Self.waitingLogin("Anders Fremmed", cpr: "0505057005", on: app)
            await #expect(throws: Activation.Refusal.code) {
                _ = try await app.activation.redeem(stranger, typed: second, consented: true)
            }
        }
    }

    @Test func aHelperWithCopiesSeesTheResidentsNewLettersUnderTheirOwn() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 30, clock: clock) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(1, on: app)
            let grantor = tenancies[0]
            let helperID = tenancies[1].person_id
            let helper = try #require(try await Person.find(helperID, on: app.db))
            let letters = app.letters()
            func send(_ subject: String) async throws -> UUID {
                let prepared = try await letters.prepare(
                    GeneralLetter(subject: MarkupText(subject), paragraphs: ["Et brev."]),
                    to: grantor.person_id,
                    lease: grantor.lease_id
                )
                try await letters.send(prepared, createdBy: nil, caseID: nil, on: app.db)
                return prepared.id
            }
            let before = try await send("Brev fra før fuldmagten")
            clock.advance(by: 60)
            let powers = PowersOfAttorney(database: app.db, dependencies: app.dependencies)
            let (power, code) = try await powers.grant(
                by: grantor.person_id,
                helperName: helper.fullName,
                kind: .fuldmagt,
                mayFile: false,
                copies: true,
                from: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                to: nil
            )
            _ = try await powers.accept(code: code, helper: helperID, helperName: helper.fullName)
            clock.advance(by: 60)
            let after = try await send("Varsel om vandafbrydelse")
            let token = try await PageSessions.signIn(person: helperID, on: app)
            let list = try await CaseDeadlinesTests.get(app, SiteRoute.myLetters.path, as: token).1
            #expect(list.contains("Varsel om vandafbrydelse"))
            #expect(list.contains("Kopi med fuldmagt – brev til"))
            #expect(!list.contains("Brev fra før fuldmagten"))
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.myLetterPDF(after).path, as: token).0 == .ok)
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.myLetterPDF(before).path, as: token).0 == .notFound)
            // Still unread for the resident; the helper's read is in the resident's trail.
            #expect(try await Letter.find(after, on: app.db)?.openedAt == nil)
            let read = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "power.view").first())
            #expect(read.actorID == helperID && read.dataSubjectID == grantor.person_id)
            // Revoked: no more copies.
            try await powers.revoke(try power.requireID())
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.myLetterPDF(after).path, as: token).0 == .notFound)
            let gone = try await CaseDeadlinesTests.get(app, SiteRoute.myLetters.path, as: token).1
            #expect(!gone.contains("Varsel om vandafbrydelse"))
        }
    }

    /// A MitID login the register did not know, waiting at the activation page.
    static func waitingLogin(_ name: String, cpr digits: String, on app: Application) async throws -> PendingLink {
        let cpr = try CPRNumber(digits)
        let pending = PendingLink(
            id: UUID(),
            tokenHash: "login-\(digits)",
            cprCiphertext: try app.cprVault.seal(cpr),
            cprLookupHash: app.cprVault.lookupHash(cpr),
            name: name,
            authTime: testNow,
            now: testNow
        )
        try await pending.create(on: app.db)
        return pending
    }

    @Test func staffRegisterAndEndAGuardian() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let person = try #require(try await Person.find(tenancy.person_id, on: app.db))
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let found = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.guardians.path(query: [("q", person.fullName)]),
                as: staff
            ).1
            #expect(found.contains(person.fullName))
            let refused = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.guardians.path,
                [("person", tenancy.person_id.uuidString), ("guardianName", "Værge")],
                as: staff
            )
            #expect(refused.0 == .unprocessableEntity)
            let fields = [
                ("person", tenancy.person_id.uuidString), ("guardianName", "Hanne Værge"), ("token", UUID().uuidString),
            ]
            let (registered, body) = try await CaseDeadlinesTests.post(app, SiteRoute.guardians.path, fields, as: staff)
            #expect(registered == .ok)
            _ = try Self.code(in: body)
            // The same form again (a double click): one guardianship, one letter.
            #expect(try await CaseDeadlinesTests.post(app, SiteRoute.guardians.path, fields, as: staff).0 == .seeOther)
            #expect(try await PowerOfAttorney.query(on: app.db).count() == 1)
            let power = try #require(try await PowerOfAttorney.query(on: app.db).first())
            #expect(power.kind == .guardian && power.mayFile && power.validTo == nil)
            // The resident is told on paper at home.
            let told = try #require(
                try await Letter.query(on: app.db).filter(\.$recipient.$id == tenancy.person_id)
                    .filter(\.$subject == "Vi har registreret en værge for dig").first()
            )
            #expect(told.channel == .physical || told.channel == nil)
            // A caseworker may not register one.
            let caseworker = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker(
                    "Sagsbehandler Værge",
                    of: try #require(try await HousingOrganisation.query(on: app.db).first()).requireID(),
                    on: app
                ),
                on: app
            )
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.guardians.path, as: caseworker).0 == .forbidden)
            // The resident sees it, and cannot revoke a guardianship themselves.
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myPowers.path, as: token).1
            #expect(mine.contains("Hanne Værge") && mine.contains("værge"))
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.myPowerRevoke(try power.requireID()).path,
                    [],
                    as: token
                ).0
                    == .notFound
            )
            // The list's "Afslut" asks once more, naming both, before anything ends.
            let endPath = SiteRoute.guardianEnd(try power.requireID()).path
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.guardians.path, as: staff).1.contains(
                    #"<a href="\#(endPath)">"#
                )
            )
            let asked = try await CaseDeadlinesTests.get(app, endPath, as: staff)
            #expect(asked.0 == .ok && asked.1.contains("Afslut værgemålet?") && asked.1.contains("Hanne Værge"))
            #expect(
                asked.1.contains(person.fullName)
                    && asked.1.contains(#"<form class="card form" method="post" action="\#(endPath)">"#)
            )
            #expect(try await PowerOfAttorney.find(try power.requireID(), on: app.db)?.revokedAt == nil)
            #expect(try await CaseDeadlinesTests.post(app, endPath, [], as: staff).0 == .seeOther)
            #expect(try await PowerOfAttorney.find(try power.requireID(), on: app.db)?.revokedAt != nil)
            // Ended, it is not offered for ending again, and sent again it ends (and is audited) once.
            #expect(try await CaseDeadlinesTests.get(app, endPath, as: staff).0 == .notFound)
            #expect(try await CaseDeadlinesTests.post(app, endPath, [], as: staff).0 == .seeOther)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.guardianEnd.rawValue).count()
                    == 1
            )
        }
    }

    /// Every guardianship stays on the list, 50 a page: the oldest can still be ended.
    @Test func theGuardiansListPagesToTheFirstEverRegistered() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            for number in 0..<55 {
                let power = PowerOfAttorney()
                power.id = UUID()
                power.grantorID = tenancy.person_id
                power.helperName = "Værge \(number)"
                power.kind = .guardian
                power.mayFile = true
                power.copies = true
                power.validFrom = "2026-01-01"
                power.codeExpiresAt = testNow
                power.createdAt = testNow.addingTimeInterval(Double(number) * 60)
                try await power.create(on: app.db)
            }
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.guardians.path, as: staff).1
            #expect(first.contains(">Værge 54</td>") && first.contains(">Værge 5</td>"))
            #expect(!first.contains(">Værge 4</td>"))
            let older = try #require(
                first.firstMatch(of: #/href="(/admin/vaerger\?foer=[0-9a-f-]+)" rel="next"/#)?.output.1
            )
            let second = try await CaseDeadlinesTests.get(app, String(older), as: staff).1
            #expect(second.contains(">Værge 4</td>") && second.contains(">Værge 0</td>"))
            #expect(!second.contains(">Værge 5</td>"))
            // Found by the guardian's name, and narrowed to those ended.
            try await PowerOfAttorney.query(on: app.db).filter(\.$helperName == "Værge 7").set(
                \.$revokedAt,
                to: testNow
            )
            .update()
            let named = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.guardians.path(query: [("navn", "værge 12")]),
                as: staff
            ).1
            #expect(named.contains(">Værge 12</td>") && !named.contains(">Værge 11</td>"))
            let ended = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.guardians.path(query: [("tilstand", "ophoert")]),
                as: staff
            ).1
            #expect(ended.contains(">Værge 7</td>") && !ended.contains(">Værge 8</td>"))
            let waiting = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.guardians.path(query: [("tilstand", "venter")]),
                as: staff
            ).1
            #expect(waiting.contains(">Værge 8</td>") && !waiting.contains(">Værge 7</td>"))
            // The resident search and the list's filter keep each other's values.
            let both = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.guardians.path(query: [("q", "Jensen"), ("navn", "værge 1"), ("tilstand", "venter")]),
                as: staff
            ).1
            #expect(both.contains(#"<input type="hidden" name="navn" value="værge 1">"#))
            #expect(both.contains(#"<input type="hidden" name="tilstand" value="venter">"#))
            #expect(both.contains(#"<input type="hidden" name="q" value="Jensen">"#))
        }
    }
}
