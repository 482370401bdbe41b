import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// An API key (API-nøgle) for a program of the administration's (its finance system, the bank's
/// integration) to call Almen's API without a person: made by an administrator, shown once,
/// stored as a SHA-256 hash only, allowed what its scope says, and revoked at any time. Every call
/// is in the audit log under the key's name.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    /// What a key may do.
    enum Scope: String, Codable, Sendable, CaseIterable {
        /// Import leases' account lines (`POST /api/v1/ledger/import`).
        case ledger
    }

    @ID(key: .id) var id: UUID?
    /// What the key is for, in the administrator's words ("Økonomisystemet").
    @Field(key: "name") var name: String
    @Field(key: "scope") var scope: Scope
    /// The SHA-256 of the key, hex: the key itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    /// The key's first characters, so an administrator can tell keys apart.
    @Field(key: "prefix") var prefix: String
    /// The form's one-time token: the page reloaded makes no second key.
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}

    init(
        id: UUID,
        name: String,
        scope: Scope,
        token: String,
        submissionToken: String,
        createdBy: UUID,
        at now: Date
    ) {
        self.id = id
        self.submissionToken = submissionToken
        self.name = name
        self.scope = scope
        self.tokenHash = Self.hash(token)
        self.prefix = String(token.prefix(Self.shownPrefix))
        self.createdBy = createdBy
        self.createdAt = now
    }

    /// Keys start "almen_" and then 43 characters of base64url: 256 random bits.
    static let marker = "almen_"
    static let shownPrefix = marker.count + 6

    /// A new key, from the system's random number generator.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return marker + encoded
    }

    static func hash(_ token: String) -> String {
        SHA256Hex.of(Data(token.utf8))
    }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema)
            .id()
            .field("name", .string, .required)
            .field("scope", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("submission_token", .string, .required)
            .field("created_by", .uuid, .required, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid, .references(StaffUser.schema, "id"))
            .unique(on: "token_hash")
            .unique(on: "submission_token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
    }
}

/// Checks an API key before the route reads its body (route middleware runs first), so nobody
/// without a key can make the server hold a large upload: `Authorization: Bearer almen_...`, a
/// key that is not revoked, with the route's scope. A valid key always gets through, so nobody
/// sharing the program's address can lock it out; an address that keeps sending wrong keys is
/// answered 429 for ten minutes after ten (a key of 256 random bits cannot be guessed: the brake
/// is on noise). Answers are JSON, never a login page.
struct APITokenAuthentication: AsyncMiddleware {
    let scope: APIToken.Scope

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let failures = request.application.throttles.apiKeyFailures
        let client = request.clientAddress
        let now = request.application.dependencies.now()
        // The scheme's name is case-insensitive (RFC 7235).
        let header = request.headers.first(name: .authorization) ?? ""
        let given = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst("bearer ".count)) : ""
        let token: APIToken? =
            given.hasPrefix(APIToken.marker) && given.count < 200
            ? try await APIToken.query(on: request.db).filter(\.$tokenHash == APIToken.hash(given))
                .filter(\.$revokedAt == nil).first() : nil
        guard let token else {
            if await failures.blocked(key: client, now: now) {
                let response = try JSONResponse.make(Self.tooMany.body, status: .tooManyRequests)
                response.headers.replaceOrAdd(name: .retryAfter, value: "600")
                return response
            }
            _ = await failures.allow(key: client, now: now)
            let response = try JSONResponse.make(Self.unauthorized.body, status: .unauthorized)
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            return response
        }
        guard token.scope == scope else {
            return try JSONResponse.make(Self.forbidden.body, status: .forbidden)
        }
        token.lastUsedAt = now
        try await token.update(on: request.db)
        request.storage[APITokenKey.self] = token
        return try await next.respond(to: request)
    }

    static let unauthorized = RulesInputError(code: "unauthorized", field: nil, key: "apiError_apiKeyMissing")
    static let forbidden = RulesInputError(code: "forbidden", field: nil, key: "apiError_apiKeyScope")
    static let tooMany = RulesInputError(code: "too_many_attempts", field: nil, key: "apiError_apiKeyTooMany")
}

struct APITokenKey: StorageKey {
    typealias Value = APIToken
}

extension Request {
    /// The API key the request was let in with (`APITokenAuthentication`).
    var apiToken: APIToken? { storage[APITokenKey.self] }
}
