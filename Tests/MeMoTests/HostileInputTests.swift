import Foundation
import MeMo
import Testing

/// Untrusted XML (digital-post.md, "Incoming XML is untrusted"): each document is refused with its
/// own error, and every parse returns (time is bounded by the limits, never asserted here).
@Suite("Hostile input")
struct HostileInputTests {
    /// One hostile document and the error it must give. `nil` expects `malformedXML` at any place.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let limits: MeMoLimits
        let expected: MeMoParseError?
        let document: @Sendable () -> Data

        init(
            _ name: String,
            _ expected: MeMoParseError?,
            limits: MeMoLimits = .default,
            _ document: @escaping @Sendable () -> Data
        ) {
            self.name = name
            self.limits = limits
            self.expected = expected
            self.document = document
        }

        var testDescription: String { name }
    }

    static let label = "<memo:label>Påkrav om betaling af husleje</memo:label>"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// The valid letter's XML with one substitution.
    static func letter(
        version: MeMoVersion = .v1_2,
        _ edit: @escaping @Sendable (String) -> String = { $0 }
    ) -> @Sendable () -> Data {
        { Data(edit(String(decoding: MeMoWriter.write(validLetter(version: version)), as: UTF8.self)).utf8) }
    }

    static func replacing(
        _ target: String,
        with replacement: String,
        version: MeMoVersion = .v1_2
    ) -> @Sendable () -> Data {
        letter(version: version) { xml in
            precondition(xml.contains(target), "The letter has no \(target)")
            return xml.replacingOccurrences(of: target, with: replacement)
        }
    }

    /// The letter with raw bytes in place of the label's text.
    static func labelBytes(_ bytes: [UInt8]) -> @Sendable () -> Data {
        {
            let xml = String(decoding: MeMoWriter.write(validLetter()), as: UTF8.self)
            let parts = xml.components(separatedBy: "Påkrav om betaling af husleje</memo:label>")
            return Data(parts[0].utf8) + Data(bytes) + Data(("</memo:label>" + parts[1]).utf8)
        }
    }

    /// A label of `megabytes` MB, built as bytes to keep the test fast.
    static func hugeLabel(megabytes: Int) -> @Sendable () -> Data {
        {
            let xml = String(decoding: MeMoWriter.write(validLetter()), as: UTF8.self)
            let parts = xml.components(separatedBy: "Påkrav om betaling af husleje")
            return Data(parts[0].utf8) + Data(repeating: UInt8(ascii: "A"), count: megabytes * 1_000_000)
                + Data(parts[1].utf8)
        }
    }

    static let billionLaughs = """
        <!DOCTYPE memo:Message [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>

        """

    static let rows: [Row] = [
        // Entities and DTDs: a DOCTYPE is refused as soon as it starts, before any declaration in it.
        Row(
            "Billion laughs (entity expansion)",
            .doctypeNotAllowed,
            letter {
                $0.replacingOccurrences(of: declaration, with: declaration + billionLaughs)
                    .replacingOccurrences(of: "Påkrav om betaling af husleje", with: "&lol9;")
            }
        ),
        Row(
            "External entity (file:///etc/passwd)",
            .doctypeNotAllowed,
            letter {
                $0.replacingOccurrences(
                    of: declaration,
                    with: declaration + "<!DOCTYPE memo:Message [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                ).replacingOccurrences(of: "Påkrav om betaling af husleje", with: "&xxe;")
            }
        ),
        Row(
            "External DTD subset",
            .doctypeNotAllowed,
            letter {
                $0.replacingOccurrences(
                    of: declaration,
                    with: declaration + "<!DOCTYPE memo:Message SYSTEM \"http://example.invalid/memo.dtd\">\n"
                )
            }
        ),
        Row(
            "Parameter entity",
            .doctypeNotAllowed,
            letter {
                $0.replacingOccurrences(
                    of: declaration,
                    with: declaration
                        + "<!DOCTYPE memo:Message [<!ENTITY % remote SYSTEM \"http://example.invalid/x\"> %remote;]>\n"
                )
            }
        ),
        Row(
            "DOCTYPE alone",
            .doctypeNotAllowed,
            letter {
                $0.replacingOccurrences(of: declaration, with: declaration + "<!DOCTYPE memo:Message>\n")
            }
        ),
        Row(
            "Reference to an undeclared entity",
            .entityNotAllowed,
            replacing("Påkrav om betaling", with: "&xxe; betaling")
        ),
        // Size, depth, count, text and time.
        Row(
            "100-level nesting",
            .tooDeep(limit: 32),
            replacing(
                label,
                with: label + String(repeating: "<memo:n>", count: 100)
                    + String(repeating: "</memo:n>", count: 100)
            )
        ),
        Row(
            "More elements than the limit",
            .tooManyElements(limit: 100_000),
            replacing(
                label,
                with: label
                    + String(repeating: "<memo:n/>", count: 100_001)
            )
        ),
        Row(
            "More elements than a lowered limit",
            .tooManyElements(limit: 20),
            limits: MeMoLimits(maxElements: 20),
            letter()
        ),
        Row(
            "A 50 MB text node in a label",
            .textTooLong(path: "MessageHeader.label", limit: 65_536),
            hugeLabel(megabytes: 50)
        ),
        Row(
            "A 50 MB label over a 10 MB byte limit",
            .tooLarge(limit: 10_000_000),
            limits: MeMoLimits(maxBytes: 10_000_000),
            hugeLabel(megabytes: 50)
        ),
        Row("No time at all", .timeLimitExceeded, limits: MeMoLimits(timeLimit: .zero), letter()),
        // Encoding.
        Row("Invalid UTF-8: byte FF", nil, labelBytes([0xFF])),
        Row("Invalid UTF-8: lead byte without continuation", nil, labelBytes([0xC3, 0x28])),
        Row("Invalid UTF-8: overlong slash", nil, labelBytes([0xC0, 0xAF])),
        Row("Invalid UTF-8: surrogate half", nil, labelBytes([0xED, 0xA0, 0x80])),
        Row("Invalid UTF-8: beyond U+10FFFF", nil, labelBytes([0xF4, 0x90, 0x80, 0x80])),
        Row(
            "Latin-1 declared and used",
            nil,
            {
                Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".utf8)
                    + labelBytes([0x6B, 0xF8, 0x62])().dropFirst(declaration.utf8.count)
            }
        ),
        Row(
            "UTF-16 instead of UTF-8",
            nil,
            {
                var data = Data([0xFF, 0xFE])
                for unit in String(decoding: letter()(), as: UTF8.self).utf16 {
                    data += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                }
                return data
            }
        ),
        Row(
            "UTF-16 declared, without a byte-order mark",
            nil,
            {
                var data = Data()
                let xml = String(decoding: letter()(), as: UTF8.self).replacingOccurrences(of: "UTF-8", with: "UTF-16")
                for unit in xml.utf16 { data += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
                return data
            }
        ),
        // Namespaces and names.
        Row(
            "Root in another namespace",
            .wrongRoot,
            replacing("https://DigitalPost.dk/MeMo-1", with: "https://DigitalPost.dk/MeMo-2")
        ),
        Row(
            "Root without a namespace",
            .wrongRoot,
            { Data("<Message memoVersion=\"1.2\"><MessageHeader/></Message>".utf8) }
        ),
        Row(
            "Root other than Message",
            .wrongRoot,
            letter {
                $0.replacingOccurrences(of: "<memo:Message ", with: "<memo:Letter ")
                    .replacingOccurrences(of: "</memo:Message>", with: "</memo:Letter>")
            }
        ),
        Row(
            "A label under a prefix bound to another namespace",
            .unexpectedElement(path: "MessageHeader.{urn:example:other}label"),
            replacing(label, with: "<x:label xmlns:x=\"urn:example:other\">Påkrav</x:label>")
        ),
        Row(
            "A label in a borrowed namespace",
            .unexpectedElement(path: "MessageHeader.grd:label"),
            replacing(label, with: "<grd:label xmlns:grd=\"https://data.gov.dk/model/core/\">Påkrav</grd:label>")
        ),
        Row(
            "An extra element in another namespace",
            .unexpectedElement(path: "MessageHeader.{urn:example:other}note"),
            replacing(label, with: label + "<x:note xmlns:x=\"urn:example:other\">hej</x:note>")
        ),
        Row(
            "An unprefixed element without a namespace",
            .unexpectedElement(path: "MessageHeader.{}note"),
            replacing(label, with: label + "<note>hej</note>")
        ),
        Row(
            "An unknown MeMo element inside Sender",
            .unexpectedElement(path: "MessageHeader.Sender.nickname"),
            replacing("</memo:Sender>", with: "<memo:nickname>x</memo:nickname></memo:Sender>")
        ),
        Row("An unprefixed prefix", nil, replacing(label, with: "<undeclared:label>x</undeclared:label>")),
        // Structure.
        Row("Missing label", .missingElement(path: "MessageHeader.label"), replacing(label, with: "")),
        Row(
            "Missing messageUUID",
            .missingElement(path: "MessageHeader.messageUUID"),
            letter {
                $0.replacing(/\s*<memo:messageUUID>[^<]*<\/memo:messageUUID>/, with: "")
            }
        ),
        Row(
            "Missing Sender",
            .missingElement(path: "MessageHeader.Sender"),
            letter {
                $0.replacing(/\s*<memo:Sender>.*<\/memo:Sender>/.dotMatchesNewlines(), with: "")
            }
        ),
        Row(
            "Missing the main document's file",
            .missingElement(path: "MessageBody.MainDocument.File"),
            letter {
                $0.replacing(/\s*<memo:File>.*<\/memo:File>/.dotMatchesNewlines(), with: "")
            }
        ),
        Row(
            "Label before messageUUID",
            .unexpectedElement(path: "MessageHeader.label"),
            letter {
                $0.replacingOccurrences(of: label, with: "")
                    .replacingOccurrences(of: "<memo:messageUUID>", with: label + "<memo:messageUUID>")
            }
        ),
        Row("Label twice", .unexpectedElement(path: "MessageHeader.label"), replacing(label, with: label + label)),
        Row(
            "A 1.1 message with Representative",
            .unexpectedElement(path: "MessageHeader.Sender.Representative"),
            replacing(
                "</memo:Sender>",
                with:
                    "<memo:Representative><memo:representativeID>87654321</memo:representativeID><memo:idType>CVR</memo:idType><memo:label>Administration A/S</memo:label></memo:Representative></memo:Sender>",
                version: .v1_1
            )
        ),
        Row(
            "Text inside an element of elements",
            .invalidValue(path: "MessageHeader.Sender", reason: "text is not allowed in this element"),
            replacing("<memo:senderID>", with: "Hej<memo:senderID>")
        ),
        Row(
            "An attribute on an element",
            .invalidValue(path: "MessageHeader.label", reason: "attributes are not allowed here"),
            replacing("<memo:label>Påkrav", with: "<memo:label lang=\"da\">Påkrav")
        ),
        Row(
            "An unknown attribute on the root",
            .invalidValue(path: "Message", reason: "the attribute {}id is not allowed"),
            replacing("memoVersion=", with: "id=\"1\" memoVersion=")
        ),
        Row(
            "File content that is not base64",
            .invalidValue(path: "MessageBody.MainDocument.File[0].content", reason: "the content is not valid base64"),
            letter { $0.replacing(/<memo:content>[^<]*</, with: "<memo:content>JVBER!0xLjc=<") }
        ),
        Row(
            "File content cut inside a group",
            .invalidValue(path: "MessageBody.MainDocument.File[0].content", reason: "the content is not valid base64"),
            letter { $0.replacing(/<memo:content>[^<]*</, with: "<memo:content>QUJ<") }
        ),
        Row(
            "An element inside file content",
            .unexpectedElement(path: "MessageBody.MainDocument.File[0].content.b"),
            letter { $0.replacing(/<memo:content>[^<]*</, with: "<memo:content>QUJD<memo:b/><") }
        ),
        Row(
            "A date-time with an offset",
            .invalidValue(
                path: "MessageBody.createdDateTime",
                reason: "expected a UTC date-time ending in Z, such as 2024-05-03T12:00:00Z"
            ),
            replacing("2025-03-01T08:30:00Z", with: "2025-03-01T09:30:00+01:00")
        ),
        Row(
            "A boolean other than true or false",
            .invalidValue(path: "MessageHeader.mandatory", reason: "expected true or false"),
            replacing("<memo:mandatory>false", with: "<memo:mandatory>nej")
        ),
        Row(
            "An unknown messageType",
            .invalidValue(path: "MessageHeader.messageType", reason: "expected DIGITALPOST or NEMSMS"),
            replacing(">DIGITALPOST<", with: ">BREV<")
        ),
        // Versions.
        Row(
            "MeMo version 2.0",
            .unsupportedVersion("2.0"),
            replacing("memoVersion=\"1.2\"", with: "memoVersion=\"2.0\"")
        ),
        Row("No memoVersion", .unsupportedVersion(""), replacing(" memoVersion=\"1.2\"", with: "")),
        Row(
            "Version 1.1 with another schema version",
            .unsupportedVersion("1.1 (memoSchVersion 2.0.0)"),
            replacing("memoSchVersion=\"1.1.0\"", with: "memoSchVersion=\"2.0.0\"", version: .v1_1)
        ),
        // Not well-formed.
        Row("A truncated document", nil, { letter()().prefix(700) }),
        Row("An empty document", .malformedXML(line: 1, column: 0, reason: "no element found"), { Data() }),
        Row("Only a byte-order mark and a comment", nil, { Data([0xEF, 0xBB, 0xBF]) + Data("<!-- tom -->".utf8) }),
        Row("Text after the root", nil, { letter()() + Data("<memo:Message/>".utf8) }),
    ]

    @Test("A hostile document is refused with its own error", arguments: rows)
    func refused(row: Row) throws {
        let document = row.document()

        let result = parseResult(document, limits: row.limits)

        guard case .failure(let error) = result else {
            Issue.record("\(row.name) was accepted")
            return
        }
        if let expected = row.expected {
            #expect(error == expected)
        } else {
            guard case .malformedXML = error else {
                Issue.record("Expected malformed XML, got \(error)")
                return
            }
        }
    }

    @Test("The error descriptions name elements, never their content")
    func descriptionsHideContent() {
        let cpr = "0707614285"
        let rows: [@Sendable () -> Data] = [
            Self.replacing("<memo:label>Påkrav", with: "<memo:label x=\"\(cpr)\">Påkrav"),
            Self.replacing("<memo:mandatory>false", with: "<memo:mandatory>\(cpr)"),
            Self.replacing("</memo:Sender>", with: "\(cpr)</memo:Sender>"),
            Self.replacing("2025-03-01T08:30:00Z", with: cpr),
        ]

        for document in rows {
            let result = parseResult(document())

            guard case .failure(let error) = result else {
                Issue.record("accepted")
                continue
            }
            #expect(!error.description.contains(cpr))
            #expect(!"\(error)".contains(cpr))
        }
    }
}
