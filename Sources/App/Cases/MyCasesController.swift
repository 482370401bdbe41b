import AlmenDomain
import Fluent
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
        let history: [CasePresentation.Entry]
        /// What was just done, after a request was sent or signed ("?besked=").
        let notice: String?
        /// A termination case's notice, with its state and the co-tenants' signatures.
        let noticeHref: String?
        /// A sub-letting case's signed agreement, for its tenants.
        let agreementHref: String?
        /// The fault report as the tenant sent it, with its photos.
        let fault: StaffCasesController.Fault?
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

    @Sendable
    static func show(_ req: Request) async throws -> View {
        try await show(req, episode: ComplaintCard.Form())
    }

    /// The case's page, with the complaint's diary form as it was filled in.
    static func show(_ req: Request, episode: ComplaintCard.Form) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: id)
        else { throw Abort(.notFound) }
        let caseFile = party.caseFile
        let strings = Strings.table(req.language)
        let sql = try req.sql
        var history = try await CasePage.history(id, onlyFor: principal.id, on: sql)
        let details = try await CasePage.partyDetails(id, on: sql)
        // The complainant's household and the neighbours who co-signed follow the complaint itself.
        var followsComplaint = caseFile.kind == .neighbourComplaint && party.role == .tenant
        if caseFile.kind == .neighbourComplaint, !followsComplaint {
            followsComplaint = try await ComplaintCard.isCosigner(principal.id, ofCase: id, on: req.db)
        }
        // The complainant and co-signers hear that the case went on against the other household,
        // not how (the household may still object to a termination).
        if followsComplaint {
            history = history.map { event in
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
            }
        }
        // The household a complaint is about is told of its steps, not promised an answer.
        let answerDue =
            caseFile.status == .open && !(caseFile.kind == .neighbourComplaint && party.role == .otherParty)
            ? details?.answer_due : nil
        let figure = answerDue == nil ? nil : try await CaseStatistics.latest(caseFile.kind, on: req.db)
        // The tenant's own report and the decision; another party (a sub-tenant) sees the decision.
        let fault = party.role == .tenant ? details?.fault_location : nil
        return try await req.view.render(
            "my-case",
            ShowContext(
                page: await PageChrome.make(for: req, title: "\(strings["caseTitle"] ?? "") \(caseFile.number)"),
                caseFile: CasePresentation.row(
                    caseFile,
                    language: req.language,
                    href: SiteRoute.myCase(id).path,
                    forParties: true
                ),
                role: caseFile.kind == .neighbourComplaint && party.role == .otherParty
                    ? strings[followsComplaint ? "partyRole_cosigner" : "partyRole_complainedAbout"] ?? ""
                    : CasePresentation.role(party.role, strings: strings),
                promise: CasePresentation.promise(
                    answerDue,
                    today: req.today,
                    alone: true,
                    language: req.language
                ),
                responseTime: CasePresentation.responseTime(figure, language: req.language),
                history: CasePresentation.history(
                    history,
                    language: req.language,
                    forStaff: false,
                    letterHref: { SiteRoute.myLetterPDF($0).path }
                ),
                notice: req.query[String.self, at: "besked"].flatMap { message in
                    Self.notices.contains(message) ? strings["caseNotice_\(message)"] : nil
                },
                noticeHref: caseFile.kind == .termination && caseFile.status == .open && party.role == .tenant
                    ? caseFile.$lease.id.map { SiteRoute.myTermination($0).path } : nil,
                agreementHref: party.role == .tenant && details?.has_agreement == 1
                    ? SiteRoute.mySublettingAgreement(id).path : nil,
                fault: fault.map { location in
                    StaffCasesController.fault(
                        location: location,
                        description: details?.fault_description,
                        masterKey: details?.fault_master_key,
                        photoCount: details?.photo_count ?? 0,
                        strings
                    ) { SiteRoute.myCaseAttachment(id, $0).path }
                },
                paakrav: party.role == .tenant && caseFile.status == .open
                    ? PaakravPresentation.card(
                        details?.paakrav,
                        ledger: try await StaffCasesController.account(
                            details?.paakrav == nil ? nil : caseFile.$lease.id,
                            on: req
                        ),
                        open: false,
                        today: req.today,
                        rules: req.application.arrearsRules,
                        language: req.language,
                        strings
                    ) : nil,
                paymentHelpHref: SiteRoute.helpArticle("restance-og-paakrav").path,
                sublet: party.role == .tenant || (party.role == .otherParty && details?.sublet_kind == "whole")
                    ? details.flatMap { row in
                        row.sublet_start.map { start in
                            Sublet(
                                start: LocalDate(iso: start).map { DateText.long($0, req.language) } ?? start,
                                rooms: row.sublet_let_rooms ?? 0,
                                occupants: row.sublet_occupants ?? 0,
                                area: row.sublet_let_area,
                                subtenants: row.sublet_subtenants ?? "",
                                whole: WholeSublettingPresentation.card(
                                    row,
                                    start: start,
                                    documentationHref: party.role == .tenant
                                        ? SiteRoute.mySublettingDocumentation(id).path : nil,
                                    newCodeAction: caseFile.status == .open && party.role == .tenant
                                        ? SiteRoute.myCaseSignCode(id).path : nil,
                                    forStaff: false,
                                    forOtherParty: party.role != .tenant,
                                    language: req.language,
                                    strings
                                ),
                                forOtherParty: party.role != .tenant
                            )
                        }
                    } : nil,
                swap: party.role == .tenant && caseFile.kind == .swap
                    ? try await SwapCard.row(ofCase: id, on: sql).map {
                        SwapCard.card(
                            $0,
                            caseID: id,
                            open: caseFile.status == .open,
                            forStaff: false,
                            today: req.today,
                            language: req.language,
                            strings
                        )
                    } : nil,
                cosign: party.role == .tenant && (caseFile.kind == .swap || caseFile.kind == .subletting)
                    ? try await CoTenantSignatures.card(
                        caseID: id,
                        personID: principal.id,
                        open: caseFile.status == .open,
                        language: req.language,
                        refused: req.query[String.self, at: "besked"] == "medlejer-kryds",
                        strings,
                        on: req.db
                    ) : nil,
                decided: details.flatMap {
                    CaseDecisionController.decided(
                        $0.decision_outcome,
                        // The reason is written to the tenants, and may say why they are away: a
                        // sub-tenant or swap partner sees the outcome only.
                        reason: party.role == .tenant ? $0.decision_reason : nil,
                        at: $0.decided_at,
                        strings: strings,
                        language: req.language
                    )
                },
                complaint: followsComplaint
                    ? try await ComplaintCard.mine(
                        id,
                        personID: principal.id,
                        open: caseFile.status == .open,
                        form: episode,
                        req: req
                    ) : nil,
                complainedAbout: caseFile.kind == .neighbourComplaint && !followsComplaint
                    ? try await ComplaintCard.answering(
                        id,
                        personID: principal.id,
                        open: caseFile.status == .open,
                        form: episode,
                        req: req
                    ) : nil
            )
        )
    }
}
