import Foundation
import Testing
@testable import GongkaiCore

/// Fixture sites with ledgers that balance and ones that fail each check.
@Suite(.serialized) struct FinanceEndToEndTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"

    /// The minimal fixture has Q2 and Q3 2026 ledgers for 东村; add a notice with the given ledger.
    func site(ledger: String, period: String = "2026年第四季度", csv: String? = nil) -> URL {
        let dir = T.copyFixture("minimal")
        let base = dir.appendingPathComponent("Content/notices/dongcun/2026")
        T.write("---\ntitle: 测试账目\ncategory: 财务\ndate: 2026-11-01\nperiod: \(period)\nledger: ledgers/test.yaml\n---\n正文\n",
                to: base.appendingPathComponent("test.md"))
        T.write(ledger, to: base.appendingPathComponent("ledgers/test.yaml"))
        if let csv { T.write(csv, to: base.appendingPathComponent("ledgers/test.csv")) }
        return dir
    }

    let path = "Content/notices/dongcun/2026/ledgers/test.yaml"

    @Test func balancedLedgersBuildWithTotalsChartsAndOpenData() throws {
        let dir = T.copyFixture("minimal")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/q3-caiwu.html"))
        #expect(page.contains("<th scope=\"row\">期初余额</th><td class=\"num\">14,950.50<span class=\"upper\"><span>人民币</span><span>壹万</span><span>肆仟玖佰伍拾元</span><span>零伍角整</span></span>"))
        #expect(page.contains("<th scope=\"row\">期末余额</th><td class=\"num\">18,950.50"))
        // 本年累计 adds Q2 and Q3.
        #expect(page.contains("本年累计收入（2026年4—9月）</th><td class=\"num\">18,000.00"))
        #expect(page.contains("本年累计支出（2026年4—9月）</th><td class=\"num\">9,049.50"))
        // Running balance.
        #expect(page.contains("<td class=\"num\" data-label=\"余额\">26,950.50</td>"))
        // Charts are inline SVG with a text alternative; the balance chart covers both periods.
        #expect(page.contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-acc-t chart-acc-d\""))
        #expect(page.contains("<desc id=\"chart-bal-d\">2026年第二季度期末余额14,950.50元；2026年第三季度期末余额18,950.50元</desc>"))
        // Budget execution with the over-budget line marked in words.
        #expect(page.contains("<strong>超出预算 49.50 元</strong>"))
        #expect(page.contains("<td class=\"num\" data-label=\"执行率\">105.0%</td>"))
        #expect(page.contains("有 1 个支出科目超出年度预算：「管理费用」超出 49.50 元。"))
        // Open data: CSV with a BOM, JSON with exact decimal strings.
        let csv = try Data(contentsOf: dir.appendingPathComponent("Site/dongcun/files/q3-caiwu/ledger-q3-caiwu.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let csvText = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(csvText.contains("2026-07-01,记-003,经营收入,土地租金,12000.00,,26950.50,丙某"))
        #expect(csvText.contains("2026-09-30,,,本期合计,12000.00,8000.00,18950.50,"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("Site/dongcun/files/q3-caiwu/ledger-q3-caiwu.json"))) as! [String: Any]
        #expect(json["closing"] as? String == "18950.50")
        #expect((json["entries"] as? [[String: Any]])?.count == 2)
        #expect(page.contains("href=\"../../dongcun/files/q3-caiwu/ledger-q3-caiwu.csv\""))
        // Debts register totals.
        let budget = T.read(dir.appendingPathComponent("Site/dongcun/notice/budget.html"))
        #expect(budget.contains("债权比债务多</th><td class=\"num\">1,799.50<span class=\"upper\"><span>人民币</span><span>壹仟柒佰玖拾玖元</span><span>伍角整</span></span>"))
    }

    @Test func unbalancedLedger() throws {
        let dir = site(ledger: """
        period: 2026年第四季度
        opening: 18,950.50
        closing: 20,000.00
        income_total: 1,000.00
        entries:
          - { date: 2026-10-10, account: 经营收入, summary: 租金, income: "1,049.49" }
        """)
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):3:1: 错误: 账不平：期初 18,950.50 + 收入 1,049.49 − 支出 0.00 = 19,999.99 元，但期末余额填的是 20,000.00 元（多写了 0.01 元）"))
        #expect(r.stderr.contains("\(path):4:1: 错误: 本期收入合计填的是 1,000.00 元，逐笔相加是 1,049.49 元（少写了 49.49 元）"))
    }

    @Test func entryChecks() throws {
        let dir = site(ledger: """
        period: 2026年第四季度
        opening: 18,950.50
        closing: 18,950.50
        entries:
          - { date: 2026-09-30, account: 经营收入, summary: 日期在期外, income: 1 }
          - { date: 2026-10-02, account: 经营收入, summary: 两样都有, income: 1, expense: 1 }
          - { date: 2026-10-03, account: 经营收入, summary: 都没有 }
          - { date: 2026-10-04, account: 经营收人, summary: 错字, income: 1 }
          - { date: 2026-10-05, account: 管理费用, summary: 方向错, income: 1 }
          - { date: 2026-10-06, account: 管理费用, summary: 三位小数, expense: 1.005 }
        """)
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        for e in [
            "\(path):5:5: 错误: 第 1 笔的日期 2026-09-30 不在会计期间「2026年第四季度」内",
            "\(path):6:5: 错误: 这一笔同时填了收入和支出",
            "\(path):7:5: 错误: 这一笔既没有收入也没有支出",
            "\(path):8:25: 错误: 不认识的科目「经营收人」",
            "\(path):9:25: 错误: 「管理费用」是支出科目，不能记收入",
            "\(path):10:64: 错误: 「expense」（支出）金额只能精确到分（小数点后最多两位）：1.005",
        ] {
            #expect(r.stderr.contains(e), "missing: \(e)\n\(r.stderr)")
        }
        #expect(r.stderr.contains("是不是「经营收入」？"))
        // One message per mistake: no kind error on the line that has both, no balance error while entries are broken.
        #expect(!r.stderr.contains("是收入科目，不能记支出"))
        #expect(!r.stderr.contains("账不平"))
    }

    @Test func ledgersMustChain() throws {
        let gap = site(ledger: "period: 2026年11月\nopening: 18,950.50\nclosing: 18,950.50\nentries: []\n", period: "2026年11月")
        let r1 = try T.run(["check", date], in: gap)
        #expect(r1.stderr.contains("\(path):1:1: 错误: 会计期间「2026年11月」和上一期 Content/notices/dongcun/2026/ledgers/2026-q3.yaml（2026年第三季度）之间缺了 2026-10-01 到 2026-10-31"))
        let overlap = site(ledger: "period: 2026年9月\nopening: 18,950.50\nclosing: 18,950.50\nentries: []\n", period: "2026年9月")
        let r2 = try T.run(["check", date], in: overlap)
        #expect(r2.stderr.contains("\(path):1:1: 错误: 会计期间「2026年9月」和 Content/notices/dongcun/2026/ledgers/2026-q3.yaml（2026年第三季度）重叠"))
        let opening = site(ledger: "period: 2026年第四季度\nopening: 18,000.00\nclosing: 18,000.00\nentries: []\n")
        let r3 = try T.run(["check", date], in: opening)
        #expect(r3.stderr.contains("\(path):2:1: 错误: 期初余额 18,000.00 元不等于上一期（2026年第三季度，Content/notices/dongcun/2026/ledgers/2026-q3.yaml）的期末余额 18,950.50 元"))
        let fine = site(ledger: "period: 2026年第四季度\nopening: 18,950.50\nclosing: 18,950.50\nentries: []\n")
        #expect(try T.run(["check", date], in: fine).status == 0)
    }

    @Test func csvEntriesAreCheckedWithTheirOwnLines() throws {
        let dir = site(ledger: "period: 2026年第四季度\nopening: 18,950.50\nclosing: 19,950.50\nentries: test.csv\n",
                       csv: "日期,凭证号,科目,摘要,收入,支出\n2026-10-01,记-1,经营收入,租金,\"1,000.00\",\n2026-13-01,记-2,管理费用,电费,,10\n2026-10-05,记-3,杂项,无,,5\n")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        let csv = "Content/notices/dongcun/2026/ledgers/test.csv"
        #expect(r.stderr.contains("\(csv):3:1: 错误: 第 3 行日期不对：2026-13-01"), "\(r.stderr)")
        #expect(r.stderr.contains("\(csv):4:1: 错误: 不认识的科目「杂项」"))
    }

    @Test func unquotedThousandsInCsvAreCaught() throws {
        let dir = site(ledger: "period: 2026年第四季度\nopening: 18,950.50\nclosing: 17,950.50\nentries: test.csv\n",
                       csv: "日期,凭证号,科目,摘要,收入,支出\n2026-10-06,记-4,管理费用,电费,,1,000.00\n")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Content/notices/dongcun/2026/ledgers/test.csv:2:1: 错误: 第 2 行有 7 列，表头有 6 列"))
        #expect(r.stderr.contains("千位逗号"))
    }

    @Test func partyOnlyLedgersStayOutOfTheChain() throws {
        let dir = site(ledger: "period: 2026年第四季度\nopening: 0\nclosing: 0\nentries: []\n")
        let test = dir.appendingPathComponent("Content/notices/dongcun/2026/test.md")
        T.write(T.read(test).replacingOccurrences(of: "category: 财务", with: "category: 党务\nscope: 党内"), to: test)
        let r = try T.run(["check", date], in: dir)
        #expect(!r.stderr.contains("期初余额 0.00 元不等于上一期"), "\(r.stderr)")
    }

    @Test func budgetAndRegisterChecks() throws {
        let dir = T.copyFixture("minimal")
        let l = dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers")
        T.write("year: 2026\nbudget:\n  应付款: 100\n  管理费用: 1.234\n", to: l.appendingPathComponent("budget-2026.yaml"))
        T.write("as_of: 2025-12-31\nitems:\n  - { kind: 欠款, party: 某人, amount: 1 }\n", to: l.appendingPathComponent("debts-2025.yaml"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("ledgers/budget-2026.yaml:3:3: 错误: 「应付款」是往来科目，不编预算"))
        #expect(r.stderr.contains("ledgers/budget-2026.yaml:4:9: 错误: 「管理费用」的预算金额只能精确到分"))
        #expect(r.stderr.contains("ledgers/debts-2025.yaml:3:7: 错误: 类别只能写「债权」或「债务」，现在是「欠款」"))
    }
}
