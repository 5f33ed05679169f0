import Foundation
import Testing
@testable import GongkaiCore

/// The finance parsers (`FinanceParser.ledger`, `.budget`, `.register`) called directly on a
/// source file: what they read, and each class of mistake at its line and column.
@Suite struct FinanceParserTests {
    /// A folder for ledgers whose entries are in a CSV file beside them (none by default).
    let loc = ContentLocation(root: "/nonexistent", display: "Content")

    func ledger(_ text: String) -> (Ledger?, [Diagnostic]) {
        collecting { FinanceParser.ledger(TestSupport.source(text, path: "Content/l/q3.yaml"), chart: Account.defaults,
                                          loc: loc, relativeDir: "l", into: $0) }
    }

    /// `line:col: message` of each problem, in the order reported.
    func places(_ d: [Diagnostic]) -> [String] { d.map { "\($0.line):\($0.column): \($0.message)" } }

    let good = """
    period: 2026年第三季度
    opening: 1,000.00
    closing: 1,450.50
    income_total: 500.50
    expense_total: 50.00
    entries:
      - { date: 2026-07-03, voucher: 记-1, account: 经营收入, summary: 鱼塘租金, income: 500.50 }
      - { date: 2026-08-15, voucher: 记-2, account: 管理费用, summary: 电费, expense: 50.00 }

    """

    @Test func aBalancedLedgerIsRead() {
        let (l, d) = ledger(good)
        #expect(d.isEmpty, "\(d)")
        #expect(l?.period == Period(parsing: "2026年第三季度"))
        #expect(l?.entries.count == 2)
        #expect(l?.income == (try? Money.parse("500.50").get()) && l?.expense == (try? Money.parse("50").get()))
        #expect(l?.openingMark.line == 2 && l?.periodMark.line == 1)
    }

    @Test func aBadDateInAnEntryIsReportedAtTheDate() {
        let (l, d) = ledger(good.replacingOccurrences(of: "2026-08-15", with: "2026-08-32"))
        #expect(l == nil)
        #expect(places(d) == ["8:13: 「date」（日期）不是有效的日期：2026-08-32"])
    }

    @Test func anEntryOutsideThePeriodIsAnError() {
        let (l, d) = ledger(good.replacingOccurrences(of: "2026-08-15", with: "2026-10-01"))
        #expect(l == nil)
        #expect(places(d) == ["8:5: 第 2 笔的日期 2026-10-01 不在会计期间「2026年第三季度」内"])
    }

    @Test func anUnknownAccountAndABadAmountAreEachReported() {
        let (l, d) = ledger(good.replacingOccurrences(of: "管理费用", with: "管里费用").replacingOccurrences(of: "500.50 }", with: "500.5.0 }"))
        #expect(l == nil)
        #expect(places(d) == ["7:77: 「income」（收入）不是有效的金额：500.5.0", "8:39: 不认识的科目「管里费用」"], "\(places(d))")
    }

    @Test func aLedgerThatDoesNotBalanceNamesTheFigures() {
        let (l, d) = ledger(good.replacingOccurrences(of: "closing: 1,450.50", with: "closing: 1,450.00"))
        #expect(l == nil)
        #expect(places(d) == ["3:1: 账不平：期初 1,000.00 + 收入 500.50 − 支出 50.00 = 1,450.50 元，但期末余额填的是 1,450.00 元（少写了 0.50 元）"])
    }

    @Test func missingRequiredFieldsAndAnUnknownKey() {
        let (l, d) = ledger("period: 2026年第三季度\nopenng: 1.00\nentries: []\n")
        #expect(l == nil)
        #expect(d.allSatisfy { $0.severity == .error })
        #expect(places(d).contains { $0.hasPrefix("2:1: 有不认识的字段「openng」") }, "\(places(d))")
        #expect(places(d).contains { $0.hasPrefix("1:1: 缺少必填字段「opening」（期初余额）") }, "\(places(d))")
        #expect(places(d).contains { $0.hasPrefix("1:1: 缺少必填字段「closing」（期末余额）") }, "\(places(d))")
    }

    @Test func anUnreadablePeriodIsReportedAtItsValue() {
        let (_, d) = ledger(good.replacingOccurrences(of: "2026年第三季度", with: "2026年秋季"))
        #expect(places(d) == ["1:9: 看不懂会计期间「2026年秋季」"])
    }

    @Test func aMissingCSVFileIsReportedAtItsName() {
        let (l, d) = ledger("period: 2026年第三季度\nopening: 0\nclosing: 0\nentries: q3.csv\n")
        #expect(l == nil)
        #expect(places(d) == ["4:10: 找不到明细文件「q3.csv」"])
    }

    // MARK: budget

    func budget(_ text: String) -> (Budget?, [Diagnostic]) {
        collecting { FinanceParser.budget(TestSupport.source(text, path: "Content/l/budget.yaml"), chart: Account.defaults, privacy: [], into: $0) }
    }

    @Test func aBudgetIsRead() {
        let (b, d) = budget("year: 2026\nbudget:\n  经营收入: 34,000.00\n  管理费用: 9,000\n")
        #expect(d.isEmpty, "\(d)")
        #expect(b?.year == 2026)
        #expect(b?.lines.map(\.0) == ["经营收入", "管理费用"])
        #expect(b?.lines.map(\.2) == [(try? Money.parse("34000").get()), (try? Money.parse("9000").get())].compactMap { $0 })
    }

    @Test func budgetMistakesAreReportedAtTheirLines() {
        let (b, d) = budget("year: 2026\nbudget:\n  经营收入: 三万\n  应收款: 100\n  管里费用: 1\n")
        #expect(b == nil)
        #expect(places(d) == ["3:9: 「经营收入」的预算不是有效的金额：三万", "4:3: 「应收款」是往来科目，不编预算", "5:3: 不认识的科目「管里费用」"])
    }

    @Test func aBudgetWithoutLinesOrYear() {
        let (b, d) = budget("year: 1900\n")
        #expect(b == nil)
        #expect(d.map(\.line) == [1, 1], "\(places(d))")
        #expect(places(d).contains { $0.contains("「year」（年度）应当是 1990 到 2999 之间的整数，现在是：1900") })
        #expect(places(d).contains { $0.contains("预算文件缺少 budget（各科目预算）") })
    }

    // MARK: registers

    func register(_ text: String, _ kind: Register.Kind) -> (Register?, [Diagnostic]) {
        collecting { FinanceParser.register(TestSupport.source(text, path: "Content/l/r.yaml"), kind: kind, privacy: [], into: $0) }
    }

    @Test func aDebtsRegisterIsReadWithTotalsPerKind() {
        let (r, d) = register("""
        as_of: 2025-12-31
        items:
          - { kind: 债务, party: 某公司, amount: 100.00 }
          - kind: 债权
            party: 黄某
            amount: 3,600.00
          - { kind: 债权, party: 坡心屯, amount: "2,000.00" }

        """, .debts)
        #expect(d.isEmpty, "\(d)")
        #expect(r?.asOf == Day(parsing: "2025-12-31"))
        #expect(r?.rows.count == 3)
        #expect(r?.totals.map(\.0) == ["债权", "债务"])
        #expect(r?.totals.map(\.1.formatted) == ["5,600.00", "100.00"])
    }

    @Test func registerMistakesAreReportedAtTheirLines() {
        let (r, d) = register("""
        as_of: 2025-12-32
        items:
          - { kind: 欠款, party: 某公司, amount: 100.00 }
          - { kind: 债权, party: 黄某, amount: 三千 }
          - { kind: 债权, amount: 1 }

        """, .debts)
        #expect(r == nil)
        #expect(d.map { [$0.line, $0.column] } == [[1, 8], [3, 7], [4, 36], [5, 5]], "\(places(d))")
        #expect(d[1].message == "类别只能写「债权」或「债务」，现在是「欠款」")
        #expect(d[3].message == "明细第 3 项中缺少必填字段「party」（对方单位或个人）")
    }

    @Test func anAssetsRegisterUsesItsOwnColumns() {
        let (r, d) = register("as_of: 2025-12-31\nitems:\n  - { category: 房屋, name: 村部, value: 10, colour: 红 }\n", .assets)
        #expect(r == nil)
        #expect(places(d) == ["3:42: 明细第 1 项中有不认识的字段「colour」"])
    }
}
