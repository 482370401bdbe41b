import ArgumentParser

/// `almen sandbox`: the NgDP stand-in alone, for an app that is configured to reach it with
/// `ALMEN_NGDP_BASE_URL=http://127.0.0.1:8090/sandbox/ngdp/apis/v1/` and
/// `ALMEN_NGDP_SYSTEM_TOKEN=sandbox-system-token` (`make run` mounts it inside the app instead).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the NgDP stand-in alone (development only)."
    )

    @OptionGroup var environment: EnvironmentOption
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8090
    @Option(help: "The app's address, where the stand-in pushes citizens' mail.") var app = "http://127.0.0.1:8080"
    @Flag(help: "Keep only what proves each message arrived, not its XML (for runs of many letters).")
    var withoutMessages = false

    func run() async throws {
        try await AppRunner.sandbox(
            env: environment.env,
            hostname: hostname,
            port: port,
            appBaseURL: app,
            keepsMessages: !withoutMessages
        )
    }
}
