import AlmenDomain
import Fluent
import Foundation
import MeMo
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App
@testable import Sandbox

/// A caseworker's letter that Digital Post could not deliver is written again in its case: the
/// form comes back with what it said, the new letter goes, and the old one is never sent.
@Suite("Case letters written again")
struct CaseLetterTests {
    /// The stand-in's mailbox says when a letter came in Danish time, summer and winter.
    @Test func theStandInsMailboxSaysWhenInDanishTime() {
        #expect(SandboxPages.danishTime(Date(timeIntervalSince1970: 1_796_200_860)) == "2. december 2026 kl. 09.41")
        #expect(SandboxPages.danishTime(Date(timeIntervalSince1970: 1_782_890_940)) == "1. juli 2026 kl. 09.29")
    }

    @Test func aFailedLetterIsWrittenAgainInItsCaseAndTheOldOneIsNeverSent() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app)
            let caseID = try caseFile.requireID()
            let action = SiteRoute.staffCaseLetter(caseID).path
            let filled = [
                ("recipient", tenant.uuidString.lowercased()), ("subject", "Vandhanen"),
                ("text", "Vi kommer tirsdag.\r\n\r\nRing, hvis det ikke passer."),
            ]
            let (sent, _) = try await CaseDeadlinesTests.post(
                app,
                action,
                filled + [("step", "send"), ("token", UUID().uuidString)],
                as: staff
            )
            #expect(sent == .seeOther)
            let first = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            let firstID = try first.requireID()
            // The letter names its case in its information block.
            #expect(try PDFText.extract(first.pdf).contains(caseFile.number))
            // A letter that is not failed is not written again.
            #expect(
                !(try await CaseDeadlinesTests.get(app, SiteRoute.letter(firstID).path, as: staff).1.contains("omskriv"))
            )
            // NgDP refuses it for good.
            first.status = .failed
            try await first.update(on: app.db)
            let letterPage = try await CaseDeadlinesTests.get(app, SiteRoute.letter(firstID).path, as: staff).1
            let rewrite = SiteRoute.staffCase(caseID).path(query: [("omskriv", firstID.uuidString.lowercased())])
            #expect(letterPage.contains("href=\"\(rewrite)#brev\""))
            // The letter's page leads back to its case.
            #expect(letterPage.contains("<a href=\"\(SiteRoute.staffCase(caseID).path)\">\(caseFile.number)</a>"))

            // The form comes back with what the letter said, saying what happens to the old one.
            let form = try await CaseDeadlinesTests.get(app, rewrite, as: staff).1
            #expect(form.contains("Du skriver et brev om, som Digital Post ikke kunne levere."))
            #expect(form.contains(#"value="Vandhanen""#))
            // Kept with one kind of line break, as the text reads.
            #expect(form.contains("Vi kommer tirsdag.\n\nRing, hvis det ikke passer.</textarea>"))
            #expect(
                form.contains(#"<input type="hidden" name="replaces" value="\#(firstID.uuidString.lowercased())">"#)
            )
            // Another case's letter, or a made-up one, gives an empty form.
            let (other, _) = try await CaseDeadlinesTests.openCase(app)
            let elsewhere = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(try other.requireID()).path(query: [("omskriv", firstID.uuidString)]),
                as: staff
            ).1
            #expect(!elsewhere.contains("Vandhanen") && !elsewhere.contains("name=\"replaces\""))

            let again = filled + [("replaces", firstID.uuidString.lowercased())]
            let (previewed, preview) = try await CaseDeadlinesTests.post(
                app,
                action,
                again + [("step", "preview")],
                as: staff
            )
            #expect(previewed == .ok && preview.contains("Det er ikke sendt endnu"))
            #expect(preview.contains(#"name="replaces" value="\#(firstID.uuidString.lowercased())""#))
            let (resent, _) = try await CaseDeadlinesTests.post(
                app,
                action,
                again + [("step", "send"), ("token", UUID().uuidString)],
                as: staff
            )
            #expect(resent == .seeOther)
            let letters = try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).all()
            #expect(letters.count == 2)
            #expect(try await Letter.find(firstID, on: app.db)?.status == .replaced)
            let second = try #require(letters.first { $0.id != firstID })
            #expect(second.status != .failed && second.status != .replaced)
            let history = try await LetterEvent.query(on: app.db).filter(\.$letter.$id == firstID).all().map(\.kind)
            #expect(history.contains(.replaced))
            let oldPage = try await CaseDeadlinesTests.get(app, SiteRoute.letter(firstID).path, as: staff).1
            #expect(oldPage.contains("Skrevet om – et nyt brev er sendt i stedet"))
            #expect(oldPage.contains(#"href="\#(SiteRoute.letter(try second.requireID()).path)""#))
            #expect(!oldPage.contains("omskriv") && !oldPage.contains(SiteRoute.letterToPaper(firstID).path))

            // Written again a second time (another tab), or sent on paper after: nothing more goes.
            let (twice, body) = try await CaseDeadlinesTests.post(
                app,
                action,
                again + [("step", "send"), ("token", UUID().uuidString)],
                as: staff
            )
            #expect(twice == .conflict && body.contains("Det gamle brev er allerede sendt med posten"))
            let (paper, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.letterToPaper(firstID).path,
                [],
                as: staff
            )
            #expect(paper == .seeOther)
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 2)
            #expect(try await Letter.find(firstID, on: app.db)?.status == .replaced)

            // A failed letter not written in the form (a påkrav, a decision) is never cancelled
            // by a forged "replaces": nothing is sent, and it stays for a caseworker to settle.
            let notFromTheForm = try await app.letters().send(
                try await app.letters().prepare(
                    GeneralLetter(subject: "Afgørelse", paragraphs: ["Tekst."]),
                    to: tenant,
                    lease: try #require(caseFile.$lease.id)
                ),
                createdBy: nil,
                caseID: caseID
            )
            notFromTheForm.status = .failed
            try await notFromTheForm.update(on: app.db)
            let (forged, _) = try await CaseDeadlinesTests.post(
                app,
                action,
                filled + [
                    ("replaces", try notFromTheForm.requireID().uuidString), ("step", "send"),
                    ("token", UUID().uuidString),
                ],
                as: staff
            )
            #expect(forged == .conflict)
            #expect(try await Letter.find(try notFromTheForm.requireID(), on: app.db)?.status == .failed)
            #expect(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).count() == 3)
        }
    }

    /// "Svar på beskeden" in a case's history writes to the message's sender, and through Digital
    /// Post the letter carries the message's ReplyData, so it lands in the same thread of their
    /// mailbox. A message of another case is no thread.
    @Test func anAnswerToAMessageGoesInItsThread() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 60, clock: clock, running: true) { app in
            let standIn = try #require(app.ngdpStandIn)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let (tenant, message) = try await ReceivingSystemTests.mailFromATenant(app, browser, label: "Utæt vindue")
            let uuid = message.messageUUID
            let messageID = try message.requireID()
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let (opened, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.incomingMailCase(messageID).path,
                [("kind", "general")],
                as: staff
            )
            #expect(opened == .seeOther)
            let caseID = try #require(try await IncomingMessage.find(messageID, on: app.db)?.$caseFile.id)

            // The history offers the answer; it opens the form filled in for the sender.
            let answer = SiteRoute.staffCase(caseID).path(query: [("svar", messageID.lowercasedString)])
            let page = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(page.contains(#"<a href="\#(answer)#brev">Svar på beskeden"#))
            let form = try await CaseDeadlinesTests.get(app, answer, as: staff).1
            #expect(form.contains("Brevet svarer på beskeden \u{201D}Utæt vindue\u{201D}."))
            #expect(form.contains(#"value="Sv: Utæt vindue""#))
            #expect(form.contains(#"<option value="\#(tenant.person.lowercasedString)" selected>"#))
            #expect(form.contains(#"<input type="hidden" name="replyTo" value="\#(messageID.lowercasedString)">"#))
            // Another case's page does not answer it.
            let (other, _) = try await CaseDeadlinesTests.openCase(app)
            let elsewhere = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.staffCase(try other.requireID()).path(query: [("svar", messageID.lowercasedString)]),
                as: staff
            ).1
            #expect(!elsewhere.contains("Brevet svarer på beskeden") && !elsewhere.contains(#"name="replyTo""#))

            let (sent, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseLetter(caseID).path,
                [
                    ("recipient", tenant.person.lowercasedString), ("subject", "Sv: Utæt vindue"),
                    ("text", "Vi kommer og ser på vinduet torsdag."), ("replyTo", messageID.lowercasedString),
                    ("step", "send"), ("token", UUID().uuidString),
                ],
                as: staff
            )
            #expect(sent == .seeOther)
            let letter = try #require(try await Letter.query(on: app.db).filter(\.$caseFile.$id == caseID).first())
            let outbox = try #require(try await letter.$digitalPostLetter.get(on: app.db))
            #expect(outbox.replyToMessageUUID == uuid)
            try await DigitalPostOutboxTests.drain(
                [app.jobRunner(id: "letters", settings: DigitalPostOutboxTests.quick)],
                app: app,
                clock: clock
            )
            let memo = try MeMoParser().parse(try #require(await standIn.deliveredMessage(outbox.messageUUID)))
            #expect(memo.header.replyData.map(\.messageUUID) == [uuid])
            // In the stand-in's mailboxes, whoever got mail last comes first, with their letter.
            let name = try #require(try await Person.find(tenant.person, on: app.db)).fullName
            let mailboxes = try await browser.get("/sandbox/ngdp/postkasse").body
            let first = try #require(
                mailboxes.firstMatch(
                    of:
                        #/<li><a href="(/sandbox/ngdp/postkasse/[0-9a-f-]+)">([^<]+)</a> <span class="meta">([^<]+)</span>/#
                )
            )
            #expect(String(first.output.2) == name.htmlEscapedForTest && first.output.3 == "1 brev")
            let mailbox = try await browser.get(String(first.output.1)).body
            #expect(mailbox.contains("Sv: Utæt vindue"))
            // When it came, as a Danish reader reads it.
            #expect(mailbox.contains(#/ · \d{1,2}\. [a-z]+ \d{4} kl\. \d{2}\.\d{2}</p>/#))

            // The letter keeps what it answers, whatever its channel: the history says so beside
            // it (to staff and to the resident), and the message's page links to it.
            #expect(letter.answersMessageID == messageID)
            let answered = "Svar på beskeden \u{201D}Utæt vindue\u{201D}"
            let history = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(history.contains(#"<span class="meta">\#(answered)</span>"#))
            let resident = try await PageSessions.signIn(person: tenant.person, on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.myCase(caseID).path, as: resident).1
            #expect(theirs.contains(#"<span class="meta">\#(answered)</span>"#))
            let messagePage = try await CaseDeadlinesTests.get(
                app,
                SiteRoute.incomingMessage(messageID).path,
                as: staff
            )
            #expect(messagePage.0 == .ok)
            #expect(
                messagePage.1.contains(
                    #"<dt>Besvaret med</dt><dd><ul class="plain-list"><li><a href="\#(SiteRoute.letter(try letter.requireID()).path)">Sv: Utæt vindue</a>"#
                )
            )
            // A letter that answers nothing is not marked.
            let (plain, _) = try await CaseDeadlinesTests.post(
                app,
                SiteRoute.staffCaseLetter(caseID).path,
                [
                    ("recipient", tenant.person.lowercasedString), ("subject", "Håndværkeren kommer"),
                    ("text", "Han kommer kl. 8."), ("step", "send"), ("token", UUID().uuidString),
                ],
                as: staff
            )
            #expect(plain == .seeOther)
            let after = try await CaseDeadlinesTests.get(app, SiteRoute.staffCase(caseID).path, as: staff).1
            #expect(after.components(separatedBy: "Svar på beskeden \u{201D}").count == 2)
            // Made an answer, written later: of more answers than the page lists, the latest are
            // listed, oldest first.
            let sql = try #require(app.db as? any SQLDatabase)
            let later = try #require(
                try await Letter.query(on: app.db).filter(\.$subject == "Håndværkeren kommer").first()
            )
            later.answersMessageID = messageID
            later.createdAt = letter.createdAt.addingTimeInterval(60)
            try await later.save(on: app.db)
            let both = try await IncomingMessagePage.answers(to: messageID, on: sql)
            #expect(both.map(\.subject) == ["Sv: Utæt vindue", "Håndværkeren kommer"])
            let latest = try await IncomingMessagePage.answers(to: messageID, limit: 1, on: sql)
            #expect(latest.map(\.subject) == ["Håndværkeren kommer"])
        }
    }

    /// A letter written on the way (a question to a sub-tenant) acknowledges a sub-letting but
    /// does not answer it: the answer is the decision, and its date stays promised.
    @Test func aLetterOnTheWayMeetsTheReceiptButNotTheAnswerOfARequest() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            for (kind, answered) in [(CaseKind.subletting, false), (.general, true)] {
                let (caseFile, tenant) = try await CaseDeadlinesTests.openCase(app, kind: kind)
                let caseID = try caseFile.requireID()
                #expect(try await CaseDeadlinesTests.deadlines(app, of: caseID).contains { $0.kind == .answer })
                let (sent, _) = try await CaseDeadlinesTests.post(
                    app,
                    SiteRoute.staffCaseLetter(caseID).path,
                    [
                        ("recipient", tenant.uuidString.lowercased()), ("subject", "Et spørgsmål"),
                        ("text", "Hvor mange værelser lejer du ud?"), ("step", "send"), ("token", UUID().uuidString),
                    ],
                    as: staff
                )
                #expect(sent == .seeOther)
                let deadlines = try await CaseDeadlinesTests.deadlines(app, of: caseID)
                #expect(deadlines.first { $0.kind == .receipt }.map { $0.metAt != nil } == true, "\(kind)")
                #expect(deadlines.first { $0.kind == .answer }.map { ($0.metAt != nil) == answered } == true, "\(kind)")
            }
        }
    }
}
