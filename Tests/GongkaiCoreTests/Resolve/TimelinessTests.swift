import Foundation
import Testing
@testable import GongkaiCore

/// The one timeliness rule (`Timeliness.disclosedOn` / `Timeliness.status`), tested directly, and the
/// three places that show it (check table, status page, board record) reading the same result.
@Suite struct TimelinessTests {
    static func p(_ s: String) -> Period { Period(parsing: s)! }
    static func d(_ s: String) -> Day { Day(parsing: s)! }

    static func notice(_ slug: String, date: String, period: String?, withdrawn: Bool = false) -> Notice {
        var n = Sample.notice(slug, category: "caiwu", date: date)
        n.period = period.map(p)
        if withdrawn { n.process.withdrawn = .init(date: d(date), reason: "发错了") }
        return n
    }

    /// Whether `n` alone discloses `period`.
    static func discloses(_ n: Notice, _ period: Period) -> Bool { Timeliness.disclosedOn(period, by: [n]) != nil }

    static func status(_ period: String, due: String, _ notices: [Notice], today: String = "2027-06-30") -> Timeliness.Status {
        Timeliness.status(of: p(period), due: d(due), notices: notices, today: d(today))
    }

    @Test func aLongerPeriodCoversEachQuarterAndMonthInIt() {
        let half = Self.notice("h1", date: "2026-07-15", period: "2026年上半年")
        #expect(Self.discloses(half, Self.p("2026年第一季度")))
        #expect(Self.discloses(half, Self.p("2026年第二季度")))
        #expect(Self.discloses(half, Self.p("2026年5月")))
        #expect(!Self.discloses(half, Self.p("2026年第三季度")))
        #expect(!Self.discloses(half, Self.p("2026年")))
        let nine = Self.notice("r", date: "2026-10-10", period: "2026年1—9月累计")
        for q in ["2026年第一季度", "2026年第二季度", "2026年第三季度", "2026年上半年"] { #expect(Self.discloses(nine, Self.p(q)), "\(q)") }
        for m in 1...9 { #expect(Self.discloses(nine, Self.p("2026年\(m)月")), "\(m)") }
        #expect(!Self.discloses(nine, Self.p("2026年10月")))
        #expect(!Self.discloses(nine, Self.p("2026年第四季度")))
        #expect(!Self.discloses(nine, Self.p("2026年下半年")))
        let year = Self.notice("y", date: "2027-01-10", period: "2026年度")
        for q in ["2026年第一季度", "2026年第四季度", "2026年上半年", "2026年下半年", "2026年", "2026年2月", "2026年12月"] {
            #expect(Self.discloses(year, Self.p(q)), "\(q)")
        }
        #expect(!Self.discloses(year, Self.p("2027年第一季度")))
        #expect(!Self.discloses(year, Self.p("2025年第四季度")))
    }

    @Test func aShorterPeriodAloneDoesNotCoverALongerOne() {
        let march = Self.notice("m", date: "2026-04-05", period: "2026年3月")
        #expect(Self.discloses(march, Self.p("2026年3月")))
        #expect(!Self.discloses(march, Self.p("2026年第一季度")))
        #expect(!Self.discloses(march, Self.p("2026年2月")))
        let q3 = Self.notice("q", date: "2026-10-15", period: "2026年第三季度")
        for m in 7...9 { #expect(Self.discloses(q3, Self.p("2026年\(m)月"))) }
        #expect(!Self.discloses(q3, Self.p("2026年6月")))
        #expect(!Self.discloses(q3, Self.p("2026年下半年")))
        #expect(!Self.discloses(q3, Self.p("2026年")))
    }

    /// `cover: any` (affairs reported as they arise): one notice with a month of the checked period
    /// discloses it, on its own date; covering notices still disclose, late ones are still late.
    @Test func underCoverAnyOneNoticeInThePeriodIsEnough() {
        func on(_ period: String, _ ns: [Notice]) -> Day? { Timeliness.disclosedOn(Self.p(period), by: ns, cover: .any) }
        let march = Self.notice("m", date: "2026-03-14", period: "2026年3月")
        #expect(on("2026年第一季度", [march]) == Self.d("2026-03-14"))
        #expect(on("2026年上半年", [march]) == Self.d("2026-03-14"))
        #expect(on("2026年第二季度", [march]) == nil)
        #expect(on("2026年2月", [march]) == nil)
        let half = Self.notice("h1", date: "2026-07-15", period: "2026年上半年")
        #expect(on("2026年第一季度", [half]) == Self.d("2026-07-15"))
        #expect(on("2026年第二季度", [half, march]) == Self.d("2026-07-15"))
        // The earliest disclosing notice counts.
        #expect(on("2026年第一季度", [half, march]) == Self.d("2026-03-14"))
        let noPeriod = Self.notice("e", date: "2026-05-02", period: nil)
        #expect(on("2026年第二季度", [noPeriod]) == Self.d("2026-05-02"))
        #expect(on("2026年第一季度", [noPeriod]) == nil)
        let gone = Self.notice("w", date: "2026-03-14", period: "2026年3月", withdrawn: true)
        #expect(on("2026年第一季度", [gone]) == nil)
        // Judged against each period's own due date.
        let s = Timeliness.status(of: Self.p("2026年第一季度"), due: Self.d("2026-04-20"), notices: [half],
                                  today: Self.d("2027-01-01"), cover: .any)
        #expect(s == .late(Self.d("2026-07-15"), days: 86))
        // The same notices under `whole`: March alone leaves the quarter open.
        #expect(Timeliness.disclosedOn(Self.p("2026年第一季度"), by: [march], cover: .whole) == nil)
    }

    @Test func publishedBeforeThePeriodBeganOrWithdrawnDoesNotCount() {
        // An annual plan published in March covers Q1 (published within it) but not the quarters after.
        let plan = Self.notice("plan", date: "2026-03-01", period: "2026年")
        #expect(Self.discloses(plan, Self.p("2026年第一季度")))
        #expect(!Self.discloses(plan, Self.p("2026年第二季度")))
        #expect(Self.discloses(plan, Self.p("2026年")))  // published within the year, like a notice without a period
        let gone = Self.notice("gone", date: "2026-07-10", period: "2026年上半年", withdrawn: true)
        #expect(!Self.discloses(gone, Self.p("2026年第二季度")))
    }

    @Test func withoutAPeriodThePublicationDateDecides() {
        let n = Self.notice("n", date: "2026-10-15", period: nil)
        #expect(Self.discloses(n, Self.p("2026年第四季度")))
        #expect(Self.discloses(n, Self.p("2026年10月")))
        #expect(!Self.discloses(n, Self.p("2026年第三季度")))
    }

    @Test func eachCoveredPeriodIsOnTimeOrLateByItsOwnDueDate() {
        let half = [Self.notice("h1", date: "2026-07-15", period: "2026年上半年")]
        #expect(Self.status("2026年第一季度", due: "2026-04-20", half) == .late(Self.d("2026-07-15"), days: 86))
        #expect(Self.status("2026年第二季度", due: "2026-07-20", half) == .onTime(Self.d("2026-07-15")))
        let year = [Self.notice("y", date: "2027-01-10", period: "2026年")]
        #expect(Self.status("2026年第四季度", due: "2027-01-20", year) == .onTime(Self.d("2027-01-10")))
        #expect(Self.status("2026年第三季度", due: "2026-10-20", year) == .late(Self.d("2027-01-10"), days: 82))
        let quarter = [Self.notice("q", date: "2026-10-15", period: "2026年第三季度")]
        #expect(Self.status("2026年9月", due: "2026-10-20", quarter) == .onTime(Self.d("2026-10-15")))
        #expect(Self.status("2026年7月", due: "2026-08-20", quarter) == .late(Self.d("2026-10-15"), days: 56))
        let month = [Self.notice("m", date: "2026-04-05", period: "2026年3月")]
        #expect(Self.status("2026年第一季度", due: "2026-04-20", month, today: "2026-05-01") == .missing(overdueDays: 11))
        #expect(Self.status("2026年第一季度", due: "2026-04-20", month, today: "2026-04-20") == .notDue)
    }

    @Test func theEarliestDisclosingNoticeDecides() {
        // On time by the quarterly notice; a later annual notice covering the same quarter does not make it late.
        let both = [Self.notice("y", date: "2027-01-10", period: "2026年"), Self.notice("q1", date: "2026-04-10", period: "2026年第一季度")]
        #expect(Self.status("2026年第一季度", due: "2026-04-20", both) == .onTime(Self.d("2026-04-10")))
        // Late first, then a covering notice still later: late by the first one.
        let late = [Self.notice("a", date: "2026-05-01", period: "2026年第一季度"), Self.notice("b", date: "2026-07-15", period: "2026年上半年")]
        #expect(Self.status("2026年第一季度", due: "2026-04-20", late) == .late(Self.d("2026-05-01"), days: 11))
    }

    @Test func shorterNoticesTogetherDiscloseAPeriodOnTheDayOfTheLast() {
        let months = [Self.notice("4", date: "2026-05-09", period: "2026年4月"), Self.notice("6", date: "2026-07-08", period: "2026年6月"),
                      Self.notice("5", date: "2026-06-08", period: "2026年5月")]
        #expect(Timeliness.disclosedOn(Self.p("2026年第二季度"), by: months) == Self.d("2026-07-08"))
        #expect(Timeliness.disclosedOn(Self.p("2026年第二季度"), by: Array(months.prefix(2))) == nil)
        #expect(Self.status("2026年第二季度", due: "2026-07-20", months) == .onTime(Self.d("2026-07-08")))
        // Two quarters make the half year; a quarter published before the half year began does not count.
        let q1 = Self.notice("q1", date: "2026-04-15", period: "2026年第一季度"), q2 = Self.notice("q2", date: "2026-07-25", period: "2026年第二季度")
        #expect(Self.status("2026年上半年", due: "2026-07-20", [q2, q1]) == .late(Self.d("2026-07-25"), days: 5))
        let early = Self.notice("early", date: "2025-12-30", period: "2026年第一季度")
        #expect(Timeliness.disclosedOn(Self.p("2026年上半年"), by: [early, q2]) == nil)
        // A withdrawn month leaves its quarter open.
        var gone = months
        gone[1].process.withdrawn = .init(date: Self.d("2026-07-10"), reason: "发错了")
        #expect(Timeliness.disclosedOn(Self.p("2026年第二季度"), by: gone) == nil)
    }

    @Test func theResolvedTableUsesTheRuleForEveryBoardAndCategory() {
        var site = Sample.site
        site.process.timelinessStart = Self.d("2026-01-01")
        site.categories = site.categories.map { c in var c = c; if c.key == "cunwu" { c.frequency = .monthly }; return c }
        var caiwu = Self.notice("h1", date: "2026-07-15", period: "2026年上半年")
        caiwu.board = "a"
        var cunwu = Sample.notice("q1", board: "a", category: "cunwu", date: "2026-04-10")
        cunwu.period = Self.p("2026年第一季度")
        let model = ContentModel(site: site, boards: [Sample.board("a", "甲村"), Sample.board(Board.townshipSlug, "甲镇")],
                                 notices: [caiwu, cunwu])
        let t = ResolvedSite(model: model, today: Self.d("2026-08-01")).timeliness
        let fin = t.rows.first { $0.board.slug == "a" && $0.category.key == "caiwu" }!
        #expect(fin.cells.map(\.status.short) == ["迟86天", "按时"])
        let vil = t.rows.first { $0.board.slug == "a" && $0.category.key == "cunwu" }!
        #expect(vil.cells.map(\.status.short) == ["迟49天", "迟21天", "按时", "未公开", "未公开", "未公开", "未到期"])
    }
}

/// The check table, the status page and the board's record show the same computed result.
@Suite(.serialized) struct TimelinessEndToEndTests {
    typealias T = TestSupport

    @Test func aHalfYearNoticeCountsForBothQuartersEverywhere() throws {
        let dir = T.copyFixture("minimal")
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "process:\n  timeliness_start: 2026-01-01\n", to: siteYaml)
        // 村务 (`cover: any` by default): Q1 by three notices without a period (the 上半年 notice, later,
        // does not make it late: the earliest disclosure decides); Q2 only by the 上半年 notice; Q3 by
        // the 9月 notice. With `cover: whole` the 9月 notice alone leaves Q3 undisclosed.
        T.write("---\ntitle: 东村上半年村务公开\ncategory: 村务\ndate: 2026-07-10\nperiod: 2026年上半年\n"
                + "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n上半年村务。\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/h1-cunwu.md"))
        T.write("---\ntitle: 东村9月村务公开\ncategory: 村务\ndate: 2026-10-08\nperiod: 2026年9月\n"
                + "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n九月村务。\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/m9-cunwu.md"))
        let r = try T.run(["check", "--date=2026-11-22"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("村务公开（每季度，期满后次月20日前）\n      2026Q1  2026Q2  2026Q3  \n东村  按时    按时    按时    \n"), "\(r.stdout)")
        T.write(T.read(siteYaml) + "categories:\n  - { key: dangwu, name: 党务公开 }\n  - { key: cunwu, name: 村务公开, boards: villages, cover: whole }\n"
                + "  - { key: caiwu, name: 财务公开 }\n  - { key: zhengwu, name: 政务公开, boards: township }\n", to: siteYaml)
        let whole = try T.run(["check", "--date=2026-11-22"], in: dir)
        #expect(whole.stdout.contains("村务公开（每季度，期满后次月20日前）\n      2026Q1  2026Q2  2026Q3  \n东村  按时    按时    未公开  \n"), "\(whole.stdout)\(whole.stderr)")
        #expect(try T.run(["build", "--date=2026-11-22"], in: dir).status == 0)
        let status = T.read(dir.appendingPathComponent("Site/status.html"))
        // Every period's status and date in visible text, no tooltip.
        #expect(status.contains("<tr class=\"s-ontime\"><th scope=\"row\"><span class=\"nowrap\">2026年第二季度</span><br><span class=\"due\">截止日：<span class=\"nowrap\">2026年7月20日</span></span></th><td>按时公开（2026年7月10日）</td></tr>"), "\(status)")
        #expect(status.contains("<tr class=\"s-missing\"><th scope=\"row\"><span class=\"nowrap\">2026年第三季度</span><br><span class=\"due\">截止日：<span class=\"nowrap\">2026年10月20日</span></span></th><td>✗ 未公开（已超过截止日 33 天）</td></tr>"))
        #expect(!status.contains("title="))
        let board = T.read(dir.appendingPathComponent("Site/dongcun/index.html"))
        // The board shows the latest period; status.html has them all.
        #expect(board.contains("2026年第三季度</span>：<span class=\"s-missing\">未公开（已超过截止日 33 天）</span>"), "\(board)")
    }
}
