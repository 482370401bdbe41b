import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/naboklage/{token}`: a neighbour co-signs a complaint (medunderskrift) from the link
/// its complainant shared. Only a tenant of another home in the same department may (not the
/// complainant's household, not the home complained about), signed in with MitID; anyone else,
/// or a wrong link, gets a 404. The co-signer says what they saw themselves, follows the case
/// as another party, and can add episodes to it.
enum ComplaintCosigning {
    struct Context: Encodable {
        let page: PageChrome
        let about: String
        let step: String
        let episodes: [ComplaintCard.Episode]
        let action: String?
        let signed: Bool
        let caseHref: String?
        let statement: String
        let errors: [String: String]
        let errorList: [FieldError]
    }

    static let maxStatement = 2000

    /// What the co-signing page shows a signed-in resident for a link: the complaint and its
    /// case, the resident's tenancy that lets them co-sign, whether they did, and what the
    /// complainant told us. Four statements; nil for a wrong link or a resident who may not sign.
    struct Found: Sendable {
        let complaint: ComplaintCard.Row
        let caseID: UUID
        let leaseID: UUID
        let open: Bool
        let signed: Bool
        let episodes: [ComplaintCard.EpisodeRow]
    }

    /// A link as the signed-in resident opens it: the complaint to co-sign, or their own.
    enum Page: Sendable {
        case cosign(Found)
        /// The complainant's own link: their case says what it is for.
        case own(caseID: UUID)

        static func load(token: String, personID: UUID, on sql: any SQLDatabase) async throws -> Page? {
            struct Link: Decodable {
                let case_id: UUID
                let status: String
                let filed_by: UUID
            }
            struct Tenancy: Decodable {
                let lease_id: UUID
                let signed: Int
            }
            guard token.count >= 20, token.count <= 100,
                let link = try await sql.raw(
                    """
                    SELECT nc.case_id, c.status, nc.filed_by FROM neighbour_complaints nc JOIN cases c ON c.id = nc.case_id
                    WHERE nc.cosign_token = \(bind: token)
                    """
                ).first(decoding: Link.self)
            else { return nil }
            if link.filed_by == personID { return .own(caseID: link.case_id) }
            guard let complaint = try await ComplaintCard.row(ofCase: link.case_id, on: sql),
                // A current tenancy of the person in the department, in neither home of the complaint.
                let tenancy = try await sql.raw(
                    """
                    SELECT l.id AS lease_id,
                      CASE WHEN EXISTS (SELECT 1 FROM complaint_cosigners cs
                                        WHERE cs.complaint_id = \(bind: complaint.id) AND cs.person_id = lt.person_id)
                        THEN 1 ELSE 0 END AS signed
                    FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                    JOIN dwellings d ON d.id = l.dwelling_id
                    JOIN dwellings about ON about.id = \(bind: complaint.about_dwelling_id)
                    WHERE lt.person_id = \(bind: personID) AND l.status <> \(bind: LeaseStatus.ended.rawValue)
                      AND d.department_id = about.department_id AND d.id <> about.id
                      AND l.id <> \(bind: complaint.lease_id)
                    ORDER BY l.id LIMIT 1
                    """
                ).first(decoding: Tenancy.self)
            else { return nil }
            return .cosign(
                Found(
                    complaint: complaint,
                    caseID: link.case_id,
                    leaseID: tenancy.lease_id,
                    open: link.status == CaseStatus.open.rawValue,
                    signed: tenancy.signed == 1,
                    // What the complainant told us: the link was theirs to share.
                    episodes: try await ComplaintCard.episodes(
                        of: complaint.id,
                        reportedBy: complaint.filed_by,
                        on: sql
                    )
                )
            )
        }
    }

    /// The complaint behind the request's link that the signed-in resident may co-sign, or 404.
    static func find(_ req: Request, _ principal: Principal) async throws -> Found {
        guard let token = req.parameters.get("token"),
            case .cosign(let found)? = try await Page.load(token: token, personID: principal.id, on: try req.sql)
        else { throw Abort(.notFound) }
        return found
    }

    @Sendable
    static func show(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let token = req.parameters.get("token"),
            let page = try await Page.load(token: token, personID: principal.id, on: try req.sql)
        else { throw Abort(.notFound) }
        switch page {
        case .own(let caseID):
            return req.redirect(to: SiteRoute.myCase(caseID).path(query: [("besked", "eget-link")]))
        case .cosign(let found):
            return try await render(req, found, statement: "", problems: []).encodeResponse(for: req)
        }
    }

    @Sendable
    static func sign(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let found = try await find(req, principal)
        struct Input: Content {
            var statement: String?
            var confirm: String?
        }
        let input = try req.content.decode(Input.self)
        let statement = DepartmentContactController.clean(input.statement)
        var problems: [(String, String)] = []
        if statement.count > maxStatement { problems.append(("statement", "cosignErrorStatement")) }
        if input.confirm != "ja" { problems.append(("confirm", "cosignErrorConfirm")) }
        guard found.open, problems.isEmpty else {
            return try await render(req, found, statement: statement, problems: problems)
                .encodeResponse(status: found.open ? .unprocessableEntity : .ok, for: req)
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            guard
                try await ComplaintCosigner.query(on: db).filter(\.$complaintID == found.complaint.id)
                    .filter(\.$personID == principal.id).count() == 0
            else { return }
            let cosigner = ComplaintCosigner()
            cosigner.id = dependencies.uuid()
            cosigner.complaintID = found.complaint.id
            cosigner.personID = principal.id
            cosigner.leaseID = found.leaseID
            cosigner.statement = statement
            cosigner.signedAt = now
            try await cosigner.create(on: db)
            if try await CaseParty.query(on: db).filter(\.$caseFile.$id == found.caseID)
                .filter(\.$person.$id == principal.id).count() == 0
            {
                try await CaseParty(
                    id: dependencies.uuid(),
                    caseID: found.caseID,
                    personID: principal.id,
                    role: .otherParty,
                    addedAt: now
                ).create(on: db)
            }
        }
        return req.redirect(to: SiteRoute.myCase(found.caseID).path(query: [("besked", "medunderskrevet")]))
    }

    static func render(
        _ req: Request,
        _ found: Found,
        statement: String,
        problems: [(String, String)]
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let signed = found.signed
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "cosignField_\($0)" },
            strings
        )
        return try await req.view.render(
            "cosign",
            Context(
                page: await PageChrome.make(for: req, title: strings["cosignTitle"] ?? ""),
                about: "\(found.complaint.addressLine), \(found.complaint.postalCity)",
                step: strings[
                    "complaintStep_\(ComplaintCard.shownToComplainant(ComplaintCard.shownStep(found.complaint.step, open: found.open)))"
                ] ?? "",
                episodes: found.episodes.map { ComplaintCard.episode($0, req.language) },
                action: found.open && !signed ? req.url.path : nil,
                signed: signed,
                caseHref: signed ? SiteRoute.myCase(found.caseID).path : nil,
                statement: statement,
                errors: errors,
                errorList: errorList
            )
        )
    }
}
