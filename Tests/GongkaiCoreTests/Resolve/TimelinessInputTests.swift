import Foundation
import Testing
@testable import GongkaiCore

/// What timeliness is computed from: the periods a frequency requires, their due dates, and the
/// `process` settings of site.yaml (read in-process, each mistake at its line and column).
@Suite struct TimelinessInputTests {
    func d(_ s: String) -> Day { Day(parsing: s)! }

    @Test func periodsRunFromTheStartToTheLastEndedOne() {
        let labels = { (f: Frequency, from: String, to: String) in Timeliness.periods(f, from: d(from), to: d(to)).map(\.label) }
        #expect(labels(.quarterly, "2025-11-15", "2026-07-01") == ["2025年第四季度", "2026年第一季度", "2026年第二季度"])
        // A period that ends on `today` has not ended yet.
        #expect(labels(.quarterly, "2026-01-01", "2026-06-30") == ["2026年第一季度"])
        #expect(labels(.monthly, "2026-11-03", "2027-02-01") == ["2026年11月", "2026年12月", "2027年1月"])
        #expect(labels(.halfyearly, "2026-03-01", "2027-07-01") == ["2026年上半年", "2026年下半年", "2027年上半年"])
        #expect(labels(.yearly, "2025-06-01", "2027-01-01") == ["2025年", "2026年"])
        #expect(labels(.asneeded, "2020-01-01", "2027-01-01").isEmpty)
        #expect(labels(.monthly, "2026-05-01", "2026-05-20").isEmpty)
    }

    @Test func dueInTheMonthAfterThePeriod() {
        #expect(Timeliness.due(Period(parsing: "2026年第四季度")!, dueDay: 20) == d("2027-01-20"))
        #expect(Timeliness.due(Period(parsing: "2026年2月")!, dueDay: 28) == d("2026-03-28"))
        #expect(Timeliness.due(Period(parsing: "2026年上半年")!, dueDay: 1) == d("2026-07-01"))
    }

    let site = """
    name: 甲镇
    county: 乙县
    host: 乙县甲镇人民政府
    contact: 0771-1
    report_phone: 0771-2
    base_url: https://x.example/

    """

    func parse(_ process: String) -> (SiteConfig?, [String]) {
        let (config, d) = collecting { Loader.parseSite(TestSupport.source(site + process, path: "Content/site.yaml"), $0) }
        return (config, d.map { "\($0.line):\($0.column): \($0.message)" })
    }

    @Test func processSettingsAreRead() {
        let (config, problems) = parse("process:\n  timeliness_start: 2026-01-01\n  holidays: [2026-10-01, 2026-10-02]\n  workdays: [2026-10-11]\n")
        #expect(problems.isEmpty, "\(problems)")
        #expect(config?.process.timelinessStart == d("2026-01-01"))
        #expect(config?.process.holidays == [d("2026-10-01"), d("2026-10-02")])
        #expect(config?.process.workdays == [d("2026-10-11")])
        // Working days from the first: the holidays and the weekend are skipped, the Sunday worked counts.
        #expect(config?.process.addingWorkingDays(7, from: d("2026-09-25")) == d("2026-10-07"))
        #expect(config?.process.addingWorkingDays(3, from: d("2026-10-08")) == d("2026-10-11"))
    }

    @Test func processMistakesAreReportedAtTheirLines() {
        let (_, problems) = parse("process:\n  timeliness_start: 2026-02-30\n  holidays: [2026-10-01, 十月二日]\n  signoff_missing: maybe\n  colour: red\n")
        // In the order they are found: the unknown key first, then each field as it is read.
        #expect(problems == ["11:3: 公开流程规则中有不认识的字段「colour」",
                             "10:3: signoff_missing 只能写 error（报错，整个网站不生成）或 warning（警告，只是这一篇不发布）",
                             "9:3: 「holidays」（法定节假日）里的日期「十月二日」不对",
                             "8:21: 「timeliness_start」（从哪天起统计按时公开）不是有效的日期：2026-02-30"])
    }
}
