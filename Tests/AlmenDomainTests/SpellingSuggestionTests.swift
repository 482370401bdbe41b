import Testing

@testable import AlmenDomain

@Suite("Spelling suggestions for a search that finds nothing")
struct SpellingSuggestionTests {
    static let vocabulary = SpellingSuggestion.words(
        "Husdyr i boligen. Opsig din bolig: opsigelse og opsigelsesvarsel. Vaskeri og tørrerum. Husleje og restance."
    )

    @Test(arguments: [
        ("husdry", "husdyr" as String?),  // two letters swapped
        ("opsigles", "opsigelse"),  // swapped and one missing: two edits in a long word
        ("vaskery", "vaskeri"),
        ("Husdyr", nil),  // found as typed: nothing to suggest
        ("husleje husdry", "husleje husdyr"),  // only the misspelt word changes
        ("hund", nil),  // nothing near enough
        ("bil", nil),  // too short to guess at
        ("2026", nil),
        ("tørrerumm", "tørrerum"),
    ])
    func aMisspeltWordIsReplacedByTheNearestWordOfTheTexts(query: String, suggestion: String?) {
        #expect(SpellingSuggestion.suggest(query, vocabulary: Self.vocabulary) == suggestion)
    }

    @Test(arguments: [
        ("husdry", "husdyr", 1), ("opsigles", "opsigelse", 2), ("", "abc", 3), ("abc", "abc", 0), ("kat", "kta", 1),
        ("kitten", "sitting", 3),
    ])
    func theDistanceCountsASwapAsOneEdit(a: String, b: String, distance: Int) {
        #expect(SpellingSuggestion.distance(a, b) == distance)
    }
}
