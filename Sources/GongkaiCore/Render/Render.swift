import Foundation

/// One file of the output site.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case bytes(Data)
        /// Copied from a source file (attachments, assets).
        case copy(from: String)
    }
    public var path: String
    public var content: Content

    public static func text(_ path: String, _ s: String) -> OutputFile { OutputFile(path: path, content: .bytes(Data(s.utf8))) }
}

/// Stage 4: a pure function of the resolved site and the theme → the output files.
/// The files are produced in chunks, each rendered in parallel and handed to `sink` before the
/// next one is rendered, so memory holds one chunk of pages, never the whole site.
public enum Renderer {
    /// Work items per chunk: enough to keep both cores busy, small enough to bound memory.
    public static let chunkSize = 256

    /// Every output file, in memory (small sites and tests).
    public static func render(_ r: ResolvedSite, theme: Theme) -> [OutputFile] {
        var out: [OutputFile] = []
        render(r, theme: theme) { out.append(contentsOf: $0) }
        return out
    }

    /// Streams the output to `sink`, one chunk at a time, always in the same order.
    /// An error thrown by `sink` stops the rendering. With a `memo`, a page whose inputs are those
    /// of the previous build keeps its previous bytes instead of being rendered. `progress` is told
    /// the pieces of work done (and how many there are) after each chunk.
    public static func render(_ r: ResolvedSite, theme: Theme, chunkSize: Int = chunkSize, memo: PageMemo? = nil,
                              progress: (_ done: Int, _ total: Int) -> Void = { _, _ in },
                              sink: ([OutputFile]) throws -> Void) rethrows {
        let ctx = ContextBuilder(r, theme: theme)
        // Whether a change reached a page is asked only when there is a selection.
        var pages: [(path: String, template: String, reached: @Sendable (RenderSelection) -> Bool,
                     build: @Sendable (String) -> any Encodable & Sendable)] = []
        let everything: @Sendable (RenderSelection) -> Bool = { _ in true }

        pages.append((URLs.home(), "home", everything, { ctx.home($0) }))
        pages.append((URLs.status(), "status", everything, { ctx.status($0) }))
        let search = SearchIndex(r, previous: memo?.selection == nil ? nil : memo?.previousSearch, keepWeights: memo?.keepsSearch == true)
        memo?.search = memo?.keepsSearch == true ? search : nil
        pages.append((URLs.search(), "search", everything, { ctx.search($0, shards: search.shardCount) }))
        pages.append((URLs.notFound(), "404", everything, { ctx.notFound($0) }))
        for board in r.boards {
            pages.append((URLs.board(board.slug), "board", { $0.reaches([Reach.board(board.slug)]) }, { ctx.board($0, board) }))
            for cat in r.categories(for: board) {
                let items = r.notices(board: board.slug, category: cat.key)
                let group: @Sendable (RenderSelection) -> Bool = { [key = Reach.group(board.slug, cat.key)] in $0.has(key) }
                // A list page and a year page show a slice of the list: a change reaches them
                // through one of its notices, or when notices came, went or moved in the list.
                let members = Reach.members(board.slug, cat.key)
                let size = r.site.pageSize
                let pageCount = max(1, (items.count + size - 1) / size)
                for p in 1...pageCount {
                    pages.append((URLs.list(board.slug, cat.key, page: p), "list",
                                  { s in s.has(members) || items.dropFirst((p - 1) * size).prefix(size).contains { ctx.shows($0, s) } },
                                  { ctx.list($0, board, cat, page: p, pageCount: pageCount, items: items) }))
                }
                pages.append((URLs.archive(board.slug, cat.key), "archive", group, { ctx.archive($0, board, cat, items: items) }))
                for year in Set(items.map(\.date.year)).sorted() {
                    pages.append((URLs.year(board.slug, cat.key, year), "year",
                                  { s in s.has(members) || items.contains { $0.date.year == year && ctx.shows($0, s) } },
                                  { ctx.year($0, board, cat, year, items: items) }))
                }
            }
        }
        for n in r.published {
            pages.append((URLs.notice(n), "notice", { ctx.reached(n, by: $0) }, { ctx.notice($0, n) }))
        }
        // A text or CSV attachment can also be read as a page of its own.
        for n in r.published where r.publication(n)?.isWithdrawn == false {
            for a in n.attachments where a.hasPage {
                pages.append((URLs.attachmentPage(n, a), "attachment", { $0.has(Reach.notice(n)) }, { ctx.attachment($0, n, a) }))
            }
        }
        for d in r.boards.flatMap({ r.decisions[$0.slug] ?? [] }) {
            pages.append((URLs.decision(d), "decision", { $0.reaches([Reach.board(d.board)] + [d.resolution, d.result].compactMap { $0 }.map(Reach.path)) },
                          { ctx.decision($0, d) }))
        }
        for s in ctx.sheets {
            // A sheet lists its period's notices and the counts of the other periods.
            pages.append((URLs.sheet(s), "sheet", { [key = Reach.members(s.board.slug, s.category.key)] sel in
                sel.has(key) || s.notices.contains { ctx.shows($0, sel) }
            }, { ctx.sheet($0, s) }))
        }

        let pagePaths = pages.map(\.path).filter { $0 != URLs.notFound() }
        let samePages = memo?.pagesChanged(pagePaths) == false
        // Lean (a long-running process keeps every file): when the site has the same pages as
        // before, the pages the change did not reach are no work at all.
        let lean = memo.flatMap { m in m.lean && samePages ? m.selection : nil }
        let work = lean.map { s in pages.filter { $0.reached(s) } } ?? pages

        // Every piece of work is a pure function of the resolved site: pages, open data, feeds
        // and the sitemap all run in the same parallel chunks.
        var jobs: [@Sendable () -> [OutputFile]] = work.map { page in
            {
                guard let memo else { return [.text(page.path, theme.render(page.template, view: page.build(page.path)))] }
                if let kept = memo.kept(page.path, reached: page.reached) { return kept }
                let view = page.build(page.path)
                return memo.page(page.path, template: page.template, view: view) { theme.render(page.template, view: view) }
            }
        }
        // Attachments and theme assets are copied as files, never inlined.
        let finance = ctx.finance
        for n in r.published where r.publication(n)?.isWithdrawn == false {
            let job = "files:" + n.id
            if let lean, !lean.has(Reach.notice(n)), memo?.keeps(job) == true { continue }
            jobs.append {
                let make = {
                    finance.openData(n) + (n.attachments + n.embedded).map { OutputFile(path: URLs.attachment(n, $0), content: .copy(from: $0.sourcePath)) }
                        + n.attachments.compactMap { a in a.excelCopy.map { OutputFile(path: URLs.attachmentExcel(n, a), content: .bytes($0)) } }
                }
                return memo?.files(job, reach: [Reach.notice(n)], make: make) ?? make()
            }
        }
        let assets = theme.assets.sorted(by: { $0.key < $1.key }).map { OutputFile(path: $0.key, content: .copy(from: $0.value)) }
        jobs.append { assets }
        jobs += search.jobs(memo: memo)
        for feed in Feeds.all(r) {
            jobs.append {
                let make = { [Feeds.render(feed, r, theme: theme)] }
                return memo?.files("feed:" + feed.path, reach: feed.reach, make: make) ?? make()
            }
        }
        // The sitemap lists every page, with the notices' dates.
        let sitemapReach = samePages ? [Reach.structure] : Reach.everything
        jobs.append {
            let make = { [OutputFile.text("sitemap.xml", Feeds.sitemap(r, pagePaths: pagePaths, theme: theme))] }
            return memo?.files("sitemap", reach: sitemapReach, make: make) ?? make()
        }
        jobs.append { [.text("robots.txt", "User-agent: *\nAllow: /\nSitemap: \(r.site.baseURL)sitemap.xml\n")] }
        jobs.append { [.text(SiteWriter.marker, Strings.siteMarker)] }
        // A long-running process keeps each notice's part of the manifest; they hold only while
        // nothing but notices changed.
        let manifestParts = memo?.manifestParts
        if memo?.selection == nil { manifestParts?.reset() }
        // The notices whose part may have changed, when the same notices are published.
        let changedNotices = memo?.selection.flatMap { $0.has(Reach.structure) ? nil : $0.noticeIDs }
        jobs.append { [OutputFile(path: "manifest.json", content: .bytes(Manifest.json(r, parts: manifestParts, changed: changedNotices)))] }

        let size = max(1, chunkSize)
        for start in stride(from: 0, to: jobs.count, by: size) {
            let chunk = Array(jobs[start..<min(start + size, jobs.count)])
            let results = ParallelResults<[OutputFile]>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in results.set(i, chunk[i]()) }
            try sink(results.values.flatMap { $0 })
            progress(start + chunk.count, jobs.count)
        }
        // Every page's closures and the view builder are freed while the caller goes on.
        releaseLater((consume pages, consume work, consume jobs, consume ctx))
    }
}

/// Builds the view of every kind of page (Views.swift) from the resolved site.
/// A class: every page's closure holds a reference to it, not a copy of the whole site.
final class ContextBuilder: Sendable {
    let r: ResolvedSite
    /// Fills the tables of bodies and CSV attachments.
    let theme: Theme
    /// The board sheets (`Sheet.all`), computed once, and by board and category.
    let sheets: [Sheet]
    private let sheetsByGroup: [String: [Sheet]]
    /// Ledgers, budgets and registers as views.
    let finance: FinanceView
    init(_ r: ResolvedSite, theme: Theme) {
        self.r = r
        finance = FinanceView(r: r)
        self.theme = theme
        sheets = Sheet.all(r)
        sheetsByGroup = Dictionary(grouping: sheets) { Reach.group($0.board.slug, $0.category.key) }
    }

    /// Whether `s` reached what a notice's item (`item`, on lists, years and sheets) reads: the
    /// notice, and the notice that re-published its 公示 (shown in its outcome).
    func shows(_ n: Notice, _ s: RenderSelection) -> Bool {
        s.has(Reach.notice(n)) || r.publication(n)?.republishedAs.map { s.has(Reach.notice($0)) } == true
    }

    /// Whether `s` reached what a notice's page reads (`Reach`): the notice, its neighbours, the
    /// notices its state names, the decision it publishes and, for accounts, the board's other
    /// accounts. Asked of 10,000 pages per rebuild: no key is made but the decision's.
    func reached(_ n: Notice, by s: RenderSelection) -> Bool {
        if shows(n, s) { return true }  // the notice, and the one that re-published its 公示
        if let nb = r.neighbours[n.id] {
            if let o = nb.older, s.has(Reach.notice(o)) { return true }
            if let x = nb.newer, s.has(Reach.notice(x)) { return true }
        }
        if let p = r.publication(n) {
            if p.correctedBy.contains(where: { s.has(Reach.notice($0)) }) { return true }
            if let x = p.corrects, s.has(Reach.notice(x)) { return true }
        }
        if let d = r.decisionOf[n.contentPath], s.reaches([d.resolution, d.result].compactMap { $0 }.map(Reach.path) + [Reach.board(d.board)]) {
            return true
        }
        return n.finance.isAccount && s.has(Reach.finance(n.board))
    }

    // MARK: shared pieces

    func layout(_ path: String, title: String, crumbs: [(String, String?)]) -> LayoutView {
        let s = r.site
        return LayoutView(
            root: URLs.root(for: path),
            site: SiteView(name: s.name, county: s.county, title: Strings.siteTitle(s.name), host: s.host, contact: s.contact,
                           reportPhone: s.reportPhone, baseUrl: s.baseURL, address: s.address?.nonEmpty,
                           icp: s.footer.icp?.nonEmpty, police: s.footer.police?.nonEmpty, siteCode: s.footer.siteCode?.nonEmpty),
            pageTitle: title, hasBreadcrumbs: !crumbs.isEmpty,
            breadcrumbs: crumbs.enumerated().map { i, c in CrumbView(label: c.0, last: i == crumbs.count - 1, url: c.1?.nonEmpty) },
            today: r.today.chinese,
            villages: r.boards.filter { !$0.isTownship }.map { VillageLinkView(name: $0.name, url: URLs.board($0.slug)) })
    }

    func page<V>(_ path: String, title: String, crumbs: [(String, String?)], _ v: V) -> Extended<LayoutView, V> {
        Extended(layout(path, title: title, crumbs: crumbs), v)
    }

    func item(_ n: Notice) -> ItemView {
        let cat = r.category(n.category)
        let p = r.publication(n)
        var g: GongshiView?
        if let p, let gs = n.gongshi, let phase = p.gongshi { g = gongshi(gs, phase, of: p) }
        return ItemView(
            title: n.title, url: URLs.encode(URLs.notice(n)), date: n.date.chinese, dateIso: n.date.iso,
            category: cat?.name ?? n.category, categoryShort: cat?.short ?? n.category, categoryKey: n.category,
            board: r.board(n.board)?.name ?? n.board, boardUrl: URLs.board(n.board), summary: n.summary,
            attachmentCount: n.attachments.count, period: n.periodText?.nonEmpty, number: n.number?.nonEmpty,
            gongshi: g,
            withdrawn: p?.isWithdrawn == true, corrected: p?.isCorrected == true)
    }

    func gongshi(_ g: Gongshi, _ phase: GongshiPhase, of p: Publication) -> GongshiView {
        var outcome: OutcomeView?
        if let o = g.outcome, g.end < r.today {
            let again = p.republishedAs.map(item)
            outcome = OutcomeView(label: Strings.outcome(objections: o.objections), objections: o.objections,
                                  date: o.date?.chinese.nonEmpty, note: o.note?.nonEmpty, republished: again.map(Indirect.init))
        }
        var d = GongshiView(start: g.start.chinese, end: g.end.chinese, days: g.start.days(until: g.end) + 1, length: g.lengthText,
                            contact: g.contact?.nonEmpty, upcoming: false, running: false, daysLeft: 0, ended: false, label: "",
                            outcome: outcome)
        switch phase {
        case .upcoming:
            d.upcoming = true
            d.label = Strings.gongshiUpcoming(month: g.start.month, day: g.start.day)
        case let .running(left):
            d.running = true
            d.daysLeft = left
            d.label = Strings.gongshiRunning(daysLeft: left)
        case .ended:
            d.ended = true
            d.label = Strings.gongshiEnded
        case let .withdrawn(day):
            d.ended = true
            d.label = Strings.gongshiWithdrawn(day.chinese)
            d.contact = nil
        }
        return d
    }

    func boardInfo(_ b: Board) -> BoardInfoView {
        BoardInfoView(
            name: b.name, slug: b.slug, url: URLs.board(b.slug), isTownship: b.isTownship,
            groups: b.groups.isEmpty ? nil : b.groups.joined(separator: Strings.listSeparator).nonEmpty,
            committee: b.committee.map { RoleNameView(role: $0.role, name: $0.name) },
            supervisors: b.supervisors.map { RoleNameView(role: $0.role, name: $0.name) },
            reportPhone: b.reportPhone ?? r.site.reportPhone, feed: URLs.boardFeed(b.slug),
            intro: b.intro?.nonEmpty, spokesperson: b.spokesperson?.nonEmpty, phone: b.phone?.nonEmpty,
            boardLocation: b.boardLocation?.nonEmpty)
    }

    func categoryInfo(_ b: Board, _ c: Category) -> CategoryInfoView {
        CategoryInfoView(key: c.key, name: c.name, short: c.short, frequency: c.frequency.label,
                         url: URLs.list(b.slug, c.key), archiveUrl: URLs.archive(b.slug, c.key), feed: URLs.listFeed(b.slug, c.key))
    }

    // MARK: pages

    func home(_ path: String) -> Extended<LayoutView, HomeView> {
        // Each notice is listed once: a running 公示 under 正在公示, not again among the latest.
        let running = r.gongshiRunning()
        let shown = Set(running.map(\.id))
        return page(path, title: Strings.home, crumbs: [], HomeView(
            isHome: true, intro: r.site.intro?.nonEmpty,
            gongshiNow: running.map(item), recent: r.published.lazy.filter { !shown.contains($0.id) }.prefix(Self.recentLength).map(item),
            boards: r.boards.map { b in
                let running = r.gongshiRunning(board: b.slug).count
                return Extended(boardInfo(b), HomeBoardView(
                    categories: r.categories(for: b).map { cat in
                        let items = r.notices(board: b.slug, category: cat.key)
                        return Extended(categoryInfo(b, cat), LatestView(latest: items.first.map(item), count: items.count))
                    },
                    gongshiCount: running, hasGongshi: running > 0))
            },
            township: r.boards.first(where: \.isTownship).map(boardInfo), feed: URLs.feed()))
    }

    /// Notices listed on the home page (besides the running 公示) and in each column of a board:
    /// few enough that a page fits a few phone screens; the lists and archives carry the rest.
    static let recentLength = 6
    static let columnLength = 2
    /// Periods of each category in a board's 按时公开情况 (the latest); status.html has them all.
    static let recordLength = 1

    func board(_ path: String, _ b: Board) -> Extended<LayoutView, BoardView> {
        let decisions = r.decisions[b.slug] ?? []
        let running = r.gongshiRunning(board: b.slug)
        let shown = Set(running.map(\.id))
        return page(path, title: b.isTownship ? Strings.townshipBoard(b.name) : b.name, crumbs: [(Strings.home, URLs.home()), (b.name, nil)], BoardView(
            board: boardInfo(b),
            columns: r.categories(for: b).map { cat in
                let items = r.notices(board: b.slug, category: cat.key)
                let listed = items.filter { !shown.contains($0.id) }
                return Extended(categoryInfo(b, cat), ColumnView(items: listed.prefix(Self.columnLength).map(item), count: items.count,
                                                                 more: listed.count > Self.columnLength,
                                                                 sheet: sheets(b, cat).first.map(URLs.sheet)))
            },
            gongshiNow: running.map(item),
            record: r.timeliness.rows.filter { $0.board.slug == b.slug }.map { row in
                RecordRowView(category: row.category.name, cells: Array(timelinessCells(row).suffix(Self.recordLength).reversed()))
            },
            decisions: decisions.map(decisionItem), hasDecisions: !decisions.isEmpty))
    }

    // MARK: print (公开栏)

    /// 公开期限 in words: the notice's own, else its category's default.
    func term(_ n: Notice) -> String? {
        (n.term ?? r.category(n.category)?.print.term)?.text(from: n.date)
    }

    /// The short fingerprint (防篡改码) printed beside a notice's QR code.
    static func fingerprint(_ n: Notice) -> String { String(n.digest.prefix(12)) }

    /// The foot of a printed page at `path` of board `b` and category `c`.
    func printFoot(_ path: String, _ b: Board, _ c: Category, fingerprint: String?) -> PrintFootView {
        let url = URLs.online(path, base: r.site.baseURL)
        let roles = c.print.signatures(for: b)
        return PrintFootView(signRoles: roles, hasSignRoles: !roles.isEmpty, reportPhone: b.reportPhone ?? r.site.reportPhone,
                             url: url, qr: QRCode.view(url), fingerprint: fingerprint)
    }

    func sheet(_ path: String, _ s: Sheet) -> Extended<LayoutView, SheetView> {
        let (b, cat) = (s.board, s.category)
        return page(path, title: Strings.sheetTitle(b.name, cat.name, s.period.label),
                    crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (Strings.sheetCrumb, nil)], SheetView(
            board: boardInfo(b), category: categoryInfo(b, cat), period: s.period.label,
            items: s.notices.map { n in
                let url = URLs.online(URLs.notice(n), base: r.site.baseURL)
                return Extended(item(n), SheetItemView(term: term(n), onlineUrl: url, qr: QRCode.view(url), fingerprint: Self.fingerprint(n)))
            },
            printed: printFoot(path, b, cat, fingerprint: nil),
            periods: sheets(b, cat).map { SheetLinkView(period: $0.period.label, url: URLs.sheet($0), count: $0.notices.count,
                                                        current: $0.period == s.period) }))
    }

    /// The board sheets of a board and category, newest period first.
    func sheets(_ b: Board, _ c: Category) -> [Sheet] {
        sheetsByGroup[Reach.group(b.slug, c.key)] ?? []
    }

    // MARK: timeliness (公开情况)

    func timelinessCells(_ row: Timeliness.Row) -> [TimelinessCellView] {
        row.cells.map { TimelinessCellView(period: $0.period.label, shortPeriod: Timeliness.shortLabel($0.period), due: $0.due.chinese,
                                           text: $0.status.short, long: $0.status.long, key: $0.status.key,
                                           missing: $0.status.key == "missing") }
    }

    func status(_ path: String) -> Extended<LayoutView, StatusView> {
        let t = r.timeliness
        let order = t.rows.map(\.category.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let unsigned = Dictionary(grouping: r.withheld.filter { if case .missingSignoff = $0.1 { true } else { false } }, by: \.0.board)
        let changes = r.published.compactMap { n in r.publication(n).flatMap { $0.isChanged ? (n, $0) : nil } }
        return page(path, title: Strings.status, crumbs: [(Strings.home, URLs.home()), (Strings.status, nil)], StatusView(
            categories: order.map { key in
                let rows = t.rows.filter { $0.category.key == key }
                let cat = rows[0].category
                return StatusCategoryView(
                    key: cat.key, name: cat.name, frequency: cat.frequency.label, dueDay: cat.dueDay,
                    periods: rows[0].cells.map { PeriodView(label: $0.period.label, short: Timeliness.shortLabel($0.period),
                                                            year: $0.period.year, part: Timeliness.partLabel($0.period)) },
                    rows: rows.map { row in
                        let counts = Dictionary(grouping: row.cells, by: \.status.key).mapValues(\.count)
                        return StatusRowView(board: row.board.name, url: URLs.board(row.board.slug), cells: timelinessCells(row),
                                             ontime: counts["ontime"] ?? 0, late: counts["late"] ?? 0, missing: counts["missing"] ?? 0)
                    })
            },
            overdueDecisions: r.boards.flatMap { r.decisions[$0.slug] ?? [] }.map(decisionItem).filter(\.overdue),
            unsigned: r.boards.compactMap { b in unsigned[b.slug].map { UnsignedView(board: b.name, count: $0.count) } },
            hasUnsigned: !unsigned.isEmpty,
            changes: changes.map { n, p in Extended(item(n), ChangeView(change: Strings.change(withdrawn: p.isWithdrawn))) }))
    }

    // MARK: 四议两公开

    func decisionItem(_ d: Decision) -> DecisionItemView {
        var x = DecisionItemView(title: d.title, url: URLs.decision(d), overdue: false, done: false,
                                 resolvedOn: d.resolvedOn?.chinese.nonEmpty, status: "")
        if let p = d.result, let n = r.byPath[p] {
            x.status = Strings.decisionDone(n.date.chinese)
            x.done = true
        } else if let p = d.resolution, let n = r.byPath[p] {
            let days = (d.resolvedOn ?? n.date).days(until: r.today)
            x.status = Strings.decisionAwaitingResult(days: days)
            x.overdue = days > r.site.process.decisionResultDays
        } else if let on = d.resolvedOn, on > r.today {
            x.status = Strings.decisionInProgress(on.chinese)
        } else {
            x.status = Strings.decisionNoResolution
            x.overdue = true
        }
        return x
    }

    func decision(_ path: String, _ d: Decision) -> Extended<LayoutView, DecisionView> {
        let b = r.board(d.board)!
        return page(path, title: d.title, crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (Strings.decisions, nil)], DecisionView(
            board: boardInfo(b),
            decision: Extended(decisionItem(d), DecisionDetailView(
                intro: d.introHTML.isEmpty ? nil : d.introHTML.html(theme),
                steps: d.steps.enumerated().map { i, s in
                    var meeting: MeetingView?
                    if let e = s.expected, let p = s.present {
                        meeting = MeetingView(expected: e, present: p, for: s.votesFor ?? 0, against: s.against ?? 0, abstain: s.abstain ?? 0)
                    }
                    return StepView(number: i + 1, name: s.kind.rawValue, who: s.kind.body, date: s.date.chinese, dateIso: s.date.iso,
                                    body: s.bodyHTML.html(theme), meeting: meeting)
                },
                resolution: d.resolution.flatMap { r.byPath[$0] }.map(item),
                result: d.result.flatMap { r.byPath[$0] }.map(item),
                resultDays: r.site.process.decisionResultDays))))
    }

    func pager(_ b: Board, _ cat: Category, page: Int, pageCount: Int) -> PagerView {
        PagerView(current: page, count: pageCount, multiple: pageCount > 1,
                  first: URLs.list(b.slug, cat.key, page: 1), last: URLs.list(b.slug, cat.key, page: pageCount),
                  pages: (1...pageCount).map { PagerPageView(number: $0, url: URLs.list(b.slug, cat.key, page: $0), current: $0 == page) },
                  prev: page > 1 ? URLs.list(b.slug, cat.key, page: page - 1) : nil,
                  next: page < pageCount ? URLs.list(b.slug, cat.key, page: page + 1) : nil)
    }

    func list(_ path: String, _ b: Board, _ cat: Category, page p: Int, pageCount: Int, items: [Notice]) -> Extended<LayoutView, ListView> {
        let size = r.site.pageSize
        let title = Strings.listTitle(b.name, cat.name, page: p)
        return page(path, title: title, crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, nil)], ListView(
            board: boardInfo(b), category: categoryInfo(b, cat),
            items: items.dropFirst((p - 1) * size).prefix(size).map(item), total: items.count,
            pager: pager(b, cat, page: p, pageCount: pageCount)))
    }

    func archive(_ path: String, _ b: Board, _ cat: Category, items: [Notice]) -> Extended<LayoutView, ArchiveView> {
        let byYear = Dictionary(grouping: items, by: \.date.year)
        return page(path, title: Strings.archiveTitle(b.name, cat.name),
                    crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, URLs.list(b.slug, cat.key)), (Strings.archive, nil)],
                    ArchiveView(
            board: boardInfo(b), category: categoryInfo(b, cat),
            years: byYear.keys.sorted(by: >).map { y in
                let ys = byYear[y]!
                return ArchiveYearView(year: y, url: URLs.year(b.slug, cat.key, y), count: ys.count,
                                       quarters: (1...4).reversed().compactMap { q in
                    let n = ys.filter { $0.date.quarter == q }.count
                    return n == 0 ? nil : ArchiveQuarterView(label: Strings.quarter(q), count: n,
                                                             url: URLs.year(b.slug, cat.key, y) + "#q\(q)")
                })
            },
            total: items.count))
    }

    func year(_ path: String, _ b: Board, _ cat: Category, _ year: Int, items: [Notice]) -> Extended<LayoutView, YearView> {
        let ys = items.filter { $0.date.year == year }
        return page(path, title: Strings.yearTitle(b.name, cat.name, year),
                    crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, URLs.list(b.slug, cat.key)),
                             (Strings.archive, URLs.archive(b.slug, cat.key)), (Strings.yearCrumb(year), nil)], YearView(
            board: boardInfo(b), category: categoryInfo(b, cat), year: year,
            quarters: (1...4).reversed().compactMap { q in
                let qs = ys.filter { $0.date.quarter == q }
                return qs.isEmpty ? nil : YearQuarterView(anchor: "q\(q)", label: Strings.yearQuarter(year, q),
                                                          items: qs.map(item))
            },
            years: Set(items.map(\.date.year)).sorted().map { YearLinkView(year: $0, url: URLs.year(b.slug, cat.key, $0), current: $0 == year) }))
    }

    func notice(_ path: String, _ n: Notice) -> Extended<LayoutView, NoticeView> {
        let b = r.board(n.board)!
        let cat = r.category(n.category)!
        let p = r.publication(n)!
        let withdrawn = p.withdrawn
        let versions = r.record.entries[n.id]?.versions ?? []
        let corrects = p.corrects.map { Extended(item($0), CorrectsView(reason: n.process.correctsReason?.nonEmpty)) }
        let detail = NoticeDetailView(
            body: withdrawn == nil ? n.bodyHTML.html(theme) : "", length: n.length, digest: n.digest,
            digestGroups: stride(from: 0, to: n.digest.count, by: 8).map { i -> String in
                let a = n.digest.index(n.digest.startIndex, offsetBy: i)
                return String(n.digest[a..<n.digest.index(a, offsetBy: 8)])
            }.joined(separator: " "),
            versions: versions.map { VersionView(recorded: $0.recorded.chinese, sha256: String($0.sha256.prefix(16))) },
            hasHistory: versions.count > 1,
            tags: n.tags, hasTags: !n.tags.isEmpty,
            hasAttachments: withdrawn == nil && !n.attachments.isEmpty,
            signoff: n.signoff.map { SignoffView(role: $0.role, name: $0.name, date: $0.date?.chinese.nonEmpty) },
            attachments: withdrawn != nil ? [] : n.attachments.map { attachment(n, $0) },
            finance: withdrawn == nil ? finance.view(n) : nil,
            withdrawal: withdrawn.map { WithdrawalView(date: $0.date.chinese, reason: $0.reason) },
            corrections: n.process.corrections.map { CorrectionView(date: $0.date.chinese, what: $0.what, why: $0.why) },
            hasCorrections: !n.process.corrections.isEmpty,
            correctedBy: p.correctedBy.map(item), hasCorrectedBy: !p.correctedBy.isEmpty,
            corrects: corrects, decision: r.decisionOf[n.contentPath].map(decisionItem),
            term: term(n), printed: printFoot(path, b, cat, fingerprint: Self.fingerprint(n)))
        let nb = r.neighbours[n.id]
        return page(path, title: n.title, crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)),
                                                   (cat.name, URLs.list(b.slug, cat.key)), (Strings.noticeCrumb, nil)], NoticeView(
            notice: Extended(item(n), detail), board: boardInfo(b), category: categoryInfo(b, cat),
            older: nb?.older.map(item), newer: nb?.newer.map(item)))
    }

    func search(_ path: String, shards: Int) -> Extended<LayoutView, SearchView> {
        page(path, title: Strings.search, crumbs: [(Strings.home, URLs.home()), (Strings.search, nil)], SearchView(
            shards: shards,
            boards: r.boards.map { b in Extended(boardInfo(b), SearchBoardView(categories: r.categories(for: b).map { categoryInfo(b, $0) })) }))
    }

    func attachment(_ n: Notice, _ a: Attachment) -> AttachmentView {
        AttachmentView(title: a.title, url: URLs.encode(URLs.attachment(n, a)), type: a.typeLabel, size: Strings.size(a.size),
                       fileName: a.fileName, page: a.hasPage ? URLs.encode(URLs.attachmentPage(n, a)) : nil,
                       excel: a.hasExcelCopy ? URLs.encode(URLs.attachmentExcel(n, a)) : nil)
    }

    func attachment(_ path: String, _ n: Notice, _ a: Attachment) -> Extended<LayoutView, AttachmentPageView> {
        let b = r.board(n.board)!
        let cat = r.category(n.category)!
        return page(path, title: a.title, crumbs: [(Strings.home, URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, URLs.list(b.slug, cat.key)),
                                                   (Strings.noticeCrumb, URLs.notice(n)), (Strings.attachmentCrumb, nil)], AttachmentPageView(
            notice: item(n), attachment: attachment(n, a),
            text: a.table == nil ? a.text : nil, table: a.table.map { theme.render("table", view: $0) }))
    }

    func notFound(_ path: String) -> Extended<LayoutView, NotFoundView> {
        // Served at any depth, so links start at the site's root path (base_url ends with "/").
        let absolute = URLComponents(string: r.site.baseURL)?.path ?? "/"
        var p = page(path, title: Strings.notFound, crumbs: [], NotFoundView(absoluteRoot: absolute))
        p.base.root = absolute
        return p
    }
}

extension String {
    /// nil for the empty string: an empty text is "no value" in templates (an empty string would be
    /// truthy in a Mustache section).
    var nonEmpty: String? { isEmpty ? nil : self }
}
