import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A lease that has ended is no longer its former tenant's to open: its household and finances are
/// a 404 to them, and "Mit hjem" no longer lists it (issue: Security, finding 8).
@Suite("Former tenants")
struct FormerTenantTests {
    @Test func aFormerTenantCannotOpenTheEndedLease() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let token = try await PageSessions.signIn(person: tenancy.$person.id, on: app)
            let page = SiteRoute.myLease(tenancy.$lease.id).path
            let before = try await ListPagingTests.get(app, page, token: token)

            try await Lease.query(on: app.db).filter(\.$id == tenancy.$lease.id).set(\.$status, to: .ended).update()
            let after = try await ListPagingTests.get(app, page, token: token)
            let home = try await ListPagingTests.get(app, SiteRoute.myHome.path, token: token)

            #expect(before.status == .ok)
            #expect(after.status == .notFound)
            #expect(!home.body.contains(page))
        }
    }
}
