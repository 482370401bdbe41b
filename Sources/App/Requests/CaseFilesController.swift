import Fluent
import Vapor

/// The files residents sent with their requests, as downloads: a sub-letting case's signed
/// agreement and documentation of the absence, and a fault report's photos. For staff whose scope has the case's organisation
/// (audited as a read of the resident's data), and for the case's tenants (the agreement) or
/// parties (the photos). A case outside either is a 404.
enum CaseFilesController {
    /// A file a tenant sent with a sub-letting request.
    enum SublettingFile {
        /// The signed sub-letting agreement.
        case agreement
        /// The documentation of the absence behind a whole-dwelling sub-letting.
        case documentation

        func of(_ request: SublettingRequest) -> (Data, String?)? {
            switch self {
            case .agreement: request.agreement.map { ($0, request.agreementType) }
            case .documentation: request.documentation.map { ($0, request.documentationType) }
            }
        }

        var filename: String { self == .agreement ? "fremlejeaftale" : "dokumentation" }
        var audit: AuditAction { self == .agreement ? .caseAgreementRead : .caseDocumentationRead }
        var purposeWord: String { self == .agreement ? "auditItem_subletAgreement" : "auditItem_absenceDocumentation" }
    }

    @Sendable
    static func staffAgreement(_ req: Request) async throws -> Response { try await staffFile(req, .agreement) }

    @Sendable
    static func partyAgreement(_ req: Request) async throws -> Response { try await partyFile(req, .agreement) }

    @Sendable
    static func staffDocumentation(_ req: Request) async throws -> Response {
        try await staffFile(req, .documentation)
    }

    @Sendable
    static func partyDocumentation(_ req: Request) async throws -> Response {
        try await partyFile(req, .documentation)
    }

    static func staffFile(_ req: Request, _ file: SublettingFile) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let request = try await agreement(of: caseID, on: req.db), let (data, type) = file.of(request)
        else { throw Abort(.notFound) }
        try await req.audit.record(
            file.audit,
            subjectKind: .`case`,
            subjectID: caseID,
            dataSubjectID: request.filedBy,
            purpose: AuditPurpose("caseItem", ["what": .word(file.purposeWord), "number": .same(caseFile.number)]),
            actor: principal
        )
        return response(data, type: type, name: "\(file.filename)-\(caseFile.number)")
    }

    /// For the case's tenants only: a sub-tenant never sees why the tenant is away.
    static func partyFile(_ req: Request, _ file: SublettingFile) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID), party.role == .tenant,
            let request = try await agreement(of: caseID, on: req.db), let (data, type) = file.of(request)
        else { throw Abort(.notFound) }
        return response(data, type: type, name: "\(file.filename)-\(party.caseFile.number)")
    }

    /// A fault report's photo, the `position`th, for staff.
    @Sendable
    static func staffPhoto(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let photo = try await photo(of: caseID, req)
        else { throw Abort(.notFound) }
        try await req.audit.record(
            .caseAttachmentRead,
            subjectKind: .`case`,
            subjectID: caseID,
            purpose: AuditPurpose("casePhoto", ["position": "\(photo.position)", "number": .same(caseFile.number)]),
            actor: principal
        )
        return image(photo, number: caseFile.number, shown: try await shownNumber(photo, on: req.db))
    }

    /// A request's photo, for a party to the case: on a neighbour complaint only the
    /// complainant's household, never the household complained about.
    @Sendable
    static func partyPhoto(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID),
            party.caseFile.kind != .neighbourComplaint || party.role == .tenant,
            let photo = try await photo(of: caseID, req)
        else { throw Abort(.notFound) }
        return image(photo, number: party.caseFile.number, shown: try await shownNumber(photo, on: req.db))
    }

    /// The number the cards give an attachment: photos from 1, recordings from 1 after them.
    static func shownNumber(_ file: CaseAttachment, on database: any Database) async throws -> Int {
        guard AudioType.types.contains(file.contentType) else { return file.position }
        let photos = try await CaseAttachment.query(on: database).filter(\.$caseID == file.caseID)
            .filter(\.$position < file.position).filter(\.$contentType !~ AudioType.types).count()
        return file.position - photos
    }

    static func photo(of caseID: UUID, _ req: Request) async throws -> CaseAttachment? {
        guard let position = req.parameters.get("position", as: Int.self) else { return nil }
        return try await CaseAttachment.query(on: req.db).filter(\.$caseID == caseID).filter(\.$position == position)
            .first()
    }

    /// A photo or a recording, shown or played inline (each is checked to be an image or audio
    /// and nothing else) and never cached.
    static func image(_ photo: CaseAttachment, number: String, shown: Int) -> Response {
        var headers = HTTPHeaders()
        let audio = AudioType.types.contains(photo.contentType)
        if audio {
            let parts = photo.contentType.split(separator: "/").map(String.init)
            headers.contentType = HTTPMediaType(type: parts[0], subType: parts[1])
        } else {
            headers.contentType = photo.contentType == "image/png" ? .png : .jpeg
        }
        let name = "\(audio ? "lydoptagelse" : "billede")-\(number)-\(shown)"
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "inline; filename=\"\(AttachmentType.filename(name, type: photo.contentType))\""
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: photo.data))
    }

    static func agreement(of caseID: UUID, on database: any Database) async throws -> SublettingRequest? {
        try await SublettingRequest.query(on: database).filter(\.$caseID == caseID).filter(\.$status == .sent).first()
    }

    /// The file as a download of its checked type, never rendered as anything else.
    static func response(_ data: Data, type: String?, name: String) -> Response {
        var headers = HTTPHeaders()
        let mime = (type ?? "application/pdf").split(separator: "/").map(String.init)
        headers.contentType = HTTPMediaType(type: mime.first ?? "application", subType: mime.last ?? "pdf")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: SafeFilename.attachment(AttachmentType.filename(name, type: type))
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
