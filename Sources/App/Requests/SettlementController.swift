import AlmenDomain
import Fluent
import Letters
import SQLKit
import Vapor

/// `/admin/sager/:caseID/flytteopgoerelse`: the final settlement (flytteopgørelse, rules.md §7)
/// on a termination case once the lease has ended. The caseworker types the figures from the
/// inspection and the account; `MoveOutSettlementRules` works out the department's share of the
/// normal repairs, the cap at the estimate and 10 %, the deposit loan and the 1,000 kr. withheld;
/// the page shows the lines and the letter, and sending gives each tenant the settlement letter
/// through the channel rule (on paper to the address they moved to, or to the estate's
/// representative), once per case.
enum SettlementController {
    struct Context: Encodable {
        let page: PageChrome
        let caseHref: String
        let caseNumber: String
        let address: String
        let action: String
        /// "form", "preview"; "notYet" (the lease has not ended), "noNotice" (the case holds no
        /// notice that ended the lease), "sent" (made before, on this case or another).
        let step: String
        let tenants: String
        let manyTenants: Bool
        let movedIn: String
        let deposit: String
        let endDate: String?
        let sentAt: String?
        let form: Values
        let errors: [String: String]
        let errorList: [FieldError]
        let token: String
        let preview: Preview?
    }

    struct Preview: Encodable {
        let lines: [Line]
        let balanceLabel: String
        let balance: String
        let recipients: [String]
        let subject: String
        let letter: [String]
    }

    struct Line: Encodable {
        let text: String
        let amount: String
    }

    struct Values: Encodable, Sendable {
        var movedOut = ""
        var repairs = ""
        var damages = ""
        var estimate = ""
        var rentOwed = ""
        var loan = ""
        var sharePerMonth = "1"
        var consumptionPending = true
    }

    struct Input: Content {
        var movedOut: String?
        var repairs: String?
        var damages: String?
        var estimate: String?
        var rentOwed: String?
        var loan: String?
        var sharePerMonth: String?
        var consumptionPending: String?
        var step: String?
        var token: String?
    }

    /// The largest amount a field takes: 10 million kroner.
    static let maxAmount = Money(kroner: 10_000_000)

    /// The case the request names, in the member of staff's scope (a 404 otherwise); with what
    /// the account owed at the lease's end for the form's first showing.
    static func load(_ req: Request, owedAtEnd: Bool = false) async throws -> (Principal, SettlementPage.Loaded) {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let loaded = try await SettlementPage.load(caseID, scope: scope, owedAtEnd: owedAtEnd, on: try req.sql)
        else { throw Abort(.notFound) }
        return (principal, loaded)
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, loaded) = try await load(req, owedAtEnd: true)
        try await audit(req, principal, loaded)
        var values = Values()
        if let share = loaded.header.repair_share_bp {
            values.sharePerMonth = DepartmentContactController.shareText(share)
        }
        if let end = loaded.header.end_date {
            values.movedOut = end
            // The account's balance at the end, as a start for what is owed.
            if let owed = loaded.owedAtEnd, owed > .zero { values.rentOwed = owed.danishFigure }
        }
        return try await render(req, loaded, step: "form", values: values, problems: [])
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let (principal, loaded) = try await load(req)
        let input = try req.content.decode(Input.self)
        let clean = DepartmentContactController.clean
        let values = Values(
            movedOut: clean(input.movedOut),
            repairs: clean(input.repairs),
            damages: clean(input.damages),
            estimate: clean(input.estimate),
            rentOwed: clean(input.rentOwed),
            loan: clean(input.loan),
            sharePerMonth: clean(input.sharePerMonth),
            consumptionPending: input.consumptionPending == "ja"
        )
        // Sent again (a double click, the back button): the settlement it made answers.
        if input.step == "send", let token = input.token,
            try await MoveOutSettlementRecord.query(on: req.db).filter(\.$submissionToken == token)
                .filter(\.$caseID == loaded.header.id).count() > 0
        {
            return req.redirect(to: SiteRoute.staffCase(loaded.header.id).path, redirectType: .normal)
        }
        guard blocked(loaded, today: req.today) == nil else {
            return try await render(req, loaded, step: "form", values: values, problems: []).encodeResponse(for: req)
        }
        let checked = check(
            values,
            movedIn: LocalDate(iso: loaded.header.start_date),
            deposit: Money(ore: loaded.header.deposit_ore),
            today: req.today
        )
        guard let settlementInput = checked.input, input.step == "preview" || input.step == "send" else {
            let status: HTTPStatus = checked.problems.isEmpty || input.step == "edit" ? .ok : .unprocessableEntity
            return try await render(
                req,
                loaded,
                step: "form",
                values: values,
                problems: input.step == "edit" ? [] : checked.problems
            ).encodeResponse(status: status, for: req)
        }
        let settlement = MoveOutSettlementRules().settle(settlementInput)
        guard input.step == "send", let token = input.token, UUID(uuidString: token) != nil else {
            return try await render(req, loaded, step: "preview", values: values, problems: [], settlement: settlement)
                .encodeResponse(for: req)
        }
        let letters = try await self.letters(req, loaded, settlement, draft: false)
        let now = req.application.dependencies.now()
        let record = MoveOutSettlementRecord(
            id: req.application.dependencies.uuid(),
            caseID: loaded.header.id,
            leaseID: loaded.header.lease_id,
            settlement: settlement,
            token: token,
            by: principal.id,
            at: now
        )
        let service = req.application.letters()
        let caseID = loaded.header.id
        do {
            try await req.db.transaction { db in
                try await record.create(on: db)
                for letter in letters {
                    try await service.send(letter, createdBy: principal.id, caseID: caseID, on: db)
                }
            }
        } catch {
            // Another send for the lease got there first (the unique lease or token refused this
            // one): nothing of this one was stored, and the page shows the one that stands.
            guard
                try await MoveOutSettlementRecord.query(on: req.db).filter(\.$leaseID == loaded.header.lease_id)
                    .count() > 0
            else { throw error }
            return req.redirect(to: SiteRoute.staffCaseSettlement(caseID).path, redirectType: .normal)
        }
        try await req.audit.record(
            .settlementSent,
            dataSubjects: loaded.tenants.map(\.id),
            subjectKind: .`case`,
            subjectID: caseID,
            purpose: AuditPurpose("moveOutSettlement"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path(query: [("besked", "flytteopgoerelse")]),
            redirectType: .normal
        )
    }

    static func audit(_ req: Request, _ principal: Principal, _ loaded: SettlementPage.Loaded) async throws {
        try await req.audit.record(
            .caseRead,
            dataSubjects: loaded.tenants.map(\.id),
            subjectKind: .`case`,
            subjectID: loaded.header.id,
            purpose: AuditPurpose("moveOutSettlement"),
            actor: principal
        )
    }

    /// Why no settlement can be made now: one was made for the lease ("sent"), the case holds
    /// no notice that arrived ("noNotice": a withdrawn notice, a case about something else), or
    /// the lease has not ended ("notYet": its end, which an ophævelse may have brought forward).
    /// Nil when one may.
    static func blocked(_ loaded: SettlementPage.Loaded, today: LocalDate) -> String? {
        let header = loaded.header
        if header.settlement_id != nil { return "sent" }
        guard header.notice_received_on != nil else { return "noNotice" }
        guard let end = header.end_date.flatMap(LocalDate.init(iso:)), end <= today else { return "notYet" }
        return nil
    }

    /// The form checked (pure): the move-out from the lease's start to today, the normal repairs
    /// (which may be 0), the other amounts when given, and the department's share per month. The
    /// settlement's input when nothing is wrong.
    static func check(
        _ values: Values,
        movedIn: LocalDate?,
        deposit: Money,
        today: LocalDate
    ) -> (input: MoveOutSettlementInput?, problems: [(String, String)]) {
        var problems: [(String, String)] = []
        let movedOut = LocalDate(iso: values.movedOut)
        if values.movedOut.isEmpty {
            problems.append(("movedOut", "settlementErrorMovedOutMissing"))
        } else if let movedOut {
            if movedOut > today {
                problems.append(("movedOut", "settlementErrorMovedOutFuture"))
            } else if let movedIn, movedOut < movedIn {
                problems.append(("movedOut", "settlementErrorMovedOutBeforeLease"))
            }
        } else {
            problems.append(("movedOut", "estateErrorDate"))
        }
        let figure = { (field: String, text: String, required: Bool) -> Money? in
            if text.isEmpty {
                if required { problems.append((field, "settlementErrorRepairsMissing")) }
                return nil
            }
            guard let money = amount(text) else {
                problems.append((field, "settlementErrorAmount"))
                return nil
            }
            return money
        }
        let repairs = figure("repairs", values.repairs, true)
        let damages = figure("damages", values.damages, false)
        let estimate = figure("estimate", values.estimate, false)
        let rentOwed = figure("rentOwed", values.rentOwed, false)
        let loan = figure("loan", values.loan, false)
        let typedShare = values.sharePerMonth.replacingOccurrences(of: "%", with: "")
            .trimmingCharacters(in: .whitespaces)
        let share = (try? RulesInput.percent(typedShare, field: "")) ?? nil
        if share == nil { problems.append(("sharePerMonth", "settlementErrorShare")) }
        guard problems.isEmpty, let movedIn, let movedOut, let repairs, let share else { return (nil, problems) }
        return (
            MoveOutSettlementInput(
                movedIn: movedIn,
                movedOut: movedOut,
                deposit: deposit,
                normalRepairs: repairs,
                damages: damages ?? .zero,
                estimate: estimate,
                rentOwed: rentOwed ?? .zero,
                depositLoan: loan ?? .zero,
                consumptionPending: values.consumptionPending,
                sharePerMonthBasisPoints: share
            ),
            []
        )
    }

    /// An amount as a Danish caseworker types it: "4.210,00", "4210,5", "4210", "4.210"; at
    /// most `maxAmount`. Nil when it is not one.
    static func amount(_ text: String) -> Money? {
        var typed = text.replacingOccurrences(of: " ", with: "")
        for suffix in ["kr.", "kr", ",-"] where typed.hasSuffix(suffix) { typed.removeLast(suffix.count) }
        let parts = typed.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || !fraction.isEmpty
        else {
            return nil
        }
        let groups = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...(groups.count > 1 ? 3 : 8)).contains(first.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy({ $0.isASCII && $0.isNumber }) }),
            let kroner = Int64(groups.joined())
        else { return nil }
        let ore = Int64(String(fraction).padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let money = Money(ore: kroner * 100 + ore)
        return money <= maxAmount ? money : nil
    }

    /// Who a settlement letter speaks to: one tenant, the tenants together (each gets the same
    /// letter about their shared lease), or a dead tenant's estate.
    enum Reader {
        case tenant
        case tenants
        case estate

        /// "du", "I", "dødsboet" as the subject; where the money goes; who may arrange to pay in
        /// parts; and whose share of the repairs it was.
        var words: (subject: String, payee: String, arranging: String, share: String) {
            switch self {
            case .tenant: ("du", "ind på din NemKonto", "du", "Din andel")
            // Each tenant reads the same letter: the money goes to one account, not a shared one.
            case .tenants: ("I", "til jer via NemKonto", "I", "Jeres andel")
            case .estate: ("dødsboet", "ind på dødsboets NemKonto", "I", "Lejerens andel")
            }
        }
    }

    /// The settlement letter's content, in Danish (letters are). An amount ends in "kr.", which
    /// ends its sentence too.
    static func content(_ settlement: MoveOutSettlement, reader: Reader = .tenant) -> MoveOutSettlementLetter {
        let (who, payee, arranging, share) = reader.words
        let capitalised = who.prefix(1).uppercased() + who.dropFirst()
        var text: [String] = []
        if settlement.payout > .zero {
            text.append("Vi udbetaler \(settlement.payout.danish) \(payee).")
        } else if settlement.toPay > .zero {
            text.append(
                "\(capitalised) skal betale \(settlement.toPay.danish) Kontakt os, hvis \(arranging) vil aftale at betale over flere gange."
            )
        } else {
            text.append("Opgørelsen går lige op: \(who) skal hverken betale eller have penge tilbage.")
        }
        if settlement.loanRepaid > .zero {
            text.append(
                "\(settlement.loanRepaid.danish) indfrier det kommunale indskudslån. Dem sender vi til kommunen."
            )
        }
        if settlement.withheld > .zero {
            text.append(
                "Vi holder \(settlement.withheld.danish) tilbage, til regnskabet for vand og varme er gjort op. Så kommer der en opgørelse over resten."
            )
        }
        if settlement.reduction > .zero {
            text.append(
                "\(share) af istandsættelsen må højst være overslaget fra flyttesynet med 10 % oven i. Vi har derfor nedsat den med \(settlement.reduction.danish)"
            )
        }
        return MoveOutSettlementLetter(
            moveOutDate: MarkupText(DateText.long(settlement.input.movedOut, .da)),
            lines: settlement.lines.map {
                AmountLine(
                    text: MarkupText(SettlementAnswer.text($0.kind, settlement, .da)),
                    amount: MarkupText($0.amount.danishFigure)
                )
            },
            balanceLabel: MarkupText(settlement.toPay > .zero ? "\(capitalised) skal betale" : "Til udbetaling"),
            balance: MarkupText((settlement.toPay > .zero ? settlement.toPay : settlement.payout).danishFigure),
            balanceText: MarkupText(text.joined(separator: " "))
        )
    }

    /// The letter to each tenant, typeset: on paper to the address they moved to (the notice's),
    /// or, after a death, to the estate's representative.
    static func letters(
        _ req: Request,
        _ loaded: SettlementPage.Loaded,
        _ settlement: MoveOutSettlement,
        draft: Bool
    ) async throws -> [LetterService.Prepared] {
        let header = loaded.header
        let service = req.application.letters()
        let reader: Reader = header.estate_filer != nil ? .estate : loaded.tenants.count > 1 ? .tenants : .tenant
        let content = content(settlement, reader: reader)
        if header.estate_filer != nil, let tenant = loaded.tenants.first, let name = header.representative_name {
            let lines = EstateNoticeController.addressLines(header.representative_address ?? "")
            let filer = EstateFiler(rawValue: header.estate_filer ?? "") ?? .estate
            let care = EstateNoticeController.addressee(
                filer,
                representative: name,
                lines: lines,
                deceased: tenant.name
            )
            return [
                try await service.prepare(
                    content,
                    to: tenant.id,
                    lease: header.lease_id,
                    care: care,
                    greeting: name,
                    inCase: header.number,
                    draft: draft
                )
            ]
        }
        let forwarding = header.forwarding_address.map(EstateNoticeController.addressLines)
        var letters: [LetterService.Prepared] = []
        for tenant in loaded.tenants {
            letters.append(
                try await service.prepare(
                    content,
                    to: tenant.id,
                    lease: header.lease_id,
                    envelope: forwarding.flatMap { $0.isEmpty ? nil : $0 },
                    inCase: header.number,
                    draft: draft
                )
            )
            if draft { break }
        }
        return letters
    }

    static func render(
        _ req: Request,
        _ loaded: SettlementPage.Loaded,
        step requested: String,
        values: Values,
        problems: [(String, String)],
        settlement: MoveOutSettlement? = nil
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let header = loaded.header
        let step = blocked(loaded, today: req.today) ?? requested
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "settlementField_\($0)" },
            strings
        )
        var preview: Preview?
        if step == "preview", let settlement {
            let letter = try await letters(req, loaded, settlement, draft: true).first
            let forwarding = header.forwarding_address.map(EstateNoticeController.addressLines) ?? []
            // Whether the letter can go digitally at all (the organisation, the CPR number, an
            // opt-out); the registration is looked up when it is sent.
            let paperOnly: Bool =
                if let facts = letter?.facts, case .decided(let decision) = ChannelRules.decide(facts) {
                    decision.channel == .physical
                } else { false }
            preview = Preview(
                lines: settlement.lines.map {
                    Line(
                        text: SettlementAnswer.text($0.kind, settlement, language),
                        amount: MoneyText.written($0.amount, language)
                    )
                },
                balanceLabel: strings[settlement.toPay > .zero ? "settlementToPay" : "settlementPayout"] ?? "",
                balance: MoneyText.written(settlement.toPay > .zero ? settlement.toPay : settlement.payout, language),
                recipients: header.estate_filer != nil
                    ? [
                        letter.map {
                            ([$0.document.recipient.name] + $0.document.recipient.lines).joined(separator: ", ")
                        } ?? ""
                    ]
                    : loaded.tenants.map {
                        forwarding.isEmpty
                            ? $0.name
                            : "\($0.name) (\(strings[paperOnly ? "settlementPaperOnly" : "settlementPaperTo"] ?? "") \(forwarding.joined(separator: ", ")))"
                    },
                subject: letter?.document.subject ?? "",
                letter: letter.map { LetterTemplateRenderer.previewLines($0.document.body) } ?? []
            )
        }
        let date = { (iso: String?) in iso.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } }
        return try await req.view.render(
            "settlement",
            Context(
                page: await PageChrome.make(for: req, title: strings["settlementTitle"] ?? ""),
                caseHref: SiteRoute.staffCase(header.id).path,
                caseNumber: header.number,
                address: "\(header.addressLine), \(header.postalCity)",
                action: SiteRoute.staffCaseSettlement(header.id).path,
                step: step,
                tenants: loaded.tenants.map(\.name).joined(separator: ", "),
                manyTenants: loaded.tenants.count > 1,
                movedIn: date(header.start_date) ?? header.start_date,
                deposit: MoneyText.written(Money(ore: header.deposit_ore), language),
                endDate: date(header.end_date),
                sentAt: header.settlement_created_at.map { DateText.timestamp($0, language) },
                form: values,
                errors: errors,
                errorList: errorList,
                token: step == "preview" ? req.application.dependencies.uuid().lowercasedString : "",
                preview: preview
            )
        )
    }
}
