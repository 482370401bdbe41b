import Fluent
import Letters
import Vapor

/// Administrators give an organisation a logo for its letters: a PNG of at most 256 KB that
/// cairo can decode, checked by typesetting a sample letter with it before it is stored.
enum OrganisationLogoController {
    struct Upload: Content {
        var logo: File?
    }

    @Sendable
    static func show(_ req: Request) async throws -> Response {
        _ = try req.requireAdministrator()
        let organisationID = try await find(req)
        guard
            let logo = try await OrganisationLogo.query(on: req.db).filter(\.$organisation.$id == organisationID)
                .first()
        else {
            throw Abort(.notFound)
        }
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: logo.png))
    }

    @Sendable
    static func upload(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let organisationID = try await find(req)
        let back = SiteRoute.letterTemplates.path(query: [("organisation", organisationID.uuidString)])
        try req.requireRecentAuthentication(principal, returnTo: back)
        guard let file = try? await req.decodeForm(Upload.self).logo, file.data.readableBytes > 0 else {
            return req.redirect(to: back + "&besked=logo-mangler", redirectType: .normal)
        }
        let png = Data(buffer: file.data)
        guard png.count <= OrganisationLogo.maxBytes else {
            return req.redirect(to: back + "&besked=logo-stor", redirectType: .normal)
        }
        // The logo must typeset: a sample letter with it, off the event loop.
        do {
            let sample = LetterDocument(
                sender: LetterSender(name: "Logo", logoPNG: png),
                recipient: PostalAddress(name: "Karen Eksempel", lines: []),
                dateText: "",
                subject: "Logo",
                body: []
            )
            _ = try await req.application.letterTypesetter.render(sample)
        } catch {
            return req.redirect(to: back + "&besked=logo-ugyldig", redirectType: .normal)
        }
        let now = req.application.dependencies.now()
        if let existing = try await OrganisationLogo.query(on: req.db).filter(\.$organisation.$id == organisationID)
            .first()
        {
            existing.png = png
            existing.updatedAt = now
            existing.updatedBy = principal.id
            try await existing.update(on: req.db)
        } else {
            try await OrganisationLogo(
                id: req.application.dependencies.uuid(),
                organisationID: organisationID,
                png: png,
                updatedBy: principal.id,
                now: now
            )
            .create(on: req.db)
        }
        try await req.audit.record(
            .organisationLogoUpload,
            subjectKind: .housingOrganisation,
            subjectID: organisationID,
            purpose: AuditPurpose("letterLogo"),
            actor: principal
        )
        return req.redirect(to: back + "&besked=logo-gemt", redirectType: .normal)
    }

    @Sendable
    static func remove(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let organisationID = try await find(req)
        let back = SiteRoute.letterTemplates.path(query: [("organisation", organisationID.uuidString)])
        try req.requireRecentAuthentication(principal, returnTo: back)
        try await OrganisationLogo.query(on: req.db).filter(\.$organisation.$id == organisationID).delete()
        try await req.audit.record(
            .organisationLogoRemove,
            subjectKind: .housingOrganisation,
            subjectID: organisationID,
            purpose: AuditPurpose("letterLogo"),
            actor: principal
        )
        return req.redirect(to: back + "&besked=logo-fjernet", redirectType: .normal)
    }

    private static func find(_ req: Request) async throws -> UUID {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            try await HousingOrganisation.find(id, on: req.db) != nil
        else {
            throw Abort(.notFound)
        }
        return id
    }
}
