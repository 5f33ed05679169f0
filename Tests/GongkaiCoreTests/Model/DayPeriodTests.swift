import Foundation
import Testing
@testable import GongkaiCore

@Suite struct DayTests {
    @Test func parsesFormats() {
        #expect(Day(parsing: "2026-10-15") == Day(year: 2026, month: 10, day: 15))
        #expect(Day(parsing: "2026/1/5") == Day(year: 2026, month: 1, day: 5))
        #expect(Day(parsing: "2026年1月5日") == Day(year: 2026, month: 1, day: 5))
        #expect(Day(parsing: "2026-02-30") == nil)
        #expect(Day(parsing: "2025-02-29") == nil)
        #expect(Day(parsing: "2024-02-29") != nil)
        #expect(Day(parsing: "26-1-5") == nil)
        #expect(Day(parsing: "明天") == nil)
    }

    @Test func ordinalRoundTripsAndWeekday() {
        let d = Day(year: 2026, month: 11, day: 22)!
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.weekday == 6)  // a Sunday
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(d.adding(days: 10) == Day(year: 2026, month: 12, day: 2))
        #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(d.chinese == "2026年11月22日")
    }
}

@Suite struct PeriodTests {
    @Test func recognisedForms() {
        #expect(Period(parsing: "2026年第三季度")?.label == "2026年第三季度")
        #expect(Period(parsing: "2026年第3季度")?.firstMonth == 7)
        #expect(Period(parsing: "2026年上半年")?.lastMonth == 6)
        #expect(Period(parsing: "2026年下半年")?.firstMonth == 7)
        #expect(Period(parsing: "2026年9月")?.kind == .month)
        #expect(Period(parsing: "2026年")?.kind == .year)
        #expect(Period(parsing: "2026年度")?.kind == .year)
        #expect(Period(parsing: "2026年1—9月累计")?.label == "2026年1—9月")
        #expect(Period(parsing: "2026年1-9月")?.lastMonth == 9)
        #expect(Period(parsing: "2026年第五季度") == nil)
        #expect(Period(parsing: "2026年13月") == nil)
        #expect(Period(parsing: "第三季度") == nil)
        #expect(Period(parsing: "2026年9—1月") == nil)
    }
}
