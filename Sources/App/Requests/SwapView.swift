/// A tenant's application for a house swap (`/mit-hjem/lejemaal/:id/bytte`) as a compiled view
/// (`CompiledView`): the form and its preview, written here rather than by Leaf, for the time
/// Leaf took of it (docs/benchmarks.md).
extension SwapController.Context {
    func body(_ text: HTMLText) -> String {
        SwapView(context: self, text: text).body()
    }
}

/// The application's markup (`FormMarkup`'s pieces).
private struct SwapView: FormMarkup {
    let context: SwapController.Context
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        let preview: (() -> String)? = context.step == "preview" ? { self.preview() } : nil
        return requestPage(
            leaseHref: context.leaseHref,
            title: w("swapTitle"),
            address: context.address,
            openCase: context.openCaseHref.map { (href: $0, words: w("swapOpenCase")) },
            blocked: context.blocked,
            preview: preview,
            form: { self.form() }
        )
    }

    /// What the organisation will receive, what the rules leave it to decide, and the buttons to
    /// send it or change it.
    private func preview() -> String {
        let form = context.form
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("swapPreviewTitle"))</h2>\n"
        html += "  <p>\(w("subletPreviewLead")) <strong>\(e(context.answerBy ?? ""))</strong>.</p>\n"
        html += "  <dl class=\"facts\">\n"
        html += fact(w("swapField_otherTenant"), form.otherTenant)
        html += fact(w("swapField_otherAddress"), form.otherAddress)
        html += fact(w("swapField_otherLandlord"), form.otherLandlord)
        html += fact(w("swapField_swapDate"), context.dateText ?? "")
        html += fact(w("swapField_incomingPersons"), form.incomingPersons)
        html += fact(w("swapField_outgoingPersons"), form.outgoingPersons) + "  </dl>\n"
        if !context.mayRefuse.isEmpty {
            html += "<div class=\"notice\"><p>\(w("swapMayRefuse"))</p><ul>"
            for reason in context.mayRefuse { html += "<li>\(e(reason))</li>" }
            html += "</ul></div>\n"
        }
        html += "  <p>\(w("swapPreviewNotice"))</p>\n"
        html +=
            "  "
            + signers(
                coTenants: context.coTenants,
                none: w("swapPreviewSignature"),
                one: w("swapPreviewSignatureCoTenants"),
                many: w("swapPreviewSignatureCoTenantsMany")
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

    /// A one-line field of the form, with its problem.
    private func input(
        _ id: String,
        value: String,
        label: String,
        hint: String,
        type: String = "text",
        leading: String = "",
        attributes: String = ""
    ) -> String {
        hintedInput(
            id,
            type: type,
            value: value,
            label: label,
            hint: hint,
            error: context.errors[id],
            leading: leading,
            attributes: attributes
        )
    }

    /// The application's form, with its problems above it and at each field.
    private func form() -> String {
        let form = context.form
        // The problems first under the heading, where a refused form comes back (`#indhold`).
        var html = errorSummary(context.errorList, id: "error-title", heading: "h2")
        html += "<p>\(w("swapIntro"))</p>\n<p><strong>\(e(context.dwelling))</strong></p>\n"
        html += "<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\" novalidate>\n"
        html += "  \(csrf)\n  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
        let name = " maxlength=\"200\" autocomplete=\"off\""
        let persons = " maxlength=\"2\" class=\"short\""
        html += input(
            "otherTenant",
            value: form.otherTenant,
            label: w("swapField_otherTenant"),
            hint: w("swapHintOtherTenant"),
            attributes: name
        )
        html += input(
            "otherAddress",
            value: form.otherAddress,
            label: w("swapField_otherAddress"),
            hint: w("swapHintOtherAddress"),
            attributes: name
        )
        html += input(
            "otherLandlord",
            value: form.otherLandlord,
            label: w("swapField_otherLandlord"),
            hint: w("swapHintOtherLandlord"),
            attributes: " maxlength=\"200\""
        )
        html += input(
            "swapDate",
            value: form.swapDate,
            label: w("swapField_swapDate"),
            hint: w("swapHintSwapDate"),
            type: "date"
        )
        html += input(
            "incomingPersons",
            value: form.incomingPersons,
            label: w("swapField_incomingPersons"),
            hint: w("swapHintIncomingPersons"),
            leading: " inputmode=\"numeric\"",
            attributes: persons
        )
        html += input(
            "outgoingPersons",
            value: form.outgoingPersons,
            label: w("swapField_outgoingPersons"),
            hint: w("swapHintOutgoingPersons"),
            leading: " inputmode=\"numeric\"",
            attributes: persons
        )
        html += confirmCheckbox(label: w("swapField_confirm"), checked: form.confirm, error: context.errors["confirm"])
        html += "  <button type=\"submit\" class=\"button\">\(w("subletPreviewButton"))</button>\n</form>\n"
        return html
    }
}
