import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Administrators edit an organisation's template over HTTP: preview, refusal of a broken text,
/// saving versions, and letters made afterwards use the saved version.
@Suite("Letter template editor")
struct LetterTemplateEditorTests {
    @Test func anAdministratorPreviewsIsRefusedABrokenTextAndSavesVersions() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await LoginFlowTests.logIn(browser, audience: .staff, role: "Administrator")
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).sort(\.$id).first())
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            let path = SiteRoute.letterTemplate(organisation, .general).path
            let editor = try await browser.get(path)
            #expect(editor.status == 200)
            #expect(editor.body.contains("#(recipientName)"))
            #expect(editor.body.contains("Standardtekst"))

            let preview = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "Hej #(recipientName)"), ("intent", "preview")]
            )
            let broken = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "| a | b |\n| c |"), ("intent", "save")]
            )
            // Leaf's mistakes are said in Danish, never in Leaf's English.
            let unclosed = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "Hej\n#(\"navn)"), ("intent", "save")]
            )
            let unclosedTag = try await browser.post(
                path,
                form: [
                    ("subject", "#(subject)"), ("body", "Hej\n#(recipientName\nMed venlig hilsen"), ("intent", "save"),
                ]
            )
            let unknownField = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "Hej #(recipientName)\nog #(navn)"), ("intent", "save")]
            )
            let badCharacter = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "Hej #(recipientName;)"), ("intent", "save")]
            )
            let saved = try await browser.post(
                path,
                form: [
                    ("subject", "#(subject)"),
                    ("body", "Hej #(recipientName)\n\n#for(p in paragraphs):#(p)\n\n#endfor"), ("intent", "save"),
                ]
            )
            let again = try await browser.post(
                path,
                form: [("subject", "#(subject)"), ("body", "Kære #(recipientName)"), ("intent", "save")]
            )

            #expect(preview.status == 200)
            #expect(preview.header("Content-Type").first == "application/pdf")
            #expect(preview.body.hasPrefix("%PDF-"))
            #expect(broken.status == 422)
            #expect(
                broken.body.contains(
                    "Linje 2 i skabelonens brødtekst: Rækken har 1 celle, men overskriftsrækken har 2."
                )
            )
            #expect(unclosed.status == 422)
            #expect(unclosed.body.contains("(linje 2) kan ikke bruges: En tekst i anførselstegn er ikke afsluttet."))
            #expect(unclosedTag.status == 422)
            #expect(
                unclosedTag.body.contains("(linje 2) kan ikke bruges: Et #( … ) er ikke lukket med »)« på samme linje.")
            )
            // A misspelt field would print as nothing: refused, named, with its line.
            #expect(unknownField.status == 422)
            #expect(unknownField.body.contains("(linje 2) kan ikke bruges: Brevet har intet felt, der hedder »navn«."))
            #expect(badCharacter.status == 422)
            #expect(badCharacter.body.contains("kan ikke bruges: Tegnet »;« kan ikke stå inde i et #( … )."))
            for refused in [broken, unclosed, badCharacter] {
                #expect(!refused.body.contains("LexerError") && !refused.body.contains("table row has"))
            }
            #expect(saved.status == 303)
            #expect(again.status == 303)
            let versions = try await LetterTemplate.query(on: app.db).filter(
                \.$scope == organisation.uuidString.lowercased()
            ).sort(\.$version).all()
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.last?.bodySource == "Kære #(recipientName)")
            let after = try await browser.get(path)
            #expect(after.body.contains("Egen udgave 2"))
            let letter = try await app.letters().send(
                try await app.letters().prepare(GeneralLetter.demo, to: tenancy.$person.id, lease: tenancy.$lease.id),
                createdBy: nil
            )
            #expect(letter.$template.id == versions.last?.id)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "letter_template.save").count() == 2)
        }
    }

    /// An 8 x 3 pixel PNG.
    static let logo = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAgAAAADCAYAAACuyE5IAAAAEUlEQVR4nGNgiHL7jxdTrAAAY7wm6dJeQHwAAAAASUVORK5CYII="
    )!

    @Test func everyBuiltInTemplateNamesOnlyItsLettersFields() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).first()).requireID()
            for kind in LetterKind.allCases {
                let preview = try await app.letters().previewTemplate(
                    kind,
                    organisationID: organisation,
                    text: try LetterTemplateText.builtIn(kind)
                )
                #expect(preview.pdf.starts(with: Data("%PDF-".utf8)), "\(kind)")
            }
            #expect(
                LetterTemplateRenderer.unknownField(
                    in: "#for(p in paragraphs):#(p)#endfor #if(count(rows) > 0 and \"x y\"):#(a.b)#endif #(c)",
                    known: ["paragraphs", "rows", "a"]
                )?.name == "c"
            )
        }
    }

    @Test func anAdministratorGivesTheOrganisationALogoThatItsLettersCarry() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await LoginFlowTests.logIn(browser, audience: .staff, role: "Administrator")
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).sort(\.$id).first())
            let organisation = try await RegisterLookups.organisation(ofLease: tenancy.$lease.id, on: app.db)
            let page = try await browser.get(
                SiteRoute.letterTemplates.path(query: [("organisation", organisation.uuidString)])
            )
            #expect(page.body.contains("Boligorganisationen har intet logo"))
            let path = SiteRoute.organisationLogo(organisation).path

            let notPNG = try await browser.postFile(
                path,
                field: "logo",
                filename: "logo.png",
                contentType: "image/png",
                data: Data("GIF89a".utf8)
            )
            let tooLarge = try await browser.postFile(
                path,
                field: "logo",
                filename: "logo.png",
                contentType: "image/png",
                data: Self.logo + Data(count: 260 * 1024)
            )
            let good = try await browser.postFile(
                path,
                field: "logo",
                filename: "logo.png",
                contentType: "image/png",
                data: Self.logo
            )

            #expect(notPNG.location?.hasSuffix("besked=logo-ugyldig") == true)
            #expect(tooLarge.location?.hasSuffix("besked=logo-stor") == true)
            #expect(good.location?.hasSuffix("besked=logo-gemt") == true)
            let shown = try await browser.get(path)
            #expect(shown.status == 200 && shown.header("Content-Type").first == "image/png")
            let letter = try await app.letters().prepare(
                GeneralLetter.demo,
                to: tenancy.$person.id,
                lease: tenancy.$lease.id
            )
            #expect(letter.document.sender.logoPNG == Self.logo)
            #expect(String(decoding: letter.rendered.pdf, as: UTF8.self).contains("/Subtype /Image"))

            let removed = try await browser.post(SiteRoute.organisationLogoRemove(organisation).path)
            #expect(removed.location?.hasSuffix("besked=logo-fjernet") == true)
            #expect(try await OrganisationLogo.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "organisation_logo.upload").count() == 1)
        }
    }
}
