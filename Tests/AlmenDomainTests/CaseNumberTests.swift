import AlmenDomain
import Testing

@Suite("Case numbers and activation codes")
struct CaseNumberTests {
    @Test(arguments: [
        (2026, 1, "2026-000001"),
        (2026, 42, "2026-000042"),
        (2027, 999_999, "2027-999999"),
        (2027, 1_000_000, "2027-1000000"),
    ])
    func printed(year: Int, serial: Int, expected: String) {
        #expect(CaseNumber(year: year, serial: serial).description == expected)
        #expect(CaseNumber(expected) == CaseNumber(year: year, serial: serial))
    }

    @Test(arguments: [
        "", "2026", "2026-", "2026-00001", "26-000001", "2026-000000", "2026-00000a", "2026--000001", "٢٠٢٦-000001",
        "2026-000001-1",
    ])
    func notACaseNumber(text: String) {
        #expect(CaseNumber(text) == nil)
    }

    @Test(arguments: [
        ("ABCD-EFGH", "ABCDEFGH"),
        ("abcd efgh", "ABCDEFGH"),
        (" AbCd-eFgH ", "ABCDEFGH"),
        ("PQRT3467", "PQRT3467"),
        ("ABCD\u{2011}EFGH", "ABCDEFGH"),
        ("ABCD – EFGH", "ABCDEFGH"),
    ])
    func typedCodes(typed: String, stored: String) {
        #expect(ActivationCodeText.normalised(typed) == stored)
    }

    @Test(arguments: [
        "", "ABCD-EFG", "ABCD-EFGHJ", "ABCD-EFG0", "ABCD-EFGI", "ABCD-EFGO", "ABCD-EFG1", "ABCD_EFGH", "ÆBCD-EFGH",
    ])
    func notACode(typed: String) {
        #expect(ActivationCodeText.normalised(typed) == nil)
    }

    @Test func codesUseOnlyTheAlphabetAndPrintInTwoHalves() {
        let code = ActivationCodeText.make(from: Array(0...255).map(UInt8.init).shuffled())
        #expect(code.count == 8)
        #expect(code.allSatisfy(ActivationCodeText.alphabet.contains))
        #expect(ActivationCodeText.printed("ABCDEFGH") == "ABCD\u{2011}EFGH")
        #expect(ActivationCodeText.normalised(ActivationCodeText.printed(code)) == code)
        #expect(ActivationCodeText.make(from: [0, 1, 2, 26, 27, 255, 100, 200]) == "ABC9APXN")
    }
}

@Suite("Name match for activation")
struct NameMatchTests {
    @Test(arguments: [
        ("Astrid Holm", "Astrid", "Holm", true),
        ("ASTRID MARIE HOLM", "Astrid", "Holm", true),
        ("Søren Ørsted", "Søren", "Ørsted", true),
        ("Soeren Orsted", "Søren", "Ørsted", false),
        ("Åse Aagaard", "Åse", "Ågård", true),
        ("Aase Aagaard", "Åse", "Aagaard", true),
        ("José Müller", "Jose", "Muller", true),
        ("Anne Kirsten Bach-Hansen", "Anne", "Bach-Hansen", true),
        ("Anne Bach", "Anne", "Bach-Hansen", false),
        ("Peter Johansen", "Peter", "Hansen", false),
        ("Mette Holm", "Astrid", "Holm", false),
        ("Astrid Holmberg", "Astrid", "Holm", false),
        ("Astrid Holm", "Astrid", "", false),
        ("Astrid Holm", "", "Holm", false),
        ("", "Astrid", "Holm", false),
    ])
    func matches(provider: String, given: String, family: String, expected: Bool) {
        #expect(NameMatch.matches(providerName: provider, givenName: given, familyName: family) == expected)
    }
}
