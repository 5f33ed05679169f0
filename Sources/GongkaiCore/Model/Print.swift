import Foundation

/// 公开期限: how long a notice stays on the physical board, from its 公开日期 (the publication date).
public enum Term: Sendable, Hashable {
    /// This many calendar days, the 公开日期 included.
    case days(Int)
    /// Up to and including this day.
    case until(Day)
    /// 长期公开: no end.
    case permanent

    /// The most days a term may be written as.
    public static let maxDays = 3650

    /// Reads `30`, `30天`, `30 天`, `2026-12-31` (only when `allowDate`), `长期` or `长期公开`;
    /// nil when it is none of them (days outside 1…`maxDays` included).
    public init?(parsing raw: String, allowDate: Bool) {
        let t = raw.trimmingBlank()
        if t == "长期" || t == "长期公开" {
            self = .permanent
            return
        }
        var digits = t
        if digits.hasSuffix("天") { digits = String(digits.dropLast()).trimmingBlank() }
        if let n = Int(digits) {
            guard (1...Term.maxDays).contains(n) else { return nil }
            self = .days(n)
            return
        }
        guard allowDate, let d = Day(parsing: t) else { return nil }
        self = .until(d)
    }

    /// How a notice's `term` may be written (the hint of every message about it).
    public static let hint = "公开期限写天数（例如 term: 30 天，从发布日期算起，1 到 \(maxDays) 天）、截止日期（例如 term: 2026-12-31）或「长期」。"
    /// How a category's default `term` may be written in site.yaml.
    public static let defaultHint = "类别的默认公开期限写天数（例如 term: 30 天，1 到 \(maxDays) 天）或「长期」；具体的截止日期只能写在每篇公开里。"

    /// The last day on the board for a notice published on `start`; nil for 长期.
    public func lastDay(from start: Day) -> Day? {
        switch self {
        case let .days(n): return start.adding(days: n - 1)
        case let .until(d): return d
        case .permanent: return nil
        }
    }

    /// In words for a notice published on `start`: `30 天（2026年10月15日至2026年11月13日）`,
    /// `2026年10月15日至2026年12月31日`, `长期公开`.
    public func text(from start: Day) -> String {
        switch self {
        case let .days(n): return "\(n) 天（\(start.chinese)至\(lastDay(from: start)!.chinese)）"
        case let .until(d): return "\(start.chinese)至\(d.chinese)"
        case .permanent: return "长期公开"
        }
    }
}

/// What a category prints on the physical board: the default 公开期限 of its notices and the
/// roles of the signature block (village boards, township board).
public struct PrintRules: Sendable, Hashable {
    /// 公开期限 of a notice that gives none; nil: none is printed.
    public var term: Term?
    /// Roles with a blank to sign on a printed village notice, in order.
    public var signatures: [String]
    /// The same for the township's own notices.
    public var townshipSignatures: [String]

    public init(term: Term?, signatures: [String], townshipSignatures: [String]) {
        self.term = term
        self.signatures = signatures
        self.townshipSignatures = townshipSignatures
    }

    public func signatures(for board: Board) -> [String] { board.isTownship ? townshipSignatures : signatures }

    /// The township's own roles when a category does not name them.
    public static let townshipRoles = ["经办人", "审核人", "主要领导"]

    /// For a category not among `Category.defaults`.
    public static let other = PrintRules(term: .days(30), signatures: ["村务监督委员会主任", "村委会主任", "村党组织书记"],
                                         townshipSignatures: townshipRoles)
}
