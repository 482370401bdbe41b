import AlmenDomain
import Foundation
import Vapor

/// Every path of the site, as one typed value: routes are registered from it and links are built
/// from it, so a link cannot drift from its route (SwiftPackageIndex's `SiteURL`).
public enum SiteRoute: Hashable, Sendable {
    case home
    /// One housing organisation's departments (public).
    case organisation(UUID)
    /// "Hvornår kan jeg fraflytte?": the public termination calculator.
    case terminationCalculator
    /// The help centre: topics and search, and one article (public, in the reader's department).
    case help
    case helpArticle(String)
    /// Staff's help articles: the list, a new article, the editor, and publishing a version.
    case staffHelp
    case staffHelpNew
    case staffHelpArticle(UUID)
    case staffHelpPublish(UUID)
    /// Department documents: staff's list and upload, a document, its removal; a resident's copy.
    case departmentDocuments
    case departmentDocumentFile(UUID)
    case departmentDocumentDelete(UUID)
    case myDocument(UUID)
    /// The department board's upload of its department's documents.
    case boardDocuments
    /// The department board's workspace: its meetings, calling one, and approving the accounts.
    case boardWorkspace
    case boardMeetingNew
    case boardAccountsApprove(UUID)
    /// A department's service centre and opening hours (staff).
    case departmentContact(UUID)
    case healthLive
    case healthReady
    case login
    /// A local staff account: e-mail, password and TOTP.
    case localLogin
    case loginStart(OIDCConfiguration.Audience)
    case loginCallback(OIDCConfiguration.Audience)
    case logout
    case logoutEverywhere
    /// "Mit hjem": the signed-in resident's leases.
    case myHome
    case myLease(UUID)
    /// The lease's account: what was charged and paid, with the balance.
    case myAccount(UUID)
    /// A tenant gives notice to end the lease (opsigelse), or signs a co-tenant's notice.
    /// A tenant's notice of partial sub-letting (delvis fremleje) for one of their leases.
    case mySubletting(UUID)
    /// A tenant's application to let the whole home while away (fremleje af hele boligen).
    case myWholeSubletting(UUID)
    /// A sub-tenant or a swap partner types the code the tenant gave them, to sign the application.
    case mySignCode
    /// The sub-tenant reads the application they were given the code for, and signs it.
    case mySubtenantSign(UUID)
    /// The tenant makes a new code for their sub-tenant or swap partner (the old one stops working).
    case myCaseSignCode(UUID)
    /// A co-tenant signs the application to let the whole home or swap it.
    case myCaseCosign(UUID)
    /// The swap partner reads the application to swap homes and signs it.
    case mySwapSign(UUID)
    /// A tenant's application to swap homes (boligbytte).
    case mySwap(UUID)
    /// A caseworker records the other landlord's answer to a swap.
    case staffSwapLandlord(UUID)
    /// The municipality's consent to a swap into youth, elderly or care housing (staff).
    case staffSwapMunicipality(UUID)
    /// A caseworker writes to the swap's other landlord outside Almen for its answer.
    case staffSwapLandlordLetter(UUID)

    /// A resident's fault report (fejlmelding) about their home or its department.
    case myFaultReport(UUID)
    /// A neighbour complaint from the tenant of a lease (naboklage).
    case myComplaint(UUID)
    /// The complainant adds an episode to their complaint's diary.
    case myComplaintEpisode(UUID)
    /// The complainant demands that the landlord act (ALL § 83).
    case myComplaintDemand(UUID)
    /// The household complained about answers (its side, or an objection to a termination).
    case myComplaintReply(UUID)
    /// A neighbour co-signs a complaint from the link its complainant shared.
    case myCosign(String)
    /// Resident democracy for a resident: the meetings of their departments and organisations,
    /// one meeting (proposals, registration, minutes), a proposal, a registration, the minutes,
    /// and a household's request for an extraordinary meeting in one of their departments.
    case myMeetings
    case myMeeting(UUID)
    case myMeetingProposal(UUID)
    case myMeetingRegistration(UUID)
    case myMeetingMinutes(UUID)
    case myExtraordinaryRequest(UUID)
    /// Meetings in the back office: the list, calling a meeting, one meeting, sending its notice,
    /// its results and minutes, the minutes' preview, and publishing them.
    case meetings
    case meetingNew
    case meeting(UUID)
    case meetingNotice(UUID)
    case meetingResults(UUID)
    case meetingMinutesPreview(UUID)
    case meetingPublish(UUID)
    /// Cancelling a meeting; hiding a proposal; a resident withdrawing their own proposal.
    case meetingCancel(UUID)
    case meetingProposalHide(UUID)
    case myMeetingProposalWithdraw(UUID)
    /// Urafstemning: staff open a meeting's ballot and enter a paper ballot; a resident votes.
    case meetingBallot(UUID)
    case ballotPaperVote(UUID)
    case ballotPaperCount(UUID)
    case myBallotVote(UUID)
    /// The boards of an organisation and its departments, checked; an election's results entered.
    case boards
    case departmentBoardElection(UUID)
    case organisationBoardElection(UUID)
    /// A photo sent with a request: for staff, and for the case's parties.
    case staffCaseAttachment(UUID, Int)
    case myCaseAttachment(UUID, Int)
    /// A sub-letting case's signed agreement: for staff, and for the case's tenants.
    case staffSublettingAgreement(UUID)
    case mySublettingAgreement(UUID)
    /// The documentation of the absence behind a whole-dwelling sub-letting.
    case staffSublettingDocumentation(UUID)
    case mySublettingDocumentation(UUID)

    case myTermination(UUID)
    /// A notice an estate (or an authority) gave after a tenant's death: finding the lease, and
    /// registering the notice (staff).
    case staffEstateNotices
    case staffEstateNotice(UUID)
    /// A co-tenant's death: they come off the lease, and the others go on with it.
    case staffCoTenantDeath(UUID)
    /// The final settlement (flytteopgørelse) on a termination case.
    case staffCaseSettlement(UUID)
    /// "Hvem har set mine oplysninger": who read the resident's data.
    case myAuditTrail
    /// "Mine oplysninger": the resident's consents, a copy of their data, and requests about it.
    case myData
    /// Orders a copy of the resident's data; downloads one, once.
    case myDataExport
    case myDataExportFile(UUID)
    /// A request for rectification, erasure, restriction or objection (becomes a case).
    case myDataRequest
    /// The resident's consents; one given or withdrawn (by its kind's code).
    case myConsents
    case myConsent(String)
    /// The kinds of consent (administrators add and retire them); the residents who gave one.
    case consentKinds
    case consentKind(UUID)
    case consentKindRetire(UUID)
    /// Powers of attorney (fuldmagter): the resident's own and those given to them; a code
    /// accepted; one revoked; acting for the grantor, and stopping.
    case myPowers
    case myPowersAccept
    case myPowerRevoke(UUID)
    case myPowerAct(UUID)
    case myPowersStop
    /// Guardians (værger) registered by staff; one ended.
    case guardians
    case guardianEnd(UUID)
    /// The records of processing (GDPR article 30); one edited.
    case processingRecords
    case processingRecord(UUID)
    /// How long personal data is kept, with the runs' reports; a dry run now.
    case retention
    case retentionDryRun
    /// The administrators' view of the audit trail.
    case auditLog
    /// The administrators' overview of every administration page.
    case administration
    /// Staff's inbox of incoming Digital Post, one message, and one of its files (numbered from
    /// 1 in the message's order: main document first).
    case incomingMail
    case incomingMessage(UUID)
    case incomingFile(UUID, Int)
    /// NgDP pushes citizens' mail here.
    case digitalPostPush
    /// NgDP pushes later receipts for our letters here.
    case digitalPostReceipt
    case healthDigitalPost
    /// Prometheus metrics, for the operator's scraper (`MetricsController`).
    case metrics
    /// The organisation board's resident list, during its election period.
    case boardResidents
    /// "Mine breve": every letter to the signed-in resident.
    case myLetters
    case myLetterPDF(UUID)
    /// Staff's list of sent letters, one letter, and its PDF.
    case letters
    case letter(UUID)
    case letterPDF(UUID)
    /// A letter NgDP refused for good: send it on paper instead.
    case letterToPaper(UUID)
    /// Print batches of physical letters: list and create, PDF, manifest, mark dispatched.
    case printBatches
    case printBatchPDF(UUID)
    case printBatchManifest(UUID)
    case printBatchDispatched(UUID)
    /// Bulk letters: the form and the runs, one run, its preview, start and pause.
    case bulkLetters
    case bulkRun(UUID)
    case bulkRunPreview(UUID)
    case bulkRunStart(UUID)
    case bulkRunPause(UUID)
    /// A run not yet started, deleted (`POST`).
    case bulkRunDelete(UUID)
    case bulkRunStatus(UUID)
    /// Letter templates: an organisation's list, and one kind's editor (administrators).
    case letterTemplates
    case letterTemplate(UUID, LetterKind)
    /// An organisation's logo for its letters: the image, upload and removal (administrators).
    case organisationLogo(UUID)
    case organisationLogoRemove(UUID)
    /// Digital Post connections per organisation (administrators).
    case connections
    case connection(UUID)
    /// Cases (sager): staff's list, one case, a letter in it, closing and reopening; a case for
    /// an incoming message.
    case staffCases
    case staffCase(UUID)
    case staffCaseLetter(UUID)
    case staffCaseStatus(UUID)
    /// An internal note on a case (staff only, never shown to its parties).
    case staffCaseNote(UUID)
    /// Hand one case to a member of staff; hand the cases ticked in the inbox.
    case staffCaseAssign(UUID)
    /// A caseworker's decision on a resident's request.
    case staffCaseDecision(UUID)
    /// A neighbour complaint's next step, or an episode for its diary.
    case staffCaseComplaint(UUID)
    /// The complaint as one PDF for the beboerklagenævn.
    case staffComplaintBundle(UUID)
    /// The same PDF in a ZIP with the letters' PDFs and the photos and recordings as they came.
    case staffComplaintOriginals(UUID)
    case staffCasesAssign
    case incomingMailCase(UUID)
    /// Puts a message on a case that exists, by the case's number.
    case incomingMailToCase(UUID)
    /// "Mine sager": the cases the signed-in person is party to.
    case myCases
    case myCase(UUID)
    /// After a MitID login the register did not know: the activation code and consent.
    case activation
    /// Activation letters to tenants whose CPR number the register lacks.
    case activationAdmin
    case activationLetters(UUID)
    /// Staff and the organisations each caseworker is assigned to (administrators).
    case staffMembers
    case staffMember(UUID)
    /// Response targets per case kind (administrators).
    case responseTargets
    /// A member of staff's own settings: whether reminders come by e-mail.
    case staffSettings
    /// API keys for the administration's programs (administrators), and revoking one.
    case apiTokens
    case apiTokenRevoke(UUID)
    /// Rent arrears: the påkrav proposed for review, sent or set aside; one's letter as a draft.
    case arrears
    /// Open neighbour complaints per department, by step and age.
    case complaintDashboard
    case arrearsPreview(UUID)
    /// A case's notice to the municipality (its PDF), and recording that it was sent.
    case municipalityNotice(UUID, UUID)
    /// The register of municipalities the notices go to (administrators).
    case municipalities
    case municipalityNoticeSent(UUID, UUID)
    /// The påkravsgebyr per year (administrators).
    case paakravFees
    /// Per organisation: påkrav reviewed first or sent by the run (administrators).
    case arrearsSettings
    case arrearsSetting(UUID)
    /// Per organisation: the months after a henstilling a new episode leads to a påmindelse.
    case complaintSettings
    case complaintSetting(UUID)
    /// Background jobs (administrators): the queue's state, dead jobs and their retry.
    case jobs
    case jobRetry(UUID)
    case api(APIRoute)

    /// The versioned JSON API under `/api/v1`.
    public enum APIRoute: Hashable, Sendable {
        case rulesTermination
        case rulesPaakrav
        case rulesHolidays
        case rulesSubletRooms
        case rulesSubletWhole
        case rulesSwap
        case rulesSettlement
        /// Import account lines with an API key (`LedgerAPIController`).
        case ledgerImport
        case rulesBankDays
        case rulesCaseDeadlines
        case rulesComplaint
        case rulesMeeting
        case rulesMinutes
        case rulesExtraordinary
        case me
        /// The signed-in resident's data as JSON (`almen.personal-data/1`): data portability.
        case meData
    }

    /// One path segment: fixed text, or a parameter with the value it has in a link.
    enum Segment {
        case constant(String)
        case parameter(name: String, value: String)

        /// A record id as a parameter.
        static func id(_ name: String, _ id: UUID) -> Segment {
            .parameter(name: name, value: id.lowercasedString)
        }
    }

    var segmentList: [Segment] {
        switch self {
        case .home: []
        case .organisation(let id): [.constant("organisationer"), .id("organisationID", id)]
        case .terminationCalculator: [.constant("fraflytning"), .constant("beregner")]
        case .help: [.constant("hjaelp")]
        case .helpArticle(let slug): [.constant("hjaelp"), .parameter(name: "slug", value: slug)]
        case .staffHelp: [.constant("admin"), .constant("hjaelp")]
        case .staffHelpNew: [.constant("admin"), .constant("hjaelp"), .constant("ny")]
        case .staffHelpArticle(let id): [.constant("admin"), .constant("hjaelp"), .id("articleID", id)]
        case .staffHelpPublish(let id):
            [.constant("admin"), .constant("hjaelp"), .id("articleID", id), .constant("udgiv")]
        case .departmentDocuments: [.constant("admin"), .constant("dokumenter")]
        case .departmentDocumentFile(let id): [.constant("admin"), .constant("dokumenter"), .id("documentID", id)]
        case .departmentDocumentDelete(let id):
            [.constant("admin"), .constant("dokumenter"), .id("documentID", id), .constant("slet")]
        case .myDocument(let id): [.constant("mit-hjem"), .constant("dokumenter"), .id("documentID", id)]
        case .boardDocuments: [.constant("bestyrelse"), .constant("dokumenter")]
        case .boardWorkspace: [.constant("bestyrelse")]
        case .boardMeetingNew: [.constant("bestyrelse"), .constant("moeder")]
        case .boardAccountsApprove(let id):
            [.constant("bestyrelse"), .constant("regnskaber"), .id("documentID", id), .constant("godkend")]
        case .departmentContact(let id):
            [.constant("admin"), .constant("afdelinger"), .id("departmentID", id), .constant("kontakt")]
        case .healthLive: [.constant("health"), .constant("live")]
        case .healthReady: [.constant("health"), .constant("ready")]
        case .login: [.constant("log-ind")]
        case .localLogin: [.constant("log-ind"), .constant("konto")]
        case .loginStart(let audience): [.constant("log-ind"), .parameter(name: "audience", value: audience.rawValue)]
        case .loginCallback(let audience):
            [.constant("log-ind"), .parameter(name: "audience", value: audience.rawValue), .constant("retur")]
        case .logout: [.constant("log-ud")]
        case .logoutEverywhere: [.constant("log-ud"), .constant("alle")]
        case .myHome: [.constant("mit-hjem")]
        case .myAuditTrail: [.constant("mit-hjem"), .constant("indsigt")]
        case .myData: [.constant("mit-hjem"), .constant("mine-data")]
        case .myDataExport: [.constant("mit-hjem"), .constant("mine-data"), .constant("kopi")]
        case .myDataExportFile(let id):
            [.constant("mit-hjem"), .constant("mine-data"), .constant("kopi"), .id("exportID", id)]
        case .myDataRequest: [.constant("mit-hjem"), .constant("mine-data"), .constant("anmodning")]
        case .myConsents: [.constant("mit-hjem"), .constant("samtykker")]
        case .myConsent(let code):
            [.constant("mit-hjem"), .constant("samtykker"), .parameter(name: "code", value: code)]
        case .consentKinds: [.constant("admin"), .constant("samtykker")]
        case .consentKind(let id): [.constant("admin"), .constant("samtykker"), .id("kindID", id)]
        case .consentKindRetire(let id):
            [.constant("admin"), .constant("samtykker"), .id("kindID", id), .constant("stop")]
        case .myPowers: [.constant("mit-hjem"), .constant("fuldmagter")]
        case .myPowersAccept: [.constant("mit-hjem"), .constant("fuldmagter"), .constant("kode")]
        case .myPowerRevoke(let id):
            [.constant("mit-hjem"), .constant("fuldmagter"), .id("powerID", id), .constant("tilbagekald")]
        case .myPowerAct(let id):
            [.constant("mit-hjem"), .constant("fuldmagter"), .id("powerID", id), .constant("handl")]
        case .myPowersStop: [.constant("mit-hjem"), .constant("fuldmagter"), .constant("stop")]
        case .guardians: [.constant("admin"), .constant("vaerger")]
        case .guardianEnd(let id): [.constant("admin"), .constant("vaerger"), .id("powerID", id), .constant("afslut")]
        case .processingRecords: [.constant("admin"), .constant("behandlinger")]
        case .processingRecord(let id): [.constant("admin"), .constant("behandlinger"), .id("recordID", id)]
        case .retention: [.constant("admin"), .constant("opbevaring")]
        case .retentionDryRun: [.constant("admin"), .constant("opbevaring"), .constant("proevekoersel")]
        case .auditLog: [.constant("admin"), .constant("revision")]
        case .administration: [.constant("admin")]
        case .incomingMail: [.constant("admin"), .constant("post")]
        case .incomingMessage(let id): [.constant("admin"), .constant("post"), .id("messageID", id)]
        case .incomingFile(let id, let number):
            [
                .constant("admin"), .constant("post"), .id("messageID", id), .constant("fil"),
                .parameter(name: "file", value: "\(number)"),
            ]
        case .digitalPostPush: [.constant("digital-post"), .constant("modtag")]
        case .digitalPostReceipt: [.constant("digital-post"), .constant("kvittering")]
        case .healthDigitalPost: [.constant("health"), .constant("digital-post")]
        case .metrics: [.constant("metrics")]
        case .boardResidents: [.constant("bestyrelse"), .constant("beboere")]
        case .myLetters: [.constant("mit-hjem"), .constant("breve")]
        case .myLetterPDF(let id): [.constant("mit-hjem"), .constant("breve"), .id("letterID", id), .constant("pdf")]
        case .letters: [.constant("admin"), .constant("breve")]
        case .letter(let id): [.constant("admin"), .constant("breve"), .id("letterID", id)]
        case .letterPDF(let id): [.constant("admin"), .constant("breve"), .id("letterID", id), .constant("pdf")]
        case .letterToPaper(let id): [.constant("admin"), .constant("breve"), .id("letterID", id), .constant("fysisk")]
        case .printBatches: [.constant("admin"), .constant("print")]
        case .printBatchPDF(let id): [.constant("admin"), .constant("print"), .id("batchID", id), .constant("pdf")]
        case .printBatchManifest(let id):
            [.constant("admin"), .constant("print"), .id("batchID", id), .constant("manifest.csv")]
        case .printBatchDispatched(let id):
            [.constant("admin"), .constant("print"), .id("batchID", id), .constant("afsendt")]
        case .bulkLetters: [.constant("admin"), .constant("masseudsendelse")]
        case .bulkRun(let id): [.constant("admin"), .constant("masseudsendelse"), .id("runID", id)]
        case .bulkRunPreview(let id):
            [.constant("admin"), .constant("masseudsendelse"), .id("runID", id), .constant("forhaandsvisning")]
        case .bulkRunStart(let id):
            [.constant("admin"), .constant("masseudsendelse"), .id("runID", id), .constant("start")]
        case .bulkRunPause(let id):
            [.constant("admin"), .constant("masseudsendelse"), .id("runID", id), .constant("pause")]
        case .bulkRunDelete(let id):
            [.constant("admin"), .constant("masseudsendelse"), .id("runID", id), .constant("slet")]
        case .connections: [.constant("admin"), .constant("digital-post")]
        case .connection(let id): [.constant("admin"), .constant("digital-post"), .id("organisationID", id)]
        case .letterTemplates: [.constant("admin"), .constant("skabeloner")]
        case .organisationLogo(let id): [.constant("admin"), .constant("logo"), .id("organisationID", id)]
        case .organisationLogoRemove(let id):
            [.constant("admin"), .constant("logo"), .id("organisationID", id), .constant("slet")]
        case .letterTemplate(let organisation, let kind):
            [
                .constant("admin"), .constant("skabeloner"), .id("organisationID", organisation),
                .parameter(name: "kind", value: kind.rawValue),
            ]
        case .bulkRunStatus(let id):
            [.constant("admin"), .constant("masseudsendelse"), .id("runID", id), .constant("status")]
        case .staffCases: [.constant("admin"), .constant("sager")]
        case .staffCase(let id): [.constant("admin"), .constant("sager"), .id("caseID", id)]
        case .staffCaseLetter(let id): [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("brev")]
        case .staffCaseStatus(let id): [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("status")]
        case .staffCaseNote(let id): [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("notat")]
        case .staffCaseAssign(let id): [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("tildel")]
        case .staffCaseDecision(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("afgoerelse")]
        case .staffCaseComplaint(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("naboklage")]
        case .staffComplaintBundle(let id):
            [
                .constant("admin"), .constant("sager"), .id("caseID", id), .constant("naboklage"),
                .constant("sagsfremstilling"),
            ]
        case .staffComplaintOriginals(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("naboklage"), .constant("bilag")]
        case .staffCasesAssign: [.constant("admin"), .constant("sager"), .constant("tildel")]
        case .incomingMailCase(let id): [.constant("admin"), .constant("post"), .id("messageID", id), .constant("sag")]
        case .incomingMailToCase(let id):
            [.constant("admin"), .constant("post"), .id("messageID", id), .constant("paa-sag")]
        case .myCases: [.constant("mit-hjem"), .constant("sager")]
        case .activation: [.constant("log-ind"), .constant("aktivering")]
        case .staffMembers: [.constant("admin"), .constant("medarbejdere")]
        case .staffMember(let id): [.constant("admin"), .constant("medarbejdere"), .id("staffID", id)]
        case .jobs: [.constant("admin"), .constant("jobs")]
        case .responseTargets: [.constant("admin"), .constant("svarfrister")]
        case .staffSettings: [.constant("admin"), .constant("mine-indstillinger")]
        case .apiTokens: [.constant("admin"), .constant("api-noegler")]
        case .apiTokenRevoke(let id):
            [.constant("admin"), .constant("api-noegler"), .id("tokenID", id), .constant("spaer")]
        case .arrears: [.constant("admin"), .constant("restancer")]
        case .complaintDashboard: [.constant("admin"), .constant("naboklager")]
        case .myMeetings: [.constant("mit-hjem"), .constant("moeder")]
        case .myMeeting(let id): [.constant("mit-hjem"), .constant("moeder"), .id("meetingID", id)]
        case .myMeetingProposal(let id):
            [.constant("mit-hjem"), .constant("moeder"), .id("meetingID", id), .constant("forslag")]
        case .myMeetingRegistration(let id):
            [.constant("mit-hjem"), .constant("moeder"), .id("meetingID", id), .constant("tilmelding")]
        case .myMeetingMinutes(let id):
            [.constant("mit-hjem"), .constant("moeder"), .id("meetingID", id), .constant("referat")]
        case .myExtraordinaryRequest(let id):
            [.constant("mit-hjem"), .constant("moeder"), .constant("ekstraordinaert"), .id("departmentID", id)]
        case .meetings: [.constant("admin"), .constant("moeder")]
        case .meetingNew: [.constant("admin"), .constant("moeder"), .constant("nyt")]
        case .meeting(let id): [.constant("admin"), .constant("moeder"), .id("meetingID", id)]
        case .meetingNotice(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("indkaldelse")]
        case .meetingResults(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("resultater")]
        case .meetingMinutesPreview(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("referat")]
        case .meetingPublish(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("offentliggoer")]
        case .meetingCancel(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("aflys")]
        case .meetingProposalHide(let id):
            [.constant("admin"), .constant("moeder"), .constant("forslag"), .id("proposalID", id), .constant("skjul")]
        case .myMeetingProposalWithdraw(let id):
            [
                .constant("mit-hjem"), .constant("moeder"), .constant("forslag"), .id("proposalID", id),
                .constant("traek-tilbage"),
            ]
        case .meetingBallot(let id):
            [.constant("admin"), .constant("moeder"), .id("meetingID", id), .constant("urafstemning")]
        case .ballotPaperVote(let id):
            [.constant("admin"), .constant("urafstemninger"), .id("ballotID", id), .constant("papir")]
        case .ballotPaperCount(let id):
            [.constant("admin"), .constant("urafstemninger"), .id("ballotID", id), .constant("optaelling")]
        case .myBallotVote(let id): [.constant("mit-hjem"), .constant("urafstemninger"), .id("ballotID", id)]
        case .boards: [.constant("admin"), .constant("bestyrelser")]
        case .departmentBoardElection(let id):
            [.constant("admin"), .constant("bestyrelser"), .constant("afdelinger"), .id("departmentID", id)]
        case .organisationBoardElection(let id):
            [.constant("admin"), .constant("bestyrelser"), .constant("organisationer"), .id("organisationID", id)]
        case .arrearsPreview(let id):
            [.constant("admin"), .constant("restancer"), .id("proposalID", id), .constant("udkast")]
        case .paakravFees: [.constant("admin"), .constant("satser")]
        case .municipalities: [.constant("admin"), .constant("kommuner")]
        case .arrearsSettings: [.constant("admin"), .constant("restancer"), .constant("indstillinger")]
        case .arrearsSetting(let id):
            [.constant("admin"), .constant("restancer"), .constant("indstillinger"), .id("organisationID", id)]
        case .complaintSettings: [.constant("admin"), .constant("naboklager"), .constant("indstillinger")]
        case .complaintSetting(let id):
            [.constant("admin"), .constant("naboklager"), .constant("indstillinger"), .id("organisationID", id)]
        case .municipalityNotice(let caseID, let noticeID):
            [
                .constant("admin"), .constant("sager"), .id("caseID", caseID), .constant("kommune"),
                .id("noticeID", noticeID),
            ]
        case .municipalityNoticeSent(let caseID, let noticeID):
            [
                .constant("admin"), .constant("sager"), .id("caseID", caseID), .constant("kommune"),
                .id("noticeID", noticeID), .constant("sendt"),
            ]
        case .jobRetry(let id): [.constant("admin"), .constant("jobs"), .id("jobID", id), .constant("igen")]
        case .activationAdmin: [.constant("admin"), .constant("aktivering")]
        case .activationLetters(let id): [.constant("admin"), .constant("aktivering"), .id("organisationID", id)]
        case .myCase(let id): [.constant("mit-hjem"), .constant("sager"), .id("caseID", id)]
        case .myLease(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString),
            ]
        case .myAccount(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("konto"),
            ]
        case .mySubletting(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("fremleje"),
            ]
        case .myFaultReport(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("fejl"),
            ]
        case .myComplaintEpisode(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("episode")]
        case .myCosign(let token):
            [.constant("mit-hjem"), .constant("naboklage"), .parameter(name: "token", value: token)]
        case .myComplaintDemand(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("kraev-handling")]
        case .myComplaintReply(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("svar")]
        case .myComplaint(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("naboklage"),
            ]
        case .staffCaseAttachment(let id, let position):
            [
                .constant("admin"), .constant("sager"), .id("caseID", id), .constant("bilag"),
                .parameter(name: "position", value: String(position)),
            ]
        case .myCaseAttachment(let id, let position):
            [
                .constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("bilag"),
                .parameter(name: "position", value: String(position)),
            ]
        case .staffSublettingAgreement(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("fremlejeaftale")]
        case .mySublettingAgreement(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("fremlejeaftale")]
        case .staffSublettingDocumentation(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("dokumentation")]
        case .mySublettingDocumentation(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("dokumentation")]
        case .myWholeSubletting(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("fremleje-hele"),
            ]
        case .mySignCode: [.constant("mit-hjem"), .constant("underskriv")]
        case .mySwapSign(let id): [.constant("mit-hjem"), .constant("bytte"), .id("requestID", id)]
        case .mySwap(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("bytte"),
            ]
        case .staffSwapLandlord(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("udlejers-svar")]
        case .staffSwapMunicipality(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("kommunens-samtykke")]
        case .staffSwapLandlordLetter(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("udlejer-brev")]
        case .mySubtenantSign(let id): [.constant("mit-hjem"), .constant("fremlejetager"), .id("requestID", id)]
        case .myCaseSignCode(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("ny-kode")]
        case .myCaseCosign(let id):
            [.constant("mit-hjem"), .constant("sager"), .id("caseID", id), .constant("underskriv")]
        case .myTermination(let id):
            [
                .constant("mit-hjem"), .constant("lejemaal"),
                .parameter(name: "leaseID", value: id.lowercasedString), .constant("opsig"),
            ]
        case .staffEstateNotices: [.constant("admin"), .constant("doedsfald")]
        case .staffEstateNotice(let id): [.constant("admin"), .constant("doedsfald"), .id("leaseID", id)]
        case .staffCoTenantDeath(let id):
            [.constant("admin"), .constant("doedsfald"), .id("leaseID", id), .constant("medlejer")]
        case .staffCaseSettlement(let id):
            [.constant("admin"), .constant("sager"), .id("caseID", id), .constant("flytteopgoerelse")]
        case .api(let route):
            [.constant("api"), .constant("v1")]
                + {
                    switch route {
                    case .rulesTermination: [.constant("rules"), .constant("termination")]
                    case .rulesPaakrav: [.constant("rules"), .constant("paakrav")]
                    case .rulesHolidays: [.constant("rules"), .constant("holidays")]
                    case .rulesSubletRooms: [.constant("rules"), .constant("sublet-rooms")]
                    case .rulesSubletWhole: [.constant("rules"), .constant("sublet-whole")]
                    case .rulesSwap: [.constant("rules"), .constant("swap")]
                    case .rulesSettlement: [.constant("rules"), .constant("settlement")]
                    case .ledgerImport: [.constant("ledger"), .constant("import")]
                    case .rulesBankDays: [.constant("rules"), .constant("bank-days")]
                    case .rulesCaseDeadlines: [.constant("rules"), .constant("case-deadlines")]
                    case .rulesComplaint: [.constant("rules"), .constant("complaint")]
                    case .rulesMeeting: [.constant("rules"), .constant("meeting")]
                    case .rulesMinutes: [.constant("rules"), .constant("minutes")]
                    case .rulesExtraordinary: [.constant("rules"), .constant("extraordinary")]
                    case .me: [.constant("me")]
                    case .meData: [.constant("me"), .constant("data")]
                    }
                }()
        }
    }

    /// The path segments of a link.
    public var segments: [String] {
        segmentList.map {
            switch $0 {
            case .constant(let text): text
            case .parameter(_, let value): value
            }
        }
    }

    /// The route pattern, as registered with the router (parameters as `:name`).
    public var pathComponents: [PathComponent] {
        segmentList.map {
            switch $0 {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// The absolute path, e.g. `/fraflytning/beregner`.
    public var path: String { "/" + segments.joined(separator: "/") }

    /// The path with a query string; items with a nil value are left out.
    public func path(query: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = items.isEmpty ? nil : items
        // URLComponents leaves "+" as it is, and a form decoder reads it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }
}

extension RoutesBuilder {
    /// Registers a handler for a typed route.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod,
        _ route: SiteRoute,
        maxBody: ByteCount? = nil,
        use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        let registered = on(method, route.pathComponents, body: .collect(maxSize: maxBody), use: closure)
        return maxBody.map { registered.limitingBody(to: $0) } ?? registered
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable>(
        _ route: SiteRoute,
        use closure: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.GET, route, use: closure)
    }
}

extension Route {
    /// Records the route's body limit where middleware can read it (`CSRFProtection` reads a
    /// form's token before the route collects the body, and must use the same limit).
    @discardableResult
    func limitingBody(to limit: ByteCount) -> Route {
        userInfo["almen.maxBody"] = limit.value
        return self
    }

    var maxBody: Int? {
        userInfo["almen.maxBody"] as? Int
    }
}
