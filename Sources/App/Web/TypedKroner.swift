import AlmenDomain

/// An amount of kroner as a person types it into a form, the Danish way ("5808", "5.808",
/// "5.808,50", "5808,-", "5808 kr.") or the English way ("5,808", "5,808.50", "DKK 5808").
/// The two never read the same text differently: a Danish decimal comma has two digits after it
/// and a group has three, so "5.808" is 5.808 kroner in neither and 5,808 in both. Nil for
/// anything else (one decimal, letters) and for nothing above zero.
enum TypedKroner {
    static func parse(_ text: String) -> Money? {
        var figure = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["DKK", "kr."] where figure.hasPrefix(prefix) {
            figure = String(figure.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        for suffix in ["DKK", "kr.", "kr"] where figure.hasSuffix(suffix) {
            figure = String(figure.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if figure.hasSuffix(",-") { figure = String(figure.dropLast(2)) }
        return danish(figure) ?? danish(String(figure.map { $0 == "," ? "." : $0 == "." ? "," : $0 }))
    }

    /// "5.808,50" or "5808": groups of three after a point, two decimals after a comma.
    private static func danish(_ figure: String) -> Money? {
        LedgerCSV.amount(figure.contains(",") ? figure : figure + ",00")
    }
}
