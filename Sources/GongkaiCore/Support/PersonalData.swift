import Foundation

/// Finds unmasked personal numbers: resident ID numbers (GB 11643, 18 digits with a valid birth
/// date and check character; 15-digit old ones with a valid YYMMDD), mainland mobile numbers, and
/// bank card numbers (16–19 digits with an issuer's prefix, passing Luhn), however their digits
/// are grouped, and says how to mask them.
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
        /// Characters the number takes in the line (with the separators between its groups).
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

    /// 16–19 digits with an issuer's prefix, passing Luhn.
    public static func isBankCard(_ s: String) -> Bool {
        (16...19).contains(s.count) && s.allSatisfy(\.isASCIIDigitChar) && hasIssuerPrefix(Array(s.utf8)) && passesLuhn(s)
    }

    /// Card numbers start with an issuer's prefix (ISO/IEC 7812): 3 (JCB, American Express,
    /// Diners), 4 (Visa), 5 (Mastercard), 6 (UnionPay 62, 60…), 9 (domestic cards such as 9558)
    /// and Mastercard's 2221–2720. Long numbers that start otherwise are dates and serial numbers
    /// that begin with one (20260115…, 流水号), date ranges written together, mobile numbers
    /// (1…), landlines (0…) or SIM numbers (89…). Luhn alone would take one in ten of them.
    static func hasIssuerPrefix(_ d: [UInt8]) -> Bool {
        switch d.first {
        case UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6"), UInt8(ascii: "9"): return true
        case UInt8(ascii: "2"): return (2221...2720).contains(d.prefix(4).reduce(0) { $0 * 10 + Int($1) - 48 })
        default: return false
        }
    }

    /// The digits (and X) of a value as written, full-width ones as ASCII: `４５０１ 2319…` → `45012319…`.
    public static func digits(of raw: String) -> String {
        var out = String.UnicodeScalarView()
        for v in raw.unicodeScalars.lazy.map(fold) where v.value &- 48 < 10 || v == "X" || v == "x" { out.append(v) }
        return String(out)
    }

    public static func mask(_ raw: String, as kind: Kind) -> String {
        let c = Array(digits(of: raw))
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
    //
    // A line is read as groups of digits (ASCII or full-width, also written as `&#49;`; an ID
    // number may end in X). Groups with only separators between them form a run, and every
    // stretch of whole groups in a run is a candidate: the digits with the separators taken out
    // are tested as an ID, mobile or card number. So a number is found however it is grouped
    // (3-4-4, 4-4-4-4, 6-8-4, 6-13, mixed separators), and one number is found inside a longer
    // run ("电话 0771 5821102 13812345678"); a group is never cut in the middle, so
    // "2026010120260331" holds no mobile number at its fourth digit. What keeps amounts, dates
    // and landlines out is their shape (`markStandalone`, `dateStarts`) and the issuer prefix of
    // cards (`hasIssuerPrefix`), never a list of expected groupings. Work per line is bounded:
    // a candidate has at most 19 digits, so each group starts at most 19 of them.

    /// Characters people put between the groups of a number they copy or read out. Not in the
    /// set, so they always end a run: line breaks, `|` (a table cell), `,` and `，` (a CSV field,
    /// thousands), the tab (a spreadsheet puts it between cells), `/`, `:`, `~`, `、`, brackets.
    static func isSeparator(_ v: Unicode.Scalar) -> Bool { isBlank(v) || isMark(v) }

    /// Spaces (ASCII, no-break, the full-width U+3000 of Chinese input methods, the typographic
    /// ones) and invisible characters that show nothing between two digits (zero-width space and
    /// joiners, word joiner, soft hyphen, BOM).
    static func isBlank(_ v: Unicode.Scalar) -> Bool {
        switch v.value {
        case 0x20, 0xA0, 0xAD, 0x2002...0x200D, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Hyphens and dashes (ASCII, Unicode, full-width －), dots (`.`, full-width `．`, the middle
    /// dots `·` and `・`), the underscore (used instead of spaces in file names) and the asterisk
    /// (`*`, `＊`): stars put between digits hide none of them (`4501**2319850317**0029`, meant
    /// as bold, shows all 18), while a real mask replaces digits and leaves too few to find.
    static func isMark(_ v: Unicode.Scalar) -> Bool {
        switch v.value {
        case 0x2A, 0x2D, 0x2E, 0x5F, 0xB7, 0xFF0A, 0x2010...0x2015, 0x2027, 0x2212, 0x2E3A, 0x2E3B, 0x30FB,
             0xFE58, 0xFE63, 0xFF0D, 0xFF0E, 0xFF3F, 0xFF65: return true
        default: return false
        }
    }

    static func isDecimalPoint(_ v: Unicode.Scalar?) -> Bool { v == "." || v == "\u{FF0E}" }

    /// More separators than this between two groups is a gap between columns of a plain-text
    /// table, not inside one number (" - " and " —— " still join).
    static let maxGap = 4

    /// Named character references that show as a separator.
    static let namedSeparators: [String: Unicode.Scalar] = [
        "nbsp": "\u{A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "shy": "\u{AD}",
        "hyphen": "\u{2010}", "dash": "\u{2010}", "ndash": "\u{2013}", "mdash": "\u{2014}", "minus": "\u{2212}",
        "period": ".", "middot": "\u{B7}", "centerdot": "\u{B7}", "lowbar": "_", "plus": "+",
    ]

    /// A run of digits in a line.
    struct Group {
        /// ASCII digits.
        var digits: [UInt8]
        /// Unicode-scalar offsets in the line: first digit, after the last digit, after a final X.
        var start: Int, end: Int, xEnd: Int
        var hasX = false
        /// Directly after "+" (+86).
        var afterPlus: Bool
        /// Only separators (at most `maxGap`) stand between this group and the next.
        var joinsNext = false
        /// The separator between this group and the next when it is a single one.
        var gap: Unicode.Scalar?
    }

    /// Every unmasked personal number in `text`. `allowed` lists numbers (digits only) that are
    /// published on purpose, such as official hotlines.
    public static func scan(_ text: String, allowed: Set<String> = []) -> [Finding] {
        var out: [Finding] = []
        var lineNo = 0
        for line in text.lines {
            lineNo += 1
            guard mayHoldNumber(line.utf8) else { continue }
            out += scanLine(line, lineNo: lineNo, allowed: allowed)
        }
        return out
    }

    /// The cheap test on bytes that most lines stop at: a personal number has at least 11 digits.
    /// Lines with full-width digits or `&` (a reference may encode a digit) are read in full.
    static func mayHoldNumber(_ bytes: Substring.UTF8View) -> Bool {
        var hint = NumberHint()
        return hint.feed(bytes)
    }

    /// `mayHoldNumber` over text that comes in pieces (the literals a paragraph shows): true once
    /// the pieces so far, run together, may hold a number. A piece is whole UTF-8 (no character
    /// is split between two), so the pieces' bytes run together are the text's.
    struct NumberHint {
        private var digits = 0
        private var prev2: UInt8 = 0, prev1: UInt8 = 0
        private(set) var may = false

        /// Feeds the next piece; returns `may`.
        mutating func feed<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
            guard !may else { return true }
            for b in bytes {
                if b &- 48 < 10 {
                    digits += 1
                    if digits == 11 { may = true; return true }
                } else if b == 38 {
                    may = true
                    return true
                } else if prev2 == 0xEF, (prev1 == 0xBC && (b &- 0x90 < 10 || b == 0xB8)) || (prev1 == 0xBD && b == 0x98) {
                    // U+FF10–FF19 (０–９) and Ｘ/ｘ are EF BC 90–99, EF BC B8, EF BD 98 in UTF-8.
                    may = true
                    return true
                }
                prev2 = prev1
                prev1 = b
            }
            return false
        }
    }

    static func scanLine(_ line: Substring, lineNo: Int, allowed: Set<String>) -> [Finding] {
        let u = Array(line.unicodeScalars)
        var groups = digitGroups(u)
        guard groups.reduce(0, { $0 + $1.digits.count }) >= 11 else { return [] }
        markStandalone(&groups)
        let dates = dateStarts(groups)
        var found: [(first: Int, last: Int, candidate: Candidate)] = []
        var k = 0
        while k < groups.count {
            var e = k
            while groups[e].joinsNext { e += 1 }
            found += pick(candidates(groups, k...e, dates: dates, allowed: allowed))
            k = e + 1
        }
        return found.sorted { $0.first < $1.first }.map { f in
            let c = f.candidate
            var start = groups[f.first].start
            for _ in 0..<c.skip { start = unit(u, start).1 }
            let end = c.withX ? groups[f.last].xEnd : groups[f.last].end
            let (column, endColumn) = characterOffsets(line, start, end)
            return Finding(kind: c.kind, line: lineNo, column: column + 1, masked: mask(c.number, as: c.kind),
                           length: endColumn - column)
        }
    }

    /// The digit groups of a line: full-width digits and Ｘ count as ASCII ones, and `&#49;`,
    /// `&#x31;` and named references such as `&nbsp;` as the character they show.
    static func digitGroups(_ u: [Unicode.Scalar]) -> [Group] {
        var groups: [Group] = []
        var open = false          // the last character was a digit of groups.last
        var clean = false         // only separators since groups.last ended
        var gapCount = 0
        var gapScalar: Unicode.Scalar?
        var prev: Unicode.Scalar = "\n"
        var i = 0
        while i < u.count {
            let (v, next) = unit(u, i)
            if v.value &- 48 < 10 {
                if open {
                    groups[groups.count - 1].digits.append(UInt8(v.value))
                    groups[groups.count - 1].end = next
                    groups[groups.count - 1].xEnd = next
                } else {
                    if clean, gapCount <= maxGap, !groups.isEmpty {
                        groups[groups.count - 1].joinsNext = true
                        groups[groups.count - 1].gap = gapCount == 1 ? gapScalar : nil
                    }
                    groups.append(Group(digits: [UInt8(v.value)], start: i, end: next, xEnd: next, afterPlus: prev == "+"))
                    open = true
                }
            } else if v == "X" || v == "x", open || (clean && gapCount <= maxGap && !groups.isEmpty),
                      next == u.count || unit(u, next).0.value &- 48 >= 10 {
                // The check character of an ID number, right after the digits or after separators,
                // ends the run.
                groups[groups.count - 1].hasX = true
                groups[groups.count - 1].xEnd = next
                open = false
                clean = false
            } else {
                if open {
                    open = false
                    clean = true
                    gapCount = 0
                }
                if clean, isSeparator(v) {
                    gapCount += 1
                    gapScalar = v
                } else {
                    clean = false
                }
            }
            prev = v
            i = next
        }
        return groups
    }

    /// The character at `i` as the scanner reads it, and where the next one starts.
    static func unit(_ u: [Unicode.Scalar], _ i: Int) -> (Unicode.Scalar, Int) {
        if u[i] == "&", let (v, next) = reference(u, i) { return (fold(v), next) }
        return (fold(u[i]), i + 1)
    }

    /// Full-width digits and Ｘ/ｘ as ASCII.
    static func fold(_ v: Unicode.Scalar) -> Unicode.Scalar {
        switch v.value {
        case 0xFF10...0xFF19: return Unicode.Scalar(UInt8(v.value - 0xFF10 + 48))
        case 0xFF38, 0xFF58: return "X"
        default: return v
        }
    }

    /// `&#49;`, `&#x31;` or a named separator such as `&nbsp;` at `i`.
    static func reference(_ u: [Unicode.Scalar], _ i: Int) -> (Unicode.Scalar, Int)? {
        guard let semi = u[(i + 1)...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = String(String.UnicodeScalarView(u[(i + 1)..<semi]))
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            guard let v = UInt32(body.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) else { return nil }
            return (s, semi + 1)
        }
        if body.hasPrefix("#") {
            guard body.dropFirst().allSatisfy(\.isASCIIDigitChar), let v = UInt32(body.dropFirst()),
                  let s = Unicode.Scalar(v) else { return nil }
            return (s, semi + 1)
        }
        return namedSeparators[body].map { ($0, semi + 1) }
    }

    /// Amounts and landlines are not numbers to find, nor part of one; their groups stand alone.
    /// - A `.` before 1–2 final digits is a decimal point (13800123.45, 12345678901.50), unless
    ///   more dots chain the groups (2026.01.01, 138.1234.56).
    /// - An area code (0 and 2–3 digits) before a local number of 7–8 digits starting with 2–9
    ///   is a landline (0771-5821102, 010 62345678).
    static func markStandalone(_ groups: inout [Group]) {
        var pairs: [Int] = []
        for k in groups.indices.dropLast() where groups[k].joinsNext && !groups[k + 1].hasX {
            let next = groups[k + 1]
            let amount = isDecimalPoint(groups[k].gap) && next.digits.count <= 2
                && !(k > 0 && groups[k - 1].joinsNext && isDecimalPoint(groups[k - 1].gap))
                && !(next.joinsNext && isDecimalPoint(next.gap))
            let landline = (3...4).contains(groups[k].digits.count) && groups[k].digits[0] == UInt8(ascii: "0")
                && groups[k].digits[1] != UInt8(ascii: "0") && (7...8).contains(next.digits.count)
                && (UInt8(ascii: "2")...UInt8(ascii: "9")).contains(next.digits[0])
            if amount || landline { pairs.append(k) }
        }
        for k in pairs {
            if k > 0 { groups[k - 1].joinsNext = false }
            groups[k].joinsNext = false
            groups[k].digits = []
            groups[k + 1].joinsNext = false
            groups[k + 1].digits = []
        }
    }

    /// Where a date written with separators starts: a year 1900–2100, a month and a day, with
    /// the same hyphen, dot or underscore twice (2026-01-31, 2026.1.31). Dates are not part of
    /// a number (2026.1.31—2026.12.31 holds no mobile number), except the birth date of an ID.
    static func dateStarts(_ groups: [Group]) -> [Int] {
        guard groups.count >= 3 else { return [] }
        func value(_ g: Group, _ digits: ClosedRange<Int>, _ range: ClosedRange<Int>) -> Bool {
            guard digits.contains(g.digits.count), !g.hasX else { return false }
            return range.contains(g.digits.reduce(0) { $0 * 10 + Int($1 - 48) })
        }
        return (0..<(groups.count - 2)).filter { k in
            guard groups[k].joinsNext, groups[k + 1].joinsNext, let s = groups[k].gap, groups[k + 1].gap == s,
                  isMark(s) else { return false }
            return value(groups[k], 4...4, 1900...2100) && value(groups[k + 1], 1...2, 1...12) && value(groups[k + 2], 1...2, 1...31)
        }
    }

    struct Candidate {
        var kind: Kind
        var first: Int, last: Int
        /// The number as published (digits, and X).
        var number: String
        /// Digits of the first group before the number (the 86 of +8613812345678).
        var skip = 0
        var withX = false
        /// Stronger checks first: an 18-digit ID (region, birth date, check character), a card
        /// (Luhn), a 15-digit ID (region, birth date), a mobile number.
        var rank: Int {
            switch kind {
            case .id: return number.utf8.count == 18 ? 0 : 2
            case .card: return 1
            case .phone: return 3
            }
        }
    }

    /// Every personal number made of whole groups `run` (each stretch of at most 19 digits).
    static func candidates(_ groups: [Group], _ run: ClosedRange<Int>, dates: [Int], allowed: Set<String>) -> [Candidate] {
        var out: [Candidate] = []
        for a in run where !groups[a].digits.isEmpty {
            var digits: [UInt8] = []
            for b in a...run.upperBound {
                digits += groups[b].digits
                if digits.count > 19 { break }
                if let c = candidate(groups, a, b, digits, withX: false, dates: dates, allowed: allowed) { out.append(c) }
                if groups[b].hasX, digits.count == 17,
                   let c = candidate(groups, a, b, digits + [88], withX: true, dates: dates, allowed: allowed) {
                    out.append(c)
                }
            }
        }
        return out
    }

    static func candidate(_ groups: [Group], _ a: Int, _ b: Int, _ digits: [UInt8], withX: Bool, dates: [Int],
                          allowed: Set<String>) -> Candidate? {
        guard [11, 13, 15, 16, 17, 18, 19].contains(digits.count) else { return nil }
        var number = String(decoding: digits, as: UTF8.self)
        var skip = 0
        var kind = classify(number)
        // +86 13812345678 written together.
        if kind == nil, digits.count == 13, groups[a].afterPlus, groups[a].digits.count > 2, number.hasPrefix("86"),
           isMobile(String(number.dropFirst(2))) {
            kind = .phone
            skip = 2
            number = String(number.dropFirst(2))
        }
        guard let kind, !allowed.contains(number) else { return nil }
        // A date inside: only the birth date of an 18-digit ID, exactly.
        for t in dates where t <= b && t + 2 >= a {
            let offset = groups[a..<max(a, t)].reduce(0) { $0 + $1.digits.count }
            let length = groups[t...(t + 2)].reduce(0) { $0 + $1.digits.count }
            guard kind == .id, digits.count == 18, t >= a, t + 2 <= b, offset == 6, length == 8 else { return nil }
        }
        return Candidate(kind: kind, first: a, last: b, number: number, skip: skip, withX: withX)
    }

    /// The candidates to report: stronger checks first, then the longer, then the earlier; none
    /// overlapping one already taken.
    static func pick(_ cands: [Candidate]) -> [(first: Int, last: Int, candidate: Candidate)] {
        var taken: [ClosedRange<Int>] = []
        var out: [(first: Int, last: Int, candidate: Candidate)] = []
        let ordered = cands.sorted {
            ($0.rank, -$0.number.utf8.count, $0.first) < ($1.rank, -$1.number.utf8.count, $1.first)
        }
        for c in ordered where !taken.contains(where: { $0.overlaps(c.first...c.last) }) {
            taken.append(c.first...c.last)
            out.append((c.first, c.last, c))
        }
        return out
    }

    /// Character offsets (0-based) in `line` of the unicode-scalar offsets `start` and `end`.
    static func characterOffsets(_ line: Substring, _ start: Int, _ end: Int) -> (Int, Int) {
        var chars = 0, scalars = 0
        var startChar = 0
        for ch in line {
            if scalars <= start { startChar = chars }
            if scalars >= end { break }
            scalars += ch.unicodeScalars.count
            chars += 1
        }
        return (startChar, chars)
    }

    /// Personal numbers in the quoted fields of a CSV text that go over a line break. A table
    /// cell shows the break as a space, so `"139 0771⏎5678"` is one number on the page: each such
    /// field is read with its line breaks as spaces, and a number in it is reported at the
    /// field's opening quote unless the line-by-line `scan` of the text finds it already.
    public static func scanCSVFields(_ text: String, allowed: Set<String> = []) -> [Finding] {
        var out: [Finding] = []
        var foundInText: Set<String>?
        var line = 1, column = 0
        var quoted = false, fieldStart = true, spansLines = false
        var field = ""
        var start = (line: 1, column: 1)
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            i = text.index(after: i)
            column += 1
            if quoted {
                if ch == "\"", i < text.endIndex, text[i] == "\"" {
                    // `""` is a quote inside the field.
                    field.append(ch)
                    i = text.index(after: i)
                    column += 1
                } else if ch == "\"" {
                    quoted = false
                    fieldStart = false
                    guard spansLines else { continue }
                    for f in scan(field, allowed: allowed) {
                        if foundInText == nil { foundInText = Set(scan(text, allowed: allowed).map { "\($0.kind)\($0.masked)" }) }
                        guard foundInText?.contains("\(f.kind)\(f.masked)") == false else { continue }
                        out.append(Finding(kind: f.kind, line: start.line, column: start.column, masked: f.masked, length: 1))
                    }
                } else if ch == "\n" {
                    field.append(" ")
                    spansLines = true
                    line += 1
                    column = 0
                } else {
                    field.append(ch)
                }
            } else if ch == "\"", fieldStart {
                quoted = true
                spansLines = false
                field = ""
                start = (line, column)
            } else if ch == "," || ch == "\t" || ch == "\n" {
                fieldStart = true
                if ch == "\n" {
                    line += 1
                    column = 0
                }
            } else if ch != " " {
                fieldStart = false
            }
        }
        return out
    }

    /// A finding as a diagnostic for `source`. `shownJoined`: the number is whole only as the
    /// page shows it (its parts are on two lines of a paragraph, or split by markup).
    static func diagnostic(_ f: Finding, in source: SourceFile, lineOffset: Int = 0, shownJoined: Bool = false) -> Diagnostic {
        let line = f.line + lineOffset
        let (rule, hint): (String, String) = {
            switch f.kind {
            case .id: return ("身份证号只保留前4位和后4位", "出生日期绝不能公开。名单请写成名册数据（roster），身份证号一栏会自动遮盖。")
            case .phone: return ("手机号只保留前3位和后4位", "公开的联系电话请用村委会或监督委员会的固定电话；确需公开的公务手机号请登记在 site.yaml 的 public_numbers 里。")
            case .card: return ("银行卡号只保留后4位", "不要公开完整的银行卡号或账号；名单请写成名册数据（roster），卡号一栏会自动遮盖。")
            }
        }()
        let joined = shownJoined ? "网页上这几段数字会连成一个号码显示（换行、链接、代码等写法都不能把它分开）。" : ""
        return Diagnostic(.error, file: source.displayPath, line: line, column: f.column,
                          "发现完整的\(f.kind.label)，不能公开：请改成 \(f.masked)（\(rule)）", hint: joined + hint,
                          sourceLine: source.line(line).map { maskLine($0) })
    }

    /// Personal numbers in the folder and file names of a path (they become part of URLs): each
    /// part is read on its own, without its extension (a number before `.txt` counts).
    public static func scanPath(_ path: String, allowed: Set<String> = []) -> [Finding] {
        path.split(separator: "/").flatMap { scan(String(stem($0)), allowed: allowed) }
    }

    /// A path with personal numbers in its parts masked.
    public static func maskPath(_ path: String) -> String {
        guard mayHoldNumber(Substring(path).utf8) else { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            let name = stem(part)
            return maskLine(String(name)) + part[name.endIndex...]
        }.joined(separator: "/")
    }

    /// A file name without its extension.
    static func stem(_ part: Substring) -> Substring {
        part.lastIndex(of: ".").map { part[..<$0] } ?? part
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
