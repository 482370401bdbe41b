import AlmenDomain
import Fluent
import Foundation

/// A case (sag): one matter of one organisation, usually about one lease, with its parties and
/// everything said in it (our letters and the residents' Digital Post replies). Workflows of
/// rules.md build on it; a reply to a letter of a case is threaded into that case.
final class CaseFile: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// "2026-000042" (`CaseNumber`), unique.
    @Field(key: "number") var number: String
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @OptionalParent(key: "lease_id") var lease: Lease?
    @Field(key: "kind") var kind: CaseKind
    /// What the case is about, in Danish (a caseworker's own words, or the system's).
    @Field(key: "title") var title: String
    /// The system's title in English beside the Danish (`title_en`); nil for a title a caseworker
    /// wrote, and for cases opened before it was kept. English readers see `title` then.
    @OptionalField(key: "title_en") var titleEnglish: String?
    @Field(key: "status") var status: CaseStatus
    @Field(key: "opened_at") var openedAt: Date
    /// The member of staff who opened it; nil when the system did (a resident's request, mail).
    @OptionalField(key: "opened_by") var openedBy: UUID?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The member of staff handling it (sagsbehandler), if one is (`CaseAssignment`).
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "assigned_at") var assignedAt: Date?
    @Children(for: \.$caseFile) var parties: [CaseParty]

    init() {}

    init(
        id: UUID,
        number: CaseNumber,
        organisationID: UUID,
        leaseID: UUID?,
        kind: CaseKind,
        title: String,
        titleEnglish: String? = nil,
        openedAt: Date,
        openedBy: UUID?
    ) {
        self.id = id
        self.number = number.description
        self.$organisation.id = organisationID
        self.$lease.id = leaseID
        self.kind = kind
        self.title = title
        self.titleEnglish = titleEnglish
        self.status = .open
        self.openedAt = openedAt
        self.openedBy = openedBy
    }
}

/// `title_en`: the English of a title the system gives a case, beside the Danish.
struct AddCaseTitleEnglish: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseFile.schema).field("title_en", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseFile.schema).deleteField("title_en").update()
    }
}

/// Whether a case is still being worked on.
enum CaseStatus: String, Codable, Sendable, CaseIterable {
    case open
    case closed
}

/// A person who is party to a case (sagspart), and how.
final class CaseParty: Model, @unchecked Sendable {
    static let schema = "case_parties"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseFile: CaseFile
    @Parent(key: "person_id") var person: Person
    @Field(key: "role") var role: CasePartyRole
    @Field(key: "added_at") var addedAt: Date

    init() {}

    init(id: UUID, caseID: UUID, personID: UUID, role: CasePartyRole, addedAt: Date) {
        self.id = id
        self.$caseFile.id = caseID
        self.$person.id = personID
        self.role = role
        self.addedAt = addedAt
    }

    /// Makes `personID` a party to the case as `role`, unless they are one already (in any role).
    static func add(
        _ personID: UUID,
        as role: CasePartyRole,
        to caseID: UUID,
        id: UUID,
        at now: Date,
        on db: any Database
    ) async throws {
        guard try await query(on: db).filter(\.$caseFile.$id == caseID).filter(\.$person.$id == personID).count() == 0
        else { return }
        try await CaseParty(id: id, caseID: caseID, personID: personID, role: role, addedAt: now).create(on: db)
    }
}
