import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The back office's cases: the list within the caseworker's scope, one case with its parties
/// and history (letters out, residents' mail in), a letter written in the case, closing and
/// reopening, and a case opened for incoming mail that answers nothing of ours. Every view is a
/// read of personal data and is audited; a case outside the scope is a 404.
enum StaffCasesController {
    /// The inbox as its view (`CaseInboxView`) writes it.
    struct ListContext {
        let page: PageChrome
        /// Whether the list is empty (the rows themselves are HTML in `rows`).
        let empty: Bool
        let rows: CaseInboxRows
        let pager: Pager
        let showingClosed: Bool
        let openHref: String
        let closedHref: String
        let action: String
        let search: String
        /// Any filter or a search narrows the list (an empty one then says nothing matched).
        let narrowed: Bool
        let status: String?
        /// All open cases, those due today, those late: links, the shown one current.
        let dueFilters: [Link]
        let due: String?
        let kinds: OptionList
        let assignees: OptionList
        /// The staff's organisations, when they have more than one.
        let organisations: OptionList
        let choosesOrganisation: Bool
        /// The days the cases were opened.
        let period: ListPeriod.Fields
        /// Bulk assignment: the staff who may take cases, and where the ticked cases go.
        let staff: OptionList
        let assignAction: String
        let back: String
        let notice: String?
        let noticeIsError: Bool
        /// The department the list is narrowed to (from the complaints' dashboard), and the way back.
        let department: DepartmentFilter?
        /// Registering the notice an estate gave after a tenant's death.
        let estateHref: String
        /// The department's number in the filter, as typed or of the department shown.
        let departmentNumber: String
        /// Why the typed number tells no department.
        let departmentProblem: String?
    }

    struct DepartmentFilter {
        let id: String
        /// "Afdeling 12 Solgården, Boligselskabet Ny Tid"
        let label: String
        let clearHref: String
    }

    /// A case in the inbox, with the member of staff handling it.
    struct Listed {
        let id: String
        let row: CasePresentation.Row
        let assignee: String?
    }

    struct Link {
        let href: String
        let label: String
        let current: Bool
    }

    struct Party {
        let name: String
        let role: String
        /// "underskrev opsigelsen 3. december 2026 kl. 09.41", in a termination case.
        let signed: String?
    }

    /// A tenant's termination notice, as the case shows it to staff.
    struct Notice {
        let forwardingAddress: String
        let viewing: String?
        /// When the last tenant signed, or nil while one has not.
        let received: String?
        let endDate: String?
        /// A notice after the tenant's death: who gave it, the day of death, the representative.
        let filer: String?
        let died: String?
        let representative: String?
        /// The move-out settlement's page, once the lease has ended, and whether it was sent.
        let settlementHref: String?
        let settlementSent: Bool
    }

    /// A tenant's notice of partial sub-letting, as the case shows it to staff.
    struct Sublet {
        let start: String
        let rooms: String
        let occupants: Int
        let area: Int?
        let subtenants: String
        let agreementHref: String
        /// The tenant said the partial sub-letting approved before has ended.
        var earlierEnded = false
        /// An application to let the whole home, instead of rooms.
        let whole: WholeSublettingPresentation.Card?
    }

    /// A resident's fault report, as the case shows it to staff.
    struct Fault: Encodable {
        let location: String
        let description: String
        let masterKey: String?
        let photos: [Photo]
    }

    struct Photo: Encodable {
        let href: String
        let label: String
    }

    /// A fault report as a case page shows it, its photos at `href(position)`: the tenant reads
    /// their own answer about the master key ("Ja, I må gerne låse jer ind"), staff read what it
    /// lets them do ("Vi må låse os ind, hvis beboeren ikke er hjemme").
    static func fault(
        location: String,
        description: String?,
        masterKey: Bool?,
        photoCount: Int,
        forStaff: Bool,
        _ strings: [String: String],
        href: (Int) -> String
    ) -> Fault {
        let key = forStaff ? "faultStaffMasterKey" : "faultMasterKey"
        return Fault(
            location: strings["faultLocation_\(location)"] ?? "",
            description: description ?? "",
            // Asked only about a fault in the home (one in a common area is stored as "no").
            masterKey: FaultLocation(rawValue: location)?.inHome == true
                ? masterKey.map { strings[key + ($0 ? "Yes" : "No")] ?? "" } : nil,
            photos: photos(photoCount, strings, href: href)
        )
    }

    /// The photos of a case, numbered, at `href(position)`.
    static func photos(_ count: Int, _ strings: [String: String], href: (Int) -> String) -> [Photo] {
        (0..<count).map { Photo(href: href($0 + 1), label: "\(strings["faultPhoto"] ?? "") \($0 + 1)") }
    }

    struct DataRequestCard: Encodable {
        let right: String
        let text: String
    }

    struct ShowContext {
        let page: PageChrome
        let caseFile: CasePresentation.Row
        let address: String?
        let notice: Notice?
        let estateHref: String?
        let sublet: Sublet?
        /// The decision form, while a sub-letting notice waits for one; what was decided, after.
        let decisionAction: String?
        let decision: CaseDecisionController.Form
        let decided: String?
        /// What was just done ("?besked=afgjort").
        let pageNotice: String?
        let fault: Fault?
        /// A resident's request about their personal data: the right asked for, and their words.
        let dataRequest: DataRequestCard?
        /// The neighbour complaint, its diary and its next step.
        let complaint: ComplaintCard.Context?
        /// A swap: both homes, the signature, the other landlord's answer and the rules.
        let swap: SwapCard.Card?
        /// Another organisation's tenant wants to swap into our home: our answer as landlord.
        let swapLandlord: SwapCard.LandlordCard?
        let swapErrors: [String: String]
        let swapErrorList: [FieldError]
        /// The other landlord's answer as typed, after a refused save.
        let landlordForm: SwapCard.LandlordForm
        /// What the municipality is to be, or was, told of the case.
        let municipalityNotices: [MunicipalityNoticeController.Item]
        /// The påkrav of an arrears case.
        let paakrav: PaakravPresentation.Card?
        /// Every deadline of the case, met or not, earliest first.
        let deadlines: [CasePresentation.Due]
        let parties: [Party]
        let history: [CasePresentation.Entry]
        let recipients: [SelectOption]
        let letterAction: String?
        let form: LetterForm
        /// "Brevet er sendt", said at the form the letter was written in (`?besked=brev`).
        let letterSent: String?
        let statusAction: String
        let statusButton: String
        let nextStatus: String
        /// Who handles the case, and the form that hands it on.
        let assignee: String?
        let assignAction: String
        let staff: OptionList
        let assignNotice: String?
        let assignNoticeIsError: Bool
        /// The internal note's form, and what was wrong with the last one.
        let noteAction: String
        let noteError: String?
        /// "Notatet er gemt …", beside the form it was written in.
        let noteSaved: String?
    }

    /// `/admin/sager`, the inbox: the open (or `?status=closed`) cases in scope, newest first, 25
    /// a page, each with its first unmet deadline and who handles it; filtered by kind (`type`),
    /// deadline (`frist=idag|overskredet`), assignee (`tildelt=mig|ingen|<a colleague's id>`),
    /// organisation, department (`afdeling`, or its number `afdelingsnr`) and the days it was
    /// opened (`fra`, `til`), searched by case number,
    /// title, a party's name or the address (`q`). Ticked cases go to one member of staff.
    @Sendable
    static func list(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        var filter = CaseLists.StaffFilter()
        filter.status = req.queryValue("status") == CaseStatus.closed.rawValue ? .closed : .open
        filter.kind = req.queryValue("type").flatMap(CaseKind.init(rawValue:))
        // Deadlines are of open cases.
        filter.due =
            filter.status == .open
            ? req.queryValue("frist").flatMap(CaseLists.DueFilter.init(rawValue:)) : nil
        filter.assignee = req.queryValue("tildelt").flatMap(CaseLists.AssigneeFilter.init(rawValue:))
        filter.search = Keyset.search(req)
        filter.organisation = ListOrganisation.parse(req, scope: scope)
        filter.period = ListPeriod(req)
        // One outside the staff's organisations has none of their cases: an empty list.
        filter.department = req.queryValue("afdeling").flatMap(UUID.init(uuidString:))
        if case .member(principal.id) = filter.assignee { filter.assignee = .mine }
        // A department by its number, as a caseworker knows it; its problem is said at the field.
        let typedDepartment = (req.queryValue("afdelingsnr") ?? "").trimmingCharacters(in: .whitespaces)
        var departmentProblem: String?
        // The filter's field sent empty: every department (the one given by id is forgotten).
        if req.queryValue("afdelingsnr") != nil, typedDepartment.isEmpty { filter.department = nil }
        if !typedDepartment.isEmpty {
            switch try await departments(numbered: typedDepartment, filter, scope: scope, on: try req.sql) {
            case .success(let found):
                filter.department = filter.department.flatMap { found.contains($0) ? $0 : nil } ?? found.first
            case .failure(let problem):
                // The department given by id is not shown beside a number that tells none.
                departmentProblem = problem.key
                filter.department = nil
            }
        }
        let cursor = Keyset.cursor(req)
        let today = req.today
        // A department that could not be told lists no cases (nor reads them), beside its problem.
        let loaded = try await ListPage.load(
            filter,
            listing: departmentProblem == nil,
            scope: scope,
            staffID: principal.id,
            today: today,
            after: cursor,
            audit: req.audit.read(.casesList, subjectKind: .cases, purpose: AuditPurpose("caseList"), actor: principal),
            on: try req.sql
        )
        let (rows, members, department) = (loaded.rows, loaded.members, loaded.department)
        filter.assignee = loaded.assignee
        // What stays when the list switches between open and closed cases or due dates.
        let kept: [(String, String?)] =
            [
                ("type", filter.kind?.rawValue), ("organisation", filter.organisation?.lowercasedString),
                ("afdeling", department?.id.lowercasedString), ("tildelt", filter.assignee?.rawValue),
                ("q", filter.search),
            ] + filter.period.query
        let query: [(String, String?)] =
            [("status", filter.status == .closed ? filter.status.rawValue : nil)] + kept + [
                ("frist", filter.due?.rawValue)
            ]
        let (cases, pager) = Pager.page(rows, id: \.id, route: .staffCases, query: query, cursor: cursor)
        let message = req.queryValue("besked")
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: filter.organisation,
            strings: strings
        )
        let context = ListContext(
            page: await PageChrome.make(for: req, title: strings["casesTitle"] ?? ""),
            empty: cases.isEmpty,
            rows: CaseInboxRows(
                cases.map {
                    Listed(
                        id: $0.id.lowercasedString,
                        row: CasePresentation.row(
                            $0,
                            language: req.language,
                            href: SiteRoute.staffCase($0.id).path,
                            organisation: $0.organisation_name,
                            today: today,
                            forStaff: true
                        ),
                        assignee: $0.assignee_name
                    )
                },
                showingDeadlines: filter.status != .closed,
                language: req.language
            ),
            pager: pager,
            showingClosed: filter.status == .closed,
            openHref: SiteRoute.staffCases.path(query: kept),
            // The closed ones of the same kind: the filter stays.
            closedHref: SiteRoute.staffCases.path(query: [("status", CaseStatus.closed.rawValue)] + kept),
            action: SiteRoute.staffCases.path,
            search: filter.search ?? "",
            narrowed: filter.narrows(countingDue: false),
            status: filter.status == .closed ? filter.status.rawValue : nil,
            dueFilters: filter.status == .closed
                ? []
                : ([nil] + CaseLists.DueFilter.allCases).map { due in
                    Link(
                        href: SiteRoute.staffCases.path(
                            query: kept + [("frist", due?.rawValue)]
                        ),
                        label: strings["casesDue_\(due?.rawValue ?? "all")"] ?? "",
                        current: due == filter.due
                    )
                },
            due: filter.due?.rawValue,
            kinds: OptionList.choosing(
                CaseKind.allCases,
                selected: filter.kind,
                all: strings["casesAllKinds"] ?? ""
            ) { CasePresentation.kind($0, strings: strings) },
            // Everyone's, one's own, nobody's, or a colleague's by name.
            assignees: OptionList(
                ([nil] + CaseLists.AssigneeFilter.named).map {
                    SelectOption(
                        value: $0?.rawValue ?? "",
                        label: strings["casesAssignee_\($0?.rawValue ?? "all")"] ?? "",
                        selected: $0 == filter.assignee
                    )
                }
                    + CaseAssignment.options(
                        members.filter { $0.id != principal.id },
                        selected: { if case .member(let id) = filter.assignee { id } else { nil } }()
                    )
            ),
            organisations: organisations,
            choosesOrganisation: !organisations.isEmpty,
            period: filter.period.fields(strings, labels: ("casesOpenedFrom", "casesOpenedTo")),
            staff: OptionList(CaseAssignment.options(members, selected: principal.id)),
            assignAction: SiteRoute.staffCasesAssign.path,
            back: SiteRoute.staffCases.path(query: query + [(Keyset.parameter, cursor?.lowercasedString)]),
            notice: message == "tildelt"
                ? assigned(req, members, strings) : message.flatMap { strings["caseAssignNotice_\($0)"] },
            noticeIsError: message != "tildelt",
            department: department.map { found in
                DepartmentFilter(
                    id: found.id.lowercasedString,
                    label:
                        "\((strings["department"] ?? "").lowercased()) \(found.number) \(found.name), \(found.organisation)",
                    clearHref: SiteRoute.staffCases.path(
                        query: query.filter { $0.0 != "afdeling" }
                    )
                )
            },
            estateHref: SiteRoute.staffEstateNotices.path,
            departmentNumber: departmentProblem == nil ? department.map { String($0.number) } ?? "" : typedDepartment,
            departmentProblem: departmentProblem.flatMap { strings[$0] }
        )
        return CompiledView.response(
            context.page,
            body: context.body(HTMLText(req.language)),
            status: filter.period.problems.isEmpty && departmentProblem == nil ? .ok : .unprocessableEntity
        )
    }

    /// What the inbox shows, in two statements (three with a department; one more on SQLite,
    /// which writes the audit apart): the department the list is narrowed to (`departmentName`,
    /// nil outside the staff's organisations), a page of cases with the read's audit event
    /// (`CaseLists.staff`), and the staff who may take them (`CaseAssignment.members`).
    struct ListPage: Sendable {
        let rows: [CaseLists.Row]
        let members: [CaseAssignment.Member]
        let department: DepartmentName?
        /// Whose cases were listed: a colleague who may no longer take cases (who has left) is
        /// nobody's filter, as the menu offers only those who may.
        let assignee: CaseLists.AssigneeFilter?

        static func load(
            _ filter: CaseLists.StaffFilter,
            listing: Bool = true,
            scope: StaffScope,
            staffID: UUID,
            today: LocalDate,
            after cursor: UUID?,
            audit: AuditedRead,
            on sql: any SQLDatabase
        ) async throws -> ListPage {
            var department: DepartmentName?
            if let id = filter.department { department = try await departmentName(id, scope: scope, on: sql) }
            let members = try await CaseAssignment.members(of: scope.ids, on: sql)
            var filter = filter
            if case .member(let id) = filter.assignee, !members.contains(where: { $0.id == id }) {
                filter.assignee = nil
            }
            return ListPage(
                rows: listing
                    ? try await CaseLists.staff(
                        scope,
                        filter,
                        staffID: staffID,
                        today: today,
                        after: cursor,
                        audit: audit,
                        on: sql
                    ) : [],
                members: members,
                department: department,
                assignee: filter.assignee
            )
        }
    }

    /// Why a department number typed in the inbox's filter tells no department (the words' key).
    struct DepartmentProblem: Error {
        let key: String
    }

    /// The departments of the staff's organisations (of the chosen one, if any) with the number
    /// `typed`: one, or those of several organisations when the given department (`afdeling`)
    /// is among them. Not digits, no such department, or several: the problem.
    static func departments(
        numbered typed: String,
        _ filter: CaseLists.StaffFilter,
        scope: StaffScope,
        on sql: any SQLDatabase
    ) async throws -> Result<[UUID], DepartmentProblem> {
        guard typed.count <= 6, typed.allSatisfy(\.isASCIIDigit), let number = Int(typed) else {
            return .failure(DepartmentProblem(key: "casesDepartmentErrorNumber"))
        }
        guard let inScope = scope.condition("dep", "organisation_id") else {
            return .failure(DepartmentProblem(key: "casesDepartmentErrorNone"))
        }
        struct Found: Decodable { let id: UUID }
        var query: SQLQueryString = "SELECT dep.id FROM departments dep WHERE dep.number = \(bind: number)" + inScope
        if let organisation = filter.organisation { query += " AND dep.organisation_id = \(bind: organisation)" }
        let found = try await sql.raw(query + " ORDER BY dep.id LIMIT 100").all(decoding: Found.self).map(\.id)
        if found.isEmpty {
            return .failure(
                DepartmentProblem(
                    key: filter.organisation == nil ? "casesDepartmentErrorNone" : "casesDepartmentErrorNoneThere"
                )
            )
        }
        if found.count > 1, !(filter.department.map(found.contains) ?? false) {
            return .failure(DepartmentProblem(key: "casesDepartmentErrorSeveral"))
        }
        return .success(found)
    }

    /// A department of the staff's organisations, for the inbox's department filter.
    struct DepartmentName: Decodable, Sendable {
        let id: UUID
        let number: Int
        let name: String
        let organisation: String
    }

    static func departmentName(_ id: UUID, scope: StaffScope, on sql: any SQLDatabase) async throws -> DepartmentName? {
        guard let inScope = scope.condition("dep", "organisation_id") else { return nil }
        let query: SQLQueryString = """
            SELECT dep.id, dep.number, dep.name, o.name AS organisation FROM departments dep
            JOIN housing_organisations o ON o.id = dep.organisation_id WHERE dep.id = \(bind: id)
            """
        return try await sql.raw(query + inScope).rows(decoding: DepartmentName.self).first
    }

    /// "3 sager er givet til Sara Mikkelsen.", after the inbox's assignment.
    private static func assigned(
        _ req: Request,
        _ members: [CaseAssignment.Member],
        _ strings: [String: String]
    ) -> String? {
        guard let count = req.queryValue("antal").flatMap(Int.init), count > 0 else {
            return strings["caseAssignNotice_tildelt"]
        }
        let one = count == 1
        if let to = req.queryValue("modtager").flatMap(UUID.init(uuidString:)),
            let name = members.first(where: { $0.id == to })?.name
        {
            return "\(count) \(strings[one ? "caseAssignedOne" : "caseAssignedMany"] ?? "") \(name)."
        }
        return "\(count) \(strings[one ? "caseUnassignedOne" : "caseUnassignedMany"] ?? "")."
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        try await show(req, decision: CaseDecisionController.Form())
    }

    /// The case's page with the complaint card's form as it was filled in.
    static func show(_ req: Request, complaint: ComplaintCard.Form) async throws -> View {
        try await show(req, decision: CaseDecisionController.Form(), complaint: complaint)
    }

    /// The case's page with the swap card's form for the other landlord's answer as typed, and
    /// its errors (or a municipality's consent form's errors).
    static func show(_ req: Request, landlordForm: SwapCard.LandlordForm) async throws -> View {
        try await show(req, decision: CaseDecisionController.Form(), landlordForm: landlordForm)
    }

    /// The case's page, with the decision form as it was filled in (its errors, or its letter's
    /// preview).
    static func show(
        _ req: Request,
        decision: CaseDecisionController.Form,
        complaint: ComplaintCard.Form = .init(),
        landlordForm: SwapCard.LandlordForm = .init()
    ) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let page = try await load(
            req,
            scope: scope,
            rewriting: req.queryValue("omskriv").flatMap(UUID.init(uuidString:)),
            shownTo: principal
        )
        // "Svar" on a message in the history (`?svar=`): a letter to its sender, in its thread.
        var form = page.rewrite.map(LetterForm.init(rewriting:)) ?? LetterForm()
        if page.rewrite == nil, page.header.caseStatus == .open,
            let replied = try await RepliedMessage.find(
                req.queryValue("svar").flatMap(UUID.init(uuidString:)),
                inCase: page.header.id,
                on: req.db
            )
        {
            form = LetterForm(answering: replied)
        }
        return try await render(
            req,
            page,
            form: form,
            decision: decision,
            complaint: complaint,
            landlordForm: landlordForm
        )
    }

    /// What was just done on the case (`?besked=`), as the words that say so.
    static let pageNotices: [String: String] = [
        "afgjort": "decisionSent", "doedsbo": "estateRegistered", "medlejer-doed": "coTenantDeathRegistered",
        "flytteopgoerelse": "settlementSentNotice",
        "udlejer": "swapLandlordSaved", "udlejer-svar": "swapLandlordSent", "kommune": "swapMunicipalitySaved",
        "udlejer-brev": "swapLetterQueued", "lukket": "caseClosedNotice", "genaabnet": "caseReopenedNotice",
        "fra-post": "caseFromMailNotice", "post-lagt-paa": "caseMailAddedNotice",
        "post-lagt-paa-ikke-part": "caseMailAddedNotPartyNotice", "post-flyttet": "caseMailMovedNotice",
        "post-flyttet-ikke-part": "caseMailMovedNotPartyNotice",
    ].merging(
        ["naboklage", "skridt", "episode", "naevn", "oplyst", "grov", "indsigelse", "svaret"].map {
            ($0, "complaintNotice_\($0)")
        }
    ) { first, _ in first }

    /// The case's page as staff see it, in a fixed few statements whatever the case holds: the
    /// case with what was filed (`CasePage.header`, which also writes the read's audit events),
    /// then its parties, deadlines, who may take it, its history and a påkrav's account in one
    /// (`CasePage.sides`), and by kind the swap, the complaint and the notices to the
    /// municipality. Nil outside the scope.
    struct Page: Sendable {
        let header: CasePage.Header
        let parties: [CasePage.Party]
        let deadlines: [CasePage.Deadline]
        let history: [CasePage.Event]
        let candidates: [CaseAssignment.Candidate]
        /// The lease's account, for an arrears case with a påkrav.
        var ledger = Ledger([])
        /// A swap's application (the tenants' case), or the other landlord's side of one.
        var swap: SwapCard.Row? = nil
        var swapLandlord: SwapCard.Row? = nil
        var complaint: ComplaintCard.Reading? = nil
        /// An arrears case's notices to the municipality, a swap's letter to the other landlord.
        var municipalityNotices: [MunicipalityNoticeController.Row] = []
        /// A failed letter of the case being written again (`?omskriv=`): what it said.
        var rewrite: LetterSubmission.Rewrite? = nil

        static func load(
            _ caseID: UUID,
            scope: StaffScope,
            today: LocalDate,
            rules: LandlordTerminationRules,
            rewriting letterID: UUID? = nil,
            audit: AuditedRead? = nil,
            on database: any Database
        ) async throws -> Page? {
            let sql = try database.sql()
            guard let header = try await CasePage.header(caseID, scope: scope, audit: audit, on: sql) else {
                return nil
            }
            let sides = try await CasePage.sides(
                caseID,
                organisationID: header.organisation_id,
                history: true,
                ledgerOf: header.paakrav != nil ? header.lease_id : nil,
                on: sql
            )
            try await audit?.finish(subjects: sides.parties.map(\.person_id), on: sql)
            var page = Page(
                header: header,
                parties: sides.parties,
                deadlines: sides.deadlines,
                history: sides.history,
                candidates: sides.candidates
            )
            page.ledger = sides.ledger
            switch header.caseKind {
            case .swap: page.swap = try await SwapCard.row(ofCase: caseID, on: sql)
            case .swapLandlord: page.swapLandlord = try await SwapCard.row(ofLandlordCase: caseID, on: sql)
            case .neighbourComplaint:
                page.complaint = try await ComplaintCard.Reading.forStaff(
                    caseID,
                    open: header.caseStatus == .open,
                    today: today,
                    rules: rules,
                    on: sql
                )
            default: break
            }
            if header.municipality_notice_count > 0 {
                page.municipalityNotices = try await MunicipalityNoticeController.rows(of: caseID, on: sql)
            }
            if let letterID {
                page.rewrite = try await LetterSubmission.rewrite(of: letterID, caseID: caseID, on: sql)
            }
            return page
        }
    }

    /// The case of the path in the staff's scope, or 404. Read for `principal` to see, the read is
    /// audited: one event per party, so each of them finds it in "who has seen my data".
    static func load(
        _ req: Request,
        scope: StaffScope,
        rewriting letterID: UUID? = nil,
        shownTo principal: Principal? = nil
    ) async throws -> Page {
        guard let id = req.parameters.get("caseID", as: UUID.self),
            let page = try await Page.load(
                id,
                scope: scope,
                today: req.today,
                rules: req.application.landlordTerminationRules,
                rewriting: letterID,
                audit: principal.map {
                    req.audit.read(
                        .caseRead,
                        subjectKind: .`case`,
                        subjectID: id,
                        purpose: AuditPurpose("caseWork"),
                        actor: $0
                    )
                },
                on: req.db
            )
        else { throw Abort(.notFound) }
        return page
    }

    static func render(
        _ req: Request,
        _ page: Page,
        form: LetterForm,
        decision: CaseDecisionController.Form = .init(),
        complaint: ComplaintCard.Form = .init(),
        landlordForm: SwapCard.LandlordForm = .init()
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked")
        let caseID = page.header.id
        let open = page.header.caseStatus == .open
        // When the case was closed: a deadline met then was met by closing, not by an answer.
        let closings = Set(
            page.history.filter { $0.outgoing == 2 && $0.title == CaseEvent.Kind.closed.rawValue }.map(\.at)
        )
        // A letter needs an address: the case's lease.
        let letterAction =
            open && page.header.lease_id != nil && page.parties.contains { $0.deceased != true }
            ? SiteRoute.staffCaseLetter(caseID).path + "#brev" : nil
        var form = form
        if form.token.isEmpty { form.token = req.application.dependencies.uuid().lowercasedString }
        let (swap, swapLandlord) = (page.swap, page.swapLandlord)
        let complaintCard = page.complaint.map {
            ComplaintCard.context($0, caseID: caseID, open: open, form: complaint, req: req)
        }
        let (swapErrors, swapErrorList) = FieldError.collect(
            landlordForm.problems.map { ($0.0, strings[$0.1] ?? "") },
            // The other organisation answers for itself ("Jeres svar").
            labelKey: {
                page.header.caseKind == .swapLandlord && $0 == "landlordAnswer"
                    ? "swapLandlordYourAnswer" : "swapField_\($0)"
            },
            strings
        )
        let context = ShowContext(
            page: await PageChrome.make(for: req, title: "\(strings["caseTitle"] ?? "") \(page.header.number)"),
            caseFile: CasePresentation.row(
                page.header,
                language: req.language,
                href: SiteRoute.staffCase(caseID).path,
                organisation: page.header.organisation_name
            ),
            address: page.header.address,
            notice: page.header.notice_forwarding_address.map { address in
                let date = { (iso: String?) in
                    iso.flatMap(LocalDate.init(iso:)).map { DateText.long($0, req.language) }
                }
                return Notice(
                    forwardingAddress: address,
                    viewing: page.header.notice_viewing.flatMap { $0.isEmpty ? nil : $0 },
                    received: date(page.header.notice_received_on),
                    endDate: date(page.header.notice_end_date),
                    filer: page.header.notice_estate_filer.flatMap { strings["estateFilerShort_\($0)"] },
                    died: date(page.header.notice_died_on),
                    representative: page.header.notice_representative_name,
                    settlementHref: page.header.notice_received_on != nil
                        && page.header.lease_end_date.flatMap(LocalDate.init(iso:)).map { $0 <= req.today } == true
                        || page.header.settlement_count > 0
                        ? SiteRoute.staffCaseSettlement(caseID).path : nil,
                    settlementSent: page.header.settlement_count > 0
                )
            },
            // A termination case with no notice (opened for an estate's mail) takes the estate's.
            estateHref: open && page.header.caseKind == .termination && page.header.notice_forwarding_address == nil
                ? SiteRoute.staffEstateNotices.path(query: [("sag", caseID.lowercasedString)]) : nil,
            sublet: page.header.sublet_start.map { start in
                Sublet(
                    start: LocalDate(iso: start).map { DateText.long($0, req.language) } ?? start,
                    rooms: strings.filled(
                        "caseSubletRoomsOf",
                        [
                            "let": "\(page.header.sublet_let_rooms ?? 0)",
                            "rooms": "\(page.header.habitable_rooms ?? 0)",
                        ]
                    ),
                    occupants: page.header.sublet_occupants ?? 0,
                    area: page.header.sublet_let_area,
                    subtenants: page.header.sublet_subtenants ?? "",
                    agreementHref: SiteRoute.staffSublettingAgreement(caseID).path,
                    earlierEnded: page.header.sublet_earlier_ended == true,
                    whole: WholeSublettingPresentation.card(
                        page.header,
                        start: start,
                        documentationHref: SiteRoute.staffSublettingDocumentation(caseID).path,
                        newCodeAction: nil,
                        forStaff: true,
                        language: req.language,
                        strings
                    )
                )
            },
            decisionAction: (page.header.sublet_start != nil || page.header.fault_location != nil
                || page.header.paakrav != nil || swap != nil)
                && page.header.decision_outcome == nil && open
                // The answer (errors or the letter's preview) opens at the card, not the page's top.
                ? SiteRoute.staffCaseDecision(caseID).path + "#afgoerelse" : nil,
            decision: {
                var form = decision
                // The other landlord's no is the refusal's reason, until the caseworker writes one.
                if let refusal = swap.flatMap(SwapCard.landlordRefusal), form.outcome.isEmpty, form.reason.isEmpty {
                    form.outcome = DecisionOutcome.refused.rawValue
                    form.reason = refusal
                }
                let chosen = form.outcome
                // Ophævelse is offered once the påkrav allows it (its card says from when).
                let ophaevelseRefused = page.header.paakrav.map {
                    CaseDecisionController.ophaevelseRefused(
                        $0.sent,
                        ledger: page.ledger,
                        today: req.today,
                        rules: req.application.arrearsRules,
                        req.language
                    )
                }
                let offered = DecisionOutcome.options(for: page.header.caseKind).filter {
                    $0 != .ophaevet || ophaevelseRefused.map { $0 == nil } ?? true
                }
                form.options = offered.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["decisionOutcome_\(page.header.caseKind.rawValue)_\($0.rawValue)"]
                            ?? strings["decisionOutcome_\($0.rawValue)"] ?? "",
                        // The one choice there is, chosen.
                        selected: $0.rawValue == chosen || offered.count == 1
                    )
                }
                form.reasonHint =
                    strings["decisionHintReason_\(page.header.caseKind.rawValue)"] ?? strings["decisionHintReason"]
                    ?? ""
                return form
            }(),
            decided: CaseDecisionController.decided(
                page.header.decision_outcome,
                reason: page.header.decision_reason,
                at: page.header.decided_at,
                strings: strings,
                language: req.language
            ),
            pageNotice: message.flatMap { Self.pageNotices[$0] }.flatMap { strings[$0] },
            fault: page.header.fault_location.map { location in
                fault(
                    location: location,
                    description: page.header.fault_description,
                    masterKey: page.header.fault_master_key,
                    photoCount: page.header.photo_count,
                    forStaff: true,
                    strings
                ) { SiteRoute.staffCaseAttachment(caseID, $0).path }
            },
            dataRequest: page.header.data_right.map {
                DataRequestCard(right: strings["dataRight_\($0)"] ?? "", text: page.header.data_text ?? "")
            },
            complaint: complaintCard,
            swap: swap.map {
                SwapCard.card(
                    $0,
                    caseID: caseID,
                    open: open,
                    forStaff: true,
                    today: req.today,
                    language: req.language,
                    errors: swapErrors,
                    errorList: swapErrorList,
                    strings
                )
            },
            swapLandlord: swapLandlord.map {
                SwapCard.landlordCard(
                    $0,
                    caseID: caseID,
                    open: open,
                    today: req.today,
                    language: req.language,
                    strings
                )
            },
            // The landlord's form shows its own errors; each home's consent form has its own.
            swapErrors: swapErrors,
            swapErrorList: swapErrorList.filter { $0.field.hasPrefix("landlord") },
            landlordForm: landlordForm,
            // An arrears case's notices to the municipality, a swap's letter to the other landlord.
            municipalityNotices: MunicipalityNoticeController.items(
                page.municipalityNotices,
                caseID: caseID,
                administrator: req.principal?.has(.administrator) == true,
                language: req.language
            ),
            paakrav: PaakravPresentation.card(
                page.header.paakrav,
                ledger: page.ledger,
                open: open,
                today: req.today,
                rules: req.application.arrearsRules,
                language: req.language,
                strings
            ),
            deadlines: page.deadlines.compactMap { row in
                row.deadline.map {
                    CasePresentation.due(
                        $0,
                        today: req.today,
                        metAt: row.met_at,
                        byClosing: row.met_at.map(closings.contains) ?? false,
                        language: req.language
                    )
                }
            },
            parties: page.parties.map { party in
                Party(
                    name: party.name,
                    // On a complaint, the tenant complains; "another party" is a co-signer or
                    // the household it is about.
                    role: complaintCard.map { card in
                        CasePresentation.complaintRole(
                            party.partyRole,
                            cosigner: card.cosignerIDs.contains(party.person_id),
                            strings: strings
                        )
                    } ?? CasePresentation.role(party.partyRole, strings: strings),
                    signed: party.signed_at.map {
                        "\(strings["caseSignedNotice"] ?? "") \(DateText.timestamp($0, req.language))"
                    }
                )
            },
            history: CasePresentation.history(
                page.history,
                language: req.language,
                letterHref: { SiteRoute.letter($0).path },
                mailHref: { SiteRoute.incomingMessage($0).path },
                // Only a sender who is a living party of the case is written to from here.
                mailReplyHref: { event in
                    guard letterAction != nil, let sender = event.sender_id,
                        page.parties.contains(where: { $0.person_id == sender && $0.deceased != true })
                    else { return nil }
                    return SiteRoute.staffCase(caseID).path(query: [("svar", event.id.lowercasedString)]) + "#brev"
                }
            ),
            // Nobody writes to a tenant who died: the estate is written to on paper.
            recipients: page.parties.filter { $0.deceased != true }.map { party in
                let value = party.person_id.lowercasedString
                return SelectOption(value: value, label: party.name, selected: value == form.recipient)
            },
            letterAction: letterAction,
            form: form,
            letterSent: message == "brev" ? strings["caseLetterSent"] : nil,
            statusAction: SiteRoute.staffCaseStatus(caseID).path,
            statusButton: strings[open ? "caseClose" : "caseReopen"] ?? "",
            nextStatus: (open ? CaseStatus.closed : .open).rawValue,
            assignee: page.header.assignee_name,
            assignAction: SiteRoute.staffCaseAssign(caseID).path,
            staff: OptionList(CaseAssignment.options(page.candidates, selected: page.header.assignee_id)),
            assignNotice: message.flatMap { strings["caseAssignNotice_\($0)"] },
            assignNoticeIsError: ["tildeling-afvist", "ingen-valgt"].contains(message ?? ""),
            noteAction: SiteRoute.staffCaseNote(caseID).path,
            noteError: ["notat-tomt": strings["caseNoteErrorEmpty"], "notat-langt": strings["caseNoteErrorLong"]][
                message ?? ""
            ] ?? nil,
            noteSaved: message == "notat" ? strings["caseNoteSaved"] : nil
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(req.language)))
    }

    /// The text with one kind of line break, "\n" (a browser sends "\r\n").
    static func lineFeeds(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Whether the text begins with a greeting or ends with a sign-off of its own, which the
    /// letter's template already has ("Kære …", "Med venlig hilsen").
    static func hasOwnGreeting(_ paragraphs: [String]) -> Bool {
        let first = paragraphs.first?.lowercased() ?? ""
        let last = paragraphs.last?.lowercased() ?? ""
        return ["kære ", "hej ", "til "].contains { first.hasPrefix($0) }
            || ["med venlig hilsen", "venlig hilsen", "mvh"].contains { last.hasPrefix($0) }
    }

    struct StatusInput: Content {
        var status: String?
        /// A complaint's household answered after an opsigelse: the caseworker says it is no
        /// objection before the case closes (`ComplaintCard.closeAsksAboutAnswer`).
        var notObjection: String?
    }

    /// `POST /admin/sager/:caseID/status`: closes or reopens the case.
    @Sendable
    static func status(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let caseFile = try await find(req, scope: scope)
        let input = try req.content.decode(StatusInput.self)
        guard let status = input.status.flatMap(CaseStatus.init(rawValue:)) else {
            throw RulesInputError(code: "invalid_status", field: "status", key: "apiError_caseStatus")
        }
        // A terminated lease's household may still object: the case stays open until the deadline
        // has passed, or the boligret step met the court deadline; an answer after the opsigelse
        // may be an objection, so closing then needs the caseworker to say it is none (recorded in
        // the history for staff).
        var judgedNoObjection = false
        if status == .closed, caseFile.status == .open, caseFile.kind == .neighbourComplaint {
            let check = try await ComplaintCard.closeCheck(
                caseFile.requireID(),
                today: req.today,
                rules: req.application.landlordTerminationRules,
                on: req.sql
            )
            judgedNoObjection = check == .answerToJudge && input.notObjection == "ja"
            if check == .objectionRunning || check == .answerToJudge && !judgedNoObjection {
                return req.redirect(
                    to: SiteRoute.staffCase(try caseFile.requireID()).path(query: [("besked", check.rawValue)])
                        + "#naboklage",
                    redirectType: .normal
                )
            }
        }
        let noObjection = judgedNoObjection
        if caseFile.status != status {
            let now = req.application.dependencies.now()
            let caseID = try caseFile.requireID()
            caseFile.status = status
            caseFile.closedAt = status == .closed ? now : nil
            let dependencies = req.application.dependencies
            let today = req.today
            try await req.db.transaction { db in
                try await caseFile.update(on: db)
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    kind: status == .closed ? .closed : .reopened,
                    at: now,
                    by: principal.id
                ).create(on: db)
                // Reopened, an unanswered other organisation's case opens again with it.
                if status == .open, caseFile.kind == .swap {
                    try await SwapCard.reopenLandlordCase(
                        ofSwapCase: caseID,
                        by: principal.id,
                        at: now,
                        dependencies: dependencies,
                        on: db
                    )
                }
                // A swap closed without a decision sends no letter to a landlord outside Almen
                // that has not gone yet, and closes the other organisation's case about it.
                if status == .closed, caseFile.kind == .swap {
                    try await MunicipalityNotices.cancelSwapLetter(ofCase: caseID, on: db)
                }
                // A swap closed without a decision closes the other organisation's case about it.
                if status == .closed, caseFile.kind == .swap,
                    let landlordCase = try await SwapRequest.query(on: db).filter(\.$caseID == caseID).first()?
                        .landlordCaseID
                {
                    try await SwapCard.closeLandlordCase(
                        landlordCase,
                        detail: nil,
                        by: principal.id,
                        at: now,
                        dependencies: dependencies,
                        on: db
                    )
                }
                if noObjection {
                    try await CaseEvent(
                        id: dependencies.uuid(),
                        caseID: caseID,
                        kind: .note,
                        at: now,
                        by: principal.id,
                        detail: Strings.danish["complaintJudgedNoObjection"] ?? ""
                    ).create(on: db)
                }
                // Closing answers the case; a reopened case is to be answered anew.
                if status == .closed {
                    try await CaseDeadlines.meet([.answer, .decision], of: caseID, at: now, on: db)
                    // Nobody objected (or the answer was judged no objection): no court case is due.
                    try await CaseDeadlines.cancel([.court], of: caseID, on: db)
                } else {
                    try await CaseDeadlines.schedule(
                        caseID,
                        kind: caseFile.kind,
                        opened: today,
                        only: [.answer],
                        on: db,
                        dependencies: dependencies
                    )
                }
            }
            try await req.audit.record(
                status == .closed ? .caseClose : .caseReopen,
                subjectKind: .`case`,
                subjectID: try caseFile.requireID(),
                purpose: AuditPurpose("caseWork"),
                actor: principal
            )
        }
        return req.redirect(
            to: SiteRoute.staffCase(try caseFile.requireID()).path(query: [
                ("besked", status == .closed ? "lukket" : "genaabnet")
            ]),
            redirectType: .normal
        )
    }

    struct NoteInput: Content {
        var note: String?
    }

    /// `POST /admin/sager/:caseID/notat`: an internal note in the case's history, for staff only.
    @Sendable
    static func note(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let caseFile = try await find(req, scope: scope)
        let caseID = try caseFile.requireID()
        let page = SiteRoute.staffCase(caseID).path
        let text = (try req.content.decode(NoteInput.self).note ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return req.redirect(to: page + "?besked=notat-tomt#notat", redirectType: .normal) }
        guard text.count <= CaseEvent.maxNote else {
            return req.redirect(to: page + "?besked=notat-langt#notat", redirectType: .normal)
        }
        let dependencies = req.application.dependencies
        try await CaseEvent(
            id: dependencies.uuid(),
            caseID: caseID,
            kind: .note,
            at: dependencies.now(),
            by: principal.id,
            detail: text
        ).create(on: req.db)
        return req.redirect(to: page + "?besked=notat#notat", redirectType: .normal)
    }

    /// `POST /admin/post/:messageID/sag`: opens a case for a message that answers none of our
    /// letters, with its sender (and the sender's lease with the organisation, when there is
    /// exactly one) as parties. A message already in a case goes to that case.
    @Sendable
    static func openFromMail(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("messageID", as: UUID.self),
            let message = try await IncomingMessage.query(on: req.db).filter(\.$id == id).scoped(
                \.$organisation.$id,
                to: scope
            )
            .field(\.$id).field(\.$status).field(\.$organisation.$id).field(\.$person.$id).field(\.$caseFile.$id)
            .first(),
            let organisationID = message.$organisation.id
        else { throw Abort(.notFound) }
        guard message.status == .stored else {
            throw RulesInputError(code: "unreadable_message", field: "message", key: "apiError_unreadableMessage")
        }
        if let existing = message.$caseFile.id {
            return req.redirect(to: SiteRoute.staffCase(existing).path, redirectType: .normal)
        }
        // The kind the caseworker chose on the message's page (the inbox's one click: general).
        let chosen = try? req.content.get(String.self, at: "kind")
        guard let kind = chosen.map(CaseKind.init(rawValue:)) ?? .general, kind.opensFromMessage else {
            throw RulesInputError(code: "unknown_kind", field: "kind", key: "apiError_caseKind")
        }
        var found: UUID?
        var senderIsTenant = false
        if let personID = message.$person.id {
            let leases = try await LeaseTenant.query(on: req.db).filter(\.$person.$id == personID).current(
                in: organisationID
            )
            .all().map(\.$lease.id)
            if leases.count == 1 { found = leases[0] }
            senderIsTenant = !leases.isEmpty
        }
        let leaseID = found
        let tenantSender = senderIsTenant
        // A neutral title: every party sees it, and the sender's subject is theirs (staff see it
        // in the case's history).
        let title = BilingualWords(key: "caseFromMailTitle")
        let cases = req.application.cases
        let messageID = try message.requireID()
        let opened: CaseFile?
        do {
            opened = try await req.db.transaction { db -> CaseFile in
                let sender = message.$person.id
                let caseFile = try await cases.open(
                    kind,
                    title: title.danish,
                    titleEnglish: title.english,
                    organisationID: organisationID,
                    leaseID: leaseID,
                    others: leaseID == nil && !tenantSender ? sender.map { [$0] } ?? [] : [],
                    openedBy: principal.id,
                    on: db
                )
                // A sender who is not a tenant of the lease is still a party to their own message:
                // as a tenant when they are one of the organisation's (of several leases, so the
                // case is about none of them), otherwise as another party.
                if let sender, leaseID != nil || tenantSender {
                    try await CaseParty.add(
                        sender,
                        as: leaseID == nil && tenantSender ? .tenant : .otherParty,
                        to: try caseFile.requireID(),
                        id: req.application.dependencies.uuid(),
                        at: req.application.dependencies.now(),
                        on: db
                    )
                }
                // Only if no one else gave the message a case meanwhile; otherwise undo this one.
                struct Row: Decodable { let id: UUID }
                guard let sql = db as? any SQLDatabase else { throw CaseError.notSQL }
                let claimed = try await sql.raw(
                    """
                    UPDATE incoming_messages SET case_id = \(bind: try caseFile.requireID())
                    WHERE id = \(bind: messageID) AND case_id IS NULL RETURNING id
                    """
                ).first(decoding: Row.self)
                guard claimed != nil else { throw CaseAlreadyOpened() }
                return caseFile
            }
        } catch is CaseAlreadyOpened {
            opened = nil
        }
        guard let caseFile = opened else {
            let existing = try await IncomingMessage.query(on: req.db).filter(\.$id == messageID).field(\.$id).field(
                \.$caseFile.$id
            ).first()?.$caseFile.id
            guard let existing else { throw Abort(.notFound) }
            return req.redirect(to: SiteRoute.staffCase(existing).path, redirectType: .normal)
        }
        try await req.audit.record(
            .caseOpen,
            subjectKind: .`case`,
            subjectID: try caseFile.requireID(),
            dataSubjectID: message.$person.id,
            purpose: AuditPurpose("caseFromIncoming"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.staffCase(try caseFile.requireID()).path(query: [("besked", "fra-post")]),
            redirectType: .normal
        )
    }

    /// The case, if it exists and is in `scope`; otherwise 404 (no hint that it exists).
    private static func find(_ req: Request, scope: StaffScope) async throws -> CaseFile {
        guard let id = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.query(on: req.db).filter(\.$id == id).scoped(
                \.$organisation.$id,
                to: scope
            ).first()
        else { throw Abort(.notFound) }
        return caseFile
    }
}

/// Another request gave the message a case first: the transaction is rolled back.
private struct CaseAlreadyOpened: Error {}

extension Optional {
    /// `flatMap` with an async transform.
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
