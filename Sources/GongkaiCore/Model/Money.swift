import Foundation

/// An amount of RMB, exact to the 分 (integer fen; never floating point).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public static let zero = Money(fen: 0)
    /// The largest amount supported: 9,999亿 and change (999,999,999,999.99 元).
    public static let max = Money(fen: 99_999_999_999_999)

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    public static func -= (a: inout Money, b: Money) { a.fen -= b.fen }
    public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public var isNegative: Bool { fen < 0 }

    public enum ParseError: Error, Equatable, Sendable {
        case empty, notANumber, tooManyDecimals, badGrouping, tooLarge

        /// Plain Chinese, for messages.
        public var message: String {
            switch self {
            case .empty: return "金额是空的"
            case .notANumber: return "不是有效的金额"
            case .tooManyDecimals: return "金额只能精确到分（小数点后最多两位）"
            case .badGrouping: return "千位分隔的逗号位置不对"
            case .tooLarge: return "金额太大（最多支持 999,999,999,999.99 元）"
            }
        }
    }

    /// Parses `1234.5`, `1,234.50`, `1234.50`, `-12.30`, `1234` (元).
    public static func parse(_ raw: String) -> Result<Money, ParseError> {
        var t = raw.trimmingBlank()
        if t.hasSuffix("元") { t.removeLast() }
        if t.hasPrefix("¥") || t.hasPrefix("￥") { t.removeFirst() }
        guard !t.isEmpty else { return .failure(.empty) }
        var negative = false
        if t.hasPrefix("-") || t.hasPrefix("−") {
            negative = true
            t.removeFirst()
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let intPart = parts.first, !intPart.isEmpty else { return .failure(.notANumber) }
        let frac = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && frac.isEmpty { return .failure(.notANumber) }
        guard frac.allSatisfy(\.isASCIIDigitChar) else { return .failure(.notANumber) }
        if frac.count > 2 { return .failure(.tooManyDecimals) }
        var digits = String(intPart)
        if digits.utf8.contains(UInt8(ascii: ",")) {
            let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .failure(.badGrouping) }
            digits = groups.joined()
        }
        guard digits.allSatisfy(\.isASCIIDigitChar) else { return .failure(.notANumber) }
        let trimmed = digits.drop(while: { $0 == "0" })
        guard trimmed.count <= 12, let yuan = Int64(trimmed.isEmpty ? "0" : String(trimmed)) else { return .failure(.tooLarge) }
        let cents = Int64(frac.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let total = yuan * 100 + cents
        return .success(Money(fen: negative ? -total : total))
    }

    /// `1,234.50` (negative: `-1,234.50`).
    public var formatted: String {
        let a = fen.magnitude
        var yuan = String(a / 100)
        var i = yuan.count - 3
        while i > 0 {
            yuan.insert(",", at: yuan.index(yuan.startIndex, offsetBy: i))
            i -= 3
        }
        return (fen < 0 ? "-" : "") + yuan + "." + String(format: "%02d", Int(a % 100))
    }

    /// `1234.50`, for CSV and JSON.
    public var plain: String {
        let a = fen.magnitude
        return (fen < 0 ? "-" : "") + "\(a / 100)." + String(format: "%02d", Int(a % 100))
    }

    public var description: String { formatted }

    static let digitNames: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let placeNames = ["", "拾", "佰", "仟"]
    static let groupNames = ["", "万", "亿", "万亿", "亿亿"]

    /// 大写金额 following the rules in domain.md: `人民币壹仟肆佰零玖元伍角整`.
    /// Negative amounts are written `人民币负…`.
    public var uppercase: String {
        let a = fen.magnitude
        let yuan = a / 100
        let jiao = Int((a / 10) % 10)
        let fenDigit = Int(a % 10)
        var out = "人民币" + (fen < 0 ? "负" : "")
        if yuan > 0 { out += Self.integerWords(yuan) + "元" }
        if jiao == 0 && fenDigit == 0 {
            return out + (yuan == 0 ? "零元整" : "整")
        }
        if jiao > 0 {
            if yuan > 0 && yuan % 10 == 0 { out += "零" }
            out.append(Self.digitNames[jiao])
            out += "角"
            if fenDigit == 0 { return out + "整" }
        } else if yuan > 0 {
            out += "零"
        }
        out.append(Self.digitNames[fenDigit])
        return out + "分"
    }

    /// `uppercase` in pieces a narrow screen may break between — `人民币`, then each 亿/万 group, the
    /// 元 and the 角分 — so a line never breaks inside a group: `人民币` `壹万` `肆仟玖佰伍拾元` `零伍角整`.
    public var uppercaseParts: [String] {
        let words = uppercase
        let prefix = fen < 0 ? "人民币负" : "人民币"
        var parts = [prefix]
        var current = ""
        for c in words.dropFirst(prefix.count) {
            current.append(c)
            if c == "亿" || c == "万" || c == "元" {
                parts.append(current)
                current = ""
            }
        }
        if current == "整" {
            parts[parts.count - 1] += current  // `元整` stays whole
        } else if !current.isEmpty {
            parts.append(current)
        }
        return parts
    }

    /// Uppercase words for a positive integer below 10^12.
    static func integerWords(_ n: UInt64) -> String {
        let digits = Array(String(n)).map { Int(String($0))! }
        var out = ""
        var zeroPending = false
        var groupHasDigit = false
        for (i, d) in digits.enumerated() {
            let pos = digits.count - 1 - i
            if d == 0 {
                if !out.isEmpty { zeroPending = true }
            } else {
                if zeroPending { out += "零" }
                zeroPending = false
                out.append(digitNames[d])
                out += placeNames[pos % 4]
                groupHasDigit = true
            }
            if pos % 4 == 0 {
                if groupHasDigit && pos > 0 {
                    out += groupNames[pos / 4]
                    zeroPending = false
                }
                groupHasDigit = false
            }
        }
        return out
    }
}
