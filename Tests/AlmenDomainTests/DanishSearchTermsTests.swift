import AlmenDomain
import Testing

/// The Snowball Danish stemmer against Snowball's own output.
@Suite("Danish search: Snowball stemmer")
struct DanishSearchStemmerTests {
    @Test(
        "The sample vocabulary on the Snowball Danish page gives its published stems",
        arguments: [
            ("indtage", "indtag"), ("indtagelse", "indtag"), ("indtager", "indtag"), ("indtages", "indtag"),
            ("indtaget", "indtag"), ("indtil", "indtil"), ("indtog", "indtog"), ("indtraf", "indtraf"),
            ("indtryk", "indtryk"), ("indtræde", "indtræd"), ("indtræder", "indtræd"), ("indtræffe", "indtræf"),
            ("indtræffer", "indtræf"), ("indtrængende", "indtræng"), ("indtægt", "indtæg"), ("indtægter", "indtæg"),
            ("indvandrede", "indvandred"), ("indvandret", "indvandr"), ("indvender", "indvend"),
            ("indvendig", "indvend"), ("indvendige", "indvend"), ("indvendigt", "indvend"),
            ("indvending", "indvending"), ("indvendingerne", "indvending"), ("indvie", "indvi"),
            ("indviede", "indvied"), ("indvielse", "indvi"), ("indvielsen", "indvi"),
            ("indvielsesløfte", "indvielsesløft"), ("indvielsestid", "indvielsestid"), ("indvier", "indvi"),
            ("indvies", "indvi"), ("indviet", "indvi"), ("indvikle", "indvikl"), ("indvikler", "indvikl"),
            ("indvolde", "indvold"), ("indvoldene", "indvold"), ("indvortes", "indvort"), ("indånde", "indånd"),
            ("indåndede", "indånded"), ("underste", "underst"), ("undersåtter", "undersåt"),
            ("undersåtters", "undersåt"), ("undersøg", "undersøg"), ("undersøge", "undersøg"),
            ("undersøgelse", "undersøg"), ("undersøgelsen", "undersøg"), ("undersøger", "undersøg"),
            ("undersøgt", "undersøg"), ("undersøgte", "undersøg"), ("undertryk", "undertryk"),
            ("undertrykke", "undertryk"), ("undertrykkelse", "undertryk"), ("undertrykker", "undertryk"),
            ("undertrykkere", "undertryk"), ("undertrykkeren", "undertryk"), ("undertrykkerens", "undertryk"),
            ("undertrykkeres", "undertryk"), ("undertrykkes", "undertryk"), ("undertrykt", "undertryk"),
            ("undertrykte", "undertryk"), ("undertryktes", "undertryk"), ("undertvang", "undertvang"),
            ("undertvunget", "undertvung"), ("undertvungne", "undertvungn"), ("undervejs", "undervej"),
            ("underverdenen", "underverden"), ("undervise", "undervis"), ("underviser", "undervis"),
            ("undervises", "undervis"), ("undervisning", "undervisning"), ("undervisningen", "undervisning"),
            ("undervist", "undervist"), ("underviste", "undervist"), ("underværk", "underværk"),
            ("underværker", "underværk"), ("undevise", "undevis"), ("undeviste", "undevist"),
            ("undfange", "undfang"), ("undfanged", "undfanged"),
        ]
    )
    func publishedSample(word: String, stem: String) {
        #expect(DanishStemmer.stem(word) == stem)
    }

    @Test(
        "Each step of the algorithm, as the Snowball reference implementation stems",
        arguments: [
            // Shorter than three letters, or nothing in R1: unchanged.
            ("gå", "gå"), ("at", "at"), ("hvad", "hvad"), ("løst", "løst"),
            // Step 1: the longest main suffix in R1.
            ("hedens", "hed"), ("selskabets", "selskab"), ("huslejens", "huslej"), ("beboernes", "bebo"),
            ("påkravet", "påkrav"), ("afdelingernes", "afdeling"), ("advarslen", "advarsl"),
            ("forældrene", "forældr"), ("bestyrelsesmøde", "bestyrelsesmød"),
            // Step 1: a lone "s" only after a valid s-ending.
            ("påkravs", "påkrav"), ("abonnements", "abonnement"), ("cirkus", "cirkus"), ("status", "status"),
            // Step 1 does not know the weak past in -ede.
            ("glædede", "glæded"),
            // Step 2: "gt", "kt", "dt", "gd" lose their last letter.
            ("nødvendigt", "nødvend"), ("undersøgt", "undersøg"),
            // Step 3: "igst" → "ig", then "ig", "lig", "elig", "els" go (and step 2 again); "løst" → "løs".
            ("vigtigst", "vigt"), ("billigst", "bil"), ("venligst", "ven"), ("kærlighed", "kær"),
            ("lejligheden", "lej"), ("rettigheder", "ret"), ("opsigelse", "opsig"), ("undtagelse", "undtag"),
            ("bestemmelser", "bestem"), ("vedligeholdelse", "vedligehold"), ("håbløst", "håbløs"),
            // R1 starting at "ig" lets step 3 take it after step 1: "opsige" is shorter than "opsigelse".
            ("opsige", "ops"),
            // Step 4: a final double consonant in R1 is undoubled.
            ("ejendommen", "ejendom"), ("kasse", "kas"),
            // Snowball 3.1: R1 starts after an apostrophe, and a final apostrophe goes.
            ("cd'er", "cd"), ("cd's", "cd"),
        ]
    )
    func steps(word: String, stem: String) {
        #expect(DanishStemmer.stem(word) == stem)
    }

    @Test("æ, ø and å are one letter each, precomposed or decomposed")
    func decomposedLetters() {
        let decomposed = "inda\u{30A}nde"  // "indånde" with a combining ring above

        #expect(DanishStemmer.stem(decomposed) == "indånd")
        #expect(DanishStemmer.stem("ga\u{30A}") == "gå")
        #expect(DanishStemmer.stem("beboere") == "bebo")
    }
}

/// Words, terms and the irregular forms.
@Suite("Danish search terms")
struct DanishSearchTermsTests {
    @Test(
        "The forms of one word give one term",
        arguments: [
            [
                "opsigelse", "opsige", "opsiger", "opsagt", "opsagde", "opsiges", "opsigelsen", "opsigelser",
                "Opsigelsen", "OPSAGT",
            ],
            ["fremleje", "fremlejer", "fremlejet", "fremlejede", "fremlejen", "fremlejes", "fremlejning"],
            ["sige", "siger", "sagde", "sagt", "siges"],
            ["vælge", "vælger", "valgte", "valgt", "valg", "valget", "valgene"],
            ["sælge", "sælger", "solgte", "solgt", "sælges"],
            ["give", "giver", "gav", "givet", "gives"],
            ["tage", "tager", "tog", "taget", "tages"],
            ["gå", "går", "gik", "gået"],
            ["få", "får", "fik", "fået", "fås"],
            ["skrive", "skriver", "skrev", "skrevet", "skrives"],
            ["bede", "beder", "bad", "bedt", "bedes"],
            ["flytte", "flytter", "flyttede", "flyttet", "flyttes", "flytning"],
            ["fraflytte", "fraflytter", "fraflyttede", "fraflyttet", "fraflytning", "fraflytningen"],
            ["betale", "betaler", "betalte", "betalt", "betales", "betaling", "betalingen", "betalinger"],
            ["klage", "klager", "klagede", "klaget", "klages", "klagen"],
            ["bytte", "bytter", "byttede", "byttet", "byttes"],
            ["leje", "lejer", "lejede", "lejet", "lejen"],
            ["lejlighed", "lejligheden", "lejligheder", "lejlighederne"],
            ["husleje", "huslejen", "huslejer", "huslejens"],
            ["påkrav", "påkravet", "påkravene", "påkravs"],
            ["beboer", "beboere", "beboerne", "beboeren"],
            ["bestyrelse", "bestyrelsen", "bestyrelser", "bestyrelserne"],
            ["nøgle", "nøgler", "nøglen", "nøglerne"],
            ["modtage", "modtager", "modtog", "modtaget", "modtages"],
            ["overtage", "overtager", "overtog", "overtaget", "overtagelse"],
            ["indgå", "indgår", "indgik", "indgået"],
            ["gøre", "gør", "gjorde", "gjort"],
        ]
    )
    func sameTerm(forms: [String]) {
        let terms = Set(forms.map { DanishSearchTerms.term($0) })

        #expect(terms.count == 1, "\(forms) give \(terms)")
        #expect(!terms.contains(nil))
    }

    @Test(
        "Different words keep different terms",
        arguments: [
            ("flytning", "fraflytning"),
            ("flytning", "indflytning"),
            ("flytte", "fraflytte"),
            ("leje", "lejlighed"),
            ("lejede", "lejligheden"),
            ("leje", "husleje"),
            ("leje", "fremleje"),
            ("klage", "klar"),
            ("gav", "gave"),
            ("opsige", "opsat"),
            ("betale", "beboer"),
        ]
    )
    func differentTerms(first: String, second: String) {
        #expect(DanishSearchTerms.term(first) != DanishSearchTerms.term(second))
    }

    @Test("An irregular form maps to the stem of its infinitive")
    func irregularCanonicalTerms() {
        let table = DanishSearchTerms.irregularForms

        #expect(table["opsagt"] == DanishStemmer.stem("opsige"))
        #expect(table["opsigelse"] == DanishStemmer.stem("opsige"))
        #expect(table["gik"] == DanishStemmer.stem("gå"))
        #expect(table["valg"] == DanishStemmer.stem("vælge"))
        #expect(table["betalte"] == DanishStemmer.stem("betale"))
        #expect(table["lejlighed"] == DanishStemmer.stem("lejlighederne"))
    }

    @Test("Every irregular form is needed and none is a stopword")
    func irregularFormsNeeded() {
        for (form, term) in DanishSearchTerms.irregularForms {
            #expect(DanishStemmer.stem(form) != term, "Snowball already gives \(form) → \(term)")
            #expect(!DanishSearchTerms.stopwords.contains(form))
            #expect(form == form.lowercased())
        }
    }

    @Test(
        "Words split on everything but letters and digits",
        arguments: [
            ("Opsigelse af lejlighed nr. 12B, 2. tv.", ["Opsigelse", "af", "lejlighed", "nr", "12B", "2", "tv"]),
            ("Nøglen til kælderen på Åboulevarden", ["Nøglen", "til", "kælderen", "på", "Åboulevarden"]),
            ("Café-ejer/fremlejer", ["Café", "ejer", "fremlejer"]),
            ("  «Husleje»\n\tpr. 1/7-2026: 3.000 kr.  ", ["Husleje", "pr", "1", "7", "2026", "3", "000", "kr"]),
            ("A-kasse's", ["A", "kasse", "s"]),
            ("", []),
            (" .,;-– ", []),
        ]
    )
    func words(text: String, expected: [String]) {
        #expect(DanishSearchTerms.words(in: text).map(String.init) == expected)
    }

    @Test("A scanned word's range slices the original text")
    func ranges() {
        let text = "Kære beboer, din fremlejning af lejligheden på Ærøvej 7 er godkendt."
        let scanned = DanishSearchTerms.scan(text)

        #expect(scanned.map { String(text[$0.range]) } == scanned.map { String($0.text) })
        #expect(scanned.map { String($0.text) }.first == "Kære")
        let fremlejning = scanned.first { $0.text == "fremlejning" }
        #expect(fremlejning.map { text[$0.range] } == "fremlejning")
        #expect(fremlejning?.term == DanishSearchTerms.term("fremleje"))
        let street = scanned.first { $0.term == DanishSearchTerms.term("ærøvej") }
        #expect(street.map { String(text[$0.range]) } == "Ærøvej")
    }

    @Test("Scanning keeps stopwords with no term; terms leave them out")
    func stopwords() {
        let text = "Jeg vil gerne opsige min lejlighed, og jeg har betalt huslejen."
        let scanned = DanishSearchTerms.scan(text)

        #expect(scanned.count == 11)
        #expect(scanned.filter { $0.term == nil }.map { String($0.text) } == ["Jeg", "vil", "min", "og", "jeg", "har"])
        #expect(DanishSearchTerms.terms(text) == ["gern", "ops", "lejlighed", "betal", "huslej"])
        #expect(DanishSearchTerms.term("OG") == nil)
        #expect(DanishSearchTerms.term("") == nil)
    }

    @Test("A stem is a prefix of its word, so marking a search's words stems only the words that could match")
    func stemsArePrefixes() {
        let text = """
            Opsigelsen skal være skriftlig. Lejere, der fremlejer deres lejlighed, skal søge om tilladelse; \
            fremlejningen godkendes af boligorganisationen. Huslejen betales forud hver måned, og påkravet \
            sendes med Digital Post. Afdelingsmødet vælger afdelingsbestyrelsen. Vaskeriet, nøglerne, \
            forsikringerne og råderetten står i husordenen. Vi sagde, at de gik og løb, da de så brevene, \
            og hun opsagde lejemålet, som blev opsagt i går.
            """
        for word in DanishSearchTerms.words(in: text) {
            let lowered = word.lowercased()
            guard let term = DanishSearchTerms.term(word), DanishSearchTerms.irregularForms[lowered] == nil else {
                continue
            }
            #expect(lowered.hasPrefix(term), "\(word) → \(term)")
        }
        let terms = Set(DanishSearchTerms.terms("fremleje opsige gå husleje"))
        let expected = DanishSearchTerms.scan(text).filter { $0.term.map(terms.contains) ?? false }.map(\.text)
        #expect(
            expected.map(String.init) == [
                "Opsigelsen", "fremlejer", "fremlejningen", "Huslejen", "gik", "opsagde", "opsagt", "går",
            ]
        )
        #expect(DanishSearchTerms.matches(in: text, terms: terms) == expected)
        #expect(DanishSearchTerms.firstMatch(in: text, terms: terms) == expected.first)
        #expect(DanishSearchTerms.firstMatch(in: text, terms: ["bil"]) == nil)
    }

    @Test(
        "Words with digits are kept as they are, lowercased",
        arguments: [("2026", "2026"), ("12B", "12b"), ("3tv", "3tv"), ("0042", "0042")]
    )
    func digits(word: String, term: String) {
        #expect(DanishSearchTerms.term(word) == term)
    }

    @Test("Letters are lowercased without a locale, then looked up or stemmed")
    func lowercasing() {
        #expect(DanishSearchTerms.term("BESTYRELSEN") == "bestyr")
        #expect(DanishSearchTerms.term("Gik") == "gå")
        #expect(DanishSearchTerms.term("ÆRLIGHED") == "ærl")
        #expect(DanishSearchTerms.terms("Fraflytning, flytning og indflytning") == ["fraflyt", "flyt", "indflyt"])
    }
}
