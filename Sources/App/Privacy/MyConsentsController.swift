import AlmenDomain
import Fluent
import Vapor

/// `/mit-hjem/samtykker`: each consent with the exact words, its state and history, what a
/// withdrawal stops (told before the button), and where another legal basis covers the data, which
/// and why. Giving and withdrawing are audited; the confirmation says what happened.
enum MyConsentsController {
    struct Context: Encodable {
        let page: PageChrome
        let backHref: String
        let message: String?
        let consents: [Item]
    }

    struct Item: Encodable {
        let code: String
        let title: String
        let state: String
        let text: String
        let effect: String?
        /// Why the data goes on without this consent, or how it is given elsewhere.
        let basis: String?
        let action: String
        let mayGive: Bool
        let mayWithdraw: Bool
        let history: [String]
    }

    struct Input: Content {
        var intent: String?
    }

    /// What the page shows, in three statements (`Consents.facts`): the kinds of consent, the
    /// person's own consents given and withdrawn, and what decides a kind's reach for them (their
    /// CPR number's basis, a lease from before 2018). Another person's id reads theirs.
    struct Page: Sendable {
        let facts: Consents.Facts

        static func load(person: UUID, today: LocalDate, on database: any Database) async throws -> Page {
            Page(facts: try await Consents.facts(for: person, today: today, on: database))
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked").flatMap { strings["consentNotice_\($0)"] }
        let page = try await Page.load(person: principal.id, today: req.today, on: req.db)
        return try await render(req, page, message: message)
    }

    static func render(_ req: Request, _ page: Page, message: String?) async throws -> View {
        let strings = Strings.table(req.language)
        let language = req.language
        let facts = page.facts
        let items = facts.kinds.compactMap { kind -> Item? in
            let state = Consents.state(kind.code, facts)
            // A retired kind the person never gave is not shown.
            if kind.retiredAt != nil, state == .notGiven { return nil }
            let events = facts.events.filter { $0.kind == kind.code }
            let history = events.map { event in
                // Recorded by the administration with the lease: the day, not a time of day.
                let given =
                    event.given_how == ConsentChannel.staff.rawValue
                    ? DateText.long(LocalDate(event.given_at, timeZone: danishTimeZone), language)
                    : DateText.timestamp(event.given_at, language)
                var line =
                    "\(strings["consentHistoryGiven"] ?? "") \(given) \(strings["consentHow_\(event.given_how)"] ?? "")"
                if let withdrawn = event.withdrawn_at {
                    line +=
                        ", \(strings["consentHistoryWithdrawn"] ?? "") \(DateText.timestamp(withdrawn, language)) \(event.withdrawn_how.flatMap { strings["consentHow_\($0)"] } ?? "")"
                }
                return line
            }
            return Item(
                code: kind.code,
                title: kind.title(language),
                state: strings["consentState_\(state.rawValue)"] ?? "",
                // The words as the resident agreed to them; the kind's words when they never have.
                text: state == .given ? events.first.map(\.text) ?? kind.text(language) : kind.text(language),
                effect: Consents.mayWithdraw(kind, facts) ? kind.effect(language) : nil,
                basis: basis(kind, facts, strings),
                action: SiteRoute.myConsent(kind.code).path,
                mayGive: Consents.mayGive(kind, facts),
                mayWithdraw: Consents.mayWithdraw(kind, facts),
                // Given on paper before Almen, with the lease: the day was not kept, and the page says so.
                history: history.isEmpty && state == .recordedByAdministration
                    ? [strings["consentHistoryRecorded"] ?? ""] : history
            )
        }
        return try await req.view.render(
            "my-consents",
            Context(
                page: await PageChrome.make(for: req, title: strings["consentsTitle"] ?? ""),
                backHref: SiteRoute.myData.path,
                message: message,
                consents: items
            )
        )
    }

    /// The other legal basis, or the other way the consent is given.
    static func basis(_ kind: ConsentKind, _ facts: Consents.Facts, _ strings: [String: String]) -> String? {
        switch kind.code {
        case ConsentKind.cpr:
            if facts.hasCPR, facts.cprBasis == .register { return strings["consentCPRRegister"] }
            if !facts.hasCPR { return strings["consentCPRActivation"] }
            return nil
        case ConsentKind.digitalPost:
            return facts.hasLeaseBefore2018 ? nil : strings["consentDigitalPostNew"]
        default:
            return kind.retiredAt != nil ? strings["consentRetired"] : nil
        }
    }

    /// Gives or withdraws one consent (`intent` = `give` or `withdraw`).
    @Sendable
    static func change(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let code = req.parameters.get("code") else { throw Abort(.notFound) }
        let input = try req.content.decode(Input.self)
        let consents = req.application.consents
        guard let kind = try await ConsentKind.query(on: req.db).filter(\.$code == code).first() else {
            throw Abort(.notFound)
        }
        let purpose = AuditPurpose("consent", ["title": .each(kind.title)])
        let notice: String
        do {
            switch input.intent {
            case "give":
                try await consents.give(code, person: principal.id, language: req.language, how: .portal)
                try await req.audit.record(
                    .consentGive,
                    subjectKind: .consent,
                    dataSubjectID: principal.id,
                    purpose: purpose
                )
                notice = "given"
            case "withdraw":
                let outcome = try await consents.withdraw(code, person: principal.id, how: .portal)
                try await req.audit.record(
                    .consentWithdraw,
                    subjectKind: .consent,
                    dataSubjectID: principal.id,
                    purpose: purpose
                )
                notice = outcome.rawValue
            default:
                throw Abort(.badRequest)
            }
        } catch Consents.Refusal.unknownKind {
            throw Abort(.notFound)
        } catch Consents.Refusal.notAllowed {
            // Already given or withdrawn (a second click, another tab): the page shows the state.
            return req.redirect(to: SiteRoute.myConsents.path + "#samtykke-\(code)", redirectType: .normal)
        }
        return req.redirect(
            to: SiteRoute.myConsents.path(query: [("besked", notice)]),
            redirectType: .normal
        )
    }
}
