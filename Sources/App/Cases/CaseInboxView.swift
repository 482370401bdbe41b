/// The staff inbox's body as a compiled view (`CompiledView`): the markup `cases.leaf` wrote,
/// written here, because the inbox is the page a caseworker opens most.
extension StaffCasesController.ListContext {
    func body(_ text: HTMLText) -> String {
        let escape = { (value: String) in HTMLText.escape(value) }
        let word = text.word
        var html = "<h1>\(word("casesTitle"))</h1>\n"
        html.reserveCapacity(rows.html.utf8.count + staff.html.utf8.count + 8_192)
        html += "<p><a href=\"\(escape(estateHref))\">\(word("estateListLink"))</a></p>\n"
        html +=
            showingClosed
            ? "<p><a href=\"\(escape(openHref))\">\(word("casesShowOpen"))</a></p>\n"
            : "<p><a href=\"\(escape(closedHref))\">\(word("casesShowClosed"))</a></p>\n"
        if !dueFilters.isEmpty {
            html += "<nav class=\"filter-links\" aria-label=\"\(word("casesDueFilter"))\"><ul>"
            for link in dueFilters {
                html += "<li><a href=\"\(escape(link.href))\"\(link.current ? " aria-current=\"page\"" : "")>"
                html += "\(escape(link.label))</a></li>"
            }
            html += "</ul></nav>\n"
        }
        // The filter's problems above it: the days', and the department number's.
        let problems = departmentProblem.map { [FieldError(field: "afdelingsnr", message: $0)] } ?? []
        html += text.periodErrors(period, also: problems)
        html += "<form class=\"list-filter\" method=\"get\" action=\"\(escape(action))\" role=\"search\">\n"
        if let status { html += "  <input type=\"hidden\" name=\"status\" value=\"\(escape(status))\">\n" }
        if let due { html += "  <input type=\"hidden\" name=\"frist\" value=\"\(escape(due))\">\n" }
        if let department, departmentProblem == nil {
            html += "  <input type=\"hidden\" name=\"afdeling\" value=\"\(escape(department.id))\">\n"
        }
        html += "  <div class=\"field\"><label for=\"type\">\(word("caseKind"))</label>"
        html += "<select id=\"type\" name=\"type\">\(kinds.html)</select></div>\n"
        html += "  <div class=\"field\"><label for=\"tildelt\">\(word("caseAssignee"))</label>"
        html += "<select id=\"tildelt\" name=\"tildelt\">\(assignees.html)</select></div>\n"
        if choosesOrganisation {
            html += "  <div class=\"field\"><label for=\"organisation\">\(word("lettersFilterOrganisation"))</label>"
            html += "<select id=\"organisation\" name=\"organisation\">\(organisations.html)</select></div>\n"
        }
        html += "  <div class=\"field\"><label for=\"afdelingsnr\">\(word("casesDepartmentLabel"))</label>"
        html += "<p class=\"hint\" id=\"afdelingsnr-hint\">\(word("casesDepartmentHint"))</p>"
        if let departmentProblem {
            html += "<p class=\"field-error\" id=\"afdelingsnr-error\">\(escape(departmentProblem))</p>"
        }
        html +=
            "<input type=\"text\" inputmode=\"numeric\" id=\"afdelingsnr\" name=\"afdelingsnr\" maxlength=\"6\" size=\"6\""
        html += " value=\"\(escape(departmentNumber))\""
        html +=
            departmentProblem == nil
            ? " aria-describedby=\"afdelingsnr-hint\">"
            : " aria-describedby=\"afdelingsnr-hint afdelingsnr-error\" aria-invalid=\"true\">"
        html += "</div>\n"
        html += "  " + text.periodFields(period)
        html += "  <div class=\"field\"><label for=\"q\">\(word("casesSearchLabel"))</label>"
        html += "<input type=\"search\" id=\"q\" name=\"q\" value=\"\(escape(search))\" maxlength=\"100\"></div>\n"
        html += "  <button type=\"submit\" class=\"button secondary\">\(word("listFilter"))</button>\n</form>\n"
        if let department {
            html += "<p class=\"notice\" role=\"status\">\(word("casesDepartmentShown")) \(escape(department.label)). "
            html += "<a href=\"\(escape(department.clearHref))\">\(word("casesAllDepartments"))</a></p>\n"
        }
        if let notice {
            let (kind, role) = noticeIsError ? ("error-summary", "alert") : ("notice", "status")
            html += "<div class=\"\(kind)\" id=\"tildeling-besked\" role=\"\(role)\"><p>\(escape(notice))</p></div>\n"
        }
        guard !empty else {
            if problems.isEmpty, period.errorList.isEmpty {
                let words =
                    switch (narrowed, due.flatMap(CaseLists.DueFilter.init(rawValue:))) {
                    case (true, _): word("listNoMatch")
                    case (false, .today): word("casesDueEmpty_idag")
                    case (false, .late): word("casesDueEmpty_overskredet")
                    case (false, nil): word("casesEmpty")
                    }
                html += "<p>\(words)</p>"
            }
            return html + text.pager(pager) + "\n"
        }
        html += "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"cases-caption\" tabindex=\"0\">\n"
        html += "<table role=\"table\" class=\"data stack\">\n  <caption id=\"cases-caption\">"
        html +=
            word(showingClosed ? "casesClosedCaption" : "casesOpenCaption")
            + "</caption>\n  <thead role=\"rowgroup\"><tr role=\"row\">"
        html +=
            "<th role=\"columnheader\" scope=\"col\"><span class=\"visually-hidden\">\(word("casesChoose"))</span></th>"
        for label in [
            word("caseNumber"), word("caseSubject"), word("caseKind"), word("letterOrganisation"),
            word("caseAssignee"), word("caseOpened"),
        ] {
            html += "<th role=\"columnheader\" scope=\"col\">\(label)</th>"
        }
        if !showingClosed { html += "<th role=\"columnheader\" scope=\"col\">\(word("caseDeadline"))</th>" }
        html += "</tr></thead>\n  <tbody role=\"rowgroup\">\n  \(rows.html)\n  </tbody>\n</table>\n</div>\n"
        html += text.pager(pager) + "\n"
        html +=
            "<form class=\"card form assign-form\" id=\"tildeling\" method=\"post\" action=\"\(escape(assignAction))\">\n"
        html += "  <input type=\"hidden\" name=\"_csrf\" value=\"\(escape(page.csrf))\">\n"
        html += "  <input type=\"hidden\" name=\"back\" value=\"\(escape(back))\">\n  <div class=\"field\">\n"
        html += "    <label for=\"assignee-many\">\(word("casesAssignChosen"))</label>\n"
        html += "    <p class=\"hint\" id=\"assignee-many-hint\">\(word("casesAssignHint"))</p>\n"
        html += "    <select id=\"assignee-many\" name=\"assignee\" aria-describedby=\"assignee-many-hint\">"
        html += "<option value=\"\">\(word("caseNobody"))</option>\(staff.html)</select>\n  </div>\n"
        html += "  <button type=\"submit\" class=\"button secondary\">\(word("caseAssignButton"))</button>\n</form>\n"
        return html
    }
}
