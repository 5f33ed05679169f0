import Foundation
import CSys
#if canImport(Glibc)
import Glibc
#endif

public struct BuildOptions: Sendable {
    public var content: ContentLocation
    /// Template folders, the default theme first; later ones override single files.
    public var templates: [(path: String, display: String)]
    public var output: String
    public var today: Day
    /// Where `build` keeps what makes the next build quicker (`BuildCache`); nil: no cache.
    public var cacheFolder: String?
    /// Told how far the pipeline is (for a progress display); nil: nobody listens.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    /// The cache goes beside the content folder, in `.gongkai-cache/`.
    public init(content: ContentLocation, templates: [(path: String, display: String)], output: String, today: Day,
                progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.content = content
        self.templates = templates
        self.output = output
        self.today = today
        self.progress = progress
        cacheFolder = ((content.root as NSString).deletingLastPathComponent as NSString).appendingPathComponent(BuildCache.folderName)
    }
}

/// How far the pipeline is: the stage, and how many of its items are done (`total` 0: not known yet).
/// Each stage reports once when it starts, as it goes, and once with `finished` set.
public struct BuildProgress: Sendable {
    public enum Stage: Sendable, CaseIterable {
        /// Reading and checking Content/ and the templates; the items are the notices read.
        case load
        /// Working out what is public (states, publication record); the items are the published notices.
        case resolve
        /// Rendering and writing the site; the items are pieces of work (pages, data files, feeds).
        case write
    }
    public var stage: Stage
    public var done: Int
    public var total: Int
    public var finished: Bool
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var published = 0
    public var withheld: [(path: String, reason: WithholdReason)] = []
    public var filesWritten = 0
    /// Files whose bytes were the same as in the previous build.
    public var filesUnchanged = 0
    /// True when Site/ was replaced.
    public var wroteSite = false
    /// The 公开情况 table (on time / late / missing), as text.
    public var timeliness: String?
    /// The publication record in Content/ got new entries.
    public var recordUpdated = false
    /// Nothing changed since the last build: nothing was read or written, the report is the last one's.
    public var upToDate = false
    /// Pages rendered from their template; the other pages kept the previous build's bytes
    /// (their inputs were the same). Feeds, the sitemap, the manifest and open data are always made.
    public var pagesRendered: [String] = []
    /// Pages whose view was built to compare it with the last build's (the others were out of
    /// the change's reach, `RenderSelection`).
    public var viewsBuilt = 0
    /// Pieces of work other than pages (a notice's data files, a feed, the sitemap, the search
    /// index's files) that made their files again; the others kept the last build's (`gongkai build`).
    public var madeAgain: [String] = []
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    init() {}

    /// What `resolved` holds for the summary, and the problems reported so far.
    init(_ resolved: ResolvedSite?, _ diagnostics: Diagnostics) {
        self.diagnostics = diagnostics.all
        guard let resolved else { return }
        published = resolved.published.count
        withheld = resolved.withheld.map { ($0.0.sourcePath, $0.1) }
        timeliness = resolved.timeliness.text
    }
}

/// The pipeline: load → validate → resolve → render → write. Every stage reports its problems
/// into one `Diagnostics` collector; the report hands them to the command.
public enum Builder {
    /// Validates everything (content and templates) and writes nothing.
    public static func check(_ o: BuildOptions) -> BuildReport {
        let diagnostics = Diagnostics()
        let site = prepare(o, into: diagnostics)
        return BuildReport(site?.resolved, diagnostics)
    }

    /// - Parameter record: update the publication record in Content/ (a real publication).
    ///   `serve` previews without recording.
    public static func build(_ o: BuildOptions, record: Bool = true) -> BuildReport {
        let cache = BuildCache(o, record: record)
        if let report = cache?.upToDate() { return report }
        let diagnostics = Diagnostics()
        // Bodies wait in a file beside the site between loading and rendering (`BodyStore`).
        let site = prepare(o, bodies: BodyStore(in: (o.output as NSString).deletingLastPathComponent), into: diagnostics)  // load → validate → resolve
        var report = BuildReport(site?.resolved, diagnostics)
        // Loading made and let go of much (every file's text, each parse's pieces): the freed
        // pages go back to the system before rendering, or they stay in the build's memory.
        gk_release_free_memory()
        if let site, let theme = site.theme, !diagnostics.hasErrors {
            write(site.resolved, theme: theme, o, record: record, cache: cache, into: diagnostics, &report)  // render → write
        }
        report.diagnostics = diagnostics.all
        return report
    }

    /// Load, validate and resolve the content, and load the templates: everything short of
    /// rendering. Nil when the content could not be read into a model (the site config is unusable).
    /// `cache` and `theme` are what a `BuildSession` kept.
    /// `bodies`: where the notices' bodies wait for rendering (nil: in memory).
    static func prepare(_ o: BuildOptions, cache: LoadCache? = nil, bodies: BodyStore? = nil, theme loaded: (Theme?, [Diagnostic])? = nil,
                        into diagnostics: Diagnostics) -> (resolved: ResolvedSite, theme: Theme?)? {
        o.progress?(BuildProgress(stage: .load, done: 0, total: 0, finished: false))
        let model = Loader.load(o.content, today: o.today, cache: cache, bodies: bodies, into: diagnostics)
        // The checks report problems, the site's states and lists are worked out: both only read
        // the model, so they run at the same time.
        let site = model.map { m in
            inParallel({ Validator.validate(m, loc: o.content, today: o.today, into: diagnostics) },
                       { ResolvedSite(model: m, today: o.today) }).1
        }
        diagnostics.settle(Placeholder.explaining)  // the content's problems, in file order
        let theme: Theme?
        if let loaded {
            diagnostics.report(loaded.1)
            theme = loaded.0
        } else {
            theme = Theme.load(directories: o.templates, fs: o.content.fs, into: diagnostics)
        }
        o.progress?(BuildProgress(stage: .load, done: model?.notices.count ?? 0, total: model?.notices.count ?? 0, finished: true))
        guard let site else { return nil }
        o.progress?(BuildProgress(stage: .resolve, done: 0, total: 0, finished: false))
        let resolved = resolve(site, o, into: diagnostics)
        o.progress?(BuildProgress(stage: .resolve, done: resolved.published.count, total: resolved.published.count, finished: true))
        return (resolved, theme)
    }

    /// The site on `o.today` with the publication record brought up to date.
    static func resolve(_ site: ResolvedSite, _ o: BuildOptions, into diagnostics: Diagnostics) -> ResolvedSite {
        var resolved = site
        let model = site.model
        resolved.record = model.record.reconciled(with: resolved.published, all: model.notices, unreadable: model.unreadable, today: o.today,
                                                  recordPath: o.content.displayPath(PublicationRecord.fileName),
                                                  digestAs: { n, id in ContentDigest.of(n, loc: o.content, id: id) },
                                                  entryLine: { PublicationRecord.entryLine($0, in: o.content) }, into: diagnostics)
        return resolved
    }

    /// Renders and writes the site to `o.output`, and (with `record`) the new publication record
    /// beside the content once the site is in place.
    static func write(_ resolved: ResolvedSite, theme: Theme, _ o: BuildOptions, record: Bool, cache: BuildCache?,
                      into diagnostics: Diagnostics, _ report: inout BuildReport) {
        if let problem = overlap(o) {
            diagnostics.report(problem)
            return
        }
        // The new record is written beside the old one first: if that fails, nothing goes live.
        let recordPath = (o.content.root as NSString).appendingPathComponent(PublicationRecord.fileName)
        let recordTmp = recordPath + ".tmp-\(getpid())"
        if record {
            SiteWriter.removeStaleTemporaries(in: o.content.root, prefix: PublicationRecord.fileName + ".tmp-", fs: o.content.fs)
        }
        let newRecord = record && resolved.record != resolved.model.record
        if newRecord {
            do {
                try o.content.fs.write(Data(resolved.record.rendered().utf8), to: recordTmp)
            } catch {
                diagnostics.report(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                              "无法写入发布记录（\(error)），网站没有更新",
                                              hint: "检查内容文件夹能不能写入。"))
                return
            }
        }
        // Rendered and written chunk by chunk: the site is never held in memory at once.
        let summary = cache.map { _ in SiteSummary(resolved, context: BuildCache.context(o, resolved, theme: theme), pages: []) }
        let memo = cache?.memo(theme: theme, summary: summary) ?? PageMemo()
        do {
            o.progress?(BuildProgress(stage: .write, done: 0, total: 0, finished: false))
            let stats = try SiteWriter.write(to: o.output, fs: o.content.fs) { emit in
                try Renderer.render(resolved, theme: theme, memo: memo, progress: { done, total in
                    o.progress?(BuildProgress(stage: .write, done: done, total: total, finished: done == total))
                }, sink: emit)
            }
            report.pagesRendered = memo.rendered
            report.viewsBuilt = memo.viewsBuilt
            report.madeAgain = memo.madeAgain
            report.filesWritten = stats.files
            report.filesUnchanged = stats.unchanged
            report.wroteSite = true
            report.diagnostics = diagnostics.all
            if !newRecord { cache?.save(report, memo: memo, theme: theme, summary: summary, recordPath: recordPath, recordWritten: false) }
        } catch let f as SiteWriter.Failure {
            diagnostics.report(Diagnostic(.error, file: o.output, f.message, hint: f.hint))
        } catch {
            diagnostics.report(Diagnostic(.error, file: o.output, "写入网站失败：\(error)"))
        }
        guard newRecord else { return }
        guard report.wroteSite else {
            o.content.fs.remove(recordTmp)
            return
        }
        // The site is live: put the record in place (a rename in the same folder).
        do {
            try o.content.fs.rename(recordTmp, to: recordPath)
            report.recordUpdated = true
            cache?.save(report, memo: memo, theme: theme, summary: summary, recordPath: recordPath, recordWritten: true)
        } catch {
            diagnostics.report(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                          "网站已经更新，但发布记录没能写入（\(error)）",
                                          hint: "修好内容文件夹的权限后，再运行一次 gongkai build。"))
        }
    }

    public struct Verification: Sendable {
        public var date: Day?
        public var differing: [String] = []
        public var missing: [String] = []
        public var extra: [String] = []
        public var diagnostics: [Diagnostic] = []
        public var checked = 0
        public var noManifest = false
        public var ok: Bool { differing.isEmpty && missing.isEmpty && extra.isEmpty && !diagnostics.contains { $0.severity == .error } }
    }

    /// Rebuilds the site chunk by chunk from Content/ (for the date the deployed copy was built for,
    /// read from its manifest) and compares every file with the deployed copy at `site`.
    /// The one field of manifest.json that `verify` needs: the date the site was built for.
    private struct ManifestDate: Decodable { let date: String }

    public static func verify(_ o: BuildOptions, site: String) -> Verification {
        var v = Verification()
        var options = o
        let fs = o.content.fs
        if let data = fs.read((site as NSString).appendingPathComponent("manifest.json")),
           let manifest = try? JSONDecoder().decode(ManifestDate.self, from: data),
           let d = Day(parsing: manifest.date) {
            options.today = d
            v.date = d
        } else {
            v.noManifest = true
            v.diagnostics.append(Diagnostic(.error, file: site + "/manifest.json", "找不到或读不懂网站的 manifest.json",
                                            hint: "要核对的必须是 gongkai build 生成的网站文件夹。"))
            return v
        }
        let diagnostics = Diagnostics()
        let prepared = prepare(options, into: diagnostics)
        v.diagnostics = diagnostics.all.filter { $0.severity == .error }
        guard v.diagnostics.isEmpty, let r = prepared?.resolved, let theme = prepared?.theme else { return v }
        var seen = Set<String>()
        // The same chunks the build writes, compared as they come.
        Renderer.render(r, theme: theme) { expected in
            for f in expected {
                seen.insert(f.path)
                let path = (site as NSString).appendingPathComponent(f.path)
                guard let actual = fs.read(path) else { v.missing.append(f.path); continue }
                let want: Data
                switch f.content {
                case let .bytes(d): want = d
                case let .copy(from): want = fs.read(from) ?? Data()
                }
                if actual != want { v.differing.append(f.path) }
                v.checked += 1
            }
        }
        v.extra = fs.files(under: site).filter { !seen.contains($0) }
        v.differing.sort(); v.missing.sort(); v.extra.sort()
        return v
    }

    /// The output folder must not be, contain, or sit inside the content or template folders.
    static func overlap(_ o: BuildOptions) -> Diagnostic? {
        func real(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
        let out = real(o.output)
        for dir in [o.content.root] + o.templates.map(\.path) {
            let d = real(dir)
            if out == d || d.hasPrefix(out + "/") || out.hasPrefix(d + "/") || out == "/" {
                return Diagnostic(.error, file: o.output, "输出文件夹不能和内容或模板文件夹重叠（\(dir)）",
                                  hint: "用 --output 指定一个单独的文件夹，例如 Site。")
            }
        }
        return nil
    }
}
