import AlmenDomain
import Crypto
import Fluent
import Foundation
import SQLKit
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

    /// The words of the consent in the language the person read them; stored with it as given.
    static func consentText(_ language: Language) -> String {
        Strings.table(language)["activationConsentText"] ?? ""
    }

    /// A fresh code in the activation code's alphabet: for activation, a fuldmagt, or a
    /// sub-tenant's signature.
    static func randomCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<ActivationCodeText.length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return ActivationCodeText.make(from: bytes)
    }

    static func hash(_ normalisedCode: String) -> String {
        SHA256Hex.of(Data(normalisedCode.utf8))
    }

    /// A new code for `personID`: the stored row (hash only) and the code to print.
    func issue(to personID: UUID, createdBy: UUID?) -> (ActivationCode, String) {
        let code = Self.randomCode()
        return (
            ActivationCode(
                id: dependencies.uuid(),
                personID: personID,
                codeHash: Self.hash(code),
                now: dependencies.now(),
                createdBy: createdBy
            ), code
        )
    }

    /// Active tenants of `organisationID` with no CPR number and no code that still works.
    func tenantsToActivate(in organisationID: UUID, limit: Int) async throws -> [(personID: UUID, leaseID: UUID)] {
        let rows = try await LeaseTenant.query(on: database).current(in: organisationID)
            .join(Person.self, on: \LeaseTenant.$person.$id == \Person.$id).filter(Person.self, \.$cprLookupHash == nil)
            .sort(\.$id).all()
        let people = Array(Set(rows.map(\.$person.id)))
        guard !people.isEmpty else { return [] }
        let covered = Set(
            try await ActivationCode.query(on: database).filter(\.$person.$id ~~ people).filter(\.$usedAt == nil)
                .filter(\.$expiresAt > dependencies.now()).all().map(\.$person.id)
        )
        var seen = Set<UUID>()
        return rows.filter { !covered.contains($0.$person.id) && seen.insert($0.$person.id).inserted }
            .prefix(limit).map { ($0.$person.id, $0.$lease.id) }
    }

    /// Another request sent this tenant a working code a moment ago.
    struct AlreadyCovered: Error {}

    /// Inside the transaction that sends a tenant's code: locks the person (on PostgreSQL; SQLite
    /// has one writer at a time) and checks again that no working code exists, so two clicks at
    /// once send one letter, not two letters with two codes.
    func claim(_ personID: UUID, on db: any Database) async throws {
        try await db.lockRows(of: "people", is: personID)
        let working = try await ActivationCode.query(on: db).filter(\.$person.$id == personID).filter(\.$usedAt == nil)
            .filter(\.$expiresAt > dependencies.now()).count()
        guard working == 0 else { throw AlreadyCovered() }
    }

    /// Why a code was refused, for the resident (Danish and English strings by key). A wrong code
    /// and a code for someone else get the same answer, so the answer never says a code exists.
    enum Refusal: String, Error, CaseIterable {
        case expired = "activationErrorExpired"
        case consent = "activationErrorConsent"
        case code = "activationErrorCode"
        case tooMany = "activationErrorTooMany"
        /// A fuldmagt's code typed by a tenant the register knows, who was sent an activation
        /// code: they activate with it first, so they do not become a second person.
        case activateFirst = "activationErrorActivateFirst"
        /// The same, for someone who typed a sub-tenant's or swap partner's code.
        case activateFirstToSign = "activationErrorActivateFirstToSign"
        case alreadyLinked = "activationErrorLinked"

        /// The refusal in the audit log's few words (`auditRefusal_…`), not the resident's message.
        var auditWord: String { "auditRefusal_\(self)" }
    }

    /// Redeems `typed` for the pending login; returns the person now linked. Every step that
    /// counts is one conditional statement, so parallel requests cannot beat the limit of tries,
    /// use a code twice, or overwrite a CPR number.
    func redeem(_ pending: PendingLink, typed: String, consented: Bool, language: Language = .da) async throws -> Person
    {
        let now = dependencies.now()
        let pendingID = try pending.requireID()
        guard now.timeIntervalSince(pending.createdAt) <= PendingLink.lifetime else {
            try await PendingLink.query(on: database).filter(\.$id == pendingID).delete()
            throw Refusal.expired
        }
        guard consented else { throw Refusal.consent }
        guard let sql = database as? any SQLDatabase else { throw CaseError.notSQL }
        // Count the try before looking at the code.
        struct Attempts: Decodable { let attempts: Int }
        let counted = try await sql.raw(
            """
            UPDATE pending_links SET attempts = attempts + 1
            WHERE id = \(bind: pendingID) AND attempts < \(bind: PendingLink.maxAttempts)
            RETURNING attempts
            """
        ).first(decoding: Attempts.self)
        guard let counted else {
            try await PendingLink.query(on: database).filter(\.$id == pendingID).delete()
            throw Refusal.tooMany
        }
        let code = try await ActivationCodeText.normalised(typed).asyncFlatMap { normalised in
            try await ActivationCode.query(on: database).filter(\.$codeHash == Self.hash(normalised)).filter(
                \.$usedAt == nil
            )
            .filter(\.$expiresAt > now).with(\.$person).first()
        }
        // Not an activation code: perhaps a fuldmagt's, for a helper the register does not know.
        if code == nil, let helper = try await redeemHelper(pending, typed: typed, language: language) {
            return helper
        }
        // Or a sub-tenant's or swap partner's, to sign an application.
        if code == nil, let subtenant = try await redeemSubtenant(pending, typed: typed, language: language) {
            return subtenant
        }
        // The code is for one person: MitID's name must be the register's name.
        guard let code,
            NameMatch.matches(
                providerName: pending.name,
                givenName: code.person.givenName,
                familyName: code.person.familyName
            )
        else {
            if counted.attempts >= PendingLink.maxAttempts {
                try await PendingLink.query(on: database).filter(\.$id == pendingID).delete()
                throw Refusal.tooMany
            }
            throw Refusal.code
        }
        let person = code.person
        let personID = try person.requireID()
        let codeID = try code.requireID()
        let consentID = dependencies.uuid()
        struct Row: Decodable { let id: UUID }
        do {
            try await database.transaction { db in
                guard let sql = db as? any SQLDatabase else { throw CaseError.notSQL }
                let used = try await sql.raw(
                    """
                    UPDATE activation_codes SET used_at = \(bind: now)
                    WHERE id = \(bind: codeID) AND used_at IS NULL RETURNING id
                    """
                ).first(decoding: Row.self)
                let linked = try await sql.raw(
                    """
                    UPDATE people SET cpr_ciphertext = \(bind: pending.cprCiphertext), cpr_lookup_hash = \(bind: pending.cprLookupHash),
                      cpr_basis = \(bind: CPRBasis.consent.rawValue)
                    WHERE id = \(bind: personID) AND cpr_lookup_hash IS NULL RETURNING id
                    """
                ).first(decoding: Row.self)
                let consumed = try await sql.raw("DELETE FROM pending_links WHERE id = \(bind: pendingID) RETURNING id")
                    .first(decoding: Row.self)
                // Someone else got there first: undo everything.
                guard used != nil, linked != nil, consumed != nil else { throw Refusal.alreadyLinked }
                try await Consent(
                    id: consentID,
                    personID: personID,
                    kind: Consent.cprForDigitalPost,
                    text: Self.consentText(language),
                    givenAt: now
                )
                .create(on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The CPR number is already another person's (the unique keyed hash).
            throw Refusal.alreadyLinked
        }
        person.cprCiphertext = pending.cprCiphertext
        person.cprLookupHash = pending.cprLookupHash
        return person
    }

    /// A helper the register does not know, with the code of a fuldmagt or a guardianship given
    /// to their name: MitID's name must match the name the grantor wrote. The helper becomes a
    /// person in the register with the CPR number MitID gave, with their consent, and the power of
    /// attorney is theirs; all in one transaction. Nil when the code is no fuldmagt's.
    func redeemHelper(_ pending: PendingLink, typed: String, language: Language) async throws -> Person? {
        let powers = PowersOfAttorney(database: database, dependencies: dependencies)
        guard let power = try await powers.waiting(code: typed),
            PowersOfAttorney.nameMatches(power.helperName, pending.name)
        else { return nil }
        // A tenant of the grantor's organisation waiting for their own activation code, with this
        // name, is not a new person: they activate first.
        if try await tenantWaitingForCode(named: pending.name, inOrganisationsOf: power.grantorID) {
            throw Refusal.activateFirst
        }
        do {
            return try await newPerson(from: pending, language: language) { db, personID in
                _ = try await powers.accept(code: typed, helper: personID, helperName: pending.name, on: db)
            }
        } catch is PowersOfAttorney.Refusal {
            throw Refusal.code
        }
    }

    /// A sub-tenant (or a swap partner) the register does not know, with the code of an
    /// application to let a whole home (or to swap homes) naming them: MitID's name must match
    /// the name the tenant wrote. They become a person in the register, as a helper does, and the
    /// application's code is theirs to sign with. Nil when the code is no such application's.
    func redeemSubtenant(_ pending: PendingLink, typed: String, language: Language) async throws -> Person? {
        let now = dependencies.now()
        let take: @Sendable (any Database, UUID) async throws -> Void
        let tenant: UUID
        if let request = try await SubtenantSigning.waiting(code: typed, now: now, on: database),
            PowersOfAttorney.nameMatches(request.name, pending.name)
        {
            tenant = request.filed_by
            take = { db, personID in
                _ = try await SubtenantSigning.take(
                    code: typed,
                    personID: personID,
                    name: pending.name,
                    now: now,
                    on: db
                )
            }
        } else if let swap = try await SwapSigning.waiting(code: typed, now: now, on: database),
            PowersOfAttorney.nameMatches(swap.name, pending.name)
        {
            // Or the code of an application to swap homes, for its other tenant.
            tenant = swap.filed_by
            take = { db, personID in
                _ = try await SwapSigning.take(code: typed, personID: personID, name: pending.name, now: now, on: db)
            }
        } else {
            return nil
        }
        // A tenant of the application's organisation waiting for their activation code is not a
        // new person: a swap partner who is would hold their home twice.
        if try await tenantWaitingForCode(named: pending.name, inOrganisationsOf: tenant) {
            throw Refusal.activateFirstToSign
        }
        do {
            return try await newPerson(from: pending, language: language, then: take)
        } catch is SubtenantSigning.Refusal {
            throw Refusal.code
        }
    }

    /// Whether a tenant waiting for their own activation code has this MitID name: in the
    /// organisations of `grantor`'s leases, or anywhere when nil. Such a tenant activates first,
    /// so they do not become a second person.
    private func tenantWaitingForCode(named name: String, inOrganisationsOf grantor: UUID?) async throws -> Bool {
        struct Waiting: Decodable {
            let given_name: String
            let family_name: String
        }
        var query: SQLQueryString = """
            SELECT DISTINCT p.given_name, p.family_name FROM activation_codes c JOIN people p ON p.id = c.person_id
            JOIN lease_tenants t ON t.person_id = p.id JOIN leases l ON l.id = t.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
            WHERE c.used_at IS NULL AND c.expires_at > \(bind: dependencies.now())
            """
        if let grantor {
            query += """
                 AND dep.organisation_id IN (
                  SELECT dep2.organisation_id FROM lease_tenants t2 JOIN leases l2 ON l2.id = t2.lease_id
                  JOIN dwellings d2 ON d2.id = l2.dwelling_id JOIN departments dep2 ON dep2.id = d2.department_id
                  WHERE t2.person_id = \(bind: grantor))
                """
        }
        return try await database.sql().raw(query).rows(decoding: Waiting.self).contains {
            NameMatch.matches(providerName: name, givenName: $0.given_name, familyName: $0.family_name)
        }
    }

    /// Makes the person of a MitID login the register did not know, with the CPR number MitID gave
    /// and their consent, and does `then` with them; all in one transaction, which also ends the
    /// waiting login. Nil when MitID gave no first and last name.
    private func newPerson(
        from pending: PendingLink,
        language: Language,
        then: @escaping @Sendable (any Database, UUID) async throws -> Void
    ) async throws -> Person? {
        let words = pending.name.split(separator: " ").map(String.init)
        guard let family = words.last, words.count >= 2 else { return nil }
        let pendingID = try pending.requireID()
        let person = Person(
            id: dependencies.uuid(),
            givenName: words.dropLast().joined(separator: " "),
            familyName: family,
            cprCiphertext: pending.cprCiphertext,
            cprLookupHash: pending.cprLookupHash,
            email: nil,
            phone: nil
        )
        let personID = try person.requireID()
        let now = dependencies.now()
        let consentID = dependencies.uuid()
        do {
            try await database.transaction { db in
                try await person.create(on: db)
                try await db.sql().raw(
                    "UPDATE people SET cpr_basis = \(bind: CPRBasis.consent.rawValue) WHERE id = \(bind: personID)"
                ).run()
                try await Consent(
                    id: consentID,
                    personID: personID,
                    kind: Consent.cprForDigitalPost,
                    text: Self.consentText(language),
                    givenAt: now
                ).create(on: db)
                try await then(db, personID)
                try await PendingLink.query(on: db).filter(\.$id == pendingID).delete()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Refusal.alreadyLinked
        }
        return person
    }

    /// Forgets logins that waited too long for their code: the sealed CPR numbers of people who
    /// never finished (or were never tenants) are not kept.
    func purgeExpiredPendingLinks() async throws {
        try await PendingLink.query(on: database).filter(
            \.$createdAt < dependencies.now().addingTimeInterval(-PendingLink.lifetime)
        ).delete()
    }
}

extension Application {
    var activation: Activation { Activation(database: db, dependencies: dependencies, vault: cprVault) }
}
