import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The back office's and the resident's list pages read through loaders that take ids and
/// values, not a request (issue: Fast pages, "testable without HTTP"): each reads the rows of
/// its ids and scope, and nothing for an unknown id or outside the scope.
@Suite("Pages' loaders")
struct AdminPageLoaderTests {
    @Test func guardiansAreFoundByNameAndState() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let person = try #require(try await Person.find(mine.person_id, on: app.db))
            _ = try await app.powersOfAttorney.grant(
                by: mine.person_id,
                helperName: "Vera Værge",
                kind: .guardian,
                mayFile: true,
                from: LocalDate(year: 2026, month: 1, day: 1)!,
                to: nil
            )
            let sql = try #require(app.db as? any SQLDatabase)
            let load = { (search: String, named: String?, state: GuardiansController.GuardianState?) in
                try await GuardiansController.Page.load(
                    .init(search: search, named: named, state: state, cursor: nil),
                    on: sql
                )
            }
            let waiting = try await load("", "Vera", .waiting)
            #expect(waiting.found.isEmpty)
            #expect(waiting.guardians.map(\.given_name) == [person.givenName])
            #expect(try await load("", person.fullName, nil).guardians.count == 1)
            #expect(try await load("", "Vera", .ended).guardians.isEmpty)
            #expect(try await load("", "Ingen Sådan", nil).guardians.isEmpty)
            // A resident to register a guardian for, by name.
            #expect(try await load(person.fullName, nil, nil).found.map(\.id).contains(mine.person_id))
        }
    }

    @Test func aKindsPeopleAreTheScopesOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            try await Consents(database: app.db, dependencies: app.dependencies)
                .give(ConsentKind.photos, person: mine.person_id, language: .da, how: .portal)
            let kind = try #require(
                try await ConsentKind.query(on: app.db).filter(\.$code == ConsentKind.photos).first()
            ).requireID()
            let load = { (id: UUID, scope: StaffScope) in
                try await ConsentKindsController.PeoplePage.load(id, scope: scope, search: "", after: nil, on: app.db)
            }
            let page = try #require(try await load(kind, .organisations([mine.organisation_id])))
            #expect(page.kind.code == ConsentKind.photos)
            #expect(page.rows.map(\.person_id) == [mine.person_id])
            #expect(try await load(kind, .organisations([UUID()]))?.rows.isEmpty == true)
            #expect(try await load(UUID(), .all) == nil)
        }
    }

    @Test func powersAreTheGrantorsAndTheHelpers() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, other) = try await SwapTests.tenancies(app)
            _ = try await app.powersOfAttorney.grant(
                by: mine.person_id,
                helperName: "Hanne Hjælper",
                kind: .fuldmagt,
                mayFile: false,
                from: LocalDate(year: 2026, month: 1, day: 1)!,
                to: LocalDate(year: 2027, month: 1, day: 1)!
            )
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(
                try await PowersController.Page.load(of: mine.person_id, on: sql).rows.map(\.helper_name) == [
                    "Hanne Hjælper"
                ]
            )
            #expect(try await PowersController.Page.load(of: other.person_id, on: sql).rows.isEmpty)
        }
    }

    @Test func arrearsAndDocumentsReadTheirScopeAndSayWhatIsMissing() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let arrears = { (scope: StaffScope, year: Int) in
                try await ArrearsController.Page.load(
                    scope,
                    aside: false,
                    organisation: nil,
                    search: nil,
                    after: nil,
                    year: year,
                    on: app.db
                )
            }
            // A proposal of the tenant's organisation: shown in its scope, not in another's.
            let proposal = ArrearsProposal()
            proposal.id = UUID()
            proposal.leaseID = mine.lease_id
            proposal.organisationID = mine.organisation_id
            proposal.proposedOn = "2026-11-23"
            proposal.arrearsOre = 580_800
            try await proposal.create(on: app.db)
            #expect(try await arrears(.organisations([mine.organisation_id]), 2026).rows.map(\.id) == [proposal.id])
            #expect(try await arrears(.organisations([UUID()]), 2026).rows.isEmpty)
            // The register knows 2026's fee (the seed enters it), not 1999's.
            #expect(try await arrears(.all, 1999).feeMissing)
            #expect(!(try await arrears(.all, 2026).feeMissing))
            // Documents: none for an organisation outside the staff's scope.
            let sql = try #require(app.db as? any SQLDatabase)
            let documents = { (scope: StaffScope) in
                try await DepartmentDocumentsController.Page.load(
                    organisation: mine.organisation_id,
                    scope: scope,
                    search: nil,
                    kind: nil,
                    after: nil,
                    on: sql
                )
            }
            let department = try #require(
                try await Department.query(on: app.db).filter(\.$organisation.$id == mine.organisation_id).first()
            ).requireID()
            let document = DepartmentDocument()
            document.id = UUID()
            document.departmentID = department
            document.organisationID = mine.organisation_id
            document.title = "Husorden 2026"
            document.kind = .houseRules
            document.documentDate = "2026-11-01"
            document.visibility = .residents
            document.pdf = Data("%PDF-1.4".utf8)
            document.byteCount = 8
            document.uploadedAt = testNow
            try await document.create(on: app.db)
            #expect(try await documents(.organisations([mine.organisation_id])).rows.map(\.title) == ["Husorden 2026"])
            #expect(try await documents(.organisations([UUID()])).rows.isEmpty)
            let contact = { (scope: StaffScope) in
                try await DepartmentContactController.EditPage.load(department, scope: scope, on: app.db)
            }
            #expect(try await contact(.organisations([mine.organisation_id]))?.department.id == department)
            #expect(try await contact(.organisations([UUID()])) == nil)
        }
    }

    @Test func theActivationFormFindsTheLoginWaitingByItsToken() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let token = PKCE.randomToken()
            try await PendingLink(
                id: UUID(),
                tokenHash: PKCE.hash(token),
                cprCiphertext: try app.cprVault.seal(try CPRNumber("0707077007")),
                cprLookupHash: app.cprVault.lookupHash(try CPRNumber("0707077007")),
                name: "Ole Udefra",
                authTime: app.dependencies.now(),
                now: app.dependencies.now()
            ).create(on: app.db)
            let now = app.dependencies.now()
            #expect(try await ActivationController.FormPage.load(token: token, on: app.db).live(at: now))
            #expect(
                !(try await ActivationController.FormPage.load(token: token, on: app.db)
                    .live(at: now.addingTimeInterval(PendingLink.lifetime + 1)))
            )
            #expect(try await ActivationController.FormPage.load(token: "andet", on: app.db).pending == nil)
            #expect(try await ActivationController.FormPage.load(token: nil, on: app.db).pending == nil)
        }
    }

    @Test func theSettlementsFormReadsWhatTheAccountOwedAtTheLeasesEnd() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (caseID, _, _) = try await SettlementTests.movedOut(app, ended: "2026-11-02")
            let sql = try #require(app.db as? any SQLDatabase)
            let first = try #require(try await SettlementPage.load(caseID, scope: .all, on: sql))
            #expect(first.owedAtEnd == nil)
            let lease = first.header.lease_id
            let end = LocalDate(year: 2026, month: 11, day: 2)!
            let before = try await LeaseAccount.ledger(of: lease, on: app.db).balance(at: end)
            try await LedgerLine(
                id: UUID(),
                leaseID: lease,
                entry: LedgerEntry(kind: .rent, date: end, amount: Money(kroner: 1_000), text: "Husleje"),
                source: .demo,
                externalID: UUID().uuidString,
                at: testNow
            ).create(on: app.db)
            let owed = try await SettlementPage.load(caseID, scope: .all, owedAtEnd: true, on: sql)?.owedAtEnd
            #expect(owed == before + Money(kroner: 1_000))
            #expect(try await SettlementPage.load(caseID, scope: .organisations([UUID()]), on: sql) == nil)
            #expect(try await SettlementPage.load(UUID(), scope: .all, on: sql) == nil)
        }
    }
}
