/// A tenant's termination form (`/mit-hjem/lejemaal/:id/opsigelse`) as a compiled view
/// (`CompiledView`): the form, its preview, the signatures of co-tenants and the receipt, written
/// here rather than by Leaf, because it is the request the portal serves most and Leaf was a
/// fifth of its time (docs/benchmarks.md).
extension TerminationNoticeController.Context {
    func body(_ text: HTMLText) -> String {
        TerminationNoticeView(context: self, text: text).body()
    }
}

/// The form's markup, step by step (`FormMarkup`'s pieces).
private struct TerminationNoticeView: FormMarkup {
    let context: TerminationNoticeController.Context
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        var html = "<p><a href=\"\(e(context.leaseHref))\">\(w("leaseTitle"))</a></p>\n"
        html.reserveCapacity(8_192)
        html += "<h1>\(w("terminateTitle"))</h1>\n"
        html += "<p class=\"lead\">\(e(context.address)), \(e(context.postalCity))</p>\n"
        switch context.step {
        case "received": html += received()
        case "terminated": html += terminated()
        case "signing", "waiting": html += pending()
        case "preview": html += preview()
        default: html += form()
        }
        return html
    }

    /// "3. december 2026" in a `<time>`, strong.
    private func endDate(_ ending: TerminationAnswer) -> String {
        "<strong><time datetime=\"\(e(ending.endDate))\">\(e(ending.endDateText))</time></strong>"
    }

    /// "Anna Jensen, Bo Jensen".
    private func names(_ names: [String]) -> String { names.map(e).joined(separator: ", ") }

    private func errorSummary(heading: String) -> String {
        errorSummary(context.errorList, id: "error-title", heading: heading)
    }

    /// The problem at a field, above it, or nothing.
    private func fieldError(_ field: String) -> String { fieldError(field, context.errors[field]) }

    private func received() -> String {
        var html = "<section class=\"card result\" aria-labelledby=\"received-title\">\n"
        html += "  <h2 id=\"received-title\">\(w("terminateReceivedTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += "    <dt>\(w("terminateReceived"))</dt><dd>\(e(context.received ?? ""))</dd>\n"
        html += "    <dt>\(w("calcEndsOn"))</dt><dd><strong>\(e(context.endDate ?? ""))</strong></dd>\n  </dl>\n"
        html += "  <p>\(w("terminateRentUntil"))</p>\n"
        html += "  <p><a href=\"\(e(context.caseHref ?? ""))\">\(w("terminateCaseLink"))</a></p>\n</section>\n"
        return html
    }

    private func terminated() -> String {
        var html = "<section class=\"card result\" aria-labelledby=\"terminated-title\">\n"
        html += "  <h2 id=\"terminated-title\">\(w("leaseTerminatedTitle"))</h2>\n"
        html +=
            "  <p class=\"result-date\">\(w("calcEndsOn")) <strong>\(e(context.terminatedEnd ?? ""))</strong></p>\n"
        html += "  <p>\(w("terminateAlready"))</p>\n</section>\n"
        return html
    }

    /// A notice that waits for signatures: the reader's own to give, or the others'.
    private func pending() -> String {
        let signing = context.step == "signing"
        var html = "<section class=\"card\" aria-labelledby=\"pending-title\">\n"
        html += "  <h2 id=\"pending-title\">\(w("terminatePendingTitle"))</h2>\n  <p>"
        if context.filedByYou {
            html += w("terminateYouFiled")
        } else if let filedBy = context.filedBy {
            html += "\(w("terminateFiledBy")) \(e(filedBy))."
        }
        html += "\n  "
        if context.yourSignature { html += w("terminateYourSignature") }
        html += "\n  "
        if !context.waitingFor.isEmpty { html += "\(w("terminateOthersSignature")) \(names(context.waitingFor))." }
        html += "</p>\n  <dl class=\"facts\">\n"
        html +=
            "    <dt>\(w("terminateAddressGiven"))</dt><dd class=\"pre-line\">\(e(context.form.forwardingAddress))</dd>\n"
        html += "    "
        if !context.form.viewing.isEmpty {
            html += "<dt>\(w("terminateField_viewing"))</dt><dd>\(e(context.form.viewing))</dd>"
        }
        html += "\n  </dl>\n  "
        if let ending = context.ending {
            html += "<p>"
            if let signBy = context.signBy {
                html += "\(w("terminateIfAllSignBy")) \(e(signBy)),"
            } else {
                html += w("terminateIfAllSignToday")
            }
            html += " \(w("terminateEndsThen")) \(endDate(ending)).</p>"
        }
        html += "\n  " + errorSummary(heading: "h3")
        if signing {
            html += "  <form method=\"post\" action=\"\(e(context.action))\" novalidate>\n    \(csrf)\n"
            html += "    <input type=\"hidden\" name=\"step\" value=\"sign\">\n"
            html += confirmCheckbox(
                label: w("terminateField_confirm"),
                checked: false,
                error: context.errors["confirm"]
            )
            html += "    <button type=\"submit\" class=\"button\">\(w("terminateSign"))</button>\n  </form>\n"
        } else {
            html += "  <p>\(w("terminateYouSigned"))</p>\n"
        }
        let stop = w(signing ? "terminateDecline" : "terminateWithdraw")
        html += "  <div class=\"stop-notice\">\n  <h3>\(stop)</h3>\n"
        html += "  <p class=\"hint\" id=\"stop-hint\">\(w("terminateWithdrawHint"))</p>\n"
        html += "  <form method=\"post\" action=\"\(e(context.action))\" novalidate>\n    \(csrf)\n"
        html += "    <input type=\"hidden\" name=\"step\" value=\"withdraw\">\n    \(fieldError("stop"))\n"
        html +=
            "    <div class=\"field checkbox\">\n      <input type=\"checkbox\" id=\"stop\" name=\"stop\" value=\"ja\""
        html += describedByHint("stop", context.errors["stop"]) + ">\n"
        html += "      <label for=\"stop\">\(w("terminateField_stop"))</label>\n    </div>\n"
        html += "    <button type=\"submit\" class=\"button secondary\">\(stop)</button>\n  </form>\n  </div>\n"
        html += "  <p><a href=\"\(e(context.caseHref ?? ""))\">\(w("terminateCaseLink"))</a></p>\n</section>\n"
        return html
    }

    /// What will be sent, with the buttons to send it or go back to the form.
    private func preview() -> String {
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("terminatePreviewTitle"))</h2>\n  <dl class=\"facts\">\n"
        html += "    <dt>\(w("terminateLease"))</dt><dd>\(e(context.address)), \(e(context.postalCity))</dd>\n    "
        if let ending = context.ending {
            html += "<dt>\(w("terminateEndsIfSentToday"))</dt><dd>\(endDate(ending))</dd>"
        }
        html += "\n    <dt>\(w("terminateField_forwardingAddress"))</dt>"
        html += "<dd class=\"pre-line\">\(e(context.form.forwardingAddress))</dd>\n"
        html += "    <dt>\(w("terminateField_viewing"))</dt><dd>"
        html += context.form.viewing.isEmpty ? w("terminateViewingLater") : e(context.form.viewing)
        html += "</dd>\n  </dl>\n  "
        if !context.coTenants.isEmpty {
            html += "<p>\(w("terminateCoTenantsSign")) \(names(context.coTenants))."
            if let signBy = context.signBy { html += " \(w("terminateSignBy")) \(e(signBy))." }
            html += "</p>"
        }
        html += "\n  <form method=\"post\" action=\"\(e(context.action))\" class=\"actions\">\n    \(csrf)\n"
        html += "    <input type=\"hidden\" name=\"token\" value=\"\(e(context.token))\">\n"
        html +=
            "    <input type=\"hidden\" name=\"forwardingAddress\" value=\"\(e(context.form.forwardingAddress))\">\n"
        html += "    <input type=\"hidden\" name=\"viewing\" value=\"\(e(context.form.viewing))\">\n"
        html += "    <input type=\"hidden\" name=\"confirm\" value=\"ja\">\n"
        html +=
            "    <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(w("terminateSend"))</button>\n"
        html += "    <button type=\"submit\" class=\"button secondary\" name=\"step\" value=\"edit\">"
        html += "\(w("terminateEdit"))</button>\n  </form>\n</section>\n"
        return html
    }

    /// The form, with the end date if it were sent today.
    private func form() -> String {
        var html = errorSummary(heading: "h2")
        if let ending = context.ending {
            html += "<section class=\"card result\" aria-labelledby=\"if-today\">\n"
            html += "  <h2 id=\"if-today\">\(w("terminateEndsIfSentToday"))</h2>\n"
            html += "  <p class=\"result-date\">\(endDate(ending))</p>\n  <ul>"
            for line in context.explanation { html += "<li>\(e(line))</li>" }
            html += "</ul>\n  <p>\(w("terminateRentIs")) \(e(context.monthlyRent))</p>\n  "
            if !context.coTenants.isEmpty {
                html += "<p>"
                if let signBy = context.signBy { html += "\(w("terminateSignBy")) \(e(signBy)). " }
                html += "\(w("terminateCoTenantsDate"))</p>"
            }
            html += "\n</section>\n"
        }
        if !context.coTenants.isEmpty {
            html += "<p>\(w("terminateCoTenantsSign")) \(names(context.coTenants)).</p>"
        }
        html +=
            "\n<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\" novalidate>\n  \(csrf)\n"
        html += "  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
        let (address, viewing) = (context.errors["forwardingAddress"], context.errors["viewing"])
        html += hintedField(
            "forwardingAddress",
            label: w("terminateField_forwardingAddress"),
            hint: w("terminateHintAddress"),
            error: address,
            control: "<textarea id=\"forwardingAddress\" name=\"forwardingAddress\" rows=\"3\" maxlength=\"300\""
                + " autocomplete=\"street-address\"" + describedByHint("forwardingAddress", address)
                + ">\(e(context.form.forwardingAddress))</textarea>"
        )
        html += hintedField(
            "viewing",
            label: w("terminateField_viewing"),
            hint: w("terminateHintViewing"),
            error: viewing,
            control: "<input type=\"text\" id=\"viewing\" name=\"viewing\" value=\"\(e(context.form.viewing))\""
                + " maxlength=\"300\"" + describedByHint("viewing", viewing) + ">"
        )
        html += "  <p>\(w("terminateNemKonto"))</p>\n"
        html += confirmCheckbox(
            label: w("terminateField_confirm"),
            checked: context.form.confirm,
            error: context.errors["confirm"]
        )
        html += "  <button type=\"submit\" class=\"button\">\(w("terminatePreview"))</button>\n</form>\n"
        return html
    }
}
