import ArgumentParser
import Foundation

/// `almen retention run`: deletes what has passed its retention period (what the daily job does).
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Personal data: delete what has passed its retention period (rules.md §9 defaults).",
        subcommands: [Run.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete former residents, old account lines and print batches past their periods. Prints JSON."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The day to run for (ISO date); today by default.") var date: String?
        @Flag(help: "Count what would be deleted, but delete nothing.") var dryRun = false

        func run() async throws {
            let output = try await AppRunner.retentionRun(env: environment.env, date: date, dryRun: dryRun)
            FileHandle.standardOutput.write(output + Data("\n".utf8))
        }
    }
}
