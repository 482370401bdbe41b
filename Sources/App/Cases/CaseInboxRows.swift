/// The inbox's table rows, written as HTML (a part of the inbox's compiled view,
/// `CaseInboxView`); every value is escaped here, and the words are the page's language's,
/// looked up once per page.
struct CaseInboxRows {
    let html: String

    init(_ cases: [StaffCasesController.Listed], showingDeadlines: Bool, language: Language) {
        let strings = Strings.table(language)
        let escape = { (text: String) in HelpMarkdown.escape(text) }
        let word = { (key: String) in escape(strings[key] ?? "") }
        let (chooseOne, number, subject, kind) = (
            word("casesChooseOne"), word("caseNumber"), word("caseSubject"), word("caseKind")
        )
        let (organisation, assignee, opened, deadline, nobody) = (
            word("letterOrganisation"), word("caseAssignee"), word("caseOpened"), word("caseDeadline"),
            word("caseNobody")
        )
        var html = ""
        html.reserveCapacity(cases.count * 1_200)
        for item in cases {
            let id = escape(item.id)
            let row = item.row
            html +=
                "<tr role=\"row\"><td role=\"cell\"><input type=\"checkbox\" form=\"tildeling\" name=\"cases[]\" value=\"\(id)\" id=\"valg-\(id)\">"
            html +=
                "<label class=\"visually-hidden\" for=\"valg-\(id)\">\(chooseOne) \(escape(row.number))</label></td>"
            html +=
                "<td role=\"cell\" data-label=\"\(number)\"><a class=\"nowrap\" href=\"\(escape(row.href))\">\(escape(row.number))</a></td>"
            html += "<td role=\"cell\" data-label=\"\(subject)\">\(escape(row.title))</td>"
            html += "<td role=\"cell\" data-label=\"\(kind)\">\(escape(row.kind))</td>"
            html += "<td role=\"cell\" data-label=\"\(organisation)\">\(escape(row.organisation ?? ""))</td>"
            html += "<td role=\"cell\" data-label=\"\(assignee)\">"
            html += item.assignee.map(escape) ?? "<span class=\"meta\">\(nobody)</span>"
            html += "</td><td role=\"cell\" data-label=\"\(opened)\">\(escape(row.opened))</td>"
            if showingDeadlines {
                html += "<td role=\"cell\" data-label=\"\(deadline)\">"
                if let due = row.deadline {
                    let standing = due.late ? "due-late" : due.today ? "due-today" : "meta"
                    html +=
                        "<span class=\"nowrap\">\(escape(due.label))</span> <span class=\"nowrap\">\(escape(due.date))</span>"
                    html += "<br><span class=\"\(standing)\">\(escape(due.standing))</span>"
                } else {
                    html += "—"
                }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        self.html = html
    }

}
