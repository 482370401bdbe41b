import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tenant applies to swap homes (boligbytte, ALL § 69): the rules at the fields, the preview,
/// the code; the other tenant signs with MitID and names their home; the other landlord's answer
/// is recorded, or not needed when the organisation lets both homes; approved, the swap is a
/// move-out and a move-in for each home the organisation lets.
@Suite("House swap")
struct SwapTests {
    struct Tenancy: Decodable {
        let lease_id: UUID
        let person_id: UUID
        let habitable_rooms: Int
        let organisation_id: UUID
        let dwelling_id: UUID
    }

    /// Two one-tenant leases of the same organisation.
    static func tenancies(_ app: Application) async throws -> (Tenancy, Tenancy) {
        let sql = try #require(app.db as? any SQLDatabase)
        let rows = try await sql.raw(
            """
            SELECT lt.lease_id, lt.person_id, d.habitable_rooms, dep.organisation_id, d.id AS dwelling_id
            FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            WHERE l.status = 'active' AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
              AND (SELECT COUNT(*) FROM lease_tenants y WHERE y.person_id = lt.person_id) = 1
            ORDER BY dep.organisation_id, lt.lease_id
            """
        ).all(decoding: Tenancy.self)
        let first = try #require(
            rows.first { row in
                rows.contains { $0.organisation_id == row.organisation_id && $0.lease_id != row.lease_id }
            }
        )
        let second = try #require(
            rows.first { $0.organisation_id == first.organisation_id && $0.lease_id != first.lease_id }
        )
        return (first, second)
    }

    static func fields(_ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [String: String] = [
            "step": "preview", "otherTenant": "Ole Udefra", "otherAddress": "Byvej 3, 1. tv., 8000 Aarhus C",
            "otherLandlord": "Boligforeningen Aarhus", "swapDate": "2027-06-01", "incomingPersons": "1",
            "outgoingPersons": "1", "confirm": "ja",
        ]
        fields.merge(changes) { $1 }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Previews and sends a good application naming `other`; the case and the code.
    static func apply(
        _ app: Application,
        lease: UUID,
        other: String,
        as token: String
    ) async throws
        -> (caseID: UUID, code: String)
    {
        let path = SiteRoute.mySwap(lease).path
        let previewed = try await CaseDeadlinesTests.post(app, path, fields(["otherTenant": other]), as: token)
        #expect(previewed.0 == .ok && previewed.1.contains("Se din ansøgning igennem"))
        // Who must sign: both tenants of the swap, and a co-tenant, who gets a letter.
        let tenants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease).count()
        #expect(previewed.1.contains("Din medlejer får et brev og skal også skrive under") == (tenants == 2))
        #expect(previewed.1.contains("Dine medlejere får hver et brev og skal også skrive under") == (tenants > 2))
        #expect(previewed.1.contains(tenants > 1 ? "når I alle har skrevet under" : "når I begge har skrevet under"))
        let draft = try #require(try await SwapRequest.query(on: app.db).filter(\.$leaseID == lease).first()?.id)
        // "Ret ansøgningen" opens the draft with the confirmation still ticked; the form itself
        // opened afresh asks for it again.
        let ticked = #"id="confirm" name="confirm" value="ja" checked"#
        #expect(previewed.1.contains("href=\"\(path)?ret=ja\""))
        #expect(try await CaseDeadlinesTests.get(app, path + "?ret=ja", as: token).1.contains(ticked))
        #expect(!(try await CaseDeadlinesTests.get(app, path, as: token).1.contains(ticked)))
        let sent = try await CaseDeadlinesTests.post(
            app,
            path,
            [("step", "send"), ("draft", draft.uuidString.lowercased())],
            as: token
        )
        #expect(sent.0 == .ok)
        let caseID = try #require(try await SwapRequest.find(draft, on: app.db)?.caseID)
        return (caseID, try WholeSublettingTests.code(in: sent.1))
    }

    static func post(
        _ app: Application,
        _ path: String,
        _ fields: [(String, String)],
        as token: String
    ) async throws
        -> (HTTPStatus, String?)
    {
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

    /// A swap across organisations, applied for and signed by the other tenant, who names their
    /// home; each organisation's caseworker signed in.
    struct AcrossOrganisations {
        let mine: Tenancy
        let theirs: Tenancy
        let caseID: UUID
        let requestID: UUID
        let otherToken: String
        let ours: String
        let theirsStaff: String
    }

    static func signedAcrossOrganisations(_ app: Application) async throws -> AcrossOrganisations {
        let (mine, theirs) = try await acrossOrganisations(app)
        let token = try await PageSessions.signIn(person: mine.person_id, on: app)
        let other = try #require(try await Person.find(theirs.person_id, on: app.db))
        let (caseID, code) = try await apply(app, lease: mine.lease_id, other: other.fullName, as: token)
        let otherToken = try await PageSessions.signIn(person: theirs.person_id, on: app)
        _ = try await post(app, SiteRoute.mySignCode.path, [("code", code)], as: otherToken)
        let requestID = try #require(try await SwapRequest.query(on: app.db).first()?.id)
        let signed = try await post(
            app,
            SiteRoute.mySwapSign(requestID).path,
            [("home", theirs.lease_id.uuidString.lowercased()), ("confirm", "ja")],
            as: otherToken
        )
        #expect(signed.0 == .seeOther)
        return AcrossOrganisations(
            mine: mine,
            theirs: theirs,
            caseID: caseID,
            requestID: requestID,
            otherToken: otherToken,
            ours: try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Mette", of: mine.organisation_id, on: app),
                on: app
            ),
            theirsStaff: try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Kirsten", of: theirs.organisation_id, on: app),
                on: app
            )
        )
    }

    @Test func aSwapWithinTheOrganisationIsTwoMovesOnceBothHaveSigned() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, theirs) = try await Self.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let path = SiteRoute.mySwap(mine.lease_id).path
            let (shown, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(shown == .ok && form.contains("Den anden lejers fulde navn"))
            // More than two per room must be refused: said at the field; the rest too.
            let refused = try await CaseDeadlinesTests.post(
                app,
                path,
                Self.fields([
                    "incomingPersons": String(2 * mine.habitable_rooms + 1), "swapDate": "2026-11-01",
                    "otherLandlord": "", "otherTenant": "Ole",
                ]),
                as: token
            )
            #expect(refused.0 == .unprocessableEntity)
            #expect(refused.1.contains("Mere end to personer pr. værelse: boligorganisationen skal sige nej."))
            #expect(refused.1.contains("Dagen skal ligge efter i dag."))
            #expect(refused.1.contains("Skriv, hvem der udlejer den anden bolig"))
            #expect(refused.1.contains("Skriv den anden lejers fornavn og efternavn"))
            // A swap is a move-out with the usual notice: not before the lease can end.
            let soon = try await CaseDeadlinesTests.post(app, path, Self.fields(["swapDate": "2027-01-04"]), as: token)
            #expect(soon.0 == .unprocessableEntity)
            #expect(soon.1.contains("Byttet kan tidligst ske"))

            let other = try #require(try await Person.find(theirs.person_id, on: app.db))
            let (caseID, code) = try await Self.apply(app, lease: mine.lease_id, other: other.fullName, as: token)
            let receipt = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            #expect(try PDFText.extract(receipt.pdf).contains("skal også skrive under på ansøgningen med MitID"))

            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let decide = SiteRoute.staffCaseDecision(caseID).path
            let early = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(
                early.0 == .unprocessableEntity && early.1.contains("Den anden lejer har ikke skrevet under endnu.")
            )

            // The other tenant, whom the register knows, types the code and names their home.
            let otherToken = try await PageSessions.signIn(person: theirs.person_id, on: app)
            let taken = try await Self.post(app, SiteRoute.mySignCode.path, [("code", code)], as: otherToken)
            let requestID = try #require(try await SwapRequest.query(on: app.db).first()?.id)
            #expect(taken.0 == .seeOther && taken.1 == SiteRoute.mySwapSign(requestID).path)
            let sign = SiteRoute.mySwapSign(requestID).path
            // The code again: it works once, and the form says where its application is.
            let again = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.mySignCode.path,
                [("code", code)],
                as: otherToken
            )
            #expect(again.0 == .unprocessableEntity && again.1.contains("En kode kan kun bruges én gang"))
            #expect(again.1.contains(#"<a href="\#(sign)">"#))
            let page = try await CaseDeadlinesTests.get(app, sign, as: otherToken)
            #expect(page.0 == .ok && page.1.contains("Hvilken af dine boliger skal byttes?"))
            #expect(try await CaseDeadlinesTests.get(app, sign, as: token).0 == .notFound)
            let missing = try await CaseDeadlinesTests.post(
                app,
                sign,
                [("home", "x"), ("confirm", "ja")],
                as: otherToken
            )
            #expect(missing.0 == .unprocessableEntity && missing.1.contains("Vælg den bolig, du bytter væk."))
            let signed = try await Self.post(
                app,
                sign,
                [("home", theirs.lease_id.uuidString.lowercased()), ("confirm", "ja")],
                as: otherToken
            )
            #expect(signed.0 == .seeOther && signed.1 == SiteRoute.myCase(caseID).path + "?besked=bytte")
            let request = try #require(try await SwapRequest.find(requestID, on: app.db))
            #expect(request.otherLeaseID == theirs.lease_id && request.otherSignedAt != nil)
            // The case names the other home as the register has it, not as it was typed.
            let theirHome = try #require(try await Dwelling.find(theirs.dwelling_id, on: app.db))
            let title = try #require(try await CaseFile.find(caseID, on: app.db)).title
            #expect(
                title.contains(" med \(theirHome.street) \(theirHome.houseNumber)") && title.hasSuffix(theirHome.city)
            )
            #expect(!title.contains(request.otherAddress))

            // Both homes are ours: no other landlord to ask; the rules for both are on the card.
            let staffPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(staffPage.contains("Vi udlejer også den anden bolig"))
            #expect(staffPage.contains("Denne bolig:") && staffPage.contains("Den anden bolig:"))
            #expect(!staffPage.contains("Gem svaret"))
            let approved = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "send"), ("outcome", "approved"), ("reason", "")],
                as: staff
            )
            #expect(approved.0 == .seeOther)

            // Two move-outs the day before, two move-ins on the day.
            for (old, dwelling, incoming) in [
                (mine.lease_id, mine.dwelling_id, theirs.person_id),
                (theirs.lease_id, theirs.dwelling_id, mine.person_id),
            ] {
                let ended = try #require(try await Lease.find(old, on: app.db))
                #expect(ended.status == .terminated && ended.endDateISO == "2027-05-31")
                let new = try #require(
                    try await Lease.query(on: app.db).filter(\.$dwelling.$id == dwelling)
                        .filter(\.$startDateISO == "2027-06-01").first()
                )
                #expect(new.monthlyRentOre == ended.monthlyRentOre && new.status == .active)
                let tenant = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == new.requireID()).all()
                #expect(tenant.map(\.$person.id) == [incoming])
            }
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).filter(
                    \.$subject ~~ "Afgørelse om boligbytte"
                )
                .first()
            )
            #expect(try PDFText.extract(letter.pdf).contains("I må bytte bolig fra tirsdag den 1. juni 2027."))
            // A decision names its case, as the resident is asked to when they answer.
            let number = try #require(try await CaseFile.find(caseID, on: app.db)).number
            #expect(
                try PDFText.extract(letter.pdf).contains("Sagsnummer") && PDFText.extract(letter.pdf).contains(number)
            )
            let decided = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(decided.contains("Byttet er godkendt, og sagen er afsluttet"))
        }
    }

    /// One-tenant leases of two different organisations, the first family housing.
    static func acrossOrganisations(_ app: Application) async throws -> (Tenancy, Tenancy) {
        let sql = try #require(app.db as? any SQLDatabase)
        let rows = try await sql.raw(
            """
            SELECT lt.lease_id, lt.person_id, d.habitable_rooms, dep.organisation_id, d.id AS dwelling_id
            FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            WHERE l.status = 'active'
              AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
              AND (SELECT COUNT(*) FROM lease_tenants y WHERE y.person_id = lt.person_id) = 1
            ORDER BY dep.organisation_id, lt.lease_id
            """
        ).all(decoding: Tenancy.self)
        let family = try await Dwelling.query(on: app.db).filter(\.$housingType == .family).all().map(\.id)
        let first = try #require(rows.first { family.contains($0.dwelling_id) })
        let second = try #require(rows.first { $0.organisation_id != first.organisation_id })
        return (first, second)
    }

    @Test func anotherOrganisationInAlmenAnswersAsTheOtherLandlordInItsOwnCase() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let swap = try await Self.signedAcrossOrganisations(app)
            let (mine, theirs, caseID, requestID) = (swap.mine, swap.theirs, swap.caseID, swap.requestID)
            let (otherToken, ours, theirsStaff) = (swap.otherToken, swap.ours, swap.theirsStaff)
            // The other home's organisation gets a case of its own about its home.
            let request = try #require(try await SwapRequest.find(requestID, on: app.db))
            let landlordCaseID = try #require(request.landlordCaseID)
            let landlordCase = try #require(try await CaseFile.find(landlordCaseID, on: app.db))
            #expect(landlordCase.$organisation.id == theirs.organisation_id)
            #expect(landlordCase.kind == .swapLandlord && landlordCase.status == .open)
            #expect(landlordCase.$lease.id == theirs.lease_id)
            // The other tenant, a party to it as its home's tenant, reads it as their landlord
            // considering the swap (on Mit hjem, in Mine sager and on the case), not as an answer
            // they owe.
            for path in [SiteRoute.myHome.path, SiteRoute.myCases.path, SiteRoute.myCase(landlordCaseID).path] {
                let page = try await CaseDeadlinesTests.get(app, path, as: otherToken)
                #expect(page.0 == .ok)
                #expect(page.1.contains("Boligbytte: din udlejer tager stilling til byttet"), "\(path)")
                #expect(!page.1.contains("udlejers svar"), "\(path)")
            }

            // Our caseworker waits for it: no form to record the answer here, and none is taken.
            let ourCard = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: ours).1
            #expect(ourCard.contains("Venter på svar fra"))
            #expect(ourCard.contains(landlordCase.number))
            #expect(!ourCard.contains(SiteRoute.staffSwapLandlord(caseID).path))
            let recordedHere = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(caseID).path,
                [("answer", "ja"), ("answeredOn", "2026-11-20")],
                as: ours
            )
            #expect(recordedHere.0 == .seeOther)
            #expect(try await SwapRequest.find(requestID, on: app.db)?.landlordAnswer == nil)
            // Their case is not ours to see.
            #expect(
                try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(landlordCaseID).path, as: ours).0 == .notFound
            )

            // Their caseworker finds it in their inbox, sees what the rules leave for their home,
            // and answers; their case is answered and closed, ours says so.
            let inbox = try await CaseDeadlinesTests.get(app, SiteRoute.staffCases.path, as: theirsStaff).1
            #expect(inbox.contains(SiteRoute.staffCase(landlordCaseID).path))
            let theirPage = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(landlordCaseID).path,
                as: theirsStaff
            )
            #expect(theirPage.0 == .ok)
            #expect(theirPage.1.contains("vil bytte bolig med jeres lejer"))
            #expect(theirPage.1.contains("Jeres bolig:"))
            let answer = SiteRoute.staffSwapLandlord(landlordCaseID).path
            let missing = try await CaseDeadlinesTests.post(
                app,
                answer,
                [("answeredOn", "2026-11-23")],
                as: theirsStaff
            )
            #expect(missing.0 == .unprocessableEntity && missing.1.contains("Vælg ja eller nej."))
            #expect(missing.1.contains(##"href="#landlordAnswer">Jeres svar: Vælg ja eller nej."##))
            let saved = try await Self.post(app, answer, [("answer", "ja")], as: theirsStaff)
            #expect(saved.0 == .seeOther)
            let answered = try #require(try await SwapRequest.find(requestID, on: app.db))
            #expect(answered.landlordAnswer == true && answered.landlordAnsweredOn == "2026-11-23")
            #expect(try await CaseFile.find(landlordCaseID, on: app.db)?.status == .closed)
            let events = try await CaseEvent.query(on: app.db).filter(\.$kind == .landlordAnswered).all()
            #expect(Set(events.map(\.caseID)) == [caseID, landlordCaseID])
            let nowOurs = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: ours).1
            #expect(nowOurs.contains("Den anden udlejer har sagt ja til byttet"))
            // Their tenant, a party to their landlord's case, follows it too.
            let tenantsView = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.myCase(landlordCaseID).path,
                as: otherToken
            )
            #expect(tenantsView.0 == .ok && tenantsView.1.contains("Boligbytte: din udlejer tager stilling til byttet"))

            // Their tenant is exempt from Digital Post on their own lease: the decision goes on paper.
            try await Lease.query(on: app.db).filter(\.$id == theirs.lease_id).set(\.$digitalOptOut, to: true).update()
            // The preview names their tenant above their letter, which says whose yes ends that lease.
            let preview = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseDecision(caseID).path,
                [("step", "preview"), ("outcome", "approved")],
                as: ours
            ).1
            let theirName = try #require(try await Person.find(theirs.person_id, on: app.db)).fullName
            #expect(preview.contains("<p>Sådan lyder brevet til \(theirName.htmlEscapedForTest):</p>"))
            #expect(preview.contains("har sagt ja til byttet, så lejemålet af "))
            // Approved here, the swap moves both homes: the other organisation said yes to it.
            let approved = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseDecision(caseID).path,
                [("step", "send"), ("outcome", "approved"), ("reason", "")],
                as: ours
            )
            #expect(approved.0 == .seeOther)
            // Their tenant gets our decision, in our case, on our letterhead; their case says so.
            let partnerLetter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                    .filter(\.$recipient.$id == theirs.person_id).first()
            )
            #expect(partnerLetter.$organisation.id == mine.organisation_id)
            #expect(partnerLetter.channel == .physical)
            let theirEvents = try await CaseEvent.query(on: app.db).filter(\.$caseID == landlordCaseID)
                .filter(\.$kind == .decided).all()
            #expect(theirEvents.map(\.detail) == ["swap_approved"])
            for (old, dwelling, incoming) in [
                (mine.lease_id, mine.dwelling_id, theirs.person_id),
                (theirs.lease_id, theirs.dwelling_id, mine.person_id),
            ] {
                #expect(try await Lease.find(old, on: app.db)?.status == .terminated)
                let new = try #require(
                    try await Lease.query(on: app.db).filter(\.$dwelling.$id == dwelling)
                        .filter(\.$startDateISO == "2027-06-01").first()
                )
                let tenant = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == new.requireID()).all()
                #expect(tenant.map(\.$person.id) == [incoming])
            }
        }
    }

    @Test func aSwapClosedWithoutADecisionClosesTheOtherOrganisationsCase() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let swap = try await Self.signedAcrossOrganisations(app)
            let (caseID, requestID, ours, theirsStaff) = (swap.caseID, swap.requestID, swap.ours, swap.theirsStaff)
            let landlordCaseID = try #require(try await SwapRequest.find(requestID, on: app.db)?.landlordCaseID)
            let closed = try await Self.post(
                app,
                SiteRoute.staffCaseStatus(caseID).path,
                [("status", "closed")],
                as: ours
            )
            #expect(closed.0 == .seeOther)
            #expect(try await CaseFile.find(landlordCaseID, on: app.db)?.status == .closed)
            // Their answer can no longer be given.
            _ = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(landlordCaseID).path,
                [("answer", "ja")],
                as: theirsStaff
            )
            #expect(try await SwapRequest.find(requestID, on: app.db)?.landlordAnswer == nil)
            // Reopened, their unanswered case opens with it, and their answer counts again.
            let reopened = try await Self.post(
                app,
                SiteRoute.staffCaseStatus(caseID).path,
                [("status", "open")],
                as: ours
            )
            #expect(reopened.0 == .seeOther)
            #expect(try await CaseFile.find(landlordCaseID, on: app.db)?.status == .open)
            _ = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(landlordCaseID).path,
                [("answer", "ja")],
                as: theirsStaff
            )
            let answered = try #require(try await SwapRequest.find(requestID, on: app.db))
            #expect(answered.landlordAnswer == true && answered.landlordCaseID == landlordCaseID)
        }
    }

    @Test func anotherOrganisationsNoSaysWhyAndTheRefusalStartsFromIt() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let swap = try await Self.signedAcrossOrganisations(app)
            let landlordCaseID = try #require(
                try await SwapRequest.find(swap.requestID, on: app.db)?.landlordCaseID
            )
            let answer = SiteRoute.staffSwapLandlord(landlordCaseID).path
            // A no without a reason is refused at the field, the choice kept; nothing is stored.
            let bare = try await CaseDeadlinesTests.post(app, answer, [("answer", "nej")], as: swap.theirsStaff)
            #expect(bare.0 == .unprocessableEntity)
            #expect(bare.1.contains(#"id="landlordReason-error">Skriv, hvorfor I siger nej til byttet."#))
            #expect(bare.1.contains(#"value="nej" checked"#))
            let long = try await CaseDeadlinesTests.post(
                app,
                answer,
                [("answer", "nej"), ("reason", String(repeating: "a", count: 1501))],
                as: swap.theirsStaff
            )
            #expect(long.0 == .unprocessableEntity && long.1.contains("Skriv begrundelsen med højst 1.500 tegn."))
            #expect(try await SwapRequest.find(swap.requestID, on: app.db)?.landlordAnswer == nil)
            let reason = "Lejeren har boet i boligen i under tre år.\r\n\r\nVi har <b>venteliste</b> til boligen."
            let saved = try await Self.post(
                app,
                answer,
                [("answer", "nej"), ("reason", reason)],
                as: swap.theirsStaff
            )
            #expect(saved.0 == .seeOther)
            let answered = try #require(try await SwapRequest.find(swap.requestID, on: app.db))
            #expect(answered.landlordAnswer == false)
            #expect(
                answered.landlordReason
                    == "Lejeren har boet i boligen i under tre år.\n\nVi har <b>venteliste</b> til boligen."
            )
            let theirs = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(landlordCaseID).path,
                as: swap.theirsStaff
            )
            #expect(theirs.1.contains("I har sagt nej til byttet.") && theirs.1.contains("&lt;b&gt;venteliste"))

            // Our caseworker reads the reason, and the decision form starts as a refusal with it.
            let ours = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(swap.caseID).path, as: swap.ours).1
            #expect(ours.contains("Den anden udlejer har sagt nej til byttet"))
            #expect(ours.contains("Begrundelse for et nej"))
            #expect(ours.contains(#"id="outcome-refused" name="outcome" value="refused" checked"#))
            #expect(ours.contains("har sagt nej til byttet. Et bytte kræver, at begge udlejere siger ja."))
            // The tenant's own page shows the answer, not the other organisation's words.
            let tenant = try await PageSessions.signIn(person: swap.mine.person_id, on: app)
            let mine = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(swap.caseID).path, as: tenant)
            #expect(mine.0 == .ok && mine.1.contains("Nej, svar modtaget"))
            #expect(!mine.1.contains("venteliste"))
            // Sent as it stands, the refusal letter gives the tenant the reason, paragraph by paragraph.
            let row = try #require(
                try await SwapCard.row(ofCase: swap.caseID, on: try app.db.sql())
            )
            let refusal = try #require(SwapCard.landlordRefusal(row))
            let sent = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseDecision(swap.caseID).path,
                [("step", "send"), ("outcome", "refused"), ("reason", refusal)],
                as: swap.ours
            )
            #expect(sent.0 == .seeOther)
            let decision = try #require(
                try await CaseDecision.query(on: app.db).filter(\.$caseID == swap.caseID).first()
            )
            #expect(decision.outcome == .refused && decision.reason == refusal)
            let sentLetter = try await Letter.query(on: app.db).filter(\.$caseFile.$id == swap.caseID)
                .filter(\.$recipient.$id == swap.mine.person_id).all()
            #expect(sentLetter.contains { $0.subject.hasSuffix(": ikke godkendt") })
            let letter = CaseDecisionController.swapLetter(.refused, reason: refusal, row: row, address: row.ownAddress)
            let paragraphs = letter.paragraphs.map(\.raw)
            #expect(paragraphs.contains { $0.hasPrefix("Begrundelse: ") && $0.contains("har sagt nej til byttet") })
            #expect(paragraphs.contains("Den anden udlejers begrundelse: Lejeren har boet i boligen i under tre år."))
            #expect(paragraphs.contains("Vi har <b>venteliste</b> til boligen."))
            // The refusal says where the tenant can take it.
            #expect(
                paragraphs.contains {
                    $0.hasPrefix("Er I uenige i afgørelsen, kan I indbringe den for beboerklagenævnet")
                }
            )
        }
    }

    @Test func twoOpenSwapsOfTheSameHomeEachNameTheOther() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, theirs) = try await Self.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let other = try #require(try await Person.find(theirs.person_id, on: app.db))
            let (caseID, code) = try await Self.apply(app, lease: mine.lease_id, other: other.fullName, as: token)
            let theirToken = try await PageSessions.signIn(person: theirs.person_id, on: app)
            _ = try await Self.post(app, SiteRoute.mySignCode.path, [("code", code)], as: theirToken)
            let requestID = try #require(
                try await SwapRequest.query(on: app.db).filter(\.$caseID == caseID).first()?.id
            )
            _ = try await Self.post(
                app,
                SiteRoute.mySwapSign(requestID).path,
                [("home", theirs.lease_id.uuidString.lowercased()), ("confirm", "ja")],
                as: theirToken
            )
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let alone = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(!alone.contains("indgår også i en anden åben byttesag"))
            // The partner applies to swap their own home with someone else.
            let (theirCase, _) = try await Self.apply(app, lease: theirs.lease_id, other: "Ole Udefra", as: theirToken)
            let theirNumber = try #require(try await CaseFile.find(theirCase, on: app.db)).number
            let ourNumber = try #require(try await CaseFile.find(caseID, on: app.db)).number
            let ours = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(ours.contains("En af boligerne indgår også i en anden åben byttesag (\(theirNumber))."))
            let theirsPage = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(theirCase).path, as: staff).1
            #expect(theirsPage.contains("indgår også i en anden åben byttesag (\(ourNumber))."))
            // The tenants are not told of each other's applications.
            let tenantPage = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: token).1
            #expect(!tenantPage.contains("indgår også"))
        }
    }

    @Test func aRecordedNoFromOutsideMayComeWithoutAReason() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, _) = try await Self.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let (caseID, _) = try await Self.apply(app, lease: mine.lease_id, other: "Ole Udefra", as: token)
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let landlord = SiteRoute.staffSwapLandlord(caseID).path
            // The typed day and reason stay in the form when something else is missing.
            let kept = try await CaseDeadlinesTests.post(
                app,
                landlord,
                [("answeredOn", "2026-11-20"), ("reason", "Ingen plads")],
                as: staff
            )
            #expect(kept.0 == .unprocessableEntity)
            #expect(kept.1.contains(#"value="2026-11-20""#) && kept.1.contains(">Ingen plads</textarea>"))
            // A yes keeps no reason, however long (only a no's reason is checked and stored).
            let yes = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(caseID).path,
                [("answer", "ja"), ("answeredOn", "2026-11-20"), ("reason", String(repeating: "a", count: 1501))],
                as: staff
            )
            #expect(yes.0 == .seeOther)
            let answeredYes = try #require(try await SwapRequest.query(on: app.db).first())
            #expect(answeredYes.landlordAnswer == true && answeredYes.landlordReason == nil)
            try await SwapRequest.query(on: app.db).set(\.$landlordAnswer, to: nil).update()
            let saved = try await Self.post(
                app,
                landlord,
                [("answer", "nej"), ("answeredOn", "2026-11-20")],
                as: staff
            )
            #expect(saved.0 == .seeOther)
            let request = try #require(try await SwapRequest.query(on: app.db).first())
            #expect(request.landlordAnswer == false && request.landlordReason == nil)
            let row = try #require(try await SwapCard.row(ofCase: caseID, on: try app.db.sql()))
            #expect(
                SwapCard.landlordRefusal(row)
                    == "Boligforeningen Aarhus, som udlejer den anden bolig, har sagt nej til byttet. Et bytte kræver, at begge udlejere siger ja."
            )
        }
    }

    @Test func aSwapWithALandlordOutsideWaitsForItsAnswer() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, _) = try await Self.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let (caseID, code) = try await Self.apply(app, lease: mine.lease_id, other: "Ole Udefra", as: token)
            // Ole, new to the register, joins with the code and goes on to sign; he has no home here.
            let pending = try await PowerOfAttorneyTests.waitingLogin("Ole Udefra", cpr: "0707077007", on: app)
            let ole = try await app.activation.redeem(pending, typed: code, consented: true)
            let oleToken = try await PageSessions.signIn(person: try ole.requireID(), on: app)
            let requestID = try #require(try await SwapRequest.query(on: app.db).first()?.id)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.mySwapSign(requestID).path, as: oleToken).1
            #expect(!page.contains("Hvilken af dine boliger"))
            let signed = try await Self.post(
                app,
                SiteRoute.mySwapSign(requestID).path,
                [("confirm", "ja")],
                as: oleToken
            )
            #expect(signed.0 == .seeOther)

            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let decide = SiteRoute.staffCaseDecision(caseID).path
            let waiting = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(waiting.1.contains("Den anden udlejers svar mangler."))
            let landlord = SiteRoute.staffSwapLandlord(caseID).path
            let wrong = try await CaseDeadlinesTests.post(app, landlord, [("answeredOn", "2027-05-01")], as: staff)
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains("Vælg, hvad udlejeren har svaret.") && wrong.1.contains("Vælg dagen, svaret kom."))
            // Not in the future (the test's today is 23 November 2026); before the application is fine.
            let future = try await CaseDeadlinesTests.post(
                app,
                landlord,
                [("answer", "ja"), ("answeredOn", "2026-11-24")],
                as: staff
            )
            #expect(future.0 == .unprocessableEntity && future.1.contains("Vælg dagen, svaret kom."))
            let saved = try await Self.post(app, landlord, [("answer", "ja"), ("answeredOn", "2026-11-20")], as: staff)
            #expect(saved.0 == .seeOther && saved.1?.contains("besked=udlejer") == true)
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Den anden udlejer har sagt ja til byttet"))
            // The home Ole moves into is youth housing: unless he meets its conditions, the
            // municipality must consent before the swap is approved (rules.md §4).
            let home = try #require(try await Dwelling.find(mine.dwelling_id, on: app.db))
            home.housingType = .youth
            try await home.update(on: app.db)
            let consentMissing = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(consentMissing.1.contains("Kommunens samtykke mangler."))
            let municipality = SiteRoute.staffSwapMunicipality(caseID).path
            let none = try await CaseDeadlinesTests.post(app, municipality, [("side", "own")], as: staff)
            #expect(none.0 == .unprocessableEntity)
            #expect(none.1.contains(#"id="municipalityConsent-own-error">Vælg et svar."#))
            #expect(none.1.contains(##"href="#municipalityConsent-own""##))
            // The other home is not ours: there is nothing to record for it.
            let notOurs = try await Self.post(
                app,
                municipality,
                [("side", "other"), ("consent", "eligible")],
                as: staff
            )
            #expect(notOurs.0 == .seeOther && notOurs.1?.contains("besked=kommune") == false)
            let undated = try await CaseDeadlinesTests.post(
                app,
                municipality,
                [("side", "own"), ("consent", "consented")],
                as: staff
            )
            #expect(undated.0 == .unprocessableEntity && undated.1.contains(#"id="municipalityOn-own-error""#))
            let consented = try await Self.post(
                app,
                municipality,
                [("side", "own"), ("consent", "consented"), ("answeredOn", "2026-11-20")],
                as: staff
            )
            #expect(consented.0 == .seeOther && consented.1?.contains("besked=kommune") == true)
            let recorded = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(recorded.contains("Kommunen har givet samtykke (svar modtaget fredag den 20. november 2026)"))
            #expect(recorded.contains("Kommunen har givet samtykke til byttet"))
            // Recorded once: a second answer changes nothing.
            _ = try await Self.post(
                app,
                municipality,
                [("side", "own"), ("consent", "refused"), ("answeredOn", "2026-11-21")],
                as: staff
            )
            #expect(try await SwapRequest.query(on: app.db).first()?.municipalityConsent == .consented)
            let approved = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "send"), ("outcome", "approved"), ("reason", "")],
                as: staff
            )
            #expect(approved.0 == .seeOther)
            #expect(try await Lease.find(mine.lease_id, on: app.db)?.status == .terminated)
            let moved = try await LeaseTenant.query(on: app.db).filter(\.$person.$id == ole.requireID()).count()
            #expect(moved == 1)
            // Ole follows the case: the decision, not the tenant's letters.
            let oles = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: oleToken).1
            #expect(oles.contains("Den anden lejer skrev under med MitID"))
            // Who signed is said once, as who did it.
            #expect(!oles.contains("Den anden lejer skrev under med MitID:"))
        }
    }

    /// A swap with a landlord outside Almen, its tenant signed, and an administrator signed in.
    static func outside(_ app: Application) async throws -> (caseID: UUID, staff: String, tenant: String) {
        let (mine, _) = try await tenancies(app)
        let token = try await PageSessions.signIn(person: mine.person_id, on: app)
        let (caseID, code) = try await apply(app, lease: mine.lease_id, other: "Ole Udefra", as: token)
        let pending = try await PowerOfAttorneyTests.waitingLogin("Ole Udefra", cpr: "0707077007", on: app)
        let ole = try await app.activation.redeem(pending, typed: code, consented: true)
        let oleToken = try await PageSessions.signIn(person: try ole.requireID(), on: app)
        let requestID = try #require(try await SwapRequest.query(on: app.db).first()?.id)
        _ = try await post(app, SiteRoute.mySwapSign(requestID).path, [("confirm", "ja")], as: oleToken)
        let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
        return (caseID, staff, token)
    }

    /// The landlord outside Almen is asked about a swap both tenants stand behind: until the
    /// other tenant has signed, the case says the letter waits, and its page leads back.
    @Test func theOtherLandlordIsWrittenToOnlyAfterTheOtherTenantSigned() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, _) = try await Self.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let (caseID, _) = try await Self.apply(app, lease: mine.lease_id, other: "Ole Udefra", as: token)
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let letterPage = SiteRoute.staffSwapLandlordLetter(caseID).path
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Når den anden lejer har skrevet under, kan du skrive til udlejeren"))
            #expect(!card.contains(#"href="\#(letterPage)""#))
            let page = try await CaseDeadlinesTests.get(app, letterPage, as: staff)
            #expect(page.0 == .seeOther)
            let sent = try await Self.post(app, letterPage, [("step", "send")] + Self.landlordLetter, as: staff)
            #expect(sent.0 == .seeOther)
            #expect(try await MunicipalityNotice.query(on: app.db).count() == 0)
        }
    }

    static let landlordLetter: [(String, String)] = [
        ("name", "Boligforeningen Aarhus A/S"), ("cvr", "2918 9420"), ("street", "Byvej 1"),
        ("postalCode", "8000"), ("city", "Aarhus C"),
    ]

    @Test func aLandlordOutsideAlmenIsWrittenToOnceByDigitalPostAndTheCaseFollowsTheLetter() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let (caseID, staff, tenant) = try await Self.outside(app)
            let letterPage = SiteRoute.staffSwapLandlordLetter(caseID).path
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains(#"href="\#(letterPage)""#))
            // The form starts from the landlord as the tenant wrote it.
            let form = try await CaseDeadlinesTests.get(app, letterPage, as: staff)
            #expect(form.0 == .ok && form.1.contains(#"value="Boligforeningen Aarhus""#))
            // Each problem at its field, in Danish; nothing is written.
            let wrong = try await CaseDeadlinesTests.post(
                app,
                letterPage,
                [("step", "preview"), ("name", " "), ("cvr", "1234"), ("street", ""), ("postalCode", "80000")],
                as: staff
            )
            #expect(wrong.0 == .unprocessableEntity)
            #expect(wrong.1.contains(#"id="name-error">Skriv udlejerens navn"#))
            #expect(wrong.1.contains(#"id="cvr-error">CVR-nummeret skal være 8 cifre"#))
            #expect(wrong.1.contains(#"id="street-error">Skriv udlejerens adresse"#))
            #expect(wrong.1.contains(#"id="postalCode-error">Postnummeret skal være 4 cifre."#))
            #expect(wrong.1.contains(#"id="city-error">Skriv byen"#) && wrong.1.contains(##"href="#cvr""##))
            let checked = try await CaseDeadlinesTests.post(
                app,
                letterPage,
                [("step", "preview")] + Self.landlordLetter.map { $0.0 == "cvr" ? ("cvr", "12345678") : $0 },
                as: staff
            )
            #expect(checked.0 == .unprocessableEntity && checked.1.contains("Det er ikke et gyldigt CVR-nummer."))
            // The preview shows the letter and how it goes; nothing is written yet.
            let previewed = try await CaseDeadlinesTests.post(
                app,
                letterPage,
                [("step", "preview")] + Self.landlordLetter,
                as: staff
            )
            #expect(previewed.0 == .ok && previewed.1.contains("Se brevet igennem, før det bliver sendt"))
            #expect(previewed.1.contains("Med Digital Post til CVR-nr. 29189420."))
            // Ten bank days from Monday 23 November 2026.
            #expect(previewed.1.contains("Vil I svare os senest mandag den 7. december 2026"))
            #expect(previewed.1.contains("Jeres lejer Ole Udefra, Byvej 3, 1. tv., 8000 Aarhus C"))
            #expect(try await MunicipalityNotice.query(on: app.db).count() == 0)
            // Two clicks on "send" write one letter: the second lands on the case.
            var landed: [String?] = []
            for _ in 0..<2 {
                let sent = try await Self.post(app, letterPage, [("step", "send")] + Self.landlordLetter, as: staff)
                #expect(sent.0 == .seeOther)
                landed.append(sent.1)
            }
            #expect(landed.first??.hasSuffix("?besked=udlejer-brev#udlejer-brev") == true)
            #expect(landed.last??.hasSuffix("#bytte") == true)
            let letter = try #require(try await MunicipalityNotice.query(on: app.db).first())
            #expect(try await MunicipalityNotice.query(on: app.db).count() == 1)
            #expect(letter.reason == .swapLandlord && letter.caseID == caseID)
            #expect(
                letter.recipient
                    == MunicipalityNotice.Recipient(
                        name: "Boligforeningen Aarhus A/S",
                        cvr: "29189420",
                        lines: ["Byvej 1", "8000 Aarhus C"]
                    )
            )
            let audited = try await AuditEvent.query(on: app.db).filter(\.$subjectID == caseID).all()
            #expect(audited.filter { $0.purpose.contains("brev til den anden udlejer") }.count == 1)
            // Written: the page is gone, the card links no more.
            #expect(try await Self.get(app, letterPage, as: staff) == .seeOther)

            try await MunicipalityRegisterTests.drain(app, clock)
            let sent = try #require(try await MunicipalityNotice.find(try letter.requireID(), on: app.db))
            #expect(sent.status == .sent && sent.channel == .digitalPost)
            let standIn = try #require(app.ngdpStandIn)
            #expect(await standIn.mailbox(of: "29189420") == [try #require(sent.messageUUID)])
            let typeset = try PDFText.extract(sent.pdf)
            #expect(typeset.contains("Boligforeningen Aarhus A/S") && typeset.contains("8000 Aarhus C"))
            #expect(typeset.contains("sagsnummer"))
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(after.contains("Brev til den anden udlejer – Boligforeningen Aarhus A/S"))
            #expect(after.contains("Sendt med Digital Post") && !after.contains(#"href="\#(letterPage)""#))
            // The tenant follows it in the case's history.
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: tenant).1
            #expect(theirs.contains("Brev sendt til den anden udlejer: Boligforeningen Aarhus A/S"))
            // Its answer is recorded by hand when it comes, as before.
            let saved = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(caseID).path,
                [("answer", "ja"), ("answeredOn", "2026-11-23")],
                as: staff
            )
            #expect(saved.0 == .seeOther)
        }
    }

    @Test func aLetterToALandlordWithoutACVRNumberGoesOnPaperAndOnlyStaffOfTheCaseMayWriteIt() async throws {
        let clock = TestClock()
        // Homes enough for a second organisation.
        try await withTestApp(seedHomes: 80, clock: clock, running: true) { app in
            let (caseID, staff, tenant) = try await Self.outside(app)
            let letterPage = SiteRoute.staffSwapLandlordLetter(caseID).path
            // Another organisation's caseworker, and the tenant, do not find it.
            let organisation = try #require(try await CaseFile.find(caseID, on: app.db)).$organisation.id
            let other = try #require(
                try await HousingOrganisation.query(on: app.db).filter(\.$id != organisation).first()
            )
            let stranger = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Kirsten", of: try other.requireID(), on: app),
                on: app
            )
            #expect(try await CaseDeadlinesTests.get(app, letterPage, as: stranger).0 == .notFound)
            let refused = try await Self.post(app, letterPage, [("step", "send")] + Self.landlordLetter, as: stranger)
            #expect(refused.0 == .notFound)
            #expect(try await CaseDeadlinesTests.get(app, letterPage, as: tenant).0 != .ok)
            #expect(try await MunicipalityNotice.query(on: app.db).count() == 0)

            let paper = Self.landlordLetter.map { $0.0 == "cvr" ? ("cvr", "") : $0 }
            let previewed = try await CaseDeadlinesTests.post(app, letterPage, [("step", "preview")] + paper, as: staff)
            #expect(previewed.1.contains("Med posten (der er ikke skrevet et CVR-nummer)."))
            _ = try await Self.post(app, letterPage, [("step", "send")] + paper, as: staff)
            try await MunicipalityRegisterTests.drain(app, clock)
            let letter = try #require(try await MunicipalityNotice.query(on: app.db).first())
            #expect(letter.status == .awaitingPrint && letter.channel == .print && letter.recipientCVR == nil)
            let printing = app.printBatches()
            let batch = try #require(try await printing.create(createdBy: nil, scope: .all).first)
            _ = try await printing.markDispatched(try batch.requireID(), by: nil, scope: .all)
            #expect(try await MunicipalityNotice.find(try letter.requireID(), on: app.db)?.status == .dispatched)
            let events = try await CaseEvent.query(on: app.db).filter(\.$caseID == caseID)
                .filter(\.$kind == .landlordWritten).all()
            #expect(events.map(\.detail) == ["Boligforeningen Aarhus A/S"])
        }
    }

    @Test func aLetterNotYetGoneIsCancelledWhenTheAnswerComes() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (caseID, staff, _) = try await Self.outside(app)
            let letterPage = SiteRoute.staffSwapLandlordLetter(caseID).path
            let paper = Self.landlordLetter.map { $0.0 == "cvr" ? ("cvr", "") : $0 }
            _ = try await Self.post(app, letterPage, [("step", "send")] + paper, as: staff)
            let letter = try #require(try await MunicipalityNotice.query(on: app.db).first())
            // Waiting for print when the answer comes by telephone: it does not go.
            letter.status = .awaitingPrint
            letter.channel = .print
            try await letter.update(on: app.db)
            let saved = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(caseID).path,
                [("answer", "ja"), ("answeredOn", "2026-11-23")],
                as: staff
            )
            #expect(saved.0 == .seeOther)
            #expect(try await MunicipalityNotice.find(try letter.requireID(), on: app.db)?.status == .cancelled)
            #expect(try await app.printBatches().waiting(scope: .all) == 0)
            let card = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(card.contains("Ikke sendt: byttet blev afgjort eller lukket, eller udlejerens svar kom"))
        }
    }

    static func get(_ app: Application, _ path: String, as token: String) async throws -> HTTPStatus {
        var status = HTTPStatus.internalServerError
        try await app.testing().test(.GET, path, headers: TerminationNoticeTests.headers(token)) { res async in
            status = res.status
        }
        return status
    }

    @Test func aCoTenantSignsTheSwapBeforeItCanBeApproved() async throws {
        try await withTestApp(seedHomes: 40) { app in
            // A lease with two tenants: one applies, the other is told by letter and signs.
            let shared = try await TerminationNoticeTests.tenancies(2, on: app)
            let lease = try #require(shared.first).lease_id
            let (applicant, coTenant) = (shared[0].person_id, shared[1].person_id)
            let token = try await PageSessions.signIn(person: applicant, on: app)
            let (caseID, code) = try await Self.apply(app, lease: lease, other: "Ole Udefra", as: token)
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID)
                .filter(\.$recipient.$id == coTenant).all()
            #expect(letters.map(\.subject) == ["Din medlejer har søgt om boligbytte"])
            // Ole signs with the code; the other landlord says yes.
            let pending = try await PowerOfAttorneyTests.waitingLogin("Ole Udefra", cpr: "0707077007", on: app)
            let ole = try await app.activation.redeem(pending, typed: code, consented: true)
            let oleToken = try await PageSessions.signIn(person: try ole.requireID(), on: app)
            let requestID = try #require(try await SwapRequest.query(on: app.db).first()?.id)
            #expect(
                try await Self.post(app, SiteRoute.mySwapSign(requestID).path, [("confirm", "ja")], as: oleToken).0
                    == .seeOther
            )
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            _ = try await Self.post(
                app,
                SiteRoute.staffSwapLandlord(caseID).path,
                [("answer", "ja"), ("answeredOn", "2026-11-20")],
                as: staff
            )
            let decide = SiteRoute.staffCaseDecision(caseID).path
            let waiting = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(waiting.1.contains("En medlejer har ikke skrevet under på ansøgningen endnu."))
            // The co-tenant sees the form on the case; without the tick nothing is signed.
            let coToken = try await PageSessions.signIn(person: coTenant, on: app)
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: coToken).1
            #expect(page.contains("Din underskrift som medlejer") && page.contains(SiteRoute.myCaseCosign(caseID).path))
            let unticked = try await Self.post(app, SiteRoute.myCaseCosign(caseID).path, [], as: coToken)
            #expect(unticked.1?.contains("besked=medlejer-kryds") == true)
            #expect(try await RequestCosignature.query(on: app.db).count() == 0)
            // The applicant signed by sending: their own signature is not asked for.
            let own = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myCaseCosign(caseID).path,
                [("confirm", "ja")],
                as: token
            )
            #expect(own.0 == .notFound)
            for _ in 0..<2 {
                let signed = try await Self.post(
                    app,
                    SiteRoute.myCaseCosign(caseID).path,
                    [("confirm", "ja")],
                    as: coToken
                )
                #expect(signed.0 == .seeOther && signed.1?.contains("besked=medlejer") == true)
            }
            #expect(try await RequestCosignature.query(on: app.db).count() == 1)
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: coToken).1
            #expect(after.contains("Du skrev under"))
            let ready = try await CaseDeadlinesTests.post(
                app,
                decide,
                [("step", "preview"), ("outcome", "approved")],
                as: staff
            )
            #expect(!ready.1.contains("En medlejer har ikke skrevet under"))
        }
    }
}
