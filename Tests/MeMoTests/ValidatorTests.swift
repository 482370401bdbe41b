import Foundation
import MeMo
import Testing

/// The rules of digital-post.md, "The MeMo message", one row per case from the rule text.
@Suite("Validating MeMo messages")
struct ValidatorTests {
    /// A change to the valid letter and the field errors it must give (empty: still valid).
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: Set<String>
        let context: MeMoValidationContext
        let change: @Sendable (inout MeMoMessage) -> Void

        init(
            _ name: String,
            _ expected: Set<String>,
            context: MeMoValidationContext = .outgoingPublicSender,
            _ change: @escaping @Sendable (inout MeMoMessage) -> Void
        ) {
            self.name = name
            self.expected = expected
            self.context = context
            self.change = change
        }

        var testDescription: String { name }
    }

    static func check(_ row: Row) {
        var message = validLetter()
        row.change(&message)

        let errors = MeMoValidator.validate(message, context: row.context)

        #expect(findings(errors) == row.expected)
        #expect(errors.count == row.expected.count)
    }

    @Test("The valid letter has no field errors, in both versions", arguments: MeMoVersion.allCases)
    func validLetterPasses(version: MeMoVersion) {
        #expect(MeMoValidator.validate(validLetter(version: version)) == [])
    }

    static let uuid = "MessageHeader.messageUUID INVALID_UUID"

    @Test(
        "messageUUID is a UUID of version 4 with the RFC 4122 variant",
        arguments: [
            ("f47ac10b-58cc-4372-a567-0e02b2c3d479", []),
            ("F47AC10B-58CC-4372-A567-0E02B2C3D479", []),
            ("f47ac10b-58cc-4372-b567-0e02b2c3d479", []),
            ("f47ac10b-58cc-1372-a567-0e02b2c3d479", [uuid]),  // version 1
            ("f47ac10b-58cc-3372-a567-0e02b2c3d479", [uuid]),  // version 3
            ("f47ac10b-58cc-5372-a567-0e02b2c3d479", [uuid]),  // version 5
            ("f47ac10b-58cc-4372-c567-0e02b2c3d479", [uuid]),  // Microsoft variant
            ("f47ac10b-58cc-4372-7567-0e02b2c3d479", [uuid]),  // NCS variant
            ("f47ac10b58cc4372a5670e02b2c3d479", [uuid]),  // no hyphens
            ("{f47ac10b-58cc-4372-a567-0e02b2c3d479}", [uuid]),
            ("f47ac10b-58cc-4372-a567-0e02b2c3d47g", [uuid]),
            (" f47ac10b-58cc-4372-a567-0e02b2c3d479", [uuid]),
            ("", ["MessageHeader.messageUUID REQUIRED"]),
        ] as [(String, Set<String>)]
    )
    func messageUUID(value: String, expected: Set<String>) {
        Self.check(Row(value, expected) { $0.header.messageUUID = value })
    }

    @Test(
        "Texts have their maximum lengths, counted in characters",
        arguments: [
            Row("messageID of 256", []) { $0.header.messageID = String(repeating: "x", count: 256) },
            Row("messageID of 257", ["MessageHeader.messageID TOO_LONG"]) {
                $0.header.messageID = String(repeating: "x", count: 257)
            },
            Row("messageCode of 257", ["MessageHeader.messageCode TOO_LONG"]) {
                $0.header.messageCode = String(repeating: "x", count: 257)
            },
            Row("label of 256 æ", []) { $0.header.label = String(repeating: "æ", count: 256) },
            Row("label of 257", ["MessageHeader.label TOO_LONG"]) {
                $0.header.label = String(repeating: "x", count: 257)
            },
            Row("notification of 150", []) { $0.header.notification = String(repeating: "x", count: 150) },
            Row("notification of 151", ["MessageHeader.notification TOO_LONG"]) {
                $0.header.notification = String(repeating: "x", count: 151)
            },
            Row("additionalNotification of 256", []) {
                $0.header.additionalNotification = String(repeating: "x", count: 256)
            },
            Row("additionalNotification of 257", ["MessageHeader.additionalNotification TOO_LONG"]) {
                $0.header.additionalNotification = String(repeating: "x", count: 257)
            },
        ]
    )
    func lengths(row: Row) { Self.check(row) }

    @Test(
        "Required elements must be present and not blank",
        arguments: [
            Row("blank label", ["MessageHeader.label REQUIRED"]) { $0.header.label = " \n" },
            Row("no mandatory", ["MessageHeader.mandatory REQUIRED"]) { $0.header.mandatory = nil },
            Row("no legalNotification", ["MessageHeader.legalNotification REQUIRED"]) {
                $0.header.legalNotification = nil
            },
            Row("empty sender name", ["MessageHeader.Sender.label REQUIRED"]) { $0.header.sender.label = "" },
            Row("empty senderID", ["MessageHeader.Sender.senderID REQUIRED"]) { $0.header.sender.senderID = "" },
            Row("a document without files", ["MessageBody.MainDocument.File REQUIRED"]) {
                $0.body!.mainDocument.files = []
            },
            Row("an empty filename", ["MessageBody.MainDocument.File[0].filename REQUIRED"]) {
                $0.body!.mainDocument.files[0].filename = ""
            },
        ]
    )
    func required(row: Row) { Self.check(row) }

    @Test(
        "The sender is a CVR number for letters we send; the recipient's number matches its idType",
        arguments: [
            Row("sender CPR on an outgoing letter", ["MessageHeader.Sender.idType INVALID_ID_TYPE"]) {
                $0.header.sender = MeMoSender(senderID: "0707614285", idType: .cpr, label: "Jens Jensen")
            },
            Row("sender CVR of 7 digits", ["MessageHeader.Sender.senderID INVALID_ID"]) {
                $0.header.sender.senderID = "1234567"
            },
            Row("sender CVR with a letter", ["MessageHeader.Sender.senderID INVALID_ID"]) {
                $0.header.sender.senderID = "1234567A"
            },
            Row("sender CPR on incoming mail", [], context: .incoming) {
                $0.header.sender = MeMoSender(senderID: "0707614285", idType: .cpr, label: "Jens Jensen")
                $0.header.recipient = MeMoRecipient(recipientID: "12345678", idType: .cvr)
            },
            Row("recipient CVR", []) { $0.header.recipient = MeMoRecipient(recipientID: "12345678", idType: .cvr) },
            Row("recipient CPR of 9 digits", ["MessageHeader.Recipient.recipientID INVALID_ID"]) {
                $0.header.recipient.recipientID = "070761428"
            },
            Row("recipient CPR written with a hyphen", ["MessageHeader.Recipient.recipientID INVALID_ID"]) {
                $0.header.recipient.recipientID = "070761-4285"
            },
            Row("recipient CVR number under idType CPR", ["MessageHeader.Recipient.recipientID INVALID_ID"]) {
                $0.header.recipient.recipientID = "12345678"
            },
            Row("recipient of another idType", ["MessageHeader.Recipient.idType INVALID_ID_TYPE"]) {
                $0.header.recipient.idType = MeMoIDType(rawValue: "EAN")
            },
        ]
    )
    func identifiers(row: Row) { Self.check(row) }

    @Test(
        "Representative is MeMo 1.2 only",
        arguments: [
            Row("Representative in 1.2", []) {
                $0.header.sender.representative = MeMoRepresentative(
                    representativeID: "87654321",
                    label: "Administration A/S"
                )
            },
            Row("Representative in 1.1", ["MessageHeader.Sender.Representative NOT_ALLOWED_IN_VERSION"]) {
                $0.version = .v1_1
                $0.header.sender.representative = MeMoRepresentative(
                    representativeID: "87654321",
                    label: "Administration A/S"
                )
            },
            Row(
                "originalRepresentative in 1.1",
                ["MessageHeader.ForwardData.originalRepresentative NOT_ALLOWED_IN_VERSION"]
            ) {
                $0.version = .v1_1
                $0.header.forwardData = MeMoForwardData(
                    messageUUID: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
                    originalMessageDateTime: MeMoDateTime("2025-01-01T00:00:00Z")!,
                    originalSender: "Kommunen",
                    originalRepresentative: "Administration A/S"
                )
            },
        ]
    )
    func representative(row: Row) { Self.check(row) }

    @Test(
        "NemSMS has no MessageBody and Digital Post must have one",
        arguments: [
            Row("NemSMS without a body", []) {
                $0.header.messageType = .nemSMS
                $0.body = nil
            },
            Row("NemSMS with a body", ["MessageBody NOT_ALLOWED"]) { $0.header.messageType = .nemSMS },
            Row("Digital Post without a body", ["MessageBody REQUIRED"]) { $0.body = nil },
        ]
    )
    func messageTypes(row: Row) { Self.check(row) }

    /// digital-post.md: filenames must not contain `< > : " / \ | ? *`, CR, LF or the Unicode space
    /// and separator characters U+00A0, U+2000–U+200A, U+2028, U+205F, U+2060, U+3000.
    @Test(
        "A filename with a forbidden character is refused",
        arguments: ["<", ">", ":", "\"", "/", "\\", "|", "?", "*", "\r", "\n", "\u{00A0}"]
            + (0x2000...0x200A).map { String(Unicode.Scalar($0)!) }
            + ["\u{2028}", "\u{205F}", "\u{2060}", "\u{3000}"]
    )
    func forbiddenFilenameCharacter(character: String) {
        Self.check(
            Row(
                "U+\(String(character.unicodeScalars.first!.value, radix: 16))",
                ["MessageBody.MainDocument.File[0].filename INVALID_FILENAME"]
            ) {
                $0.body!.mainDocument.files[0].filename = "leje" + character + "kontrakt.pdf"
            }
        )
    }

    @Test(
        "Filenames may hold spaces, Danish letters and other Unicode",
        arguments: ["Praktiske oplysninger.doc", "Lejekontrakt æøå (2).pdf", "عقد.pdf", "🏠.pdf"]
    )
    func allowedFilename(filename: String) {
        Self.check(Row(filename, []) { $0.body!.mainDocument.files[0].filename = filename })
    }

    @Test(
        "language is two lowercase letters",
        arguments: [
            ("da", true), ("kl", true), ("DA", false), ("dan", false), ("d", false), ("", false), ("d1", false),
            ("æø", false),
        ]
    )
    func language(value: String, valid: Bool) {
        Self.check(
            Row(value, valid ? [] : ["MessageBody.MainDocument.File[0].language INVALID_LANGUAGE"]) {
                $0.body!.mainDocument.files[0].language = value
            }
        )
    }

    @Test(
        "encodingFormat looks like a MIME type",
        arguments: [
            ("application/pdf", true), ("text/plain; charset=utf-8", true), ("application/vnd.ms-excel", true),
            ("image/svg+xml", true), ("pdf", false), ("application/", false), ("/pdf", false),
            ("application/pdf/x", false),
            ("application/p df", false), ("", false), ("applicatiøn/pdf", false),
        ]
    )
    func mimeType(value: String, valid: Bool) {
        Self.check(
            Row(value, valid ? [] : ["MessageBody.MainDocument.File[0].encodingFormat INVALID_MIME_TYPE"]) {
                $0.body!.mainDocument.files[0].encodingFormat = value
            }
        )
    }

    static func attachments(_ count: Int, documents: Int = 1) -> @Sendable (inout MeMoMessage) -> Void {
        { message in
            let file = MeMoFile(encodingFormat: "application/pdf", filename: "bilag.pdf", content: Data([1]))
            let perDocument = count / documents
            message.body!.additionalDocuments = (0..<documents).map { _ in
                MeMoAdditionalDocument(files: Array(repeating: file, count: perDocument))
            }
            message.body!.technicalDocuments = [
                MeMoTechnicalDocument(files: Array(repeating: file, count: count - perDocument * documents))
            ]
            .filter { !$0.files.isEmpty }
        }
    }

    @Test(
        "A public sender may attach ten files; mail we receive may hold ten files in all",
        arguments: [
            Row("10 attachments and a main document", [], attachments(10)),
            Row("11 attachments", ["MessageBody TOO_MANY_ATTACHMENTS"], attachments(11)),
            Row(
                "11 attachments over documents of both kinds",
                ["MessageBody TOO_MANY_ATTACHMENTS"],
                attachments(11, documents: 2)
            ),
            Row("5 additional files and 5 technical ones", [], attachments(10, documents: 2)),
            Row("incoming: 9 attachments and a main document", [], context: .incoming, attachments(9)),
            Row(
                "incoming: 10 attachments and a main document",
                ["MessageBody TOO_MANY_FILES"],
                context: .incoming,
                attachments(10)
            ),
        ]
    )
    func attachmentCounts(row: Row) { Self.check(row) }

    static let smallLimit = MeMoValidationContext(
        direction: .outgoing,
        maxContentBytes: 100,
        maxAttachments: 10,
        maxFiles: nil,
        limits: .default
    )

    @Test(
        "The files together must stay within the size limit",
        arguments: [
            Row("100 bytes of 100", [], context: smallLimit) {
                $0.body!.mainDocument.files[0].content = Data(count: 100)
            },
            Row("101 bytes of 100", ["MessageBody TOO_LARGE"], context: smallLimit) {
                $0.body!.mainDocument.files[0].content = Data(count: 60)
                $0.body!.additionalDocuments = [
                    MeMoAdditionalDocument(files: [
                        MeMoFile(encodingFormat: "text/plain", filename: "a.txt", content: Data(count: 41))
                    ])
                ]
            },
        ]
    )
    func totalSize(row: Row) { Self.check(row) }

    @Test(
        "The limits of each context",
        arguments: [
            (MeMoValidationContext.outgoingPublicSender, 99_500_000, 10 as Int?, nil as Int?),
            (MeMoValidationContext.incoming, 10_485_760, nil, 10),
            (MeMoValidationContext.incomingOptedIn, 62_914_560, nil, 10),
        ]
    )
    func contexts(context: MeMoValidationContext, bytes: Int, attachments: Int?, files: Int?) {
        #expect(context.maxContentBytes == bytes)
        #expect(context.maxAttachments == attachments)
        #expect(context.maxFiles == files)
        // The parser must let through the XML of a message at the content limit.
        #expect(context.limits.maxBytes > bytes / 3 * 4)
    }

    static func link(_ url: String) -> @Sendable (inout MeMoMessage) -> Void {
        {
            $0.body!.mainDocument.actions = [
                MeMoAction(label: "Betal", actionCode: .payment, entryPoint: MeMoEntryPoint(url: url))
            ]
        }
    }

    static let url = "MessageBody.MainDocument.Action[0].EntryPoint.url"

    @Test(
        "An action's link is an absolute https URL",
        arguments: [
            Row("https", [], link("https://www.borger.dk/betal?id=1&x=2")),
            Row("HTTPS in capitals", [], link("HTTPS://WWW.BORGER.DK/")),
            Row("https with Danish letters", [], link("https://www.tusindfryd.dk/spørgeskema.html")),
            Row("https with a port", [], link("https://example.dk:8443/sti")),
            Row("http", ["\(url) NOT_HTTPS"], link("http://www.borger.dk/betal")),
            Row("ftp", ["\(url) NOT_HTTPS"], link("ftp://example.dk/fil")),
            Row("javascript", ["\(url) NOT_HTTPS"], link("javascript:alert(1)")),
            Row("no scheme", ["\(url) INVALID_URL"], link("www.borger.dk")),
            Row("no host", ["\(url) INVALID_URL"], link("https:///sti")),
            Row("a user name before the host", ["\(url) INVALID_URL"], link("https://borger.dk@example.com/")),
            Row("a space", ["\(url) INVALID_URL"], link("https://borger.dk/a b")),
            Row("empty", ["\(url) INVALID_URL"], link("")),
        ]
    )
    func links(row: Row) { Self.check(row) }

    @Test(
        "actionCode is one of the listed codes",
        arguments: [
            "AFTALE", "BEKRAEFT", "BETALING", "FORBEREDELSE", "INFORMATION", "SELVBETJENING", "TILMELDING",
            "UNDERSKRIV",
        ]
    )
    func knownActionCodes(code: String) {
        Self.check(
            Row(code, []) {
                $0.body!.mainDocument.actions = [
                    MeMoAction(label: "Handling", actionCode: MeMoActionCode(rawValue: code))
                ]
            }
        )
    }

    @Test("An unknown actionCode is refused", arguments: ["BETAL", "betaling", ""])
    func unknownActionCode(code: String) {
        Self.check(
            Row(code, ["MessageBody.MainDocument.Action[0].actionCode UNKNOWN_ACTION_CODE"]) {
                $0.body!.mainDocument.actions = [
                    MeMoAction(label: "Handling", actionCode: MeMoActionCode(rawValue: code))
                ]
            }
        )
    }

    static func period(_ start: String, _ end: String) -> @Sendable (inout MeMoMessage) -> Void {
        {
            $0.body!.additionalDocuments = [
                MeMoAdditionalDocument(
                    files: [MeMoFile(encodingFormat: "application/pdf", filename: "b.pdf", content: Data())],
                    actions: [
                        MeMoAction(
                            label: "Møde",
                            actionCode: .appointment,
                            startDateTime: MeMoDateTime(start),
                            endDateTime: MeMoDateTime(end),
                            reservation: MeMoReservation(
                                description: "Beboermøde",
                                reservationUUID: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
                                abstract: "Møde",
                                location: "Fælleshuset",
                                startDateTime: MeMoDateTime(start)!,
                                endDateTime: MeMoDateTime(end)!
                            )
                        )
                    ]
                )
            ]
        }
    }

    @Test(
        "An action's period and a reservation's do not end before they start",
        arguments: [
            Row("equal", [], period("2025-05-01T17:00:00Z", "2025-05-01T17:00:00Z")),
            Row("ordered", [], period("2025-05-01T17:00:00Z", "2025-05-01T19:00:00Z")),
            Row(
                "a millisecond backwards",
                [
                    "MessageBody.AdditionalDocument[0].Action[0].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[0].Action[0].Reservation.endDateTime INVALID_PERIOD",
                ],
                period("2025-05-01T17:00:00.001Z", "2025-05-01T17:00:00Z")
            ),
        ]
    )
    func periods(row: Row) { Self.check(row) }

    @Test(
        "replyByDateTime is only allowed with reply = true",
        arguments: [
            Row("reply true with a deadline", []) {
                $0.header.reply = true
                $0.header.replyByDateTime = MeMoDateTime("2025-04-01T12:00:00Z")
            },
            Row("reply true without a deadline", []) { $0.header.reply = true },
            Row("reply false with a deadline", ["MessageHeader.replyByDateTime NOT_ALLOWED"]) {
                $0.header.reply = false
                $0.header.replyByDateTime = MeMoDateTime("2025-04-01T12:00:00Z")
            },
            Row("no reply with a deadline", ["MessageHeader.replyByDateTime NOT_ALLOWED"]) {
                $0.header.replyByDateTime = MeMoDateTime("2025-04-01T12:00:00Z")
            },
        ]
    )
    func replyDeadline(row: Row) { Self.check(row) }

    @Test(
        "Repeated parts have their maximum counts",
        arguments: [
            Row("ten AdditionalContentData", []) {
                $0.header.contentData = MeMoContentData(
                    additionalContentData: Array(
                        repeating: MeMoAdditionalContentData(contentDataName: "n", contentDataValue: "v"),
                        count: 10
                    )
                )
            },
            Row("eleven AdditionalContentData", ["MessageHeader.ContentData.AdditionalContentData TOO_MANY"]) {
                $0.header.contentData = MeMoContentData(
                    additionalContentData: Array(
                        repeating: MeMoAdditionalContentData(contentDataName: "n", contentDataValue: "v"),
                        count: 11
                    )
                )
            },
            Row("three ContactInfo", ["MessageHeader.Recipient.ContactPoint.ContactInfo TOO_MANY"]) {
                $0.header.recipient.contactPoint = MeMoContactPoint(
                    contactPointID: "1",
                    contactInfo: Array(repeating: MeMoContactInfo(label: "l", value: "v"), count: 3)
                )
            },
            Row("five AdditionalReplyData", ["MessageHeader.ReplyData[0].AdditionalReplyData TOO_MANY"]) {
                $0.header.replyData = [
                    MeMoReplyData(
                        messageUUID: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
                        additionalReplyData: Array(repeating: MeMoAdditionalReplyData(label: "l", value: "v"), count: 5)
                    )
                ]
            },
        ]
    )
    func counts(row: Row) { Self.check(row) }

    @Test(
        "Every UUID field is version 4",
        arguments: [
            Row("ReplyData messageUUID", ["MessageHeader.ReplyData[0].messageUUID INVALID_UUID"]) {
                $0.header.replyData = [MeMoReplyData(messageUUID: "f47ac10b-58cc-1372-a567-0e02b2c3d479")]
            },
            Row("ReplyData replyUUID", ["MessageHeader.ReplyData[0].replyUUID INVALID_UUID"]) {
                $0.header.replyData = [
                    MeMoReplyData(messageUUID: "f47ac10b-58cc-4372-a567-0e02b2c3d479", replyUUID: "nej")
                ]
            },
            Row("ForwardData messageUUID", ["MessageHeader.ForwardData.messageUUID INVALID_UUID"]) {
                $0.header.forwardData = MeMoForwardData(
                    messageUUID: "x",
                    originalMessageDateTime: MeMoDateTime("2025-01-01T00:00:00Z")!,
                    originalSender: "Kommunen"
                )
            },
        ]
    )
    func otherUUIDs(row: Row) { Self.check(row) }

    @Test("Field error messages never repeat the value that broke the rule")
    func messagesHideValues() {
        var message = validLetter()
        message.header.recipient.recipientID = "07076142851"
        message.header.sender.senderID = "0707614285"
        message.header.messageUUID = "0707614285"

        let errors = MeMoValidator.validate(message)

        #expect(errors.count == 3)
        #expect(errors.allSatisfy { !$0.message.contains("0707614285") && !$0.field.contains("0707614285") })
    }
}
