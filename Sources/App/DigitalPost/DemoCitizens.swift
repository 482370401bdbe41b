import AlmenDomain
import Fluent
import Foundation
import Vapor

/// The demo citizens' Digital Post registrations, for the NgDP stand-in (wired by the `almen`
/// executable in development): each demo adult's registration (`sandbox_citizens`), found by the
/// keyed hash of the CPR number.
public struct DemoCitizens: Sendable {
    let database: any Database
    let vault: CPRVault

    /// NgDP's public status and its detailed one, or nil for a number the register does not know.
    public func registration(cpr: String) async throws -> (publicStatus: String, detail: String)? {
        guard let number = try? CPRNumber(cpr),
            let person = try await Person.query(on: database).filter(\.$cprLookupHash == vault.lookupHash(number))
                .first(),
            let citizen = try await SandboxCitizen.query(on: database).filter(\.$person.$id == person.requireID())
                .first()
        else { return nil }
        let detail: String =
            switch citizen.registrationStatus {
            case .registered: "AUTOMATIC_REGISTRATION"
            case .exempt: "EXEMPT_OTHER_REASON"
            case .closed: "CLOSED"
            case .unknown: "UNKNOWN"
            }
        return (citizen.registrationStatus.rawValue, detail)
    }

    /// The demo people whose numbers are `withMail` (the latest 200), then the first fifty
    /// registered demo citizens, each once.
    public func mailboxOwners(withMail cprs: [String]) async throws -> [(id: String, name: String, cpr: String)] {
        var owners: [(id: String, name: String, cpr: String)] = []
        for cpr in cprs.prefix(200) {
            // Only the demo's made-up numbers, as below.
            guard let number = try? CPRNumber(cpr), number.isReplacementNumber,
                let person = try await Person.query(on: database).filter(\.$cprLookupHash == vault.lookupHash(number))
                    .first(),
                let id = person.id
            else { continue }
            owners.append((id.lowercasedString, person.fullName, cpr))
        }
        let citizens = try await SandboxCitizen.query(on: database).filter(\.$registrationStatus == .registered)
            .with(\.$person).sort(\.$id).limit(50).all()
        let listed = Set(owners.map(\.cpr))
        return owners
            + citizens.compactMap { citizen in
                guard let sealed = citizen.person.cprCiphertext, let cpr = try? vault.open(sealed),
                    cpr.isReplacementNumber, let id = citizen.person.id, !listed.contains(cpr.digits)
                else { return nil }
                return (id.lowercasedString, citizen.person.fullName, cpr.digits)
            }
    }
}

extension Application {
    /// The demo citizens' Digital Post registrations.
    public var demoCitizens: DemoCitizens { DemoCitizens(database: db, vault: cprVault) }
}
