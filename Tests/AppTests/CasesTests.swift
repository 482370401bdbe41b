import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Cases: numbers, parties, letters written in a case, replies threaded into it by the receiving
/// system, and the other party who sees the one case and nothing else.
@Suite("Cases")
struct CasesTests {
    @Test func numbersRunFromOneEachYearAndTenantsBecomeParties() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).sort(\.$id).first())
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            var numbers: [String] = []
            for _ in 0..<3 {
                numbers.append(
                    try await app.cases.open(
                        .general,
                        title: "Henvendelse",
                        organisationID: organisation,
                        leaseID: tenancy.$lease.id,
                        openedBy: nil
                    ).number
                )
            }
            // testNow is in November 2026; move to the next year.
            clock.advance(by: 60 * 86_400)
            let next = try await app.cases.open(
                .faultReport,
                title: "Fejl",
                organisationID: organisation,
                leaseID: nil,
                openedBy: nil
            )

            #expect(numbers == ["2026-000001", "2026-000002", "2026-000003"])
            #expect(next.number == "2027-000001")
            let tenants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == tenancy.$lease.id).count()
            let first = try await app.cases.cases(ofParty: tenancy.$person.id).all()
            #expect(first.count == 3)
            #expect(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == first[0].requireID()).count() == tenants
            )
            #expect(try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == next.requireID()).count() == 0)
        }
    }

    @Test func aCaseworkerWritesInACaseAndTheResidentsReplyIsThreadedIntoIt() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let staff = TestBrowser(base: app.almenConfig.publicBaseURL)
            let resident = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer {
                Task {
                    try? await staff.shutdown()
                    try? await resident.shutdown()
                }
            }
            _ = try await LoginFlowTests.logIn(staff, audience: .staff, role: "Administrator")
            let tenant = try await LettersTests.tenant(app, connected: true)
            let organisation = try await RegisterLookups.organisation(ofLease: tenant.lease, on: app.db)
            let caseFile = try await app.cases.open(
                .neighbourComplaint,
                title: "Støj om natten",
                organisationID: organisation,
                leaseID: tenant.lease,
                openedBy: nil
            )
            let caseID = try caseFile.requireID()
            let page = SiteRoute.staffCase(caseID).path

            #expect(try await staff.get(page).status == 200)
            // A bad form is answered in Danish, on the page, and sends nothing.
            let bad = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: [("recipient", UUID().uuidString), ("subject", ""), ("text", "")]
            )
            #expect(bad.status == 422)
            #expect(bad.body.contains("Vælg en af sagens parter som modtager."))
            #expect(bad.body.contains("Skriv et emne."))
            // Each problem at its field too, and the field marked.
            #expect(
                bad.body.contains(#"<p class="field-error" id="subject-error">Skriv et emne.</p>"#)
            )
            #expect(bad.body.contains(#"aria-invalid="true" aria-describedby="subject-error""#))
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 0)
            // One character over the limit, all of them Danish (6 bytes each once form-encoded):
            // the form's own message, not a refusal of the request's size.
            let long = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: [
                    ("recipient", tenant.person.uuidString.lowercased()), ("subject", "Lang"),
                    ("text", String(repeating: "æ", count: 20_001)),
                ]
            )
            #expect(long.status == 422)
            #expect(long.body.contains("Teksten må højst være 20.000 tegn."))

            let filled = [
                ("recipient", tenant.person.uuidString.lowercased()), ("subject", "Klage over støj"),
                (
                    "text",
                    "Vi har modtaget en klage over støj fra din bolig.\r\n\r\nVi beder dig om at dæmpe dig efter kl. 22."
                ),
            ]
            // The first post shows the letter as it will read, typeset from the template, and
            // sends nothing.
            let preview = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: filled + [("step", "preview")]
            )
            #expect(preview.status == 200)
            #expect(preview.body.contains("Sådan lyder brevet. Det er ikke sendt endnu."))
            #expect(preview.body.contains("<p>Vi beder dig om at dæmpe dig efter kl. 22.</p>"))
            #expect(preview.body.contains("Med venlig hilsen"))
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 0)
            let token = try #require(
                preview.body.firstMatch(of: /name="token" value="([0-9a-f-]{36})"/).map { String($0.1) }
            )
            // "Ret brevet" gives the form back as it was filled in.
            let edit = try await staff.post(SiteRoute.staffCaseLetter(caseID).path, form: filled + [("step", "edit")])
            #expect(edit.status == 200 && edit.body.contains("value=\"Klage over støj\""))
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 0)
            // Sent, and "Send brevet" pressed twice: one letter, and the page says it is sent.
            let send = filled + [("step", "send"), ("token", token)]
            let sent = try await staff.post(SiteRoute.staffCaseLetter(caseID).path, form: send)
            #expect(sent.status == 303)
            #expect(sent.location == page + "?besked=brev#brev")
            #expect(try await staff.post(SiteRoute.staffCaseLetter(caseID).path, form: send).status == 303)
            // The browser's Back to the preview and a reload: it says the letter is sent, and nothing
            // more goes.
            let reloaded = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: filled + [("step", "preview"), ("token", token)]
            )
            #expect(reloaded.status == 303 && reloaded.location == page + "?besked=brev#brev")
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 1)
            #expect(try await staff.get(page + "?besked=brev#brev").body.contains("Brevet er sendt."))
            // Back to the form, the text changed and sent again: nothing goes, and the form says
            // that what it says now was not sent, keeps it, and is a new letter (a new token).
            let changed = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: [filled[0], filled[1], ("text", "Noget andet.")] + [("step", "send"), ("token", token)]
            )
            #expect(changed.status == 409)
            #expect(changed.body.contains("Formularen er allerede brugt til et brev, som er sendt."))
            #expect(changed.body.contains("Noget andet."))
            #expect(!changed.body.contains("value=\"\(token)\""))
            // The same letter to another party of the case is not the letter that went either.
            let otherRecipient = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: [("recipient", UUID().uuidString.lowercased()), filled[1], filled[2]]
                    + [("step", "send"), ("token", token)]
            )
            #expect(otherRecipient.status == 409)
            // The line breaks a browser sends (CRLF) or not (LF) are the same letter.
            let sameInLF = try await staff.post(
                SiteRoute.staffCaseLetter(caseID).path,
                form: [filled[0], filled[1], ("text", filled[2].1.replacingOccurrences(of: "\r\n", with: "\n"))]
                    + [("step", "send"), ("token", token)]
            )
            #expect(sameInLF.status == 303)
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 1)
            let letter = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            #expect(letter.subject == "Klage over støj")
            #expect(try PDFText.extract(letter.pdf).contains("dæmpe dig efter kl. 22"))
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let outbox = try #require(try await letter.$digitalPostLetter.get(on: app.db))
            #expect(outbox.status == .sent)

            // The resident answers in their Digital Post; the pull threads the answer into the case.
            let cpr = try app.cprVault.open(
                try #require(try await Person.find(tenant.person, on: app.db)?.cprCiphertext)
            ).digits
            let cvr = try #require(try await HousingOrganisation.find(organisation, on: app.db)).cvr
            let reply = try await ReceivingSystemTests.inject(
                staff,
                from: cpr,
                to: cvr,
                label: "Sv: Klage over støj",
                replyTo: outbox.messageUUID
            )
            try await app.receivingSystem.pullAll()
            let threaded = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == reply).first()
            )
            #expect(threaded.$caseFile.id == caseID)

            let shown = try await staff.get(page)
            #expect(shown.status == 200)
            #expect(shown.body.contains("Klage over støj") && shown.body.contains("Sv: Klage over støj"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "case.read").filter(
                    \.$dataSubjectID == tenant.person
                ).count() >= 1
            )

            // The tenant sees the case, the letter and their own answer.
            try await Self.logIn(resident, as: tenant.person, app: app)
            let mine = try await resident.get(SiteRoute.myCase(caseID).path)
            #expect(mine.status == 200)
            let letterPath = SiteRoute.myLetterPDF(try letter.requireID()).path
            #expect(mine.body.contains("Sv: Klage over støj") && mine.body.contains(letterPath))

            // Closing and reopening, each said on the case's page. Closing asks first, and says
            // what it does; reopening is one click.
            #expect(
                shown.body.contains(#"<details class="confirm"><summary class="button secondary">Luk sagen</summary>"#)
            )
            #expect(shown.body.contains("Der sendes intet brev. Du kan åbne sagen igen.</p>"))
            #expect(shown.body.contains(#"<button type="submit" class="button">Ja, luk sagen</button>"#))
            let closing = try await staff.post(SiteRoute.staffCaseStatus(caseID).path, form: [("status", "closed")])
            #expect(closing.status == 303)
            let closed = try #require(closing.header("Location").first)
            #expect(try await staff.get(closed).body.contains("<p>Sagen er afsluttet.</p>"))
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .closed)
            // The history says so, to staff (with who did it) and to the tenant.
            let closedPage = try await staff.get(page).body
            #expect(closedPage.contains("Sagen er afsluttet"))
            #expect(closedPage.contains(#"<button type="submit" class="button secondary">Genåbn sagen</button>"#))
            #expect(!closedPage.contains(#"<details class="confirm">"#))
            #expect(try await resident.get(SiteRoute.myCase(caseID).path).body.contains("Sagen er afsluttet"))
            #expect(
                try await staff.post(SiteRoute.staffCaseStatus(caseID).path, form: [("status", "nonsense")]).status
                    == 400
            )
        }
    }

    /// An administrator signed in, and the headers that post a form as them.
    static func administratorForm(_ app: Application) async throws -> (token: String, headers: HTTPHeaders) {
        let token = try await PageSessions.signIn(
            staff: try #require(try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first())
                .requireID(),
            on: app
        )
        let headers: HTTPHeaders = [
            "Cookie": "\(SessionCookie.session)=\(token)", "X-CSRF-Token": CSRFProtection.token(forSession: token),
            "Content-Type": "application/x-www-form-urlencoded",
        ]
        return (token, headers)
    }

    @Test func mailThatAnswersNothingGetsACaseFromTheInboxOnce() async throws {
        try await withTestApp(seedHomes: 30, running: true) { app in
            let staff = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await staff.shutdown() } }
            _ = try await LoginFlowTests.logIn(staff, audience: .staff, role: "Administrator")
            let (tenant, message) = try await ReceivingSystemTests.mailFromATenant(app, staff, label: "Utæt vindue")
            #expect(message.$caseFile.id == nil)
            #expect(try await staff.get(SiteRoute.incomingMail.path).body.contains("Opret sag"))

            // Two caseworkers (or a double click) at the same moment: one case.
            let path = SiteRoute.incomingMailCase(try message.requireID()).path
            async let first = staff.post(path)
            async let second = staff.post(path)
            let (opened, again) = try await (first, second)

            #expect(opened.status == 303 && again.status == 303)
            #expect(opened.location?.split(separator: "?").first == again.location?.split(separator: "?").first)
            // The one that opened it says so; the list then says the message is on a case.
            let told = [opened, again].compactMap(\.location).filter { $0.hasSuffix("?besked=fra-post") }
            #expect(told.count == 1)
            #expect(
                try await staff.get(try #require(told.first)).body.contains(
                    "Sagen er oprettet, og beskeden står i sagens forløb."
                )
            )
            #expect(
                try await staff.get(SiteRoute.incomingMail.path).body.contains(
                    #"<td role="cell" data-label="Status">Lagt på en sag</td>"#
                )
            )
            // A neutral title: the sender's subject is not shown to the other parties.
            let caseFile = try #require(
                try await CaseFile.query(on: app.db).filter(\.$title == "Henvendelse via Digital Post").first()
            )
            #expect(try await CaseFile.query(on: app.db).count() == 1)
            #expect(caseFile.$lease.id == tenant.lease)
            #expect(try await IncomingMessage.find(message.requireID(), on: app.db)?.$caseFile.id == caseFile.id)
            #expect(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).filter(
                    \.$person.$id == tenant.person
                ).count() == 1
            )
            #expect(try await staff.post(SiteRoute.incomingMailCase(UUID()).path).status == 404)
        }
    }

    /// From the message's page the caseworker chooses what the case is about; a sender who is a
    /// tenant of the organisation is a party as a tenant, not as "anden part".
    @Test func aCaseFromMailGetsTheChosenKindAndTheSenderAsATenant() async throws {
        try await withTestApp(seedHomes: 30) { app in
            _ = try #require(try await DemoCases.seed(app: app))
            let question = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$label == "Spørgsmål om vaskeriet").first()
            )
            let sender = try #require(question.$person.id)
            let (token, headers) = try await Self.administratorForm(app)
            let page = try await ListPagingTests.get(
                app,
                SiteRoute.incomingMessage(try question.requireID()).path,
                token: token
            )
            #expect(page.body.contains(#"<option value="fault_report">"#))
            // Only the kinds a message alone can be: not a workflow on records it does not make.
            #expect(!page.body.contains(#"<option value="swap_landlord">"#))
            #expect(!page.body.contains(#"<option value="termination">"#))
            let path = SiteRoute.incomingMailCase(try question.requireID()).path
            for kind in ["nonsense", "termination", "swap_landlord"] {
                try await app.testing().test(
                    .POST,
                    path,
                    headers: headers,
                    body: ByteBuffer(string: "kind=\(kind)")
                ) {
                    res async throws in
                    #expect(res.status == .badRequest, "\(kind)")
                }
            }
            #expect(try await IncomingMessage.find(question.requireID(), on: app.db)?.$caseFile.id == nil)
            try await app.testing().test(
                .POST,
                path,
                headers: headers,
                body: ByteBuffer(string: "kind=fault_report")
            ) {
                res async throws in
                #expect(res.status == .seeOther)
            }
            let caseID = try #require(try await IncomingMessage.find(question.requireID(), on: app.db)?.$caseFile.id)
            #expect(try await CaseFile.find(caseID, on: app.db)?.kind == .faultReport)
            let party = try #require(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID).filter(\.$person.$id == sender)
                    .first()
            )
            #expect(party.role == .tenant)
        }
    }

    /// Mail that answers none of our letters but belongs to a case we have is put on it by the
    /// case's number, or by one of the sender's open cases offered as buttons; a number of
    /// another organisation's case, or none, is refused at the field and changes nothing.
    @Test func mailIsPutOnACaseThatExistsByItsNumber() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let number = try #require(try await DemoCases.seed(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            let caseID = try caseFile.requireID()
            let question = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$label == "Spørgsmål om vaskeriet").first()
            )
            let messageID = try question.requireID()
            let elsewhere = try await RegisterLookups.anotherOrganisation(
                besides: caseFile.$organisation.id,
                on: app.db
            )
            let otherCase = try await app.cases.open(
                .general,
                title: "Andet sted",
                organisationID: try elsewhere.requireID(),
                leaseID: nil,
                openedBy: nil
            )
            let closedCase = try await app.cases.open(
                .general,
                title: "Lukket",
                organisationID: caseFile.$organisation.id,
                leaseID: nil,
                openedBy: nil
            )
            closedCase.status = .closed
            try await closedCase.update(on: app.db)
            let (token, headers) = try await Self.administratorForm(app)
            // The sender is the demo case's tenant: the case is offered as a button.
            let page = try await ListPagingTests.get(app, SiteRoute.incomingMessage(messageID).path, token: token)
            #expect(page.body.contains(#"<input type="hidden" name="sag" value="\#(number)">"#))
            #expect(page.body.contains("Læg på sag \(number)</button>"))
            #expect(!page.body.contains("Læg på sag \(otherCase.number)"))

            let path = SiteRoute.incomingMailToCase(messageID).path
            for (typed, problem) in [
                ("", "Skriv sagens nummer, fx 2026-000123."),
                ("sag 12", "Skriv sagens nummer som år, bindestreg og seks cifre, fx 2026-000123."),
                ("2026-999999", "Der er ingen sag med det nummer i den boligorganisation, beskeden er sendt til."),
                (otherCase.number, "Der er ingen sag med det nummer i den boligorganisation, beskeden er sendt til."),
                (closedCase.number, "Sagen er lukket. Genåbn den først, eller opret en ny sag."),
            ] {
                try await app.testing().test(
                    .POST,
                    path,
                    headers: headers,
                    body: ByteBuffer(
                        string: "sag=\(typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                    )
                ) { res async throws in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains(#"<p class="field-error" id="sag-error">\#(problem)</p>"#))
                    #expect(res.body.string.contains(#"aria-describedby="sag-hint sag-error" aria-invalid="true""#))
                }
            }
            #expect(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id == nil)
            // A caseworker of another organisation finds no such message.
            let stranger = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Jonas", of: try elsewhere.requireID(), on: app),
                on: app
            )
            try await app.testing().test(
                .POST,
                path,
                headers: [
                    "Cookie": "\(SessionCookie.session)=\(stranger)",
                    "X-CSRF-Token": CSRFProtection.token(forSession: stranger),
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: ByteBuffer(string: "sag=\(number)")
            ) { res async throws in
                #expect(res.status == .notFound)
            }
            #expect(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id == nil)

            // Twice (a double click): on the case once, with one entry in the staff's history.
            for _ in 0..<2 {
                try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: "sag=\(number)")) {
                    res async throws in
                    #expect(res.status == .seeOther)
                    #expect(res.headers.first(name: .location)?.hasPrefix(SiteRoute.staffCase(caseID).path) == true)
                }
            }
            #expect(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id == caseID)
            #expect(
                try await CaseEvent.query(on: app.db).filter(\.$caseID == caseID).filter(\.$kind == .mailAdded).count()
                    == 1
            )
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseMailAdded.rawValue)
                    .count() == 1
            )
            let told = try await ListPagingTests.get(
                app,
                SiteRoute.staffCase(caseID).path(query: [("besked", "post-lagt-paa")]),
                token: token
            )
            #expect(told.body.contains("Beskeden er lagt på sagen og står i sagens forløb."))
            #expect(told.body.contains("Indkommende post lagt på sagen: Spørgsmål om vaskeriet"))
            // The sender, a party, sees their message on the case, not the staff's entry about it.
            let sender = try await PageSessions.signIn(person: try #require(question.$person.id), on: app)
            let theirs = try await ListPagingTests.get(app, SiteRoute.myCase(caseID).path, token: sender)
            #expect(theirs.body.contains("Spørgsmål om vaskeriet"))
            #expect(!theirs.body.contains("Indkommende post lagt på sagen"))
            // The message's page now links to its case, and offers to move it to another.
            let after = try await ListPagingTests.get(app, SiteRoute.incomingMessage(messageID).path, token: token)
            #expect(after.body.contains(#"<a href="\#(SiteRoute.staffCase(caseID).path)">\#(number)</a>"#))
            #expect(after.body.contains("Flyt beskeden til en anden sag"))
            #expect(after.body.contains(#"<input type="hidden" name="fra" value="\#(caseID.lowercasedString)">"#))
            #expect(!after.body.contains("Flyt til sag \(number)<"))
            let elsewhereInOrganisation = try await app.cases.open(
                .general,
                title: "Vaskeriet",
                organisationID: caseFile.$organisation.id,
                leaseID: caseFile.$lease.id,
                openedBy: nil
            )
            let movedTo = try elsewhereInOrganisation.requireID()
            // A form from before it was placed (another tab) moves nothing.
            try await app.testing().test(
                .POST,
                path,
                headers: headers,
                body: ByteBuffer(string: "sag=\(elsewhereInOrganisation.number)&fra=")
            ) { res async throws in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == SiteRoute.incomingMessage(messageID).path)
            }
            #expect(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id == caseID)
            // Its own case typed in the move's field: said at the field.
            try await app.testing().test(
                .POST,
                path,
                headers: headers,
                body: ByteBuffer(string: "sag=\(number)&fra=\(caseID.lowercasedString)")
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Beskeden ligger allerede på den sag."))
            }
            try await app.testing().test(
                .POST,
                path,
                headers: headers,
                body: ByteBuffer(string: "sag=\(elsewhereInOrganisation.number)&fra=\(caseID.lowercasedString)")
            ) { res async throws in
                #expect(res.status == .seeOther)
                #expect(
                    res.headers.first(name: .location)?.hasPrefix(
                        SiteRoute.staffCase(movedTo).path + "?besked=post-flyttet"
                    ) == true
                )
            }
            #expect(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id == movedTo)
            let left = try await ListPagingTests.get(app, SiteRoute.staffCase(caseID).path, token: token)
            #expect(left.body.contains("Indkommende post flyttet til sag: \(elsewhereInOrganisation.number)"))
        }
    }

    /// The demo has mail from the case's tenant: a reply threaded into the case with its
    /// attachment, and a question in no case, both matched to the tenant and the organisation.
    @Test func theDemoHasMailInTheCaseAndInTheInbox() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let number = try #require(try await DemoCases.seed(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            let mail = try await IncomingMessage.query(on: app.db).sort(\.$label).all()
            #expect(mail.map(\.label) == ["Spørgsmål om vaskeriet", "Svar: Ansøgning om fremleje"])
            #expect(
                mail.allSatisfy {
                    $0.status == .stored && $0.$person.id != nil && $0.$organisation.id == caseFile.$organisation.id
                }
            )
            #expect(mail.map { $0.$caseFile.id } == [nil, try caseFile.requireID()])
            // Nobody pushed them, so no business receipt waits to be sent to NgDP for them.
            #expect(mail.allSatisfy { $0.acknowledgedAt != nil })
            let files = try await IncomingMessagePage.files(of: mail[1].xml, contents: true)
            #expect(files.map(\.filename) == ["besked.txt", "fremlejekontrakt.txt"])
            #expect(files.map(\.main) == [true, false])
        }
    }

    /// The demo's sub-letting case holds a real application, signed by the sub-tenant, so a
    /// caseworker trying the demo sees its card and can decide it, with an answer due no later
    /// than the last bank day before the sub-letting begins.
    @Test func theDemoSublettingCaseHasASignedApplicationToDecide() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let number = try #require(try await DemoCases.seed(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            let application = try #require(
                try await SublettingRequest.query(on: app.db).filter(\.$caseID == caseFile.requireID()).first()
            )
            #expect(application.status == .sent && application.kind == .whole)
            #expect(application.subtenantSignedAt != nil && application.subtenantPersonID != nil)
            let start = try #require(LocalDate(iso: application.startDate))
            #expect(start > LocalDate(app.dependencies.now(), timeZone: danishTimeZone))
            let deadline = try #require(
                try await CaseDeadlineRecord.query(on: app.db).filter(\.$caseID == caseFile.requireID())
                    .filter(\.$kind == .answer).first()
            )
            #expect(deadline.dueOn <= CaseDeadlines.bankDay(before: start).iso)
            let admin = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first())
            let token = try await PageSessions.signIn(staff: admin.requireID(), on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.staffCase(caseFile.requireID()).path, token: token)
            #expect(page.status == .ok)
            #expect(page.body.contains(Strings.danish["wholeCaseTitle"] ?? "-"))
            #expect(page.body.contains("Sofie Fremlejer"))
            #expect(page.body.contains("id=\"afgoerelse\""))
            // The agreement is a real PDF, and the history says who signed.
            #expect(application.agreementType == "application/pdf")
            #expect(application.agreement?.starts(with: Data("%PDF-".utf8)) == true)
            #expect(application.documentation?.starts(with: Data("%PDF-".utf8)) == true)
            #expect(page.body.contains(Strings.danish["wholeDocumentationLink"] ?? "-"))
            let agreement = try await ListPagingTests.get(
                app,
                SiteRoute.staffSublettingAgreement(caseFile.requireID()).path,
                token: token
            )
            #expect(agreement.status == .ok)
            let signed = try await CaseEvent.query(on: app.db).filter(\.$caseID == caseFile.requireID())
                .filter(\.$kind == .subtenantSigned).all()
            #expect(signed.map(\.detail) == ["Sofie Fremlejer"])
            // The tenant is alone on a lease that has not been terminated: nothing stands in the
            // way of an approval.
            let lease = try #require(try await Lease.find(caseFile.$lease.id, on: app.db))
            #expect(lease.status == .active)
            #expect(try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease.requireID()).count() == 1)
        }
    }

    /// A reply joins a letter's thread when it comes from a party of the letter's case, even if
    /// the letter was to another party (a sub-tenant answering the tenant's letter).
    @Test func aPartyOfTheCaseMayReplyToAnotherPartysLetter() async throws {
        try await withTestApp(seedHomes: 30, running: true) { app in
            let number = try #require(try await DemoCases.seed(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            let party = try #require(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).filter(
                    \.$role == .otherParty
                ).first()
            )
            let tenantLetter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID())
                    .filter(\.$recipient.$id != party.$person.id).filter(\.$digitalPostLetter.$id != nil).first()
            )
            let outbox = try #require(try await tenantLetter.$digitalPostLetter.get(on: app.db))
            let person = try #require(try await Person.find(party.$person.id, on: app.db))
            let cpr = try app.cprVault.open(try #require(person.cprCiphertext)).digits
            let cvr = try #require(try await HousingOrganisation.find(caseFile.$organisation.id, on: app.db)).cvr
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }

            let reply = try await ReceivingSystemTests.inject(
                browser,
                from: cpr,
                to: cvr,
                label: "Sv: Fremleje",
                replyTo: outbox.messageUUID
            )
            #expect(try await app.receivingSystem.pullAll() == 1)

            let stored = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == reply).first()
            )
            #expect(stored.$person.id == party.$person.id)
            #expect(stored.$replyTo.id == outbox.id)
            #expect(stored.$caseFile.id == caseFile.id)
        }
    }

    @Test func theOtherPartySeesTheirOneCaseAndNothingElseOfTheLease() async throws {
        try await withTestApp(seedHomes: 30, running: true) { app in
            let number = try #require(try await DemoCases.seed(app: app))
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
            let leaseID = try #require(caseFile.$lease.id)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }

            let subject = try await LoginFlowTests.logIn(browser, role: "Anden part")

            let party = try #require(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).filter(
                    \.$role == .otherParty
                ).first()
            )
            #expect(subject == party.$person.id.uuidString.lowercased())
            let me = try await browser.get(SiteRoute.api(.me).path)
            #expect(me.body.contains("other_party"))
            #expect(!me.body.contains(#""tenant""#))
            let list = try await browser.get(SiteRoute.myCases.path)
            #expect(list.body.contains(number))
            let detail = try await browser.get(SiteRoute.myCase(try caseFile.requireID()).path)
            #expect(detail.status == 200)
            #expect(detail.body.contains("anden part"))
            #expect(detail.body.contains("Ansøgning om fremleje"))
            // Only the letter to them: the tenant's letter in the same case is not listed.
            #expect(detail.body.components(separatedBy: "Ansøgning om fremleje").count == 2)
            #expect(try await browser.get(SiteRoute.myLease(leaseID).path).status == 404)
            let tenantLetter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID())
                    .filter(\.$recipient.$id != party.$person.id).first()
            )
            #expect(try await browser.get(SiteRoute.myLetterPDF(try tenantLetter.requireID()).path).status == 404)
            #expect(try await browser.get(SiteRoute.boardResidents.path).status == 403)

            // Staff may write to the sub-tenant in the sub-letting case (they live at the lease's
            // address), but not to an other party whose address the register does not have.
            let staff = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await staff.shutdown() } }
            _ = try await LoginFlowTests.logIn(staff, audience: .staff, role: "Administrator")
            let swap = try await app.cases.open(
                .swap,
                title: "Bytte",
                organisationID: caseFile.$organisation.id,
                leaseID: leaseID,
                others: [party.$person.id],
                openedBy: nil
            )
            let form = { (subject: String) in
                [
                    ("recipient", party.$person.id.uuidString.lowercased()), ("subject", subject), ("text", "Tekst."),
                    ("step", "send"), ("token", UUID().uuidString),
                ]
            }
            #expect(try await staff.get(SiteRoute.staffCase(try swap.requireID()).path).status == 200)
            let refused = try await staff.post(
                SiteRoute.staffCaseLetter(try swap.requireID()).path,
                form: form("Bytte")
            )
            #expect(refused.status == 422 && refused.body.contains("Registret har ikke denne parts adresse"))
            // The tenants' opt-out of digital post is theirs: it does not send the sub-tenant's
            // letter on paper, while the tenant's does go on paper.
            let lease = try #require(try await Lease.find(leaseID, on: app.db))
            lease.digitalOptOut = true
            try await lease.update(on: app.db)
            #expect(
                try await staff.post(
                    SiteRoute.staffCaseLetter(try caseFile.requireID()).path,
                    form: form("Fremleje godkendt")
                ).status == 303
            )
            let toSubTenant = try #require(
                try await Letter.query(on: app.db).filter(\.$subject == "Fremleje godkendt").first()
            )
            #expect(!toSubTenant.channelReasons.contains(ChannelReason.leaseOptedOut.rawValue))
            let tenant = try #require(
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).filter(
                    \.$role == .tenant
                ).first()
            )
            let toTenant = [
                ("recipient", tenant.$person.id.uuidString.lowercased()), ("subject", "Til lejer"), ("text", "Tekst."),
                ("step", "send"), ("token", UUID().uuidString),
            ]
            #expect(
                try await staff.post(SiteRoute.staffCaseLetter(try caseFile.requireID()).path, form: toTenant).status
                    == 303
            )
            let tenantLetter2 = try #require(
                try await Letter.query(on: app.db).filter(\.$subject == "Til lejer").first()
            )
            #expect(
                tenantLetter2.channel == .physical
                    && tenantLetter2.channelReasons.contains(ChannelReason.leaseOptedOut.rawValue)
            )
        }
    }

    /// Logs `browser` in through the sandbox MitID as the resident `personID`.
    static func logIn(_ browser: TestBrowser, as personID: UUID, app: Application) async throws {
        let start = try await browser.get(SiteRoute.loginStart(.resident).path)
        let authorize = try #require(start.location)
        let query = try #require(URLComponents(string: authorize)?.queryItems)
        let approved = try await browser.post(
            String(authorize.prefix { $0 != "?" }),
            form: query.map { ($0.name, $0.value ?? "") } + [("subject", personID.uuidString.lowercased())],
            csrf: ""
        )
        let landed = try await browser.get(try #require(approved.location))
        #expect(landed.status == 303)
    }
}
