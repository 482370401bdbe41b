import Vapor

/// Registers every route of the app.
func routes(_ app: Application) throws {
    app.get(.home, use: FrontPageController.show)
    app.get(.terminationCalculator, use: TerminationCalculatorController.show)
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
    app.get(.myAuditTrail, use: AuditController.mine)
    app.get(.auditLog, use: AuditController.administration)
    app.get(.incomingMail, use: ReceivingController.inbox)
    app.get(.healthDigitalPost, use: ReceivingController.health)
    // 10 MB of files (60 MB when the organisation opts in) is about 80 MB of MeMo with base64.
    app.on(.POST, SiteRoute.digitalPostPush.pathComponents, body: .collect(maxSize: "90mb"), use: ReceivingController.push)
    app.get(.api(.rulesTermination), use: RulesAPIController.termination)
    app.get(.api(.rulesPaakrav), use: RulesAPIController.paakrav)
    app.get(.api(.rulesHolidays), use: RulesAPIController.holidays)
    app.get(.api(.me), use: MeAPIController.me)
}
