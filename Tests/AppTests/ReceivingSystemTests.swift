import AlmenSandbox
import DigitalPost
import Fluent
import Foundation
import SQLKit
import Sandbox
import Testing
import Vapor

@testable import App

/// The receiving system against the NgDP stand-in over HTTP: pull and push, replies threaded to
/// our letters, duplicates and broken messages.
@Suite("Receiving system")
struct ReceivingSystemTests {
    struct Injected: Decodable {
        let messageUUID: String
    }

    /// A message from a tenant of a connected organisation, registered for Digital Post, to that
    /// organisation, pulled in: the tenant and the message as stored.
    static func mailFromATenant(
        _ app: Application,
        _ browser: TestBrowser,
        label: String
    ) async throws -> (tenant: (person: UUID, lease: UUID), message: IncomingMessage) {
        let tenant = try await LettersTests.tenant(app, connected: true, registration: .registered)
        let organisation = try #require(
            try await HousingOrganisation.find(
                try await RegisterLookups.organisation(ofLease: tenant.lease, on: app.db),
                on: app.db
            )
        )
        let cpr = try app.cprVault.open(
            try #require(try await Person.find(tenant.person, on: app.db)?.cprCiphertext)
        ).digits
        let uuid = try await inject(browser, from: cpr, to: organisation.cvr, label: label)
        try await app.receivingSystem.pullAll()
        let message = try #require(try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == uuid).first())
        return (tenant, message)
    }

    /// A citizen writes to the organisation through the stand-in.
    static func inject(
        _ browser: TestBrowser,
        from cpr: String,
        to cvr: String,
        label: String,
        replyTo: String? = nil,
        push: Bool = false,
        rawXML: String? = nil,
        messageUUID: String? = nil,
        contactPoint: String? = nil,
        contactPointLabel: String? = nil
    ) async throws -> String {
        var body: [String: Any] = [
            "fromCPR": cpr, "toCVR": cvr, "label": label, "text": "Hej, jeg har et spørgsmål.", "push": push,
        ]
        if let replyTo { body["replyTo"] = replyTo }
        if let rawXML { body["rawXML"] = rawXML }
        if let messageUUID { body["messageUUID"] = messageUUID }
        if let contactPoint { body["contactPoint"] = contactPoint }
        if let contactPointLabel { body["contactPointLabel"] = contactPointLabel }
        let data = try JSONSerialization.data(withJSONObject: body)
        let page = try await browser.postJSON("/sandbox/ngdp/_control/inject", body: data)
        #expect(page.status == 200, "\(page.body)")
        return try JSONDecoder().decode(Injected.self, from: Data(page.body.utf8)).messageUUID
    }

    @Test func pulledMailIsStoredAcknowledgedDeletedAndARepliesThreadsToItsLetter() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let letters = try await DigitalPostOutboxTests.enqueue(app, registered: 1, exempt: 0)
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let letter = try #require(
                try await DigitalPostLetter.query(on: app.db).with(\.$recipient).with(\.$organisation).filter(
                    \.$id == letters[0].requireID()
                ).first()
            )
            let cpr = try app.cprVault.open(try #require(letter.recipient.cprCiphertext)).digits
            let reply = try await Self.inject(
                browser,
                from: cpr,
                to: letter.organisation.cvr,
                label: "Sv: Varsel",
                replyTo: letter.messageUUID
            )
            let other = try await Self.inject(
                browser,
                from: "0101901234",
                to: letter.organisation.cvr,
                label: "Spørgsmål om vaskeri"
            )
            // Someone else who knows the letter's messageUUID: not the letter's recipient, so the
            // message is the organisation's, not part of the resident's thread.
            let stranger = try await Self.inject(
                browser,
                from: "0101901234",
                to: letter.organisation.cvr,
                label: "Sv: Varsel",
                replyTo: letter.messageUUID
            )

            let handled = try await app.receivingSystem.pullAll()
            #expect(handled == 3)
            let foreign = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == stranger).first()
            )
            #expect(foreign.$replyTo.id == nil)
            #expect(foreign.$caseFile.id == nil)
            #expect(foreign.$person.id != letter.$recipient.id)
            #expect(foreign.$organisation.id == letter.$organisation.id)

            let threaded = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == reply).first()
            )
            #expect(threaded.status == .stored)
            #expect(threaded.$replyTo.id == letter.id)
            #expect(threaded.$person.id == letter.$recipient.id)
            #expect(threaded.label == "Sv: Varsel")
            let unthreaded = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == other).first()
            )
            #expect(unthreaded.$replyTo.id == nil)
            #expect(unthreaded.$organisation.id == letter.$organisation.id)
            #expect(unthreaded.acknowledgedAt != nil)
            // Deleted upstream after the business receipt.
            #expect(await standIn.incomingWaiting().isEmpty)
        }
    }

    @Test func aMessageReceivedTwiceIsStoredOnceAndABrokenOneIsStoredAsInvalid() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let cvr = try #require(try await HousingOrganisation.query(on: app.db).first()).cvr
            let first = try await Self.inject(browser, from: "0101901234", to: cvr, label: "Første")
            let receiving = app.receivingSystem
            try await receiving.pullAll()
            _ = try await Self.inject(browser, from: "0101901234", to: cvr, label: "Første igen", messageUUID: first)
            let broken = try await Self.inject(
                browser,
                from: "0101901234",
                to: cvr,
                label: "x",
                rawXML: "<memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\"><unclosed>"
            )

            try await receiving.pullAll()

            #expect(try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == first).count() == 1)
            #expect(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == first).first()?.label == "Første"
            )
            let invalid = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == broken).first()
            )
            #expect(invalid.status == .invalid)
            #expect(invalid.xml == Data("<memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\"><unclosed>".utf8))
            #expect(await standIn.incomingWaiting().isEmpty)

            // The broken one again: acknowledged as its stored copy was, INVALID, not COMPLETED.
            _ = try await Self.inject(
                browser,
                from: "0101901234",
                to: cvr,
                label: "x",
                rawXML: "<broken/>",
                messageUUID: broken
            )
            let recording = RecordingClient(wrapped: try #require(app.ngdpClient))
            try await receiving.pull(from: recording)
            #expect(recording.acknowledgements == [broken: "INVALID"])
            #expect(try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == broken).count() == 1)
        }
    }

    /// A database that refuses one message of a page: the others are stored one at a time,
    /// acknowledged and deleted upstream; the refused one stays there, unacknowledged, for later.
    @Test func aMessageTheDatabaseRefusesStaysUpstreamAndTheRestAreStored() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let sql = try #require(app.db as? any SQLDatabase)
            // A real refusal by the database, as a full disk or a broken constraint would give.
            if TestDatabase.postgresURL == nil {
                try await sql.raw(
                    """
                    CREATE TRIGGER refuse_one BEFORE INSERT ON incoming_messages WHEN NEW.label = 'Afvises'
                    BEGIN SELECT RAISE(ABORT, 'refused'); END
                    """
                ).run()
            } else {
                try await sql.raw(
                    """
                    CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.label = 'Afvises' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$
                    """
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER refuse_one BEFORE INSERT ON incoming_messages FOR EACH ROW EXECUTE FUNCTION refuse_one()"
                ).run()
            }
            let cvr = try #require(try await HousingOrganisation.query(on: app.db).first()).cvr
            let before = try await Self.inject(browser, from: "0101901234", to: cvr, label: "Før")
            let refused = try await Self.inject(browser, from: "0101901234", to: cvr, label: "Afvises")
            let after = try await Self.inject(browser, from: "0101901234", to: cvr, label: "Efter")
            let recording = RecordingClient(wrapped: try #require(app.ngdpClient))

            let handled = try await app.receivingSystem.pull(from: recording)

            #expect(handled == 2)
            #expect(Set(try await IncomingMessage.query(on: app.db).all().map(\.messageUUID)) == [before, after])
            #expect(recording.acknowledgements == [before: "COMPLETED", after: "COMPLETED"])
            let waiting = await standIn.incomingWaiting()
            #expect(waiting.map(\.messageUUID) == [refused])
            #expect(waiting.map(\.acknowledged) == [nil])
        }
    }

    @Test func pushedMailIsStoredAndStaffSeeItInTheInbox() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let standIn = try #require(app.ngdpStandIn)
            let cvr = try #require(try await HousingOrganisation.query(on: app.db).first()).cvr
            let pushed = try await Self.inject(
                browser,
                from: "0101901234",
                to: cvr,
                label: "Skimmel i badeværelset",
                push: true
            )

            #expect(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == pushed).first()?.channel == "push"
            )
            // The business receipt follows the 200.
            await app.afterResponse.idle()
            #expect(await standIn.acknowledgement(of: pushed) == "COMPLETED")
            let unauthorised = try await browser.post("/digital-post/modtag", form: [("file", "x")], csrf: "")
            #expect(unauthorised.status == 401)
            let wrongToken = try await browser.post(
                "/digital-post/modtag",
                form: [("file", "x")],
                csrf: "",
                headers: [("Authorization", "Basic guess")]
            )
            #expect(wrongToken.status == 401)
            _ = try await LoginFlowTests.logIn(browser, audience: .staff, role: "Sagsbehandler")
            let inbox = try await browser.get("/admin/post")
            #expect(inbox.status == 200)
            #expect(inbox.body.contains("Skimmel i badeværelset"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "incoming_mail.list").count() == 1)

            // The message opens from the inbox, with its files, and each file downloads as it was
            // sent, never rendered and never cached; both reads are audited.
            let message = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$label == "Skimmel i badeværelset").first()
            )
            let messagePath = SiteRoute.incomingMessage(try message.requireID()).path
            #expect(inbox.body.contains(#"href="\#(messagePath)""#))
            let page = try await browser.get(messagePath)
            #expect(page.status == 200)
            #expect(page.body.contains("Skimmel i badeværelset") && page.body.contains("Hoveddokument"))
            // A plain-text message is read on the page, escaped, without downloading it.
            #expect(page.body.contains("<h2 id=\"text-title\">Beskeden</h2>"))
            #expect(page.body.contains("<p class=\"pre-line\">Hej, jeg har et spørgsmål."))
            let filePath = SiteRoute.incomingFile(try message.requireID(), 1).path
            #expect(page.body.contains(#"href="\#(filePath)""#))
            let file = try await browser.get(filePath)
            #expect(file.status == 200)
            #expect(file.body.contains("Hej, jeg har et spørgsmål."))
            #expect(file.header("Content-Disposition").first?.hasPrefix("attachment; ") == true)
            #expect(file.header("Cache-Control") == ["no-store"])
            #expect(try await browser.get(SiteRoute.incomingFile(try message.requireID(), 2).path).status == 404)
            #expect(try await browser.get(SiteRoute.incomingMessage(UUID()).path).status == 404)
            // A mistyped address is a page that does not exist, as for a case or a letter.
            #expect(try await browser.get("/admin/post/ikke-et-id").status == 404)
            #expect(try await browser.get("/admin/post/ikke-et-id/fil/1").status == 404)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "incoming_mail.read").count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "incoming_mail.file").count() == 1)

            // Mail to a contact point keeps it, and the inbox shows one contact point at a time.
            _ = try await Self.inject(
                browser,
                from: "0101901234",
                to: cvr,
                label: "Husleje for december",
                push: true,
                contactPoint: "opkraevning",
                contactPointLabel: "Opkrævningen"
            )
            let stored = try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$label == "Husleje for december").first()
            )
            #expect(stored.contactPoint == "opkraevning")
            let filtered = try await browser.get(SiteRoute.incomingMail.path(query: [("kontaktpunkt", "opkraevning")]))
            #expect(filtered.body.contains("Husleje for december") && !filtered.body.contains("Skimmel i badeværelset"))
            // Named as the sender named it, not by its id.
            let named = try await browser.get(SiteRoute.incomingMail.path).body
            #expect(named.contains(#"<option value="opkraevning">Opkrævningen</option>"#))
            #expect(named.contains("Kontaktpunkt: Opkrævningen</span>"))
            // A search finds mail by its subject, in any case of letters, and says when nothing matches.
            let searched = try await browser.get(SiteRoute.incomingMail.path(query: [("q", "skimmel")]))
            #expect(searched.body.contains("Skimmel i badeværelset") && !searched.body.contains("Husleje for december"))
            let nothing = try await browser.get(SiteRoute.incomingMail.path(query: [("q", "Ingen post om dette")]))
            #expect(nothing.body.contains("Intet passer til det, du har søgt på eller valgt."))
        }
    }

    /// A business receipt NgDP could not take after the push is sent again by the next round,
    /// once; the message is not stored again.
    @Test func aPushedMessageWhoseReceiptFailedIsAcknowledgedByTheNextRound() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let standIn = try #require(app.ngdpStandIn)
            await standIn.setFaults(NgDPFaults(unavailableAcknowledgementsNext: 1))
            let cvr = try #require(try await HousingOrganisation.query(on: app.db).first()).cvr
            let pushed = try await Self.inject(
                browser,
                from: "0101901234",
                to: cvr,
                label: "Nøgle til vaskeriet",
                push: true
            )

            await app.afterResponse.idle()
            #expect(await standIn.currentFaults().unavailableAcknowledgementsNext == 0)
            #expect(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == pushed).first()?.acknowledgedAt
                    == nil
            )
            #expect(await standIn.acknowledgement(of: pushed) == nil)

            #expect(try await app.receivingSystem.acknowledgePushed() == 1)
            #expect(await standIn.acknowledgement(of: pushed) == "COMPLETED")
            #expect(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == pushed).first()?.acknowledgedAt
                    != nil
            )
            #expect(try await app.receivingSystem.acknowledgePushed() == 0)
            #expect(try await IncomingMessage.query(on: app.db).count() == 1)

            // NgDP pushes it again (as if our receipt had not reached it): acknowledged again,
            // not stored twice.
            await standIn.forgetAcknowledgement(of: pushed)
            let xml = try #require(try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == pushed).first())
                .xml
            let token = try #require(app.almenConfig.digitalPost?.pushToken)
            let again = try await browser.postFile(
                SiteRoute.digitalPostPush.path,
                field: "file",
                filename: pushed,
                contentType: "application/xml",
                data: xml,
                headers: [("Authorization", "Basic \(token)")]
            )
            #expect(again.status == 200 && again.body.contains("duplicate"), "\(again.body)")
            await app.afterResponse.idle()
            #expect(await standIn.acknowledgement(of: pushed) == "COMPLETED")
            #expect(try await IncomingMessage.query(on: app.db).count() == 1)
        }
    }

    /// Polls that fail from the very start (a wrong base URL, say) are warned about as well.
    @Test func healthWarnsWhenPollingHasNeverWorked() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let unreachable = try HTTPNgDPClient(
                connection: NgDPConnection(
                    baseURL: URL(string: "http://127.0.0.1:9/apis/v1/")!,
                    systemToken: "token",
                    connectTimeout: .milliseconds(200)
                )
            )
            let receiving = ReceivingSystem(
                database: app.db,
                connections: DigitalPostConnections(
                    shared: unreachable,
                    keys: .demo,
                    production: false,
                    makeClient: app.dependencies.ngdpClient
                ),
                vault: app.cprVault,
                dependencies: app.dependencies,
                logger: app.logger
            )
            #expect(try await receiving.pullAll() == 0)
            await unreachable.shutdown()
            #expect(try await AppSetting.find(AppSetting.Key.ngdpLastPoll, on: app.db) == nil)
            #expect(try await ReceivingSystem.freshness(on: app.db, now: clock.now).warning == false)
            #expect(
                try await ReceivingSystem.freshness(on: app.db, now: clock.now.addingTimeInterval(5 * 86_400 + 60))
                    .warning == true
            )
        }
    }

    @Test func healthWarnsAfterFiveDaysWithoutMail() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            try await app.receivingSystem.pullAll()
            #expect(try await browser.get("/health/digital-post").body.contains(#""status":"ok""#))

            clock.advance(by: 5 * 86_400 + 60)

            #expect(try await browser.get("/health/digital-post").body.contains(#""status":"warning""#))
        }
    }
    /// `almen bench ingest` stores through the receiving system and leaves nothing behind.
    @Test func ingestBenchmarkStoresEveryMessageAndRemovesThem() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let result = try await IngestBenchmark.run(
                app: app,
                count: 7,
                messageBytes: 4_096,
                concurrency: 2,
                pageSize: 3
            )

            #expect(result.messages == 7)
            #expect(result.messageBytes <= 4_096 && result.messageBytes > 4_092)
            #expect(result.cpuSeconds > 0 && result.seconds > 0)
            #expect(try await IncomingMessage.query(on: app.db).count() == 0)
        }
    }
}

/// The receiving system pulls through every connection: the shared one and each organisation's
/// own; an own connection that fails does not stop the others, and one that cannot be opened
/// fails its letters for a caseworker instead of retrying them.
@Suite("Receiving through own connections")
struct OwnConnectionReceivingTests {
    @Test func ownConnectionsArePulledAndAFailingOneDoesNotStopTheShared() async throws {
        let capture = LogCapture()
        try await withTestApp(seedHomes: 60, logger: capture.logger(level: .info), running: true) { app in
            let browser = try await ConnectionTests.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let organisations = try await HousingOrganisation.query(on: app.db).filter(\.$eligiblePublicSender == true)
                .sort(\.$cvr).all()
            try #require(organisations.count >= 2)
            let base = app.almenConfig.publicBaseURL + "/sandbox/ngdp/apis/v1/"
            let good = organisations[0]
            let bad = organisations[1]
            #expect(
                try await browser.post(
                    SiteRoute.connection(try good.requireID()).path,
                    form: [
                        ("choice", "own"), ("baseURL", base), ("systemID", "own-good"),
                        ("token", "sandbox-system-token"),
                    ]
                ).status == 303
            )
            #expect(
                try await browser.post(
                    SiteRoute.connection(try bad.requireID()).path,
                    form: [
                        ("choice", "own"), ("baseURL", base), ("systemID", "own-bad"), ("token", "wrong-token"),
                    ]
                ).status == 303
            )

            let mailboxes = try await app.digitalPostConnections.mailboxes(on: app.db, logger: app.logger)
            #expect(mailboxes.map(\.name) == ["shared", good.cvr, bad.cvr])

            let uuid = try await ReceivingSystemTests.inject(
                browser,
                from: "0101901234",
                to: good.cvr,
                label: "Til egen forbindelse"
            )
            let handled = try await app.receivingSystem.pullAll()

            #expect(handled == 1)
            #expect(
                try await IncomingMessage.query(on: app.db).filter(\.$messageUUID == uuid).first()?.$organisation.id
                    == good.id
            )
            // The wrong token was tried, refused by NgDP, logged without the token, and passed over.
            #expect(capture.messages.contains { $0.contains("pulling mail failed") && $0.contains(bad.cvr) })
            #expect(!capture.messages.contains { $0.contains("wrong-token") })
        }
    }

    @Test func aConnectionWhoseTokenCannotBeOpenedFailsItsLettersWithTheReason() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let browser = try await ConnectionTests.administrator(app)
            defer { Task { try? await browser.shutdown() } }
            let tenant = try await LettersTests.tenant(app, connected: true)
            let organisationID = try await RegisterLookups.organisation(ofLease: tenant.lease, on: app.db)
            let base = app.almenConfig.publicBaseURL + "/sandbox/ngdp/apis/v1/"
            #expect(
                try await browser.post(
                    SiteRoute.connection(organisationID).path,
                    form: [
                        ("choice", "own"), ("baseURL", base), ("systemID", "own"), ("token", "sandbox-system-token"),
                    ]
                ).status == 303
            )
            // As if the encryption key had been rotated since the token was sealed.
            let connection = try #require(
                try await DigitalPostConnection.query(on: app.db).filter(\.$organisation.$id == organisationID).first()
            )
            connection.tokenSealed = Data(repeating: 7, count: 60)
            try await connection.update(on: app.db)
            let letters = app.letters()
            let letter = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: tenant.person, lease: tenant.lease),
                createdBy: nil
            )

            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "w", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )

            let stored = try #require(try await Letter.find(letter.requireID(), on: app.db))
            #expect(stored.status == .failed)
            let outbox = try #require(try await stored.$digitalPostLetter.get(on: app.db))
            #expect(outbox.attempts == 1)
            let event = try #require(
                try await LetterEvent.query(on: app.db).filter(\.$letter.$id == stored.requireID()).filter(
                    \.$kind == .failed
                ).first()
            )
            #expect(event.facts.problem == .connectionUnusable)
            #expect(
                try await app.digitalPostConnections.mailboxes(on: app.db, logger: app.logger).map(\.name) == ["shared"]
            )
            // `almen digitalpost status` counts it among the day's failures, and not the next day.
            #expect(try await DigitalPostStatus.read(on: app.db, now: clock.now).failedLast24Hours == 1)
            #expect(
                try await DigitalPostStatus.read(on: app.db, now: clock.now.addingTimeInterval(86_401))
                    .failedLast24Hours == 0
            )
        }
    }
}

/// An NgDP client that passes every call on and remembers the business receipts sent.
final class RecordingClient: NgDPClient, @unchecked Sendable {
    let wrapped: any NgDPClient
    private let lock = NSLock()
    private var recorded: [String: String] = [:]

    init(wrapped: any NgDPClient) {
        self.wrapped = wrapped
    }

    var acknowledgements: [String: String] { lock.withLock { recorded } }

    func send(memo: Data, messageUUID: UUID) async throws(NgDPError) -> NgDPReceipt {
        try await wrapped.send(memo: memo, messageUUID: messageUUID)
    }
    func receipts(page: Int, size: Int) async throws(NgDPError) -> NgDPReceiptPage {
        try await wrapped.receipts(page: page, size: size)
    }
    func receipt(id: String, delete: Bool) async throws(NgDPError) -> NgDPReceipt {
        try await wrapped.receipt(id: id, delete: delete)
    }
    func deleteReceipt(id: String) async throws(NgDPError) { try await wrapped.deleteReceipt(id: id) }
    func lookup(cpr: String) async throws(NgDPError) -> NgDPRegistration { try await wrapped.lookup(cpr: cpr) }
    func incoming(page: Int, size: Int) async throws(NgDPError) -> NgDPIncomingPage {
        try await wrapped.incoming(page: page, size: size)
    }
    func fetchIncoming(_ messageUUID: UUID) async throws(NgDPError) -> Data {
        try await wrapped.fetchIncoming(messageUUID)
    }
    func deleteIncoming(_ messageUUID: UUID) async throws(NgDPError) { try await wrapped.deleteIncoming(messageUUID) }

    func acknowledgeIncoming(
        _ messageUUID: UUID,
        status: NgDPIncomingStatus,
        transmissionID: UUID,
        at time: Date
    ) async throws(NgDPError) {
        lock.withLock { recorded[messageUUID.uuidString.lowercased()] = status.rawValue }
        try await wrapped.acknowledgeIncoming(messageUUID, status: status, transmissionID: transmissionID, at: time)
    }
}

extension ReceivingSystemTests {
    /// Which message's words the page shows: one plain-text main document of valid UTF-8 and
    /// at most 20,000 bytes; anything else stays a file to download.
    @Test func theMessagesPageShowsAPlainTextMainDocumentOnly() {
        func file(
            _ content: Data,
            mime: String = "text/plain",
            main: Bool = true,
            number: Int = 1
        ) -> IncomingMessagePage.File {
            .init(
                number: number,
                main: main,
                documentLabel: nil,
                filename: "besked.txt",
                mime: mime,
                bytes: content.count,
                content: content
            )
        }
        let words = Data("Hvornår er vaskeriet åbent?\r\n\r\nHilsen Mette\r\n".utf8)
        #expect(IncomingMessagePage.shownText([file(words)]) == "Hvornår er vaskeriet åbent?\n\nHilsen Mette")
        #expect(IncomingMessagePage.shownText([file(words), file(words, main: false, number: 2)]) != nil)
        #expect(IncomingMessagePage.shownText([file(words, mime: "application/pdf")]) == nil)
        #expect(IncomingMessagePage.shownText([file(Data([0xC3, 0x28]))]) == nil)
        #expect(IncomingMessagePage.shownText([file(Data(repeating: 0x61, count: 20_001))]) == nil)
        #expect(IncomingMessagePage.shownText([file(Data("  \n".utf8))]) == nil)
        #expect(IncomingMessagePage.shownText([file(words, main: false)]) == nil)
    }
}
