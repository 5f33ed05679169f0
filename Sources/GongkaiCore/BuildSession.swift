import Foundation

/// A build kept in memory by a long-running process (`serve`): the files read, each notice's
/// parse and body (`LoadCache`), the theme, and every output file with its page's `PageMemo` key.
/// `rebuild(changed:)` reads again only the changed files, parses again only the changed notices,
/// resolves the whole site (cheap, and what makes every cross-notice relation right) and renders
/// only the pages whose view changed. Nothing is written: the site is read with `file(_:)`, and
/// the publication record is not updated (a preview is not a publication).
public final class BuildSession: @unchecked Sendable {
    public let options: BuildOptions
    private let files: CachingFileSystem
    private let loadCache = LoadCache()
    private var theme: (Theme?, [Diagnostic])?
    /// The theme the page keys were made with (a key holds a page's view, not its template).
    private var keysTheme: String?
    private var keys: [String: PageMemo.Key] = [:]
    private var jobs: [String: [String]] = [:]
    private var pages: [String]?
    private var search: SearchIndex?
    private let manifestParts = Manifest.Parts()
    private var outputs: [String: OutputFile.Content] = [:]
    /// The site of the last successful build, and whether a file other than a notice's changed since.
    private var last: ResolvedSite?
    private var beyondNotices = true
    private let lock = NSLock()

    /// Nothing is read until the first `rebuild`.
    public init(_ options: BuildOptions) {
        files = CachingFileSystem(options.content.fs)
        var o = options
        o.content.fs = files
        o.cacheFolder = nil
        self.options = o
    }

    /// Builds again after `changed` (absolute paths, or paths relative to Content/) changed; the
    /// first call builds everything. After errors the previous output stays.
    public func rebuild(changed: [String]) -> BuildReport {
        lock.lock()
        defer { lock.unlock() }
        let root = options.content.root
        let absolute = changed.map { $0.hasPrefix("/") ? $0 : (root as NSString).appendingPathComponent($0) }
        files.invalidate(absolute)
        let realRoot = files.realPath(root)
        let inContent = absolute.compactMap { p -> String? in
            for r in [root, realRoot] where p.hasPrefix(r + "/") { return String(p.dropFirst(r.count + 1)) }
            return nil
        }
        loadCache.invalidate(changed: inContent, root: realRoot)
        if absolute.contains(where: { p in options.templates.contains { p.hasPrefix($0.path + "/") } }) { theme = nil }
        // Only notice files (and the files under notices/ they name) changed: a change reaches
        // only some pages (`RenderSelection`). Anything else (site.yaml, a village, a decision, the
        // record, a template, a file outside Content/) can reach every page.
        if theme == nil || inContent.count != absolute.count || inContent.contains(where: { !$0.hasPrefix("notices/") }) {
            beyondNotices = true
        }
        let theme = self.theme ?? {
            let scope = Diagnostics()
            return (Theme.load(directories: options.templates, fs: files, into: scope), scope.all)
        }()
        self.theme = theme

        let diagnostics = Diagnostics()
        let site = Builder.prepare(options, cache: loadCache, theme: theme, into: diagnostics)
        var report = BuildReport(site?.resolved, diagnostics)
        guard !diagnostics.hasErrors, let resolved = site?.resolved, let loaded = theme.0 else { return report }
        // Templates changed: every page is drawn again.
        if keysTheme != loaded.digest {
            keys = [:]
            keysTheme = loaded.digest
        }
        let selection = beyondNotices ? nil : last.flatMap { RenderSelection.between($0, resolved) }
        // Lean: what the change did not reach is not handed out again; the tables are changed in place.
        let memo = PageMemo(keys: keys, jobs: jobs, pages: pages, selection: selection, lean: true) { _ in nil }
        memo.previousSearch = search
        memo.keepsSearch = true
        memo.manifestParts = manifestParts
        var next = outputs
        outputs = [:]
        var made = Set<String>()
        Renderer.render(resolved, theme: loaded, memo: memo) { chunk in
            for f in chunk {
                next[f.path] = f.content
                made.insert(f.path)
            }
        }
        if memo.mayHaveGone {
            let live = memo.sweep(others: made)
            next = next.filter { live.contains($0.key) }
        }
        keys = memo.keys
        jobs = memo.jobs
        pages = memo.pages
        search = memo.search
        outputs = next
        let previous = last
        last = resolved
        beyondNotices = false
        report.pagesRendered = memo.rendered
        report.viewsBuilt = memo.viewsBuilt
        report.filesWritten = next.count
        // The previous build's site and tables are freed on another thread.
        releaseLater((consume previous, consume memo))
        return report
    }

    /// Notice files the last rebuild parsed (the others were unchanged).
    public var noticesParsed: Int { loadCache.parsedAgain }

    /// Every output path of the last successful build, sorted.
    public var paths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return outputs.keys.sorted()
    }

    /// The bytes of the output file at `path` (relative to the site's root), nil when there is none.
    public func file(_ path: String) -> Data? {
        lock.lock()
        let content = outputs[path]
        lock.unlock()
        switch content {
        case let .bytes(data): return data
        case let .copy(from): return files.read(from)
        case nil: return nil
        }
    }
}
