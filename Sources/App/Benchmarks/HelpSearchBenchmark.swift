import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Help search at the size of the sector: every organisation of the register gets its own
/// articles (copies of the starting set under new addresses, published and indexed as staff would),
/// then searches in random organisations' departments are timed, with a one-statement query timed
/// the same way in the same run as the yardstick.
public enum HelpSearchBenchmark {
    public struct Result: Sendable {
        public let organisations: Int
        public let articles: Int
        public let indexRows: Int
        public let setupSeconds: Double
        public let searches: Int
        public let searchP50: Double
        public let searchP99: Double
        public let baselineP50: Double
        public let baselineP99: Double
        public let database: String
    }

    static let queries = [
        "opsige", "opsagt", "fremlejer", "husleje betaling", "naboklage", "påkravet", "råderet køkken",
        "afdelingsmøde forslag", "nøgler", "indboforsikring vandskade", "fraflytningssyn", "digital post",
    ]

    public static func run(app: Application, articlesPerOrganisation: Int, searches: Int) async throws -> Result {
        let library = HelpLibrary(database: app.db, dependencies: app.dependencies)
        try await library.installStartingSet()
        let organisations = try await app.registerSummary.organisations(on: app.db)
        let set = HelpStartingSet.articles
        guard !set.isEmpty, !organisations.isEmpty else {
            throw Abort(.internalServerError, reason: "Seed the register first: almen seed --homes 80000.")
        }
        let started = Date()
        for organisation in organisations {
            let existing = try await HelpArticle.query(on: app.db)
                .filter(\.$organisationID == organisation.id).count()
            for index in existing..<articlesPerOrganisation {
                let source = set[index % set.count]
                var text = source.text
                text.danish.title += " (\(organisation.name) \(index + 1))"
                let article = try await library.create(
                    scope: .organisation(organisation.id),
                    slug: "\(source.slug)-\(index + 1)",
                    text: text,
                    by: nil
                )
                let version = try await library.save(article, text: text, by: nil)
                try await library.publish(article, version: version)
            }
        }
        let setup = Date().timeIntervalSince(started)
        let indexRows = try await HelpTerm.query(on: app.db).count()
        var random = SystemRandomNumberGenerator()
        var searchTimes: [Double] = []
        var baselineTimes: [Double] = []
        for round in 0..<searches {
            let organisation = organisations.randomElement(using: &random)!
            let scope: HelpScope =
                organisation.departments.randomElement(using: &random).map {
                    .department($0.id, organisation: organisation.id)
                } ?? .organisation(organisation.id)
            let query = queries[round % queries.count]
            let searchStart = DispatchTime.now().uptimeNanoseconds
            _ = try await HelpPage.search(query, language: .da, in: scope, on: app.db)
            searchTimes.append(Double(DispatchTime.now().uptimeNanoseconds - searchStart) / 1e6)
            let baselineStart = DispatchTime.now().uptimeNanoseconds
            _ = try await (app.db as? any SQLDatabase)?.raw("SELECT 1 AS ok").first()
            baselineTimes.append(Double(DispatchTime.now().uptimeNanoseconds - baselineStart) / 1e6)
        }
        func percentile(_ values: [Double], _ p: Double) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        return Result(
            organisations: organisations.count,
            articles: try await HelpArticle.query(on: app.db).count(),
            indexRows: indexRows,
            setupSeconds: setup,
            searches: searches,
            searchP50: percentile(searchTimes, 0.5),
            searchP99: percentile(searchTimes, 0.99),
            baselineP50: percentile(baselineTimes, 0.5),
            baselineP99: percentile(baselineTimes, 0.99),
            database: app.almenConfig.database.name
        )
    }
}
