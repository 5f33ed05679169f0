import Foundation
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

    /// The cache goes beside the content folder, in `.gongkai-cache/`.
    public init(content: ContentLocation, templates: [(path: String, display: String)], output: String, today: Day) {
        self.content = content
        self.templates = templates
        self.output = output
        self.today = today
        cacheFolder = ((content.root as NSString).deletingLastPathComponent as NSString).appendingPathComponent(BuildCache.folderName)
    }
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
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The pipeline: load → validate → resolve → render → write.
public enum Builder {
    /// Validates everything (content and templates) and writes nothing.
    public static func check(_ o: BuildOptions) -> BuildReport {
        prepare(o).report
    }

    /// - Parameter record: update the publication record in Content/ (a real publication).
    ///   `serve` previews without recording.
    public static func build(_ o: BuildOptions, record: Bool = true) -> BuildReport {
        let cache = BuildCache(o, record: record)
        if let report = cache?.upToDate() { return report }
        var (report, resolved, theme) = prepare(o)
        guard !report.hasErrors, let resolved, let theme else { return report }
        if let problem = overlap(o) {
            report.diagnostics.append(problem)
            return report
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
                report.diagnostics.append(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                                     "无法写入发布记录（\(error)），网站没有更新",
                                                     hint: "检查内容文件夹能不能写入。"))
                return report
            }
        }
        // Rendered and written chunk by chunk: the site is never held in memory at once.
        let memo = cache?.memo(theme: theme) ?? PageMemo()
        do {
            let stats = try SiteWriter.write(to: o.output, fs: o.content.fs) { emit in
                try Renderer.render(resolved, theme: theme, memo: memo, sink: emit)
            }
            report.pagesRendered = memo.rendered
            report.filesWritten = stats.files
            report.filesUnchanged = stats.unchanged
            report.wroteSite = true
            if !newRecord { cache?.save(report, memo: memo, theme: theme, recordPath: recordPath, recordWritten: false) }
        } catch let f as SiteWriter.Failure {
            report.diagnostics.append(Diagnostic(.error, file: o.output, f.message, hint: f.hint))
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: o.output, "写入网站失败：\(error)"))
        }
        guard newRecord else { return report }
        guard report.wroteSite else {
            o.content.fs.remove(recordTmp)
            return report
        }
        // The site is live: put the record in place (a rename in the same folder).
        do {
            try o.content.fs.rename(recordTmp, to: recordPath)
            report.recordUpdated = true
            cache?.save(report, memo: memo, theme: theme, recordPath: recordPath, recordWritten: true)
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                                 "网站已经更新，但发布记录没能写入（\(error)）",
                                                 hint: "修好内容文件夹的权限后，再运行一次 gongkai build。"))
        }
        return report
    }

    /// Load, validate and resolve; `cache` and `theme` are what a `BuildSession` kept.
    static func prepare(_ o: BuildOptions, cache: LoadCache? = nil,
                        theme loaded: (Theme?, [Diagnostic])? = nil) -> (report: BuildReport, resolved: ResolvedSite?, theme: Theme?) {
        var report = BuildReport()
        let (model, diags) = Loader.load(o.content, today: o.today, cache: cache)
        report.diagnostics = Placeholder.explaining(diags)
        let (theme, themeDiags) = loaded ?? Theme.load(directories: o.templates, fs: o.content.fs)
        report.diagnostics += themeDiags
        guard let model else { return (report, nil, theme) }
        var resolved = ResolvedSite(model: model, today: o.today)
        let (record, recordDiags) = model.record.reconciled(with: resolved.published, all: model.notices, unreadable: model.unreadable, today: o.today,
                                                            recordPath: o.content.displayPath(PublicationRecord.fileName),
                                                            digestAs: { n, id in ContentDigest.of(n, loc: o.content, id: id) },
                                                            entryLine: { PublicationRecord.entryLine($0, in: o.content) })
        report.diagnostics += recordDiags
        resolved.record = record
        report.published = resolved.published.count
        report.withheld = resolved.withheld.map { ($0.0.sourcePath, $0.1) }
        report.timeliness = resolved.timeliness.text
        return (report, resolved, theme)
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
    public static func verify(_ o: BuildOptions, site: String) -> Verification {
        var v = Verification()
        var options = o
        let fs = o.content.fs
        if let data = fs.read((site as NSString).appendingPathComponent("manifest.json")),
           let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let d = (json["date"] as? String).flatMap(Day.init(parsing:)) {
            options.today = d
            v.date = d
        } else {
            v.noManifest = true
            v.diagnostics.append(Diagnostic(.error, file: site + "/manifest.json", "找不到或读不懂网站的 manifest.json",
                                            hint: "要核对的必须是 gongkai build 生成的网站文件夹。"))
            return v
        }
        let (report, resolved, theme) = prepare(options)
        v.diagnostics = report.diagnostics.filter { $0.severity == .error }
        guard v.diagnostics.isEmpty, let r = resolved, let theme else { return v }
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
