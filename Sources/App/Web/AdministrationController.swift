import Vapor

/// `/admin`: every administration page in one place, each with what it is for, so the main
/// navigation needs one link for them (administrators).
enum AdministrationController {
    struct Tool: Encodable {
        let href: String
        let title: String
        let purpose: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let tools: [Tool]
    }

    /// The pages, in the order an administrator is likely to need them.
    static let tools: [(route: SiteRoute, title: String, purpose: String)] = [
        (.staffMembers, "staffTitle", "adminPurposeStaff"),
        (.connections, "connectionsTitle", "adminPurposeConnections"),
        (.letterTemplates, "templatesTitle", "adminPurposeTemplates"),
        (.bulkLetters, "bulkTitle", "adminPurposeBulk"),
        (.responseTargets, "targetsTitle", "adminPurposeTargets"),
        (.paakravFees, "feesTitle", "adminPurposeFees"),
        (.municipalities, "municipalitiesTitle", "adminPurposeMunicipalities"),
        (.arrearsSettings, "arrearsSettingsTitle", "adminPurposeArrearsSettings"),
        (.complaintSettings, "complaintSettingsTitle", "adminPurposeComplaintSettings"),
        (.staffHelp, "helpStaffTitle", "adminHelpText"),
        (.departmentDocuments, "documentsTitle", "adminDocumentsText"),
        (.printBatches, "printTitle", "adminPurposePrint"),
        (.activationAdmin, "activationAdminTitle", "adminPurposeActivation"),
        (.consentKinds, "consentsAdminTitle", "adminPurposeConsents"),
        (.retention, "retentionTitle", "adminPurposeRetention"),
        (.processingRecords, "processingTitle", "adminPurposeProcessing"),
        (.guardians, "guardiansTitle", "adminPurposeGuardians"),
        (.jobs, "jobsTitle", "adminPurposeJobs"),
        (.apiTokens, "apiKeysTitle", "adminPurposeAPIKeys"),
        (.auditLog, "auditTitle", "adminPurposeAudit"),
    ]

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "administration",
            Context(
                page: await PageChrome.make(for: req, title: strings["administrationTitle"] ?? ""),
                tools: tools.map {
                    Tool(href: $0.route.path, title: strings[$0.title] ?? "", purpose: strings[$0.purpose] ?? "")
                }
            )
        )
    }
}
