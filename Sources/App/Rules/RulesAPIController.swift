import Vapor

/// `GET /api/v1/rules/...`: the date rules as a JSON service, the same answers as `almen rules`.
enum RulesAPIController {
    @Sendable
    static func termination(_ req: Request) async throws -> Response {
        let answer = try TerminationAnswer.evaluate(
            received: req.query["received"],
            housing: req.query["housing"],
            noticeWeeks: req.query["noticeWeeks"],
            reason: req.query["reason"],
            language: req.language
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func paakrav(_ req: Request) async throws -> Response {
        let answer = try PaakravAnswer.evaluate(
            due: req.query["due"],
            arrived: req.query["arrived"],
            language: req.language
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func holidays(_ req: Request) async throws -> Response {
        try JSONResponse.ok(try HolidayAnswer.list(year: req.query["year"]))
    }
}
