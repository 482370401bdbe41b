import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The audit trail is append-only, and residents see who looked at their data.
@Suite("Audit trail")
struct AuditTrailTests {
    static func event(
        actor: StaffUser?,
        subject: UUID,
        action: String = AuditAction.caseRead.rawValue
    ) throws -> AuditEvent {
        AuditEvent(
            id: UUID(),
            at: testNow,
            actorKind: actor == nil ? "resident" : "staff",
            actorID: actor?.id,
            action: action,
            subjectKind: AuditSubject.case.rawValue,
            subjectID: UUID(),
            dataSubjectID: subject,
            purpose: "Sag om fremleje",
            requestID: "r-1"
        )
    }

    @Test func theDatabaseRefusesToChangeOrDeleteAnAuditEvent() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let event = try Self.event(actor: nil, subject: UUID())
            try await event.create(on: app.db)

            event.purpose = "something else"
            await #expect(throws: (any Error).self) { try await event.update(on: app.db) }
            await #expect(throws: (any Error).self) { try await event.delete(on: app.db) }
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            let stored = try await AuditEvent.find(event.id, on: app.db)
            #expect(stored?.purpose == "Sag om fremleje")
        }
    }

    @Test func aResidentSeesWhichStaffMemberReadTheirDataAndWhy() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let subject = try await LoginFlowTests.logIn(browser)
            let residentID = try #require(UUID(uuidString: subject))
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            try await Self.event(actor: caseworker, subject: residentID).create(on: app.db)
            try await Self.event(actor: caseworker, subject: UUID(), action: "someone.else").create(on: app.db)

            let page = try await browser.get(SiteRoute.myAuditTrail.path)

            #expect(page.status == 200)
            #expect(page.body.contains(caseworker.name.htmlEscapedForTest))
            #expect(page.body.contains("Sag om fremleje"))
            // Plain words: what was done and to what, never an event code or an id.
            #expect(page.body.contains(#"<td data-label="Handling">Så sagen</td><td data-label="Vedrørende">Sag</td>"#))
            #expect(!page.body.contains("case.read"))
            #expect(!page.body.contains("someone.else"))
            // The resident's own login is not "someone who looked at my data".
            #expect(!page.body.contains("Logget ind"))
        }
    }

    /// Every read since the first is there, 50 a page, newest first: none is cut off.
    @Test func aResidentPagesThroughEveryReadOfTheirData() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            for minute in 0..<60 {
                let event = try Self.event(actor: caseworker, subject: tenancy.person_id)
                event.at = testNow.addingTimeInterval(Double(minute) * 60)
                event.purpose = "Læsning \(minute)"
                try await event.create(on: app.db)
            }
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let first = try await CaseDeadlinesTests.get(app, SiteRoute.myAuditTrail.path, as: token).1
            #expect(first.contains("Læsning 59") && first.contains("Læsning 10") && !first.contains("Læsning 9<"))
            let older = try #require(
                first.firstMatch(of: #/href="(/mit-hjem/indsigt\?foer=[0-9a-f-]+)" rel="next"/#)?.output.1
            )
            let second = try await CaseDeadlinesTests.get(app, String(older), as: token).1
            #expect(second.contains("Læsning 9<") && second.contains("Læsning 0<") && !second.contains("Læsning 10"))
            #expect(!second.contains(#"rel="next""#))
        }
    }
}
