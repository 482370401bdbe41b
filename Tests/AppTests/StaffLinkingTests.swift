import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Security finding 3: a staff account opens with the login linked to it (provider and subject),
/// linked on the first login with a verified e-mail address; an e-mail address alone never opens it.
@Suite("Staff login links")
struct StaffLinkingTests {
    static func identity(
        _ subject: String,
        email: String?,
        verified: Bool,
        issuer: String = "https://idp.example"
    ) -> OIDCClient.Identity {
        OIDCClient.Identity(
            issuer: issuer,
            subject: subject,
            name: "Medarbejder",
            email: email,
            emailVerified: verified,
            cpr: nil,
            authTime: Date()
        )
    }

    @Test func theFirstVerifiedLoginLinksAndOnlyThatLoginOpensTheAccountAfterwards() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let staff = try #require(try await StaffUser.query(on: app.db).filter(\.$role == .caseworker).first())
            let email = staff.email
            var audited: [UUID] = []
            func login(_ identity: OIDCClient.Identity) async throws -> UUID {
                try await StaffLinking.account(for: identity, on: app.db) { audited.append(try $0.requireID()) }
                    .requireID()
            }
            // An address the provider does not vouch for links nothing.
            await #expect(throws: OIDCError.staffLinkRefused) {
                try await login(Self.identity("first", email: email, verified: false))
            }
            #expect(try await login(Self.identity("first", email: email.uppercased(), verified: true)) == staff.id)
            #expect(audited == [try staff.requireID()])
            // Someone else with the same address (a reassigned mailbox, another provider): refused.
            await #expect(throws: OIDCError.staffLinkRefused) {
                try await login(Self.identity("second", email: email, verified: true))
            }
            await #expect(throws: OIDCError.staffLinkRefused) {
                try await login(Self.identity("first", email: email, verified: true, issuer: "https://other.example"))
            }
            // The linked login opens it whatever e-mail it says now.
            #expect(try await login(Self.identity("first", email: "ny@example.dk", verified: false)) == staff.id)
            #expect(audited.count == 1)
            // Unknown addresses and deactivated accounts are not found.
            await #expect(throws: OIDCError.unknownPerson) {
                try await login(Self.identity("third", email: "ukendt@example.dk", verified: true))
            }
            staff.active = false
            try await staff.save(on: app.db)
            await #expect(throws: OIDCError.unknownPerson) {
                try await login(Self.identity("first", email: email, verified: true))
            }
            staff.active = true
            try await staff.save(on: app.db)
            // After an administrator removes the link, the next verified login links again.
            #expect(try await StaffLinking.unlink(email: email, in: app))
            #expect(try await login(Self.identity("second", email: email, verified: true)) == staff.id)
            await #expect(throws: OIDCError.staffLinkRefused) {
                try await login(Self.identity("first", email: email, verified: true))
            }
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.staffUnlinked.rawValue).count()
                    == 1
            )
        }
    }
}
