import AlmenDomain
import Fluent
import Foundation
import Sandbox

/// The NgDP stand-in's citizen register, answered from the demo register: each demo adult's
/// Digital Post registration (`sandbox_citizens`), found by the keyed hash of the CPR number.
struct RegisterCitizenDirectory: NgDPCitizenRegister {
    let database: any Database
    let vault: CPRVault

    func registration(cpr: String) async throws -> (publicStatus: String, detail: String)? {
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

    /// The first fifty registered demo citizens with a mailbox.
    func mailboxOwners() async throws -> [(id: String, name: String, cpr: String)] {
        let citizens = try await SandboxCitizen.query(on: database).filter(\.$registrationStatus == .registered)
            .with(\.$person).sort(\.$id).limit(50).all()
        return citizens.compactMap { citizen in
            guard let sealed = citizen.person.cprCiphertext, let cpr = try? vault.open(sealed), cpr.isReplacementNumber,
                let id = citizen.person.id
            else { return nil }
            return (id.uuidString.lowercased(), citizen.person.fullName, cpr.digits)
        }
    }
}
