import DigitalPost
import Fluent
import Vapor

/// The receiving system's push endpoint and its views: NgDP POSTs `multipart/form-data` with a
/// part `file` holding the MeMo (its filename is the messageUUID); we store it durably, send the
/// business receipt, and answer 200. Staff read the incoming mail in the back office.
enum ReceivingController {
    struct Push: Content {
        var file: File
    }

    /// Credentials are checked by `PushAuthentication` before the body is read. The business
    /// receipt follows our 200, as NgDP expects (digital-post.md).
    @Sendable
    static func push(_ req: Request) async throws -> Response {
        let push = try req.content.decode(Push.self)
        let name = push.file.filename.replacingOccurrences(of: ".xml", with: "")
        guard let uuid = UUID(uuidString: name) else {
            throw RulesInputError(code: "invalid_filename", field: "file", key: "apiError_receiptFileName")
        }
        let receiving = req.application.receivingSystem
        let outcome = try await receiving.receivePushed(uuid: uuid, xml: Data(buffer: push.file.data))
        req.application.afterResponse.run {
            do {
                try await receiving.acknowledgePushed(only: uuid, again: outcome == .duplicate)
            } catch {
                receiving.logger.error(
                    "Digital Post: acknowledging a pushed message failed; the worker tries again",
                    metadata: [
                        "message": "\(uuid)", "error": "\(String(reflecting: type(of: error)))",
                    ]
                )
            }
        }
        return try JSONResponse.ok(["outcome": "\(outcome)"])
    }

    /// `POST /digital-post/kvittering`: NgDP pushes a later receipt (Receipt JSON) for a letter we
    /// sent; it updates the letter as a pulled one would. Same credentials as the mail push.
    @Sendable
    static func pushReceipt(_ req: Request) async throws -> Response {
        let receipts = req.application.laterReceipts
        guard let body = req.body.data else {
            throw RulesInputError(code: "empty_body", field: "body", key: "apiError_receiptEmpty")
        }
        let receipt: NgDPReceipt
        do {
            receipt = try JSONDecoder().decode(NgDPReceipt.self, from: Data(buffer: body))
        } catch {
            throw RulesInputError(code: "invalid_receipt", field: "body", key: "apiError_receiptInvalid")
        }
        switch try await receipts.applyPushed(receipt) {
        case .applied: return try JSONResponse.ok(["applied": true])
        case .known: return try JSONResponse.ok(["applied": false])
        case .unverified:
            req.logger.warning(
                "Digital Post: a pushed receipt was not applied: its transmission is not the letter's",
                metadata: ["messageUUID": "\(receipt.messageUUID)"]
            )
            return try JSONResponse.make(
                RulesInputError(
                    code: "receipt_not_verified",
                    field: "transmissionId",
                    key: "apiError_receiptNotVerified"
                ).body,
                status: .conflict
            )
        }
    }

    /// `GET /health/digital-post`: the receiving system's freshness. NgDP deactivates a receiving
    /// system after 7 days without mail; this warns after 5.
    @Sendable
    static func health(_ req: Request) async throws -> Response {
        struct Health: Encodable {
            let status: String
            let lastReceivedAt: Date?
            let lastPollAt: Date?
        }
        let now = req.application.dependencies.now()
        let freshness = try await ReceivingSystem.freshness(on: req.db, now: now)
        let poll = try await AppSetting.find(AppSetting.Key.ngdpLastPoll, on: req.db).flatMap { Double($0.value) }
        return try JSONResponse.ok(
            Health(
                status: freshness.warning ? "warning" : "ok",
                lastReceivedAt: freshness.lastReceived,
                lastPollAt: poll.map(Date.init(timeIntervalSince1970:))
            )
        )
    }

    struct Row: Encodable {
        let received: String
        let label: String
        /// The message's own page, with its files.
        let href: String
        /// The organisation's contact point (kontaktpunkt) it was addressed to, if any.
        let contactPoint: String?
        let sender: String
        let thread: String?
        let status: String
        let caseNumber: String?
        let caseHref: String?
        /// For mail in no case yet, that has an organisation: open a case for it.
        let openCaseAction: String?
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let pager: Pager
        let warning: Bool
        /// The contact points mail has come to, to show one inbox at a time; with too many to
        /// list, a field to type a name in (`contactPointTyped`).
        let contactPoints: [SelectOption]
        let typesContactPoint: Bool
        let contactPointTyped: String
        let states: OptionList
        /// The staff's organisations, when they have more than one.
        let organisations: OptionList
        let choosesOrganisation: Bool
        let period: ListPeriod.Fields
        let filterAction: String
        /// What was searched for (subject, sender, case number), and whether anything narrows the list.
        let search: String
        let filtered: Bool
    }

    /// What the inbox shows, in three statements: a page of mail (`IncomingLists.inbox`, none
    /// while a day of the filter is not a date), the contact points to choose from and when the
    /// last message arrived (`ReceivingSystem.freshness`).
    struct InboxPage: Sendable {
        let rows: [IncomingLists.Row]
        let contactPoints: [IncomingLists.ContactPoint]
        let freshness: (lastReceived: Date?, warning: Bool)

        static func load(
            _ scope: StaffScope,
            _ filter: IncomingLists.Filter,
            after cursor: UUID?,
            now: Date,
            on database: any Database
        ) async throws -> InboxPage {
            let sql = try database.sql()
            // A day that is not a date shows the mistake, not a list that ignores part of the filter.
            let rows =
                filter.period.problems.isEmpty
                ? try await IncomingLists.inbox(scope, filter, after: cursor, on: sql) : []
            return InboxPage(
                rows: rows,
                contactPoints: try await IncomingLists.contactPoints(scope, on: sql),
                freshness: try await ReceivingSystem.freshness(on: database, now: now)
            )
        }
    }

    /// `/admin/post`: the organisation's incoming Digital Post, newest first, 25 a page; one
    /// contact point at a time if asked (`kontaktpunkt`), narrowed to mail not yet in a case, in
    /// one or unreadable (`status`), to an organisation and to the days received (`fra`, `til`),
    /// matching a search (`q`: subject, sender, case number). Reading it is a read of personal
    /// data, so it is audited. Mail not yet placed with an organisation is for administrators to
    /// place.
    @Sendable
    static func inbox(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let filter = IncomingLists.Filter(
            contactPoint: req.queryValue("kontaktpunkt").flatMap {
                let typed = $0.trimmingCharacters(in: .whitespaces)
                return typed.isEmpty ? nil : String(typed.prefix(200))
            },
            state: req.queryValue("status").flatMap(IncomingLists.State.init(rawValue:)),
            organisation: ListOrganisation.parse(req, scope: scope),
            search: Keyset.search(req) ?? "",
            period: ListPeriod(req)
        )
        let cursor = Keyset.cursor(req)
        let loaded = try await InboxPage.load(
            scope,
            filter,
            after: cursor,
            now: req.application.dependencies.now(),
            on: req.db
        )
        let (contactPoints, freshness) = (loaded.contactPoints, loaded.freshness)
        let (messages, pager) = Pager.page(
            loaded.rows,
            id: \.id,
            route: .incomingMail,
            query: [
                ("kontaktpunkt", filter.contactPoint), ("status", filter.state?.rawValue),
                ("organisation", filter.organisation?.lowercasedString),
                ("q", filter.search.isEmpty ? nil : filter.search),
            ] + filter.period.query,
            cursor: cursor
        )
        // Too many to list, or a contact point asked for that none of the list's is (a link from
        // elsewhere): a field to type it in, so the filter is seen and can be cleared.
        let listsContactPoints =
            contactPoints.count <= IncomingLists.contactPointsListed
            && (filter.contactPoint == nil || contactPoints.contains { $0.contact_point == filter.contactPoint })
        try await req.audit.record(
            .incomingMailList,
            dataSubjects: messages.compactMap(\.person_id),
            subjectKind: .incomingMessages,
            purpose: AuditPurpose("incomingInbox"),
            actor: principal
        )
        let strings = Strings.table(req.language)
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: filter.organisation,
            strings: strings
        )
        return try await req.view.render(
            "incoming",
            Context(
                page: await PageChrome.make(for: req, title: strings["incomingTitle"] ?? ""),
                rows: messages.map { message in
                    let stored = message.status == IncomingMessageStatus.stored.rawValue
                    return Row(
                        received: DateText.timestamp(message.received_at, req.language),
                        label: message.label ?? "—",
                        href: SiteRoute.incomingMessage(message.id).path,
                        contactPoint: message.contactPointName,
                        sender: message.sender ?? (strings["incomingUnknownSender"] ?? ""),
                        thread: message.thread,
                        status: strings[IncomingMessagePage.statusKey(stored: stored, caseID: message.case_id)] ?? "",
                        caseNumber: message.case_number,
                        caseHref: message.case_id.map { SiteRoute.staffCase($0).path },
                        openCaseAction: message.case_id == nil && message.organisation_id != nil && stored
                            ? SiteRoute.incomingMailCase(message.id).path : nil
                    )
                },
                pager: pager,
                warning: freshness.warning,
                contactPoints: listsContactPoints
                    ? contactPoints.map {
                        SelectOption(
                            value: $0.contact_point,
                            label: $0.name,
                            selected: $0.contact_point == filter.contactPoint
                        )
                    } : [],
                typesContactPoint: !listsContactPoints,
                contactPointTyped: filter.contactPoint ?? "",
                states: OptionList.choosing(
                    IncomingLists.State.allCases,
                    selected: filter.state,
                    all: strings["filterAll"] ?? ""
                ) { strings["incomingState_\($0.rawValue)"] ?? "" },
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                period: filter.period.fields(strings, labels: ("incomingReceivedFrom", "incomingReceivedTo")),
                filterAction: SiteRoute.incomingMail.path,
                search: filter.search,
                filtered: filter.narrows
            )
        ).encodeResponse(status: filter.period.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}
