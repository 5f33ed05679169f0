import Foundation

/// A calendar day without time or time zone: publication dates, 公示 windows.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (also accepts `YYYY/MM/DD` and `YYYY年M月D日`).
    public init?(parsing text: String) {
        let t = text.trimmingBlank()
        var parts: [Substring]
        if t.unicodeScalars.contains("年") {
            parts = t.split(whereSeparator: { "年月日".contains($0) })
            guard t.hasSuffix("日") else { return nil }
        } else {
            parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" })
            guard parts.count == 3, parts[0].count == 4 else { return nil }
        }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitChar) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences.
    public var ordinal: Int {
        // Algorithm from Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// 0 = Monday … 6 = Sunday
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public var quarter: Int { (month - 1) / 3 + 1 }

    /// `2026-10-15`
    /// `2026-03-09` (built digit by digit: `String(format:)` was a few percent of a rebuild).
    public var iso: String {
        func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
    }
    /// `2026年10月15日`
    public var chinese: String { "\(year)年\(month)月\(day)日" }
    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Today in China Standard Time (UTC+8), from the system clock.
    public static func today(now: Date = Date()) -> Day {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let c = cal.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }
}

extension Character {
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

/// The period a notice covers (公开期间): a month, quarter, half year, year, or a month range.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable { case month, quarter, half, year, range }
    public let kind: Kind
    public let year: Int
    /// First and last month covered (1...12).
    public let firstMonth: Int
    public let lastMonth: Int

    public init(kind: Kind, year: Int, firstMonth: Int, lastMonth: Int) {
        self.kind = kind
        self.year = year
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
    }

    static let quarterNames = ["一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4]

    /// Recognises `2026年第三季度`, `2026年上半年`, `2026年下半年`, `2026年9月`, `2026年`,
    /// `2026年度`, `2026年1—9月` (also with `-`, `–`, `~`, `至`, and a trailing `累计`).
    public init?(parsing raw: String) {
        var t = raw.trimmingBlank()
        if t.hasSuffix("累计") { t.removeLast(2) }
        guard let nian = t.firstIndex(of: "年") else { return nil }
        let yText = t[..<nian]
        guard yText.count == 4, let y = Int(yText), (1900...9999).contains(y) else { return nil }
        let rest = String(t[t.index(after: nian)...])
        switch rest {
        case "", "度":
            self.init(kind: .year, year: y, firstMonth: 1, lastMonth: 12)
        case "上半年":
            self.init(kind: .half, year: y, firstMonth: 1, lastMonth: 6)
        case "下半年":
            self.init(kind: .half, year: y, firstMonth: 7, lastMonth: 12)
        default:
            if rest.hasPrefix("第"), rest.hasSuffix("季度") {
                let q = String(rest.dropFirst().dropLast(2))
                guard let n = Period.quarterNames[q] else { return nil }
                self.init(kind: .quarter, year: y, firstMonth: n * 3 - 2, lastMonth: n * 3)
            } else if rest.hasSuffix("月") {
                let body = rest.dropLast()
                let pieces = body.split(whereSeparator: { "—–-~至".contains($0) }).map(String.init)
                if pieces.count == 1, let m = Int(pieces[0]), (1...12).contains(m) {
                    self.init(kind: .month, year: y, firstMonth: m, lastMonth: m)
                } else if pieces.count == 2,
                          let a = Int(pieces[0].hasSuffix("月") ? String(pieces[0].dropLast()) : pieces[0]),
                          let b = Int(pieces[1]), (1...12).contains(a), (1...12).contains(b), a < b {
                    self.init(kind: .range, year: y, firstMonth: a, lastMonth: b)
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
    }

    /// The period of `months` months (1, 3, 6 or 12, counted from January) that holds `month` of `year`.
    public static func of(months: Int, year: Int, month: Int) -> Period {
        let first = ((month - 1) / months) * months + 1
        let kind: Kind = months == 1 ? .month : months == 3 ? .quarter : months == 6 ? .half : .year
        return Period(kind: kind, year: year, firstMonth: first, lastMonth: first + months - 1)
    }

    /// The period after this one, of the same length.
    public var next: Period {
        let months = lastMonth - firstMonth + 1
        return lastMonth == 12 ? Period.of(months: months, year: year + 1, month: 1) : Period.of(months: months, year: year, month: lastMonth + 1)
    }

    /// A name for URLs: `2026q3`, `2026h1`, `2026-09`, `2026`, `2026-01-09` (a range of months).
    public var slug: String {
        switch kind {
        case .quarter: return "\(year)q\(lastMonth / 3)"
        case .half: return "\(year)h\(firstMonth == 1 ? 1 : 2)"
        case .month: return String(format: "%d-%02d", year, firstMonth)
        case .year: return "\(year)"
        case .range: return String(format: "%d-%02d-%02d", year, firstMonth, lastMonth)
        }
    }

    public var firstDay: Day { Day(year: year, month: firstMonth, day: 1)! }
    public var lastDay: Day { Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year))! }

    /// The canonical label, e.g. `2026年第三季度`.
    public var label: String {
        switch kind {
        case .year: return "\(year)年"
        case .half: return firstMonth == 1 ? "\(year)年上半年" : "\(year)年下半年"
        case .quarter: return "\(year)年第\(["一", "二", "三", "四"][lastMonth / 3 - 1])季度"
        case .month: return "\(year)年\(firstMonth)月"
        case .range: return "\(year)年\(firstMonth)—\(lastMonth)月"
        }
    }

    public var description: String { label }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.firstMonth, a.lastMonth) < (b.year, b.firstMonth, b.lastMonth)
    }
}
