import Foundation
import Testing
@testable import GongkaiCore

/// The seeded SplitMix64 generator of the fuzz tests (HostileInputTests), so every failure reproduces.
typealias SplitMix64 = SeededGenerator

/// Personal numbers written in any grouping are found; ledgers, budgets and registers are not.
@Suite struct PersonalDataPropertyTests {
    typealias P = PersonalData

    // MARK: - generating numbers

    struct Number {
        var text: String          // digits (and a final X)
        var kind: P.Kind
    }

    static func digits(_ n: Int, _ rng: inout SplitMix64) -> String {
        String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    /// An 18-digit ID: a real province, a real birth date, the right check character (X too).
    static func id18(_ rng: inout SplitMix64) -> String {
        while true {
            let province = P.provinces.sorted().randomElement(using: &rng)!
            let y = Int.random(in: 1930...2020, using: &rng), m = Int.random(in: 1...12, using: &rng), d = Int.random(in: 1...31, using: &rng)
            guard Day(year: y, month: m, day: d) != nil else { continue }
            let first17 = "\(province)" + digits(4, &rng) + String(format: "%04d%02d%02d", y, m, d) + digits(3, &rng)
            return first17 + String(P.checkCharacter(first17)!)
        }
    }

    static func id15(_ rng: inout SplitMix64) -> String {
        while true {
            let province = P.provinces.sorted().randomElement(using: &rng)!
            let y = Int.random(in: 30...99, using: &rng), m = Int.random(in: 1...12, using: &rng), d = Int.random(in: 1...31, using: &rng)
            guard Day(year: 1900 + y, month: m, day: d) != nil else { continue }
            return "\(province)" + digits(4, &rng) + String(format: "%02d%02d%02d", y, m, d) + digits(3, &rng)
        }
    }

    static func mobile(_ rng: inout SplitMix64) -> String {
        "1" + String(Int.random(in: 3...9, using: &rng)) + digits(9, &rng)
    }

    /// Prefixes of cards used in China: UnionPay, Visa, Mastercard (old and 2-series), JCB and
    /// the domestic 9558.
    static let cardPrefixes = ["62", "621", "622", "6228", "623", "625", "6217", "60", "4", "436742", "51", "52", "53", "54", "55",
                               "2221", "2500", "2720", "35", "3528", "9558", "9559"]

    static func card(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 16...19, using: &rng)
        let prefix = cardPrefixes.randomElement(using: &rng)!
        let body = prefix + digits(length - 1 - prefix.count, &rng)
        for check in 0...9 where P.passesLuhn(body + String(check)) { return body + String(check) }
        fatalError("no Luhn check digit")
    }

    /// A number of each kind; cards that are also ID numbers (or hold one in 18 digits) are
    /// left out, as they are reported as the ID.
    static func number(_ rng: inout SplitMix64) -> Number {
        while true {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return Number(text: id18(&rng), kind: .id)
            case 1: return Number(text: id15(&rng), kind: .id)
            case 2: return Number(text: mobile(&rng), kind: .phone)
            default:
                let c = card(&rng)
                let windows = c.count >= 18 ? (0...(c.count - 18)).map { String(Array(c)[$0..<($0 + 18)]) } : []
                if windows.contains(where: P.isResidentID) { continue }
                return Number(text: c, kind: .card)
            }
        }
    }

    // MARK: - writing them down

    /// Every separator kind the scanner knows, written as is or as a reference.
    static let separators: [String] = [" ", "\u{3000}", "\u{A0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202F}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}",
                                       "\u{FEFF}", "\u{AD}", "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}",
                                       "\u{2212}", "\u{FE58}", "\u{FE63}", "\u{FF0D}", "\u{2E3A}", ".", "\u{FF0E}", "\u{B7}", "\u{30FB}",
                                       "\u{FF65}", "\u{2027}", "_", "\u{FF3F}", "&nbsp;", "&#32;", "&ndash;", "&#x2014;", "&middot;"]

    /// Cuts `number` at random places and joins the groups with random runs of separators;
    /// digits may be full-width or references.
    static func grouped(_ number: String, _ rng: inout SplitMix64) -> (text: String, groups: [String], gaps: [String]) {
        let chars = Array(number)
        let cuttable = Array(1..<chars.count)
        let cuts = Set(cuttable.shuffled(using: &rng).prefix(Int.random(in: 0...min(7, cuttable.count), using: &rng))).sorted()
        var groups: [String] = []
        var from = 0
        for c in cuts + [chars.count] {
            groups.append(String(chars[from..<c]))
            from = c
        }
        let gaps = (0..<(groups.count - 1)).map { _ in
            (0..<Int.random(in: 1...P.maxGap, using: &rng)).map { _ in separators.randomElement(using: &rng)! }.joined()
        }
        let style = Int.random(in: 0..<4, using: &rng)
        func write(_ c: Character) -> String {
            let fullWidth = style == 1 || (style == 2 && Bool.random(using: &rng))
            if c == "X" { return fullWidth ? "Ｘ" : (Bool.random(using: &rng) ? "X" : "x") }
            if style == 3, Int.random(in: 0..<6, using: &rng) == 0 { return "&#\(c.asciiValue!);" }
            return fullWidth ? String(Unicode.Scalar(0xFF10 + UInt32(c.wholeNumberValue!))!) : String(c)
        }
        var text = ""
        for (i, g) in groups.enumerated() {
            text += g.map(write).joined()
            if i < gaps.count { text += gaps[i] }
        }
        return (text, groups, gaps)
    }

    /// The one character a gap shows when it is a single one (a reference counts as what it shows).
    static func single(_ gap: String) -> Unicode.Scalar? {
        let u = Array(gap.unicodeScalars)
        let (v, next) = P.unit(u, 0)
        return next == u.count ? v : nil
    }

    /// What the scanner reads, by design, as an amount, a landline or a date rather than a
    /// number: a single `.` before 1–2 final digits (13800123.45), 0 and 2–3 digits before 7–8
    /// digits starting with 2–9 (0771-5821102), or a date such as 2026-1-31 inside.
    static func readsAsAmountOrDate(_ groups: [String], _ gaps: [String]) -> Bool {
        func dot(_ k: Int) -> Bool { k >= 0 && k < gaps.count && (single(gaps[k]) == "." || single(gaps[k]) == "．") }
        for k in gaps.indices where !groups[k + 1].contains("X") {
            if dot(k) && groups[k + 1].count <= 2 && !dot(k - 1) && !dot(k + 1) { return true }
            if (3...4).contains(groups[k].count), groups[k].hasPrefix("0"), !groups[k].hasPrefix("00"),
               (7...8).contains(groups[k + 1].count), !groups[k + 1].hasPrefix("0"), !groups[k + 1].hasPrefix("1") {
                return true
            }
        }
        func value(_ g: String, _ lengths: ClosedRange<Int>, _ range: ClosedRange<Int>) -> Bool {
            lengths.contains(g.count) && g.allSatisfy(\.isASCIIDigitChar) && range.contains(Int(g)!)
        }
        for k in 0..<max(0, groups.count - 2) {
            if let s = single(gaps[k]), single(gaps[k + 1]) == s, P.isMark(s), value(groups[k], 4...4, 1900...2100),
               value(groups[k + 1], 1...2, 1...12), value(groups[k + 2], 1...2, 1...31) {
                return true
            }
        }
        return false
    }

    static let before = ["低保户韦某某，身份证号", "户主：", "联系电话 ", "请把补贴打到卡号", "（", "“", "经核实，", "ID ", "账号:", "身份证号码为：", ""]
    static let after = ["，已核实。", "。", "）", "”", " 联系人：蓝某某", "；", "，请于7日内提出异议", "", "号", " 备注"]

    /// The number inside a random line: in a sentence, at the start or end, in a table cell or a
    /// CSV field. Returns the line and the number's offset in characters.
    static func embed(_ written: String, _ rng: inout SplitMix64) -> (line: String, column: Int) {
        let pre: String, post: String
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: (pre, post) = ("| 韦某某 | 上寨屯 | ", " | 3 | 1,260.00 |")
        case 1: (pre, post) = ("12,韦某某,上寨屯,", ",3,1260.00")
        case 2: (pre, post) = ("", after.randomElement(using: &rng)!)
        case 3: (pre, post) = (before.randomElement(using: &rng)!, "")
        default: (pre, post) = (before.randomElement(using: &rng)!, after.randomElement(using: &rng)!)
        }
        return (pre + written + post, pre.count)
    }

    // MARK: - properties

    @Test func numbersInAnyGroupingAreFoundAndMasked() {
        var rng = SplitMix64(seed: 20261130)
        var generated = 0, caught = 0, skippedAsAmountOrDate = 0, foundAnyway = 0
        while generated < 6000 {
            let n = Self.number(&rng)
            let g = Self.grouped(n.text, &rng)
            if Self.readsAsAmountOrDate(g.groups, g.gaps) {
                skippedAsAmountOrDate += 1
                if P.scan(g.text).contains(where: { $0.masked == P.mask(n.text, as: n.kind) }) { foundAnyway += 1 }
                continue
            }
            generated += 1
            let (line, column) = Self.embed(g.text, &rng)
            let lines = ["第一行：低保对象公示", line, "监督电话：0771-5821102"]
            let at = Int.random(in: 0..<lines.count, using: &rng)
            var text = lines.filter { $0 != line }
            text.insert(line, at: at)
            let found = P.scan(text.joined(separator: "\n"))
            let expected = P.Finding(kind: n.kind, line: at + 1, column: column + 1, masked: P.mask(n.text, as: n.kind),
                                     length: g.text.count)
            #expect(found == [expected], "\(line) (\(n.text))")
            if found == [expected] { caught += 1 }
            // The echoed line holds the masked form exactly where the number was.
            let masked = P.maskLine(line)
            #expect(masked == String(line.prefix(column)) + expected.masked + String(line.dropFirst(column + g.text.count)), "\(line)")
            #expect(P.scan(masked).isEmpty, "\(masked)")
        }
        #expect(caught == generated)
        // The amount and date shapes the generator steers clear of stay a small share.
        #expect(skippedAsAmountOrDate < generated / 20, "\(skippedAsAmountOrDate)")
        print("personal numbers in any grouping: \(caught) of \(generated) found; \(skippedAsAmountOrDate) more were split into "
              + "an amount, landline or date shape, of which \(foundAnyway) were found all the same")
    }

    @Test func lineBreaksCellsAndFieldsNeverJoin() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let n = Self.number(&rng)
            let g = Self.grouped(n.text, &rng)
            guard g.groups.count > 1, !Self.readsAsAmountOrDate(g.groups, g.gaps) else { continue }
            let k = Int.random(in: 0..<g.gaps.count, using: &rng)
            let left = g.groups[...k].joined(separator: " "), right = g.groups[(k + 1)...].joined(separator: " ")
            for breaker in ["\n", " | ", "|", ",", " , ", "\t"] {
                let text = "号码" + left + breaker + right + "。"
                // Only what each side holds on its own is found (a piece of an ID may be a mobile).
                let alone = P.scan("号码" + left + "。").count + P.scan(right + "。").count
                let found = P.scan(text)
                #expect(found.count == alone, "\(text.debugDescription)")
                // Nothing found reaches across the break.
                let cut = 2 + left.count, resume = cut + breaker.count
                #expect(!found.contains { $0.line == 1 && $0.column - 1 < cut && $0.column - 1 + $0.length > cut }
                        && !found.contains { $0.line == 1 && $0.column - 1 < resume && $0.column - 1 + $0.length > resume },
                        "\(text.debugDescription)")
            }
        }
    }

    // MARK: - ledgers, budgets and registers

    static func amount(_ rng: inout SplitMix64, thousands: Bool) -> String {
        let fen = Int.random(in: 0...(Bool.random(using: &rng) ? 99_999_999 : 9_999_999_999), using: &rng)
        let yuan = String(fen / 100)
        let grouped = thousands
            ? String(yuan.reversed().enumerated().map { i, c in i > 0 && i % 3 == 0 ? ",\(c)" : "\(c)" }.joined().reversed())
            : yuan
        return grouped + String(format: ".%02d", fen % 100)
    }

    static func date(_ rng: inout SplitMix64, _ sep: String = "-", pad: Bool = true) -> String {
        while true {
            let y = Int.random(in: 2015...2030, using: &rng), m = Int.random(in: 1...12, using: &rng), d = Int.random(in: 1...31, using: &rng)
            guard Day(year: y, month: m, day: d) != nil else { continue }
            return pad ? String(format: "%04d\(sep)%02d\(sep)%02d", y, m, d) : "\(y)\(sep)\(m)\(sep)\(d)"
        }
    }

    static let accounts = ["补助收入", "经营收入", "管理费用", "公益支出", "其他支出", "应付款", "投资收益"]
    static let dashes = ["—", "-", "－", "–", "——", " - ", " — ", "~", "至", "～"]

    /// A random line of the kind found in Content/**/ledgers, budgets, registers and finance notices.
    static func ledgerLine(_ rng: inout SplitMix64) -> String {
        func amt() -> String { amount(&rng, thousands: Bool.random(using: &rng)) }
        let voucher = "记-\(Int.random(in: 1...120, using: &rng))"
        let sep = [".", "-", "．", "/"].randomElement(using: &rng)!
        let pad = Bool.random(using: &rng)
        let range = date(&rng, sep, pad: pad) + dashes.randomElement(using: &rng)! + date(&rng, sep, pad: pad)
        let landline = "0\(Int.random(in: 10...999, using: &rng))-\(Int.random(in: 2_000_000...89_999_999, using: &rng))"
        let docNo = "青禾财〔\(Int.random(in: 2015...2030, using: &rng))〕\(Int.random(in: 1...99, using: &rng))号"
        let year = Int.random(in: 2015...2030, using: &rng)
        switch Int.random(in: 0..<16, using: &rng) {
        case 0: return "  - date: \(date(&rng))"
        case 1: return "    voucher: \(voucher)"
        case 2: return "    income: \(amt())"
        case 3: return "    expense: \(amt())"
        case 4: return "opening: \(amt())"
        case 5: return "\(date(&rng)),\(voucher),\(accounts.randomElement(using: &rng)!),支付\(year)年电费,\(amt()),,\(amt())"
        case 6: return "| \(date(&rng)) | \(voucher) | \(accounts.randomElement(using: &rng)!) | 收到镇财政拨款 | \(amt()) | | \(amt()) |"
        case 7: return "    summary: 支付\(range)村道保洁员工资（凭证\(voucher)，\(docNo)）"
        case 8: return "本期（\(range)）收入 \(amt()) 元，支出 \(amt()) 元，期末余额 \(amt()) 元。"
        case 9: return "监督电话：\(landline)，举报电话 \(landline)；\(docNo)"
        case 10: return "  - { account: \(accounts.randomElement(using: &rng)!), budget: \(amt()), actual: \(amt()) }"
        case 11: return "    amount: \(amt())\n    since: \(year)年\(Int.random(in: 1...12, using: &rng))月\n    due: \(date(&rng))"
        case 12: return "    value: \(amt())\n    quantity: \(Int.random(in: 1...500, using: &rng))\n    note: \(year)年建成，质保至\(year + 3)年"
        case 13: return "period: \(year)年第\(["一", "二", "三", "四"].randomElement(using: &rng)!)季度 \(range)"
        case 14: return "\(date(&rng, sep, pad: pad)) \(date(&rng, sep, pad: pad)) \(date(&rng, sep, pad: pad)) \(date(&rng, sep, pad: pad))"
        default: return "\(amt()) \(amt()) \(amt()) \(range) \(voucher) \(landline)"
        }
    }

    @Test func ledgersBudgetsAndRegistersHoldNothing() {
        var rng = SplitMix64(seed: 42)
        var lines = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in Self.ledgerLine(&rng) }.joined(separator: "\n")
            lines += text.split(separator: "\n").count
            let found = P.scan(text)
            #expect(found.isEmpty, "\(text)\n→ \(found)")
        }
        print("generated ledger, budget and register lines: \(lines), findings: 0 expected")
    }

    /// The sample township (Content/) holds no personal number: every file and file name is
    /// scanned; the ledgers, budgets and registers (folders `ledgers/`) and the CSV tables are
    /// counted on their own.
    @Test func sampleTownshipHoldsNothing() throws {
        let content = TestSupport.repoRoot.appendingPathComponent("Content")
        let files = try #require(FileManager.default.subpaths(atPath: content.path)).filter {
            ["md", "yaml", "csv", "txt"].contains(($0 as NSString).pathExtension)
        }.sorted()
        var all = 0, data = 0, lines = 0, dataLines = 0
        for rel in files {
            let text = TestSupport.read(content.appendingPathComponent(rel))
            let found = P.scan(text) + P.scanPath(rel)
            let isData = rel.contains("/ledgers/") || rel.hasSuffix(".csv")
            let n = text.split(separator: "\n", omittingEmptySubsequences: false).count
            lines += n
            all += found.count
            if isData {
                data += found.count
                dataLines += n
            }
            #expect(found.isEmpty, "\(rel): \(found)")
        }
        #expect(files.count > 250 && dataLines > 3000)
        print("Content/: \(files.count) files, \(lines) lines, \(all) findings; ledgers/budgets/registers and CSV tables: "
              + "\(files.filter { $0.contains("/ledgers/") || $0.hasSuffix(".csv") }.count) files, \(dataLines) lines, \(data) findings")
    }
}
