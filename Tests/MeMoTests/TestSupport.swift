import Foundation
import MeMo
import Testing

/// The official MeMo examples (`Tests/MeMoTests/Fixtures/memo`, MIT-licensed; see
/// SOURCES.md there), found from this file's place in the repository, so a clone alone runs them.
struct Fixture: Sendable, CustomTestStringConvertible {
    let relativePath: String
    let version: MeMoVersion

    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // MeMoTests
        .appendingPathComponent("Fixtures/memo")

    static let minimum11 = Fixture(relativePath: "1.1/MeMo_Minimum_Example.xml", version: .v1_1)
    static let full11 = Fixture(relativePath: "1.1/MeMo_Full_Example.xml", version: .v1_1)
    static let minimum12 = Fixture(relativePath: "1.2/MeMo_Minimum_Example.xml", version: .v1_2)
    static let full12 = Fixture(relativePath: "1.2/MeMo_Full_Example.xml", version: .v1_2)
    static let all = [minimum11, full11, minimum12, full12]

    var data: Data {
        get throws { try Data(contentsOf: Self.directory.appendingPathComponent(relativePath)) }
    }

    var text: String {
        get throws { String(decoding: try data, as: UTF8.self) }
    }

    func message() throws -> MeMoMessage {
        try MeMoParser().parse(try data)
    }

    var testDescription: String { relativePath }
}

/// The qualified names of the start tags of an XML text, in order, comments left out:
/// `["memo:Message", "memo:MessageHeader", ...]`.
func startTags(_ xml: String) throws -> [String] {
    let withoutComments = xml.replacing(try Regex("(?s)<!--.*?-->"), with: "")
    return withoutComments.matches(of: try Regex("<([A-Za-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9]*)[\\s/>]")).map {
        String($0.output[1].substring!)
    }
}

/// A small deterministic generator (SplitMix64), so a failing property run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A valid outgoing letter in code, to vary one field at a time in rule tests.
func validLetter(version: MeMoVersion = .v1_2) -> MeMoMessage {
    let header = MessageHeader(
        messageUUID: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        messageID: "ALM-2025-0001",
        label: "Påkrav om betaling af husleje",
        notification: "Du har fået post fra Boligselskabet Æblehaven.",
        mandatory: false,
        legalNotification: true,
        postType: "MYNDIGHEDSPOST",
        sender: MeMoSender(senderID: "12345678", label: "Boligselskabet Æblehaven"),
        recipient: MeMoRecipient(recipientID: "0707614285", idType: .cpr, label: "Jens Jensen")
    )
    let body = MessageBody(
        createdDateTime: MeMoDateTime("2025-03-01T08:30:00Z")!,
        mainDocument: MeMoMainDocument(
            label: "Påkrav",
            files: [
                MeMoFile(encodingFormat: "application/pdf", filename: "paakrav.pdf", content: Data("%PDF-1.7".utf8))
            ]
        )
    )
    return MeMoMessage(version: version, header: header, body: body)
}

/// The (field, code) pairs of a validation, order-free.
func findings(_ errors: [MeMoFieldError]) -> Set<String> {
    Set(errors.map { "\($0.field) \($0.code)" })
}

/// Parses, turning the typed error into a value the tests can compare.
func parseResult(_ data: Data, limits: MeMoLimits = .default) -> Result<MeMoMessage, MeMoParseError> {
    Result { () throws(MeMoParseError) in try MeMoParser(limits: limits).parse(data) }
}
