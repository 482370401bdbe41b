import Testing

@testable import App

@Suite("The layout around every page")
struct PageChromeTests {
    static let staffLinks = [
        ("/", "Forside"), ("/hjaelp", "Hjælp"), ("/admin/sager", "Sager"), ("/admin/breve", "Breve"),
        ("/admin/hjaelp", "Hjælpeartikler"), ("/admin", "Administration"),
    ].map { (href: $0.0, label: $0.1) }

    @Test(
        "The page shown is current; a page under a link marks that link as its section",
        arguments: [
            ("/admin/sager", "/admin/sager", nil),
            ("/admin/sager/3f1c0e1e-0000-0000-0000-000000000000", nil, "/admin/sager"),
            ("/admin/vaerger", nil, "/admin"),
            ("/admin", "/admin", nil),
            ("/admin/hjaelp/ny", nil, "/admin/hjaelp"),
            ("/hjaelp/opsigelse", nil, "/hjaelp"),
            ("/", "/", nil),
            ("/organisation/1", nil, nil),
            ("/admin-ish", nil, nil),
            // Under "/admin" but no tool of the administration: nobody's section.
            ("/admin/mine-indstillinger", nil, nil),
            ("/admin/vaerger/ny", nil, "/admin"),
            // Reached from the inbox.
            ("/admin/doedsfald", nil, "/admin/sager"),
        ] as [(String, String?, String?)]
    )
    func marking(path: String, current: String?, section: String?) {
        let links = PageChrome.Menu(Self.staffLinks).marking(at: path)
        #expect(links.filter(\.current).map(\.href) == (current.map { [$0] } ?? []))
        #expect(links.filter(\.section).map(\.href) == (section.map { [$0] } ?? []))
    }

    @Test("An error page marks nothing")
    func errorPageMarksNothing() {
        let links = PageChrome.Menu(Self.staffLinks).marking(at: nil)
        #expect(!links.contains { $0.current || $0.section })
    }

    @Test("The header escapes what it prints and marks the section")
    func headerEscapes() {
        let chrome = PageChrome(
            lang: "da",
            t: Words(language: .da),
            title: "Sag <1>",
            demo: false,
            switchLanguageHref: "/admin/vaerger?lang=en&x=\"1\"",
            otherLang: "en",
            nav: PageChrome.Menu(Self.staffLinks).marking(at: "/admin/vaerger"),
            stylesheet: "/css/almen.css",
            user: "Ib & <Co>",
            showsSettings: false,
            settingsHref: "/admin/mine-indstillinger",
            signedIn: true,
            csrf: "token\"",
            logoutAction: "/log-ud",
            loginHref: "/log-ind"
        )
        let header = chrome.header
        #expect(header.contains("<title>Sag &lt;1&gt; – Almen</title>"))
        #expect(header.contains("<span class=\"user-name\">Ib &amp; &lt;Co&gt;</span>"))
        #expect(header.contains("value=\"token&quot;\""))
        #expect(header.contains("href=\"/admin/vaerger?lang=en&amp;x=&quot;1&quot;\""))
        #expect(header.contains("<a href=\"/admin\" aria-current=\"true\">Administration</a>"))
        #expect(!header.contains("aria-current=\"page\""))
        #expect(chrome.footer.hasPrefix("</main>"))
    }
}
