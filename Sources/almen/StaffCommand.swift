import ArgumentParser

/// `almen staff add`: creates a local staff account (or resets one) and prints its password and
/// TOTP secret once.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Manage staff: local accounts (password + TOTP) and caseworkers' organisations.",
        subcommands: [Add.self, Assign.self, Unlink.self]
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

    /// `almen staff assign --email E --organisation CVR [--remove]`: which organisations' records a
    /// caseworker sees (administrators see all).
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a caseworker to a housing organisation, or remove the assignment."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The caseworker's e-mail address.") var email: String
        @Option(help: "The housing organisation's CVR number.") var organisation: String
        @Flag(help: "Remove the assignment instead.") var remove = false

        func run() async throws {
            print(
                try await AppRunner.assignStaff(
                    env: environment.env,
                    email: email,
                    organisationCVR: organisation,
                    remove: remove
                )
            )
        }
    }

    /// `almen staff unlink --email E`: removes the link between a staff account and its single
    /// sign-on login (when the person's login at the provider changes); the next login with a
    /// verified e-mail address links again.
    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a staff account's link to its login.")
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The staff member's e-mail address.") var email: String

        func run() async throws {
            print(try await AppRunner.unlinkStaff(env: environment.env, email: email))
        }
    }
}
