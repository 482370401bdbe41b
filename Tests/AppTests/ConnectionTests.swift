import AlmenDomain
import AlmenSandbox
import DigitalPost
import Fluent
import Foundation
import MeMo
import Sandbox
import Testing
import Vapor

@testable import App

/// Administrators connect organisations to Digital Post; an ineligible one is refused; an own
/// connection is what the worker sends with.
@Suite("Digital Post connections")
struct ConnectionTests {
    static func administrator(_ app: Application) async throws -> TestBrowser {
        let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
        do {
            _ = try await LoginFlowTests.logIn(browser, audience: .staff, role: "Administrator")
            _ = try await browser.get(SiteRoute.connections.path)
            return browser
        } catch {
            // A browser dropped without shutting down stops the whole test run.
            try? await browser.shutdown()
            throw error
        }
    }

    /// A change is told to the organisation board's chair and deputy chair by letter, stored with
    /// the change; saving the same settings again tells nobody; without officers the page says
    /// that nobody was told.
    @Test func aChangeIsToldToTheBoardsChairAndDeputyChairByLetter() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let chair = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$board == .organisation)
                    .filter(\.$position == .chair).first()
            )
            let deputy = try #require(
                try await BoardMembership.query(on: app.db).filter(\.$board == .organisation)
                    .filter(\.$organisation.$id == chair.$organisation.id).filter(\.$position == .deputyChair).first()
            )
            let organisationID = try #require(chair.$organisation.id)
            let organisation = try #require(try await HousingOrganisation.find(organisationID, on: app.db))
            #expect(organisation.digitalPostConnection == .connected)
            let path = SiteRoute.connection(try organisation.requireID()).path
            let subject = "Ændret tilslutning til Digital Post for \(organisation.name)"

            let changed = try await browser.post(path, form: [("choice", "none")])
            #expect(changed.status == 303)
            #expect(changed.location?.contains("underrettet=2") == true)
            let letters = try await Letter.query(on: app.db).filter(\.$subject == subject).all()
            #expect(Set(letters.map(\.$recipient.id)) == [chair.$person.id, deputy.$person.id])
            #expect(letters.allSatisfy { $0.channel == .physical })
            let text = try PDFText.extract(try #require(letters.first).pdf).split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            #expect(text.contains("Nu sendes de med almindelig post"))
            #expect(text.contains("Før blev brevene sendt med Digital Post"))
            #expect(text.contains("kontakt administrationen med det samme"))
            let page = try await browser.get(try #require(changed.location))
            #expect(page.body.contains("formand og næstformand får hver et brev om ændringen"))
            // The audit says what was chosen, in words.
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$purpose ~~ "breve sendes med almindelig post").count()
                    == 1
            )

            // The same again changes nothing and tells nobody.
            let same = try await browser.post(path, form: [("choice", "none")])
            #expect(same.location?.contains("underrettet") == false)
            #expect(try await Letter.query(on: app.db).filter(\.$subject == subject).count() == 2)

            // Without a chair or deputy chair in their term, nobody gets a letter, and the page says so.
            try await BoardMembership.query(on: app.db).filter(\.$organisation.$id == organisation.requireID())
                .delete()
            let untold = try await browser.post(path, form: [("choice", "shared")])
            #expect(untold.location?.contains("underrettet=0") == true)
            #expect(try await Letter.query(on: app.db).filter(\.$subject == subject).count() == 2)
            #expect(try await browser.get(try #require(untold.location)).body.contains("ingen har fået brev"))
        }
    }

    @Test(arguments: [
        (
            DigitalPostConnections.Change(before: .shared, after: .own, settings: []),
            "Før blev brevene sendt med Digital Post gennem administrationsselskabets tilslutning. Nu sendes de med Digital Post gennem organisationens egen tilslutning."
        ),
        (
            DigitalPostConnections.Change(before: .own, after: .own, settings: [.address, .token]),
            "Brevene sendes fortsat med Digital Post gennem organisationens egen tilslutning, men adressen og adgangsnøglen er ændret."
        ),
        (
            DigitalPostConnections.Change(before: .own, after: .own, settings: [.systemID, .certificate, .key]),
            "Brevene sendes fortsat med Digital Post gennem organisationens egen tilslutning, men system-id'et, certifikatet og den private nøgle er ændret."
        ),
    ])
    func theLetterSaysWhatChanged(change: DigitalPostConnections.Change, sentence: String) {
        let letter = ConnectionChangeLetter.content(
            change,
            organisation: "Boligselskabet Nord",
            changedBy: "Anne Admin",
            at: Date(timeIntervalSince1970: 1_764_842_460),
            position: .deputyChair
        )
        #expect(letter.subject.raw == "Ændret tilslutning til Digital Post for Boligselskabet Nord")
        #expect(letter.paragraphs.map(\.raw).contains(sentence))
        #expect(letter.paragraphs[0].raw.hasPrefix("Den "))
        #expect(
            letter.paragraphs[0].raw.hasSuffix(
                "ændrede Anne Admin fra administrationen, hvordan Boligselskabet Nord sender breve med Digital Post."
            )
        )
        #expect(letter.paragraphs[2].raw.contains("fordi du er næstformand for organisationsbestyrelsen"))
    }

    @Test func anIneligibleOrganisationCannotBeConnected() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).sort(\.$name).first())
            organisation.eligiblePublicSender = false
            organisation.digitalPostConnection = .notConnected
            try await organisation.update(on: app.db)
            let path = SiteRoute.connection(try organisation.requireID()).path

            let shared = try await browser.post(path, form: [("choice", "shared")])
            let none = try await browser.post(path, form: [("choice", "none")])

            #expect(shared.status == 422)
            #expect(shared.body.contains("ikke på listen over offentlige afsendere"))
            #expect(none.status == 303)
            #expect(
                try await HousingOrganisation.find(organisation.requireID(), on: app.db)?.digitalPostConnection
                    == .notConnected
            )
        }
    }

    /// A sensitive change needs a login from the last 15 minutes; an older session logs in again
    /// (max_age=0 at the provider) and comes back to the form.
    @Test func aChangeAfterFifteenMinutesAsksForAFreshLogin() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 80, clock: clock, running: true) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let organisation = try #require(
                try await HousingOrganisation.query(on: app.db).filter(\.$eligiblePublicSender == true).first()
            )
            let path = SiteRoute.connection(try organisation.requireID()).path
            clock.advance(by: 16 * 60)
            _ = try await browser.get(path)

            let stale = try await browser.post(path, form: [("choice", "none")])
            let chooser = try await browser.get(try #require(stale.location))
            let start = try await browser.get(
                SiteRoute.loginStart(.staff).path(query: [("tilbage", path), ("friskt", "1")])
            )

            #expect(stale.status == 303)
            #expect(stale.location == SiteRoute.login.path(query: [("tilbage", path), ("friskt", "1")]))
            #expect(
                try await HousingOrganisation.find(organisation.requireID(), on: app.db)?.digitalPostConnection
                    == .connected
            )
            #expect(chooser.body.contains("Log ind igen for at bekræfte ændringen"))
            #expect(chooser.body.contains("friskt=1"))
            #expect(start.location?.contains("max_age=0") == true)
            #expect(try await LoginAttempt.query(on: app.db).filter(\.$fresh == true).count() == 1)

            _ = try await LoginFlowTests.logIn(browser, audience: .staff, role: "Administrator")
            _ = try await browser.get(path)
            let fresh = try await browser.post(path, form: [("choice", "none")])

            #expect(fresh.status == 303)
            #expect(
                try await HousingOrganisation.find(organisation.requireID(), on: app.db)?.digitalPostConnection
                    == .notConnected
            )
        }
    }

    @Test func badOwnSettingsAreRefusedFieldByField() async throws {
        // The certificate folder holds a file that is no certificate, and a link to a server file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ngdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("not a certificate".utf8).write(to: folder.appendingPathComponent("organisation.pem"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.pem").path,
            withDestinationPath: "/etc/hostname"
        )
        let inFolder: (inout AppConfig) -> Void = { $0.ngdpCertificateDirectory = folder.path }
        try await withTestApp(seedHomes: 80, running: true, settings: inFolder) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let organisation = try #require(
                try await HousingOrganisation.query(on: app.db).filter(\.$eligiblePublicSender == true).first()
            )
            let path = SiteRoute.connection(try organisation.requireID()).path
            let cases: [([(String, String)], String)] = [
                ([("baseURL", "not a url")], "Skriv en gyldig adresse"),
                (
                    [("baseURL", "http://ngdp.example/apis/v1/"), ("systemID", "s"), ("token", "t")],
                    "skal begynde med https://"
                ),
                (
                    [("baseURL", "https://api.test.digitalpost.dk/apis/v1/"), ("systemID", ""), ("token", "t")],
                    "Skriv systemets id"
                ),
                (
                    [("baseURL", "https://api.test.digitalpost.dk/apis/v1/"), ("systemID", "s"), ("token", "")],
                    "Skriv systemets API-token"
                ),
                (
                    [("baseURL", "https://ngdp.example/apis/v1/"), ("systemID", "s"), ("token", "t")],
                    "skal være Digital Posts egen"
                ),
            ]
            // Whatever is wrong with a file, and whether or not it exists on the server, the
            // answer is the same.
            let files = [
                ("/nowhere.pem", "/nowhere.key"), ("/etc/hostname", "/etc/hostname"),
                ("../../../../etc/hostname", "x.key"), ("link.pem", "link.pem"), ("nowhere.pem", "nowhere.key"),
                ("organisation.pem", "organisation.pem"), (".", "."),
            ]
            let unusable = files.map { certificate, key -> ([(String, String)], String) in
                (
                    [
                        ("baseURL", "https://api.test.digitalpost.dk/apis/v1/"), ("systemID", "s"), ("token", "t"),
                        ("certificatePath", certificate), ("keyPath", key),
                    ], "Certifikatet eller nøglen kan ikke bruges"
                )
            }
            for (fields, message) in cases + unusable {
                let answer = try await browser.post(path, form: [("choice", "own")] + fields)
                #expect(answer.status == 422, "\(fields)")
                #expect(answer.body.contains(message), "\(fields)")
                #expect(!answer.body.contains(#"value="t""#), "a token is never echoed back")
            }
            #expect(try await DigitalPostConnection.query(on: app.db).count() == 0)
        }
    }

    @Test func theWorkerSendsWithTheOrganisationsOwnConnection() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let standIn = try #require(app.ngdpStandIn)
            let citizen = try #require(
                try await SandboxCitizen.query(on: app.db).filter(\.$registrationStatus == .registered).sort(\.$id)
                    .first()
            )
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$person.$id == citizen.$person.id)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(
                        Lease.self,
                        \.$digitalOptOut == false
                    ).first()
            )
            let organisationID = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            let path = SiteRoute.connection(organisationID).path
            let base = app.almenConfig.publicBaseURL + "/sandbox/ngdp/apis/v1/"
            // A wrong token first: NgDP refuses it, and the letter stops for a caseworker.
            let wrong = try await browser.post(
                path,
                form: [("choice", "own"), ("baseURL", base), ("systemID", "almen-test"), ("token", "wrong-token")]
            )
            #expect(wrong.status == 303)
            let service = app.letters()
            let refused = try await service.send(
                try await service.prepare(GeneralLetter.demo, to: citizen.$person.id, lease: tenancy.$lease.id),
                createdBy: nil
            )
            let worker = app.jobRunner(id: "own", settings: DigitalPostOutboxTests.quick)
            try await DigitalPostOutboxTests.drain([worker], app: app, clock: clock)
            #expect(try await Letter.find(refused.requireID(), on: app.db)?.status == .failed)
            // The failure is a caseworker's task: listed, explained, and settled by sending on paper.
            let tasks = try await browser.get(SiteRoute.letters.path)
            // (The letters telling the board of the change went on paper, past the wrong connection.)
            #expect(tasks.body.contains("kræver handling (1)"))
            let detail = try await browser.get(SiteRoute.letter(try refused.requireID()).path)
            #expect(detail.body.contains("Send som fysisk brev"))
            // Refused is an answer: nothing says it may have arrived.
            #expect(!detail.body.contains("så brevet kan være nået frem"))
            // Its history in Danish, each step once, with no English or codes from NgDP.
            #expect(detail.body.contains("Brevet er dannet"))
            #expect(detail.body.contains("Modtagerens tilmelding til Digital Post slås op lige før afsendelsen."))
            #expect(detail.body.contains("Kunne ikke sendes"))
            #expect(detail.body.contains("Digital Post afviste vores adgang."))
            #expect(detail.body.components(separatedBy: "Klar til Digital Post").count == 2)
            for english in ["NgDP", "messageUUID", "token", "Receipt"] {
                #expect(!detail.body.contains(english), "\(english)")
            }
            // The status code as a word of its own (ids and the form token may hold the digits).
            #expect(detail.body.firstMatch(of: try Regex("[^A-Za-z0-9_-]401[^A-Za-z0-9_-]")) == nil)
            #expect(try await browser.post(SiteRoute.letterToPaper(try refused.requireID()).path).status == 303)
            #expect(try await browser.post(SiteRoute.letterToPaper(try refused.requireID()).path).status == 303)
            let paper = try #require(try await Letter.find(refused.requireID(), on: app.db))
            #expect(
                paper.status == .awaitingPrint && paper.channel == .physical && paper.reasons == [.digitalPostRefused]
            )
            #expect(
                try await LetterEvent.query(on: app.db).filter(\.$letter.$id == refused.requireID()).filter(
                    \.$kind == .toPaper
                ).count() == 1
            )

            // The right token, and the token field left empty later keeps it.
            #expect(
                try await browser.post(
                    path,
                    form: [
                        ("choice", "own"), ("baseURL", base), ("systemID", "almen-test"),
                        ("token", "sandbox-system-token"),
                    ]
                ).status == 303
            )
            #expect(
                try await browser.post(
                    path,
                    form: [("choice", "own"), ("baseURL", base), ("systemID", "almen-test-2"), ("token", "")]
                ).status == 303
            )
            let stored = try #require(
                try await DigitalPostConnection.query(on: app.db).filter(\.$organisation.$id == organisationID).first()
            )
            #expect(stored.systemID == "almen-test-2")
            #expect(!String(decoding: stored.tokenSealed, as: UTF8.self).contains("sandbox-system-token"))
            let sent = try await service.send(
                try await service.prepare(GeneralLetter.demo, to: citizen.$person.id, lease: tenancy.$lease.id),
                createdBy: nil
            )
            try await DigitalPostOutboxTests.drain([worker], app: app, clock: clock)

            #expect(try await Letter.find(sent.requireID(), on: app.db)?.status == .delivered)
            let outbox = try #require(
                try await Letter.find(sent.requireID(), on: app.db)?.$digitalPostLetter.get(on: app.db)
            )
            #expect(await standIn.delivered().map(\.messageUUID).contains(outbox.messageUUID))
            // Its own connection: the organisation sends in its own name, with no representative.
            let memo = try MeMoParser().parse(try #require(await standIn.deliveredMessage(outbox.messageUUID)))
            #expect(
                memo.header.sender.senderID == (try await HousingOrganisation.find(organisationID, on: app.db))?.cvr
            )
            #expect(memo.header.sender.representative == nil)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "digital_post_connection.set").count() == 3
            )
        }
    }

    /// digital-post.md: incoming mail may be 10 MB of files, or 60 MB when the organisation opted
    /// in. An administrator ticks it on the connection page; a larger message to an organisation
    /// that did not is still stored (never lost), with the size named as its problem.
    @Test func anOrganisationThatOptedInReceivesMailOfUpTo60MB() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = try await Self.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let large = try #require(
                try await HousingOrganisation.query(on: app.db).filter(\.$eligiblePublicSender == true).first()
            )
            let plain = HousingOrganisation(
                companyID: large.$company.id,
                cvr: "29876543",
                name: "Boligselskabet Lille",
                eligiblePublicSender: true,
                digitalPostConnection: .connected
            )
            try await plain.create(on: app.db)
            let path = SiteRoute.connection(try large.requireID()).path
            #expect(try await browser.get(path).body.contains("Modtag post på op til 60 MB"))
            #expect(
                try await browser.post(path, form: [("choice", "shared"), ("largeIncomingMail", "on")]).status == 303
            )
            #expect(try await HousingOrganisation.find(large.requireID(), on: app.db)?.largeIncomingMail == true)
            #expect(
                try await browser.get(path).body.contains(
                    #"name="largeIncomingMail" value="on" aria-describedby="largeIncomingMail-hint" checked"#
                )
            )

            func message(to cvr: String) -> ReceivingSystem.Delivery {
                let uuid = UUID()
                let memo = MeMoMessage(
                    header: MessageHeader(
                        messageUUID: uuid.uuidString.lowercased(),
                        label: "Billeder af vandskaden",
                        mandatory: false,
                        legalNotification: false,
                        sender: MeMoSender(senderID: "0101901234", idType: .cpr, label: "Borger"),
                        recipient: MeMoRecipient(recipientID: cvr, idType: .cvr)
                    ),
                    body: MessageBody(
                        createdDateTime: MeMoDateTime(Date()),
                        mainDocument: MeMoMainDocument(files: [
                            MeMoFile(
                                encodingFormat: "image/jpeg",
                                filename: "skade.jpg",
                                content: Data(repeating: 0xD8, count: 3)
                            )
                        ])
                    )
                )
                // 11 MiB of file, written fast: three 0xD8 bytes are "2NjY" in base64.
                let xml = String(decoding: MeMoWriter.write(memo), as: UTF8.self)
                    .replacingOccurrences(of: "2NjY", with: String(repeating: "2NjY", count: 11 * 1_048_576 / 3 + 1))
                return ReceivingSystem.Delivery(uuid: uuid, xml: Data(xml.utf8))
            }
            let toPlain = message(to: plain.cvr)
            let toLarge = message(to: large.cvr)
            #expect(try await app.receivingSystem.store([toPlain, toLarge], channel: "pull") == [.stored, .stored])

            let stored = try await IncomingMessage.query(on: app.db).all()
            let plainStored = try #require(stored.first { $0.messageUUID == toPlain.uuid.uuidString.lowercased() })
            let largeStored = try #require(stored.first { $0.messageUUID == toLarge.uuid.uuidString.lowercased() })
            #expect(plainStored.problem != nil)
            #expect(largeStored.problem == nil)
            #expect(largeStored.$organisation.id == large.id)
        }
    }
}
