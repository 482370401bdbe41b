import ArgumentParser
import Foundation

/// The `--env` option shared by the commands that start the application.
struct EnvironmentOption: ParsableArguments {
    @Option(name: .long, help: "development, production or testing (default: $ALMEN_ENV or development).")
    var env: String = ProcessInfo.processInfo.environment["ALMEN_ENV"] ?? "development"
}
