import AlmenDomain

/// The composition rules' problems in words, with their figures.
enum BoardCompositionText {
    static func describe(_ problems: [BoardComposition.Problem], _ language: Language) -> [String] {
        problems.map { text($0, language) }
    }

    static func text(_ problem: BoardComposition.Problem, _ language: Language) -> String {
        switch (problem, language) {
        case (.tooFewMembers(let count, let minimum), .da):
            "En afdelingsbestyrelse skal have mindst \(minimum) medlemmer; den har \(count)."
        case (.tooFewMembers(let count, let minimum), .en):
            "A department board has at least \(minimum) members; this one has \(count)."
        case (.evenNumberOfMembers(let count), .da):
            "En afdelingsbestyrelse skal have et ulige antal medlemmer; den har \(count) (suppleanter tælles ikke med)."
        case (.evenNumberOfMembers(let count), .en):
            "A department board has an odd number of members; this one has \(count) (alternates are not counted)."
        case (.membersNotResident(let count), .da):
            "Alle i afdelingsbestyrelsen skal bo i afdelingen; \(count == 1 ? "1 gør" : "\(count) gør") ikke."
        case (.membersNotResident(let count), .en):
            "Everyone on a department board lives in the department; \(count) \(count == 1 ? "does" : "do") not."
        case (.chairCount(let count), .da): "Bestyrelsen skal have én formand; den har \(count)."
        case (.chairCount(let count), .en): "The board has one chair; this one has \(count)."
        case (.residentsNotMajority(let residents, let members), .da):
            "Flertallet i organisationsbestyrelsen skal være beboere; \(residents) af \(members) er."
        case (.residentsNotMajority(let residents, let members), .en):
            "Most of the organisation's board are residents; \(residents) of \(members) are."
        case (.neitherChairNorDeputyResident, .da): "Formanden eller næstformanden skal være beboer."
        case (.neitherChairNorDeputyResident, .en): "The chair or the deputy chair is a resident."
        case (.representativesNotMajority(let representatives, let others), .da):
            "Afdelingernes repræsentanter skal være i flertal i repræsentantskabet; de er \(representatives) mod \(others) fra organisationsbestyrelsen."
        case (.representativesNotMajority(let representatives, let others), .en):
            "The departments' representatives are the majority of the representative body; they are \(representatives) to \(others) from the organisation's board."
        case (.departmentsWithoutRepresentative(let count), .da):
            "Hver afdeling skal have mindst én repræsentant; \(count == 1 ? "1 afdeling har" : "\(count) afdelinger har") ingen."
        case (.departmentsWithoutRepresentative(let count), .en):
            "Every department has at least one representative; \(count) \(count == 1 ? "has" : "have") none."
        }
    }
}
