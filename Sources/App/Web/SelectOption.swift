/// One `<option>` of a `<select>` in a page's context.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

/// The `<option>`s of a list page's `<select>`, written as HTML here rather than by a Leaf loop:
/// a filter of 70 organisations or a choice of 40 caseworkers cost Leaf four expressions an
/// option, a third of the staff letters page's time. A view writes it with
/// `#unsafeHTML(list)`; every value and label is escaped here.
struct OptionList: Encodable {
    let options: [SelectOption]

    init(_ options: [SelectOption]) {
        self.options = options
    }

    var isEmpty: Bool { options.isEmpty }

    var html: String {
        // Appended piece by piece into room made once: a list of 70 organisations and 40 staff
        // was 7 % of the inbox's CPU written with `+`, which makes a string for each step.
        var html = ""
        html.reserveCapacity(options.count * 80)
        for option in options {
            html += "<option value=\""
            html += HelpMarkdown.escape(option.value)
            html += option.selected ? "\" selected>" : "\">"
            html += HelpMarkdown.escape(option.label)
            html += "</option>"
        }
        return html
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }
}

extension OptionList {
    /// A filter's choices: `all` ("Alle") first, then each of `values` by its word (`label`), the
    /// one `selected` chosen, or "Alle" when none is.
    static func choosing<Value: RawRepresentable & Equatable>(
        _ values: [Value],
        selected: Value?,
        all: String,
        label: (Value) -> String
    ) -> OptionList where Value.RawValue == String {
        OptionList(
            [SelectOption(value: "", label: all, selected: selected == nil)]
                + values.map { SelectOption(value: $0.rawValue, label: label($0), selected: $0 == selected) }
        )
    }
}
