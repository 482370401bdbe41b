import ArgumentParser

/// `almen migrate`: brings the database schema up to date (idempotent).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or update the database schema."
    )

    @OptionGroup var environment: EnvironmentOption

    func run() async throws {
        try await AppRunner.migrate(env: environment.env)
    }
}
