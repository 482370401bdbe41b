/// Word lists for the demo register: common names in Denmark (including names of residents with
/// roots elsewhere, as in social housing), real town names and postcodes, invented estates.
enum DemoNames {
    static let femaleGiven = [
        "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Lone",
        "Camilla", "Pia", "Louise", "Charlotte", "Tina", "Gitte", "Emma", "Ida", "Freja", "Clara",
        "Sofie", "Laura", "Julie", "Karen", "Inger", "Birthe", "Fatima", "Aisha", "Zeynep", "Amina",
        "Sara", "Mia", "Olivia", "Signe", "Astrid", "Ingrid", "Nadia", "Leila", "Agnieszka", "Linh",
    ]
    static let maleGiven = [
        "Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels", "Christian",
        "Martin", "Anders", "Morten", "Jesper", "Mads", "Rasmus", "Frederik", "Mikkel", "Jonas", "Oliver",
        "William", "Noah", "Lucas", "Carl", "Emil", "Magnus", "Mohammed", "Ali", "Ahmad", "Omar",
        "Hassan", "Mehmet", "Piotr", "Tomasz", "Bjørn", "Kasper", "Kristian", "Ole", "Poul", "Erik",
    ]
    static let family = [
        "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
        "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen",
        "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Olesen",
        "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Holm", "Østergaard", "Bach",
        "Ahmed", "Hussein", "Yılmaz", "Ali", "Nguyen", "Kowalski", "Nowak", "Khan", "Abdi", "Demir",
    ]
    /// Town, postcode and municipality (kommune).
    static let towns: [(postalCode: String, city: String, municipality: String)] = [
        ("2300", "København S", "København"), ("2400", "København NV", "København"),
        ("2450", "København SV", "København"), ("2620", "Albertslund", "Albertslund"),
        ("2605", "Brøndby", "Brøndby"), ("2650", "Hvidovre", "Hvidovre"), ("2630", "Taastrup", "Høje-Taastrup"),
        ("2750", "Ballerup", "Ballerup"), ("2770", "Kastrup", "Tårnby"), ("3400", "Hillerød", "Hillerød"),
        ("4000", "Roskilde", "Roskilde"), ("4700", "Næstved", "Næstved"), ("5000", "Odense C", "Odense"),
        ("5220", "Odense SØ", "Odense"), ("6000", "Kolding", "Kolding"), ("6700", "Esbjerg", "Esbjerg"),
        ("7100", "Vejle", "Vejle"), ("7400", "Herning", "Herning"), ("8000", "Aarhus C", "Aarhus"),
        ("8210", "Aarhus V", "Aarhus"), ("8220", "Brabrand", "Aarhus"), ("8700", "Horsens", "Horsens"),
        ("8900", "Randers C", "Randers"), ("9000", "Aalborg", "Aalborg"), ("9220", "Aalborg Øst", "Aalborg"),
    ]
    static let estates = [
        "Engparken", "Birkehaven", "Søparken", "Vængerne", "Tranehaven", "Rosenhøj", "Gadekæret",
        "Egeparken", "Lindevangen", "Møllegården", "Skovbrynet", "Solhøjen", "Kærgården", "Bøgelunden",
        "Toftegården", "Stjernehusene", "Præstemarken", "Fuglebakken", "Havekvarteret", "Kildeparken",
        "Åbakken", "Lyngbo", "Fjordhusene", "Mosegården", "Pilehaven", "Ellebækken", "Nørrevang", "Sydhøj",
    ]
    static let streets = [
        "Engvej", "Birkevej", "Søvej", "Tranevej", "Rosenvej", "Egevej", "Lindevej", "Møllevej",
        "Skovvej", "Solvej", "Kærvej", "Bøgevej", "Toften", "Stjernevej", "Præstevej", "Fuglevej",
        "Havevej", "Kildevej", "Åvej", "Lyngvej", "Fjordvej", "Mosevej", "Pilevej", "Ellevej",
    ]
    static let organisationNames = [
        "Fjordblik", "Vesterport", "Bakkehuset", "Solgården", "Kildebo", "Lyngbo", "Havbo", "Engbo",
        "Skovbo", "Åbo", "Nørrebo", "Sydbo", "Østerbo", "Vestbo", "Lejrebo", "Bølgen", "Ankeret",
        "Fyrtårnet", "Egebo", "Valmuen",
    ]
    static let organisationKinds = [
        "Boligselskabet", "Boligforeningen", "Almen Boligorganisation", "Arbejdernes Boligselskab",
    ]
    static let doors = ["th", "tv", "mf"]
}
