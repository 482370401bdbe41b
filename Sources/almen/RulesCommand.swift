import App
import ArgumentParser
import Foundation

/// `almen rules ...`: the date rules from the command line, one JSON document on stdout; bad
/// input is exit code 2 with a JSON error on stderr (the same bodies as the API).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Answer the date rules as JSON.",
        subcommands: [
            Termination.self, Paakrav.self, Holidays.self, SubletRooms.self, SubletWhole.self, Swap.self,
            BankDays.self, CaseDeadlines.self, Complaint.self, Meeting.self, Minutes.self, Extraordinary.self,
            Settlement.self,
        ]
    )

    struct Termination: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "When does a lease end after the tenant's notice (ALL § 88)?"
        )
        @Option(help: "The day the notice arrived, YYYY-MM-DD.") var received: String?
        @Option(help: "family, youth, elderly or care.") var housing: String?
        @Option(help: "Agreed notice in weeks (youth housing).") var noticeWeeks: String?
        @Option(help: "ordinary or death.") var reason: String?
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try TerminationAnswer.evaluate(
                    received: received,
                    housing: housing,
                    noticeWeeks: noticeWeeks,
                    reason: reason,
                    language: Language(rawValue: lang ?? "da") ?? .da
                )
            }
        }
    }

    struct Paakrav: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Påkrav dates for a rent due date (ALL § 90).")
        @Option(help: "The rent's due date, YYYY-MM-DD.") var due: String?
        @Option(help: "The day the påkrav arrived, YYYY-MM-DD.") var arrived: String?
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try PaakravAnswer.evaluate(
                    due: due,
                    arrived: arrived,
                    language: Language(rawValue: lang ?? "da") ?? .da
                )
            }
        }
    }

    struct Complaint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "The deadlines of a neighbour complaint (ALL §§ 82–89, 102–106): receipt, action, the nævn, appeal, termination."
        )
        @Option(help: "The day the complaint arrived, YYYY-MM-DD (the receipt is due 3 bank days after).")
        var received: String?
        @Option(help: "The day a tenant demanded action, YYYY-MM-DD (4 weeks, July not counted).") var demanded: String?
        @Option(help: "The day the beboerklagenævn decided, YYYY-MM-DD (4 weeks, July not counted).")
        var naevnDecision: String?
        @Option(help: "The day the beboerklagenævn received the case, YYYY-MM-DD (1, 3 and 4 weeks).")
        var naevnReceived: String?
        @Option(help: "The day an opsigelse was sent, YYYY-MM-DD (its end date, 6 weeks to object, 6 to sue).")
        var terminationSent: String?
        @Option(help: "The carrier's delivery time in bank days (default 5).") var deliveryDays: Int = 5
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try ComplaintAnswer.evaluate(
                    received: received,
                    demanded: demanded,
                    naevnDecision: naevnDecision,
                    naevnReceived: naevnReceived,
                    terminationSent: terminationSent,
                    deliveryBankDays: deliveryDays,
                    language: Language(rawValue: lang ?? "da") ?? .da
                )
            }
        }
    }

    struct Meeting: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A department meeting's notice and proposal deadlines (4 and 2 weeks before)."
        )
        @Option(help: "The day of the meeting, YYYY-MM-DD.") var date: String?
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try MeetingAnswer.evaluate(date: date, language: Language(rawValue: lang ?? "da") ?? .da)
            }
        }
    }

    struct Minutes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "When the representative body's minutes must be published (6 weeks after its meeting)."
        )
        @Option(help: "The day of the meeting, YYYY-MM-DD.") var meeting: String?
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try MinutesAnswer.evaluate(meeting: meeting, language: Language(rawValue: lang ?? "da") ?? .da)
            }
        }
    }

    struct Extraordinary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Whether the households' requests call an extraordinary department meeting (25 %)."
        )
        @Option(help: "The department's households.") var households: String?
        @Option(help: "The households that asked for the meeting.") var requests: String?
        @Option(help: "da or en, for the explanation.") var lang: String?

        func run() throws {
            try RulesCommand.emit {
                try ExtraordinaryAnswer.evaluate(
                    households: households,
                    requests: requests,
                    language: Language(rawValue: lang ?? "da") ?? .da
                )
            }
        }
    }

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The public holidays (helligdage) of a year.")
        @Option(help: "The year, 1900-2200.") var year: String?

        func run() throws {
            try RulesCommand.emit { try HolidayAnswer.list(year: year) }
        }
    }

    struct SubletRooms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "May the tenant let these rooms while living there (delvis fremleje, ALL § 70)?"
        )
        @Option(help: "The dwelling's habitable rooms.") var rooms: String?
        @Option(help: "The rooms to be let.") var letRooms: String?
        @Option(help: "Everyone who will live there, sub-tenants included.") var occupants: String?
        @Option(help: "Who lives there now: tenants and household (default 1).") var household: String?
        @Option(help: "The dwelling's floor area in m² (optional).") var area: String?
        @Option(help: "The floor area let in m² (optional).") var letArea: String?
        @Option(help: "Rooms let already under an approved sub-letting (default 0).") var alreadyLet: String?

        func run() throws {
            try RulesCommand.emit {
                try SublettingRoomsAnswer.evaluate(
                    rooms: rooms,
                    letRooms: letRooms,
                    occupants: occupants,
                    household: household,
                    area: area,
                    letArea: letArea,
                    alreadyLet: alreadyLet
                )
            }
        }
    }

    struct SubletWhole: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "May the tenant let the whole dwelling while away (fremleje, ALL §§ 66 and 71)?"
        )
        @Option(help: "The day the application arrives, YYYY-MM-DD.") var applied: String?
        @Option(help: "The first day of the sub-letting, YYYY-MM-DD.") var start: String?
        @Option(help: "The last day of the sub-letting, YYYY-MM-DD.") var end: String?
        @Option(help: "illness, business, study, relocation or other.") var reason: String?
        @Option(help: "The dwelling's habitable rooms.") var rooms: String?
        @Option(help: "The persons who will live there.") var persons: String?
        @Option(help: "The sub-tenant's monthly rent in kroner, e.g. 5808.00.") var rent: String?
        @Option(help: "The tenant's own monthly rent in kroner.") var tenantRent: String?

        func run() throws {
            try RulesCommand.emit {
                try SublettingWholeAnswer.evaluate(
                    applied: applied,
                    start: start,
                    end: end,
                    reason: reason,
                    rooms: rooms,
                    persons: persons,
                    rent: rent,
                    tenantRent: tenantRent
                )
            }
        }
    }

    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "May or must the landlord refuse a house swap (boligbytte, ALL § 69)?"
        )
        @Option(help: "The day the tenant moved in, YYYY-MM-DD.") var movedIn: String?
        @Option(help: "The day the application arrives, YYYY-MM-DD.") var applied: String?
        @Option(help: "The dwelling's habitable rooms.") var rooms: String?
        @Option(help: "The persons who will live there after the swap.") var persons: String?

        func run() throws {
            try RulesCommand.emit {
                try SwapAnswer.evaluate(movedIn: movedIn, applied: applied, rooms: rooms, persons: persons)
            }
        }
    }

    struct Settlement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The final settlement after a move-out (flytteopgørelse): what is paid back or owed."
        )
        @Option(help: "The day the tenant moved in, YYYY-MM-DD.") var movedIn: String?
        @Option(help: "The day the tenant moved out, YYYY-MM-DD.") var movedOut: String?
        @Option(help: "The deposit (indskud) in kroner, e.g. 15000.00.") var deposit: String?
        @Option(help: "Normal repairs (normalistandsættelse) in all, in kroner.") var repairs: String?
        @Option(help: "Damage (misligholdelse), the tenant's in full, in kroner.") var damages: String?
        @Option(help: "The tenant's share in the inspection's estimate, in kroner.") var estimate: String?
        @Option(help: "Rent and other amounts owed, in kroner.") var rentOwed: String?
        @Option(help: "What is left of a municipal deposit loan, in kroner.") var loan: String?
        @Flag(help: "The final water and heating accounts are not made yet.") var consumptionPending = false
        @Option(help: "The department's share per month lived, in per cent (default 1).") var sharePerMonth: String?

        func run() throws {
            try RulesCommand.emit {
                try SettlementAnswer.evaluate(
                    movedIn: movedIn,
                    movedOut: movedOut,
                    deposit: deposit,
                    repairs: repairs,
                    damages: damages,
                    estimate: estimate,
                    rentOwed: rentOwed,
                    loan: loan,
                    consumptionPending: consumptionPending,
                    sharePerMonth: sharePerMonth
                )
            }
        }
    }

    struct BankDays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The date a number of bank days after a date (0: the date, or the next bank day)."
        )
        @Option(help: "The date to count from, YYYY-MM-DD.") var from: String?
        @Option(help: "Bank days to add, 0-1000.") var add: String?

        func run() throws {
            try RulesCommand.emit { try BankDaysAnswer.evaluate(from: from, add: add) }
        }
    }

    struct CaseDeadlines: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case-deadlines",
            abstract: "A case's standard receipt and answer deadlines, in bank days after it arrived."
        )
        @Option(help: "The case kind: general, termination, subletting, swap, fault_report, ...") var kind: String?
        @Option(help: "The day the case arrived, YYYY-MM-DD.") var opened: String?

        func run() throws {
            try RulesCommand.emit { try CaseDeadlinesAnswer.evaluate(kind: kind, opened: opened) }
        }
    }

    /// Prints the answer, or the error as JSON on stderr and exits with code 2.
    static func emit(_ answer: () throws -> some Encodable) throws {
        do {
            let data = try JSONResponse.encoder.encode(try answer())
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } catch let error as RulesInputError {
            let data = (try? JSONResponse.encoder.encode(error.body)) ?? Data()
            FileHandle.standardError.write(data + Data("\n".utf8))
            throw ExitCode(2)
        }
    }
}
