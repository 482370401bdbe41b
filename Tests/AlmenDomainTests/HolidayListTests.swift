import AlmenDomain
import Testing

@Suite("Named helligdage, rules.md §1")
struct HolidayListTests {
    let calendar = DanishCalendar()

    // Easter 2023: 9 April. Store bededag (Easter + 26) still a helligdag.
    @Test("2023 has eleven helligdage including Store bededag on 5 May")
    func holidays2023() {
        #expect(
            names(calendar.holidays(in: 2023)) == [
                "2023-01-01 Nytårsdag",
                "2023-04-06 Skærtorsdag",
                "2023-04-07 Langfredag",
                "2023-04-09 Påskedag",
                "2023-04-10 2. påskedag",
                "2023-05-05 Store bededag",
                "2023-05-18 Kristi himmelfartsdag",
                "2023-05-28 Pinsedag",
                "2023-05-29 2. pinsedag",
                "2023-12-25 Juledag",
                "2023-12-26 2. juledag",
            ]
        )
    }

    // Easter 2024: 31 March. Store bededag abolished from 2024.
    @Test("2024 has ten helligdage and no Store bededag")
    func holidays2024() {
        #expect(
            names(calendar.holidays(in: 2024)) == [
                "2024-01-01 Nytårsdag",
                "2024-03-28 Skærtorsdag",
                "2024-03-29 Langfredag",
                "2024-03-31 Påskedag",
                "2024-04-01 2. påskedag",
                "2024-05-09 Kristi himmelfartsdag",
                "2024-05-19 Pinsedag",
                "2024-05-20 2. pinsedag",
                "2024-12-25 Juledag",
                "2024-12-26 2. juledag",
            ]
        )
    }

    // Easter 2025: 20 April; Pinse falls in June.
    @Test("2025 helligdage")
    func holidays2025() {
        #expect(
            names(calendar.holidays(in: 2025)) == [
                "2025-01-01 Nytårsdag",
                "2025-04-17 Skærtorsdag",
                "2025-04-18 Langfredag",
                "2025-04-20 Påskedag",
                "2025-04-21 2. påskedag",
                "2025-05-29 Kristi himmelfartsdag",
                "2025-06-08 Pinsedag",
                "2025-06-09 2. pinsedag",
                "2025-12-25 Juledag",
                "2025-12-26 2. juledag",
            ]
        )
    }

    // Easter 2026: 5 April.
    @Test("2026 helligdage")
    func holidays2026() {
        #expect(
            names(calendar.holidays(in: 2026)) == [
                "2026-01-01 Nytårsdag",
                "2026-04-02 Skærtorsdag",
                "2026-04-03 Langfredag",
                "2026-04-05 Påskedag",
                "2026-04-06 2. påskedag",
                "2026-05-14 Kristi himmelfartsdag",
                "2026-05-24 Pinsedag",
                "2026-05-25 2. pinsedag",
                "2026-12-25 Juledag",
                "2026-12-26 2. juledag",
            ]
        )
    }

    @Test("English names accompany the Danish ones")
    func englishNames() {
        let english = calendar.holidays(in: 2023).map(\.englishName)

        #expect(
            english == [
                "New Year's Day", "Maundy Thursday", "Good Friday", "Easter Sunday", "Easter Monday",
                "General Prayer Day", "Ascension Day", "Whit Sunday", "Whit Monday", "Christmas Day",
                "Boxing Day",
            ]
        )
    }

    @Test(
        "Holiday on a date, movable feasts in several years",
        arguments: [
            ("2008-05-01", "Kristi himmelfartsdag"),  // Easter 23 March 2008: Ascension on 1 May
            ("2024-05-09", "Kristi himmelfartsdag"),
            ("2025-05-29", "Kristi himmelfartsdag"),
            ("2038-06-03", "Kristi himmelfartsdag"),  // latest possible Easter, 25 April
            ("2000-06-01", "Kristi himmelfartsdag"),
            ("2024-05-19", "Pinsedag"),
            ("2025-06-08", "Pinsedag"),
            ("2022-06-05", "Pinsedag"),  // on Grundlovsdag
            ("2017-06-05", "2. pinsedag"),  // on Grundlovsdag
            ("2020-06-01", "2. pinsedag"),
            ("2016-04-22", "Store bededag"),
            ("2023-05-05", "Store bededag"),
            ("2019-04-19", "Langfredag"),
            ("2000-04-24", "2. påskedag"),
            ("2026-12-26", "2. juledag"),
            ("2027-01-01", "Nytårsdag"),
        ]
    )
    func namedHoliday(iso: String, name: String) {
        #expect(calendar.holiday(on: day(iso))?.name == name)
    }

    @Test(
        "Days that are not named helligdage",
        arguments: [
            "2024-04-26",  // Easter + 26 in 2024: Store bededag abolished
            "2025-05-16",  // Easter + 26 in 2025
            "2026-05-01",  // Easter + 26 in 2026, and 1 May
            "2025-05-01",  // 1 May
            "2025-06-05",  // Grundlovsdag
            "2025-12-24",  // juleaften
            "2025-12-31",  // nytårsaften
            "2026-04-04",  // påskelørdag
            "2026-02-08",  // an ordinary Sunday has no name
        ]
    )
    func notNamedHoliday(iso: String) {
        #expect(calendar.holiday(on: day(iso)) == nil)
    }

    @Test("Every year's list is sorted and lies within the year")
    func listsAreSortedWithinYear() {
        for year in LocalDate.supportedYears {
            let dates = calendar.holidays(in: year).map(\.date)

            #expect(dates == dates.sorted(), "\(year)")
            #expect(dates.allSatisfy { $0.year == year }, "\(year)")
            #expect(dates.count == (year <= 2023 ? 11 : 10), "\(year)")
        }
    }

    private func names(_ holidays: [Holiday]) -> [String] {
        holidays.map { "\($0.date.iso) \($0.name)" }
    }

    @Test("A holiday is found on its day whether or not the year's list is built (every supported year)")
    func quickAnswerAgreesWithTheList() {
        for year in LocalDate.supportedYears {
            let listed = Set(calendar.holidays(in: year).map(\.date))
            var day = LocalDate(year: year, month: 1, day: 1)!
            var found = Set<LocalDate>()
            while day.year == year {
                if calendar.holiday(on: day) != nil { found.insert(day) }
                day = day.adding(days: 1)
            }
            #expect(found == listed, "\(year)")
        }
    }
}
