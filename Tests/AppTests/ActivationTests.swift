import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Collecting a CPR number at first login: the activation letter, the code, the consent, and
/// every way a code is refused.
@Suite("Activation")
struct ActivationTests {
    /// The code printed in the newest activation letter to `personID` (read from its PDF).
    static func code(in letter: Letter) throws -> String {
        let text = try PDFText.extract(letter.pdf)
        let pattern = try Regex("Din aktiveringskode: ([A-Z0-9]{4}.?[A-Z0-9]{4})")
        let match = try #require(text.firstMatch(of: pattern))
        return String(try #require(match.output[1].substring))
    }

    @Test func aTenantWithoutCPRActivatesWithTheCodeFromTheLetterAndConsents() async throws {
        let capture = LogCapture()
        try await withTestApp(seedHomes: 30, logger: capture.logger(level: .trace), running: true) { app in
            try await DemoCases.withholdCPR(app: app)
            let citizen = try #require(
                try await SandboxCitizen.query(on: app.db).filter(\.$mitidCPRCiphertext != nil).with(\.$person).first()
            )
            let personID = try citizen.person.requireID()
            #expect(citizen.person.cprLookupHash == nil)
            let staff = TestBrowser(base: app.almenConfig.publicBaseURL)
            let resident = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer {
                Task {
                    try? await staff.shutdown()
                    try? await resident.shutdown()
                }
            }
            _ = try await LoginFlowTests.logIn(staff, audience: .staff, role: "Administrator")
            let overview = try await staff.get(SiteRoute.activationAdmin.path)
            #expect(overview.status == 200)
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$person.$id == personID).first()
            )
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)

            #expect(try await staff.post(SiteRoute.activationLetters(organisation).path).status == 303)
            // A second click sends no second letter while the first code works.
            #expect(try await staff.post(SiteRoute.activationLetters(organisation).path).status == 303)

            let letters = try await Letter.query(on: app.db).filter(\.$recipient.$id == personID).all()
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            // No CPR number: the rules send it on paper, to the lease's address.
            #expect(letter.channel == .physical && letter.status == .awaitingPrint)
            let code = try Self.code(in: letter)
            #expect(
                try await ActivationCode.query(on: app.db).filter(\.$person.$id == personID).first()?.codeHash
                    == Activation.hash(ActivationCodeText.normalised(code)!)
            )

            // The MitID login lands on the activation form, not in the portal.
            _ = try await LoginFlowTests.logIn(resident, role: "uden CPR-nummer")
            #expect(try await resident.get(SiteRoute.myHome.path).status == 303)
            let form = try await resident.get(SiteRoute.activation.path)
            #expect(form.body.contains("Aktiveringskode"))
            let noConsent = try await resident.post(SiteRoute.activation.path, form: [("code", code)])
            #expect(noConsent.status == 422 && noConsent.body.contains("Sæt kryds ved samtykket"))
            // Nothing filled in: both problems at once, each at its field and linked above the
            // form; an empty code is not called wrong.
            let empty = try await resident.post(SiteRoute.activation.path, form: [])
            #expect(empty.status == 422)
            #expect(empty.body.contains(##"<li><a href="#code">Aktiveringskode: Skriv koden fra brevet.</a></li>"##))
            #expect(empty.body.contains(##"<li><a href="#consent">Samtykke: Sæt kryds ved samtykket"##))
            #expect(empty.body.contains(#"<p class="field-error" id="consent-error">"#))
            #expect(!empty.body.contains("Koden passer ikke"))
            // A wrong code keeps the tick and the code typed.
            let ticked = try await resident.post(
                SiteRoute.activation.path,
                form: [("code", "AAAA-AAAB"), ("consent", "ja")]
            )
            #expect(ticked.body.contains(#"value="ja" checked"#) && ticked.body.contains(#"value="AAAA-AAAB""#))
            #expect(ticked.body.contains(#"<p class="field-error" id="code-error">Koden passer ikke"#))
            let wrong = try await resident.post(
                SiteRoute.activation.path,
                form: [("code", "AAAA-AAAA"), ("consent", "ja")]
            )
            #expect(wrong.status == 422 && wrong.body.contains("Koden passer ikke til dig"))

            let done = try await resident.post(
                SiteRoute.activation.path,
                form: [("code", code.lowercased().replacingOccurrences(of: "-", with: " ")), ("consent", "ja")]
            )

            #expect(done.status == 303 && done.location == SiteRoute.myHome.path)
            #expect(try await resident.get(SiteRoute.myHome.path).status == 200)
            let person = try #require(try await Person.find(personID, on: app.db))
            #expect(person.cprLookupHash != nil)
            #expect(
                try await Consent.query(on: app.db).filter(\.$person.$id == personID).first()?.kind
                    == Consent.cprForDigitalPost
            )
            #expect(try await ActivationCode.query(on: app.db).filter(\.$person.$id == personID).first()?.usedAt != nil)
            #expect(try await PendingLink.query(on: app.db).count() == 0)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "cpr.captured").filter(
                    \.$dataSubjectID == personID
                ).count() == 1
            )
            // A notice on paper to the address, whatever Digital Post would allow now.
            let notice = try #require(
                try await Letter.query(on: app.db).filter(\.$recipient.$id == personID)
                    .filter(\.$subject == "Din adgang til beboerportalen er aktiveret").first()
            )
            #expect(notice.channel == .physical && notice.reasons == [.toTheAddress])
            // The CPR number MitID gave is in no log line and no URL of the whole flow.
            let cpr = try app.cprVault.open(try #require(citizen.mitidCPRCiphertext))
            let formatted = cpr.digits.prefix(6) + "-" + cpr.digits.suffix(4)
            for line in capture.messages + resident.visited + staff.visited {
                #expect(!line.contains(cpr.digits) && !line.contains(formatted), "\(line)")
            }
            #expect(capture.messages.count > 10)
            // The next login goes straight in.
            let again = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await again.shutdown() } }
            try await CasesTests.logIn(again, as: personID, app: app)
            #expect(try await again.get(SiteRoute.myHome.path).status == 200)
        }
    }

    @Test func aCodeIsRefusedForSomeoneElseAfterFiveTriesAndWithoutALogin() async throws {
        try await withTestApp(seedHomes: 30, running: true) { app in
            try await DemoCases.withholdCPR(app: app)
            let citizen = try #require(
                try await SandboxCitizen.query(on: app.db).filter(\.$mitidCPRCiphertext != nil).first()
            )
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            // No login waiting: the page says to log in, and a post is refused.
            #expect(try await browser.get(SiteRoute.activation.path).body.contains("Log ind med MitID først"))
            #expect(
                try await browser.post(SiteRoute.activation.path, form: [("code", "ABCD-EFGH"), ("consent", "ja")])
                    .status == 400
            )

            // A code issued to another tenant (with another family name) does not link this login.
            let familyName = try #require(try await Person.find(citizen.$person.id, on: app.db)).familyName
            let other = try #require(
                try await LeaseTenant.query(on: app.db).with(\.$person).sort(\.$id).all()
                    .first { $0.person.familyName != familyName }
            )
            other.person.cprCiphertext = nil
            other.person.cprLookupHash = nil
            try await other.person.update(on: app.db)
            let (row, code) = app.activation.issue(to: try other.person.requireID(), createdBy: nil)
            try await row.create(on: app.db)
            _ = try await LoginFlowTests.logIn(browser, role: "uden CPR-nummer")
            let refused = try await browser.post(SiteRoute.activation.path, form: [("code", code), ("consent", "ja")])
            // The same answer as a wrong code: the answer never says a code exists.
            #expect(refused.status == 422 && refused.body.contains("Koden passer ikke til dig"))
            #expect(try await Person.find(other.person.requireID(), on: app.db)?.cprLookupHash == nil)

            for _ in 0..<3 {
                _ = try await browser.post(SiteRoute.activation.path, form: [("code", "AAAA-AAAA"), ("consent", "ja")])
            }
            let last = try await browser.post(
                SiteRoute.activation.path,
                form: [("code", "AAAA-AAAA"), ("consent", "ja")]
            )
            #expect(last.body.contains("prøvet for mange gange"))
            #expect(try await PendingLink.query(on: app.db).count() == 0)
            #expect(try await ActivationCode.query(on: app.db).filter(\.$usedAt != nil).count() == 0)

            // A login left waiting too long: that is said first, not the empty form's problems.
            _ = try await LoginFlowTests.logIn(browser, role: "uden CPR-nummer")
            let waiting = try #require(try await PendingLink.query(on: app.db).first())
            waiting.createdAt = waiting.createdAt.addingTimeInterval(-PendingLink.lifetime - 60)
            try await waiting.update(on: app.db)
            let old = try await browser.post(SiteRoute.activation.path, form: [])
            #expect(old.status == 422 && old.body.contains("Dit login er udløbet"))
            #expect(!old.body.contains("Skriv koden fra brevet") && !old.body.contains(#"id="code""#))
        }
    }

    @Test func twoClicksAtOnceSendEachTenantOneCode() async throws {
        try await withTestApp(seedHomes: 30, running: true) { app in
            let tenancies = try await LeaseTenant.query(on: app.db).current().with(\.$person).sort(\.$id).range(..<6)
                .all()
            for tenancy in tenancies {
                tenancy.person.cprCiphertext = nil
                tenancy.person.cprLookupHash = nil
                try await tenancy.person.update(on: app.db)
            }
            let organisation = try await RegisterLookups.organisation(
                ofLease: try #require(tenancies.first).$lease.id,
                on: app.db
            )
            let staff = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await staff.shutdown() } }
            _ = try await LoginFlowTests.logIn(staff, audience: .staff, role: "Administrator")
            #expect(try await staff.get(SiteRoute.activationAdmin.path).status == 200)

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await staff.post(SiteRoute.activationLetters(organisation).path).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }

            #expect(statuses == [303, 303])
            let codes = try await ActivationCode.query(on: app.db).all()
            #expect(!codes.isEmpty)
            #expect(Set(codes.map(\.$person.id)).count == codes.count, "a tenant got two codes")
            let letters = try await Letter.query(on: app.db).filter(\.$recipient.$id ~~ codes.map(\.$person.id)).count()
            #expect(letters == codes.count)
        }
    }

    @Test func parallelRedeemsLinkOnePersonOnceAndCountEveryTry() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).with(\.$person).sort(\.$id).first())
            let person = tenancy.person
            person.cprCiphertext = nil
            person.cprLookupHash = nil
            try await person.update(on: app.db)
            let (row, code) = app.activation.issue(to: try person.requireID(), createdBy: nil)
            try await row.create(on: app.db)
            // Two MitID logins with the tenant's name (say, a namesake at the same address) and
            // different CPR numbers race with the same code.
            var pendings: [PendingLink] = []
            for (index, digits) in ["0101017001", "0202027002"].enumerated() {
                let cpr = try CPRNumber(digits)
                let pending = PendingLink(
                    id: UUID(),
                    tokenHash: "token-\(index)",
                    cprCiphertext: try app.cprVault.seal(cpr),
                    cprLookupHash: app.cprVault.lookupHash(cpr),
                    name: person.fullName,
                    authTime: testNow,
                    now: testNow
                )
                try await pending.create(on: app.db)
                pendings.append(pending)
            }
            let results = await withTaskGroup(of: Bool.self) { group in
                for pending in pendings {
                    group.addTask { (try? await app.activation.redeem(pending, typed: code, consented: true)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let stored = try #require(try await Person.find(person.requireID(), on: app.db))
            #expect(try await Consent.query(on: app.db).filter(\.$person.$id == person.requireID()).count() == 1)
            #expect(pendings.contains { $0.cprLookupHash == stored.cprLookupHash })

            // Ten wrong tries at once on one waiting login: five count, then it is gone.
            let cpr = try CPRNumber("0303037003")
            let pending = PendingLink(
                id: UUID(),
                tokenHash: "token-x",
                cprCiphertext: try app.cprVault.seal(cpr),
                cprLookupHash: app.cprVault.lookupHash(cpr),
                name: "Nogen Andre",
                authTime: testNow,
                now: testNow
            )
            try await pending.create(on: app.db)
            let refusals = await withTaskGroup(of: String.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await app.activation.redeem(pending, typed: "AAAA-AAAA", consented: true)
                            return "linked"
                        } catch let refusal as Activation.Refusal {
                            return refusal.rawValue
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(!refusals.contains("linked"))
            #expect(refusals.filter { $0 == Activation.Refusal.code.rawValue }.count <= 4)
            #expect(try await PendingLink.find(pending.requireID(), on: app.db) == nil)
        }
    }
}
