import Foundation

/// Whether each board disclosed each category for each period on time (按时 / 迟N天 / 未公开),
/// from the configured frequencies and due days.
public struct Timeliness: Sendable {
    public enum Status: Sendable, Hashable {
        case onTime(Day)
        case late(Day, days: Int)
        case missing(overdueDays: Int)
        case notDue

        /// Short text for grids: 按时, 迟5天, 未公开, 未到期.
        public var short: String {
            switch self {
            case .onTime: return "按时"
            case let .late(_, d): return "迟\(d)天"
            case .missing: return "未公开"
            case .notDue: return "未到期"
            }
        }

        public var long: String {
            switch self {
            case let .onTime(d): return "按时公开（\(d.chinese)）"
            case let .late(d, n): return "迟了 \(n) 天（\(d.chinese)公开）"
            case let .missing(n): return "未公开（已超过截止日 \(n) 天）"
            case .notDue: return "还没到截止日"
            }
        }

        public var key: String {
            switch self {
            case .onTime: return "ontime"
            case .late: return "late"
            case .missing: return "missing"
            case .notDue: return "notdue"
            }
        }
    }

    public struct Cell: Sendable {
        public var period: Period
        public var due: Day
        public var status: Status
    }

    public struct Row: Sendable {
        public var board: Board
        public var category: Category
        public var cells: [Cell]
    }

    public var rows: [Row]
    public var today: Day

    /// The periods a frequency requires, from `start` to the last period that has ended by `today`.
    static func periods(_ f: Frequency, from start: Day, to today: Day) -> [Period] {
        guard let months = f.months else { return [] }
        var out: [Period] = []
        var p = Period.of(months: months, year: start.year, month: start.month)
        while p.lastDay < today {
            out.append(p)
            p = p.next
        }
        return out
    }

    /// Due by `dueDay` of the month after the period ends.
    static func due(_ p: Period, dueDay: Int) -> Day {
        let next = p.lastDay.adding(days: 1)
        return Day(year: next.year, month: next.month, day: dueDay)!
    }

    /// The one timeliness rule: the day the checked period `p` was disclosed, or nil. A notice
    /// discloses the months of `p` its 公开期间 covers (without one: all of `p` when it was published
    /// within `p`), unless it was published before `p` began or was withdrawn. With `cover: whole`
    /// (finance: the books of every month) `p` is disclosed on the day its last undisclosed month
    /// was; with `cover: any` (affairs reported as they arise) on the day of the first notice that
    /// discloses any month of it. Notices are taken in date order, so the earliest disclosure counts.
    /// A half-year, `1—9月` or annual notice thus discloses each quarter and month inside it under
    /// either setting; one monthly notice discloses its quarter only under `any`.
    /// `inDateOrder`: `notices` are oldest first already.
    static func disclosedOn(_ p: Period, by notices: [Notice], cover: Coverage = .whole, inDateOrder: Bool = false) -> Day? {
        // The months of `p` still open, one bit each (a period lies within one year).
        func months(_ q: Period) -> UInt16 {
            let first = max(1, q.firstMonth), last = min(12, q.lastMonth)
            guard q.year == p.year, first <= last else { return 0 }
            return (first...last).reduce(0) { $0 | 1 << UInt16($1 - 1) }
        }
        let all = months(p)
        var open = all
        for n in inDateOrder ? notices : notices.sorted(by: { $0.date < $1.date }) where n.date >= p.firstDay && n.process.withdrawn == nil {
            if let np = n.period {
                open &= ~months(np)
            } else if n.date <= p.lastDay {
                open = 0
            }
            if open == 0 || (cover == .any && open != all) { return n.date }
        }
        return nil
    }

    /// The status of period `p` due on `due`: on time when disclosed by `due`, else late by the
    /// days after it; a later notice never turns an on-time disclosure late.
    static func status(of p: Period, due: Day, notices: [Notice], today: Day, cover: Coverage = .whole, inDateOrder: Bool = false) -> Status {
        if let day = disclosedOn(p, by: notices, cover: cover, inDateOrder: inDateOrder) {
            return day <= due ? .onTime(day) : .late(day, days: due.days(until: day))
        }
        return due < today ? .missing(overdueDays: due.days(until: today)) : .notDue
    }

    public init(_ r: ResolvedSite) {
        today = r.today
        let start = r.site.process.timelinessStart
            ?? r.published.map(\.date).min().map { Day(year: $0.year, month: 1, day: 1)! }
            ?? r.today
        var rows: [Row] = []
        for b in r.boards {
            for c in r.categories(for: b) where c.frequency != .asneeded {
                // The list is newest first: reversed, it is in date order (the order among notices
                // of one day does not change the day a period was disclosed on).
                let notices = Array(r.notices(board: b.slug, category: c.key).reversed())
                let cells = Self.periods(c.frequency, from: start, to: r.today).map { p -> Cell in
                    let due = Self.due(p, dueDay: c.dueDay)
                    return Cell(period: p, due: due, status: Self.status(of: p, due: due, notices: notices, today: r.today,
                                                                      cover: c.cover, inDateOrder: true))
                }
                rows.append(Row(board: b, category: c, cells: cells))
            }
        }
        self.rows = rows
    }

    /// A plain-text table per category, for `gongkai check`.
    public var text: String {
        var out = "公开情况（截至\(today.chinese)；按时 = 截止日前公开，迟N天 = 晚于截止日，未公开 = 过了截止日还没有公开）\n"
        let byCategory = Dictionary(grouping: rows, by: \.category.key)
        let order = rows.map(\.category.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for key in order {
            let rs = byCategory[key]!
            guard let c = rs.first?.category, let periods = rs.first?.cells.map(\.period), !periods.isEmpty else { continue }
            out += "\n\(c.name)（\(c.frequency.label)，期满后次月\(c.dueDay)日前）\n"
            let nameWidth = rs.map { Self.width($0.board.name) }.max()! + 2
            let labels = periods.map(Self.shortLabel)
            let colWidth = max(8, labels.map(Self.width).max()! + 2)
            out += Self.pad("", nameWidth) + labels.map { Self.pad($0, colWidth) }.joined() + "\n"
            for row in rs {
                out += Self.pad(row.board.name, nameWidth) + row.cells.map { Self.pad($0.status.short, colWidth) }.joined() + "\n"
            }
        }
        return out
    }

    /// `2026Q3`, `2026H1`, `2026-09`, `2026`.
    public static func shortLabel(_ p: Period) -> String {
        switch p.kind {
        case .quarter: return "\(p.year)Q\(p.lastMonth / 3)"
        case .half: return "\(p.year)H\(p.firstMonth == 1 ? 1 : 2)"
        case .month: return String(format: "%d-%02d", p.year, p.firstMonth)
        case .year, .range: return p.label
        }
    }

    /// `一季度`, `上半年`, `9月`, `全年`.
    public static func partLabel(_ p: Period) -> String {
        switch p.kind {
        case .quarter: return "\(["一", "二", "三", "四"][p.lastMonth / 3 - 1])季度"
        case .half: return p.firstMonth == 1 ? "上半年" : "下半年"
        case .month: return "\(p.firstMonth)月"
        case .year: return "全年"
        case .range: return "\(p.firstMonth)—\(p.lastMonth)月"
        }
    }

    static func width(_ s: String) -> Int { s.reduce(0) { $0 + ($1.isWide ? 2 : 1) } }
    static func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - width(s))) }
}
