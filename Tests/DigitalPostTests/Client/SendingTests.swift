import DigitalPost
import Foundation
import MeMo
import Testing

@Suite("Sending a MeMo message to NgDP")
struct SendingTests {
    let memo = Data(#"<?xml version="1.0" encoding="UTF-8"?><memo:Message/>"#.utf8)
    let messageUUID = UUID(uuidString: "8C2EA15D-61FB-4BA9-9366-42F8B194C114")!

    @Test("A 201 answer is decoded as the receipt")
    func receiptDecoded() async throws {
        let receipt = try await ScriptedNgDPServer.run(answers: [.json(201, receiptJSON(messageUUID: messageUUID))]) {
            server in
            try await withClient(.scripted(server)) { try await $0.send(memo: memo, messageUUID: messageUUID) }
        }

        #expect(receipt.transmissionId == UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E"))
        #expect(receipt.messageUUID == messageUUID)
        #expect(receipt.messageId == "LETTER-42")
        #expect(receipt.errorCode == nil)
        #expect(receipt.receiptStatus == .received)
        #expect(abs(receipt.timeStamp.timeIntervalSince1970 - 1_714_558_530.123) < 0.0001)
    }

    @Test("The message is POSTed to memos/ as application/xml with the UUID and the system token")
    func requestShape() async throws {
        let received = try await ScriptedNgDPServer.run(answers: [.json(201, receiptJSON(messageUUID: messageUUID))]) {
            server in
            _ = try await withClient(.scripted(server)) { try await $0.send(memo: memo, messageUUID: messageUUID) }
            return server.received
        }

        let request = try #require(received.first)
        #expect(received.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/apis/v1/memos/")
        // Lower case, as MeMoWriter writes the message's own messageUUID.
        #expect(request.query == ["memo-message-uuid": "8c2ea15d-61fb-4ba9-9366-42f8b194c114"])
        #expect(request.header("Content-Type") == "application/xml")
        #expect(request.header("Authorization") == "Basic \(testToken)")
        #expect(request.body == memo)
    }

    @Test("A base URL without its trailing slash still reaches memos/ below it")
    func baseURLWithoutSlash() async throws {
        let received = try await ScriptedNgDPServer.run(answers: [.json(201, receiptJSON(messageUUID: messageUUID))]) {
            server in
            var connection = NgDPConnection.scripted(server)
            connection.baseURL = URL(string: "http://127.0.0.1:\(server.port)/apis/v1")!
            _ = try await withClient(connection) { try await $0.send(memo: memo, messageUUID: messageUUID) }
            return server.received
        }

        #expect(received.map(\.path) == ["/apis/v1/memos/"])
    }

    @Test("A token configured with its 'Basic ' prefix is not sent with it twice")
    func tokenWithPrefix() async throws {
        let received = try await ScriptedNgDPServer.run(answers: [.json(201, receiptJSON(messageUUID: messageUUID))]) {
            server in
            var connection = NgDPConnection.scripted(server)
            connection.systemToken = "Basic \(testToken)"
            _ = try await withClient(connection) { try await $0.send(memo: memo, messageUUID: messageUUID) }
            return server.received
        }

        #expect(received.first?.header("Authorization") == "Basic \(testToken)")
    }

    @Test("A 400 with field errors is a validation error carrying the fields")
    func validationError() async throws {
        let body = """
            {"code":"VALIDATION_ERROR","message":"The message is invalid","fieldErrors":[
             {"resource":"memo","field":"MessageHeader.label","code":"REQUIRED","message":"must not be empty","rejectedValue":null},
             {"resource":"memo","field":"MessageHeader.Recipient.recipientID","code":"INVALID_ID",
              "message":"unknown recipient \(testCPR)","rejectedValue":"\(testCPR)"}]}
            """
        let error = try await ScriptedNgDPServer.run(answers: [.json(400, body)]) { server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        guard case .validation(let fields) = error else {
            Issue.record("Expected a validation error, got \(String(describing: error))")
            return
        }
        #expect(fields.map(\.field) == ["MessageHeader.label", "MessageHeader.Recipient.recipientID"])
        #expect(fields.map(\.code) == ["REQUIRED", "INVALID_ID"])
        #expect(fields[1].rejectedValue == testCPR)
        #expect(error?.isTransient == false)
        #expect(!everyRendering(of: error!).contains(testCPR))
        #expect(everyRendering(of: error!).contains("MessageHeader.label: REQUIRED"))
    }

    @Test("A 400 without field errors keeps NgDP's code and message")
    func validationWithoutFields() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.json(400, #"{"code":"BAD_XML","message":"Not XML"}"#)])
        {
            server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        #expect(error == .validation([NgDPFieldError(code: "BAD_XML", message: "Not XML")]))
    }

    @Test(
        "Each HTTP status maps to its error and to retry or not",
        arguments: [
            (401, [], NgDPError.unauthorized, false),
            (403, [], .forbidden, false),
            (404, [], .notFound, false),
            (409, [], .conflict, false),
            (503, [("Retry-After", "120")], .unavailable(retryAfter: .seconds(120)), true),
            (503, [], .unavailable(retryAfter: nil), true),
            (502, [], .unavailable(retryAfter: nil), true),
            (504, [], .unavailable(retryAfter: nil), true),
            (429, [("Retry-After", "7")], .unavailable(retryAfter: .seconds(7)), true),
            (500, [], .unavailable(retryAfter: nil), true),
        ] as [(Int, [(String, String)], NgDPError, Bool)]
    )
    func statusMapping(status: Int, headers: [(String, String)], expected: NgDPError, transient: Bool) async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.json(status, "{}", headers: headers)]) { server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        #expect(error == expected)
        #expect(error?.isTransient == transient)
    }

    @Test("A redirect is not followed: it is an invalid answer, and only one request is made")
    func redirectNotFollowed() async throws {
        let (error, received) = try await ScriptedNgDPServer.run(
            answers: [
                .status(302, headers: [("Location", "/elsewhere")]), .json(201, receiptJSON(messageUUID: messageUUID)),
            ]
        ) { server in
            let error = try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
            return (error, server.received)
        }

        #expect(error == .invalidResponse("POST memos/: unexpected HTTP status 302."))
        #expect(received.count == 1)
    }

    @Test("A 201 whose body is not a receipt says NgDP has the message, and does not quote the body")
    func undecodableReceipt() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.json(201, #"{"messageUUID":"not-\#(testCPR)"}"#)]) {
            server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        #expect(
            error
                == .acceptedWithoutReceipt(
                    "POST memos/: the answer is not the expected JSON (transmissionId is missing)."
                )
        )
        #expect(error?.isTransient == false)
    }

    @Test("An answer larger than the JSON limit is refused")
    func answerTooLarge() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.json(201, receiptJSON(messageUUID: messageUUID))]) {
            server in
            try await withClient(.scripted(server, maxJSONBytes: 64)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        #expect(error == .invalidResponse("POST memos/: the answer is larger than the limit of 64 bytes."))
    }
}
