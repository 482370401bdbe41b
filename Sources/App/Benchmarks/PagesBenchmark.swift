import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The pages benchmark (`almen bench pages`, issue: Fast pages): each main page under load from
/// `wrk`, a separate process, at a fixed number of connections, with `/health/ready` (one query,
/// no template) measured in the same run as the yardstick. Residents and a member of staff are
/// signed in by writing sessions directly, as a login would; the sessions are removed afterwards.
/// The server's own CPU time per request is this process's, since the load comes from outside.
public enum PagesBenchmark {
    /// One page's figures.
    public struct Row: Sendable, Encodable {
        public let page: String
        public let path: String
        public let requestsPerSecond: Double
        public let p50: Double
        public let p99: Double
        /// Requests per second relative to `/health/ready` measured just before the page: the
        /// VM's speed drifts over a run of many pages, so each page has its own yardstick.
        public let ratio: Double
        /// That `/health/ready` figure, requests per second.
        public let yardstick: Double
        public let cpuMillisecondsPerRequest: Double
        /// Answers other than 200, and socket errors.
        public let errors: Int
        public let target: Double
        public var meetsTarget: Bool { ratio >= target && errors == 0 }
    }

    public struct Result: Sendable, Encodable {
        public let homes: Int
        public let database: String
        public let connections: Int
        public let seconds: Int
        public let rows: [Row]
    }

    /// A page to load: each request takes the next of `requests` (a path and its session token).
    struct Page {
        let name: String
        let requests: [(path: String, token: String?)]
        /// The share of `/health/ready`'s rate the page must reach.
        let target: Double
    }

    public static func run(
        app: Application,
        port: Int,
        connections: Int,
        seconds: Int,
        sessions: Int,
        only: String? = nil,
        wrk: String = "wrk"
    ) async throws -> Result {
        let homes = try await Dwelling.query(on: app.db).count()
        let residents = try await residentsWithLeases(sessions, on: app)
        guard !residents.isEmpty else {
            throw Abort(.internalServerError, reason: "The register has no tenants to sign in: run almen seed first.")
        }
        let residentTokens = try await signIn(residents.map { ($0.person, nil) }, on: app)
        let staffIDs = try await StaffUser.query(on: app.db).filter(\.$active == true).filter(\.$role == .administrator)
            .sort(\.$email).limit(1).all()
            .map { try $0.requireID() }
        guard let staffID = staffIDs.first else {
            throw Abort(.internalServerError, reason: "The register has no administrator to sign in.")
        }
        let staffTokens = try await signIn([(nil, staffID)], on: app)
        do {
            let cases = try await CaseFile.query(on: app.db).sort(\.$openedAt, .descending).limit(50).all().map {
                try $0.requireID()
            }
            let firstOrganisation = try await HousingOrganisation.query(on: app.db).sort(\.$name).first()?.requireID()
            let resident = zip(residents, residentTokens).map { ($0.0, $0.1) }
            var pages: [Page] = [
                Page(name: "/health/ready", requests: [(SiteRoute.healthReady.path, nil)], target: 1),
                Page(name: "front page", requests: [(SiteRoute.home.path, nil)], target: 0.25),
                Page(
                    name: "calculator",
                    requests: [
                        (
                            SiteRoute.terminationCalculator.path(query: [
                                ("received", "2026-12-03"), ("housing", "family"),
                            ]), nil
                        )
                    ],
                    target: 0.25
                ),
                Page(name: "Mit hjem", requests: resident.map { (SiteRoute.myHome.path, $0.1) }, target: 0.5),
                Page(
                    name: "lease",
                    requests: resident.map { (SiteRoute.myLease($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(
                    name: "notice form",
                    requests: resident.map { (SiteRoute.myTermination($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(
                    name: "sub-letting form",
                    requests: resident.map { (SiteRoute.mySubletting($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(
                    name: "whole sub-letting form",
                    requests: resident.map { (SiteRoute.myWholeSubletting($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(
                    name: "swap form",
                    requests: resident.map { (SiteRoute.mySwap($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(
                    name: "fault report form",
                    requests: resident.map { (SiteRoute.myFaultReport($0.0.lease).path, $0.1) },
                    target: 0.25
                ),
                Page(name: "Mine breve", requests: resident.map { (SiteRoute.myLetters.path, $0.1) }, target: 0.25),
                Page(name: "Mine sager", requests: resident.map { (SiteRoute.myCases.path, $0.1) }, target: 0.25),
                Page(name: "staff cases", requests: staffTokens.map { (SiteRoute.staffCases.path, $0) }, target: 0.25),
                Page(name: "staff letters", requests: staffTokens.map { (SiteRoute.letters.path, $0) }, target: 0.25),
                Page(
                    name: "estate notice search",
                    // What a caseworker types: the beginning of an address or a name.
                    requests: ["Engvej 12", "Havevej 3, 1", "Jens Hansen", "Nielsen Mette"].map {
                        (SiteRoute.staffEstateNotices.path(query: [("q", $0)]), staffTokens[0])
                    },
                    target: 0.25
                ),
                Page(
                    name: "estate notice form",
                    requests: resident.map { (SiteRoute.staffEstateNotice($0.0.lease).path, staffTokens[0]) },
                    target: 0.25
                ),
                Page(name: "help centre", requests: [(SiteRoute.help.path, nil)], target: 0.25),
                Page(
                    name: "help search",
                    requests: ["opsige", "fremlejer", "husleje betaling", "naboklage"].map {
                        (SiteRoute.help.path(query: [("q", $0)]), nil)
                    },
                    target: 0.25
                ),
                Page(
                    name: "help article",
                    requests: ["opsigelse", "husorden", "fremleje", "persondata"].map {
                        (SiteRoute.helpArticle($0).path, nil)
                    },
                    target: 0.25
                ),
            ]
            if let firstOrganisation {
                pages.insert(
                    Page(
                        name: "organisation",
                        requests: [(SiteRoute.organisation(firstOrganisation).path, nil)],
                        target: 0.25
                    ),
                    at: 2
                )
            }
            if !cases.isEmpty {
                pages.append(
                    Page(
                        name: "a case",
                        requests: cases.map { (SiteRoute.staffCase($0).path, staffTokens[0]) },
                        target: 0.25
                    )
                )
            }
            if let only {
                pages = pages.filter { $0.target == 1 || $0.name.localizedCaseInsensitiveContains(only) }
            }
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            let inFlight = InFlightRequests()
            app.middleware.use(inFlight, at: .beginning)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            var measured: [(Page, Wrk.Figures, Double, Double, Int)] = []
            let yardstickScript = try Wrk.script([(SiteRoute.healthReady.path, nil)])
            do {
                for page in pages {
                    var yardstick: Wrk.Figures?
                    if page.target != 1 {
                        yardstick = try await Wrk.run(
                            wrk,
                            url: "http://127.0.0.1:\(port)",
                            script: yardstickScript,
                            connections: connections,
                            seconds: Swift.max(2, seconds / 2)
                        )
                    }
                    let script = try Wrk.script(page.requests)
                    // A short unrecorded run first: templates compiled, caches and pools warm.
                    _ = try await Wrk.run(
                        wrk,
                        url: "http://127.0.0.1:\(port)",
                        script: script,
                        connections: connections,
                        seconds: 2
                    )
                    let cpuBefore = ProcessCPU.seconds()
                    let figures = try await Wrk.run(
                        wrk,
                        url: "http://127.0.0.1:\(port)",
                        script: script,
                        connections: connections,
                        seconds: seconds
                    )
                    let cpu = ProcessCPU.seconds() - cpuBefore
                    measured.append(
                        (
                            page, figures, figures.requests > 0 ? cpu * 1000 / Double(figures.requests) : 0,
                            yardstick?.requestsPerSecond ?? figures.requestsPerSecond, yardstick?.errors ?? 0
                        )
                    )
                }
            } catch {
                await inFlight.drained()
                await app.server.shutdown()
                throw error
            }
            // wrk stops waiting at the end of a run, not the server: let the last requests finish
            // before the database they read from is shut down.
            await inFlight.drained()
            await app.server.shutdown()
            try await signOut(residentTokens + staffTokens, on: app)
            return Result(
                homes: homes,
                database: app.almenConfig.database.name,
                connections: connections,
                seconds: seconds,
                rows: measured.map { page, figures, cpu, health, healthErrors in
                    Row(
                        page: page.name,
                        path: page.requests[0].path,
                        requestsPerSecond: figures.requestsPerSecond,
                        p50: figures.p50,
                        p99: figures.p99,
                        ratio: health > 0 ? figures.requestsPerSecond / health : 0,
                        yardstick: health,
                        cpuMillisecondsPerRequest: cpu,
                        // A yardstick that answered anything but 200 would make every ratio wrong.
                        errors: figures.errors + healthErrors,
                        target: page.target
                    )
                }
            )
        } catch {
            try? await signOut(residentTokens + staffTokens, on: app)
            throw error
        }
    }

    struct Resident {
        let person: UUID
        let lease: UUID
    }

    /// Up to `count` tenants of current leases, spread over the register.
    static func residentsWithLeases(_ count: Int, on app: Application) async throws -> [Resident] {
        let tenancies = try await LeaseTenant.query(on: app.db).join(
            Lease.self,
            on: \LeaseTenant.$lease.$id == \Lease.$id
        )
        .filter(Lease.self, \.$status != .ended).sort(\.$id).field(\.$id).field(\.$person.$id).field(\.$lease.$id).all()
        var seen = Set<UUID>()
        let unique = tenancies.filter { seen.insert($0.$person.id).inserted }
        guard !unique.isEmpty else { return [] }
        let step = Swift.max(1, unique.count / Swift.max(1, count))
        return stride(from: 0, to: unique.count, by: step).prefix(count).map {
            Resident(person: unique[$0].$person.id, lease: unique[$0].$lease.id)
        }
    }

    /// Writes a session for each (person, staff) pair; returns the cookie tokens in order.
    static func signIn(_ principals: [(person: UUID?, staff: UUID?)], on app: Application) async throws -> [String] {
        let now = app.dependencies.now()
        let tokens = principals.map { _ in PKCE.randomToken() }
        let sessions = zip(principals, tokens).map { principal, token in
            UserSession(
                tokenHash: PKCE.hash(token),
                principalKind: principal.staff == nil ? .resident : .staff,
                personID: principal.person,
                staffUserID: principal.staff,
                now: now,
                authTime: now
            )
        }
        try await sessions.create(on: app.db)
        return tokens
    }

    static func signOut(_ tokens: [String], on app: Application) async throws {
        try await UserSession.query(on: app.db).filter(\.$tokenHash ~~ tokens.map(PKCE.hash)).delete()
    }
}

/// Counts the requests being answered, so that a run ends only when the server is idle.
final class InFlightRequests: AsyncMiddleware {
    private let count = NIOLockedValueBox(0)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }

    /// Returns when no request is being answered (or after 30 seconds).
    func drained() async {
        for _ in 0..<3000 where count.withLockedValue({ $0 }) > 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// `wrk` (Debian's package), run as its own process with a Lua script that rotates through a
/// page's requests and counts every answer other than 200 (wrk itself counts only 4xx and 5xx).
enum Wrk {
    struct Figures {
        let requests: Int
        let requestsPerSecond: Double
        /// Milliseconds.
        let p50: Double
        let p99: Double
        let errors: Int
    }

    static func script(_ requests: [(path: String, token: String?)]) throws -> URL {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let entries = requests.map { path, token in
            "{\(quoted(path)), \(quoted(token.map { "\(SessionCookie.session)=\($0)" } ?? ""))}"
        }.joined(separator: ",\n")
        let lua = """
            local entries = {
            \(entries)
            }
            local threads = {}
            local counter = 0
            function setup(thread)
              counter = counter + 1
              thread:set("offset", counter * 7919)
              table.insert(threads, thread)
            end
            function init(args)
              bad = 0
              position = offset % #entries
            end
            function request()
              position = position % #entries + 1
              local entry = entries[position]
              if entry[2] == "" then
                return wrk.format("GET", entry[1])
              end
              return wrk.format("GET", entry[1], { ["Cookie"] = entry[2] })
            end
            function response(status, headers, body)
              if status ~= 200 then bad = bad + 1 end
            end
            function done(summary, latency, requests)
              local bad = 0
              for _, thread in ipairs(threads) do bad = bad + thread:get("bad") end
              local e = summary.errors
              io.write(string.format("ALMEN %d %d %d %d %d %d\\n", summary.requests, summary.duration,
                latency:percentile(50), latency:percentile(99), bad, e.connect + e.read + e.write + e.timeout))
            end
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("almen-bench-\(UUID().uuidString).lua")
        try lua.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func run(_ wrk: String, url: String, script: URL, connections: Int, seconds: Int) async throws -> Figures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            wrk, "-t", "2", "-c", "\(connections)", "-d", "\(seconds)s", "--timeout", "10s", "-s", script.path, url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let launched: Result<Void, any Error> = await withCheckedContinuation { continuation in
            process.terminationHandler = { _ in continuation.resume(returning: .success(())) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: .failure(error))
            }
        }
        if case .failure(let error) = launched {
            throw Abort(.internalServerError, reason: "Could not start \(wrk) (apt-get install wrk): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").last(where: { $0.hasPrefix("ALMEN ") })
        else {
            throw Abort(
                .internalServerError,
                reason: "wrk failed (is it installed? apt-get install wrk): \(text.suffix(500))"
            )
        }
        let numbers = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard numbers.count == 6 else { throw Abort(.internalServerError, reason: "Unexpected wrk output: \(line)") }
        let seconds = numbers[1] / 1e6
        return Figures(
            requests: Int(numbers[0]),
            requestsPerSecond: seconds > 0 ? numbers[0] / seconds : 0,
            p50: numbers[2] / 1000,
            p99: numbers[3] / 1000,
            errors: Int(numbers[4] + numbers[5])
        )
    }
}
