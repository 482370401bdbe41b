/// A resident's fault report (`/mit-hjem/lejemaal/:id/fejl`) as a compiled view
/// (`CompiledView`): the form with its problems, written here rather than by Leaf, for the time
/// Leaf took of it (docs/benchmarks.md).
extension FaultReportController.Context {
    func body(_ text: HTMLText) -> String {
        FaultReportView(context: self, text: text).body()
    }
}

/// The report's markup (`FormMarkup`'s pieces).
private struct FaultReportView: FormMarkup {
    let context: FaultReportController.Context
    let text: HTMLText

    func body() -> String {
        let (form, errors) = (context.form, context.errors)
        var html = "<p><a href=\"\(e(context.leaseHref))\">\(w("leaseTitle"))</a></p>\n"
        html.reserveCapacity(8_192)
        html += "<h1>\(w("faultTitle"))</h1>\n<p class=\"lead\">\(e(context.address))</p>\n"
        if let preview = context.preview { return html + self.preview(preview) }
        // The problems first under the heading, where a refused form comes back (`#indhold`).
        html += errorSummary(context.errorList, id: "error-title", heading: "h2")
        html += "<p>\(w("faultIntro")) \(w("faultUrgentCall")) "
        html += context.serviceName.map(e) ?? w("faultUrgentService")
        if let phone = context.servicePhone, let href = context.servicePhoneHref {
            html += " \(w("faultUrgentOn")) <a href=\"\(e(href))\">\(e(phone))</a>"
        }
        html += ".</p>\n"
        html += "<form class=\"card form\" method=\"post\" action=\"\(atContent(context.action))\""
        html += " enctype=\"multipart/form-data\" novalidate>\n  \(csrfField(context.page.csrf))\n"
        html += "  <input type=\"hidden\" name=\"token\" value=\"\(e(context.token))\">\n"
        html += "  <input type=\"hidden\" name=\"step\" value=\"preview\">\n"
        let location = errors["location"]
        html += "  <div class=\"field\">\n    <label for=\"location\">\(w("faultField_location"))</label>\n    "
        html += fieldError("location", location) + "\n"
        html += "    <select id=\"location\" name=\"location\"" + invalid("location", location) + ">\n"
        html += "      <option value=\"\">\(w("faultChooseLocation"))</option>\n"
        html += "      <optgroup label=\"\(w("faultInHome"))\">\(OptionList(context.homeLocations).html)</optgroup>\n"
        html += "      <optgroup label=\"\(w("faultCommon"))\">\(OptionList(context.commonLocations).html)</optgroup>\n"
        html += "    </select>\n  </div>\n"
        html += textField(
            "description",
            name: "description",
            label: w("faultField_description"),
            hint: w("faultHintDescription"),
            rows: 6,
            maxLength: 2000,
            error: errors["description"],
            value: form.description
        )
        let masterKey = errors["masterKey"]
        // The hint is read with the question, and the error before it when there is one.
        html += "  <fieldset class=\"field\" id=\"masterKey\" aria-describedby=\""
        html += (masterKey != nil ? "masterKey-error " : "") + "masterKey-hint\">\n"
        html += "    <legend>\(w("faultField_masterKey"))</legend>\n"
        html += "    <p class=\"hint\" id=\"masterKey-hint\">\(w("faultHintMasterKey"))</p>\n"
        html += "    \(fieldError("masterKey", masterKey))\n    "
        html += radios(
            [
                SelectOption(
                    value: "ja",
                    label: text.strings["faultMasterKeyYes"] ?? "",
                    selected: form.masterKey == "ja"
                ),
                SelectOption(
                    value: "nej",
                    label: text.strings["faultMasterKeyNo"] ?? "",
                    selected: form.masterKey == "nej"
                ),
            ],
            name: "masterKey",
            prefix: "masterKey",
            invalid: masterKey != nil
        )
        html += "\n  </fieldset>\n"
        var hint = w("faultHintPhotos")
        if form.photosChosen { hint += " \(w("faultHintPhotosAgain"))" }
        let photos = errors["photos"]
        html += HeldFileRow.html(
            form.held,
            field: "photos",
            legend: w("heldPhotosLegend"),
            hint: w("heldFilesHint")
        )
        html += hintedField(
            "photos",
            label: w("faultField_photos"),
            hint: hint,
            error: photos,
            control: "<input type=\"file\" id=\"photos\" name=\"photos[]\" accept=\"image/jpeg,image/png\" multiple"
                + describedByHint("photos", photos) + ">"
        )
        html += "  <button type=\"submit\" class=\"button\">\(w("faultPreviewButton"))</button>\n</form>\n"
        return html
    }

    /// The report as it will be sent, with the buttons to send it or correct it: the form's
    /// values go back in hidden fields, the photos by their held ids.
    private func preview(_ preview: FaultReportController.Preview) -> String {
        let form = context.form
        var html = "<section class=\"card\" aria-labelledby=\"preview-title\">\n"
        html += "  <h2 id=\"preview-title\">\(w("faultPreviewTitle"))</h2>\n"
        if let answerBy = preview.answerBy {
            html += "  <p>\(w("faultPreviewLead")) <strong>\(e(answerBy))</strong>.</p>\n"
        } else {
            html += "  <p>\(w("faultPreviewLeadPlain"))</p>\n"
        }
        html += "  <dl class=\"facts\">\n"
        html += fact(w("faultField_location"), preview.place)
        html += fact(w("faultField_description"), form.description, preLine: true)
        if let masterKey = preview.masterKey { html += fact(w("faultField_masterKey"), masterKey) }
        html += "<dt>\(w("faultPreviewPhotos"))</dt><dd>"
        html += form.held.isEmpty ? w("faultPreviewNoPhotos") : form.held.map { e($0.label) }.joined(separator: "<br>")
        html += "</dd>\n  </dl>\n"
        html += "  <form method=\"post\" action=\"\(atContent(context.action))\" class=\"actions\">\n"
        html += "    \(csrfField(context.page.csrf))\n"
        for (name, value) in [
            ("token", context.token), ("location", form.location), ("description", form.description),
            ("masterKey", form.masterKey),
        ] {
            html += "    <input type=\"hidden\" name=\"\(name)\" value=\"\(e(value))\">\n"
        }
        for photo in form.held { html += "    <input type=\"hidden\" name=\"kept[]\" value=\"\(e(photo.id))\">\n" }
        html += "    <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(w("faultSend"))</button>\n"
        html += "    <button type=\"submit\" class=\"button secondary\" name=\"step\" value=\"edit\">"
        html += "\(w("faultEdit"))</button>\n  </form>\n</section>\n"
        return html
    }
}
