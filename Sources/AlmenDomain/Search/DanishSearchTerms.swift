/// Danish search terms: a text is split into words, and each word is normalised to the term it
/// is indexed and searched under, so that "opsagt", "opsiger" and "opsigelsen" all find each
/// other while "flytning" and "fraflytning" do not.
///
/// A term is the word lowercased, then looked up in `irregularForms` (strong verbs such as
/// "gik" → "gå", and the forms the stemmer misses), else stemmed by `DanishStemmer`. Words
/// with a digit ("12", "3b", "2026") are kept lowercased as they are. Stopwords (og, i, at, ...)
/// have no term. Pure: no locale, no I/O.
public enum DanishSearchTerms {
    /// One word of a text: its letters and digits as they stand in the text (the indices are the
    /// text's own, for highlighting) and its normalised term, nil for a stopword.
    public struct Word: Hashable, Sendable {
        public let text: Substring
        public let term: String?

        public init(text: Substring, term: String?) {
            self.text = text
            self.term = term
        }

        /// Where the word stands in the text it was scanned from.
        public var range: Range<String.Index> { text.startIndex..<text.endIndex }
    }

    /// The words of `text` in order: maximal runs of letters and digits (æ, ø, å, é and other
    /// accented letters included). Everything else (spaces, punctuation, hyphens, apostrophes)
    /// separates words, so "A-kasse" is two words and "2.tv." is "2" and "tv".
    public static func words(in text: String) -> [Substring] {
        var words: [Substring] = []
        forEachWord(in: text) { word in
            words.append(word)
            return true
        }
        return words
    }

    /// The words of `text` whose terms are among `terms`, in order: for marking the words a search
    /// found. A word is stemmed only when it could match (a stem is a prefix of its word).
    public static func matches(in text: String, terms: Set<String>) -> [Substring] {
        var matches: [Substring] = []
        forEachWord(in: text) { word in
            if isMatch(word, terms) { matches.append(word) }
            return true
        }
        return matches
    }

    /// The first word of `text` whose term is one of `terms`, looking no further (an excerpt
    /// around the first match of a long article needs only the words before it).
    public static func firstMatch(in text: String, terms: Set<String>) -> Substring? {
        firstMatch(in: text[...], terms: terms)
    }

    /// The same within part of a text: the match's indices are the whole text's.
    public static func firstMatch(in text: Substring, terms: Set<String>) -> Substring? {
        var match: Substring?
        forEachWord(in: text) { word in
            guard isMatch(word, terms) else { return true }
            match = word
            return false
        }
        return match
    }

    /// Whether the term of `word` is one of `terms`. Stemming only takes letters off the end, so
    /// a word none of the terms is a prefix of (and no irregular form) is not stemmed at all.
    private static func isMatch(_ word: Substring, _ terms: Set<String>) -> Bool {
        let lowered = word.lowercased()
        guard irregularForms[lowered] != nil || terms.contains(where: { lowered.hasPrefix($0) }) else { return false }
        return term(lowered).map(terms.contains) ?? false
    }

    /// Calls `body` with each word of `text` in order (as `words(in:)` splits them) until it
    /// returns false.
    private static func forEachWord<Text: StringProtocol>(in text: Text, _ body: (Substring) -> Bool)
    where Text.SubSequence == Substring {
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            if isWordCharacter(text[index]) {
                if start == nil {
                    start = index
                }
            } else if let wordStart = start {
                guard body(text[wordStart..<index]) else { return }
                start = nil
            }
            index = text.index(after: index)
        }
        if let wordStart = start {
            _ = body(text[wordStart...])
        }
    }

    /// The words of `text` with their terms, stopwords included (with a nil term), for
    /// highlighting the words of a text that match a search.
    public static func scan(_ text: String) -> [Word] {
        words(in: text).map { Word(text: $0, term: term($0)) }
    }

    /// The terms of `text` in order, stopwords left out; a word that occurs twice gives its term
    /// twice.
    public static func terms(_ text: String) -> [String] {
        words(in: text).compactMap { term($0) }
    }

    /// The term of one word, nil for a stopword or an empty word. The word is lowercased with
    /// plain `lowercased()` (no locale).
    public static func term(_ word: some StringProtocol) -> String? {
        let lowered = word.lowercased()
        guard !lowered.isEmpty, !stopwords.contains(lowered) else { return nil }
        if lowered.contains(where: \.isNumber) {
            return lowered
        }
        return irregularForms[lowered] ?? DanishStemmer.stem(lowered)
    }

    /// Whether a character belongs to a word rather than separating words.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Common Danish function words that are left out of the terms: pronouns, conjunctions,
    /// prepositions, adverbs and auxiliary verbs. Matched on the lowercased word, before stemming,
    /// so that "sig" is a stopword but "sige" is not. No content words.
    public static let stopwords: Set<String> = [
        "af", "at", "bliver", "blev", "da", "de", "dem", "den", "denne", "der", "deres", "det", "dette", "dig", "din",
        "dine", "disse", "dit", "du", "efter", "eller", "en", "end", "er", "et", "for", "fra", "før", "han", "hans",
        "har", "have", "hende", "hendes", "hos", "hun", "hvad", "hvis", "hvor", "i", "ikke", "ind", "jeg", "kan", "kun",
        "man", "med", "men", "mig", "min", "mine", "mit", "når", "og", "også", "om", "op", "os", "over", "på", "sig",
        "sin", "sine", "sit", "skal", "som", "så", "til", "ud", "under", "var", "ved", "vi", "vil", "vores", "være",
    ]

    /// Forms whose Snowball stem differs from the stem of their lemma, each mapped to the lemma's
    /// term: past tenses of strong verbs ("gik" → "gå"), weak pasts in -ede and -te ("flyttede",
    /// "betalte"), nouns in -else and -ning of the verbs they name ("opsigelse", "fremlejning"),
    /// and "lejlighed", which Snowball would take to "lej", the stem of "leje". Forms Snowball
    /// already brings to the right stem ("opsiger", "flyttet", "huslejen") are not listed.
    public static let irregularForms: [String: String] = {
        var table: [String: String] = [:]
        for (term, forms) in irregularGroups {
            for form in forms {
                let previous = table.updateValue(term, forKey: form)
                precondition(previous == nil, "\(form) is listed twice")
            }
        }
        return table
    }()

    /// The irregular forms by the term they map to: the stem of the infinitive for a verb.
    static let irregularGroups: [(term: String, forms: [String])] = [
        // Snowball gives "opsige" → "ops" (R1 reaches "ig"), but "opsigelse" → "opsig".
        (
            DanishStemmer.stem("opsige"),
            [
                "opsagde", "opsagt", "opsagte", "opsigelse", "opsigelsen", "opsigelsens", "opsigelser",
                "opsigelserne", "opsigelsernes", "opsigelses",
            ]
        ),
        (DanishStemmer.stem("fremleje"), ["fremlejede", "fremlejning", "fremlejningen", "fremlejninger"]),
        (DanishStemmer.stem("leje"), ["lejede"]),
        // Not a form of "leje": kept apart from it, as Snowball's own stem of "lejlighederne".
        (
            "lejlighed",
            ["lejlighed", "lejligheden", "lejlighedens", "lejligheder", "lejligheds"]
        ),
        (DanishStemmer.stem("sige"), ["sagde", "sagt"]),
        (
            DanishStemmer.stem("vælge"),
            ["valg", "valgene", "valgenes", "valget", "valgets", "valgs", "valgt", "valgte"]
        ),
        (DanishStemmer.stem("sælge"), ["solgt", "solgte"]),
        (DanishStemmer.stem("give"), ["gav"]),
        (DanishStemmer.stem("tage"), ["tog"]),
        (DanishStemmer.stem("modtage"), ["modtog"]),
        (DanishStemmer.stem("overtage"), ["overtog"]),
        (DanishStemmer.stem("gå"), ["gik", "går", "gået"]),
        (DanishStemmer.stem("indgå"), ["indgik", "indgår"]),
        (DanishStemmer.stem("få"), ["fik", "fået", "får", "fås"]),
        (DanishStemmer.stem("gøre"), ["gjorde", "gjort"]),
        (DanishStemmer.stem("skrive"), ["skrev", "skrevet", "skrevne"]),
        (DanishStemmer.stem("bede"), ["bad", "bedt"]),
        (DanishStemmer.stem("flytte"), ["flyttede", "flytning", "flytningen", "flytninger"]),
        (DanishStemmer.stem("fraflytte"), ["fraflyttede", "fraflytning", "fraflytningen", "fraflytninger"]),
        (DanishStemmer.stem("indflytte"), ["indflyttede", "indflytning", "indflytningen"]),
        (
            DanishStemmer.stem("betale"),
            ["betalt", "betalte", "betaling", "betalingen", "betalinger", "betalingerne", "betalings"]
        ),
        (DanishStemmer.stem("klage"), ["klagede"]),
        (DanishStemmer.stem("bytte"), ["byttede"]),
    ]
}
