import AlmenDomain
import DigitalPost
import Fluent
import SQLKit
import Vapor

/// The back office's letters: the list, one letter with its channel decision, evidence and
/// history, and its PDF. Every view of a letter is a read of personal data and is audited.
enum StaffLettersController {
    struct ListContext: Encodable {
        let page: PageChrome
        /// The table's rows (`LetterListRows`); empty when there are none.
        let letters: LetterListRows
        let empty: Bool
        let pager: Pager
        /// Letters NgDP refused for good, in scope: a caseworker's task.
        let failedCount: Int
        let failedHref: String
        let action: String
        let search: String
        let statuses: OptionList
        let kinds: OptionList
        /// The staff's organisations, when they have more than one.
        let organisations: OptionList
        let choosesOrganisation: Bool
        let period: ListPeriod.Fields
        let filtered: Bool
        let printHref: String
        let bulkHref: String
        let activationHref: String
        /// Administrators also get the template editor and the Digital Post connections.
        let templatesHref: String?
        let connectionsHref: String?
        let staffHref: String?
        let jobsHref: String?
    }

    struct ShowContext: Encodable {
        let page: PageChrome
        let letter: LetterPresentation.Row
        let reference: String
        let recipient: String
        let organisation: String
        let reasons: [String]
        let registration: String?
        let registrationCheckedAt: String?
        let arrival: String?
        let printBatch: Int?
        /// Why it failed, in words (the last failure in its history).
        let failure: String?
        /// The last attempt sent the letter and got no answer, or never came back with a result
        /// (its worker died or hung on it): NgDP may have the letter, and the caseworker is asked
        /// to look before sending it another way. (Any other failure is an answer, or came before
        /// the letter was sent: a look-up that timed out says nothing about the letter.)
        let mayHaveArrived: Bool
        /// For a letter NgDP refused for good: send it on paper instead, or (a caseworker's own
        /// letter in a case) write it again in the case.
        let toPaperAction: String?
        let rewriteHref: String?
        /// The case the letter was written in, and the way back to it.
        let caseNumber: String?
        let caseHref: String?
        /// For a letter written again: the letter that went instead.
        let replacedByHref: String?
        let pdfHref: String
        let events: [LetterPresentation.EventRow]
    }

    /// What the letters list shows: a page of the letters in scope that `filter` narrows to (one
    /// more than a page, for the pager; none while a day of its period is not a date) and how many
    /// letters in scope NgDP refused for good. Two statements.
    struct ListPage: Sendable {
        let rows: [LetterLists.Row]
        let failedCount: Int

        static func load(
            _ filter: LetterLists.Filter,
            scope: StaffScope,
            after cursor: UUID?,
            on database: any Database
        ) async throws -> ListPage {
            let sql = try database.sql()
            let failedCount = try await LetterLists.failedCount(scope, on: sql)
            // A day that is not a date shows the mistake, not a list that ignores part of the filter.
            let rows =
                filter.period.problems.isEmpty
                ? try await LetterLists.staff(scope, filter, after: cursor, on: sql) : []
            return ListPage(rows: rows, failedCount: failedCount)
        }
    }

    /// `/admin/breve`: the letters in scope, newest first, 25 a page; filtered by status
    /// (`?status=failed` is the caseworkers' task list), kind (`art`), organisation and the days
    /// they were written (`fra`, `til`), searched by recipient, subject or reference (`?q=`).
    @Sendable
    static func list(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let filter = LetterLists.Filter(
            status: req.queryValue("status").flatMap(LetterStatus.init(rawValue:)),
            kind: req.queryValue("art").flatMap(LetterKind.init(rawValue:)),
            organisation: ListOrganisation.parse(req, scope: scope),
            search: Keyset.search(req),
            period: ListPeriod(req)
        )
        let cursor = Keyset.cursor(req)
        let loaded = try await ListPage.load(filter, scope: scope, after: cursor, on: req.db)
        let query: [(String, String?)] =
            [
                ("status", filter.status?.rawValue), ("art", filter.kind?.rawValue),
                ("organisation", filter.organisation?.lowercasedString), ("q", filter.search),
            ] + filter.period.query
        let (letters, pager) = Pager.page(loaded.rows, id: \.id, route: .letters, query: query, cursor: cursor)
        try await req.audit.record(
            .lettersList,
            dataSubjects: letters.map(\.recipient_person_id),
            subjectKind: .letters,
            purpose: AuditPurpose("letterList"),
            actor: principal
        )
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: filter.organisation,
            strings: strings
        )
        let administrator = scope == .all
        return try await req.view.render(
            "letters",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["lettersTitle"] ?? ""),
                letters: LetterListRows(
                    letters.map {
                        LetterPresentation.row(
                            $0,
                            language: req.language,
                            href: SiteRoute.letter($0.id).path,
                            recipient: $0.recipientName
                        )
                    },
                    language: req.language
                ),
                empty: letters.isEmpty,
                pager: pager,
                failedCount: loaded.failedCount,
                failedHref: SiteRoute.letters.path(query: [("status", LetterStatus.failed.rawValue)]),
                action: SiteRoute.letters.path,
                search: filter.search ?? "",
                statuses: OptionList.choosing(
                    LetterStatus.allCases,
                    selected: filter.status,
                    all: strings["filterAll"] ?? ""
                ) { strings["letterStatus_\($0.rawValue)"] ?? "" },
                kinds: OptionList(
                    [SelectOption(value: "", label: strings["filterAll"] ?? "", selected: filter.kind == nil)]
                        + LetterKind.allCases.map { kind in
                            SelectOption(
                                value: kind.rawValue,
                                label: strings["letterKind_\(kind.rawValue)"] ?? "",
                                selected: kind == filter.kind
                            )
                        }.sorted {
                            $0.label.compare($1.label, locale: AuditController.danishOrder) == .orderedAscending
                        }
                ),
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                period: filter.period.fields(strings, labels: ("lettersWrittenFrom", "lettersWrittenTo")),
                filtered: filter.narrows,
                printHref: SiteRoute.printBatches.path,
                bulkHref: SiteRoute.bulkLetters.path,
                activationHref: SiteRoute.activationAdmin.path,
                templatesHref: administrator ? SiteRoute.letterTemplates.path : nil,
                connectionsHref: administrator ? SiteRoute.connections.path : nil,
                staffHref: administrator ? SiteRoute.staffMembers.path : nil,
                jobsHref: administrator ? SiteRoute.jobs.path : nil
            )
        ).encodeResponse(status: filter.period.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    /// What the letter's page shows of the letter, its recipient, organisation, Digital Post
    /// registration and print batch: one statement (`page`).
    struct PageRow: Decodable {
        let id: UUID
        let kind: String
        let recipient_person_id: UUID
        let subject: String
        let reference: String
        let page_count: Int
        let channel: String?
        let channel_reasons: String
        let status: String
        let arrival: String?
        let created_at: Date
        let given_name: String
        let family_name: String
        let addressee: String?
        let organisation_name: String
        let registration_status: String?
        let registration_checked_at: Date?
        let print_batch_number: Int?
        let case_id: UUID?
        /// Written from a case's letter form (`case_letter_submissions`): it can be written again.
        let submissions: Int
        /// The letter that went instead, when this one was written again.
        let replaced_by: UUID?
        /// Its case's state (a letter is written again only in an open case) and number.
        let case_status: String?
        let case_number: String?

        var letterStatus: LetterStatus { LetterStatus(rawValue: status) ?? .awaitingChannel }
    }

    /// The letter's page row, if the letter is in `scope`.
    static func page(_ id: UUID, scope: StaffScope, on sql: any SQLDatabase) async throws -> PageRow? {
        guard let inScope = scope.condition("l", "organisation_id") else { return nil }
        return try await sql.raw(
            """
            SELECT l.id, l.kind, l.recipient_person_id, l.subject, l.reference, l.page_count, l.channel,
              l.channel_reasons, l.status, l.arrival, l.created_at, p.given_name, p.family_name, l.addressee,
              o.name AS organisation_name, dp.registration_status, dp.registration_checked_at,
              b.number AS print_batch_number, l.case_id,
              (SELECT COUNT(*) FROM case_letter_submissions s WHERE s.letter_id = l.id) AS submissions,
              (SELECT s.letter_id FROM case_letter_submissions s WHERE s.replaces_letter_id = l.id) AS replaced_by,
              (SELECT c.status FROM cases c WHERE c.id = l.case_id) AS case_status,
              (SELECT c.number FROM cases c WHERE c.id = l.case_id) AS case_number
            FROM letters l JOIN people p ON p.id = l.recipient_person_id
            JOIN housing_organisations o ON o.id = l.organisation_id
            LEFT JOIN digital_post_letters dp ON dp.id = l.digital_post_letter_id
            LEFT JOIN print_batches b ON b.id = l.print_batch_id
            WHERE l.id = \(bind: id)
            """ + inScope
        ).first(decoding: PageRow.self)
    }

    /// What the letter's page shows: the letter (`page`) and its history, oldest first. Two
    /// statements; a letter has a handful of events.
    struct Page: Sendable {
        let letter: PageRow
        let events: [LetterEvent]

        static func load(_ id: UUID, scope: StaffScope, on database: any Database) async throws -> Page? {
            let sql = try database.sql()
            guard let letter = try await page(id, scope: scope, on: sql) else { return nil }
            // Events of one moment (made and its channel decided) in the order a letter goes.
            let events = try await LetterEvent.query(on: database).filter(\.$letter.$id == id).all()
                .sorted { ($0.at, $0.kind.order) < ($1.at, $1.kind.order) }
            return Page(letter: letter, events: events)
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("letterID", as: UUID.self),
            let loaded = try await Page.load(id, scope: scope, on: req.db)
        else { throw Abort(.notFound) }
        let (letter, events) = (loaded.letter, loaded.events)
        let strings = Strings.table(req.language)
        try await req.audit.record(
            .letterRead,
            subjectKind: .letter,
            subjectID: id,
            dataSubjectID: letter.recipient_person_id,
            purpose: AuditPurpose("caseLetterWork"),
            actor: principal
        )
        let lastFailure = events.last { $0.kind == .failed || $0.kind == .refused }
        return try await req.view.render(
            "letter",
            ShowContext(
                page: await PageChrome.make(for: req, title: letter.subject),
                letter: LetterPresentation.row(
                    createdAt: letter.created_at,
                    subject: letter.subject,
                    kind: LetterKind(rawValue: letter.kind) ?? .general,
                    channel: letter.channel.flatMap(AlmenDomain.Channel.init(rawValue:)),
                    status: letter.letterStatus,
                    pageCount: letter.page_count,
                    language: req.language,
                    href: SiteRoute.letter(id).path,
                    recipient: nil
                ),
                reference: letter.reference,
                recipient: letter.addressee ?? "\(letter.given_name) \(letter.family_name)",
                organisation: letter.organisation_name,
                reasons: letter.channel_reasons.split(separator: ",").compactMap {
                    ChannelReason(rawValue: String($0)).flatMap { strings["channelReason_\($0.rawValue)"] }
                },
                registration: letter.registration_status.map {
                    strings["registration_\(NgDPRegistrationStatus(reported: $0).rawValue)"] ?? ""
                },
                registrationCheckedAt: letter.registration_checked_at.map { DateText.timestamp($0, req.language) },
                arrival: letter.arrival.map { iso in LocalDate(iso: iso).map { DateText.short($0, req.language) } ?? iso
                },
                printBatch: letter.print_batch_number,
                failure: lastFailure.map { LetterPresentation.failure($0.facts, strings) },
                mayHaveArrived: [.noResult, .sendUnanswered].contains(lastFailure?.facts.problem),
                toPaperAction: letter.letterStatus == .failed ? SiteRoute.letterToPaper(id).path : nil,
                rewriteHref: letter.case_id.flatMap { caseID in
                    letter.letterStatus == .failed && letter.submissions > 0
                        && letter.case_status == CaseStatus.open.rawValue
                        ? SiteRoute.staffCase(caseID).path(query: [("omskriv", id.lowercasedString)]) + "#brev"
                        : nil
                },
                caseNumber: letter.case_number,
                caseHref: letter.case_id.map { SiteRoute.staffCase($0).path },
                replacedByHref: letter.replaced_by.map { SiteRoute.letter($0).path },
                pdfHref: SiteRoute.letterPDF(id).path,
                events: events.map { LetterPresentation.event($0, language: req.language) }
            )
        )
    }

    /// `POST .../fysisk`: a caseworker settles a letter NgDP refused for good by sending it on
    /// paper; it joins the print queue with the decision and its reason recorded.
    @Sendable
    static func toPaper(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let letter = try await find(req, scope: scope)
        let letterID = try letter.requireID()
        let moved = try await req.db.transaction { db -> Bool in
            // Only a failed letter moves, in one statement that decides: a second click, or a
            // caseworker who wrote it again in its case meanwhile (`LetterSubmission.replace`),
            // changes nothing.
            guard
                try await OnceUpdate.run(
                    """
                    UPDATE letters SET status = \(bind: LetterStatus.awaitingPrint.rawValue),
                      channel = \(bind: AlmenDomain.Channel.physical.rawValue),
                      channel_reasons = \(bind: ChannelReason.digitalPostRefused.rawValue)
                    WHERE id = \(bind: letterID) AND status = \(bind: LetterStatus.failed.rawValue)
                    """,
                    on: db
                )
            else { return false }
            try await LetterHistory.record(
                .toPaper,
                LetterEventFacts(channel: .physical, reasons: [.digitalPostRefused]),
                letterID: letterID,
                on: db,
                dependencies: req.application.dependencies
            )
            return true
        }
        if moved {
            try await req.audit.record(
                .letterToPaper,
                subjectKind: .letter,
                subjectID: letterID,
                dataSubjectID: letter.$recipient.id,
                purpose: AuditPurpose("letterToPaper"),
                actor: principal
            )
        }
        return req.redirect(to: SiteRoute.letter(letterID).path, redirectType: .normal)
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let letter = try await find(req, scope: scope, withPDF: true)
        try await req.audit.record(
            .letterPDF,
            subjectKind: .letter,
            subjectID: try letter.requireID(),
            dataSubjectID: letter.$recipient.id,
            purpose: AuditPurpose("caseLetterWork"),
            actor: principal
        )
        return LetterPresentation.pdfResponse(letter.pdf, filename: "brev-\(letter.reference).pdf")
    }

    /// The letter, if it exists and is in `scope`; otherwise 404 (no hint that it exists). Its PDF
    /// and the document it was set from are read only when asked for (`withPDF`): the letter's page
    /// shows neither.
    private static func find(_ req: Request, scope: StaffScope, withPDF: Bool = false) async throws -> Letter {
        guard let id = req.parameters.get("letterID", as: UUID.self) else { throw Abort(.notFound) }
        var query = Letter.query(on: req.db).filter(\.$id == id).scoped(\.$organisation.$id, to: scope)
        if !withPDF {
            query = query.field(\.$id).field(\.$organisation.$id).field(\.$kind).field(\.$recipient.$id).field(
                \.$subject
            )
            .field(\.$reference).field(\.$pageCount).field(\.$channel).field(\.$channelReasons).field(\.$status)
            .field(\.$digitalPostLetter.$id).field(\.$printBatch.$id).field(\.$arrival).field(\.$createdAt)
        }
        guard let letter = try await query.with(\.$recipient).with(\.$organisation).first() else {
            throw Abort(.notFound)
        }
        return letter
    }
}
