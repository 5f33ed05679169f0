import Foundation
import Testing
@testable import GongkaiCore

/// The one timeliness rule (`Timeliness.discloses` / `Timeliness.status`), tested directly, and the
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

    static func status(_ period: String, due: String, _ notices: [Notice], today: String = "2027-06-30") -> Timeliness.Status {
        Timeliness.status(of: p(period), due: d(due), notices: notices, today: d(today))
    }

    @Test func aLongerPeriodCoversEachQuarterAndMonthInIt() {
        let half = Self.notice("h1", date: "2026-07-15", period: "2026年上半年")
        #expect(Timeliness.discloses(half, Self.p("2026年第一季度")))
        #expect(Timeliness.discloses(half, Self.p("2026年第二季度")))
        #expect(Timeliness.discloses(half, Self.p("2026年5月")))
        #expect(!Timeliness.discloses(half, Self.p("2026年第三季度")))
        #expect(!Timeliness.discloses(half, Self.p("2026年")))
        let nine = Self.notice("r", date: "2026-10-10", period: "2026年1—9月累计")
        for q in ["2026年第一季度", "2026年第二季度", "2026年第三季度", "2026年上半年"] { #expect(Timeliness.discloses(nine, Self.p(q)), "\(q)") }
        for m in 1...9 { #expect(Timeliness.discloses(nine, Self.p("2026年\(m)月")), "\(m)") }
        #expect(!Timeliness.discloses(nine, Self.p("2026年10月")))
        #expect(!Timeliness.discloses(nine, Self.p("2026年第四季度")))
        #expect(!Timeliness.discloses(nine, Self.p("2026年下半年")))
        let year = Self.notice("y", date: "2027-01-10", period: "2026年度")
        for q in ["2026年第一季度", "2026年第四季度", "2026年上半年", "2026年下半年", "2026年", "2026年2月", "2026年12月"] {
            #expect(Timeliness.discloses(year, Self.p(q)), "\(q)")
        }
        #expect(!Timeliness.discloses(year, Self.p("2027年第一季度")))
        #expect(!Timeliness.discloses(year, Self.p("2025年第四季度")))
    }

    @Test func aShorterPeriodDoesNotCoverALongerOne() {
        let march = Self.notice("m", date: "2026-04-05", period: "2026年3月")
        #expect(Timeliness.discloses(march, Self.p("2026年3月")))
        #expect(!Timeliness.discloses(march, Self.p("2026年第一季度")))
        #expect(!Timeliness.discloses(march, Self.p("2026年2月")))
        let q3 = Self.notice("q", date: "2026-10-15", period: "2026年第三季度")
        for m in 7...9 { #expect(Timeliness.discloses(q3, Self.p("2026年\(m)月"))) }
        #expect(!Timeliness.discloses(q3, Self.p("2026年6月")))
        #expect(!Timeliness.discloses(q3, Self.p("2026年下半年")))
        #expect(!Timeliness.discloses(q3, Self.p("2026年")))
    }

    @Test func publishedBeforeThePeriodBeganOrWithdrawnDoesNotCount() {
        // An annual plan published in March covers Q1 (published within it) but not the quarters after.
        let plan = Self.notice("plan", date: "2026-03-01", period: "2026年")
        #expect(Timeliness.discloses(plan, Self.p("2026年第一季度")))
        #expect(!Timeliness.discloses(plan, Self.p("2026年第二季度")))
        #expect(Timeliness.discloses(plan, Self.p("2026年")))  // published within the year, like a notice without a period
        let gone = Self.notice("gone", date: "2026-07-10", period: "2026年上半年", withdrawn: true)
        #expect(!Timeliness.discloses(gone, Self.p("2026年第二季度")))
    }

    @Test func withoutAPeriodThePublicationDateDecides() {
        let n = Self.notice("n", date: "2026-10-15", period: nil)
        #expect(Timeliness.discloses(n, Self.p("2026年第四季度")))
        #expect(Timeliness.discloses(n, Self.p("2026年10月")))
        #expect(!Timeliness.discloses(n, Self.p("2026年第三季度")))
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
