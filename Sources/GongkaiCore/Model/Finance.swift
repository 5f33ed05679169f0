import Foundation

/// A 科目 of the chart of accounts (from site.yaml `accounts`, default: the 2024 农村集体经济组织会计制度).
public struct Account: Sendable, Hashable {
    public enum Kind: String, Sendable { case income, expense, both }
    public var name: String
    public var kind: Kind

    /// Income and expense accounts of 财会〔2023〕14号 (农村集体经济组织会计制度, in force 2024),
    /// plus the balance-sheet accounts a cash ledger commonly moves through (往来, 借款, 专项资金).
    public static let defaults: [Account] = [
        ("经营收入", Kind.income), ("投资收益", .income), ("补助收入", .income), ("其他收入", .income),
        ("经营支出", .expense), ("税金及附加", .expense), ("管理费用", .expense), ("公益支出", .expense),
        ("其他支出", .expense), ("所得税费用", .expense),
        ("应收款", .both), ("应付款", .both), ("应付工资", .both), ("应付劳务费", .both), ("应交税费", .both),
        ("短期借款", .both), ("长期借款及应付款", .both), ("一事一议资金", .both), ("专项应付款", .both),
        ("短期投资", .both), ("长期投资", .both), ("库存物资", .both), ("在建工程", .both), ("固定资产", .both),
    ].map { Account(name: $0.0, kind: $0.1) }
}

/// One line of a cash ledger (收支明细).
public struct LedgerEntry: Sendable, Hashable {
    public var date: Day
    public var voucher: String?
    public var account: String
    public var summary: String
    public var income: Money?
    public var expense: Money?
    public var handler: String?
    public var attachments: Int?
    /// The amount with its sign: income positive, expense negative.
    public var delta: Money { income ?? -(expense ?? .zero) }
}

/// A position in a source file, for messages raised after parsing (e.g. chaining between ledgers).
public struct SourceMark: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    public var text: String?

    func diagnostic(_ severity: Diagnostic.Severity, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity, file: file, line: line, column: column, message, hint: hint, sourceLine: text)
    }
}

/// A period's cash ledger attached to a finance notice.
public struct Ledger: Sendable {
    public var period: Period
    public var opening: Money
    public var closing: Money
    public var entries: [LedgerEntry]
    public var sourcePath: String
    public var openingMark: SourceMark
    public var periodMark: SourceMark
    /// The CSV file holding the entries, if any (content-relative).
    public var entriesFile: String?

    public var income: Money { entries.reduce(.zero) { $0 + ($1.income ?? .zero) } }
    public var expense: Money { entries.reduce(.zero) { $0 + ($1.expense ?? .zero) } }

    /// Balance after each entry.
    public var runningBalances: [Money] {
        var b = opening
        return entries.map { b += $0.delta; return b }
    }

    /// Income and expense per 科目, in the order the 科目 first appear.
    public var byAccount: [(account: String, income: Money, expense: Money)] {
        var order: [String] = []
        var totals: [String: (Money, Money)] = [:]
        for e in entries {
            if totals[e.account] == nil { order.append(e.account); totals[e.account] = (.zero, .zero) }
            totals[e.account]!.0 += e.income ?? .zero
            totals[e.account]!.1 += e.expense ?? .zero
        }
        return order.map { ($0, totals[$0]!.0, totals[$0]!.1) }
    }
}

/// A year's budget per 科目 (预算).
public struct Budget: Sendable {
    public var year: Int
    public var lines: [(account: String, kind: Account.Kind, amount: Money)]
    public var sourcePath: String
}

/// A typed register: 债权债务 or 资产/资源.
public struct Register: Sendable {
    public enum Kind: String, Sendable { case debts, assets }
    public var kind: Kind
    public var asOf: Day
    public var rows: [[String: String]]
    /// Totals by group (债权/债务, or asset category), in order.
    public var totals: [(label: String, amount: Money)]
    public var sourcePath: String
}

public struct NoticeFinance: Sendable {
    public var ledger: Ledger?
    public var budget: Budget?
    public var debts: Register?
    public var assets: Register?
    public var rosters: [Roster] = []
    public var isEmpty: Bool { ledger == nil && budget == nil && debts == nil && assets == nil && rosters.isEmpty }
    /// It adds to its board's accounts (a ledger or a budget): other finance pages of the board show it.
    public var isAccount: Bool { ledger != nil || budget != nil }
    public static let none = NoticeFinance()
}
