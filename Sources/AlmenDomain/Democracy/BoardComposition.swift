/// The composition rules of the boards of resident democracy (rules.md §6): checked when the
/// results of an election are entered, each breach a problem with its numbers.
public enum BoardComposition {
    /// A seat as the rules see it. Alternates (suppleanter) are not counted among the members.
    public struct Seat: Sendable, Equatable {
        public let role: Role
        /// Lives in a dwelling of the organisation (for the department board: of the department).
        public let isResident: Bool

        public init(role: Role, isResident: Bool) {
            self.role = role
            self.isResident = isResident
        }
    }

    public enum Role: String, Sendable, Equatable, CaseIterable {
        /// Formand.
        case chair
        /// Næstformand.
        case deputyChair
        case member
        /// Suppleant: not a member until they step in.
        case alternate
    }

    /// What breaks a rule, with the figures to say so.
    public enum Problem: Sendable, Equatable {
        /// A department board has at least 3 members.
        case tooFewMembers(count: Int, minimum: Int)
        /// A department board always has an odd number of members.
        case evenNumberOfMembers(count: Int)
        /// Every member of a department board lives in the department.
        case membersNotResident(count: Int)
        /// A board has one chair.
        case chairCount(count: Int)
        /// The majority of the organisation's board are residents.
        case residentsNotMajority(residents: Int, members: Int)
        /// The chair or the deputy chair of the organisation's board is a resident.
        case neitherChairNorDeputyResident
        /// The department representatives are the majority of the representative body.
        case representativesNotMajority(representatives: Int, others: Int)
        /// Every department has at least one representative.
        case departmentsWithoutRepresentative(count: Int)
    }

    /// Afdelingsbestyrelse (ABL § 34): at least 3 members, an odd number, all residents of the
    /// department, one chair.
    public static func departmentBoard(_ seats: [Seat]) -> [Problem] {
        let members = seats.filter { $0.role != .alternate }
        var problems: [Problem] = []
        if members.count < 3 { problems.append(.tooFewMembers(count: members.count, minimum: 3)) }
        if members.count.isMultiple(of: 2), members.count >= 3 {
            problems.append(.evenNumberOfMembers(count: members.count))
        }
        let outside = seats.filter { !$0.isResident }.count
        if outside > 0 { problems.append(.membersNotResident(count: outside)) }
        let chairs = members.filter { $0.role == .chair }.count
        if chairs != 1 { problems.append(.chairCount(count: chairs)) }
        return problems
    }

    /// Organisationsbestyrelse: a majority of residents, and the chair or the deputy chair a
    /// resident; one chair.
    public static func organisationBoard(_ seats: [Seat]) -> [Problem] {
        let members = seats.filter { $0.role != .alternate }
        var problems: [Problem] = []
        let chairs = members.filter { $0.role == .chair }.count
        if chairs != 1 { problems.append(.chairCount(count: chairs)) }
        let residents = members.filter(\.isResident).count
        if residents * 2 <= members.count {
            problems.append(.residentsNotMajority(residents: residents, members: members.count))
        }
        if !members.contains(where: { [.chair, .deputyChair].contains($0.role) && $0.isResident }) {
            problems.append(.neitherChairNorDeputyResident)
        }
        return problems
    }

    /// Repræsentantskab: the organisation's board plus at least one representative per
    /// department, the department representatives always the majority.
    /// `representativesPerDepartment` has one count per department of the organisation.
    public static func representativeBody(
        boardMembers: Int,
        representativesPerDepartment: [Int]
    ) -> [Problem] {
        var problems: [Problem] = []
        let missing = representativesPerDepartment.filter { $0 < 1 }.count
        if missing > 0 { problems.append(.departmentsWithoutRepresentative(count: missing)) }
        let representatives = representativesPerDepartment.reduce(0, +)
        if representatives <= boardMembers {
            problems.append(.representativesNotMajority(representatives: representatives, others: boardMembers))
        }
        return problems
    }
}
