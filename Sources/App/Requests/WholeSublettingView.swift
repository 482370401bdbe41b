/// A tenant's application to sub-let the whole home (`/mit-hjem/lejemaal/:id/fremleje-hele`) as
/// a compiled view (`CompiledView`): the form and its preview, written here rather than by Leaf,
/// for the time Leaf took of it (docs/benchmarks.md).
extension WholeSublettingController.Context {
    func body(_ text: HTMLText) -> String {
        WholeSublettingView(context: self, text: text).body()
    }
}

/// The application's markup (`FormMarkup`'s pieces).
private struct WholeSublettingView: FormMarkup {
    let context: WholeSublettingController.Context
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        let preview: (() -> String)? = context.step == "preview" ? { self.preview() } : nil
        return requestPage(
            leaseHref: context.leaseHref,
            title: w("wholeTitle"),
            address: context.address,
            openCase: context.openCaseHref.map { (href: $0, words: w("subletOpenCase")) },
            blocked: context.blocked,
            preview: preview,
            form: { self.form() }
        )
    }

    /// What the organisation will receive, with the buttons to send it or change it.
    private func preview() -> String {
        let form = context.form
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("wholePreviewTitle"))</h2>\n"
        html += "  <p>\(w("subletPreviewLead")) <strong>\(e(context.answerBy ?? ""))</strong>.</p>\n"
        html += "  <dl class=\"facts\">\n"
        html += fact(w("wholeField_reason"), context.reasonText ?? "")
        html += fact(w("wholeField_reasonText"), form.reasonText, preLine: true)
        html += fact(w("wholeField_documentation"), context.documentation ?? "")
        html += fact(w("wholeCasePeriod"), context.period ?? "")
        html += fact(w("wholeCaseSubtenant"), form.subtenant)
        html += fact(w("wholeField_persons"), form.persons)
        html += fact(w("wholeCaseRent"), context.rentText ?? "")
        html += fact(w("subletField_agreement"), context.agreement ?? "")
        html += "  </dl>\n  "
        if context.otherReason { html += "<p class=\"notice\">\(w("wholeOtherReason"))</p>" }
        html +=
            "\n  "
            + signers(
                coTenants: context.coTenants,
                none: w("wholePreviewSignature"),
                one: w("wholePreviewSignatureCoTenants"),
                many: w("wholePreviewSignatureCoTenantsMany")
            ) + "\n"
        html += draftActions(
            action: context.action,
            draftID: context.draftID,
            csrf: context.page.csrf,
            send: w("wholeSend"),
            edit: w("wholeEdit")
        )
        html += "</section>\n"
        return html
    }

    /// A one-line field of the form, with its value and problem.
    private func input(
        _ id: String,
        type: String,
        label: String,
        hint: String,
        attributes: String = "",
        leading: String = ""
    ) -> String {
        hintedInput(
            id,
            type: type,
            value: value(id),
            label: label,
            hint: hint,
            error: context.errors[id],
            leading: leading,
            attributes: attributes
        )
    }

    private func value(_ id: String) -> String {
        switch id {
        case "startDate": context.form.startDate
        case "endDate": context.form.endDate
        case "subtenant": context.form.subtenant
        case "persons": context.form.persons
        case "rent": context.form.rent
        default: ""
        }
    }

    /// The application's form, with its problems above it and at each field.
    private func form() -> String {
        let errors = context.errors
        // The problems first under the heading, where a refused form comes back (`#indhold`).
        var html = errorSummary(context.errorList, id: "error-title", heading: "h2")
        html += "<p>\(w("wholeIntro"))</p>\n<p><strong>\(e(context.dwelling))</strong></p>\n"
        html += "<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\""
        html += " enctype=\"multipart/form-data\" novalidate>\n  \(csrf)\n"
        html += "  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
        html += radioFieldset(
            "reason",
            legend: w("wholeField_reason"),
            error: errors["reason"],
            radios: radios(context.reasons, name: "reason", prefix: "reason", invalid: errors["reason"] != nil)
        )
        html += textField(
            "reasonText",
            name: "reasonText",
            label: w("wholeField_reasonText"),
            hint: w("wholeHintReasonText"),
            rows: 4,
            maxLength: 1000,
            error: errors["reasonText"],
            value: context.form.reasonText
        )
        html += keptFileField(
            "documentation",
            label: w("wholeField_documentation"),
            hint: w("wholeHintDocumentation"),
            error: errors["documentation"],
            kept: context.documentation
        )
        html += input("startDate", type: "date", label: w("wholeField_startDate"), hint: w("wholeHintStartDate"))
        html += input("endDate", type: "date", label: w("wholeField_endDate"), hint: w("wholeHintEndDate"))
        html += input(
            "subtenant",
            type: "text",
            label: w("wholeField_subtenant"),
            hint: w("wholeHintSubtenant"),
            attributes: " maxlength=\"200\" autocomplete=\"off\""
        )
        html += input(
            "persons",
            type: "text",
            label: w("wholeField_persons"),
            hint: w("wholeHintPersons"),
            attributes: " maxlength=\"4\" class=\"short\"",
            leading: " inputmode=\"numeric\""
        )
        html += input(
            "rent",
            type: "text",
            label: w("wholeField_rent"),
            hint: w("wholeHintRent"),
            attributes: " maxlength=\"20\" class=\"short\"",
            leading: " inputmode=\"decimal\""
        )
        html += keptFileField(
            "agreement",
            label: w("subletField_agreement"),
            hint: w("subletHintAgreement"),
            error: errors["agreement"],
            kept: context.agreement
        )
        html += confirmCheckbox(label: w("wholeField_confirm"), checked: context.form.confirm, error: errors["confirm"])
        html += "  <button type=\"submit\" class=\"button\">\(w("subletPreviewButton"))</button>\n</form>\n"
        return html
    }
}
