import AlmenDomain
import Crypto
import Fluent
import Foundation
import Vapor

/// Collecting CPR numbers at first login (issue: Identity, item 3). A tenant whose CPR number the
/// register lacks gets an activation code by physical letter (with no CPR number, the channel
/// rules send it on paper to the lease's address). At the first MitID login the unknown CPR
/// number waits as a `PendingLink`; the tenant types the code and consents, and the CPR number is
/// stored on their record. A code works once, for 60 days, and only for the person whose name
/// MitID gives; five wrong tries end the attempt.
struct Activation: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let vault: CPRVault

    /// The words of the consent, stored with it as given.
    static let consentText = "Jeg giver samtykke til, at boligorganisationen gemmer mit CPR-nummer fra MitID, så den kan sende mig breve med Digital Post og genkende mig, når jeg logger ind."

    static func hash(_ normalisedCode: String) -> String {
        SHA256.hash(data: Data(normalisedCode.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new code for `personID`: the stored row (hash only) and the code to print.
    func issue(to personID: UUID, createdBy: UUID?) -> (ActivationCode, String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<ActivationCodeText.length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let code = ActivationCodeText.make(from: bytes)
        return (ActivationCode(id: dependencies.uuid(), personID: personID, codeHash: Self.hash(code), now: dependencies.now(), createdBy: createdBy), code)
    }

    /// Active tenants of `organisationID` with no CPR number and no code that still works.
    func tenantsToActivate(in organisationID: UUID, limit: Int) async throws -> [(personID: UUID, leaseID: UUID)] {
        let rows = try await LeaseTenant.query(on: database)
            .join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(Lease.self, \.$status != .ended)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
            .filter(Department.self, \.$organisation.$id == organisationID)
            .join(Person.self, on: \LeaseTenant.$person.$id == \Person.$id).filter(Person.self, \.$cprLookupHash == nil)
            .sort(\.$id).all()
        let people = Array(Set(rows.map(\.$person.id)))
        guard !people.isEmpty else { return [] }
        let covered = Set(try await ActivationCode.query(on: database).filter(\.$person.$id ~~ people).filter(\.$usedAt == nil)
            .filter(\.$expiresAt > dependencies.now()).all().map(\.$person.id))
        var seen = Set<UUID>()
        return rows.filter { !covered.contains($0.$person.id) && seen.insert($0.$person.id).inserted }
            .prefix(limit).map { ($0.$person.id, $0.$lease.id) }
    }

    /// Why a code was refused, for the resident (Danish and English strings by key).
    enum Refusal: String, Error {
        case expired = "activationErrorExpired"
        case consent = "activationErrorConsent"
        case code = "activationErrorCode"
        case tooMany = "activationErrorTooMany"
        case name = "activationErrorName"
        case alreadyLinked = "activationErrorLinked"
    }

    /// Redeems `typed` for the pending login; returns the person now linked.
    func redeem(_ pending: PendingLink, typed: String, consented: Bool) async throws -> Person {
        let now = dependencies.now()
        guard now.timeIntervalSince(pending.createdAt) <= PendingLink.lifetime else {
            try await pending.delete(on: database)
            throw Refusal.expired
        }
        guard consented else { throw Refusal.consent }
        guard pending.attempts < PendingLink.maxAttempts else {
            try await pending.delete(on: database)
            throw Refusal.tooMany
        }
        let code = try await ActivationCodeText.normalised(typed).asyncFlatMap { normalised in
            try await ActivationCode.query(on: database).filter(\.$codeHash == Self.hash(normalised)).filter(\.$usedAt == nil)
                .filter(\.$expiresAt > now).with(\.$person).first()
        }
        guard let code else {
            try await countFailure(pending)
            throw pending.attempts >= PendingLink.maxAttempts ? Refusal.tooMany : Refusal.code
        }
        let person = code.person
        // The code is for one person: MitID's name must carry the register's family name.
        guard Self.fold(pending.name).contains(Self.fold(person.familyName)) else {
            try await countFailure(pending)
            throw Refusal.name
        }
        guard person.cprLookupHash == nil,
              try await Person.query(on: database).filter(\.$cprLookupHash == pending.cprLookupHash).count() == 0
        else { throw Refusal.alreadyLinked }
        let consentID = dependencies.uuid()
        try await database.transaction { db in
            person.cprCiphertext = pending.cprCiphertext
            person.cprLookupHash = pending.cprLookupHash
            try await person.update(on: db)
            code.usedAt = now
            try await code.update(on: db)
            try await Consent(id: consentID, personID: try person.requireID(), kind: Consent.cprForDigitalPost, text: Self.consentText, givenAt: now)
                .create(on: db)
            try await pending.delete(on: db)
        }
        return person
    }

    /// One more wrong try; the fifth ends the attempt (a new MitID login starts again).
    private func countFailure(_ pending: PendingLink) async throws {
        pending.attempts += 1
        if pending.attempts >= PendingLink.maxAttempts {
            try await pending.delete(on: database)
        } else {
            try await pending.update(on: database)
        }
    }

    /// Lower case without diacritics, so "Ørsted" and "ORSTED" compare as people would.
    static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "Ø", with: "o")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .replacingOccurrences(of: "å", with: "aa").replacingOccurrences(of: "Å", with: "aa")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}

extension Application {
    var activation: Activation { Activation(database: db, dependencies: dependencies, vault: cprVault) }
}
