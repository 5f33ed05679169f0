import Foundation
import Yams

enum DecisionParser {

    /// Links in a decision record may point to public notices (`.md`); nothing else inside Content/.
    /// The notice paths a record asked about (its resolution, result and links), whatever the answer.
    final class Asked: @unchecked Sendable {
        private(set) var paths: [String] = []
        func add(_ p: String) { paths.append(p) }
    }

    static func linkResolver(rel: String, board: Board, noticeURLs: [String: String], asked: Asked? = nil) -> Markdown.LinkResolver {
        let dir = (rel as NSString).deletingLastPathComponent
        let slug = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
        let page = "\(board.slug)/decision/\(slug).html"
        return { url in
            guard Markdown.isRelative(url) else { return .keep }
            let target = String(url.prefix { $0 != "#" && $0 != "?" })
            let fragment = String(url.dropFirst(target.count))
            let p = NoticeParser.normalize(dir + "/" + (target.removingPercentEncoding ?? target))
            if let p { asked?.add(p) }
            if let p, let u = noticeURLs[p] {
                return .rewrite(URLs.relative(from: page, to: u) + fragment)
            }
            return .error("决策记录里的链接「\(url)」找不到对应的公开", "决策记录里只能链接已经上网的公开文件（写它的 .md 路径）。")
        }
    }

    /// - Parameter asked: told every notice path the record names or links.
    static func parse(_ src: SourceFile, relativePath rel: String, board: Board, noticePaths: Set<String>,
                      noticeURLs: [String: String] = [:], allowed: Set<String>, asked: Asked? = nil, into sink: Diagnostics) -> Decision? {
        guard let fm = NoticeParser.FrontMatter.open(src, kind: "决策记录",
                                                     more: "decisions 文件夹里的每个 .md 文件都会被当作一篇决策记录；如果这个文件是附件，请把它改名为 .txt 结尾，放到那篇公开旁边的 files 文件夹里。",
                                                     allowed: allowed, sink: sink) else { return nil }
        let (m, ctx, body, closing) = (fm.reader, fm.ctx, fm.body, fm.closingLine)
        m.checkKeys(DecisionField.all)
        let title = m.string(DecisionField.title)
        var steps: [Decision.Step] = []
        var stepMarks: [Mark?] = []
        for s in m.mapList(DecisionField.steps) {
            s.checkKeys(DecisionField.Step.all)
            guard let name = s.string(DecisionField.Step.step), let date = s.day(DecisionField.Step.date) else { continue }
            guard let kind = Decision.StepKind(rawValue: name) else {
                ctx.error(s.keyMark("step"), "不认识的步骤「\(name)」", hint: "四议的步骤依次是：提议、商议、审议、决议。")
                continue
            }
            let text = s.string(DecisionField.Step.body) ?? ""
            // The body's first line in the file: the line of its value, or the next one for a `|` or `>` block.
            var bodyLine = (s.node("body")?.mark?.line ?? 1) + ctx.lineOffset
            if case let .scalar(v)? = s.node("body"), v.style == .literal || v.style == .folded { bodyLine += 1 }
            let body = Markdown.render(text, source: src, lineOffset: bodyLine - 1,
                                       resolve: linkResolver(rel: rel, board: board, noticeURLs: noticeURLs, asked: asked), allowed: allowed,
                                       into: ctx.diagnostics)
            var step = Decision.Step(kind: kind, date: date, bodyHTML: body.body, expected: s.int(DecisionField.Step.expected),
                                     present: s.int(DecisionField.Step.present), votesFor: s.int(DecisionField.Step.votesFor),
                                     against: s.int(DecisionField.Step.against), abstain: s.int(DecisionField.Step.abstain))
            if kind == .review || kind == .resolve {
                checkMeeting(&step, s, ctx: ctx)
            }
            steps.append(step)
            stepMarks.append(s.mark)
        }
        // All four steps, each once, in order, with dates that never go back.
        let kinds = steps.map(\.kind)
        for k in Decision.StepKind.allCases where !kinds.contains(k) {
            ctx.error(m.keyMark("steps"), "缺少「\(k.rawValue)」这一步（\(k.body)）",
                      hint: "四议两公开的四步缺一不可：提议、商议、审议、决议。")
        }
        for (i, k) in kinds.enumerated() where kinds.firstIndex(of: k) != i {
            ctx.error(stepMarks[i], "「\(k.rawValue)」写了两次")
        }
        let order = Decision.StepKind.allCases
        for i in 1..<max(steps.count, 1) where i < steps.count {
            let a = steps[i - 1], b = steps[i]
            if let ia = order.firstIndex(of: a.kind), let ib = order.firstIndex(of: b.kind), ib < ia {
                ctx.error(stepMarks[i], "步骤顺序不对：「\(b.kind.rawValue)」写在了「\(a.kind.rawValue)」后面",
                          hint: "按提议、商议、审议、决议的顺序写。")
            }
            if b.date < a.date {
                ctx.error(stepMarks[i], "「\(b.kind.rawValue)」的日期 \(b.date.iso) 早于前一步「\(a.kind.rawValue)」的 \(a.date.iso)",
                          hint: "后一步不能早于前一步，请核对会议日期。")
            }
        }
        let dir = (rel as NSString).deletingLastPathComponent
        func notice(_ field: Field) -> String? {
            guard let w = m.string(field) else { return nil }
            let (key, label) = (field.key, field.label)
            let p = NoticeParser.normalize(dir + "/" + w)
            if let p { asked?.add(p) }
            guard let p, noticePaths.contains(p) else {
                ctx.error(m.keyMark(key), "找不到\(label)「\(w)」", hint: "写那一篇公开的 .md 文件，路径从这个决策记录所在的文件夹写起，例如 ../../notices/shiqiao/2025/jueyi.md。")
                return nil
            }
            return p
        }
        let resolution = notice(DecisionField.resolution)
        let result = notice(DecisionField.result)
        if result != nil && m.node("resolution") == nil {
            ctx.error(m.keyMark("result"), "有实施结果公开，却没有决议公开", hint: "先公开决议（resolution），再公开实施结果（result）。")
        }
        var slug = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
        if !Loader.isSlug(slug) {
            ctx.error(Pos(line: 1), "文件名「\(slug).md」不能用作网址", hint: "文件名只能用小写英文字母、数字和连字符。")
            slug = "invalid"
        }
        let intro = Markdown.render(body, source: src, lineOffset: closing, resolve: linkResolver(rel: rel, board: board, noticeURLs: noticeURLs, asked: asked),
                                    allowed: allowed, into: sink)
        guard let title, !ctx.diagnostics.hasErrors else { return nil }
        return Decision(slug: slug, board: board.slug, title: title, steps: steps, introHTML: intro.body,
                        resolution: resolution, result: result, sourcePath: src.displayPath, contentPath: rel)
    }

    /// 审议 (党员大会) and 决议 (村民代表会议) need two thirds present and a majority of those present.
    static func checkMeeting(_ step: inout Decision.Step, _ s: MapReader, ctx: YAMLContext) {
        let name = step.kind == .review ? "党员大会" : "村民（代表）会议"
        guard let expected = step.expected, let present = step.present, let yes = step.votesFor else {
            ctx.error(s.mark, "「\(step.kind.rawValue)」要写应到人数（expected）、实到人数（present）和赞成票数（for）",
                      hint: "\(name)须有三分之二以上到会，到会人数过半数赞成才有效。")
            return
        }
        if present > expected {
            ctx.error(s.keyMark("present"), "实到 \(present) 人多于应到 \(expected) 人")
        } else if present * 3 < expected * 2 {
            ctx.error(s.keyMark("present"), "\(name)实到 \(present) 人，不足应到 \(expected) 人的三分之二，会议无效",
                      hint: "到会人数须达到三分之二以上，请核对或重新开会。")
        }
        let total = yes + (step.against ?? 0) + (step.abstain ?? 0)
        if total > present {
            ctx.error(s.keyMark("for"), "赞成、反对、弃权共 \(total) 票，多于实到 \(present) 人")
        }
        if yes * 2 <= present {
            ctx.error(s.keyMark("for"), "赞成 \(yes) 票，没有超过到会 \(present) 人的半数，决定不能通过",
                      hint: "到会人数过半数赞成才能通过。")
        }
    }
}

/// The fields of a decision record's front matter, each declared once (read, checked for unknown
/// keys and compared with docs/content-spec.md from here).
enum DecisionField {
    static let title = Field("title", "事项", .text, required: true)
    static let steps = Field("steps", "步骤", .mapList)
    static let resolution = Field("resolution", "决议公开的文件", .text)
    static let result = Field("result", "实施结果公开的文件", .text)
    static let all = [title, steps, resolution, result]

    /// One entry of `steps`.
    enum Step {
        static let step = Field("step", "步骤", .text, required: true)
        static let date = Field("date", "日期", .day, required: true)
        static let body = Field("body", "内容", .text, required: true)
        static let expected = Field("expected", "应到人数", .int(1...100000))
        static let present = Field("present", "实到人数", .int(0...100000))
        static let votesFor = Field("for", "赞成", .int(0...100000))
        static let against = Field("against", "反对", .int(0...100000))
        static let abstain = Field("abstain", "弃权", .int(0...100000))
        static let all = [step, date, body, expected, present, votesFor, against, abstain]
    }
}
