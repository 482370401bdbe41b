import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// `GET /api/v1/rules/...` over HTTP: the answers and, for bad input, a 400 with a JSON error.
@Suite("Rules API")
struct RulesAPITests {
    @Test func terminationFollowsTheWorkedExampleOfRulesMd() async throws {
        // Notice arriving in December 2025 ends the lease in April 2026; 1 April is the day before
        // Skærtorsdag and 2-6 April are holidays or weekend, so Tuesday 7 April 2026.
        try await withTestApp { app in
            try await app.testing().test(.GET, "/api/v1/rules/termination?received=2025-12-10") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType == .json)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["endDate"] as? String == "2026-04-07")
                #expect(body?["noticeStart"] as? String == "2026-01-01")
                #expect(body?["rule"] as? String == "family")
                #expect((body?["skippedDays"] as? [Any])?.count == 6)
                #expect((body?["explanation"] as? [String])?.last?.contains("7. april 2026") == true)
            }
        }
    }

    @Test func youthHousingWithAgreedWeeksAndCareHousingOnDeath() async throws {
        try await withTestApp { app in
            // 2026-03-10 + 6 weeks = 2026-04-21 -> May 2026; 1 May 2026 is a Friday, 2 May a Saturday: valid.
            try await app.testing().test(
                .GET,
                "/api/v1/rules/termination?received=2026-03-10&housing=youth&noticeWeeks=6"
            ) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""endDate":"2026-05-01""#))
            }
            // Rest of February 2024 (leap year, to the 29th) + 30 days = 30 March 2024.
            try await app.testing().test(
                .GET,
                "/api/v1/rules/termination?received=2024-02-10&housing=care&reason=death"
            ) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""endDate":"2024-03-30""#))
            }
        }
    }

    @Test func paakravDatesWithDeadline() async throws {
        // Due Thursday 1 October 2026 (bank day). Hverdage after: Fri 2, Sat 3, Mon 5 (Sun 4 is
        // not one); first bank day after Monday 5 October is Tuesday 6 October. Arrived Wednesday
        // 7 October: + 14 days = Wednesday 21 October 2026, a bank day.
        try await withTestApp { app in
            try await app.testing().test(.GET, "/api/v1/rules/paakrav?due=2026-10-01&arrived=2026-10-07") {
                res async throws in
                #expect(res.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["lastTimelyPaymentDate"] as? String == "2026-10-01")
                #expect(body?["countedHverdage"] as? [String] == ["2026-10-02", "2026-10-03", "2026-10-05"])
                #expect(body?["earliestPaakravDate"] as? String == "2026-10-06")
                #expect(body?["paymentDeadline"] as? String == "2026-10-21")
                // No påkrav fee is configured for 2026: the answer says so instead of guessing.
                #expect(body?["fee"] == nil || body?["fee"] is NSNull)
                #expect((body?["feeUnavailable"] as? String)?.contains("2026") == true)
            }
            try await app.testing().test(.GET, "/api/v1/rules/paakrav?due=2023-03-01") { res async throws in
                #expect(res.body.string.contains(#""ore":31400"#))
            }
        }
    }

    @Test func holidaysOf2024HaveNoStoreBededag() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/api/v1/rules/holidays?year=2024") { res async throws in
                #expect(res.status == .ok)
                let list = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [[String: Any]]
                #expect(list?.count == 10)
                #expect(list?.first?["date"] as? String == "2024-01-01")
                #expect(list?.contains { $0["name"] as? String == "Store bededag" } == false)
            }
            try await app.testing().test(.GET, "/api/v1/rules/holidays?year=2023") { res async throws in
                #expect(
                    res.body.string.contains(
                        #""date":"2023-05-05","englishName":"General Prayer Day","name":"Store bededag""#
                    )
                )
            }
        }
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let path: String
        let code: String
        let field: String?
        var testDescription: String { path }
    }

    @Test func theMoveOutSettlementAnswersWithItsLinesInBothLanguages() async throws {
        try await withTestApp { app in
            // 23 months, 23 % of 20,000; 15,400 + 5,000 over the estimate's 16,500: 3,900 off;
            // 2,000 owed: 18,500 against a deposit of 10,000.
            try await app.testing().test(
                .GET,
                "/api/v1/rules/settlement?movedIn=2024-03-15&movedOut=2026-03-14&deposit=10000&repairs=20000&damages=5000&estimate=15000&rentOwed=2000&consumptionPending=true"
            ) { res async throws in
                #expect(res.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["monthsLived"] as? Int == 23)
                #expect(body?["toPay"] as? String == "8500.00")
                #expect(body?["payout"] as? String == "0.00")
                let lines = body?["lines"] as? [[String: Any]]
                #expect(
                    lines?.compactMap { $0["code"] as? String }
                        == ["deposit", "normalRepairs", "departmentShare", "damages", "estimateCap", "rentOwed"]
                )
                #expect(lines?.compactMap { $0["amount"] as? String }.last == "2000.00")
                #expect((lines?[2]["textDa"] as? String) == "Afdelingens andel: 23 % (23 måneder à 1 %)")
                #expect((lines?[4]["amount"] as? String) == "-3900.00")
            }
        }
    }

    @Test func subLettingSwapAndBankDaysAnswerWithTheirReasons() async throws {
        try await withTestApp { app in
            // 3 of 4 rooms let and 5 occupants in all: both rules broken, in Danish and English.
            try await app.testing().test(.GET, "/api/v1/rules/sublet-rooms?rooms=4&letRooms=3&occupants=5") {
                res async throws in
                #expect(res.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["allowed"] as? Bool == false)
                #expect(body?["maxRoomsLet"] as? Int == 2)
                let reasons = body?["reasons"] as? [[String: Any]]
                #expect(reasons?.compactMap { $0["code"] as? String } == ["tooManyRoomsLet", "tooManyOccupants"])
                #expect((reasons?.first?["messageDa"] as? String)?.contains("4 værelser") == true)
            }
            // Three live there now and say three in all: the sub-tenant is not counted.
            try await app.testing().test(
                .GET,
                "/api/v1/rules/sublet-rooms?rooms=4&letRooms=1&occupants=3&household=3"
            ) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""code":"tooFewOccupants""#))
                #expect(res.body.string.contains("i alt mindst 4"))
            }
            // One room of four let already: one more may be, two more may not.
            for (letRooms, allowed) in [(1, true), (2, false)] {
                try await app.testing().test(
                    .GET,
                    "/api/v1/rules/sublet-rooms?rooms=4&letRooms=\(letRooms)&occupants=4&household=3&alreadyLet=1"
                ) { res async throws in
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(#""allowed":\#(allowed)"#))
                    #expect(allowed || res.body.string.contains("og 1 værelse er allerede fremlejet."))
                }
            }
            // Applied 19 December 2026 for 1 January 2027 (the last day was 18 December), for 2
            // years and a day, at a rent one øre above the tenant's own.
            try await app.testing().test(
                .GET,
                "/api/v1/rules/sublet-whole?applied=2026-12-19&start=2027-01-01&end=2029-01-01&reason=illness&rooms=3&persons=3&rent=5808.01&tenantRent=5808"
            ) { res async throws in
                #expect(res.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["allowed"] as? Bool == false)
                #expect(body?["latestApplicationDate"] as? String == "2026-12-18")
                #expect(body?["latestEndDate"] as? String == "2028-12-31")
                #expect(body?["rent"] as? String == "5808.01")
                #expect(body?["tenantRent"] as? String == "5808.00")
                let codes = (body?["reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                #expect(codes == ["tooLong", "tooLate", "rentTooHigh"])
            }
            try await app.testing().test(
                .GET,
                "/api/v1/rules/swap?movedIn=2024-02-29&applied=2027-02-28&rooms=2&persons=5"
            ) {
                res async throws in
                #expect(res.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect(body?["decision"] as? String == "mustRefuse")
                #expect(body?["threeYearsOn"] as? String == "2027-03-01")
                let codes = (body?["reasons"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                #expect(codes == ["livedUnderThreeYears", "overTwoPersonsPerRoom"])
            }
            // From Wednesday 1 April 2026, 1 bank day: Easter takes 2-6 April.
            try await app.testing().test(.GET, "/api/v1/rules/bank-days?from=2026-04-01&add=1") { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string == #"{"date":"2026-04-07"}"#)
            }
        }
    }

    @Test(arguments: [
        BadInput(path: "/api/v1/rules/termination?received=yesterday", code: "invalid_date", field: "received"),
        BadInput(path: "/api/v1/rules/termination?received=2026-02-31", code: "invalid_date", field: "received"),
        BadInput(path: "/api/v1/rules/termination", code: "missing_parameter", field: "received"),
        BadInput(
            path: "/api/v1/rules/termination?received=2026-01-10&housing=castle",
            code: "invalid_housing",
            field: "housing"
        ),
        BadInput(
            path: "/api/v1/rules/termination?received=2026-01-10&housing=youth&noticeWeeks=5",
            code: "notice_weeks_too_short",
            field: "noticeWeeks"
        ),
        BadInput(
            path: "/api/v1/rules/termination?received=2026-01-10&housing=youth&noticeWeeks=x",
            code: "invalid_notice_weeks",
            field: "noticeWeeks"
        ),
        BadInput(
            path: "/api/v1/rules/termination?received=2026-01-10&noticeWeeks=8",
            code: "notice_weeks_not_allowed",
            field: "noticeWeeks"
        ),
        BadInput(
            path: "/api/v1/rules/termination?received=2026-01-10&reason=boredom",
            code: "invalid_reason",
            field: "reason"
        ),
        BadInput(path: "/api/v1/rules/termination?received=1899-12-31", code: "year_out_of_range", field: "received"),
        BadInput(path: "/api/v1/rules/paakrav?due=2026-13-01", code: "invalid_date", field: "due"),
        BadInput(
            path: "/api/v1/rules/paakrav?due=2026-10-01&arrived=2026-10-02",
            code: "arrived_before_earliest_paakrav",
            field: "arrived"
        ),
        BadInput(path: "/api/v1/rules/holidays?year=2201", code: "year_out_of_range", field: "year"),
        BadInput(path: "/api/v1/rules/holidays?year=1899", code: "year_out_of_range", field: "year"),
        BadInput(path: "/api/v1/rules/holidays?year=twenty", code: "invalid_year", field: "year"),
        BadInput(path: "/api/v1/rules/holidays", code: "missing_parameter", field: "year"),
        BadInput(path: "/api/v1/rules/sublet-rooms?letRooms=1&occupants=2", code: "missing_parameter", field: "rooms"),
        BadInput(
            path: "/api/v1/rules/sublet-rooms?rooms=3&letRooms=4&occupants=2",
            code: "more_rooms_let_than_rooms",
            field: "letRooms"
        ),
        BadInput(
            path: "/api/v1/rules/sublet-rooms?rooms=3&letRooms=1&occupants=2&alreadyLet=x",
            code: "invalid_number",
            field: "alreadyLet"
        ),
        BadInput(
            path: "/api/v1/rules/sublet-rooms?rooms=3&letRooms=-1&occupants=2",
            code: "invalid_number",
            field: "letRooms"
        ),
        BadInput(
            path: "/api/v1/rules/sublet-rooms?rooms=3&letRooms=1&occupants=2&area=60&letArea=61",
            code: "more_area_let_than_area",
            field: "letArea"
        ),
        BadInput(
            path:
                "/api/v1/rules/sublet-whole?applied=2026-12-03&start=2027-02-01&end=2027-01-31&reason=study&rooms=3&persons=2&rent=5000&tenantRent=5808",
            code: "end_before_start",
            field: "end"
        ),
        BadInput(
            path:
                "/api/v1/rules/sublet-whole?applied=2026-12-03&start=2027-01-01&end=2027-06-30&reason=holiday&rooms=3&persons=2&rent=5000&tenantRent=5808",
            code: "invalid_reason",
            field: "reason"
        ),
        BadInput(
            path:
                "/api/v1/rules/sublet-whole?applied=2026-12-03&start=2027-01-01&end=2027-06-30&reason=study&rooms=3&persons=2&rent=5.000,00&tenantRent=5808",
            code: "invalid_amount",
            field: "rent"
        ),
        BadInput(
            path: "/api/v1/rules/swap?movedIn=2026-12-04&applied=2026-12-03&rooms=3&persons=3",
            code: "applied_before_moved_in",
            field: "applied"
        ),
        BadInput(path: "/api/v1/rules/bank-days?from=2026-12-03&add=1001", code: "invalid_number", field: "add"),
        BadInput(path: "/api/v1/rules/bank-days?add=1", code: "missing_parameter", field: "from"),
        BadInput(
            path: "/api/v1/rules/case-deadlines?kind=letter&opened=2026-12-03",
            code: "invalid_kind",
            field: "kind"
        ),
        BadInput(path: "/api/v1/rules/case-deadlines?opened=2026-12-03", code: "missing_parameter", field: "kind"),
        BadInput(
            path: "/api/v1/rules/case-deadlines?kind=swap&opened=2200-12-30",
            code: "year_out_of_range",
            field: "opened"
        ),
        BadInput(path: "/api/v1/rules/complaint", code: "missing_parameter", field: "received"),
        BadInput(path: "/api/v1/rules/complaint?demanded=2026-13-01", code: "invalid_date", field: "demanded"),
        BadInput(
            path: "/api/v1/rules/complaint?naevnDecision=2200-12-20",
            code: "year_out_of_range",
            field: "naevnDecision"
        ),
        BadInput(
            path: "/api/v1/rules/complaint?terminationSent=3.12.2026",
            code: "invalid_date",
            field: "terminationSent"
        ),
        BadInput(
            path: "/api/v1/rules/complaint?naevnReceived=1899-12-20",
            code: "year_out_of_range",
            field: "naevnReceived"
        ),
        BadInput(path: "/api/v1/rules/meeting", code: "missing_parameter", field: "date"),
        BadInput(path: "/api/v1/rules/meeting?date=2026-12-32", code: "invalid_date", field: "date"),
        BadInput(path: "/api/v1/rules/minutes?meeting=2200-12-20", code: "year_out_of_range", field: "meeting"),
        BadInput(path: "/api/v1/rules/extraordinary?requests=3", code: "missing_parameter", field: "households"),
        BadInput(
            path: "/api/v1/rules/extraordinary?households=10&requests=11",
            code: "invalid_number",
            field: "requests"
        ),
        BadInput(
            path: "/api/v1/rules/settlement?movedIn=2026-05-01&movedOut=2026-04-01&deposit=1000&repairs=0",
            code: "moved_out_before_moved_in",
            field: "movedOut"
        ),
        BadInput(
            path: "/api/v1/rules/settlement?movedIn=2020-05-01&movedOut=2026-04-01&deposit=1000",
            code: "missing_parameter",
            field: "repairs"
        ),
        BadInput(
            path:
                "/api/v1/rules/settlement?movedIn=2020-05-01&movedOut=2026-04-01&deposit=1000&repairs=0&sharePerMonth=101",
            code: "invalid_percent",
            field: "sharePerMonth"
        ),
        BadInput(path: "/api/v1/nowhere", code: "not_found", field: nil),
    ])
    func badInputIsAStructuredJSONError(_ input: BadInput) async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, input.path) { res async throws in
                #expect(res.status == (input.code == "not_found" ? .notFound : .badRequest))
                #expect(res.headers.contentType == .json)
                let body = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                let error = body?["error"] as? [String: Any]
                #expect(error?["code"] as? String == input.code)
                #expect(error?["field"] as? String == input.field)
                #expect((error?["message"] as? String)?.isEmpty == false)
                #expect((error?["messageDa"] as? String)?.isEmpty == false)
            }
        }
    }
}
