import DigitalPost
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import App

/// Effects come in through `configure`'s dependencies, not from live ones the code reaches for:
/// here secret tokens and the NgDP client.
@Suite("Injected effects")
struct DependenciesTests {
    @Test func tokensAndNgDPClientsComeFromTheInjectedDependencies() async throws {
        let issued = NIOLockedValueBox(0)
        let adjust: (inout AppDependencies) -> Void = { dependencies in
            dependencies.token = {
                let number = issued.withLockedValue { count in
                    count += 1
                    return count
                }
                return "token-\(number)"
            }
            dependencies.ngdpClient = { RecordingClient(wrapped: try HTTPNgDPClient(connection: $0)) }
        }
        try await withTestApp(running: true, adjust: adjust) { app in
            #expect(app.ngdpClient is RecordingClient)
            try await app.testing().test(.GET, SiteRoute.localLogin.path) { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie].contains { $0.contains("\(SessionCookie.csrf)=token-") })
            }
            #expect(issued.withLockedValue { $0 } >= 1)
        }
    }
}
