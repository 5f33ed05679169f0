import Foundation
import Yams

enum RosterParser {
    static let personal: Set<Roster.FieldType> = [.id, .phone, .card]

    static func parse(_ src: SourceFile, allowed: Set<String>, into sink: Diagnostics) -> Roster? {
        let ctx = YAMLContext(source: src, into: sink)
        let root = ctx.compose(src.text)
        ctx.scanValues(root, allowed: allowed)
        guard let m = MapReader(root, ctx: ctx, place: "", what: "名册") else { return nil }
        m.checkKeys(RosterField.all)
        var fields: [Roster.Field] = []
        for f in m.mapList(RosterField.fields) {
            f.checkKeys(RosterField.Column.all)
            guard let key = f.string(RosterField.Column.key), let label = f.string(RosterField.Column.label) else { continue }
            var type = Roster.FieldType.text
            if let t = f.string(RosterField.Column.type) {
                guard let ft = Roster.FieldType(rawValue: t) else {
                    ctx.error(f.keyMark("type"), "不认识的栏目类型「\(t)」",
                              hint: "可以写：text（文字）、id（身份证号，自动遮盖）、phone（手机号，自动遮盖）、card（银行卡号，自动遮盖）、money（金额）、number（数字）、date（日期）。")
                    continue
                }
                type = ft
            }
            if fields.contains(where: { $0.key == key }) {
                ctx.error(f.keyMark("key"), "栏目代号「\(key)」写了两次", hint: "每个栏目的代号（key）要不同。")
                continue
            }
            fields.append(.init(key: key, label: label, type: type, unmaskedReason: nil))
        }
        if fields.isEmpty { ctx.error(m.mark, "名册没有栏目（fields）", hint: "先写栏目，例如 - { key: name, label: 姓名 }。") }
        for u in m.mapList(RosterField.unmasked) {
            u.checkKeys(RosterField.Unmasked.all)
            guard let key = u.string(RosterField.Unmasked.field), let reason = u.string(RosterField.Unmasked.reason) else { continue }
            guard let i = fields.firstIndex(where: { $0.key == key }) else {
                ctx.error(u.keyMark("field"), "没有代号为「\(key)」的栏目")
                continue
            }
            fields[i].unmaskedReason = reason
            ctx.warning(u.keyMark("field"), "按 unmasked 设置，「\(fields[i].label)」一栏将完整公开（理由：\(reason)）",
                        hint: "只有法律明确要求时才能这样做；每次生成都会提示。")
        }
        var rows: [[String]] = []
        var sums: [Money?] = fields.map { $0.type == .money || $0.type == .number ? Money.zero : nil }
        /// Where the roster's own typed values stand (line, column of the value): only those are exempt.
        var typedAt: Set<[Int]> = []
        // The roster declares the fields of its rows itself.
        let columns = fields.map { Field($0.key, $0.label, .text) }
        for r in m.mapList(RosterField.rows) {
            r.checkKeys(columns)
            var row: [String] = []
            for (i, f) in fields.enumerated() {
                let v = r.string(columns[i]) ?? ""
                switch f.type {
                case .id, .phone, .card:
                    guard !v.isEmpty else { row.append(""); continue }
                    let digits = PersonalData.digits(of: v)
                    if let mk = r.node(f.key)?.mark {
                        typedAt.insert([mk.line, mk.column])
                        typedAt.insert([mk.line, mk.column + 1])   // after an opening quote
                    }
                    if f.type == .id, !(PersonalData.isResidentID(digits) || PersonalData.isOldResidentID(digits)) {
                        ctx.warning(r.keyMark(f.key), "「\(f.label)」看起来不是有效的身份证号（校验位或出生日期不对）",
                                    hint: "请核对号码；公开时会自动只显示前4位和后4位。")
                    }
                    let kind: PersonalData.Kind = f.type == .id ? .id : f.type == .phone ? .phone : .card
                    row.append(f.unmaskedReason != nil ? v : PersonalData.mask(digits, as: kind))
                case .money:
                    if v.isEmpty { row.append(""); continue }
                    switch Money.parse(v) {
                    case let .success(amount):
                        row.append(amount.formatted)
                        sums[i]? += amount
                    case let .failure(e):
                        ctx.error(r.keyMark(f.key), "「\(f.label)」\(e.message)：\(v)")
                        row.append("")
                    }
                case .number:
                    if let n = Int64(v), n.magnitude < 1_000_000_000_000 { sums[i]? += Money(fen: n * 100) } else if !v.isEmpty {
                        ctx.error(r.keyMark(f.key), "「\(f.label)」应当是整数：\(v)")
                    }
                    row.append(v)
                case .date:
                    if !v.isEmpty, Day(parsing: v) == nil { ctx.error(r.keyMark(f.key), "「\(f.label)」不是有效的日期：\(v)") }
                    row.append(v)
                case .text:
                    row.append(v)
                }
            }
            rows.append(row)
        }
        // The roster's own typed values are masked on output; anything else unmasked is an error.
        for f in PersonalData.scan(src.text, allowed: allowed) where !typedAt.contains([f.line, f.column]) {
            ctx.diagnostics.report(PersonalData.diagnostic(f, in: src))
        }
        let totals = zip(fields, sums).map { f, s -> String? in
            guard let s else { return nil }
            return f.type == .money ? s.formatted : "\(s.fen / 100)"
        }
        guard !ctx.diagnostics.hasErrors else { return nil }
        return Roster(title: m.string(RosterField.title), fields: fields, rows: rows, totals: totals, sourcePath: src.displayPath)
    }
}

/// The fields of a roster file, each declared once (read, checked for unknown keys and compared
/// with docs/content-spec.md from here). The fields of its rows are the columns it declares.
enum RosterField {
    static let title = Field("title", "名册标题", .text)
    static let fields = Field("fields", "栏目", .mapList)
    static let rows = Field("rows", "名单", .mapList)
    static let unmasked = Field("unmasked", "完整公开的栏目（特殊情况）", .mapList)
    static let all = [title, fields, rows, unmasked]

    /// One entry of `fields`.
    enum Column {
        static let key = Field("key", "栏目代号", .text, required: true)
        static let label = Field("label", "栏目名称", .text, required: true)
        static let type = Field("type", "类型", .text)
        static let all = [key, label, type]
    }

    /// One entry of `unmasked`.
    enum Unmasked {
        static let field = Field("field", "栏目代号", .text, required: true)
        static let reason = Field("reason", "法律依据", .text, required: true)
        static let all = [field, reason]
    }
}
