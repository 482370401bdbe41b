import AlmenDomain
import Testing

/// CPR-nummer, rules.md §9.
@Suite("CPR numbers")
struct CPRNumberTests {
    @Test(
        "The 7th digit and the year give the century",
        arguments: [
            ("0101900123", "1990-01-01"),  // 0: 1900s
            ("0101903123", "1990-01-01"),  // 3: 1900s
            ("0101000123", "1900-01-01"),  // 0 with YY 00: 1900
            ("0101364123", "2036-01-01"),  // 4, YY ≤ 36: 2000s
            ("0101374123", "1937-01-01"),  // 4, YY > 36: 1900s
            ("0101369123", "2036-01-01"),  // 9, YY ≤ 36: 2000s
            ("0101379123", "1937-01-01"),  // 9, YY > 36: 1900s
            ("0101575123", "2057-01-01"),  // 5, YY ≤ 57: 2000s
            ("0101585123", "1858-01-01"),  // 5, YY > 57: 1800s
            ("0101008123", "2000-01-01"),  // 8, YY ≤ 57: 2000s
            ("3112998123", "1899-12-31"),  // 8, YY > 57: 1800s
            ("1506056000", "2005-06-15"),  // 6
            ("1506057000", "2005-06-15"),  // 7
        ]
    )
    func century(text: String, birthDate: String) throws {
        let cpr = try CPRNumber(text)

        #expect(cpr.birthDate == day(birthDate))
        #expect(!cpr.isReplacementNumber)
    }

    @Test("Both written forms are accepted and give the same digits", arguments: ["0707614285", "070761-4285"])
    func writtenForms(text: String) throws {
        let cpr = try CPRNumber(text)

        #expect(cpr.digits == "0707614285")
        #expect(cpr.birthDate == day("1961-07-07"))
    }

    @Test(
        "Leap days depend on the century the 7th digit gives",
        arguments: [
            ("290296-1234", true),  // 1996
            ("290297-1234", false),  // 1997
            ("290200-0123", false),  // 1900: not a leap year
            ("290200-4123", true),  // 2000: a leap year
            ("290200-5123", true),  // 2000
        ]
    )
    func leapDay(text: String, valid: Bool) {
        #expect(((try? CPRNumber(text)) != nil) == valid)
    }

    @Test(
        "Replacement numbers (day + 60) are accepted",
        arguments: [
            ("610190-0123", "1990-01-01"),
            ("910190-0123", "1990-01-31"),
            ("890200-4123", "2000-02-29"),
        ]
    )
    func replacementNumber(text: String, birthDate: String) throws {
        let cpr = try CPRNumber(text)

        #expect(cpr.isReplacementNumber)
        #expect(cpr.birthDate == day(birthDate))
    }

    @Test("Numbers failing modulus 11 are still valid (issued since 2007)")
    func noModulus11() throws {
        // Weights 4 3 2 7 6 5 4 3 2 1 over 0101900001 give 3 + 7 + 54 + 1 = 65, not divisible by 11.
        #expect(throws: Never.self) { try CPRNumber("0101900001") }
    }

    @Test(
        "Malformed numbers are rejected with the reason",
        arguments: [
            ("", CPRError.wrongLength),
            ("123456789", .wrongLength),
            ("010190-12345", .wrongLength),
            ("01019012345", .misplacedHyphen),
            ("0101-901234", .misplacedHyphen),
            ("010190 1234", .misplacedHyphen),
            ("01019O1234", .notDigits),  // letter O
            ("abcdefghij", .notDigits),
            ("010190123-", .notDigits),
            ("٠١٠١٩٠١٢٣٤", .notDigits),  // Arabic-Indic digits
            ("３１０２９０１２３４", .notDigits),  // full-width digits
            ("310290-1234", .invalidDate),  // 31 February
            ("910290-1234", .invalidDate),  // replacement number for 31 February
            ("011390-1234", .invalidDate),  // month 13
            ("000190-1234", .invalidDate),  // day 0
            ("600190-1234", .invalidDate),  // replacement day 0
            ("920190-1234", .invalidDate),  // replacement day 32
            ("320190-1234", .invalidDate),  // day 32, not a replacement number
        ]
    )
    func rejects(text: String, expected: CPRError) {
        #expect(throws: expected) { try CPRNumber(text) }
    }

    @Test("Error messages never contain the number")
    func errorMessagesHaveNoDigits() {
        for error in [CPRError.wrongLength, .misplacedHyphen, .notDigits, .invalidDate] {
            let hasDigit = error.description.contains { $0.isNumber }

            #expect(!hasDigit, "\(error)")
        }
    }

    @Test(
        "Every text form is masked; the serial digits never appear",
        arguments: ["070761-4285", "3112998123", "6101900123"]
    )
    func masking(text: String) throws {
        let cpr = try CPRNumber(text)
        let serial = String(cpr.digits.suffix(4))
        var dumped = ""
        dump(cpr, to: &dumped)

        let forms = ["\(cpr)", String(describing: cpr), String(reflecting: cpr), cpr.masked, dumped, "\([cpr])"]

        #expect(cpr.masked == "\(cpr.digits.prefix(6))-xxxx")
        for form in forms {
            #expect(!form.contains(serial), "\(form)")
            #expect(!form.contains(cpr.digits), "\(form)")
        }
    }

    @Test(
        "Fictitious replacement numbers for demo data",
        arguments: [
            ("1990-01-01", 123, "6101900123"),
            ("2005-12-31", 7, "9112055007"),
            ("1875-06-15", 999, "7506755999"),
            ("2057-02-28", 0, "8802575000"),
            ("2000-02-29", 42, "8902005042"),
            ("1999-09-09", 500, "6909990500"),
        ]
    )
    func replacement(birthDate: String, sequence: Int, expected: String) throws {
        let cpr = CPRNumber.replacement(birthDate: day(birthDate), sequence: sequence)
        let parsed = try CPRNumber(cpr.digits)

        #expect(cpr.digits == expected)
        #expect(cpr.isReplacementNumber)
        #expect(parsed == cpr)
        #expect(parsed.birthDate == day(birthDate))
    }
}
