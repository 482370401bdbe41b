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
        // Only the demo's made-up numbers, as below; their people in one query, by keyed hash.
        let numbers = cprs.prefix(200).compactMap { try? CPRNumber($0) }.filter(\.isReplacementNumber)
        let hashes = Dictionary(
            numbers.map { (vault.lookupHash($0), $0.digits) },
            uniquingKeysWith: { first, _ in first }
        )
        let people =
            hashes.isEmpty
            ? [] : try await Person.query(on: database).filter(\.$cprLookupHash ~~ Array(hashes.keys)).all()
        let byNumber = Dictionary(
            people.compactMap { person in person.cprLookupHash.flatMap { hashes[$0] }.map { ($0, person) } },
            uniquingKeysWith: { first, _ in first }
        )
        let owners: [(id: String, name: String, cpr: String)] = numbers.compactMap { number in
            guard let person = byNumber[number.digits], let id = person.id else { return nil }
            return (id.lowercasedString, person.fullName, number.digits)
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
