import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// "Mine sager": the cases the signed-in person is party to, as a tenant or as another party
/// (a sub-tenant, a swap partner). Each party sees the case's letters to them and the mail they
/// sent in it, never another party's; a case they are not party to is a 404.
enum MyCasesController {
    struct ListContext: Encodable {
        let page: PageChrome
        let cases: [CasePresentation.Row]
        let pager: Pager
    }

    struct ShowContext: Encodable {
        let page: PageChrome
        let caseFile: CasePresentation.Row
        let role: String
        /// "Svar senest 17. december 2026", while the case is open and its answer due.
        let promise: String?
        /// How long such cases took last quarter, while the answer is due.
        let responseTime: String?
        /// How to answer our letters: in the digital mailbox, or, for a resident whose letters
        /// come on paper (exempt from Digital Post), by post or phone.
        let replyHint: String
        let history: [CasePresentation.Entry]
        /// What was just done, after a request was sent or signed ("?besked=").
        let notice: String?
        /// A termination case's notice, with its state and the co-tenants' signatures.
        let noticeHref: String?
        /// Where the tenants' notice stands: waiting for a co-tenant, or received with its end.
        let noticeState: String?
        /// The notice's link stands at the foot of the page when no card says where it stands.
        let noticeBelow: Bool
        /// A sub-letting case's signed agreement, for its tenants.
        let agreementHref: String?
        /// The fault report as the tenant sent it, with its photos.
        let fault: StaffCasesController.Fault?
        /// The request about their data as they sent it.
        let dataRequest: StaffCasesController.DataRequestCard?
        /// The påkrav of an arrears case: what to pay and by when (tenants).
        let paakrav: PaakravPresentation.Card?
        let paymentHelpHref: String
        /// The partial sub-letting as the tenant notified it.
        let sublet: Sublet?
        /// The swap as the tenant applied for it.
        let swap: SwapCard.Card?
        /// A co-tenant's signature on an application to let the whole home or swap it.
        let cosign: CoTenantSignatures.Card?
        /// What was decided, when, and why.
        let decided: String?
        /// The complainant's own complaint: where it stands, their episodes, and the diary form.
        let complaint: ComplaintCard.Mine?
        /// For the household a complaint is about: what it means, their answers and the form.
        let complainedAbout: ComplaintCard.Answering?
    }

    /// What a request's page can say it did ("?besked="), each a `caseNotice_` text.
    static let notices: Set<String> = [
        "opsagt", "gemt", "underskrevet", "stoppet", "fremleje", "fejl", "naboklage", "episode", "krav",
        "medunderskrevet", "eget-link", "persondata", "fremlejetager", "bytte", "svar", "medlejer",
    ]

    struct Sublet: Encodable {
        let start: String
        let rooms: Int
        let occupants: Int
        /// The area let, in m², when the tenant gave it.
        let area: Int?
        let subtenants: String
        /// The tenant said the partial sub-letting approved before has ended.
        var earlierEnded = false
        /// An application to let the whole home, instead of rooms.
        let whole: WholeSublettingPresentation.Card?
        /// Shown to the sub-tenant: the terms they signed, without the tenant's reason or files.
        var forOtherParty = false
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let cursor = Keyset.cursor(req)
        let rows = try await CaseLists.ofParty(principal.id, after: cursor, on: try req.sql)
        let (cases, pager) = Pager.page(rows, id: \.id, route: .myCases, query: [], cursor: cursor)
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "my-cases",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["myCasesTitle"] ?? ""),
                cases: cases.map {
                    var row = CasePresentation.row(
                        $0,
                        language: req.language,
                        href: SiteRoute.myCase($0.id).path,
                        today: req.today,
                        forStaff: false
                    )
                    if $0.status != CaseStatus.open.rawValue { row.promise = nil }
                    return row
                },
                pager: pager
            )
        )
    }

    /// Where a termination case's notice stands, for its tenants: received (when every tenant
    /// had signed) with the lease's end, or, while the case is open, waiting for a co-tenant (or
    /// for the reader, who has not signed).
    static func noticeState(
        _ details: CasePage.PartyDetails,
        _ strings: [String: String],
        language: Language
    ) -> String? {
        if let received = details.notice_received_on.flatMap(LocalDate.init(iso:)) {
            return strings.filled(
                "caseNoticeReceived",
                [
                    "received": DateText.long(received, language),
                    "end": details.notice_end_date.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) }
                        ?? "",
                ]
            )
        }
        guard details.caseStatus == .open else { return nil }
        return strings[details.notice_signed == 1 ? "caseNoticeWaiting" : "caseNoticeWaitingForYou"]
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        try await show(req, episode: ComplaintCard.Form())
    }

    /// What a party's case page shows, in a fixed few statements whatever the case holds: the
    /// case with the person's role and what was filed (one statement), the history they may see,
    /// and by kind and role the answer times, the påkrav's account, the swap and the co-tenant's
    /// signature. Nil when the person is no party to the case.
    struct Page: Sendable {
        let details: CasePage.PartyDetails
        let history: [CasePage.Event]
        /// How long such cases took last quarter, while an answer is promised.
        var figure: CaseResponseStatistic? = nil
        /// The lease's account, for a tenant's open arrears case with a påkrav.
        var ledger = Ledger([])
        var swap: SwapCard.Row? = nil
        var signing: CoTenantSignatures.Signing? = nil
        /// A neighbour complaint as the person follows it, or as the household it is about.
        var complaint: ComplaintCard.Reading? = nil

        /// Whether the person follows a neighbour complaint as its complainant's household or a
        /// co-signer (rather than as the household it is about).
        var followsComplaint: Bool {
            details.caseKind == .neighbourComplaint && (details.partyRole == .tenant || details.cosigner == 1)
        }

        /// The answer date promised: the household a complaint is about is told of its steps,
        /// not promised an answer.
        var answerDue: String? {
            details.caseStatus == .open
                && !(details.caseKind == .neighbourComplaint && details.partyRole == .otherParty)
                ? details.answer_due : nil
        }

        static func load(_ caseID: UUID, of personID: UUID, on database: any Database) async throws -> Page? {
            let sql = try database.sql()
            guard let details = try await CasePage.partyDetails(caseID, of: personID, on: sql) else { return nil }
            let tenant = details.partyRole == .tenant
            let kind = details.caseKind
            var page = Page(details: details, history: try await CasePage.history(caseID, onlyFor: personID, on: sql))
            if page.answerDue != nil { page.figure = try await CaseStatistics.latest(kind, on: database) }
            if tenant, details.caseStatus == .open, details.paakrav != nil, let leaseID = details.lease_id {
                page.ledger = try await LeaseAccount.ledger(of: leaseID, on: database)
            }
            if tenant, kind == .swap { page.swap = try await SwapCard.row(ofCase: caseID, on: sql) }
            if tenant, kind == .swap || kind == .subletting {
                page.signing = try await CoTenantSignatures.signing(ofCase: caseID, by: personID, on: sql)
            }
            if kind == .neighbourComplaint {
                page.complaint =
                    page.followsComplaint
                    ? try await ComplaintCard.Reading.forComplainant(caseID, personID: personID, on: sql)
                    : try await ComplaintCard.Reading.forHousehold(caseID, personID: personID, on: sql)
            }
            return page
        }
    }

    /// The case's page, with the complaint's diary form as it was filled in.
    static func show(_ req: Request, episode: ComplaintCard.Form) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("caseID", as: UUID.self),
            let page = try await Page.load(id, of: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        let details = page.details
        let role = details.partyRole
        let open = details.caseStatus == .open
        let strings = Strings.table(req.language)
        let followsComplaint = page.followsComplaint
        // The complainant and co-signers hear that the case went on against the other household,
        // not how (the household may still object to a termination).
        let history =
            followsComplaint
            ? page.history.map { event in
                guard event.title == CaseEvent.Kind.complaintStep.rawValue,
                    let detail = event.detail, ComplaintCard.shownToComplainant(detail) != detail
                else { return event }
                return CasePage.Event(
                    outgoing: event.outgoing,
                    id: event.id,
                    title: event.title,
                    at: event.at,
                    given_name: event.given_name,
                    family_name: event.family_name,
                    detail: ComplaintCard.shownToComplainant(detail),
                    by_name: event.by_name,
                    staff_name: event.staff_name
                )
            } : page.history
        // The tenant's own report and the decision; another party (a sub-tenant) sees the decision.
        let fault = role == .tenant ? details.fault_location : nil
        let noticeHref =
            details.caseKind == .termination && open && role == .tenant
            ? details.lease_id.map { SiteRoute.myTermination($0).path } : nil
        let noticeState =
            details.caseKind == .termination && role == .tenant && details.has_notice == 1
            ? Self.noticeState(details, strings, language: req.language) : nil
        return try await req.view.render(
            "my-case",
            ShowContext(
                page: await PageChrome.make(for: req, title: "\(strings["caseTitle"] ?? "") \(details.number)"),
                caseFile: CasePresentation.row(
                    details,
                    language: req.language,
                    href: SiteRoute.myCase(id).path,
                    forParties: true
                ),
                role: details.caseKind == .neighbourComplaint
                    ? CasePresentation.complaintRole(role, cosigner: followsComplaint, strings: strings)
                    : CasePresentation.role(role, strings: strings),
                promise: CasePresentation.promise(
                    page.answerDue,
                    today: req.today,
                    alone: true,
                    language: req.language
                ),
                responseTime: CasePresentation.responseTime(page.figure, language: req.language),
                replyHint: strings[
                    details.last_channel == AlmenDomain.Channel.physical.rawValue
                        ? "myCaseReplyHintPaper" : "myCaseReplyHint"
                ]
                    ?? "",
                history: CasePresentation.history(
                    history,
                    language: req.language,
                    forStaff: false,
                    letterHref: { SiteRoute.myLetterPDF($0).path }
                ),
                notice: req.queryValue("besked").flatMap { message in
                    Self.notices.contains(message) ? strings["caseNotice_\(message)"] : nil
                },
                noticeHref: noticeHref,
                noticeState: noticeState,
                noticeBelow: noticeHref != nil && noticeState == nil,
                agreementHref: role == .tenant && details.has_agreement == 1
                    ? SiteRoute.mySublettingAgreement(id).path : nil,
                fault: fault.map { location in
                    StaffCasesController.fault(
                        location: location,
                        description: details.fault_description,
                        masterKey: details.fault_master_key,
                        photoCount: details.photo_count,
                        forStaff: false,
                        strings
                    ) { SiteRoute.myCaseAttachment(id, $0).path }
                },
                // Only to whoever asked: a request about their data is theirs alone.
                dataRequest: details.data_person_id == principal.id
                    ? details.data_right.map {
                        StaffCasesController.DataRequestCard(
                            right: strings["dataRight_\($0)"] ?? "",
                            text: details.data_text ?? ""
                        )
                    } : nil,
                paakrav: role == .tenant && open
                    ? PaakravPresentation.card(
                        details.paakrav,
                        ledger: page.ledger,
                        open: false,
                        today: req.today,
                        rules: req.application.arrearsRules,
                        language: req.language,
                        strings
                    ) : nil,
                paymentHelpHref: SiteRoute.helpArticle("restance-og-paakrav").path,
                sublet: role == .tenant || (role == .otherParty && details.sublet_kind == "whole")
                    ? details.sublet_start.map { start in
                        let row = details
                        return
                            Sublet(
                                start: LocalDate(iso: start).map { DateText.long($0, req.language) } ?? start,
                                rooms: row.sublet_let_rooms ?? 0,
                                occupants: row.sublet_occupants ?? 0,
                                area: row.sublet_let_area,
                                subtenants: row.sublet_subtenants ?? "",
                                earlierEnded: row.sublet_earlier_ended == true,
                                whole: WholeSublettingPresentation.card(
                                    row,
                                    start: start,
                                    documentationHref: role == .tenant
                                        ? SiteRoute.mySublettingDocumentation(id).path : nil,
                                    newCodeAction: open && role == .tenant
                                        ? SiteRoute.myCaseSignCode(id).path : nil,
                                    forStaff: false,
                                    forOtherParty: role != .tenant,
                                    language: req.language,
                                    strings
                                ),
                                forOtherParty: role != .tenant
                            )
                    } : nil,
                swap: page.swap.map {
                    SwapCard.card(
                        $0,
                        caseID: id,
                        open: open,
                        forStaff: false,
                        today: req.today,
                        language: req.language,
                        strings
                    )
                },
                cosign: page.signing.map {
                    CoTenantSignatures.card(
                        $0,
                        caseID: id,
                        open: open,
                        language: req.language,
                        refused: req.queryValue("besked") == "medlejer-kryds",
                        strings
                    )
                },
                decided: CaseDecisionController.decided(
                    details.decision_outcome,
                    // The reason is written to the tenants, and may say why they are away: a
                    // sub-tenant or swap partner sees the outcome only.
                    reason: role == .tenant ? details.decision_reason : nil,
                    at: details.decided_at,
                    strings: strings,
                    language: req.language
                ),
                complaint: followsComplaint
                    ? page.complaint.map {
                        ComplaintCard.mine($0, caseID: id, personID: principal.id, open: open, form: episode, req: req)
                    } : nil,
                complainedAbout: followsComplaint
                    ? nil
                    : page.complaint.map {
                        ComplaintCard.answering($0, caseID: id, open: open, form: episode, req: req)
                    }
            )
        )
    }
}
