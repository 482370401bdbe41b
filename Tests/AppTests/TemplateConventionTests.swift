import Foundation
import Leaf
import Testing

@testable import App

/// The views keep to what makes Leaf fast (issue: Fast pages): a condition tests a boolean or
/// `some(x)` / `none(x)`, not a count or a number compared with 0 (see `PresenceTag`).
@Suite("Template conventions")
struct TemplateConventionTests {
    @Test func noViewComparesACountWithZero() throws {
        let views = URL(fileURLWithPath: Resources.directory + "Views/")
        let files = try FileManager.default.contentsOfDirectory(at: views, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "leaf" }
        #expect(files.count > 50)
        let comparison = try Regex(#"count\([^)]*\)\s*(==|!=|>)\s*0\b"#)
        let offending = try files.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").enumerated()
                .filter { $0.element.contains(comparison) }
                .map { "\(file.lastPathComponent):\($0.offset + 1)" }
        }
        #expect(offending.isEmpty, "use some(x) or none(x): \(offending)")
    }

    /// A table that stacks into cards on a phone (`display: block`) loses its table semantics in
    /// some screen readers; its explicit roles keep it a table (almen.css).
    @Test func aStackedTableKeepsItsRoles() throws {
        let views = URL(fileURLWithPath: Resources.directory + "Views/")
        let files = try FileManager.default.contentsOfDirectory(at: views, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "leaf" }
        let element = try Regex(#"<(table|thead|tbody|tr|th|td)(?=[\s>#])[^>]*"#)
        var stacked = 0
        var offending: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for table in text.split(separator: "</table>") {
                guard
                    let start = table.range(of: #"<table role="table" class="data stack""#)
                        ?? table.range(of: #"<table class="data stack""#)
                else { continue }
                stacked += 1
                for tag in table[start.lowerBound...].matches(of: element) where !table[tag.range].contains("role=") {
                    offending.append("\(file.lastPathComponent): \(table[tag.range].prefix(40))")
                }
            }
        }
        #expect(stacked > 20)
        #expect(offending.isEmpty, "give each element of a stacked table its role: \(offending)")
    }

    @Test(arguments: [
        (LeafDataSample.array([]), false), (.array([1]), true), (.text(""), false), (.text("a"), true),
        (.number(0), false), (.number(3), true), (.flag(false), false), (.flag(true), true), (.missing, false),
    ])
    func someIsTrueExactlyWhenThereIsSomethingToShow(sample: LeafDataSample, expected: Bool) {
        #expect(PresenceTag.isPresent(sample.data) == expected)
    }
}

/// Leaf values for the table above (`LeafData` itself is not `Sendable`).
enum LeafDataSample: Sendable, CustomTestStringConvertible {
    case array([Int])
    case text(String)
    case number(Int)
    case flag(Bool)
    case missing

    var data: LeafData {
        switch self {
        case .array(let values): .array(values.map { .int($0) })
        case .text(let text): .string(text)
        case .number(let number): .int(number)
        case .flag(let flag): .bool(flag)
        case .missing: .string(nil)
        }
    }

    var testDescription: String { "\(self)" }
}

/// A template's copy per language (`WordsSource`): the words written in as Leaf would print them.
@Suite("Words written into views")
struct WordsSourceTests {
    @Test(arguments: [
        ("<h1>#(page.t.myHomeTitle)</h1>", Language.da, "<h1>Mit hjem</h1>"),
        ("<h1>#(page.t.myHomeTitle)</h1>", .en, "<h1>My home</h1>"),
        ("#(page.t.noSuchWord)", .da, "#(page.t.noSuchWord)"),
        (
            "#extend(\"base\"):#export(\"body\"):x#endexport#endextend", .en,
            "#extend(\"en/base\"):#export(\"body\"):x#endexport#endextend"
        ),
        ("#(page.title) #(page.t.myHomeTitle)", .da, "#(page.title) Mit hjem"),
        ("#if(x):a#endif#(page.t.myHomeTitle)", .da, "#if(x):a#endif#(page.t.myHomeTitle)"),
        ("#if(x):#(page.t.myHomeTitle)#else:#(page.t.myHomeTitle)#endif", .da, "#if(x):Mit hjem#else:Mit hjem#endif"),
    ])
    func wordsAreWrittenIn(template: String, language: Language, expected: String) {
        #expect(WordsSource.written(template, in: language) == expected)
    }

    @Test func aWordIsEscapedAndCannotBecomeATag() {
        #expect(
            WordsSource.raw("A & B <i>\"#if(x)\" \\ 'c'")
                == "A &amp; B &lt;i&gt;&quot;&#35;if(x)&quot; &#92; &#39;c&#39;"
        )
    }

    @Test func aTemplateNameMayNameItsLanguage() {
        #expect(WordsSource.split("da/my-home")?.1 == "my-home")
        #expect(WordsSource.split("en/my-home")?.0 == .en)
        #expect(WordsSource.split("my-home") == nil)
        #expect(WordsSource.split("xx/my-home") == nil)
    }
}
