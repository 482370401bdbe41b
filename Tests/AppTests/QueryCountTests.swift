import Fluent
import Testing
import Vapor

@testable import App

/// List pages run a fixed number of queries, whatever the size of the register (no N+1).
@Suite("Query counts")
struct QueryCountTests {
    @Test(arguments: [60, 600])
    func theFrontPageQueryRunsThreeStatementsAtAnySize(homes: Int) async throws {
        try await withTestApp(seedHomes: homes) { app in
            let capture = LogCapture()
            let database = app.databases.database(logger: capture.logger(), on: app.eventLoopGroup.next())!

            let organisations = try await FrontPageController.query(on: database)

            #expect(organisations.reduce(0) { $0 + $1.homes } == homes)
            let statements = capture.messages.filter { $0.uppercased().contains("SELECT") }
            #expect(statements.count == 3, "\(statements)")
        }
    }
}
