import ArgumentParser

/// `almen staff add`: creates a local staff account (or resets one) and prints its password and
/// TOTP secret once.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Manage local staff accounts (password + TOTP).", subcommands: [Add.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or reset a local staff account.")
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "E-mail address (the login name).") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "caseworker or administrator.") var role = "caseworker"

        func run() async throws {
            guard ["caseworker", "administrator"].contains(role) else {
                throw ValidationError("--role must be caseworker or administrator.")
            }
            let lines = try await AppRunner.provisionStaff(env: environment.env, email: email, name: name, role: role)
            for line in lines { print(line) }
        }
    }
}
