import AlmenDomain
import AlmenSandbox
import Fluent
import Foundation
import Sandbox
import Testing
import Vapor

@testable import App

/// Receipts that come after the send, pulled from the stand-in or pushed to us: the letter's
/// arrival (kommet frem) is the COMPLETED receipt's time, never the send's.
@Suite("Later receipts")
struct LaterReceiptsTests {
    /// Sends two påkrav through the worker with the stand-in answering RECEIVED only.
    static func sendWithReceiptsLater(_ app: Application, clock: TestClock) async throws -> [Letter] {
        let standIn = try #require(app.ngdpStandIn)
        await standIn.setFaults(NgDPFaults(receiptsLater: true))
        var letters: [Letter] = []
        let citizens = try await SandboxCitizen.query(on: app.db).filter(\.$registrationStatus == .registered).sort(
            \.$id
        ).all()
        for citizen in citizens {
            guard
                let tenancy = try await LeaseTenant.query(on: app.db).filter(\.$person.$id == citizen.$person.id)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(
                        Lease.self,
                        \.$digitalOptOut == false
                    ).first()
            else { continue }
            let service = app.letters()
            letters.append(
                try await service.send(
                    try await service.prepare(PaakravLetter.demo, to: citizen.$person.id, lease: tenancy.$lease.id),
                    createdBy: nil
                )
            )
            if letters.count == 2 { break }
        }
        let worker = app.jobRunner(id: "receipts", settings: DigitalPostOutboxTests.quick)
        try await DigitalPostOutboxTests.drain([worker], app: app, clock: clock)
        return letters
    }

    @Test func aPulledCompletedReceiptGivesTheArrivalOnce() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let letters = try await Self.sendWithReceiptsLater(app, clock: clock)
            #expect(letters.count == 2)
            for letter in letters {
                let sent = try #require(try await Letter.find(letter.requireID(), on: app.db))
                #expect(sent.status == .sent)
                #expect(sent.arrival == nil)
                #expect(try await sent.$digitalPostLetter.get(on: app.db)?.receiptStatus == .received)
            }
            clock.advance(by: 3600)
            let receipts = app.laterReceipts

            let applied = try await receipts.pullAll()
            let again = try await receipts.pullAll()

            #expect(applied == 2)
            #expect(again == 0)
            #expect(await app.ngdpStandIn?.receiptsWaiting() == 0)
            for letter in letters {
                let delivered = try #require(try await Letter.find(letter.requireID(), on: app.db))
                #expect(delivered.status == .delivered)
                // The stand-in stamped the receipt when it delivered, before the clock moved on.
                #expect(delivered.arrival == LocalDate(testNow, timeZone: danishTimeZone).iso)
                let outbox = try #require(try await delivered.$digitalPostLetter.get(on: app.db))
                #expect(outbox.receiptStatus == .completed)
                #expect(
                    try await LetterEvent.query(on: app.db).filter(\.$letter.$id == delivered.requireID()).filter(
                        \.$kind == .delivered
                    ).count() == 1
                )
            }
        }
    }

    @Test func aPushedReceiptIsCheckedAndAppliedOnce() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let letters = try await Self.sendWithReceiptsLater(app, clock: clock)
            let outbox = try #require(try await letters[0].$digitalPostLetter.get(on: app.db))
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let token = try #require(app.almenConfig.digitalPost?.pushToken)
            func receipt(transmission: String) -> String {
                """
                {"transmissionId":"\(transmission)","messageUUID":"\(outbox.messageUUID)","errorCode":"RECIPIENT_NOT_ALLOWED",\
                "errorMessage":"Not allowed","timeStamp":"2026-11-22T10:00:00Z","receiptStatus":"NOT_ALLOWED"}
                """
            }
            let path = SiteRoute.digitalPostReceipt.path
            // Whoever has the push token but not the transmission NgDP answered our send with
            // cannot settle a letter: the receipt is refused and left for the pull.
            let forged = try await browser.postJSON(
                path,
                json: receipt(transmission: UUID().uuidString.lowercased()),
                headers: [("Authorization", "Basic \(token)")]
            )
            #expect(forged.status == 409)
            #expect(forged.body.contains(#""code":"receipt_not_verified""#))
            #expect(try await Letter.find(letters[0].requireID(), on: app.db)?.status != .failed)
            let receipt = receipt(transmission: try #require(outbox.transmissionID))

            let anonymous = try await browser.postJSON(path, json: receipt)
            let garbage = try await browser.postJSON(
                path,
                json: "{not json",
                headers: [("Authorization", "Basic \(token)")]
            )
            let first = try await browser.postJSON(path, json: receipt, headers: [("Authorization", "Basic \(token)")])
            let second = try await browser.postJSON(path, json: receipt, headers: [("Authorization", "Basic \(token)")])

            #expect(anonymous.status == 401)
            #expect(garbage.status == 400)
            #expect(garbage.body.contains(#""code":"invalid_receipt""#))
            #expect(first.status == 200 && first.body.contains(#""applied":true"#))
            #expect(second.status == 200 && second.body.contains(#""applied":false"#))
            let failed = try #require(try await Letter.find(letters[0].requireID(), on: app.db))
            #expect(failed.status == .failed)
            #expect(try await DigitalPostLetter.find(outbox.requireID(), on: app.db)?.status == .failed)
        }
    }

    /// The stand-in pushes its receipts to our endpoint, as NgDP does: the letters get their
    /// arrival without a pull, and nothing is left to pull.
    @Test func receiptsPushedByTheStandInGiveTheArrival() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let letters = try await Self.sendWithReceiptsLater(app, clock: clock)
            #expect(letters.count == 2)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }

            let pushed = try await browser.postJSON("/sandbox/ngdp/_control/push-receipts", json: "{}")

            #expect(pushed.status == 200 && pushed.body.contains(#""pushed":2"#), "\(pushed.body)")
            #expect(await app.ngdpStandIn?.receiptsWaiting() == 0)
            #expect(try await app.laterReceipts.pullAll() == 0)
            for letter in letters {
                let delivered = try #require(try await Letter.find(letter.requireID(), on: app.db))
                #expect(delivered.status == .delivered)
                #expect(delivered.arrival == LocalDate(testNow, timeZone: danishTimeZone).iso)
            }
        }
    }
}
