import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// API keys (issue: Rent arrears, item 1, "and through the API"): an administrator makes a key,
/// shown once and stored as a hash; a program imports account lines with it, all or nothing and
/// never twice; a wrong, revoked or missing key gets a JSON 401 and stores nothing.
@Suite("API keys and the ledger API")
struct APITokenTests {
    static let file = """
        id;lejemaal;art;dato;beloeb;tekst
        K-1;9-2-0001;husleje;2026-11-01;5.808,00;Husleje november 2026
        K-2;9-2-0001;indbetaling;30-10-2026;2808,00;
        """

    /// Posts `body` to the import with `authorization`; the status and the JSON.
    static func post(
        _ app: Application,
        _ body: String,
        format: String = "posteringer",
        authorization: String?
    ) async throws -> (HTTPStatus, [String: Any]) {
        var answer: (HTTPStatus, [String: Any]) = (.internalServerError, [:])
        var headers: HTTPHeaders = ["Content-Type": "text/csv"]
        if let authorization { headers.add(name: .authorization, value: authorization) }
        try await app.testing().test(
            .POST,
            SiteRoute.api(.ledgerImport).path + "?format=\(format)",
            headers: headers,
            body: ByteBuffer(string: body)
        ) { res async throws in
            let json = (try? JSONSerialization.jsonObject(with: Data(res.body.readableBytesView))) as? [String: Any]
            answer = (res.status, json ?? [:])
        }
        return answer
    }

    /// An administrator makes a key on the page; the key as shown once.
    static func makeKey(_ app: Application, name: String = "Økonomisystemet") async throws -> String {
        let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
        let form = [("name", name), ("token", UUID().uuidString)]
        let (status, page) = try await CaseDeadlinesTests.post(app, SiteRoute.apiTokens.path, form, as: admin)
        #expect(status == .ok)
        let marker = #"<p class="code">"#
        let start = try #require(page.range(of: marker)).upperBound
        let key = String(page[start...].prefix { $0 != "<" })
        // The page reloaded (the same form again) makes no second key and shows none.
        let (_, again) = try await CaseDeadlinesTests.post(app, SiteRoute.apiTokens.path, form, as: admin)
        #expect(again.contains("Nøglen er allerede lavet"))
        #expect(!again.contains(key))
        return key
    }

    @Test func aProgramImportsAccountLinesWithItsKeyOnceAndAllOrNothing() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let (lease, _, _) = try await ArrearsTests.lease(app, number: "9-2-0001")
            let key = try await Self.makeKey(app)
            #expect(key.hasPrefix("almen_") && key.count == 49)
            // Only the hash is kept: no column of the row holds the key.
            let stored = try #require(try await APIToken.query(on: app.db).first())
            #expect(stored.tokenHash == APIToken.hash(key))
            #expect(
                ![stored.name, stored.prefix, stored.tokenHash, stored.submissionToken].contains { $0.contains(key) }
            )
            #expect(key.hasPrefix(stored.prefix))
            #expect(stored.lastUsedAt == nil)

            let (first, report) = try await Self.post(app, Self.file, authorization: "Bearer \(key)")
            #expect(first == .ok)
            #expect(report["added"] as? Int == 2)
            let (again, repeated) = try await Self.post(app, Self.file, authorization: "Bearer \(key)")
            #expect(again == .ok)
            #expect(repeated["added"] as? Int == 0 && repeated["alreadyImported"] as? Int == 2)
            let entries = try await app.db.sql().raw(
                "SELECT COUNT(*) AS n FROM ledger_entries WHERE lease_id = \(bind: lease)"
            ).first(decoding: Count.self)?.n
            #expect(entries == 2)
            #expect(try await APIToken.query(on: app.db).first()?.lastUsedAt != nil)
            // Each import is in the audit log under the key's name.
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.ledgerImport.rawValue)
                .filter(\.$actorKind == AuditEvent.apiKey).all()
            #expect(audited.count == 2)
            #expect(audited.allSatisfy { $0.purpose.contains("Økonomisystemet") && $0.actorID == stored.id })

            // A bad line stores nothing and answers 422 with the problem.
            let (refused, problems) = try await Self.post(
                app,
                "id;lejemaal;art;dato;beloeb;tekst\nK-3;9-9-9999;husleje;2026-12-01;5.808,00;\n",
                authorization: "Bearer \(key)"
            )
            #expect(refused == .unprocessableEntity)
            let first_problem = (problems["problems"] as? [[String: Any]])?.first
            #expect(first_problem?["code"] as? String == "unknown_lease")
            // An unknown format or an empty body is a JSON 400.
            #expect(
                try await Self.post(app, Self.file, format: "excel", authorization: "Bearer \(key)").0 == .badRequest
            )
            #expect(try await Self.post(app, "", authorization: "Bearer \(key)").0 == .badRequest)
        }
    }

    struct Count: Decodable { let n: Int }

    @Test func aWrongRevokedOrMissingKeyIsRefusedWithJSONAndStoresNothing() async throws {
        try await withTestApp(seedHomes: 10) { app in
            _ = try await ArrearsTests.lease(app, number: "9-2-0001")
            let key = try await Self.makeKey(app)
            for authorization in [nil, "Bearer almen_wrong", "Basic \(key)", key] {
                let (status, body) = try await Self.post(app, Self.file, authorization: authorization)
                #expect(status == .unauthorized)
                #expect((body["error"] as? [String: Any])?["code"] as? String == "unauthorized")
            }
            // Revoked on the page: refused at once.
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let token = try #require(try await APIToken.query(on: app.db).first())
            // Without the tick nothing happens; with it the key stops at once.
            let revoke = SiteRoute.apiTokenRevoke(try token.requireID()).path
            _ = try await CaseDeadlinesTests.post(app, revoke, [], as: admin)
            #expect(try await APIToken.find(token.id, on: app.db)?.revokedAt == nil)
            let (revoked, _) = try await CaseDeadlinesTests.post(app, revoke, [("confirm", "ja")], as: admin)
            #expect(revoked == .seeOther)
            #expect(try await Self.post(app, Self.file, authorization: "Bearer \(key)").0 == .unauthorized)
            let (_, page) = try await CaseDeadlinesTests.get(app, SiteRoute.apiTokens.path, as: admin)
            #expect(page.contains("Spærret"))
            #expect(try await LedgerEntryCount.of(app) == 0)
            // After ten wrong keys an address gets 429 for wrong ones; a valid key still works, so
            // nobody sharing the program's address can lock it out.
            let fresh = try await Self.makeKey(app, name: "Banken")
            for _ in 0..<10 { _ = try await Self.post(app, Self.file, authorization: "Bearer almen_guess") }
            #expect(try await Self.post(app, Self.file, authorization: "Bearer almen_guess").0 == .tooManyRequests)
            #expect(try await Self.post(app, Self.file, authorization: "bearer \(fresh)").0 == .ok)
        }
    }

    @Test func onlyAdministratorsMakeKeysWithANameAtTheField() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            let caseworker = try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app)
            let staff = try await PageSessions.signIn(staff: caseworker, on: app)
            #expect(
                try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.apiTokens.path,
                    [("name", "X"), ("token", UUID().uuidString)],
                    as: staff
                ).0
                    == .forbidden
            )
            #expect(try await APIToken.query(on: app.db).count() == 0)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let (status, page) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.apiTokens.path,
                [("name", " "), ("token", UUID().uuidString)],
                as: admin
            )
            #expect(status == .unprocessableEntity)
            #expect(page.contains(#"id="name-error">Skriv, hvad nøglen skal bruges til."#))
            #expect(try await APIToken.query(on: app.db).count() == 0)
        }
    }

    @Test func theKeysPageOnTwentyFiveAtATime() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let admin = try await CaseDeadlinesTests.administrator(app)
            for index in 0..<26 {
                try await APIToken(
                    id: UUID(),
                    name: "Nøgle \(index)",
                    scope: .ledger,
                    token: "almen_\(index)",
                    submissionToken: UUID().uuidString,
                    createdBy: admin,
                    at: testNow.addingTimeInterval(Double(index))
                ).create(on: app.db)
            }
            let token = try await PageSessions.signIn(staff: admin, on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.apiTokens.path, as: token).1
            // Newest first: the oldest is on the next page.
            #expect(first.contains("Nøgle 25") && first.contains("Nøgle 1<") && !first.contains("Nøgle 0<"))
            let next = try #require(first.firstMatch(of: /href="(\/admin\/api-noegler\?foer=[0-9a-f-]+)"/)).1
            let second = try await CaseDeadlinesTests.get(app, String(next), as: token).1
            #expect(second.contains("Nøgle 0<") && !second.contains("Nøgle 1<"))
        }
    }
}

/// Lines in the leases' accounts that came from the demo's test numbers.
enum LedgerEntryCount {
    static func of(_ app: Application) async throws -> Int {
        try await app.db.sql().raw(
            "SELECT COUNT(*) AS n FROM ledger_entries WHERE external_id LIKE 'K-%'"
        ).first(decoding: APITokenTests.Count.self)?.n ?? -1
    }
}
