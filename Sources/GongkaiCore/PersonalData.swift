import Foundation

/// Finds unmasked personal numbers: resident ID numbers (GB 11643, 18 digits with a valid birth
/// date and check character; 15-digit old ones with a valid YYMMDD), mainland mobile numbers, and
/// bank card numbers (16–19 digits passing Luhn), and says how to mask them.
public enum PersonalData {
    public enum Kind: String, Sendable {
        case id, phone, card
        public var label: String {
            switch self {
            case .id: return "身份证号"
            case .phone: return "手机号"
            case .card: return "银行卡号"
            }
        }
    }

    public struct Finding: Sendable, Equatable {
        public var kind: Kind
        /// 1-based line and column (in characters) of the first digit.
        public var line: Int
        public var column: Int
        /// The safe form to publish instead.
        public var masked: String
        /// Characters the number takes in the line (with its spaces or hyphens).
        public var length: Int = 0
    }

    // MARK: - single values

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkChars = Array("10X98765432")
    /// Province-level codes (first two digits).
    static let provinces: Set<Int> = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                                      50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]

    /// The GB 11643 check character of the first 17 digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let d = first17.compactMap { $0.wholeNumberValue }
        guard d.count == 17, first17.allSatisfy(\.isASCIIDigitChar) else { return nil }
        let s = zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkChars[s % 11]
    }

    /// An 18-character resident ID with a plausible region, a real birth date and a valid check character.
    public static func isResidentID(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 18, c[0..<17].allSatisfy(\.isASCIIDigitChar), c[17].isASCIIDigitChar || c[17] == "X" || c[17] == "x",
              let p = Int(String(c[0..<2])), provinces.contains(p),
              let y = Int(String(c[6..<10])), let m = Int(String(c[10..<12])), let d = Int(String(c[12..<14])),
              (1900...2100).contains(y), Day(year: y, month: m, day: d) != nil else { return false }
        return checkCharacter(String(c[0..<17])) == Character(c[17].uppercased())
    }

    /// A 15-digit old resident ID: region and YYMMDD birth date.
    public static func isOldResidentID(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count == 15, c.allSatisfy(\.isASCIIDigitChar), let p = Int(String(c[0..<2])), provinces.contains(p),
              let y = Int(String(c[6..<8])), let m = Int(String(c[8..<10])), let d = Int(String(c[10..<12])) else { return false }
        return Day(year: 1900 + y, month: m, day: d) != nil
    }

    public static func isMobile(_ s: String) -> Bool {
        let c = Array(s)
        return c.count == 11 && c.allSatisfy(\.isASCIIDigitChar) && c[0] == "1" && ("3"..."9").contains(c[1])
    }

    public static func passesLuhn(_ s: String) -> Bool {
        let d = s.compactMap { $0.wholeNumberValue }
        guard d.count == s.count, !d.isEmpty else { return false }
        var sum = 0
        for (i, v) in d.reversed().enumerated() {
            if i % 2 == 1 {
                let x = v * 2
                sum += x > 9 ? x - 9 : x
            } else {
                sum += v
            }
        }
        return sum % 10 == 0
    }

    public static func isBankCard(_ s: String) -> Bool {
        (16...19).contains(s.count) && s.allSatisfy(\.isASCIIDigitChar) && passesLuhn(s)
    }

    public static func mask(_ raw: String, as kind: Kind) -> String {
        let c = Array(raw.filter { $0.isASCIIDigitChar || $0 == "X" || $0 == "x" })
        switch kind {
        case .id:
            guard c.count >= 8 else { return String(repeating: "*", count: c.count) }
            return String(c.prefix(4)) + String(repeating: "*", count: c.count - 8) + String(c.suffix(4))
        case .phone:
            guard c.count >= 7 else { return String(repeating: "*", count: c.count) }
            return String(c.prefix(3)) + "****" + String(c.suffix(4))
        case .card:
            return "**** " + String(c.suffix(4))
        }
    }

    /// What a digit string is, if personal.
    public static func classify(_ s: String) -> Kind? {
        switch s.count {
        case 18 where isResidentID(s): return .id
        case 15 where isOldResidentID(s): return .id
        case 11 where isMobile(s): return .phone
        case 16...19 where isBankCard(s): return .card
        default: return nil
        }
    }

    // MARK: - scanning text

    /// Every unmasked personal number in `text`. `allowed` lists numbers (digits only) that are
    /// published on purpose, such as official hotlines.
    public static func scan(_ text: String, allowed: Set<String> = []) -> [Finding] {
        var out: [Finding] = []
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            // Full-width digits (typed with a Chinese input method) and numeric character
            // references (&#49;) count as the digits they show.
            // Cheap tests on bytes first (most lines): a personal number has at least 11 digits, in
            // runs of 3 or more; only lines with full-width digits or `&#` need a normalized copy.
            let special = hasFullWidthDigit(rawLine.utf8) || rawLine.utf8.contains(38)
            guard special || mayHoldNumber(rawLine.utf8) else { continue }
            let line = special ? normalizeDigits(rawLine) : String(rawLine)
            guard mayHoldNumber(line.utf8) else { continue }
            let chars = Array(line)
            var i = 0
            while i < chars.count {
                guard chars[i].isASCIIDigitChar, i == 0 || !chars[i - 1].isASCIIDigitChar else { i += 1; continue }
                // A run of digits, allowing single spaces or hyphens between groups (138-1234-5678,
                // 6222 0212 3456 7890), and a final X for ID numbers.
                var j = i
                var digits = ""
                var groups = 0
                while j < chars.count {
                    if chars[j].isASCIIDigitChar {
                        digits.append(chars[j])
                        j += 1
                    } else if (chars[j] == " " || chars[j] == "-"), j + 1 < chars.count, chars[j + 1].isASCIIDigitChar,
                              j > i, chars[j - 1].isASCIIDigitChar {
                        groups += 1
                        j += 1
                    } else {
                        break
                    }
                }
                if j < chars.count, chars[j] == "X" || chars[j] == "x", digits.count == 17 {
                    digits.append("X")
                    j += 1
                }
                // The number ends at a non-digit; a "." only continues it when a digit follows (an amount).
                let endsClean = j == chars.count || !(chars[j].isASCIIDigitChar
                    || (chars[j] == "." && j + 1 < chars.count && chars[j + 1].isASCIIDigitChar))
                var kind: Kind?
                if endsClean, !allowed.contains(digits) {
                    kind = classify(digits)
                    // +86 13812345678 written together.
                    if kind == nil, digits.count == 13, digits.hasPrefix("86"), isMobile(String(digits.dropFirst(2))),
                       i > 0, chars[i - 1] == "+" {
                        kind = .phone
                        digits = String(digits.dropFirst(2))
                    }
                    // With separators, a plain run of digits (an amount list, a date range) is not a
                    // phone or ID; only the usual groupings count.
                    if groups > 0, let k = kind {
                        let ok = (k == .phone && groups == 2) || (k == .card && groups >= 3) || (k == .id && groups <= 3)
                        if !ok { kind = nil }
                    }
                }
                if let kind {
                    out.append(Finding(kind: kind, line: lineNo, column: i + 1, masked: mask(digits, as: kind), length: j - i))
                    i = j
                } else if groups > 0 {
                    // Try the groups one by one (e.g. "电话 0771-5821102 13812345678").
                    i += 1
                    while i < chars.count, chars[i].isASCIIDigitChar { i += 1 }
                } else {
                    i = j
                }
            }
        }
        return out
    }

    /// Full-width digits and Ｘ become ASCII; `&#49;` / `&#x31;` references become the digit they
    /// encode (keeping the line otherwise as it is, so columns stay close).
    static func normalizeDigits(_ line: Substring) -> String {
        var s = String(line)
        if hasFullWidthDigit(line.utf8) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.map { u in
                if (0xFF10...0xFF19).contains(u.value) { return Unicode.Scalar(u.value - 0xFF10 + 48)! }
                if u.value == 0xFF38 || u.value == 0xFF58 { return "X" }
                return u
            }))
        }
        if s.contains("&#") {
            s = decodeReferences(s)
        }
        return s
    }

    static func decodeReferences(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "&#") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.first == "x" || after.first == "X"
            let digits = after.dropFirst(hex ? 1 : 0).prefix { hex ? $0.isHexDigit : $0.isASCIIDigitChar }
            let end = after.dropFirst(hex ? 1 : 0).dropFirst(digits.count)
            if !digits.isEmpty, end.first == ";", let v = UInt32(digits, radix: hex ? 16 : 10), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                rest = end.dropFirst()
            } else {
                out += "&#"
                rest = after
            }
        }
        return out + rest
    }

    /// U+FF10–FF19 (０–９) and Ｘ/ｘ are EF BC 90–99, EF BC B8, EF BD 98 in UTF-8.
    static func hasFullWidthDigit(_ bytes: Substring.UTF8View) -> Bool {
        var it = bytes.makeIterator()
        var prev2: UInt8 = 0, prev1: UInt8 = 0
        while let b = it.next() {
            if prev2 == 0xEF && ((prev1 == 0xBC && ((0x90...0x99).contains(b) || b == 0xB8)) || (prev1 == 0xBD && b == 0x98)) {
                return true
            }
            prev2 = prev1
            prev1 = b
        }
        return false
    }

    /// True when the bytes hold 11 or more digits, counting only runs of at least 3.
    static func mayHoldNumber(_ bytes: some Sequence<UInt8>) -> Bool {
        var total = 0, run = 0
        for b in bytes {
            if b >= 48 && b <= 57 {
                run += 1
            } else {
                if run >= 3 { total += run }
                run = 0
            }
        }
        if run >= 3 { total += run }
        return total >= 11
    }

    static func isWordChar(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == ".") }

    /// A finding as a diagnostic for `source`.
    static func diagnostic(_ f: Finding, in source: SourceFile, lineOffset: Int = 0) -> Diagnostic {
        let line = f.line + lineOffset
        let (rule, hint): (String, String) = {
            switch f.kind {
            case .id: return ("身份证号只保留前4位和后4位", "出生日期绝不能公开。名单请写成名册数据（roster），身份证号一栏会自动遮盖。")
            case .phone: return ("手机号只保留前3位和后4位", "公开的联系电话请用村委会或监督委员会的固定电话；确需公开的公务手机号请登记在 site.yaml 的 public_numbers 里。")
            case .card: return ("银行卡号只保留后4位", "不要公开完整的银行卡号或账号；名单请写成名册数据（roster），卡号一栏会自动遮盖。")
            }
        }()
        return Diagnostic(.error, file: source.displayPath, line: line, column: f.column,
                          "发现完整的\(f.kind.label)，不能公开：请改成 \(f.masked)（\(rule)）", hint: hint,
                          sourceLine: source.line(line).map { maskLine($0) })
    }

    /// A path with personal numbers in its parts masked (a number before `.txt` counts).
    public static func maskPath(_ path: String) -> String {
        guard path.contains(where: \.isASCIIDigitChar) else { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            let s = String(part)
            guard let dot = s.firstIndex(of: ".") else { return maskLine(s) }
            return maskLine(String(s[..<dot])) + String(s[dot...])
        }.joined(separator: "/")
    }

    /// The line with every personal number masked, so messages never repeat the raw number.
    public static func maskLine(_ line: String) -> String {
        var chars = Array(line)
        for f in scan(line).reversed() {
            let start = f.column - 1
            chars.replaceSubrange(start..<min(chars.count, start + f.length), with: Array(f.masked))
        }
        return String(chars)
    }
}
