import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every main page runs the same, pinned number of statements over a register of 10 homes and of
/// 300 (issue: Fast pages): no statement per row, no count over the register per request. The
/// statements are counted from the SQL the request's own database logs, session included.
@Suite("Statements per page")
struct PageStatementTests {
    /// The pages and their pinned statement counts, after one warm-up request (which reads the
    /// cached demo flag and register summary once).
    static let pinned: [(page: String, statements: Int)] = [
        // Public pages read the cached register summary and demo flag: nothing per request.
        ("front", 0),
        ("organisation", 0),
        ("calculator", 0),
        ("help", 1),  // the articles of the reader's context
        ("helpSearch", 1),  // the index, joined to its hits
        ("helpArticle", 2),  // the article, the context's articles (topic, related)
        // Signed in: the session with the principal and roles is the first statement.
        // session, homes, and one for households, open cases, letters, documents, board and articles
        ("myHome", 3),
        ("lease", 3),  // session, lease with dwelling, occupants
        ("account", 3),  // session, the lease, its lines with the balance after each
        ("termination", 3),  // session, lease with dwelling, its tenants with the notice and signatures
        ("myLetters", 2),  // session, a page of letters
        ("myCases", 2),  // session, a page of cases
        ("helpResident", 3),  // session, the resident's department, the articles
        ("helpArticleResident", 5),  // session, department, article, the context's articles, the read counted
        // An administrator (a caseworker also reads their assignments: one more).
        ("staffCases", 4),  // session, a page of cases, who may take them, audit
        ("staffCase", 4),  // session, case, its parties with deadlines, who may take it and its history, audit
        ("letters", 4),  // session, failed count, a page of letters, audit
        // A caseworker's scope is their organisations: read once, with the session's statement
        // or after it, never per row.
        ("staffCasesCaseworker", 5),
        ("staffCaseCaseworker", 5),
        ("lettersCaseworker", 5),
        ("incomingMessage", 3),  // session, the message with sender, thread and case, audit
        ("administration", 1),  // session
        ("staffHelp", 2),  // session, the organisation's articles
        ("documents", 2),  // session, a page of the organisation's documents
        ("complaintForm", 3),  // session, lease, the department's other homes
        ("wholeSubletting", 3),  // session, lease, the form's facts (drafts, open cases, who lives there)
        ("subtenantCode", 2),  // session, the applications the resident has yet to sign (all in one)
        // session, the case with the party and details, history, answer times, the complaint, its
        // episodes (the complainant's own)
        ("myComplaint", 6),
        ("staffComplaint", 6),  // the case page's four, the complaint, its episodes
        ("complaintDashboard", 2),  // session, the counts per department
        ("myMeetings", 3),  // session, a page of meetings, the departments' requests
        // session, the meeting with the resident's lease and registration, proposals, ballots, documents
        ("myMeeting", 5),
        ("meetings", 4),  // session, a page of meetings, the departments' requests, their topics
        ("meeting", 5),  // session, the meeting, its proposals, its ballots, audit of the proposers
        // session, organisations, the organisation's board, every department with its board, audit
        ("boards", 5),
        // The other pages, each a fixed few whatever the register's size.
        ("subletting", 3),  // session, lease, the form's facts (drafts, open cases, who lives there)
        ("swap", 3),  // session, lease, the form's facts (the tenant's draft, an open swap case, the tenants)
        ("faultReport", 2),  // session, lease
        ("myCase", 4),  // session, the case with the resident's party and details, history, answer times
        ("myData", 6),
        ("myAuditTrail", 2),  // session, a page of the log
        ("myConsents", 4),
        ("myPowers", 2),
        ("incomingMail", 5),  // session, a page of mail, the contact points, freshness, audit
        ("printBatches", 3),
        ("bulkLetters", 3),
        ("letterTemplates", 3),  // session, each kind's newest own version, the logo (organisations cached)
        ("connections", 2),  // session, the organisations with their own connections
        ("auditLog", 2),  // session, a page of the log
        ("jobs", 3),
        ("arrears", 3),
        ("paakravFees", 2),
        ("municipalities", 2),  // session, the register with the departments' municipalities
        ("arrearsSettings", 2),
        ("complaintSettings", 2),
        // session, the run with its organisation and meeting, its departments, the recipients' channels
        ("bulkRun", 4),
        // Detail pages, each through its loader, pinned so that none grows with the register.
        // session, the seats' departments, meetings, accounts to approve, departments, requests
        ("boardWorkspace", 6),
        ("boardDocuments", 3),  // session, the seats' departments, their documents
        ("boardResidents", 4),  // session, the seat with its organisation, a page of residents, audit
        ("responseTargets", 2),
        ("staffSettings", 2),  // session, the member of staff
        ("staffMembers", 3),  // session, the members with their organisations, audit
        ("activationAdmin", 3),
        ("consentKinds", 3),
        ("guardians", 2),
        ("estateSearch", 4),
        ("estateNotice", 3),  // session, the lease with its people (one statement), audit
        ("coTenantDeath", 3),
        ("settlement", 4),
        ("apiTokens", 2),
        ("staffHelpArticle", 4),  // session, the article, its newest 50 versions (no text), the version shown
        ("processingRecords", 4),
        ("retention", 4),
        ("letter", 4),  // session, the letter with recipient, organisation, registration and batch, events, audit
        ("consentKind", 3),
        ("processingRecord", 2),
        ("connection", 3),
        ("staffMember", 3),  // session, the member, every organisation with whether they work for it
        ("departmentContact", 2),
        ("staffHelpNew", 1),
        ("staffHelpNewFrom", 2),  // session, the built-in article with its published version
        ("municipalitiesChosen", 2),  // the one chosen and the one saved are among the list's rows
        // A case's page with its påkrav: the general case's (the lease's account is read with its
        // parties; the municipality's notices only when there are some).
        ("staffArrearsCase", 4),
        ("myArrearsCase", 4),
        ("login", 0),  // signed out: nothing
        ("localLogin", 0),
        ("meetingNew", 2),
        ("letterTemplate", 5),  // session, the organisation, its own template or the built-in one, its versions
        ("departmentBoardElection", 2),  // session, the seats (the board's department is cached)
        ("organisationBoardElection", 2),
        ("guardianEnd", 2),  // session, the guardianship with the resident
        ("swapSign", 3),
        ("swapLandlordLetter", 3),  // session, the case, the application with both homes
        // session, the link with its case, the complaint, the neighbour's home there with whether
        // they signed, the episodes: five whatever the department's size
        ("cosign", 5),
        ("subtenantSign", 2),  // session, the application with the lease, the home and the case
        // A case's page with a card of its kind: a fixed few more than the general case's.
        ("staffSwapCase", 5),
        ("mySwapCase", 6),
        ("staffSublettingCase", 4),
        ("mySublettingCase", 5),
        ("activation", 1),  // the login waiting for its code (nobody is signed in)
    ]

    /// What a GET route may serve other than a page (matched at a path's start or end): JSON,
    /// redirects into a login and back, the sandbox.
    static let notPages: [String] = ["/sandbox/", "/api/", "/health/", "/metrics", "/retur", "/log-ind/start/"]

    /// GET routes that answer with a file or JSON, not a page.
    static let files: Set<String> = [
        "/admin/breve/:letterID/pdf", "/admin/dokumenter/:documentID", "/admin/logo/:organisationID",
        "/admin/masseudsendelse/:runID/forhaandsvisning", "/admin/masseudsendelse/:runID/status",
        "/admin/moeder/:meetingID/referat", "/admin/post/:messageID/fil/:file", "/admin/print/:batchID/manifest.csv",
        "/admin/print/:batchID/pdf", "/admin/restancer/:proposalID/udkast", "/admin/sager/:caseID/bilag/:position",
        "/admin/sager/:caseID/dokumentation", "/admin/sager/:caseID/fremlejeaftale",
        "/admin/sager/:caseID/kommune/:noticeID", "/admin/sager/:caseID/naboklage/bilag",
        "/admin/sager/:caseID/naboklage/sagsfremstilling", "/mit-hjem/breve/:letterID/pdf",
        "/mit-hjem/dokumenter/:documentID", "/mit-hjem/mine-data/kopi/:exportID", "/mit-hjem/moeder/:meetingID/referat",
        "/mit-hjem/sager/:caseID/bilag/:position", "/mit-hjem/sager/:caseID/dokumentation",
        "/mit-hjem/sager/:caseID/fremlejeaftale",
    ]

    /// Pages whose audit event is written by the page's own statement on PostgreSQL
    /// (`AuditedRead`): one statement fewer there than the count pinned above, which is SQLite's.
    static let auditedInStatement: Set<String> = [
        "staffCases", "staffCase", "staffCasesCaseworker", "staffCaseCaseworker", "staffComplaint",
        "staffArrearsCase", "staffSwapCase", "staffSublettingCase", "estateSearch", "estateNotice", "coTenantDeath",
    ]

    @Test func everyPageRunsTheSameStatementsAtAnySize() async throws {
        var counts: [Int: [String: Int]] = [:]
        for homes in [10, 300] {
            counts[homes] = try await statementsPerPage(homes: homes)
        }
        #expect(
            Set(counts[300]?.keys.map { $0 } ?? []) == Set(Self.pinned.map(\.page)),
            "every page measured is pinned"
        )
        for (page, pinned) in Self.pinned {
            let statements =
                pinned - (TestDatabase.postgresURL != nil && Self.auditedInStatement.contains(page) ? 1 : 0)
            #expect(
                counts[10]?[page] == counts[300]?[page],
                "\(page): \(counts[10]?[page] ?? -1) at 10 homes, \(counts[300]?[page] ?? -1) at 300"
            )
            #expect(
                counts[300]?[page] == statements,
                "\(page) runs \(counts[300]?[page] ?? -1) statements, pinned \(statements)"
            )
        }
    }

    /// The municipalities' list stops at `MunicipalitiesController.limit` rows; a municipality
    /// chosen and one just saved past it are read together, in one statement more.
    @Test func theMunicipalitiesPastTheListAreReadTogether() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let capture = StatementCapture()
            app.middleware.use(capture, at: .beginning)
            app.logger = capture.logger
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let staff = try await PageSessions.signIn(staff: administrator, on: app)
            let count = MunicipalitiesController.limit + 10
            for number in 1...count {
                try await OfficePageLoaderTests.municipality(
                    String(format: "Zzz %03d", number),
                    cvr: "1000\(1000 + number)",
                    on: app
                )
            }
            let path = SiteRoute.municipalities.path(query: [
                ("kommune", String(format: "Zzz %03d", count)), ("gemt", String(format: "Zzz %03d", count - 1)),
            ])
            let headers: HTTPHeaders = ["Cookie": "\(SessionCookie.session)=\(staff)"]
            try await app.testing().test(.GET, path, headers: headers) { res async throws in
                #expect(res.status == .ok)
            }
            capture.reset()
            try await app.testing().test(.GET, path, headers: headers) { res async throws in
                #expect(res.status == .ok)
                // The form holds the chosen one's CVR number; the notice names the one saved.
                #expect(res.body.string.contains("1000\(1000 + count)"))
                #expect(res.body.string.contains(String(format: "Zzz %03d", count - 1)))
            }
            // session, the list, the chosen and the saved together
            #expect(capture.statements == 3, "\(capture.lines)")
        }
    }

    private func statementsPerPage(homes: Int) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try await withTestApp(seedHomes: homes) { app in
            let capture = StatementCapture()
            app.middleware.use(capture, at: .beginning)
            // Services made from the application (`app.cases`) use its database and logger.
            app.logger = capture.logger
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let resident = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let staff = try await PageSessions.signIn(staff: administrator, on: app)
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            let caseworker = try await PageSessions.signIn(
                staff: try await CaseAssignmentTests.caseworker("Mette", of: organisation, on: app),
                on: app
            )
            let caseID = try await app.cases.open(
                .general,
                title: "Sag",
                organisationID: organisation,
                leaseID: tenancy.$lease.id,
                openedBy: nil
            ).requireID()
            let terminationCase = try await app.cases.open(
                .termination,
                title: "Opsigelse",
                organisationID: organisation,
                leaseID: tenancy.$lease.id,
                openedBy: nil
            ).requireID()
            let message = IncomingMessage(
                id: UUID(),
                messageUUID: UUID().uuidString,
                receivedAt: Date(),
                channel: "pull",
                xml: try Data(
                    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                        .appendingPathComponent("MeMoTests/Fixtures/memo/1.2/MeMo_Full_Example.xml")
                )
            )
            message.$organisation.id = organisation
            try await message.create(on: app.db)
            let help = HelpLibrary(database: app.db, dependencies: app.dependencies)
            try await help.installStartingSet()
            // An organisation's own article: the starting set's are the administration's.
            let ownArticle = try await help.create(
                scope: .organisation(organisation),
                slug: "vaskeri",
                text: HelpTests.text(title: "Vaskeriets tider", body: "Tekst"),
                by: nil
            ).requireID()
            let complaintNumber = try #require(try await DemoCases.seedComplaint(app: app))
            let complaintCase = try #require(
                try await CaseFile.query(on: app.db).filter(\.$number == complaintNumber).first()
            ).requireID()
            let meeting = try #require(try await DemoMeetings.seed(app: app))
            let letters = app.letters()
            let letter = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: tenancy.$lease.id),
                createdBy: nil
            ).requireID()
            // Lists with rows, so a statement per row would show: print batches and API keys.
            for number in 1...(homes > 10 ? 3 : 1) {
                let batch = PrintBatch()
                batch.id = UUID()
                batch.$organisation.id = organisation
                batch.number = number
                batch.letterCount = 1
                batch.pageCount = 1
                batch.pdf = Data()
                batch.manifest = ""
                batch.createdAt = testNow
                try await batch.create(on: app.db)
                try await APIToken(
                    id: UUID(),
                    name: "Økonomisystem \(number)",
                    scope: .ledger,
                    token: APIToken.generate(),
                    submissionToken: UUID().uuidString,
                    createdBy: administrator,
                    at: testNow
                ).create(on: app.db)
            }
            let consentKind = try #require(try await ConsentKind.query(on: app.db).first()).requireID()
            let guardianship = PowerOfAttorney()
            guardianship.id = UUID()
            guardianship.grantorID = tenancy.$person.id
            guardianship.helperName = "Værge"
            guardianship.kind = .guardian
            guardianship.mayFile = true
            guardianship.copies = true
            guardianship.validFrom = "2026-01-01"
            guardianship.codeExpiresAt = testNow
            guardianship.createdAt = testNow
            try await guardianship.create(on: app.db)
            let record = try #require(try await ProcessingRecord.query(on: app.db).first()).requireID()
            let department = try #require(try await Department.query(on: app.db).first()).requireID()
            // To every department by name: their names are read with one statement, however many.
            let run = try await app.bulkLetters().create(
                organisationID: organisation,
                departmentIDs: try await Department.query(on: app.db).filter(\.$organisation.$id == organisation).all()
                    .map { try $0.requireID() },
                content: BulkLettersTests.content,
                createdBy: nil
            ).requireID()
            // Another tenant chairs their department's board.
            let member = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).range(1..<2).first()
            )
            let memberLease = try #require(try await Lease.find(member.$lease.id, on: app.db))
            let memberHome = try #require(try await Dwelling.find(memberLease.$dwelling.id, on: app.db))
            try await BoardMembership(
                personID: member.$person.id,
                board: .department,
                departmentID: memberHome.$department.id,
                organisationID: nil,
                position: .chair,
                termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                termEnd: LocalDate(year: 2027, month: 12, day: 31)!
            ).create(on: app.db)
            // … and sits on the organisation's board, which sees the residents' list.
            try await BoardMembership(
                personID: member.$person.id,
                board: .organisation,
                departmentID: nil,
                organisationID: try await RegisterLookups.organisation(ofLease: member.$lease.id, on: app.db),
                position: .member,
                termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                termEnd: LocalDate(year: 2027, month: 12, day: 31)!
            ).create(on: app.db)
            let boardMember = try await PageSessions.signIn(person: member.$person.id, on: app)
            // Two other households: one applies to swap with the other, who takes the code and
            // sees the application to sign (the resident's and the board member's pages stay as
            // they were).
            let others = try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).range(2..<40)
                .all().filter { $0.$lease.id != tenancy.$lease.id && $0.$lease.id != member.$lease.id }
            let applicant = try #require(others.first)
            let partner = try #require(others.first { $0.$lease.id != applicant.$lease.id })
            let applicantToken = try await PageSessions.signIn(person: applicant.$person.id, on: app)
            let partnerToken = try await PageSessions.signIn(person: partner.$person.id, on: app)
            let partnerName = try #require(try await Person.find(partner.$person.id, on: app.db)).fullName
            let (swapCase, swapCode) = try await SwapTests.apply(
                app,
                lease: applicant.$lease.id,
                other: partnerName,
                as: applicantToken
            )
            _ = try await SwapTests.post(app, SiteRoute.mySignCode.path, [("code", swapCode)], as: partnerToken)
            let swapRequest = try #require(
                try await SwapRequest.query(on: app.db).filter(\.$leaseID == applicant.$lease.id).first()
            ).requireID()
            // The landlord is written to once the partner has signed (the signing page reads the
            // same then: the signature instead of the form).
            try await SwapRequest.query(on: app.db).filter(\.$id == swapRequest)
                .set(\.$otherSignedAt, to: app.dependencies.now()).update()
            // A neighbour in the demo complaint's department, in neither of its homes, opens the
            // complainant's co-signing link.
            let complaint = try #require(
                try await NeighbourComplaint.query(on: app.db).filter(\.$caseID == complaintCase).first()
            )
            let neighbour = try await ComplaintTests.thirdHousehold(
                about: complaint.aboutDwellingID,
                complainant: complaint.leaseID,
                on: app
            )
            let neighbourToken = try await PageSessions.signIn(person: neighbour, on: app)
            // A household lets its whole home to the swap partner, who takes the code and sees the
            // application to sign.
            let taken = [tenancy.$lease.id, member.$lease.id, applicant.$lease.id, partner.$lease.id]
            let letting = try #require(
                try await app.db.sql().raw(
                    """
                    SELECT lt.lease_id, lt.person_id, d.habitable_rooms, l.monthly_rent_ore FROM lease_tenants lt
                    JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                    WHERE l.status = 'active' AND l.id NOT IN (\(binds: taken))
                      AND (SELECT COUNT(*) FROM lease_tenants x WHERE x.lease_id = lt.lease_id) = 1
                    ORDER BY lt.lease_id LIMIT 1
                    """
                ).first(decoding: WholeSublettingTests.Home.self)
            )
            let lettingToken = try await PageSessions.signIn(person: letting.person_id, on: app)
            let (sublettingCase, sublettingCode) = try await WholeSublettingTests.apply(
                app,
                letting,
                as: lettingToken,
                subtenant: partnerName,
                persons: "1",
                rent: Money(ore: letting.monthly_rent_ore).danishFigure
            )
            _ = try await SwapTests.post(app, SiteRoute.mySignCode.path, [("code", sublettingCode)], as: partnerToken)
            let sublettingRequest = try #require(
                try await SublettingRequest.query(on: app.db).filter(\.$leaseID == letting.lease_id).first()
            ).requireID()
            // An arrears case with its påkrav, on the resident's lease (its tenants are its parties).
            let arrearsCase = try await app.cases.open(
                .arrears,
                title: "Restance",
                organisationID: organisation,
                leaseID: tenancy.$lease.id,
                openedBy: nil
            ).requireID()
            try await PageLoaderTests.paakrav(on: arrearsCase, lease: tenancy.$lease.id, app: app)
            let builtInArticle = try #require(
                try await HelpArticle.query(on: app.db).filter(\.$scopeKey == HelpScope.builtIn.key).first()
            ).requireID()
            let municipality = try #require(try await Department.query(on: app.db).first()).municipality
            // A MitID login the register does not know, waiting for its activation code.
            let activationToken = PKCE.randomToken()
            try await PendingLink(
                id: UUID(),
                tokenHash: PKCE.hash(activationToken),
                cprCiphertext: try app.cprVault.seal(try CPRNumber("0707077007")),
                cprLookupHash: app.cprVault.lookupHash(try CPRNumber("0707077007")),
                name: "Ole Udefra",
                authTime: app.dependencies.now(),
                now: app.dependencies.now()
            ).create(on: app.db)
            let pages: [(String, String, String?)] = [
                ("front", SiteRoute.home.path, nil),
                ("organisation", SiteRoute.organisation(organisation).path, nil),
                ("calculator", SiteRoute.terminationCalculator.path + "?received=2026-01-05", nil),
                ("myHome", SiteRoute.myHome.path, resident),
                ("lease", SiteRoute.myLease(tenancy.$lease.id).path, resident),
                ("account", SiteRoute.myAccount(tenancy.$lease.id).path, resident),
                ("termination", SiteRoute.myTermination(tenancy.$lease.id).path, resident),
                ("myLetters", SiteRoute.myLetters.path, resident),
                ("myCases", SiteRoute.myCases.path, resident),
                ("help", SiteRoute.help.path, nil),
                ("helpSearch", SiteRoute.help.path + "?q=opsige", nil),
                ("helpArticle", SiteRoute.helpArticle("opsigelse").path, nil),
                ("helpResident", SiteRoute.help.path, resident),
                ("helpArticleResident", SiteRoute.helpArticle("husorden").path, resident),
                ("staffHelp", SiteRoute.staffHelp.path, staff),
                ("documents", SiteRoute.departmentDocuments.path, staff),
                ("staffCases", SiteRoute.staffCases.path, staff),
                ("staffCase", SiteRoute.staffCase(caseID).path, staff),
                ("staffCasesCaseworker", SiteRoute.staffCases.path, caseworker),
                ("staffCaseCaseworker", SiteRoute.staffCase(caseID).path, caseworker),
                ("lettersCaseworker", SiteRoute.letters.path, caseworker),
                ("letters", SiteRoute.letters.path, staff),
                ("incomingMessage", SiteRoute.incomingMessage(try message.requireID()).path, staff),
                ("administration", SiteRoute.administration.path, staff),
                ("complaintForm", SiteRoute.myComplaint(tenancy.$lease.id).path, resident),
                ("wholeSubletting", SiteRoute.myWholeSubletting(tenancy.$lease.id).path, resident),
                // The swap partner, who has a whole sub-letting waiting for the signature.
                ("subtenantCode", SiteRoute.mySignCode.path, partnerToken),
                ("myComplaint", SiteRoute.myCase(complaintCase).path, resident),
                ("staffComplaint", SiteRoute.staffCase(complaintCase).path, staff),
                ("complaintDashboard", SiteRoute.complaintDashboard.path, staff),
                ("myMeetings", SiteRoute.myMeetings.path, resident),
                ("myMeeting", SiteRoute.myMeeting(meeting).path, resident),
                ("meetings", SiteRoute.meetings.path, staff),
                ("meeting", SiteRoute.meeting(meeting).path, staff),
                ("boards", SiteRoute.boards.path(query: [("organisation", organisation.uuidString)]), staff),
                ("subletting", SiteRoute.mySubletting(tenancy.$lease.id).path, resident),
                ("swap", SiteRoute.mySwap(tenancy.$lease.id).path, resident),
                ("faultReport", SiteRoute.myFaultReport(tenancy.$lease.id).path, resident),
                ("myCase", SiteRoute.myCase(caseID).path, resident),
                ("myData", SiteRoute.myData.path, resident),
                ("myAuditTrail", SiteRoute.myAuditTrail.path, resident),
                ("myConsents", SiteRoute.myConsents.path, resident),
                ("myPowers", SiteRoute.myPowers.path, resident),
                ("incomingMail", SiteRoute.incomingMail.path, staff),
                ("printBatches", SiteRoute.printBatches.path, staff),
                ("bulkLetters", SiteRoute.bulkLetters.path, staff),
                ("letterTemplates", SiteRoute.letterTemplates.path, staff),
                ("connections", SiteRoute.connections.path, staff),
                ("auditLog", SiteRoute.auditLog.path, staff),
                ("jobs", SiteRoute.jobs.path, staff),
                ("arrears", SiteRoute.arrears.path, staff),
                ("paakravFees", SiteRoute.paakravFees.path, staff),
                ("municipalities", SiteRoute.municipalities.path, staff),
                ("arrearsSettings", SiteRoute.arrearsSettings.path, staff),
                ("complaintSettings", SiteRoute.complaintSettings.path, staff),
                ("responseTargets", SiteRoute.responseTargets.path, staff),
                ("staffSettings", SiteRoute.staffSettings.path, staff),
                ("staffMembers", SiteRoute.staffMembers.path, staff),
                ("activationAdmin", SiteRoute.activationAdmin.path, staff),
                ("consentKinds", SiteRoute.consentKinds.path, staff),
                ("guardians", SiteRoute.guardians.path, staff),
                ("processingRecords", SiteRoute.processingRecords.path, staff),
                ("retention", SiteRoute.retention.path, staff),
                ("letter", SiteRoute.letter(letter).path, staff),
                ("consentKind", SiteRoute.consentKind(consentKind).path, staff),
                ("processingRecord", SiteRoute.processingRecord(record).path, staff),
                ("connection", SiteRoute.connection(organisation).path, staff),
                ("staffMember", SiteRoute.staffMember(administrator).path, staff),
                ("departmentContact", SiteRoute.departmentContact(department).path, staff),
                ("bulkRun", SiteRoute.bulkRun(run).path, staff),
                ("boardWorkspace", SiteRoute.boardWorkspace.path, boardMember),
                ("boardDocuments", SiteRoute.boardDocuments.path, boardMember),
                ("boardResidents", SiteRoute.boardResidents.path, boardMember),
                // The first organisation's lease numbers begin "1-": found at any size.
                ("estateSearch", SiteRoute.staffEstateNotices.path(query: [("q", "1-")]), staff),
                ("estateNotice", SiteRoute.staffEstateNotice(tenancy.$lease.id).path, staff),
                ("coTenantDeath", SiteRoute.staffCoTenantDeath(tenancy.$lease.id).path, staff),
                ("settlement", SiteRoute.staffCaseSettlement(terminationCase).path, staff),
                ("apiTokens", SiteRoute.apiTokens.path, staff),
                ("staffHelpArticle", SiteRoute.staffHelpArticle(ownArticle).path, staff),
                (
                    "staffHelpNew", SiteRoute.staffHelpNew.path(query: [("organisation", organisation.uuidString)]),
                    staff
                ),
                (
                    "staffHelpNewFrom",
                    SiteRoute.staffHelpNew.path(query: [
                        ("organisation", organisation.uuidString), ("fra", builtInArticle.uuidString),
                    ]),
                    staff
                ),
                (
                    "municipalitiesChosen",
                    SiteRoute.municipalities.path(query: [("kommune", municipality), ("gemt", municipality)]),
                    staff
                ),
                ("staffArrearsCase", SiteRoute.staffCase(arrearsCase).path, staff),
                ("myArrearsCase", SiteRoute.myCase(arrearsCase).path, resident),
                ("login", SiteRoute.login.path, nil),
                ("localLogin", SiteRoute.localLogin.path, nil),
                ("meetingNew", SiteRoute.meetingNew.path, staff),
                ("letterTemplate", SiteRoute.letterTemplate(organisation, .general).path, staff),
                ("departmentBoardElection", SiteRoute.departmentBoardElection(department).path, staff),
                ("organisationBoardElection", SiteRoute.organisationBoardElection(organisation).path, staff),
                ("guardianEnd", SiteRoute.guardianEnd(try guardianship.requireID()).path, staff),
                ("swapSign", SiteRoute.mySwapSign(swapRequest).path, partnerToken),
                // The partner has not named a home here: its landlord is outside Almen.
                ("swapLandlordLetter", SiteRoute.staffSwapLandlordLetter(swapCase).path, staff),
                ("cosign", SiteRoute.myCosign(complaint.cosignToken).path, neighbourToken),
                ("subtenantSign", SiteRoute.mySubtenantSign(sublettingRequest).path, partnerToken),
                // A case's page of each kind with cards of its own: the swap and the whole sub-letting.
                ("staffSwapCase", SiteRoute.staffCase(swapCase).path, staff),
                ("mySwapCase", SiteRoute.myCase(swapCase).path, applicantToken),
                ("staffSublettingCase", SiteRoute.staffCase(sublettingCase).path, staff),
                ("mySublettingCase", SiteRoute.myCase(sublettingCase).path, lettingToken),
                // A whole cookie, not a session's token: the login waiting for its code.
                ("activation", SiteRoute.activation.path, "\(SessionCookie.activation)=\(activationToken)"),
            ]
            // Every page the app serves is measured here, or is named below as not a page.
            for route in app.routes.all where route.method == .GET {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                let measured = pages.contains { page in
                    let parts = page.1.prefix { $0 != "?" }.split(separator: "/")
                    return parts.count == route.path.count
                        && zip(parts, route.path).allSatisfy { part, component in
                            if case .constant(let text) = component { return text == part }
                            return true
                        }
                }
                let exempt =
                    Self.files.contains(pattern)
                    || Self.notPages.contains { pattern.hasPrefix($0) || pattern.hasSuffix($0) }
                #expect(measured || exempt, "GET \(pattern) is a page without a pinned statement count")
            }
            for (name, path, token) in pages {
                let headers: HTTPHeaders =
                    token.map { ["Cookie": $0.contains("=") ? $0 : "\(SessionCookie.session)=\($0)"] } ?? [:]
                try await app.testing().test(.GET, path, headers: headers) { res async throws in
                    #expect(res.status == .ok, "\(name) warm-up")
                }
                capture.reset()
                try await app.testing().test(.GET, path, headers: headers) { res async throws in
                    #expect(res.status == .ok, "\(name): \(res.body.string.prefix(3000))")
                }
                counts[name] = capture.statements
            }
        }
        return counts
    }
}

/// Sessions written directly, as a login would, for tests that need a signed-in request.
enum PageSessions {
    static func signIn(person: UUID, on app: Application) async throws -> String {
        try await signIn(kind: .resident, person: person, staff: nil, on: app)
    }

    static func signIn(staff: UUID, on app: Application) async throws -> String {
        try await signIn(kind: .staff, person: nil, staff: staff, on: app)
    }

    private static func signIn(
        kind: PrincipalKind,
        person: UUID?,
        staff: UUID?,
        on app: Application
    ) async throws -> String {
        let token = PKCE.randomToken()
        let now = app.dependencies.now()
        try await UserSession(
            tokenHash: PKCE.hash(token),
            principalKind: kind,
            personID: person,
            staffUserID: staff,
            now: now,
            authTime: now
        )
        .create(on: app.db)
        return token
    }
}

/// Gives each request a logger that counts the SQL statements its database runs.
final class StatementCapture: AsyncMiddleware, @unchecked Sendable {
    private let capture = LogCapture()
    private let lock = NSLock()
    private var skip = 0

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.logger = logger
        return try await next.respond(to: request)
    }

    var logger: Logger { capture.logger() }

    func reset() {
        lock.withLock { skip = capture.messages.count }
    }

    var lines: [String] { Array(capture.messages.dropFirst(lock.withLock { skip })) }

    var statements: Int {
        lines.filter { line in ["SELECT", "INSERT", "UPDATE", "DELETE"].contains { line.uppercased().contains($0) } }
            .count
    }
}
