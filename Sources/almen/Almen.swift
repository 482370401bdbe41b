import ArgumentParser

/// `almen`: one binary for every process of the platform.
@main
struct Almen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "almen",
        abstract: "Almen: the platform for Danish social housing.",
        subcommands: [
            ServeCommand.self, WorkerCommand.self, MigrateCommand.self, SeedCommand.self, StaffCommand.self,
            RulesCommand.self, LedgerCommand.self, ArrearsCommand.self, RetentionCommand.self,
            DigitalPostCommand.self, LettersCommand.self, SandboxCommand.self, BenchCommand.self,
        ]
    )
}
