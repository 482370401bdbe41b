import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Urafstemning: a digital ballot decided by a department meeting, with a paper fallback.
///
/// Secret by construction: a vote is a `+1` on its option's tally, and who voted is a separate
/// row with no option. Nothing stored links a voter to a choice, while the count can be audited:
/// the voters (digital and paper) always equal the votes tallied, since both change in one
/// transaction, and the voter row's unique key makes a second vote change nothing.
final class Ballot: Model, @unchecked Sendable {
    static let schema = "ballots"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "question") var question: String
    /// The options, in order, as a JSON array of strings.
    @Field(key: "options") var optionsJSON: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// How a vote was cast.
enum BallotChannel: String, Codable, CaseIterable, Sendable {
    case digital
    /// A paper ballot, entered by staff.
    case paper
}

struct CreateBallots: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Ballot.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("question", .string, .required)
            .field("options", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("created_by", .uuid, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        // Who voted, and how: never what.
        try await database.schema("ballot_voters")
            .id()
            .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("channel", .string, .required)
            .field("recorded_by", .uuid, .references(StaffUser.schema, "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "ballot_id", "person_id")
            .create()
        // The count per option: one row each, made with the ballot.
        try await database.schema("ballot_tallies")
            .id()
            .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id"))
            .field("option_index", .int, .required)
            .field("votes", .int, .required)
            .unique(on: "ballot_id", "option_index")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ballot_tallies").delete()
        try await database.schema("ballot_voters").delete()
        try await database.schema(Ballot.schema).delete()
    }
}

/// Casting and counting votes.
struct BallotBox: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let vault: CPRVault

    /// Why a vote was not counted.
    enum Refusal: Equatable {
        case notOpen
        case notEligible
        case alreadyVoted
        case unknownOption
    }

    /// A ballot with its meeting's department.
    struct Facts: Decodable, Sendable {
        let id: UUID
        let meeting_id: UUID
        let department_id: UUID?
        let options: String
        let opens_on: String
        let closes_on: String

        var optionList: [String] {
            (try? JSONDecoder().decode([String].self, from: Data(options.utf8))) ?? []
        }
    }

    static func facts(_ ballotID: UUID, on sql: any SQLDatabase) async throws -> Facts? {
        try await sql.raw(
            """
            SELECT b.id, b.meeting_id, m.department_id, b.options, b.opens_on, b.closes_on
            FROM ballots b JOIN meetings m ON m.id = b.meeting_id WHERE b.id = \(bind: ballotID)
            """
        ).first(decoding: Facts.self)
    }

    /// Creates a ballot with a zero tally per option.
    func create(
        meetingID: UUID,
        question: String,
        options: [String],
        opens: LocalDate,
        closes: LocalDate,
        createdBy: UUID?
    ) async throws -> UUID {
        let id = dependencies.uuid()
        let now = dependencies.now()
        let tallies = options.indices.map { ($0, dependencies.uuid()) }
        try await database.transaction { db in
            let ballot = Ballot()
            ballot.id = id
            ballot.meetingID = meetingID
            ballot.question = question
            ballot.optionsJSON = Meeting.encodeAgenda(options)
            ballot.opensOn = opens.iso
            ballot.closesOn = closes.iso
            ballot.createdBy = createdBy
            ballot.createdAt = now
            try await ballot.create(on: db)
            for (index, tallyID) in tallies {
                try await db.sql().raw(
                    "INSERT INTO ballot_tallies (id, ballot_id, option_index, votes) VALUES (\(bind: tallyID), \(bind: id), \(bind: index), 0)"
                ).run()
            }
        }
        return id
    }

    /// Whether `person` may vote in the department on `day`: lives there (a tenant or a household
    /// member of a lease not ended) and is 18, by the CPR number when the register has it.
    func isEligible(_ person: UUID, department: UUID, on day: LocalDate) async throws -> Bool {
        struct Row: Decodable {
            let cpr_ciphertext: Data?
            let tenant: Int
            let member: Int
            let adult_member: Int
        }
        let lives: (SQLQueryString) -> SQLQueryString = { table in
            """
            (SELECT COUNT(*) FROM \(table) x JOIN leases l ON l.id = x.lease_id JOIN dwellings d ON d.id = l.dwelling_id
              WHERE x.person_id = p.id AND l.status <> 'ended' AND d.department_id = \(bind: department)
            """
        }
        guard
            let row = try await database.sql().raw(
                """
                SELECT p.cpr_ciphertext, \(lives("lease_tenants"))) AS tenant, \(lives("household_members"))) AS member,
                  \(lives("household_members")) AND x.adult = \(bind: true)) AS adult_member
                FROM people p WHERE p.id = \(bind: person)
                """
            ).first(decoding: Row.self)
        else { return false }
        let born = try row.cpr_ciphertext.map { try vault.open($0).birthDate }
        return BallotRules.isEligible(
            livesInDepartment: row.tenant + row.member > 0,
            born: born,
            adultWithoutBirthDate: row.tenant + row.adult_member > 0,
            on: day
        )
    }

    /// Casts `person`'s vote for option `option`: the voter row and the tally's `+1` in one
    /// transaction, or nothing at all. Returns why the vote was not counted, or nil.
    func cast(
        _ ballot: Facts,
        person: UUID,
        option: Int,
        channel: BallotChannel,
        recordedBy: UUID?,
        today: LocalDate
    ) async throws -> Refusal? {
        guard let opens = LocalDate(iso: ballot.opens_on), let closes = LocalDate(iso: ballot.closes_on),
            BallotRules.isOpen(on: today, opens: opens, closes: closes)
        else { return .notOpen }
        guard ballot.optionList.indices.contains(option) else { return .unknownOption }
        guard let department = ballot.department_id, try await isEligible(person, department: department, on: today)
        else { return .notEligible }
        let voterID = dependencies.uuid()
        let now = dependencies.now()
        let counted = try await database.transaction { db -> Bool in
            struct Row: Decodable { let id: UUID }
            let inserted = try await db.sql().raw(
                """
                INSERT INTO ballot_voters (id, ballot_id, person_id, channel, recorded_by, recorded_at)
                VALUES (\(bind: voterID), \(bind: ballot.id), \(bind: person), \(bind: channel.rawValue),
                  \(bind: recordedBy), \(bind: now))
                ON CONFLICT (ballot_id, person_id) DO NOTHING RETURNING id
                """
            ).first(decoding: Row.self)
            guard inserted != nil else { return false }
            try await db.sql().raw(
                "UPDATE ballot_tallies SET votes = votes + 1 WHERE ballot_id = \(bind: ballot.id) AND option_index = \(bind: option)"
            ).run()
            return true
        }
        return counted ? nil : .alreadyVoted
    }
}

extension Application {
    var ballotBox: BallotBox { BallotBox(database: db, dependencies: dependencies, vault: cprVault) }
}
