import Foundation
import MeMo
import Testing

/// What the parser accepts beyond the exact form we write: any prefix for the MeMo namespace,
/// comments and processing instructions, XML Schema's lexical freedoms.
@Suite("Reading MeMo XML")
struct ParserTests {
    static func letterXML() -> String {
        String(decoding: MeMoWriter.write(validLetter()), as: UTF8.self)
    }

    @Test(
        "A letter reads the same whatever prefix binds the MeMo namespace",
        arguments: [
            (
                "another prefix",
                { @Sendable (xml: String) in
                    xml.replacingOccurrences(of: "memo:", with: "m:").replacingOccurrences(
                        of: "xmlns:memo=",
                        with: "xmlns:m="
                    )
                }
            ),
            (
                "the default namespace",
                { @Sendable (xml: String) in
                    xml.replacingOccurrences(of: "memo:", with: "").replacingOccurrences(
                        of: "xmlns:memo=",
                        with: "xmlns="
                    )
                }
            ),
            (
                "a prefix declared again on an inner element",
                { @Sendable (xml: String) in
                    xml.replacingOccurrences(
                        of: "<memo:Sender>",
                        with: "<p:Sender xmlns:p=\"https://DigitalPost.dk/MeMo-1\">"
                    )
                    .replacingOccurrences(of: "</memo:Sender>", with: "</p:Sender>")
                }
            ),
        ] as [(String, @Sendable (String) -> String)]
    )
    func anyPrefix(name: String, rewrite: @Sendable (String) -> String) throws {
        let rewritten = rewrite(Self.letterXML())

        let message = try MeMoParser().parse(Data(rewritten.utf8))

        #expect(rewritten != Self.letterXML())
        #expect(message == validLetter())
    }

    @Test("A byte-order mark, comments and processing instructions before the root are accepted")
    func prolog() throws {
        let xml = Self.letterXML().replacingOccurrences(
            of: "?>\n",
            with: "?>\n<!-- brev -->\n<?xml-stylesheet type=\"text/xsl\" href=\"memo.xsl\"?>\n"
        )

        let message = try MeMoParser().parse(Data([0xEF, 0xBB, 0xBF]) + Data(xml.utf8))

        #expect(message == validLetter())
    }

    @Test("File content may be wrapped over lines or given as CDATA")
    func base64Forms() throws {
        let expected = Data("Dette er et brev med en lidt længere tekst, så base64 fylder flere linjer.".utf8)
        var message = validLetter()
        message.body!.mainDocument.files[0].content = expected
        let base64 = expected.base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn])
        let xml = String(decoding: MeMoWriter.write(message), as: UTF8.self)

        let wrapped = xml.replacingOccurrences(of: expected.base64EncodedString(), with: "\n  " + base64 + "\n")
        let cdata = xml.replacingOccurrences(of: expected.base64EncodedString(), with: "<![CDATA[" + base64 + "]]>")

        #expect(base64.contains("\r"))
        #expect(try MeMoParser().parse(Data(wrapped.utf8)).body?.mainDocument.files[0].content == expected)
        #expect(try MeMoParser().parse(Data(cdata.utf8)).body?.mainDocument.files[0].content == expected)
    }

    @Test("Without file contents: every file checked and counted, no bytes kept, the same validation")
    func withoutFileContents() throws {
        var message = validLetter()
        message.body!.mainDocument.files[0].content = Data(repeating: 7, count: 12_345)
        let xml = MeMoWriter.write(message)

        let counted = try MeMoParser(keepsFileContents: false).parse(xml)

        let file = try #require(counted.body?.mainDocument.files.first)
        #expect(file.content.isEmpty)
        #expect(file.contentBytes == 12_345)
        #expect(try MeMoParser().parse(xml).body?.mainDocument.files.first?.contentBytes == 12_345)
        #expect(
            MeMoValidator.validate(counted, context: .incoming)
                == MeMoValidator.validate(try MeMoParser().parse(xml), context: .incoming)
        )
        let broken = String(decoding: xml, as: UTF8.self).replacingOccurrences(of: "BwcH", with: "B!cH")
        #expect(throws: MeMoParseError.self) { try MeMoParser(keepsFileContents: false).parse(Data(broken.utf8)) }
    }

    @Test("Booleans, dates and date-times may be surrounded by white space; booleans may be 1 and 0")
    func typedValueLexicalForms() throws {
        let xml = Self.letterXML()
            .replacingOccurrences(of: "<memo:mandatory>false<", with: "<memo:mandatory> 1\n<")
            .replacingOccurrences(of: "<memo:legalNotification>true<", with: "<memo:legalNotification>0<")
            .replacingOccurrences(of: "2025-03-01T08:30:00Z", with: "\n\t2025-03-01T08:30:00.000Z ")

        let header = try MeMoParser().parse(Data(xml.utf8))

        #expect(header.header.mandatory == true)
        #expect(header.header.legalNotification == false)
        #expect(header.body?.createdDateTime == MeMoDateTime("2025-03-01T08:30:00Z"))
    }

    @Test("Text keeps its white space exactly")
    func textWhiteSpace() throws {
        var message = validLetter()
        message.header.label = "  Påkrav\t\n  "
        message.header.messageID = ""

        #expect(try MeMoParser().parse(MeMoWriter.write(message)) == message)
    }

    @Test("White space between elements does not count towards the text limit")
    func layoutWhiteSpace() throws {
        let indentation = "\n" + String(repeating: " ", count: 70_000)
        let xml = Self.letterXML()
            .replacingOccurrences(of: "<memo:label>Påkrav om", with: indentation + "<memo:label>Påkrav om")
            .replacingOccurrences(of: "</memo:MessageHeader>", with: indentation + "</memo:MessageHeader>")

        #expect(try MeMoParser().parse(Data(xml.utf8)) == validLetter())
    }

    @Test("Schema location hints on the root are accepted and dropped")
    func schemaLocation() throws {
        let xml = Self.letterXML().replacingOccurrences(
            of: " memoVersion=",
            with:
                " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"https://DigitalPost.dk/MeMo-1 MeMo_Message.xsd\" memoVersion="
        )

        #expect(try MeMoParser().parse(Data(xml.utf8)) == validLetter())
    }

    @Test("Elements in a parse error path carry their position when they repeat")
    func repeatedElementPath() {
        var message = validLetter()
        message.body!.mainDocument.files.append(message.body!.mainDocument.files[0])
        let xml = String(decoding: MeMoWriter.write(message), as: UTF8.self)
        let broken = xml.replacingLastOccurrence(of: "<memo:language>da</memo:language>", with: "")

        let result = parseResult(Data(broken.utf8))

        #expect(result.failure == .missingElement(path: "MessageBody.MainDocument.File[1].language"))
    }
}

extension String {
    func replacingLastOccurrence(of target: String, with replacement: String) -> String {
        guard let range = range(of: target, options: .backwards) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
