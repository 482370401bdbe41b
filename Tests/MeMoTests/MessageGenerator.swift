import Foundation
import MeMo

/// Random valid MeMo messages from a seed: both versions, every optional part present or absent,
/// text drawn from Danish, Arabic, emoji, XML's special characters and white space, and binary
/// file content. Valid means `MeMoValidator` finds nothing, which the property test checks too.
struct MessageGenerator {
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// Pieces of text, some of several Unicode scalars (the family emoji has five).
    private static let pieces = [
        "a", "B", "z", "0", "9", " ", "æ", "ø", "å", "Æ", "Ø", "Å", "é", "ü", "مرحبا", "ب", "👩‍👩‍👧", "🏠", "☃", "€",
        "<", ">", "&", "\"", "'", "]]>", "&amp;", "\t", "\n", "\r\n", "\r", "-", ".", "/", ":", "中",
    ]
    private static let filenamePieces = ["a", "B", "7", " ", "æ", "ø", "å", "-", "_", ".", "(", ")", "🏠", "مرحبا"]

    mutating func bool() -> Bool { Bool.random(using: &random) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func maybe<T>(_ make: (inout MessageGenerator) -> T) -> T? {
        bool() ? make(&self) : nil
    }

    mutating func many<T>(_ range: ClosedRange<Int>, _ make: (inout MessageGenerator) -> T) -> [T] {
        (0..<int(range)).map { _ in make(&self) }
    }

    /// Any text of at most `maxScalars` Unicode scalars, possibly empty or only white space.
    mutating func text(maxScalars: Int = 60) -> String {
        var result = ""
        for _ in 0..<int(0...12) {
            let piece = Self.pieces[int(0...(Self.pieces.count - 1))]
            guard result.unicodeScalars.count + piece.unicodeScalars.count <= maxScalars else { break }
            result += piece
        }
        return result
    }

    /// Text that is not blank, for required fields.
    mutating func required(maxScalars: Int = 60) -> String {
        "Æ" + text(maxScalars: maxScalars - 1)
    }

    mutating func optionalText(maxScalars: Int = 60) -> String? {
        maybe { $0.text(maxScalars: maxScalars) }
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(0...9))) })
    }

    mutating func uuid4() -> String {
        let hex = Array("0123456789abcdefABCDEF")
        func group(_ count: Int, _ generator: inout MessageGenerator) -> String {
            String((0..<count).map { _ in hex[generator.int(0...(hex.count - 1))] })
        }
        let variant = Array("89abAB")[int(0...5)]
        return
            "\(group(8, &self))-\(group(4, &self))-4\(group(3, &self))-\(variant)\(group(3, &self))-\(group(12, &self))"
    }

    mutating func dateTime() -> MeMoDateTime {
        let fraction = bool() ? "" : "." + digits(int(1...6))
        let text =
            "\(int(2000...2099))-\(two(int(1...12)))-\(two(int(1...28)))T\(two(int(0...23))):\(two(int(0...59))):\(two(int(0...59)))\(fraction)Z"
        return MeMoDateTime(text)!
    }

    /// Two instants, the first not after the second.
    mutating func period() -> (MeMoDateTime, MeMoDateTime) {
        let first = dateTime()
        let second = dateTime()
        return first <= second ? (first, second) : (second, first)
    }

    mutating func date() -> MeMoDate {
        MeMoDate(year: int(1900...2100), month: int(1...12), day: int(1...31)) ?? MeMoDate(
            year: 2024,
            month: 2,
            day: 29
        )!
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    mutating func bytes(maxCount: Int) -> Data {
        Data((0..<int(0...maxCount)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    mutating func message() -> MeMoMessage {
        let version: MeMoVersion = bool() ? .v1_1 : .v1_2
        let messageType: MeMoMessageType = int(0...4) == 0 ? .nemSMS : .digitalPost
        let reply = maybe { $0.bool() }
        let header = MessageHeader(
            messageType: messageType,
            messageUUID: uuid4(),
            messageID: optionalText(),
            messageCode: optionalText(),
            label: required(),
            notification: optionalText(maxScalars: 150),
            additionalNotification: optionalText(),
            reply: reply,
            replyByDateTime: reply == true ? maybe { $0.dateTime() } : nil,
            doNotDeliverUntilDate: maybe { $0.date() },
            mandatory: bool(),
            legalNotification: bool(),
            postType: maybe { _ in "MYNDIGHEDSPOST" },
            sender: sender(version: version),
            recipient: recipient(),
            contentData: maybe { $0.contentData() },
            forwardData: maybe { $0.forwardData(version: version) },
            replyData: many(0...3) { $0.replyData() }
        )
        return MeMoMessage(version: version, header: header, body: messageType == .digitalPost ? body() : nil)
    }

    private mutating func sender(version: MeMoVersion) -> MeMoSender {
        MeMoSender(
            senderID: digits(8),
            idType: .cvr,
            idTypeLabel: optionalText(),
            label: required(),
            attentionData: maybe { $0.attentionData() },
            contactPoint: maybe { $0.contactPoint() },
            representative: version == .v1_2
                ? maybe { MeMoRepresentative(representativeID: $0.digits(8), idType: .cvr, label: $0.required()) } : nil
        )
    }

    private mutating func recipient() -> MeMoRecipient {
        let isPerson = bool()
        return MeMoRecipient(
            recipientID: digits(isPerson ? 10 : 8),
            idType: isPerson ? .cpr : .cvr,
            idTypeLabel: optionalText(),
            label: optionalText(),
            attentionData: maybe { $0.attentionData() },
            contactPoint: maybe { $0.contactPoint() }
        )
    }

    private mutating func attentionData() -> MeMoAttentionData {
        MeMoAttentionData(
            attentionPerson: maybe { MeMoAttentionPerson(personID: $0.optionalText(), label: $0.optionalText()) },
            productionUnit: maybe {
                MeMoProductionUnit(productionUnitNumber: $0.digits(10), productionUnitName: $0.optionalText())
            },
            globalLocationNumber: maybe {
                MeMoGlobalLocationNumber(globalLocationNumber: $0.digits(13), location: $0.optionalText())
            },
            email: maybe { MeMoEMail(emailAddress: $0.required(), relatedAgent: $0.optionalText()) },
            seNumber: maybe { MeMoSENumber(seNumber: $0.digits(8), companyName: $0.optionalText()) },
            telephone: maybe { MeMoTelephone(telephoneNumber: $0.digits(8), relatedAgent: $0.optionalText()) },
            eid: maybe { MeMoEID(eID: $0.required(), label: $0.optionalText()) },
            contentResponsible: maybe {
                MeMoContentResponsible(contentResponsibleID: $0.optionalText(), label: $0.optionalText())
            },
            generatingSystem: maybe {
                MeMoGeneratingSystem(generatingSystemID: $0.required(), label: $0.optionalText())
            },
            sorData: maybe { MeMoSORData(sorIdentifier: $0.digits(15), entryName: $0.optionalText()) },
            address: maybe { $0.address() },
            unstructuredAddress: maybe { MeMoUnstructuredAddress(unstructured: $0.required()) }
        )
    }

    private mutating func address() -> MeMoAddress {
        MeMoAddress(
            id: maybe { $0.uuid4() },
            addressLabel: optionalText(),
            houseNumber: optionalText(),
            door: optionalText(),
            floor: optionalText(),
            co: optionalText(),
            zipCode: maybe { $0.digits(4) },
            city: optionalText(),
            country: maybe { _ in "DK" },
            addressPoint: maybe {
                MeMoAddressPoint(
                    geographicEastingMeasure: $0.maybe { "\($0.int(0...999_999)).\($0.digits(2))" },
                    geographicNorthingMeasure: $0.maybe { "\($0.int(0...9_999_999)).\($0.digits(2))" },
                    geographicHeightMeasure: $0.maybe { _ in "0.0" }
                )
            }
        )
    }

    private mutating func contactPoint() -> MeMoContactPoint {
        MeMoContactPoint(
            contactGroup: optionalText(),
            contactPointID: required(),
            label: optionalText(),
            contactInfo: many(0...2) { MeMoContactInfo(label: $0.required(), value: $0.required()) }
        )
    }

    private mutating func contentData() -> MeMoContentData {
        MeMoContentData(
            cprData: maybe { MeMoCPRData(cprNumber: $0.digits(10), name: $0.optionalText()) },
            cvrData: maybe { MeMoCVRData(cvrNumber: $0.digits(8), companyName: $0.optionalText()) },
            motorVehicle: maybe {
                MeMoMotorVehicle(licenseNumber: "AB\($0.digits(5))", chassisNumber: $0.optionalText())
            },
            propertyNumber: maybe { MeMoPropertyNumber(propertyNumber: $0.required()) },
            caseID: maybe { MeMoCaseID(caseID: $0.required(), caseSystem: $0.required()) },
            kleData: maybe {
                MeMoKLEData(
                    subjectKey: "00.00.00",
                    version: $0.required(),
                    activityFacet: $0.optionalText(),
                    label: $0.required()
                )
            },
            formData: maybe {
                MeMoFORMData(
                    taskKey: "00.00.00.00",
                    version: $0.required(),
                    activityFacet: $0.optionalText(),
                    label: $0.required()
                )
            },
            productionUnit: maybe { MeMoProductionUnit(productionUnitNumber: $0.digits(10)) },
            education: maybe { MeMoEducation(educationCode: $0.required(), educationName: $0.optionalText()) },
            address: maybe { $0.address() },
            unstructuredAddress: maybe { MeMoUnstructuredAddress(unstructured: $0.required()) },
            additionalContentData: many(0...10) {
                MeMoAdditionalContentData(
                    contentDataType: $0.optionalText(),
                    contentDataName: $0.required(),
                    contentDataValue: $0.required()
                )
            }
        )
    }

    private mutating func forwardData(version: MeMoVersion) -> MeMoForwardData {
        MeMoForwardData(
            messageUUID: uuid4(),
            originalMessageDateTime: dateTime(),
            originalSender: required(),
            originalContentResponsible: optionalText(),
            originalRepresentative: version == .v1_2 ? optionalText() : nil,
            contactPointID: optionalText(),
            comment: optionalText(maxScalars: 512)
        )
    }

    private mutating func replyData() -> MeMoReplyData {
        MeMoReplyData(
            messageID: optionalText(),
            messageUUID: uuid4(),
            replyUUID: maybe { $0.uuid4() },
            senderID: maybe { $0.digits(8) },
            recipientID: maybe { $0.digits(10) },
            caseID: optionalText(),
            contactPointID: optionalText(),
            generatingSystemID: optionalText(),
            comment: optionalText(),
            additionalReplyData: many(0...4) { MeMoAdditionalReplyData(label: $0.required(), value: $0.required()) }
        )
    }

    private mutating func body() -> MessageBody {
        // Ten attachments at most: additional and technical documents share them.
        let additional = many(0...2) {
            MeMoAdditionalDocument(
                additionalDocumentID: $0.optionalText(),
                label: $0.optionalText(),
                files: $0.many(1...3) { $0.file() },
                actions: $0.many(0...2) { $0.action() }
            )
        }
        let technical = many(0...1) {
            MeMoTechnicalDocument(
                technicalDocumentID: $0.optionalText(),
                label: $0.optionalText(),
                files: $0.many(1...3) { $0.file() }
            )
        }
        return MessageBody(
            createdDateTime: dateTime(),
            mainDocument: MeMoMainDocument(
                mainDocumentID: optionalText(),
                label: optionalText(),
                files: many(1...3) { $0.file() },
                actions: many(0...3) { $0.action() }
            ),
            additionalDocuments: additional,
            technicalDocuments: technical
        )
    }

    private mutating func file() -> MeMoFile {
        let formats = ["application/pdf", "text/plain; charset=utf-8", "application/msword", "text/xml", "image/png"]
        var filename = "f"
        for _ in 0..<int(0...10) { filename += Self.filenamePieces[int(0...(Self.filenamePieces.count - 1))] }
        return MeMoFile(
            encodingFormat: formats[int(0...(formats.count - 1))],
            filename: filename + ".pdf",
            language: ["da", "en", "kl", "fo"][int(0...3)],
            content: bytes(maxCount: 300)
        )
    }

    private mutating func action() -> MeMoAction {
        let period = maybe { $0.period() }
        return MeMoAction(
            label: required(),
            actionCode: MeMoActionCode.known[int(0...(MeMoActionCode.known.count - 1))],
            startDateTime: period?.0,
            endDateTime: period?.1,
            reservation: maybe {
                let (start, end) = $0.period()
                return MeMoReservation(
                    description: $0.required(),
                    reservationUUID: $0.uuid4(),
                    abstract: $0.required(),
                    location: $0.required(),
                    startDateTime: start,
                    endDateTime: end,
                    organizerMail: $0.optionalText(),
                    organizerName: $0.optionalText()
                )
            },
            entryPoint: maybe {
                MeMoEntryPoint(url: "https://selvbetjening.example.dk/sag/\($0.digits(6))?navn=ørn&id=\($0.digits(3))")
            }
        )
    }
}
