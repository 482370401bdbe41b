import AlmenDomain

/// The composition rules' problems in words, with their figures.
enum BoardCompositionText {
    static func describe(_ problems: [BoardComposition.Problem], _ language: Language) -> [String] {
        problems.map { text($0, language) }
    }

    static func text(_ problem: BoardComposition.Problem, _ language: Language) -> String {
        let strings = Strings.table(language)
        switch problem {
        case .tooFewMembers(let count, let minimum):
            return strings.filled("boardProblemTooFew", ["count": "\(count)", "minimum": "\(minimum)"])
        case .evenNumberOfMembers(let count):
            return strings.filled("boardProblemEven", ["count": "\(count)"])
        case .membersNotResident(let count):
            return strings.counted("boardProblemNotResident", count, ["count": "\(count)"])
        case .chairCount(let count):
            return strings.filled("boardProblemChairs", ["count": "\(count)"])
        case .residentsNotMajority(let residents, let members):
            return strings.filled("boardProblemResidents", ["residents": "\(residents)", "members": "\(members)"])
        case .neitherChairNorDeputyResident:
            return strings.filled("boardProblemChairResident")
        case .representativesNotMajority(let representatives, let others):
            return strings.filled(
                "boardProblemRepresentatives",
                ["representatives": "\(representatives)", "others": "\(others)"]
            )
        case .departmentsWithoutRepresentative(let count):
            return strings.counted("boardProblemNoRepresentative", count, ["count": "\(count)"])
        }
    }
}
