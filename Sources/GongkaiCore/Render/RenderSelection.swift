import Foundation

/// What a page or a file of the site is made from, as keys a change can reach: a notice, the
/// list of one board's category, a board, a board's accounts, a content path, the set of pages.
/// A page lists every key its view reads beyond the site's configuration, boards, decisions,
/// theme and date (a change to those renders everything).
enum Reach {
    /// Read by pages that show the whole site (home, status, site feeds, the manifest …).
    static let everything = ["*"]
    static func notice(_ id: String) -> String { "n:" + id }
    static func group(_ board: String, _ category: String) -> String { "g:" + board + "/" + category }
    static func board(_ slug: String) -> String { "b:" + slug }
    /// The ledgers and budgets of a board (a finance page shows the board's earlier periods).
    static func finance(_ board: String) -> String { "f:" + board }
    /// A notice by its content path (how decisions name the notices that publish them).
    static func path(_ contentPath: String) -> String { "p:" + contentPath }
    /// The set of pages and their dates (the sitemap).
    static let structure = "s"
}

/// Which pages a rebuild in a long-running process (`BuildSession`) must build again: those whose
/// `Reach` holds a key the change reached. The others keep their bytes without their view being
/// built. What is selected is still compared by view (`PageMemo`), so selecting too much only
/// costs time; `IncrementalTests` checks that nothing is selected too little.
public struct RenderSelection: Sendable {
    var keys: Set<String>

    func reaches(_ reach: [String]) -> Bool {
        reach.contains { $0 == "*" || keys.contains($0) }
    }

    /// The keys reached going from `old` to `new`, two resolutions of the same site configuration,
    /// boards, decisions, publication record and date, where only notice files changed: nil when
    /// that is not so (everything must be built).
    static func between(_ old: ResolvedSite, _ new: ResolvedSite) -> RenderSelection? {
        guard old.today == new.today, old.model.decisions == new.model.decisions,
              old.model.record == new.model.record else { return nil }
        var keys = Set<String>()
        func mark(_ n: Notice, in site: ResolvedSite) {
            keys.insert(Reach.notice(n.id))
            keys.insert(Reach.group(n.board, n.category))
            keys.insert(Reach.board(n.board))
            keys.insert(Reach.path(n.contentPath))
            if n.finance.ledger != nil || n.finance.budget != nil { keys.insert(Reach.finance(n.board)) }
        }
        var before = Dictionary(old.published.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for n in new.published {
            guard let o = before.removeValue(forKey: n.id) else {
                mark(n, in: new)
                keys.insert(Reach.structure)
                continue
            }
            if n.isSameVersion(o), old.sameState(o, as: new, n),
               old.record.entries[o.id] == new.record.entries[n.id] { continue }
            mark(o, in: old)
            mark(n, in: new)
            // Pages that showed it as a neighbour before (its neighbours now name it in their reach).
            if let nb = old.neighbours[o.id] { for x in [nb.older, nb.newer].compactMap({ $0 }) { keys.insert(Reach.notice(x.id)) } }
            // The sitemap shows notices' dates (a page added or gone changes its list of pages).
            if o.date != n.date { keys.insert(Reach.structure) }
        }
        for o in before.values {
            mark(o, in: old)
            if let nb = old.neighbours[o.id] { for x in [nb.older, nb.newer].compactMap({ $0 }) { keys.insert(Reach.notice(x.id)) } }
            keys.insert(Reach.structure)
        }
        return RenderSelection(keys: keys)
    }
}

extension ResolvedSite {
    /// Whether notice `n` stands in this build as `m` stands in `other` (the notices a state
    /// names compared by id).
    func sameState(_ n: Notice, as other: ResolvedSite, _ m: Notice) -> Bool {
        switch (states[n.id], other.states[m.id]) {
        case let (.published(p)?, .published(q)?):
            return p.withdrawn == q.withdrawn && p.hasCorrections == q.hasCorrections && p.gongshi == q.gongshi
                && p.correctedBy.map(\.id) == q.correctedBy.map(\.id) && p.corrects?.id == q.corrects?.id
                && p.republishedAs?.id == q.republishedAs?.id
        case let (.withheld(a)?, .withheld(b)?): return a == b
        case (nil, nil): return true
        default: return false
        }
    }
}

/// What `RenderSelection` needs of a build that is gone (the CLI's previous run, read back from
/// the cache): for every published notice its id, what it reaches and a signature of everything
/// its pages show of it (content digest, state, record versions, date, neighbours), and `context`,
/// the digest of everything else a page can read (site.yaml, villages, decisions, the theme, the
/// date, and which notice files exist and are public: links between notices depend on it).
struct SiteSummary: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var board: String
        var category: String
        var contentPath: String
        var finance: Bool
        var date: String
        var neighbours: [String]
        var signature: String
    }
    var context: String
    var entries: [String: Entry]
    /// The site's pages, in render order, 404.html left out (the sitemap's list).
    var pages: [String]

    init(_ r: ResolvedSite, context: String, pages: [String]) {
        self.context = context
        self.pages = pages
        var entries: [String: Entry] = [:]
        for n in r.published {
            let nb = r.neighbours[n.id]
            let p = r.publication(n)
            var sig = n.digest + "|" + (p.map { p in
                "w:\(p.withdrawn.map { $0.date.iso + $0.reason } ?? "")|c:\(p.correctedBy.map(\.id))|h:\(p.hasCorrections)"
                    + "|o:\(p.corrects?.id ?? "")|r:\(p.republishedAs?.id ?? "")|g:\(p.gongshi.map { "\($0)" } ?? "")"
            } ?? "")
            for v in r.record.entries[n.id]?.versions ?? [] {
                sig += "|v:\(v.recorded.iso) \(v.sha256) \(v.corrections) \(v.withdrawn) \(v.outcome)"
            }
            entries[n.id] = Entry(board: n.board, category: n.category, contentPath: n.contentPath,
                                  finance: n.finance.ledger != nil || n.finance.budget != nil, date: n.date.iso,
                                  neighbours: [nb?.older?.id, nb?.newer?.id].compactMap { $0 }, signature: sig)
        }
        self.entries = entries
    }

    /// One line per field, tab-separated (no field holds a tab or a line break: ids, paths,
    /// digests and dates).
    var text: String {
        var out = "context\t\(context)\n"
        for p in pages { out += "page\t\(p)\n" }
        for (id, e) in entries.sorted(by: { $0.key < $1.key }) {
            out += ["notice", id, e.board, e.category, e.contentPath, e.finance ? "1" : "0", e.date,
                    e.neighbours.joined(separator: " "), e.signature].joined(separator: "\t") + "\n"
        }
        return out
    }

    init?(text: String) {
        var context: String?
        var pages: [String] = []
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch f.first {
            case "context" where f.count == 2: context = f[1]
            case "page" where f.count == 2: pages.append(f[1])
            case "notice" where f.count == 9:
                entries[f[1]] = Entry(board: f[2], category: f[3], contentPath: f[4], finance: f[5] == "1", date: f[6],
                                      neighbours: f[7].split(separator: " ").map(String.init), signature: f[8])
            default: return nil
            }
        }
        guard let context else { return nil }
        self.init(context: context, entries: entries, pages: pages)
    }

    private init(context: String, entries: [String: Entry], pages: [String]) {
        self.context = context
        self.entries = entries
        self.pages = pages
    }
}

extension RenderSelection {
    /// The keys reached from the build summed up in `old` to the one in `new`: nil when their
    /// contexts differ (everything must be built).
    static func between(_ old: SiteSummary, _ new: SiteSummary) -> RenderSelection? {
        guard old.context == new.context else { return nil }
        var keys = Set<String>()
        func mark(_ id: String, _ e: SiteSummary.Entry) {
            keys.insert(Reach.notice(id))
            keys.insert(Reach.group(e.board, e.category))
            keys.insert(Reach.board(e.board))
            keys.insert(Reach.path(e.contentPath))
            if e.finance { keys.insert(Reach.finance(e.board)) }
        }
        for (id, e) in new.entries {
            guard let o = old.entries[id] else {
                mark(id, e)
                keys.insert(Reach.structure)
                continue
            }
            if o == e { continue }
            mark(id, o)
            mark(id, e)
            for x in o.neighbours { keys.insert(Reach.notice(x)) }
            if o.date != e.date { keys.insert(Reach.structure) }
        }
        for (id, o) in old.entries where new.entries[id] == nil {
            mark(id, o)
            for x in o.neighbours { keys.insert(Reach.notice(x)) }
            keys.insert(Reach.structure)
        }
        return RenderSelection(keys: keys)
    }
}
