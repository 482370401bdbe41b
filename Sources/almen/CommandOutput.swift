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

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, to handle: FileHandle) throws {
        handle.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
