import Fluent
import Vapor

/// A sub-letting case's signed agreement, as a download: for staff whose scope has the case's
/// organisation (audited as a read of the tenant's data), and for the case's tenants. A case
/// outside either is a 404.
enum SublettingAgreementController {
    @Sendable
    static func staff(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let request = try await agreement(of: caseID, on: req.db), let data = request.agreement
        else { throw Abort(.notFound) }
        try await req.audit.record(
            .caseAgreementRead,
            subjectKind: .`case`,
            subjectID: caseID,
            dataSubjectID: request.filedBy,
            purpose: "Sagsbehandling: fremlejeaftale i sag \(caseFile.number)",
            actor: principal
        )
        return response(data, type: request.agreementType, number: caseFile.number)
    }

    @Sendable
    static func party(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID), party.role == .tenant,
            let request = try await agreement(of: caseID, on: req.db), let data = request.agreement
        else { throw Abort(.notFound) }
        return response(data, type: request.agreementType, number: party.caseFile.number)
    }

    static func agreement(of caseID: UUID, on database: any Database) async throws -> SublettingRequest? {
        try await SublettingRequest.query(on: database).filter(\.$caseID == caseID).filter(\.$status == .sent).first()
    }

    /// The file as a download of its checked type, never rendered as anything else.
    static func response(_ data: Data, type: String?, number: String) -> Response {
        var headers = HTTPHeaders()
        let mime = (type ?? "application/pdf").split(separator: "/").map(String.init)
        headers.contentType = HTTPMediaType(type: mime.first ?? "application", subType: mime.last ?? "pdf")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: SafeFilename.attachment(AttachmentType.filename("fremlejeaftale-\(number)", type: type))
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
