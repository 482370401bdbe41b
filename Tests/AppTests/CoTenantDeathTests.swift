import AlmenDomain
import Fluent
import Foundation
import Letters
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// A co-tenant's death (issue: Requests, item 1): the survivor goes on with the lease. A caseworker
/// registers the death; the dead tenant comes off the lease, the survivor becomes the tenant and
/// gets a letter, and a notice that waited for the dead tenant's signature is received.
@Suite("A co-tenant's death")
struct CoTenantDeathTests {
    typealias Values = CoTenantDeathController.Values

    static let anne = UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!
    static let bo = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!

    /// The form's checks, without a database. Today is Monday 23 November 2026; the lease began
    /// on 1 March 2020.
    @Test(arguments: [
        (Values(), ["deceased", "diedOn", "confirm"]),
        (Values(deceased: anne.uuidString, diedOn: "2026-11-10", confirm: true), []),
        (Values(deceased: anne.uuidString.lowercased(), diedOn: "2026-11-23", confirm: true), []),
        // Someone who is not a tenant of the lease.
        (Values(deceased: UUID().uuidString, diedOn: "2026-11-10", confirm: true), ["deceased"]),
        (Values(deceased: "Anne", diedOn: "2026-11-10", confirm: true), ["deceased"]),
        (Values(deceased: bo.uuidString, diedOn: "2026-11-24", confirm: true), ["diedOn"]),
        (Values(deceased: bo.uuidString, diedOn: "2020-02-29", confirm: true), ["diedOn"]),
        (Values(deceased: bo.uuidString, diedOn: "10.13.2026", confirm: true), ["diedOn"]),
        (Values(deceased: bo.uuidString, diedOn: "10.11.2026", confirm: true), []),
        (Values(deceased: bo.uuidString, diedOn: "2026-11-10", confirm: false), ["confirm"]),
    ])
    func theFormIsChecked(values: Values, fields: [String]) {
        let (death, problems) = CoTenantDeathController.check(
            values,
            tenants: [Self.anne, Self.bo],
            today: LocalDate(year: 2026, month: 11, day: 23)!,
            leaseStart: LocalDate(year: 2020, month: 3, day: 1)!
        )
        #expect(problems.map { $0.0 } == fields)
        #expect((death == nil) == !fields.isEmpty)
    }

    /// The survivor's letter: the death, that they (and the others) go on, and what became of the
    /// lease's notice.
    @Test(arguments: [
        ([], CoTenantDeathController.NoticeState.none, "Vil du selv flytte, kan du opsige lejemålet på Mit hjem"),
        (["Carl Berg"], .none, "Vil I flytte, kan I opsige lejemålet på Mit hjem. Alle lejere skal skrive under"),
        ([], .received, "ventede kun på underskriften fra Bo Berg. Den er nu modtaget"),
        (["Carl Berg"], .waiting, "venter stadig på underskrift. Den bliver først modtaget"),
        ([], .arrived, "Jeres opsigelse af lejemålet er modtaget. Datoen, hvor lejemålet slutter, står i bekræftelsen"),
        (
            [], .terminated(LocalDate(year: 2027, month: 2, day: 28)!),
            "Lejemålet er opsagt og slutter søndag den 28. februar 2027."
        ),
    ])
    func theSurvivorsLetterSaysTheyGoOnAndWhatBecameOfTheNotice(
        others: [String],
        notice: CoTenantDeathController.NoticeState,
        expected: String
    ) {
        let letter = CoTenantDeathController.letter(
            deceased: "Bo Berg",
            diedOn: LocalDate(year: 2026, month: 11, day: 10)!,
            address: "Engvej 12, 8000 Aarhus C",
            others: others,
            notice: notice
        )
        #expect(letter.subject.raw == "Om lejemålet Engvej 12, 8000 Aarhus C efter dødsfaldet")
        let text = letter.paragraphs.map(\.raw).joined(separator: " ")
        #expect(text.contains("Bo Berg er død tirsdag den 10. november 2026. Vi vil gerne udtrykke vores medfølelse."))
        #expect(
            text.contains(others.isEmpty ? "Nu fortsætter du lejemålet" : "Nu fortsætter du og Carl Berg lejemålet")
        )
        #expect(text.contains(expected), "\(text)")
    }

    static func fields(deceased: UUID, step: String, token: UUID? = nil) -> [(String, String)] {
        [("deceased", deceased.uuidString.lowercased()), ("diedOn", "2026-11-10"), ("confirm", "ja"), ("step", step)]
            + (token.map { [("token", $0.uuidString.lowercased())] } ?? [])
    }

    @Test func aCaseworkerRegistersTheDeathAndTheSurvivorsWaitingNoticeIsReceived() async throws {
        try await withTestApp(seedHomes: 60) { app in
            let pair = try await TerminationNoticeTests.tenancies(2, on: app)
            // Ordered tenant first: the tenant dies, the co-tenant goes on.
            let dead = try #require(pair.first)
            let survivor = try #require(pair.dropFirst().first { $0.lease_id == dead.lease_id })
            let leaseID = dead.lease_id
            // The survivor gave notice before the death; it waits for the dead tenant's signature.
            let resident = try await PageSessions.signIn(person: survivor.person_id, on: app)
            let (sent, _) = try await TerminationNoticeTests.send(
                app,
                SiteRoute.myTermination(leaseID).path,
                as: resident
            )
            #expect(sent == .seeOther)
            let waiting = try #require(
                try await TerminationNotice.query(on: app.db).filter(\.$leaseID == leaseID).first()
            )
            #expect(waiting.receivedOn == nil)

            let organisation = try await RegisterLookups.organisation(ofLease: leaseID, on: app.db)
            let caseworker = try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app)
            let token = try await PageSessions.signIn(staff: caseworker, on: app)
            // The estate's page sends a lease with two tenants here.
            let estate = try await CaseDeadlinesTests.get(app, SiteRoute.staffEstateNotice(leaseID).path, as: token)
            #expect(estate.1.contains(SiteRoute.staffCoTenantDeath(leaseID).path))
            let path = SiteRoute.staffCoTenantDeath(leaseID).path
            let (formStatus, form) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(formStatus == .ok)
            #expect(form.contains("Hvem er død?"))
            // Nothing chosen: errors at the fields, in Danish, and nothing stored.
            let (empty, errors) = try await CaseDeadlinesTests.post(app, path, [("step", "preview")], as: token)
            #expect(empty == .unprocessableEntity)
            #expect(errors.contains("Vælg den lejer, der er død."))
            #expect(errors.contains("Bekræft, at du har set dokumentation for dødsfaldet."))
            #expect(errors.contains(#"id="deceased-error""#))
            // The summary leads to the first choice, and names the box shortly.
            #expect(errors.contains(##"href="#deceased""##) && errors.contains(#"id="deceased""#))
            #expect(errors.contains("Dokumentation: Bekræft, at du har set dokumentation for dødsfaldet."))
            // The preview: who comes off, who goes on, the notice received today, and the letter.
            let (previewStatus, preview) = try await CaseDeadlinesTests.post(
                app,
                path,
                Self.fields(deceased: dead.person_id, step: "preview"),
                as: token
            )
            #expect(previewStatus == .ok)
            #expect(preview.contains("Kontrollér, før du registrerer"))
            #expect(preview.contains("Står nu som lejer (før medlejer)"))
            #expect(preview.contains("ventede kun på den afdødes underskrift"))
            #expect(preview.contains("Nu fortsætter du lejemålet"))
            #expect(try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == leaseID).count() == 2)

            let send = UUID()
            let (status, location) = try await SwapTests.post(
                app,
                path,
                Self.fields(deceased: dead.person_id, step: "send", token: send),
                as: token
            )
            #expect(status == .seeOther)
            let caseID = try #require(
                location.flatMap { $0.split(separator: "/").last?.split(separator: "?").first }
                    .flatMap { UUID(uuidString: String($0)) }
            )
            // The lease has one tenant, the survivor, now its tenant.
            let left = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == leaseID).all()
            #expect(left.map(\.$person.id) == [survivor.person_id])
            #expect(left.first?.role == .tenant)
            // The case holds it, closed, with the survivor as its party and the letter to them.
            let caseFile = try #require(try await CaseFile.find(caseID, on: app.db))
            #expect(caseFile.status == .closed)
            #expect(caseFile.kind == .general)
            let parties = try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(parties.map(\.$person.id) == [survivor.person_id])
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(letters.map(\.$recipient.id) == [survivor.person_id])
            #expect(letters.first?.subject.hasPrefix("Om lejemålet") == true)
            // Each letter names the case it is in.
            let survivorsLetter = try #require(letters.first)
            #expect(
                try JSONDecoder().decode(LetterDocument.self, from: survivorsLetter.documentJSON).caseNumber
                    == caseFile.number
            )
            // The notice that waited is received today, with its confirmation to the survivor.
            let received = try #require(try await TerminationNotice.find(waiting.id, on: app.db))
            #expect(received.receivedOn == "2026-11-23")
            #expect(received.endDate != nil)
            #expect(try await Lease.find(leaseID, on: app.db)?.status == .terminated)
            let confirmations = try await Letter.query(on: app.db).filter(\.$caseFile.$id == waiting.caseID)
                .filter(\.$kind == .terminationConfirmation).all()
            #expect(confirmations.map(\.$recipient.id) == [survivor.person_id])
            let noticeCase = try #require(try await CaseFile.find(waiting.caseID, on: app.db))
            #expect(
                try confirmations.map {
                    try JSONDecoder().decode(LetterDocument.self, from: $0.documentJSON).caseNumber
                } == [noticeCase.number]
            )
            // Both cases' histories say so; staff see the case with its notice.
            let events = try await CaseEvent.query(on: app.db).filter(\.$kind == .coTenantDied).all()
            #expect(Set(events.map(\.caseID)) == [caseID, waiting.caseID])
            let (_, casePage) = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(caseID).path(query: [("besked", "medlejer-doed")]),
                as: token
            )
            #expect(casePage.contains("Dødsfaldet er registreret"))
            #expect(casePage.contains("Registreret, at en lejer er død"))
            // Sent again (the back button): the same case, and nothing more.
            let (again, againLocation) = try await SwapTests.post(
                app,
                path,
                Self.fields(deceased: dead.person_id, step: "send", token: send),
                as: token
            )
            #expect(again == .seeOther)
            #expect(againLocation == SiteRoute.staffCase(caseID).path)
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 1)
            // Registered and audited under both people.
            let audited = try await AuditEvent.query(on: app.db)
                .filter(\.$action == AuditAction.coTenantDeath.rawValue).all()
            #expect(Set(audited.compactMap(\.dataSubjectID)) == [dead.person_id, survivor.person_id])
            // With one tenant left, the page sends an estate's notice to the estate's form.
            let (_, single) = try await CaseDeadlinesTests.get(app, path, as: token)
            #expect(single.contains("Lejemålet har kun én lejer"))
            let (late, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                Self.fields(deceased: survivor.person_id, step: "send", token: UUID()),
                as: token
            )
            #expect(late == .ok)
            #expect(try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == leaseID).count() == 1)
        }
    }

    @Test func anApplicationTheDeadTenantMadeCannotBeApprovedAndItsCaseSaysWhy() async throws {
        try await withTestApp(seedHomes: 60) { app in
            let pair = try await TerminationNoticeTests.tenancies(2, on: app)
            let dead = try #require(pair.first)
            let survivor = try #require(pair.dropFirst().first { $0.lease_id == dead.lease_id })
            let applicant = try await PageSessions.signIn(person: dead.person_id, on: app)
            let (swapCase, _) = try await SwapTests.apply(app, lease: dead.lease_id, other: "Ole Udefra", as: applicant)
            let organisation = try await RegisterLookups.organisation(ofLease: dead.lease_id, on: app.db)
            let token = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app),
                on: app
            )
            let (sent, _) = try await SwapTests.post(
                app,
                SiteRoute.staffCoTenantDeath(dead.lease_id).path,
                Self.fields(deceased: dead.person_id, step: "send", token: UUID()),
                as: token
            )
            #expect(sent == .seeOther)
            // The swap's history says so, and no approval can be given for the dead tenant's home.
            let events = try await CaseEvent.query(on: app.db).filter(\.$caseID == swapCase)
                .filter(\.$kind == .coTenantDied).count()
            #expect(events == 1)
            let (refused, body) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseDecision(swapCase).path,
                [("step", "preview"), ("outcome", "approved")],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Den lejer, der søgte, står ikke længere på lejekontrakten."))
            #expect(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == dead.lease_id).all().map(\.$person.id)
                    == [survivor.person_id]
            )
        }
    }

    @Test func anotherOrganisationsCaseworkerAndResidentsAreRefusedAndNothingChanges() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let pair = try await TerminationNoticeTests.tenancies(2, on: app)
            let dead = try #require(pair.first)
            let path = SiteRoute.staffCoTenantDeath(dead.lease_id).path
            let organisation = try await RegisterLookups.organisation(ofLease: dead.lease_id, on: app.db)
            let theirs = try await CaseAssignmentTests.caseworkerElsewhere(than: organisation, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: theirs).0 == .notFound)
            let (refused, _) = try await CaseDeadlinesTests.post(
                app,
                path,
                Self.fields(deceased: dead.person_id, step: "send", token: UUID()),
                as: theirs
            )
            #expect(refused == .notFound)
            let resident = try await PageSessions.signIn(person: dead.person_id, on: app)
            #expect(try await CaseDeadlinesTests.get(app, path, as: resident).0 != .ok)
            #expect(try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == dead.lease_id).count() == 2)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$kind == .coTenantDied).count() == 0)
        }
    }
}
