import Crypto
import Foundation
import JWTKit
import Vapor

/// A MitID-style OpenID Connect provider for development, demos and tests (issue: Identity).
///
/// It speaks the authorization code flow with PKCE (S256) as a real broker does, over real HTTP:
/// discovery, JWKS, an authorize page to pick a demo person, and a token endpoint that issues
/// ES256-signed ID tokens. It is never part of a production configuration (the app refuses to
/// start in production with it configured).
public final class SandboxIdentityProvider: Sendable {
    /// The issuer URL, e.g. `http://127.0.0.1:8080/sandbox/mitid`; endpoints live under it.
    public let issuer: String
    let mountPath: [String]
    let title: String
    /// What its banner says it is not: "det rigtige MitID".
    let standsInFor: String
    let clients: [SandboxClient]
    let directory: any SandboxDirectory
    let now: @Sendable () -> Date
    let keys: JWTKeyCollection
    let keyID: String
    let publicKey: JWK
    let codes = AuthorizationCodeStore()
    /// How long an ID token is valid.
    static let tokenLifetime: TimeInterval = 300

    /// - Parameters:
    ///   - publicBaseURL: where the app is reached, e.g. `http://127.0.0.1:8080`.
    ///   - mountPath: the path under it, e.g. `["sandbox", "mitid"]`.
    public init(
        publicBaseURL: String,
        mountPath: [String],
        title: String,
        standsInFor: String = "det rigtige MitID",
        clients: [SandboxClient],
        directory: any SandboxDirectory,
        now: @escaping @Sendable () -> Date
    ) async {
        let base = publicBaseURL.hasSuffix("/") ? String(publicBaseURL.dropLast()) : publicBaseURL
        issuer = base + "/" + mountPath.joined(separator: "/")
        self.mountPath = mountPath
        self.title = title
        self.standsInFor = standsInFor
        self.clients = clients
        self.directory = directory
        self.now = now
        let key = ES256PrivateKey()
        keyID = SandboxRandom.token().prefix(16).description
        let parameters = key.publicKey.parameters
        publicKey = JWK.ecdsa(
            .es256,
            identifier: JWKIdentifier(string: keyID),
            x: parameters?.x,
            y: parameters?.y,
            curve: .p256
        )
        keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: keyID))
    }

    /// Registers the provider's endpoints.
    public func register(on routes: any RoutesBuilder) {
        let base = routes.grouped(mountPath.map { PathComponent.constant($0) })
        base.get(".well-known", "openid-configuration") { [self] _ in discovery() }
        base.get("jwks") { [self] _ in
            let response = Response(status: .ok, body: .init(data: try JSONEncoder().encode(JWKS(keys: [publicKey]))))
            response.headers.contentType = .json
            return response
        }
        base.get("authorize") { [self] req in try await chooser(req) }
        base.post("authorize") { [self] req in try await approve(req) }
        base.post("token") { [self] req in try await token(req) }
    }

    /// The OpenID Provider Metadata (OpenID Connect Discovery 1.0).
    struct Discovery: Content {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
        let response_types_supported: [String]
        let subject_types_supported: [String]
        let id_token_signing_alg_values_supported: [String]
        let code_challenge_methods_supported: [String]
        let token_endpoint_auth_methods_supported: [String]
        let scopes_supported: [String]
        let claims_supported: [String]
    }

    func discovery() -> Discovery {
        Discovery(
            issuer: issuer,
            authorization_endpoint: issuer + "/authorize",
            token_endpoint: issuer + "/token",
            jwks_uri: issuer + "/jwks",
            response_types_supported: ["code"],
            subject_types_supported: ["public"],
            id_token_signing_alg_values_supported: ["ES256"],
            code_challenge_methods_supported: ["S256"],
            token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
            scopes_supported: ["openid", "profile", "email", "ssn"],
            claims_supported: ["sub", "name", "email", "dk.cpr", "auth_time", "nonce", "loa"]
        )
    }

    /// The authorization request's parameters, checked before anything is shown or redirected.
    struct AuthorizeRequest: Content {
        let response_type: String?
        let client_id: String?
        let redirect_uri: String?
        let scope: String?
        let state: String?
        let nonce: String?
        let code_challenge: String?
        let code_challenge_method: String?
        var subject: String?
    }

    /// A bad authorization request is shown to the user, never redirected (RFC 6749 4.1.2.1).
    func validate(_ request: AuthorizeRequest) throws -> SandboxClient {
        guard let client = clients.first(where: { $0.id == request.client_id }) else {
            throw Abort(.badRequest, reason: "Unknown client_id.")
        }
        guard let redirect = request.redirect_uri, client.redirectURIs.contains(redirect) else {
            throw Abort(.badRequest, reason: "redirect_uri is not registered for this client.")
        }
        guard request.response_type == "code" else { throw Abort(.badRequest, reason: "response_type must be code.") }
        guard request.scope?.split(separator: " ").contains("openid") == true else {
            throw Abort(.badRequest, reason: "scope must include openid.")
        }
        guard request.code_challenge_method == "S256", let challenge = request.code_challenge, challenge.count >= 43
        else {
            throw Abort(.badRequest, reason: "PKCE with S256 is required.")
        }
        return client
    }

    func chooser(_ req: Request) async throws -> Response {
        let request = try req.query.decode(AuthorizeRequest.self)
        _ = try validate(request)
        let people = try await directory.people()
        let html = SandboxPages.chooser(
            title: title,
            standsInFor: standsInFor,
            action: issuer + "/authorize",
            request: request,
            people: people
        )
        return SandboxPages.response(html)
    }

    func approve(_ req: Request) async throws -> Response {
        let request = try req.content.decode(AuthorizeRequest.self)
        let client = try validate(request)
        guard let subject = request.subject, let person = try await directory.person(subject: subject) else {
            throw Abort(.badRequest, reason: "Choose a person.")
        }
        let issued = now()
        let code = await codes.issue(
            .init(
                clientID: client.id,
                redirectURI: request.redirect_uri ?? "",
                nonce: request.nonce,
                codeChallenge: request.code_challenge ?? "",
                person: person,
                authTime: issued,
                expires: issued.addingTimeInterval(60)
            )
        )
        guard var components = URLComponents(string: request.redirect_uri ?? "") else { throw Abort(.badRequest) }
        let existing = components.queryItems ?? []
        components.queryItems =
            existing + [URLQueryItem(name: "code", value: code)]
            + (request.state.map { [URLQueryItem(name: "state", value: $0)] } ?? [])
        return req.redirect(to: components.string ?? "/", redirectType: .normal)
    }

    struct TokenRequest: Content {
        let grant_type: String?
        let code: String?
        let redirect_uri: String?
        let code_verifier: String?
        let client_id: String?
        let client_secret: String?
    }

    struct TokenResponse: Content {
        let access_token: String
        let token_type: String
        let expires_in: Int
        let id_token: String
    }

    struct TokenError: Content {
        let error: String
        let error_description: String
    }

    func token(_ req: Request) async throws -> Response {
        let request = try req.content.decode(TokenRequest.self)
        let basic = req.headers.basicAuthorization
        let clientID = basic?.username ?? request.client_id
        let secret = basic?.password ?? request.client_secret
        guard let client = clients.first(where: { $0.id == clientID }), let secret,
            Data(SHA256.hash(data: Data(secret.utf8))) == Data(SHA256.hash(data: Data(client.secret.utf8)))
        else {
            return try tokenError(req, .unauthorized, "invalid_client", "Client authentication failed.")
        }
        guard request.grant_type == "authorization_code" else {
            return try tokenError(req, .badRequest, "unsupported_grant_type", "Only authorization_code.")
        }
        guard let code = request.code, let grant = await codes.redeem(code, now: now()), grant.clientID == client.id
        else {
            return try tokenError(req, .badRequest, "invalid_grant", "The code is unknown, used or expired.")
        }
        guard grant.redirectURI == request.redirect_uri else {
            return try tokenError(req, .badRequest, "invalid_grant", "redirect_uri does not match.")
        }
        guard let verifier = request.code_verifier,
            Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded == grant.codeChallenge
        else {
            return try tokenError(req, .badRequest, "invalid_grant", "PKCE verification failed.")
        }
        let idToken = try await signIDToken(
            for: grant.person,
            audience: client.id,
            nonce: grant.nonce,
            authTime: grant.authTime
        )
        let response = try await TokenResponse(
            access_token: SandboxRandom.token(),
            token_type: "Bearer",
            expires_in: Int(Self.tokenLifetime),
            id_token: idToken
        ).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Signs an ID token for `person`; tests use it to forge expired or mismatched tokens with the
    /// provider's real key.
    func signIDToken(
        for person: SandboxPerson,
        audience: String,
        nonce: String?,
        authTime: Date?,
        issuer: String? = nil,
        lifetime: TimeInterval = tokenLifetime,
        notBefore: Date? = nil,
        otherAudiences: [String] = [],
        authorizedParty: String? = nil,
        levelOfAssurance: String = "substantial"
    ) async throws -> String {
        let issued = now()
        return try await keys.sign(
            SandboxIDToken(
                iss: issuer ?? self.issuer,
                sub: person.subject,
                aud: [audience] + otherAudiences,
                exp: Int(issued.addingTimeInterval(lifetime).timeIntervalSince1970),
                iat: Int(issued.timeIntervalSince1970),
                nbf: notBefore.map { Int($0.timeIntervalSince1970) },
                azp: authorizedParty,
                authTime: authTime.map { Int($0.timeIntervalSince1970) },
                nonce: nonce,
                name: person.name,
                email: person.email,
                cpr: person.cpr,
                loa: levelOfAssurance
            ),
            kid: JWKIdentifier(string: keyID)
        )
    }

    private func tokenError(
        _ req: Request,
        _ status: HTTPStatus,
        _ code: String,
        _ description: String
    ) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(TokenError(error: code, error_description: description))
        return response
    }
}
