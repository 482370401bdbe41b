/// What an audit event records (revisionsspor). The code is stored with the event; people read
/// the words `auditAction_<code>` of `Strings`, which a test checks for every case.
enum AuditAction: String, CaseIterable, Sendable {
    case login
    case loginRefused = "login.refused"
    case loginUnknownCPR = "login.unknown_cpr"
    case logout
    case logoutEverywhere = "logout.everywhere"
    case cprCaptured = "cpr.captured"
    case activationList = "activation.list"
    case activationLetter = "activation.letter"
    case activationRefused = "activation.refused"
    case staffList = "staff.list"
    case staffAssign = "staff.assign"
    /// A staff login (provider and subject) linked to its account on first use.
    case staffLinked = "staff.linked"
    /// An administrator removed an account's link to its login.
    case staffUnlinked = "staff.unlinked"
    /// A help article's version published to residents.
    case helpPublish = "help.publish"
    /// A department document uploaded, or deleted.
    case documentUpload = "document.upload"
    case documentDelete = "document.delete"
    case boardResidentsList = "board.residents.list"
    case casesList = "cases.list"
    case caseRead = "case.read"
    case caseOpen = "case.open"
    case caseClose = "case.close"
    case caseReopen = "case.reopen"
    /// Incoming mail put on a case that exists.
    case caseMailAdded = "case.mail_added"
    case caseLetter = "case.letter"
    /// A case handed to a member of staff (or to nobody).
    case caseAssign = "case.assign"
    /// A sub-letting case's signed agreement opened by staff.
    case caseAgreementRead = "case.agreement_read"
    case caseDocumentationRead = "case.documentation_read"
    /// A photo sent with a resident's request opened by staff.
    case caseAttachmentRead = "case.attachment_read"
    /// A caseworker decided a resident's request, and its letter went.
    case caseDecision = "case.decision"
    /// A caseworker wrote down an episode of a neighbour complaint someone told them of.
    case caseEpisode = "case.episode"
    case lettersList = "letters.list"
    case letterRead = "letter.read"
    case letterPDF = "letter.pdf"
    case letterToPaper = "letter.to_paper"
    case letterTemplateSave = "letter_template.save"
    case organisationLogoUpload = "organisation_logo.upload"
    case organisationLogoRemove = "organisation_logo.remove"
    /// A meeting called, its notice made, its results saved, its minutes published; its page
    /// (with the proposers' names and addresses) read by staff.
    case meetingCall = "meeting.call"
    case meetingNotice = "meeting.notice"
    case meetingResults = "meeting.results"
    case meetingPublish = "meeting.publish"
    case meetingRead = "meeting.read"
    /// A meeting cancelled before its day; a resident's proposal hidden by staff.
    case meetingCancel = "meeting.cancel"
    case meetingProposalHide = "meeting.proposal_hide"
    /// A ballot opened; a resident voted (never what); a paper ballot entered for a resident.
    case ballotCreate = "ballot.create"
    case ballotVote = "ballot.vote"
    case ballotPaper = "ballot.paper"
    /// The paper ballots' inner envelopes counted, as numbers per option.
    case ballotCount = "ballot.count"
    /// An organisation's boards read by staff; an election's results entered.
    case boardsRead = "boards.read"
    case boardElection = "board.election"
    /// A department board member approved the department's annual accounts.
    case accountsApprove = "accounts.approve"
    case bulkRunCreate = "bulk_run.create"
    case bulkRunPreview = "bulk_run.preview"
    case bulkRunStart = "bulk_run.start"
    case bulkRunPause = "bulk_run.pause"
    /// A run not yet started was deleted (its letter written again, or not sent at all).
    case bulkRunDelete = "bulk_run.delete"
    case printBatchCreate = "print_batch.create"
    case printBatchPDF = "print_batch.pdf"
    case printBatchManifest = "print_batch.manifest"
    case printBatchDispatched = "print_batch.dispatched"
    case incomingMailList = "incoming_mail.list"
    case incomingMailRead = "incoming_mail.read"
    case incomingMailFile = "incoming_mail.file"
    case digitalPostConnectionSet = "digital_post_connection.set"
    /// An administrator changed the response targets of case kinds.
    case responseTargetsSet = "response_targets.set"
    /// An account file imported (`almen ledger import`).
    case ledgerImport = "ledger.import"
    /// The påkravsgebyr of a year entered or corrected.
    case paakravFeeSet = "paakrav_fee.set"
    /// Proposed påkrav approved for sending, or set aside.
    case paakravApprove = "paakrav.approve"
    case paakravSetAside = "paakrav.set_aside"
    /// Whether an organisation's påkrav are reviewed first or sent by the run.
    case arrearsModeSet = "arrears.mode_set"
    /// An organisation's window for a repeated neighbour complaint (1–3 months).
    case complaintWindowSet = "complaint.window_set"
    /// A resident gave or withdrew a consent; an administrator created or retired a kind; staff
    /// read who gave one.
    case consentGive = "consent.give"
    case consentWithdraw = "consent.withdraw"
    case consentKind = "consent.kind"
    case consentList = "consent.list"
    /// A copy of a resident's data collected (by the job) and downloaded (by the resident).
    case dataExportBuild = "data_export.build"
    case dataExportDownload = "data_export.download"
    /// A resident asked for rectification, erasure, restriction or objection.
    case dataRequestOpen = "data_request.open"
    /// The retention run deleted what had passed its period; an administrator changed a period.
    case retentionRun = "retention.run"
    case retentionSchedule = "retention.schedule"
    /// An administrator changed a record of processing.
    case processingSave = "processing.save"
    /// A fuldmagt given, accepted, revoked; a helper started acting for the resident; staff
    /// registered or ended a guardian, or looked up residents to do so.
    case powerGrant = "power.grant"
    case powerAccept = "power.accept"
    case powerRevoke = "power.revoke"
    case powerAct = "power.act"
    /// A helper read a page of the resident's while acting under a fuldmagt.
    case powerView = "power.view"
    case guardianRegister = "guardian.register"
    case guardianEnd = "guardian.end"
    case guardianSearch = "guardian.search"
    /// A caseworker looked up leases, read one's people, and registered the notice an estate
    /// gave after a tenant's death.
    case estateNoticeSearch = "estate_notice.search"
    case estateNoticeRead = "estate_notice.read"
    case estateNotice = "estate_notice.register"
    case coTenantDeath = "estate_notice.co_tenant"
    case departmentRepairShare = "department.repair_share"
    /// A caseworker sent the final settlement after a move-out.
    case settlementSent = "settlement.send"
    /// An administrator made or revoked an API key.
    case apiKeyCreate = "api_key.create"
    case apiKeyRevoke = "api_key.revoke"
    /// An administrator entered or corrected a municipality in the register of municipalities.
    case municipalitySet = "municipality.set"
}

/// The kind of record an audit event is about; shown as `auditSubject_<code>`.
enum AuditSubject: String, CaseIterable, Sendable {
    case resident
    case staff
    case person
    case persons
    case housingOrganisation = "housing_organisation"
    case cases
    case `case`
    case letters
    case letter
    case letterTemplate = "letter_template"
    case bulkRun = "bulk_run"
    case printBatch = "print_batch"
    case incomingMessages = "incoming_messages"
    case incomingMessage = "incoming_message"
    case helpArticle = "help_article"
    case departmentDocument = "department_document"
    case meeting
    case ballot
    case consent
    case dataExport = "data_export"
    case lease
    case apiKey = "api_key"
}
