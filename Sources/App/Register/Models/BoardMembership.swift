import AlmenDomain
import Fluent
import Foundation

/// A seat on a board for one election term: the department board (afdelingsbestyrelse) or the
/// organisation's board (organisationsbestyrelse). Access to residents' contact details follows
/// the term (rules.md section 6).
public final class BoardMembership: Model, @unchecked Sendable {
    public static let schema = "board_memberships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "board") public var board: BoardKind
    @OptionalParent(key: "department_id") public var department: Department?
    @OptionalParent(key: "organisation_id") public var organisation: HousingOrganisation?
    @Field(key: "position") public var position: BoardPosition
    @Field(key: "term_start") public var termStartISO: String
    @Field(key: "term_end") public var termEndISO: String

    public init() {}

    public init(
        id: UUID? = nil,
        personID: UUID,
        board: BoardKind,
        departmentID: UUID?,
        organisationID: UUID?,
        position: BoardPosition,
        termStart: LocalDate,
        termEnd: LocalDate
    ) {
        self.id = id
        self.$person.id = personID
        self.board = board
        self.$department.id = departmentID
        self.$organisation.id = organisationID
        self.position = position
        self.termStartISO = termStart.iso
        self.termEndISO = termEnd.iso
    }

    /// Whether the election term covers `date` (both ends included).
    public func isActive(on date: LocalDate) -> Bool {
        termStartISO <= date.iso && date.iso <= termEndISO
    }
}

/// Which board a seat is on.
public enum BoardKind: String, Codable, CaseIterable, Sendable {
    case department
    case organisation
}

/// The seat's position on the board.
public enum BoardPosition: String, Codable, CaseIterable, Sendable {
    /// Formand.
    case chair
    /// Næstformand.
    case deputyChair = "deputy_chair"
    case member
    /// Suppleant.
    case alternate
}
