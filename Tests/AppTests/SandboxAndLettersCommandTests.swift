import Foundation
import Testing

/// `almen sandbox` and `almen letters` as processes, on a seeded SQLite file of their own.
@Suite("almen sandbox and letters (the binary)")
struct SandboxAndLettersCommandTests {
    /// Runs the binary to the end with the database at `sqlite`.
    static func run(_ arguments: [String], sqlite: String) throws -> (status: Int32, output: String) {
        let process = try start(arguments, sqlite: sqlite, output: Pipe())
        let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func start(_ arguments: [String], sqlite: String, output: Any = FileHandle.nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ALMEN_SQLITE_PATH"] = sqlite
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "error"
        environment["ALMEN_ENV"] = "development"
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func seeded() throws -> (directory: URL, sqlite: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("almen-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sqlite = directory.appendingPathComponent("almen.sqlite").path
        let seed = try run(["seed", "--migrate", "--homes", "60"], sqlite: sqlite)
        #expect(seed.status == 0, "\(seed.output)")
        return (directory, sqlite)
    }

    /// Without `ALMEN_ENV` (or `--env`) the binary is production: it does not quietly start the
    /// demo with its public keys and sandbox logins, and says what to set.
    @Test func withoutAnEnvironmentTheBinaryRefusesTheDemoDefaults() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("almen-env-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["migrate"]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ALMEN_") }
        environment["ALMEN_SQLITE_PATH"] = directory.appendingPathComponent("almen.sqlite").path
        environment["DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus != 0)
        #expect(said.contains("ALMEN_CPR_ENCRYPTION_KEY") && said.contains("ALMEN_ENV=development"))
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func lettersPreviewWritesAPDFAndPrintSaysWhenNothingWaits() throws {
        let (directory, sqlite) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("paakrav.pdf").path

        let preview = try Self.run(["letters", "preview", "--kind", "paakrav", "--output", pdf], sqlite: sqlite)
        let unknown = try Self.run(["letters", "preview", "--kind", "brev", "--output", pdf], sqlite: sqlite)

        #expect(preview.status == 0)
        #expect(preview.output.contains("Påkrav om betaling af husleje"))
        #expect(FileManager.default.contents(atPath: pdf)?.starts(with: Data("%PDF-".utf8)) == true)
        #expect(unknown.status != 0)
    }

    @Test func theStandInRunsAlone() async throws {
        let (directory, sqlite) = try Self.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try freeLoopbackPort()
        let sandbox = try Self.start(["sandbox", "--port", "\(port)"], sqlite: sqlite)
        defer {
            sandbox.terminate()
            sandbox.waitUntilExit()
        }
        let browser = TestBrowser(base: "http://127.0.0.1:\(port)")
        defer { Task { try? await browser.shutdown() } }

        var mailboxes: TestBrowser.Page?
        for _ in 0..<100 where mailboxes?.status != 200 {
            mailboxes = try? await browser.get("/sandbox/ngdp/postkasse")
            if mailboxes?.status != 200 { try await Task.sleep(for: .milliseconds(100)) }
        }
        let unauthorised = try await browser.get("/sandbox/ngdp/apis/v1/contacts?cprNumber=0101900000")
        let authorised = try await browser.get(
            "/sandbox/ngdp/apis/v1/contacts?cprNumber=0101900000",
            headers: [("Authorization", "Basic sandbox-system-token")]
        )

        #expect(mailboxes?.status == 200)
        #expect(mailboxes?.body.contains("Postkasser for demopersoner") == true)
        #expect(unauthorised.status == 401)
        #expect(authorised.status == 200)
        #expect(authorised.body.contains("UNKNOWN"))
        #expect(try await browser.get("/").status == 404, "only the stand-in is served")
    }
}
