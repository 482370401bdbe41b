/// The Snowball Danish stemmer (snowballstem.org/algorithms/danish), as in Snowball 3.1:
/// suffixes are removed from the end of a lowercased word, but only inside R1, so that the
/// start of the word always stays. The result is a search key, not a word: "opsigelse" and
/// "opsigelser" both give "opsig", "bestemmelser" gives "bestem".
///
/// The word is handled as `Character`s, so "æ", "ø" and "å" are single letters whether they
/// arrive precomposed or as a base letter with a combining mark.
public enum DanishStemmer {
    /// The stem of one lowercased word. Words of fewer than three letters are returned unchanged.
    public static func stem(_ word: String) -> String {
        var letters = Array(word)
        guard letters.count >= 3 else { return word }
        let r1 = regionStart(of: letters)
        removeMainSuffix(from: &letters, r1: r1)
        removeConsonantPair(from: &letters, r1: r1)
        removeOtherSuffix(from: &letters, r1: r1)
        undouble(&letters, r1: r1)
        if letters.last == "'" {
            letters.removeLast()
        }
        return String(letters)
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "æ", "å", "ø"]

    /// Letters before which a final "s" is a genitive or plural ending and is removed.
    static let sEndings: Set<Character> = [
        "'", "a", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "o", "p", "r", "t", "v", "y", "z", "å",
    ]

    /// The consonants that step 4 undoubles (Snowball 3.1 leaves "cc", "vv", "zz" and so on alone).
    static let undoubled: Set<Character> = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t"]

    /// Step 1 endings, longest first, so that the first one that fits in R1 is the longest.
    static let mainSuffixes: [[Character]] = [
        "hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere", "en", "heden", "eren", "er",
        "heder", "erer", "heds", "es", "endes", "erendes", "enes", "ernes", "eres", "ens", "hedens", "erens", "ers",
        "ets", "erets", "et", "eret",
    ].map { Array($0) }.sorted { $0.count > $1.count }

    static let consonantPairs: [[Character]] = ["gd", "dt", "gt", "kt"].map { Array($0) }

    /// Step 3 endings that are deleted, longest first ("løst" is handled on its own).
    static let otherSuffixes: [[Character]] = ["elig", "lig", "els", "ig"].map { Array($0) }

    /// R1: the region after the first non-vowel that follows a vowel, starting at least three
    /// letters in. A word with an apostrophe has R1 after the first apostrophe instead.
    static func regionStart(of letters: [Character]) -> Int {
        var start = letters.count
        if let apostrophe = letters.firstIndex(of: "'") {
            start = apostrophe + 1
        } else if let vowel = letters.firstIndex(where: { vowels.contains($0) }),
            let consonant = letters[vowel...].firstIndex(where: { !vowels.contains($0) })
        {
            start = consonant + 1
        }
        return max(start, 3)
    }

    /// Whether `letters` ends with `suffix` and the suffix lies wholly in R1.
    static func endsInR1(_ letters: [Character], with suffix: [Character], r1: Int) -> Bool {
        letters.count - suffix.count >= r1 && letters.suffix(suffix.count).elementsEqual(suffix)
    }

    /// Step 1: the longest main suffix in R1 is deleted; a lone "s" only after a valid s-ending
    /// (which may lie before R1).
    static func removeMainSuffix(from letters: inout [Character], r1: Int) {
        if let suffix = mainSuffixes.first(where: { endsInR1(letters, with: $0, r1: r1) }) {
            letters.removeLast(suffix.count)
        } else if endsInR1(letters, with: ["s"], r1: r1), sEndings.contains(letters[letters.count - 2]) {
            letters.removeLast()
        }
    }

    /// Step 2: a final "gd", "dt", "gt" or "kt" in R1 loses its last letter.
    static func removeConsonantPair(from letters: inout [Character], r1: Int) {
        if consonantPairs.contains(where: { endsInR1(letters, with: $0, r1: r1) }) {
            letters.removeLast()
        }
    }

    /// Step 3: "igst" becomes "ig" anywhere; then in R1 "ig", "lig", "elig" and "els" are deleted
    /// (followed by step 2 again) and "løst" becomes "løs".
    static func removeOtherSuffix(from letters: inout [Character], r1: Int) {
        if letters.count >= 4, letters.suffix(4).elementsEqual("igst") {
            letters.removeLast(2)
        }
        if endsInR1(letters, with: Array("løst"), r1: r1) {
            letters.removeLast()
        } else if let suffix = otherSuffixes.first(where: { endsInR1(letters, with: $0, r1: r1) }) {
            letters.removeLast(suffix.count)
            removeConsonantPair(from: &letters, r1: r1)
        }
    }

    /// Step 4: a final double consonant whose last letter is in R1 loses one letter.
    static func undouble(_ letters: inout [Character], r1: Int) {
        guard letters.count > r1, letters.count >= 2, let last = letters.last, undoubled.contains(last) else {
            return
        }
        if letters[letters.count - 2] == last {
            letters.removeLast()
        }
    }
}
