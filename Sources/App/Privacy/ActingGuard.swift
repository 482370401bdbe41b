import Vapor

/// While a helper acts for a resident under a fuldmagt, only what the fuldmagt covers may change:
/// with leave to file, the resident's requests (termination, sub-letting, fault reports,
/// complaints, requests about their data); always, stopping and logging out. Voting, proposing,
/// registering for meetings, consents and powers of attorney are the resident's own, and board
/// roles are never lent (`SessionLookup`). Anything else is refused with a Danish page.
struct ActingGuard: AsyncMiddleware {
    /// Always allowed while acting.
    static let always: [SiteRoute] = [.logout, .logoutEverywhere, .myPowersStop]
    /// Allowed when the fuldmagt lets the helper file requests.
    /// A termination, letting the whole home and a swap are not among them: each is signed with
    /// the tenant's own MitID, until a signature can record that a helper gave it.
    static let filing: [SiteRoute] = [
        .mySubletting(UUID()), .myFaultReport(UUID()),
        .myComplaint(UUID()), .myComplaintEpisode(UUID()),
        .myComplaintDemand(UUID()), .myComplaintReply(UUID()), .myDataRequest,
    ]
    /// Never read while acting: the resident's full copy and their data as JSON hold the CPR number,
    /// and the copy is downloaded once.
    static let notWhileActing: [SiteRoute] = [.myDataExportFile(UUID()), .api(.meData)]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let principal = request.principal, let acting = principal.acting else {
            // A form sent for someone whose fuldmagt has just ended is not done in the helper's own name.
            if request.method == .POST, request.principal?.actingEnded == true,
                !Self.always.contains(where: { Self.matches($0, request.url.path) })
            {
                throw AccessRefused(key: "actingEnded")
            }
            return try await next.respond(to: request)
        }
        if Self.notWhileActing.contains(where: { Self.matches($0, request.url.path) }) {
            throw refusal(principal.name)
        }
        guard request.method == .POST else {
            // Every page a helper reads is a read of the resident's data: audited under both.
            let response = try await next.respond(to: request)
            if request.method == .GET, response.status == .ok {
                try await request.audit.record(
                    .powerView,
                    dataSubjectID: principal.id,
                    purpose: AuditPurpose("actingPage", ["page": .word(Self.pageWord(request.url.path))])
                )
            }
            return response
        }
        let path = request.url.path
        let allowed = Self.always + (acting.mayFile ? Self.filing : [])
        if allowed.contains(where: { Self.matches($0, path) }) { return try await next.respond(to: request) }
        throw refusal(principal.name)
    }

    func refusal(_ name: String) -> AccessRefused {
        AccessRefused(key: "refusedActingFor", values: ["name": name])
    }

    /// The part of the portal a path is, in Danish, for the resident's audit page.
    static func pageWord(_ path: String) -> String {
        let names: [(String, String)] = [
            ("/mit-hjem/breve", "letters"), ("/mit-hjem/sager", "cases"), ("/mit-hjem/moeder", "meetings"),
            ("/mit-hjem/mine-data", "data"), ("/mit-hjem/samtykker", "consents"),
            ("/mit-hjem/indsigt", "seen"), ("/mit-hjem/fuldmagter", "powers"),
            ("/mit-hjem/lejemaal", "lease"), ("/api/v1/me", "api"), ("/mit-hjem", "home"),
        ]
        return "auditActingPage_" + (names.first { path.hasPrefix($0.0) }?.1 ?? "other")
    }

    /// Whether `path` is `route` with any values in its parameters.
    static func matches(_ route: SiteRoute, _ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let segments = route.segmentList
        guard parts.count == segments.count else { return false }
        return zip(parts, segments).allSatisfy { part, segment in
            if case .constant(let text) = segment { return text == part }
            return true
        }
    }
}
