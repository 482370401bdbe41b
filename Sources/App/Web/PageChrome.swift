import Fluent
import NIOConcurrencyHelpers
import Vapor

/// What every page's layout needs: language, words, title, navigation, the demo banner.
///
/// The layout around a page's body (the head, the header with its navigation, the banners, the
/// footer) is written here as escaped HTML (`header`, `footer`), once per request, and
/// `base.leaf` prints it: Leaf evaluating the layout's fifty expressions and navigation loop
/// on every page was a tenth of a staff page's time (docs/benchmarks.md). A template reads
/// `page.t`, `page.title` and `page.csrf` (and `base.leaf` `page.header` and `page.footer`);
/// nothing else is given to Leaf.
struct PageChrome: Encodable {
    let lang: String
    /// The words, shared by every page in the language (not encoded per request).
    let t: Words
    let title: String
    let demo: Bool
    /// Link to the same page in the other language.
    let switchLanguageHref: String
    let otherLang: String
    let nav: [NavLink]
    let stylesheet: String
    /// The signed-in person's name, or nil.
    let user: String?
    /// For staff: their own settings ("Mine indstillinger"), linked beside their name.
    let showsSettings: Bool
    let settingsHref: String
    /// The settings page is the one shown (its link in the header is then current).
    var settingsCurrent = false
    /// Whether someone is signed in. Templates test booleans, never strings or counts: LeafKit
    /// converts any other value through a table it builds on each test (issue: Fast pages).
    let signedIn: Bool
    let csrf: String
    let logoutAction: String
    /// The login with the way back here; empty for a reader who is signed in.
    let loginHref: String
    /// While a helper acts for a resident under a fuldmagt: whom for, and how to stop.
    var acting: Acting? = nil
    /// Said once when a fuldmagt the session acted under has ended.
    var actingEnded = false

    struct Acting: Encodable {
        let name: String
        let helper: String
        /// What the fuldmagt lets the helper do, in words.
        let scope: String
        let stopAction: String
    }

    private enum CodingKeys: String, CodingKey {
        case t, title, csrf, header, footer
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(t, forKey: .t)
        try container.encode(title, forKey: .title)
        try container.encode(csrf, forKey: .csrf)
        try container.encode(header, forKey: .header)
        try container.encode(footer, forKey: .footer)
    }

    /// The id of the page's `<main>`: the skip link goes there, and a form that comes back with
    /// its problems right under the heading sends to its action at it (`FormMarkup.atContent`).
    static let mainID = "indhold"

    /// Everything before the page's body: the document's head, the skip link, the banners, the
    /// header with the navigation, and `<main>` opened with the notices of acting for someone.
    var header: String {
        let text = HTMLText(Language(rawValue: lang) ?? .da)
        let (word, escape) = (text.word, { (value: String) in HTMLText.escape(value) })
        var html = "<!DOCTYPE html>\n<html lang=\"\(escape(lang))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html.reserveCapacity(4_096)
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(escape(title)) – \(word("siteName"))</title>\n"
        html += "<link rel=\"stylesheet\" href=\"\(escape(stylesheet))\">\n"
        // Every form's error summary takes the focus after a refused form (a few lines, cached).
        // Staff's pages are wider: their lists have more columns, on larger screens.
        html += "<script src=\"/js/error-summary.js\" defer></script>\n</head>\n"
        html += showsSettings ? "<body class=\"staff\">\n" : "<body>\n"
        html += "<a class=\"skip-link\" href=\"#\(Self.mainID)\">\(word("skipToContent"))</a>\n"
        // A landmark of its own, so no content lies outside the page's regions.
        if demo {
            html += "<div class=\"demo-banner\" role=\"region\" aria-label=\"\(word("demoRegion"))\">"
            html += "\(word("demoBanner"))</div>\n"
        }
        html += "<header class=\"site-header\">\n  <div class=\"wrap header-row\">\n"
        html += "    <a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\">A</span> "
        html +=
            "\(word("siteName"))</a>\n    <nav aria-label=\"\(word("mainNav"))\">\n      <ul class=\"nav\">\n        "
        for link in nav {
            let current = link.current ? " aria-current=\"page\"" : link.section ? " aria-current=\"true\"" : ""
            html += "<li><a href=\"\(escape(link.href))\"\(current)>"
            html += "\(escape(link.label))</a></li>"
        }
        html += "\n      </ul>\n    </nav>\n    <div class=\"header-actions\">\n      "
        if signedIn {
            html += "<span class=\"user-name\">\(escape(user ?? ""))</span>"
            if showsSettings {
                let current = settingsCurrent ? " aria-current=\"page\"" : ""
                html +=
                    " <a class=\"settings-link\" href=\"\(escape(settingsHref))\"\(current)>\(word("staffSettingsLink"))</a>"
            }
            html += "\n      <form method=\"post\" action=\"\(escape(logoutAction))\" class=\"inline-form\">"
            html += csrfField
            html += "<button type=\"submit\" class=\"link-button\">\(word("logout"))</button></form>"
        } else {
            html += "<a class=\"login-link\" href=\"\(escape(loginHref))\">\(word("login"))</a>"
        }
        html +=
            "\n      <a class=\"lang-switch\" href=\"\(escape(switchLanguageHref))\" hreflang=\"\(escape(otherLang))\""
        html +=
            " lang=\"\(escape(otherLang))\" aria-label=\"\(word("switchLanguageLabel"))\">\(word("switchLanguage"))</a>\n"
        html += "    </div>\n  </div>\n</header>\n<main id=\"\(Self.mainID)\" class=\"wrap\" tabindex=\"-1\">\n"
        if actingEnded { html += "<div class=\"notice\" role=\"status\"><p>\(word("actingEnded"))</p></div>\n" }
        if let acting {
            html += "<div class=\"acting-banner\" role=\"status\"><div class=\"acting-row\"><p><strong>"
            html += "\(word("actingFor")) \(escape(acting.name)).</strong> \(word("actingSignedIn")) "
            html += "\(escape(acting.helper)). \(escape(acting.scope))</p>"
            html += "<form method=\"post\" action=\"\(escape(acting.stopAction))\" class=\"inline-form\">\(csrfField)"
            html +=
                "<button type=\"submit\" class=\"button secondary\">\(word("actingStop"))</button></form></div></div>\n"
        }
        return html
    }

    /// `</main>` and the footer (the page's scripts and `</body>` follow in `base.leaf`).
    var footer: String {
        let word = HTMLText(Language(rawValue: lang) ?? .da).word
        return "</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\"><p>\(word("tagline")). "
            + "\(word("footer"))</p></div>\n</footer>\n"
    }

    private var csrfField: String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(HTMLText.escape(csrf))\">"
    }

    /// A link in the main navigation; `current` marks the page being shown (aria-current).
    struct NavLink: Encodable {
        let href: String
        let label: String
        let current: Bool
        /// The page shown lies under this link (a case under "Sager", the guardians under
        /// "Administration"): marked `aria-current="true"`, as the section the reader is in.
        var section = false

        /// The paths whose pages lie under a navigation link, besides its own.
        static func sections(_ href: String) -> [String] {
            switch href {
            case SiteRoute.home.path: []
            // The administration's tools are reached from its page (`AdministrationController`).
            case SiteRoute.administration.path: AdministrationController.tools.map(\.route.path)
            // Registering an estate's notice starts from the inbox.
            case SiteRoute.staffCases.path: [href, SiteRoute.staffEstateNotices.path]
            // The board's workspace is reached from "Mit hjem".
            case SiteRoute.myHome.path: [href, SiteRoute.boardWorkspace.path]
            default: [href]
            }
        }
    }

    /// `marksNavigation: false` for an error page: the address it answers is no page of a
    /// section.
    static func make(for request: Request, title: String, marksNavigation: Bool = true) async -> PageChrome {
        let language = request.language
        let strings = Strings.table(language)
        let path = request.url.path
        let menu = Menu.of(request.principal, language)
        return PageChrome(
            lang: language.rawValue,
            t: Words(language: language),
            title: title,
            demo: await request.application.demoMode.isOn(request.db),
            switchLanguageHref: switchHref(request, to: language.other),
            otherLang: language.other.rawValue,
            nav: menu.marking(at: marksNavigation ? path : nil),
            stylesheet: "/css/almen.css",
            user: request.principal.map { $0.acting?.helperName ?? $0.name },
            showsSettings: request.principal?.kind == .staff,
            settingsHref: SiteRoute.staffSettings.path,
            settingsCurrent: marksNavigation && path == SiteRoute.staffSettings.path,
            signedIn: request.principal != nil,
            csrf: request.csrfToken,
            logoutAction: SiteRoute.logout.path,
            loginHref: request.principal != nil
                ? "" : SiteRoute.login.path(query: [("tilbage", path == SiteRoute.login.path ? nil : path)]),
            acting: request.principal.flatMap { principal in
                principal.acting.map {
                    Acting(
                        name: principal.name,
                        helper: $0.helperName,
                        scope: strings[$0.mayFile ? "actingScopeFile" : "actingScopeView"] ?? "",
                        stopAction: SiteRoute.myPowersStop.path
                    )
                }
            },
            actingEnded: request.principal?.actingEnded == true
        )
    }

    /// The current URL with `lang` set to the other language, keeping the other query items.
    static func switchHref(_ request: Request, to language: Language) -> String {
        guard request.url.query != nil else { return request.url.path + "?lang=" + language.rawValue }
        var components = URLComponents()
        components.path = request.url.path
        var items = (URLComponents(string: request.url.string)?.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = items
        return components.string ?? "/?lang=\(language.rawValue)"
    }
}

extension PageChrome {
    /// A reader's main navigation: its links in the language, and the paths each link owns
    /// (`NavLink.sections`), worked out once per kind of reader and language rather than on every
    /// page (the administration's link alone owns a path for each of its tools).
    struct Menu: Sendable {
        let links: [(href: String, label: String)]
        /// Each path a link owns besides its own, with the link.
        let owned: [(prefix: String, href: String)]

        init(_ links: [(href: String, label: String)]) {
            self.links = links
            owned = links.flatMap { link in NavLink.sections(link.href).map { (prefix: $0, href: link.href) } }
        }

        /// The links with the page at `path` current, or else the link owning the longest
        /// beginning of it marked as its section. A link owns the paths under its own, and those
        /// `NavLink.sections(href)` names: the front page nothing under "/", "Administration" its
        /// tools rather than everything under "/admin". Nil (an error page): nothing is marked.
        func marking(at path: String?) -> [NavLink] {
            let exact = links.contains { $0.href == path }
            let section =
                exact
                ? nil
                : path.flatMap { path in
                    owned.filter { path == $0.prefix || path.hasPrefix($0.prefix + "/") }
                        .max { $0.prefix.count < $1.prefix.count }?.href
                }
            return links.map {
                NavLink(href: $0.href, label: $0.label, current: $0.href == path, section: $0.href == section)
            }
        }

        /// The menu of `principal` (nil: nobody signed in) in `language`.
        static func of(_ principal: Principal?, _ language: Language) -> Menu {
            let reader: Reader =
                switch principal?.kind {
                case .resident: .resident
                case .staff: principal?.has(.administrator) == true ? .administrator : .caseworker
                case nil: .visitor
                }
            return menus[Key(reader: reader, language: language)] ?? Menu([])
        }

        private enum Reader: CaseIterable { case visitor, resident, caseworker, administrator }

        private struct Key: Hashable {
            let reader: Reader
            let language: Language
        }

        private static let menus: [Key: Menu] = {
            var menus: [Key: Menu] = [:]
            for reader in Reader.allCases {
                for language in Language.allCases {
                    let strings = Strings.table(language)
                    menus[Key(reader: reader, language: language)] = Menu(
                        routes(reader).map { ($0.0.path, strings[$0.1] ?? $0.1) }
                    )
                }
            }
            return menus
        }()

        /// The pages a reader's navigation links to, each with its word's key.
        private static func routes(_ reader: Reader) -> [(SiteRoute, String)] {
            var links: [(SiteRoute, String)] = [
                (.home, "navHome"), (.help, "navHelp"), (.terminationCalculator, "navCalculator"),
            ]
            switch reader {
            case .resident:
                links += [
                    (.myHome, "navMyHome"), (.myLetters, "navMyLetters"), (.myCases, "navMyCases"),
                    (.myMeetings, "myMeetingsTitle"),
                    (.myData, "navMyData"),
                ]
            case .caseworker, .administrator:
                links += [
                    (.staffCases, "navCases"), (.letters, "navLetters"), (.incomingMail, "navIncoming"),
                    (.arrears, "arrearsTitle"), (.complaintDashboard, "complaintDashboardTitle"),
                    (.meetings, "meetingsTitle"),
                    (.staffHelp, "helpStaffTitle"), (.departmentDocuments, "documentsTitle"),
                    (.consentKinds, "consentsAdminTitle"),
                ]
                if reader == .administrator { links.append((.administration, "navAdministration")) }
            case .visitor: break
            }
            return links
        }
    }
}

/// Whether the register holds generated demo data (then every page says so). Read from the
/// database at most once a minute per process, not on every page: the flag is written once, by
/// `almen seed`, and a deployment with real data never has it.
final class DemoMode: Sendable {
    static let maxAge: TimeInterval = 60
    private let now: @Sendable () -> Date
    private let cached = NIOLockedValueBox<(value: Bool, readAt: Date)?>(nil)

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// The flag; `database` is made only when the cached one is too old.
    func isOn(_ database: @autoclosure () -> any Database) async -> Bool {
        let now = now()
        if let cached = cached.withLockedValue({ $0 }), abs(now.timeIntervalSince(cached.readAt)) < Self.maxAge {
            return cached.value
        }
        let setting = try? await AppSetting.find(AppSetting.Key.demoData, on: database())
        let value = setting?.value == "true"
        cached.withLockedValue { $0 = (value, now) }
        return value
    }
}

extension Application {
    private struct DemoModeKey: StorageKey { typealias Value = DemoMode }

    /// The cached demo flag; made by `configure`.
    var demoMode: DemoMode {
        get {
            guard let mode = storage[DemoModeKey.self] else { fatalError("configure(_:) has not run") }
            return mode
        }
        set { storage[DemoModeKey.self] = newValue }
    }
}
