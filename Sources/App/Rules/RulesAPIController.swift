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

    @Sendable
    static func subletRooms(_ req: Request) async throws -> Response {
        let answer = try SublettingRoomsAnswer.evaluate(
            rooms: req.query["rooms"],
            letRooms: req.query["letRooms"],
            occupants: req.query["occupants"],
            household: req.query["household"],
            area: req.query["area"],
            letArea: req.query["letArea"],
            alreadyLet: req.query["alreadyLet"]
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func subletWhole(_ req: Request) async throws -> Response {
        let answer = try SublettingWholeAnswer.evaluate(
            applied: req.query["applied"],
            start: req.query["start"],
            end: req.query["end"],
            reason: req.query["reason"],
            rooms: req.query["rooms"],
            persons: req.query["persons"],
            rent: req.query["rent"],
            tenantRent: req.query["tenantRent"]
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func swap(_ req: Request) async throws -> Response {
        let answer = try SwapAnswer.evaluate(
            movedIn: req.query["movedIn"],
            applied: req.query["applied"],
            rooms: req.query["rooms"],
            persons: req.query["persons"]
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func settlement(_ req: Request) async throws -> Response {
        let answer = try SettlementAnswer.evaluate(
            movedIn: req.query["movedIn"],
            movedOut: req.query["movedOut"],
            deposit: req.query["deposit"],
            repairs: req.query["repairs"],
            damages: req.query["damages"],
            estimate: req.query["estimate"],
            rentOwed: req.query["rentOwed"],
            loan: req.query["loan"],
            consumptionPending: ["true", "1", "ja"].contains(req.queryValue("consumptionPending") ?? ""),
            sharePerMonth: req.query["sharePerMonth"]
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func complaint(_ req: Request) async throws -> Response {
        let answer = try ComplaintAnswer.evaluate(
            received: req.query["received"],
            demanded: req.query["demanded"],
            naevnDecision: req.query["naevnDecision"],
            naevnReceived: req.query["naevnReceived"],
            terminationSent: req.query["terminationSent"],
            deliveryBankDays: req.application.almenConfig.physicalDeliveryBankDays,
            language: req.language
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func meeting(_ req: Request) async throws -> Response {
        try JSONResponse.ok(try MeetingAnswer.evaluate(date: req.query["date"], language: req.language))
    }

    @Sendable
    static func minutes(_ req: Request) async throws -> Response {
        try JSONResponse.ok(try MinutesAnswer.evaluate(meeting: req.query["meeting"], language: req.language))
    }

    @Sendable
    static func extraordinary(_ req: Request) async throws -> Response {
        let answer = try ExtraordinaryAnswer.evaluate(
            households: req.query["households"],
            requests: req.query["requests"],
            language: req.language
        )
        return try JSONResponse.ok(answer)
    }

    @Sendable
    static func bankDays(_ req: Request) async throws -> Response {
        try JSONResponse.ok(try BankDaysAnswer.evaluate(from: req.query["from"], add: req.query["add"]))
    }

    @Sendable
    static func caseDeadlines(_ req: Request) async throws -> Response {
        try JSONResponse.ok(try CaseDeadlinesAnswer.evaluate(kind: req.query["kind"], opened: req.query["opened"]))
    }
}
