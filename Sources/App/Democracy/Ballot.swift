import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Urafstemning: a digital ballot decided by a department meeting, with a paper fallback.
///
/// Secret by construction: a digital vote is a `+1` on its option's tally, and who voted is a
/// separate row with no option and only the day. No row links a voter to a choice, while the count
/// can be audited: the digital voters always equal the digital votes tallied, since both change in
/// one transaction, and the voter row's unique key makes a second vote change nothing. Paper
/// ballots go as with two envelopes: staff register the voter from the outer envelope during the
/// ballot, and count the inner envelopes once it has closed, as numbers per option, at most one
/// per registered paper voter.
///
/// Known limit: PostgreSQL's row versions (`xmin`, the WAL) could let someone with direct access to
/// the database server pair the last voter of a transaction with the tally it changed. The app
/// never reads them; operators keep that access to the database administrators.
final class Ballot: Model, @unchecked Sendable {
    static let schema = "ballots"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "question") var question: String
    /// The options, in order, as a JSON array of strings.
    @Field(key: "options") var optionsJSON: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    /// When the paper ballots' inner envelopes were counted (once, after closing).
    @OptionalField(key: "paper_counted_at") var paperCountedAt: Date?
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
            .field("paper_counted_at", .datetime)
            .field("created_by", .uuid, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            // A double click opens one ballot.
            .unique(on: "meeting_id", "question")
            .create()
        // Who voted, and how: never what.
        try await database.schema("ballot_voters")
            .id()
            .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("channel", .string, .required)
            .field("recorded_by", .uuid, .references(StaffUser.schema, "id"))
            // The day only: an exact time would help pair a voter with a tally's change.
            .field("recorded_on", .string, .required)
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
        let paper_counted_at: Date?

        var optionList: [String] {
            (try? JSONDecoder().decode([String].self, from: Data(options.utf8))) ?? []
        }
    }

    static func facts(_ ballotID: UUID, on sql: any SQLDatabase) async throws -> Facts? {
        try await sql.raw(
            """
            SELECT b.id, b.meeting_id, m.department_id, b.options, b.opens_on, b.closes_on, b.paper_counted_at
            FROM ballots b JOIN meetings m ON m.id = b.meeting_id WHERE b.id = \(bind: ballotID)
            """
        ).first(decoding: Facts.self)
    }

    /// Creates a ballot with a zero tally per option; the same question twice on one meeting (a
    /// double click) gives the first ballot.
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
        return try await database.transaction { db -> UUID in
            struct Row: Decodable { let id: UUID }
            let made = try await db.sql().raw(
                """
                INSERT INTO ballots (id, meeting_id, question, options, opens_on, closes_on, created_by, created_at)
                VALUES (\(bind: id), \(bind: meetingID), \(bind: question), \(bind: Meeting.encodeAgenda(options)),
                  \(bind: opens.iso), \(bind: closes.iso), \(bind: createdBy), \(bind: now))
                ON CONFLICT (meeting_id, question) DO NOTHING RETURNING id
                """
            ).first(decoding: Row.self)
            guard made != nil else {
                return try await db.sql().raw(
                    "SELECT id FROM ballots WHERE meeting_id = \(bind: meetingID) AND question = \(bind: question)"
                ).first(decoding: Row.self)?.id ?? id
            }
            for (index, tallyID) in tallies {
                try await db.sql().raw(
                    "INSERT INTO ballot_tallies (id, ballot_id, option_index, votes) VALUES (\(bind: tallyID), \(bind: id), \(bind: index), 0)"
                ).run()
            }
            return id
        }
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

    /// Casts `person`'s digital vote for option `option`: the voter row and the tally's `+1` in
    /// one transaction, or nothing at all. Returns why the vote was not counted, or nil.
    func cast(_ ballot: Facts, person: UUID, option: Int, today: LocalDate) async throws -> Refusal? {
        guard ballot.optionList.indices.contains(option) else { return .unknownOption }
        return try await record(ballot, person: person, channel: .digital, recordedBy: nil, today: today) { db in
            try await db.sql().raw(
                "UPDATE ballot_tallies SET votes = votes + 1 WHERE ballot_id = \(bind: ballot.id) AND option_index = \(bind: option)"
            ).run()
        }
    }

    /// Registers `person` as having voted on paper (the outer envelope): no choice is recorded.
    func registerPaper(_ ballot: Facts, person: UUID, recordedBy: UUID, today: LocalDate) async throws -> Refusal? {
        try await record(ballot, person: person, channel: .paper, recordedBy: recordedBy, today: today) { _ in }
    }

    private func record(
        _ ballot: Facts,
        person: UUID,
        channel: BallotChannel,
        recordedBy: UUID?,
        today: LocalDate,
        count: @escaping @Sendable (any Database) async throws -> Void
    ) async throws -> Refusal? {
        guard let opens = LocalDate(iso: ballot.opens_on), let closes = LocalDate(iso: ballot.closes_on),
            BallotRules.isOpen(on: today, opens: opens, closes: closes)
        else { return .notOpen }
        guard let department = ballot.department_id, try await isEligible(person, department: department, on: today)
        else { return .notEligible }
        let voterID = dependencies.uuid()
        let counted = try await database.transaction { db -> Bool in
            struct Row: Decodable { let id: UUID }
            let inserted = try await db.sql().raw(
                """
                INSERT INTO ballot_voters (id, ballot_id, person_id, channel, recorded_by, recorded_on)
                VALUES (\(bind: voterID), \(bind: ballot.id), \(bind: person), \(bind: channel.rawValue),
                  \(bind: recordedBy), \(bind: today.iso))
                ON CONFLICT (ballot_id, person_id) DO NOTHING RETURNING id
                """
            ).first(decoding: Row.self)
            guard inserted != nil else { return false }
            try await count(db)
            return true
        }
        return counted ? nil : .alreadyVoted
    }

    /// Why the paper ballots could not be counted.
    enum CountProblem: Equatable {
        case notClosed
        case alreadyCounted
        case moreThanVoters(voters: Int)
    }

    /// Adds the inner envelopes' counts per option, once, after the ballot has closed: at most one
    /// vote per registered paper voter (a blank or spoilt paper counts for no option).
    func countPaper(_ ballot: Facts, counts: [Int], today: LocalDate) async throws -> CountProblem? {
        guard let closes = LocalDate(iso: ballot.closes_on), today > closes else { return .notClosed }
        guard ballot.paper_counted_at == nil else { return .alreadyCounted }
        let now = dependencies.now()
        return try await database.transaction { db -> CountProblem? in
            struct Count: Decodable { let count: Int }
            let voters =
                try await db.sql().raw(
                    "SELECT COUNT(*) AS count FROM ballot_voters WHERE ballot_id = \(bind: ballot.id) AND channel = 'paper'"
                ).first(decoding: Count.self)?.count ?? 0
            guard counts.reduce(0, +) <= voters else { return .moreThanVoters(voters: voters) }
            let first = try await OnceUpdate.run(
                "UPDATE ballots SET paper_counted_at = \(bind: now) WHERE id = \(bind: ballot.id) AND paper_counted_at IS NULL",
                on: db
            )
            guard first else { return .alreadyCounted }
            for (index, votes) in counts.enumerated() where votes > 0 {
                try await db.sql().raw(
                    "UPDATE ballot_tallies SET votes = votes + \(bind: votes) WHERE ballot_id = \(bind: ballot.id) AND option_index = \(bind: index)"
                ).run()
            }
            return nil
        }
    }
}

extension Application {
    var ballotBox: BallotBox { BallotBox(database: db, dependencies: dependencies, vault: cprVault) }
}
