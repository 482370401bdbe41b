import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// The help centre: the starting set, safe Markdown, Danish search on the database, articles per
/// organisation and department, and staff writing, previewing and publishing them.
@Suite("Help centre")
struct HelpTests {
    // MARK: The starting set

    @Test func theStartingSetIsCompleteAndEveryLinkResolves() throws {
        let articles = try HelpStartingSet.load()
        let slugs = Set(articles.map(\.slug))
        #expect(articles.count >= 25)
        for required in [
            "beboerdemokrati", "afdelingsmoedet", "afdelingsbestyrelsen", "organisationsbestyrelsen",
            "repraesentantskabet", "husorden", "noegler-og-navneskilte", "rygning", "forsikring", "raaderet",
            "opsigelse", "delvis-fremleje", "fremleje", "boligbytte", "ferie-bytte-og-udlejning", "fraflytningssyn",
            "naboklage", "husleje-og-betaling", "restance-og-paakrav", "digital-post", "persondata", "tilgaengelighed",
        ] {
            #expect(slugs.contains(required), "\(required) is missing")
        }
        for article in articles {
            // Every built-in article passes the same check as an article written by staff.
            let form = HelpArticleForm(slug: article.slug, scope: "o", text: article.text)
            switch form.check(known: slugs) {
            case .success(let text): #expect(text == article.text, "\(article.slug) changes when checked")
            case .failure(let problems): Issue.record("\(article.slug): \(problems.list)")
            }
            #expect(article.text.english != nil, "\(article.slug) has no English translation")
            #expect(!article.text.related.isEmpty, "\(article.slug) has no related articles")
            #expect(!article.text.danish.body.contains("<"), "\(article.slug) has HTML")
        }
        #expect(articles.first { $0.slug == "opsigelse" }?.text.embed == .terminationCalculator)
    }

    @Test func aFileWithoutItsFrontMatterIsRefused() {
        #expect(throws: HelpStartingSet.LoadError.missingField(file: "x.md", field: "front matter")) {
            try HelpStartingSet.parse("# Titel\n\nTekst", name: "x.md")
        }
        #expect(throws: HelpStartingSet.LoadError.missingField(file: "x.md", field: "summary")) {
            try HelpStartingSet.parse("---\ntitle: T\n---\nTekst", name: "x.md").language()
        }
    }

    // MARK: Markdown

    @Test(
        "Markdown becomes safe HTML",
        arguments: [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("Tekst <b onmouseover=\"x\">fed</b>", "&lt;b onmouseover=&quot;x&quot;&gt;"),
            ("[klik](javascript:alert(1))", "<p>klik</p>"),
            ("&<svg/onload=alert(1)>;", "&amp;&lt;svg/onload=alert(1)&gt;;"),
            ("&<meta/http-equiv=refresh/content=0,url=https://evil.example>", "&amp;&lt;meta/"),
            ("```x\"><meta http-equiv=refresh>```", "&quot;&gt;&lt;meta"),
            ("Se [vejledningen](/hjaelp/opsigelse?x=1&y=2)", "href=\"/hjaelp/opsigelse?x=1&amp;y=2\""),
            ("Se [vejledningen](/hjaelp/x\"onclick=\"y)", "<p>Se vejledningen</p>"),
            (
                "**fed** og *kursiv* og `kode <b>`",
                "<strong>fed</strong> og <em>kursiv</em> og <code>kode &lt;b&gt;</code>"
            ),
            ("1. et\n2. to", "<ol><li>et</li><li>to</li></ol>"),
            ("<5 år\n\nmere tekst > citat", "<p>mere tekst &gt; citat</p>"),
            // A combining or prepended character joined to "<", ">" or a quote in one grapheme.
            ("\u{600}<img src=x onerror=alert(1)>\u{301}", "&lt;img src=x onerror=alert(1)"),
            ("[a](/hjaelp?x\u{600}\"/autofocus/onfocus=alert(1)//)", "<p>a</p>"),
            ("[a](//\u{FE0F}evil.example)", "<p>a</p>"),
            ("[klik](https://www.borger.dk)", "<a href=\"https://www.borger.dk\" rel=\"noopener noreferrer\">klik</a>"),
            ("[opsigelse](/hjaelp/opsigelse)", "<a href=\"/hjaelp/opsigelse\">opsigelse</a>"),
            ("[x](https://a.dk\"onclick=\"y)", "<p>x</p>"),
            ("![billede](https://a.dk/x.png)", "billede"),
            ("# Stor overskrift", "<h2>Stor overskrift</h2>"),
            ("## Afsnit\n\n- et\n- to", "<h2>Afsnit</h2><ul><li>et</li><li>to</li></ul>"),
        ]
    )
    func markdown(source: String, expected: String) {
        let rendered = HelpMarkdown.render(source)
        #expect(rendered.html.contains(expected), "\(rendered.html)")
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("<img"))
        #expect(!rendered.html.contains("<svg") && !rendered.html.contains("<meta"))
        // Checked byte by byte, as a browser reads it (Swift compares whole graphemes).
        let bytes = Data(rendered.html.utf8)
        for tag in ["<img", "<svg", "<meta", "<script", "\"/autofocus", "href=\"//"] {
            #expect(bytes.range(of: Data(tag.utf8)) == nil, "\(tag) in \(rendered.html)")
        }
        #expect(!rendered.html.contains("javascript:") || !rendered.html.contains("href=\"javascript"))
    }

    /// Unclosed brackets, stars and backticks cost one pass over the text (a general Markdown
    /// parser took exponential time in the number of unclosed brackets).
    @Test func pathologicalTextRendersInOnePass() {
        let text =
            String(repeating: "[", count: 20_000) + "](" + String(repeating: "*a", count: 20_000)
            + String(repeating: "`", count: 1) + String(repeating: "[x](", count: 10_000)
        let rendered = HelpMarkdown.render(text)
        #expect(rendered.html.hasPrefix("<p>[[["))
        #expect(!rendered.html.contains("<a "))
    }

    @Test func theEditorsCheckNamesEachProblemAtItsField() {
        var form = HelpArticleForm(
            slug: "vaskeri",
            scope: "o",
            text: HelpArticleText(
                topic: .home,
                related: ["findes-ikke"],
                embed: nil,
                danish: .init(title: "", summary: "Tider", body: "[her](/hjaelp/ukendt) og [der](ftp://x.dk)"),
                english: nil
            )
        )
        form.title_en = "Laundry"
        guard case .failure(let problems) = form.check(known: ["vaskeri", "husorden"]) else {
            Issue.record("the form passed")
            return
        }
        let fields = problems.list.map(\.field)
        #expect(fields.contains("title_da"))
        #expect(fields.contains("related"))
        #expect(problems.list.contains { $0.field == "body_da" && $0.key == "helpErrorLinkArticle" })
        #expect(problems.list.contains { $0.field == "body_da" && $0.key == "helpErrorLink" })
        // An English title without the rest of the translation.
        #expect(fields.contains("summary_en") && fields.contains("body_en"))
    }

    // MARK: On the database

    @Test func danishWordFormsFindTheRightArticleInTheReadersOrganisationOnly() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let library = HelpLibrary(database: app.db, dependencies: app.dependencies)
            #expect(try await library.installStartingSet() >= 25)
            #expect(try await library.installStartingSet() == 0, "installing again changes nothing")
            for (query, slug) in [
                ("opsige", "opsigelse"), ("opsagt", "opsigelse"), ("Opsigelsen af min lejlighed", "opsigelse"),
                ("fremlejer", "fremleje"), ("påkravet", "restance-og-paakrav"), ("naboklager", "naboklage"),
                ("indboforsikring", "forsikring"), ("boligbytte", "boligbytte"),
            ] {
                let hits = try await HelpPage.search(query, language: .da, in: .builtIn, on: app.db)
                #expect(hits.prefix(2).contains { $0.slug == slug }, "\(query): \(hits.map(\.slug))")
            }
            for query in ["sub-letting", "subletting"] {
                let english = try await HelpPage.search(query, language: .en, in: .builtIn, on: app.db)
                #expect(english.contains { $0.slug == "fremleje" }, "\(query): \(english.map(\.slug))")
                // In the reader's language.
                #expect(english.first { $0.slug == "fremleje" }?.title.lowercased().contains("sub") == true)
            }
            // A single digit matches nothing (it would match every "1." in the texts).
            #expect(
                try await HelpPage.search("<script>alert(1)</script>", language: .da, in: .builtIn, on: app.db).isEmpty
            )
            #expect(try await HelpPage.search("og i på", language: .da, in: .builtIn, on: app.db).isEmpty)

            // An organisation's own article, and a department's replacement of a built-in one.
            let organisations = try await app.registerSummary.organisations(on: app.db)
            let (first, second) = (organisations[0], organisations[1])
            let laundry = try await library.create(
                scope: .organisation(first.id),
                slug: "vaskeri",
                text: Self.text(title: "Vaskeriets åbningstider", body: "Vaskeriet er åbent hver dag."),
                by: nil
            )
            try await publishLatest(laundry, library: library, on: app.db)
            let department = first.departments[0]
            let smoking = try await library.create(
                scope: .department(department.id, organisation: first.id),
                slug: "rygning",
                text: Self.text(title: "Røgfri afdeling", body: "Hele afdelingen er røgfri fra 2027."),
                by: nil
            )
            // A draft is not read by anyone.
            #expect(
                try await HelpPage.article(
                    "rygning",
                    in: .department(department.id, organisation: first.id),
                    on: app.db
                )?.title_da != "Røgfri afdeling"
            )
            try await publishLatest(smoking, library: library, on: app.db)

            let inDepartment = HelpScope.department(department.id, organisation: first.id)
            #expect(try await HelpPage.article("rygning", in: inDepartment, on: app.db)?.title_da == "Røgfri afdeling")
            #expect(try await HelpPage.article("rygning", in: .organisation(first.id), on: app.db)?.scope_rank == 0)
            #expect(
                try await HelpPage.search("vaskeriet", language: .da, in: inDepartment, on: app.db).first?.slug
                    == "vaskeri"
            )
            #expect(
                try await !HelpPage.search("vaskeriet", language: .da, in: .organisation(second.id), on: app.db)
                    .contains { $0.slug == "vaskeri" }
            )
            #expect(try await HelpPage.article("vaskeri", in: .organisation(second.id), on: app.db) == nil)
            let visible = try await HelpPage.visible(in: inDepartment, on: app.db)
            #expect(visible.filter { $0.slug == "rygning" }.map(\.title_da) == ["Røgfri afdeling"])
            // The replaced built-in article is not found by a search in the department either.
            let smokingHits = try await HelpPage.search("røgfri", language: .da, in: inDepartment, on: app.db)
            #expect(smokingHits.filter { $0.slug == "rygning" }.count == 1)
        }
    }

    /// A marked text is written as HTML: escaped, each word found in `<mark>`.
    @Test(arguments: [
        ("Opsig <b>lejemålet</b> & flyt", "opsige", "<mark>Opsig</mark> &lt;b&gt;lejemålet&lt;/b&gt; &amp; flyt"),
        ("Du opsiger med \"3 måneders\" varsel", "opsige", "Du <mark>opsiger</mark> med &quot;3 måneders&quot; varsel"),
        ("Ingen træf her", "opsige", "Ingen træf her"),
    ])
    func aMarkedTextIsEscapedHTML(text: String, query: String, html: String) {
        #expect(MarkedText(text, terms: Set(HelpPage.queryTerms(query, .da))).html == html)
    }

    /// An excerpt is cut around the first word found within its first page; a text whose first
    /// match is further in shows its beginning.
    @Test func anExcerptLooksForItsWordWithinThePagesBeginning() {
        let filler = String(repeating: "Lorem ipsum dolor sit amet. ", count: 20)
        let terms = Set(HelpPage.queryTerms("opsige", .da))
        let early = MarkedText.excerpt(filler + "Du kan opsige lejemålet. " + filler, terms: terms)
        #expect(early.html.contains("<mark>opsige</mark>"))
        #expect(early.html.hasPrefix("… "))
        let late = MarkedText.excerpt(
            String(repeating: filler, count: 10) + "Du kan opsige lejemålet.",
            terms: terms
        )
        #expect(!late.html.contains("<mark>"))
        #expect(late.html.hasPrefix("Lorem ipsum"))
    }

    @Test func theHelpPagesShowTopicsResultsAndArticles() async throws {
        try await withTestApp(seedHomes: 80) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            try await app.testing().test(.GET, SiteRoute.help.path) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Beboerdemokrati"))
                #expect(res.body.string.contains(SiteRoute.helpArticle("opsigelse").path))
            }
            try await app.testing().test(.GET, SiteRoute.help.path + "?q=opsige") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("<mark>"))
                #expect(res.body.string.contains(SiteRoute.helpArticle("opsigelse").path))
            }
            try await app.testing().test(.GET, SiteRoute.help.path + "?q=%3Cscript%3E") { res async throws in
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("<script>"))
            }
            try await app.testing().test(.GET, SiteRoute.helpArticle("opsigelse").path) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#"action="/fraflytning/beregner""#))
                #expect(res.body.string.contains("<h2>"))
            }
            try await app.testing().test(.GET, SiteRoute.helpArticle("opsigelse").path + "?lang=en") {
                res async throws in
                #expect(res.body.string.contains("The Danish version is the binding one"))
            }
            try await app.testing().test(.GET, SiteRoute.helpArticle("findes-ikke").path) { res async throws in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "/hjaelp/%3Cx%3E") { res async throws in
                #expect(res.status == .notFound)
            }
            // Choosing a department shows it and remembers it.
            let organisation = try await app.registerSummary.organisations(on: app.db)[0]
            let department = organisation.departments[0]
            let path = SiteRoute.help.path(query: [("afdeling", department.id.uuidString)])
            try await app.testing().test(.GET, path) { res async throws in
                #expect(res.body.string.contains(department.name))
                #expect(
                    res.headers.setCookie?[HelpController.departmentCookie]?.string
                        == department.id.uuidString.lowercased()
                )
            }
            // Another organisation chosen without JavaScript sends the department chosen before
            // with it: the organisation wins, not the other organisation's department.
            let other = try await app.registerSummary.organisations(on: app.db)[1]
            let both = SiteRoute.help.path(
                query: [("organisation", other.id.lowercasedString), ("afdeling", department.id.lowercasedString)]
            )
            try await app.testing().test(.GET, both) { res async throws in
                #expect(!res.body.string.contains("\(department.number) \(department.name), \(organisation.name)"))
                #expect(res.body.string.contains(#"<option value="\#(other.id.lowercasedString)" selected>"#))
            }
        }
    }

    @Test func staffWriteAPreviewADraftAndPublishIt() async throws {
        try await withTestApp(seedHomes: 80) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            let organisations = try await app.registerSummary.organisations(on: app.db)
            let (own, foreign) = (organisations[0], organisations[1])
            let caseworker = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            let caseworkerID = try caseworker.requireID()
            try await StaffAssignment.query(on: app.db).filter(\.$staff.$id == caseworkerID).delete()
            try await StaffAssignment(id: UUID(), staffID: caseworkerID, organisationID: own.id).create(on: app.db)
            let token = try await PageSessions.signIn(staff: caseworkerID, on: app)
            let headers: HTTPHeaders = [
                "Cookie": "\(SessionCookie.session)=\(token)", "X-CSRF-Token": CSRFProtection.token(forSession: token),
                "Content-Type": "application/x-www-form-urlencoded",
            ]
            let newPath = SiteRoute.staffHelpNew.path(query: [("organisation", own.id.uuidString.lowercased())])
            func form(_ fields: [(String, String)]) -> ByteBuffer {
                var components = URLComponents()
                components.queryItems = fields.map {
                    URLQueryItem(name: $0.0, value: $0.1)
                }
                return ByteBuffer(
                    string: (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
                )
            }
            let fields = [
                ("scope", "o"), ("slug", "vaskeri"), ("topic", "boligen"), ("title_da", "Vaskeriet"),
                ("summary_da", "Hvornår vaskeriet er åbent."),
                ("body_da", "Åbent alle dage.\n\n<script>alert(1)</script>\n\nSe [husorden](/hjaelp/husorden)."),
                ("related", "husorden"),
            ]
            // A missing title and a link to nowhere: errors at the fields, in Danish; nothing stored.
            try await app.testing().test(
                .POST,
                newPath,
                headers: headers,
                body: form(fields.map { $0.0 == "title_da" ? ($0.0, "") : $0 } + [("body_en", "[x](/hjaelp/nej)")])
            ) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Skriv en titel."))
                #expect(res.body.string.contains(#"id="title_da-error""#))
                #expect(res.body.string.contains("Titel på engelsk: Skriv en titel."))
            }
            #expect(try await HelpArticle.query(on: app.db).filter(\.$slug == "vaskeri").count() == 0)
            // The preview shows the script as text, and stores nothing.
            try await app.testing().test(.POST, newPath, headers: headers, body: form(fields + [("intent", "preview")]))
            {
                res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("&lt;script&gt;"))
                #expect(!res.body.string.contains("<script>alert"))
            }
            #expect(try await HelpArticle.query(on: app.db).filter(\.$slug == "vaskeri").count() == 0)
            var articlePath = ""
            try await app.testing().test(.POST, newPath, headers: headers, body: form(fields + [("intent", "save")])) {
                res async throws in
                #expect(res.status == .seeOther)
                articlePath = String((res.headers.first(name: .location) ?? "").prefix { $0 != "?" })
            }
            let article = try #require(try await HelpArticle.query(on: app.db).filter(\.$slug == "vaskeri").first())
            #expect(articlePath == SiteRoute.staffHelpArticle(try article.requireID()).path)
            let inOrganisation = HelpScope.organisation(own.id)
            #expect(
                try await HelpPage.article("vaskeri", in: inOrganisation, on: app.db) == nil,
                "a draft is not public"
            )
            // The same address again in the same place is refused.
            try await app.testing().test(.POST, newPath, headers: headers, body: form(fields + [("intent", "save")])) {
                res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Der findes allerede en artikel med den adresse her."))
            }
            let publishPath = SiteRoute.staffHelpPublish(try article.requireID()).path
            try await app.testing().test(.GET, articlePath, headers: headers) { res async throws in
                #expect(res.body.string.contains(#"action="\#(publishPath)""#))
            }
            try await app.testing().test(.POST, publishPath, headers: headers, body: form([("version", "1")])) {
                res async throws in
                #expect(res.status == .seeOther)
            }
            #expect(try await HelpPage.article("vaskeri", in: inOrganisation, on: app.db)?.title_da == "Vaskeriet")
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.helpPublish.rawValue)
                    .filter(\.$actorID == caseworkerID).count() == 1
            )
            // A new version is a draft until it is published; residents keep reading version 1.
            try await app.testing().test(
                .POST,
                articlePath,
                headers: headers,
                body: form(
                    fields.map { $0.0 == "title_da" ? ($0.0, "Vaskeri og tørrerum") : $0 } + [("intent", "save")]
                )
            ) { res async throws in
                #expect(res.status == .seeOther)
            }
            #expect(try await HelpPage.article("vaskeri", in: inOrganisation, on: app.db)?.title_da == "Vaskeriet")
            try await app.testing().test(.POST, publishPath, headers: headers, body: form([("version", "2")])) {
                res async throws in
                #expect(res.status == .seeOther)
            }
            #expect(
                try await HelpPage.article("vaskeri", in: inOrganisation, on: app.db)?.title_da == "Vaskeri og tørrerum"
            )
            #expect(
                try await HelpPage.search("tørrerum", language: .da, in: inOrganisation, on: app.db).map(\.slug) == [
                    "vaskeri"
                ]
            )
            #expect(
                try await HelpArticleVersion.query(on: app.db).filter(\.$articleID == article.requireID()).count() == 2
            )

            // Another organisation's pages are not there for this caseworker.
            let foreignNew = SiteRoute.staffHelpNew.path(query: [("organisation", foreign.id.uuidString.lowercased())])
            try await app.testing().test(.GET, foreignNew, headers: headers) { res async throws in
                #expect(res.status == .notFound)
            }
            // Without an organisation, the articles' page, where each has its link.
            try await app.testing().test(.GET, SiteRoute.staffHelpNew.path, headers: headers) { res async throws in
                #expect(res.status == .seeOther && res.headers.first(name: .location) == SiteRoute.staffHelp.path)
            }
            let foreignArticle = try await HelpLibrary(database: app.db, dependencies: app.dependencies).create(
                scope: .organisation(foreign.id),
                slug: "fremmed",
                text: Self.text(title: "Fremmed", body: "Tekst"),
                by: nil
            )
            for path in [
                SiteRoute.staffHelpArticle(try foreignArticle.requireID()).path,
                SiteRoute.staffHelpArticle(
                    try #require(try await HelpArticle.query(on: app.db).filter(\.$scopeKey == "*").first()).requireID()
                ).path,
            ] {
                try await app.testing().test(.GET, path, headers: headers) { res async throws in
                    #expect(res.status == .notFound, "\(path)")
                }
                try await app.testing().test(.POST, path + "/udgiv", headers: headers, body: form([("version", "1")])) {
                    res async throws in
                    #expect(res.status == .notFound, "\(path)")
                }
            }
            #expect(try await HelpArticle.find(foreignArticle.requireID(), on: app.db)?.publishedVersionID == nil)
        }
    }

    @Test func aResidentReadsInTheirOwnDepartmentAndOnlyTheirReadsCount() async throws {
        try await withTestApp(seedHomes: 80) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            let tenancy = try #require(try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).first())
            let home = try #require(try await MyHomePage.homes(of: tenancy.$person.id, on: app.db).first)
            let other = try #require(
                try await app.registerSummary.organisations(on: app.db).flatMap(\.departments)
                    .first { $0.id != home.department_id }
            )
            let token = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            // A department a visitor chose before does not replace the resident's own home.
            let cookies = "\(SessionCookie.session)=\(token); \(HelpController.departmentCookie)=\(other.id.uuidString)"
            try await app.testing().test(.GET, SiteRoute.helpArticle("husorden").path, headers: ["Cookie": cookies]) {
                res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(home.department_name))
                #expect(res.headers.setCookie?[HelpController.departmentCookie] == nil)
            }
            // An anonymous visitor's read does not count; the resident's counts in their department.
            try await app.testing().test(
                .GET,
                SiteRoute.helpArticle("rygning").path(query: [("afdeling", home.department_id.uuidString)])
            ) { res async throws in
                #expect(res.status == .ok)
            }
            let popular = try await MyHomePage.panels(
                of: tenancy.$person.id,
                home: home,
                today: LocalDate(app.dependencies.now(), timeZone: danishTimeZone).iso,
                on: app.db
            ).articles
            #expect(popular.first?.slug == "husorden")
            // "?afdeling=" with no value forgets a visitor's choice.
            try await app.testing().test(
                .GET,
                SiteRoute.help.path + "?afdeling=",
                headers: ["Cookie": "\(HelpController.departmentCookie)=\(other.id.uuidString)"]
            ) { res async throws in
                #expect(!res.body.string.contains(other.name))
                #expect(res.headers.setCookie?[HelpController.departmentCookie]?.string == "")
            }
        }
    }

    @Test func staffListTheirArticlesAPageAtATimeByTitle() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let library = HelpLibrary(database: app.db, dependencies: app.dependencies)
            try await library.installStartingSet()
            let organisation = try await app.registerSummary.organisations(on: app.db)[0].id
            let copy = try await library.create(
                scope: .organisation(organisation),
                slug: "husorden",
                text: Self.text(title: "Husorden for os", body: "Tekst"),
                by: nil
            )
            var seen: [UUID] = []
            var cursor: UUID?
            repeat {
                let page = try await StaffHelpPage.articles(of: organisation, matching: "", after: cursor, on: app.db)
                seen += page.prefix(Keyset.pageSize).map(\.id)
                cursor = page.count > Keyset.pageSize ? page[Keyset.pageSize - 1].id : nil
            } while cursor != nil
            #expect(seen.count == 26 && Set(seen).count == 26, "25 built-in articles and the copy, each once")
            let builtIn = try await StaffHelpPage.articles(
                of: organisation,
                matching: "husorden",
                after: nil,
                on: app.db
            )
            .first { $0.scope_rank == 0 }
            #expect(builtIn?.own_copy == copy.id)
        }
    }

    @Test func aChangedRendererRendersEveryStoredVersionAgain() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let library = HelpLibrary(database: app.db, dependencies: app.dependencies)
            try await library.installStartingSet()
            #expect(try await library.refresh() == false, "nothing changed since the install")
            let version = try #require(try await HelpArticleVersion.query(on: app.db).first())
            version.htmlDa = "<script>made by an older renderer</script>"
            try await version.save(on: app.db)
            let setting = try #require(try await AppSetting.find(AppSetting.Key.helpRender, on: app.db))
            setting.value = "markdown 1, index 1"
            try await setting.save(on: app.db)
            #expect(try await library.refresh())
            let rendered = try #require(try await HelpArticleVersion.find(version.requireID(), on: app.db))
            #expect(rendered.htmlDa == HelpMarkdown.render(rendered.bodyDa).html)
            #expect(try await AppSetting.find(AppSetting.Key.helpRender, on: app.db)?.value == HelpLibrary.renderKey)
        }
    }

    @Test(
        "A service centre's number becomes a tel: link",
        arguments: [
            ("70 10 20 30", "tel:+4570102030"), ("+45 70 10 20 30", "tel:+4570102030"),
            ("0045 70102030", "tel:+4570102030"),
        ]
    )
    func phoneLink(written: String, link: String) {
        #expect(MyHomeController.phoneLink(written) == link)
    }

    static func text(title: String, body: String) -> HelpArticleText {
        HelpArticleText(
            topic: .home,
            related: [],
            embed: nil,
            danish: .init(title: title, summary: title, body: body),
            english: nil
        )
    }

    private func publishLatest(_ article: HelpArticle, library: HelpLibrary, on database: any Database) async throws {
        let version = try #require(
            try await HelpArticleVersion.query(on: database).filter(\.$articleID == article.requireID())
                .sort(\.$number, .descending).first()
        )
        try await library.publish(article, version: version)
    }
}

extension HelpTests {
    /// A search that finds nothing because a word is misspelt searches again with the nearest
    /// word of the articles the reader sees, and says so; a search for nothing near finds nothing.
    @Test func aMisspeltSearchIsMendedAndSaysSo() async throws {
        try await withTestApp(seedHomes: 10) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            try await app.testing().test(.GET, SiteRoute.help.path(query: [("q", "husdry")])) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Ingen artikler passer på »husdry«. Her er artiklerne om »husdyr«."))
                #expect(res.body.string.contains(SiteRoute.helpArticle("husdyr").path))
            }
            try await app.testing().test(.GET, SiteRoute.help.path(query: [("q", "xylofon")])) { res async throws in
                #expect(res.body.string.contains("Ingen artikler passer på søgningen."))
                #expect(!res.body.string.contains("Her er artiklerne om"))
            }
        }
    }
}
