import AlmenSandbox
import DigitalPost
import Fluent
import Foundation
import MeMo
import Sandbox
import Testing
import Vapor

@testable import App

/// The outbox and the jobs that send it against the NgDP stand-in over real HTTP.
@Suite("Digital Post outbox")
struct DigitalPostOutboxTests {
    /// Letters to `registered` registered and `exempt` exempt tenants of connected organisations;
    /// returns their outbox rows.
    static func enqueue(
        _ app: Application,
        registered: Int,
        exempt: Int,
        label: String = "Varsel om vandafbrydelse"
    ) async throws -> [DigitalPostLetter] {
        let service = app.letters()
        let content = GeneralLetter(
            subject: MarkupText(label),
            paragraphs: [MarkupText("Vandet lukkes tirsdag kl. 9-12.")]
        )
        var outbox: [DigitalPostLetter] = []
        for (status, count) in [(DigitalPostRegistrationStatus.registered, registered), (.exempt, exempt)]
        where count > 0 {
            let tenants = try await LettersTests.tenants(app, registration: status, count: count)
            #expect(tenants.count == count)
            for tenant in tenants {
                let letter = try await service.send(
                    try await service.prepare(content, to: tenant.person, lease: tenant.lease),
                    createdBy: nil
                )
                outbox.append(try #require(try await letter.$digitalPostLetter.get(on: app.db)))
            }
        }
        return outbox
    }

    /// Runs workers until nothing is due or in flight (bounded), moving the clock on a second
    /// between rounds so that back-off delays pass.
    static func drain(_ workers: [JobRunner], app: Application, clock: TestClock) async throws {
        for _ in 0..<400 {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in workers { group.addTask { try await worker.runOnce() } }
                for try await _ in group {}
            }
            let open = try await DigitalPostLetter.query(on: app.db).filter(
                \.$status ~~ [.queued, .retrying, .sending]
            ).count()
            if open == 0 { return }
            clock.advance(by: 1)
        }
        Issue.record("the outbox did not drain")
    }

    /// Short back-off, and none of the recurring pulls, so a test pulls receipts when it says so.
    static let quick = JobRunner.Settings(lease: 30, batchSize: 4, baseDelay: 0.01, maxDelay: 0.05, recurring: false)

    /// Gives every queued letter `attempts` attempts instead of its kind's.
    /// The (first) letter's page as an administrator sees it.
    static func letterPage(_ app: Application) async throws -> String {
        let letter = try #require(try await Letter.query(on: app.db).first())
        let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
        return try await CaseDeadlinesTests.get(app, SiteRoute.letter(try letter.requireID()).path, as: staff).1
    }

    static func limitAttempts(_ app: Application, to attempts: Int) async throws {
        try await app.db.sql().raw("UPDATE jobs SET max_attempts = \(bind: attempts)").run()
    }

    @Test func everyLetterArrivesExactlyOnceThrough503sResetsAndSlowAnswers() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let letters = try await Self.enqueue(app, registered: 10, exempt: 2)
            await standIn.setFaults(
                NgDPFaults(
                    unavailableNext: 3,
                    resetAfterDeliveryNext: 2,
                    slowNext: 2,
                    slowMilliseconds: 200,
                    repeatedUUID: .deduplicate
                )
            )
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)

            try await Self.drain([worker], app: app, clock: clock)

            let stored = try await DigitalPostLetter.query(on: app.db).all()
            let sent = stored.filter { $0.status == .sent }
            #expect(sent.count == 10)
            #expect(stored.filter { $0.status == .physical }.count == 2)
            #expect(
                stored.filter { $0.status == .physical }.allSatisfy {
                    $0.registrationStatus == "EXEMPT" && $0.registrationCheckedAt != nil
                }
            )
            #expect(
                sent.allSatisfy {
                    $0.receiptStatus == .completed && $0.transmissionID != nil && $0.registrationStatus == "REGISTERED"
                }
            )
            // Exactly once in the citizens' mailboxes, and only our UUIDs were ever sent.
            let delivered = await standIn.delivered().map(\.messageUUID)
            #expect(delivered.count == 10)
            #expect(Set(delivered) == Set(sent.map(\.messageUUID)))
            let attempts = await standIn.attempts()
            #expect(Set(attempts.keys).isSubset(of: Set(letters.map(\.messageUUID))))
            // The faults forced retries, and each retry reused the letter's one UUID.
            #expect(attempts.values.reduce(0, +) >= 10 + 3 + 2)
            #expect(attempts.values.contains { $0 > 1 })
            let retries = try await LetterEvent.query(on: app.db).filter(\.$kind == .retry).count()
            #expect(retries >= 5)
            // Through the shared connection the organisation is the sender and the administration
            // company its representative (MeMo 1.2).
            let first = try #require(sent.first)
            let organisation = try #require(try await HousingOrganisation.find(first.$organisation.id, on: app.db))
            let company = try #require(try await AdministrationCompany.find(organisation.$company.id, on: app.db))
            let memo = try MeMoParser().parse(try #require(await standIn.deliveredMessage(first.messageUUID)))
            #expect(memo.version == .v1_2)
            #expect(memo.header.sender.senderID == organisation.cvr)
            #expect(
                memo.header.sender.representative
                    == MeMoRepresentative(representativeID: company.cvr, idType: .cvr, label: company.name)
            )
        }
    }

    @Test func aConflictOnARepeatedUUIDMeansTheFirstAttemptArrived() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 3, exempt: 0)
            await standIn.setFaults(NgDPFaults(resetAfterDeliveryNext: 3, repeatedUUID: .conflict))
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)

            try await Self.drain([worker], app: app, clock: clock)

            let letters = try await DigitalPostLetter.query(on: app.db).all()
            #expect(letters.allSatisfy { $0.status == .sent })
            #expect(await standIn.delivered().count == 3)
            let events = try await LetterEvent.query(on: app.db).filter(\.$kind == .sent).all()
            #expect(events.filter { $0.facts.evidence == .alreadyThere }.count == 3)
        }
    }

    /// SQLite has one writer and in-memory databases refuse concurrent writers, so several
    /// workers are a PostgreSQL deployment (system.md); on SQLite one worker runs in the server.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "several workers need PostgreSQL"))
    func severalWorkersNeverSendALetterTwice() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 80, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 24, exempt: 0)
            let workers = (1...3).map { app.jobRunner(id: "worker-\($0)", settings: Self.quick) }

            try await Self.drain(workers, app: app, clock: clock)

            #expect(await standIn.delivered().count == 24)
            #expect(await standIn.attempts().values.allSatisfy { $0 == 1 })
        }
    }

    @Test func anInvalidLetterFailsForGoodWithTheReason() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            _ = try await Self.enqueue(app, registered: 1, exempt: 0, label: String(repeating: "x", count: 300))
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)

            try await Self.drain([worker], app: app, clock: clock)

            let letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .failed)
            #expect(letter.attempts == 1)
            let failure = try #require(try await LetterEvent.query(on: app.db).filter(\.$kind == .failed).first())
            #expect(failure.facts.problem == .invalidLetter)
            #expect(failure.facts.technical?.contains("label") == true)
        }
    }

    @Test func aWorkersExpiredLeaseReturnsTheLetterToAnother() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 2, exempt: 0)
            let crashed = app.jobRunner(id: "crashed", settings: Self.quick)
            let survivor = app.jobRunner(id: "survivor", settings: Self.quick)

            let claimed = try await crashed.claim()
            #expect(claimed.count == 2)
            #expect(try await survivor.runOnce() == 0)
            clock.advance(by: Self.quick.lease + 1)
            try await Self.drain([survivor], app: app, clock: clock)

            #expect(await standIn.delivered().count == 2)
            let letters = try await DigitalPostLetter.query(on: app.db).all()
            #expect(letters.allSatisfy { $0.status == .sent && $0.attempts == 2 })
        }
    }

    /// The answer to a send is lost, and the final receipt is pulled before the retry: it waits
    /// on the letter, survives NgDP being unavailable, and the next attempt records the send with
    /// the receipt's arrival without sending it again.
    @Test func aReceiptThatComesBeforeTheSendIsRecordedIsKeptAndApplied() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            await standIn.setFaults(NgDPFaults(resetAfterDeliveryNext: 1, repeatedUUID: .conflict))
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)

            #expect(try await worker.runOnce() == 1)
            var letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .retrying)
            #expect(try await app.laterReceipts.pullAll() == 1)
            letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .retrying)
            #expect(letter.earlyReceiptStatus == .completed)
            // Pulled once and deleted upstream: nothing is left to pull.
            #expect(try await app.laterReceipts.pullAll() == 0)
            await standIn.setFaults(NgDPFaults(unavailableNext: 5, repeatedUUID: .acceptAgain))

            try await Self.drain([worker], app: app, clock: clock)

            letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .sent)
            #expect(letter.receiptStatus == .completed)
            #expect(letter.receiptAt != nil)
            #expect(letter.earlyReceiptStatus == nil)
            #expect(await standIn.delivered().count == 1)
            #expect(await standIn.attempts()[letter.messageUUID] == 1)
            #expect(try await LetterEvent.query(on: app.db).filter(\.$kind == .receiptEarly).count() == 1)
            let sent = try #require(try await LetterEvent.query(on: app.db).filter(\.$kind == .sent).first())
            #expect(sent.facts.evidence == .earlyReceipt)
            #expect(sent.facts.arrival != nil)
        }
    }

    /// The send got through but its answer was lost, and every retry failed until the letter
    /// failed for a caseworker: the COMPLETED receipt that comes later is kept as evidence, and the
    /// letter's history says it arrived, so nobody posts it again unawares.
    @Test func aReceiptForALetterThatFailedHereIsKeptAsEvidence() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            try await Self.limitAttempts(app, to: 2)
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)
            // Delivered with its answer cut, then NgDP is unavailable for the last attempt.
            await standIn.setFaults(NgDPFaults(resetAfterDeliveryNext: 1))
            #expect(try await worker.runOnce() == 1)
            await standIn.setFaults(NgDPFaults(unavailableNext: 10))
            try await Self.drain([worker], app: app, clock: clock)
            var letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .failed)

            #expect(try await app.laterReceipts.pullAll() == 1)
            letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .failed)
            #expect(letter.receiptStatus == .completed)
            #expect(letter.receiptAt != nil)
            #expect(try await LetterEvent.query(on: app.db).filter(\.$kind == .deliveredLate).count() == 1)
        }
    }

    /// NgDP answered 201 with something that is not a receipt: the letter is with NgDP, so it is
    /// sent (not failed for a caseworker to post again), and the later receipt gives the arrival.
    @Test func aSendAcceptedWithAnUnreadableReceiptIsSentAndCompletedLater() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            await standIn.setFaults(NgDPFaults(garbledReceiptNext: 1))
            let worker = app.jobRunner(id: "worker-1", settings: Self.quick)

            try await Self.drain([worker], app: app, clock: clock)
            var letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .sent)
            #expect(letter.attempts == 1)
            #expect(letter.receiptAt == nil)

            #expect(try await app.laterReceipts.pullAll() == 1)
            letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.receiptStatus == .completed)
            #expect(letter.receiptAt != nil)
            #expect(await standIn.delivered().count == 1)
        }
    }

    /// A worker whose lease ran out and was taken over can no longer renew it, so it stops before
    /// calling NgDP; a worker that dies on a letter every time gives it up after its attempts.
    @Test func aLeaseTakenOverCannotBeRenewedAndAPoisonLetterStops() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            try await Self.limitAttempts(app, to: 3)
            let first = app.jobRunner(id: "first", settings: Self.quick)
            let second = app.jobRunner(id: "second", settings: Self.quick)

            let job = try #require(try await first.claim().first)
            #expect(try await first.renew(job))
            clock.advance(by: Self.quick.lease + 1)
            #expect(try await second.claim().map(\.id) == [job.id])
            #expect(try await first.renew(job) == false)
            // The first worker's run finds the job no longer its own.
            await first.run(job)
            #expect(await standIn.attempts().isEmpty)

            // Claimed and abandoned until the attempts are used up.
            clock.advance(by: Self.quick.lease + 1)
            #expect(try await first.claim().map(\.id) == [job.id])
            clock.advance(by: Self.quick.lease + 1)
            #expect(try await second.runOnce() == 0)
            let letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .failed)
            #expect(await standIn.attempts().isEmpty)
            let failure = try #require(try await LetterEvent.query(on: app.db).filter(\.$kind == .failed).first())
            #expect(failure.facts.problem == .noResult)
            #expect(failure.facts.attempt == 3)
            // The letter is a caseworker's task now; its dead job is not retried from the jobs page.
            #expect(try await !app.jobQueue.retry(job.id, on: app.db))
            // NgDP may have it: its page says so beside sending it on paper.
            let page = try await Self.letterPage(app)
            #expect(page.contains("Send som fysisk brev"))
            #expect(page.contains("så brevet kan være nået frem"))
        }
    }

    /// A letter that NgDP took on its last attempt while the answer never came back fails as
    /// "sent, no answer", and its page tells the caseworker it may have arrived.
    @Test func aLetterSentWithoutAnAnswerOnItsLastAttemptMayHaveArrived() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            try await Self.limitAttempts(app, to: 1)
            await standIn.setFaults(NgDPFaults(resetAfterDeliveryNext: 1))
            try await Self.drain([app.jobRunner(id: "w", settings: Self.quick)], app: app, clock: clock)
            #expect(await standIn.delivered().count == 1)
            let letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .failed)
            let failure = try #require(try await LetterEvent.query(on: app.db).filter(\.$kind == .failed).first())
            #expect(failure.facts.problem == .sendUnanswered)
            let page = try await Self.letterPage(app)
            #expect(page.contains("Brevet blev sendt, men Digital Post svarede ikke."))
            #expect(page.contains("så brevet kan være nået frem"))
        }
    }

    /// A 503 with Retry-After is not tried again sooner than NgDP asked, whatever the back-off.
    @Test func aRetryWaitsAtLeastAsLongAsRetryAfter() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            _ = try await Self.enqueue(app, registered: 1, exempt: 0)
            await standIn.setFaults(NgDPFaults(unavailableNext: 1))
            var settings = Self.quick
            settings.maxDelay = 3600
            let worker = app.jobRunner(id: "worker-1", settings: settings)

            #expect(try await worker.runOnce() == 1)
            let letter = try #require(try await DigitalPostLetter.query(on: app.db).first())
            #expect(letter.status == .retrying)
            struct Job: Decodable { let run_at: Date }
            let job = try #require(try await app.db.sql().raw("SELECT run_at FROM jobs").first(decoding: Job.self))
            #expect(job.run_at.timeIntervalSince(clock.now) >= 1)
        }
    }
}
