import AlmenDomain
import Fluent
import Vapor

/// "Mit hjem": the signed-in resident's homes and leases. Every query is scoped to the
/// principal's own person id, so another resident's lease id is a 404, not a leak.
enum MyHomeController {
    struct Context: Encodable {
        let page: PageChrome
        let homes: [HomeItem]
        /// For a member of an organisation board in an active term: the resident list.
        let boardResidentsHref: String?
        /// For a member of a department board in an active term: the board's workspace.
        let boardWorkspaceHref: String?
        /// Where a person without a home of their own (a helper) finds the fuldmagter given to them.
        let powersHref: String
        /// Where a sub-tenant types the code a tenant gave them.
        let subtenantHref: String
        let cases: [CaseItem]
        /// Notices this resident has still to sign, by their page.
        let toSign: [String]
        let moreCases: Bool
        let casesHref: String
        let letters: [LetterItem]
        let unopenedLetters: Int
        let lettersHref: String
        let documents: [DocumentItem]
        let board: [BoardItem]
        let contact: Contact?
        let articles: [HelpController.ArticleLink]
        let helpHref: String
        /// The help article on rent, arrears and how to pay.
        let paymentHelpHref: String
        /// What the template tests is worked out here, as booleans (see `PageChrome.signedIn`).
        let shows: Shows
    }

    /// Which parts of the start page have something to show.
    struct Shows: Encodable {
        let homes: Bool
        let cases: Bool
        let unopenedLetters: Bool
        let nothingToDo: Bool
        let letters: Bool
        let documents: Bool
        let board: Bool
    }

    struct HomeItem: Encodable {
        let address: String
        let postalCity: String
        let organisation: String
        let department: String
        /// Tenants and co-tenants see the lease; other household members see the address only.
        let leaseHref: String?
        /// Tenants and co-tenants may give notice.
        let terminateHref: String?
        /// "Opsigelsen venter på din underskrift", while a notice waits for signatures.
        let pendingNotice: String?
        let role: String
        /// The lease's terms, for its tenants only (a household member sees no finances).
        let lease: LeaseTerms?
        let tenants: [String]
        let household: [String]
        let hasTenants: Bool
        /// More than one tenant: "Lejere", not "Lejer".
        let manyTenants: Bool
        let hasHousehold: Bool
        /// The account today, for tenants: what is owed or paid in advance, and the latest payments.
        let account: Account?
        /// Every charge and payment (`AccountController`).
        let accountHref: String
    }

    struct Account: Encodable {
        let balance: String
        let owes: Bool
        let payments: [String]
        let hasPayments: Bool
    }

    struct LeaseTerms: Encodable {
        let housingType: String
        let startDate: String
        let monthlyRent: String
        let deposit: String
        /// When the lease would end if notice were given today (a lease not yet terminated).
        let endsIfNoticeToday: String?
        /// When a terminated lease ends.
        let endsOn: String?
    }

    struct CaseItem: Encodable {
        let title: String
        let number: String
        let kind: String
        let opened: String
        let href: String
        /// "Svar senest 17. december 2026", while the answer is due.
        let promise: String?
    }

    struct LetterItem: Encodable {
        let subject: String
        let date: String
        let isNew: Bool
        let href: String
    }

    struct DocumentItem: Encodable {
        let title: String
        let kind: String
        /// "kun for bestyrelsen" for a board-only document.
        let boardOnly: String?
        let date: String
        let size: String
        let href: String
        /// "12 Lyngparken", on the board's page when the member sits on several boards.
        var department: String? = nil
    }

    struct BoardItem: Encodable {
        let name: String
        let position: String
    }

    struct Contact: Encodable {
        let name: String
        let phone: String?
        let phoneHref: String?
        let email: String?
        let hours: [String]
        let hasHours: Bool
    }

    struct LeaseContext {
        let page: PageChrome
        let address: String
        let postalCity: String
        let organisation: String
        let department: String
        let housingType: String
        let rooms: Int
        let areaM2: Int
        let startDate: String
        let monthlyRent: String
        let deposit: String
        let tenants: [String]
        let household: [String]
        let terminationIfToday: TerminationAnswer?
        /// When a terminated lease ends.
        let endsOn: String?
        /// A tenant's notice waits for the others' signatures.
        let pendingNotice: Bool
        let terminateHref: String
        let calculatorHref: String
        /// Letting part of the home (delvis fremleje), while the lease runs.
        let subletHref: String?
        /// Letting the whole home while away; nil once the lease is ending.
        let wholeSubletHref: String?
        /// Swapping homes with another tenant; nil once the lease is ending.
        let swapHref: String?
        /// The open sub-letting or swap case, shown instead of its form.
        let openSublettingHref: String?
        let openSwapHref: String?
        let faultHref: String
        let complaintHref: String
    }

    /// What "Mit hjem" shows, in two statements: the person's homes (`MyHomePage.homes`), and
    /// the rest in one (`MyHomePage.panels`), with the department of the first home (tenancies
    /// first) for its documents, board and help. Everything is the person's own: another
    /// person's id reads their homes, never this one's.
    struct HomePage: Sendable {
        let homes: [MyHomePage.Home]
        let panels: MyHomePage.Panels

        static func load(person: UUID, today: LocalDate, on database: any Database) async throws -> HomePage {
            let homes = try await MyHomePage.homes(of: person, on: database)
            let panels = try await MyHomePage.panels(of: person, home: homes.first, today: today.iso, on: database)
            return HomePage(homes: homes, panels: panels)
        }
    }

    /// "Mit hjem", the resident's start page: each home with its lease (for its tenants) and
    /// household, open cases, the latest letters, the department's documents and board, the
    /// service centre, and the department's most read help articles. Three statements (the
    /// session, then `HomePage`'s two), however large the register.
    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let today = req.today
        let page = try await HomePage.load(person: principal.id, today: today, on: req.db)
        let (homes, panels) = (page.homes, page.panels)
        // The department of the first home (tenancies first): its contact.
        let first = homes.first
        let language = req.language
        let strings = Strings.table(language)
        let roleText = [
            TenantRole.tenant.rawValue: strings["roleTenant"] ?? "",
            TenantRole.coTenant.rawValue: strings["roleCoTenant"] ?? "",
            MyHomePage.Home.household: strings["roleHousehold"] ?? "",
        ]
        return try await req.view.render(
            "my-home",
            Context(
                page: await PageChrome.make(for: req, title: strings["myHomeTitle"] ?? ""),
                homes: homes.map { home in
                    let people = panels.occupants[home.lease_id] ?? []
                    return HomeItem(
                        address: home.addressLine,
                        postalCity: home.postalCity,
                        organisation: home.organisation_name,
                        department: "\(home.department_number) \(home.department_name)",
                        leaseHref: home.isTenancy ? SiteRoute.myLease(home.lease_id).path : nil,
                        terminateHref: home.isTenancy && home.terminatedEnd == nil
                            ? SiteRoute.myTermination(home.lease_id).path : nil,
                        pendingNotice: panels.pendingNotices[home.lease_id].map { signed in
                            strings[signed ? "myHomeNoticeWaitsForOthers" : "myHomeNoticeWaitsForYou"] ?? ""
                        },
                        role: roleText[home.role] ?? "",
                        lease: home.isTenancy
                            ? terms(
                                home,
                                today: today,
                                pending: panels.pendingNotices[home.lease_id] != nil,
                                language: language,
                                strings
                            ) : nil,
                        tenants: people.filter { $0.tenant == 1 }.map(\.name).sorted(),
                        household: people.filter { $0.tenant == 0 }.map(\.name).sorted(),
                        hasTenants: people.contains { $0.tenant == 1 },
                        manyTenants: people.filter { $0.tenant == 1 }.count > 1,
                        hasHousehold: people.contains { $0.tenant == 0 },
                        account: home.isTenancy ? account(of: home.lease_id, panels, language, strings) : nil,
                        accountHref: SiteRoute.myAccount(home.lease_id).path
                    )
                },
                boardResidentsHref: principal.has(.organisationBoardMember) ? SiteRoute.boardResidents.path : nil,
                boardWorkspaceHref: principal.has(.departmentBoardMember) ? SiteRoute.boardWorkspace.path : nil,
                powersHref: SiteRoute.myPowers.path,
                subtenantHref: SiteRoute.mySignCode.path,
                cases: panels.cases.prefix(MyHomePage.shownCases).map { row in
                    CaseItem(
                        title: language == .en ? row.titleEnglish ?? row.title : row.title,
                        number: row.number,
                        kind: CasePresentation.kind(
                            CaseKind(rawValue: row.kind) ?? .general,
                            strings: strings,
                            forParties: true
                        ),
                        opened: DateText.timestamp(row.opened_at, language),
                        href: SiteRoute.myCase(row.id).path,
                        promise: CasePresentation.promise(row.answerDue, today: today, language: language)
                    )
                },
                toSign: panels.pendingNotices.filter { !$0.value }.keys.sorted { $0.uuidString < $1.uuidString }
                    .map { SiteRoute.myTermination($0).path },
                moreCases: panels.cases.count > MyHomePage.shownCases,
                casesHref: SiteRoute.myCases.path,
                letters: panels.letters.map { row in
                    LetterItem(
                        subject: row.subject,
                        date: DateText.timestamp(row.created_at, language),
                        isNew: row.isNew,
                        href: SiteRoute.myLetterPDF(row.id).path
                    )
                },
                unopenedLetters: panels.unopenedLetters,
                lettersHref: SiteRoute.myLetters.path,
                documents: panels.documents.map { documentItem($0, language, strings) },
                board: panels.board.map { member in
                    BoardItem(
                        name: "\(member.given_name) \(member.family_name)",
                        position: strings["boardPosition_\(member.position)"] ?? ""
                    )
                },
                contact: first.flatMap(contact),
                articles: panels.articles.map { HelpController.link($0, language) },
                helpHref: SiteRoute.help.path,
                paymentHelpHref: SiteRoute.helpArticle("restance-og-paakrav").path,
                shows: Shows(
                    homes: !homes.isEmpty,
                    cases: !panels.cases.isEmpty,
                    unopenedLetters: panels.unopenedLetters > 0,
                    nothingToDo: panels.cases.isEmpty && panels.unopenedLetters == 0,
                    letters: !panels.letters.isEmpty,
                    documents: !panels.documents.isEmpty,
                    board: !panels.board.isEmpty
                )
            )
        )
    }

    /// "Du skylder 5.808,00 kr.", "Du har betalt 120,00 kr. forud", "Du skylder ikke noget", with
    /// the latest payments: "2. december 2026: 5.808,00 kr.". Nil when the lease has no account yet.
    static func account(
        of leaseID: UUID,
        _ panels: MyHomePage.Panels,
        _ language: Language,
        _ strings: [String: String]
    ) -> Account? {
        guard let ore = panels.balances[leaseID] else { return nil }
        let balance = balanceText(ore, language, strings)
        let payments = panels.payments.filter { $0.leaseID == leaseID }.compactMap { payment in
            LocalDate(iso: payment.date).map {
                "\(DateText.short($0, language)): \(MoneyText.written(Money(ore: payment.ore), language))"
            }
        }
        return Account(balance: balance, owes: ore > 0, payments: payments, hasPayments: !payments.isEmpty)
    }

    /// "Du skylder 5.808,00 kr.", "Du har betalt 120,00 kr. forud", "Du skylder ikke noget".
    static func balanceText(_ ore: Int64, _ language: Language, _ strings: [String: String]) -> String {
        let amount = MoneyText.written(Money(ore: abs(ore)), language)
        return ore > 0
            ? "\(strings["accountOwes"] ?? "") \(amount)"
            : ore < 0 ? "\(strings["accountAhead"] ?? "") \(amount)" : strings["accountNothingOwed"] ?? ""
    }

    static func documentItem(
        _ row: MyHomePage.Document,
        _ language: Language,
        _ strings: [String: String]
    ) -> DocumentItem {
        DocumentItem(
            title: row.title,
            kind: strings["documentKind_\(row.kind)"] ?? "",
            boardOnly: row.visibility == DocumentVisibility.board.rawValue ? strings["documentBoardOnly"] : nil,
            date: LocalDate(iso: row.document_date).map { DateText.long($0, language) } ?? row.document_date,
            size: FileSize.text(row.byte_count, language),
            href: SiteRoute.myDocument(row.id).path
        )
    }

    static func terms(
        _ home: MyHomePage.Home,
        today: LocalDate,
        pending: Bool,
        language: Language,
        _ strings: [String: String]
    ) -> LeaseTerms {
        LeaseTerms(
            housingType: strings["housing_\(home.housing_type)"] ?? "",
            startDate: LocalDate(iso: home.start_date).map { DateText.long($0, language) } ?? home.start_date,
            monthlyRent: MoneyText.written(Money(ore: home.monthly_rent_ore), language),
            deposit: MoneyText.written(Money(ore: home.deposit_ore), language),
            // Not while a notice waits for signatures: its page says when it would end.
            // Nor for a lease not yet begun (a swap's new home): notice counts from today, and
            // would end it before it began.
            endsIfNoticeToday: home.terminatedEnd == nil && !pending && home.start_date <= today.iso
                ? home.ending(ifReceived: today, language)?.endDateText : nil,
            endsOn: home.terminatedEnd.map { DateText.long($0, language) }
        )
    }

    /// A service centre's field as staff typed it, trimmed; nil when nothing is left.
    static func given(_ text: String?) -> String? {
        let trimmed = text?.trimmingCharacters(in: .whitespaces) ?? ""
        return trimmed.isEmpty ? nil : trimmed
    }

    static func contact(_ home: MyHomePage.Home) -> Contact? {
        guard let name = given(home.service_name) else { return nil }
        let phone = given(home.service_phone)
        let hours = (home.service_hours ?? "").split(separator: "\n").compactMap { given(String($0)) }
        return Contact(
            name: name,
            phone: phone,
            phoneHref: phone.map(phoneLink),
            email: given(home.service_email),
            hours: hours,
            hasHours: !hours.isEmpty
        )
    }

    /// A `tel:` link for a Danish number as written ("70 10 20 30", "+45 70 10 20 30").
    static func phoneLink(_ phone: String) -> String {
        var digits = phone.filter(\.isNumber)
        if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+45") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0045") {
            digits.removeFirst(4)
        }
        return "tel:+45" + digits
    }

    /// What a lease's page shows, in two statements: the lease with its dwelling
    /// (`MyHomePage.lease`), and the people who live there. Nil when the lease is not the
    /// person's as tenant or co-tenant, or has ended (a former tenant's lease is a 404: its
    /// household and finances are no longer theirs to see).
    struct LeasePage: Sendable {
        let lease: MyHomePage.Lease
        let occupants: [MyHomePage.Occupant]

        static func load(_ leaseID: UUID, person: UUID, on database: any Database) async throws -> LeasePage? {
            guard let lease = try await MyHomePage.lease(leaseID, of: person, on: database) else { return nil }
            return LeasePage(lease: lease, occupants: try await MyHomePage.occupants(of: leaseID, on: database))
        }
    }

    /// A lease of the signed-in tenant or co-tenant that has not ended (`LeasePage`).
    @Sendable
    static func lease(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let page = try await LeasePage.load(leaseID, person: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        let (lease, occupants) = (page.lease, page.occupants)
        let language = req.language
        let strings = Strings.table(language)
        let context = LeaseContext(
            page: await PageChrome.make(for: req, title: strings["leaseTitle"] ?? ""),
            address: lease.addressLine,
            postalCity: lease.postalCity,
            organisation: lease.organisation_name,
            department: "\(lease.department_number) \(lease.department_name)",
            housingType: strings["housing_\(lease.housing_type)"] ?? "",
            rooms: lease.habitable_rooms,
            areaM2: lease.floor_area_m2,
            startDate: LocalDate(iso: lease.start_date).map { DateText.long($0, language) } ?? lease.start_date,
            monthlyRent: MoneyText.written(Money(ore: lease.monthly_rent_ore), language),
            deposit: MoneyText.written(Money(ore: lease.deposit_ore), language),
            tenants: occupants.filter { $0.tenant == 1 }.map(\.name).sorted(),
            household: occupants.filter { $0.tenant == 0 }.map(\.name).sorted(),
            // Not while a notice waits for signatures: its page says when it would end.
            terminationIfToday: lease.terminatedEnd == nil && lease.pending_notice == 0
                && lease.start_date <= req.today.iso
                ? lease.ending(ifReceived: req.today, language) : nil,
            endsOn: lease.terminatedEnd.map { DateText.long($0, language) },
            pendingNotice: lease.pending_notice == 1,
            terminateHref: SiteRoute.myTermination(leaseID).path,
            calculatorHref: SiteRoute.terminationCalculator.path,
            // A one-room home has no part to let.
            subletHref: lease.terminatedEnd == nil && lease.habitable_rooms >= 2
                ? SiteRoute.mySubletting(leaseID).path : nil,
            // Only where the tenant can send them: not for a lease that is ending (co-tenants
            // sign on the case).
            wholeSubletHref: PartialSublettingController.blocked(lease) == nil
                ? SiteRoute.myWholeSubletting(leaseID).path : nil,
            swapHref: PartialSublettingController.blocked(lease) == nil
                ? SiteRoute.mySwap(leaseID).path : nil,
            openSublettingHref: lease.open_subletting_case.map { SiteRoute.myCase($0).path },
            openSwapHref: lease.open_swap_case.map { SiteRoute.myCase($0).path },
            faultHref: SiteRoute.myFaultReport(leaseID).path,
            complaintHref: SiteRoute.myComplaint(leaseID).path
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}
