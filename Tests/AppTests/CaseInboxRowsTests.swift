import Testing

@testable import App

/// The inbox's rows, written in Swift: escaped, labelled for a phone, in the reader's language.
@Suite("Inbox rows")
struct CaseInboxRowsTests {
    static func listed(title: String, assignee: String?, deadline: CasePresentation.Due?) -> StaffCasesController.Listed
    {
        StaffCasesController.Listed(
            id: "0b9a0c1e-0000-4000-8000-000000000001",
            row: CasePresentation.Row(
                number: "2026-000123",
                title: title,
                kind: "Naboklage",
                status: "Åben",
                opened: "3. december 2026",
                organisation: "Boligselskabet \"Ny Tid\"",
                href: "/admin/sager/0b9a0c1e-0000-4000-8000-000000000001",
                deadline: deadline
            ),
            assignee: assignee
        )
    }

    @Test func aRowEscapesEveryValueAndLabelsEveryCell() {
        let due = CasePresentation.Due(
            label: "Svar senest",
            date: "8. december 2026",
            text: "",
            standing: "2 bankdage for sent",
            late: true,
            today: false
        )
        let html = CaseInboxRows(
            [Self.listed(title: "<script>alert(1)</script> & mere", assignee: nil, deadline: due)],
            showingDeadlines: true,
            language: .da
        ).html
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; mere"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("Boligselskabet &quot;Ny Tid&quot;"))
        #expect(
            html.contains(
                #"<td role="cell" data-label="Sagsnummer"><a class="nowrap" href="/admin/sager/0b9a0c1e-0000-4000-8000-000000000001">2026-000123</a></td>"#
            )
        )
        #expect(html.contains(#"<label class="visually-hidden" for="valg-0b9a0c1e-0000-4000-8000-000000000001">"#))
        #expect(html.contains(#"<span class="meta">\#(Strings.danish["caseNobody"] ?? "?")</span>"#))
        #expect(html.contains(#"<br><span class="due-late">2 bankdage for sent</span>"#))
        #expect(html.components(separatedBy: "<td").count - 1 == 8)
    }

    @Test func closedCasesHaveNoDeadlineCellAndEnglishReadersEnglishLabels() {
        let html = CaseInboxRows(
            [Self.listed(title: "Fejl", assignee: "Sara Sagsbehandler", deadline: nil)],
            showingDeadlines: false,
            language: .en
        ).html
        #expect(html.components(separatedBy: "<td").count - 1 == 7)
        #expect(html.contains(#"data-label="\#(Strings.english["caseAssignee"] ?? "?")">Sara Sagsbehandler</td>"#))
        #expect(!html.contains("—"))
    }
}

/// The staff letters list's rows, written in Swift: escaped, each cell labelled so the table
/// stacks on a phone, in the reader's language.
@Suite("Letter list rows")
struct LetterListRowsTests {
    @Test func aRowEscapesEveryValueAndLabelsEveryCell() {
        let row = LetterPresentation.Row(
            date: "3. december 2026 kl. 09.41",
            subject: "Varsel <b>om</b> \"vand\" & varme",
            kind: "Almindeligt brev",
            channel: "Digital Post",
            status: "Afleveret",
            pages: "1 side",
            href: "/admin/breve/0b9a0c1e-0000-4000-8000-000000000001",
            recipient: "Jens & Jytte Hansen"
        )
        let danish = LetterListRows([row], language: .da).html
        #expect(danish.contains("Varsel &lt;b&gt;om&lt;/b&gt; &quot;vand&quot; &amp; varme"))
        #expect(danish.contains(#"<td role="cell" data-label="Modtager">Jens &amp; Jytte Hansen</td>"#))
        #expect(danish.components(separatedBy: "data-label=").count == 7)
        #expect(!danish.contains("<b>"))
        let english = LetterListRows([row], language: .en).html
        #expect(english.contains(#"data-label="Recipient""#))
        #expect(LetterListRows([], language: .da).html.isEmpty)
    }
}
