import DigitalPost
import Foundation
import MeMo
import Testing

@Suite("Receiving messages sent to the organisation (modtagesystem)")
struct ReceivingTests {
    let first = UUID(uuidString: "3F2504E0-4F89-41D3-9A0C-0305E82C3301")!
    let second = UUID(uuidString: "9A7B1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D")!
    let transmission = UUID(uuidString: "D1E2F3A4-B5C6-4D7E-8F90-A1B2C3D4E5F6")!

    @Test("List, fetch, acknowledge and delete make one round trip with NgDP's shapes")
    func roundTrip() async throws {
        // The official minimal MeMo 1.2 example, from the codec's tests.
        let memo = try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(
                    "MeMoTests/Fixtures/memo/1.2/MeMo_Minimum_Example.xml"
                )
        )
        let page =
            #"{"content":["\#(first.uuidString.lowercased())","\#(second.uuidString.lowercased())"],"#
            + #""number":0,"size":20,"totalElements":2,"totalPages":1,"next":null,"previous":null}"#
        let acknowledgedAt = Date(timeIntervalSince1970: 1_714_558_530.25)

        let (listed, fetched, received) = try await ScriptedNgDPServer.run(
            answers: [.json(200, page), .xml(memo), .status(201), .status(204)]
        ) { server in
            try await withClient(.scripted(server)) { client in
                let listed = try await client.incoming(page: 0, size: 20)
                let fetched = try await client.fetchIncoming(first)
                try await client.acknowledgeIncoming(
                    first,
                    status: .completed,
                    transmissionID: transmission,
                    at: acknowledgedAt
                )
                try await client.deleteIncoming(first)
                return (listed, fetched, server.received)
            }
        }

        #expect(
            listed == NgDPIncomingPage(content: [first, second], number: 0, size: 20, totalElements: 2, totalPages: 1)
        )
        #expect(!listed.hasNextPage)
        #expect(fetched == memo)
        #expect(try MeMoParser().parse(fetched).version == .v1_2)
        #expect(received.map(\.method) == ["GET", "GET", "POST", "DELETE"])
        #expect(
            received.map(\.uri) == [
                "/apis/v1/memos/?page=0&size=20",
                "/apis/v1/memos/3F2504E0-4F89-41D3-9A0C-0305E82C3301",
                "/apis/v1/memos/3F2504E0-4F89-41D3-9A0C-0305E82C3301/receipt",
                "/apis/v1/memos/3F2504E0-4F89-41D3-9A0C-0305E82C3301",
            ]
        )
        #expect(received[1].header("Accept") == "application/xml")
        #expect(received[2].header("Content-Type") == "application/json")
        #expect(
            received[2].bodyText
                == #"{"messageUUID":"3F2504E0-4F89-41D3-9A0C-0305E82C3301","receiptStatus":"COMPLETED","#
                + #""timeStamp":"2024-05-01T10:15:30.250Z","transmissionId":"D1E2F3A4-B5C6-4D7E-8F90-A1B2C3D4E5F6"}"#
        )
        #expect(received.allSatisfy { $0.header("Authorization") == "Basic \(testToken)" })
    }

    @Test("An unparseable message is acknowledged as INVALID")
    func invalidAcknowledgement() async throws {
        let received = try await ScriptedNgDPServer.run(answers: [.status(200)]) { server in
            try await withClient(.scripted(server)) { client in
                try await client.acknowledgeIncoming(
                    second,
                    status: .invalid,
                    transmissionID: transmission,
                    at: Date(timeIntervalSince1970: 0)
                )
            }
            return server.received
        }

        #expect(received.first?.bodyText.contains(#""receiptStatus":"INVALID""#) == true)
        #expect(received.first?.bodyText.contains(#""timeStamp":"1970-01-01T00:00:00.000Z""#) == true)
    }

    @Test("A page leaving out counts, or listing objects, is still read; later pages are announced")
    func tolerantPages() async throws {
        let pages = try await ScriptedNgDPServer.run(
            answers: [
                .json(200, #"{"content":[{"messageUUID":"\#(first.uuidString)"}]}"#),
                .json(
                    200,
                    #"{"content":["\#(second.uuidString)"],"number":2,"size":1,"totalElements":5,"totalPages":5}"#
                ),
                .status(204),
            ]
        ) { server in
            try await withClient(.scripted(server)) { client in
                [
                    try await client.incoming(page: 0, size: 50), try await client.incoming(page: 2, size: 1),
                    try await client.incoming(page: 3, size: 1),
                ]
            }
        }

        #expect(pages[0] == NgDPIncomingPage(content: [first], number: 0, size: 50, totalElements: 1, totalPages: 1))
        #expect(pages[1].hasNextPage)
        #expect(pages[2].content.isEmpty)
    }

    @Test("A list item that is not a UUID fails the page instead of being skipped")
    func unreadableItem() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.json(200, #"{"content":["\#(first)","not-a-uuid"]}"#)])
        {
            server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.incoming(page: 0, size: 10) }
            }
        }

        #expect(error == .invalidResponse("GET memos/: the list holds an item that is not an id."))
    }

    @Test("A fetched message larger than the message limit is refused")
    func messageTooLarge() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.xml(Data(repeating: 0x41, count: 4096))]) { server in
            try await withClient(.scripted(server, maxMessageBytes: 1024)) { client in
                await ngdpError { () async throws(NgDPError) in try await client.fetchIncoming(first) }
            }
        }

        #expect(
            error
                == .invalidResponse("GET memos/\(first.uuidString): the answer is larger than the limit of 1024 bytes.")
        )
    }

    @Test("Receipts are pulled by id, read with or without deletion, and deleted")
    func pulledReceipts() async throws {
        let (page, receipt, received) = try await ScriptedNgDPServer.run(
            answers: [
                .json(200, #"{"content":["r-17",18],"number":0,"size":10,"totalElements":2,"totalPages":1}"#),
                .json(200, receiptJSON(messageUUID: first, status: "COMPLETED")),
                .status(204),
            ]
        ) { server in
            try await withClient(.scripted(server)) { client in
                let page = try await client.receipts(page: 0, size: 10)
                let receipt = try await client.receipt(id: "r-17", delete: true)
                try await client.deleteReceipt(id: "18")
                return (page, receipt, server.received)
            }
        }

        #expect(page.content == ["r-17", "18"])
        #expect(receipt.receiptStatus == .completed)
        #expect(receipt.messageUUID == first)
        #expect(
            received.map { "\($0.method) \($0.uri)" } == [
                "GET /apis/v1/receipts/?page=0&size=10",
                "GET /apis/v1/receipts/r-17?delete=true",
                "DELETE /apis/v1/receipts/18",
            ]
        )
    }
}
