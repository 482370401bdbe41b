import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The demo register's resident democracy, in the first tenant's department: the last yearly
/// meeting, held, with its votes and published minutes; an extraordinary meeting held two days
/// ago whose results and minutes staff have yet to enter, with the ballot (urafstemning) it
/// decided open now; and the coming yearly meeting, called with its deadlines worked out, a
/// neighbour's proposal on it.
public enum DemoMeetings {
    /// Makes both meetings; returns the coming meeting's id, or nil when the register is empty.
    @discardableResult
    public static func seed(app: Application) async throws -> UUID? {
        guard let tenancy = try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first(),
            let lease = try await MyHomePage.lease(tenancy.$lease.id, of: tenancy.$person.id, on: app.db)
        else { return nil }
        let sql = try app.db.sql()
        struct Department: Decodable { let department_id: UUID }
        guard
            let department = try await sql.raw(
                "SELECT d.department_id FROM leases l JOIN dwellings d ON d.id = l.dwelling_id WHERE l.id = \(bind: tenancy.$lease.id)"
            ).first(decoding: Department.self)?.department_id
        else { return nil }
        let dependencies = app.dependencies
        let today = LocalDate(dependencies.now(), timeZone: danishTimeZone)
        let deadlines = MeetingDeadlines()
        func meeting(on day: LocalDate, agenda: [String]) -> Meeting {
            let meeting = Meeting()
            meeting.id = dependencies.uuid()
            meeting.body = .department
            meeting.kind = .ordinary
            meeting.organisationID = lease.organisation_id
            meeting.departmentID = department
            meeting.heldOn = day.iso
            meeting.startsAt = "19.00"
            meeting.place = "Fælleshuset"
            meeting.agendaJSON = Meeting.encodeAgenda(agenda)
            meeting.noticeBy = deadlines.noticeBy(meeting: day).iso
            meeting.proposalsBy = deadlines.proposalsBy(meeting: day).iso
            meeting.minutesBy = deadlines.minutesBy(meeting: day).iso
            meeting.votesPerHousehold = HouseholdVotes.standard
            meeting.createdAt = dependencies.now()
            return meeting
        }
        // A neighbour in the department proposes; the demo tenant sees a proposal not their own.
        struct Neighbour: Decodable {
            let person_id: UUID
            let lease_id: UUID
        }
        let neighbour = try await sql.raw(
            """
            SELECT lt.person_id, lt.lease_id FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            WHERE d.department_id = \(bind: department) AND l.status <> 'ended' AND l.id <> \(bind: tenancy.$lease.id)
            ORDER BY lt.person_id LIMIT 1
            """
        ).first(decoding: Neighbour.self)
        func propose(
            _ meetingID: UUID,
            title: String,
            text: String,
            votes: (Int, Int, Int)?,
            submitted: LocalDate
        ) async throws {
            guard let neighbour else { return }
            let proposal = MeetingProposal()
            proposal.id = dependencies.uuid()
            proposal.meetingID = meetingID
            proposal.personID = neighbour.person_id
            proposal.leaseID = neighbour.lease_id
            proposal.title = title
            proposal.text = text
            // In the afternoon of the day, Danish time, before the proposal deadline.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = danishTimeZone
            proposal.submittedAt =
                calendar.date(
                    from: DateComponents(year: submitted.year, month: submitted.month, day: submitted.day, hour: 15)
                )
                ?? dependencies.now()
            proposal.votesFor = votes?.0
            proposal.votesAgainst = votes?.1
            proposal.votesBlank = votes?.2
            try await proposal.create(on: app.db)
        }

        // The last meeting, held two months ago, with its minutes published.
        let held = meeting(on: today.adding(days: -60), agenda: MeetingForm.standardAgenda)
        held.minutes =
            "Dirigent: Bo Jensen.\n\nBestyrelsens beretning blev taget til efterretning. Regnskab og budget blev godkendt; huslejen stiger 1,9 % fra 1. januar.\n\nValgt til bestyrelsen: Anne Hansen (formand), Peter Madsen og Sara Ali. Suppleant: Jonas Berg."
        try await held.create(on: app.db)
        let heldID = try held.requireID()
        try await propose(
            heldID,
            title: "Cykelparkering ved opgang B",
            text: "Vi foreslår et overdækket cykelstativ ved opgang B.",
            votes: (41, 12, 3),
            submitted: today.adding(days: -80)
        )
        if let header = try await MeetingPage.staff(heldID, scope: .all, on: sql) {
            try await MeetingsController.publish(header, by: nil, app: app, audit: nil)
        }

        // An extraordinary meeting two days ago: minutes to write, and its ballot open for two weeks.
        let extraordinary = meeting(
            on: today.adding(days: -2),
            agenda: ["Valg af dirigent", "Forslag om fælles vaskeri", "Eventuelt"]
        )
        extraordinary.kind = .extraordinary
        try await extraordinary.create(on: app.db)
        let extraordinaryID = try extraordinary.requireID()
        try await propose(
            extraordinaryID,
            title: "Fælles vaskeri i kælderen",
            text: "Vi foreslår, at afdelingen indretter et fælles vaskeri i kælderen under opgang A.",
            votes: nil,
            submitted: today.adding(days: -20)
        )
        _ = try await app.ballotBox.create(
            meetingID: extraordinaryID,
            question: "Skal afdelingen indrette et fælles vaskeri i kælderen?",
            options: ["Ja", "Nej"],
            opens: today.adding(days: -1),
            closes: today.adding(days: 13),
            createdBy: nil
        )

        // The coming meeting: five weeks ahead, so its notice is still in time.
        let coming = meeting(on: today.adding(days: 35), agenda: MeetingForm.standardAgenda)
        try await coming.create(on: app.db)
        let comingID = try coming.requireID()
        try await propose(
            comingID,
            title: "Hønsehus i gården",
            text:
                "Vi foreslår, at afdelingen bygger et lille hønsehus i gården, som beboerne passer på skift.\n\nUdgiften er anslået til 15.000 kr.",
            votes: nil,
            submitted: today.adding(days: -1)
        )
        // A neighbour's household already asks for a new extraordinary meeting.
        if let neighbour {
            let request = ExtraordinaryMeetingRequest()
            request.id = dependencies.uuid()
            request.departmentID = department
            request.leaseID = neighbour.lease_id
            request.personID = neighbour.person_id
            request.topic = "Parkeringsforholdene i gården"
            request.requestedAt = dependencies.now()
            try await request.create(on: app.db)
        }
        return comingID
    }

    /// A tenant of a household of the meeting's department, as its notice is sent.
    struct Household: Decodable, Sendable {
        let person_id: UUID
        let lease_id: UUID
    }

    /// The first `count` tenants of the meeting's department whose leases have not ended, in the
    /// register's order (the first tenant the sandbox MitID offers is the first of them).
    static func households(of meetingID: UUID, first count: Int, on sql: any SQLDatabase) async throws -> [Household] {
        try await sql.raw(
            """
            SELECT lt.person_id, lt.lease_id FROM meetings m
            JOIN dwellings d ON d.department_id = m.department_id
            JOIN leases l ON l.dwelling_id = d.id AND l.status <> \(bind: LeaseStatus.ended.rawValue)
            JOIN lease_tenants lt ON lt.lease_id = l.id
            WHERE m.id = \(bind: meetingID) ORDER BY lt.id LIMIT \(unsafeRaw: String(count))
            """
        ).all(decoding: Household.self)
    }

    /// The coming demo meeting's notice, as its bulk run would send it.
    static func notice(_ meetingID: UUID, on sql: any SQLDatabase) async throws -> (any LetterContent)? {
        try await MeetingPage.staff(meetingID, scope: .all, on: sql).map {
            MeetingsController.noticeContent($0).content
        }
    }
}
