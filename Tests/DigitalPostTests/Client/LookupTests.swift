import DigitalPost
import Foundation
import Testing

@Suite("Looking up whether a person receives Digital Post")
struct LookupTests {
    static func contactJSON(public publicStatus: String, detail: String) -> String {
        #"{"contacts":[{"id":"c-1","mailboxSubscription":{"publicRegistrationStatus":"\#(publicStatus)","#
            + #""registrationStatus":"\#(detail)"}}],"totalElements":1}"#
    }

    @Test(
        "Each public registration status maps to its case, keeping NgDP's texts",
        arguments: [
            ("REGISTERED", "AUTOMATIC_REGISTRATION", NgDPRegistrationStatus.registered),
            ("REGISTERED", "VOLUNTARY_REGISTRATION", .registered),
            ("EXEMPT", "EXEMPT_LEFT_THE_COUNTRY", .exempt),
            ("EXEMPT", "EXEMPT_OTHER_REASON", .exempt),
            ("CLOSED", "CLOSED_DECEASED", .closed),
            ("UNKNOWN", "UNKNOWN", .unknown),
            ("SUSPENDED_FOR_REVIEW", "SOMETHING_NEW", .unknown),
        ]
    )
    func statuses(publicStatus: String, detail: String, expected: NgDPRegistrationStatus) async throws {
        let (registration, received) = try await ScriptedNgDPServer.run(
            answers: [.json(200, Self.contactJSON(public: publicStatus, detail: detail))]
        ) { server in
            (try await withClient(.scripted(server)) { try await $0.lookup(cpr: testCPR) }, server.received)
        }

        #expect(
            registration == NgDPRegistration(status: expected, reportedStatus: publicStatus, registrationStatus: detail)
        )
        #expect(registration.receivesDigitalPost == (expected == .registered))
        #expect(received.map(\.method) == ["GET"])
        #expect(received.map(\.path) == ["/apis/v1/contacts/"])
        #expect(received.first?.query == ["cprNumber": testCPR])
        #expect(received.first?.header("Authorization") == "Basic \(testToken)")
    }

    @Test("No contact, or a contact without a mailbox subscription, is unknown")
    func noContact() async throws {
        let registrations = try await ScriptedNgDPServer.run(
            answers: [.json(200, #"{"contacts":[]}"#), .json(200, #"{"contacts":[{"id":"c-1"}]}"#), .json(200, "{}")]
        ) { server in
            try await withClient(.scripted(server)) { client in
                [
                    try await client.lookup(cpr: testCPR), try await client.lookup(cpr: testCPR),
                    try await client.lookup(cpr: testCPR),
                ]
            }
        }

        #expect(registrations == Array(repeating: NgDPRegistration(status: .unknown), count: 3))
    }

    @Test(
        "Anything but ten digits is refused before a request is made",
        arguments: ["150278-4321", "150278432", "15027843210", "150278432x", "1502784321&x=1", ""]
    )
    func malformedCPR(cpr: String) async throws {
        let (error, received) = try await ScriptedNgDPServer.run(answers: []) { server in
            let error = try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.lookup(cpr: cpr) }
            }
            return (error, server.received)
        }

        guard case .validation(let fields) = error else {
            Issue.record("Expected a validation error, got \(String(describing: error))")
            return
        }
        #expect(fields.map(\.field) == ["cprNumber"])
        #expect(received.isEmpty)
    }

    @Test(
        "No error from a look-up contains the CPR number or the token",
        arguments: [
            ScriptedAnswer.json(
                400,
                #"{"code":"INVALID","message":"CPR \#(testCPR) / 150278-4321 is invalid","#
                    + #""fieldErrors":[{"field":"cprNumber","code":"INVALID","message":"bad \#(testCPR)","rejectedValue":"\#(testCPR)"}]}"#
            ),
            .json(200, #"{"contacts":"\#(testCPR)"}"#),
            .closeMidResponse,
            .status(500),
            .status(401),
            .status(307, headers: [("Location", "/apis/v1/contacts/?cprNumber=\(testCPR)")]),
        ]
    )
    func errorsWithoutPersonalData(answer: ScriptedAnswer) async throws {
        let error = try await ScriptedNgDPServer.run(answers: [answer]) { server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.lookup(cpr: testCPR) }
            }
        }

        let text = everyRendering(of: try #require(error))
        #expect(!text.contains(testCPR))
        #expect(!text.contains("150278-4321"))
        #expect(!text.contains(testToken))
    }
}
