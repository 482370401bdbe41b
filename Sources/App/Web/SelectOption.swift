/// One `<option>` of a `<select>` in a page's context.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}
