import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every POST route the app registers, posted with a valid CSRF token by each kind of visitor
/// who may not use it: nobody gets through, nothing answers with a server error, and no table
/// gains or loses a row. A new POST route is covered as soon as it is registered; only the
/// routes anyone may post to are named here.
@Suite("Access matrix: every POST route")
struct PostAccessMatrixTests {
    /// Logging in and out, activating with a letter's code, the stand-ins' own endpoints, and
    /// NgDP's pushes (which check their own token, `ClientThrottlesTests`).
    static let open: Set<String> = [
        SiteRoute.localLogin.path, SiteRoute.logout.path, SiteRoute.logoutEverywhere.path,
        SiteRoute.activation.path, SiteRoute.digitalPostPush.path, SiteRoute.digitalPostReceipt.path,
    ]

    enum Visitor: String, CaseIterable {
        case anonymous, resident, caseworker
    }

    @Test func whoMayNotPostIsRefusedAndNothingChanges() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let tenant = try #require(try await LeaseTenant.query(on: app.db).first()).$person.id
            let caseworker = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first()
            ).requireID()
            let tokens: [Visitor: String] = [
                .resident: try await PageSessions.signIn(person: tenant, on: app),
                .caseworker: try await PageSessions.signIn(staff: caseworker, on: app),
            ]
            let before = try await Self.rowCounts(sql)
            var posted = 0
            for route in app.routes.all where route.method == .POST {
                let path =
                    "/"
                    + route.path.map { component in
                        if case .constant(let text) = component { return text }
                        return UUID().uuidString.lowercased()
                    }.joined(separator: "/")
                if path.hasPrefix("/sandbox/") || Self.open.contains(path) { continue }
                let foreignID = route.path.contains { if case .parameter = $0 { true } else { false } }
                let forStaff = path.hasPrefix("/admin") || path.hasPrefix("/bestyrelse")
                for visitor in Visitor.allCases {
                    // Who is refused: anyone unknown; a resident on staff's routes; and anyone
                    // naming a record that is not theirs (every id here is a stranger's).
                    let refused =
                        visitor == .anonymous || (visitor == .resident && forStaff) || foreignID
                        || (visitor == .caseworker && !forStaff)
                    guard refused else { continue }
                    var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
                    if let token = tokens[visitor] {
                        headers.add(name: .cookie, value: "\(SessionCookie.session)=\(token)")
                        headers.add(name: "X-CSRF-Token", value: CSRFProtection.token(forSession: token))
                    } else {
                        headers.add(name: .cookie, value: "\(SessionCookie.csrf)=csrf-token")
                        headers.add(name: "X-CSRF-Token", value: "csrf-token")
                    }
                    try await app.testing().test(
                        .POST,
                        path,
                        headers: headers,
                        body: ByteBuffer()
                    ) { res async in
                        let location = res.headers.first(name: .location) ?? ""
                        let toLogin = res.status == .seeOther && location.hasPrefix("/log-ind")
                        #expect(
                            (400..<500).contains(Int(res.status.code)) || toLogin,
                            "POST \(path) as \(visitor.rawValue): \(res.status.code) \(location)"
                        )
                    }
                    posted += 1
                }
            }
            #expect(posted > 60)
            #expect(try await Self.rowCounts(sql) == before)
        }
    }

    /// With real ids: a caseworker of another organisation posts to every route of a case, and a
    /// tenant of another home to every route of a lease. Each is refused as if the record did not
    /// exist, and nothing changes.
    @Test func realIdsOutsideTheVisitorsScopeAreRefusedAndNothingChanges() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app)
            let lease = try #require(caseFile.$lease.id)
            let company = try #require(try await HousingOrganisation.find(caseFile.$organisation.id, on: app.db))
                .$company.id
            let elsewhere = HousingOrganisation(
                id: UUID(),
                companyID: company,
                cvr: "87654321",
                name: "Andet Boligselskab",
                eligiblePublicSender: true,
                digitalPostConnection: .notConnected
            )
            try await elsewhere.create(on: app.db)
            let outsider = try await CaseAssignmentTests.caseworker(
                "Bo Andensted",
                of: try elsewhere.requireID(),
                on: app
            )
            let neighbour = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id != lease).filter(\.$person.$id != tenant)
                    .first()
            ).$person.id
            let visitors: [(parameter: String, id: UUID, token: String)] = [
                ("caseID", try caseFile.requireID(), try await PageSessions.signIn(staff: outsider, on: app)),
                ("leaseID", lease, try await PageSessions.signIn(person: neighbour, on: app)),
            ]
            let before = try await Self.rowCounts(sql)
            var posted = 0
            for route in app.routes.all where route.method == .POST {
                for visitor in visitors {
                    guard route.path.contains(where: { $0 == .parameter(visitor.parameter) }) else { continue }
                    let path =
                        "/"
                        + route.path.map { component in
                            switch component {
                            case .constant(let text): text
                            case .parameter(visitor.parameter): visitor.id.uuidString.lowercased()
                            default: UUID().uuidString.lowercased()
                            }
                        }.joined(separator: "/")
                    let headers: HTTPHeaders = [
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": "\(SessionCookie.session)=\(visitor.token)",
                        "X-CSRF-Token": CSRFProtection.token(forSession: visitor.token),
                    ]
                    try await app.testing().test(
                        .POST,
                        path,
                        headers: headers,
                        body: ByteBuffer(string: "status=closed&note=x&assignee=&step=send")
                    ) { res async in
                        #expect(res.status == .notFound, "POST \(path): \(res.status.code)")
                    }
                    posted += 1
                }
            }
            #expect(posted >= 8)
            #expect(try await Self.rowCounts(sql) == before)
            #expect(try await CaseFile.find(caseFile.requireID(), on: app.db)?.status == .open)
        }
    }

    /// Rows per table, but for the logs a refused request writes on purpose.
    static func rowCounts(_ sql: any SQLDatabase) async throws -> [String: Int] {
        struct Table: Decodable { let name: String }
        struct Count: Decodable { let n: Int }
        let tables =
            TestDatabase.postgresURL == nil
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .all(decoding: Table.self)
            : try await sql.raw(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
            ).all(decoding: Table.self)
        var counts: [String: Int] = [:]
        for table in tables where !["audit_events", "login_attempts", "login_failures"].contains(table.name) {
            counts[table.name] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table.name)").first(
                decoding: Count.self
            )?.n
        }
        return counts
    }
}
