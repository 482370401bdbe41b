import ArgumentParser

/// `almen serve`: the web server (portal, back office, API).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the web app and the API.")

    @OptionGroup var environment: EnvironmentOption
    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        try await AppRunner.serve(env: environment.env, hostname: hostname, port: port)
    }
}
