import ArgumentParser
import Foundation

/// `almen letters ...`: preview a letter kind, send bulk letters, make a print batch.
struct LettersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "Letters: preview, bulk send, print batches.",
        subcommands: [Preview.self, Send.self, Print.self]
    )

    /// `almen letters preview --kind paakrav --output paakrav.pdf`.
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a letter kind with demo content to a PDF file."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(
            help:
                "paakrav, termination_confirmation, landlord_termination, henstilling, reminder_with_warning, meeting_notice, move_out_settlement or general."
        )
        var kind = "paakrav"
        @Option(help: "Where to write the PDF.") var output: String

        func run() async throws {
            let result = try await AppRunner.letterPreview(env: environment.env, kind: kind)
            try result.pdf.write(to: URL(fileURLWithPath: output))
            print("Wrote \(output): \"\(result.subject)\", \(result.pages) page(s), \(result.pdf.count) bytes.")
        }
    }

    /// `almen letters send --organisation CVR [--department N ...] --subject S --text T`.
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Send a general letter to every tenant of an organisation or some of its departments (with a progress bar)."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The housing organisation's CVR number.") var organisation: String
        @Option(name: .customLong("department"), help: "A department number (repeat for several; none means all).")
        var departments: [Int] = []
        @Option(help: "The subject line.") var subject: String
        @Option(help: "The text; separate paragraphs with an empty line.") var text: String

        func run() async throws {
            let result = try await AppRunner.letterSend(
                env: environment.env,
                organisation: organisation,
                departments: departments,
                subject: subject,
                text: text
            )
            FileHandle.standardError.write(Data("\n".utf8))
            print(
                "Bulk run \(result.runID.uuidString.lowercased()): \(result.letters) letters (\(result.digitalIfRegistered) for Digital Post if registered, \(result.physical) physical)."
            )
        }
    }

    /// `almen letters print --output batch`: writes batch-<number>.pdf and .csv per organisation.
    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make print batches of the waiting physical letters, one per organisation: PDF and CSV manifest."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "File name prefix; -<batch number>.pdf and .csv are added.") var output: String

        func run() async throws {
            let batches = try await AppRunner.letterPrintBatches(env: environment.env)
            if batches.isEmpty { print("No letters are waiting for print.") }
            for batch in batches {
                let name = "\(output)-\(batch.number)"
                try batch.pdf.write(to: URL(fileURLWithPath: name + ".pdf"))
                try Data(batch.manifest.utf8).write(to: URL(fileURLWithPath: name + ".csv"))
                print(
                    "Print batch \(batch.number): \(batch.letters) letters, \(batch.pages) pages -> \(name).pdf, \(name).csv"
                )
            }
        }
    }
}

/// A one-line progress bar on standard error: [#######.............]  35 %  700/2000.
enum ProgressBar {
    static func line(done: Int, total: Int, width: Int = 30) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            + String(format: " %3d %%  %d/%d", Int(fraction * 100), done, total)
    }
}
