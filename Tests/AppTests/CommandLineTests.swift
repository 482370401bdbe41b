import Foundation
import Testing

/// The `almen` binary itself: `almen rules ...` prints one JSON document, or exits 2 with a JSON
/// error on stderr.
@Suite("almen rules (the binary)")
struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `almen` binary built next to this test bundle.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("almen").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("almen")
    }

    func almen(_ arguments: String...) throws -> Run {
        try almen(arguments)
    }

    @Test func theBinaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build it with `swift build` first")
    }

    @Test func terminationPrintsTheEndDate() throws {
        let run = try almen("rules", "termination", "--received", "2025-12-10")

        #expect(run.status == 0)
        let body = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(body?["endDate"] as? String == "2026-04-07")
    }

    @Test func paakravAndHolidaysPrintJSON() throws {
        let paakrav = try almen("rules", "paakrav", "--due", "2026-10-01", "--arrived", "2026-10-07")
        let holidays = try almen("rules", "holidays", "--year", "2026")

        #expect(paakrav.status == 0)
        #expect(paakrav.stdout.contains(#""paymentDeadline":"2026-10-21""#))
        #expect(holidays.status == 0)
        #expect(
            holidays.stdout.contains(
                #"{"date":"2026-04-05","englishName":"Easter Sunday","name":"Påskedag","weekday":"søndag"}"#
            )
        )
    }

    @Test func theSettlementPrintsWhatIsPaidBack() throws {
        // Six years: 72 % of 10,000 is the department's; 12,200 back, 1,000 of it withheld.
        let run = try almen(
            "rules",
            "settlement",
            "--moved-in",
            "2020-10-01",
            "--moved-out",
            "2026-10-01",
            "--deposit",
            "15000",
            "--repairs",
            "10000",
            "--consumption-pending"
        )
        #expect(run.status == 0)
        #expect(run.stdout.contains(#""payout":"11200.00""#))
        #expect(run.stdout.contains(#""withheld":"1000.00""#))
        let bad = try almen("rules", "settlement", "--moved-in", "2020-10-01", "--moved-out", "2026-10-01")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(#""field":"deposit""#))
    }

    @Test func caseDeadlinesCountBankDays() throws {
        // Tuesday 22 December 2026: the 24th counts, Christmas and the weekend do not.
        let run = try almen("rules", "case-deadlines", "--kind", "termination", "--opened", "2026-12-22")

        #expect(run.status == 0)
        #expect(
            run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"deadlines":[{"bankDays":3,"due":"2026-12-28","kind":"receipt"},{"bankDays":5,"due":"2026-12-30","kind":"answer"}],"kind":"termination","opened":"2026-12-22"}"#
        )
    }

    /// The issue's three deadlines from one command: the receipt in bank days, the other two in 4
    /// weeks with July not counted (a nævn decision on 20 June: 10 days of June, 18 of August).
    @Test func complaintDeadlines() throws {
        let run = try almen(
            "rules",
            "complaint",
            "--received",
            "2026-11-27",
            "--demanded",
            "2026-12-03",
            "--naevn-decision",
            "2026-06-20",
            "--lang",
            "en"
        )

        #expect(run.status == 0)
        let answer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(answer?["receiptBy"] as? String == "2026-12-02")
        #expect(answer?["landlordActBy"] as? String == "2027-01-04")
        #expect(answer?["appealBy"] as? String == "2026-08-18")
        let explanation = (answer?["explanation"] as? [String])?.joined(separator: " ") ?? ""
        #expect(explanation.contains("31 December 2026 is New Year's Eve, so the deadline moves on a day."))
        #expect(explanation.contains("leaving out the 31 days in July"))
    }

    /// The nævn's own deadlines and what an opsigelse sent on Thursday 3 December 2026 states: on
    /// paper it arrives Friday 11 December at the latest, the lease ends Thursday 1 April 2027,
    /// 6 weeks to object from the 11th, and the court 6 weeks after 14 January.
    @Test func complaintCourtDeadlines() throws {
        let run = try almen(
            "rules",
            "complaint",
            "--naevn-received",
            "2026-12-03",
            "--termination-sent",
            "2026-12-03"
        )

        #expect(run.status == 0)
        let answer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(answer?["naevnToldBy"] as? String == "2026-12-10")
        #expect(answer?["naevnReplyBy"] as? String == "2026-12-24")
        #expect(answer?["naevnDecisionBy"] as? String == "2026-12-31")
        #expect(answer?["terminationEndsOn"] as? String == "2027-04-01")
        #expect(answer?["objectionBy"] as? String == "2027-01-22")
        #expect(answer?["courtBy"] as? String == "2027-02-25")
        #expect(answer?["receiptBy"] == nil)
        let explanation = (answer?["explanation"] as? [String])?.joined(separator: " ") ?? ""
        #expect(explanation.contains("senest fremme 11. december 2026 med posten (5 bankdage)"))
    }

    /// The issue's three democracy commands: the notice and proposal deadlines of a meeting on
    /// Tuesday 22 December 2026, the minutes 6 weeks after, and the 25 % of 113 households.
    @Test func democracyDeadlines() throws {
        let meeting = try almen("rules", "meeting", "--date", "2026-12-22")
        #expect(meeting.status == 0)
        let answer = try JSONSerialization.jsonObject(with: Data(meeting.stdout.utf8)) as? [String: Any]
        #expect(answer?["noticeBy"] as? String == "2026-11-24")
        #expect(answer?["proposalsBy"] as? String == "2026-12-08")
        #expect(answer?["weekday"] as? String == "tuesday")
        let minutes = try almen("rules", "minutes", "--meeting", "2026-12-22")
        #expect(minutes.status == 0)
        #expect(
            (try JSONSerialization.jsonObject(with: Data(minutes.stdout.utf8)) as? [String: Any])?["publishBy"]
                as? String == "2027-02-02"
        )
        for (requests, required) in [("28", false), ("29", true)] {
            let run = try almen("rules", "extraordinary", "--households", "113", "--requests", requests)
            #expect(run.status == 0)
            let body = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(body?["needed"] as? Int == 29)
            #expect(body?["required"] as? Bool == required)
        }
    }

    @Test(arguments: [
        ["rules", "complaint"],
        ["rules", "meeting"],
        ["rules", "meeting", "--date", "22. december"],
        ["rules", "minutes", "--meeting", "2200-12-20"],
        ["rules", "extraordinary", "--households", "0", "--requests", "0"],
        ["rules", "extraordinary", "--households", "10", "--requests", "11"],
        ["rules", "complaint", "--received", "i går"],
        ["rules", "case-deadlines", "--kind", "letter", "--opened", "2026-12-22"],
        ["rules", "case-deadlines", "--kind", "general"],
        ["rules", "termination", "--received", "2026-02-31"],
        ["rules", "termination", "--received", "2026-01-10", "--housing", "hut"],
        ["rules", "termination", "--received", "2026-01-10", "--housing", "youth", "--notice-weeks", "5"],
        ["rules", "holidays", "--year", "1899"],
        ["rules", "paakrav", "--due", "soon"],
    ])
    func badInputExitsWithCode2AndAJSONError(_ arguments: [String]) throws {
        let process = try almen(arguments)

        #expect(process.status == 2)
        #expect(process.stdout.isEmpty)
        let body = try JSONSerialization.jsonObject(with: Data(process.stderr.utf8)) as? [String: Any]
        #expect((body?["error"] as? [String: Any])?["code"] is String)
    }

    private func almen(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}
