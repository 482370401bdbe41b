import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Photos and recordings chosen for a form that comes back are held with the form: listed with a
/// tick each, sent with it when ticked, let go when not, never another person's, and gone after a
/// day.
@Suite("Files held for a form that came back")
struct HeldUploadsTests {
    static func held(_ app: Application) async throws -> [HeldUploads.Held] {
        try await (try #require(app.db as? any SQLDatabase)).raw(
            "SELECT id, kind, filename, byte_count AS bytes, position FROM held_uploads ORDER BY position"
        ).all(decoding: HeldUploads.Held.self)
    }

    @Test func aFaultReportsPhotoIsHeldThroughAProblemAndSentWhenTicked() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let tenancies = try await TerminationNoticeTests.tenancies(2, on: app)
            let tenancy = try #require(tenancies.first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myFaultReport(tenancy.lease_id).path
            let formToken = UUID().uuidString
            // No place chosen: the form comes back, with the photo held and listed, ticked.
            let (refused, body, _) = try await FaultReportTests.post(
                app,
                path,
                [("description", "Håndvasken er utæt"), ("masterKey", "ja"), ("token", formToken)],
                photos: [FaultReportTests.jpeg],
                as: token
            )
            #expect(refused == .unprocessableEntity)
            let held = try await Self.held(app)
            let photo = try #require(held.first)
            #expect(held.count == 1 && photo.filename == "foto0.jpg")
            #expect(body.contains("<legend>Billeder, du allerede har valgt</legend>"))
            #expect(body.contains(#"name="kept[]" value="\#(photo.id.lowercasedString)" checked>"#))
            #expect(body.contains(#"<input type="hidden" name="token" value="\#(formToken.lowercased())">"#))
            #expect(!body.contains("Vælg billederne igen"))
            // Another resident with the same token and id gets nothing of it.
            let stranger = try await PageSessions.signIn(person: try #require(tenancies.last).person_id, on: app)
            let theirs = try await FaultReportTests.post(
                app,
                SiteRoute.myFaultReport(try #require(tenancies.last).lease_id).path,
                [("description", "Døren"), ("token", formToken), ("kept[]", photo.id.lowercasedString)],
                as: stranger
            )
            #expect(theirs.0 == .unprocessableEntity && !theirs.1.contains("foto0.jpg"))
            #expect(try await Self.held(app).count == 1)

            // Six in all is too many: one held and five more.
            let six = try await FaultReportTests.post(
                app,
                path,
                [("description", "Håndvasken er utæt"), ("token", formToken), ("kept[]", photo.id.lowercasedString)],
                photos: Array(repeating: FaultReportTests.jpeg, count: 5),
                as: token
            )
            #expect(six.0 == .unprocessableEntity && six.1.contains("Vælg højst 5 billeder."))
            #expect(try await Self.held(app).map(\.id) == [photo.id])

            // Sent with the tick: the case has the photo, and nothing stays held.
            let fields = [
                ("location", "bathroom"), ("description", "Håndvasken er utæt"), ("masterKey", "ja"),
                ("token", formToken), ("kept[]", photo.id.lowercasedString),
            ]
            let (sent, _, location) = try await FaultReportTests.post(app, path, fields, as: token)
            #expect(sent == .seeOther)
            let caseFile = try #require(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).first())
            #expect(location == SiteRoute.myCase(try caseFile.requireID()).path + "?besked=fejl")
            let attachments = try await CaseAttachment.query(on: app.db).filter(\.$caseID == caseFile.requireID()).all()
            #expect(attachments.count == 1 && attachments.first?.contentType == "image/jpeg")
            #expect(try await Self.held(app).isEmpty)
            let letter = try #require(
                try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseFile.requireID()).first()
            )
            #expect(try PDFText.extract(letter.pdf).contains("Du sendte 1 billede med."))
        }
    }

    @Test func anUntickedPhotoIsLetGoAndOldOnesArePurged() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock) { app in
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let token = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let path = SiteRoute.myFaultReport(tenancy.lease_id).path
            let formToken = UUID().uuidString
            let first = try await FaultReportTests.post(
                app,
                path,
                [("description", ""), ("token", formToken)],
                photos: [FaultReportTests.jpeg, FaultReportTests.jpeg],
                as: token
            )
            #expect(first.0 == .unprocessableEntity)
            let held = try await Self.held(app)
            #expect(held.count == 2)
            // The second one unticked: it goes at once; the first stays listed.
            let second = try await FaultReportTests.post(
                app,
                path,
                [("description", ""), ("token", formToken), ("kept[]", held[0].id.lowercasedString)],
                as: token
            )
            #expect(second.0 == .unprocessableEntity)
            #expect(try await Self.held(app).map(\.id) == [held[0].id])
            #expect(!second.1.contains(held[1].id.lowercasedString))

            // A day later the night's purge removes it.
            clock.advance(by: HeldUploads.lifetime + 60)
            try await HeldUploads.purge(now: app.dependencies.now(), on: try #require(app.db as? any SQLDatabase))
            #expect(try await Self.held(app).isEmpty)
            // The form sent then, with its tick: not sent without the photo, but told to choose it
            // again, with what was typed kept. (Signed in again: the session ended meanwhile.)
            let later = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let late = try await FaultReportTests.post(
                app,
                path,
                [
                    ("location", "bathroom"), ("description", "Håndvasken er utæt"), ("masterKey", "ja"),
                    ("token", formToken), ("kept[]", held[0].id.lowercasedString),
                ],
                as: later
            )
            #expect(late.0 == .unprocessableEntity)
            #expect(late.1.contains("En fil, du havde valgt, er ikke gemt længere."))
            #expect(late.1.contains("Håndvasken er utæt</textarea>"))
            #expect(try await CaseFile.query(on: app.db).filter(\.$kind == .faultReport).count() == 0)
        }
    }

    @Test func aComplaintsSearchForAHomeKeepsItsPhotoAndRecording() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let who = try await ComplaintTests.neighbours(app)
            let resident = try await PageSessions.signIn(person: who.complainant, on: app)
            let path = SiteRoute.myComplaint(who.lease).path
            let formToken = UUID().uuidString
            // Sent without a date: the form comes back, and what was chosen is held.
            let refused = try await MultipartForm.post(
                app,
                path,
                [("description", "Høj musik"), ("token", formToken)],
                namedFiles: [
                    ("photos[]", "foto\u{7}.jpg", FaultReportTests.jpeg),
                    ("recordings[]", "musik.wav", ComplaintCourtStepsTests.wav),
                ],
                as: resident
            )
            #expect(refused.0 == .unprocessableEntity)
            // The search for a home sends the form with its ticks: the files ticked are kept.
            let ticks = try await Self.held(app).map { ("kept[]", $0.id.lowercasedString) }
            let searched = try await MultipartForm.post(
                app,
                path,
                [("step", "find"), ("find", "vej"), ("token", formToken)] + ticks,
                namedFiles: [],
                as: resident
            )
            #expect(searched.0 == .ok)
            #expect(searched.1.contains("<legend>Billeder, du allerede har valgt</legend>"))
            #expect(searched.1.contains("<legend>Lydfiler, du allerede har valgt</legend>"))
            let held = try await Self.held(app)
            // Listed by the name it came with, without its control character.
            #expect(held.first?.filename == "foto.jpg")
            #expect(held.map(\.kind) == ["photo", "recording"])
            let fields = [
                ("about", who.aboutDwelling.uuidString.lowercased()), ("date", "2026-11-21"),
                ("description", "Høj musik"), ("token", formToken),
            ]
            let sent = try await FaultReportTests.post(
                app,
                path,
                fields + held.map { ("kept[]", $0.id.lowercasedString) },
                as: resident
            )
            #expect(sent.0 == .seeOther)
            let complaint = try #require(try await NeighbourComplaint.query(on: app.db).first())
            // Photos first, then recordings, as the cards number them.
            let stored = try await CaseAttachment.query(on: app.db).filter(\.$caseID == complaint.caseID)
                .sort(\.$position).all()
            #expect(stored.map(\.contentType) == ["image/jpeg", "audio/wav"])
            #expect(try await Self.held(app).isEmpty)
        }
    }
}
