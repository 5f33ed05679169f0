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
