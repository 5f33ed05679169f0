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

    public init(content: ContentLocation, templates: [(path: String, display: String)], output: String, today: Day) {
        self.content = content
        self.templates = templates
        self.output = output
        self.today = today
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
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

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
        let diagnostics = Diagnostics()
        let site = prepare(o, into: diagnostics)  // load → validate → resolve
        var report = BuildReport(site?.resolved, diagnostics)
        if let site, let theme = site.theme, !diagnostics.hasErrors {
            write(site.resolved, theme: theme, o, record: record, into: diagnostics, &report)  // render → write
        }
        report.diagnostics = diagnostics.all
        return report
    }

    /// Load, validate and resolve the content, and load the templates: everything short of
    /// rendering. Nil when the content could not be read into a model (the site config is unusable).
    static func prepare(_ o: BuildOptions, into diagnostics: Diagnostics) -> (resolved: ResolvedSite, theme: Theme?)? {
        let model = Loader.load(o.content, today: o.today, into: diagnostics)
        if let model { Validator.validate(model, loc: o.content, today: o.today, into: diagnostics) }
        diagnostics.settle(Placeholder.explaining)  // the content's problems, in file order
        let theme = Theme.load(directories: o.templates, into: diagnostics)
        guard let model else { return nil }
        return (resolve(model, o, into: diagnostics), theme)
    }

    /// The site on `o.today`, with the publication record brought up to date.
    static func resolve(_ model: ContentModel, _ o: BuildOptions, into diagnostics: Diagnostics) -> ResolvedSite {
        var resolved = ResolvedSite(model: model, today: o.today)
        resolved.record = model.record.reconciled(with: resolved.published, all: model.notices, unreadable: model.unreadable, today: o.today,
                                                  recordPath: o.content.displayPath(PublicationRecord.fileName),
                                                  digestAs: { n, id in ContentDigest.of(n, loc: o.content, id: id) },
                                                  entryLine: { PublicationRecord.entryLine($0, in: o.content) }, into: diagnostics)
        return resolved
    }

    /// Renders and writes the site to `o.output`, and (with `record`) the new publication record
    /// beside the content once the site is in place.
    static func write(_ resolved: ResolvedSite, theme: Theme, _ o: BuildOptions, record: Bool, into diagnostics: Diagnostics,
                      _ report: inout BuildReport) {
        if let problem = overlap(o) {
            diagnostics.report(problem)
            return
        }
        // The new record is written beside the old one first: if that fails, nothing goes live.
        let recordPath = (o.content.root as NSString).appendingPathComponent(PublicationRecord.fileName)
        let recordTmp = recordPath + ".tmp-\(getpid())"
        if record {
            SiteWriter.removeStaleTemporaries(in: URL(fileURLWithPath: o.content.root), prefix: PublicationRecord.fileName + ".tmp-")
        }
        let newRecord = record && resolved.record != resolved.model.record
        if newRecord {
            do {
                try Data(resolved.record.rendered().utf8).write(to: URL(fileURLWithPath: recordTmp))
            } catch {
                diagnostics.report(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                              "无法写入发布记录（\(error.localizedDescription)），网站没有更新",
                                              hint: "检查内容文件夹能不能写入。"))
                return
            }
        }
        do {
            // Rendered and written chunk by chunk: the site is never held in memory at once.
            let stats = try SiteWriter.write(to: o.output) { emit in try Renderer.render(resolved, theme: theme, sink: emit) }
            report.filesWritten = stats.files
            report.filesUnchanged = stats.unchanged
            report.wroteSite = true
        } catch let f as SiteWriter.Failure {
            diagnostics.report(Diagnostic(.error, file: o.output, f.message, hint: f.hint))
        } catch {
            diagnostics.report(Diagnostic(.error, file: o.output, "写入网站失败：\(error)"))
        }
        guard newRecord else { return }
        guard report.wroteSite else {
            unlink(recordTmp)
            return
        }
        // The site is live: put the record in place (a rename in the same folder).
        if rename(recordTmp, recordPath) == 0 {
            report.recordUpdated = true
        } else {
            diagnostics.report(Diagnostic(.error, file: o.content.displayPath(PublicationRecord.fileName),
                                          "网站已经更新，但发布记录没能写入（\(String(cString: strerror(errno)))）",
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
    public static func verify(_ o: BuildOptions, site: String) -> Verification {
        var v = Verification()
        var options = o
        if let data = FileManager.default.contents(atPath: (site as NSString).appendingPathComponent("manifest.json")),
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
                guard let actual = FileManager.default.contents(atPath: path) else { v.missing.append(f.path); continue }
                let want: Data
                switch f.content {
                case let .bytes(d): want = d
                case let .copy(from): want = FileManager.default.contents(atPath: from) ?? Data()
                }
                if actual != want { v.differing.append(f.path) }
                v.checked += 1
            }
        }
        if let e = FileManager.default.enumerator(atPath: site) {
            while let p = e.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: (site as NSString).appendingPathComponent(p), isDirectory: &isDir),
                   !isDir.boolValue, !seen.contains(p) { v.extra.append(p) }
            }
        }
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
