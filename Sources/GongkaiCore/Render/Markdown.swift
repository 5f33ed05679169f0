import CCmark
import CSV
import Foundation
import Mustache

/// Markdown → safe HTML through libcmark, with the Chinese-specific fixes:
/// soft line breaks between CJK characters are removed, masking asterisks
/// (`138****1234`, `王**`) are shown as written while failed `**` emphasis is
/// reported (see `MaskStars`), ```csv blocks and GFM pipe tables become tables
/// (see `prepare`), and links are limited to http(s), mailto, tel and relative targets.
public enum Markdown {
    public struct Result: Sendable {
        /// The HTML, with its tables kept as values for the theme's `table` template.
        public var body: BodyHTML
        /// Body text without markup, paragraphs separated by a space.
        public var text: String
    }

    /// - Parameters:
    ///   - body: the Markdown text.
    ///   - source: the whole file, for messages.
    ///   - lineOffset: lines of the file before `body` (front matter).
    public enum LinkResolution {
        case keep
        case rewrite(String)
        case error(String, String)
    }
    public typealias LinkResolver = (String) -> LinkResolution

    ///   - allowed: numbers published on purpose (`public_numbers`), digits only.
    ///   - diagnostics: where the problems of the body go (at their lines in `source`).
    public static func render(_ body: String, source: SourceFile, lineOffset: Int, resolve: LinkResolver? = nil,
                              allowed: Set<String> = [], into diagnostics: Diagnostics) -> Result {
        let prepared = prepare(body, source: source, lineOffset: lineOffset, into: diagnostics)
        guard let doc = parse(prepared.text) else {
            diagnostics.report(source.diagnostic(.error, line: lineOffset + 1, column: 1, "无法解析正文"))
            return Result(body: BodyHTML(), text: "")
        }
        defer { cmark_node_free(doc) }

        var walker = Walker(source: source, resolve: resolve, lineMap: { $0 + lineOffset }, marker: tableMarker(body), allowed: allowed,
                            diagnostics: diagnostics)
        walker.pipeTables = cutOutTables(doc, prepared.tables)
        walker.headingShift = 2 - topHeadingLevel(doc)
        walker.walk(doc)
        for node in walker.softbreaksToRemove {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }

        guard let raw = cmark_render_html(doc, CMARK_OPT_DEFAULT) else {
            return Result(body: BodyHTML(), text: "")
        }
        let html = String(cString: raw)
        free(raw)
        return Result(body: substituteTables(html, walker.tables, marker: walker.marker),
                      text: collapseWhitespace(walker.textParts))
    }

    static func parse(_ text: String) -> OpaquePointer? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { cmark_parse_document($0, buf.count, CMARK_OPT_VALIDATE_UTF8) }
            }
        } ?? cmark_parse_document("", 0, CMARK_OPT_VALIDATE_UTF8)
    }

    /// The text of the placeholder code blocks that tables replace, chosen so that no code block
    /// a clerk writes can look the same.
    static func tableMarker(_ body: String) -> String {
        var n = 0
        while Bytes.contains(body, "gongkai-table-\(n)-") { n += 1 }
        return "gongkai-table-\(n)-"
    }

    /// Replaces the table lines of each paragraph holding a pipe table by a placeholder code
    /// block after it; the lines before the header stay a paragraph.
    static func cutOutTables(_ doc: OpaquePointer, _ tables: [Int: PipeTable]) -> [OpaquePointer: PipeTable] {
        guard !tables.isEmpty else { return [:] }
        var paragraphs: [(OpaquePointer, PipeTable)] = []
        let iter = cmark_iter_new(doc)
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            if ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter), cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH,
               let table = tables[Int(cmark_node_get_start_line(node))] {
                paragraphs.append((node, table))
            }
        }
        cmark_iter_free(iter)
        var placeholders: [OpaquePointer: PipeTable] = [:]
        for (paragraph, table) in paragraphs {
            let placeholder = cmark_node_new(CMARK_NODE_CODE_BLOCK)!
            cmark_node_insert_after(paragraph, placeholder)
            placeholders[placeholder] = table
            // The table lines are placeholder words joined by line breaks, the last lines of the
            // paragraph: cut at the line break before the header.
            var breaks = 0
            var cut: OpaquePointer?
            var child = cmark_node_last_child(paragraph)
            while let c = child {
                let type = cmark_node_get_type(c)
                if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    breaks += 1
                    if breaks == table.lineCount { cut = c; break }
                }
                child = cmark_node_previous(c)
            }
            if let cut {
                var next: OpaquePointer? = cut
                while let n = next {
                    next = cmark_node_next(n)
                    cmark_node_free(n)
                }
            } else {
                cmark_node_free(paragraph)
            }
        }
        return placeholders
    }

    /// Walks a parsed document: checks and rewrites links, drops raw HTML, renders tables,
    /// marks soft line breaks to remove and collects the plain text.
    /// The level of the body's top headings (1 for `#`, 2 for `##` …), 1 when there is none: the
    /// body's top level is shown as <h2> right under the page's <h1>, so `##` headings, as the
    /// guide writes them, do not skip a level.
    static func topHeadingLevel(_ doc: OpaquePointer) -> Int32 {
        var top: Int32 = 6
        var found = false
        let iter = cmark_iter_new(doc)
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            if ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter), cmark_node_get_type(node) == CMARK_NODE_HEADING {
                top = min(top, cmark_node_get_heading_level(node))
                found = true
            }
        }
        return found ? top : 1
    }

    struct Walker {
        let source: SourceFile
        let resolve: LinkResolver?
        /// cmark's line number → the file's.
        var lineMap: (Int) -> Int
        let marker: String
        let diagnostics: Diagnostics
        var textParts: [String] = []
        var tables: [TableView] = []
        var softbreaksToRemove: [OpaquePointer] = []
        var pipeTables: [OpaquePointer: PipeTable] = [:]
        /// Added to every heading's level: the body's top level becomes <h2> (see `topHeadingLevel`).
        var headingShift: Int32 = 1
        let allowed: Set<String>
        /// The personal numbers the line-by-line scan of the whole file finds (kind and masked
        /// form), computed when a text first holds one.
        var foundInFile: Set<String>?

        init(source: SourceFile, resolve: LinkResolver?, lineMap: @escaping (Int) -> Int, marker: String, allowed: Set<String>,
             diagnostics: Diagnostics) {
            self.source = source
            self.diagnostics = diagnostics
            self.resolve = resolve
            self.lineMap = lineMap
            self.marker = marker
            self.allowed = allowed
        }

        func fileLine(_ node: OpaquePointer) -> Int {
            var n: OpaquePointer? = node
            while let cur = n {
                let l = Int(cmark_node_get_start_line(cur))
                if l > 0, cmark_node_get_type(cur).rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue,
                   cmark_node_get_type(cur).rawValue <= CMARK_NODE_LAST_BLOCK.rawValue {
                    return lineMap(l)
                }
                n = cmark_node_parent(cur)
            }
            return lineMap(1)
        }

        /// Turns a code block into the placeholder for table number `tables.count`.
        mutating func placeTable(_ node: OpaquePointer, _ table: TableView) {
            cmark_node_set_fence_info(node, "gongkai-table")
            cmark_node_set_literal(node, "\(marker)\(tables.count)\n")
            tables.append(table)
        }

        mutating func walk(_ root: OpaquePointer) {
            let iter = cmark_iter_new(root)
            defer { cmark_iter_free(iter) }
            while true {
                let ev = cmark_iter_next(iter)
                if ev == CMARK_EVENT_DONE { break }
                guard ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_SOFTBREAK:
                    let before = lastChar(cmark_node_previous(node))
                    let after = firstChar(cmark_node_next(node))
                    if let b = before, let a = after, joinsWithoutSpace(b, a) {
                        softbreaksToRemove.append(node)
                    } else {
                        textParts.append(" ")
                    }
                case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                    textParts.append(literal(node))
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    if !isAllowedURL(url) {
                        diagnostics.report(source.diagnostic(
                            .error, line: fileLine(node), column: 1,
                            "链接地址「\(url.prefix(60))」不安全或不受支持",
                            hint: "只能链接 http://、https:// 网址，mailto: 邮箱，tel: 电话，或站内的相对路径。"))
                        cmark_node_set_url(node, "")
                    } else if let resolve {
                        switch resolve(url) {
                        case .keep: break
                        case let .rewrite(new): cmark_node_set_url(node, new)
                        case let .error(message, hint):
                            diagnostics.report(source.diagnostic(.error, line: fileLine(node), column: 1, message, hint: hint))
                            cmark_node_set_url(node, "")
                        }
                    }
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    diagnostics.report(source.diagnostic(
                        .warning, line: fileLine(node), column: 1,
                        "正文里的 HTML 代码不会显示",
                        hint: "为了安全，网页上会去掉 HTML 代码。请改用 Markdown 写法；表格请用竖线「|」隔开各格，或用 ```csv 代码块。"))
                case CMARK_NODE_CODE_BLOCK:
                    if let table = pipeTables[node] {
                        placeTable(node, pipeTableView(table))
                        continue
                    }
                    let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                    let lit = literal(node)
                    if info.trimmingBlank().lowercased() == "csv" {
                        for f in PersonalData.scanCSVFields(lit, allowed: allowed) {
                            // The block's text starts on the line after the fence.
                            report(f, line: fileLine(node) + f.line, column: f.column)
                        }
                        switch csvTable(lit) {
                        case let .success(table, cells):
                            placeTable(node, table)
                            // One cell a line: cells are apart in the plain text as on the page.
                            textParts.append(cells.joined(separator: "\n"))
                        case let .failure(message):
                            diagnostics.report(source.diagnostic(
                                .error, line: fileLine(node), column: 1, "csv 表格有误：\(message)",
                                hint: "第一行是表头，每行用英文逗号「,」分隔；单元格里有逗号时用英文双引号括起来。"))
                        }
                    } else {
                        textParts.append(lit)
                    }
                case CMARK_NODE_HEADING:
                    // The page title is the only <h1>: body headings start at <h2>, in order below it.
                    cmark_node_set_heading_level(node, min(cmark_node_get_heading_level(node) + headingShift, 6))
                    textParts.append("\n")
                    scanShownText(node)
                case CMARK_NODE_PARAGRAPH:
                    textParts.append("\n")
                    scanShownText(node)
                case CMARK_NODE_ITEM, CMARK_NODE_LINEBREAK:
                    textParts.append("\n")
                default:
                    break
                }
            }
        }

        /// Personal numbers as the page shows them. The file is scanned line by line, but a
        /// paragraph is shown without its markup and with its soft line breaks as a space (or
        /// nothing between Chinese characters): `450123 1985⏎0317 0029`, or a link, a code span,
        /// a character reference or dropped HTML in the middle of a number, show it whole.
        /// Each text (the paragraph, an image's alt text; a hard line break starts a new one) is
        /// scanned as shown.
        mutating func scanShownText(_ block: OpaquePointer) {
            // Most paragraphs show too few digits for any number: they are not gathered at all.
            var hint = PersonalData.NumberHint()
            guard Markdown.mayShowNumber(block, &hint) else { return }
            var texts = [ShownText()]
            Markdown.collectShownText(block, into: &texts, line: 0)
            let firstLine = fileLine(block)
            for t in texts where t.characters.count >= 11 {
                for f in PersonalData.scan(String(t.characters), allowed: allowed) {
                    let start = f.column - 1
                    let line = firstLine + t.lines[start]
                    // Where the number starts in the file: its first digits on that line.
                    let head = String(t.characters[start..<min(start + f.length, t.characters.count)].prefix { $0.isNumber }.prefix(4))
                    let column = source.line(line).flatMap { l in
                        l.range(of: head).map { l.distance(from: l.startIndex, to: $0.lowerBound) + 1 }
                    } ?? 1
                    report(f, line: line, column: column)
                }
            }
        }

        /// Reports `f`, a number whole only as the page shows it, at `line` and `column` of the
        /// file, unless the line-by-line scan of the file reports it already.
        mutating func report(_ f: PersonalData.Finding, line: Int, column: Int) {
            if foundInFile == nil {
                foundInFile = Set(PersonalData.scan(source.text, allowed: allowed).map { "\($0.kind)\($0.masked)" })
            }
            guard foundInFile?.contains("\(f.kind)\(f.masked)") == false else { return }
            diagnostics.report(PersonalData.diagnostic(
                PersonalData.Finding(kind: f.kind, line: line, column: column, masked: f.masked, length: f.length),
                in: source, shownJoined: true))
        }

        /// Renders a pipe table: every cell is parsed as inline Markdown (one paragraph per cell,
        /// led by an ideographic space so that no cell can start a block) and walked like the body.
        mutating func pipeTableView(_ table: PipeTable) -> TableView {
            let cells = table.rows.flatMap { $0 }
            guard let doc = parse(cells.map { "\u{3000}" + $0 }.joined(separator: "\n\n")) else { return TableView([], alignments: []) }
            defer { cmark_node_free(doc) }
            let width = table.alignments.count
            let outer = lineMap
            lineMap = { line in table.rowLines[min((line - 1) / 2 / width, table.rowLines.count - 1)] }
            defer { lineMap = outer }
            var rendered: [TableCell] = []
            var paragraph = cmark_node_first_child(doc)
            while let p = paragraph {
                if let text = cmark_node_first_child(p), cmark_node_get_type(text) == CMARK_NODE_TEXT {
                    cmark_node_set_literal(text, String(literal(text).unicodeScalars.dropFirst()))
                }
                let first = textParts.count
                walk(p)
                let html = cmark_render_html(p, CMARK_OPT_DEFAULT).map { raw in
                    defer { free(raw) }
                    let s = String(cString: raw)
                    return s.hasPrefix("<p>") && s.hasSuffix("</p>\n") ? String(s.dropFirst(3).dropLast(5)) : s
                } ?? ""
                rendered.append(TableCell(html: html, text: collapseWhitespace(Array(textParts[first...]))))
                paragraph = cmark_node_next(p)
            }
            let rows = stride(from: 0, to: rendered.count, by: width).map { Array(rendered[$0..<min($0 + width, rendered.count)]) }
            return TableView(rows, alignments: table.alignments)
        }
    }

    // MARK: - helpers

    /// Text as a page shows it, with the line (counted from the block's first) of each character.
    struct ShownText {
        var characters: [Character] = []
        var lines: [Int] = []
    }

    /// Whether the texts `collectShownText` gathers from `node` may hold a personal number
    /// (`PersonalData.NumberHint` over the same literals and titles, straight from cmark's bytes).
    static func mayShowNumber(_ node: OpaquePointer, _ hint: inout PersonalData.NumberHint) -> Bool {
        func feed(_ p: UnsafePointer<CChar>?) -> Bool {
            guard let p else { return false }
            return hint.feed(UnsafeRawBufferPointer(start: p, count: strlen(p)))
        }
        var child = cmark_node_first_child(node)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if feed(cmark_node_get_literal(c)) { return true }
            default:
                if mayShowNumber(c, &hint) { return true }
            }
            if feed(cmark_node_get_title(c)) { return true }
            child = cmark_node_next(c)
        }
        return false
    }

    /// Appends the text of `node`'s inlines as shown to `texts.last`, starting at `line`; returns
    /// the line after them. A hard line break or an image (its alt text) starts a new text; a
    /// link's or image's title is one too.
    @discardableResult
    static func collectShownText(_ node: OpaquePointer, into texts: inout [ShownText], line: Int) -> Int {
        var line = line
        func append(_ s: String) {
            texts[texts.count - 1].characters += s
            texts[texts.count - 1].lines += repeatElement(line, count: s.count)
        }
        var child = cmark_node_first_child(node)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                append(literal(c))
            case CMARK_NODE_SOFTBREAK:
                if let b = lastChar(cmark_node_previous(c)), let a = firstChar(cmark_node_next(c)), joinsWithoutSpace(b, a) {} else {
                    append(" ")
                }
                line += 1
            case CMARK_NODE_LINEBREAK:
                line += 1
                texts.append(ShownText())
            case CMARK_NODE_IMAGE:
                texts.append(ShownText())
                line = collectShownText(c, into: &texts, line: line)
                texts.append(ShownText())
            default:
                line = collectShownText(c, into: &texts, line: line)
            }
            // A link's or image's title (shown when the pointer rests on it) is a text of its own.
            if let title = cmark_node_get_title(c).map({ String(cString: $0) }), !title.isEmpty {
                let shown = title.replacingOccurrences(of: "\n", with: " ")
                texts.insert(ShownText(characters: Array(shown), lines: Array(repeating: line, count: shown.count)), at: texts.count - 1)
            }
            child = cmark_node_next(c)
        }
        return line
    }

    /// Puts each table where cmark rendered its placeholder code block.
    static func substituteTables(_ html: String, _ tables: [TableView], marker: String) -> BodyHTML {
        guard !tables.isEmpty else { return BodyHTML(parts: html.isEmpty ? [] : [.html(html)]) }
        var parts: [BodyHTML.Part] = []
        let bytes = Array(html.utf8)
        var rest = 0  // where the text not yet in `parts` starts
        for (i, table) in tables.enumerated() {
            let placeholder = Array("<pre><code class=\"language-gongkai-table\">\(marker)\(i)\n</code></pre>\n".utf8)
            guard let at = Bytes.find(placeholder, in: bytes, from: rest) else { continue }
            if at > rest { parts.append(.html(String(decoding: bytes[rest..<at], as: UTF8.self))) }
            parts.append(.table(table))
            rest = at + placeholder.count
        }
        if rest < bytes.count { parts.append(.html(String(decoding: bytes[rest...], as: UTF8.self))) }
        return BodyHTML(parts: parts)
    }

    /// Joins the parts, turning every run of spaces and newlines into one space (trimmed). A
    /// newline (between blocks, table cells, at a hard line break) with digits on both sides
    /// becomes ` / `: digits the page shows apart never show as one number in a summary.
    static func collapseWhitespace(_ parts: [String]) -> String {
        // Built as UTF-8 in a buffer with room for all of it, then copied into a string of its
        // size: grown by appending scalars, the text (kept for every notice) held up to twice
        // its size (`UnicodeScalarView.reserveCapacity` reserves nothing).
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count } + 8)
        var last: Unicode.Scalar?
        var pendingSpace = false, pendingBreak = false
        for part in parts {
            for u in part.unicodeScalars {
                if u == " " || u == "\n" || u == "\t" {
                    pendingSpace = last != nil
                    pendingBreak = pendingBreak || (pendingSpace && u == "\n")
                } else {
                    if pendingSpace {
                        let digits = PersonalData.fold(u).value &- 48 < 10 && last.map { PersonalData.fold($0).value &- 48 < 10 } == true
                        out.append(contentsOf: pendingBreak && digits ? " / ".utf8 : " ".utf8)
                    }
                    pendingSpace = false
                    pendingBreak = false
                    UTF8.encode(u) { out.append($0) }
                    last = u
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func lastChar(_ node: OpaquePointer?) -> Character? {
        guard let node else { return nil }
        if let c = cmark_node_last_child(node) { return lastChar(c) }
        return literal(node).last
    }

    static func firstChar(_ node: OpaquePointer?) -> Character? {
        guard let node else { return nil }
        if let c = cmark_node_first_child(node) { return firstChar(c) }
        return literal(node).first
    }

    /// A line break between these two characters should not become a space.
    static func joinsWithoutSpace(_ before: Character, _ after: Character) -> Bool {
        (before.isCJK && after.isCJK) || before.isCJKPunctuation || after.isCJKPunctuation
    }

    /// A path inside the site (no scheme, not absolute, not just a fragment).
    static func isRelative(_ url: String) -> Bool {
        let u = url.trimmingBlank()
        guard !u.isEmpty, !u.hasPrefix("/"), !u.hasPrefix("#") else { return false }
        if let colon = u.firstIndex(of: ":"), !u[..<colon].contains(where: { "/?#".contains($0) }) { return false }
        return true
    }

    static func isAllowedURL(_ url: String) -> Bool {
        let u = url.trimmingBlank()
        guard let colon = u.firstIndex(of: ":") else { return true }
        let scheme = u[..<colon]
        // A colon after a slash, ? or # belongs to a relative path, not a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto", "tel"].contains(scheme.lowercased())
    }

    /// A table and the text of its cells, row by row; or what is wrong.
    enum TableResult { case success(TableView, cells: [String]), failure(String) }

    /// Reads CSV text as a table; the first row is the header.
    static func csvTable(_ text: String) -> TableResult {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
        } catch {
            return .failure("无法读取（\(error)）")
        }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { return .failure("第 \(rows.count + 1) 行格式不对（\(error)）") }
        rows = rows.filter { !($0.count == 1 && $0[0].isEmpty) }
        guard let header = rows.first else { return .failure("表格是空的") }
        for (i, r) in rows.enumerated() where r.count != header.count {
            return .failure("第 \(i + 1) 行有 \(r.count) 列，表头有 \(header.count) 列")
        }
        let cells = rows.map { $0.map { TableCell(html: HTML.escape($0), text: $0) } }
        return .success(TableView(cells, alignments: Array(repeating: nil, count: header.count)), cells: rows.flatMap { $0 })
    }

    /// Column alignment written in a pipe table's delimiter row.
    enum TableAlignment { case left, center, right }

    /// One cell: its HTML, and its plain text for labels and the numeric-column test.
    struct TableCell {
        var html: String
        var text: String
    }

    static func isNumberLike(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCIIDigitChar || ",.-+%".contains($0) } && s.contains(where: \.isASCIIDigitChar)
    }
}

extension Character {
    /// Han ideographs, kana, hangul, CJK symbols and full-width forms.
    var isCJK: Bool {
        guard let s = unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(s) || (0xAC00...0xD7A3).contains(s) || (0xF900...0xFAFF).contains(s)
            || (0xFE30...0xFE4F).contains(s) || (0xFF00...0xFFEF).contains(s) || (0x20000...0x3FFFD).contains(s)
    }

    /// Chinese punctuation: 。，、；：？！「」『』（）《》“”‘’…—
    var isCJKPunctuation: Bool {
        guard let s = unicodeScalars.first?.value else { return false }
        return (0x3000...0x303F).contains(s) || (0xFF01...0xFF0F).contains(s) || (0xFF1A...0xFF20).contains(s)
            || [0x201C, 0x201D, 0x2018, 0x2019, 0x2026, 0x2014].contains(s)
    }
}

public enum HTML {
    /// `& < > " '` as entities; every other byte as it is. Works on the UTF-8 bytes: a string
    /// without any of the five (most of them) is returned as it is, without a copy.
    public static func escape(_ s: String) -> String {
        var s = s
        return s.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for b in bytes[first...] {
                switch b {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? s
    }
}

extension BodyHTML {
    /// The HTML with every table rendered by `theme`.
    public func html(_ theme: Theme) -> String {
        var out = ""
        for part in parts {
            switch part {
            case let .html(h): out += h
            case let .table(t): out += theme.render("table", view: t)
            }
        }
        return out
    }
}

extension TableView {
    /// Every row has as many cells as `rows[0]`, the header.
    init(_ rows: [[Markdown.TableCell]], alignments: [Markdown.TableAlignment?]) {
        guard let header = rows.first else {
            self.init(cards: false, header: [], rows: [])
            return
        }
        let numeric = header.indices.map { col in
            rows.count > 1 && rows.dropFirst().allSatisfy { Markdown.isNumberLike($0[col].text) || $0[col].text.isEmpty }
        }
        let classes: [(th: String?, td: String?)] = header.indices.map { col in
            switch alignments[col] {
            case .center: return ("center", "center")
            case .right: return ("right", numeric[col] ? "num" : "right")
            case .left: return (nil, nil)
            case nil: return (nil, numeric[col] ? "num" : nil)
            }
        }
        self.init(cards: header.count >= 4,
                  header: header.enumerated().map { Cell(html: $1.html, cls: classes[$0].th, label: $1.text) },
                  rows: rows.dropFirst().map { r in
                      Row(cells: r.enumerated().map { Cell(html: $1.html, cls: classes[$0].td, label: header[$0].text) })
                  })
    }
}
