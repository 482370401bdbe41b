import Vapor

/// Registers every route of the app.
func routes(_ app: Application) throws {
    app.get(.home, use: FrontPageController.show)
    app.get(.organisation(UUID()), use: FrontPageController.organisation)
    app.get(.terminationCalculator, use: TerminationCalculatorController.show)
    app.get(.help, use: HelpController.index)
    app.get(.helpArticle("slug"), use: HelpController.article)
    app.get(.staffHelp, use: StaffHelpController.list)
    app.get(.staffHelpNew, use: StaffHelpController.new)
    // 40,000 characters of text in each language.
    app.on(.POST, .staffHelpNew, maxBody: "1mb", use: StaffHelpController.create)
    app.get(.staffHelpArticle(UUID()), use: StaffHelpController.edit)
    app.on(.POST, .staffHelpArticle(UUID()), maxBody: "1mb", use: StaffHelpController.save)
    app.on(.POST, .staffHelpPublish(UUID()), use: StaffHelpController.publish)
    app.get(.departmentDocuments, use: DepartmentDocumentsController.list)
    // A document of 20 MB with the multipart envelope around it; more is refused before it is read.
    app.on(.POST, .departmentDocuments, maxBody: "21mb", use: DepartmentDocumentsController.upload)
    app.get(.departmentDocumentFile(UUID()), use: DepartmentDocumentsController.staffFile)
    app.on(.POST, .departmentDocumentDelete(UUID()), use: DepartmentDocumentsController.delete)
    app.get(.myDocument(UUID()), use: DepartmentDocumentsController.residentFile)
    app.get(.boardDocuments, use: BoardDocumentsController.show)
    app.on(.POST, .boardDocuments, maxBody: "21mb", use: BoardDocumentsController.upload)
    app.get(.departmentContact(UUID()), use: DepartmentContactController.edit)
    app.on(.POST, .departmentContact(UUID()), use: DepartmentContactController.save)
    app.get(.healthLive, use: HealthController.live)
    app.get(.healthReady, use: HealthController.ready)
    app.get(.login, use: LoginController.chooser)
    app.get(.localLogin, use: LocalLoginController.show)
    app.on(.POST, .localLogin, use: LocalLoginController.submit)
    // One pattern serves both audiences: the parameter is checked by the controller.
    app.get(.loginStart(.resident), use: LoginController.start)
    app.get(.loginCallback(.resident), use: LoginController.callback)
    app.on(.POST, .logout, use: LoginController.logout)
    app.on(.POST, .logoutEverywhere, use: LoginController.logoutEverywhere)
    app.get(.myHome, use: MyHomeController.show)
    app.get(.myLease(UUID()), use: MyHomeController.lease)
    app.get(.myTermination(UUID()), use: TerminationNoticeController.show)
    app.on(.POST, .myTermination(UUID()), use: TerminationNoticeController.submit)
    app.get(.mySubletting(UUID()), use: PartialSublettingController.show)
    // A signed agreement of 10 MB with the multipart envelope and the form around it; up to 25 MB
    // is read, so a file somewhat too large gets the form's own message at its field.
    app.on(.POST, .mySubletting(UUID()), maxBody: "25mb", use: PartialSublettingController.submit)
    app.get(.myFaultReport(UUID()), use: FaultReportController.show)
    // Five photos of 10 MB with the multipart envelope and the form around them.
    app.on(.POST, .myFaultReport(UUID()), maxBody: "52mb", use: FaultReportController.submit)
    app.get(.staffCaseAttachment(UUID(), 1), use: CaseFilesController.staffPhoto)
    app.get(.myCaseAttachment(UUID(), 1), use: CaseFilesController.partyPhoto)
    app.get(.staffSublettingAgreement(UUID()), use: CaseFilesController.staffAgreement)
    app.get(.mySublettingAgreement(UUID()), use: CaseFilesController.partyAgreement)
    app.get(.myAuditTrail, use: AuditController.mine)
    app.get(.auditLog, use: AuditController.administration)
    app.get(.administration, use: AdministrationController.show)
    app.get(.incomingMail, use: ReceivingController.inbox)
    app.get(.incomingMessage(UUID()), use: IncomingMessageController.show)
    app.get(.incomingFile(UUID(), 1), use: IncomingMessageController.file)
    app.get(.healthDigitalPost, use: ReceivingController.health)
    app.get(.boardResidents, use: BoardResidentsController.show)
    app.get(.myLetters, use: MyLettersController.list)
    app.get(.myLetterPDF(UUID()), use: MyLettersController.pdf)
    app.get(.letters, use: StaffLettersController.list)
    app.get(.letter(UUID()), use: StaffLettersController.show)
    app.get(.letterPDF(UUID()), use: StaffLettersController.pdf)
    app.on(.POST, .letterToPaper(UUID()), use: StaffLettersController.toPaper)
    app.get(.printBatches, use: PrintBatchController.list)
    app.on(.POST, .printBatches, use: PrintBatchController.create)
    app.get(.printBatchPDF(UUID()), use: PrintBatchController.pdf)
    app.get(.printBatchManifest(UUID()), use: PrintBatchController.manifest)
    app.on(.POST, .printBatchDispatched(UUID()), use: PrintBatchController.dispatched)
    app.get(.bulkLetters, use: BulkLetterController.form)
    // Form limits are counted in characters; a Danish letter is up to 6 bytes once form-encoded.
    // 20,000 characters of text and 5,000 addresses.
    app.on(.POST, .bulkLetters, maxBody: "1mb", use: BulkLetterController.create)
    app.get(.bulkRun(UUID()), use: BulkLetterController.show)
    app.get(.bulkRunPreview(UUID()), use: BulkLetterController.preview)
    app.on(.POST, .bulkRunStart(UUID()), use: BulkLetterController.start)
    app.on(.POST, .bulkRunPause(UUID()), use: BulkLetterController.pause)
    app.get(.bulkRunStatus(UUID()), use: BulkLetterController.status)
    app.get(.connections, use: ConnectionController.list)
    app.get(.connection(UUID()), use: ConnectionController.edit)
    app.on(.POST, .connection(UUID()), use: ConnectionController.submit)
    app.get(.letterTemplates, use: LetterTemplateController.list)
    app.get(.organisationLogo(UUID()), use: OrganisationLogoController.show)
    // A logo of 256 KB with the multipart envelope around it.
    app.on(.POST, .organisationLogo(UUID()), maxBody: "300kb", use: OrganisationLogoController.upload)
    app.on(.POST, .organisationLogoRemove(UUID()), use: OrganisationLogoController.remove)
    app.get(.letterTemplate(UUID(), .general), use: LetterTemplateController.edit)
    // 50,000 characters of template text.
    app.on(.POST, .letterTemplate(UUID(), .general), maxBody: "512kb", use: LetterTemplateController.submit)
    // 10 MB of files (60 MB when the organisation opts in) is about 80 MB of MeMo with base64.
    // NgDP's credentials are checked before the body is read.
    let ngdp = app.grouped(PushAuthentication())
    ngdp.on(
        .POST,
        SiteRoute.digitalPostPush.pathComponents,
        body: .collect(maxSize: "90mb"),
        use: ReceivingController.push
    )
    ngdp.on(
        .POST,
        SiteRoute.digitalPostReceipt.pathComponents,
        body: .collect(maxSize: "64kb"),
        use: ReceivingController.pushReceipt
    )
    app.get(.staffCases, use: StaffCasesController.list)
    app.get(.staffCase(UUID()), use: StaffCasesController.show)
    // 20,000 characters of letter text.
    app.on(.POST, .staffCaseLetter(UUID()), maxBody: "256kb", use: StaffCasesController.letter)
    app.on(.POST, .staffCaseStatus(UUID()), use: StaffCasesController.status)
    app.on(.POST, .staffCaseNote(UUID()), maxBody: "64kb", use: StaffCasesController.note)
    app.on(.POST, .staffCaseAssign(UUID()), use: CaseAssignment.assign)
    app.on(.POST, .staffCaseDecision(UUID()), use: CaseDecisionController.decide)
    app.on(.POST, .staffCasesAssign, use: CaseAssignment.assignMany)
    app.on(.POST, .incomingMailCase(UUID()), use: StaffCasesController.openFromMail)
    app.get(.activation, use: ActivationController.form)
    app.on(.POST, .activation, use: ActivationController.submit)
    app.get(.activationAdmin, use: ActivationController.overview)
    app.on(.POST, .activationLetters(UUID()), use: ActivationController.sendLetters)
    app.get(.staffMembers, use: StaffAssignmentController.list)
    app.get(.staffMember(UUID()), use: StaffAssignmentController.edit)
    app.on(.POST, .staffMember(UUID()), use: StaffAssignmentController.submit)
    app.get(.responseTargets, use: ResponseTargetsController.show)
    app.on(.POST, .responseTargets, use: ResponseTargetsController.save)
    app.get(.arrears, use: ArrearsController.list)
    app.on(.POST, .arrears, use: ArrearsController.act)
    app.get(.arrearsPreview(UUID()), use: ArrearsController.preview)
    app.get(.paakravFees, use: PaakravFeesController.show)
    app.on(.POST, .paakravFees, use: PaakravFeesController.save)
    app.get(.jobs, use: JobsController.list)
    app.on(.POST, .jobRetry(UUID()), use: JobsController.retry)
    app.get(.myCases, use: MyCasesController.list)
    app.get(.myCase(UUID()), use: MyCasesController.show)
    app.get(.api(.rulesTermination), use: RulesAPIController.termination)
    app.get(.api(.rulesPaakrav), use: RulesAPIController.paakrav)
    app.get(.api(.rulesHolidays), use: RulesAPIController.holidays)
    app.get(.api(.rulesSubletRooms), use: RulesAPIController.subletRooms)
    app.get(.api(.rulesSubletWhole), use: RulesAPIController.subletWhole)
    app.get(.api(.rulesSwap), use: RulesAPIController.swap)
    app.get(.api(.rulesBankDays), use: RulesAPIController.bankDays)
    app.get(.api(.rulesCaseDeadlines), use: RulesAPIController.caseDeadlines)
    app.get(.api(.me), use: MeAPIController.me)
}
