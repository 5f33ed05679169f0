import Foundation
import Yams

/// Where the content is and how paths are shown in messages.
public struct ContentLocation: Sendable {
    /// Absolute path of the Content/ folder.
    public var root: String
    /// How the folder is named in messages (e.g. `Content`).
    public var display: String
    /// Where the files are read from (the disk, or memory in tests).
    public var fs: any FileSystem

    public init(root: String, display: String, fs: any FileSystem = DiskFileSystem()) {
        self.root = root
        self.display = display
        self.fs = fs
    }

    /// The absolute path of `relative` (a path under Content/).
    public func path(_ relative: String) -> String {
        // A plain relative path (as the listing gives them) is joined without NSString, which
        // costs a bridge each way and was a tenth of a rebuild's reading of 10,000 notices.
        if !relative.isEmpty, !root.isEmpty, !root.hasSuffix("/"), !relative.hasPrefix("/"), !relative.hasSuffix("/"),
           !Bytes.contains(relative, "//"), !Bytes.contains(root, "//") {
            return root + "/" + relative
        }
        return (root as NSString).appendingPathComponent(relative)
    }

    public func displayPath(_ relative: String) -> String {
        display.isEmpty ? relative : (display.hasSuffix("/") ? display + relative : display + "/" + relative)
    }
}

/// Stage 1: read Content/ into a `ContentModel`. Each file's own problems (a bad date at line 3,
/// a missing file it names) are reported as it is read; checks across files are `Validator`'s.
public enum Loader {
    /// One notice file as read: its parse (nil when it could not be read) and, for a file without
    /// front matter, its text. A class: a long-running process hands the same one to every load.
    final class NoticeFile: @unchecked Sendable {
        /// Set once, and dropped only by `dropParse()`.
        private(set) var parsed: (notice: Notice, pending: NoticeParser.PendingBody)?
        let bare: SourceFile?
        init(_ parsed: (Notice, NoticeParser.PendingBody)?, bare: SourceFile?) {
            self.parsed = parsed
            self.bare = bare
        }

        /// A build without a cache lets the parse go once its body is rendered (the notice before
        /// its body, for every notice, until the last body is done). Called by the one job that
        /// renders this file's body, after it took the parse.
        func dropParse() { parsed = nil }
    }

    /// `[a-z0-9][a-z0-9-]*`
    static func isSlug(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "-") else { return false }
        return s.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    /// Reads everything. Returns the model, or nil when the site config is unusable. `today`
    /// decides which notices can be linked to (a link must not reveal an unpublished one).
    /// With a `cache` (a long-running process), unchanged notice files are not parsed again.
    /// With `bodies` (a build that renders once and ends), bodies and texts are kept there.
    public static func load(_ loc: ContentLocation, today: Day, cache: LoadCache? = nil, bodies: BodyStore? = nil,
                            into sink: Diagnostics) -> ContentModel? {
        let scope = sink.scope()
        let model = loadAll(loc, today: today, cache: cache, bodies: bodies, into: scope)
        cache?.end(clean: !scope.hasErrors)
        return model
    }

    private static func loadAll(_ loc: ContentLocation, today: Day, cache: LoadCache?, bodies: BodyStore?,
                                into sink: Diagnostics) -> ContentModel? {
        guard loc.fs.isDirectory(loc.root) else {
            sink.report(Diagnostic(.error, file: loc.display, "找不到内容文件夹", hint: "在网站文件夹里运行，或用 --content 指定内容文件夹的位置。"))
            return nil
        }

        // site.yaml
        let siteFile = "site.yaml"
        guard let siteSource = readSource(loc, siteFile, sink, required: true) else { return nil }
        let site = parseSite(siteSource, sink)
        let privacy = site?.publicNumbers ?? []
        scanPrivacy(siteSource, relativePath: siteFile, allowed: privacy, sink)

        // villages/*.yaml
        var boards: [Board] = []
        let villageFiles = listFiles(loc, "villages").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        for rel in villageFiles {
            let name = (rel as NSString).lastPathComponent
            let slug = (name as NSString).deletingPathExtension
            if rel.split(separator: "/").count > 2 {
                sink.report(Diagnostic(.error, file: loc.displayPath(rel), "村的文件要直接放在 villages 文件夹里", hint: "把它移到 villages/ 下。"))
                continue
            }
            guard let src = readSource(loc, rel, sink, required: true, privacy: privacy) else { continue }
            guard isSlug(slug), slug != Board.townshipSlug else {
                sink.report(Diagnostic(.error, file: src.displayPath, line: 1, column: 1,
                                       "文件名「\(name)」不能用作网址",
                                       hint: slug == Board.townshipSlug ? "township 留给乡镇本级使用，请给村换一个名字。" : "文件名只能用小写英文字母、数字和连字符「-」，例如 shiqiao.yaml（一般用村名拼音）。"))
                continue
            }
            if boards.contains(where: { $0.slug == slug }) {
                sink.report(Diagnostic(.error, file: src.displayPath, "村「\(slug)」有两个信息文件（.yaml 和 .yml）", hint: "删掉其中一个。"))
                continue
            }
            if let b = parseVillage(src, slug: slug, privacy: privacy, sink) { boards.append(b) }
        }
        if villageFiles.isEmpty {
            sink.report(Diagnostic(.warning, file: loc.displayPath("villages"), "没有登记任何村", hint: "在 villages 文件夹里为每个村建一个 .yaml 文件。"))
        }
        boards.sort { ($0.order, $0.slug) < ($1.order, $1.slug) }
        guard let site else { return nil }
        boards.append(Board(slug: Board.townshipSlug, name: site.name, order: Int.max, intro: site.intro,
                            groups: [], committee: [], supervisors: [], spokesperson: nil,
                            phone: site.contact, reportPhone: site.reportPhone, boardLocation: nil))
        let boardBySlug = Dictionary(uniqueKeysWithValues: boards.map { ($0.slug, $0) })

        // notices/<board>/**/*.md
        let noticeFiles = listFiles(loc, "notices").filter { $0.hasSuffix(".md") }
        var jobs: [(String, Board)] = []
        var unknownFolders: [String: Int] = [:]
        var unreadable: Set<String> = []
        func id(_ board: String, _ rel: String) -> String {
            board + "/" + ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        for rel in noticeFiles {
            let parts = rel.split(separator: "/", maxSplits: 2)  // notices, the board's folder, the rest
            guard parts.count >= 3 else {
                sink.report(Diagnostic(.error, file: loc.displayPath(rel), "公开文件要放在对应村的文件夹里",
                                       hint: "例如 notices/shiqiao/2026/某某公开.md；乡镇本级的放在 notices/township/ 里。"))
                continue
            }
            let folder = String(parts[1])
            guard let board = boardBySlug[folder] else {
                unknownFolders[folder, default: 0] += 1
                unreadable.insert(id(folder, rel))
                continue
            }
            jobs.append((rel, board))
        }

        // One message per unknown folder, not one per file in it; none for a village whose file is
        // there but has errors (those errors say what to fix).
        let villageSlugs = Set(villageFiles.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
        for (folder, count) in unknownFolders.sorted(by: { $0.key < $1.key }) where !villageSlugs.contains(folder) {
            var hint = "notices 下的文件夹名必须是已登记的村（villages 里的文件名）或 township。"
            if let g = closest(folder, among: Array(boardBySlug.keys)) { hint = "是不是「\(g)」？" + hint }
            else { hint += "新的村要先在 villages 文件夹里建 \(folder).yaml。" }
            sink.report(Diagnostic(.error, file: loc.displayPath("notices/\(folder)"), "文件夹「\(folder)」不是已登记的村（里面有 \(count) 篇公开）", hint: hint))
        }

        // What every notice is parsed against.
        cache?.begin(context: Dictionary(uniqueKeysWithValues: ([siteFile] + villageFiles).map { ($0, loc.fs.read(loc.path($0)) ?? Data()) }))
        // Parse notices in parallel; each job is independent.
        // A file without front matter is kept aside: it may be meant as another notice's attachment.
        let work = jobs
        // A long-running process takes the unchanged files' parses in one go (one lock, in file
        // order); only the others are parsed, in parallel.
        let kept = cache?.parsed(jobs.map { ($0.0, loc.fs.read(loc.path($0.0))) }).map { $0.map { ($0.file, $0.diagnostics) } }
        let files = keptOrMade(jobs.count, kept: kept, into: sink) { i -> NoticeFile in
            let (rel, board) = work[i]
            let bytes = cache == nil ? nil : loc.fs.read(loc.path(rel))
            let local = sink.scope()
            var parsed: (Notice, NoticeParser.PendingBody)?
            var bare: SourceFile?
            if let src = readSource(loc, rel, local, required: true, privacy: site.publicNumbers) {
                if NoticeParser.FrontMatter.present(in: src) {
                    parsed = NoticeParser.parse(src, relativePath: rel, board: board, site: site, loc: loc, into: local)
                    if cache == nil { parsed = parsed.map { ($0.0, $0.1.light) } }
                } else {
                    bare = src
                }
            }
            let file = NoticeFile(parsed, bare: bare)
            if let bytes { cache?.store(rel, bytes: bytes, (file, local.all)) }
            return file
        }
        var parsed: [NoticeFile] = []
        parsed.reserveCapacity(jobs.count)
        var withoutFrontMatter: [(path: String, source: SourceFile)] = []
        var seen: [String: String] = [:]
        for (i, file) in files.enumerated() {
            if let bare = file.bare { withoutFrontMatter.append((work[i].0, bare)) }
            guard let n = file.parsed?.notice else {
                unreadable.insert(id(work[i].1.slug, work[i].0))
                continue
            }
            // Two notices cannot have one address: the second is not read into the model.
            let key = n.id  // board/slug
            if let other = seen[key] {
                sink.report(Diagnostic(.error, file: n.sourcePath, line: 1, column: 1,
                                       "网址「\(n.board)/notice/\(n.slug).html」和 \(other) 重复",
                                       hint: "同一个村里每个公开文件的文件名（或 slug）必须不同，请改一个文件名。"))
                continue
            }
            seen[key] = n.sourcePath
            parsed.append(file)
        }

        // Bodies, now that every notice's URL is known (links between notices).
        // Only notices that will be public can be linked: a link must not reveal a 党内, draft,
        // future or unsigned notice (not even its address).
        let township = boardBySlug.mapValues(\.isTownship)
        func isPublic(_ n: Notice) -> Bool {
            ProcessCheck.withholdReason(n, site: site, township: township[n.board], today: today) == nil
        }
        let (noticeURLs, hiddenPaths) = {
            var urls: [String: String] = [:]
            var hidden = Set<String>()
            urls.reserveCapacity(parsed.count)
            for file in parsed {
                guard let (n, pending) = file.parsed else { continue }
                if isPublic(n) {
                    if urls[pending.relativePath] == nil { urls[pending.relativePath] = URLs.notice(n) }
                } else {
                    hidden.insert(pending.relativePath)
                }
            }
            return (urls, hidden)
        }()
        cache?.useLinks(urls: noticeURLs, hidden: hiddenPaths)
        // Then the content digest (tamper evidence), which covers the files the body embeds.
        let items = parsed  // files with a parse (the others were left out above)
        let keptBodies = cache?.bodies(items.map { $0.parsed!.pending.relativePath }).map { $0.map { ($0.notice, $0.diagnostics) } }
        let notices = keptOrMade(items.count, kept: keptBodies, into: sink) { i -> Notice in
            var (n, light) = items[i].parsed!
            if cache == nil { items[i].dropParse() }
            let local = sink.scope()
            guard let pending = light.full(loc) else {
                local.report(Diagnostic(.error, file: n.sourcePath, line: 1, column: 1, "文件在生成网站的过程中被改动或删除了",
                                        hint: "等文件保存好以后，再运行一次。"))
                return n
            }
            let links = NoticeParser.renderBody(&n, pending, noticeURLs: noticeURLs, hidden: hiddenPaths, site: site, loc: loc, into: local)
            n.digest = ContentDigest.of(n, loc: loc)
            if let bodies { n.keepBody(in: bodies) }
            cache?.storeBody(pending.relativePath, (n, local.all), links: links)
            return n
        }

        // decisions/<board>/**/*.md: 四议两公开 records.
        var decisions: [Decision] = []
        let noticePaths = Set(notices.map(\.contentPath))
        var seenDecisions: [String: String] = [:]
        cache?.useNoticePaths(noticePaths)
        for rel in listFiles(loc, "decisions").filter({ $0.hasSuffix(".md") }) {
            let parts = rel.split(separator: "/").map(String.init)
            guard parts.count >= 3, let board = boardBySlug[parts[1]] else {
                sink.report(Diagnostic(.error, file: loc.displayPath(rel), "决策记录要放在 decisions/<村>/ 文件夹里",
                                       hint: "例如 decisions/shiqiao/2025-daolu.md；文件夹名是已登记的村。"))
                continue
            }
            let parsed: Decision?
            let bytes = cache == nil ? nil : loc.fs.read(loc.path(rel))
            if let bytes, let known = cache?.decision(rel, bytes: bytes) {
                sink.report(known.diagnostics)
                parsed = known.decision
            } else {
                let local = sink.scope()
                let asked = DecisionParser.Asked()
                parsed = readSource(loc, rel, local, required: true, privacy: site.publicNumbers).flatMap { src in
                    DecisionParser.parse(src, relativePath: rel, board: board, noticePaths: noticePaths,
                                         noticeURLs: noticeURLs, allowed: site.publicNumbers, asked: asked, into: local)
                }
                if let bytes { cache?.storeDecision(rel, bytes: bytes, parsed, diagnostics: local.all, asked: asked.paths) }
            }
            guard let d = parsed else { continue }
            if let other = seenDecisions[d.id] {
                sink.report(Diagnostic(.error, file: d.sourcePath, line: 1, column: 1, "决策记录的文件名和 \(other) 重复", hint: "请改一个文件名。"))
                continue
            }
            seenDecisions[d.id] = d.sourcePath
            decisions.append(d)
        }
        let record = cache.map { c in
            c.record(loc.fs.read(loc.path(PublicationRecord.fileName)), read: { PublicationRecord.load(loc, into: $0) }, into: sink)
        } ?? PublicationRecord.load(loc, into: sink)
        return ContentModel(site: site, boards: boards, notices: notices, decisions: decisions, record: record, unreadable: unreadable,
                            withoutFrontMatter: withoutFrontMatter)
    }

    // MARK: - Files

    /// Every regular file under `Content/<dir>`, as paths relative to Content/, sorted.
    static func listFiles(_ loc: ContentLocation, _ dir: String) -> [String] {
        loc.fs.files(under: loc.path(dir)).compactMap { p in
            let name = p.utf8.lastIndex(of: UInt8(ascii: "/")).map { p[p.index(after: $0)...] } ?? p[...]
            return name.hasPrefix(".") || name.hasSuffix("~") ? nil : dir + "/" + p
        }
    }

    /// Reads a content file: UTF-8 (a BOM is dropped), CRLF turned into LF, not empty. With
    /// `privacy`, the text (and the file's name) is scanned for unmasked personal numbers;
    /// `privacy` lists numbers that are published on purpose.
    static func readSource(_ loc: ContentLocation, _ rel: String, _ sink: Diagnostics, required: Bool,
                           privacy: Set<String>? = nil) -> SourceFile? {
        guard let src = readText(loc, rel, sink, required: required) else { return nil }
        // Only blank space (or a BOM): an editor that failed to save, or a file never filled in.
        if src.text.allSatisfy(\.isWhitespace) {
            sink.report(Diagnostic(.error, file: src.displayPath, line: 1, column: 1, "文件是空的",
                                   hint: "文件里什么也没有，可能没有保存成功：请打开它，把内容写好后保存；不用的文件请删掉。"))
            return nil
        }
        if let allowed = privacy { scanPrivacy(src, relativePath: rel, allowed: allowed, sink) }
        Placeholder.check(src, sink)
        return src
    }

    /// Whether `Content/<rel>` is a file (not missing, not a folder).
    static func isFile(_ loc: ContentLocation, _ rel: String) -> Bool {
        loc.fs.isFile(loc.path(rel))
    }

    static func scanPrivacy(_ src: SourceFile, relativePath rel: String, allowed: Set<String>, _ sink: Diagnostics) {
        for f in PersonalData.scan(src.text, allowed: allowed) {
            sink.report(PersonalData.diagnostic(f, in: src))
        }
        if ["csv", "tsv"].contains((rel as NSString).pathExtension.lowercased()) {
            for f in PersonalData.scanCSVFields(src.text, allowed: allowed) {
                sink.report(PersonalData.diagnostic(f, in: src, shownJoined: true))
            }
        }
        for f in PersonalData.scanPath(rel, allowed: allowed) {
            sink.report(Diagnostic(.error, file: src.displayPath, "文件名里有完整的\(f.kind.label)，不能公开：请改成 \(f.masked)",
                                   hint: "文件名也会出现在网址里，请给文件改名。"))
        }
    }

    /// Text files a clerk writes (content, data) larger than this are refused (documented in
    /// content-spec.md, Limits). The publication record is the program's own file and grows with
    /// the site (about 180 bytes a notice: 9 MB at 50,000 notices), so it has no limit (`limit: nil`).
    static let maxTextFileBytes = 5_000_000

    static func readText(_ loc: ContentLocation, _ rel: String, _ sink: Diagnostics, required: Bool,
                         limit: Int? = maxTextFileBytes) -> SourceFile? {
        let shown = loc.displayPath(rel)
        guard let data = loc.fs.read(loc.path(rel)) else {
            if required {
                sink.report(Diagnostic(.error, file: shown, "找不到文件或无法读取",
                                       hint: rel == "site.yaml" ? "每个网站都需要 site.yaml，写明乡镇名称、主办单位、联系电话等。" : nil))
            }
            return nil
        }
        if let limit, data.count > limit {
            sink.report(Diagnostic(.error, file: shown, "文件太大（\(data.count / 1_000_000) MB），不像是公开文件",
                                   hint: "公开文件的文字一般不超过几百 KB。大的表格或扫描件请作为附件（attachments）。"))
            return nil
        }
        guard var text = utf8Text(data, file: shown, sink) else { return nil }
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return SourceFile(displayPath: shown, text: text)
    }

    /// The text of a file that must be UTF-8, without its BOM. Otherwise the problem is reported
    /// at the file (`shown`), at the line and column of the first byte that is not UTF-8, and nil
    /// is returned. `effect` says what follows for the clerk (the file is not read, a table is
    /// not shown …).
    static func utf8Text(_ data: Data, file shown: String, severity: Diagnostic.Severity = .error,
                         effect: String = "无法读取", _ sink: Diagnostics) -> String? {
        if !looksUTF16(data), var text = String(data: data, encoding: .utf8) {
            if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
            return text
        }
        let utf16 = looksUTF16(data)
        let (line, column) = utf16 ? (1, 1) : firstInvalidUTF8(data)
        var hint = utf16
            ? "这个文件是用“Unicode”（UTF-16）编码保存的（记事本“另存为”里的“Unicode”或“Unicode big endian”）。在编辑器里“另存为”，编码选择 UTF-8。"
            : "在编辑器里“另存为”，编码选择 UTF-8。常见原因：用 GBK/GB2312 保存了文件。"
        if (shown as NSString).pathExtension.lowercased() == "csv" {
            hint += "Excel 表格请“另存为”“CSV UTF-8（逗号分隔）”。"
        }
        sink.report(Diagnostic(severity, file: shown, line: line, column: column, "文件不是 UTF-8 编码，\(effect)", hint: hint))
        return nil
    }

    /// Whether `data` looks like UTF-16 text (what Notepad saves as “Unicode”): a UTF-16 byte
    /// order mark, or at least one byte in ten zero (the high or low half of every ASCII
    /// character), which no text in UTF-8 or GBK has; a stray zero byte is not enough.
    static func looksUTF16(_ data: Data) -> Bool {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return true }
        let zeros = data.withUnsafeBytes { bytes in bytes.reduce(0) { $1 == 0 ? $0 + 1 : $0 } }
        return zeros > 0 && zeros * 10 >= data.count
    }

    /// The text of UTF-16 `data` (see `looksUTF16`): by its byte order mark, else little-endian
    /// when its zero bytes are mostly at odd offsets (ASCII as Windows writes it), else big-endian.
    static func utf16Text(_ data: Data) -> String? {
        guard looksUTF16(data) else { return nil }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
        let bytes = [UInt8](data)
        let oddZeros = stride(from: 1, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
        let evenZeros = stride(from: 0, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
        return String(data: data, encoding: oddZeros >= evenZeros ? .utf16LittleEndian : .utf16BigEndian)
    }

    /// Line and column (in characters, 1-based) of the first byte that is not valid UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
        var bytes = data.makeIterator()
        var decoder = UTF8()
        var (line, column) = (1, 1)
        while true {
            switch decoder.decode(&bytes) {
            case let .scalarValue(s):
                if s == "\n" { (line, column) = (line + 1, 1) } else if s != "\u{FEFF}" || line > 1 || column > 1 { column += 1 }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }

    // MARK: - site.yaml

    static func parseSite(_ src: SourceFile, _ sink: Diagnostics) -> SiteConfig? {
        let ctx = YAMLContext(source: src, into: sink)
        let root = ctx.compose(src.text)
        guard let m = MapReader(root, ctx: ctx, place: "", what: "site.yaml") else { return nil }
        m.checkKeys(SiteField.all)
        let name = m.string(SiteField.name)
        let county = m.string(SiteField.county)
        let host = m.string(SiteField.host)
        let contact = m.string(SiteField.contact)
        let report = m.string(SiteField.reportPhone)
        var baseURL = m.string(SiteField.baseURL)
        if let b = baseURL {
            if !(b.hasPrefix("https://") || b.hasPrefix("http://")) {
                ctx.error(m.keyMark("base_url"), "网站地址要以 https:// 或 http:// 开头：\(b)", hint: "例如 base_url: https://qinghe.example.gov.cn/")
                baseURL = nil
            } else if !b.hasSuffix("/") {
                baseURL = b + "/"
            }
        }
        var footer = Footer()
        if let f = m.map(SiteField.footer) {
            f.checkKeys(SiteField.Footer.all)
            footer = Footer(icp: f.string(SiteField.Footer.icp), police: f.string(SiteField.Footer.police),
                            siteCode: f.string(SiteField.Footer.siteCode))
        }
        let pageSize = m.int(SiteField.pageSize) ?? 20
        let publicNumbers = Set(m.stringList(SiteField.publicNumbers).map { $0.filter(\.isASCIIDigitChar) })
        ctx.scanValues(root, allowed: publicNumbers)
        var categories = Category.defaults
        if m.node("categories") != nil {
            categories = []
            for c in m.mapList(SiteField.categories) {
                c.checkKeys(SiteField.Category.all)
                guard let key = c.string(SiteField.Category.key),
                      let cname = c.string(SiteField.Category.name) else { continue }
                if !isSlug(key) {
                    ctx.error(c.keyMark("key"), "类别的 key「\(key)」只能用小写英文字母、数字和连字符", hint: "例如 caiwu。")
                }
                if ["notice", "decision", "files", "feed", "index", "category", "assets", "status", "print"].contains(key) {
                    ctx.error(c.keyMark("key"), "类别的 key 不能用「\(key)」（网址里已经用来放别的页面）", hint: "换一个，例如 caiwu、cunwu。")
                }
                var freq = Frequency.quarterly
                if let f = c.string(SiteField.Category.frequency) {
                    if let ff = Frequency(rawValue: f) ?? Frequency.allCases.first(where: { $0.label == f }) {
                        freq = ff
                    } else {
                        ctx.error(c.keyMark("frequency"), "不认识的公开频次「\(f)」",
                                  hint: "可以写：" + Frequency.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
                    }
                }
                var scope = BoardScope.all
                if let b = c.string(SiteField.Category.boards) {
                    if let s = BoardScope(rawValue: b) { scope = s } else {
                        ctx.error(c.keyMark("boards"), "不认识的适用范围「\(b)」", hint: "可以写 all（全部）、villages（各村）、township（乡镇本级）。")
                    }
                }
                let defaults = Category.defaults.first { $0.key == key }
                var cover = defaults?.cover ?? .whole
                if let v = c.string(SiteField.Category.cover) {
                    if let cv = Coverage(rawValue: v) ?? Coverage.allCases.first(where: { $0.label == v }) {
                        cover = cv
                    } else {
                        ctx.error(c.keyMark("cover"), "不认识的写法「\(v)」",
                                  hint: "可以写 whole（全期：公开期间要盖满整个统计期，适合财务）或 any（任一：统计期里有一篇就算，适合随事公开的党务、村务）。")
                    }
                }
                let short = c.string(SiteField.Category.short) ?? String(cname.prefix(2))
                if categories.contains(where: { $0.key == key }) {
                    ctx.error(c.keyMark("key"), "类别「\(key)」写了两次")
                    continue
                }
                categories.append(Category(key: key, name: cname, short: short, frequency: freq,
                                           dueDay: c.int(SiteField.Category.dueDay) ?? 20, boards: scope, cover: cover,
                                           signoff: c.node("signoff") != nil ? c.stringList(SiteField.Category.signoff) : defaults?.signoff ?? [],
                                           townshipSignoff: c.node("township_signoff") != nil
                                               ? c.stringList(SiteField.Category.townshipSignoff) : defaults?.townshipSignoff ?? [],
                                           print: printRules(c, ctx: ctx, defaults: defaults?.print ?? .other)))
            }
            if categories.isEmpty { ctx.error(m.keyMark("categories"), "至少要有一个公开类别") }
        }
        var accounts = Account.defaults
        if m.node("accounts") != nil {
            accounts = []
            for a in m.mapList(SiteField.accounts) {
                a.checkKeys(SiteField.Account.all)
                guard let n = a.string(SiteField.Account.name), let k = a.string(SiteField.Account.kind) else { continue }
                let kinds: [String: Account.Kind] = ["income": .income, "收入": .income, "expense": .expense, "支出": .expense,
                                                     "both": .both, "往来": .both]
                guard let kind = kinds[k] else {
                    ctx.error(a.keyMark("kind"), "科目类别只能写 income（收入）、expense（支出）或 both（往来）")
                    continue
                }
                if accounts.contains(where: { $0.name == n }) {
                    ctx.error(a.keyMark("name"), "科目「\(n)」写了两次")
                    continue
                }
                accounts.append(Account(name: n, kind: kind))
            }
        }
        var process = ProcessConfig()
        if let p = m.map(SiteField.process) {
            p.checkKeys(SiteField.Process.all)
            if let s = p.string(SiteField.Process.signoffMissing) {
                switch s {
                case "error", "错误": process.signoffSeverity = .error
                case "warning", "警告": process.signoffSeverity = .warning
                default: ctx.error(p.keyMark("signoff_missing"), "signoff_missing 只能写 error（报错，整个网站不生成）或 warning（警告，只是这一篇不发布）")
                }
            }
            func days(_ field: Field) -> Set<Day> {
                let (key, label) = (field.key, field.label)
                return Set(p.stringList(field).compactMap { t in
                    guard let d = Day(parsing: t) else {
                        ctx.error(p.keyMark(key), "「\(key)」（\(label)）里的日期「\(t)」不对", hint: "写成 2026-10-01。")
                        return nil
                    }
                    return d
                })
            }
            process.holidays = days(SiteField.Process.holidays)
            process.workdays = days(SiteField.Process.workdays)
            process.decisionResultDays = p.int(SiteField.Process.decisionResultDays) ?? 180
            process.timelinessStart = p.day(SiteField.Process.timelinessStart)
        }
        guard let name, let county, let host, let contact, let report, let baseURL else { return nil }
        return SiteConfig(name: name, county: county, host: host, address: m.string(SiteField.address),
                          contact: contact, reportPhone: report, baseURL: baseURL, intro: m.string(SiteField.intro),
                          footer: footer, pageSize: pageSize, categories: categories, accounts: accounts, process: process,
                          publicNumbers: publicNumbers)
    }

    /// A category's `term` and signature roles; what it does not write comes from `defaults`.
    static func printRules(_ c: MapReader, ctx: YAMLContext, defaults: PrintRules) -> PrintRules {
        var rules = defaults
        if let (text, mark) = c.scalar(SiteField.Category.term) {
            if let t = Term(parsing: text, allowDate: false) {
                rules.term = t
            } else {
                ctx.error(mark, "看不懂默认公开期限「\(text)」", hint: Term.defaultHint)
            }
        }
        func roles(_ field: Field) -> [String]? {
            guard c.node(field.key) != nil else { return nil }
            var seen: Set<String> = []
            return c.stringList(field).filter { role in
                guard seen.insert(role).inserted else {
                    ctx.error(c.keyMark(field.key), "「\(field.key)」（\(field.label)）里「\(role)」写了两次",
                              hint: "每个职务只留一个签字栏：删掉重复的那一项。")
                    return false
                }
                return true
            }
        }
        rules.signatures = roles(SiteField.Category.signatures) ?? rules.signatures
        rules.townshipSignatures = roles(SiteField.Category.townshipSignatures) ?? rules.townshipSignatures
        return rules
    }

    // MARK: - villages/<slug>.yaml

    static func parseVillage(_ src: SourceFile, slug: String, privacy: Set<String>, _ sink: Diagnostics) -> Board? {
        let ctx = YAMLContext(source: src, into: sink)
        let root = ctx.compose(src.text)
        ctx.scanValues(root, allowed: privacy)
        guard let m = MapReader(root, ctx: ctx, place: "", what: "村的信息") else { return nil }
        m.checkKeys(VillageField.all)
        guard let name = m.string(VillageField.name) else { return nil }
        func people(_ field: Field) -> [Person] {
            m.mapList(field).compactMap { p in
                p.checkKeys(VillageField.Person.all)
                guard let role = p.string(VillageField.Person.role), let n = p.string(VillageField.Person.name) else { return nil }
                return Person(role: role, name: n)
            }
        }
        return Board(slug: slug, name: name, order: m.int(VillageField.order) ?? 1000,
                     intro: m.string(VillageField.intro), groups: m.stringList(VillageField.groups),
                     committee: people(VillageField.committee), supervisors: people(VillageField.supervisors),
                     spokesperson: m.string(VillageField.spokesperson), phone: m.string(VillageField.phone),
                     reportPhone: m.string(VillageField.reportPhone), boardLocation: m.string(VillageField.boardLocation))
    }
}

/// Fixed-size results filled from concurrent work, one slot per index.
enum SiteField {
    static let name = Field("name", "乡镇名称", .text, required: true)
    static let county = Field("county", "所属县（市、区）", .text, required: true)
    static let host = Field("host", "主办单位", .text, required: true)
    static let address = Field("address", "地址", .text)
    static let contact = Field("contact", "联系电话", .text, required: true)
    static let reportPhone = Field("report_phone", "监督举报电话", .text, required: true)
    static let baseURL = Field("base_url", "网站地址", .text, required: true)
    static let intro = Field("intro", "简介", .text)
    static let footer = Field("footer", "页脚备案信息", .map)
    static let pageSize = Field("page_size", "每页条数", .int(1...500))
    static let categories = Field("categories", "公开类别", .mapList)
    static let accounts = Field("accounts", "会计科目", .mapList)
    static let process = Field("process", "公开流程规则", .map)
    static let publicNumbers = Field("public_numbers", "公开的公务电话", .list)
    static let all = [name, county, host, address, contact, reportPhone, baseURL, intro, footer, pageSize, categories,
                      accounts, process, publicNumbers]

    enum Footer {
        static let icp = Field("icp", "ICP备案号", .text)
        static let police = Field("police", "公安备案号", .text)
        static let siteCode = Field("site_code", "网站标识码", .text)
        static let all = [icp, police, siteCode]
    }

    /// One entry of `categories`.
    enum Category {
        static let key = Field("key", "网址名", .text, required: true)
        static let name = Field("name", "名称", .text, required: true)
        static let short = Field("short", "简称", .text)
        static let frequency = Field("frequency", "公开频次", .text)
        static let dueDay = Field("due_day", "截止日", .int(1...28))
        static let boards = Field("boards", "适用范围", .text)
        static let cover = Field("cover", "按时公开怎么算", .text)
        static let signoff = Field("signoff", "村级公开需要的审核签字", .list)
        static let townshipSignoff = Field("township_signoff", "乡镇本级公开需要的审核签字", .list)
        static let term = Field("term", "默认公开期限", .text)
        static let signatures = Field("signatures", "村级公开打印件的签字栏", .list)
        static let townshipSignatures = Field("township_signatures", "乡镇本级公开打印件的签字栏", .list)
        static let all = [key, name, short, frequency, dueDay, boards, cover, signoff, townshipSignoff, term, signatures,
                          townshipSignatures]
    }

    /// One entry of `accounts`.
    enum Account {
        static let name = Field("name", "科目名称", .text, required: true)
        static let kind = Field("kind", "类别", .text, required: true)
        static let all = [name, kind]
    }

    enum Process {
        static let signoffMissing = Field("signoff_missing", "缺少审核签字时", .text)
        static let holidays = Field("holidays", "法定节假日", .list)
        static let workdays = Field("workdays", "调休上班日", .list)
        static let decisionResultDays = Field("decision_result_days", "决议后多少天内应公开实施结果", .int(1...3650))
        static let timelinessStart = Field("timeliness_start", "从哪天起统计按时公开", .day)
        static let all = [signoffMissing, holidays, workdays, decisionResultDays, timelinessStart]
    }
}

/// The fields of villages/<slug>.yaml, each declared once.
enum VillageField {
    static let name = Field("name", "村名", .text, required: true)
    static let order = Field("order", "排序", .int(0...9999))
    static let intro = Field("intro", "简介", .text)
    static let groups = Field("groups", "自然屯/村民小组", .list)
    static let committee = Field("committee", "两委成员", .mapList)
    static let supervisors = Field("supervisors", "村务监督委员会", .mapList)
    static let spokesperson = Field("spokesperson", "村务发言人", .text)
    static let phone = Field("phone", "村委会电话", .text)
    static let reportPhone = Field("report_phone", "监督电话", .text)
    static let boardLocation = Field("board_location", "公开栏位置", .text)
    static let all = [name, order, intro, groups, committee, supervisors, spokesperson, phone, reportPhone, boardLocation]

    /// Entries of `committee` and `supervisors`.
    enum Person {
        static let role = Field("role", "职务", .text, required: true)
        static let name = Field("name", "姓名", .text, required: true)
        static let all = [role, name]
    }
}
