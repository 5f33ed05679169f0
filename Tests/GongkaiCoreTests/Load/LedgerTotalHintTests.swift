import Foundation
import Testing
@testable import GongkaiCore

/// A ledger whose totals disagree points at the CSV (or YAML) lines that explain it.
@Suite struct LedgerTotalHintTests {
    /// Parses `ledger` (YAML) with `csv` beside it as `Content/l/q3.csv`; returns every message in full.
    func check(_ ledger: String, csv: String? = nil) -> [String] {
        let root = TestSupport.tempDir("ledger")
        if let csv { TestSupport.write(csv, to: root.appendingPathComponent("l/q3.csv")) }
        let (_, diags) = collecting {
            FinanceParser.ledger(SourceFile(displayPath: "Content/l/q3.yaml", text: ledger), chart: Account.defaults,
                                 loc: ContentLocation(root: root.path, display: "Content"), relativeDir: "l", into: $0)
        }
        return diags.map(\.description)
    }

    let head7 = "日期,凭证号,科目,摘要,收入,支出,经手人\n"
    let head8 = "日期,凭证号,科目,摘要,收入,支出,经手人,附件\n"
    /// opening 100.00 + 12,000.00 − 1,900.00 = 10,200.00
    let yaml = "period: 2026年第三季度\nopening: 100.00\nclosing: 10,200.00\nentries: q3.csv\n"

    @Test func anUnquotedThousandsCommaThatStillFitsTheHeader() {
        // 经手人 left empty: `1,900.00` fills 支出 and 经手人, and the row counts 1.00 元.
        let d = check(yaml, csv: head7 + "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,1,900.00\n")
        #expect(d.count == 2, "\(d)")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.yaml:3:1: 错误: 账不平") && $0.contains("提示: 逐笔核对") && $0.contains("\n    先看 Content/l/q3.csv:3：那一行的金额像是被千位逗号拆开或挪了格") }, "\(d)")
        #expect(d.contains("""
            Content/l/q3.csv:3:25: 错误: 第 3 行的支出只读到「1」，后面一格是「900.00」：像是金额 1,900.00 被千位逗号拆成了几格，这一行只按 1.00 元记了账
                3 | 2026-08-15,记-2,公益支出,修路,,1,900.00
                  |                                ^
                提示: 金额里不要写逗号，写成 1900.00；或者用英文双引号括起来："1,900.00"。
            """), "\(d)")
    }

    @Test func aMillionSplitIntoThreeCellsAndADeclaredSubtotal() {
        let l = "period: 2026年第三季度\nopening: 0\nclosing: -1,234,567.00\nexpense_total: 1,234,567.00\nentries: q3.csv\n"
        let d = check(l, csv: head8 + "2026-07-02,记-2,公益支出,修路,,1,234,567.00\n")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.yaml:4:1: 错误: 本期支出合计填的是 1,234,567.00 元，逐笔相加是 1.00 元") && $0.contains("先看 Content/l/q3.csv:2") }, "\(d)")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.csv:2:") && $0.contains("像是金额 1,234,567.00 被千位逗号拆成了几格") }, "\(d)")
        // Reported once, not per failing total.
        #expect(d.filter { $0.hasPrefix("Content/l/q3.csv:2:") }.count == 1)
    }

    @Test func anAmountShiftedIntoATextColumn() {
        // 经手人 left out: 350.00 lands in 经手人 and the 附件 count 2 becomes the 支出.
        let head = "日期,凭证号,科目,摘要,经手人,收入,支出,附件\n"
        let l = "period: 2026年第三季度\nopening: 1000\nclosing: 650\nentries: q3.csv\n"
        let d = check(l, csv: head + "2026-07-03,记-3,管理费用,买纸,350.00,,2,\n")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.csv:2:24: 错误: 第 2 行的「经手人」一格是「350.00」，像是金额挪错了格") }, "\(d.joined(separator: "\n"))")
        #expect(d.count == 2, "\(d)")
    }

    @Test func aDuplicatedOrReversedRowIsNamed() {
        let rows = "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,\"1,900.00\",丙某\n"
        // The same row twice: the computed balance is 1,900.00 lower than written.
        let dup = check(yaml, csv: head7 + rows + "2026-08-16,记-3,公益支出,修路,,\"1,900.00\",丙某\n")
        #expect(dup.count == 1)
        #expect(dup[0].contains("先核对：Content/l/q3.csv:3 这一笔 1,900.00 元，去掉它就对上了（是不是重复记了，或不属于本期？）；Content/l/q3.csv:4 这一笔"), "\(dup)")
        // An expense booked as income: the difference is twice the amount.
        let reversed = check(yaml, csv: head7 + "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,应付款,修路,\"1,900.00\",,丙某\n")
        #expect(reversed.count == 1)
        #expect(reversed[0].contains("Content/l/q3.csv:3 这一笔 1,900.00 元，收入和支出是不是记反了？"), "\(reversed)")
        // From YAML entries the entry's YAML line is named.
        let inline = "period: 2026年第三季度\nopening: 100.00\nclosing: 100.00\nentries:\n  - { date: 2026-07-01, account: 经营收入, summary: 租金, income: 50 }\n"
        #expect(check(inline).first?.contains("先核对：Content/l/q3.yaml:5 这一笔 50.00 元，去掉它就对上了") == true, "\(check(inline))")
    }

    @Test func otherwiseTheHintNamesTheCSVLines() {
        let rows = "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,\"1,900.00\",丙某\n"
        let d = check(yaml.replacingOccurrences(of: "10,200.00", with: "10,200.50"), csv: head7 + rows)
        #expect(d.count == 1)
        #expect(d[0].hasSuffix("\n    逐笔明细在 Content/l/q3.csv 第 2—3 行。"), "\(d)")
        // Written 12,000.00 more than the entries: removing an entry cannot explain that, so none is named.
        let more = check(yaml.replacingOccurrences(of: "closing: 10,200.00\n", with: "closing: 10,200.00\nincome_total: 24,000.00\n"), csv: head7 + rows)
        #expect(more.count == 1)
        #expect(more[0].hasPrefix("Content/l/q3.yaml:4:1: 错误: 本期收入合计填的是 24,000.00 元") && more[0].hasSuffix("\n    逐笔明细在 Content/l/q3.csv 第 2—3 行。"), "\(more)")
        // Balanced: a text column that looks like an amount is not reported.
        #expect(check(yaml, csv: head7 + rows.replacingOccurrences(of: "丙某\n2026-08-15", with: "12.50\n2026-08-15")).isEmpty)
    }
}
