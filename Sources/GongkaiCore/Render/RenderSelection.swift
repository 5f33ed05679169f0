import Crypto
import Foundation

/// What a page or a file of the site is made from, as keys a change can reach: a notice, the
/// list of one board's category, a board, a board's accounts, a content path, the set of pages.
/// A page lists every key its view reads beyond the site's configuration, boards, decisions,
/// theme and date (a change to those renders everything).
enum Reach {
    /// Read by pages that show the whole site (home, status, site feeds, the manifest …).
    static let everything = ["*"]
    static func notice(_ id: String) -> String { Notice.keyPrefix + id }
    /// `notice(n.id)`, made once per notice.
    static func notice(_ n: Notice) -> String { n.reachKey }
    /// The notice id in a key made by `notice`, nil for other keys.
    static func noticeID(_ key: String) -> String? {
        key.hasPrefix(Notice.keyPrefix) ? String(key.dropFirst(Notice.keyPrefix.count)) : nil
    }
    static func group(_ board: String, _ category: String) -> String { "g:" + board + "/" + category }
    /// Which notices a board's category holds and in what order and period (`placed`): the pages
    /// and feeds that show a slice of it (a list page, a year, a sheet, the latest) read it.
    /// `any` for either part: of every board, of every category.
    static func members(_ board: String, _ category: String) -> String { "m:" + board + "/" + category }
    static let any = "*"
    static func board(_ slug: String) -> String { "b:" + slug }
    /// The ledgers and budgets of a board (a finance page shows the board's earlier periods).
    static func finance(_ board: String) -> String { "f:" + board }
    /// A notice by its content path (how decisions name the notices that publish them).
    static func path(_ contentPath: String) -> String { "p:" + contentPath }
    /// The set of pages and their dates (the sitemap).
    static let structure = "s"
}

/// Which pages a rebuild must build again: those whose `Reach` holds a key the change reached.
/// The others keep their bytes without their view being built. A long-running process
/// (`BuildSession`) compares the resolution it kept; `gongkai build` compares the `SiteSummary`
/// its cache kept. What is selected is still compared by view (`PageMemo`), so selecting too
/// much only costs time; `IncrementalTests` checks that nothing is selected too little.
public struct RenderSelection: Sendable {
    var keys: Set<String>

    func reaches(_ reach: [String]) -> Bool {
        reach.contains { $0 == "*" || keys.contains($0) }
    }

    /// Whether the change reached `key` (a key of `Reach`, not `Reach.everything`).
    func has(_ key: String) -> Bool { keys.contains(key) }

    /// The ids of the notices the change reached (`Reach.notice`).
    var noticeIDs: Set<String> {
        Set(keys.compactMap(Reach.noticeID))
    }

    /// The keys reached going from `old` to `new`, two resolutions of the same site configuration,
    /// boards, decisions, publication record and date, where only notice files changed: nil when
    /// that is not so (everything must be built).
    static func between(_ old: ResolvedSite, _ new: ResolvedSite) -> RenderSelection? {
        guard old.today == new.today, old.model.decisions == new.model.decisions,
              old.model.record == new.model.record else { return nil }
        var keys = Set<String>()
        func mark(_ n: Notice) {
            Self.mark(&keys, id: n.id, board: n.board, category: n.category, contentPath: n.contentPath, account: n.finance.isAccount)
        }
        func moved(_ n: Notice) { Self.moved(&keys, board: n.board, category: n.category) }
        func compare(_ o: Notice, _ n: Notice) {
            if n.isSameVersion(o), old.shownState(o) == new.shownState(n),
               old.record.entries[o.id] == new.record.entries[n.id] { return }
            mark(o)
            mark(n)
            if old.placed(o) != new.placed(n) || o.category != n.category {
                moved(o)
                moved(n)
            }
            // Pages that showed it as a neighbour before (its neighbours now name it in their reach).
            if let nb = old.neighbours[o.id] { for x in [nb.older, nb.newer].compactMap({ $0 }) { keys.insert(Reach.notice(x)) } }
            // The sitemap shows notices' dates (a page added or gone changes its list of pages).
            if o.date != n.date { keys.insert(Reach.structure) }
        }
        // Both lists are in the same order: most notices are at the same place in both, and the
        // others are matched by id.
        let (olds, news) = (old.published, new.published)
        var leftOld: [Notice] = [], leftNew: [Notice] = []
        for i in 0..<max(olds.count, news.count) {
            if i < olds.count, i < news.count, olds[i].id == news[i].id {
                compare(olds[i], news[i])
            } else {
                if i < olds.count { leftOld.append(olds[i]) }
                if i < news.count { leftNew.append(news[i]) }
            }
        }
        var before = Dictionary(leftOld.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for n in leftNew {
            guard let o = before.removeValue(forKey: n.id) else {
                mark(n)
                moved(n)
                keys.insert(Reach.structure)
                continue
            }
            compare(o, n)
        }
        for o in before.values {
            mark(o)
            moved(o)
            if let nb = old.neighbours[o.id] { for x in [nb.older, nb.newer].compactMap({ $0 }) { keys.insert(Reach.notice(x)) } }
            keys.insert(Reach.structure)
        }
        return RenderSelection(keys: keys)
    }

    /// The keys a changed notice reaches: its own, its list's, its board's, its content path's
    /// and, for an account, its board's accounts'.
    static func mark(_ keys: inout Set<String>, id: String, board: String, category: String, contentPath: String, account: Bool) {
        keys.insert(Reach.notice(id))
        keys.insert(Reach.group(board, category))
        keys.insert(Reach.board(board))
        keys.insert(Reach.path(contentPath))
        if account { keys.insert(Reach.finance(board)) }
    }

    /// The keys of a notice that came, went or changed place (`placed`) in its board's category.
    static func moved(_ keys: inout Set<String>, board: String, category: String) {
        for b in [board, Reach.any] { for c in [category, Reach.any] { keys.insert(Reach.members(b, c)) } }
    }
}

/// What the pages show of a published notice's state (`Publication`), the notices it names by
/// id: equal values, equal pages as far as the state goes.
struct ShownState: Hashable, CustomStringConvertible {
    var withdrawn: NoticeProcess.Withdrawal?
    var hasCorrections: Bool
    var gongshi: GongshiPhase?
    var correctedBy: [String]
    var corrects: String?
    var republishedAs: String?
    var withheld: WithholdReason?

    var description: String {
        "w:\(withdrawn.map { $0.date.iso + " " + $0.reason } ?? "")|h:\(hasCorrections)|g:\(gongshi.map { "\($0)" } ?? "")"
            + "|c:\(correctedBy.joined(separator: ","))|o:\(corrects ?? "")|r:\(republishedAs ?? "")|x:\(withheld.map { "\($0)" } ?? "")"
    }
}

extension ResolvedSite {
    /// Where a published notice stands in its board's category: its date (the lists' order, its
    /// year), its period (its sheet) and whether it was withdrawn (sheets leave it off).
    func placed(_ n: Notice) -> String {
        "\(n.date.iso)|\(n.period.map { "\($0.year)-\($0.firstMonth)-\($0.lastMonth)" } ?? "")|\(publication(n)?.isWithdrawn == true)"
    }

    func shownState(_ n: Notice) -> ShownState {
        switch states[n.id] {
        case let .published(p)?:
            return ShownState(withdrawn: p.withdrawn, hasCorrections: p.hasCorrections, gongshi: p.gongshi,
                              correctedBy: p.correctedBy.map(\.id), corrects: p.corrects?.id, republishedAs: p.republishedAs?.id)
        case let .withheld(reason)?:
            return ShownState(hasCorrections: false, correctedBy: [], withheld: reason)
        case nil:
            return ShownState(hasCorrections: false, correctedBy: [])
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
        /// `ResolvedSite.placed`.
        var placed: String
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
            // Hashed: the state holds free text (a withdrawal's reason), the summary's lines do not.
            var sig = n.digest + "|\(r.shownState(n))"
            for v in r.record.entries[n.id]?.versions ?? [] {
                sig += "|v:\(v.recorded.iso) \(v.sha256) \(v.corrections) \(v.withdrawn) \(v.outcome)"
            }
            entries[n.id] = Entry(board: n.board, category: n.category, contentPath: n.contentPath,
                                  finance: n.finance.isAccount, date: n.date.iso, placed: r.placed(n),
                                  neighbours: [nb?.older?.id, nb?.newer?.id].compactMap { $0 },
                                  signature: SHA256.hash(data: Data(sig.utf8)).hex)
        }
        self.entries = entries
    }

    /// One line per notice, its fields tab-separated (ids, paths, digests and dates). A file that
    /// does not read back (a path holding a tab …) only means a full build.
    var text: String {
        var out = "context\t\(context)\n"
        for p in pages { out += "page\t\(p)\n" }
        for (id, e) in entries.sorted(by: { $0.key < $1.key }) {
            out += ["notice", id, e.board, e.category, e.contentPath, e.finance ? "1" : "0", e.date, e.placed,
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
            case "notice" where f.count == 10:
                entries[f[1]] = Entry(board: f[2], category: f[3], contentPath: f[4], finance: f[5] == "1", date: f[6], placed: f[7],
                                      neighbours: f[8].split(separator: " ").map(String.init), signature: f[9])
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
            Self.mark(&keys, id: id, board: e.board, category: e.category, contentPath: e.contentPath, account: e.finance)
        }
        for (id, e) in new.entries {
            guard let o = old.entries[id] else {
                mark(id, e)
                Self.moved(&keys, board: e.board, category: e.category)
                keys.insert(Reach.structure)
                continue
            }
            if o == e { continue }
            mark(id, o)
            mark(id, e)
            if o.placed != e.placed || o.category != e.category {
                Self.moved(&keys, board: o.board, category: o.category)
                Self.moved(&keys, board: e.board, category: e.category)
            }
            for x in o.neighbours { keys.insert(Reach.notice(x)) }
            if o.date != e.date { keys.insert(Reach.structure) }
        }
        for (id, o) in old.entries where new.entries[id] == nil {
            mark(id, o)
            Self.moved(&keys, board: o.board, category: o.category)
            for x in o.neighbours { keys.insert(Reach.notice(x)) }
            keys.insert(Reach.structure)
        }
        return RenderSelection(keys: keys)
    }
}
