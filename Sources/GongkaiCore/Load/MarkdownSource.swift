import CCmark
import Foundation

/// The source-level step before cmark renders a body: masking stars are escaped and GFM pipe
/// tables are taken out, both only where cmark itself sees paragraph or heading text (never in
/// code blocks or code spans). Block structure and line numbers stay exactly as written.
extension Markdown {
    /// A GFM pipe table found in a paragraph.
    struct PipeTable {
        /// Header row first; every row has as many cells as the header. Cells are inline Markdown
        /// with `\|` already unescaped and masking stars escaped.
        var rows: [[String]]
        var alignments: [TableAlignment?]
        /// The file line of each row in `rows`.
        var rowLines: [Int]
        /// Lines from the header to the end of the paragraph, delimiter row included.
        var lineCount: Int
    }

    struct Prepared {
        /// The body to give cmark: masks escaped, each table line reduced to a placeholder word.
        var text: String
        /// Tables by the body line where the paragraph holding them starts.
        var tables: [Int: PipeTable] = [:]
    }

    /// What a table line becomes in the text given to cmark: a word with no Markdown meaning,
    /// so the paragraph keeps its lines and the table can be cut out of it afterwards.
    static let tableLineWord = "T"

    static func prepare(_ body: String, source: SourceFile, lineOffset: Int, into diagnostics: Diagnostics) -> Prepared {
        guard body.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "|") }) else {
            return Prepared(text: body)
        }
        var prepared = Prepared(text: body)
        // Split on the scalar: as a Character, "\r\n" is not "\n".
        var lines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { SourceLine(Array($0)) }
        var escapes: [Int: [Int]] = [:]

        func warn(_ line: Int, _ index: Int, _ message: String, hint: String) {
            let column = String(String.UnicodeScalarView(lines[line].scalars.prefix(index))).count + 1
            diagnostics.report(source.diagnostic(.warning, line: line + lineOffset + 1, column: column, message, hint: hint))
        }

        /// Classifies the stars of a stretch of lines (0-based line, first scalar of its text).
        func classify(_ stretch: [(line: Int, from: Int)]) {
            var text: [Unicode.Scalar] = []
            var origin: [(line: Int, index: Int)?] = []
            for (k, part) in stretch.enumerated() {
                if k > 0 { text.append("\n"); origin.append(nil) }
                let scalars = lines[part.line].scalars
                for i in part.from..<scalars.count { text.append(scalars[i]); origin.append((part.line, i)) }
            }
            let outcome = MaskStars.classify(text)
            for i in outcome.escape { if let o = origin[i] { escapes[o.line, default: []].append(o.index) } }
            if let w = outcome.warning, let o = origin[w.index] {
                warn(o.line, o.index, emphasisMessage, hint: emphasisHint(w.hint))
            }
        }

        for block in leafTextBlocks(body) {
            let first = block.start - 1
            let firstFrom = lines[first].scalarOffset(ofByte: block.column - 1)
            func from(_ l: Int) -> Int { l == first ? firstFrom : lines[l].containerPrefix }
            if block.isHeading && block.end == block.start {
                // ATX heading: the text after the opening #s.
                var i = firstFrom
                let s = lines[first].scalars
                while i < s.count && s[i] == "#" { i += 1 }
                classify([(first, i)])
                continue
            }
            // A setext heading: its text, then the `===`/`---` line (cmark's end line for these
            // is not reliable, so the underline is looked up).
            var last = block.end - 1
            var underline: Int?
            if block.isHeading {
                var u = first + 1
                while u < lines.count && !lines[u].isSetextUnderline { u += 1 }
                guard u < lines.count else { continue }
                underline = u
                last = u - 1
            }
            let content = Array(first...last)
            // A table needs a pipe in its header or delimiter row.
            var rows = content.contains { lines[$0].scalars.contains("|") } ? content.map { PipeRow(lines[$0].scalars, from: from($0)) } : []
            // A table typed with a Chinese input method's full-width pipes `｜` (and `－`, `：` in
            // its delimiter row) is read as one when it is no table as written.
            if !rows.indices.dropFirst().contains(where: { rows[$0].isDelimiter }), content.contains(where: { lines[$0].scalars.contains("｜") }),
               let d = content.indices.dropFirst().first(where: { k in
                   let delimiter = PipeRow(PipeRow.halfWidth(lines[content[k]].scalars, delimiter: true), from: from(content[k]))
                   return delimiter.isDelimiter && delimiter.hasPipe
                       && PipeRow(PipeRow.halfWidth(lines[content[k - 1]].scalars, delimiter: false), from: from(content[k - 1])).cells.count
                       == delimiter.cells.count
               }) {
                for k in (d - 1)..<content.count {
                    lines[content[k]].scalars = PipeRow.halfWidth(lines[content[k]].scalars, delimiter: k == d)
                }
                rows = content.map { PipeRow(lines[$0].scalars, from: from($0)) }
            }
            var tableStart = content.count
            if let d = rows.indices.dropFirst().first(where: { rows[$0].isDelimiter }) {
                let header = rows[d - 1], delimiter = rows[d]
                if header.cells.count == delimiter.cells.count && (header.hasPipe || delimiter.hasPipe) {
                    tableStart = d - 1
                } else if header.hasPipe && delimiter.hasPipe {
                    warn(content[d], from(content[d]), "这几行没有做成表格：表头有 \(header.cells.count) 列，下面的分隔行有 \(delimiter.cells.count) 列",
                         hint: "表头下面那一行的格数要和表头一样多，例如表头有 3 列就写 | --- | --- | --- |。")
                }
            }
            classify(content[..<tableStart].map { ($0, from($0)) })
            guard tableStart < content.count else { continue }

            // A `---` right under the table is a thematic break (as in GFM), not a setext heading
            // underline; a `===` or `-` line means nothing there and becomes a blank line.
            let tableLines = Array(content[tableStart...])
            if let u = underline {
                let prefix = Array(lines[u].scalars.prefix(from(u)))
                let isBreak = lines[u].scalars.filter { $0 == "-" }.count >= 3
                lines[u].scalars = prefix + (isBreak ? Array("***".unicodeScalars) : [])
            }
            let header = rows[tableStart]
            let width = header.cells.count
            var table = PipeTable(rows: [], alignments: rows[tableStart + 1].alignments, rowLines: [], lineCount: tableLines.count)
            for (k, l) in tableLines.enumerated() where k != 1 {
                let row = k == 0 ? header : PipeRow(lines[l].scalars, from: from(l))
                if row.cells.count > width {
                    warn(l, row.start, "表格这一行有 \(row.cells.count) 列，表头只有 \(width) 列，多出来的格子不会显示",
                         hint: "每一行用竖线「|」隔成的格数要和表头一样多。格子里的字本身有竖线时，写成 \\|。")
                } else if row.cells.count < width {
                    warn(l, row.start, "表格这一行只有 \(row.cells.count) 列，表头有 \(width) 列，缺的格子会空着",
                         hint: "空着的格子也要用竖线隔出来，例如 | 罗某福 |  | 2 |。这一行如果不是表格里的，在它前面空一行。")
                }
                var cells: [String] = []
                for cell in row.cells.prefix(width) {
                    let outcome = MaskStars.classify(cell.scalars)
                    if let w = outcome.warning { warn(l, cell.origins[w.index], emphasisMessage, hint: emphasisHint(w.hint)) }
                    cells.append(escaping(cell.scalars, at: outcome.escape))
                }
                table.rows.append(cells + Array(repeating: "", count: width - cells.count))
                table.rowLines.append(l + lineOffset + 1)
            }
            prepared.tables[block.start] = table
            for l in tableLines {
                lines[l].scalars = Array(lines[l].scalars.prefix(from(l))) + Array(tableLineWord.unicodeScalars)
            }
        }

        for (l, indices) in escapes { lines[l].scalars = Array(escaping(lines[l].scalars, at: indices).unicodeScalars) }
        prepared.text = lines.map(\.text).joined(separator: "\n")
        return prepared
    }

    static let emphasisMessage = "加粗没有生效，页面上会直接显示星号「**」"

    static func emphasisHint(_ hint: MaskStars.Hint) -> String {
        switch hint {
        case .punctuation:
            return "「**」紧挨着中文标点时不起作用。把标点移到 ** 外面，例如 **通知**：……，或在 ** 外侧加一个空格。"
        case .general:
            return "加粗要写成 **要加粗的字**：星号成对，紧贴着字，中间不留空格。本来就要显示星号的，在每个星号前加反斜杠，例如 \\*\\*。"
        }
    }

    /// The scalars with a backslash before each index in `indices`.
    static func escaping(_ scalars: [Unicode.Scalar], at indices: [Int]) -> String {
        var out = String.UnicodeScalarView()
        let set = Set(indices)
        for (i, c) in scalars.enumerated() {
            if set.contains(i) { out.append("\\") }
            out.append(c)
        }
        return String(out)
    }

    struct LeafTextBlock {
        let isHeading: Bool
        /// 1-based body lines, as cmark counts them.
        let start: Int
        let end: Int
        /// 1-based byte column where the block's text starts on its first line.
        let column: Int
    }

    /// Paragraphs and headings as cmark parses the body (never code or HTML blocks).
    static func leafTextBlocks(_ body: String) -> [LeafTextBlock] {
        let bytes = Array(body.utf8)
        guard let doc = bytes.withUnsafeBufferPointer({ buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { cmark_parse_document($0, buf.count, CMARK_OPT_VALIDATE_UTF8) }
            }
        }) else { return [] }
        defer { cmark_node_free(doc) }
        var out: [LeafTextBlock] = []
        let iter = cmark_iter_new(doc)
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                out.append(LeafTextBlock(isHeading: type == CMARK_NODE_HEADING, start: Int(cmark_node_get_start_line(node)),
                                         end: max(Int(cmark_node_get_end_line(node)), Int(cmark_node_get_start_line(node))),
                                         column: Int(cmark_node_get_start_column(node))))
            }
        }
        return out
    }
}

/// One line of the body, as scalars (a trailing CR kept aside).
struct SourceLine {
    var scalars: [Unicode.Scalar]
    let carriageReturn: Bool

    init(_ line: [Unicode.Scalar]) {
        var scalars = line
        carriageReturn = scalars.last == "\r"
        if carriageReturn { scalars.removeLast() }
        self.scalars = scalars
    }

    var text: String { String(String.UnicodeScalarView(scalars)) + (carriageReturn ? "\r" : "") }

    /// The scalar index at a byte offset of the line's UTF-8.
    func scalarOffset(ofByte byte: Int) -> Int {
        var bytes = 0
        for (i, c) in scalars.enumerated() {
            if bytes >= byte { return i }
            bytes += String(c).utf8.count
        }
        return scalars.count
    }

    /// A setext heading underline: only `=` or only `-` after the container prefix.
    var isSetextUnderline: Bool {
        let text = scalars.dropFirst(containerPrefix)
        guard let c = text.first, c == "=" || c == "-" else { return false }
        let marks = text.prefix { $0 == c }
        return text.dropFirst(marks.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// On a paragraph's continuation line: the block-quote markers and indentation before its text.
    /// (A `>` there can only be a block-quote marker: in the text it would open a new block quote.)
    var containerPrefix: Int {
        scalars.firstIndex { $0 != " " && $0 != "\t" && $0 != ">" } ?? scalars.count
    }
}

/// One line of a GFM pipe table split into cells (the GFM spec's rules: optional outer pipes,
/// cells trimmed, `\|` is a pipe inside a cell, other backslash escapes left for cmark).
struct PipeRow {
    struct Cell {
        var scalars: [Unicode.Scalar] = []
        /// For each scalar, its index in the source line.
        var origins: [Int] = []
        var text: String { String(String.UnicodeScalarView(scalars)) }
    }

    var cells: [Cell] = []
    var hasPipe = false
    /// Where the row's text starts in the line.
    var start: Int

    init(_ s: [Unicode.Scalar], from: Int) {
        var i = from
        while i < s.count && (s[i] == " " || s[i] == "\t") { i += 1 }
        start = i
        let end = (s.lastIndex { $0 != " " && $0 != "\t" } ?? -1) + 1
        func restIsBlank(_ j: Int) -> Bool { j >= end }
        if i < s.count && s[i] == "|" {
            hasPipe = true
            i += 1
            if restIsBlank(i) { return }
        }
        var cell = Cell()
        func endCell() {
            while let f = cell.scalars.first, f == " " || f == "\t" { cell.scalars.removeFirst(); cell.origins.removeFirst() }
            while let l = cell.scalars.last, l == " " || l == "\t" { cell.scalars.removeLast(); cell.origins.removeLast() }
            cells.append(cell)
            cell = Cell()
        }
        while i < s.count {
            if s[i] == "\\" && i + 1 < s.count && MaskStars.isASCIIPunctuation(s[i + 1]) {
                if s[i + 1] != "|" { cell.scalars.append("\\"); cell.origins.append(i) }
                cell.scalars.append(s[i + 1])
                cell.origins.append(i + 1)
                i += 2
            } else if s[i] == "|" {
                hasPipe = true
                endCell()
                i += 1
                if restIsBlank(i) { return }
            } else {
                cell.scalars.append(s[i])
                cell.origins.append(i)
                i += 1
            }
        }
        endCell()
    }

    /// `｜` as `|`; in a delimiter row also `－` as `-` and `：` as `:`. One scalar for one, so
    /// columns stay where they are.
    static func halfWidth(_ s: [Unicode.Scalar], delimiter: Bool) -> [Unicode.Scalar] {
        s.map { v in
            switch v {
            case "｜": return "|"
            case "－" where delimiter: return "-"
            case "：" where delimiter: return ":"
            default: return v
            }
        }
    }

    /// A delimiter row: every cell is hyphens with optional colons (`---`, `:---`, `---:`, `:---:`).
    var isDelimiter: Bool {
        !cells.isEmpty && cells.allSatisfy { $0.text.range(of: "^:?-+:?$", options: .regularExpression) != nil }
    }

    var alignments: [Markdown.TableAlignment?] {
        cells.map { c in
            switch (c.scalars.first == ":", c.scalars.last == ":") {
            case (true, true): return .center
            case (false, true): return .right
            case (true, false): return .left
            case (false, false): return nil
            }
        }
    }
}
