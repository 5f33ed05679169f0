import Foundation
import Yams

/// Reads YAML into typed values, turning every problem into a `path:line:col` diagnostic.
/// One context per source file; `lineOffset` shifts YAML lines to file lines (front matter).
/// Its problems go to `diagnostics`, a scope of the collector it was given.
final class YAMLContext {
    let source: SourceFile
    let lineOffset: Int
    let diagnostics: Diagnostics

    init(source: SourceFile, lineOffset: Int = 0, into parent: Diagnostics) {
        self.source = source
        self.lineOffset = lineOffset
        diagnostics = parent.scope()
    }

    func error(_ mark: Mark?, _ message: String, hint: String? = nil) {
        report(.error, mark, message, hint: hint)
    }

    func error(_ pos: Pos?, _ message: String, hint: String? = nil) {
        report(.error, line: pos?.line ?? 1, column: pos?.column ?? 1, message, hint: hint)
    }

    func warning(_ mark: Mark?, _ message: String, hint: String? = nil) {
        report(.warning, mark, message, hint: hint)
    }

    func report(_ severity: Diagnostic.Severity, _ mark: Mark?, _ message: String, hint: String?) {
        report(severity, line: mark?.line ?? 1, column: mark?.column ?? 1, message, hint: hint)
    }

    /// `line` is counted within the YAML text.
    func report(_ severity: Diagnostic.Severity, line: Int, column: Int, _ message: String, hint: String?) {
        diagnostics.report(source.diagnostic(severity, line: line + lineOffset, column: column, message, hint: hint))
    }

    /// Parses `text` into a node tree; on failure reports a plain-Chinese error and returns nil.
    /// True when `compose` failed and already said why (so "empty" is not reported again).
    private(set) var composeFailed = false

    func compose(_ text: String) -> Node? {
        if let problem = Self.lineProblems(text) {
            report(.error, line: problem.line, column: problem.column, problem.message, hint: problem.hint)
            composeFailed = true
            return nil
        }
        do {
            // Scalars stay untyped (the basic resolver): readers convert each field to the type
            // the schema expects, so no tag is resolved by regular expressions per key or value.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let e as YamlError {
            let (mark, problem) = Self.describe(e)
            let (message, hint) = Self.translate(problem)
            error(mark, message, hint: hint)
        } catch {
            self.error(Pos(line: 1), "无法读取这段 YAML", hint: "检查文件的格式：每一项写成「名称: 值」，同一层的项左边对齐，缩进只用空格。")
        }
        composeFailed = true
        return nil
    }

    /// Personal numbers in the values as they are read. YAML joins the lines of a folded (`>`)
    /// or multi-line plain value with a space and decodes the escapes of a quoted one, so a
    /// number the line-by-line scan of the file sees in parts can reach the page whole. Such a
    /// number is reported at its value; numbers that scan reports already are not repeated.
    func scanValues(_ root: Node?, allowed: Set<String>) {
        var foundInFile: Set<String>?
        func visit(_ node: Node) {
            switch node {
            case let .scalar(s):
                guard PersonalData.mayHoldNumber(Substring(s.string).utf8) else { return }
                for f in PersonalData.scan(s.string, allowed: allowed) {
                    if foundInFile == nil {
                        foundInFile = Set(PersonalData.scan(source.text, allowed: allowed).map { "\($0.kind)\($0.masked)" })
                    }
                    guard foundInFile?.contains("\(f.kind)\(f.masked)") == false else { continue }
                    let at = PersonalData.Finding(kind: f.kind, line: (node.mark?.line ?? 1) + lineOffset,
                                                  column: node.mark?.column ?? 1, masked: f.masked, length: f.length)
                    diagnostics.report(PersonalData.diagnostic(at, in: source, shownJoined: true))
                }
            case let .mapping(m):
                for (k, v) in m {
                    visit(k)
                    visit(v)
                }
            case let .sequence(q):
                q.forEach(visit)
            default:
                break
            }
        }
        if let root { visit(root) }
    }

    /// Mistakes libyaml reports confusingly, found line by line first: a Tab or a full-width
    /// space in the indentation, a Chinese colon after a field name.
    static func lineProblems(_ text: String) -> (line: Int, column: Int, message: String, hint: String)? {
        var n = 0
        for line in text.lines {
            n += 1
            // Fast path: no tab, no full-width space (E3 80 80), no full-width colon (EF BC 9A).
            if !line.utf8.contains(9) && !line.utf8.contains(0xE3) && !line.utf8.contains(0xEF) { continue }
            var col = 0
            for ch in line {
                col += 1
                if ch == "\t" {
                    return (n, col, "缩进里用了制表符（Tab）", "YAML 只能用空格缩进：把这一行开头的 Tab 换成空格。")
                }
                if ch == "\u{3000}" {
                    return (n, col, "缩进里用了全角空格", "YAML 只能用半角空格缩进：把这一行开头的全角空格换成普通空格（切换到英文输入法再按空格）。")
                }
                if ch != " " && ch != "-" { break }
            }
            // `title：通知` — a field name followed by a Chinese colon (EF BC 9A).
            guard line.utf8.contains(bytes: [0xEF, 0xBC, 0x9A]) else { continue }
            let body = line.drop(while: { $0 == " " || $0 == "-" })
            if let colon = body.firstIndex(of: "："), !body.hasPrefix("#") {
                let key = body[..<colon].trimmingBlank()
                if !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }), !body[..<colon].contains(":") {
                    return (n, line.distance(from: line.startIndex, to: colon) + 1, "字段「\(key)」后面用了中文冒号「：」",
                            "字段名后面要用英文冒号「:」再空一格，例如 \(key): ……（切换到英文输入法输入冒号）。")
                }
            }
        }
        return nil
    }

    static func describe(_ e: YamlError) -> (Mark?, String) {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return (mark, problem + (context.map { " (\($0.text))" } ?? ""))
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicated keys: " + duplicates.joined(separator: ", "))
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(e)")
        }
    }

    /// libyaml's English messages, in words a clerk understands.
    static func translate(_ problem: String) -> (String, String?) {
        let p = problem.lowercased()
        if p.contains("maximum nesting level") {
            return ("层级套得太深（括号或缩进太多层），看不懂", "开头信息区一般只有两三层；请检查是不是多打了很多 [ 或 {。")
        }
        if p.contains("duplicated keys") {
            let keys = problem.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
            return ("同一个字段写了两次：\(keys)", "删除重复的那一行，只保留一个。")
        }
        if p.contains("mapping values are not allowed") {
            return ("这一行多了一个冒号「:」，YAML 看不懂",
                    "如果内容里本身有英文冒号，请用英文引号把整个值括起来，例如 title: \"会议时间: 10月15日\"。")
        }
        if p.contains("could not find expected ':'") {
            return ("这一行缺少冒号「:」", "每一行写成「字段: 值」，冒号用英文的「:」，冒号后面空一格。")
        }
        if p.contains("did not find expected key") || p.contains("did not find expected '-' indicator") {
            return ("缩进对不齐，YAML 看不懂这一行", "同一层的字段要用同样多的空格开头；列表项以「- 」开头并对齐。")
        }
        if p.contains("cannot start any token") {
            return ("这一行有 YAML 不允许的字符开头", "常见原因：用了 Tab 缩进，或值以 @、` 等符号开头。请用空格缩进，并用引号把值括起来。")
        }
        if p.contains("found unexpected end of stream") || p.contains("found unknown escape") || p.contains("quoted scalar") {
            return ("引号没有成对", "检查这一行的引号：开头用了 \" 结尾也要用 \"。")
        }
        if p.contains("found undefined alias") || p.contains("alias") {
            return ("用了 YAML 的别名（*），但找不到对应的锚点（&）", "不要在值的开头写 * 号；如需要，请用引号括起来。")
        }
        return ("YAML 格式错误（\(problem)）", "请检查缩进、冒号和引号。")
    }
}

/// A line and column within the YAML text (or a CSV file), 1-based.
struct Pos: Sendable {
    var line: Int
    var column: Int
    init(line: Int, column: Int = 1) { self.line = line; self.column = column }
    init?(_ mark: Mark?) {
        guard let mark else { return nil }
        self.init(line: mark.line, column: mark.column)
    }
}

/// One field of a YAML mapping, declared once: its key, its Chinese label (used in every message
/// about it and in the list of the fields a mapping accepts), the kind of value and whether it
/// must be there. Readers read a field by its declaration and check unknown keys against the
/// declarations of the mapping, and the documentation check compares those declarations with
/// docs/content-spec.md.
struct Field: Sendable {
    enum Kind: Sendable, Equatable {
        case text, day, bool, list, map, mapList
        /// An amount of money in 元 (read as 分).
        case money
        /// A whole number within the range.
        case int(ClosedRange<Int>)
    }

    let key: String
    let label: String
    let kind: Kind
    let required: Bool

    init(_ key: String, _ label: String, _ kind: Kind, required: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.required = required
    }

    /// The same field read without reporting it missing (when that was reported already).
    var optional: Field { Field(key, label, kind) }
}

/// A YAML mapping with the keys it may contain.
struct MapReader {
    let mapping: Node.Mapping
    let ctx: YAMLContext
    /// Where this mapping sits, for messages, e.g. `signoff 第 2 项`.
    let place: String
    var mark: Mark? { mapping.mark }

    init?(_ node: Node?, ctx: YAMLContext, place: String, what: String) {
        guard let node else {
            if !ctx.composeFailed { ctx.error(Pos(line: 1), "\(what)是空的", hint: "至少需要写上必填的字段。") }
            return nil
        }
        guard case let .mapping(m) = node else {
            let hint: String
            if case let .scalar(s) = node, s.string.contains("：") {
                hint = "看起来用了中文冒号「：」。字段名后面要用英文冒号「:」再空一格，例如 title: 标题。"
            } else {
                hint = "应写成一行一个「字段: 值」的形式。"
            }
            ctx.error(node.mark, "\(what)应当是「字段: 值」的列表", hint: hint)
            return nil
        }
        self.mapping = m
        self.ctx = ctx
        self.place = place
        pairs = MapReader.pairs(m)
    }

    /// The mapping's keys (as text) and values, taken out once: every field read looks them up,
    /// and walking Yams' mapping copies each pair on the way.
    private let pairs: [(key: String?, mark: Mark?, value: Node)]

    private static func pairs(_ m: Node.Mapping) -> [(key: String?, mark: Mark?, value: Node)] {
        var out: [(key: String?, mark: Mark?, value: Node)] = []
        out.reserveCapacity(m.count)
        for (k, v) in m { out.append((k.string, k.mark, v)) }
        return out
    }

    private init(mapping: Node.Mapping, ctx: YAMLContext, place: String) {
        pairs = MapReader.pairs(mapping)
        self.mapping = mapping
        self.ctx = ctx
        self.place = place
    }

    private var prefix: String { place.isEmpty ? "" : "\(place)中" }

    func node(_ key: String) -> Node? {
        for p in pairs where p.key == key { return p.value }
        return nil
    }

    func keyMark(_ key: String) -> Mark? {
        for p in pairs where p.key == key { return p.mark }
        return mapping.mark
    }

    /// Reports every key not in `declared` (typo protection), with a "did you mean".
    func checkKeys(_ declared: [Field]) {
        // Most mappings hold only declared keys: no table of them is made for those.
        guard pairs.contains(where: { p in !declared.contains { $0.key == p.key } }) else { return }
        let fields = Dictionary(declared.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        for (k, _) in mapping {
            let name = k.string ?? "?"
            guard fields[name] == nil else { continue }
            var hint = "可用的字段：" + fields.keys.sorted().map { "\($0)（\(fields[$0]!)）" }.joined(separator: "、") + "。"
            if let guess = closest(name, among: Array(fields.keys)) {
                hint = "是不是想写「\(guess)」（\(fields[guess]!)）？" + hint
            }
            if name.contains("：") {
                hint = "字段名后面要用英文冒号「:」，不能用中文冒号「：」。"
            }
            // In `{ a: 1, b: 2 }` an English comma inside a value splits it: `352,800.00` becomes
            // a value `352` and a "field" `800.00`.
            let line = k.mark.flatMap { ctx.source.line($0.line + ctx.lineOffset) } ?? ""
            if line.contains("{"), !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) {
                ctx.error(k.mark, "\(prefix)这一项的内容里有英文逗号「,」，把内容拆开了（从「\(name.prefix(12))」开始）",
                          hint: "写在 { } 里时，值里的英文逗号会被当成分隔符：请用英文双引号把整个值括起来，例如 income: \"1,234.50\"、body: \"共352,800.00元\"。")
                continue
            }
            ctx.error(k.mark, "\(prefix)有不认识的字段「\(name)」", hint: hint)
        }
    }

    func scalar(_ field: Field) -> (String, Mark?)? {
        let (key, label, required) = (field.key, field.label, field.required)
        guard let v = node(key) else {
            if required {
                ctx.error(mark, "\(prefix)缺少必填字段「\(key)」（\(label)）", hint: "加上一行：\(key): ……")
            }
            return nil
        }
        switch v {
        case let .scalar(s):
            if s.style == .plain, s.string.isEmpty || s.string == "~" || s.string == "null" {
                if required { ctx.error(v.mark ?? keyMark(key), "「\(key)」（\(label)）没有填写", hint: "在冒号后面写上内容。") }
                return nil
            }
            return (s.string, v.mark)
        default:
            ctx.error(v.mark, "「\(key)」（\(label)）应当是一个值，不是列表或分组",
                      hint: "写成一行：\(key): 内容。")
            return nil
        }
    }

    func string(_ field: Field) -> String? {
        guard let (s, m) = scalar(field) else { return nil }
        let t = s.trimmingBlank(newlines: true)
        if t.isEmpty {
            if field.required { ctx.error(m, "「\(field.key)」（\(field.label)）没有填写", hint: "在冒号后面写上内容。") }
            return nil
        }
        return t
    }

    func day(_ field: Field) -> Day? {
        guard let (s, m) = scalar(field) else { return nil }
        guard let d = Day(parsing: s) else {
            ctx.error(m, "「\(field.key)」（\(field.label)）不是有效的日期：\(s)", hint: "日期写成 2026-10-15 这样的格式（年-月-日），并确认这一天确实存在。")
            return nil
        }
        return d
    }

    func int(_ field: Field) -> Int? {
        guard case let .int(range) = field.kind else { preconditionFailure("「\(field.key)」 is not declared as a number") }
        guard let (s, m) = scalar(field) else { return nil }
        guard let n = Int(s.trimmingBlank()), range.contains(n) else {
            ctx.error(m, "「\(field.key)」（\(field.label)）应当是 \(range.lowerBound) 到 \(range.upperBound) 之间的整数，现在是：\(s)")
            return nil
        }
        return n
    }

    func bool(_ field: Field) -> Bool? {
        guard let (s, m) = scalar(field) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "是": return true
        case "false", "no", "否": return false
        default:
            ctx.error(m, "「\(field.key)」（\(field.label)）只能写 true 或 false，现在是：\(s)")
            return nil
        }
    }

    /// A list of plain strings; a single string is accepted as a one-item list.
    func stringList(_ field: Field) -> [String] {
        let (key, label) = (field.key, field.label)
        guard let v = node(key) else { return [] }
        switch v {
        case let .scalar(s):
            let t = s.string.trimmingBlank()
            return t.isEmpty ? [] : [t]
        case let .sequence(seq):
            var out: [String] = []
            for item in seq {
                if case let .scalar(s) = item {
                    let t = s.string.trimmingBlank()
                    if !t.isEmpty { out.append(t) }
                } else {
                    ctx.error(item.mark, "「\(key)」（\(label)）的每一项应当是一段文字", hint: "写成 \(key): [甲, 乙]，或每行一个「- 甲」。")
                }
            }
            return out
        default:
            ctx.error(v.mark, "「\(key)」（\(label)）应当是列表", hint: "写成 \(key): [甲, 乙]，或每行一个「- 甲」。")
            return []
        }
    }

    /// A nested mapping.
    func map(_ field: Field) -> MapReader? {
        let (key, label) = (field.key, field.label)
        guard let v = node(key) else { return nil }
        guard case let .mapping(m) = v else {
            ctx.error(v.mark, "「\(key)」（\(label)）应当是一组「字段: 值」", hint: "在 \(key): 下面换行，每行缩进两个空格写一个字段。")
            return nil
        }
        return MapReader(mapping: m, ctx: ctx, place: label)
    }

    /// A list of mappings (e.g. signoff, attachments).
    func mapList(_ field: Field) -> [MapReader] {
        let (key, label) = (field.key, field.label)
        guard let v = node(key) else { return [] }
        guard case let .sequence(seq) = v else {
            ctx.error(v.mark, "「\(key)」（\(label)）应当是列表，每项以「- 」开头", hint: "参考：\n      \(key):\n        - 字段: 值")
            return []
        }
        var out: [MapReader] = []
        for (i, item) in seq.enumerated() {
            if case let .mapping(m) = item {
                out.append(MapReader(mapping: m, ctx: ctx, place: "\(label)第 \(i + 1) 项"))
            } else {
                ctx.error(item.mark, "「\(key)」（\(label)）第 \(i + 1) 项应当是一组「字段: 值」")
            }
        }
        return out
    }
}

/// The closest candidate by edit distance, if it is close enough to be a typo.
func closest(_ word: String, among candidates: [String]) -> String? {
    let w = Array(word.lowercased())
    var best: (String, Int)?
    for c in candidates.sorted() {
        let d = editDistance(w, Array(c.lowercased()))
        if d <= max(1, min(3, c.count / 3)), best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Optimal string alignment: a swap of two neighbouring letters counts as one typo.
    var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}

extension StringProtocol {
    /// The text without the blank space around it: what `trimmingBlank()`
    /// or, with `newlines`, `.whitespacesAndNewlines` gives (Foundation's sets: tab, the space
    /// separators and U+200B; newlines add U+000A–000D, U+0085, U+2028, U+2029), found without
    /// bridging to NSString.
    func trimmingBlank(newlines: Bool = false) -> String {
        func blank(_ v: Unicode.Scalar) -> Bool {
            switch v.value {
            case 9, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            default: return false
            }
        }
        let u = unicodeScalars
        guard let first = u.firstIndex(where: { !blank($0) }), let last = u.lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first..<u.index(after: last)])
    }
}
