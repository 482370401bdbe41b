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

/// A bulk chunk looks the organisation, template, logo and connection up once, not per letter.
@Suite("Bulk letter query counts")
struct BulkQueryCountTests {
    @Test func aChunkOfLettersCostsAFixedFewStatementsPerLetter() async throws {
        try await withTestApp(seedHomes: 80) { app in
            let organisation = try #require(try await HousingOrganisation.query(on: app.db).sort(\.$name).first())
                .requireID()
            let bulk = app.bulkLetters()
            let run = try await bulk.create(
                organisationID: organisation,
                departmentIDs: [],
                content: .general(subject: "Fællesmøde", paragraphs: ["Tekst"]),
                createdBy: nil
            )
            let runID = try run.requireID()
            try await bulk.start(runID)
            // Warm the built-in template row, as the first chunk of any run does.
            try await bulk.step(runID, chunk: 1)
            let capture = LogCapture()
            let database = app.databases.database(logger: capture.logger(), on: app.eventLoopGroup.next())!

            try await app.bulkLetters(on: database).step(runID, chunk: 10)

            let made = try await Letter.query(on: app.db).filter(\.$bulkRunID == runID).count()
            #expect(made == 11)
            let statements = capture.messages.filter { line in
                ["SELECT", "INSERT", "UPDATE"].contains { line.uppercased().contains($0) }
            }
            // Per letter: the lease (one join) and the person, then the letter, its events, its
            // outbox row and the job that sends it (6 inserts, 1 update): 9; per chunk about 20
            // more. Before the cache every letter also read the dwelling, department, organisation,
            // company, template, logo and connection again (this test: 102 statements on PostgreSQL
            // before the cache, 110 with it and the jobs; SQLite logged 107 before and 42 now).
            #expect(statements.count <= 10 * 9 + 25, "\(statements.count) statements")
        }
    }
}
