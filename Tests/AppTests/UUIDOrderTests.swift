import Fluent
import Foundation
import SQLKit
import Testing

@testable import App

/// `UUID.sortsBefore` orders ids as the database's `ORDER BY id` does, so a page that sorts rows
/// of several statements merged into one (`CasePage.sides`) keeps the order the separate
/// statements gave.
@Suite("UUID order")
struct UUIDOrderTests {
    @Test(arguments: [
        ("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001", true),
        ("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000000", false),
        ("0A000000-0000-0000-0000-000000000000", "09FFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", false),
        ("7FFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "80000000-0000-0000-0000-000000000000", true),
        ("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFE", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", true),
        ("12345678-9ABC-DEF0-1234-56789ABCDEF0", "12345678-9ABC-DEF0-1234-56789ABCDEF0", false),
    ])
    func pairs(_ first: String, _ second: String, _ before: Bool) throws {
        let (a, b) = (try #require(UUID(uuidString: first)), try #require(UUID(uuidString: second)))
        #expect(a.sortsBefore(b) == before)
        #expect(a.sortsBefore(b) == (a.uuidString < b.uuidString))
    }

    @Test func theDatabaseOrdersIdsTheSameWay() async throws {
        try await withTestApp(seedHomes: 20) { app in
            struct Id: Decodable { let id: UUID }
            let ordered = try await app.db.sql().raw("SELECT id FROM people ORDER BY id").all(decoding: Id.self)
                .map(\.id)
            #expect(ordered.count > 20)
            #expect(ordered.shuffled().sorted { $0.sortsBefore($1) } == ordered)
        }
    }
}
