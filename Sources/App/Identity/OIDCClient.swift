import Foundation
import JWTKit
import Vapor

/// The relying party of the authorization code flow with PKCE: builds the authorization URL,
/// exchanges the code, and accepts the ID token only after checking its signature against the
/// provider's JWKS, the issuer, the audience, the expiry and the nonce.
struct OIDCClient: Sendable {
    let configuration: OIDCConfiguration
    let redirectURI: String
    let http: any Client
    let cache: OIDCProviderCache
    let now: @Sendable () -> Date
    /// Clock skew allowed on `exp` and `iat`.
    static let leeway: TimeInterval = 60

    struct Metadata: Content {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
    }

    /// The verified identity from an ID token.
    struct Identity: Sendable {
        /// The provider (`iss`) and its identifier for the person (`sub`): together they name one
        /// login for good, while an e-mail address can move to someone else.
        let issuer: String
        let subject: String
        let name: String?
        let email: String?
        /// Whether the provider says the e-mail address is the person's (`email_verified`).
        let emailVerified: Bool
        let cpr: String?
        let authTime: Date
    }

    func authorizationURL(
        state: String,
        nonce: String,
        verifier: String,
        maxAge: Int? = nil
    ) async throws(OIDCError) -> String {
        let metadata = try await cache.metadata(for: configuration.issuer, using: http, now: now())
        var components = URLComponents(string: metadata.authorization_endpoint)
        components?.queryItems =
            [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: configuration.clientID),
                URLQueryItem(name: "redirect_uri", value: redirectURI),
                URLQueryItem(name: "scope", value: configuration.scopes.joined(separator: " ")),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: PKCE.challenge(for: verifier)),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
            ] + (maxAge.map { [URLQueryItem(name: "max_age", value: "\($0)")] } ?? [])
            + (configuration.acrValues.map { [URLQueryItem(name: "acr_values", value: $0)] } ?? [])
        guard let url = components?.string else { throw .providerUnavailable }
        return url
    }

    struct TokenResponse: Content {
        let id_token: String?
        let error: String?
    }

    /// Exchanges the code and verifies the ID token it returns.
    func exchange(code: String, verifier: String, nonce: String) async throws(OIDCError) -> Identity {
        let metadata = try await cache.metadata(for: configuration.issuer, using: http, now: now())
        let body: ClientResponse
        do {
            body = try await http.post(URI(string: metadata.token_endpoint)) { request in
                request.headers.basicAuthorization = BasicAuthorization(
                    username: configuration.clientID,
                    password: configuration.clientSecret
                )
                try request.content.encode(
                    [
                        "grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI,
                        "code_verifier": verifier,
                    ],
                    as: .urlEncodedForm
                )
            }
        } catch {
            throw .providerUnavailable
        }
        guard let tokens = try? body.content.decode(TokenResponse.self) else { throw .providerUnavailable }
        guard body.status == .ok, let idToken = tokens.id_token else {
            throw .providerError(tokens.error ?? "HTTP \(body.status.code)")
        }
        return try await verify(idToken: idToken, nonce: nonce)
    }

    /// Checks an ID token (OpenID Connect Core 3.1.3.7).
    func verify(idToken: String, nonce: String) async throws(OIDCError) -> Identity {
        let keys = try await cache.keys(for: configuration.issuer, using: http, now: now())
        let claims: IDTokenClaims
        if let verified = try? await keys.verify(idToken, as: IDTokenClaims.self) {
            claims = verified
        } else if let fresh = try await cache.keysAgain(for: configuration.issuer, using: http, now: now()),
            let verified = try? await fresh.verify(idToken, as: IDTokenClaims.self)
        {
            // Signed with a key the provider has rotated in since we fetched its keys.
            claims = verified
        } else {
            throw .invalidSignature
        }
        let current = now().timeIntervalSince1970
        guard claims.string("iss") == configuration.issuer else { throw .wrongIssuer }
        guard claims.audiences.contains(configuration.clientID) else { throw .wrongAudience }
        guard let expiry = claims.seconds("exp"), expiry + Self.leeway > current else { throw .expired }
        if let issued = claims.seconds("iat"), issued - Self.leeway > current {
            throw .tokenRejected("iat in the future")
        }
        if let notBefore = claims.seconds("nbf"), notBefore - Self.leeway > current {
            throw .tokenRejected("nbf in the future")
        }
        // Issued to several clients: it must say it was for us (OpenID Connect Core 3.1.3.7, 4-5).
        if let party = claims.string("azp") {
            guard party == configuration.clientID else { throw .wrongAudience }
        } else if claims.audiences.count > 1 {
            throw .tokenRejected("several audiences and no azp")
        }
        guard claims.string("nonce") == nonce else { throw .nonceMismatch }
        guard let subject = claims.string("sub") else { throw .missingClaim("sub") }
        if let claim = configuration.assuranceClaim {
            guard let level = claims.string(claim), OIDCConfiguration.substantialOrHigher.contains(level.lowercased())
            else {
                throw .insufficientAssurance
            }
        }
        return Identity(
            issuer: configuration.issuer,
            subject: subject,
            name: claims.string(configuration.nameClaim),
            email: claims.string(configuration.emailClaim),
            emailVerified: claims.flag("email_verified") ?? false,
            cpr: claims.string(configuration.cprClaim),
            // Without auth_time the login's age is unknown: never recent, so a sensitive change
            // asks for a fresh login, and a fresh login without it is refused (`notFresh`).
            authTime: claims.seconds("auth_time").map(Date.init(timeIntervalSince1970:)) ?? .distantPast
        )
    }
}

/// Provider metadata and signing keys, fetched over HTTP and kept for an hour; the keys are
/// fetched again sooner when a token does not verify with them (the provider rotated its keys),
/// at most once a minute, so a stream of forged tokens cannot make us hammer the provider.
actor OIDCProviderCache {
    /// How long discovery and keys are used before they are fetched again.
    static let lifetime: TimeInterval = 3600
    /// How often a token that does not verify may fetch the keys again.
    static let refetchInterval: TimeInterval = 60

    private var metadata: [String: (value: OIDCClient.Metadata, fetched: Date)] = [:]
    private var keys: [String: (value: JWTKeyCollection, fetched: Date)] = [:]

    func metadata(
        for issuer: String,
        using http: any Client,
        now: Date
    ) async throws(OIDCError) -> OIDCClient.Metadata {
        if let cached = metadata[issuer], now.timeIntervalSince(cached.fetched) < Self.lifetime { return cached.value }
        do {
            let response = try await http.get(URI(string: issuer + "/.well-known/openid-configuration"))
            guard response.status == .ok else { throw OIDCError.providerUnavailable }
            let fetched = try response.content.decode(OIDCClient.Metadata.self)
            guard fetched.issuer == issuer else { throw OIDCError.wrongIssuer }
            metadata[issuer] = (fetched, now)
            return fetched
        } catch let error as OIDCError {
            throw error
        } catch {
            throw .providerUnavailable
        }
    }

    func keys(for issuer: String, using http: any Client, now: Date) async throws(OIDCError) -> JWTKeyCollection {
        if let cached = keys[issuer], now.timeIntervalSince(cached.fetched) < Self.lifetime { return cached.value }
        return try await fetchKeys(for: issuer, using: http, now: now)
    }

    /// The keys fetched again after a token did not verify with the kept ones; nil when they were
    /// fetched less than a minute ago.
    func keysAgain(for issuer: String, using http: any Client, now: Date) async throws(OIDCError) -> JWTKeyCollection? {
        if let cached = keys[issuer], now.timeIntervalSince(cached.fetched) < Self.refetchInterval { return nil }
        return try await fetchKeys(for: issuer, using: http, now: now)
    }

    private func fetchKeys(
        for issuer: String,
        using http: any Client,
        now: Date
    ) async throws(OIDCError)
        -> JWTKeyCollection
    {
        let metadata = try await metadata(for: issuer, using: http, now: now)
        do {
            let response = try await http.get(URI(string: metadata.jwks_uri))
            guard response.status == .ok, let body = response.body else { throw OIDCError.providerUnavailable }
            let collection = try await JWTKeyCollection().add(jwksJSON: String(buffer: body))
            keys[issuer] = (collection, now)
            return collection
        } catch let error as OIDCError {
            throw error
        } catch {
            throw .providerUnavailable
        }
    }
}
