import Fluent
import Foundation
import Vapor

/// Which staff account a single sign-on login belongs to. An account is linked to one login, its
/// provider (`iss`) and subject (`sub`), on the first login with an e-mail address the provider has
/// verified (`email_verified`) and that is the account's; after that only the same login opens it.
/// An e-mail address alone never does: it can be reassigned at the provider, or claimed unverified.
/// An administrator removes a link (`almen staff unlink`) when a person's login changes.
public enum StaffLinking {
    static func account(
        for identity: OIDCClient.Identity,
        on database: any Database,
        audit: (StaffUser) async throws -> Void
    ) async throws -> StaffUser {
        if let linked = try await StaffUser.query(on: database)
            .filter(\.$oidcIssuer == identity.issuer).filter(\.$oidcSubject == identity.subject).first()
        {
            guard linked.active else { throw OIDCError.unknownPerson }
            return linked
        }
        guard let email = identity.email?.lowercased() else { throw OIDCError.missingClaim("email") }
        guard let account = try await StaffUser.query(on: database).filter(\.$email == email).first(), account.active
        else {
            throw OIDCError.unknownPerson
        }
        // Linked to another login, or an address the provider does not vouch for: refused.
        guard account.oidcSubject == nil, identity.emailVerified else { throw OIDCError.staffLinkRefused }
        let id = try account.requireID()
        // Only an unlinked account is linked, so two first logins at once cannot both win.
        try await StaffUser.query(on: database).filter(\.$id == id).filter(\.$oidcSubject == nil)
            .set(\.$oidcIssuer, to: identity.issuer).set(\.$oidcSubject, to: identity.subject).update()
        guard let reread = try await StaffUser.find(id, on: database),
            reread.oidcIssuer == identity.issuer, reread.oidcSubject == identity.subject
        else { throw OIDCError.staffLinkRefused }
        try await audit(reread)
        return reread
    }

    /// Removes the account's link, so that its next verified login links again; false when no
    /// account has the address.
    public static func unlink(email: String, in app: Application) async throws -> Bool {
        guard let account = try await StaffUser.query(on: app.db).filter(\.$email == email.lowercased()).first()
        else { return false }
        account.oidcIssuer = nil
        account.oidcSubject = nil
        try await account.save(on: app.db)
        try await AuditEvent(
            id: app.dependencies.uuid(),
            at: app.dependencies.now(),
            actorKind: AuditEvent.commandLine,
            actorID: nil,
            action: AuditAction.staffUnlinked.rawValue,
            subjectKind: AuditSubject.staff.rawValue,
            subjectID: try account.requireID(),
            dataSubjectID: nil,
            purpose: AuditPurpose("staffUnlinked"),
            requestID: "-"
        ).create(on: app.db)
        return true
    }
}

/// Staff accounts remember the login linked to them (`StaffLinking`).
struct AddStaffLoginLink: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffUser.schema).field("oidc_issuer", .string).update()
        try await database.schema(StaffUser.schema).field("oidc_subject", .string).update()
        try await SchemaIndex.create(
            "staff_users_login",
            on: StaffUser.schema,
            columns: ["oidc_issuer", "oidc_subject"],
            unique: true,
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await SchemaIndex.drop("staff_users_login", in: database)
        try await database.schema(StaffUser.schema).deleteField("oidc_subject").update()
        try await database.schema(StaffUser.schema).deleteField("oidc_issuer").update()
    }
}
