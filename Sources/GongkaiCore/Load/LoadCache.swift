import Foundation

/// What a long-running process (`BuildSession`) keeps between two loads: each notice file's
/// parse and its rendered body, so a rebuild parses again only the files whose bytes changed.
///
/// A parse depends on the notice's own bytes, on site.yaml and the village files (categories,
/// boards, public numbers) and on the files it names (data files, attachments); a body also on
/// the files it links and on whether the notices it links are public and where. An entry is used
/// only when its bytes are the file's bytes now and site.yaml and the village files are unchanged;
/// a body only when, in addition, each notice path its links name has the same address, or still
/// none (`useLinks`: a notice added elsewhere does not render every body again). A changed
/// file that some notice names, a file under notices/ without front matter, or any file other than
/// a notice, empties the cache (`invalidate`); any change after a load with errors, or to a notice
/// that did not parse, drops the entries that reported problems (one may have been a link or an
/// attachment missing or refused until now).
public final class LoadCache: @unchecked Sendable {
    typealias Parsed = (file: Loader.NoticeFile, diagnostics: [Diagnostic])

    /// A class: reading an entry under the lock takes a reference, not a copy of the parse.
    final class Entry {
        let bytes: Data
        let parsed: Parsed
        /// The notice with its body and digest, and the body's diagnostics.
        var body: (notice: Notice, diagnostics: [Diagnostic])?
        /// The paths the body's links were looked up as (`NoticeParser.renderBody`).
        var links: [String] = []
        init(bytes: Data, parsed: Parsed) {
            self.bytes = bytes
            self.parsed = parsed
        }
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The files the entries' notices name (data files, attachments, embedded files), with how
    /// many entries name each: kept as entries come and go, so that `invalidate` does not walk them all.
    private var named: [String: Int] = [:]

    private static func names(_ e: Entry?) -> [String] {
        guard let e, let n = e.parsed.file.parsed?.notice else { return [] }
        return n.dataFiles + (n.attachments + (e.body?.notice.embedded ?? [])).map(\.sourcePath)
    }

    /// Puts `change` into the entry of `rel`, keeping `named` up to date.
    private func update(_ rel: String, _ change: (inout Entry?) -> Void) {
        var e = entries.removeValue(forKey: rel)
        for p in Self.names(e) {
            named[p, default: 0] -= 1
            if named[p] == 0 { named[p] = nil }
        }
        change(&e)
        for p in Self.names(e) { named[p, default: 0] += 1 }
        entries[rel] = e
    }
    /// site.yaml and the village files the entries were parsed against.
    private var context: [String: Data] = [:]
    /// The public notices' addresses and the hidden paths the bodies were rendered against.
    private var links: (urls: [String: String], hidden: Set<String>)?
    /// Notice files parsed again by the last load (not taken from the cache).
    public private(set) var parsedAgain = 0

    public init() {}

    /// Forgets what `changed` (paths relative to Content/, whose real path is under `root`) may
    /// have made stale.
    public func invalidate(changed: [String], root: String) {
        lock.lock()
        defer { lock.unlock() }
        let paths = changed.filter { $0 != PublicationRecord.fileName }
        // After a load with errors, or when a notice that did not parse changed: what some other
        // file could not find or refused (a link, an attachment, a decision's notice) may be
        // mended by the changed ones. Only what reported something can have depended on them; the
        // others found all they name. (Once for all the changed paths: it walks every entry.)
        if !paths.isEmpty, !clean || paths.contains(where: { entries[$0].map { $0.parsed.file.parsed == nil } == true }) {
            for (key, e) in entries where e.parsed.file.parsed == nil || !e.parsed.diagnostics.isEmpty
                || e.body.map({ !$0.diagnostics.isEmpty }) == true {
                update(key) { $0 = nil }
            }
            for (rel, d) in decisions where !d.diagnostics.isEmpty { decisions[rel] = nil }
        }
        for path in paths {
            let isNamed = named[path] != nil || named[root + "/" + path] != nil
            if path.hasPrefix("decisions/") && !isNamed {  // no notice reads them
                decisions[path] = nil
                continue
            }
            // A file under notices/ without front matter may be what a body links (found by a
            // path that need not be written as the file's own): everything is read again.
            guard path.hasPrefix("notices/"), path.hasSuffix(".md"), !isNamed, entries[path]?.parsed.file.bare == nil else {
                entries = [:]
                named = [:]
                return
            }
            update(path) { $0 = nil }
        }
    }

    /// Whether the last load found no errors.
    private var clean = false

    func end(clean: Bool) {
        lock.lock()
        self.clean = clean
        lock.unlock()
    }

    /// Starts a load against site.yaml and the village files `context`: entries parsed against
    /// other ones are dropped.
    func begin(context: [String: Data]) {
        lock.lock()
        defer { lock.unlock() }
        if context != self.context {
            entries = [:]
            named = [:]
            decisions = [:]
        }
        self.context = context
        parsedAgain = 0
    }

    /// The parse of each file (its path relative to Content/ and its bytes now) when its bytes
    /// are those it was parsed from, else nil.
    func parsed(_ files: [(rel: String, bytes: Data?)]) -> [Parsed?] {
        lock.lock()
        defer { lock.unlock() }
        return files.map { f in
            guard let bytes = f.bytes, let e = entries[f.rel], e.bytes == bytes else { return nil }
            return e.parsed
        }
    }

    func store(_ rel: String, bytes: Data, _ parsed: Parsed) {
        lock.lock()
        defer { lock.unlock() }
        update(rel) { $0 = Entry(bytes: bytes, parsed: parsed) }
        parsedAgain += 1
    }

    /// The publication record read from `bytes` (nil: no record file), when it was read before.
    private var record: (bytes: Data?, record: PublicationRecord, diagnostics: [Diagnostic])?

    func record(_ bytes: Data?, read: (Diagnostics) -> PublicationRecord, into sink: Diagnostics) -> PublicationRecord {
        lock.lock()
        let known = record
        lock.unlock()
        if let known, known.bytes == bytes {
            sink.report(known.diagnostics)
            return known.record
        }
        let local = sink.scope()
        let r = read(local)
        lock.lock()
        record = (bytes, r, local.all)
        lock.unlock()
        return r
    }

    /// A body is kept while every path its links were looked up as keeps its address (or has
    /// none, or stays hidden): a notice added, gone, hidden or moved drops only the bodies that link it.
    func useLinks(urls: [String: String], hidden: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        guard let old = links else {
            links = (urls, hidden)
            for key in entries.keys where entries[key]?.body != nil { update(key) { $0?.body = nil } }
            return
        }
        if old.urls == urls, old.hidden == hidden { return }
        links = (urls, hidden)
        var moved = old.hidden.symmetricDifference(hidden)
        for (path, url) in urls where old.urls[path] != url { moved.insert(path) }
        for path in old.urls.keys where urls[path] == nil { moved.insert(path) }
        for (key, e) in entries where e.body != nil && e.links.contains(where: moved.contains) {
            update(key) { $0?.body = nil }
        }
        forgetDecisions(asking: moved)
    }

    /// Decision records by path: the bytes read, the decision, the problems reported and the
    /// notice paths it asked about. A record is kept while those paths stay notices (or not) with
    /// the same addresses (`useLinks`, `useNoticePaths`).
    private var decisions: [String: (bytes: Data, decision: Decision?, diagnostics: [Diagnostic], asked: [String])] = [:]
    private var noticePaths: Set<String>?

    func useNoticePaths(_ paths: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        if let old = noticePaths {
            if old != paths { forgetDecisions(asking: old.symmetricDifference(paths)) }
        } else {
            decisions = [:]
        }
        noticePaths = paths
    }

    /// Drops the decision records that asked about one of `paths` (called under the lock).
    private func forgetDecisions(asking paths: Set<String>) {
        for (rel, d) in decisions where d.asked.contains(where: paths.contains) { decisions[rel] = nil }
    }

    func decision(_ rel: String, bytes: Data) -> (decision: Decision?, diagnostics: [Diagnostic])? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = decisions[rel], e.bytes == bytes else { return nil }
        return (e.decision, e.diagnostics)
    }

    func storeDecision(_ rel: String, bytes: Data, _ d: Decision?, diagnostics: [Diagnostic], asked: [String]) {
        lock.lock()
        defer { lock.unlock() }
        decisions[rel] = (bytes, d, diagnostics, asked)
    }

    /// The kept body of each notice file (by path relative to Content/), nil where there is none.
    func bodies(_ rels: [String]) -> [(notice: Notice, diagnostics: [Diagnostic])?] {
        lock.lock()
        defer { lock.unlock() }
        return rels.map { entries[$0]?.body }
    }

    func storeBody(_ rel: String, _ body: (notice: Notice, diagnostics: [Diagnostic]), links: [String]) {
        lock.lock()
        defer { lock.unlock() }
        update(rel) {
            $0?.body = body
            $0?.links = links
        }
    }
}
