import DigitalPost
import Foundation
import Testing

@Suite("Connections to NgDP that fail")
struct TransportFailureTests {
    let memo = Data("<memo:Message/>".utf8)
    let messageUUID = UUID()

    @Test("A connection closed in the middle of the answer is a transient transport error")
    func closedMidResponse() async throws {
        let error = try await ScriptedNgDPServer.run(answers: [.closeMidResponse]) { server in
            try await withClient(.scripted(server)) { client in
                await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
            }
        }

        #expect(error == .transport("POST memos/: the server closed the connection before the answer was complete."))
        #expect(error?.isTransient == true)
    }

    @Test("A server slower than the request timeout gives a transient timeout")
    func slowServer() async throws {
        let clock = ContinuousClock()
        let (error, waited) = try await ScriptedNgDPServer.run(answers: [.delayed(.seconds(30), status: 201)]) {
            server in
            try await withClient(.scripted(server, requestTimeout: .milliseconds(300))) { client in
                let started = clock.now
                let error = await ngdpError { () async throws(NgDPError) in
                    try await client.send(memo: memo, messageUUID: messageUUID)
                }
                return (error, clock.now - started)
            }
        }

        #expect(error == .timeout)
        #expect(error?.isTransient == true)
        // The client gave up long before the server's answer (30 s), however loaded the machine.
        #expect(waited < .seconds(20))
    }

    @Test("A refused connection is a transient transport error")
    func connectionRefused() async throws {
        // A port that was just free: the server is gone when the request is made.
        let url = try await ScriptedNgDPServer.run(answers: []) { $0.baseURL }
        let connection = NgDPConnection(baseURL: url, systemToken: testToken, connectTimeout: .seconds(2))

        let error = try await withClient(connection) { client in
            await ngdpError { () async throws(NgDPError) in try await client.send(memo: memo, messageUUID: messageUUID)
            }
        }

        guard case .transport = error else {
            Issue.record("Expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(!everyRendering(of: error!).contains(testToken))
    }
}
