import Fluent
import Vapor

/// What every page's layout needs: language, words, title, navigation, the demo banner.
struct PageChrome: Encodable {
    let lang: String
    let t: [String: String]
    let title: String
    let demo: Bool
    /// Link to the same page in the other language.
    let switchLanguageHref: String
    let otherLang: String
    let nav: [NavLink]
    let stylesheet: String
    /// The signed-in person's name, or nil.
    let user: String?
    let csrf: String
    let logoutAction: String
    let loginHref: String

    /// A link in the main navigation; `current` marks the page being shown (aria-current).
    struct NavLink: Encodable {
        let href: String
        let label: String
        let current: Bool
    }

    static func make(for request: Request, title: String) async -> PageChrome {
        let language = request.language
        let strings = Strings.table(language)
        let path = request.url.path
        var links: [(SiteRoute, String)] = [(.home, "navHome"), (.terminationCalculator, "navCalculator")]
        switch request.principal?.kind {
        case .resident: links += [(.myHome, "navMyHome"), (.myLetters, "navMyLetters"), (.myCases, "navMyCases"), (.myAuditTrail, "auditMineTitle")]
        case .staff: links += [(.staffCases, "navCases"), (.letters, "navLetters"), (.incomingMail, "navIncoming"), (.auditLog, "navAudit")]
        case nil: break
        }
        return PageChrome(
            lang: language.rawValue,
            t: strings,
            title: title,
            demo: await DemoMode.isOn(request.db),
            switchLanguageHref: switchHref(request, to: language.other),
            otherLang: language.other.rawValue,
            nav: links.map { route, key in
                NavLink(href: route.path, label: strings[key] ?? key, current: route.path == path)
            },
            stylesheet: "/css/almen.css",
            user: request.principal?.name,
            csrf: request.csrfToken,
            logoutAction: SiteRoute.logout.path,
            loginHref: SiteRoute.login.path(query: [("tilbage", path == SiteRoute.login.path ? nil : path)])
        )
    }

    /// The current URL with `lang` set to the other language, keeping the other query items.
    static func switchHref(_ request: Request, to language: Language) -> String {
        var components = URLComponents()
        components.path = request.url.path
        var items = (URLComponents(string: request.url.string)?.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = items
        return components.string ?? "/?lang=\(language.rawValue)"
    }
}

/// Whether the register holds generated demo data (then every page says so).
enum DemoMode {
    static func isOn(_ database: any Database) async -> Bool {
        let setting = try? await AppSetting.find(AppSetting.Key.demoData, on: database)
        return setting?.value == "true"
    }
}
