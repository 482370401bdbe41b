import ArgumentParser
import Foundation

/// The `--env` option shared by the commands that start the application.
///
/// Without `--env` or `ALMEN_ENV` the app runs as production: the demo keys, the sandbox logins
/// and the NgDP stand-in take an explicit development setting (`make run` gives it), never the
/// mere absence of configuration.
struct EnvironmentOption: ParsableArguments {
    @Option(
        name: .long,
        help: "development, production or testing (default: $ALMEN_ENV, else production; the demo needs development)."
    )
    var env: String = ProcessInfo.processInfo.environment["ALMEN_ENV"] ?? "production"
}
