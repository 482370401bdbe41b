import Fluent
import Foundation
import Testing

@testable import App

/// Small look-ups many tests need from the demo register.
enum RegisterLookups {
    /// The housing organisation a lease belongs to (lease → dwelling → department → organisation).
    static func organisation(ofLease lease: UUID, on database: any Database) async throws -> UUID {
        try #require(
            try await Lease.query(on: database).filter(\.$id == lease).with(\.$dwelling) { $0.with(\.$department) }
                .first()
        )
        .dwelling.department.$organisation.id
    }
}
