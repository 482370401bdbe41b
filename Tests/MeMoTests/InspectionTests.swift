import Foundation
import MeMo
import Testing

/// `almen digitalpost validate FILE`: a summary for a good message, the problems otherwise, both
/// as JSON that never shows a full CPR number.
@Suite("Inspecting a message file")
struct InspectionTests {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("A valid fixture gives a summary with the recipient's CPR number masked")
    func summary() throws {
        let result = MeMoInspection.inspect(data: try Fixture.minimum11.data)

        let summary = try result.get()

        #expect(summary.recipient.id == "221177-xxxx")
        #expect(summary.sender.id == "12345678")
        #expect(
            try Self.json(summary)
                == #"{"bytes":14,"files":1,"label":"Pladsanvisning","messageType":"DIGITALPOST","messageUUID":"8C2EA15D-61FB-4BA9-9366-42F8B194C114","recipient":{"id":"221177-xxxx","idType":"CPR"},"sender":{"id":"12345678","idType":"CVR","label":"Kommunen"},"version":"1.1"}"#
        )
    }

    @Test("Files and bytes count every document")
    func counts() throws {
        let summary = try MeMoInspection.inspect(data: MeMoWriter.write(validLetter())).get()

        #expect(summary.files == 1)
        #expect(summary.bytes == 8)
        #expect(summary.version == "1.2")
    }

    @Test("A parse error is reported as such, in JSON")
    func parseProblem() throws {
        let result = MeMoInspection.inspect(data: Data("<memo:Message xmlns:memo=\"urn:x\"/>".utf8))

        guard case .failure(let problems) = result else {
            Issue.record("accepted")
            return
        }
        #expect(problems == .parse(.wrongRoot))
        #expect(
            try Self.json(problems)
                == #"{"parseError":{"code":"WRONG_ROOT","message":"The root element is not a MeMo Message (namespace https://DigitalPost.dk/MeMo-1).","path":"Message"}}"#
        )
    }

    /// The hostile corpus's rule breaches, each through the XML, as the stand-in would meet them.
    @Test(
        "A message that breaks a rule is refused with that field error",
        arguments: [
            (
                "UUID version 1", "MessageHeader.messageUUID INVALID_UUID",
                { @Sendable (message: inout MeMoMessage) in
                    message.header.messageUUID = "c232ab00-9414-11ec-b3c8-9f6bdeced846"
                }
            ),
            (
                "an http action link", "MessageBody.MainDocument.Action[0].EntryPoint.url NOT_HTTPS",
                { @Sendable (message: inout MeMoMessage) in
                    message.body!.mainDocument.actions = [
                        MeMoAction(
                            label: "Betal",
                            actionCode: .payment,
                            entryPoint: MeMoEntryPoint(url: "http://betal.example.dk")
                        )
                    ]
                }
            ),
            (
                "a filename with a line break", "MessageBody.MainDocument.File[0].filename INVALID_FILENAME",
                { @Sendable (message: inout MeMoMessage) in
                    message.body!.mainDocument.files[0].filename = "brev\r\n.pdf"
                }
            ),
            (
                "a NemSMS with a body", "MessageBody NOT_ALLOWED",
                { @Sendable (message: inout MeMoMessage) in
                    message.header.messageType = .nemSMS
                }
            ),
            (
                "11 attachments", "MessageBody TOO_MANY_ATTACHMENTS",
                { @Sendable (message: inout MeMoMessage) in
                    message.body!.additionalDocuments = [
                        MeMoAdditionalDocument(
                            files: Array(
                                repeating: MeMoFile(
                                    encodingFormat: "application/pdf",
                                    filename: "b.pdf",
                                    content: Data([0])
                                ),
                                count: 11
                            )
                        )
                    ]
                }
            ),
        ] as [(String, String, @Sendable (inout MeMoMessage) -> Void)]
    )
    func ruleBreach(name: String, expected: String, change: @Sendable (inout MeMoMessage) -> Void) throws {
        var message = validLetter()
        change(&message)

        let result = MeMoInspection.inspect(data: MeMoWriter.write(message))

        guard case .failure(.fields(let errors)) = result else {
            Issue.record("\(name): \(result)")
            return
        }
        #expect(findings(errors) == [expected])
        #expect(try Self.json(MeMoProblems.fields(errors)).hasPrefix(#"{"fieldErrors":[{"code":"#))
    }

    @Test("Problems never show a CPR number from the message")
    func problemsHideCPR() throws {
        var message = validLetter()
        message.header.recipient.recipientID = "07076142851"
        message.header.label = ""

        let result = MeMoInspection.inspect(data: MeMoWriter.write(message))

        guard case .failure(let problems) = result else {
            Issue.record("accepted")
            return
        }
        #expect(problems.fieldErrors.count == 2)
        #expect(!(try Self.json(problems)).contains("0707614285"))
        #expect(!problems.description.contains("0707614285"))
    }

    @Test("Mail we receive from a resident is inspected against the incoming rules")
    func incoming() throws {
        var message = validLetter()
        message.header.sender = MeMoSender(senderID: "0707614285", idType: .cpr, label: "Jens Jensen")
        message.header.recipient = MeMoRecipient(recipientID: "12345678", idType: .cvr, label: "Boligselskabet")
        let data = MeMoWriter.write(message)

        let asIncoming = try MeMoInspection.inspect(data: data, context: .incoming).get()
        let asOutgoing = MeMoInspection.inspect(data: data, context: .outgoingPublicSender)

        #expect(asIncoming.sender.id == "070761-xxxx")
        #expect(
            asOutgoing.failure
                == .fields([
                    MeMoFieldError(
                        field: "MessageHeader.Sender.idType",
                        code: "INVALID_ID_TYPE",
                        message: "The idType must be CVR."
                    )
                ])
        )
    }

    @Test("A parse error becomes one NgDP-style field error")
    func parseErrorAsFieldError() {
        let error = MeMoParseError.missingElement(path: "MessageHeader.label")

        #expect(
            error.fieldError
                == MeMoFieldError(
                    field: "MessageHeader.label",
                    code: "MISSING_ELEMENT",
                    message: "The required element MessageHeader.label is missing."
                )
        )
    }
}
