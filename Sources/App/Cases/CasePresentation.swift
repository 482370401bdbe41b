import AlmenDomain
import Foundation

/// How cases look in lists and on their pages, for staff and residents alike.
enum CasePresentation {
    struct Row: Encodable {
        let number: String
        let title: String
        let kind: String
        let status: String
        let opened: String
        let organisation: String?
        let href: String
        /// Staff's lists: the first unmet deadline and where it stands.
        var deadline: Due? = nil
        /// A party's lists: "Svar senest 17. december 2026", while the answer is due.
        var promise: String? = nil
    }

    /// A deadline as a list or a case shows it: "Kvittering senest 8. december 2026", and where it
    /// stands ("Frist i dag", "2 bankdage for sent", "3 bankdage tilbage"), or when it was met.
    struct Due: Encodable {
        /// "Kvittering senest" and "8. december 2026", for a narrow cell; `text` is both.
        let label: String
        let date: String
        let text: String
        let standing: String
        let late: Bool
        let today: Bool
    }

    /// `byClosing`: it was met when the case was closed, which answers it without a letter.
    static func due(
        _ deadline: CaseDeadline,
        today: LocalDate,
        metAt: Date? = nil,
        byClosing: Bool = false,
        language: Language
    ) -> Due {
        let strings = Strings.table(language)
        let label = "\(strings["caseDeadline_\(deadline.kind.rawValue)"] ?? "") \(strings["caseDueBy"] ?? "")"
        let date = DateText.short(deadline.due, language)
        let text = "\(label) \(date)"
        if let metAt {
            let onTime = LocalDate(metAt, timeZone: danishTimeZone) <= deadline.due
            let met =
                byClosing
                ? (onTime ? "caseDeadlineClosed" : "caseDeadlineClosedLate")
                : (onTime ? "caseDeadlineMet" : "caseDeadlineMetLate")
            return Due(
                label: label,
                date: date,
                text: text,
                standing: "\(strings[met] ?? "") \(DateText.timestamp(metAt, language))",
                late: false,
                today: false
            )
        }
        let standing = DeadlineStanding(due: deadline.due, today: today)
        let words: String
        switch standing {
        case .dueToday: words = strings["caseDueToday"] ?? ""
        case .ahead(let days):
            words = strings.counted("caseDueAhead", days, in: language)
        case .late(let days):
            words = strings.counted("caseDueLate", days, in: language)
        }
        return Due(
            label: label,
            date: date,
            text: text,
            standing: words,
            late: standing.isLate,
            today: standing == .dueToday
        )
    }

    /// How long such cases took: "I 3. kvartal 2026 fik halvdelen af vores sager af samme slags
    /// svar inden for 4 bankdage (12 sager i alt)."
    static func responseTime(_ figure: CaseResponseStatistic?, language: Language) -> String? {
        guard let figure, let quarter = Quarter(figure.quarter) else { return nil }
        let days = figure.medianBankDays
        let strings = Strings.table(language)
        let within = strings.filled(
            days == 0 ? "caseResponseWithin_same" : days == 1 ? "caseResponseWithin_one" : "caseResponseWithin_other",
            ["n": "\(days)"]
        )
        return strings.filled(
            "caseResponseTime",
            ["quarter": "\(quarter.number)", "year": "\(quarter.year)", "within": within, "cases": "\(figure.cases)"]
        )
    }

    /// "Svar senest 17. december 2026" (`alone`: "Senest 17. december 2026", after a label that
    /// says what it is): the answer date promised to the case's parties; once it has passed, that
    /// the answer is late, and what was promised.
    static func promise(_ answerDue: String?, today: LocalDate, alone: Bool = false, language: Language) -> String? {
        guard let due = answerDue.flatMap(LocalDate.init(iso:)) else { return nil }
        let strings = Strings.table(language)
        let date = DateText.short(due, language)
        if due < today { return "\(strings["casePromiseLate"] ?? "") \(date))." }
        return "\(strings[alone ? "casePromiseAlone" : "casePromise"] ?? "") \(date)"
    }

    /// One entry of a case's history: a letter we sent, or mail a party sent us.
    struct Entry: Encodable {
        let at: String
        let direction: String
        let title: String
        let who: String
        let href: String?
        /// Staff's: a letter that answers this message (`?svar=`).
        var replyHref: String? = nil
        /// A letter's: "Svar på beskeden ”…”", when it answers one.
        var answers: String? = nil
    }

    /// A row of a list: with its first deadline for staff, with the promised answer date for a
    /// party.
    static func row(
        _ caseFile: CaseLists.Row,
        language: Language,
        href: String,
        organisation: String? = nil,
        today: LocalDate,
        forStaff: Bool
    ) -> Row {
        var row = row(caseFile, language: language, href: href, organisation: organisation, forParties: !forStaff)
        if forStaff {
            row.deadline = caseFile.nextDeadline.map { due($0, today: today, language: language) }
        } else {
            row.promise = promise(caseFile.answer_due, today: today, language: language)
        }
        return row
    }

    private static func row(
        number: String,
        title: String,
        kind: CaseKind,
        status: CaseStatus,
        openedAt: Date,
        language: Language,
        href: String,
        organisation: String?,
        forParties: Bool
    ) -> Row {
        let strings = Strings.table(language)
        return Row(
            number: number,
            title: title,
            kind: self.kind(kind, strings: strings, forParties: forParties),
            status: strings["caseStatus_\(status.rawValue)"] ?? "",
            opened: DateText.timestamp(openedAt, language),
            organisation: organisation,
            href: href
        )
    }

    /// A case's kind in words. Its parties (`forParties`) read a kind whose words would mislead
    /// them in their own: the other organisation's case of a swap is, to the tenant of its
    /// home, their landlord considering the swap, not an answer they owe.
    static func kind(_ kind: CaseKind, strings: [String: String], forParties: Bool = false) -> String {
        if forParties, kind == .swapLandlord { return strings["casePartyKind_swap_landlord"] ?? "" }
        return strings["caseKind_\(kind.rawValue)"] ?? ""
    }

    static func role(_ role: CasePartyRole, strings: [String: String]) -> String {
        strings["casePartyRole_\(role.rawValue)"] ?? ""
    }

    /// A party's role on a neighbour complaint: the tenant who complains (klager), or another
    /// party, who co-signed the complaint or lives in the home it is about.
    static func complaintRole(_ role: CasePartyRole, cosigner: Bool, strings: [String: String]) -> String {
        switch role {
        case .tenant: strings["partyRole_complainant"] ?? ""
        case .otherParty: strings[cosigner ? "partyRole_cosigner" : "partyRole_complainedAbout"] ?? ""
        }
    }

    /// The history, oldest first: letters out and mail in, each with its time.
    static func history(
        _ events: [CasePage.Event],
        language: Language,
        forStaff: Bool = true,
        letterHref: (UUID) -> String?,
        mailHref: (UUID) -> String? = { _ in nil },
        mailReplyHref: (CasePage.Event) -> String? = { _ in nil }
    ) -> [Entry] {
        let strings = Strings.table(language)
        return events.map { event in
            if event.outgoing == 2 {
                // What was done in the case; a party is not told which member of staff did it.
                return Entry(
                    at: DateText.timestamp(event.at, language),
                    direction: strings["caseEventDone"] ?? "",
                    title: eventText(event, strings),
                    // The member of staff who did it (named to staff only; to a party it was the
                    // administration), else who did it as the event itself says (`actor`).
                    who: event.by_name.map { forStaff ? $0 : strings["caseEventByAdministration"] ?? "" }
                        ?? actor(event, strings),
                    href: nil
                )
            }
            // A party's letter opens as its PDF: the link says so.
            let title = event.title ?? "—"
            return Entry(
                at: DateText.timestamp(event.at, language),
                direction: strings[event.outgoing == 1 ? "caseLetterOut" : "caseMailIn"] ?? "",
                title: !forStaff && event.outgoing == 1 ? strings.filled("caseLetterPDF", ["title": title]) : title,
                // A letter names whom it went to; mail, who sent it.
                who: event.outgoing == 1
                    ? "\(strings["caseLetterTo"] ?? "") \(event.who ?? "—")"
                    : event.who ?? (strings["incomingUnknownSender"] ?? ""),
                href: event.outgoing == 1 ? letterHref(event.id) : mailHref(event.id),
                replyHref: event.outgoing == 0 ? mailReplyHref(event) : nil,
                answers: event.outgoing == 1
                    ? event.detail.map {
                        strings.filled(
                            "caseLetterAnswers",
                            ["subject": $0.isEmpty ? strings["incomingNoSubject"] ?? "" : $0]
                        )
                    } : nil
            )
        }
    }

    /// "Sagen er afsluttet", "Sagen er givet til Mette Holm", "Fejlen er udbedret, og sagen er afsluttet".
    /// Who did an event no member of staff did: the resident who signed, stopped their notice,
    /// demanded action or answered a complaint (their name is the event's detail), Almen for what
    /// its background work did (the daily arrears run, a letter to the municipality or the other
    /// landlord sent by the outbox), else a dash.
    static func actor(_ event: CasePage.Event, _ strings: [String: String]) -> String {
        switch event.title.flatMap(CaseEvent.Kind.init(rawValue:)) {
        case .subtenantSigned, .swapSigned, .coTenantSigned, .stopped, .actionDemanded, .complaintReplied:
            event.detail ?? "—"
        case .paid, .municipalityNotified, .landlordWritten:
            strings["caseEventBySystem"] ?? ""
        default:
            "—"
        }
    }

    static func eventText(_ event: CasePage.Event, _ strings: [String: String]) -> String {
        switch event.title.flatMap(CaseEvent.Kind.init(rawValue:)) {
        case .assigned:
            event.staff_name.map { "\(strings["caseEvent_assigned"] ?? "") \($0)" } ?? strings["caseEvent_unassigned"]
                ?? ""
        case .note:
            "\(strings["caseEvent_note"] ?? ""): \(event.detail ?? "")"
        case .decided:
            event.detail.flatMap { strings["caseEventDecided_\($0)"] } ?? strings["caseEvent_decided"] ?? ""
        case .complaintStep:
            event.detail.flatMap { strings["complaintStepEvent_\($0)"] } ?? ""
        case .naevnDecided:
            event.detail.flatMap { strings["naevnOutcomeEvent_\($0)"] } ?? ""
        // Who signed is the entry's actor (`actor`), not said twice.
        case .subtenantSigned, .swapSigned, .coTenantSigned:
            strings["caseEvent_\(event.title ?? "")"] ?? ""
        case .coTenantDied, .landlordWritten:
            "\(strings["caseEvent_\(event.title ?? "")"] ?? ""): \(event.detail ?? "")"
        case .mailAdded, .mailMoved:
            [strings["caseEvent_\(event.title ?? "")"], event.detail].compactMap { $0 }.joined(separator: ": ")
        case .complaintGrave:
            "\(strings["caseEvent_complaint_grave"] ?? ""): \(event.detail ?? "")"
        case .landlordAnswered:
            event.detail.flatMap { strings["caseEvent_landlord_\($0)"] } ?? ""
        case .municipalityConsent:
            event.detail.flatMap { strings["caseEvent_municipality_\($0)"] } ?? ""
        case let kind?:
            strings["caseEvent_\(kind.rawValue)"] ?? ""
        case nil:
            "—"
        }
    }

    /// A case as a list row; `forParties` names its kind as its parties read it (`kind`).
    static func row(
        _ header: some CaseHeading,
        language: Language,
        href: String,
        organisation: String? = nil,
        forParties: Bool = false
    ) -> Row {
        row(
            number: header.number,
            title: header.title(in: language),
            kind: header.caseKind,
            status: header.caseStatus,
            openedAt: header.opened_at,
            language: language,
            href: href,
            organisation: organisation,
            forParties: forParties
        )
    }
}
