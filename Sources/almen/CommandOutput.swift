import App
import ArgumentParser
import Foundation

/// One JSON document per command, with sorted keys, on the stream asked for.
enum CommandOutput {
    struct Failure: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }

        let error: Detail
    }

    /// The API's encoder, so that a command and the API print the same JSON.
    static func json(_ value: some Encodable, to handle: FileHandle) throws {
        handle.write(try JSONResponse.encoder.encode(value) + Data("\n".utf8))
    }
}
