/// A tenant's notice of partial sub-letting (`/mit-hjem/lejemaal/:id/fremleje`) as a compiled view
/// (`CompiledView`): the form and its preview, written here rather than by Leaf, for the time
/// Leaf took of it (docs/benchmarks.md).
extension PartialSublettingController.Context {
    func body(_ text: HTMLText) -> String {
        PartialSublettingView(context: self, text: text).body()
    }
}

/// The notice's markup (`FormMarkup`'s pieces).
private struct PartialSublettingView: FormMarkup {
    let context: PartialSublettingController.Context
    let text: HTMLText

    private var csrf: String { csrfField(context.page.csrf) }

    func body() -> String {
        let preview: (() -> String)? = context.step == "preview" ? { self.preview() } : nil
        return requestPage(
            leaseHref: context.leaseHref,
            title: w("subletTitle"),
            address: context.address,
            openCase: context.openCaseHref.map { (href: $0, words: w("subletOpenCase")) },
            blocked: context.blocked,
            preview: preview
        ) {
            // A one-room home cannot be let in part: the whole home can.
            guard context.canLet else {
                return "<p><strong>\(e(context.dwelling))</strong></p>\n"
                    + "<p><a href=\"\(e(context.wholeHref))\">\(w("subletWholeLink"))</a></p>\n"
            }
            return self.form()
        }
    }

    /// What the organisation will receive, with the buttons to send it or change it.
    private func preview() -> String {
        let form = context.form
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("subletPreviewTitle"))</h2>\n"
        html += "  <p>\(w("subletPreviewLead")) <strong>\(e(context.answerBy ?? ""))</strong>.</p>\n"
        html += "  <dl class=\"facts\">\n"
        html += fact(w("subletField_startDate"), context.startText ?? "")
        html += fact(w("subletField_letRooms"), form.letRooms) + fact(w("subletField_occupants"), form.occupants)
        if !form.letArea.isEmpty {
            html += "<dt>\(w("subletField_letArea"))</dt><dd>\(e(form.letArea)) \(w("subletArea"))</dd>"
        }
        html += fact(w("subletField_subtenants"), form.subtenants)
        if form.earlierEnded { html += fact(w("partialEarlierTitle"), w("partialEarlierEndedShort")) }
        html += fact(w("subletField_agreement"), context.attached ?? "") + "  </dl>\n"
        html += draftActions(
            action: context.action,
            draftID: context.draftID,
            csrf: context.page.csrf,
            send: w("subletSend"),
            edit: w("subletEdit")
        )
        html += "</section>\n"
        return html
    }

    /// The notice's form, with its problems above it and at each field.
    private func form() -> String {
        let (form, errors) = (context.form, context.errors)
        // The problems first under the heading, where a refused form comes back (`#indhold`).
        var html = errorSummary(context.errorList, id: "error-title", heading: "h2")
        html += "<p>\(w("subletIntro"))</p>\n<p><strong>\(e(context.dwelling))</strong></p>\n"
        if let earlier = context.earlier {
            html += "<div class=\"notice\" id=\"tidligere\"><p>\(e(earlier)) \(w("partialEarlierCounts"))</p></div>\n"
        }
        html += "<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\""
        html += " enctype=\"multipart/form-data\" novalidate>\n  \(csrf)\n"
        html += "  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
        html += hintedInput(
            "startDate",
            type: "date",
            value: form.startDate,
            label: w("subletField_startDate"),
            hint: w("subletHintStartDate"),
            error: errors["startDate"]
        )
        if context.earlier != nil {
            let error = errors["earlierEnded"]
            html += fieldError("earlierEnded", error) + "\n<div class=\"field checkbox\">\n"
            html += "  <input type=\"checkbox\" id=\"earlierEnded\" name=\"earlierEnded\" value=\"ja\""
            html += "\(form.earlierEnded ? " checked" : "")\(invalid("earlierEnded", error))>\n"
            html += "  <label for=\"earlierEnded\">\(w("partialEarlierEnded"))</label>\n</div>\n"
        }
        html += numberField("letRooms", value: form.letRooms, label: w("subletField_letRooms"))
        html += hintedInput(
            "occupants",
            type: "text",
            value: form.occupants,
            label: w("subletField_occupants"),
            hint: "\(w("subletHintOccupants")) \(e(context.household))",
            error: errors["occupants"],
            leading: " inputmode=\"numeric\"",
            attributes: " maxlength=\"4\" class=\"short\""
        )
        html += hintedInput(
            "letArea",
            type: "text",
            value: form.letArea,
            label: w("subletField_letArea"),
            hint: w("subletHintLetArea"),
            error: errors["letArea"],
            leading: " inputmode=\"numeric\"",
            attributes: " maxlength=\"4\" class=\"short\""
        )
        let subtenants = errors["subtenants"]
        html += "<div class=\"field\">\n  <label for=\"subtenants\">\(w("subletField_subtenants"))</label>\n  "
        html += fieldError("subtenants", subtenants) + "\n  "
        html += "<input type=\"text\" id=\"subtenants\" name=\"subtenants\" value=\"\(e(form.subtenants))\""
        html += " maxlength=\"300\" autocomplete=\"off\"" + invalid("subtenants", subtenants) + ">\n</div>\n"
        html += keptFileField(
            "agreement",
            label: w("subletField_agreement"),
            hint: w("subletHintAgreement"),
            error: errors["agreement"],
            kept: context.attached
        )
        html += confirmCheckbox(label: w("subletField_confirm"), checked: form.confirm, error: errors["confirm"])
        html += "  <button type=\"submit\" class=\"button\">\(w("subletPreviewButton"))</button>\n</form>\n"
        return html
    }

    /// A short number field without a hint: its label, its problem and the input.
    private func numberField(_ id: String, value: String, label: String) -> String {
        let error = context.errors[id]
        var html = "<div class=\"field\">\n  <label for=\"\(id)\">\(label)</label>\n  "
        html += fieldError(id, error) + "\n  "
        html += "<input type=\"text\" inputmode=\"numeric\" id=\"\(id)\" name=\"\(id)\" value=\"\(e(value))\""
        html += " maxlength=\"4\" class=\"short\"" + invalid(id, error) + ">\n</div>\n"
        return html
    }
}
