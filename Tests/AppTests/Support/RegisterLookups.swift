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

    /// "Andet Boligselskab" (CVR 12345678), a new organisation of the same administration company
    /// as `organisation`: whose staff must find nothing of `organisation`'s. Not connected to
    /// Digital Post, or as `organisation` is (`sameConnection`).
    static func anotherOrganisation(
        besides organisation: UUID,
        sameConnection: Bool = false,
        on database: any Database
    ) async throws -> HousingOrganisation {
        let known = try #require(try await HousingOrganisation.find(organisation, on: database))
        let elsewhere = HousingOrganisation(
            id: UUID(),
            companyID: known.$company.id,
            cvr: "12345678",
            name: "Andet Boligselskab",
            eligiblePublicSender: true,
            digitalPostConnection: sameConnection ? known.digitalPostConnection : .notConnected
        )
        try await elsewhere.create(on: database)
        return elsewhere
    }
}
