import Foundation
import Testing

@testable import MeMo

/// The parser reads runs of file content itself instead of through expat. These tests parse the
/// same bytes both ways and require the same message or the same error, position included, for
/// every way the content may be written or broken.
@Suite("File content read past expat")
struct ContentSkippingTests {
    struct Outcome: Equatable {
        let result: Result<MeMoMessage, MeMoParseError>
        let skippedBytes: Int
    }

    static func parse(_ xml: String, skipping: Bool, keepsFileContents: Bool) -> Outcome {
        do throws(MeMoParseError) {
            let (root, skipped) = try ExpatTreeBuilder.read(
                Data(xml.utf8),
                limits: .default,
                keepsFileContents: keepsFileContents,
                skipsContent: skipping
            )
            return Outcome(result: .success(try MeMoTreeDecoder.decode(root)), skippedBytes: skipped)
        } catch {
            return Outcome(result: .failure(error), skippedBytes: 0)
        }
    }

    /// A letter with a 3,000-byte file, written, and the base64 of that file.
    static func letter(seed: UInt64) -> (xml: String, content: String) {
        var random = SeededGenerator(seed: seed)
        var message = validLetter()
        message.body!.mainDocument.files[0].content = Data(
            (0..<3000).map { _ in UInt8.random(in: 0...255, using: &random) }
        )
        let xml = String(decoding: MeMoWriter.write(message), as: UTF8.self)
        return (xml, message.body!.mainDocument.files[0].content.base64EncodedString())
    }

    /// Splits `text` into lines of `width` characters.
    static func lines(_ text: String, width: Int, separator: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(rest.prefix(width))
            rest = rest.dropFirst(width)
        }
        return lines.joined(separator: separator)
    }

    /// Ways to write the same content, and ways to break it or what follows it; `skips` tells
    /// whether at least part of the content must be read past expat.
    static let variants: [(name: String, skips: Bool, change: @Sendable (String) -> String)] = [
        ("as written", true, { $0 }),
        ("lines of 76, CR LF", true, { lines($0, width: 76, separator: "\r\n") }),
        (
            "lines of 64, LF, indented", true,
            { "\n        " + lines($0, width: 64, separator: "\n        ") + "\n      " }
        ),
        ("lines of 76, lone CR", true, { lines($0, width: 76, separator: "\r") }),
        ("a comment inside", true, { insert("<!-- note -->", into: $0, at: 1000) }),
        ("a CDATA section inside", true, { wrap($0, at: 1000, length: 8, "<![CDATA[", "]]>") }),
        ("a character reference inside", true, { replace($0, at: 1000) { "&#\($0.asciiValue!);" } }),
        ("an invalid character inside", true, { replace($0, at: 1000) { _ in "!" } }),
        ("padding inside", true, { "QQ==" + $0 }),
        ("a bare ampersand inside", true, { insert("&", into: $0, at: 1000) }),
        ("a tag left open inside", true, { insert("<memo:x>", into: $0, at: 1000) }),
        ("a non-ASCII character inside", true, { insert("ø", into: $0, at: 1000) }),
        (
            "lines of 76 and a character that is not XML", true,
            { insert("\u{1}", into: lines($0, width: 76, separator: "\r\n"), at: 1500) }
        ),
        ("invalid base64, then ]]>", true, { insert("=]]>", into: $0, at: 1000) }),
        ("padding inside, then ]]>", true, { "QQ==" + $0 + "]]>" }),
        ("only white space first", false, { String(repeating: " ", count: 20) + $0 }),
        ("empty", false, { _ in "" }),
    ]

    static func insert(_ piece: String, into text: String, at offset: Int) -> String {
        let index = text.index(text.startIndex, offsetBy: offset)
        return String(text[..<index]) + piece + String(text[index...])
    }

    static func wrap(_ text: String, at offset: Int, length: Int, _ open: String, _ close: String) -> String {
        let start = text.index(text.startIndex, offsetBy: offset)
        let end = text.index(start, offsetBy: length)
        return String(text[..<start]) + open + String(text[start..<end]) + close + String(text[end...])
    }

    static func replace(_ text: String, at offset: Int, with piece: (Character) -> String) -> String {
        let index = text.index(text.startIndex, offsetBy: offset)
        return String(text[..<index]) + piece(text[index]) + String(text[text.index(after: index)...])
    }

    @Test("Content written or broken any way reads the same as through expat", arguments: 0..<variants.count)
    func sameAsExpat(variant: Int) {
        let (name, skips, change) = Self.variants[variant]
        for seed in UInt64(0)..<4 {
            let (xml, content) = Self.letter(seed: seed)
            let changed = xml.replacingOccurrences(of: content, with: change(content))
            for keeps in [true, false] {
                let slow = Self.parse(changed, skipping: false, keepsFileContents: keeps)
                let fast = Self.parse(changed, skipping: true, keepsFileContents: keeps)
                #expect(fast.result == slow.result, "\(name), seed \(seed), keeping contents: \(keeps)")
                #expect(slow.skippedBytes == 0)
                if skips, case .success = fast.result {
                    #expect(fast.skippedBytes > 0, "\(name): the content was not read past expat")
                }
            }
        }
    }

    @Test(
        "What follows the content, broken, is reported where it is in the whole document",
        arguments: [
            "</memo:contents>", "</memo:content><", "</memo:content>\r\n<memo:x>\r\n<", "</memo:content>\n  ø<memo:y>",
            "", "\r", "\r\n",
        ]
    )
    func errorPositionAfterContent(ending: String) throws {
        let (xml, content) = Self.letter(seed: 7)
        for layout in [
            { $0 }, { Self.lines($0, width: 76, separator: "\r\n") }, { Self.lines($0, width: 64, separator: "\n") },
        ] as [(String) -> String] {
            let start = try #require(xml.range(of: "<memo:content>"))
            let broken = String(xml[..<start.upperBound]) + layout(content) + ending
            let slow = Self.parse(broken, skipping: false, keepsFileContents: false)
            let fast = Self.parse(broken, skipping: true, keepsFileContents: false)
            guard case .failure(.malformedXML) = slow.result else {
                Issue.record("expected a malformed document, got \(slow.result)")
                continue
            }
            #expect(fast.result == slow.result)
        }
    }

    @Test("Something that looks like content but is not is read by expat")
    func decoys() {
        let (xml, content) = Self.letter(seed: 3)
        let decoy = String(content.prefix(200))
        let changed = [
            ("<memo:MessageHeader>", "<memo:MessageHeader><!-- <memo:content>\(decoy) -->"),
            ("<memo:label>", "<memo:label><?pi content>\(decoy)?>"),
            ("</memo:content>", "</memo:content><!-- </memo:content>\(decoy) -->"),
        ].reduce(xml) { xml, change in
            // The first occurrence only: a few decoys, not one in every label.
            xml.replacingCharacters(in: xml.range(of: change.0)!, with: change.1)
        }
        let slow = Self.parse(changed, skipping: false, keepsFileContents: true)
        let fast = Self.parse(changed, skipping: true, keepsFileContents: true)
        #expect(fast.result == slow.result)
        guard case .success(let message) = fast.result else {
            Issue.record("expected the letter, got \(fast.result)")
            return
        }
        #expect(message.body?.mainDocument.files[0].content.base64EncodedString() == content)
        #expect(fast.skippedBytes == content.utf8.count)
    }

    @Test("A label that looks like content is text, held to the text limit")
    func labelLikeContent() {
        let (xml, _) = Self.letter(seed: 5)
        let label = String(repeating: "QUJD", count: 20_000)
        let changed = xml.replacingOccurrences(
            of: "<memo:label>Påkrav om betaling af husleje",
            with: "<memo:label>\(label)"
        )
        let fast = Self.parse(changed, skipping: true, keepsFileContents: true)
        #expect(
            fast.result == .failure(.textTooLong(path: "MessageHeader.label", limit: MeMoLimits.default.maxTextBytes))
        )
        #expect(fast.result == Self.parse(changed, skipping: false, keepsFileContents: true).result)
    }
}
