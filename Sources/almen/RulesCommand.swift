import App
import ArgumentParser
import Foundation

/// `almen rules ...`: the date rules from the command line, one JSON document on stdout; bad
/// input is exit code 2 with a JSON error on stderr (the same bodies as the API).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Answer the date rules as JSON.",
        subcommands: [Termination.self, Paakrav.self, Holidays.self]
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

    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The public holidays (helligdage) of a year.")
        @Option(help: "The year, 1900-2200.") var year: String?

        func run() throws {
            try RulesCommand.emit { try HolidayAnswer.list(year: year) }
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
