import Foundation

/// What a rebuild remembers of the pages of the previous build: for every page, the digest of
/// everything it was rendered from (its template's name and its typed view, which holds every
/// value the template can read). The theme is not in the digest: a memo belongs to one theme.
/// A page whose digest did not change is not rendered again; `previous` gives its bytes.
///
/// A notice reaches a page only through the page's view (its own page, the lists, archives and
/// boards that show it, its neighbours' prev/next links, the status cells…), so comparing views
/// re-renders exactly the pages an edit changes. With a `selection` (`RenderSelection`, from each
/// page's declared `Reach`), the views of pages the edit cannot reach are not even built.
public final class PageMemo: @unchecked Sendable {
    /// SHA-256, in hex.
    public typealias Key = String

    /// The previous build's keys.
    private let previousKeys: [String: Key]
    /// The bytes of an unchanged page (nil when they are gone: the page is rendered again).
    private let previous: @Sendable (String) -> OutputFile.Content?
    private let lock = NSLock()
    private var newKeys: [String: Key] = [:]
    private var renderedPaths: [String] = []
    /// What a change can have reached (a long-running process knows it); nil: anything.
    let selection: RenderSelection?
    /// The files each other piece of work (a notice's data files …) made in the previous build.
    private let previousJobs: [String: [String]]
    private var newJobs: [String: [String]] = [:]
    /// The paths of the previous build's pages (nil: not known), and of this build's.
    private let previousPages: [String]?
    private(set) var pages: [String] = []
    /// The search index of the previous build (used only with a `selection`), and of this one.
    var previousSearch: SearchIndex?
    var search: SearchIndex?
    /// Keep the search index's tokens per notice for the next build (a long-running process).
    var keepsSearch = false
    /// Each notice's part of the manifest, kept for the next build (a long-running process).
    var manifestParts: Manifest.Parts?
    /// A long-running process that keeps every output file of the previous build (`BuildSession`):
    /// a page or file that keeps its bytes is not handed out again, and the tables of keys and
    /// jobs are the previous ones with what changed put in (no work for what the change did not reach).
    let lean: Bool
    /// The jobs that ran in this build (lean: the table holds the previous build's too).
    private var ranJobs: [String] = []
    /// Lean: a job made files other than its previous ones, or a new job ran.
    private var jobsMoved = false

    public init(keys: [String: Key], jobs: [String: [String]] = [:], pages: [String]? = nil, selection: RenderSelection? = nil,
                lean: Bool = false, previous: @escaping @Sendable (String) -> OutputFile.Content?) {
        previousKeys = keys
        previousJobs = jobs
        previousPages = pages
        self.selection = selection
        self.previous = previous
        self.lean = lean
        if lean {
            newKeys = keys
            newJobs = jobs
            ranJobs.reserveCapacity(jobs.count)
        } else {
            newKeys.reserveCapacity(keys.count)
            newJobs.reserveCapacity(jobs.count)
        }
    }

    /// The previous bytes of the page at `path` when the change cannot reach it: its view is not
    /// even built (lean: nothing, the bytes are where they were). Nil: build the view (`page`).
    func kept(_ path: String, reached: (RenderSelection) -> Bool) -> [OutputFile]? {
        guard let selection, !reached(selection) else { return nil }
        if lean { return previousKeys[path] == nil ? nil : [] }
        guard let key = previousKeys[path], let content = previous(path) else { return nil }
        record(path, key, rendered: false)
        return [OutputFile(path: path, content: content)]
    }

    /// Records this build's pages; true when they are not those of the previous build.
    func pagesChanged(_ paths: [String]) -> Bool {
        pages = paths
        return previousPages != paths
    }

    /// The files of the piece of work `job`: the previous ones when the change cannot reach them,
    /// else `make()`.
    func files(_ job: String, reach: [String], make: () -> [OutputFile]) -> [OutputFile] {
        if lean {
            lock.lock(); ranJobs.append(job); lock.unlock()
            if let selection, !selection.reaches(reach), previousJobs[job] != nil { return [] }
            let made = make()
            let paths = made.map(\.path)
            lock.lock()
            if previousJobs[job] != paths { jobsMoved = true }
            newJobs[job] = paths
            lock.unlock()
            return made
        }
        if let selection, !selection.reaches(reach), let paths = previousJobs[job] {
            var out: [OutputFile] = []
            for p in paths {
                guard let content = previous(p) else { out = []; break }
                out.append(OutputFile(path: p, content: content))
            }
            if out.count == paths.count {
                lock.lock(); newJobs[job] = paths; lock.unlock()
                return out
            }
        }
        let made = make()
        lock.lock(); newJobs[job] = made.map(\.path); jobsMade.append(job); lock.unlock()
        return made
    }

    /// The pieces of work (not pages) that made their files again in this build, sorted; the
    /// others kept the previous build's files (not counted in a long-running process).
    public var madeAgain: [String] {
        lock.lock()
        defer { lock.unlock() }
        return jobsMade.sorted()
    }
    private var jobsMade: [String] = []

    /// Lean: `job`, out of the change's reach, keeps its previous files (true) when it had some;
    /// it is then no work at all.
    func keeps(_ job: String) -> Bool {
        guard lean else { return false }
        lock.lock()
        defer { lock.unlock() }
        guard previousJobs[job] != nil else { return false }
        ranJobs.append(job)
        return true
    }

    /// The files of each piece of work of this build (for the next one).
    public var jobs: [String: [String]] {
        lock.lock()
        defer { lock.unlock() }
        return newJobs
    }

    /// No previous build: every page is rendered.
    public convenience init() {
        self.init(keys: [:], previous: { _ in nil })
    }

    /// The page at `path`: the previous bytes when its inputs did not change (lean: nothing, the
    /// bytes are where they were), else `render()`.
    func page(_ path: String, template: String, view: some Encodable, render: () -> String) -> [OutputFile] {
        let key = ViewDigest.of(view, template: template)
        lock.lock(); built += 1; lock.unlock()
        if previousKeys[path] == key {
            if lean { return [] }
            if let content = previous(path) {
                record(path, key, rendered: false)
                return [OutputFile(path: path, content: content)]
            }
        }
        record(path, key, rendered: true)
        return [.text(path, render())]
    }

    /// Lean: whether files of the previous build may be gone (pages or jobs came or went, a job
    /// made other files), and so the kept tables must be swept (`sweep`).
    var mayHaveGone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return jobsMoved || ranJobs.count != previousJobs.count || previousPages != pages
    }

    /// Lean: every file of this build: its pages, 404.html, the files of the jobs that ran and
    /// `others` (files no job names). The tables of keys and jobs keep only this build's.
    func sweep(others: Set<String>) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var live = others
        live.formUnion(pages)
        live.insert(URLs.notFound())
        var jobs: [String: [String]] = [:]
        for j in ranJobs { if let paths = newJobs[j] { jobs[j] = paths; live.formUnion(paths) } }
        newJobs = jobs
        newKeys = newKeys.filter { live.contains($0.key) }
        return live
    }

    private func record(_ path: String, _ key: Key, rendered: Bool) {
        lock.lock()
        newKeys[path] = key
        if rendered { renderedPaths.append(path) }
        lock.unlock()
    }

    /// The keys of this build's pages (the memo of the next build).
    public var keys: [String: Key] {
        lock.lock()
        defer { lock.unlock() }
        return newKeys
    }

    /// Pages whose view this build built (the others were out of the change's reach).
    public var viewsBuilt: Int {
        lock.lock()
        defer { lock.unlock() }
        return built
    }
    private var built = 0

    /// The pages this build rendered (the others kept their bytes), sorted.
    public var rendered: [String] {
        lock.lock()
        defer { lock.unlock() }
        return renderedPaths.sorted()
    }
}
