/// The staff letters list's table rows, written as HTML here rather than by a Leaf loop, as the
/// inbox's are (`CaseInboxRows`): every value escaped, the column names looked up once a page.
/// Each cell carries its column's name, so the table stacks into one card a letter on a phone.
struct LetterListRows: Encodable {
    let html: String

    init(_ rows: [LetterPresentation.Row], language: Language) {
        let strings = Strings.table(language)
        let escape = { (text: String) in HelpMarkdown.escape(text) }
        let word = { (key: String) in escape(strings[key] ?? "") }
        let (date, recipient, subject) = (word("letterDate"), word("letterRecipient"), word("letterSubject"))
        let (kind, channel, status) = (word("letterKind"), word("letterChannel"), word("letterStatus"))
        var html = ""
        html.reserveCapacity(rows.count * 600)
        for row in rows {
            html += "<tr role=\"row\"><td role=\"cell\" data-label=\"\(date)\">\(escape(row.date))</td>"
            html += "<td role=\"cell\" data-label=\"\(recipient)\">\(escape(row.recipient ?? ""))</td>"
            html +=
                "<td role=\"cell\" data-label=\"\(subject)\"><a href=\"\(escape(row.href))\">\(escape(row.subject))</a></td>"
            html += "<td role=\"cell\" data-label=\"\(kind)\">\(escape(row.kind))</td>"
            html += "<td role=\"cell\" data-label=\"\(channel)\">\(escape(row.channel))</td>"
            html += "<td role=\"cell\" data-label=\"\(status)\">\(escape(row.status))</td></tr>\n"
        }
        self.html = html
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }
}
