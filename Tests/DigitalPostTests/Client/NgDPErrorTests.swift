import DigitalPost
import Foundation
import MeMo
import Testing

@Suite("NgDP errors")
struct NgDPErrorTests {
    @Test(
        "Only unavailability, timeouts and transport failures are worth a retry",
        arguments: [
            (NgDPError.validation([]), false), (.unauthorized, false), (.forbidden, false), (.notFound, false),
            (.conflict, false), (.unavailable(retryAfter: nil), true), (.unavailable(retryAfter: .seconds(5)), true),
            (.timeout, true), (.transport("reset"), true), (.invalidResponse("odd"), false),
        ]
    )
    func transience(error: NgDPError, transient: Bool) {
        #expect(error.isTransient == transient)
    }

    @Test("A field error's rejected value is kept but never shown")
    func rejectedValueHidden() {
        let field = NgDPFieldError(
            resource: "memo",
            field: "MessageHeader.Recipient.recipientID",
            code: "INVALID_ID",
            message: "not a recipient",
            rejectedValue: testCPR
        )
        var dumped = ""

        dump(field, to: &dumped)

        #expect(field.rejectedValue == testCPR)
        #expect(field.description == "memo.MessageHeader.Recipient.recipientID: INVALID_ID: not a recipient")
        #expect(!dumped.contains(testCPR))
        #expect(!String(reflecting: field).contains(testCPR))
        #expect(!everyRendering(of: .validation([field])).contains(testCPR))
    }

    @Test(
        "A CPR-shaped number in NgDP's message is masked; dates, UUIDs and codes are not",
        arguments: [
            ("recipient \(testCPR) unknown", "recipient [redacted] unknown"),
            ("recipient 150278-4321 unknown", "recipient [redacted] unknown"),
            ("id 3F2504E0-4F89-41D3-9A0C-0305E82C3301", "id 3F2504E0-4F89-41D3-9A0C-0305E82C3301"),
            ("on 2024-05-01 code 268435581", "on 2024-05-01 code 268435581"),
            ("x123456789012y", "x[redacted]y"),
        ]
    )
    func maskedMessages(message: String, shown: String) {
        #expect(NgDPFieldError(message: message).description == shown)
    }

    @Test("Descriptions say what happened and when to retry")
    func descriptions() {
        #expect(
            NgDPError.unavailable(retryAfter: .seconds(120)).description
                == "NgDP is unavailable; retry after 120 seconds."
        )
        #expect(NgDPError.validation([]).description == "NgDP refused the request as invalid (400).")
        #expect(
            NgDPError.validation([NgDPFieldError(field: "MessageHeader.label", code: "REQUIRED")]).description
                == "NgDP refused the request as invalid (400): MessageHeader.label: REQUIRED."
        )
    }

    @Test("Retry-After as an HTTP date becomes the time until then")
    func retryAfterDate() async throws {
        let inOneHour = Date().addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"

        let error = try await ScriptedNgDPServer.run(
            answers: [.status(503, headers: [("Retry-After", formatter.string(from: inOneHour))])]
        ) { server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.deleteIncoming(UUID()) }
            }
        }

        guard case .unavailable(let retryAfter?) = error else {
            Issue.record("Expected unavailable with a delay, got \(String(describing: error))")
            return
        }
        #expect(retryAfter > .seconds(3500) && retryAfter <= .seconds(3601))
    }

    @Test("An unreadable Retry-After is no delay at all")
    func retryAfterGarbage() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.status(503, headers: [("Retry-After", "soon")])]) {
            server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.deleteIncoming(UUID()) }
            }
        }

        #expect(error == .unavailable(retryAfter: nil))
    }
}
