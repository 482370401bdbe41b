import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The retention run (rules.md §9): a resident who moved out 5 years and a day ago is gone from
/// every table, with their letters' PDFs and the Digital Post copies, while the accounting records
/// of their lease stay for the accounting period; a legal hold (an open case at the
/// beboerklagenævn) keeps another former resident whole; a dry run deletes nothing.
@Suite("Retention")
struct RetentionTests {
    @Test func aFormerResidentIsGoneFromEveryTableWhileTheAccountsAndAHeldCaseRemain() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            // B complains about a neighbour; the case is at the beboerklagenævn (legal hold).
            _ = try #require(try await DemoCases.seedComplaint(app: app))
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            try await sql.raw(
                "UPDATE neighbour_complaints SET step = 'naevn' WHERE id = \(bind: try complaint.requireID())"
            )
            .run()
            let held = complaint.filedBy
            let heldLease = complaint.leaseID
            // A: a tenant alone on a lease, who leaves traces everywhere before moving out.
            let tenancy = try #require(
                try await TerminationNoticeTests.tenancies(1, on: app).first {
                    $0.person_id != held && $0.lease_id != heldLease
                }
            )
            let person = tenancy.person_id
            let lease = tenancy.lease_id
            let name = try #require(try await Person.find(person, on: app.db)).fullName
            let token = try await PageSessions.signIn(person: person, on: app)
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myConsent(ConsentKind.photos).path,
                [("intent", "give")],
                as: token
            )
            let (reported, _, _) = try await FaultReportTests.post(
                app,
                SiteRoute.myFaultReport(lease).path,
                [
                    ("location", "kitchen"), ("description", "Vandhanen drypper."), ("masterKey", "nej"),
                    ("token", UUID().uuidString),
                ],
                photos: [FaultReportTests.jpeg],
                as: token
            )
            #expect(reported == .seeOther)
            _ = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.myDataRequest.path,
                [
                    ("right", "erasure"), ("text", "Slet mine billeder."), ("token", UUID().uuidString),
                    ("step", "send"),
                ],
                as: token
            )
            // A's helper, whom the register knows only through A's fuldmagt (joined with its code).
            let powers = PowersOfAttorney(database: app.db, dependencies: app.dependencies)
            let (_, code) = try await powers.grant(
                by: person,
                helperName: "Signe Datter",
                kind: .fuldmagt,
                mayFile: false,
                from: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                to: nil
            )
            let waiting = try await PowerOfAttorneyTests.waitingLogin("Signe Datter", cpr: "0606067006", on: app)
            let helper = try await app.activation.redeem(waiting, typed: code, consented: true).requireID()
            let export = try await app.dataExports.order(for: person)
            try await app.dataExports.build(DataExportJob(export: export), now: app.dependencies.now())
            // Staff read the case (audited with A as the data subject).
            let caseID = try #require(try await CaseParty.query(on: app.db).filter(\.$person.$id == person).first())
                .$caseFile.id
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            #expect(try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).0 == .ok)
            // A caseworker writes to A in the case; the form keeps what was written.
            let (wrote, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseLetter(caseID).path,
                [
                    ("recipient", person.uuidString.lowercased()), ("subject", "Til \(name)"),
                    ("text", "Vi kommer tirsdag."), ("step", "send"), ("token", UUID().uuidString),
                ],
                as: staff
            )
            #expect(wrote == .seeOther)
            #expect(try await Self.tables(containing: person, name: name, sql).contains("case_letter_submissions"))
            // A's account (the lease ended in 2021, kept to the end of 2026), and the account of a
            // lease that ended in June 2020 (its period passed at the end of 2025).
            let earlier = try #require(
                try await TerminationNoticeTests.tenancies(1, on: app).first {
                    ![person, held].contains($0.person_id) && ![lease, heldLease].contains($0.lease_id)
                }
            )
            for (account, day, external) in [
                (lease, "2020-06-01", "a-2020"), (lease, "2021-10-01", "a-2021"),
                (earlier.lease_id, "2020-06-01", "earlier"),
            ] {
                try await sql.raw(
                    """
                    INSERT INTO ledger_entries (id, lease_id, kind, entry_date, amount_ore, text, source, external_id, created_at)
                    VALUES (\(bind: UUID()), \(bind: account), 'rent', \(bind: day), 580800, 'Husleje', 'test', \(bind: external), \(bind: Date()))
                    """
                ).run()
            }
            try await sql.raw(
                "UPDATE leases SET end_date = '2020-06-30', status = 'ended' WHERE id = \(bind: earlier.lease_id)"
            ).run()
            // The demo's account lines of recent months would be younger than the move-out.
            try await sql.raw(
                "DELETE FROM ledger_entries WHERE lease_id = \(bind: earlier.lease_id) AND source <> 'test'"
            ).run()
            // Both moved out on 22 November 2021: 5 years and a day before Monday 23 November 2026.
            for moved in [lease, heldLease] {
                try await sql.raw(
                    "UPDATE leases SET end_date = '2021-11-22', status = 'ended' WHERE id = \(bind: moved)"
                ).run()
            }
            #expect(!(try await Self.tables(containing: person, name: name, sql)).isEmpty)

            let run = RetentionRun(database: app.db, dependencies: app.dependencies)
            let dry = try await run.run(on: LocalDate(app.dependencies.now(), timeZone: danishTimeZone), dryRun: true)
            #expect(dry.formerResidents >= 1 && dry.held >= 1 && dry.letters >= 2 && dry.cases >= 2)
            #expect(try await Person.find(person, on: app.db) != nil)

            let report = try await run.run(
                on: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                dryRun: false
            )
            #expect(report.formerResidents == dry.formerResidents && report.held == dry.held)
            #expect(try await Self.tables(containing: person, name: name, sql) == [])
            // The helper went with the resident's fuldmagt.
            #expect(report.formerHelpers == 1)
            #expect(try await Self.tables(containing: helper, name: "Signe Datter", sql) == [])
            // Audit events of theirs stay only where they read someone else's data.
            struct Count: Decodable { let count: Int }
            let own = try await sql.raw(
                """
                SELECT COUNT(*) AS count FROM audit_events WHERE data_subject_id = \(bind: person)
                  OR (actor_id = \(bind: person) AND data_subject_id IS NULL)
                """
            ).first(decoding: Count.self)
            #expect(own?.count == 0)
            // The held former resident, their complaint and its case stay whole.
            #expect(try await Person.find(held, on: app.db) != nil)
            #expect(try await NeighbourComplaint.find(try complaint.requireID(), on: app.db) != nil)
            // The lease and its accounts for the accounting period stay, under the lease.
            #expect(try await Lease.find(lease, on: app.db) != nil)
            struct Entry: Decodable { let external_id: String? }
            let left = try await sql.raw("SELECT external_id FROM ledger_entries WHERE source = 'test'")
                .all(decoding: Entry.self).compactMap(\.external_id)
            #expect(left.sorted() == ["a-2020", "a-2021"])
            // Audited by counts, never by name.
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "retention.run").first()
            )
            #expect(!audit.purpose.contains(name))
            // The administrators' page shows both runs.
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.retention.path, as: staff).1
            #expect(page.contains("Prøvekørsel") && page.contains("Sletning"))
        }
    }

    @Test func aComplaintNeverPassesToTheHouseholdItIsAbout() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            _ = try #require(try await DemoCases.seedComplaint(app: app))
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            let caseID = complaint.caseID
            // The household complained about is a party (as after a henstilling); the case is closed.
            let accused = try #require(
                try await Lease.query(on: app.db).filter(\.$dwelling.$id == complaint.aboutDwellingID).filter(
                    \.$status != .ended
                )
                .first()
            )
            let neighbour = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == accused.requireID()).first()
            ).$person.id
            try await CaseParty(id: UUID(), caseID: caseID, personID: neighbour, role: .otherParty, addedAt: Date())
                .create(on: app.db)
            try await sql.raw("UPDATE cases SET status = 'closed' WHERE id = \(bind: caseID)").run()
            // The complainant's household moved out 5 years and a day ago.
            try await sql.raw(
                "UPDATE leases SET end_date = '2021-11-22', status = 'ended' WHERE id = \(bind: complaint.leaseID)"
            ).run()
            let complainants = try await LeaseTenant.query(on: app.db).filter(\.$lease.$id == complaint.leaseID).all()
                .map(\.$person.id)
            _ = try await RetentionRun(database: app.db, dependencies: app.dependencies).run(
                on: LocalDate(app.dependencies.now(), timeZone: danishTimeZone),
                dryRun: false
            )
            for person in complainants { #expect(try await Person.find(person, on: app.db) == nil) }
            // The complaint went with its household; the neighbour never became its complainant.
            #expect(try await NeighbourComplaint.query(on: app.db).filter(\.$filedBy == neighbour).count() == 0)
            #expect(try await NeighbourComplaint.find(try complaint.requireID(), on: app.db) == nil)
            #expect(try await CaseFile.find(caseID, on: app.db) != nil)
        }
    }

    @Test func administratorsChangeAPeriodAndItIsAuditedAndThePrivacyArticleSaysSo() async throws {
        try await withTestApp(seedHomes: 5) { app in
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let article = SiteRoute.helpArticle("persondata").path
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            #expect(
                try await CaseDeadlinesTests.get(app, article, as: staff).1.contains("5 år, regnet fra fraflytningen")
            )
            var fields = DataCategory.allCases.flatMap { category -> [(String, String)] in
                let (unit, amount) = RetentionSchedule.unit(category.defaultPeriod)
                return [("unit-\(category.rawValue)", unit), ("amount-\(category.rawValue)", "\(amount)")]
            }
            fields += [("yearEndMonth", "2"), ("yearEndDay", "29")]
            fields[1] = ("amount-former_residents", "fem")
            let (refused, body) = try await CaseDeadlinesTests.post(app, SiteRoute.retention.path, fields, as: staff)
            #expect(refused == .unprocessableEntity)
            #expect(body.contains("Fraflyttede og genhusede beboere: Skriv et helt tal"))
            #expect(body.contains("Regnskabsåret slutter: Vælg en dag, der findes hvert år"))
            fields[1] = ("amount-former_residents", "6")
            fields[fields.count - 2] = ("yearEndMonth", "6")
            fields[fields.count - 1] = ("yearEndDay", "30")
            #expect(try await CaseDeadlinesTests.post(app, SiteRoute.retention.path, fields, as: staff).0 == .seeOther)
            let schedule = try await RetentionSchedule.load(on: app.db)
            #expect(schedule.period(.formerResidents) == .years(6))
            #expect(schedule.financialYearEnd == MonthDay(month: 6, day: 30))
            let purposes = try await AuditEvent.query(on: app.db).filter(\.$action == "retention.schedule").all().map(
                \.purpose
            )
            #expect(purposes.contains("Opbevaring: Fraflyttede og genhusede beboere fra 5 år til 6 år"))
            #expect(purposes.contains("Regnskabsårets afslutning: 30. juni"))
            // The privacy article reads the periods in force: the two cannot disagree.
            let text = try await CaseDeadlinesTests.get(app, article, as: staff).1
            #expect(text.contains("6 år, regnet fra fraflytningen"))
            #expect(text.contains("Slettes ved fraflytningen"))
            #expect(text.contains("5 år efter regnskabsårets udløb"))
        }
    }

    /// The tables with a row that names `person` (its id in any form) or their full name.
    static func tables(containing person: UUID, name: String, _ sql: any SQLDatabase) async throws -> [String] {
        let needles = [
            person.uuidString.lowercased(), person.uuidString,
            person.uuidString.replacingOccurrences(of: "-", with: ""), name,
        ]
        // Audit events are checked apart: one where the person read someone else's data stays in
        // that person's trail, naming nobody once the person row is gone.
        return try await DatabaseText.rows(sql).filter { table, rows in
            table != "audit_events" && rows.contains { row in needles.contains { row.contains($0) } }
        }.map(\.key).sorted()
    }
}
