import App
import ArgumentParser

/// `almen seed`: generates the demo register (fictitious people only).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill an empty database with a deterministic demo register."
    )

    @OptionGroup var environment: EnvironmentOption
    @Option(help: "Number of homes (dwellings) to generate.") var homes = DemoSeeder.defaultHomes
    @Option(help: "Random seed: the same seed gives the same register.") var seed: UInt64 = 1
    @Flag(help: "Do nothing (and succeed) when the database already has data.") var ifEmpty = false
    @Flag(help: "Migrate first.") var migrate = false

    func validate() throws {
        guard homes >= 1, homes <= 2_000_000 else { throw ValidationError("--homes must be from 1 to 2000000.") }
    }

    func run() async throws {
        try await AppRunner.seed(
            env: environment.env,
            homes: homes,
            seed: seed,
            ifEmpty: ifEmpty,
            migrateFirst: migrate
        )
    }
}
