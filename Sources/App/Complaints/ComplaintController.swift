import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/naboklage`: a tenant complains about a neighbour (naboklage): which
/// home in the department (an address: the complainant may not know a name), when, what
/// happened, who saw it, up to five photos and three sound recordings. The form says first that talking to the
/// neighbour or the department board often helps. Sending opens a neighbour-complaint case with
/// a receipt letter; the same form sent twice makes one complaint.
enum ComplaintController {
    struct Context: Encodable {
        let page: PageChrome
        let address: String
        let leaseHref: String
        let helpHref: String
        let action: String
        let token: String
        /// The homes to choose from: every other home of a small department, or what a search
        /// found in a large one.
        let homes: [SelectOption]
        /// The department is too large to list: the tenant searches by address.
        let search: Bool
        /// "Skriv vejnavn og husnummer, fx Lyngvej 11."
        let findHint: String
        /// What a search found: "3 boliger passer.", none, or more than the list shows.
        let found: String?
        let form: Values
        /// The photos and recordings held for the form (`HeldUploads`), as HTML: a tick for each.
        let heldPhotos: String
        let heldRecordings: String
        /// Files chosen for the refused form that could not be kept (their own problem): they
        /// must be chosen again.
        let photosAgain: Bool
        let recordingsAgain: Bool
        let today: String
        let errors: [String: String]
        let errorList: [FieldError]
        /// The tenant's open complaint about the home chosen, when they tried to file another.
        let openComplaintHref: String?
    }

    struct Values: Encodable {
        var about = ""
        /// What the tenant searched for in a large department.
        var find = ""
        var date = ""
        var time = ""
        var description = ""
        var witnesses = ""
    }

    struct Input: Content {
        var about: String?
        var find: String?
        /// "find" searches for the home; anything else sends.
        var step: String?
        var date: String?
        var time: String?
        var description: String?
        var witnesses: String?
        var photos: [File]?
        var recordings: [File]?
        /// The held photos and recordings still ticked.
        var kept: [String]?
        var token: String?
    }

    static let maxPhotos = 5
    static let maxWitnesses = 500

    /// A home in the department the complaint may be about.
    struct Home: Decodable, Sendable, AddressRow {
        let id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
    }

    /// The most homes the form lists: a department with more is searched by address.
    static let listLimit = 30

    /// The homes a complaint may be about, as the form lists them.
    struct Neighbours: Sendable {
        /// In address order, at most `listLimit`.
        var homes: [Home]
        /// How many matched the search (all the other homes without one).
        var matches: Int
        /// The department's other homes.
        var total: Int
        /// Too many to list: the form searches.
        var large: Bool { total > listLimit }

        /// The homes the form offers: all of a small department, what a search found in a large
        /// one (nothing before a search).
        func offered(searched find: String) -> [Home] { large && find.isEmpty ? [] : homes }
    }

    /// A home found, or (`id` nil) the department's size alone when none matched.
    private struct Row: Decodable {
        let id: UUID?
        let street: String?
        let house_number: String?
        let floor: String?
        let door: String?
        let postal_code: String?
        let city: String?
        let matches: Int
        let total: Int
        var home: Home? {
            guard let id, let street, let house_number, let postal_code, let city else { return nil }
            return Home(
                id: id,
                street: street,
                house_number: house_number,
                floor: floor,
                door: door,
                postal_code: postal_code,
                city: city
            )
        }
    }

    /// The other homes of the lease's department whose address ("Lyngvej 11, 2. th, 8000 Aarhus
    /// C") holds what was typed (`phrase`; all of them without it), in address order, at most `listLimit`, with how
    /// many matched and how many there are: one statement, reading one department (up to about
    /// 2,000 homes) whatever the register's size.
    static func neighbours(
        of leaseID: UUID,
        matching find: String = "",
        only: UUID? = nil,
        on database: any SQLDatabase
    ) async throws -> Neighbours {
        var query: SQLQueryString = """
            SELECT d.id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              COUNT(d.id) OVER () AS matches, t.total
            FROM (
              SELECT own.id AS own_id, own.department_id,
                (SELECT COUNT(*) FROM dwellings x WHERE x.department_id = own.department_id) - 1 AS total
              FROM leases l JOIN dwellings own ON own.id = l.dwelling_id WHERE l.id = \(bind: leaseID)
            ) t
            LEFT JOIN dwellings d ON d.department_id = t.department_id AND d.id <> t.own_id
            """
        if let only { query += " AND d.id = \(bind: only)" }
        if let phrase = phrase(find) { query += " AND " + Keyset.like(searchable, phrase) }
        // Near address order (numbers by length first), empty floors and doors first.
        query += """
             ORDER BY d.street, LENGTH(d.house_number), d.house_number, COALESCE(d.floor, ''),
              COALESCE(d.door, ''), d.id
             LIMIT \(unsafeRaw: String(listLimit))
            """
        let rows = try await database.raw(query).rows(decoding: Row.self)
        return Neighbours(
            // The SQL order picks which; the list reads numbers as numbers (Lyngvej 3 before
            // Lyngvej 11, 3A after 3) and letters the same on both databases.
            homes: rows.compactMap(\.home).sorted {
                $0.addressLine.localizedStandardCompare($1.addressLine) == .orderedAscending
            },
            matches: rows.first?.matches ?? 0,
            total: rows.first?.total ?? 0
        )
    }

    /// The address as a search reads it: words with single spaces, without the commas and the
    /// floor's point, the postcode and town after ("havevej 1 1 th 8220 brabrand"), with a space
    /// at each end.
    static let searchable =
        "' ' || REPLACE(REPLACE(REPLACE(" + EstateNoticePage.address
        + " || ' ' || d.postal_code || ' ' || d.city, ', ', ' '), '. ', ' '), '.', '') || ' '"

    /// What the tenant typed as the same words in the same order, to be found as one run in
    /// `searchable` from the start of a word: "Havevej 1, 1.th" and "havevej 1 1 th" find
    /// "Havevej 1, 1. th"; a number at the end is a whole number ("Havevej 1" is not "Havevej 11").
    /// Nil when nothing was typed.
    static func phrase(_ find: String) -> String? {
        let words = find.split { $0.isWhitespace || $0 == "," || $0 == "." }.prefix(10)
        guard let last = words.last else { return nil }
        return " " + words.joined(separator: " ") + (last.allSatisfy(\.isNumber) ? " " : "")
    }

    /// The home `id`, when it is another home of the lease's department: the one a complaint
    /// names, checked on sending.
    static func neighbour(_ id: UUID, of leaseID: UUID, on database: any SQLDatabase) async throws -> Home? {
        try await neighbours(of: leaseID, only: id, on: database).homes.first
    }

    /// What the form shows, in two statements (three when a home chosen before another search is
    /// not among those found): the lease with its dwelling (`MyHomePage.lease`), the other homes
    /// of its department that match what was searched for (`neighbours`), and the home `chosen`
    /// when it is one of them. Nil when the lease is not the person's as tenant or co-tenant, or
    /// has ended.
    struct FormPage: Sendable {
        let leaseID: UUID
        let lease: MyHomePage.Lease
        let homes: Neighbours
        /// The home chosen, among those listed or (chosen before another search) on its own.
        let chosen: Home?

        static func load(
            _ leaseID: UUID,
            person: UUID,
            matching find: String = "",
            chosen: UUID? = nil,
            on database: any Database
        ) async throws -> FormPage? {
            let sql = try database.sql()
            guard let lease = try await MyHomePage.lease(leaseID, of: person, on: database) else { return nil }
            let homes = try await neighbours(of: leaseID, matching: find, on: sql)
            var about: Home?
            if let chosen {
                about = homes.homes.first { $0.id == chosen }
                if about == nil { about = try await neighbour(chosen, of: leaseID, on: sql) }
            }
            return FormPage(leaseID: leaseID, lease: lease, homes: homes, chosen: about)
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let page = try await FormPage.load(leaseID, person: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        return try await render(req, page, values: Values(), problems: [], files: nil)
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self) else { throw Abort(.notFound) }
        let input = try await req.decodeForm(Input.self)
        let trimmed = { (text: String?) in (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let values = Values(
            about: input.about ?? "",
            find: String(trimmed(input.find).prefix(100)),
            date: trimmed(input.date),
            time: trimmed(input.time),
            description: trimmed(input.description),
            witnesses: trimmed(input.witnesses)
        )
        guard
            let page = try await FormPage.load(
                leaseID,
                person: principal.id,
                matching: values.find,
                chosen: UUID(uuidString: values.about),
                on: req.db
            )
        else { throw Abort(.notFound) }
        let (lease, homes, about) = (page.lease, page.homes, page.chosen)
        // The files: those held for the form (it keeps its token when it comes back) and still
        // ticked, and those chosen now that pass their checks.
        let token = input.token.flatMap { UUID(uuidString: $0)?.lowercasedString }
        // A form that was sent already (a second click): its complaint, before anything is
        // checked (its held files went with it).
        if let token,
            let existing = try await NeighbourComplaint.query(on: req.db).filter(\.$submissionToken == token).first()
        {
            return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
        }
        let held = try await HeldUploads.list(person: principal.id, token: token, on: req.db)
        var photos = FormFiles(held: held, kind: .photo, ticked: input.kept)
        var recordings = FormFiles(held: held, kind: .recording, ticked: input.kept)
        var fileProblems: [(String, String)] = []
        switch UploadedPhotos.check(input.photos, limit: maxPhotos - photos.kept.count) {
        case .success(let checked): photos.chosen = HeldUploads.chosen(input.photos, checked: checked)
        case .failure(let problem): fileProblems.append(("photos", problem.rawValue))
        }
        switch UploadedRecordings.check(input.recordings, limit: UploadedRecordings.limit - recordings.kept.count) {
        case .success(let checked): recordings.chosen = HeldUploads.chosen(input.recordings, checked: checked)
        case .failure(let problem): fileProblems.append(("recordings", problem.rawValue))
        }
        if !fileProblems.contains(where: { $0.0 == "photos" }), HeldUploads.gone(held: held, ticked: input.kept) {
            fileProblems.append(("photos", "heldErrorGone"))
        }
        let files = [(photos, HeldUploads.Kind.photo), (recordings, .recording)]
        // The form again, with what was found and chosen, the files held, and the problems at
        // their fields.
        var openComplaint: UUID?
        let again = { (problems: [(String, String)], status: HTTPStatus) async throws -> Response in
            var shown: [HeldUploads.Held] = []
            if let token {
                shown = try await HeldUploads.keep(
                    files,
                    held: held,
                    person: principal.id,
                    token: token,
                    dependencies: req.application.dependencies,
                    on: req.db
                )
            }
            return try await render(
                req,
                page,
                values: values,
                problems: problems,
                files: (shown, token, lost: Set(problems.map(\.0))),
                openComplaint: openComplaint
            ).encodeResponse(status: status, for: req)
        }
        if input.step == "find" {
            // The search sends the whole form (it is the form's first button, so Enter in a line
            // searches too): what was typed, ticked and chosen comes back with what was found.
            if values.find.isEmpty {
                return try await again([("find", "complaintErrorFindEmpty")] + fileProblems, .unprocessableEntity)
            }
            return try await again(fileProblems, fileProblems.isEmpty ? .ok : .unprocessableEntity)
        }
        let today = req.today
        var problems: [(String, String)] = []
        if about == nil {
            // In a large department with nothing listed, the search is where to start.
            if homes.large && homes.offered(searched: values.find).isEmpty {
                problems.append(("find", "complaintErrorFind"))
            } else {
                problems.append(("about", "complaintErrorAbout"))
            }
        }
        problems += EpisodeForm.problems(
            date: values.date,
            time: values.time,
            description: values.description,
            today: today
        )
        let date = LocalDate(iso: values.date)
        if values.witnesses.count > maxWitnesses { problems.append(("witnesses", "complaintErrorWitnesses")) }
        problems += fileProblems
        guard let about, let date, problems.isEmpty, let token else {
            return try await again(problems, .unprocessableEntity)
        }
        // A complaint about the same home still open: what happened again belongs in it (an
        // episode makes that complaint stronger), not in a new case.
        openComplaint = try await Self.openComplaint(by: principal.id, about: about.id, on: req.db)
        if openComplaint != nil {
            return try await again([("about", "complaintErrorOpenAlready")], .unprocessableEntity)
        }
        do {
            let caseID = try await file(
                by: principal.id,
                lease: leaseID,
                organisationID: lease.organisation_id,
                about: about,
                date: date,
                values: values,
                photos: try await photos.contents(kind: .photo, person: principal.id, token: token, on: req.db),
                recordings: try await recordings.contents(
                    kind: .recording,
                    person: principal.id,
                    token: token,
                    on: req.db
                ),
                token: token,
                app: req.application
            )
            return req.redirect(
                to: SiteRoute.myCase(caseID).path(query: [("besked", "naboklage")]),
                redirectType: .normal
            )
        } catch {
            // The same form sent twice at once: the token lets one through; that one answers.
            if let existing = try await NeighbourComplaint.query(on: req.db).filter(\.$submissionToken == token)
                .first()
            {
                return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
            }
            throw error
        }
    }

    /// Files a complaint: the case, the complaint at the assessment with its first episode and
    /// photos, and the receipt letter (typeset first, so it names the case's number), in one
    /// transaction. The form's token makes it once.
    static func file(
        by personID: UUID,
        lease leaseID: UUID,
        organisationID: UUID,
        about: Home,
        date: LocalDate,
        values: Values,
        photos: [(Data, String)],
        recordings: [(Data, String)] = [],
        token: String,
        app: Application
    ) async throws -> UUID {
        let dependencies = app.dependencies
        let letters = app.letters()
        let cases = app.cases
        let number = try await cases.reserveNumber()
        let answerBy = try await CaseDeadlines.target(for: .neighbourComplaint, on: app.db)
            .deadlines(opened: LocalDate(dependencies.now(), timeZone: danishTimeZone)).first { $0.kind == .answer }?
            .due
        let receipt = try await letters.prepare(
            receiptLetter(
                about: about.addressLine,
                date: date,
                values: values,
                photos: photos.count,
                recordings: recordings.count,
                answerBy: answerBy,
                number: number
            ),
            to: personID,
            lease: leaseID,
            inCase: "\(number)"
        )
        let title = BilingualWords(key: "caseTitle_complaint", ["address": about.addressLine])
        return try await app.db.transaction { db -> UUID in
            let caseFile = try await cases.open(
                .neighbourComplaint,
                title: title.danish,
                titleEnglish: title.english,
                organisationID: organisationID,
                leaseID: leaseID,
                openedBy: nil,
                number: number,
                on: db
            )
            let caseID = try caseFile.requireID()
            let complaint = NeighbourComplaint()
            complaint.id = dependencies.uuid()
            complaint.caseID = caseID
            complaint.leaseID = leaseID
            complaint.filedBy = personID
            complaint.aboutDwellingID = about.id
            // The receipt goes with the complaint: the assessment starts at once.
            complaint.step = .assessing
            complaint.stepsTaken = 0
            complaint.grave = false
            complaint.submissionToken = token
            complaint.cosignToken = dependencies.token()
            complaint.createdAt = dependencies.now()
            try await complaint.create(on: db)
            try await EpisodeForm.store(
                complaintID: try complaint.requireID(),
                date: date,
                time: values.time,
                description: values.description,
                witnesses: values.witnesses,
                reportedBy: personID,
                dependencies: dependencies,
                on: db
            )
            // Photos first, then recordings: the cards number them in that order.
            try await UploadedPhotos.store(photos + recordings, caseID: caseID, dependencies: dependencies, on: db)
            // The files held for the form are the case's now.
            try await HeldUploads.release(person: personID, token: token, on: db)
            try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
            return caseID
        }
    }

    /// `POST /mit-hjem/sager/{id}/episode`: the complainant (a tenant party of the complaint's
    /// case) adds what happened again to the diary; the case's caseworker sees it on the card.
    @Sendable
    static func addEpisode(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID),
            party.caseFile.kind == .neighbourComplaint,
            let complaint = try await NeighbourComplaint.query(on: req.db).filter(\.$caseID == caseID).first()
        else { throw Abort(.notFound) }
        // The complainant's household and the neighbours who co-signed; not the home complained about.
        if party.role != .tenant, try await !ComplaintCard.isCosigner(principal.id, ofCase: caseID, on: req.db) {
            throw Abort(.notFound)
        }
        let page = SiteRoute.myCase(caseID).path
        guard party.caseFile.status == .open else { return req.redirect(to: page, redirectType: .normal) }
        struct Input: Content {
            var date: String?
            var time: String?
            var description: String?
        }
        let input = try req.content.decode(Input.self)
        let clean = { (text: String?) in (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var form = ComplaintCard.Form(
            date: clean(input.date),
            time: clean(input.time),
            description: clean(input.description)
        )
        let problems = EpisodeForm.problems(
            date: form.date,
            time: form.time,
            description: form.description,
            today: req.today
        )
        guard problems.isEmpty, let date = LocalDate(iso: form.date) else {
            let strings = Strings.table(req.language)
            (form.errors, form.errorList) = FieldError.collect(
                problems.map { ($0.0, strings[$0.1] ?? "") },
                labelKey: ComplaintCard.labelKey,
                strings
            )
            return try await MyCasesController.show(req, episode: form).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        try await EpisodeForm.store(
            complaintID: try complaint.requireID(),
            date: date,
            time: form.time,
            description: form.description,
            reportedBy: principal.id,
            dependencies: req.application.dependencies,
            on: req.db
        )
        return req.redirect(to: page + "?besked=episode#dagbog", redirectType: .normal)
    }

    /// `POST /mit-hjem/sager/{id}/kraev-handling`: the complainant demands that the landlord act
    /// (ALL § 83): a påmindelse or the case before the beboerklagenævn within 4 weeks, July not
    /// counted. The demand is dated today, and its deadline is the case's for staff to meet.
    @Sendable
    static func demandAction(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID), party.role == .tenant,
            party.caseFile.kind == .neighbourComplaint,
            let row = try await ComplaintCard.row(ofCase: caseID, on: try req.sql), row.filed_by == principal.id,
            ComplaintCard.mayDemand(row),
            party.caseFile.status == .open || row.complaintStep == .notJustified
        else { throw Abort(.notFound) }
        // A legal step with a deadline: the box says what the complainant demands.
        struct Input: Content { var confirm: String? }
        guard (try? req.content.decode(Input.self))?.confirm == "ja" else {
            let strings = Strings.table(req.language)
            var form = ComplaintCard.Form()
            (form.errors, form.errorList) = FieldError.collect(
                [("demandConfirm", strings["complaintDemandErrorConfirm"] ?? "")],
                labelKey: { _ in "complaintDemandTitle" },
                strings
            )
            return try await MyCasesController.show(req, episode: form).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let today = req.today
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let due = ComplaintDeadlines().landlordActBy(demanded: today).lastDay
        let reopen = party.caseFile.status != .open
        try await req.db.transaction { db in
            // Once: a second demand (a double click) finds it made.
            var update: SQLQueryString =
                "UPDATE neighbour_complaints SET action_demanded_on = \(bind: today.iso)"
            // A complaint found not justified is assessed again: "not justified" is no answer now.
            if reopen { update += ", step = \(bind: ComplaintStep.assessing.rawValue)" }
            update += " WHERE id = \(bind: row.id) AND action_demanded_on IS NULL"
            guard try await OnceUpdate.run(update, on: db) else { return }
            if reopen {
                try await CaseFile.query(on: db).filter(\.$id == caseID).set(\.$status, to: .open)
                    .set(\.$closedAt, to: nil).update()
                try await CaseEvent(id: dependencies.uuid(), caseID: caseID, kind: .reopened, at: now, by: nil)
                    .create(on: db)
            }
            try await CaseDeadlineRecord(
                id: dependencies.uuid(),
                caseID: caseID,
                deadline: CaseDeadline(kind: .demandedAction, due: due),
                now: now
            ).create(on: db)
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .actionDemanded,
                at: now,
                by: nil,
                detail: principal.name
            ).create(on: db)
        }
        return req.redirect(to: SiteRoute.myCase(caseID).path + "?besked=krav#dagbog", redirectType: .normal)
    }

    /// The longest reply from the household complained about.
    static let maxReply = 4000

    /// `POST /mit-hjem/sager/{id}/svar`: a tenant of the home complained about gives their side of
    /// the case, or objects to a termination. The case's caseworker sees it on the card and in the
    /// history, and the evidence bundle carries it; the complainant never sees it.
    @Sendable
    static func reply(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID),
            party.role == .otherParty, party.caseFile.kind == .neighbourComplaint,
            let complaint = try await NeighbourComplaint.query(on: req.db).filter(\.$caseID == caseID).first(),
            try await !ComplaintCard.isCosigner(principal.id, ofCase: caseID, on: req.db)
        else { throw Abort(.notFound) }
        let page = SiteRoute.myCase(caseID).path
        guard party.caseFile.status == .open else { return req.redirect(to: page, redirectType: .normal) }
        struct Input: Content {
            var text: String?
            var token: String?
        }
        let input = try? req.content.decode(Input.self)
        let text = (input?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard var token = input?.token, UUID(uuidString: token) != nil else { throw Abort(.badRequest) }
        // The same answer twice (a double click, the back button): kept once. A new answer from an
        // old form (restored by the browser) is kept under a token of its own.
        if let earlier = try await ComplaintReply.query(on: req.db).filter(\.$submissionToken == token).first() {
            guard earlier.text != text else {
                return req.redirect(to: page + "?besked=svar#svar", redirectType: .normal)
            }
            token = req.application.dependencies.uuid().lowercasedString
        }
        if let problem = FieldError.requiredText(text, max: maxReply, "complaintReplyError") {
            let strings = Strings.table(req.language)
            var form = ComplaintCard.Form(text: text)
            (form.errors, form.errorList) = FieldError.collect(
                [("replyText", strings[problem] ?? "")],
                labelKey: ComplaintCard.labelKey,
                strings
            )
            return try await MyCasesController.show(req, episode: form).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let stored = token
        do {
            try await store(
                reply: text,
                token: stored,
                complaint: complaint,
                caseID: caseID,
                req: req,
                principal: principal
            )
        } catch {
            // Two clicks at once: the token lets one through; that one answers.
            guard try await ComplaintReply.query(on: req.db).filter(\.$submissionToken == stored).count() > 0 else {
                throw error
            }
        }
        return req.redirect(to: page + "?besked=svar#svar", redirectType: .normal)
    }

    /// The answer and its history line, in one transaction.
    private static func store(
        reply text: String,
        token: String,
        complaint: NeighbourComplaint,
        caseID: UUID,
        req: Request,
        principal: Principal
    ) async throws {
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            let reply = ComplaintReply()
            reply.id = dependencies.uuid()
            reply.complaintID = try complaint.requireID()
            reply.personID = principal.id
            reply.text = text
            reply.submissionToken = token
            reply.createdAt = now
            try await reply.create(on: db)
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .complaintReplied,
                at: now,
                by: nil,
                detail: principal.name
            ).create(on: db)
        }
    }

    /// The receipt to the complainant: what we received, what happens next, and that the other
    /// household is not told who complained unless the case requires it.
    static func receiptLetter(
        about: String,
        date: LocalDate,
        values: Values,
        photos: Int,
        recordings: Int = 0,
        answerBy: LocalDate?,
        number: CaseNumber
    ) -> GeneralLetter {
        var paragraphs = [
            "Vi har modtaget din klage over forholdene i \(about). Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om klagen."
        ]
        // What they wrote keeps its paragraphs.
        let wrote = MarkupText(
            paragraphs:
                "Du skrev om \(DateText.long(date, .da))\(values.time.isEmpty ? "" : " (\(values.time))"): \(values.description)"
        )
        if !values.witnesses.isEmpty { paragraphs.append("Vidner: \(values.witnesses)") }
        if photos > 0 { paragraphs.append("Du sendte \(photos) \(photos == 1 ? "billede" : "billeder") med.") }
        if recordings > 0 {
            paragraphs.append("Du sendte \(recordings) \(recordings == 1 ? "lydoptagelse" : "lydoptagelser") med.")
        }
        paragraphs += [
            "Vi vurderer nu klagen og kan spørge afdelingsbestyrelsen eller ejendomskontoret. Er klagen berettiget, får beboerne i boligen en henstilling om at overholde husordenen. Vi fortæller ikke, hvem der har klaget, medmindre sagen kræver det.",
            "Sker det igen, så skriv det på sagen under Mine sager, med dato og klokkeslæt. Flere episoder gør klagen stærkere.",
        ]
        if let answerBy {
            paragraphs.append("Vi vender tilbage senest \(DateText.long(answerBy, .da)).")
        }
        var texts = paragraphs.map { MarkupText($0) }
        texts.insert(wrote, at: 1)
        return GeneralLetter(subject: MarkupText("Kvittering: naboklage om \(about)"), paragraphs: texts)
    }

    /// The case of `person`'s complaint about `dwelling` while it is open.
    static func openComplaint(by person: UUID, about dwelling: UUID, on database: any Database) async throws -> UUID? {
        struct Row: Decodable { let case_id: UUID }
        return try await database.sql().raw(
            """
            SELECT n.case_id FROM neighbour_complaints n JOIN cases c ON c.id = n.case_id
            WHERE n.filed_by = \(bind: person) AND n.about_dwelling_id = \(bind: dwelling)
              AND c.status = \(bind: CaseStatus.open.rawValue)
            """
        ).first(decoding: Row.self)?.case_id
    }

    /// The form as loaded (`FormPage`), with what was typed and the problems at their fields.
    static func render(
        _ req: Request,
        _ page: FormPage,
        values: Values,
        problems: [(String, String)],
        files: (held: [HeldUploads.Held], token: String?, lost: Set<String>)?,
        openComplaint: UUID? = nil
    ) async throws -> View {
        let (leaseID, lease, homes, chosen) = (page.leaseID, page.lease, page.homes, page.chosen)
        let strings = Strings.table(req.language)
        // A large department lists what was searched for, and the home chosen before.
        var listed = homes.offered(searched: values.find)
        if let chosen, !listed.contains(where: { $0.id == chosen.id }) { listed.insert(chosen, at: 0) }
        let selected = chosen?.id ?? (homes.large && homes.homes.count == 1 ? homes.homes[0].id : nil)
        var found: String?
        if homes.large, !values.find.isEmpty {
            found =
                homes.matches == 0
                ? strings.filled("complaintFoundNone", ["find": values.find])
                : homes.matches > homes.homes.count
                    ? strings.filled(
                        "complaintFoundMore",
                        ["matches": String(homes.matches), "shown": String(homes.homes.count)]
                    )
                    : strings.counted("complaintFound", homes.matches, ["matches": String(homes.matches)])
        }
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: ComplaintCard.labelKey,
            strings
        )
        return try await req.view.render(
            "neighbour-complaint",
            Context(
                page: await PageChrome.make(for: req, title: strings["complaintTitle"] ?? ""),
                address: "\(lease.addressLine), \(lease.postal_code) \(lease.city)",
                leaseHref: SiteRoute.myLease(leaseID).path,
                helpHref: SiteRoute.helpArticle("naboklage").path,
                action: SiteRoute.myComplaint(leaseID).path,
                token: files?.token ?? req.application.dependencies.uuid().lowercasedString,
                homes: listed.map {
                    SelectOption(
                        value: $0.id.lowercasedString,
                        label: $0.addressLine,
                        selected: $0.id == selected
                    )
                },
                search: homes.large,
                findHint: strings.filled(
                    "complaintHintFind",
                    ["homes": String(homes.total), "example": "\(lease.street) \(lease.house_number)"]
                ),
                found: found,
                form: values,
                heldPhotos: HeldFileRow.html(
                    HeldFileRow.rows(files?.held ?? [], kind: .photo, req.language),
                    field: "photos",
                    legend: HTMLText.escape(strings["heldPhotosLegend"] ?? ""),
                    hint: HTMLText.escape(strings["heldFilesHint"] ?? "")
                ),
                heldRecordings: HeldFileRow.html(
                    HeldFileRow.rows(files?.held ?? [], kind: .recording, req.language),
                    field: "recordings",
                    legend: HTMLText.escape(strings["heldRecordingsLegend"] ?? ""),
                    hint: HTMLText.escape(strings["heldFilesHint"] ?? "")
                ),
                photosAgain: files?.lost.contains("photos") == true,
                recordingsAgain: files?.lost.contains("recordings") == true,
                today: req.today.iso,
                errors: errors,
                errorList: errorList,
                openComplaintHref: openComplaint.map { SiteRoute.myCase($0).path + "#episode" }
            )
        )
    }
}
