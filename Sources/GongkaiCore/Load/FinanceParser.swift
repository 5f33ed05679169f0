import CSV
import Foundation
import Yams

/// Reading and checking finance data files.
enum FinanceParser {
    static func mark(_ ctx: YAMLContext, _ m: Mark?) -> SourceMark { mark(ctx, Pos(m)) }

    static func mark(_ ctx: YAMLContext, _ p: Pos?) -> SourceMark {
        let line = (p?.line ?? 1) + ctx.lineOffset
        return SourceMark(file: ctx.source.displayPath, line: line, column: p?.column ?? 1, text: ctx.source.line(line))
    }

    static func money(_ r: MapReader, _ field: Field) -> Money? {
        let (key, label) = (field.key, field.label)
        guard let (s, m) = r.scalar(field) else { return nil }
        switch Money.parse(s) {
        case let .success(v): return v
        case let .failure(e):
            r.ctx.error(m, "「\(key)」（\(label)）\(e.message)：\(s)", hint: "金额写成 1234.50 或 1,234.50，单位是元，最多两位小数。")
            return nil
        }
    }

    static func account(_ name: String, chart: [Account], ctx: YAMLContext, pos: Pos?) -> Account? {
        if let a = chart.first(where: { $0.name == name }) { return a }
        var hint = "科目要用 site.yaml 里 accounts 登记的名称。"
        if let g = closest(name, among: chart.map(\.name)) { hint = "是不是「\(g)」？" + hint }
        ctx.error(pos, "不认识的科目「\(name)」", hint: hint)
        return nil
    }

    // MARK: ledger


    static func ledger(_ src: SourceFile, chart: [Account], loc: ContentLocation, relativeDir: String,
                       privacy: Set<String> = [], into sink: Diagnostics) -> Ledger? {
        let ctx = YAMLContext(source: src, into: sink)
        let root = ctx.compose(src.text)
        ctx.scanValues(root, allowed: privacy)
        guard let m = MapReader(root, ctx: ctx, place: "", what: "账目文件") else { return nil }
        m.checkKeys(LedgerField.all)
        var period: Period?
        if let (p, pm) = m.scalar(LedgerField.period) {
            period = Period(parsing: p)
            if period == nil {
                ctx.error(pm, "看不懂会计期间「\(p)」", hint: "写成 2026年第三季度、2026年上半年、2026年9月 这样的格式。")
            }
        }
        let opening = money(m, LedgerField.opening)
        let closing = money(m, LedgerField.closing)
        let incomeTotal = money(m, LedgerField.incomeTotal)
        let expenseTotal = money(m, LedgerField.expenseTotal)

        var entries: [LedgerEntry] = []
        var entryMarks: [SourceMark] = []
        var splitRows: [Diagnostic] = []
        let errorsBefore = ctx.diagnostics.errorCount
        switch m.node("entries") {
        case let .scalar(s)?:
            // A CSV file beside the ledger.
            (entries, entryMarks) = csvEntries(s.string, ctx: ctx, chart: chart, loc: loc, relativeDir: relativeDir, mark: s.mark,
                                               privacy: privacy, splitRows: &splitRows)
        case .sequence?:
            for e in m.mapList(LedgerField.entries) {
                e.checkKeys(LedgerField.Entry.all)
                if let entry = entry(e, chart: chart) { entries.append(entry); entryMarks.append(mark(ctx, e.mark)) }
            }
        case nil:
            ctx.error(m.mark, "账目文件缺少收支明细（entries）", hint: "在 entries: 下面逐笔写出每一笔收入和支出；本期没有收支时写 entries: []。")
        default:
            ctx.error(m.keyMark("entries"), "收支明细（entries）应当是列表，或一个 CSV 文件名")
        }

        // With a broken entry the totals would only add to the confusion: report the entries first.
        let entriesBroken = ctx.diagnostics.errorCount > errorsBefore
        guard let period, let opening, let closing else { return nil }
        let diags = ctx.diagnostics
        for (i, e) in entries.enumerated() where e.date < period.firstDay || e.date > period.lastDay {
            diags.report(entryMarks[i].diagnostic(.error, "第 \(i + 1) 笔的日期 \(e.date.iso) 不在会计期间「\(period.label)」内",
                                                              hint: "这一笔应记入 \(e.date.year)年\(e.date.month)月 所在期间的账目，或核对日期。"))
        }
        var entriesFile: String?
        if case let .scalar(s)? = m.node("entries") { entriesFile = NoticeParser.normalize(relativeDir + "/" + s.string) }
        let l = Ledger(period: period, opening: opening, closing: closing, entries: entries, sourcePath: src.displayPath,
                       openingMark: mark(ctx, m.keyMark("opening")), periodMark: mark(ctx, m.keyMark("period")),
                       entriesFile: entriesFile)
        if entriesBroken { return nil }
        let failedBefore = diags.errorCount
        if let t = incomeTotal, t != l.income {
            diags.report(mark(ctx, m.keyMark("income_total")).diagnostic(
                .error, "本期收入合计填的是 \(t.formatted) 元，逐笔相加是 \(l.income.formatted) 元（\(differs(t, l.income))）",
                hint: "核对每一笔收入，或改正合计数。" + suspects(t - l.income, l, entryMarks, splitRows, side: \.income)))
        }
        if let t = expenseTotal, t != l.expense {
            diags.report(mark(ctx, m.keyMark("expense_total")).diagnostic(
                .error, "本期支出合计填的是 \(t.formatted) 元，逐笔相加是 \(l.expense.formatted) 元（\(differs(t, l.expense))）",
                hint: "核对每一笔支出，或改正合计数。" + suspects(t - l.expense, l, entryMarks, splitRows, side: \.expense)))
        }
        let computed = opening + l.income - l.expense
        if computed != closing {
            diags.report(mark(ctx, m.keyMark("closing")).diagnostic(
                .error, "账不平：期初 \(opening.formatted) + 收入 \(l.income.formatted) − 支出 \(l.expense.formatted) = \(computed.formatted) 元，"
                    + "但期末余额填的是 \(closing.formatted) 元（\(differs(closing, computed))）",
                hint: "逐笔核对收支明细和期初余额；期末余额必须等于期初余额加收入减支出，精确到分。"
                    + suspects(closing - computed, l, entryMarks, splitRows, side: nil)))
        }
        // CSV rows whose amount an unquoted thousands comma split: reported on their own line
        // when the totals disagree (the likely cause).
        if diags.errorCount > failedBefore { diags.report(splitRows) }
        return diags.hasErrors ? nil : l
    }

    /// Where to look when a total disagrees by `diff` (written − computed): the CSV rows whose amount
    /// looks split by a comma (reported on their own lines); else the entries without which the
    /// figures would agree (a duplicate, an entry of another period) and, for the balance, those
    /// booked the wrong way round (income as expense or the reverse); else, for entries from a CSV
    /// file, the file and its lines. `side` is the subtotal checked (income or expense), nil for
    /// the balance.
    static func suspects(_ diff: Money, _ l: Ledger, _ marks: [SourceMark], _ splitRows: [Diagnostic],
                         side: KeyPath<LedgerEntry, Money?>?) -> String {
        if !splitRows.isEmpty {
            return "\n    先看 " + splitRows.map { "\($0.file):\($0.line)" }.joined(separator: "、") + "：那一行的金额像是被千位逗号拆开或挪了格（见那一行的错误）。"
        }
        var out: [String] = []
        for (e, m) in zip(l.entries, marks) {
            // What the entry adds to the computed figure.
            guard let effect = side.map({ e[keyPath: $0] }) ?? e.delta else { continue }
            let amount = (e.income ?? e.expense ?? .zero).formatted
            if diff == -effect {
                out.append("\(m.file):\(m.line) 这一笔 \(amount) 元，去掉它就对上了（是不是重复记了，或不属于本期？）")
            } else if side == nil, diff == -(effect + effect) {
                out.append("\(m.file):\(m.line) 这一笔 \(amount) 元，收入和支出是不是记反了？")
            }
        }
        if !out.isEmpty { return "\n    先核对：" + out.prefix(3).joined(separator: "；") + "。" }
        if let first = marks.first, let last = marks.last, first.file != l.sourcePath {
            return "\n    逐笔明细在 \(first.file) 第 \(first.line)—\(last.line) 行。"
        }
        return ""
    }

    /// `多写了 0.01 元` / `少写了 49.49 元`: the written figure against the computed one.
    static func differs(_ written: Money, _ computed: Money) -> String {
        let d = written - computed
        return d.isNegative ? "少写了 \((-d).formatted) 元" : "多写了 \(d.formatted) 元"
    }

    static func entry(_ e: MapReader, chart: [Account]) -> LedgerEntry? {
        let date = e.day(LedgerField.Entry.date)
        let account = e.string(LedgerField.Entry.account)
        let summary = e.string(LedgerField.Entry.summary)
        let income = money(e, LedgerField.Entry.income)
        let expense = money(e, LedgerField.Entry.expense)
        let attachments = e.int(LedgerField.Entry.attachments)
        return checkedEntry(date: date, voucher: e.string(LedgerField.Entry.voucher), accountName: account, summary: summary,
                            income: income, expense: expense, handler: e.string(LedgerField.Entry.handler), attachments: attachments,
                            hasIncome: e.node("income") != nil, hasExpense: e.node("expense") != nil,
                            chart: chart, ctx: e.ctx, mark: Pos(e.mark), accountMark: Pos(e.keyMark("account")))
    }

    /// Hints for an entry with both or neither of income and expense, in a YAML ledger.
    static let yamlAmountHints = (both: "一笔只能是收入或支出之一；如果两样都有，请分成两笔记。",
                                  none: "写上 income（收入）或 expense（支出）其中一项的金额。")

    static func checkedEntry(date: Day?, voucher: String?, accountName: String?, summary: String?, income: Money?, expense: Money?,
                             handler: String?, attachments: Int?, hasIncome: Bool, hasExpense: Bool,
                             chart: [Account], ctx: YAMLContext, mark: Pos?, accountMark: Pos?,
                             hints: (both: String, none: String) = yamlAmountHints) -> LedgerEntry? {
        var ok = true
        let inc = income.flatMap { $0 == .zero ? nil : $0 }
        let exp = expense.flatMap { $0 == .zero ? nil : $0 }
        if inc != nil && exp != nil {
            ctx.error(mark, "这一笔同时填了收入和支出", hint: hints.both)
            ok = false
        } else if inc == nil && exp == nil && !(hasIncome && income == nil) && !(hasExpense && expense == nil) {
            ctx.error(mark, "这一笔既没有收入也没有支出", hint: hints.none)
            ok = false
        }
        if let v = inc ?? exp, v.isNegative {
            ctx.error(mark, "金额不能是负数：\(v.formatted)", hint: "冲销或退款请按实际方向记账：退回的支出记为收入，退出的收入记为支出。")
            ok = false
        }
        var acct: Account?
        if let accountName {
            acct = account(accountName, chart: chart, ctx: ctx, pos: accountMark)
            if let a = acct, ok {
                if a.kind == .income && exp != nil {
                    ctx.error(accountMark, "「\(a.name)」是收入科目，不能记支出", hint: "支出请用支出类科目（如 管理费用、公益支出、经营支出）。")
                    ok = false
                } else if a.kind == .expense && inc != nil {
                    ctx.error(accountMark, "「\(a.name)」是支出科目，不能记收入", hint: "收入请用收入类科目（如 经营收入、补助收入、其他收入）。")
                    ok = false
                }
            }
        }
        guard ok, let date, let acct, let summary else { return nil }
        return LedgerEntry(date: date, voucher: voucher, account: acct.name, summary: summary, income: inc, expense: exp,
                           handler: handler, attachments: attachments)
    }

    static let csvColumns = ["日期": "date", "凭证号": "voucher", "科目": "account", "摘要": "summary",
                             "收入": "income", "支出": "expense", "经手人": "handler", "附件": "attachments"]

    /// Entries from a CSV file: header 日期,凭证号,科目,摘要,收入,支出[,经手人,附件].
    static func csvEntries(_ file: String, ctx: YAMLContext, chart: [Account], loc: ContentLocation, relativeDir: String,
                           mark: Mark?, privacy: Set<String>, splitRows: inout [Diagnostic]) -> ([LedgerEntry], [SourceMark]) {
        guard let rel = NoticeParser.normalize(relativeDir + "/" + file) else {
            ctx.error(mark, "明细文件「\(file)」跑到了内容文件夹外面")
            return ([], [])
        }
        guard Loader.isFile(loc, rel) else {
            ctx.error(mark, "找不到明细文件「\(file)」", hint: "路径从账目文件所在的文件夹写起。")
            return ([], [])
        }
        // A file that is there but cannot be used (not UTF-8, empty …) is reported at that file.
        guard let csvSource = Loader.readSource(loc, rel, ctx.diagnostics, required: true, privacy: privacy) else { return ([], []) }
        let csvCtx = YAMLContext(source: csvSource, into: ctx.diagnostics)
        guard let reader = try? CSVReader(string: csvSource.text, hasHeaderRow: false, trimFields: true) else { return ([], []) }
        var rows: [[String]] = []
        while let r = reader.next() { rows.append(r) }
        guard let header = rows.first else {
            csvCtx.error(Pos(line: 1), "明细文件是空的", hint: "第一行写表头：日期,凭证号,科目,摘要,收入,支出")
            return ([], [])
        }
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let key = h.replacingOccurrences(of: "（元）", with: "").replacingOccurrences(of: "(元)", with: "")
            guard let field = csvColumns[key] else {
                csvCtx.report(.error, line: 1, column: 1, "明细表头有不认识的列「\(h)」",
                              hint: "表头可用：日期、凭证号、科目、摘要、收入、支出、经手人、附件。")
                return ([], [])
            }
            index[field] = i
        }
        for needed in ["date", "account", "summary", "income", "expense"] where index[needed] == nil {
            csvCtx.report(.error, line: 1, column: 1, "明细表头缺少「\(csvColumns.first { $0.value == needed }!.key)」列",
                          hint: "表头至少要有：日期,凭证号,科目,摘要,收入,支出")
            return ([], [])
        }
        var entries: [LedgerEntry] = []
        var marks: [SourceMark] = []
        for (n, row) in rows.enumerated().dropFirst() where !(row.count == 1 && row[0].isEmpty) {
            let line = n + 1
            if row.count != header.count {
                csvCtx.report(.error, line: line, column: 1, "第 \(line) 行有 \(row.count) 列，表头有 \(header.count) 列",
                              hint: row.count > header.count ? "金额里的千位逗号会把一格拆成两格：请写成 1000.00，或用英文双引号括起来 \"1,000.00\"。"
                                                              : "空着的格子也要留逗号，例如 2026-07-01,记-1,经营收入,租金,1000.00,")
                continue
            }
            func cell(_ f: String) -> String? {
                guard let i = index[f], i < row.count else { return nil }
                let v = row[i].trimmingBlank()
                return v.isEmpty ? nil : v
            }
            func amount(_ f: String) -> Money? {
                guard let s = cell(f) else { return nil }
                switch Money.parse(s) {
                case let .success(v): return v
                case let .failure(e):
                    csvCtx.report(.error, line: line, column: 1, "第 \(line) 行\(f == "income" ? "收入" : "支出")\(e.message)：\(s)", hint: nil)
                    return nil
                }
            }
            var date: Day?
            if let d = cell("date") {
                date = Day(parsing: d)
                if date == nil { csvCtx.report(.error, line: line, column: 1, "第 \(line) 行日期不对：\(d)", hint: "写成 2026-07-01。") }
            } else {
                csvCtx.report(.error, line: line, column: 1, "第 \(line) 行缺少日期", hint: nil)
            }
            let lineMark = Pos(line: line)
            var hints = (both: yamlAmountHints.both, none: "在这一行的「收入」或「支出」一格写上金额（只写一格）。")
            // `1,900.00` unquoted, split into the income cell and the expense cell next to it.
            if let i = index["income"], index["expense"] == i + 1, let inc = cell("income"), let exp = cell("expense"),
               inc.range(of: #"^[0-9]{1,3}$"#, options: .regularExpression) != nil,
               exp.range(of: #"^[0-9]{3}(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil {
                hints.both = "像是金额 \(inc),\(exp) 没加引号，被千位逗号拆成了收入「\(inc)」和支出「\(exp)」两格："
                    + "金额里不要写逗号，写成 \(inc)\(exp)；或者用英文双引号括起来：\"\(inc),\(exp)\"。"
            }
            let e = checkedEntry(date: date, voucher: cell("voucher"), accountName: cell("account"), summary: cell("summary"),
                                 income: amount("income"), expense: amount("expense"), handler: cell("handler"),
                                 attachments: cell("attachments").flatMap { Int($0) },
                                 hasIncome: cell("income") != nil, hasExpense: cell("expense") != nil,
                                 chart: chart, ctx: csvCtx, mark: lineMark, accountMark: lineMark, hints: hints)
            if cell("summary") == nil { csvCtx.report(.error, line: line, column: 1, "第 \(line) 行缺少摘要", hint: nil) }
            if cell("account") == nil { csvCtx.report(.error, line: line, column: 1, "第 \(line) 行缺少科目", hint: nil) }
            if let e {
                entries.append(e)
                marks.append(self.mark(csvCtx, lineMark))
                if let d = splitAmount(row, header: header, index: index, line: line, source: csvSource) { splitRows.append(d) }
            }
        }
        return (entries, marks)
    }

    /// A CSV row that fits the header only because a later cell was left empty, with an amount an
    /// unquoted thousands comma split (`1,900.00` read as `1` and `900.00`: the row counts 1.00 元),
    /// or a text column holding what looks like a shifted amount (经手人 `900.00`).
    static func splitAmount(_ row: [String], header: [String], index: [String: Int], line: Int, source: SourceFile) -> Diagnostic? {
        func isMatch(_ s: String, _ pattern: String) -> Bool { s.range(of: pattern, options: .regularExpression) != nil }
        let cells = row.map { $0.trimmingBlank() }
        let raw = source.line(line) ?? ""
        for f in ["income", "expense"] {
            guard let i = index[f], i + 1 < cells.count, isMatch(cells[i], #"^[0-9]{1,3}$"#) else { continue }
            var parts = [cells[i]]
            var j = i + 1
            while j < cells.count, isMatch(cells[j], #"^[0-9]{3}(\.[0-9]{1,2})?$"#) {
                parts.append(cells[j])
                j += 1
                if cells[j - 1].contains(".") { break }
            }
            guard parts.count > 1, case let .success(read) = Money.parse(cells[i]) else { continue }
            let joined = parts.joined(separator: ",")
            return source.diagnostic(.error, line: line, column: column(of: i, in: raw),
                                     "第 \(line) 行的\(header[i])只读到「\(cells[i])」，后面一格是「\(parts[1])」：像是金额 \(joined) 被千位逗号拆成了几格，这一行只按 \(read.formatted) 元记了账",
                                     hint: "金额里不要写逗号，写成 \(parts.joined())；或者用英文双引号括起来：\"\(joined)\"。")
        }
        let amounts = Set(["income", "expense"].compactMap { index[$0] })
        for (i, c) in cells.enumerated() where !amounts.contains(i) && isMatch(c, #"^[0-9][0-9,]*\.[0-9]{1,2}$"#) {
            return source.diagnostic(.error, line: line, column: column(of: i, in: raw),
                                     "第 \(line) 行的「\(header[i])」一格是「\(c)」，像是金额挪错了格",
                                     hint: "核对这一行的逗号：每两格之间一个逗号，空着的格子也要留逗号；金额里的千位逗号要用英文双引号括起来。")
        }
        return nil
    }

    /// The 1-based column (in characters) where cell `cell` of a CSV line starts.
    static func column(of cell: Int, in line: String) -> Int {
        var n = 0, quoted = false
        for (offset, ch) in line.enumerated() {
            if n == cell { return offset + 1 }
            if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { n += 1 }
        }
        return n == cell ? line.count + 1 : 1
    }

    // MARK: budget

    static func budget(_ src: SourceFile, chart: [Account], privacy: Set<String>, into sink: Diagnostics) -> Budget? {
        let ctx = YAMLContext(source: src, into: sink)
        let root = ctx.compose(src.text)
        ctx.scanValues(root, allowed: privacy)
        guard let m = MapReader(root, ctx: ctx, place: "", what: "预算文件") else { return nil }
        m.checkKeys(BudgetField.all)
        let year = m.int(BudgetField.year)
        var lines: [(String, Account.Kind, Money)] = []
        if case let .mapping(map)? = m.node("budget") {
            for (k, v) in map {
                guard let name = k.string else { continue }
                guard let a = account(name, chart: chart, ctx: ctx, pos: Pos(k.mark)) else { continue }
                if a.kind == .both {
                    ctx.error(k.mark, "「\(name)」是往来科目，不编预算", hint: "预算只列收入类和支出类科目。")
                    continue
                }
                switch Money.parse(v.string ?? "") {
                case let .success(amount): lines.append((a.name, a.kind, amount))
                case let .failure(e): ctx.error(v.mark, "「\(name)」的预算\(e.message)：\(v.string ?? "")")
                }
            }
        } else {
            ctx.error(m.mark, "预算文件缺少 budget（各科目预算）", hint: "写成：\n      budget:\n        经营收入: 120,000.00\n        管理费用: 30,000.00")
        }
        guard let year, !ctx.diagnostics.hasErrors else { return nil }
        return Budget(year: year, lines: lines, sourcePath: src.displayPath)
    }

    // MARK: registers

    /// The fields of one `items` entry of a register, in the order of the page's columns.
    static let registerColumns: [Register.Kind: [Field]] = [
        .debts: [Field("kind", "类别", .text, required: true), Field("party", "对方单位或个人", .text, required: true),
                 Field("amount", "金额", .money, required: true), Field("since", "发生日期", .text),
                 Field("due", "约定归还日期", .text), Field("note", "说明", .text)],
        .assets: [Field("category", "类别", .text, required: true), Field("name", "名称", .text, required: true),
                  Field("quantity", "数量", .text), Field("unit", "单位", .text), Field("value", "价值", .money),
                  Field("location", "位置", .text), Field("status", "状态", .text), Field("note", "说明", .text)],
    ]

    static func register(_ src: SourceFile, kind: Register.Kind, privacy: Set<String>, into sink: Diagnostics) -> Register? {
        let ctx = YAMLContext(source: src, into: sink)
        let what = kind == .debts ? "债权债务登记" : "资产资源登记"
        let root = ctx.compose(src.text)
        ctx.scanValues(root, allowed: privacy)
        guard let m = MapReader(root, ctx: ctx, place: "", what: what) else { return nil }
        m.checkKeys(RegisterField.all)
        let asOf = m.day(RegisterField.asOf)
        let cols = registerColumns[kind]!
        var rows: [[String: String]] = []
        var order: [String] = []
        var totals: [String: Money] = [:]
        let amountField = cols.first { $0.kind == .money }!
        let amountKey = amountField.key
        for item in m.mapList(RegisterField.items) {
            item.checkKeys(cols)
            var row: [String: String] = [:]
            for c in cols {
                if let v = item.string(c) { row[c.key] = v }
            }
            var amount = Money.zero
            if item.node(amountKey) != nil {
                // A missing value was reported with the other columns.
                guard let a = money(item, amountField.optional) else { continue }
                amount = a
                row[amountKey] = a.formatted
            }
            let group = row[kind == .debts ? "kind" : "category"] ?? ""
            if kind == .debts, !["债权", "债务"].contains(group), item.node("kind") != nil {
                ctx.error(item.keyMark("kind"), "类别只能写「债权」或「债务」，现在是「\(group)」",
                          hint: "别人欠村集体的是债权，村集体欠别人的是债务。")
                continue
            }
            if item.node(amountKey) != nil {
                if totals[group] == nil { order.append(group); totals[group] = .zero }
                totals[group]! += amount
            }
            rows.append(row)
        }
        if kind == .debts { order = ["债权", "债务"].filter { totals[$0] != nil } }
        guard let asOf, !ctx.diagnostics.hasErrors else { return nil }
        return Register(kind: kind, asOf: asOf, rows: rows, totals: order.map { ($0, totals[$0]!) }, sourcePath: src.displayPath)
    }
}

/// Finance data attached to a notice.
/// The fields of a ledger file, each declared once (read, checked for unknown keys and compared
/// with docs/content-spec.md from here).
enum LedgerField {
    static let period = Field("period", "会计期间", .text, required: true)
    static let opening = Field("opening", "期初余额", .money, required: true)
    static let closing = Field("closing", "期末余额", .money, required: true)
    static let incomeTotal = Field("income_total", "本期收入合计", .money)
    static let expenseTotal = Field("expense_total", "本期支出合计", .money)
    /// A list of entries, or the name of a CSV file beside the ledger.
    static let entries = Field("entries", "收支明细", .mapList)
    static let all = [period, opening, closing, incomeTotal, expenseTotal, entries]

    /// One entry of `entries`.
    enum Entry {
        static let date = Field("date", "日期", .day, required: true)
        static let voucher = Field("voucher", "凭证号", .text)
        static let account = Field("account", "科目", .text, required: true)
        static let summary = Field("summary", "摘要", .text, required: true)
        static let income = Field("income", "收入", .money)
        static let expense = Field("expense", "支出", .money)
        static let handler = Field("handler", "经手人", .text)
        static let attachments = Field("attachments", "附件张数", .int(0...9999))
        static let all = [date, voucher, account, summary, income, expense, handler, attachments]
    }
}

/// The fields of a budget file.
enum BudgetField {
    static let year = Field("year", "年度", .int(1990...2999), required: true)
    static let budget = Field("budget", "各科目预算", .map)
    static let all = [year, budget]
}

/// The fields of a debts or assets register (its items: `FinanceParser.registerColumns`).
enum RegisterField {
    static let asOf = Field("as_of", "截至日期", .day, required: true)
    static let items = Field("items", "明细", .mapList)
    static let all = [asOf, items]
}
