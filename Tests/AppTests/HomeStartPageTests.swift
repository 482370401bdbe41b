import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// "Mit hjem" as the resident's start page, and the department documents it shows: uploaded by
/// staff as PDFs (type checked by content), read only by the department's residents (board-only
/// documents: its board), never by anyone else.
@Suite("Mit hjem and department documents")
struct HomeStartPageTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)

    /// A multipart form body with text fields and one file.
    static func multipart(
        _ fields: [(String, String)],
        file: (name: String, data: Data)?,
        field: String = "file"
    ) -> (HTTPHeaders, ByteBuffer) {
        MultipartForm.body(fields, files: file.map { [$0] } ?? [], field: field)
    }

    @Test func staffUploadADocumentAndOnlyTheDepartmentsResidentsReadIt() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let organisations = try await app.registerSummary.organisations(on: app.db)
            let organisation = organisations[0]
            let department = organisation.departments[0]
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            )
            let staff = try await PageSessions.signIn(staff: try administrator.requireID(), on: app)
            var headers: HTTPHeaders = [
                "Cookie": "\(SessionCookie.session)=\(staff)", "X-CSRF-Token": CSRFProtection.token(forSession: staff),
            ]
            let path = SiteRoute.departmentDocuments.path(query: [("organisation", organisation.id.uuidString)])
            let fields = [
                ("department", department.id.uuidString), ("title", "Husorden 2026"), ("kind", "house_rules"),
                ("date", "2026-11-30"), ("visibility", "residents"),
            ]
            // Not a PDF, whatever its name: refused at the field, nothing stored.
            var (type, body) = Self.multipart(fields, file: ("husorden.pdf", Data("<html>hej</html>".utf8)))
            headers.add(contentsOf: type)
            try await app.testing().test(.POST, path, headers: headers, body: body) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Filen er ikke en PDF."))
                #expect(res.body.string.contains(#"id="file-error""#))
            }
            // A department of another organisation is refused the same way.
            let foreignDepartment = organisations[1].departments[0].id.uuidString
            (_, body) = Self.multipart(
                fields.map { $0.0 == "department" ? ($0.0, foreignDepartment) : $0 },
                file: ("husorden.pdf", Self.pdf)
            )
            try await app.testing().test(.POST, path, headers: headers, body: body) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Vælg en af organisationens afdelinger."))
            }
            #expect(try await DepartmentDocument.query(on: app.db).count() == 0)
            (_, body) = Self.multipart(fields, file: ("husorden.pdf", Self.pdf))
            try await app.testing().test(.POST, path, headers: headers, body: body) { res async throws in
                #expect(res.status == .seeOther)
            }
            (_, body) = Self.multipart(
                fields.map {
                    $0.0 == "visibility" ? ($0.0, "board") : $0.0 == "title" ? ($0.0, "Bestyrelsens budgetudkast") : $0
                },
                file: ("budget.pdf", Self.pdf)
            )
            try await app.testing().test(.POST, path, headers: headers, body: body) { res async throws in
                #expect(res.status == .seeOther)
            }
            // Staff find a document by its title and narrow the list to a kind.
            let found = try await CaseDeadlinesTests.get(app, path + "&q=budget", as: staff).1
            #expect(found.contains("Bestyrelsens budgetudkast") && !found.contains("Husorden 2026"))
            let rules = try await CaseDeadlinesTests.get(app, path + "&art=house_rules", as: staff).1
            #expect(rules.contains("Husorden 2026") && rules.contains("Bestyrelsens budgetudkast"))
            let minutes = try await CaseDeadlinesTests.get(app, path + "&art=minutes", as: staff).1
            #expect(!minutes.contains("Husorden 2026") && minutes.contains("Intet passer"))
            // A refused upload keeps the list's search and kind: its form posts them along.
            let searched = path + "&q=budget&art=house_rules"
            #expect(
                try await CaseDeadlinesTests.get(app, searched, as: staff).1.contains(
                    "&amp;q=budget&amp;art=house_rules\""
                )
            )
            (_, body) = Self.multipart(fields, file: ("husorden.pdf", Data("<html>hej</html>".utf8)))
            try await app.testing().test(.POST, searched, headers: headers, body: body) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(#"id="q" name="q" value="budget""#))
                #expect(
                    res.body.string.contains("Bestyrelsens budgetudkast")
                        && !res.body.string.contains(">Husorden 2026<")
                )
            }
            let documents = try await DepartmentDocument.query(on: app.db).all()
            let open = try #require(documents.first { $0.visibility == .residents }).requireID()
            let boardOnly = try #require(documents.first { $0.visibility == .board }).requireID()

            // A tenant in the department reads the residents' document, not the board's.
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                    .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .filter(Dwelling.self, \.$department.$id == department.id).first()
            )
            let resident = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            var page = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: resident)
            #expect(page.body.contains("Husorden 2026"))
            #expect(!page.body.contains("Bestyrelsens budgetudkast"))
            #expect(page.body.contains("Ejendomskontoret"))
            try await app.testing().test(
                .GET,
                SiteRoute.myDocument(open).path,
                headers: ["Cookie": "\(SessionCookie.session)=\(resident)"]
            ) { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "pdf")
                #expect(
                    res.headers.first(name: .contentDisposition)?.hasPrefix(
                        "attachment; filename=\"Husorden 2026.pdf\""
                    ) == true
                )
            }
            #expect(
                try await ListPagingTests.get(app, SiteRoute.myDocument(boardOnly).path, token: resident).status
                    == .notFound
            )
            // On the board, the board's document too.
            try await BoardMembership(
                personID: tenancy.$person.id,
                board: .department,
                departmentID: department.id,
                organisationID: nil,
                position: .chair,
                termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                termEnd: LocalDate(year: 2027, month: 12, day: 31)!
            ).create(on: app.db)
            #expect(
                try await ListPagingTests.get(app, SiteRoute.myDocument(boardOnly).path, token: resident).status == .ok
            )
            page = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: resident)
            #expect(page.body.contains("Bestyrelsens budgetudkast"))
            #expect(page.body.contains("formand"))

            // A resident of another department sees neither.
            let stranger = try #require(
                try await LeaseTenant.query(on: app.db)
                    .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id)
                    .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
                    .filter(Dwelling.self, \.$department.$id != department.id).first()
            )
            let other = try await PageSessions.signIn(person: stranger.$person.id, on: app)
            #expect(
                try await ListPagingTests.get(app, SiteRoute.myDocument(open).path, token: other).status == .notFound
            )
            #expect(
                !(try await ListPagingTests.get(app, SiteRoute.myHome.path, token: other).body.contains("Husorden 2026"))
            )

            // A caseworker of another organisation cannot open or delete it.
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            let caseworkerID = try caseworker.requireID()
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworkerID).delete()
            try await StaffAssignment(id: UUID(), staffID: caseworkerID, organisationID: organisations[1].id).create(
                on: app.db
            )
            let foreignStaff = try await PageSessions.signIn(staff: caseworkerID, on: app)
            #expect(
                try await ListPagingTests.get(app, SiteRoute.departmentDocumentFile(open).path, token: foreignStaff)
                    .status == .notFound
            )
            try await app.testing().test(
                .POST,
                SiteRoute.departmentDocumentDelete(open).path,
                headers: [
                    "Cookie": "\(SessionCookie.session)=\(foreignStaff)",
                    "X-CSRF-Token": CSRFProtection.token(forSession: foreignStaff),
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: ByteBuffer()
            ) { res async throws in
                #expect(res.status == .notFound)
            }
            #expect(try await DepartmentDocument.find(open, on: app.db) != nil)
        }
    }

    /// A member of two department boards sees both boards' documents on one page, the boards'
    /// own among them, each department's newest ten, newest first, and no other department's;
    /// one statement for them all (`PageStatementTests`).
    @Test func aMemberOfTwoBoardsSeesBothDepartmentsDocuments() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).first())
            let departments = try await app.registerSummary.organisations(on: app.db).flatMap { organisation in
                organisation.departments.map { (organisation.id, $0) }
            }
            try #require(departments.count >= 3)
            let now = app.dependencies.now()
            for (index, (organisation, item)) in departments.prefix(3).enumerated() {
                let department = item.id
                if index < 2 {
                    try await BoardMembership(
                        personID: tenancy.$person.id,
                        board: .department,
                        departmentID: department,
                        organisationID: nil,
                        position: .member,
                        termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                        termEnd: LocalDate(year: 2027, month: 12, day: 31)!
                    ).create(on: app.db)
                }
                // Twelve a department, the last two for the board only.
                for day in 1...12 {
                    try await DepartmentDocument(
                        id: UUID(),
                        departmentID: department,
                        organisationID: organisation,
                        title: "Afdeling \(index) dokument \(day)",
                        kind: .minutes,
                        documentDate: "2026-10-\(day < 10 ? "0" : "")\(day)",
                        visibility: day > 10 ? .board : .residents,
                        pdf: Self.pdf,
                        uploadedBy: nil,
                        now: now
                    ).create(on: app.db)
                }
            }
            let member = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.boardDocuments.path, token: member)
            #expect(page.status == .ok)
            for index in 0..<2 {
                // Whose each is: the member sits on two boards.
                let department = departments[index].1
                #expect(page.body.contains("\(department.number) \(department.name) · "))
                #expect(page.body.contains("Afdeling \(index) dokument 12<"))
                #expect(page.body.contains("Afdeling \(index) dokument 3<"))
                #expect(!page.body.contains("Afdeling \(index) dokument 2<"))
            }
            #expect(!page.body.contains("Afdeling 2 dokument"))
            let first = try #require(page.body.range(of: "dokument 12<"))
            let older = try #require(page.body.range(of: "dokument 11<"))
            #expect(first.lowerBound < older.lowerBound)
        }
    }

    @Test func aDepartmentBoardMemberUploadsForTheirDepartmentOnly() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).first())
            let department = try #require(try await MyHomePage.homes(of: tenancy.$person.id, on: app.db).first)
                .department_id
            let seat = BoardMembership(
                personID: tenancy.$person.id,
                board: .department,
                departmentID: department,
                organisationID: nil,
                position: .member,
                termStart: LocalDate(year: 2026, month: 1, day: 1)!,
                termEnd: LocalDate(year: 2027, month: 12, day: 31)!
            )
            try await seat.create(on: app.db)
            let member = try await PageSessions.signIn(person: seat.$person.id, on: app)
            var page = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: member)
            // "Mit hjem" leads to the board's workspace, and it to the documents.
            #expect(page.body.contains(SiteRoute.boardWorkspace.path))
            page = try await ListPagingTests.get(app, SiteRoute.boardWorkspace.path, token: member)
            #expect(page.body.contains(SiteRoute.boardDocuments.path))
            page = try await ListPagingTests.get(app, SiteRoute.boardDocuments.path, token: member)
            #expect(page.status == .ok)
            var headers: HTTPHeaders = [
                "Cookie": "\(SessionCookie.session)=\(member)",
                "X-CSRF-Token": CSRFProtection.token(forSession: member),
            ]
            let fields = [
                ("title", "Referat af afdelingsmødet"), ("kind", "minutes"), ("date", "2026-11-30"),
                ("visibility", "residents"),
            ]
            // Another department than the member's is refused at the field.
            let other = try #require(
                try await app.registerSummary.organisations(on: app.db).flatMap(\.departments).first {
                    $0.id != department
                }
            )
            var (type, body) = Self.multipart(fields + [("department", other.id.uuidString)], file: ("r.pdf", Self.pdf))
            headers.add(contentsOf: type)
            try await app.testing().test(.POST, SiteRoute.boardDocuments.path, headers: headers, body: body) {
                res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Vælg en af organisationens afdelinger."))
            }
            (_, body) = Self.multipart(fields + [("department", department.uuidString)], file: ("r.pdf", Self.pdf))
            try await app.testing().test(.POST, SiteRoute.boardDocuments.path, headers: headers, body: body) {
                res async throws in
                #expect(res.status == .seeOther)
            }
            let document = try #require(try await DepartmentDocument.query(on: app.db).first())
            #expect(document.departmentID == department && document.uploadedBy == nil)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.documentUpload.rawValue)
                    .filter(\.$actorID == seat.$person.id).count() == 1
            )
            // A resident who is not on a department board is told so.
            let seated = try await BoardMembership.query(on: app.db).filter(\.$board == .department).all()
                .map(\.$person.id)
            let tenant = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$person.$id !~ seated).first()
            )
            let resident = try await PageSessions.signIn(person: tenant.$person.id, on: app)
            page = try await ListPagingTests.get(app, SiteRoute.boardDocuments.path, token: resident)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("Kun afdelingsbestyrelsens medlemmer"))
        }
    }

    @Test func staffKeepTheServiceCentreThatResidentsSeeOnMitHjem() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).first())
            let home = try #require(try await MyHomePage.homes(of: tenancy.$person.id, on: app.db).first)
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            )
            let staff = try await PageSessions.signIn(staff: try administrator.requireID(), on: app)
            let headers: HTTPHeaders = [
                "Cookie": "\(SessionCookie.session)=\(staff)", "X-CSRF-Token": CSRFProtection.token(forSession: staff),
                "Content-Type": "application/x-www-form-urlencoded",
            ]
            let path = SiteRoute.departmentContact(home.department_id).path
            try await app.testing().test(
                .POST,
                path,
                headers: headers,
                body: ByteBuffer(string: "name=&phone=abc&email=ikke-en-adresse&hours=")
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Skriv et telefonnummer med cifre"))
                #expect(res.body.string.contains("Skriv en e-mailadresse"))
                #expect(res.body.string.contains("Skriv navnet på kontoret"))
            }
            let form =
                "name=Ejendomskontoret+Nord&phone=%2B45+33+44+55+66"
                + "&email=nord%40boligselskab.dk&hours=Mandag%E2%80%93fredag+9%E2%80%9312"
            try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: form)) {
                res async throws in
                #expect(res.status == .seeOther)
            }
            let resident = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: resident)
            #expect(page.body.contains("Ejendomskontoret Nord"))
            #expect(page.body.contains(#"href="tel:+4533445566""#))
            #expect(page.body.contains("Mandag–fredag 9–12"))
        }
    }

    @Test func anUploadOverTheLimitIsRefusedInDanishBeforeItIsRead() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let organisation = try await app.registerSummary.organisations(on: app.db)[0]
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            )
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            browser.set(
                cookie: SessionCookie.session,
                to: try await PageSessions.signIn(staff: try administrator.requireID(), on: app)
            )
            let page = try await browser.postFile(
                SiteRoute.departmentDocuments.path(query: [("organisation", organisation.id.uuidString)]),
                field: "file",
                filename: "stor.pdf",
                contentType: "application/pdf",
                data: Self.pdf + Data(count: 50 * 1024 * 1024)
            )
            #expect(page.status == 413)
            #expect(page.body.contains("for stor til at blive modtaget"))
            #expect(try await DepartmentDocument.query(on: app.db).count() == 0)
        }
    }

    @Test func aHouseholdMemberSeesTheHomeWithoutTheLeasesFinancesAndNewLettersAreMarked() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let member = try #require(try await HouseholdMember.query(on: app.db).first())
            let lease = try #require(try await Lease.find(member.$lease.id, on: app.db))
            let token = try await PageSessions.signIn(person: member.$person.id, on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: token)
            #expect(page.status == .ok)
            #expect(!page.body.contains(Money(ore: lease.monthlyRentOre).danish))
            #expect(!page.body.contains("Husleje"))
            // The tenants, named "Lejer" or "Lejere" by how many there are.
            let tenants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease.requireID()).count()
            #expect(page.body.contains(tenants > 1 ? "<dt>Lejere</dt>" : "<dt>Lejer</dt>"))

            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == lease.requireID()).first()
            )
            let letters = app.letters()
            let letter = try await letters.send(
                try await letters.prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: lease.requireID()),
                createdBy: nil
            ).requireID()
            let tenant = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            var home = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: tenant)
            #expect(home.body.contains(Money(ore: lease.monthlyRentOre).danish))
            #expect(home.body.contains("Nye breve, du ikke har åbnet her (1)"))
            #expect(home.body.contains(#"<strong class="badge">Ny</strong>"#))
            #expect(try await ListPagingTests.get(app, SiteRoute.myLetterPDF(letter).path, token: tenant).status == .ok)
            home = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: tenant)
            #expect(!home.body.contains("du ikke har åbnet her"))
            #expect(!home.body.contains(#"class="badge""#))
        }
    }
}
