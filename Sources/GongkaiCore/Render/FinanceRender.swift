import CSV
import Foundation
import Mustache

/// Finance presentation: totals, running balances, 本年累计, budget execution, charts (static SVG),
/// and the open-data CSV/JSON files. All computed at build time from the model.
/// A class: each notice's piece of work holds a reference to it, not a copy of the whole site.
final class FinanceView: Sendable {
    let r: ResolvedSite
    init(r: ResolvedSite) { self.r = r }

    /// Published ledgers of a board, in period order.
    func ledgers(board: String) -> [Ledger] { r.ledgers[board] ?? [] }

    /// 本年累计 up to and including `l`: income, expense, and per 科目.
    func yearToDate(_ l: Ledger, board: String) -> (income: Money, expense: Money, byAccount: [String: (Money, Money)]) {
        var inc = Money.zero, exp = Money.zero
        var by: [String: (Money, Money)] = [:]
        for x in ledgers(board: board) where x.period.year == l.period.year && x.period.lastDay <= l.period.lastDay {
            inc += x.income
            exp += x.expense
            for (a, i, e) in x.byAccount {
                let cur = by[a] ?? (.zero, .zero)
                by[a] = (cur.0 + i, cur.1 + e)
            }
        }
        return (inc, exp, by)
    }

    /// `2026年1—9月`, or from the first month actually covered when earlier periods are missing.
    func ytdLabel(_ l: Ledger, board: String) -> String {
        let first = ledgers(board: board).filter { $0.period.year == l.period.year && $0.period.lastDay <= l.period.lastDay }
            .map(\.period.firstMonth).min() ?? l.period.firstMonth
        return Strings.yearToDate(year: l.period.year, firstMonth: first, lastMonth: l.period.lastMonth)
    }

    static func amount(_ m: Money) -> AmountView {
        AmountView(text: m.formatted, upper: m.uppercase, upper_parts: m.uppercaseParts, negative: m.isNegative)
    }

    /// 执行率 as text with one decimal, computed in integers: `87.5%`.
    static func rate(_ actual: Money, of budget: Money) -> String {
        guard budget.fen > 0 else { return "—" }
        let permille = (actual.fen * 1000 + budget.fen / 2) / budget.fen
        return "\(permille / 10).\(permille % 10)%"
    }

    /// The finance part of a notice page; nil when the notice has no finance data.
    func view(_ n: Notice) -> FinanceContextView? {
        let f = n.finance
        guard !f.isEmpty else { return nil }
        return FinanceContextView(
            ledger: f.ledger.map { ledgerView($0, n) },
            budget: f.budget.map { budgetView($0, board: n.board, upTo: nil) },
            debts: f.debts.map(registerView), assets: f.assets.map(registerView),
            rosters: f.rosters.map { ro in
                let numeric = ro.fields.map { [.money, .number].contains($0.type) }
                let masked = ro.fields.contains { RosterParser.personal.contains($0.type) && $0.unmaskedReason == nil }
                let unmasked = ro.fields.filter { $0.unmaskedReason != nil }.map { Strings.unmaskedField($0.label, reason: $0.unmaskedReason!) }
                return RosterView(
                    title: ro.title, count: ro.rows.count, masked: masked,
                    unmasked: unmasked.isEmpty ? nil : unmasked.joined(separator: Strings.listSeparator),
                    columns: ro.fields.enumerated().map { i, f in ColumnHeadView(label: f.label, num: numeric[i]) },
                    rows: ro.rows.map { row in row.enumerated().map { RosterCellView(text: $0.element, num: numeric[$0.offset]) } },
                    hasTotals: ro.totals.contains { $0 != nil },
                    totals: ro.totals.enumerated().map { RosterTotalView(text: $0.element ?? "", num: numeric[$0.offset], first: $0.offset == 0) })
            })
    }

    func ledgerView(_ l: Ledger, _ n: Notice) -> LedgerView {
        let balances = l.runningBalances
        let ytd = yearToDate(l, board: n.board)
        let byAccount = l.byAccount
        let history = ledgers(board: n.board).filter { $0.period.lastDay <= l.period.lastDay }.suffix(8)
        return LedgerView(
            period: l.period.label,
            opening: Self.amount(l.opening), income: Self.amount(l.income), expense: Self.amount(l.expense),
            closing: Self.amount(l.closing),
            ytdLabel: ytdLabel(l, board: n.board),
            ytdIncome: Self.amount(ytd.income), ytdExpense: Self.amount(ytd.expense),
            entryCount: l.entries.count, hasEntries: !l.entries.isEmpty,
            entries: l.entries.enumerated().map { i, e in
                EntryView(date: Strings.monthDay(e.date.month, e.date.day), dateIso: e.date.iso, voucher: e.voucher ?? "",
                          account: e.account, summary: e.summary, income: e.income?.formatted,
                          expense: e.expense?.formatted, balance: balances[i].formatted, handler: e.handler)
            },
            accounts: byAccount.map { a in
                AccountSumView(account: a.account, income: a.income == .zero ? nil : a.income.formatted,
                               expense: a.expense == .zero ? nil : a.expense.formatted)
            },
            csvUrl: URLs.encode(URLs.ledgerFile(n, "csv")), jsonUrl: URLs.encode(URLs.ledgerFile(n, "json")),
            chartAccounts: byAccount.isEmpty ? nil : Charts.accounts(byAccount, id: "chart-acc"),
            history: history.map { HistoryView(period: $0.period.label, closing: $0.closing.formatted, current: $0.period == l.period) },
            chartBalance: history.count >= 2 ? Charts.balances(Array(history), id: "chart-bal") : nil,
            execution: r.budgets[n.board + "/\(l.period.year)"].map { budgetView($0, board: n.board, upTo: l) })
    }

    /// A budget with its execution: actual 本年累计 up to `upTo` (or the latest published ledger of that year).
    func budgetView(_ b: Budget, board: String, upTo: Ledger?) -> BudgetView {
        let latest = upTo ?? ledgers(board: board).last { $0.period.year == b.year }
        let actual = latest.map { yearToDate($0, board: board).byAccount } ?? [:]
        var total: [Account.Kind: (Money, Money)] = [:]
        let lines = b.lines.map { line -> BudgetLineView in
            let a = actual[line.account] ?? (.zero, .zero)
            let done = line.kind == .income ? a.0 : a.1
            let t = total[line.kind] ?? (.zero, .zero)
            total[line.kind] = (t.0 + line.amount, t.1 + done)
            let over = line.kind == .expense && done > line.amount
            return BudgetLineView(account: line.account, kind: Strings.budgetKind(income: line.kind == .income),
                                  budget: line.amount.formatted, actual: done.formatted, rate: Self.rate(done, of: line.amount),
                                  over: over, overBy: over ? (done - line.amount).formatted : nil)
        }
        let overLines = lines.filter(\.over)
        return BudgetView(
            year: b.year, lines: lines,
            asOf: latest.map { Strings.budgetAsOf(year: $0.period.year, month: $0.period.lastMonth) } ?? Strings.budgetNoLedger,
            incomeBudget: (total[.income]?.0 ?? .zero).formatted, incomeActual: (total[.income]?.1 ?? .zero).formatted,
            expenseBudget: (total[.expense]?.0 ?? .zero).formatted, expenseActual: (total[.expense]?.1 ?? .zero).formatted,
            overCount: overLines.count, hasOver: !overLines.isEmpty,
            overText: Strings.overBudget(overLines.map { ($0.account, $0.overBy ?? "") }))
    }

    func registerView(_ reg: Register) -> RegisterView {
        let cols = FinanceParser.registerColumns[reg.kind]!
        let used = cols.filter { c in reg.rows.contains { $0[c.key] != nil } }
        let amountKey = reg.kind == .debts ? "amount" : "value"
        let nameKey = reg.kind == .debts ? "party" : "name"
        let net = (reg.totals.first { $0.label == "债权" }?.amount ?? .zero) - (reg.totals.first { $0.label == "债务" }?.amount ?? .zero)
        return RegisterView(
            asOf: reg.asOf.chinese, title: Strings.registerTitle(debts: reg.kind == .debts),
            totalsCaption: Strings.registerTotalsCaption(debts: reg.kind == .debts),
            columns: used.map { ColumnHeadView(label: $0.key == amountKey ? Strings.amountColumn($0.label) : $0.label,
                                               num: $0.key == amountKey || $0.key == "quantity") },
            rows: reg.rows.map { row in used.map { c in RegisterCellView(text: row[c.key] ?? "", label: c.label, head: c.key == nameKey,
                                                                          num: c.key == amountKey || c.key == "quantity") } },
            totals: reg.totals.map { RegisterTotalView(label: Strings.total($0.label), amount: Self.amount($0.amount)) },
            net: reg.kind == .debts
                ? RegisterTotalView(label: Strings.net(debtsExceed: net.isNegative),
                                    amount: Self.amount(Money(fen: net.fen.magnitude == 0 ? 0 : Int64(net.fen.magnitude))))
                : nil)
    }

    // MARK: open data

    /// Text cells that a spreadsheet would run as a formula get a leading apostrophe.
    static func cell(_ s: String) -> String {
        guard let c = s.first, "=+-@\t\r".contains(c) else { return s }
        return "'" + s
    }

    /// `ledger-<slug>.csv` (UTF-8 with BOM so Excel opens it) and `.json` beside the notice's files.
    func openData(_ n: Notice) -> [OutputFile] {
        guard let l = n.finance.ledger else { return [] }
        let balances = l.runningBalances
        let stream = OutputStream(toMemory: ())
        var csvData = Data([0xEF, 0xBB, 0xBF])
        if let w = try? CSVWriter(stream: stream) {
            try? w.write(row: ["日期", "凭证号", "科目", "摘要", "收入", "支出", "余额", "经手人"])
            try? w.write(row: [l.period.firstDay.iso, "", "", "期初余额", "", "", l.opening.plain, ""])
            for (i, e) in l.entries.enumerated() {
                try? w.write(row: [e.date.iso, Self.cell(e.voucher ?? ""), Self.cell(e.account), Self.cell(e.summary), e.income?.plain ?? "",
                                   e.expense?.plain ?? "", balances[i].plain, Self.cell(e.handler ?? "")])
            }
            try? w.write(row: [l.period.lastDay.iso, "", "", "本期合计", l.income.plain, l.expense.plain, l.closing.plain, ""])
            w.stream.close()
            if let d = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data { csvData.append(d) }
        }
        let json = LedgerJSON(
            board: r.board(n.board)?.name ?? n.board, notice: URLs.online(URLs.notice(n), base: r.site.baseURL), title: n.title,
            period: l.period.label, periodStart: l.period.firstDay.iso, periodEnd: l.period.lastDay.iso,
            currency: "CNY", opening: l.opening.plain, income: l.income.plain, expense: l.expense.plain, closing: l.closing.plain,
            entries: l.entries.enumerated().map { i, e in
                LedgerJSON.Entry(date: e.date.iso, voucher: e.voucher, account: e.account, summary: e.summary,
                                 income: e.income?.plain, expense: e.expense?.plain, balance: balances[i].plain, handler: e.handler)
            })
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let jsonData = (try? enc.encode(json)) ?? Data()
        return [OutputFile(path: URLs.ledgerFile(n, "csv"), content: .bytes(csvData)),
                OutputFile(path: URLs.ledgerFile(n, "json"), content: .bytes(jsonData + Data("\n".utf8)))]
    }
}

/// The ledger as open data. Amounts are decimal strings in 元 (exact, never floating point).
struct LedgerJSON: Encodable {
    struct Entry: Encodable {
        var date: String
        var voucher: String?
        var account: String
        var summary: String
        var income: String?
        var expense: String?
        var balance: String
        var handler: String?
    }
    var board: String
    var notice: String
    var title: String
    var period: String
    var periodStart: String
    var periodEnd: String
    var currency: String
    var opening: String
    var income: String
    var expense: String
    var closing: String
    var entries: [Entry]
}

/// Static inline SVG charts, drawn by the theme's `chart-accounts.svg` and `chart-balances.svg`
/// partials: no script, readable in print, with a text alternative. Bars carry their amounts as
/// text and income/expense differ by pattern, not colour alone. The layout is computed here.
enum Charts {
    static let width = 300

    static func barWidth(_ m: Money, max: Money, span: Int) -> Int {
        guard max.fen > 0, m.fen > 0 else { return 0 }
        return Swift.max(2, Int((Int64(span) * m.fen) / max.fen))
    }

    /// Income and expense per 科目.
    static func accounts(_ rows: [(account: String, income: Money, expense: Money)], id: String) -> ChartView {
        let maxValue = rows.map { Swift.max($0.income, $0.expense) }.max() ?? .zero
        var y = 52
        var groups: [ChartView.Group] = []
        for r in rows {
            let labelY = y
            y += 8
            var bars: [ChartView.Bar] = []
            for (value, isIncome) in [(r.income, true), (r.expense, false)] where value.fen > 0 {
                bars.append(ChartView.Bar(y: y, length: barWidth(value, max: maxValue, span: 140), income: isIncome, amount: value.formatted))
                y += 26
            }
            groups.append(ChartView.Group(label: r.account, labelY: labelY, bars: bars))
            y += 24
        }
        let total = rows.map { "\($0.account)：收入\($0.income.formatted)元，支出\($0.expense.formatted)元" }.joined(separator: "；")
        return ChartView(id: id, width: width, height: y, description: total, groups: groups)
    }

    /// Closing balance of each period.
    static func balances(_ ledgers: [Ledger], id: String) -> ChartView {
        let maxValue = ledgers.map(\.closing).max() ?? .zero
        var y = 20
        var groups: [ChartView.Group] = []
        for l in ledgers {
            groups.append(ChartView.Group(label: l.period.label, labelY: y, bars: [
                ChartView.Bar(y: y + 8, length: barWidth(l.closing, max: maxValue, span: 140), income: true, amount: l.closing.formatted),
            ]))
            y += 58
        }
        let text = ledgers.map { "\($0.period.label)期末余额\($0.closing.formatted)元" }.joined(separator: "；")
        return ChartView(id: id, width: width, height: y, description: text, groups: groups)
    }
}

/// What the chart partials see (inside `{{#chart_accounts}}` / `{{#chart_balance}}`), encoded
/// like every other view (`TemplateContext`). Coordinates are SVG user units; the bar span is 140.
struct ChartView: Codable, Sendable {
    struct Bar: Codable, Sendable {
        /// Top of the bar.
        var y: Int
        /// Length of the bar, at least 2 for any amount above zero.
        var length: Int
        /// Where the amount is written: right of the bar's end, on its baseline.
        var textX: Int
        var textY: Int
        /// Income (solid) or expense (hatched); always true in the balance chart.
        var income: Bool
        /// The amount as text, `12,345.60`.
        var amount: String

        init(y: Int, length: Int, income: Bool, amount: String) {
            self.y = y
            self.length = length
            self.textX = length + 6
            self.textY = y + 16
            self.income = income
            self.amount = amount
        }
    }
    struct Group: Codable, Sendable {
        /// 科目 or period.
        var label: String
        /// The baseline of the label.
        var labelY: Int
        var bars: [Bar]
    }
    /// Prefix of the element ids (`chart-acc`), unique on the page.
    var id: String
    var width: Int
    var height: Int
    /// The whole chart as a sentence, for screen readers.
    var description: String
    var groups: [Group]
}
