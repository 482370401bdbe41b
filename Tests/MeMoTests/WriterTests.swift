import Foundation
import MeMo
import Testing

@Suite("Writing MeMo XML")
struct WriterTests {
    @Test(
        "The root carries the attributes of the message's version",
        arguments: [
            (
                MeMoVersion.v1_1,
                #"<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.1" memoSchVersion="1.1.0">"#
            ),
            (MeMoVersion.v1_2, #"<memo:Message xmlns:memo="https://DigitalPost.dk/MeMo-1" memoVersion="1.2">"#),
        ]
    )
    func rootAttributes(version: MeMoVersion, expectedRoot: String) {
        let xml = String(decoding: MeMoWriter.write(validLetter(version: version)), as: UTF8.self)

        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + expectedRoot + "\n"))
        #expect(xml.hasSuffix("</memo:Message>\n"))
    }

    @Test("New messages are MeMo 1.2 unless another version is chosen")
    func defaultVersion() {
        #expect(MeMoMessage(header: validLetter().header, body: nil).version == .v1_2)
    }

    @Test("Every element and end tag of a plain letter has the memo: prefix")
    func memoPrefixEverywhere() throws {
        let xml = String(decoding: MeMoWriter.write(validLetter()), as: UTF8.self)

        let tags = xml.matches(of: try Regex("</?([^\\s>/?]+)")).map { String($0.output[1].substring!) }

        #expect(tags.count == 2 * 27)
        #expect(tags.allSatisfy { $0.hasPrefix("memo:") })
    }

    @Test(
        "MeMo's own elements have the memo: prefix even beside borrowed namespaces",
        arguments: [Fixture.full11, Fixture.full12]
    )
    func memoPrefixBesideBorrowedNamespaces(fixture: Fixture) throws {
        let xml = String(decoding: MeMoWriter.write(try fixture.message()), as: UTF8.self)

        let prefixes = Set(try startTags(xml).map { $0.split(separator: ":")[0] })

        #expect(prefixes == ["memo", "grd", "gln", "sor", "dmv", "kle", "form", "udd"])
        #expect(!xml.contains("xmlns:pnum"))
    }

    @Test("Text with XML's special characters is escaped and reads back unchanged")
    func escaping() throws {
        var message = validLetter()
        message.header.label = "<Husleje> & \"depositum\" 'nu'\r\nÆøå ☃ مرحبا 👩‍👩‍👧"

        let data = MeMoWriter.write(message)
        let xml = String(decoding: data, as: UTF8.self)

        #expect(xml.contains("<memo:label>&lt;Husleje&gt; &amp; \"depositum\" 'nu'&#13;\nÆøå ☃ مرحبا 👩‍👩‍👧</memo:label>"))
        #expect(try MeMoParser().parse(data) == message)
    }

    @Test("Characters XML cannot carry are written as U+FFFD and reported by the validator")
    func unrepresentableCharacters() throws {
        var message = validLetter()
        message.header.label = "Bell\u{7}and\u{FFFE}"

        let reread = try MeMoParser().parse(MeMoWriter.write(message))

        #expect(reread.header.label == "Bell\u{FFFD}and\u{FFFD}")
        #expect(findings(MeMoValidator.validate(message)) == ["MessageHeader.label INVALID_CHARACTER"])
    }

    @Test("File content is written as the same base64 as Foundation's", arguments: 0...7)
    func base64(length: Int) throws {
        let bytes = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 200) })
        var message = validLetter()
        message.body!.mainDocument.files[0].content = bytes

        let xml = String(decoding: MeMoWriter.write(message), as: UTF8.self)

        #expect(xml.contains("<memo:content>\(bytes.base64EncodedString())</memo:content>"))
        #expect(try MeMoParser().parse(MeMoWriter.write(message)) == message)
    }

    @Test("Optional elements left out of the model are left out of the XML")
    func absentOptionals() {
        var message = validLetter()
        message.header.messageID = nil
        message.header.mandatory = nil

        let xml = String(decoding: MeMoWriter.write(message), as: UTF8.self)

        #expect(!xml.contains("messageID"))
        #expect(!xml.contains("mandatory"))
        #expect(xml.contains("<memo:legalNotification>true</memo:legalNotification>"))
    }

    @Test("A NemSMS is written without a MessageBody")
    func nemSMS() throws {
        var message = validLetter()
        message.header.messageType = .nemSMS
        message.body = nil

        let data = MeMoWriter.write(message)

        #expect(!String(decoding: data, as: UTF8.self).contains("MessageBody"))
        #expect(try MeMoParser().parse(data) == message)
    }
}
