import Foundation

/// Stage 3: boards, category lists, archives and neighbours, computed once from the model.
public struct ResolvedSite: Sendable {
    public let model: ContentModel
    public let today: Day
    /// Published notices (not drafts, not dated after today), newest first.
    public let published: [Notice]
    /// Notices not published in this build, with the reason.
    public let withheld: [(Notice, WithholdReason)]
    /// notice id (board/slug) → its state in this build, decided here once for every notice.
    public let states: [String: NoticeState]
    /// board slug → category key → notices, newest first.
    public let lists: [String: [String: [Notice]]]
    /// notice id (board/slug) → (previous older, next newer) in the same board and category.
    public let neighbours: [String: (older: Notice?, newer: Notice?)]
    /// board → published ledgers in period order.
    public let ledgers: [String: [Ledger]]
    /// `board/year` → the published budget of that year.
    public let budgets: [String: Budget]
    /// Published notices by content path (for links written in front matter).
    public let byPath: [String: Notice]
    /// Decisions by board, newest first.
    public let decisions: [String: [Decision]]
    /// notice content path → the decision it publishes (resolution or result).
    public let decisionOf: [String: Decision]
    /// The publication record including this build's new versions (see `Builder`).
    public var record: PublicationRecord

    /// On time / late / missing per board, category and period (computed once, at the end of init).
    public var timeliness: Timeliness { timelinessTable! }
    private var timelinessTable: Timeliness?

    public var site: SiteConfig { model.site }
    public var boards: [Board] { model.boards }

    public init(model: ContentModel, today: Day) {
        self.model = model
        self.today = today
        self.record = model.record
        var published: [Notice] = []
        var withheld: [(Notice, WithholdReason)] = []
        let township = Dictionary(uniqueKeysWithValues: model.boards.map { ($0.slug, $0.isTownship) })
        for n in model.notices {
            if let reason = ProcessCheck.withholdReason(n, site: model.site, township: township[n.board], today: today) {
                withheld.append((n, reason))
            } else {
                published.append(n)
            }
        }
        published.sort(by: ResolvedSite.newestFirst)
        self.published = published
        self.withheld = withheld.sorted { $0.0.sourcePath < $1.0.sourcePath }

        var lists: [String: [String: [Notice]]] = [:]
        for n in published { lists[n.board, default: [:]][n.category, default: []].append(n) }
        self.lists = lists

        var neighbours: [String: (older: Notice?, newer: Notice?)] = [:]
        for (_, cats) in lists {
            for (_, items) in cats {
                for (i, n) in items.enumerated() {
                    neighbours[n.id] = (i + 1 < items.count ? items[i + 1] : nil, i > 0 ? items[i - 1] : nil)
                }
            }
        }
        self.neighbours = neighbours

        let byPath = Dictionary(published.map { ($0.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        self.byPath = byPath
        var corrects: [String: Notice] = [:]
        var correctedBy: [String: [Notice]] = [:]
        for n in published {
            if let w = n.process.corrects, let p = ProcessCheck.target(w, from: n), let old = byPath[p] {
                corrects[n.id] = old
                correctedBy[old.id, default: []].append(n)
            }
        }
        var states: [String: NoticeState] = [:]
        for (n, reason) in withheld { states[n.id] = .withheld(reason) }
        var ledgers: [String: [Ledger]] = [:]
        var budgets: [String: Budget] = [:]
        for n in published {
            let again = n.gongshi?.outcome?.republished.flatMap { ProcessCheck.target($0, from: n) }.flatMap { byPath[$0] }
            let p = Publication(withdrawn: n.process.withdrawn, correctedBy: correctedBy[n.id] ?? [],
                                hasCorrections: !n.process.corrections.isEmpty, corrects: corrects[n.id], republishedAs: again,
                                gongshi: n.gongshi.map { g in n.process.withdrawn.map { .withdrawn($0.date) } ?? GongshiPhase(g.status(on: today)) })
            states[n.id] = .published(p)
            if p.isWithdrawn { continue }
            if let l = n.finance.ledger { ledgers[n.board, default: []].append(l) }
            if let b = n.finance.budget {
                let key = n.board + "/\(b.year)"
                // The newest published budget of a year wins (a revised budget is a new notice).
                if budgets[key] == nil { budgets[key] = b }
            }
        }
        self.states = states
        self.ledgers = ledgers.mapValues { $0.sorted { $0.period.firstDay < $1.period.firstDay } }
        self.budgets = budgets
        var decisions: [String: [Decision]] = [:]
        var decisionOf: [String: Decision] = [:]
        for d in model.decisions where (d.steps.first?.date ?? today) <= today {
            decisions[d.board, default: []].append(d)
            for p in [d.resolution, d.result].compactMap({ $0 }) where byPath[p] != nil { decisionOf[p] = d }
        }
        self.decisions = decisions.mapValues { $0.sorted { ($0.steps.first?.date ?? today, $0.slug) > ($1.steps.first?.date ?? today, $1.slug) } }
        self.decisionOf = decisionOf
        self.timelinessTable = Timeliness(self)
    }

    /// Newest first; ties broken by slug so the order is stable.
    static func newestFirst(_ a: Notice, _ b: Notice) -> Bool {
        if a.date != b.date { return a.date > b.date }
        if a.board != b.board { return a.board < b.board }
        return a.slug > b.slug
    }

    public func board(_ slug: String) -> Board? { boards.first { $0.slug == slug } }
    public func category(_ key: String) -> Category? { site.categories.first { $0.key == key } }
    public func categories(for board: Board) -> [Category] { site.categories.filter { $0.applies(to: board) } }
    public func notices(board: String, category: String) -> [Notice] { lists[board]?[category] ?? [] }

    /// How a published notice stands (withdrawn, corrected, its 公示 today …); nil when withheld.
    public func publication(_ n: Notice) -> Publication? {
        if case let .published(p)? = states[n.id] { return p }
        return nil
    }

    /// Notices whose 公示 window is running on `today` (and not withdrawn).
    public func gongshiRunning(board: String? = nil) -> [Notice] {
        published.filter { n in
            guard board == nil || n.board == board, case .running = publication(n)?.gongshi else { return false }
            return true
        }
    }
}

/// Why a notice is not published in this build. Its Chinese wording lives only in `label`.
public enum WithholdReason: Sendable, Hashable, Codable {
    /// 党内公开: never reaches any public output.
    case partyOnly
    /// `draft: true`.
    case draft
    /// Dated after the build date.
    case scheduled(Day)
    /// The sign-off words no signoff role of the notice contains.
    case missingSignoff([String])

    /// The reason as `gongkai check` lists it.
    public var label: String {
        switch self {
        case .partyOnly: "党内公开，不上网"
        case .draft: "草稿（draft: true）"
        case let .scheduled(d): "发布日期 \(d.iso) 在今天之后"
        case .missingSignoff: "缺少审核签字"
        }
    }
}

/// Where a notice's 公示 stands on the build date.
public enum GongshiPhase: Sendable, Hashable {
    case upcoming
    case running(daysLeft: Int)
    case ended
    /// Withdrawn on that day: over, whatever its window said.
    case withdrawn(Day)

    init(_ s: Gongshi.Status) {
        switch s {
        case .upcoming: self = .upcoming
        case let .running(left): self = .running(daysLeft: left)
        case .ended: self = .ended
        }
    }
}

/// How a published notice stands in this build, with its relations to other published notices.
public struct Publication: Sendable {
    /// The withdrawal, when the notice was withdrawn (its page keeps only title, date and reason).
    public var withdrawn: NoticeProcess.Withdrawal?
    /// Published notices that correct this one.
    public var correctedBy: [Notice]
    /// Whether the notice records corrections (更正说明) on itself.
    public var hasCorrections: Bool
    /// The published notice this one corrects.
    public var corrects: Notice?
    /// The published notice its 公示 outcome says it was re-published as.
    public var republishedAs: Notice?
    /// Its 公示 on the build date, when it has one.
    public var gongshi: GongshiPhase?

    public var isWithdrawn: Bool { withdrawn != nil }
    /// Corrected by another notice or by a correction recorded on itself.
    public var isCorrected: Bool { !correctedBy.isEmpty || hasCorrections }
    /// Listed under 更正和撤回 on the status page.
    public var isChanged: Bool { isCorrected || isWithdrawn }
}

/// A notice's state in this build: decided once by `ResolvedSite`, read by every page, feed,
/// status grid and the manifest.
public enum NoticeState: Sendable {
    case published(Publication)
    case withheld(WithholdReason)
}

/// The URL scheme. Paths are relative to the site root; never depend on title, date or category
/// of a notice, so permalinks are stable (docs/content-spec.md).
public enum URLs {
    public static func home() -> String { "index.html" }
    public static func board(_ b: String) -> String { "\(b)/index.html" }
    public static func list(_ b: String, _ c: String, page: Int = 1) -> String {
        page <= 1 ? "\(b)/\(c)/index.html" : "\(b)/\(c)/page-\(page).html"
    }
    public static func archive(_ b: String, _ c: String) -> String { "\(b)/\(c)/archive.html" }
    public static func year(_ b: String, _ c: String, _ y: Int) -> String { "\(b)/\(c)/\(y).html" }
    public static func notice(_ n: Notice) -> String { "\(n.board)/notice/\(n.slug).html" }
    public static func decision(_ d: Decision) -> String { "\(d.board)/decision/\(d.slug).html" }
    public static func status() -> String { "status.html" }
    /// The page a host serves for any missing address (not in the sitemap).
    public static func notFound() -> String { "404.html" }
    /// A board sheet: `<board>/print/<category>-<period>.html` (`print` is not a category key).
    public static func sheet(_ s: Sheet) -> String { "\(s.board.slug)/print/\(s.category.key)-\(s.period.slug).html" }
    /// The search page and the files of its index (see `SearchIndex`).
    public static func search() -> String { "search.html" }
    public static func searchShard(_ n: Int) -> String { "search/s/\(n).js" }
    public static func searchDoc(_ id: Int) -> String { "search/d/\(id).js" }
    public static func attachment(_ n: Notice, _ a: Attachment) -> String {
        attachment(board: n.board, slug: n.slug, fileName: a.fileName)
    }
    public static func attachment(board: String, slug: String, fileName: String) -> String {
        "\(board)/files/\(slug)/\(fileName)"
    }
    /// The page showing a text or CSV attachment: `<board>/files/<slug>/<file>.html`.
    public static func attachmentPage(_ n: Notice, _ a: Attachment) -> String { attachment(n, a) + ".html" }
    /// The Excel-friendly copy of a CSV attachment, next to it: `明细.csv` → `明细（Excel）.csv`.
    public static func attachmentExcel(_ n: Notice, _ a: Attachment) -> String {
        attachment(board: n.board, slug: n.slug, fileName: (a.fileName as NSString).deletingPathExtension + "（Excel）.csv")
    }
    /// Open data of a ledger: `<board>/files/<slug>/ledger-<slug>.csv` / `.json`.
    public static func ledgerFile(_ n: Notice, _ ext: String) -> String {
        attachment(board: n.board, slug: n.slug, fileName: "ledger-\(n.slug).\(ext)")
    }
    public static func feed() -> String { "feed.xml" }
    public static func boardFeed(_ b: String) -> String { "\(b)/feed.xml" }
    public static func listFeed(_ b: String, _ c: String) -> String { "\(b)/\(c)/feed.xml" }
    public static func categoryFeed(_ c: String) -> String { "category/\(c).xml" }

    /// A link from the page at `from` to the site path `to` (both relative to the site root).
    public static func relative(from: String, to: String) -> String {
        root(for: from) + to
    }

    /// `../` repeated to climb from the page at `path` to the site root.
    public static func root(for path: String) -> String {
        String(repeating: "../", count: path.reduce(0) { $1 == "/" ? $0 + 1 : $0 })
    }

    /// The full online address of a site path: `base_url` (ends with `/`) and the encoded path.
    public static func online(_ path: String, base: String) -> String { base + encode(path) }

    /// Percent-encodes a site path for use in href (keeps `/`).
    public static func encode(_ path: String) -> String {
        // Byte by byte over the UTF-8 (Foundation's addingPercentEncoding was a tenth of a
        // rebuild): what `CharacterSet.urlPathAllowed` allows, less `;`, stays; the rest is %XX.
        let utf8 = path.utf8
        guard utf8.contains(where: { !pathAllowed($0) }) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for b in utf8 {
            if pathAllowed(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII letters and digits and `-._~!$&'()*+,=:@/`.
    static func pathAllowed(_ b: UInt8) -> Bool { allowedBytes[Int(b)] }

    private static let allowedBytes: [Bool] = (0..<256).map { b in
        (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b)
            || "-._~!$&'()*+,=:@/".utf8.contains(UInt8(b))
    }
}
