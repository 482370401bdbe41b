import AlmenDomain
import Testing

/// Expected arrival of a physical letter: bank days after dispatch (rules.md §1 and §3). Dates
/// worked out by hand from a 2026 calendar (Easter Sunday 5 April 2026).
@Suite("Physical letters: expected arrival")
struct PhysicalDeliveryTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let dispatched: String
        let bankDays: Int
        let arrival: String
        var testDescription: String { behaviour }
    }

    static let rows: [Row] = [
        Row(
            behaviour: "Monday + 2 bank days is Wednesday",
            dispatched: "2026-11-23",
            bankDays: 2,
            arrival: "2026-11-25"
        ),
        Row(
            behaviour: "Thursday + 2 bank days skips the weekend to Monday",
            dispatched: "2026-11-26",
            bankDays: 2,
            arrival: "2026-11-30"
        ),
        Row(
            behaviour: "Monday + 5 bank days is the next Monday",
            dispatched: "2026-11-23",
            bankDays: 5,
            arrival: "2026-11-30"
        ),
        Row(
            behaviour: "Saturday dispatch counts from Monday",
            dispatched: "2026-11-28",
            bankDays: 1,
            arrival: "2026-12-01"
        ),
        Row(
            behaviour: "Zero days: the dispatch day itself when a bank day",
            dispatched: "2026-11-24",
            bankDays: 0,
            arrival: "2026-11-24"
        ),
        Row(
            behaviour: "Zero days from a Sunday: the next bank day",
            dispatched: "2026-11-29",
            bankDays: 0,
            arrival: "2026-11-30"
        ),
        Row(
            behaviour:
                "Easter: Wednesday 1 April + 2 bank days skips Skærtorsdag to 2. påskedag and lands on Wednesday 8 April",
            dispatched: "2026-04-01",
            bankDays: 2,
            arrival: "2026-04-08"
        ),
        Row(
            behaviour: "Grundlovsdag is not a bank day: Thursday 4 June + 1 is Monday 8 June",
            dispatched: "2026-06-04",
            bankDays: 1,
            arrival: "2026-06-08"
        ),
        Row(
            behaviour:
                "Christmas: 23 December + 2 bank days is Monday 28 December (juleaften is a bank day under rules.md §1)",
            dispatched: "2026-12-23",
            bankDays: 2,
            arrival: "2026-12-28"
        ),
    ]

    @Test(arguments: rows)
    func expectedArrival(_ row: Row) {
        let delivery = PhysicalDelivery(bankDays: row.bankDays)

        let arrival = delivery.expectedArrival(dispatched: day(row.dispatched))

        #expect(arrival == day(row.arrival))
    }
}
