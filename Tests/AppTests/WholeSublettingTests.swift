import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant applies to let the whole home while away (fremleje, ALL §§ 66 and 71): the rules at
/// the fields, the preview, one case however often it is sent, the receipt, the code shown once;
/// the sub-tenant signs with their own MitID (new to the register, or known to it), sees none of
/// the tenant's reasons, and a caseworker approves only once both have signed.
@Suite("Whole-dwelling sub-letting")
struct WholeSublettingTests {
    struct Home: Decodable {
        let lease_id: UUID
        let person_id: UUID
        let habitable_rooms: Int
        let monthly_rent_ore: Int64
    }

    static func home(_ app: Application) async throws -> Home {
        let sql = try #require(app.db as? any SQLDatabase)
        return try #require(
            try await sql.raw(
                """
                SELECT lt.lease_id, lt.person_id, d.habitable_rooms, l.monthly_rent_ore FROM lease_tenants lt
                JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                WHERE l.status <> 'ended' AND d.habitable_rooms >= 3
                  AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
                ORDER BY lt.lease_id LIMIT 1
                """
            ).first(decoding: Home.self)
        )
    }

    static let pdf = HomeStartPageTests.pdf

    /// A good application, with `changes` to its fields.
    static func fields(_ home: Home, _ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [String: String] = [
            "step": "preview", "reason": "business", "reasonText": "Jeg skal arbejde i Aarhus i et år.",
            "startDate": "2027-01-01", "endDate": "2027-12-31", "subtenant": "Karen Fremlejer", "persons": "2",
            "rent": "1.000", "confirm": "ja",
        ]
        fields.merge(changes) { $1 }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func files(documentation: Data? = pdf, agreement: Data? = pdf) -> [(field: String, name: String, data: Data)]
    {
        [("documentation", "brev.pdf", documentation), ("agreement", "aftale.pdf", agreement)].compactMap { file in
            file.2.map { (file.0, file.1, $0) }
        }
    }

    /// The code on the page that shows it once ("ABCD‑EFGH", with a non-breaking hyphen).
    static func code(in body: String) throws -> String {
        let pattern = try Regex("<strong>([A-Z0-9]{4})\u{2011}([A-Z0-9]{4})</strong>")
        let match = try #require(body.firstMatch(of: pattern))
        return "\(match.output[1].substring ?? "")\(match.output[2].substring ?? "")"
    }

    /// Fills in, previews and sends a good application; the case and the code.
    static func apply(
        _ app: Application,
        _ home: Home,
        as token: String,
        subtenant: String = "Karen Fremlejer",
        start: String = "2027-01-01",
        persons: String = "2",
        rent: String = "1.000"
    )
        async throws -> (caseID: UUID, code: String)
    {
        let path = SiteRoute.myWholeSubletting(home.lease_id).path
        let (previewed, preview, _) = try await MultipartForm.post(
            app,
            path,
            fields(home, ["subtenant": subtenant, "startDate": start, "persons": persons, "rent": rent]),
            namedFiles: files(),
            as: token
        )
        #expect(previewed == .ok)
        // Who must sign: the applicant and the sub-tenant, and a co-tenant, who gets a letter.
        let tenants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == home.lease_id).count()
        #expect(preview.contains("Din medlejer får et brev og skal også skrive under") == (tenants == 2))
        #expect(preview.contains("Dine medlejere får hver et brev og skal også skrive under") == (tenants > 2))
        #expect(preview.contains(tenants > 1 ? "når I alle har skrevet under" : "når I begge har skrevet under"))
        let draftID = try #require(
            try await SublettingRequest.query(on: app.db).filter(\.$kind == .whole).filter(\.$leaseID == home.lease_id)
                .first()?.id
        )
        // "Ret ansøgningen" opens the draft with the confirmation still ticked.
        let ticked = #"id="confirm" name="confirm" value="ja" checked"#
        #expect(preview.contains("href=\"\(path)?ret=ja\""))
        #expect(try await CaseDeadlinesTests.get(app, path + "?ret=ja", as: token).1.contains(ticked))
        #expect(!(try await CaseDeadlinesTests.get(app, path, as: token).1.contains(ticked)))
        let (sent, page, _) = try await MultipartForm.post(
            app,
            path,
            [("step", "send"), ("draft", draftID.uuidString.lowercased())],
            namedFiles: [],
            as: token
        )
        #expect(sent == .ok)
        let caseID = try #require(try await SublettingRequest.find(draftID, on: app.db)?.caseID)
        return (caseID, try code(in: page))
    }

    @Test func theSubtenantSignsWithMitIDBeforeTheCaseworkerApproves() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let home = try await Self.home(app)
            let token = try await PageSessions.signIn(person: home.person_id, on: app)
            let path = SiteRoute.myWholeSubletting(home.lease_id).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok)
            #expect(form.contains("Din bolig har \(home.habitable_rooms) værelser"))
            #expect(form.contains("Fremlejetagerens fulde navn"))

            // Every rule at its field: too many people, a rent above the tenant's own, a start too
            // soon, longer than 2 years; and no documentation, an agreement that is no PDF.
            let tooHigh = Money(ore: home.monthly_rent_ore + 100_000).danishFigure
            let (refused, body, _) = try await MultipartForm.post(
                app,
                path,
                Self.fields(
                    home,
                    [
                        "persons": String(home.habitable_rooms + 1), "rent": tooHigh, "startDate": "2026-12-01",
                        "endDate": "2029-01-01", "subtenant": "Karen",
                    ]
                ),
                namedFiles: Self.files(documentation: nil, agreement: Data("MZ\u{90}\u{0}binary".utf8)),
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(
                body.contains("så fremlejen kan tidligst begynde mandag den 7. december 2026.")
            )
            #expect(body.contains("Fremleje af hele boligen må højst vare 2 år: til og med 30. november 2028."))
            #expect(body.contains("Der må højst bo én person pr. værelse, altså højst \(home.habitable_rooms) i alt."))
            #expect(
                body.contains("Huslejen må ikke være højere end din egen, \(Money(ore: home.monthly_rent_ore).danish)")
            )
            #expect(body.contains("Skriv fremlejetagerens fornavn og efternavn"))
            #expect(body.contains("Vedhæft dokumentation for fraværet."))
            #expect(body.contains("Filen er ikke en PDF, JPEG eller PNG."))
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .subletting).count() == 0)

            // "Another reason" is the organisation's to judge: the preview says so.
            let (other, preview, _) = try await MultipartForm.post(
                app,
                path,
                Self.fields(home, ["reason": "other"]),
                namedFiles: Self.files(),
                as: token
            )
            #expect(other == .ok)
            #expect(preview.contains("Se din ansøgning igennem"))
            #expect(preview.contains("Din grund er ikke en af dem, loven nævner."))
            #expect(preview.contains("1.000,00 kr."))

            let (caseID, code) = try await Self.apply(app, home, as: token)
            let caseFile = try #require(try await CaseFile.find(caseID, on: app.db))
            #expect(caseFile.kind == .subletting && caseFile.title.hasPrefix("Fremleje af hele "))
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(letters.map(\.subject).count == 1)
            let receipt = try PDFText.extract(try #require(letters.first).pdf)
            #expect(receipt.contains("Karen Fremlejer skal også skrive under på ansøgningen med MitID."))
            #expect(!receipt.contains(code))
            // Sent again (a double click): the same case, and the code is not shown again.
            let draftID = try #require(try await SublettingRequest.query(on: app.db).first()?.id)
            let (again, _, location) = try await MultipartForm.post(
                app,
                path,
                [("step", "send"), ("draft", draftID.uuidString.lowercased())],
                namedFiles: [],
                as: token
            )
            #expect(again == .seeOther && location == SiteRoute.myCase(caseID).path)
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .subletting).count() == 1)
            // The lease page points to the application instead of offering another.
            let leasePage = try await CaseDeadlinesTests.get(app, SiteRoute.myLease(home.lease_id).path, as: token).1
            #expect(leasePage.contains("Der er en åben sag om fremleje af boligen."))
            #expect(leasePage.contains(SiteRoute.myCase(caseID).path))
            #expect(!leasePage.contains(path))
            #expect(leasePage.contains(SiteRoute.mySwap(home.lease_id).path))

            // Not approved before the sub-tenant has signed.
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let decide = SiteRoute.staffCaseDecision(caseID).path
            let early = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.contains("Fremlejetageren har ikke skrevet under på ansøgningen endnu."))
            let staffPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(staffPage.contains("Ansøgning om fremleje af hele boligen"))
            #expect(staffPage.contains("Ikke skrevet under endnu. Koden er ikke brugt."))
            #expect(staffPage.contains("Jeg skal arbejde i Aarhus i et år."))

            // A stranger with the code but another name is refused; Karen, new to the register,
            // joins with it at her first MitID login and goes on to sign.
            let stranger = try await PowerOfAttorneyTests.waitingLogin("Anders Fremmed", cpr: "0505057005", on: app)
            await #expect(throws: Activation.Refusal.code) {
                _ = try await app.activation.redeem(stranger, typed: code, consented: true)
            }
            let pending = try await PowerOfAttorneyTests.waitingLogin(
                "Karen Marie Fremlejer",
                cpr: "0404047004",
                on: app
            )
            let karen = try await app.activation.redeem(pending, typed: code, consented: true)
            let karenID = try karen.requireID()
            #expect(try await SublettingRequest.find(draftID, on: app.db)?.subtenantPersonID == karenID)
            // The code is used: nobody can take it again.
            let again2 = try await PowerOfAttorneyTests.waitingLogin("Karen Fremlejer", cpr: "0606067006", on: app)
            await #expect(throws: Activation.Refusal.code) {
                _ = try await app.activation.redeem(again2, typed: code, consented: true)
            }

            let karenToken = try await PageSessions.signIn(person: karenID, on: app)
            let sign = SiteRoute.mySubtenantSign(draftID).path
            let (signShown, signPage) = try await CaseDeadlinesTests.get(app, sign, as: karenToken)
            #expect(signShown == .ok)
            #expect(signPage.contains("1.000,00 kr."))
            // Why the tenant is away is theirs: the sub-tenant never sees it.
            #expect(!signPage.contains("Aarhus"))
            // Nobody else opens it, the tenant included.
            #expect(try await CaseDeadlinesTests.get(app, sign, as: token).0 == .notFound)
            let unticked = try await CaseDeadlinesTests.post(app, sign, [], as: karenToken)
            #expect(unticked.0 == .unprocessableEntity && unticked.1.contains("Sæt kryds for at skrive under."))
            var signedLocation: String?
            try await app.testing().test(
                .POST,
                sign,
                headers: TerminationNoticeTests.headers(karenToken),
                body: TerminationNoticeTests.form([("confirm", "ja")])
            ) { res async throws in
                #expect(res.status == .seeOther)
                signedLocation = res.headers.first(name: .location)
            }
            #expect(signedLocation == SiteRoute.myCase(caseID).path + "?besked=fremlejetager")
            _ = try await CaseDeadlinesTests.post(app, sign, [("confirm", "ja")], as: karenToken)
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == caseID).filter(\.$kind == .subtenantSigned)
                    .count() == 1
            )
            let party = try #require(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID)
                    .filter(\.$person.$id == karenID).first()
            )
            #expect(party.role == .otherParty)
            let karensCase = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: karenToken).1
            #expect(karensCase.contains("Fremlejetageren skrev under med MitID"))
            // The history names who signed; a caseworker's page does too.
            let karenName = try #require(try await Person.find(karenID, on: app.db)).fullName
            #expect(karensCase.contains(#"data-label="Hvem">\#(karenName.htmlEscapedForTest)</td>"#))
            #expect(!karensCase.contains("Aarhus"))
            // The terms she signed, without the tenant's reason or files.
            #expect(karensCase.contains("Fremlejen, du har skrevet under på"))
            #expect(karensCase.contains("1.000,00 kr. om måneden") && !karensCase.contains("din egen"))
            #expect(!karensCase.contains(SiteRoute.mySublettingDocumentation(caseID).path))
            #expect(!karensCase.contains(SiteRoute.myCaseSignCode(caseID).path))
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.mySublettingDocumentation(caseID).path, as: karenToken)
                    .0 == .notFound
            )

            // Not for a lease that is ending meanwhile.
            try await Lease.query(on: app.db).filter(\.$id == home.lease_id).set(\.$status, to: .terminated).update()
            let ending = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(ending.0 == .unprocessableEntity && ending.1.contains("Lejemålet er opsagt eller ophørt"))
            try await Lease.query(on: app.db).filter(\.$id == home.lease_id).set(\.$status, to: .active).update()

            // Signed: the preview says the sub-tenant is told too; the caseworker approves, and
            // the tenant gets the letter, the sub-tenant one of their own without the reason.
            let told = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved"), ("reason", "Dit job i Aarhus er dokumenteret.")],
                as: staff
            )
            #expect(
                told.1.contains("Fremlejetageren, \(karenName), får også et brev om godkendelsen, uden begrundelsen.")
            )
            // Her letter is shown as it will read too, without the reason.
            let after = try #require(told.1.components(separatedBy: "får også et brev om godkendelsen").last)
            let hers = try #require(after.components(separatedBy: "<form").first)
            #expect(hers.contains("du har skrevet under på ansøgningen"))
            #expect(!hers.contains("Dit job i Aarhus er dokumenteret."))
            // A refusal would be no letter to her: the home will not be her address.
            let refusal = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "refused"), ("reason", "Jobbet er ikke dokumenteret.")],
                as: staff
            )
            #expect(
                refusal.1.contains(
                    "Fremlejetageren, \(karenName), får ikke et brev, for boligen bliver ikke fremlejetagerens adresse."
                )
            )
            let approved = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "send"), ("outcome", "approved"), ("reason", "Dit job i Aarhus er dokumenteret.")],
                as: staff
            )
            #expect(approved.0 == .seeOther)
            // The reason is the tenant's: the sub-tenant sees the outcome only.
            let decidedForKaren = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: karenToken).1
            #expect(decidedForKaren.contains("Godkendt") && !decidedForKaren.contains("Aarhus"))
            let decidedForTenant = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(decidedForTenant.contains("Dit job i Aarhus er dokumenteret."))
            let decision = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                    .filter(\.$subject ~~ "er godkendt").first()
            )
            #expect(decision.$recipient.id == home.person_id)
            let text = try PDFText.extract(decision.pdf)
            #expect(text.contains("Du må fremleje boligen til Karen Fremlejer fra fredag den 1. januar 2027"))
            let karensLetter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                    .filter(\.$recipient.$id == karenID).filter(\.$subject ~~ "er godkendt").first()
            )
            let karensText = try PDFText.extract(karensLetter.pdf)
            #expect(
                karensText.contains(
                    "Vi har godkendt, at du bor i boligen som fremlejetager fra fredag den 1. januar 2027"
                )
            )
            #expect(!karensText.contains("Dit job i Aarhus"))
            // Karen lives elsewhere: her Mit hjem shows no department of this home.
            let karensHome = try await CaseDeadlinesTests.get(app, SiteRoute.myHome.path, as: karenToken).1
            #expect(karensHome.contains("Vi kan ikke se nogen bolig, hvor du bor i dag."))
            #expect(!karensHome.contains("Afdelingens dokumenter") && !karensHome.contains("afdelingsbestyrelse"))
            // Karen sees her letter in the case, and in her letters.
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: karenToken).1.contains(
                    SiteRoute.myLetterPDF(try karensLetter.requireID()).path
                )
            )
        }
    }

    @Test func aSubtenantTheRegisterKnowsTypesTheCodeAndTheTenantMakesANewOne() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock) { app in
            let home = try await Self.home(app)
            // Another tenant of the register is the sub-tenant.
            let other = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id != home.lease_id).with(\.$person).first()
            )
            let name = other.person.fullName
            let token = try await PageSessions.signIn(person: home.person_id, on: app)
            // A start soon after the 2 weeks: the answer comes the bank day before it, not later.
            let (caseID, first) = try await Self.apply(app, home, as: token, subtenant: name, start: "2026-12-08")
            let deadlines = try await CaseDeadlinesTests.deadlines(app, of: caseID)
            #expect(deadlines.first { $0.kind == .answer }?.dueOn == "2026-12-07")

            // The tenant's own code is not theirs to sign.
            let own = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.mySignCode.path,
                [("code", first)],
                as: token
            )
            #expect(own.0 == .unprocessableEntity)
            #expect(own.1.contains("Koden passer ikke"))

            // A new code from the case: the first stops working.
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(mine.contains("Lav en ny kode"))
            let renewed = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myCaseSignCode(caseID).path,
                [],
                as: token
            )
            #expect(renewed.0 == .ok)
            let second = try Self.code(in: renewed.1)
            #expect(second != first)

            let subtenant = try await PageSessions.signIn(person: other.$person.id, on: app)
            let stale = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.mySignCode.path,
                [("code", first)],
                as: subtenant
            )
            #expect(stale.0 == .unprocessableEntity && stale.1.contains("Koden passer ikke"))
            var location: String?
            try await app.testing().test(
                .POST,
                SiteRoute.mySignCode.path,
                headers: TerminationNoticeTests.headers(subtenant),
                body: TerminationNoticeTests.form([("code", second.lowercased())])
            ) { res async throws in
                #expect(res.status == .seeOther)
                location = res.headers.first(name: .location)
            }
            let requestID = try #require(try await SublettingRequest.query(on: app.db).first()?.id)
            #expect(location == SiteRoute.mySubtenantSign(requestID).path)
            // Taken: the form lists it, and the tenant can no longer make a new code.
            let listed = try await CaseDeadlinesTests.get(app, SiteRoute.mySignCode.path, as: subtenant).1
            #expect(listed.contains(SiteRoute.mySubtenantSign(requestID).path))
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(!after.contains("Lav en ny kode"))
            #expect(after.contains("Fremlejetageren har brugt koden."))
            // Signing is a MitID signature: a login from the last minutes, or a new one first.
            clock.advance(by: Request.recentAuthentication + 60)
            var old: (HTTPStatus, String?) = (.internalServerError, nil)
            try await app.testing().test(
                .POST,
                SiteRoute.mySubtenantSign(requestID).path,
                headers: TerminationNoticeTests.headers(subtenant),
                body: TerminationNoticeTests.form([("confirm", "ja")])
            ) { res async throws in
                old = (res.status, res.headers.first(name: .location))
            }
            #expect(old.0 == .seeOther)
            #expect(old.1?.contains("friskt=1") == true)
            #expect(try await SublettingRequest.find(requestID, on: app.db)?.subtenantSignedAt == nil)
        }
    }

    @Test func aLeaseWithCoTenantsMayApplyAndAnEndingOneCannot() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            struct Shared: Decodable {
                let lease_id: UUID
                let person_id: UUID
            }
            let shared = try #require(
                try await sql.raw(
                    """
                    SELECT lt.lease_id, lt.person_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                    WHERE l.status = 'active' AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) > 1
                    ORDER BY lt.lease_id LIMIT 1
                    """
                ).first(decoding: Shared.self)
            )
            let token = try await PageSessions.signIn(person: shared.person_id, on: app)
            // Co-tenants sign on the case (`CoTenantSignatures`): the forms are offered.
            for path in [SiteRoute.myWholeSubletting(shared.lease_id).path, SiteRoute.mySwap(shared.lease_id).path] {
                let page = try await CaseDeadlinesTests.get(app, path, as: token)
                #expect(page.0 == .ok && page.1.contains(#"name="step""#))
                #expect(!page.1.contains("Lejemålet er opsagt"))
            }
            // The preview says the co-tenant signs too, after a letter.
            let home = try #require(
                try await sql.raw(
                    """
                    SELECT l.id AS lease_id, \(bind: shared.person_id) AS person_id, d.habitable_rooms,
                      l.monthly_rent_ore FROM leases l JOIN dwellings d ON d.id = l.dwelling_id WHERE l.id = \(bind: shared.lease_id)
                    """
                ).first(decoding: Home.self)
            )
            let previewed = { () async throws -> (HTTPStatus, String) in
                let (status, page, _) = try await MultipartForm.post(
                    app,
                    SiteRoute.myWholeSubletting(shared.lease_id).path,
                    Self.fields(home, ["persons": "1"]),
                    namedFiles: Self.files(),
                    as: token
                )
                return (status, page)
            }
            let (status, preview) = try await previewed()
            #expect(status == .ok)
            #expect(preview.contains("Din medlejer får et brev og skal også skrive under"))
            #expect(preview.contains("når I alle har skrevet under") && !preview.contains("I begge"))
            // A third tenant: the two others each get a letter.
            let third = Person(
                id: UUID(),
                givenName: "Tredje",
                familyName: "Lejer",
                cprCiphertext: nil,
                cprLookupHash: nil,
                email: nil,
                phone: nil
            )
            try await third.create(on: app.db)
            try await LeaseTenant(leaseID: shared.lease_id, personID: try third.requireID(), role: .tenant).create(
                on: app.db
            )
            let three = try await previewed().1
            #expect(three.contains("Dine medlejere får hver et brev og skal også skrive under"))
            #expect(!three.contains("Din medlejer får et brev"))
            try await SublettingRequest.query(on: app.db).delete()
            // A lease given notice takes none, nor a notice of letting rooms of it.
            try await Lease.query(on: app.db).filter(\.$id == shared.lease_id).set(\.$status, to: .terminated)
                .set(\.$endDateISO, to: "2027-03-01").update()
            for path in [
                SiteRoute.myWholeSubletting(shared.lease_id).path, SiteRoute.mySwap(shared.lease_id).path,
                SiteRoute.mySubletting(shared.lease_id).path,
            ] {
                let page = try await CaseDeadlinesTests.get(app, path, as: token)
                #expect(page.0 == .ok && page.1.contains("Lejemålet er opsagt"))
                let posted = try await CaseDeadlinesTests.post(app, path, [("step", "preview")], as: token)
                #expect(posted.0 == .unprocessableEntity)
            }
            #expect(try await SublettingRequest.query(on: app.db).count() == 0)
            #expect(try await SwapRequest.query(on: app.db).count() == 0)
        }
    }
}
