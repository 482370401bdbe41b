import Foundation
import JWTKit
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import App

/// The relying party keeps the provider's keys for an hour, and takes a rotated key at once:
/// a token that does not verify fetches the keys again, at most once a minute.
@Suite("OpenID Connect keys")
struct OIDCKeyRotationTests {
    @Test func aRotatedKeyIsFetchedAtOnceButAtMostOnceAMinuteAndKeysExpireAfterAnHour() async throws {
        let provider = ProviderDouble(eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        let first = try await provider.addKey("first")
        let clock = NIOLockedValueBox(testNow)
        let client = OIDCClient(
            configuration: OIDCConfiguration(
                audience: .resident,
                issuer: provider.issuer,
                clientID: "almen-portal",
                clientSecret: "secret"
            ),
            redirectURI: "http://127.0.0.1:8080/log-ind/mitid/retur",
            http: provider,
            cache: OIDCProviderCache(),
            now: { clock.withLockedValue { $0 } }
        )
        func token(_ kid: String) async throws -> String {
            try await provider.sign(kid: kid, now: clock.withLockedValue { $0 })
        }
        func advance(_ seconds: TimeInterval) { clock.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }

        #expect(try await client.verify(idToken: token(first), nonce: "n").subject == "s-1")
        #expect(provider.keyFetches == 1)

        // The provider rotates: the new key is fetched once and its tokens verify.
        advance(300)
        let second = try await provider.addKey("second")
        #expect(try await client.verify(idToken: token(second), nonce: "n").subject == "s-1")
        #expect(provider.keyFetches == 2)

        // A token signed with a key the provider never published: refused, and within the
        // minute it does not make us fetch again, however many arrive.
        let forger = JWTKeyCollection()
        await forger.add(ecdsa: ES256PrivateKey(), kid: JWKIdentifier(string: "second"))
        let forged = try await forger.sign(provider.claims(now: clock.withLockedValue { $0 }), kid: "second")
        for _ in 0..<5 {
            await #expect(throws: OIDCError.invalidSignature) { try await client.verify(idToken: forged, nonce: "n") }
        }
        #expect(provider.keyFetches == 2)
        advance(61)
        await #expect(throws: OIDCError.invalidSignature) { try await client.verify(idToken: forged, nonce: "n") }
        #expect(provider.keyFetches == 3)

        // Kept keys are used for an hour, then fetched again.
        advance(600)
        _ = try await client.verify(idToken: token(second), nonce: "n")
        #expect(provider.keyFetches == 3)
        advance(OIDCProviderCache.lifetime)
        _ = try await client.verify(idToken: token(second), nonce: "n")
        #expect(provider.keyFetches == 4)
    }
}

/// An OpenID provider's discovery document and keys, served without a network, counting fetches.
private final class ProviderDouble: Client, Sendable {
    let eventLoop: any EventLoop
    let issuer = "https://broker.example/op"
    private let state = NIOLockedValueBox<(published: [JWK], fetches: Int)>(([], 0))
    private let signing = JWTKeyCollection()

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    var keyFetches: Int { state.withLockedValue { $0.fetches } }

    /// Publishes a new key (the old ones stay published) and returns its id.
    func addKey(_ kid: String) async throws -> String {
        let key = ES256PrivateKey()
        await signing.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        let parameters = key.publicKey.parameters
        let jwk = JWK.ecdsa(
            .es256,
            identifier: JWKIdentifier(string: kid),
            x: parameters?.x,
            y: parameters?.y,
            curve: .p256
        )
        state.withLockedValue { $0.published.append(jwk) }
        return kid
    }

    struct Claims: JWTPayload {
        let iss: String
        let sub: String
        let aud: [String]
        let exp: Int
        let iat: Int
        let nonce: String
        let auth_time: Int
        let loa: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    func claims(now: Date) -> Claims {
        let seconds = Int(now.timeIntervalSince1970)
        return Claims(
            iss: issuer,
            sub: "s-1",
            aud: ["almen-portal"],
            exp: seconds + 300,
            iat: seconds,
            nonce: "n",
            auth_time: seconds,
            loa: "substantial"
        )
    }

    func sign(kid: String, now: Date) async throws -> String {
        try await signing.sign(claims(now: now), kid: JWKIdentifier(string: kid))
    }

    func delegating(to eventLoop: any EventLoop) -> any Client { self }

    func send(_ request: ClientRequest) -> EventLoopFuture<ClientResponse> {
        let body: Data
        do {
            if request.url.path.hasSuffix("/jwks") {
                let keys = state.withLockedValue { state in
                    state.fetches += 1
                    return state.published
                }
                body = try JSONEncoder().encode(JWKS(keys: keys))
            } else {
                body = try JSONEncoder().encode(
                    OIDCClient.Metadata(
                        issuer: issuer,
                        authorization_endpoint: issuer + "/authorize",
                        token_endpoint: issuer + "/token",
                        jwks_uri: issuer + "/jwks"
                    )
                )
            }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return eventLoop.makeSucceededFuture(
            ClientResponse(status: .ok, headers: ["Content-Type": "application/json"], body: ByteBuffer(data: body))
        )
    }
}
