import AlmenDomain

/// An amount of kroner as a person types it into a form: "5808", "5.808", "5.808,50", "5808,-"
/// or "5808 kr.". Nil for anything else (a decimal point, one decimal, letters), and for nothing
/// above zero.
enum TypedKroner {
    static func parse(_ text: String) -> Money? {
        var figure = text.trimmingCharacters(in: .whitespaces)
        for suffix in [" kr.", " kr", "kr.", "kr"] where figure.hasSuffix(suffix) {
            figure = String(figure.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if figure.hasSuffix(",-") { figure = String(figure.dropLast(2)) + ",00" }
        if !figure.contains(",") { figure += ",00" }
        return LedgerCSV.amount(figure)
    }
}
