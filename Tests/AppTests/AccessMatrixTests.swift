import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Every route with every kind of visitor: nobody reaches a record outside their scope, whether
/// by following links or by changing an id in the URL (a 404, never a leak).
@Suite("Access matrix")
struct AccessMatrixTests {
    enum Visitor: String, CaseIterable, Sendable {
        case anonymous, resident, otherResident, otherParty, staff, administrator
    }

    /// What a visitor gets: the status, and for 200 a text that proves it is the right page.
    struct Expectation {
        let status: Int
        let contains: String?
    }

    @Test func everyRouteWithEveryVisitor() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browsers = Dictionary(
                uniqueKeysWithValues: Visitor.allCases.map { ($0, TestBrowser(base: app.almenConfig.publicBaseURL)) }
            )
            defer { Task { for browser in browsers.values { try? await browser.shutdown() } } }
            let residentID = try await LoginFlowTests.logIn(browsers[.resident]!)
            let otherID = try await LoginFlowTests.logIn(browsers[.otherResident]!, role: "Medlejer")
            let caseworkerID = try await LoginFlowTests.logIn(
                browsers[.staff]!,
                audience: .staff,
                role: "Sagsbehandler"
            )
            _ = try await LoginFlowTests.logIn(browsers[.administrator]!, audience: .staff, role: "Administrator")
            // A sub-tenant who is other party to one case (the demo's sub-letting case).
            let demoCaseNumber = try #require(try await DemoCases.seed(app: app))
            let demoCase = try #require(
                try await CaseFile.query(on: app.db).filter(\.$number == demoCaseNumber).first()
            ).requireID()
            let otherPartyID = try await LoginFlowTests.logIn(browsers[.otherParty]!, role: "Anden part")
            let residentInDemoCase =
                try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == demoCase)
                .filter(\.$person.$id == UUID(uuidString: residentID)!).count() > 0
            let partyLetter = try #require(
                try await Letter.query(on: app.db).filter(\.$recipient.$id == UUID(uuidString: otherPartyID)!).first()
            ).requireID()
            #expect(residentID != otherID)
            let ownLease = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$person.$id == UUID(uuidString: residentID)!).first()
            ).$lease.id
            let otherLease = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$person.$id == UUID(uuidString: otherID)!).first()
            ).$lease.id
            #expect(ownLease != otherLease)
            let letters = app.letters()
            let ownLetter = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: UUID(uuidString: residentID)!, lease: ownLease),
                createdBy: nil
            ).requireID()
            let otherLetter = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: UUID(uuidString: otherID)!, lease: otherLease),
                createdBy: nil
            ).requireID()
            let unconnected = try await LettersTests.disconnectedTenant(app)
            try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: unconnected.person, lease: unconnected.lease),
                createdBy: nil
            )
            let batchRecord = try #require(try await app.printBatches().create(createdBy: nil, scope: .all).first)
            let batch = try batchRecord.requireID()
            let organisation = try await RegisterLookups.organisation(ofLease: ownLease, on: app.db)
            // The caseworker is assigned the resident's organisation only: another organisation's
            // letter, run or print batch is a 404 to them, as if it did not exist.
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == UUID(uuidString: caseworkerID)!).delete()
            try await StaffAssignment(
                id: UUID(),
                staffID: UUID(uuidString: caseworkerID)!,
                organisationID: organisation
            ).create(on: app.db)
            let foreignTenancy = try #require(
                try await LeaseTenant.query(on: app.db)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                    .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
                    .filter(Department.self, \.$organisation.$id != organisation).first()
            )
            let foreignLetter = try await letters.send(
                try await letters.prepare(
                    GeneralLetter.demo,
                    to: foreignTenancy.$person.id,
                    lease: foreignTenancy.$lease.id
                ),
                createdBy: nil
            ).requireID()
            let foreignRun = try await app.bulkLetters().create(
                organisationID: try await RegisterLookups.organisation(ofLease: foreignTenancy.$lease.id, on: app.db),
                departmentIDs: [],
                content: .general(subject: "Fællesmøde", paragraphs: ["Tekst"]),
                createdBy: nil
            ).requireID()
            let otherInScope = try await RegisterLookups.organisation(ofLease: otherLease, on: app.db) == organisation
            let batchInScope = batchRecord.$organisation.id == organisation
            let run = try await app.bulkLetters().create(
                organisationID: organisation,
                departmentIDs: [],
                content: .general(subject: "Fællesmøde", paragraphs: ["Tekst"]),
                createdBy: nil
            ).requireID()

            // A message from a resident to the caseworker's organisation, and one to another.
            let memo = try Data(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("MeMoTests/Fixtures/memo/1.2/MeMo_Full_Example.xml")
            )
            var mail: [UUID] = []
            for target in [
                organisation, try await RegisterLookups.organisation(ofLease: foreignTenancy.$lease.id, on: app.db),
            ] {
                let message = IncomingMessage(
                    id: UUID(),
                    messageUUID: UUID().uuidString,
                    receivedAt: Date(),
                    channel: "pull",
                    xml: memo
                )
                message.label = "Spørgsmål om vaskeriet"
                message.$organisation.id = target
                try await message.create(on: app.db)
                mail.append(try message.requireID())
            }

            let ownCase = try await app.cases.open(
                .general,
                title: "Egen sag",
                organisationID: organisation,
                leaseID: ownLease,
                openedBy: nil
            ).requireID()
            let foreignCase = try await app.cases.open(
                .general,
                title: "Fremmed sag",
                organisationID: try await RegisterLookups.organisation(ofLease: foreignTenancy.$lease.id, on: app.db),
                leaseID: foreignTenancy.$lease.id,
                openedBy: nil
            ).requireID()
            // Each with a sub-letting notice's signed agreement.
            for (caseID, lease, person) in [
                (ownCase, ownLease, UUID(uuidString: residentID)!),
                (foreignCase, foreignTenancy.$lease.id, foreignTenancy.$person.id),
            ] {
                let request = SublettingRequest()
                request.id = UUID()
                request.leaseID = lease
                request.filedBy = person
                request.caseID = caseID
                request.status = .sent
                request.letRooms = 1
                request.occupants = 2
                request.startDate = "2027-01-01"
                request.subtenants = "Ole Olsen"
                request.agreement = HomeStartPageTests.pdf
                request.agreementType = "application/pdf"
                request.kind = .whole
                request.endDate = "2027-12-31"
                request.absenceReason = .study
                request.absenceText = "Studier i Lund"
                request.rentOre = 400_000
                request.documentation = HomeStartPageTests.pdf
                request.documentationType = "application/pdf"
                request.updatedAt = Date()
                try await request.create(on: app.db)
                try await CaseAttachment(
                    id: UUID(),
                    caseID: caseID,
                    contentType: "image/jpeg",
                    data: FaultReportTests.jpeg,
                    position: 1,
                    now: Date()
                ).create(on: app.db)
            }

            // Help articles: the starting set, one of the caseworker's organisation and one of another.
            let help = HelpLibrary(database: app.db, dependencies: app.dependencies)
            try await help.installStartingSet()
            let ownArticle = try await help.create(
                scope: .organisation(organisation),
                slug: "vaskeri",
                text: HelpTests.text(title: "Vaskeriets tider", body: "Tekst"),
                by: nil
            ).requireID()
            let foreignArticle = try await help.create(
                scope: .organisation(
                    try await RegisterLookups.organisation(ofLease: foreignTenancy.$lease.id, on: app.db)
                ),
                slug: "vaskeri",
                text: HelpTests.text(title: "Fremmed vaskeri", body: "Tekst"),
                by: nil
            ).requireID()

            // A document of the resident's department, for its residents.
            let ownDepartment = try #require(
                try await MyHomePage.homes(of: UUID(uuidString: residentID)!, on: app.db).first
            ).department_id
            let document = DepartmentDocument(
                id: UUID(),
                departmentID: ownDepartment,
                organisationID: organisation,
                title: "Husorden",
                kind: .houseRules,
                documentDate: "2026-11-01",
                visibility: .residents,
                pdf: HomeStartPageTests.pdf,
                uploadedBy: nil,
                now: Date()
            )
            try await document.create(on: app.db)
            let livesThere = { (person: String) async throws -> Bool in
                try await MyHomePage.homes(of: UUID(uuidString: person)!, on: app.db)
                    .contains { $0.department_id == ownDepartment }
            }
            let otherLivesThere = try await livesThere(otherID)
            let otherPartyLivesThere = try await livesThere(otherPartyID)

            let ok = { (text: String) in Expectation(status: 200, contains: text) }
            let toLogin = Expectation(status: 303, contains: nil)
            let notFound = Expectation(status: 404, contains: nil)
            let downloads = Expectation(status: 200, contains: nil)
            let unauthorized = Expectation(status: 401, contains: nil)
            let forbidden = Expectation(status: 403, contains: nil)
            let caseworkerSees = { (inScope: Bool, text: String) in inScope ? ok(text) : notFound }
            let onBoard = { (person: String) async throws -> Bool in
                try await BoardMembership.query(on: app.db).filter(\.$person.$id == UUID(uuidString: person)!).filter(
                    \.$board == .organisation
                )
                .filter(\.$termStartISO <= "2026-11-22").filter(\.$termEndISO >= "2026-11-22").count() > 0
            }
            let onDepartmentBoard = { (person: String) async throws -> Bool in
                try await !BoardDocumentsController.SeatsQuery(personID: UUID(uuidString: person)!, today: "2026-11-22")
                    .all(on: app.db).isEmpty
            }
            let boardUpload = { (person: String) async throws -> Expectation in
                try await onDepartmentBoard(person) ? ok("Læg dokumenter op for afdelingen") : forbidden
            }
            let boardWorkspace = { (person: String) async throws -> Expectation in
                try await onDepartmentBoard(person) ? ok("Afdelingsbestyrelsens arbejdsrum") : forbidden
            }
            let residentOnBoard = try await onBoard(residentID)
            let otherOnBoard = try await onBoard(otherID)
            let matrix: [(String, [Visitor: Expectation])] = [
                (
                    SiteRoute.home.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Boligorganisationer")) })
                ),
                (
                    SiteRoute.organisation(organisation).path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Afdeling 1")) })
                ),
                (
                    SiteRoute.organisation(UUID()).path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, notFound) })
                ),
                (
                    SiteRoute.terminationCalculator.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Hvornår kan jeg fraflytte?")) })
                ),
                (SiteRoute.healthLive.path, Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("ok")) })),
                (SiteRoute.healthReady.path, Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("ok")) })),
                (
                    SiteRoute.login.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Log ind med MitID")) })
                ),
                (
                    SiteRoute.localLogin.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Engangskode")) })
                ),
                (
                    SiteRoute.api(.rulesHolidays).path + "?year=2026",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Påskedag")) })
                ),
                (
                    SiteRoute.api(.rulesTermination).path + "?received=2026-01-05",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("endDate")) })
                ),
                (
                    SiteRoute.api(.rulesPaakrav).path + "?due=2026-01-05",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("earliestPaakravDate")) })
                ),
                (
                    SiteRoute.api(.rulesSubletRooms).path + "?rooms=4&letRooms=2&occupants=4",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("maxRoomsLet")) })
                ),
                (
                    SiteRoute.api(.rulesSubletWhole).path
                        + "?applied=2026-12-03&start=2027-01-01&end=2027-06-30&reason=study&rooms=3&persons=2&rent=5000&tenantRent=5808",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("latestEndDate")) })
                ),
                (
                    SiteRoute.api(.rulesSwap).path + "?movedIn=2020-01-01&applied=2026-12-03&rooms=3&persons=3",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("threeYearsOn")) })
                ),
                (
                    SiteRoute.api(.rulesSettlement).path
                        + "?movedIn=2020-10-01&movedOut=2026-10-01&deposit=15000&repairs=10000&consumptionPending=true",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("11200.00")) })
                ),
                (
                    SiteRoute.api(.rulesBankDays).path + "?from=2026-12-24&add=1",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("2026-12-28")) })
                ),
                (
                    SiteRoute.api(.rulesCaseDeadlines).path + "?kind=termination&opened=2026-12-03",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("2026-12-10")) })
                ),
                (
                    SiteRoute.api(.rulesComplaint).path + "?received=2026-11-27",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("2026-12-02")) })
                ),
                (
                    SiteRoute.api(.rulesMeeting).path + "?date=2026-12-22",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("2026-11-24")) })
                ),
                (
                    SiteRoute.api(.rulesMinutes).path + "?meeting=2026-12-22",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("2027-02-02")) })
                ),
                (
                    SiteRoute.api(.rulesExtraordinary).path + "?households=113&requests=29",
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok(#""required":true"#)) })
                ),
                (
                    SiteRoute.api(.me).path,
                    [
                        .anonymous: unauthorized, .resident: ok(residentID), .otherResident: ok(otherID),
                        .otherParty: ok(#""other_party""#), .staff: ok(#""kind":"staff""#),
                        .administrator: ok(#""administrator""#),
                    ]
                ),
                (
                    SiteRoute.myHome.path,
                    [
                        .anonymous: toLogin, .resident: ok("Mit hjem"), .otherResident: ok("Mit hjem"),
                        .otherParty: ok("Dine åbne sager"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLease(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Dit lejemål"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLease(otherLease).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: ok("Dit lejemål"),
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myAccount(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Husleje og indbetalinger"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myTermination(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Opsig dit lejemål"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myTermination(otherLease).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: ok("Opsig dit lejemål"),
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLease(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    "/mit-hjem/lejemaal/not-a-uuid",
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myAuditTrail.path,
                    [
                        .anonymous: toLogin, .resident: ok("Hvem har set mine oplysninger"),
                        .otherResident: ok("Hvem har set mine oplysninger"),
                        .otherParty: ok("Hvem har set mine oplysninger"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myData.path,
                    [
                        .anonymous: toLogin, .resident: ok("Få en kopi af dine oplysninger"),
                        .otherResident: ok("Få en kopi af dine oplysninger"), .otherParty: ok("Mine oplysninger"),
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myConsents.path,
                    [
                        .anonymous: toLogin, .resident: ok("Billeder af mig"), .otherResident: ok("Billeder af mig"),
                        .otherParty: ok("Billeder af mig"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    // Nobody's copy: gone, as a copy already downloaded.
                    SiteRoute.myDataExportFile(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: Expectation(status: 410, contains: "Kopien er allerede hentet"),
                        .otherResident: Expectation(status: 410, contains: nil),
                        .otherParty: Expectation(status: 410, contains: nil), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.api(.meData).path,
                    [
                        .anonymous: unauthorized, .resident: ok(residentID.uppercased()),
                        .otherResident: ok(otherID.uppercased()), .otherParty: ok("almen.personal-data/1"),
                        .staff: unauthorized, .administrator: unauthorized,
                    ]
                ),
                (
                    SiteRoute.consentKinds.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Billeder af mig"), .administrator: ok("Nyt samtykke"),
                    ]
                ),
                (
                    SiteRoute.myPowers.path,
                    [
                        .anonymous: toLogin, .resident: ok("Fuldmagter du har givet"),
                        .otherResident: ok("Fuldmagter du har givet"), .otherParty: ok("Fuldmagter du har fået"),
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.guardians.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Registrér en værge"),
                    ]
                ),
                (
                    SiteRoute.guardianEnd(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.staffEstateNotices.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Adresse eller lejerens navn"), .administrator: ok("Adresse eller lejerens navn"),
                    ]
                ),
                (
                    // No such case: nobody learns whether it exists.
                    SiteRoute.staffSwapLandlordLetter(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    // No such case: nobody learns whether it exists.
                    SiteRoute.staffCaseSettlement(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    // No such lease: nobody learns whether it exists.
                    SiteRoute.staffCoTenantDeath(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    // No such lease: nobody learns whether it exists.
                    SiteRoute.staffEstateNotice(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.apiTokens.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Lav en nøgle"),
                    ]
                ),
                (
                    SiteRoute.processingRecords.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Fortegnelse over behandlinger"),
                    ]
                ),
                (
                    SiteRoute.processingRecord(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.retention.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Opbevaring og sletning"),
                    ]
                ),
                (
                    SiteRoute.consentKind(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.healthDigitalPost.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("status")) })
                ),
                // On loopback outside production, whoever is signed in; elsewhere not found, or a
                // token (MetricsTests).
                (
                    SiteRoute.metrics.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("almen_jobs")) })
                ),
                (
                    SiteRoute.incomingMail.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Indkommende Digital Post"), .administrator: ok("Indkommende Digital Post"),
                    ]
                ),
                (
                    SiteRoute.incomingMessage(mail[0]).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Spørgsmål om vaskeriet"), .administrator: ok("Spørgsmål om vaskeriet"),
                    ]
                ),
                (
                    SiteRoute.incomingFile(mail[0], 1).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: downloads, .administrator: downloads,
                    ]
                ),
                (
                    SiteRoute.incomingMessage(mail[1]).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Spørgsmål om vaskeriet"),
                    ]
                ),
                (
                    SiteRoute.incomingFile(mail[1], 1).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: downloads,
                    ]
                ),
                (
                    SiteRoute.administration.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Baggrundsjob"),
                    ]
                ),
                (
                    SiteRoute.auditLog.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Revisionsspor"),
                    ]
                ),
                (
                    SiteRoute.boardResidents.path,
                    [
                        .anonymous: toLogin,
                        .resident: residentOnBoard ? ok("Beboere i boligorganisationen") : forbidden,
                        .otherResident: otherOnBoard ? ok("Beboere i boligorganisationen") : forbidden,
                        .otherParty: forbidden, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLetters.path,
                    [
                        .anonymous: toLogin, .resident: ok("Mine breve"), .otherResident: ok("Mine breve"),
                        .otherParty: ok("Mine breve"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLetterPDF(ownLetter).path,
                    [
                        .anonymous: toLogin, .resident: ok("%PDF-"), .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLetterPDF(otherLetter).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: ok("%PDF-"), .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    "/mit-hjem/breve/not-a-uuid/pdf",
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.letters.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Varsel om vandafbrydelse"), .administrator: ok("Varsel om vandafbrydelse"),
                    ]
                ),
                (
                    SiteRoute.letter(ownLetter).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Hvorfor denne kanal"), .administrator: ok("Hvorfor denne kanal"),
                    ]
                ),
                (
                    SiteRoute.letter(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.letterPDF(otherLetter).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: caseworkerSees(otherInScope, "%PDF-"), .administrator: ok("%PDF-"),
                    ]
                ),
                (
                    SiteRoute.letter(foreignLetter).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Hvorfor denne kanal"),
                    ]
                ),
                (
                    SiteRoute.letterPDF(foreignLetter).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("%PDF-"),
                    ]
                ),
                (
                    SiteRoute.printBatches.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Fysiske breve til udskrivning"), .administrator: ok("Printbunke"),
                    ]
                ),
                (
                    SiteRoute.printBatchPDF(batch).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: caseworkerSees(batchInScope, "%PDF-"), .administrator: ok("%PDF-"),
                    ]
                ),
                (
                    SiteRoute.printBatchPDF(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.printBatchManifest(batch).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: caseworkerSees(batchInScope, "sequence,reference"),
                        .administrator: ok("sequence,reference"),
                    ]
                ),
                (
                    SiteRoute.bulkLetters.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Masseudsendelse af breve"), .administrator: ok("Masseudsendelse af breve"),
                    ]
                ),
                (
                    SiteRoute.bulkRun(run).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Antal pr. kanal"), .administrator: ok("Antal pr. kanal"),
                    ]
                ),
                (
                    SiteRoute.bulkRun(foreignRun).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Antal pr. kanal"),
                    ]
                ),
                (
                    SiteRoute.bulkRun(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.bulkRunPreview(run).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("%PDF-"), .administrator: ok("%PDF-"),
                    ]
                ),
                (
                    SiteRoute.bulkRunStatus(run).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok(#""status":"draft""#), .administrator: ok(#""status":"draft""#),
                    ]
                ),
                (
                    SiteRoute.letterTemplates.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Brevskabeloner"),
                    ]
                ),
                (
                    SiteRoute.letterTemplate(organisation, .paakrav).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("almenlejelovens § 90"),
                    ]
                ),
                (
                    "/admin/skabeloner/\(organisation.uuidString)/ukendt",
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.letterTemplate(UUID(), .general).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.connections.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Digital Post-forbindelser"),
                    ]
                ),
                (
                    SiteRoute.connection(organisation).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("System-API-token"),
                    ]
                ),
                (
                    SiteRoute.connection(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.organisationLogo(organisation).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.staffCases.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Egen sag"), .administrator: ok("Fremmed sag"),
                    ]
                ),
                (
                    SiteRoute.staffCase(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Parter"), .administrator: ok("Parter"),
                    ]
                ),
                (
                    SiteRoute.staffCase(foreignCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Fremmed sag"),
                    ]
                ),
                (
                    SiteRoute.staffCase(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.myCases.path,
                    [
                        .anonymous: toLogin, .resident: ok("Egen sag"), .otherResident: ok("Mine sager"),
                        .otherParty: ok(demoCaseNumber), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myCase(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: ok("Egen sag"), .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySublettingAgreement(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: ok("%PDF"), .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySublettingDocumentation(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: ok("%PDF"), .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.staffSublettingDocumentation(foreignCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("%PDF"),
                    ]
                ),
                (
                    SiteRoute.myWholeSubletting(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Fremlej hele din bolig"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySignCode.path,
                    [
                        .anonymous: toLogin, .resident: ok("Skriv under med en kode"),
                        .otherResident: ok("Skriv under med en kode"),
                        .otherParty: ok("Skriv under med en kode"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySwap(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Byt bolig"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySwapSign(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.mySubtenantSign(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.staffSublettingAgreement(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("%PDF"), .administrator: ok("%PDF"),
                    ]
                ),
                (
                    SiteRoute.staffSublettingAgreement(foreignCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("%PDF"),
                    ]
                ),
                (
                    SiteRoute.myFaultReport(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Meld en fejl"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myMeetings.path,
                    [
                        .anonymous: toLogin, .resident: ok("Beboerdemokrati"), .otherResident: ok("Beboerdemokrati"),
                        .otherParty: ok("Beboerdemokrati"), .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myMeeting(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myMeetingMinutes(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.meetings.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Indkald til møde"), .administrator: ok("Indkald til møde"),
                    ]
                ),
                (
                    SiteRoute.meetingNew.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Afdelingens nummer"), .administrator: ok("Afdelingens nummer"),
                    ]
                ),
                (
                    SiteRoute.meeting(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.boards.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Bestyrelser og valg"), .administrator: ok("Bestyrelser og valg"),
                    ]
                ),
                (
                    SiteRoute.departmentBoardElection(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.organisationBoardElection(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.meetingMinutesPreview(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.complaintDashboard.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Naboklager"), .administrator: ok("Naboklager"),
                    ]
                ),
                (
                    SiteRoute.staffComplaintBundle(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.staffComplaintOriginals(ownCase).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.myCosign(String(repeating: "x", count: 43)).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myComplaint(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Klag over en nabo"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myCaseAttachment(ownCase, 1).path,
                    [
                        .anonymous: toLogin, .resident: ok("JFIF"), .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.staffCaseAttachment(foreignCase, 1).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("JFIF"),
                    ]
                ),
                (
                    SiteRoute.mySubletting(ownLease).path,
                    [
                        .anonymous: toLogin, .resident: ok("Fremlej en del af din bolig"), .otherResident: notFound,
                        .otherParty: notFound, .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myCase(foreignCase).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myCase(demoCase).path,
                    [
                        .anonymous: toLogin, .resident: residentInDemoCase ? ok("Fremleje") : notFound,
                        .otherResident: notFound, .otherParty: ok("anden part"), .staff: toLogin,
                        .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.myLetterPDF(partyLetter).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: ok("%PDF-"),
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.activation.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Aktivér din adgang")) })
                ),
                (
                    SiteRoute.activationAdmin.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Lejere uden CPR-nummer"), .administrator: ok("Lejere uden CPR-nummer"),
                    ]
                ),
                (
                    SiteRoute.staffMembers.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Medarbejdere"),
                    ]
                ),
                (
                    SiteRoute.staffMember(UUID(uuidString: caseworkerID)!).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Gem tildelinger"),
                    ]
                ),
                (
                    SiteRoute.staffMember(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.responseTargets.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Svarfrister"),
                    ]
                ),
                (
                    SiteRoute.staffSettings.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Påmindelser på e-mail"), .administrator: ok("Påmindelser på e-mail"),
                    ]
                ),
                (
                    SiteRoute.arrears.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Åbne restancesager"), .administrator: ok("Påkravsgebyr"),
                    ]
                ),
                (
                    SiteRoute.arrearsPreview(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.municipalityNotice(UUID(), UUID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: notFound,
                    ]
                ),
                (
                    SiteRoute.arrearsSettings.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Gennemses først"),
                    ]
                ),
                (
                    SiteRoute.complaintSettings.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("3 måneder"),
                    ]
                ),
                (
                    SiteRoute.paakravFees.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("314,00 kr."),
                    ]
                ),
                (
                    SiteRoute.municipalities.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Borgerservice, Rådhuset"),
                    ]
                ),
                (
                    SiteRoute.jobs.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: forbidden, .administrator: ok("Baggrundsjob"),
                    ]
                ),
                (
                    SiteRoute.help.path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, ok("Hjælp og vejledning")) })
                ),
                (
                    SiteRoute.helpArticle("opsigelse").path,
                    Dictionary(
                        uniqueKeysWithValues: Visitor.allCases.map { ($0, ok(SiteRoute.terminationCalculator.path)) }
                    )
                ),
                (
                    SiteRoute.helpArticle("findes-ikke").path,
                    Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, notFound) })
                ),
                (
                    SiteRoute.staffHelp.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Vaskeriets tider"), .administrator: ok("Hjælpeartikler"),
                    ]
                ),
                (
                    SiteRoute.staffHelpNew.path(query: [("organisation", organisation.uuidString)]),
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Ny artikel"), .administrator: ok("Ny artikel"),
                    ]
                ),
                (
                    SiteRoute.staffHelpArticle(ownArticle).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Vaskeriets tider"), .administrator: ok("Vaskeriets tider"),
                    ]
                ),
                (
                    SiteRoute.staffHelpArticle(foreignArticle).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Fremmed vaskeri"),
                    ]
                ),
                (
                    SiteRoute.departmentDocuments.path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Afdelingsdokumenter"), .administrator: ok("Afdelingsdokumenter"),
                    ]
                ),
                (
                    SiteRoute.departmentDocumentFile(try document.requireID()).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: downloads, .administrator: downloads,
                    ]
                ),
                (
                    SiteRoute.myDocument(try document.requireID()).path,
                    [
                        .anonymous: toLogin, .resident: downloads,
                        .otherResident: otherLivesThere ? downloads : notFound,
                        .otherParty: otherPartyLivesThere ? downloads : notFound, .staff: toLogin,
                        .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.boardWorkspace.path,
                    [
                        .anonymous: toLogin, .resident: try await boardWorkspace(residentID),
                        .otherResident: try await boardWorkspace(otherID),
                        .otherParty: try await boardWorkspace(otherPartyID),
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.boardDocuments.path,
                    [
                        .anonymous: toLogin, .resident: try await boardUpload(residentID),
                        .otherResident: try await boardUpload(otherID),
                        .otherParty: try await boardUpload(otherPartyID),
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.departmentContact(ownDepartment).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: ok("Kontaktoplysninger"), .administrator: ok("Kontaktoplysninger"),
                    ]
                ),
                (
                    SiteRoute.departmentContact(
                        try #require(
                            try await app.registerSummary.organisations(on: app.db)
                                .first { $0.id != organisation }?.departments.first
                        ).id
                    ).path,
                    [
                        .anonymous: toLogin, .resident: toLogin, .otherResident: toLogin, .otherParty: toLogin,
                        .staff: notFound, .administrator: ok("Kontaktoplysninger"),
                    ]
                ),
                (
                    SiteRoute.myDocument(UUID()).path,
                    [
                        .anonymous: toLogin, .resident: notFound, .otherResident: notFound, .otherParty: notFound,
                        .staff: toLogin, .administrator: toLogin,
                    ]
                ),
                (
                    SiteRoute.loginStart(.resident).path,
                    Dictionary(
                        uniqueKeysWithValues: Visitor.allCases.map { ($0, Expectation(status: 303, contains: nil)) }
                    )
                ),
                ("/log-ind/ukendt", Dictionary(uniqueKeysWithValues: Visitor.allCases.map { ($0, notFound) })),
            ]

            for (path, expectations) in matrix {
                for visitor in Visitor.allCases {
                    let expected = try #require(expectations[visitor], "\(path) has no row for \(visitor)")
                    let page = try await browsers[visitor]!.get(path)
                    #expect(page.status == expected.status, "\(visitor) GET \(path)")
                    if let text = expected.contains {
                        #expect(page.body.contains(text), "\(visitor) GET \(path)")
                    }
                }
            }

            // Every GET route the app registers is in the matrix (or is the sandbox's, or a
            // callback tested in LoginFlowTests).
            let covered = Set(matrix.map { String($0.0.prefix { $0 != "?" }) })
            for route in app.routes.all where route.method == .GET {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                if pattern.hasPrefix("/sandbox/") || pattern.hasSuffix("/retur") { continue }
                let matches = covered.contains { path in
                    let parts = path.split(separator: "/")
                    return parts.count == route.path.count
                        && zip(parts, route.path).allSatisfy { part, component in
                            if case .constant(let text) = component { return text == part }
                            return true
                        }
                }
                #expect(matches, "GET \(pattern) is not in the access matrix")
            }
        }
    }
}
