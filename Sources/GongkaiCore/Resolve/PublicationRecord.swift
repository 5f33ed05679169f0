import Crypto
import Foundation
import Yams

/// Content digests: SHA-256 (swift-crypto) over every file a notice is made of.
enum ContentDigest {
    /// `files` are (content-relative name, absolute path); each contributes its name, its length and its bytes.
    static func of(_ files: [(name: String, path: String)], fs: any FileSystem) -> String {
        var h = SHA256()
        for f in files.sorted(by: { $0.name < $1.name }) {
            let data = fs.read(f.path) ?? Data()
            h.update(data: Data(f.name.utf8))
            h.update(data: Data([0]))
            h.update(data: Data(String(data.count).utf8))
            h.update(data: Data([0]))
            h.update(data: data)
        }
        return h.finalize().hex
    }

    /// The notice's inputs: its source, data files, attachments and embedded files. `id` names the
    /// source (default: the notice's own id); another id gives the digest the same files would
    /// have had under that id (to recognise a published notice moved to another board or name).
    static func of(_ n: Notice, loc: ContentLocation, id: String? = nil) -> String {
        let rootReal = loc.fs.realPath(loc.root)
        func rel(_ abs: String) -> String { abs.hasPrefix(rootReal + "/") ? String(abs.dropFirst(rootReal.count + 1)) : abs }
        // Names are the notice's id and paths relative to its folder, so moving a notice together
        // with its files to another folder of the same board does not change its digest.
        let dir = (n.contentPath as NSString).deletingLastPathComponent
        func name(_ contentRel: String) -> String {
            contentRel.hasPrefix(dir + "/") ? String(contentRel.dropFirst(dir.count + 1)) : "/" + contentRel
        }
        var files = [((id ?? n.id) + ".md", (loc.root as NSString).appendingPathComponent(n.contentPath))]
        files += n.dataFiles.map { (name($0), (loc.root as NSString).appendingPathComponent($0)) }
        files += (n.attachments + n.embedded).map { (name(rel($0.sourcePath)), $0.sourcePath) }
        var seen = Set<String>()
        return of(files.filter { seen.insert($0.0).inserted }, fs: loc.fs)
    }
}

/// Reading, reconciling and writing the publication record (the type is in Model/).
extension PublicationRecord {
    /// The fields of a notice's entry and of one of its versions, each declared once.
    enum EntryField {
        static let firstPublished = Field("first_published", "首次发布", .day, required: true)
        static let versions = Field("versions", "各版本", .mapList)
        static let all = [firstPublished, versions]
    }

    enum VersionField {
        static let recorded = Field("recorded", "记录日期", .day, required: true)
        static let sha256 = Field("sha256", "内容指纹", .text, required: true)
        static let corrections = Field("corrections", "更正条数", .int(0...100000))
        static let withdrawn = Field("withdrawn", "已撤回", .bool)
        static let outcome = Field("outcome", "公示结果", .bool)
        static let all = [recorded, sha256, corrections, withdrawn, outcome]
    }

    static func load(_ loc: ContentLocation, into sink: Diagnostics) -> PublicationRecord {
        var record = PublicationRecord()
        guard loc.fs.stat(loc.path(fileName)) != nil else { return record }
        guard let src = Loader.readText(loc, fileName, sink, required: true, limit: nil) else { return record }
        // The program never writes an empty record (it always has its two comment lines): an empty
        // one lost its history, and reading it as "nothing published yet" would drop every digest.
        if src.text.allSatisfy(\.isWhitespace) {
            sink.report(Diagnostic(.error, file: src.displayPath, line: 1, column: 1, "文件是空的",
                                   hint: "发布记录由程序维护，不会是空的，多半是保存或复制时出了问题：请从版本库里恢复 publication-record.yaml。"
                                       + "如果还从来没有生成过网站，直接删掉这个空文件。"))
            return record
        }
        if let fast = parseOwnFormat(src.text) { return fast }
        let ctx = YAMLContext(source: src, into: sink)
        guard let node = ctx.compose(src.text) else { return record }
        guard case let .mapping(map) = node else {
            ctx.error(node.mark, "发布记录格式不对", hint: "这个文件由 gongkai build 自动维护；请从版本库里恢复它，不要手工修改。")
            return record
        }
        for (k, v) in map {
            guard let id = k.string, let m = MapReader(v, ctx: ctx, place: id, what: "发布记录「\(id)」") else { continue }
            m.checkKeys(EntryField.all)
            guard let first = m.day(EntryField.firstPublished) else { continue }
            var versions: [Version] = []
            for x in m.mapList(EntryField.versions) {
                x.checkKeys(VersionField.all)
                guard let d = x.day(VersionField.recorded), let h = x.string(VersionField.sha256) else { continue }
                versions.append(Version(recorded: d, sha256: h, corrections: x.int(VersionField.corrections) ?? 0,
                                        withdrawn: x.bool(VersionField.withdrawn) ?? false, outcome: x.bool(VersionField.outcome) ?? false))
            }
            record.entries[id] = Entry(firstPublished: first, versions: versions)
        }
        return record
    }

    /// Reads the exact format `rendered()` writes, line by line (a record grows with every notice
    /// ever published, and this is much faster than a general YAML parse). Returns nil when the file
    /// was edited into another shape (a quoted id or value, an id twice, an entry without its first
    /// publication …); it is then read as YAML, which reports what is wrong.
    static func parseOwnFormat(_ text: String) -> PublicationRecord? {
        var record = PublicationRecord()
        var id: String?
        var entry: Entry?
        func flush() -> Bool {
            guard let id else { return true }
            guard let entry, record.entries[id] == nil else { return false }
            record.entries[id] = entry
            return true
        }
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            if line.hasPrefix("#") { continue }
            if !line.hasPrefix(" "), line.hasSuffix(":") {
                guard flush(), isPlain(line.dropLast()) else { return nil }
                id = String(line.dropLast())
                entry = nil
            } else if line.hasPrefix("  first_published: "), entry == nil, let d = Day(parsing: String(line.dropFirst(19))) {
                entry = Entry(firstPublished: d, versions: [])
            } else if line == "  versions:" {
                continue
            } else if line.hasPrefix("    - { recorded: "), line.hasSuffix(" }"), entry != nil {
                var fields: [String: String] = [:]
                for part in line.dropFirst(8).dropLast(2).split(separator: ",") {
                    let kv = part.split(separator: ":", maxSplits: 1).map { $0.trimmingBlank() }
                    guard kv.count == 2, VersionField.all.contains(where: { $0.key == kv[0] }) else { return nil }
                    fields[kv[0]] = kv[1]
                }
                guard let d = fields["recorded"].flatMap(Day.init(parsing:)), let h = fields["sha256"], h.allSatisfy(\.isHexDigit),
                      let c = fields["corrections"].flatMap(Int.init),
                      [fields["withdrawn"], fields["outcome"]].allSatisfy({ [nil, "true", "false"].contains($0) }) else { return nil }
                entry!.versions.append(Version(recorded: d, sha256: h, corrections: c, withdrawn: fields["withdrawn"] == "true",
                                               outcome: fields["outcome"] == "true"))
            } else {
                return nil
            }
        }
        guard flush() else { return nil }
        return record
    }

    /// An id as `rendered()` writes it, which YAML reads as the same text: not quoted, no YAML
    /// punctuation at its start, no `: ` or ` #` inside.
    static func isPlain(_ id: Substring) -> Bool {
        guard let first = id.first, !"\"'-?:,[]{}#&*!|>%@`".contains(first), id.last != " " else { return false }
        return !id.contains(": ") && !id.contains(" #") && !id.contains("\t")
    }

    /// Deterministic YAML, sorted by notice id.
    public func rendered() -> String {
        var out = "# 发布记录：由 gongkai build 自动维护，只增不改。请和内容一起提交到版本库，不要手工修改。\n"
        out += "# 每篇公开：首次发布日期，以及每个已发布版本的内容指纹（SHA-256）。\n"
        for id in entries.keys.sorted() {
            let e = entries[id]!
            out += "\(id):\n  first_published: \(e.firstPublished.iso)\n  versions:\n"
            for v in e.versions {
                out += "    - { recorded: \(v.recorded.iso), sha256: \(v.sha256), corrections: \(v.corrections)\(v.withdrawn ? ", withdrawn: true" : "")\(v.outcome ? ", outcome: true" : "") }\n"
            }
        }
        return out
    }

    static func short(_ h: String) -> String { String(h.prefix(12)) }

    /// The latest first publication in the record, and its notice id.
    var lastPublication: (day: Day, id: String)? {
        entries.map { (day: $0.value.firstPublished, id: $0.key) }.max { ($0.day, $1.id) < ($1.day, $0.id) }
    }

    /// Compares the published notices with the record: new notices are added, a changed notice must
    /// carry a new correction (or a withdrawal), and a recorded notice may not disappear.
    /// - Parameters:
    ///   - digestAs: the digest a notice's files would have under another notice id (recognises a
    ///     recorded notice moved to a new path).
    ///   - entryLine: the line of a notice id's entry in the record file, for messages.
    ///   - unreadable: ids whose files are there but could not be read; their own errors are enough.
    func reconciled(with published: [Notice], all: [Notice], unreadable: Set<String> = [], today: Day, recordPath: String = fileName,
                    digestAs: (Notice, String) -> String = { n, _ in n.digest },
                    entryLine: (String) -> (number: Int, text: String)? = { _ in nil }, into sink: Diagnostics) -> PublicationRecord {
        var next = self
        // A build dated before the record's last publication: say so once; the notices published
        // after that date are then simply not yet public, not "withdrawn".
        let datedBefore = lastPublication.flatMap { $0.day > today ? $0 : nil }
        if let last = datedBefore {
            let line = entryLine(last.id)
            sink.report(Diagnostic(.error, file: recordPath, line: line?.number ?? 0, column: 1,
                                   "生成日期 \(today.iso) 早于发布记录里最后一次发布的日期 \(last.day.iso)（「\(last.id)」）",
                                   hint: "发布记录只增不改，生成日期不能往回倒：请去掉 --date（按今天生成），或写 \(last.day.iso) 或以后的日期。"
                                       + "要看以前某一天的网站，请用版本库里那一天的内容和发布记录。", sourceLine: line?.text))
        }
        var publicNow = Set<String>()
        publicNow.reserveCapacity(published.count)
        for n in published {
            publicNow.insert(n.id)
            let recorded = entries[n.id]?.versions.last
            if recorded?.sha256 == n.digest { continue }  // the same as recorded: most notices
            let version = Version(recorded: today, sha256: n.digest, corrections: n.process.corrections.count,
                                  withdrawn: n.process.withdrawn != nil, outcome: n.gongshi?.outcome != nil)
            guard var e = entries[n.id], let last = recorded else {
                next.entries[n.id] = Entry(firstPublished: n.date, versions: [version])
                continue
            }
            // A recorded change: a new correction, a withdrawal, or the 公示 outcome written after the window.
            if version.corrections > last.corrections || (version.withdrawn && !last.withdrawn) || (version.outcome && !last.outcome) {
                e.versions.append(version)
                next.entries[n.id] = e
            } else {
                sink.report(Diagnostic(.error, file: n.sourcePath, line: 1, column: 1,
                                       "这篇公开在 \(e.firstPublished.iso) 已经发布，之后内容被改动了，但没有登记更正（原指纹 \(Self.short(last.sha256))，现指纹 \(Self.short(n.digest))）",
                                       hint: "已发布的公开不能悄悄修改。请在开头信息区加一条更正记录：\n      corrections:\n        - { date: 日期, what: 改了什么, why: 为什么改 }\n    或者恢复原来的内容，另发一篇更正公开（corrects）。附件和数据文件的改动也算。"))
            }
        }
        let gone = entries.filter { !publicNow.contains($0.key) && !unreadable.contains($0.key) }
        // Notices not in the record, by the digest of every version they could be (for moves).
        let unrecorded = gone.isEmpty ? [] : all.filter { entries[$0.id] == nil }
        let anyNow = gone.isEmpty ? [:] : Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, e) in gone.sorted(by: { $0.key < $1.key }) {
            let first = e.firstPublished.iso
            if datedBefore != nil, e.firstPublished > today { continue }
            let digests = Set(e.versions.map(\.sha256))
            if anyNow[id] == nil, let moved = unrecorded.first(where: { digests.contains(digestAs($0, id)) }) {
                let old = Self.formerPath(of: moved, id: id)
                sink.report(Diagnostic(.error, file: moved.sourcePath, line: 1, column: 1,
                                       "这篇就是 \(first) 已经发布的「\(id)」，原来在 \(old)，被挪到了这里",
                                       hint: "已发布的公开不能挪到别的公开栏，也不能改文件名（网址和发布记录都跟着原来的位置）。"
                                           + "请把它挪回 \(old)。如果当初发错了公开栏：挪回去以后，在原文件里加撤回记录 "
                                           + "withdrawn: { date: 日期, reason: 发错了公开栏 }，再在正确的公开栏另写一篇新的公开。"))
                continue
            }
            if let n = anyNow[id] {
                sink.report(Diagnostic(.error, file: n.sourcePath, line: 1, column: 1,
                                       "这篇公开在 \(first) 已经发布，现在却不再公开（草稿、党内或缺少签字）",
                                       hint: "已发布的公开不能悄悄撤下。要撤下，请加撤回记录：withdrawn: { date: 日期, reason: 原因 }。"))
            } else {
                let line = entryLine(id)
                sink.report(Diagnostic(.error, file: recordPath, line: line?.number ?? 0, column: 1,
                                       "已发布的公开「\(id)」（\(first) 首次发布）的文件不见了",
                                       hint: "已发布的公开不能删除或改文件名。请把文件恢复原样；要撤下，请保留文件并加撤回记录 withdrawn: { date: 日期, reason: 原因 }。",
                                       sourceLine: line?.text))
            }
        }
        return next
    }

    /// The line where `id`'s entry starts in the record file of `loc`.
    static func entryLine(_ id: String, in loc: ContentLocation) -> (number: Int, text: String)? {
        guard let text = loc.fs.read(loc.path(fileName)).flatMap({ String(data: $0, encoding: .utf8) }) else { return nil }
        for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l == id + ":" {
            return (i + 1, String(l))
        }
        return nil
    }

    /// Where a notice moved to `moved`'s place lay under its recorded id `board/slug`: the same
    /// folders below the board, and the recorded slug as file name unless `slug:` named it.
    static func formerPath(of moved: Notice, id: String) -> String {
        guard let slash = id.firstIndex(of: "/") else { return id }
        let board = String(id[..<slash]), slug = String(id[id.index(after: slash)...])
        var parts = moved.sourcePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let boardAt = parts.count - moved.contentPath.split(separator: "/").count + 1
        guard boardAt >= 1, boardAt < parts.count, parts[boardAt] == moved.board else { return id }
        parts[boardAt] = board
        if (parts[parts.count - 1] as NSString).deletingPathExtension == moved.slug { parts[parts.count - 1] = slug + ".md" }
        return parts.joined(separator: "/")
    }
}
