/// Words for a list in a Danish sentence.
enum DanishList {
    /// "a", "a og b", "a, b og c".
    static func joined(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        let rest = items.dropLast()
        return rest.isEmpty ? last : rest.joined(separator: ", ") + " og " + last
    }
}
