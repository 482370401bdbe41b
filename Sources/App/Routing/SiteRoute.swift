import Vapor

/// Every path of the site, as one typed value: routes are registered from it and links are built
/// from it, so a link cannot drift from its route (SwiftPackageIndex's `SiteURL`).
public enum SiteRoute: Hashable, Sendable {
    case home
    /// "Hvornår kan jeg fraflytte?": the public termination calculator.
    case terminationCalculator
    case healthLive
    case healthReady
    case api(APIRoute)

    /// The versioned JSON API under `/api/v1`.
    public enum APIRoute: Hashable, Sendable {
        case rulesTermination
        case rulesPaakrav
        case rulesHolidays
    }

    /// The path segments, as registered with the router.
    public var segments: [String] {
        switch self {
        case .home: []
        case .terminationCalculator: ["fraflytning", "beregner"]
        case .healthLive: ["health", "live"]
        case .healthReady: ["health", "ready"]
        case .api(let route):
            ["api", "v1"] + {
                switch route {
                case .rulesTermination: ["rules", "termination"]
                case .rulesPaakrav: ["rules", "paakrav"]
                case .rulesHolidays: ["rules", "holidays"]
                }
            }()
        }
    }

    public var pathComponents: [PathComponent] { segments.map { .constant($0) } }

    /// The absolute path, e.g. `/fraflytning/beregner`.
    public var path: String { "/" + segments.joined(separator: "/") }

    /// The path with a query string; items with a nil value are left out.
    public func path(query: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? path
    }
}

extension RoutesBuilder {
    /// Registers a GET handler for a typed route.
    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ route: SiteRoute, use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.GET, route.pathComponents, use: closure)
    }
}
