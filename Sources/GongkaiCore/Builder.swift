import Foundation

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
    public var withheld: [(path: String, reason: String)] = []
    public var filesWritten = 0
    /// Files whose bytes were the same as in the previous build.
    public var filesUnchanged = 0
    /// True when Site/ was replaced.
    public var wroteSite = false
    /// The 公开情况 table (on time / late / missing), as text.
    public var timeliness: String?
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The pipeline: load → validate → resolve → render → write.
public enum Builder {
    /// Validates everything (content and templates) and writes nothing.
    public static func check(_ o: BuildOptions) -> BuildReport {
        prepare(o).report
    }

    public static func build(_ o: BuildOptions) -> BuildReport {
        var (report, resolved, theme) = prepare(o)
        guard !report.hasErrors, let resolved, let theme else { return report }
        if let problem = overlap(o) {
            report.diagnostics.append(problem)
            return report
        }
        let files = Renderer.render(resolved, theme: theme)
        do {
            let stats = try SiteWriter.write(files, to: o.output)
            report.filesWritten = stats.files
            report.filesUnchanged = stats.unchanged
            report.wroteSite = true
        } catch let f as SiteWriter.Failure {
            report.diagnostics.append(Diagnostic(.error, file: o.output, f.message, hint: f.hint))
        } catch {
            report.diagnostics.append(Diagnostic(.error, file: o.output, "写入网站失败：\(error)"))
        }
        return report
    }

    static func prepare(_ o: BuildOptions) -> (report: BuildReport, resolved: ResolvedSite?, theme: Theme?) {
        var report = BuildReport()
        let (model, diags) = Loader.load(o.content, today: o.today)
        report.diagnostics = diags
        let (theme, themeDiags) = Theme.load(directories: o.templates)
        report.diagnostics += themeDiags
        guard let model else { return (report, nil, theme) }
        let resolved = ResolvedSite(model: model, today: o.today)
        report.published = resolved.published.count
        report.withheld = resolved.withheld.map { ($0.0.sourcePath, $0.1) }
        report.timeliness = resolved.timeliness.text
        return (report, resolved, theme)
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
