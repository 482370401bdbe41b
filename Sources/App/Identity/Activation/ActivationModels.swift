import Fluent
import Foundation

/// A one-time code sent by physical letter to a tenant whose CPR number the register lacks. With
/// it, the tenant's first MitID login links the MitID identity (and its CPR number) to the
/// register, with the tenant's consent: how the organisation collects CPR numbers for Digital Post.
final class ActivationCode: Model, @unchecked Sendable {
    static let schema = "activation_codes"
    /// How long a code in a letter works.
    static let lifetime: TimeInterval = 60 * 86_400

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    /// SHA-256 of the normalised code; this table never holds a usable code. The code is printed in
    /// the letter, whose PDF is kept like every letter's: a caseworker who reads it still cannot
    /// use it with their own MitID, because the name must be the tenant's (`NameMatch`).
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "letter_id") var letterID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}

    init(id: UUID, personID: UUID, codeHash: String, now: Date, createdBy: UUID?) {
        self.id = id
        self.$person.id = personID
        self.codeHash = codeHash
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(Self.lifetime)
        self.createdBy = createdBy
    }
}

/// A MitID login whose CPR number matched no one in the register, waiting (briefly) for the
/// activation code. The browser holds a random token for it in a `__Host-` cookie.
final class PendingLink: Model, @unchecked Sendable {
    static let schema = "pending_links"
    static let lifetime: TimeInterval = 15 * 60
    static let maxAttempts = 5

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "cpr_ciphertext") var cprCiphertext: Data
    @Field(key: "cpr_lookup_hash") var cprLookupHash: String
    /// The name MitID gave: checked against the register's name for the code's tenant.
    @Field(key: "name") var name: String
    @Field(key: "auth_time") var authTime: Date
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "attempts") var attempts: Int

    init() {}

    init(
        id: UUID,
        tokenHash: String,
        cprCiphertext: Data,
        cprLookupHash: String,
        name: String,
        authTime: Date,
        now: Date
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.cprCiphertext = cprCiphertext
        self.cprLookupHash = cprLookupHash
        self.name = name
        self.authTime = authTime
        self.createdAt = now
        self.attempts = 0
    }
}

/// A consent a person gave (samtykke): what, in which words, when and how, and its withdrawal
/// (`Consents`, the resident's consents page).
final class Consent: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "kind") var kind: String
    /// The words the person agreed to, as shown.
    @Field(key: "text") var text: String
    @Field(key: "given_at") var givenAt: Date
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    /// How it was given and withdrawn (`ConsentChannel`).
    @Field(key: "given_how") var givenHow: String
    @OptionalField(key: "withdrawn_how") var withdrawnHow: String?

    init() {}

    init(id: UUID, personID: UUID, kind: String, text: String, givenAt: Date) {
        self.id = id
        self.$person.id = personID
        self.kind = kind
        self.text = text
        self.givenAt = givenAt
        self.givenHow = ConsentChannel.activation.rawValue
    }

    /// Consent to keep the CPR number MitID gave, for Digital Post and identification.
    static let cprForDigitalPost = "cpr_digital_post"
}

struct CreateActivation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ActivationCode.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("letter_id", .uuid)
            .field("created_by", .uuid)
            .unique(on: "code_hash")
            .create()
        try await SchemaIndex.create(
            "activation_codes_person",
            on: ActivationCode.schema,
            columns: ["person_id"],
            in: database
        )
        try await database.schema(PendingLink.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("cpr_ciphertext", .data, .required)
            .field("cpr_lookup_hash", .string, .required)
            .field("name", .string, .required)
            .field("auth_time", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(Consent.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("given_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .create()
        try await SchemaIndex.create("consents_person", on: Consent.schema, columns: ["person_id"], in: database)
        // The demo's MitID knows some residents' CPR numbers that the register lacks.
        try await database.schema(SandboxCitizen.schema).field("mitid_cpr_ciphertext", .data).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SandboxCitizen.schema).deleteField("mitid_cpr_ciphertext").update()
        try await database.schema(Consent.schema).delete()
        try await database.schema(PendingLink.schema).delete()
        try await database.schema(ActivationCode.schema).delete()
    }
}
