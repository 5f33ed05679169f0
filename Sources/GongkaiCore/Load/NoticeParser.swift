import Foundation
import Yams

/// The fields of a notice's front matter, each declared once (read, checked for unknown keys and
/// compared with docs/content-spec.md from here).
enum NoticeField {
    static let title = Field("title", "标题", .text, required: true)
    static let category = Field("category", "类别", .text, required: true)
    static let date = Field("date", "发布日期", .day, required: true)
    static let period = Field("period", "公开期间", .text)
    static let number = Field("number", "文号", .text)
    static let signoff = Field("signoff", "审核签字", .mapList)
    static let tags = Field("tags", "标签", .list)
    static let summary = Field("summary", "摘要", .text)
    static let attachments = Field("attachments", "附件", .mapList)
    static let gongshi = Field("gongshi", "公示期", .map)
    static let term = Field("term", "公开期限", .text)
    static let draft = Field("draft", "草稿", .bool)
    static let slug = Field("slug", "网址名", .text)
    static let village = Field("village", "所属村", .text)
    static let ledger = Field("ledger", "收支账目文件", .text)
    static let budget = Field("budget", "预算文件", .text)
    static let debts = Field("debts", "债权债务登记文件", .text)
    static let assets = Field("assets", "资产资源登记文件", .text)
    static let roster = Field("roster", "名册文件", .list)
    static let scope = Field("scope", "公开范围", .text)
    static let corrections = Field("corrections", "更正记录", .mapList)
    static let corrects = Field("corrects", "更正哪一篇", .map)
    static let withdrawn = Field("withdrawn", "撤回", .map)
    static let all = [title, category, date, period, number, signoff, tags, summary, attachments, gongshi, term, draft, slug,
                      village, ledger, budget, debts, assets, roster, scope, corrections, corrects, withdrawn]

    /// One entry of `signoff`.
    enum Signoff {
        static let role = Field("role", "职务", .text, required: true)
        static let name = Field("name", "姓名", .text, required: true)
        static let date = Field("date", "签字日期", .day)
        static let all = [role, name, date]
    }

    enum Publicity {
        static let start = Field("start", "开始日期", .day, required: true)
        static let end = Field("end", "结束日期", .day)
        static let days = Field("days", "公示天数（自然日）", .int(1...365))
        static let workdays = Field("workdays", "公示天数（工作日）", .int(1...365))
        static let contact = Field("contact", "异议受理", .text)
        static let outcome = Field("outcome", "公示结果", .map)
        static let all = [start, end, days, workdays, contact, outcome]
    }

    /// `gongshi.outcome`.
    enum Outcome {
        static let result = Field("result", "结果", .text, required: true)
        static let date = Field("date", "日期", .day)
        static let note = Field("note", "说明", .text)
        static let republished = Field("republished", "重新公示的文件", .text)
        static let all = [result, date, note, republished]
    }

    /// One entry of `attachments`.
    enum Attachment {
        static let file = Field("file", "文件", .text, required: true)
        static let title = Field("title", "名称", .text)
        static let all = [file, title]
    }

    /// One entry of `corrections`.
    enum Correction {
        static let date = Field("date", "更正日期", .day, required: true)
        static let what = Field("what", "更正了什么", .text, required: true)
        static let why = Field("why", "为什么更正", .text, required: true)
        static let all = [date, what, why]
    }

    enum Corrects {
        static let notice = Field("notice", "被更正的公开文件", .text, required: true)
        static let reason = Field("reason", "更正说明", .text, required: true)
        static let all = [notice, reason]
    }

    enum Withdrawn {
        static let date = Field("date", "撤回日期", .day, required: true)
        static let reason = Field("reason", "撤回原因", .text, required: true)
        static let all = [date, reason]
    }
}

/// Parses one notice file: strict `---` front matter, typed fields, Markdown body.
enum NoticeParser {
    static let summaryLength = 120

    /// Splits `---\n yaml \n---\n body`. Returns the YAML, the body and the line number of the closing `---`.
    static func splitFrontMatter(_ text: String) -> (yaml: String, body: String, closingLine: Int)? {
        // Scan line by line on UTF-8 bytes; only the front matter is visited.
        let u = text.utf8
        var lineStart = u.startIndex
        var lineNo = 1
        var yamlStart: String.Index?
        while lineStart < u.endIndex || lineNo == 1 {
            let lineEnd = u[lineStart...].firstIndex(of: 10) ?? u.endIndex
            let isDelimiter = isDelimiterLine(text[lineStart..<lineEnd])
            let next = lineEnd < u.endIndex ? u.index(after: lineEnd) : u.endIndex
            if lineNo == 1 {
                guard isDelimiter else { return nil }
                yamlStart = next
            } else if isDelimiter, let ys = yamlStart {
                let yaml = ys < lineStart ? String(text[ys..<u.index(before: lineStart)]) : ""
                return (yaml, String(text[next...]), lineNo)
            }
            if lineEnd == u.endIndex { break }
            lineStart = next
            lineNo += 1
        }
        return nil
    }

    /// A line that is `---` apart from blank space around it.
    static func isDelimiterLine(_ line: Substring) -> Bool {
        line.utf8.contains(bytes: Array("---".utf8)) && line.trimmingBlank() == "---"
    }

    static func parse(_ src: SourceFile, relativePath rel: String, board: Board, site: SiteConfig,
                      loc: ContentLocation, into sink: Diagnostics) -> (Notice, PendingBody)? {
        guard let fm = FrontMatter.open(src, kind: "公开文件", allowed: site.publicNumbers, sink: sink) else { return nil }
        let (m, ctx, body, closing) = (fm.reader, fm.ctx, fm.body, fm.closingLine)
        m.checkKeys(NoticeField.all)

        let title = m.string(NoticeField.title)
        var category: Category?
        if let c = m.string(NoticeField.category) {
            if let cat = site.category(named: c) {
                if cat.applies(to: board) {
                    category = cat
                } else {
                    let allowed = site.categories.filter { $0.applies(to: board) }.map(\.short).joined(separator: "、")
                    ctx.error(m.keyMark("category"), "\(board.name)不发布「\(cat.name)」", hint: "这里可以用的类别：\(allowed)。")
                }
            } else {
                let names = site.categories.filter { $0.applies(to: board) }.map { "\($0.short)（或 \($0.key)）" }.joined(separator: "、")
                ctx.error(m.keyMark("category"), "不认识的类别「\(c)」", hint: "类别可以写：\(names)。")
            }
        }
        let date = m.day(NoticeField.date)
        if let v = m.string(NoticeField.village), v != board.slug, v != board.name {
            ctx.error(m.keyMark("village"), "所属村写的是「\(v)」，但文件放在「\(board.name)」（\(board.slug)）的文件夹里",
                      hint: "把文件移到正确的村的文件夹，或删掉 village 这一行（村由文件夹决定）。")
        }

        var period: Period?
        let periodText = m.string(NoticeField.period)
        if let p = periodText {
            period = Period(parsing: p)
            if period == nil {
                ctx.error(m.keyMark("period"), "看不懂公开期间「\(p)」",
                          hint: "请写成以下格式之一：2026年第三季度、2026年上半年、2026年下半年、2026年9月、2026年、2026年1—9月。")
            }
        }

        var signoff: [SignOff] = []
        for s in m.mapList(NoticeField.signoff) {
            s.checkKeys(NoticeField.Signoff.all)
            guard let role = s.string(NoticeField.Signoff.role), let name = s.string(NoticeField.Signoff.name) else { continue }
            let d = s.day(NoticeField.Signoff.date)
            if let d, let date, d > date {
                ctx.error(s.keyMark("date"), "\(role)\(name)的签字日期 \(d.iso) 晚于发布日期 \(date.iso)",
                          hint: "先审核签字，再公开：请核对日期。")
            }
            signoff.append(SignOff(role: role, name: name, date: d))
        }

        var gongshi: Gongshi?
        if let g = m.map(NoticeField.gongshi) {
            g.checkKeys(NoticeField.Publicity.all)
            let start = g.day(NoticeField.Publicity.start)
            let end = g.day(NoticeField.Publicity.end)
            let days = g.int(NoticeField.Publicity.days)
            let workdays = g.int(NoticeField.Publicity.workdays)
            if [end != nil, days != nil, workdays != nil].filter({ $0 }).count > 1 {
                let second = ["end", "days", "workdays"].filter { g.node($0) != nil }.dropFirst().first ?? "days"
                ctx.error(g.keyMark(second), "公示期的 end、days、workdays 只能写一个", hint: "结束日期、自然日天数、工作日天数，三者选一。")
            }
            if let start {
                var e = end
                var length = ""
                if let days { e = start.adding(days: days - 1); length = "\(days) 天" }
                if let workdays { e = site.process.addingWorkingDays(workdays, from: start); length = "\(workdays) 个工作日" }
                if let e {
                    if length.isEmpty { length = "\(start.days(until: e) + 1) 天" }
                    if e < start {
                        ctx.error(g.keyMark("end"), "公示结束日期 \(e.iso) 早于开始日期 \(start.iso)")
                    } else {
                        gongshi = Gongshi(start: start, end: e, contact: g.string(NoticeField.Publicity.contact), lengthText: length,
                                          outcome: parseOutcome(g, ctx: ctx, end: e))
                    }
                } else {
                    ctx.error(g.mark, "公示期缺少结束日期", hint: "加一行 end: 2026-10-21，或用 days: 7（自然日）、workdays: 7（工作日）写公示天数。")
                }
            }
        }
        let term = parseTerm(m, ctx: ctx, date: date)
        let process = parseProcess(m, ctx: ctx, date: date)

        var slug = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
        if let s = m.string(NoticeField.slug) {
            slug = s
            if !Loader.isSlug(s) {
                ctx.error(m.keyMark("slug"), "网址名「\(s)」只能用小写英文字母、数字和连字符", hint: "例如 slug: 2026-q3-caiwu")
            }
        } else if !Loader.isSlug(slug) {
            sink.report(src.diagnostic(.error, line: 1, column: 1, "文件名「\(slug).md」不能用作网址",
                                       hint: "文件名只能用小写英文字母、数字和连字符，例如 2026-q3-caiwu.md；也可以在开头信息里加 slug: 2026-q3-caiwu。"))
        }

        let attachments = parseAttachments(m, rel: rel, slug: slug, loc: loc, ctx: ctx)
        for a in attachments { scanAttachment(a, loc: loc, allowed: site.publicNumbers, sink) }

        var dataFiles: [String] = []
        let finance = parseFinance(m, rel: rel, site: site, loc: loc, sink: sink, files: &dataFiles)
        if let lp = finance.ledger?.period, let np = period, lp != np {
            ctx.warning(m.keyMark("period"), "公开期间「\(np.label)」和账目的会计期间「\(lp.label)」不一致", hint: "核对一下是不是附错了账目文件。")
        }
        let summary = m.string(NoticeField.summary)
        guard let title, let category, let date else { return nil }
        let notice = Notice(NoticeFields(slug: slug, board: board.slug, category: category.key, title: title, date: date,
                            period: period, periodText: period?.label ?? periodText, number: m.string(NoticeField.number),
                            numberMark: m.node("number").map { _ in FinanceParser.mark(ctx, m.keyMark("number")) },
                            signoff: signoff, tags: m.stringList(NoticeField.tags), summary: summary ?? "",
                            attachments: attachments, embedded: [], gongshi: gongshi, term: term, finance: finance,
                            process: process, contentPath: rel, dataFiles: dataFiles, draft: m.bool(NoticeField.draft) ?? false,
                            bodyHTML: BodyHTML(), length: 0, sourcePath: src.displayPath))
        return (notice, PendingBody(source: src, relativePath: rel, body: body, lineOffset: closing, hasSummary: summary != nil))
    }

    /// `term` (公开期限): days, an end date not before the 公开日期 `date`, or 长期.
    static func parseTerm(_ m: MapReader, ctx: YAMLContext, date: Day?) -> Term? {
        guard let (text, mark) = m.scalar(NoticeField.term) else { return nil }
        guard let term = Term(parsing: text, allowDate: true) else {
            ctx.error(mark, "看不懂公开期限「\(text)」", hint: Term.hint)
            return nil
        }
        if case let .until(end) = term, let date, end < date {
            ctx.error(mark, "公开期限的截止日期 \(end.iso) 早于发布日期 \(date.iso)",
                      hint: "公开期限从发布日期算起：截止日期要在发布日期当天或以后。也可以写天数，例如 term: 30 天。")
            return nil
        }
        return term
    }

    /// Opens a Markdown file with front matter: the strict `---` lines, the YAML as a mapping.
    /// On failure the problems are in `sink` and the result is nil.
    struct FrontMatter {
        let reader: MapReader
        let ctx: YAMLContext
        let body: String
        let closingLine: Int

        /// Whether the file starts like a file with front matter (its first line is `---`).
        static func present(in src: SourceFile) -> Bool { src.text.hasPrefix("---") }

        /// The message for a file whose first line is not `---`; `more` adds to the hint.
        static func missingOpener(_ src: SourceFile, kind: String, more: String = "") -> Diagnostic {
            src.diagnostic(.error, line: 1, column: 1, "文件开头缺少「---」行",
                           hint: "\(kind)的第一行必须是三个减号 ---，接着写开头信息（标题、日期等），再用一行 --- 结束，然后写正文。" + more)
        }

        /// `allowed`: numbers published on purpose, for the scan of the values (`scanValues`).
        static func open(_ src: SourceFile, kind: String, more: String = "", allowed: Set<String>,
                         sink: Diagnostics) -> FrontMatter? {
            guard present(in: src) else {
                sink.report(missingOpener(src, kind: kind, more: more))
                return nil
            }
            guard let (yaml, body, closing) = splitFrontMatter(src.text) else {
                sink.report(src.diagnostic(.error, line: 1, column: 1, "开头的信息区没有结束",
                                           hint: "在标题、日期等信息的后面加一行只有三个减号的 ---，再写正文。"))
                return nil
            }
            let ctx = YAMLContext(source: src, lineOffset: 1, into: sink)
            let root = ctx.compose(yaml)
            ctx.scanValues(root, allowed: allowed)
            guard let m = MapReader(root, ctx: ctx, place: "", what: "开头的信息区") else { return nil }
            return FrontMatter(reader: m, ctx: ctx, body: body, closingLine: closing)
        }
    }

    /// The Markdown body of a parsed notice, rendered once every notice's URL is known.
    struct PendingBody: Sendable {
        let source: SourceFile
        let relativePath: String
        let body: String
        let lineOffset: Int
        let hasSummary: Bool
        /// Set when the file's text was let go after parsing (`light`): the parsed text's length
        /// and hash, which the text read again for the body must have.
        var parsedText: (count: Int, hash: Int)? = nil

        /// The same without the file's text: a build without a cache holds no notice's text from
        /// its parse to its body (all of them at once, freed among the notices' values, left
        /// holes that the build's memory never gave back). `full(_:)` reads it again.
        var light: PendingBody {
            PendingBody(source: SourceFile(displayPath: source.displayPath, text: ""), relativePath: relativePath, body: "",
                        lineOffset: lineOffset, hasSummary: hasSummary, parsedText: (source.text.utf8.count, Bytes.hash(source.text)))
        }

        /// With the file's text again; nil unless it is the very text that was parsed (the file
        /// was changed or removed during the build: the checks of the whole file, such as the scan
        /// for personal numbers, ran on the parsed text and must hold for what is published).
        func full(_ loc: ContentLocation) -> PendingBody? {
            guard let parsedText else { return self }
            guard let src = Loader.readText(loc, relativePath, Diagnostics(), required: true),
                  src.text.utf8.count == parsedText.count, Bytes.hash(src.text) == parsedText.hash,
                  let (_, body, closing) = NoticeParser.splitFrontMatter(src.text), closing == lineOffset else { return nil }
            return PendingBody(source: src, relativePath: relativePath, body: body, lineOffset: closing, hasSummary: hasSummary)
        }
    }

    /// Stage 3 for bodies: renders the Markdown, resolving relative links against Content/
    /// (`other.md` → that notice's page; a file → copied beside the notice).
    /// - Returns: the paths (relative to Content/) its links were looked up as in `noticeURLs` and
    ///   `hidden`: the body is the same as long as these paths have the same address or none.
    @discardableResult
    static func renderBody(_ n: inout Notice, _ p: PendingBody, noticeURLs: [String: String], hidden: Set<String>,
                           site: SiteConfig, loc: ContentLocation, into sink: Diagnostics) -> [String] {
        var embedded: [Attachment] = []
        var looked: [String] = []
        let dir = (p.relativePath as NSString).deletingLastPathComponent
        let page = URLs.notice(n)
        let slug = n.slug
        let board = n.board
        let attachments = n.attachments
        let resolve: Markdown.LinkResolver = { url in
            guard Markdown.isRelative(url) else { return .keep }
            var target = url
            var fragment = ""
            if let i = target.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                fragment = String(target[i...])
                target = String(target[..<i])
            }
            if target.isEmpty { return .keep }
            let decoded = target.removingPercentEncoding ?? target
            guard let rel = normalize(dir + "/" + decoded) else {
                return .error("链接「\(url)」指向内容文件夹外面", "只能链接 Content 文件夹里的文件，或以 https:// 开头的网址。")
            }
            looked.append(rel)
            if let other = noticeURLs[rel] {
                return .rewrite(URLs.relative(from: page, to: other) + fragment)
            }
            if hidden.contains(rel) {
                return .error("链接的公开「\(url)」不上网（党内、草稿、未到发布日期或缺少审核签字），不能链接",
                              "等那一篇正式发布后再链接；党内公开的内容不能出现在网站上。")
            }
            let abs = (loc.root as NSString).appendingPathComponent(rel)
            let real = loc.fs.realPath(abs)
            let rootReal = loc.fs.realPath(loc.root)
            guard real.hasPrefix(rootReal + "/"), let stat = loc.fs.stat(real), !stat.isDirectory else {
                return .error("找不到链接的文件「\(url)」", "路径从这个公开文件所在的文件夹写起；链接其他公开文件时写它的 .md 文件名。")
            }
            let name = (rel as NSString).lastPathComponent
            if let clash = (attachments + embedded).first(where: { $0.fileName == name }), clash.sourcePath != real {
                return .error("正文里链接的文件「\(name)」和另一个附件同名", "请给其中一个文件改名。")
            }
            if !(attachments + embedded).contains(where: { $0.fileName == name }) {
                let size = stat.size
                embedded.append(Attachment(title: name, sourcePath: real, fileName: name, size: size,
                                           typeLabel: typeLabel(name), table: nil))
            }
            return .rewrite(URLs.relative(from: page, to: URLs.encode(URLs.attachment(board: board, slug: slug, fileName: name))) + fragment)
        }
        let md = Markdown.render(p.body, source: p.source, lineOffset: p.lineOffset, resolve: resolve, allowed: site.publicNumbers, into: sink)
        if md.text.isEmpty && n.attachments.isEmpty {
            sink.report(p.source.diagnostic(.warning, line: p.lineOffset, column: 1, "正文是空的", hint: "在第二个 --- 下面写公开的内容。"))
        }
        n.bodyHTML = md.body
        n.text = md.text
        // Characters other than the space, counted without building the filtered text.
        n.length = Bytes.charactersOtherThanSpace(md.text)
        if !p.hasSummary { n.summary = summarize(md.text, length: summaryLength) }
        n.embedded = embedded
        // Files shown or linked from the body reach the site too: scan them like attachments.
        for a in embedded { scanAttachment(a, loc: loc, allowed: site.publicNumbers, sink) }
        return looked
    }

    /// The first `length` characters (not bytes) of the text, with an ellipsis when cut.
    static func summarize(_ text: String, length: Int) -> String {
        let head = text.prefix(length + 1)
        return head.count <= length ? text : String(head.prefix(length)) + "…"
    }

    static func parseAttachments(_ m: MapReader, rel: String, slug: String, loc: ContentLocation, ctx: YAMLContext) -> [Attachment] {
        var out: [Attachment] = []
        let dir = (rel as NSString).deletingLastPathComponent
        let rootReal = loc.fs.realPath(loc.root)
        for a in m.mapList(NoticeField.attachments) {
            a.checkKeys(NoticeField.Attachment.all)
            guard let file = a.string(NoticeField.Attachment.file) else { continue }
            let mark = a.keyMark("file")
            if file.hasPrefix("/") || file.hasPrefix("~") || file.contains("\\") {
                ctx.error(mark, "附件路径「\(file)」必须是相对路径", hint: "从这个公开文件所在的文件夹写起，例如 files/明细.csv。")
                continue
            }
            guard let joined = normalize(dir + "/" + file) else {
                ctx.error(mark, "附件路径「\(file)」跑到了内容文件夹外面", hint: "附件必须放在 Content 文件夹里面。")
                continue
            }
            let abs = (loc.root as NSString).appendingPathComponent(joined)
            let real = loc.fs.realPath(abs)
            guard real == rootReal || real.hasPrefix(rootReal + "/") else {
                ctx.error(mark, "附件「\(file)」指向内容文件夹外面的文件", hint: "把附件文件本身复制到 Content 文件夹里，不要用快捷方式（符号链接）。")
                continue
            }
            guard let stat = loc.fs.stat(real), !stat.isDirectory else {
                ctx.error(mark, "找不到附件文件「\(file)」", hint: "检查文件名和所在文件夹，路径从这个公开文件所在的文件夹写起。")
                continue
            }
            let name = (joined as NSString).lastPathComponent
            if name.hasPrefix(".") {
                ctx.error(mark, "附件「\(file)」是隐藏文件（名字以 . 开头），不能公开", hint: "给文件改一个正常的名字。")
                continue
            }
            // A notice or 四议两公开 record is read as such: listed here, its raw source would be published too.
            if (name as NSString).pathExtension.lowercased() == "md", ["notices", "decisions"].contains(joined.split(separator: "/").first),
               let head = loc.fs.read(real)?.prefix(9),
               String(decoding: head, as: UTF8.self).trimmingPrefix("\u{FEFF}").hasPrefix("---") {
                let what = joined.hasPrefix("notices/") ? "一篇公开" : "一篇决策记录"
                ctx.error(mark, "附件「\(file)」是\(what)（开头有 --- 信息区），不能作为附件",
                          hint: "要提到它，请在正文里写链接，例如 [标题](\(file))；要附一份说明文字，请存成 .txt 或 PDF 再作为附件。")
                continue
            }
            if out.contains(where: { $0.fileName == name }) {
                ctx.error(mark, "两个附件的文件名都是「\(name)」", hint: "请给其中一个改名。")
                continue
            }
            let size = stat.size
            var attachment = Attachment(title: a.string(NoticeField.Attachment.title) ?? name, sourcePath: real, fileName: name,
                                        size: size, typeLabel: typeLabel(name), table: nil)
            let ext = (name as NSString).pathExtension.lowercased()
            // Every UTF-8 CSV gets an Excel-friendly copy, whatever its size or shape; a small text
            // attachment also gets a page (a CSV only when it is a proper table).
            if ext == "csv" || (["txt", "md"].contains(ext) && size <= csvInlineLimit) {
                attachment.text = attachmentText(real, fs: loc.fs, shown: loc.displayPath(joined), ctx: ctx)
                if let text = attachment.text, size <= csvInlineLimit {
                    if ext == "csv" { attachment.table = csvAttachmentTable(text, mark: mark, ctx: ctx) }
                    attachment.hasPage = ext != "csv" || attachment.table != nil
                }
            }
            out.append(attachment)
        }
        return out
    }

    static func parseOutcome(_ g: MapReader, ctx: YAMLContext, end: Day) -> Gongshi.Outcome? {
        guard let o = g.map(NoticeField.Publicity.outcome) else { return nil }
        o.checkKeys(NoticeField.Outcome.all)
        guard let result = o.string(NoticeField.Outcome.result) else { return nil }
        if let d = o.day(NoticeField.Outcome.date), d <= end {
            ctx.error(o.keyMark("date"), "公示到 \(end.iso) 才结束，结果日期 \(d.iso) 不能在公示期内",
                      hint: "公示期满以后再登记结果（无异议或有异议）。")
            return nil
        }
        let objections: Bool
        switch result {
        case "无异议": objections = false
        case "有异议": objections = true
        default:
            ctx.error(o.keyMark("result"), "公示结果只能写「无异议」或「有异议」，现在是「\(result)」")
            return nil
        }
        return Gongshi.Outcome(objections: objections, date: o.day(NoticeField.Outcome.date), note: o.string(NoticeField.Outcome.note),
                               republished: o.string(NoticeField.Outcome.republished),
                               republishedMark: FinanceParser.mark(ctx, o.keyMark("republished")))
    }

    static func parseProcess(_ m: MapReader, ctx: YAMLContext, date: Day?) -> NoticeProcess {
        var p = NoticeProcess()
        p.signoffMark = FinanceParser.mark(ctx, m.node("signoff") != nil ? m.keyMark("signoff") : m.keyMark("title"))
        if let s = m.string(NoticeField.scope) {
            switch s {
            case "党内", "党内公开", "party": p.partyOnly = true
            case "公开", "public", "社会公开": p.partyOnly = false
            default: ctx.error(m.keyMark("scope"), "公开范围只能写「公开」或「党内」，现在是「\(s)」",
                               hint: "党内公开的内容只给党员看，不会出现在网站上。")
            }
        }
        for c in m.mapList(NoticeField.corrections) {
            c.checkKeys(NoticeField.Correction.all)
            guard let d = c.day(NoticeField.Correction.date), let what = c.string(NoticeField.Correction.what),
                  let why = c.string(NoticeField.Correction.why) else { continue }
            if let date, d < date {
                ctx.error(c.keyMark("date"), "更正日期 \(d.iso) 早于发布日期 \(date.iso)", hint: "更正是发布以后的事，请核对日期。")
            }
            p.corrections.append(.init(date: d, what: what, why: why))
        }
        if let c = m.map(NoticeField.corrects) {
            c.checkKeys(NoticeField.Corrects.all)
            p.corrects = c.string(NoticeField.Corrects.notice)
            p.correctsReason = c.string(NoticeField.Corrects.reason)
            p.correctsMark = FinanceParser.mark(ctx, c.keyMark("notice"))
        }
        if let w = m.map(NoticeField.withdrawn) {
            w.checkKeys(NoticeField.Withdrawn.all)
            if let d = w.day(NoticeField.Withdrawn.date), let reason = w.string(NoticeField.Withdrawn.reason) {
                p.withdrawn = .init(date: d, reason: reason)
            }
        }
        return p
    }

    /// Reads the data files named by `ledger`, `budget`, `debts` and `assets`.
    static func parseFinance(_ m: MapReader, rel: String, site: SiteConfig, loc: ContentLocation,
                             sink: Diagnostics, files: inout [String]) -> NoticeFinance {
        var f = NoticeFinance()
        let dir = (rel as NSString).deletingLastPathComponent
        func source(_ field: Field, file given: String? = nil, privacy scan: Bool = true) -> (SourceFile, String)? {
            guard let file = given ?? m.string(field) else { return nil }
            let (key, label) = (field.key, field.label)
            guard let p = normalize(dir + "/" + file), !file.hasPrefix("/") else {
                m.ctx.error(m.keyMark(key), "\(label)「\(file)」跑到了内容文件夹外面", hint: "数据文件要放在 Content 文件夹里，路径从这个公开文件所在的文件夹写起。")
                return nil
            }
            guard Loader.isFile(loc, p) else {
                m.ctx.error(m.keyMark(key), "找不到\(label)「\(file)」", hint: "检查文件名；路径从这个公开文件所在的文件夹写起。")
                return nil
            }
            // A file that is there but cannot be used (not UTF-8, empty …) is reported at that file.
            guard let src = Loader.readSource(loc, p, sink, required: true, privacy: scan ? site.publicNumbers : nil) else { return nil }
            files.append(p)
            return (src, (p as NSString).deletingLastPathComponent)
        }
        if let (src, d) = source(NoticeField.ledger) {
            let l = FinanceParser.ledger(src, chart: site.accounts, loc: loc, relativeDir: d, privacy: site.publicNumbers, into: sink)
            if let csv = l?.entriesFile { files.append(csv) }
            f.ledger = l
        }
        if let (src, _) = source(NoticeField.budget) {
            f.budget = FinanceParser.budget(src, chart: site.accounts, privacy: site.publicNumbers, into: sink)
        }
        for file in m.stringList(NoticeField.roster) {
            // Rosters are scanned by their parser, which knows which values it masks itself.
            if let (src, _) = source(NoticeField.roster, file: file, privacy: false) {
                if let r = RosterParser.parse(src, allowed: site.publicNumbers, into: sink) { f.rosters.append(r) }
            }
        }
        if let (src, _) = source(NoticeField.debts) {
            f.debts = FinanceParser.register(src, kind: .debts, privacy: site.publicNumbers, into: sink)
        }
        if let (src, _) = source(NoticeField.assets) {
            f.assets = FinanceParser.register(src, kind: .assets, privacy: site.publicNumbers, into: sink)
        }
        return f
    }

    /// Attachments are scanned for personal numbers where their text can be read: plain text
    /// formats directly, PDF through `pdftotext` when the machine has it.
    static func scanAttachment(_ a: Attachment, loc: ContentLocation, allowed: Set<String>, _ sink: Diagnostics) {
        let rootReal = loc.fs.realPath(loc.root)
        let rel = a.sourcePath.hasPrefix(rootReal + "/") ? String(a.sourcePath.dropFirst(rootReal.count + 1)) : a.fileName
        let ext = (a.fileName as NSString).pathExtension.lowercased()
        var text: String?
        switch ext {
        case "txt", "csv", "md", "json", "yaml", "yml", "html", "htm", "xml", "tsv":
            text = loc.fs.read(a.sourcePath).map(scannableText)
        case "pdf":
            text = PDFText.extract(a.sourcePath)
            if text == nil {
                let why = PDFText.tool == nil ? "本机没有 pdftotext" : "读不出其中的文字，可能是扫描件"
                sink.report(Diagnostic(.warning, file: loc.displayPath(rel), "这个 PDF 附件没有检查个人信息（\(why)）",
                                       hint: PDFText.tool == nil
                                           ? "安装 poppler-utils（sudo apt-get install poppler-utils）后重新检查，或人工确认附件里没有完整的身份证号、手机号和银行卡号。"
                                           : "请人工确认扫描件里没有完整的身份证号、手机号和银行卡号。"))
            }
        case "doc", "docx", "xls", "xlsx", "wps", "et":
            sink.report(Diagnostic(.warning, file: loc.displayPath(rel), "这个 Word/Excel 附件没有检查个人信息",
                                   hint: "程序读不了 Office 文件的内容。请人工确认里面没有完整的身份证号、手机号和银行卡号，或另存为 PDF/CSV 再附上。"))
        default:
            sink.report(Diagnostic(.warning, file: loc.displayPath(rel), "这个附件（\(ext.isEmpty ? "无扩展名" : ext)）没有检查个人信息",
                                   hint: "程序读不了这种文件的内容。请人工确认里面没有完整的身份证号、手机号和银行卡号。"))
        }
        let shown = SourceFile(displayPath: loc.displayPath(rel), text: text ?? "")
        Loader.scanPrivacy(shown, relativePath: rel, allowed: allowed, sink)
    }

    /// The text of a plain-text attachment as far as the scan needs it: UTF-16 (Notepad's “Unicode”,
    /// see `Loader.utf16Text`), UTF-8, otherwise GBK/GB18030 as Chinese Windows saves it.
    /// Of a GBK file only the characters that make up a number are decoded (ASCII, full-width
    /// digits, Ｘ, －, ．, ＿, the ideographic space, ·, —); every other Chinese character reads as
    /// U+FFFD, which ends a number like any letter.
    static func scannableText(_ data: Data) -> String {
        if let s = Loader.utf16Text(data) { return s }
        if let s = String(data: data, encoding: .utf8) { return s }
        let b = [UInt8](data)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < b.count {
            let lead = b[i]
            guard (0x81...0xFE).contains(lead), i + 1 < b.count else {
                out.append(Unicode.Scalar(lead < 0x80 ? lead : 0x3F))
                i += 1
                continue
            }
            let trail = b[i + 1]
            if (0x30...0x39).contains(trail) {
                // A four-byte GB18030 sequence (lead, digit, lead, digit): none is a digit or separator.
                out.append("\u{FFFD}")
                i += 4
                continue
            }
            guard (0x40...0xFE).contains(trail), trail != 0x7F else {
                // Not a character: the next byte (a line break …) is read on its own.
                out.append("\u{FFFD}")
                i += 1
                continue
            }
            switch (lead, trail) {
            case (0xA3, 0xB0...0xB9): out.append(Unicode.Scalar(0xFF10 + UInt32(trail - 0xB0))!)
            case (0xA3, 0xD8): out.append("\u{FF38}")
            case (0xA3, 0xF8): out.append("\u{FF58}")
            case (0xA3, 0xAD): out.append("\u{FF0D}")
            case (0xA3, 0xAE): out.append("\u{FF0E}")
            case (0xA3, 0xDF): out.append("\u{FF3F}")
            case (0xA1, 0xA1): out.append("\u{3000}")
            case (0xA1, 0xA4): out.append("\u{B7}")
            case (0xA1, 0xAA): out.append("\u{2014}")
            default: out.append("\u{FFFD}")
            }
            i += 2
        }
        return String(out)
    }

    /// Text attachments (.txt, .md, .csv) up to this size also get a page of their own on the site
    /// (a CSV shown as a table); a CSV of any size gets an Excel-friendly copy.
    static let csvInlineLimit = 512 * 1024

    /// The text of a text attachment; `shown` is the file as named in messages: a problem with its
    /// encoding is reported there, as a warning (the file itself is still published).
    static func attachmentText(_ path: String, fs: any FileSystem, shown: String, ctx: YAMLContext) -> String? {
        guard let data = fs.read(path) else { return nil }
        let effect = (path as NSString).pathExtension.lowercased() == "csv" ? "网页上只能下载，不能显示成表格" : "网页上只能下载，不能在网页上阅读"
        return Loader.utf8Text(data, file: shown, severity: .warning, effect: effect, ctx.diagnostics)
    }

    static func csvAttachmentTable(_ text: String, mark: Mark?, ctx: YAMLContext) -> TableView? {
        switch Markdown.csvTable(text) {
        case let .success(table, _): return table
        case let .failure(message):
            ctx.warning(mark, "附件表格无法显示为网页表格：\(message)", hint: "检查这个 CSV 文件：每行的列数要和第一行（表头）一样。")
            return nil
        }
    }

    /// Resolves `.` and `..` lexically; nil when the path climbs above the start.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            switch c {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(c)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    static func typeLabel(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": return "PDF"
        case "doc", "docx": return "Word"
        case "xls", "xlsx": return "Excel"
        case "csv": return "CSV 表格"
        case "txt": return "文本"
        case "jpg", "jpeg", "png", "gif", "webp": return "图片"
        case "zip", "rar", "7z": return "压缩包"
        case "": return "文件"
        case let ext: return ext.uppercased()
        }
    }
}
