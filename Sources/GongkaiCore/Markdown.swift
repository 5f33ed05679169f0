import CCmark
import CSV
import Foundation

/// Markdown → safe HTML through libcmark, with the Chinese-specific fixes:
/// soft line breaks between CJK characters are removed, failed `**` emphasis
/// next to CJK punctuation is reported, ```csv blocks become tables, and links
/// are limited to http(s), mailto, tel and relative targets.
public enum Markdown {
    public struct Result: Sendable {
        public var html: String
        /// Body text without markup, paragraphs separated by a space.
        public var text: String
        public var diagnostics: [Diagnostic]
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

    public static func render(_ body: String, source: SourceFile, lineOffset: Int, resolve: LinkResolver? = nil) -> Result {
        var diagnostics: [Diagnostic] = []
        let options = CMARK_OPT_VALIDATE_UTF8
        let bytes = Array(body.utf8)
        guard let doc = bytes.withUnsafeBufferPointer({ buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) {
                cmark_parse_document($0, buf.count, options)
            }
        }) ?? (body.isEmpty ? cmark_parse_document("", 0, options) : nil) else {
            return Result(html: "", text: "", diagnostics: [source.diagnostic(.error, line: lineOffset + 1, column: 1, "无法解析正文")])
        }
        defer { cmark_node_free(doc) }

        var softbreaksToRemove: [OpaquePointer] = []
        var tables: [String] = []
        var textParts: [String] = []
        var emphasisWarned = Set<Int>()

        func fileLine(_ node: OpaquePointer) -> Int {
            var n: OpaquePointer? = node
            while let cur = n {
                let l = Int(cmark_node_get_start_line(cur))
                if l > 0, cmark_node_get_type(cur).rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue,
                   cmark_node_get_type(cur).rawValue <= CMARK_NODE_LAST_BLOCK.rawValue {
                    return l + lineOffset
                }
                n = cmark_node_parent(cur)
            }
            return lineOffset + 1
        }

        func enclosingBlock(_ node: OpaquePointer) -> OpaquePointer {
            var cur = node
            while let p = cmark_node_parent(cur) {
                let t = cmark_node_get_type(cur).rawValue
                if t >= CMARK_NODE_FIRST_BLOCK.rawValue && t <= CMARK_NODE_LAST_BLOCK.rawValue { return cur }
                cur = p
            }
            return cur
        }

        let iter = cmark_iter_new(doc)
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
            case CMARK_NODE_TEXT:
                let lit = literal(node)
                textParts.append(lit)
                if lit.containsASCII("**") {
                    let block = enclosingBlock(node)
                    let first = Int(cmark_node_get_start_line(block))
                    let last = max(Int(cmark_node_get_end_line(block)), first)
                    if !emphasisWarned.contains(first) {
                        emphasisWarned.insert(first)
                        var found = (first + lineOffset, 1)
                        for l in first...last {
                            if let text = source.line(l + lineOffset), let r = text.range(of: "**") {
                                found = (l + lineOffset, text.distance(from: text.startIndex, to: r.lowerBound) + 1)
                                break
                            }
                        }
                        diagnostics.append(source.diagnostic(
                            .warning, line: found.0, column: found.1,
                            "加粗没有生效，页面上会直接显示星号「**」",
                            hint: "「**」紧挨着中文标点时不起作用。把标点移到 ** 外面，例如 **通知**：……，或在 ** 外侧加一个空格。"))
                    }
                }
            case CMARK_NODE_CODE:
                textParts.append(literal(node))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !isAllowedURL(url) {
                    diagnostics.append(source.diagnostic(
                        .error, line: fileLine(node), column: 1,
                        "链接地址「\(url.prefix(60))」不安全或不受支持",
                        hint: "只能链接 http://、https:// 网址，mailto: 邮箱，tel: 电话，或站内的相对路径。"))
                    cmark_node_set_url(node, "")
                } else if let resolve {
                    switch resolve(url) {
                    case .keep: break
                    case let .rewrite(new): cmark_node_set_url(node, new)
                    case let .error(message, hint):
                        diagnostics.append(source.diagnostic(.error, line: fileLine(node), column: 1, message, hint: hint))
                        cmark_node_set_url(node, "")
                    }
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                diagnostics.append(source.diagnostic(
                    .warning, line: fileLine(node), column: 1,
                    "正文里的 HTML 代码不会显示",
                    hint: "为了安全，网页上会去掉 HTML 代码。请改用 Markdown 写法；表格请用 ```csv 代码块。"))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let lit = literal(node)
                if info.trimmingCharacters(in: .whitespaces).lowercased() == "csv" {
                    switch csvTable(lit) {
                    case let .success(html):
                        cmark_node_set_fence_info(node, "gongkai-table")
                        cmark_node_set_literal(node, "gongkai-table-\(tables.count)\n")
                        tables.append(html)
                        textParts.append(lit.replacingOccurrences(of: ",", with: " "))
                    case let .failure(message):
                        diagnostics.append(source.diagnostic(
                            .error, line: fileLine(node), column: 1, "csv 表格有误：\(message)",
                            hint: "第一行是表头，每行用英文逗号「,」分隔；单元格里有逗号时用英文双引号括起来。"))
                    }
                } else {
                    textParts.append(lit)
                }
            case CMARK_NODE_HEADING:
                // The page title is the only <h1>: body headings start at <h2>.
                cmark_node_set_heading_level(node, min(cmark_node_get_heading_level(node) + 1, 6))
                textParts.append(" ")
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM:
                textParts.append(" ")
            default:
                break
            }
        }
        for node in softbreaksToRemove {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }

        guard let raw = cmark_render_html(doc, CMARK_OPT_DEFAULT) else {
            return Result(html: "", text: "", diagnostics: diagnostics)
        }
        var html = String(cString: raw)
        free(raw)
        if !tables.isEmpty { html = substituteTables(html, tables) }
        let text = collapseWhitespace(textParts)
        return Result(html: html, text: text, diagnostics: diagnostics)
    }

    // MARK: - helpers

    /// Puts each rendered table where cmark rendered its placeholder code block.
    static func substituteTables(_ html: String, _ tables: [String]) -> String {
        var out = ""
        var rest = Substring(html)
        for (i, table) in tables.enumerated() {
            let marker = "<pre><code class=\"language-gongkai-table\">gongkai-table-\(i)\n</code></pre>\n"
            guard let r = rest.range(of: marker) else { continue }
            out += rest[..<r.lowerBound]
            out += table
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }

    /// Joins the parts, turning every run of spaces and newlines into one space (trimmed).
    static func collapseWhitespace(_ parts: [String]) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for part in parts {
            for u in part.unicodeScalars {
                if u == " " || u == "\n" || u == "\t" {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(" ") }
                    pendingSpace = false
                    out.append(u)
                }
            }
        }
        return String(out)
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
        let u = url.trimmingCharacters(in: .whitespaces)
        guard !u.isEmpty, !u.hasPrefix("/"), !u.hasPrefix("#") else { return false }
        if let colon = u.firstIndex(of: ":"), !u[..<colon].contains(where: { "/?#".contains($0) }) { return false }
        return true
    }

    static func isAllowedURL(_ url: String) -> Bool {
        let u = url.trimmingCharacters(in: .whitespaces)
        guard let colon = u.firstIndex(of: ":") else { return true }
        let scheme = u[..<colon]
        // A colon after a slash, ? or # belongs to a relative path, not a scheme.
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto", "tel"].contains(scheme.lowercased())
    }

    enum TableResult { case success(String), failure(String) }

    /// Renders CSV text as an HTML table; the first row is the header.
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
        let numeric = (0..<header.count).map { col in
            rows.count > 1 && rows.dropFirst().allSatisfy { isNumberLike($0[col]) || $0[col].isEmpty }
        }
        var out = "<div class=\"table-wrap\"><table\(header.count >= 4 ? " class=\"cards\"" : "")>\n<thead>\n<tr>"
        for h in header { out += "<th scope=\"col\">\(HTML.escape(h))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for r in rows.dropFirst() {
            out += "<tr>"
            for (i, cell) in r.enumerated() {
                let label = " data-label=\"\(HTML.escape(header[i]))\""
                out += numeric[i] ? "<td class=\"num\"\(label)>\(HTML.escape(cell))</td>" : "<td\(label)>\(HTML.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return .success(out)
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
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
