import Crypto
import Foundation

/// What `gongkai build` remembers between runs, in `.gongkai-cache/` beside Content/ (never
/// committed: `gongkai init` puts it in .gitignore). Two files:
/// - `inputs.json`: the fingerprint of the last successful build's inputs (the stat of every file
///   under Content/ and the template folders, of every file of the site it wrote, the program, the
///   build date and the options) and its report. When the fingerprint is the same, nothing is read,
///   parsed or written: the report is given again.
/// - `pages`: each page's `PageMemo` key and the stat of the file written for it, and the files of
///   each other piece of work (a notice's data files, a feed, the sitemap) with their stats. A page
///   whose key is unchanged, or a piece of work the change cannot reach, is linked from the
///   previous site (when the file's stat is still the one recorded) instead of being made again.
/// A cache that is missing, unreadable or from another program or theme is ignored; it is only
/// ever a shortcut to the same bytes.
struct BuildCache {
    static let folderName = ".gongkai-cache"

    let fs: any FileSystem
    let folder: String
    let output: String
    let contentRoot: String
    /// The inputs as seen before loading: one line per file, the rest of the fingerprint after.
    private var lines: [String]

    init?(_ o: BuildOptions, record: Bool) {
        guard let folder = o.cacheFolder else { return nil }
        fs = o.content.fs
        self.folder = folder
        output = o.output
        let exe = DiskFileSystem().stat("/proc/self/exe").map(Self.line) ?? "?"
        lines = ["gongkai-cache 1", "program \(exe)", "date \(o.today.iso)", "record \(record)", "output \(o.output)"]
        contentRoot = o.content.root
        lines += Self.files(o.content.root, "content", fs: fs)
        for t in o.templates { lines += Self.files(t.path, "templates", fs: fs) }
    }

    private static func line(_ s: FileStat) -> String { "\(s.size) \(s.modified) \(s.inode)" }

    private static func files(_ dir: String, _ label: String, fs: any FileSystem) -> [String] {
        ["\(label) \(dir)"] + fs.files(under: dir).map { rel in
            "\(rel)\t" + (fs.stat((dir as NSString).appendingPathComponent(rel), followingLinks: false).map(line) ?? "-")
        }
    }

    /// The fingerprint: the inputs and the site as it is now.
    private func fingerprint(_ inputs: [String]) -> String {
        var h = SHA256()
        for l in inputs + Self.files(output, "site", fs: fs) {
            h.update(data: Data((l + "\n").utf8))
        }
        return h.finalize().hex
    }

    private var inputsFile: String { (folder as NSString).appendingPathComponent("inputs.json") }
    /// The first line of `pages`: its format and the theme its pages were drawn with.
    private static func pagesHeader(_ theme: Theme) -> String { "pages 2 theme \(theme.digest)" }
    private var pagesFile: String { (folder as NSString).appendingPathComponent("pages") }

    struct Saved: Codable {
        var fingerprint: String
        var diagnostics: [Diagnostic]
        var published: Int
        var withheld: [String]
        var reasons: [WithholdReason]
        var timeliness: String?
        var files: Int
    }

    /// The last build's report when nothing it read or wrote has changed since.
    func upToDate() -> BuildReport? {
        guard let data = fs.read(inputsFile), let saved = try? JSONDecoder().decode(Saved.self, from: data),
              saved.fingerprint == fingerprint(lines) else { return nil }
        var r = BuildReport()
        r.diagnostics = saved.diagnostics
        r.published = saved.published
        r.withheld = Array(zip(saved.withheld, saved.reasons))
        r.timeliness = saved.timeliness
        r.filesWritten = saved.files
        r.filesUnchanged = saved.files
        r.upToDate = true
        return r
    }

    private var noticesFile: String { (folder as NSString).appendingPathComponent("notices") }

    /// The digest of everything a page can read besides its notices (`SiteSummary.context`):
    /// every content file outside notices/ (the record aside: its versions are in each notice's
    /// signature), the theme, the date, and which notice files there are and which are public.
    static func context(_ o: BuildOptions, _ r: ResolvedSite, theme: Theme) -> String {
        var h = SHA256()
        func add(_ s: String) { h.update(data: Data(s.utf8)) }
        add("theme \(theme.digest)\ndate \(r.today.iso)\n")
        for rel in o.content.fs.files(under: o.content.root).sorted()
        where !rel.hasPrefix("notices/") && rel != PublicationRecord.fileName && !rel.hasPrefix(PublicationRecord.fileName + ".tmp-") {
            add("file \(rel)\n")
            h.update(data: o.content.fs.read(o.content.path(rel)) ?? Data())
        }
        let published = Set(r.published.map(\.contentPath))
        for p in r.model.notices.map(\.contentPath).sorted() { add("notice \(p) \(published.contains(p))\n") }
        for u in r.model.unreadable.sorted() { add("unreadable \(u)\n") }
        return h.finalize().hex
    }

    /// The memo of the last build's pages, for a site that uses `theme`; with `summary` (this
    /// build's), the pages a change cannot reach keep their files without their views being built.
    func memo(theme: Theme, summary: SiteSummary? = nil) -> PageMemo {
        guard let text = fs.read(pagesFile).map({ String(decoding: $0, as: UTF8.self) }) else { return PageMemo() }
        var rows = text.split(separator: "\n")
        guard rows.first.map(String.init) == Self.pagesHeader(theme) else { return PageMemo() }
        rows.removeFirst()
        var keys: [String: PageMemo.Key] = [:]
        var stats: [String: String] = [:]
        var jobs: [String: [String]] = [:]
        for row in rows {
            if row.hasPrefix("job\t") {
                let f = row.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map(String.init)
                if let name = f.first { jobs[name] = Array(f.dropFirst()) }
                continue
            }
            let f = row.split(separator: "\t", maxSplits: 2)
            guard f.count == 3 else { continue }
            if f[0] != "-" { keys[String(f[2])] = String(f[0]) }
            stats[String(f[2])] = String(f[1])
        }
        let (fs, output, recorded) = (fs, output, stats)
        let previous = fs.read(noticesFile).flatMap { SiteSummary(text: String(decoding: $0, as: UTF8.self)) }
        let selection = summary.flatMap { s in previous.flatMap { RenderSelection.between($0, s) } }
        return PageMemo(keys: keys, jobs: jobs, pages: selection == nil ? nil : previous?.pages, selection: selection) { path in
            let file = output + "/" + path
            guard let s = fs.stat(file, followingLinks: false), s.isRegular, Self.line(s) == recorded[path] else { return nil }
            return .copy(from: file)
        }
    }

    /// Remembers a successful build: its pages (as now written in the site) and its report.
    /// `recordWritten`: the build wrote the publication record (its new stat replaces the old).
    func save(_ r: BuildReport, memo: PageMemo, theme: Theme, summary: SiteSummary?, recordPath: String, recordWritten: Bool) {
        var inputs = lines
        if recordWritten {
            let entry = PublicationRecord.fileName + "\t" + (fs.stat(recordPath, followingLinks: false).map(Self.line) ?? "-")
            if let i = inputs.firstIndex(where: { $0.hasPrefix(PublicationRecord.fileName + "\t") }) {
                inputs[i] = entry
            } else if let header = inputs.firstIndex(of: "content \(contentRoot)") {
                // A first record: in its place among the content files (sorted by path).
                let end = inputs[(header + 1)...].firstIndex { $0.hasPrefix("templates ") } ?? inputs.count
                let at = inputs[(header + 1)..<end].firstIndex { $0 > entry } ?? end
                inputs.insert(entry, at: at)
            }
        }
        var pages = Self.pagesHeader(theme) + "\n"
        for (path, key) in memo.keys.sorted(by: { $0.key < $1.key }) {
            guard let s = fs.stat(output + "/" + path, followingLinks: false) else { continue }
            pages += key + "\t" + Self.line(s) + "\t" + path + "\n"
        }
        // A piece of work whose name or files hold a tab or a line break is not kept (made again).
        for (job, paths) in memo.jobs.sorted(by: { $0.key < $1.key })
        where !([job] + paths).contains(where: { $0.contains("\t") || $0.contains("\n") || $0.contains("\r") }) {
            let stats = paths.map { fs.stat(output + "/" + $0, followingLinks: false) }
            guard !stats.contains(where: { $0 == nil }) else { continue }
            pages += (["job", job] + paths).joined(separator: "\t") + "\n"
            for (path, s) in zip(paths, stats) { pages += "-\t" + Self.line(s!) + "\t" + path + "\n" }
        }
        let saved = Saved(fingerprint: fingerprint(inputs), diagnostics: r.diagnostics, published: r.published,
                          withheld: r.withheld.map(\.path), reasons: r.withheld.map(\.reason), timeliness: r.timeliness,
                          files: r.filesWritten)
        do {
            try fs.makeDirectory(folder)
            try replace(pagesFile, Data(pages.utf8))
            if let summary {
                var s = summary
                s.pages = memo.pages
                try replace(noticesFile, Data(s.text.utf8))
            } else {
                fs.remove(noticesFile)
            }
            try replace(inputsFile, try JSONEncoder().encode(saved))
        } catch {
            // Only a shortcut: without it the next build reads everything again.
            fs.remove(inputsFile)
            fs.remove(pagesFile)
            fs.remove(noticesFile)
        }
    }

    private func replace(_ path: String, _ data: Data) throws {
        let temp = path + ".tmp-\(getpid())"
        try fs.write(data, to: temp)
        try fs.rename(temp, to: path)
    }
}
