import Foundation
import Testing
@testable import GongkaiCore

/// 公开期限 (`term`): how it is written, read and printed.
@Suite struct TermTests {
    let day = Day(parsing: "2026-10-15")!

    @Test func readsDaysDatesAndLongTerm() {
        #expect(Term(parsing: "30", allowDate: true) == .days(30))
        #expect(Term(parsing: "30天", allowDate: true) == .days(30))
        #expect(Term(parsing: " 30 天 ", allowDate: false) == .days(30))
        #expect(Term(parsing: "1", allowDate: false) == .days(1))
        #expect(Term(parsing: "3650 天", allowDate: false) == .days(3650))
        #expect(Term(parsing: "长期", allowDate: false) == .permanent)
        #expect(Term(parsing: "长期公开", allowDate: true) == .permanent)
        #expect(Term(parsing: "2026-12-31", allowDate: true) == .until(Day(parsing: "2026-12-31")!))
        for bad in ["2026-12-31", "0", "0 天", "3651", "-5", "一个月", "30 日", "", "2026-02-30"] {
            #expect(Term(parsing: bad, allowDate: bad != "2026-12-31") == nil, "\(bad)")
        }
    }

    @Test func printedFromThePublicationDate() {
        #expect(Term.days(30).text(from: day) == "30 天（2026年10月15日至2026年11月13日）")
        #expect(Term.days(1).text(from: day) == "1 天（2026年10月15日至2026年10月15日）")
        #expect(Term.until(Day(parsing: "2026-12-31")!).text(from: day) == "2026年10月15日至2026年12月31日")
        #expect(Term.permanent.text(from: day) == "长期公开")
        #expect(Term.permanent.lastDay(from: day) == nil)
    }
}

/// `term` in a notice and `term` / `signatures` / `township_signatures` in site.yaml's categories.
@Suite struct PrintFieldTests {
    let dir = "Content/notices/dongcun/2026/"

    @Test func noticeTermIsReadOrReportedAtItsValue() {
        let s = FixtureSite()
        s.notice("notices/dongcun/2026/t-days.md", extra: "term: 15 天\n")
        s.notice("notices/dongcun/2026/t-date.md", extra: "term: 2026-10-01\n")
        s.notice("notices/dongcun/2026/t-long.md", extra: "term: 长期\n")
        s.notice("notices/dongcun/2026/t-words.md", extra: "term: 一个月\n")
        s.notice("notices/dongcun/2026/t-zero.md", extra: "term: 0\n")
        s.notice("notices/dongcun/2026/t-many.md", extra: "term: 3651 天\n")
        s.notice("notices/dongcun/2026/t-early.md", extra: "term: 2026-09-30\n")
        s.notice("notices/dongcun/2026/t-list.md", extra: "term: [30]\n")
        let (model, diagnostics) = s.load()
        let errors = diagnostics.filter { $0.severity == .error }
        let headlines = errors.map(\.headline).sorted()
        #expect(headlines == [
            "\(dir)t-early.md:5:7: 错误: 公开期限的截止日期 2026-09-30 早于发布日期 2026-10-01",
            "\(dir)t-list.md:5:7: 错误: 「term」（公开期限）应当是一个值，不是列表或分组",
            "\(dir)t-many.md:5:7: 错误: 看不懂公开期限「3651 天」",
            "\(dir)t-words.md:5:7: 错误: 看不懂公开期限「一个月」",
            "\(dir)t-zero.md:5:7: 错误: 看不懂公开期限「0」",
        ], "\(headlines)")
        #expect(errors.first { $0.message.contains("一个月") }?.hint == Term.hint)
        #expect(errors.allSatisfy { $0.sourceLine?.hasPrefix("term:") == true })
        let terms: [String: Term?] = Dictionary((model?.notices ?? []).map { ($0.slug, $0.term) }, uniquingKeysWith: { a, _ in a })
        #expect(terms["t-days"] == Term.days(15))
        #expect(terms["t-date"] == Term.until(Day(parsing: "2026-10-01")!))
        #expect(terms["t-long"] == Term.permanent)
        #expect(terms["cunwu-1"] == .some(nil), "a notice without term keeps none of its own")
    }

    static let categories = """
    categories:
      - key: caiwu
        name: 财务公开
      - key: cunwu
        name: 村务公开
        term: 15 天
        signatures: [村委会主任, 村务监督委员会主任]
        township_signatures: []
      - key: yiban
        name: 一事一议
        term: 长期
    """

    func site(_ categories: String) -> (SiteConfig?, [Diagnostic]) {
        let base = TestSupport.read(TestSupport.fixtures.appendingPathComponent("minimal/Content/site.yaml"))
        return collecting { Loader.parseSite(TestSupport.source(base + categories + "\n", path: "Content/site.yaml"), $0) }
    }

    @Test func categoryDefaultsAndOverrides() throws {
        let (s, diagnostics) = site(Self.categories)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let cats = try #require(s).categories
        let township = Sample.board(Board.townshipSlug, "甲镇"), village = Sample.board("a", "甲村")
        // caiwu: nothing written, the default category's rules.
        #expect(cats[0].print.term == .days(30))
        #expect(cats[0].print.signatures(for: village) == ["村务监督委员会主任", "报账员", "村委会主任", "村党组织书记"])
        #expect(cats[0].print.signatures(for: township) == ["经办人", "会计", "审核人", "主要领导"])
        // cunwu: its own term and roles; an empty list prints no signature block.
        #expect(cats[1].print.term == .days(15))
        #expect(cats[1].print.signatures(for: village) == ["村委会主任", "村务监督委员会主任"])
        #expect(cats[1].print.signatures(for: township) == [])
        // A category of its own: its term, the general roles.
        #expect(cats[2].print.term == .permanent)
        #expect(cats[2].print == PrintRules(term: .permanent, signatures: PrintRules.other.signatures,
                                             townshipSignatures: PrintRules.townshipRoles))
    }

    @Test func builtInDefaultsCoverEveryCategory() {
        let village = Sample.board("a", "甲村")
        let roles = Dictionary(uniqueKeysWithValues: Category.defaults.map { ($0.key, $0.print.signatures(for: village)) })
        #expect(roles["caiwu"] == ["村务监督委员会主任", "报账员", "村委会主任", "村党组织书记"])
        #expect(roles["cunwu"] == ["村务监督委员会主任", "村委会主任", "村党组织书记"])
        #expect(roles["dangwu"] == ["经办人", "审核人", "审批人"])
        #expect(Category.defaults.allSatisfy { $0.print.term == .days(30) && !$0.print.signatures.isEmpty && !$0.print.townshipSignatures.isEmpty })
    }

    @Test func categoryMistakesAreReportedAtTheirLine() {
        let (s, diagnostics) = site("""
        categories:
          - key: caiwu
            name: 财务公开
            term: 2026-12-31
          - key: cunwu
            name: 村务公开
            term: 半年
            signatures: [村委会主任, 报账员, 村委会主任]
          - key: print
            name: 打印
            township_signatures: 经办人
        """)
        let lines = diagnostics.map(\.headline)
        #expect(lines.contains("Content/site.yaml:13:11: 错误: 看不懂默认公开期限「2026-12-31」"), "\(lines)")
        #expect(lines.contains("Content/site.yaml:16:11: 错误: 看不懂默认公开期限「半年」"), "\(lines)")
        #expect(lines.contains("Content/site.yaml:17:5: 错误: 「signatures」（村级公开打印件的签字栏）里「村委会主任」写了两次"), "\(lines)")
        #expect(lines.contains("Content/site.yaml:18:5: 错误: 类别的 key 不能用「print」（网址里已经用来放别的页面）"), "\(lines)")
        #expect(diagnostics.first { $0.message.contains("2026-12-31") }?.hint == Term.defaultHint)
        #expect(diagnostics.count == 4, "\(lines)")
        // A single role is a one-item list.
        #expect(s?.categories.last?.print.townshipSignatures == ["经办人"])
    }
}

/// Which notices go on which board sheet.
@Suite struct SheetSelectionTests {
    let today = Day(parsing: "2026-11-22")!

    func notice(_ slug: String, board: String = "a", category: String = "caiwu", date: String, period: String? = nil,
                _ change: (inout Notice) -> Void = { _ in }) -> Notice {
        var n = Sample.notice(slug, board: board, category: category, date: date)
        n.period = period.flatMap(Period.init(parsing:))
        change(&n)
        return n
    }

    func sheets(_ notices: [Notice], categories: [GongkaiCore.Category] = Category.defaults) -> [String: [String]] {
        var model = Sample.model(notices)
        model.site.categories = categories
        let r = ResolvedSite(model: model, today: today)
        return Dictionary(uniqueKeysWithValues: Sheet.all(r).map { (URLs.sheet($0), $0.notices.map(\.slug)) })
    }

    @Test func periodIsThatOfTheNoticeElseOfItsDate() {
        let s = sheets([
            notice("q3", date: "2026-10-15", period: "2026年第三季度"),
            notice("q3-fix", date: "2026-10-26", period: "2026年第三季度"),
            notice("oct", date: "2026-10-20"),
            notice("sep", date: "2026-09-01", period: "2026年9月"),
            notice("ytd", date: "2026-10-10", period: "2026年1—9月"),
            notice("h1", date: "2026-07-05", period: "2026年上半年"),
        ])
        #expect(s == [
            "a/print/caiwu-2026q3.html": ["sep", "ytd", "q3", "q3-fix"],
            "a/print/caiwu-2026q4.html": ["oct"],
            "a/print/caiwu-2026q2.html": ["h1"],
        ])
    }

    @Test func periodFollowsTheCategoryFrequency() {
        var monthly = Category.defaults[2]
        monthly.frequency = .monthly
        var yearly = Category.defaults[1]
        yearly.frequency = .yearly
        var asNeeded = Category.defaults[0]
        asNeeded.frequency = .asneeded
        let s = sheets([
            notice("m", date: "2026-10-15", period: "2026年第三季度"),
            notice("y", category: "cunwu", date: "2026-03-01"),
            notice("x", category: "dangwu", date: "2026-05-31"),
        ], categories: [asNeeded, yearly, monthly])
        #expect(s == ["a/print/caiwu-2026-09.html": ["m"], "a/print/cunwu-2026.html": ["y"], "a/print/dangwu-2026q2.html": ["x"]])
    }

    @Test func onlyPublishedPublicNoticesPerBoardAndCategory() {
        let s = sheets([
            notice("ok", date: "2026-10-15"),
            notice("party", date: "2026-10-15") { $0.process.partyOnly = true },
            notice("draft", date: "2026-10-15") { $0.draft = true },
            notice("future", date: "2026-11-30"),
            notice("unsigned", date: "2026-10-15") { $0.signoff = [] },
            notice("gone", date: "2026-10-15") { $0.process.withdrawn = .init(date: Day(parsing: "2026-10-20")!, reason: "写错") },
            notice("b", board: "b", date: "2026-10-16"),
            notice("town", board: Board.townshipSlug, category: "zhengwu", date: "2026-10-17"),
            notice("cunwu", category: "cunwu", date: "2026-10-18"),
        ])
        #expect(s == [
            "a/print/caiwu-2026q4.html": ["ok"], "a/print/cunwu-2026q4.html": ["cunwu"],
            "b/print/caiwu-2026q4.html": ["b"], "township/print/zhengwu-2026q4.html": ["town"],
        ])
    }

    @Test func orderIsBoardsThenCategoriesThenNewestPeriod() {
        var model = Sample.model([
            notice("a1", date: "2025-02-01"), notice("a2", date: "2026-02-01"), notice("a3", category: "dangwu", date: "2026-02-01"),
            notice("b1", board: "b", date: "2026-02-01"),
        ])
        model.site.categories = Category.defaults
        let order = Sheet.all(ResolvedSite(model: model, today: today)).map(URLs.sheet)
        #expect(order == ["a/print/dangwu-2026q1.html", "a/print/caiwu-2026q1.html", "a/print/caiwu-2025q1.html", "b/print/caiwu-2026q1.html"])
    }

    /// Each sheet is a page linked from its board; a notice page and a sheet carry the print parts.
    @Test func pagesCarryThePrintParts() throws {
        var n = notice("q3", date: "2026-10-15", period: "2026年第三季度")
        n.digest = String(repeating: "ab12", count: 16)
        n.term = .until(Day(parsing: "2026-12-31")!)
        let party = notice("party", date: "2026-10-15") { $0.process.partyOnly = true }
        let files = Renderer.render(ResolvedSite(model: Sample.model([n, party]), today: today), theme: Sample.theme)
        let page = { (path: String) in files.first { $0.path == path }.flatMap { f -> String? in
            if case let .bytes(d) = f.content { String(decoding: d, as: UTF8.self) } else { nil } } ?? "" }
        let notice = page("a/notice/q3.html")
        #expect(notice.contains("公开期限：2026年10月15日至2026年12月31日"))
        #expect(notice.contains("<th scope=\"row\">村务监督委员会主任</th><td></td>"))
        #expect(notice.contains("<th scope=\"row\">报账员</th>"))
        #expect(notice.contains("监督举报电话：<strong>0771-2</strong>"))
        #expect(notice.contains("防篡改码：<strong>ab12ab12ab12</strong>"))
        #expect(notice.contains("<p class=\"print-url\">https://x.example/a/notice/q3.html</p>"))
        #expect(notice.contains("<svg class=\"qr\""))
        #expect(notice.contains("assets/print.css\" media=\"print\""))
        let sheet = page("a/print/caiwu-2026q3.html")
        #expect(sheet.contains("全文：https://x.example/a/notice/q3.html"))
        #expect(sheet.contains("<p class=\"print-url\">https://x.example/a/print/caiwu-2026q3.html</p>"))
        #expect(!sheet.contains("标题party"))
        #expect(sheet.components(separatedBy: "<svg class=\"qr\"").count == 3)
        #expect(page("a/index.html").contains("<a href=\"../a/print/caiwu-2026q3.html\">打印张贴</a>"))
        #expect(sheet.contains("<span aria-current=\"page\">2026年第三季度</span>（1 篇）"))
        #expect(!files.contains { $0.path.hasPrefix("b/print/") })
    }
}
