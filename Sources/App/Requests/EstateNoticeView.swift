/// A caseworker's registration of a notice after a tenant's death
/// (`/admin/opsigelse-doedsfald/:lease`) as a compiled view (`CompiledView`): the lease's facts,
/// the form, and the preview of the confirmation letter, written here rather than by Leaf, for
/// the time Leaf took of it (docs/benchmarks.md).
extension EstateNoticeController.Context {
    func body(_ text: HTMLText) -> String {
        EstateNoticeView(context: self, text: text).body()
    }
}

/// The registration's markup (`FormMarkup`'s pieces).
private struct EstateNoticeView: FormMarkup {
    let context: EstateNoticeController.Context
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        var html = "<p><a href=\"\(e(context.searchHref))\">\(w("estateSearchTitle"))</a></p>\n"
        html.reserveCapacity(12_288)
        html += "<h1>\(e(context.heading))</h1>\n<p class=\"lead\">\(e(context.address))</p>\n"
        html += errorSummary(context.errorList, id: "error-title", heading: "h2")
        html += facts()
        switch context.step {
        case "notice":
            html += "<div class=\"notice\" role=\"status\"><p>\(w("estateBlocked_notice"))"
            if let end = context.terminatedEnd { html += " \(w("estateEnds")) \(e(end))." }
            if let href = context.noticeHref { html += " <a href=\"\(e(href))\">\(w("estateSeeCase"))</a>" }
            html += "</p></div>\n"
        case "terminated":
            html += "<div class=\"notice\" role=\"status\"><p>\(w("estateBlocked_terminated"))"
            html += " \(e(context.terminatedEnd ?? "")).</p></div>\n"
        case "cotenants":
            html += "<div class=\"notice\" role=\"status\"><p>\(w("estateBlocked_cotenants"))</p></div>\n"
        case "preview":
            html += preview()
        default:
            html += form()
        }
        if let href = context.coTenantDeathHref {
            html += "<p><a class=\"button\" href=\"\(e(href))\">\(w("coTenantDeathLink"))</a></p>\n"
        }
        return html
    }

    /// The lease: its organisation, tenants, household, kind, start and rent.
    private func facts() -> String {
        var html = "<dl class=\"facts\">\n"
        html += fact(w("estateOrganisation"), context.organisation)
        let tenants = context.tenants.count > 1 ? w("estateTenants") : w("estateTenant")
        html += fact(tenants, context.tenants.joined(separator: ", "))
        if !context.household.isEmpty { html += fact(w("estateHousehold"), context.household.joined(separator: ", ")) }
        html += fact(w("estateHousing"), context.housing)
        html += "<dt>\(w("estateStarted"))</dt><dd id=\"lease-start\" data-iso=\"\(e(context.startISO))\">"
        html += "\(e(context.started))</dd>\n"
        html += fact(w("estateRent"), context.monthlyRent)
        return html + "</dl>\n"
    }

    /// The hidden field of the case the notice completes, when there is one.
    private var caseField: String {
        context.caseID.map { "<input type=\"hidden\" name=\"sag\" value=\"\(e($0))\">" } ?? ""
    }

    /// The end date, the envelope and the letter as they will be sent, with the buttons to send
    /// or change them.
    private func preview() -> String {
        guard let preview = context.preview else { return "" }
        let form = context.form
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("estatePreviewTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += fact(w("estateField_diedOn"), preview.died) + fact(w("estateField_receivedOn"), preview.received)
        html += fact(w("estateField_filer"), preview.filer)
        // What the caseworker typed about showing the home, for the inspection and the next letting.
        if !form.viewing.isEmpty { html += fact(w("estatePreviewViewing"), form.viewing, preLine: true) }
        html += "<dt>\(w("calcEndsOn"))</dt><dd><strong>\(e(preview.endDate))</strong></dd>\n  </dl>\n  <ul>"
        for line in preview.explanation { html += "<li>\(e(line))</li>" }
        html += "</ul>\n  "
        if preview.endPassed { html += "<p class=\"notice\" role=\"status\">\(w("estateEndPassed"))</p>" }
        html += "\n  "
        if let number = context.caseNumber { html += "<p>\(w("estateCompletesCase")) \(e(number)).</p>" }
        html += "\n  <h3>\(w("estatePreviewEnvelope"))</h3>\n"
        html += "  <p class=\"pre-line\">\(preview.envelope.map(e).joined(separator: "<br>"))</p>\n"
        html += "  <p class=\"meta\">\(w("estatePreviewPaper"))</p>\n  <h3>\(w("estatePreviewLetter"))</h3>\n"
        html += "  <div class=\"letter-preview\">\n    <p><strong>\(e(preview.subject))</strong></p>\n    "
        for paragraph in preview.letter { html += "<p>\(e(paragraph))</p>" }
        html += "\n  </div>\n  <form method=\"post\" action=\"\(e(context.action))\" class=\"actions\">\n"
        html +=
            "    \(csrf)\n    <input type=\"hidden\" name=\"token\" value=\"\(e(context.token))\">\n    \(caseField)\n"
        for (name, value) in [
            ("diedOn", form.diedOn), ("receivedOn", form.receivedOn), ("filer", form.filer),
            ("representativeName", form.representativeName), ("representativeAddress", form.representativeAddress),
            ("viewing", form.viewing),
        ] {
            html += "    <input type=\"hidden\" name=\"\(name)\" value=\"\(e(value))\">\n"
        }
        html += "    <input type=\"hidden\" name=\"confirm\" value=\"ja\">\n"
        html +=
            "    <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(w("estateSend"))</button>\n"
        html += "    <button type=\"submit\" class=\"button secondary\" name=\"step\" value=\"edit\">"
        html += "\(w("estateEdit"))</button>\n  </form>\n</section>\n"
        return html
    }

    /// A one-line field with a hint, and its problem.
    private func input(
        _ id: String,
        type: String,
        value: String,
        label: String,
        hint: String,
        attributes: String = ""
    )
        -> String
    {
        hintedInput(
            id,
            type: type,
            value: value,
            label: label,
            hint: hint,
            error: context.errors[id],
            attributes: attributes
        )
    }

    /// The registration's form, with the problems at each field.
    private func form() -> String {
        let (form, errors) = (context.form, context.errors)
        var html = "<p>\(w("estateIntro"))</p>\n"
        if let number = context.caseNumber {
            html += "<p class=\"notice\">\(w("estateCompletesCase")) \(e(number)).</p>"
        }
        html += "\n<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\" novalidate>\n"
        html += "  \(csrf)\n  <input type=\"hidden\" name=\"step\" value=\"preview\">\n  \(caseField)\n"
        html += "  <div class=\"field\">\n    <label for=\"diedOn\">\(w("estateField_diedOn"))</label>\n"
        html += "    \(fieldError("diedOn", errors["diedOn"]))\n"
        html += "    <input type=\"date\" id=\"diedOn\" name=\"diedOn\" value=\"\(e(form.diedOn))\""
        html += invalid("diedOn", errors["diedOn"]) + ">\n  </div>\n"
        html += input(
            "receivedOn",
            type: "date",
            value: form.receivedOn,
            label: w("estateField_receivedOn"),
            hint: w("estateHintReceived")
        )
        html += radioFieldset(
            "filer",
            legend: w("estateField_filer"),
            error: errors["filer"],
            radios: radios(
                context.filers,
                name: "filer",
                prefix: "filer",
                classes: "field checkbox",
                invalid: errors["filer"] != nil
            )
        )
        html += input(
            "representativeName",
            type: "text",
            value: form.representativeName,
            label: w("estateField_representativeName"),
            hint: w("estateHintName"),
            attributes: " maxlength=\"100\" autocomplete=\"off\""
        )
        let address = errors["representativeAddress"]
        html += hintedField(
            "representativeAddress",
            label: w("estateField_representativeAddress"),
            hint: w("estateHintAddress"),
            error: address,
            control:
                "<textarea id=\"representativeAddress\" name=\"representativeAddress\" rows=\"4\" maxlength=\"300\""
                + " autocomplete=\"off\"" + describedByHint("representativeAddress", address)
                + ">\(e(form.representativeAddress))</textarea>"
        )
        html += input(
            "viewing",
            type: "text",
            value: form.viewing,
            label: w("estateField_viewing"),
            hint: w("estateHintViewing"),
            attributes: " maxlength=\"300\""
        )
        html += confirmCheckbox(label: w("estateField_confirm"), checked: form.confirm, error: errors["confirm"])
        html += "  <button type=\"submit\" class=\"button\">\(w("estatePreview"))</button>\n</form>\n"
        return html
    }
}
