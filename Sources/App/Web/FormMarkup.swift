/// The pieces a compiled view's forms are made of (`CompiledView`), written as their Leaf
/// templates wrote them: a field's label, hint and problem, the problems above a form, radio
/// buttons. `e` escapes a value and `w` gives a word of the page's language (already escaped);
/// a `label`, `hint` or `legend` given here is HTML already.
protocol FormMarkup {
    var text: HTMLText { get }
}

extension FormMarkup {
    func e(_ value: String) -> String { HTMLText.escape(value) }
    func w(_ key: String) -> String { text.word(key) }

    /// A form's action at the page's content (`#indhold`, the `<main>`), escaped: refused, the
    /// page comes back with its problems on the first screen, with or without JavaScript.
    func atContent(_ action: String) -> String { e(action) + "#" + PageChrome.mainID }

    /// The form's hidden CSRF field.
    func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(e(token))\">"
    }

    /// `<dt>label</dt><dd>value</dd>`, the value escaped; `preLine` keeps its line breaks.
    func fact(_ label: String, _ value: String, preLine: Bool = false) -> String {
        "<dt>\(label)</dt><dd\(preLine ? " class=\"pre-line\"" : "")>\(e(value))</dd>\n"
    }

    /// The problems of a form, above it, each a link to its field.
    func errorSummary(_ errors: [FieldError], id: String, heading: String = "h3") -> String {
        guard !errors.isEmpty else { return "" }
        var html = "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"\(id)\">\n"
        html += "  <\(heading) id=\"\(id)\">\(w("calcError"))</\(heading)>\n  <ul>"
        for error in errors { html += "<li><a href=\"#\(e(error.field))\">\(e(error.message))</a></li>" }
        return html + "</ul>\n</div>\n"
    }

    /// A field's problem, at the field (`id-error`).
    func fieldError(_ id: String, _ message: String?) -> String {
        message.map { "<p class=\"field-error\" id=\"\(id)-error\">\(e($0))</p>" } ?? ""
    }

    /// ` aria-invalid="true" aria-describedby="id-error"` on a field with a problem.
    func invalid(_ id: String, _ message: String?) -> String {
        message == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
    }

    /// ` aria-describedby="id-hint"`, with the problem too when there is one, and then
    /// ` aria-invalid="true"`.
    func describedByHint(_ id: String, _ error: String?) -> String {
        error == nil
            ? " aria-describedby=\"\(id)-hint\"" : " aria-describedby=\"\(id)-hint \(id)-error\" aria-invalid=\"true\""
    }

    /// A textarea with a hint: described by the hint, and by the problem when there is one.
    func hintedTextarea(
        _ id: String,
        name: String,
        rows: Int,
        maxLength: Int?,
        error: String?,
        value: String
    ) -> String {
        var html = "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"\(rows)\""
        if let maxLength { html += " maxlength=\"\(maxLength)\"" }
        return html + describedByHint(id, error) + ">\(e(value))</textarea>"
    }

    /// A field with a hint: its label, the hint, its problem, and `control` (described by the
    /// hint, `describedByHint`).
    func hintedField(_ id: String, label: String, hint: String, error: String?, control: String) -> String {
        "<div class=\"field\">\n  <label for=\"\(id)\">\(label)</label>\n  <p class=\"hint\" id=\"\(id)-hint\">\(hint)</p>\n  "
            + fieldError(id, error) + "\n  " + control + "\n</div>\n"
    }

    /// A one-line field with a hint: `<input type leading id name value attributes>`, described by
    /// the hint (`leading` and `attributes` are written as given, each starting with a space).
    func hintedInput(
        _ id: String,
        type: String,
        value: String,
        label: String,
        hint: String,
        error: String?,
        leading: String = "",
        attributes: String = ""
    ) -> String {
        let control =
            "<input type=\"\(type)\"\(leading) id=\"\(id)\" name=\"\(id)\" value=\"\(e(value))\"\(attributes)"
            + describedByHint(id, error) + ">"
        return hintedField(id, label: label, hint: hint, error: error, control: control)
    }

    /// A field of several lines with a hint: its label, the hint, its problem and the textarea.
    func textField(
        _ id: String,
        name: String,
        label: String,
        hint: String,
        rows: Int,
        maxLength: Int?,
        error: String?,
        value: String
    ) -> String {
        hintedField(
            id,
            label: label,
            hint: hint,
            error: error,
            control: hintedTextarea(id, name: name, rows: rows, maxLength: maxLength, error: error, value: value)
        )
    }

    /// A file field (a PDF or an image), described by its hint, which names the file a draft
    /// already holds (`kept`: "PDF, 120 kB").
    func keptFileField(_ id: String, label: String, hint: String, error: String?, kept: String?) -> String {
        var hint = hint
        if let kept { hint += " \(w("subletAttached")) \(e(kept)). \(w("subletAttachedHint"))" }
        let control =
            "<input type=\"file\" id=\"\(id)\" name=\"\(id)\" accept=\"application/pdf,image/jpeg,image/png\""
            + describedByHint(id, error) + ">"
        return hintedField(id, label: label, hint: hint, error: error, control: control)
    }

    /// The tick that confirms a form ("Jeg bekræfter …", `name="confirm"`), with its problem
    /// above it.
    func confirmCheckbox(label: String, checked: Bool, error: String?) -> String {
        var html = fieldError("confirm", error) + "\n<div class=\"field checkbox\">\n"
        html += "  <input type=\"checkbox\" id=\"confirm\" name=\"confirm\" value=\"ja\"\(checked ? " checked" : "")"
        html += invalid("confirm", error) + ">\n  <label for=\"confirm\">\(label)</label>\n</div>\n"
        return html
    }

    /// A resident's request page about a lease: the link back to the lease, the title (HTML) and
    /// the address; then the preview when there is one, or else the open case of the same kind
    /// (`openCase`, with its words), or why the lease cannot be used (`blocked`), or the form.
    func requestPage(
        leaseHref: String,
        title: String,
        address: String,
        openCase: (href: String, words: String)?,
        blocked: String?,
        preview: (() -> String)?,
        form: () -> String
    ) -> String {
        var html = "<p><a href=\"\(e(leaseHref))\">\(w("leaseTitle"))</a></p>\n"
        html.reserveCapacity(10_240)
        html += "<h1>\(title)</h1>\n<p class=\"lead\">\(e(address))</p>\n"
        if let preview {
            html += preview()
        } else if let openCase {
            html += statusNotice(
                "\(openCase.words) <a href=\"\(e(openCase.href))\">\(w("subletOpenCaseLink"))</a>"
            )
        } else if let blocked {
            html += statusNotice(e(blocked))
        } else {
            html += form()
        }
        return html
    }

    /// A draft's preview buttons: send it, or go back to its form (`action`, a link).
    func draftActions(action: String, draftID: String?, csrf token: String, send: String, edit: String) -> String {
        var html = "  <form method=\"post\" action=\"\(e(action))\" class=\"actions\">\n    \(csrfField(token))\n"
        html += "    <input type=\"hidden\" name=\"draft\" value=\"\(e(draftID ?? ""))\">\n"
        html += "    <button type=\"submit\" class=\"button\" name=\"step\" value=\"send\">\(send)</button>\n"
        let back = "\(action)?\(RequestForms.fromPreview.0)=\(RequestForms.fromPreview.1)"
        html += "    <a class=\"button secondary\" href=\"\(e(back))\">\(edit)</a>\n  </form>\n"
        return html
    }

    /// Who signs an application besides the applicant and the other party: the words for no
    /// co-tenant, one, or more (each gets a letter, `CoTenantSignatures`), as a paragraph.
    func signers(coTenants: Int, none: String, one: String, many: String) -> String {
        "<p>\(coTenants <= 0 ? none : coTenants == 1 ? one : many)</p>"
    }

    /// A notice in the page's flow, read out when it appears; `html` is HTML already.
    func statusNotice(_ html: String) -> String {
        "<div class=\"notice\" role=\"status\"><p>\(html)</p></div>\n"
    }

    /// Radio buttons named `name`, with ids `prefix-value`, each in a `<div>` of `classes`;
    /// `invalid` marks each for a screen reader when the group has a problem.
    func radios(
        _ options: [SelectOption],
        name: String,
        prefix: String,
        classes: String = "checkbox",
        invalid: Bool = false
    ) -> String {
        var html = ""
        for option in options {
            let id = "\(prefix)-\(e(option.value))"
            html += "<div class=\"\(classes)\"><input type=\"radio\" id=\"\(id)\" name=\"\(name)\""
            html += " value=\"\(e(option.value))\"\(option.selected ? " checked" : "")"
            html += invalid ? " aria-invalid=\"true\">" : ">"
            html += "<label for=\"\(id)\">\(e(option.label))</label></div>"
        }
        return html
    }

    /// A fieldset of radio buttons, described by its problem when there is one.
    func radioFieldset(_ id: String, legend: String, error: String?, radios: String) -> String {
        var html = "<fieldset class=\"field\" id=\"\(id)\""
        if error != nil { html += " aria-describedby=\"\(id)-error\"" }
        html += ">\n  <legend>\(legend)</legend>\n  \(fieldError(id, error))\n  \(radios)\n</fieldset>\n"
        return html
    }
}
