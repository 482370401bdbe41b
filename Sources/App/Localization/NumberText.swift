import AlmenDomain

/// Whole numbers written out for people: "80.000" in Danish, "80,000" in English.
enum NumberText {
    static func whole(_ number: Int, _ language: Language) -> String {
        var digits = String(number.magnitude)
        var grouped = ""
        let separator = language == .da ? "." : ","
        while digits.count > 3 {
            grouped = separator + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        return (number < 0 ? "-" : "") + digits + grouped
    }
}

extension [String: String] {
    /// The word for `count` of something (`key_one`, `key_other`) with the count written out as
    /// `{n}`: "1 side", "80.000 boliger".
    func counted(_ key: String, _ count: Int, in language: Language) -> String {
        counted(key, count, ["n": NumberText.whole(count, language)])
    }
}

/// Amounts written out for people in the reader's language: "3.600,00 kr." in Danish,
/// "DKK 3,600.00" in English. Letters are Danish and use `Money.danish` itself.
enum MoneyText {
    static func written(_ money: Money, _ language: Language) -> String {
        guard language == .en else { return money.danish }
        return "\(money.ore < 0 ? "-" : "")DKK \(figure(Money(ore: Int64(money.ore.magnitude)), .en))"
    }

    /// The figure alone, as a form field is filled with it: "6.000,00" / "6,000.00".
    static func figure(_ money: Money, _ language: Language) -> String {
        guard language == .en else { return money.danishFigure }
        let magnitude = money.ore.magnitude
        let fraction = magnitude % 100
        return
            "\(money.ore < 0 ? "-" : "")\(NumberText.whole(Int(magnitude / 100), .en)).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
