import Fluent
import NIOConcurrencyHelpers
import Vapor

/// What every page's layout needs: language, words, title, navigation, the demo banner.
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
    /// Whether someone is signed in. Templates test booleans, never strings or counts: LeafKit
    /// converts any other value through a table it builds on each test (issue: Fast pages).
    let signedIn: Bool
    let csrf: String
    let logoutAction: String
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
        var links: [(SiteRoute, String)] = [
            (.home, "navHome"), (.help, "navHelp"), (.terminationCalculator, "navCalculator"),
        ]
        switch request.principal?.kind {
        case .resident:
            links += [
                (.myHome, "navMyHome"), (.myLetters, "navMyLetters"), (.myCases, "navMyCases"),
                (.myMeetings, "myMeetingsTitle"),
                (.myData, "navMyData"),
            ]
        case .staff:
            links += [
                (.staffCases, "navCases"), (.letters, "navLetters"), (.incomingMail, "navIncoming"),
                (.arrears, "arrearsTitle"), (.complaintDashboard, "complaintDashboardTitle"),
                (.meetings, "meetingsTitle"),
                (.staffHelp, "helpStaffTitle"), (.departmentDocuments, "documentsTitle"),
                (.consentKinds, "consentsAdminTitle"),
            ]
            if request.principal?.has(.administrator) == true { links.append((.administration, "navAdministration")) }
        case nil: break
        }
        return PageChrome(
            lang: language.rawValue,
            t: Words(language: language),
            title: title,
            demo: await request.application.demoMode.isOn(request.db),
            switchLanguageHref: switchHref(request, to: language.other),
            otherLang: language.other.rawValue,
            nav: links.map { route, key in
                NavLink(href: route.path, label: strings[key] ?? key, current: route.path == path)
            },
            stylesheet: "/css/almen.css",
            user: request.principal.map { $0.acting?.helperName ?? $0.name },
            showsSettings: request.principal?.kind == .staff,
            settingsHref: SiteRoute.staffSettings.path,
            signedIn: request.principal != nil,
            csrf: request.csrfToken,
            logoutAction: SiteRoute.logout.path,
            loginHref: SiteRoute.login.path(query: [("tilbage", path == SiteRoute.login.path ? nil : path)]),
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

    func isOn(_ database: any Database) async -> Bool {
        let now = now()
        if let cached = cached.withLockedValue({ $0 }), abs(now.timeIntervalSince(cached.readAt)) < Self.maxAge {
            return cached.value
        }
        let setting = try? await AppSetting.find(AppSetting.Key.demoData, on: database)
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
