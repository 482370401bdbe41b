import AlmenDomain
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
@Suite("Access matrix: every POST route, and every page for each kind of signed-in visitor")
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
                    // Each on their own side: the caseworker on staff's routes, the tenant on residents'.
                    guard route.path.contains(where: { $0 == .parameter(visitor.parameter) }),
                        route.path.first == .constant(visitor.parameter == "caseID" ? "admin" : "mit-hjem")
                    else { continue }
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

    /// Who, signed in, may post where: every other visitor below is refused. A route without a
    /// row fails the test, so a new route is classified when it is added.
    enum Member: String, CaseIterable {
        case tenant, householdMember, otherParty, departmentBoard, organisationBoard, formerBoard, caseworker,
            administrator
    }

    static let staff: Set<Member> = [.caseworker, .administrator]
    static let allowed: [(SiteRoute, Set<Member>)] = [
        (.staffHelpNew, staff), (.staffHelpArticle(UUID()), staff), (.staffHelpPublish(UUID()), staff),
        (.departmentDocuments, staff), (.departmentDocumentDelete(UUID()), staff),
        (.departmentContact(UUID()), staff), (.letterToPaper(UUID()), staff), (.printBatches, staff),
        (.printBatchDispatched(UUID()), staff), (.bulkLetters, staff), (.bulkRunStart(UUID()), staff),
        (.bulkRunPause(UUID()), staff), (.bulkRunDelete(UUID()), staff), (.staffCaseLetter(UUID()), staff),
        (.staffCaseStatus(UUID()), staff),
        (.staffCaseNote(UUID()), staff), (.staffCaseAssign(UUID()), staff), (.staffCaseDecision(UUID()), staff),
        (.staffCasesAssign, staff), (.incomingMailCase(UUID()), staff), (.incomingMailToCase(UUID()), staff),
        (.activationLetters(UUID()), staff),
        (.arrears, staff), (.municipalityNoticeSent(UUID(), UUID()), staff), (.staffCaseComplaint(UUID()), staff),
        (.staffSettings, staff),
        // The administration's own settings: administrators only.
        (.connection(UUID()), [.administrator]), (.organisationLogo(UUID()), [.administrator]),
        (.organisationLogoRemove(UUID()), [.administrator]), (.letterTemplate(UUID(), .general), [.administrator]),
        (.staffMember(UUID()), [.administrator]), (.responseTargets, [.administrator]),
        (.apiTokens, [.administrator]), (.apiTokenRevoke(UUID()), [.administrator]),
        // A program's, with an API key: no signed-in person's session lets anyone in.
        (.api(.ledgerImport), []),
        (.arrearsSetting(UUID()), [.administrator]), (.complaintSetting(UUID()), [.administrator]),
        (.paakravFees, [.administrator]), (.municipalities, [.administrator]),
        (.jobRetry(UUID()), [.administrator]),
        // The department board during its term.
        (.boardDocuments, [.departmentBoard]), (.boardMeetingNew, [.departmentBoard]),
        (.boardAccountsApprove(UUID()), [.departmentBoard]),
        // A lease's own tenants.
        (.myTermination(UUID()), [.tenant]), (.mySubletting(UUID()), [.tenant]), (.myFaultReport(UUID()), [.tenant]),
        (.myComplaint(UUID()), [.tenant]), (.myWholeSubletting(UUID()), [.tenant]),
        (.myCaseSignCode(UUID()), [.tenant]),
        // A co-tenant of an application to let the whole home or swap it (none in the fixture).
        (.myCaseCosign(UUID()), []),
        // Anyone signed in as a resident may type a sub-tenant's code; signing is for whoever
        // took the code (nobody in the fixture).
        (.mySignCode, residents), (.mySubtenantSign(UUID()), []), (.mySwap(UUID()), [.tenant]),
        (.mySwapSign(UUID()), []), (.staffSwapLandlord(UUID()), staff),
        (.staffSwapMunicipality(UUID()), staff), (.staffSwapLandlordLetter(UUID()), staff),
        (.staffEstateNotice(UUID()), staff), (.staffCoTenantDeath(UUID()), staff),
        (.staffCaseSettlement(UUID()), staff),
        // The complainant, on their complaint's case (the demo case is none: refused for all).
        (.myComplaintEpisode(UUID()), [.tenant]),
        (.myComplaintDemand(UUID()), [.tenant]),
        // The household complained about, on that case (a tenant of the home).
        (.myComplaintReply(UUID()), [.tenant]),
        // A stranger's link: refused for everyone (the test above has the neighbour who may).
        (.myCosign("token"), []), (.metrics, []),
        // Meetings: staff call them and publish; the department's residents propose, register
        // and ask for an extraordinary meeting.
        (.meetingNew, staff), (.meetingNotice(UUID()), staff), (.meetingResults(UUID()), staff),
        (.meetingPublish(UUID()), staff), (.meetingBallot(UUID()), staff), (.ballotPaperVote(UUID()), staff),
        (.ballotPaperCount(UUID()), staff), (.meetingCancel(UUID()), staff), (.meetingProposalHide(UUID()), staff),
        (.myMeetingProposalWithdraw(UUID()), departmentResidents),
        (.myBallotVote(UUID()), departmentResidents), (.departmentBoardElection(UUID()), staff),
        (.myDataExport, residents), (.myDataRequest, residents), (.myConsent("code"), residents),
        (.consentKinds, [.administrator]), (.consentKindRetire(UUID()), [.administrator]),
        (.retention, [.administrator]), (.retentionDryRun, [.administrator]),
        (.processingRecord(UUID()), [.administrator]),
        (.myPowers, residents), (.myPowersAccept, residents), (.myPowerRevoke(UUID()), residents),
        (.myPowerAct(UUID()), residents), (.myPowersStop, residents), (.guardians, [.administrator]),
        (.guardianEnd(UUID()), [.administrator]),
        (.organisationBoardElection(UUID()), staff),
        (.myMeetingProposal(UUID()), departmentResidents), (.myMeetingRegistration(UUID()), departmentResidents),
        (.myExtraordinaryRequest(UUID()), departmentResidents),
    ]

    /// Who of the fixture lives in the department of its lease: everyone but the other party (a
    /// sub-tenant who lives elsewhere), as the small demo register has one department.
    static let departmentResidents: Set<Member> = [
        .tenant, .householdMember, .departmentBoard, .organisationBoard, .formerBoard,
    ]

    /// Each kind of signed-in visitor posts to every route they may not use, naming the records
    /// nearest to them: the tenant's own lease and case, the organisation and department they
    /// live in, the caseworker's own staff record. Each is refused, and no row of any table
    /// changes (compared by content, not only counted).
    /// The signed-in visitors and the records nearest to them: the demo sub-letting case (its
    /// tenant and its other party), a grown-up child of the household, a neighbour on the
    /// department board, organisation board members in and out of term, a caseworker of the
    /// organisation and an administrator.
    struct Fixture {
        let tokens: [Member: String]
        let ids: [String: UUID]
        let caseID: UUID
        let caseworker: UUID
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let number = try #require(try await DemoCases.seed(app: app))
        let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$number == number).first())
        let caseID = try caseFile.requireID()
        let lease = try #require(caseFile.$lease.id)
        let organisation = caseFile.$organisation.id
        let department = try #require(
            try await Lease.query(on: app.db).filter(\.$id == lease).with(\.$dwelling).first()
        ).dwelling.$department.id
        let parties = try await CaseParty.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
        let tenants = Set(
            try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease).all().map(\.$person.id)
        )
        let tenant = try #require(parties.first { tenants.contains($0.$person.id) }).$person.id
        let otherParty = try #require(parties.first { !tenants.contains($0.$person.id) }).$person.id
        // A grown-up child living at home: of the household, not on the lease.
        let child = Person(
            id: UUID(),
            givenName: "Emil",
            familyName: "Hjemme",
            cprCiphertext: nil,
            cprLookupHash: nil,
            email: nil,
            phone: nil
        )
        try await child.create(on: app.db)
        try await HouseholdMember(id: UUID(), leaseID: lease, personID: try child.requireID(), adult: true)
            .create(on: app.db)
        let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
        // A neighbour on the department board (small demo departments have none: one is elected).
        let seated = Set(try await BoardMembership.query(on: app.db).all().map(\.$person.id))
        let neighbour = try #require(
            try await LeaseTenant.query(on: app.db).filter(\.$lease.$id != lease).sort(\.$id).all().first {
                !seated.contains($0.$person.id) && !tenants.contains($0.$person.id)
            }
        )
        try await BoardMembership(
            personID: neighbour.$person.id,
            board: .department,
            departmentID: department,
            organisationID: nil,
            position: .member,
            termStart: today.adding(days: -30),
            termEnd: today.adding(days: 700)
        ).create(on: app.db)
        let seats = try await BoardMembership.query(on: app.db).all()
        let departmentSeat = try #require(seats.first { $0.$person.id == neighbour.$person.id })
        let boardSeat = try #require(
            seats.first { seat in
                seat.board == .organisation && seat.isActive(on: today)
                    && !seats.contains { $0.board == .department && $0.$person.id == seat.$person.id }
            }
        )
        let formerSeat = try #require(
            seats.first { seat in
                seat.board == .organisation && !seat.isActive(on: today)
                    && !seats.contains { $0.$person.id == seat.$person.id && $0.isActive(on: today) }
            }
        )
        let caseworker = try await CaseAssignmentTests.caseworker("Carl Sagsbehandler", of: organisation, on: app)
        let administrator = try await CaseDeadlinesTests.administrator(app)
        let tokens: [Member: String] = [
            .tenant: try await PageSessions.signIn(person: tenant, on: app),
            .householdMember: try await PageSessions.signIn(person: try child.requireID(), on: app),
            .otherParty: try await PageSessions.signIn(person: otherParty, on: app),
            .departmentBoard: try await PageSessions.signIn(person: departmentSeat.$person.id, on: app),
            .organisationBoard: try await PageSessions.signIn(person: boardSeat.$person.id, on: app),
            .formerBoard: try await PageSessions.signIn(person: formerSeat.$person.id, on: app),
            .caseworker: try await PageSessions.signIn(staff: caseworker, on: app),
            .administrator: try await PageSessions.signIn(staff: administrator, on: app),
        ]
        let run = try await app.bulkLetters().create(
            organisationID: organisation,
            departmentIDs: [],
            content: .general(subject: "Fællesmøde", paragraphs: ["Tekst"]),
            createdBy: nil
        ).requireID()
        // A department meeting in the fixture's department, four weeks and a day ahead.
        let meeting = Meeting()
        meeting.id = UUID()
        meeting.body = .department
        meeting.kind = .ordinary
        meeting.organisationID = organisation
        meeting.departmentID = department
        meeting.heldOn = today.adding(days: 29).iso
        meeting.startsAt = "19.00"
        meeting.place = "Fælleshuset"
        meeting.agendaJSON = Meeting.encodeAgenda(["Beretning"])
        meeting.noticeBy = today.adding(days: 1).iso
        meeting.proposalsBy = today.adding(days: 15).iso
        meeting.minutesBy = today.adding(days: 71).iso
        meeting.votesPerHousehold = 2
        meeting.createdAt = app.dependencies.now()
        try await meeting.create(on: app.db)
        // Its ballot, open now.
        let ballot = try await app.ballotBox.create(
            meetingID: try meeting.requireID(),
            question: "Hønsehus?",
            options: ["Ja", "Nej"],
            opens: today,
            closes: today.adding(days: 7),
            createdBy: nil
        )
        let ids: [String: UUID] = [
            "meetingID": try meeting.requireID(), "ballotID": ballot,
            "caseID": caseID, "leaseID": lease, "organisationID": organisation, "departmentID": department,
            "runID": run, "staffID": caseworker,
            "letterID": try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).filter(\.$recipient.$id == tenant)
                    .first()
            ).requireID(),
            "messageID": try #require(
                try await IncomingMessage.query(on: app.db).filter(\.$organisation.$id == organisation).first()
            ).requireID(),
        ]
        return Fixture(tokens: tokens, ids: ids, caseID: caseID, caseworker: caseworker)
    }

    @Test func everyoneSignedInIsRefusedWhereTheyHaveNoRightEvenWithTheirOwnIds() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let fixture = try await Self.fixture(app)
            let (tokens, ids, caseID, caseworker) = (fixture.tokens, fixture.ids, fixture.caseID, fixture.caseworker)
            // Enough of every form that a wrongly allowed request would change something.
            let body = [
                ("status", "closed"), ("note", "x"), ("assignee", caseworker.uuidString), ("step", "send"),
                ("confirm", "ja"), ("choice", "none"), ("version", "1"), ("token", UUID().uuidString),
                ("kind", "general"), ("subject", "Hej"), ("body", "Hej"), ("title", "Hej"), ("role", "administrator"),
            ].map { "\($0)=\($1)" }.joined(separator: "&")
            let table = Dictionary(uniqueKeysWithValues: Self.allowed.map { (Self.pattern($0.0), $0.1) })
            let before = try await Self.fingerprints(sql)
            var posted = 0
            for route in app.routes.all where route.method == .POST {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                if pattern.hasPrefix("/sandbox/") || Self.open.contains(pattern) { continue }
                let allowed = try #require(table[pattern], "POST \(pattern) has no row in the access matrix")
                let path = Self.path(route, ids: ids)
                for member in Member.allCases where !allowed.contains(member) {
                    let token = try #require(tokens[member])
                    let headers: HTTPHeaders = [
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": "\(SessionCookie.session)=\(token)",
                        "X-CSRF-Token": CSRFProtection.token(forSession: token),
                    ]
                    try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) {
                        res async in
                        let location = res.headers.first(name: .location) ?? ""
                        #expect(
                            (400..<500).contains(Int(res.status.code))
                                || (res.status == .seeOther && location.hasPrefix("/log-ind")),
                            "POST \(path) as \(member.rawValue): \(res.status.code) \(location)"
                        )
                    }
                    posted += 1
                }
            }
            #expect(posted > 150)
            let after = try await Self.fingerprints(sql)
            for (table, fingerprint) in before {
                #expect(after[table] == fingerprint, "\(table) changed")
            }
            // The same body from a caseworker in scope does what it says: the check above could fail.
            let token = try #require(tokens[.caseworker])
            try await app.testing().test(
                .POST,
                SiteRoute.staffCaseStatus(caseID).path,
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(SessionCookie.session)=\(token)",
                    "X-CSRF-Token": CSRFProtection.token(forSession: token),
                ],
                body: ByteBuffer(string: body)
            ) { res async in
                #expect(res.status == .seeOther)
            }
            #expect(try await CaseFile.find(caseID, on: app.db)?.status == .closed)
        }
    }

    /// Who may open a page with the records nearest to them (`Fixture`); pages anyone may open
    /// have no row. A route that is neither public nor in the table fails the test.
    static let residents: Set<Member> = [
        .tenant, .householdMember, .otherParty, .departmentBoard, .organisationBoard, .formerBoard,
    ]
    static let administrators: Set<Member> = [.administrator]
    static let publicPages: [SiteRoute] = [
        .home, .organisation(UUID()), .terminationCalculator, .help, .helpArticle("slug"), .healthLive, .healthReady,
        .healthDigitalPost, .login, .localLogin, .loginStart(.resident), .loginCallback(.resident), .activation,
        .api(.rulesTermination), .api(.rulesPaakrav), .api(.rulesHolidays), .api(.rulesSubletRooms),
        .api(.rulesSubletWhole), .api(.rulesSwap), .api(.rulesBankDays), .api(.rulesCaseDeadlines),
        .api(.rulesComplaint), .api(.rulesMeeting), .api(.rulesMinutes), .api(.rulesExtraordinary),
        .api(.rulesSettlement),
    ]
    static let mayOpen: [(SiteRoute, Set<Member>)] = [
        (.myHome, residents), (.myAuditTrail, residents), (.myLetters, residents), (.myCases, residents),
        (.myData, residents), (.myConsents, residents), (.myDataExportFile(UUID()), residents),
        (.api(.meData), residents), (.consentKinds, staff), (.consentKind(UUID()), staff),
        (.api(.me), residents.union(staff)), (.myDocument(UUID()), residents),
        (.myLease(UUID()), [.tenant]), (.myAccount(UUID()), [.tenant]), (.myTermination(UUID()), [.tenant]),
        (.mySubletting(UUID()), [.tenant]), (.myFaultReport(UUID()), [.tenant]), (.myComplaint(UUID()), [.tenant]),
        (.myCosign("token"), []), (.metrics, []), (.myWholeSubletting(UUID()), [.tenant]),
        (.mySignCode, residents), (.mySubtenantSign(UUID()), []), (.mySwap(UUID()), [.tenant]),
        (.mySwapSign(UUID()), []), (.staffEstateNotices, staff), (.staffEstateNotice(UUID()), staff),
        (.staffCoTenantDeath(UUID()), staff), (.staffCaseSettlement(UUID()), staff),
        (.staffSwapLandlordLetter(UUID()), staff),
        (.mySublettingDocumentation(UUID()), [.tenant]), (.staffSublettingDocumentation(UUID()), staff),
        (.myCase(UUID()), [.tenant, .otherParty]), (.myCaseAttachment(UUID(), 1), [.tenant, .otherParty]),
        (.mySublettingAgreement(UUID()), [.tenant, .otherParty]), (.myLetterPDF(UUID()), [.tenant]),
        (.boardDocuments, [.departmentBoard]), (.boardWorkspace, [.departmentBoard]),
        (.boardResidents, [.departmentBoard, .organisationBoard]),
        (.staffHelp, staff), (.staffHelpNew, staff), (.staffHelpArticle(UUID()), staff),
        (.departmentDocuments, staff), (.departmentDocumentFile(UUID()), staff), (.departmentContact(UUID()), staff),
        (.staffCaseAttachment(UUID(), 1), staff), (.staffSublettingAgreement(UUID()), staff),
        (.administration, staff), (.incomingMail, staff), (.incomingMessage(UUID()), staff),
        (.incomingFile(UUID(), 1), staff), (.letters, staff), (.letter(UUID()), staff),
        (.letterPDF(UUID()), staff), (.printBatches, staff), (.printBatchPDF(UUID()), staff),
        (.printBatchManifest(UUID()), staff), (.bulkLetters, staff), (.bulkRun(UUID()), staff),
        (.bulkRunPreview(UUID()), staff), (.bulkRunStatus(UUID()), staff), (.staffCases, staff),
        (.staffCase(UUID()), staff), (.activationAdmin, staff), (.arrears, staff), (.arrearsPreview(UUID()), staff),
        (.complaintDashboard, staff), (.staffComplaintBundle(UUID()), staff),
        (.staffComplaintOriginals(UUID()), staff), (.staffSettings, staff),
        (.myMeetings, residents), (.myMeeting(UUID()), departmentResidents), (.myMeetingMinutes(UUID()), []),
        (.boards, staff), (.departmentBoardElection(UUID()), staff), (.organisationBoardElection(UUID()), staff),
        (.meetings, staff), (.meetingNew, staff), (.meeting(UUID()), staff), (.meetingMinutesPreview(UUID()), staff),
        (.municipalityNotice(UUID(), UUID()), staff), (.auditLog, administrators),
        (.connections, administrators), (.connection(UUID()), administrators), (.letterTemplates, administrators),
        (.organisationLogo(UUID()), administrators), (.letterTemplate(UUID(), .general), administrators),
        (.staffMembers, administrators), (.staffMember(UUID()), administrators),
        (.responseTargets, administrators), (.arrearsSettings, administrators), (.complaintSettings, administrators),
        (.apiTokens, administrators),
        (.paakravFees, administrators), (.municipalities, administrators),
        (.jobs, administrators), (.retention, administrators), (.processingRecords, administrators),
        (.processingRecord(UUID()), administrators), (.myPowers, residents), (.guardians, administrators),
        (.guardianEnd(UUID()), administrators),
    ]

    /// The same visitors open every page they may not see, with their own ids: each is refused
    /// (a 4xx, or the login page), and nothing is shown.
    @Test func everyoneSignedInIsRefusedThePagesTheyMayNotSeeEvenWithTheirOwnIds() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let fixture = try await Self.fixture(app)
            let open = Set(Self.publicPages.map(Self.pattern))
            let table = Dictionary(uniqueKeysWithValues: Self.mayOpen.map { (Self.pattern($0.0), $0.1) })
            var opened = 0
            for route in app.routes.all where route.method == .GET {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                if pattern.hasPrefix("/sandbox/") || open.contains(pattern) { continue }
                let allowed = try #require(table[pattern], "GET \(pattern) has no row in the access matrix")
                let path = Self.path(route, ids: fixture.ids)
                for member in Member.allCases where !allowed.contains(member) {
                    let token = try #require(fixture.tokens[member])
                    try await app.testing().test(
                        .GET,
                        path,
                        headers: ["Cookie": "\(SessionCookie.session)=\(token)"]
                    ) { res async in
                        let location = res.headers.first(name: .location) ?? ""
                        #expect(
                            (400..<500).contains(Int(res.status.code))
                                || (res.status == .seeOther && location.hasPrefix("/log-ind")),
                            "GET \(path) as \(member.rawValue): \(res.status.code) \(location)"
                        )
                    }
                    opened += 1
                }
            }
            #expect(opened > 200)
        }
    }

    /// `/admin/sager/:caseID` for a route's components.
    static func pattern(_ route: SiteRoute) -> String {
        "/" + route.pathComponents.map(\.description).joined(separator: "/")
    }

    /// The route's path with the fixture's ids for its parameters (a stranger's id where it has none).
    static func path(_ route: Route, ids: [String: UUID]) -> String {
        "/"
            + route.path.map { component in
                switch component {
                case .constant(let text): text
                case .parameter(let name):
                    ids[name].map { $0.uuidString.lowercased() }
                        ?? (["file", "position"].contains(name) ? "1" : UUID().uuidString.lowercased())
                default: component.description
                }
            }.joined(separator: "/")
    }

    /// A digest of each table's rows, in any order, but for the logs a refused request writes on
    /// purpose and the sessions it touches.
    static func fingerprints(_ sql: any SQLDatabase) async throws -> [String: String] {
        var digests: [String: String] = [:]
        for (table, rows) in try await DatabaseText.rows(sql)
        where !["audit_events", "login_attempts", "login_failures", "user_sessions"].contains(table) {
            digests[table] = SHA256Hex.of(Data(rows.sorted().joined(separator: "\n").utf8))
        }
        return digests
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
