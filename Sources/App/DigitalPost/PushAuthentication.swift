import Crypto
import Foundation
import Vapor

/// Checks NgDP's credentials on the push endpoints before the body is read: route middleware
/// runs before a route collects its body, so nobody without the token can make the server hold
/// 90 MB. The comparison is of hashes, so its time does not depend on how much of a guess matched.
struct PushAuthentication: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A client that keeps guessing is refused without a look for ten minutes after ten wrong
        // tokens; only failures count, so NgDP's own pushes (from their own addresses) go on.
        let failures = request.application.throttles.pushFailures
        let client = request.clientAddress
        let now = request.application.dependencies.now()
        if await failures.blocked(key: client, now: now) {
            throw Abort(.tooManyRequests, headers: ["Retry-After": "600"])
        }
        guard let expected = request.application.almenConfig.digitalPost?.pushToken,
            let given = request.headers.first(name: .authorization),
            Self.digest("Basic \(expected)") == Self.digest(given)
        else {
            _ = await failures.allow(key: client, now: now)
            throw Abort(.unauthorized)
        }
        return try await next.respond(to: request)
    }

    private static func digest(_ text: String) -> Data {
        Data(SHA256.hash(data: Data(text.utf8)))
    }
}
