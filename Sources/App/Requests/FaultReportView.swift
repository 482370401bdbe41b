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
            prefix: "masterKey"
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
        html += "  <button type=\"submit\" class=\"button\">\(w("faultSend"))</button>\n</form>\n"
        return html
    }
}
