import Vapor

/// Registers every route of the app.
func routes(_ app: Application) throws {
    app.get(.home, use: FrontPageController.show)
    app.get(.terminationCalculator, use: TerminationCalculatorController.show)
    app.get(.healthLive, use: HealthController.live)
    app.get(.healthReady, use: HealthController.ready)
    app.get(.api(.rulesTermination), use: RulesAPIController.termination)
    app.get(.api(.rulesPaakrav), use: RulesAPIController.paakrav)
    app.get(.api(.rulesHolidays), use: RulesAPIController.holidays)
}
