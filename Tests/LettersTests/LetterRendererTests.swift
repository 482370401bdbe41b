import Foundation
import Testing

@testable import Letters

@Suite struct LetterRendererTests {
    let renderer = LetterRenderer()

    @Test func onePageLetterIsAValidPDFWithMetadataAndEmbeddedFonts() throws {
        let rendered = try renderer.render(TestLetters.letter())
        #expect(rendered.pdf.starts(with: Array("%PDF-".utf8)))
        #expect(rendered.pageCount == 1)

        let file = try PDFFile(rendered.pdf)
        let info = try file.info()
        #expect(info["Title"] == "Påkrav om betaling af husleje")
        #expect(info["Author"] == "Boligselskabet Almen")
        #expect(info["Creator"] == "Almen")
        #expect(info["Pages"] == "1")
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89") == true)

        // pdffonts: two header lines, then one line per font with "emb" as the 5th-from-last column.
        let fonts = try Poppler.text("pdffonts", [file.path]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns[columns.count - 5] == "yes", "font not embedded: \(font)")
        }

        let text = try file.text()
        for expected in [
            "Søren Østergaard Æbelø", "Ærøvej", "på", "Side 1 af 1", "Dato", "23. november 2026", "Vores reference",
            "Sag 2026-00123", "Boligselskabet Almen",
        ] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    /// A letter in a case names the case's number in the information block, where the resident
    /// finds it to answer; one in no case has no such line.
    @Test func aLetterInACaseNamesItsNumber() throws {
        var letter = TestLetters.letter()
        letter.caseNumber = "2026-000042"
        let text = try PDFFile(try renderer.render(letter).pdf).text()
        #expect(text.contains("Sagsnummer") && text.contains("2026-000042"))
        #expect(!(try PDFFile(try renderer.render(TestLetters.letter()).pdf).text()).contains("Sagsnummer"))
        letter.language = .english
        #expect(try PDFFile(try renderer.render(letter).pdf).text().contains("Case number"))
    }

    @Test func englishLabels() throws {
        let text = try PDFFile(try renderer.render(TestLetters.letter(language: .english)).pdf).text()
        #expect(text.contains("Page 1 of 1"))
        #expect(text.contains("Our reference"))
        #expect(text.contains("Date"))
    }

    @Test(arguments: [(3, 1), (15, 2), (30, 3)])
    func pageCountFollowsTheBody(paragraphs: Int, pages: Int) throws {
        let rendered = try renderer.render(TestLetters.letter(paragraphs: paragraphs))
        #expect(rendered.pageCount == pages)
        let file = try PDFFile(rendered.pdf)
        #expect(try file.info()["Pages"] == "\(pages)")
        let text = try file.text()
        for page in 1...pages {
            #expect(text.contains("Side \(page) af \(pages)"))
        }
        // Every paragraph is there, the last one on the last page.
        #expect(try file.text(pages: pages...pages).contains("Afsnit \(paragraphs)."))
    }

    @Test func continuationPagesStartAtTheTopWithoutLetterhead() throws {
        let file = try PDFFile(try renderer.render(TestLetters.letter(paragraphs: 30)).pdf)
        let words = try file.words(page: 2)
        let top = try #require(words.map(\.yMin).min())
        #expect(abs(top - 20 * 72 / 25.4) < 6, "body starts at \(top) pt")
        #expect(!words.contains { $0.text == "Dato" })
    }

    @Test func addressSitsInTheEnvelopeWindow() throws {
        let file = try PDFFile(try renderer.render(TestLetters.letter()).pdf)
        let mm = 72 / 25.4
        let name = try #require(try file.words(page: 1).first { $0.text == "Søren" })
        #expect(name.xMin >= 20 * mm - 0.5 && name.xMin < 22 * mm)
        #expect(name.yMin >= 50 * mm && name.yMax <= 90 * mm)

        let image = try file.grayImage(dpi: 50)
        #expect(image.darkPixels(xMM: 20...105, yMM: 50...90) > 50, "no address in the window")
        // The left margin and the gap between window and sender column stay empty.
        #expect(image.darkPixels(xMM: 1...18, yMM: 1...295) == 0)
        #expect(image.darkPixels(xMM: 107...123, yMM: 45...92) == 0)
    }

    @Test func overlongAddressIsCutInsideTheWindow() throws {
        let letter = TestLetters.letter(recipient: String(repeating: "Meget Langt Navn ", count: 12))
        let file = try PDFFile(try renderer.render(letter).pdf)
        let mm = 72 / 25.4
        let inWindow = try file.words(page: 1).filter { $0.yMin > 50 * mm && $0.yMax < 90 * mm && $0.xMin < 105 * mm }
        #expect(!inWindow.isEmpty)
        for word in inWindow { #expect(word.xMax <= 105 * mm + 0.5, "\(word.text) leaves the window") }
        let name = inWindow.filter { $0.yMin < 56 * mm }.map(\.text).joined(separator: " ")
        #expect(name.hasPrefix("Meget Langt Navn Meget"))
        #expect(name.hasSuffix("…"))
    }

    /// A sender whose whole return address is too wide at 7 pt gets it whole a size smaller,
    /// inside the window: the town a returned letter goes to is not cut.
    @Test func aLongSendersReturnLineIsSmallerNotCut() throws {
        var letter = TestLetters.letter()
        letter.sender = LetterSender(
            name: "Almen Boligorganisation Bakkehuset",
            addressLines: ["Eksempelvej 1", "8000 Aarhus C"],
            contactLines: []
        )
        let file = try PDFFile(try renderer.render(letter).pdf)
        let mm = 72 / 25.4
        let returnLine = try file.words(page: 1).filter { $0.yMax < 52 * mm && $0.yMin > 40 * mm && $0.xMin < 105 * mm }
        let text = returnLine.map(\.text).joined(separator: " ")
        #expect(text.hasSuffix("8000 Aarhus C"), "\(text)")
        #expect(!text.contains("…"))
        for word in returnLine { #expect(word.xMax <= 105 * mm + 0.5, "\(word.text) leaves the window") }
    }

    @Test func markupCharactersInNamesRenderLiterally() throws {
        let name = "Jens <b>Hansen</b> & Co"
        let letter = TestLetters.letter(recipient: name, body: [.paragraph([.text("Kære \(name) <i>&amp;")])])
        let text = try PDFFile(try renderer.render(letter).pdf).text()
        #expect(text.contains(name))
        #expect(text.contains("Kære \(name) <i>&amp;"))
    }

    @Test func rightToLeftParagraphIsRightAligned() throws {
        let arabic = TestLetters.arabicWords.joined(separator: " ")
        let letter = TestLetters.letter(body: [
            .paragraph([.text("Kære beboer, her er en hilsen på arabisk:")]),
            .paragraph([.text(arabic)]),
        ])
        let file = try PDFFile(try renderer.render(letter).pdf)
        let text = try file.text()
        for word in TestLetters.arabicWords { #expect(text.contains(word), "missing \(word)") }

        let mm = 72 / 25.4
        let words = try file.words(page: 1)
        // pdftotext -bbox reports right-to-left text glyph by glyph; their extent is the line's.
        let arabicBoxes = words.filter { word in
            word.text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
        }
        #expect(arabicBoxes.count >= TestLetters.arabicWords.count)
        #expect(Set(arabicBoxes.map { $0.yMin.rounded() }).count == 1, "one line")
        let right = try #require(arabicBoxes.map(\.xMax).max())
        let left = try #require(arabicBoxes.map(\.xMin).min())
        let rightMargin = 595.276 - 20 * mm
        #expect(abs(right - rightMargin) < 3, "Arabic line ends at \(right), margin is \(rightMargin)")
        #expect(left > 80 * mm, "Arabic line starts at \(left): not right-aligned")
        // The Danish paragraph above stays left-aligned.
        let danish = try #require(words.first { $0.text == "Kære" && $0.yMin > 100 * mm })
        #expect(abs(danish.xMin - 20 * mm) < 1)
    }

    @Test func logoIsDrawnAndInvalidLogoIsRejected() throws {
        var letter = TestLetters.letter()
        letter.sender.logoPNG = TestLetters.tinyPNG
        let rendered = try renderer.render(letter)
        let image = try PDFFile(rendered.pdf).grayImage(dpi: 50)
        // The red logo, scaled to 30 x 15 mm at the top of the sender column, is mid-grey or darker.
        #expect(image.darkPixels(xMM: 126...150, yMM: 13...26) > 100)

        letter.sender.logoPNG = Data("not a png".utf8)
        #expect(throws: LetterRenderError.self) { try renderer.render(letter) }
        do {
            _ = try renderer.render(letter)
        } catch {
            guard case .invalidLogoPNG = error else {
                Issue.record("expected invalidLogoPNG, got \(error)")
                return
            }
        }
    }

    @Test func aLogoClaimingHugeDimensionsIsRefusedBeforeItIsDecoded() throws {
        // A decompression bomb declares its size in the header: 50,000 × 50,000 pixels would take
        // 10 GB to decode. The size is read and refused first, whatever the rest of the file says.
        var png = [UInt8](TestLetters.tinyPNG)
        for offset in [16, 20] { png.replaceSubrange(offset..<offset + 4, with: [0x00, 0x00, 0xC3, 0x50]) }
        var letter = TestLetters.letter()
        letter.sender.logoPNG = Data(png)

        let error = #expect(throws: LetterRenderError.self) { try renderer.render(letter) }

        #expect(
            error == .invalidLogoPNG("the image is 50000 × 50000 pixels; at most 8000 on a side and 16000000 in all")
        )
    }

    @Test func tableRendersTitlesAmountsAndTotal() throws {
        let table = LetterTable(
            columns: [.init(title: "Post"), .init(title: "Beløb", alignment: .trailing)],
            rows: [["Husleje", "5.432,00 kr."], ["Vand", "425,00 kr."]],
            totalRow: ["I alt", "5.857,00 kr."]
        )
        let file = try PDFFile(try renderer.render(TestLetters.letter(body: [.table(table)])).pdf)
        let words = try file.words(page: 1)
        let mm = 72 / 25.4
        let amounts = words.filter { $0.text == "kr." }
        #expect(amounts.count == 3)
        // Trailing alignment: every amount ends at the right margin.
        for amount in amounts { #expect(abs(amount.xMax - (595.276 - 20 * mm)) < 1.5) }
        #expect(try file.text().contains("I alt"))
    }

    @Test func concurrentRendersAreIndependent() async throws {
        let renderer = self.renderer
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let letter = index % 2 == 0 ? TestLetters.letter() : TestLetters.letter(paragraphs: 15)
                    return try renderer.render(letter).pageCount
                }
            }
            var counts: [Int] = []
            for try await count in group { counts.append(count) }
            return counts
        }
        #expect(counts.filter { $0 == 1 }.count == 20)
        #expect(counts.filter { $0 == 2 }.count == 20)
    }
}

extension LetterRendererTests {
    /// A letter is a tagged PDF a screen reader reads in order: the letter a Document, the
    /// subject its H1, each paragraph a P (one per page it is on), a heading an H2, a list an L
    /// of items with their marker and text, a table a Table of rows and cells, its header's
    /// cells TH; the page numbers outside.
    @Test func aLetterIsATaggedPDFInReadingOrder() throws {
        let letter = TestLetters.letter(body: [
            .paragraph([.text("Første afsnit, som fylder en linje.")]),
            .heading("Sådan betaler du"),
            .bulletList([[.text("nøgler")], [.text("målerstand af el")]]),
            .table(
                LetterTable(
                    columns: [.init(title: "Post"), .init(title: "Beløb", alignment: .trailing)],
                    rows: [["Husleje", "6.122,00"]],
                    totalRow: ["I alt", "6.122,00"]
                )
            ),
            .paragraph([.text("Sidste afsnit.")]),
        ])
        let file = try PDFFile(try renderer.render(letter).pdf)
        #expect(try file.info()["Tagged"] == "yes")
        let structure = try Poppler.text("pdfinfo", ["-struct-text", file.path])
        let lines = structure.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "Document")
        let tags = lines.filter { !$0.hasPrefix("\"") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        // Sender, its contact lines, the date and reference and the address come first, each a
        // P; then the subject, and the body in order.
        let body = Array(tags.drop { $0 != "H1" })
        #expect(
            body == [
                "H1", "P", "H2", "L", "LI", "Lbl", "LBody", "LI", "Lbl", "LBody",
                "Table", "TR", "TH", "TH", "TR", "TD", "TD", "TR", "TD", "TD", "P",
            ],
            "\(structure)"
        )
        // Nested: a row in its table, a cell in its row, an item's marker and text in the item.
        let depth = { (line: Substring) in line.prefix { $0 == " " }.count }
        let raw = structure.split(separator: "\n")
        for (outer, inner) in [
            ("Table", "TR"), ("TR", "TD"), ("TR", "TH"), ("L", "LI"), ("LI", "Lbl"), ("LI", "LBody"),
        ] {
            let parent = try #require(raw.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(outer) })
            let child = try #require(
                raw[parent...].dropFirst().first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(inner) }
            )
            #expect(depth(child) > depth(raw[parent]), "\(inner) in \(outer)")
        }
        // Each cell and each item's marker and text holds its own words.
        let cells = structure.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for (tag, text) in [("TH", "Post"), ("TD", "Husleje"), ("Lbl", "•"), ("LBody", "målerstand af el")] {
            #expect(
                cells.indices.dropLast().contains { cells[$0].hasPrefix(tag) && cells[$0 + 1].contains(text) },
                "\(tag) \(text)"
            )
        }
        let texts = lines.filter { $0.hasPrefix("\"") }
        let subject = try #require(texts.firstIndex { $0.contains("Påkrav om betaling af husleje") })
        let heading = try #require(texts.firstIndex { $0.contains("Sådan betaler du") })
        let last = try #require(texts.firstIndex { $0.contains("Sidste afsnit.") })
        #expect(subject < heading && heading < last)
        #expect(!structure.contains("Side 1 af 1"))
    }

    /// A paragraph across a page break is a P on each page; a longer letter stays one Document.
    @Test func aLongLetterIsOneDocumentWithEveryParagraph() throws {
        let file = try PDFFile(try renderer.render(TestLetters.letter(paragraphs: 15)).pdf)
        let structure = try Poppler.text("pdfinfo", ["-struct-text", file.path])
        #expect(structure.components(separatedBy: "\nDocument").count == 1 && structure.hasPrefix("Document"))
        for index in [1, 8, 15] { #expect(structure.contains("Afsnit \(index).")) }
    }
}

extension LetterRendererTests {
    /// The catalog says the letter's language, and that a viewer shows its title; the
    /// cross-reference table is still where `startxref` says, so every reader finds the objects.
    @Test(arguments: [(LetterLanguage.danish, "da"), (.english, "en")])
    func theCatalogSaysTheLanguage(language: LetterLanguage, tag: String) throws {
        let pdf = try renderer.render(TestLetters.letter(language: language)).pdf
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/Lang (\(tag))") && text.contains("/DisplayDocTitle true"))
        let start = try #require(text.range(of: "startxref\n", options: .backwards))
        let offset = try #require(Int(text[start.upperBound...].prefix { $0 != "\n" }))
        #expect(pdf[pdf.startIndex + offset..<pdf.startIndex + offset + 4] == Data("xref".utf8))
        let file = try PDFFile(pdf)
        #expect(try file.info()["Tagged"] == "yes" && file.info()["Pages"] == "1")
    }

    /// A batch's catalog too, and a PDF not laid out as cairo writes it is left as it is.
    @Test func aBatchSaysItAndAnythingElseIsLeftAlone() throws {
        let batch = try renderer.renderBatch([TestLetters.letter(), TestLetters.letter(paragraphs: 15)], duplex: true)
        #expect(String(decoding: batch.pdf, as: UTF8.self).contains("/Lang (da)"))
        let other = Data("%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n".utf8)
        #expect(PDFCatalog.withLanguage(other, "da") == other)
    }
}
