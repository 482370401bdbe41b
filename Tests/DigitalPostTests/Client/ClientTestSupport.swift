import DigitalPost
import Foundation

/// A token shaped like NgDP's (base64) and unlike anything else in the tests.
let testToken = "YWxtZW4tdGVzdC1zeXN0ZW0tdG9rZW4tN2Y0Yg=="

/// A made-up CPR number; its digits must never appear in an error.
let testCPR = "1502784321"

extension NgDPConnection {
    /// Plain HTTP to a scripted server. The request timeout is generous: `make test` runs many
    /// suites at once on two cores, and an answer that a quiet machine gives in milliseconds
    /// once took over ten seconds there. A test of the timeout itself sets a short one.
    static func scripted(
        _ server: ScriptedNgDPServer,
        requestTimeout: Duration = .seconds(60),
        maxJSONBytes: Int = 1_048_576,
        maxMessageBytes: Int = 110 * 1_048_576
    ) -> NgDPConnection {
        NgDPConnection(
            baseURL: server.baseURL,
            systemToken: testToken,
            connectTimeout: .seconds(5),
            requestTimeout: requestTimeout,
            maxJSONBytes: maxJSONBytes,
            maxMessageBytes: maxMessageBytes
        )
    }
}

/// Runs `body` with a client that is shut down afterwards, whatever happens.
func withClient<Result>(
    _ connection: NgDPConnection,
    _ body: (HTTPNgDPClient) async throws -> Result
) async throws -> Result {
    let client = try HTTPNgDPClient(connection: connection)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// The `NgDPError` that `operation` throws, or nil when it succeeds.
func ngdpError<Value>(_ operation: () async throws(NgDPError) -> Value) async -> NgDPError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}

/// Every textual form an error can take in a log: description, debug text, and `dump`.
func everyRendering(of error: NgDPError) -> String {
    var dumped = ""
    dump(error, to: &dumped)
    return [error.description, String(reflecting: error), "\(error)", dumped].joined(separator: "\n")
}

/// A Receipt JSON as NgDP answers a sent message.
func receiptJSON(
    messageUUID: UUID,
    status: String = "RECEIVED",
    timeStamp: String = "2024-05-01T10:15:30.123Z"
)
    -> String
{
    #"{"transmissionId":"0f8fad5b-d9cb-469f-a165-70867728950e","messageUUID":"\#(messageUUID.uuidString.lowercased())","#
        + #""messageId":"LETTER-42","errorCode":null,"errorMessage":null,"timeStamp":"\#(timeStamp)","#
        + #""receiptStatus":"\#(status)"}"#
}
