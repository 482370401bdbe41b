import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The inbox's assignment: a case goes to a member of staff who may see its organisation, one at
/// a time from the case or many at once from the list, and the list filters by assignee and kind.
@Suite("Case assignment")
struct CaseAssignmentTests {
    /// A caseworker assigned to `organisation`.
    static func caseworker(_ name: String, of organisation: UUID, on app: Application) async throws -> UUID {
        let staff = StaffUser(id: UUID(), name: name, email: "\(name.lowercased())@example.org", role: .caseworker)
        try await staff.create(on: app.db)
        try await StaffAssignment(id: UUID(), staffID: try staff.requireID(), organisationID: organisation).create(
            on: app.db
        )
        return try staff.requireID()
    }

    /// A caseworker of a new organisation of the same company as `organisation`, signed in: one
    /// who must find nothing of `organisation`'s.
    static func caseworkerElsewhere(than organisation: UUID, on app: Application) async throws -> String {
        let elsewhere = try await RegisterLookups.anotherOrganisation(besides: organisation, on: app.db)
        let stranger = try await caseworker("Jonas", of: try elsewhere.requireID(), on: app)
        return try await PageSessions.signIn(staff: stranger, on: app)
    }

    @Test func aCaseGoesOnlyToSomeoneWhoMaySeeItAndTheListFiltersByAssignee() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app)
            let caseID = try caseFile.requireID()
            let organisation = caseFile.$organisation.id
            let elsewhere = try await RegisterLookups.anotherOrganisation(besides: organisation, on: app.db)
            let other = try elsewhere.requireID()
            let anna = try await Self.caseworker("Anna Sagsbehandler", of: organisation, on: app)
            let bo = try await Self.caseworker("Bo Andensted", of: other, on: app)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)

            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(page.contains("Anna Sagsbehandler"))
            #expect(!page.contains("Bo Andensted"))
            // Bo cannot see the organisation: refused, and nothing changes.
            let assign = SiteRoute.staffCaseAssign(caseID).path
            let refused = try await CaseDeadlinesTests.post(app, assign, [("assignee", bo.uuidString)], as: admin)
            #expect(refused.0 == .seeOther)
            #expect(try await CaseFile.find(caseID, on: app.db)?.assigneeID == nil)
            let told = try await CaseDeadlinesTests.get(
                app,
                assign.replacingOccurrences(of: "/tildel", with: "") + "?besked=tildeling-afvist",
                as: admin
            ).1
            #expect(told.contains("har ikke adgang til alle de valgte sagers boligorganisationer"))

            #expect(
                try await CaseDeadlinesTests.post(app, assign, [("assignee", anna.uuidString)], as: admin).0
                    == .seeOther
            )
            #expect(try await CaseFile.find(caseID, on: app.db)?.assigneeID == anna)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.caseAssign.rawValue).count() == 1
            )

            // Anna finds it among hers; it is no longer among the unassigned.
            let annaSession = try await PageSessions.signIn(staff: anna, on: app)
            let inbox = SiteRoute.staffCases.path
            #expect(
                try await CaseDeadlinesTests.get(app, inbox + "?tildelt=mig", as: annaSession).1.contains(
                    caseFile.number
                )
            )
            #expect(
                !(try await CaseDeadlinesTests.get(app, inbox + "?tildelt=ingen", as: annaSession).1.contains(
                    caseFile.number
                ))
            )
            // The administrator finds Anna's cases by her name in the assignee filter.
            let byName = try await CaseDeadlinesTests.get(
                app,
                inbox + "?tildelt=\(anna.lowercasedString)",
                as: admin
            ).1
            #expect(byName.contains(caseFile.number))
            #expect(byName.contains("<option value=\"\(anna.lowercasedString)\" selected>Anna Sagsbehandler</option>"))
            let someoneElse = try await CaseDeadlinesTests.get(
                app,
                inbox + "?tildelt=\(bo.lowercasedString)",
                as: admin
            )
            #expect(!someoneElse.1.contains(caseFile.number))
            // Someone who may take no case (one who has left) is no filter: the menu could not
            // show it, and filtering again would drop it.
            let gone = try await CaseDeadlinesTests.get(app, inbox + "?tildelt=\(UUID().lowercasedString)", as: admin).1
            #expect(gone.contains(caseFile.number))
            #expect(gone.contains("<option value=\"\" selected>"))
            // Bo may not hand over a case he cannot see: it does not exist for him.
            let boSession = try await PageSessions.signIn(staff: bo, on: app)
            #expect(try await CaseDeadlinesTests.post(app, assign, [("assignee", "")], as: boSession).0 == .notFound)
            #expect(try await CaseFile.find(caseID, on: app.db)?.assigneeID == anna)

            // The case's history says who gave it to whom, and when; the tenant's does not.
            let history = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: admin).1
            #expect(history.contains("Sagen er givet til Anna Sagsbehandler"))
            let resident = try await PageSessions.signIn(person: tenant, on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(!theirs.contains("Sagen er givet til") && !theirs.contains("Anna Sagsbehandler"))
        }
    }

    /// A caseworker's internal note stands in the case's history with their name; the tenant
    /// never sees it. An empty note is refused at the field.
    @Test func aNoteIsInTheHistoryForStaffOnly() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app)
            let caseID = try caseFile.requireID()
            let administrator = try await CaseDeadlinesTests.administrator(app)
            let admin = try await PageSessions.signIn(staff: administrator, on: app)
            let path = SiteRoute.staffCaseNote(caseID).path
            let page = SiteRoute.staffCase(caseID).path

            #expect(try await CaseDeadlinesTests.post(app, path, [("note", " \r\n ")], as: admin).0 == .seeOther)
            let refused = try await CaseDeadlinesTests.get(app, page + "?besked=notat-tomt", as: admin).1
            #expect(refused.contains("Skriv notatet.") && refused.contains(#"aria-invalid="true""#))
            let long = String(repeating: "x", count: CaseEvent.maxNote + 1)
            #expect(try await CaseDeadlinesTests.post(app, path, [("note", long)], as: admin).0 == .seeOther)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$kind == .note).count() == 0)

            let note = "Ringede til lejeren.\r\nKommer forbi torsdag."
            #expect(try await CaseDeadlinesTests.post(app, path, [("note", note)], as: admin).0 == .seeOther)
            let name = try #require(try await StaffUser.find(administrator, on: app.db)).name
            // The confirmation stands beside the form it answers, where the page opens.
            let saved = try await CaseDeadlinesTests.get(app, page + "?besked=notat", as: admin).1
            let card = try #require(saved.range(of: #"id="notat""#))
            #expect(saved.range(of: "Notatet er gemt i sagens forløb.", range: card.upperBound..<saved.endIndex) != nil)
            let shown = try await CaseDeadlinesTests.get(app, page, as: admin).1
            #expect(shown.contains("Notat: Ringede til lejeren.\nKommer forbi torsdag.") && shown.contains(name))
            let resident = try await PageSessions.signIn(person: tenant, on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(!theirs.contains("Ringede til lejeren"))
            // A resident cannot write one (they are sent to the staff login).
            _ = try await CaseDeadlinesTests.post(app, path, [("note", "x")], as: resident)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$kind == .note).count() == 1)
        }
    }

    @Test func tickedCasesGoToOneCaseworkerAtOnceAndTheListFiltersByKind() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (first, _) = try await CaseDeadlinesTests.openCase(app)
            let second = try await app.cases.open(
                .faultReport,
                title: "Utæt tag",
                organisationID: first.$organisation.id,
                leaseID: nil,
                openedBy: nil
            )
            let anna = try await Self.caseworker("Anna Sagsbehandler", of: first.$organisation.id, on: app)
            let admin = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let inbox = SiteRoute.staffCases.path
            let faults = try await CaseDeadlinesTests.get(app, inbox + "?type=fault_report", as: admin).1
            #expect(faults.contains(second.number))
            #expect(!faults.contains(first.number))

            let many = SiteRoute.staffCasesAssign.path
            let back = inbox + "?tildelt=ingen"
            // Nothing ticked: told so, nothing changes.
            var answer: String?
            try await app.testing().test(
                .POST,
                many,
                headers: TerminationNoticeTests.headers(admin),
                body: TerminationNoticeTests.form([("assignee", anna.uuidString), ("back", back)])
            ) { res async throws in
                answer = res.headers.first(name: .location)
            }
            #expect(answer == back + "&besked=ingen-valgt#tildeling-besked")
            #expect(
                try await CaseDeadlinesTests.get(app, back + "&besked=ingen-valgt", as: admin).1.contains(
                    "Vælg mindst én sag i listen."
                )
            )

            // Both ticked: both go to Anna, and the list she came from says so.
            try await app.testing().test(
                .POST,
                many,
                headers: TerminationNoticeTests.headers(admin),
                body: TerminationNoticeTests.form([
                    ("cases[]", try first.requireID().uuidString), ("cases[]", try second.requireID().uuidString),
                    ("assignee", anna.uuidString), ("back", back),
                ])
            ) { res async throws in
                answer = res.headers.first(name: .location)
            }
            #expect(
                answer == back + "&besked=tildelt&antal=2&modtager=\(anna.uuidString.lowercased())#tildeling-besked"
            )
            // The list comes back as it was, with the notice (the list's own `fra`/`til` are its days).
            let (status, page) = try await CaseDeadlinesTests.get(app, try #require(answer), as: admin)
            #expect(status == .ok && page.contains("2 sager er givet til Anna Sagsbehandler."))
            #expect(!page.contains("class=\"error-summary\""))
            #expect(try await CaseFile.query(on: app.db).filter(\.$assigneeID == anna).count() == 2)
            // A return address elsewhere is not followed.
            try await app.testing().test(
                .POST,
                many,
                headers: TerminationNoticeTests.headers(admin),
                body: TerminationNoticeTests.form([
                    ("cases[]", try first.requireID().uuidString), ("assignee", ""), ("back", "//evil.example/"),
                ])
            ) { res async throws in
                answer = res.headers.first(name: .location)
            }
            #expect(answer == inbox + "?besked=tildelt&antal=1#tildeling-besked")
            #expect(try await CaseFile.find(first.requireID(), on: app.db)?.assigneeID == nil)
        }
    }
}
