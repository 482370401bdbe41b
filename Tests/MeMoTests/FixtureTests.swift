import Foundation
import MeMo
import Testing

/// The official MeMo examples (`Fixtures/memo`), both versions, Minimum and Full.
@Suite("Official MeMo fixtures")
struct FixtureTests {
    @Test("Every official fixture parses as its version", arguments: Fixture.all)
    func parses(fixture: Fixture) throws {
        let message = try fixture.message()

        #expect(message.version == fixture.version)
        #expect(message.header.messageUUID == "8C2EA15D-61FB-4BA9-9366-42F8B194C114")
        #expect(message.header.recipient.recipientID == "2211771212")
        #expect(message.body?.mainDocument.files.first?.content == Data("This is a test".utf8))
    }

    /// Read as NgDP delivers them, every official example is valid.
    @Test("Every official fixture validates as received mail", arguments: Fixture.all)
    func validatesAsReceived(fixture: Fixture) throws {
        let errors = MeMoValidator.validate(try fixture.message(), context: .incoming)

        #expect(errors.isEmpty, "\(findings(errors))")
    }

    /// Where a fixture breaks a rule digital-post.md sets for what we send, the rule stays for
    /// our own letters and the breach is listed:
    /// - both Full examples have three actions whose endDateTime is before their startDateTime;
    /// - the 1.1 Full example links with http, not https;
    /// - the 1.2 Minimum example leaves out mandatory and legalNotification, which the design marks
    ///   as required.
    @Test(
        "Fixtures validate with exactly their known breaches",
        arguments: [
            (Fixture.minimum11, []),
            (
                Fixture.full11,
                [
                    "MessageBody.MainDocument.Action[0].EntryPoint.url NOT_HTTPS",
                    "MessageBody.MainDocument.Action[1].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[0].Action[0].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[0].Action[0].EntryPoint.url NOT_HTTPS",
                    "MessageBody.AdditionalDocument[1].Action[0].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[1].Action[0].EntryPoint.url NOT_HTTPS",
                ]
            ),
            (Fixture.minimum12, ["MessageHeader.mandatory REQUIRED", "MessageHeader.legalNotification REQUIRED"]),
            (
                Fixture.full12,
                [
                    "MessageBody.MainDocument.Action[1].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[0].Action[0].endDateTime INVALID_PERIOD",
                    "MessageBody.AdditionalDocument[1].Action[0].endDateTime INVALID_PERIOD",
                ]
            ),
        ] as [(Fixture, [String])]
    )
    func knownBreaches(fixture: Fixture, expected: [String]) throws {
        let errors = MeMoValidator.validate(try fixture.message(), context: .outgoingPublicSender)

        #expect(findings(errors) == Set(expected))
        #expect(errors.count == expected.count)
    }

    @Test("Writing a fixture and reading it back gives the same message", arguments: Fixture.all)
    func roundTrip(fixture: Fixture) throws {
        let message = try fixture.message()

        let reread = try MeMoParser().parse(MeMoWriter.write(message))

        #expect(reread == message)
    }

    /// The strongest check of order and completeness: the written document has exactly the
    /// fixture's elements (comments aside), with the same prefixes, in the same order.
    @Test("Writing a fixture keeps every element, its prefix and its order", arguments: Fixture.all)
    func elementOrder(fixture: Fixture) throws {
        let expected = try startTags(try fixture.text)

        let written = String(decoding: MeMoWriter.write(try fixture.message()), as: UTF8.self)

        #expect(expected.count >= 20)
        #expect(try startTags(written) == expected)
    }

    @Test("The 1.2 Full fixture's details are read into the model")
    func fullDetails() throws {
        let header = try Fixture.full12.message().header
        let body = try #require(try Fixture.full12.message().body)

        #expect(
            header.sender.representative
                == MeMoRepresentative(representativeID: "87654321", label: "Repræsentant Kommune")
        )
        #expect(header.forwardData?.originalRepresentative == "Repræsentant Kommune")
        #expect(header.sender.attentionData?.address?.addressPoint?.geographicHeightMeasure == "0.0")
        #expect(header.recipient.attentionData?.unstructuredAddress?.unstructured == "Bakketoppen 6, 9000 Aalborg")
        #expect(header.contentData?.kleData?.activityFacet == "[Tekst]")
        #expect(header.contentData?.additionalContentData.map(\.contentDataValue) == ["Værdi 1", "Værdi 2"])
        #expect(header.replyData.map(\.additionalReplyData.count) == [2, 4])
        #expect(header.doNotDeliverUntilDate == MeMoDate(year: 2025, month: 9, day: 15))
        #expect(
            body.additionalDocuments[1].actions[0].entryPoint?.url.hasSuffix("key=5798009811578&keytype=GLN") == true
        )
        #expect(body.mainDocument.actions[1].reservation?.endDateTime == MeMoDateTime("2018-11-10T12:00:00Z"))
        #expect(body.technicalDocuments.map(\.technicalDocumentID) == ["222555"])
    }

    @Test("Elements commented out in the 1.1 Full fixture are absent from the model")
    func commentedOutElements() throws {
        let header = try Fixture.full11.message().header

        #expect(header.recipient.idTypeLabel == nil)
        #expect(header.recipient.attentionData?.address == nil)
        #expect(header.sender.attentionData?.unstructuredAddress == nil)
        #expect(header.sender.representative == nil)
    }
}
