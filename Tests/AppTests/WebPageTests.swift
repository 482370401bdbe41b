import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The public pages, rendered over HTTP in both languages.
@Suite("Web pages")
struct WebPageTests {
    @Test func frontPageListsOrganisationsAndDepartmentsWithTheDemoBanner() async throws {
        try await withTestApp(seedHomes: 400) { app in
            let organisations = try await FrontPageController.query(on: app.db)
            #expect(organisations.count >= 1)
            #expect(organisations.reduce(0) { $0 + $1.homes } == 400)
            try await app.testing().test(.GET, "/") { res async throws in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains(#"<html lang="da">"#))
                #expect(html.contains("Demo: alle personer, adresser og CPR-numre er opdigtede."))
                for organisation in organisations {
                    #expect(html.contains(organisation.name.htmlEscapedForTest))
                    #expect(html.contains(organisation.href))
                }
                // A visitor is shown how to log in, and the help.
                #expect(html.contains(#"<a class="button" href="/log-ind?tilbage=/mit-hjem">Log ind</a>"#))
                #expect(html.contains(#"<a href="/hjaelp">Find svar i hjælpen"#))
            }
            // A resident is sent on to "Mit hjem", staff to the cases.
            let tenancy = try #require(try await TerminationNoticeTests.tenancies(1, on: app).first)
            let resident = try await PageSessions.signIn(person: tenancy.person_id, on: app)
            let theirs = try await CaseDeadlinesTests.get(app, SiteRoute.home.path, as: resident).1
            #expect(theirs.contains(#"<a class="button" href="/mit-hjem">Gå til Mit hjem</a>"#))
            let staff = try await PageSessions.signIn(staff: try await CaseDeadlinesTests.administrator(app), on: app)
            let staffs = try await CaseDeadlinesTests.get(app, SiteRoute.home.path, as: staff).1
            #expect(staffs.contains(#"<a class="button" href="/admin/sager">Gå til sagerne</a>"#))
            #expect(staffs.contains("Til administrationen") && !staffs.contains("Bor du i en af boligerne?"))
            // The calculator for moving out is the residents'.
            #expect(!staffs.contains("teaser-title") && theirs.contains("teaser-title"))
            for organisation in organisations {
                try await app.testing().test(.GET, organisation.href) { res async throws in
                    #expect(res.status == .ok)
                    for department in organisation.departments {
                        #expect(res.body.string.contains(department.name))
                    }
                }
            }
            try await app.testing().test(.GET, SiteRoute.organisation(UUID()).path) { res async throws in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func emptyRegisterSaysSoAndShowsNoDemoBanner() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Der er endnu ingen boligorganisationer i registret."))
                #expect(!res.body.string.contains("demo-banner"))
            }
        }
    }

    @Test func englishIsChosenByQueryAndRememberedInACookie() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/?lang=en") { res async throws in
                #expect(res.body.string.contains(#"<html lang="en">"#))
                #expect(res.body.string.contains("Housing organisations"))
                #expect(res.headers.setCookie?["lang"]?.string == "en")
            }
            try await app.testing().test(
                .GET,
                "/",
                beforeRequest: { req in
                    req.headers.cookie = ["lang": "en"]
                }
            ) { res async throws in
                #expect(res.body.string.contains("When can I move out?"))
            }
        }
    }

    @Test func calculatorShowsTheEndDateAndHowItWasFound() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/fraflytning/beregner") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Hvornår kan jeg fraflytte?"))
                #expect(res.body.string.contains(#"<label for="received">"#))
            }
            try await app.testing().test(.GET, "/fraflytning/beregner?received=2025-12-10&housing=family") {
                res async throws in
                let html = res.body.string
                #expect(html.contains(#"<time datetime="2026-04-07">tirsdag den 7. april 2026</time>"#))
                #expect(html.contains("Onsdag den 1. april 2026 kan ikke bruges: dagen før Skærtorsdag."))
            }
            try await app.testing().test(.GET, "/fraflytning/beregner?received=2025-12-10&lang=en") {
                res async throws in
                #expect(res.body.string.contains("Tuesday 7 April 2026"))
            }
        }
    }

    /// A page someone may not open says so in Danish, without a status code.
    @Test func aForbiddenPageSaysYouHaveNoAccess() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let caseworker = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first()
            ).requireID()
            let token = try await PageSessions.signIn(staff: caseworker, on: app)
            let page = try await ListPagingTests.get(app, SiteRoute.administration.path, token: token)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("Du har ikke adgang til denne side."))
            // No status code in the text a reader sees (attribute values, such as the random CSRF
            // token, may hold the digits by chance).
            #expect(page.body.firstMatch(of: />[^<]*\b403\b/) == nil)
        }
    }

    @Test func calculatorKeepsTheInputAndExplainsAnErrorInDanish() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/fraflytning/beregner?received=2026-02-30&housing=youth&noticeWeeks=8")
            { res async throws in
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains(#"role="alert""#))
                #expect(html.contains("Skal være en gyldig dato skrevet ÅÅÅÅ-MM-DD."))
                #expect(html.contains(#"value="2026-02-30""#))
                #expect(html.contains(#"aria-invalid="true""#))
                #expect(html.contains(#"<option value="youth" selected>"#))
            }
            // Sent without a date: the field says what is missing, rather than nothing happening.
            try await app.testing().test(.GET, "/fraflytning/beregner?received=&housing=family") { res async throws in
                let html = res.body.string
                #expect(html.contains(#"role="alert""#))
                #expect(html.contains("Vælg den dato, opsigelsen blev modtaget."))
                #expect(html.contains(#"aria-invalid="true""#))
            }
            try await app.testing().test(.GET, "/fraflytning/beregner?received=2026-03-01&housing=youth&noticeWeeks=4")
            { res async throws in
                #expect(res.body.string.contains("mindst 6 uger"))
            }
        }
    }

    @Test func unknownPageIsADanishNotFoundPage() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/findes-ikke") { res async throws in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("Siden findes ikke"))
            }
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withTestApp { app in
            for path in ["/", "/fraflytning/beregner", "/api/v1/rules/holidays?year=2026", "/css/almen.css", "/nope"] {
                try await app.testing().test(.GET, path) { res async throws in
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(!csp.contains("unsafe-inline"), "\(path)")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                }
            }
        }
    }

    /// The public files are served whatever the path's escapes; a page's path is not looked up
    /// on disk, and a path beside the public folders is a page's, or nothing.
    @Test func publicFilesAreServedAndPagesAreNotLookedUpOnDisk() async throws {
        let files = PublicFilesMiddleware(publicDirectory: Resources.directory + "Public/")
        #expect(files.prefixes.contains("/css/") && files.prefixes.contains("/js/"))
        for (path, isFile) in [
            ("/css/almen.css", true), ("/js/copy-field.js", true), ("/%63ss/almen.css", true),
            ("/admin/sager", false), ("/", false), ("/cssx/almen.css", false), ("/css", false),
        ] {
            #expect(files.mayBeFile(path) == isFile, "\(path)")
        }
        try await withTestApp { app in
            for (path, status) in [
                ("/css/almen.css", HTTPStatus.ok), ("/%63ss/almen.css", .ok), ("/js/copy-field.js", .ok),
                ("/css/findes-ikke.css", .notFound), ("/css/../Package.swift", .forbidden),
            ] {
                try await app.testing().test(.GET, path) { res async throws in
                    #expect(res.status == status, "\(path)")
                    if status == .ok { #expect(res.body.readableBytes > 100, "\(path)") }
                }
            }
        }
    }

    @Test func everyUIStringExistsInBothLanguages() {
        #expect(Set(Strings.danish.keys) == Set(Strings.english.keys))
        #expect(Strings.danish.values.allSatisfy { !$0.isEmpty })
    }
}

extension String {
    /// The way Leaf escapes text into HTML, for comparing rendered pages.
    var htmlEscapedForTest: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
