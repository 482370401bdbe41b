/// The search for a lease after a tenant's death (`/admin/doedsfald?q=`) as a compiled view
/// (`CompiledView`): the search field, and the leases found, each with its tenants and
/// organisation.
extension EstateNoticeController.SearchContext {
    func body(_ text: HTMLText) -> String {
        EstateNoticeSearchView(context: self, text: text).body()
    }
}

private struct EstateNoticeSearchView: FormMarkup {
    let context: EstateNoticeController.SearchContext
    let text: HTMLText

    func body() -> String {
        var html = "<p><a href=\"\(e(context.casesHref))\">\(w("casesTitle"))</a></p>\n"
        html.reserveCapacity(4_096 + context.found.count * 400)
        html += "<h1>\(w("estateSearchTitle"))</h1>\n<p class=\"lead\">\(w("estateSearchIntro"))</p>\n"
        html += "<form class=\"list-filter\" method=\"get\" action=\"\(e(context.action))\" role=\"search\">\n  "
        if let caseID = context.caseID { html += "<input type=\"hidden\" name=\"sag\" value=\"\(e(caseID))\">" }
        html += "\n  <div class=\"field\"><label for=\"q\">\(w("estateSearchLabel"))</label>"
        html += "<p class=\"hint\" id=\"q-hint\">\(w("estateSearchHint"))</p>"
        html += "<input type=\"search\" id=\"q\" name=\"q\" value=\"\(e(context.search))\" maxlength=\"100\""
        html += " aria-describedby=\"q-hint\"></div>\n"
        html += "  <button type=\"submit\" class=\"button secondary\">\(w("listSearch"))</button>\n</form>\n"
        guard context.searched else { return html }
        guard !context.found.isEmpty else { return html + "<p>\(w("estateSearchNone"))</p>\n" }
        if context.more { html += "<p class=\"notice\" role=\"status\">\(w("estateSearchMore"))</p>\n" }
        html += "<ul class=\"cards\">\n"
        for lease in context.found {
            html += "<li class=\"card\"><p><a href=\"\(e(lease.href))\"><strong>\(e(lease.address))</strong></a></p>"
            html += "<p>\(e(lease.tenantsLabel)) \(e(lease.tenants))</p><p class=\"meta\">"
            if let number = lease.number { html += "\(e(number)) · " }
            html += e(lease.organisation)
            if lease.terminated { html += " · \(w("estateFoundTerminated"))" }
            html += "</p></li>\n"
        }
        return html + "</ul>\n"
    }
}
