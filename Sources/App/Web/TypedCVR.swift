/// A CVR number as people type it, "DK 12 34 56 78", "dk12345678" or "12 34 56 78", as the register
/// keeps it: eight digits. Anything that is not digits after the "DK" and the spaces is returned
/// as typed, for the form to say what is wrong with it.
enum TypedCVR {
    static func digits(_ typed: String) -> String {
        var digits = typed.filter { !$0.isWhitespace }
        if digits.uppercased().hasPrefix("DK") { digits.removeFirst(2) }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? digits : typed
    }
}
