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

/// Stage 4: a pure function of the resolved site and the theme → the list of output files.
public enum Renderer {
    public static func render(_ r: ResolvedSite, theme: Theme) -> [OutputFile] {
        let ctx = ContextBuilder(r, theme: theme)
        var pages: [(path: String, template: String, build: @Sendable () -> [String: Any])] = []

        pages.append((URLs.home(), "home", { ctx.home() }))
        pages.append((URLs.status(), "status", { ctx.status() }))
        pages.append(("404.html", "404", { ctx.notFound() }))
        for board in r.boards {
            pages.append((URLs.board(board.slug), "board", { ctx.board(board) }))
            for cat in r.categories(for: board) {
                let items = r.notices(board: board.slug, category: cat.key)
                let pageCount = max(1, (items.count + r.site.pageSize - 1) / r.site.pageSize)
                for p in 1...pageCount {
                    pages.append((URLs.list(board.slug, cat.key, page: p), "list",
                                  { ctx.list(board, cat, page: p, pageCount: pageCount, items: items) }))
                }
                pages.append((URLs.archive(board.slug, cat.key), "archive", { ctx.archive(board, cat, items: items) }))
                for year in Set(items.map(\.date.year)).sorted() {
                    pages.append((URLs.year(board.slug, cat.key, year), "year", { ctx.year(board, cat, year, items: items) }))
                }
            }
        }
        for n in r.published {
            pages.append((URLs.notice(n), "notice", { ctx.notice(n) }))
        }
        for d in r.boards.flatMap({ r.decisions[$0.slug] ?? [] }) {
            pages.append((URLs.decision(d), "decision", { ctx.decision(d) }))
        }

        let results = ParallelResults<OutputFile>(count: pages.count)
        let work = pages
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let page = work[i]
            var c = page.build()
            c["root"] = c["absolute_root"] ?? URLs.root(for: page.path)
            results.set(i, .text(page.path, theme.render(page.template, c)))
        }
        var out = results.values

        // Attachments and theme assets are copied as files, never inlined.
        let finance = FinanceView(r: r)
        for n in r.published where n.process.withdrawn == nil {
            out.append(contentsOf: finance.openData(n))
            for a in n.attachments + n.embedded {
                out.append(OutputFile(path: URLs.attachment(n, a), content: .copy(from: a.sourcePath)))
            }
        }
        for (path, src) in theme.assets.sorted(by: { $0.key < $1.key }) {
            out.append(OutputFile(path: path, content: .copy(from: src)))
        }
        out.append(contentsOf: Feeds.all(r, theme: theme))
        out.append(.text("sitemap.xml", Feeds.sitemap(r, pagePaths: work.map(\.path).filter { $0 != "404.html" }, theme: theme)))
        out.append(.text(".gongkai-site", "This folder is written by gongkai build and replaced on every build.\n"))
        out.append(OutputFile(path: "manifest.json", content: .bytes(Manifest.json(r))))
        return out
    }
}

/// Builds the Mustache context of every kind of page. Keys are documented in docs/templates.md.
struct ContextBuilder: Sendable {
    let r: ResolvedSite
    /// Fills the tables of bodies and CSV attachments.
    let theme: Theme
    init(_ r: ResolvedSite, theme: Theme) {
        self.r = r
        self.theme = theme
    }

    /// A missing value as NSNull: falsy in sections and, unlike a missing key, it stops Mustache
    /// from finding a same-named key of an outer context (a signoff without a date must not show
    /// the notice's date).
    func opt(_ v: Any?) -> Any {
        guard let v else { return NSNull() }
        if let s = v as? String, s.isEmpty { return NSNull() }
        return v
    }

    // MARK: shared pieces

    func common(title: String, crumbs: [(String, String?)]) -> [String: Any] {
        let s = r.site
        var site: [String: Any] = [
            "name": s.name, "county": s.county, "title": "\(s.name)三务公开", "host": s.host,
            "contact": s.contact, "report_phone": s.reportPhone, "base_url": s.baseURL,
        ]
        site["address"] = opt(s.address)
        site["icp"] = opt(s.footer.icp)
        site["police"] = opt(s.footer.police)
        site["site_code"] = opt(s.footer.siteCode)
        return [
            "site": site,
            "page_title": title,
            "has_breadcrumbs": !crumbs.isEmpty,
            "today": r.today.chinese,
            "breadcrumbs": crumbs.enumerated().map { i, c in
                var d: [String: Any] = ["label": c.0, "last": i == crumbs.count - 1]
                d["url"] = opt(c.1)
                return d
            },
            "villages": r.boards.filter { !$0.isTownship }.map { ["name": $0.name, "url": URLs.board($0.slug)] },
        ]
    }

    func item(_ n: Notice) -> [String: Any] {
        let cat = r.category(n.category)
        var d: [String: Any] = [
            "title": n.title, "url": URLs.encode(URLs.notice(n)), "date": n.date.chinese, "date_iso": n.date.iso,
            "category": cat?.name ?? n.category, "category_short": cat?.short ?? n.category, "category_key": n.category,
            "board": r.board(n.board)?.name ?? n.board, "board_url": URLs.board(n.board), "summary": n.summary,
            "attachment_count": n.attachments.count,
        ]
        d["period"] = opt(n.periodText)
        d["number"] = opt(n.number)
        d["gongshi"] = opt(n.gongshi.map { gongshi($0, of: n) })
        if let w = n.process.withdrawn, var g = d["gongshi"] as? [String: Any] {
            // A withdrawn 公示 is over, whatever its window said.
            g["running"] = false
            g["upcoming"] = false
            g["ended"] = true
            g["label"] = "公示已中止（\(w.date.chinese)撤回）"
            g["contact"] = NSNull()
            d["gongshi"] = g
        }
        d["withdrawn"] = n.process.withdrawn != nil
        d["corrected"] = r.correctedBy[n.id] != nil || !n.process.corrections.isEmpty
        return d
    }

    func gongshi(_ g: Gongshi, of n: Notice) -> [String: Any] {
        var d: [String: Any] = ["start": g.start.chinese, "end": g.end.chinese, "days": g.start.days(until: g.end) + 1,
                                "length": g.lengthText, "upcoming": false, "running": false, "ended": false, "days_left": 0,
                                "outcome": NSNull()]
        if let o = g.outcome, g.end < r.today {
            var od: [String: Any] = ["label": o.objections ? "有异议" : "无异议", "objections": o.objections,
                                     "date": opt(o.date?.chinese), "note": opt(o.note), "republished": NSNull()]
            if let w = o.republished, let p = ProcessCheck.target(w, from: n), let again = r.byPath[p] {
                od["republished"] = item(again)
            }
            d["outcome"] = od
        }
        d["contact"] = opt(g.contact)
        switch g.status(on: r.today) {
        case .upcoming:
            d["upcoming"] = true
            d["label"] = "尚未开始（\(g.start.month)月\(g.start.day)日开始）"
        case let .running(left):
            d["running"] = true
            d["days_left"] = left
            d["label"] = left == 1 ? "公示中（今天是最后一天）" : "公示中（还剩 \(left) 天）"
        case .ended:
            d["ended"] = true
            d["label"] = "公示已结束"
        }
        return d
    }

    func boardInfo(_ b: Board) -> [String: Any] {
        var d: [String: Any] = [
            "name": b.name, "slug": b.slug, "url": URLs.board(b.slug), "is_township": b.isTownship,
            "groups": opt(b.groups.isEmpty ? nil : b.groups.joined(separator: "、")),
            "committee": b.committee.map { ["role": $0.role, "name": $0.name] },
            "supervisors": b.supervisors.map { ["role": $0.role, "name": $0.name] },
            "report_phone": b.reportPhone ?? r.site.reportPhone, "feed": URLs.boardFeed(b.slug),
        ]
        d["intro"] = opt(b.intro)
        d["spokesperson"] = opt(b.spokesperson)
        d["phone"] = opt(b.phone)
        d["board_location"] = opt(b.boardLocation)
        return d
    }

    func categoryInfo(_ b: Board, _ c: Category) -> [String: Any] {
        ["key": c.key, "name": c.name, "short": c.short, "frequency": c.frequency.label,
         "url": URLs.list(b.slug, c.key), "archive_url": URLs.archive(b.slug, c.key), "feed": URLs.listFeed(b.slug, c.key)]
    }

    // MARK: pages

    func home() -> [String: Any] {
        var c = common(title: "首页", crumbs: [])
        c["is_home"] = true
        c["intro"] = opt(r.site.intro)
        c["gongshi_now"] = r.gongshiRunning().map(item)
        c["recent"] = r.published.prefix(10).map(item)
        c["boards"] = r.boards.map { b -> [String: Any] in
            var d = boardInfo(b)
            d["categories"] = r.categories(for: b).map { cat -> [String: Any] in
                var cd = categoryInfo(b, cat)
                cd["latest"] = opt(r.notices(board: b.slug, category: cat.key).first.map(item))
                return cd
            }
            let running = r.gongshiRunning(board: b.slug).count
            d["gongshi_count"] = running
            d["has_gongshi"] = running > 0
            return d
        }
        c["township"] = opt(r.boards.first(where: \.isTownship).map(boardInfo))
        c["feed"] = URLs.feed()
        return c
    }

    static let columnLength = 8

    func board(_ b: Board) -> [String: Any] {
        var c = common(title: b.isTownship ? "\(b.name)本级公开" : b.name, crumbs: [("首页", URLs.home()), (b.name, nil)])
        c["board"] = boardInfo(b)
        c["columns"] = r.categories(for: b).map { cat -> [String: Any] in
            var d = categoryInfo(b, cat)
            let items = r.notices(board: b.slug, category: cat.key)
            d["items"] = items.prefix(Self.columnLength).map(item)
            d["count"] = items.count
            d["more"] = items.count > Self.columnLength
            return d
        }
        c["gongshi_now"] = r.gongshiRunning(board: b.slug).map(item)
        c["record"] = r.timeliness.rows.filter { $0.board.slug == b.slug }.map { row -> [String: Any] in
            ["category": row.category.name, "cells": Array(timelinessCells(row).suffix(8).reversed())]
        }
        let decisions = r.decisions[b.slug] ?? []
        c["decisions"] = decisions.map(decisionItem)
        c["has_decisions"] = !decisions.isEmpty
        return c
    }

    // MARK: timeliness (公开情况)

    func timelinessCells(_ row: Timeliness.Row) -> [[String: Any]] {
        row.cells.map { ["period": $0.period.label, "short_period": Timeliness.shortLabel($0.period), "due": $0.due.chinese,
                         "text": $0.status.short, "long": $0.status.long, "key": $0.status.key, "missing": $0.status.key == "missing"] }
    }

    func status() -> [String: Any] {
        var c = common(title: "公开情况", crumbs: [("首页", URLs.home()), ("公开情况", nil)])
        let t = r.timeliness
        let order = t.rows.map(\.category.key).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        c["categories"] = order.map { key -> [String: Any] in
            let rows = t.rows.filter { $0.category.key == key }
            let cat = rows[0].category
            return ["name": cat.name, "frequency": cat.frequency.label, "due_day": cat.dueDay,
                    "periods": rows[0].cells.map { ["label": $0.period.label, "short": Timeliness.shortLabel($0.period),
                                                    "year": $0.period.year, "part": Timeliness.partLabel($0.period)] },
                    "rows": rows.map { row -> [String: Any] in
                        let counts = Dictionary(grouping: row.cells, by: \.status.key).mapValues(\.count)
                        return ["board": row.board.name, "url": URLs.board(row.board.slug), "cells": timelinessCells(row),
                                "ontime": counts["ontime"] ?? 0, "late": counts["late"] ?? 0, "missing": counts["missing"] ?? 0]
                    }]
        }
        c["overdue_decisions"] = r.boards.flatMap { r.decisions[$0.slug] ?? [] }.map(decisionItem).filter { $0["overdue"] as? Bool == true }
        let unsigned = Dictionary(grouping: r.withheld.filter { $0.1 == "缺少审核签字" }, by: \.0.board)
        c["unsigned"] = r.boards.compactMap { b -> [String: Any]? in
            guard let n = unsigned[b.slug]?.count else { return nil }
            return ["board": b.name, "count": n]
        }
        c["has_unsigned"] = !unsigned.isEmpty
        let changes = r.published.filter { r.correctedBy[$0.id] != nil || !$0.process.corrections.isEmpty || $0.process.withdrawn != nil }
        c["changes"] = changes.map { n -> [String: Any] in
            var d = item(n)
            d["change"] = n.process.withdrawn != nil ? "已撤回" : "有更正"
            return d
        }
        return c
    }

    // MARK: 四议两公开

    func decisionItem(_ d: Decision) -> [String: Any] {
        var x: [String: Any] = ["title": d.title, "url": URLs.decision(d), "overdue": false, "done": false,
                                "resolved_on": opt(d.resolvedOn?.chinese)]
        if let p = d.result, let n = r.byPath[p] {
            x["status"] = "已公开实施结果（\(n.date.chinese)）"
            x["done"] = true
        } else if let p = d.resolution, let n = r.byPath[p] {
            let days = (d.resolvedOn ?? n.date).days(until: r.today)
            let overdue = days > r.site.process.decisionResultDays
            x["status"] = "已公开决议，实施结果尚未公开（决议已 \(days) 天）"
            x["overdue"] = overdue
        } else if let on = d.resolvedOn, on > r.today {
            x["status"] = "正在办理（决议日期为\(on.chinese)）"
        } else {
            x["status"] = "决议尚未公开"
            x["overdue"] = true
        }
        return x
    }

    func decision(_ d: Decision) -> [String: Any] {
        let b = r.board(d.board)!
        var c = common(title: d.title, crumbs: [("首页", URLs.home()), (b.name, URLs.board(b.slug)), ("四议两公开", nil)])
        c["board"] = boardInfo(b)
        var x = decisionItem(d)
        x["intro"] = d.introHTML.isEmpty ? NSNull() : d.introHTML.html(theme)
        x["steps"] = d.steps.enumerated().map { i, s -> [String: Any] in
            var sd: [String: Any] = ["number": i + 1, "name": s.kind.rawValue, "who": s.kind.body, "date": s.date.chinese,
                                     "date_iso": s.date.iso, "body": s.bodyHTML.html(theme), "meeting": NSNull()]
            if let e = s.expected, let p = s.present {
                sd["meeting"] = ["expected": e, "present": p, "for": s.votesFor ?? 0, "against": s.against ?? 0,
                                 "abstain": s.abstain ?? 0]
            }
            return sd
        }
        x["resolution"] = opt(d.resolution.flatMap { r.byPath[$0] }.map(item))
        x["result"] = opt(d.result.flatMap { r.byPath[$0] }.map(item))
        x["result_days"] = r.site.process.decisionResultDays
        c["decision"] = x
        return c
    }

    func pager(_ b: Board, _ cat: Category, page: Int, pageCount: Int) -> [String: Any] {
        var d: [String: Any] = [
            "current": page, "count": pageCount, "multiple": pageCount > 1,
            "first": URLs.list(b.slug, cat.key, page: 1), "last": URLs.list(b.slug, cat.key, page: pageCount),
            "pages": (1...pageCount).map { ["number": $0, "url": URLs.list(b.slug, cat.key, page: $0), "current": $0 == page] },
        ]
        d["prev"] = page > 1 ? URLs.list(b.slug, cat.key, page: page - 1) : NSNull()
        d["next"] = page < pageCount ? URLs.list(b.slug, cat.key, page: page + 1) : NSNull()
        return d
    }

    func list(_ b: Board, _ cat: Category, page: Int, pageCount: Int, items: [Notice]) -> [String: Any] {
        let size = r.site.pageSize
        let title = "\(b.name)\(cat.name)" + (page > 1 ? "（第 \(page) 页）" : "")
        var c = common(title: title, crumbs: [("首页", URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, nil)])
        c["board"] = boardInfo(b)
        c["category"] = categoryInfo(b, cat)
        c["items"] = items.dropFirst((page - 1) * size).prefix(size).map(item)
        c["total"] = items.count
        c["pager"] = pager(b, cat, page: page, pageCount: pageCount)
        return c
    }

    func archive(_ b: Board, _ cat: Category, items: [Notice]) -> [String: Any] {
        var c = common(title: "\(b.name)\(cat.name)归档",
                       crumbs: [("首页", URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, URLs.list(b.slug, cat.key)), ("归档", nil)])
        c["board"] = boardInfo(b)
        c["category"] = categoryInfo(b, cat)
        let byYear = Dictionary(grouping: items, by: \.date.year)
        c["years"] = byYear.keys.sorted(by: >).map { y -> [String: Any] in
            let ys = byYear[y]!
            return ["year": y, "url": URLs.year(b.slug, cat.key, y), "count": ys.count,
                    "quarters": (1...4).reversed().compactMap { q -> [String: Any]? in
                        let n = ys.filter { $0.date.quarter == q }.count
                        return n == 0 ? nil : ["label": "第\(["一", "二", "三", "四"][q - 1])季度", "count": n,
                                               "url": URLs.year(b.slug, cat.key, y) + "#q\(q)"]
                    }]
        }
        c["total"] = items.count
        return c
    }

    func year(_ b: Board, _ cat: Category, _ year: Int, items: [Notice]) -> [String: Any] {
        var c = common(title: "\(b.name)\(cat.name)（\(year)年）",
                       crumbs: [("首页", URLs.home()), (b.name, URLs.board(b.slug)), (cat.name, URLs.list(b.slug, cat.key)),
                                ("归档", URLs.archive(b.slug, cat.key)), ("\(year)年", nil)])
        c["board"] = boardInfo(b)
        c["category"] = categoryInfo(b, cat)
        c["year"] = year
        let ys = items.filter { $0.date.year == year }
        c["quarters"] = (1...4).reversed().compactMap { q -> [String: Any]? in
            let qs = ys.filter { $0.date.quarter == q }
            return qs.isEmpty ? nil : ["anchor": "q\(q)", "label": "\(year)年第\(["一", "二", "三", "四"][q - 1])季度发布",
                                       "items": qs.map(item)]
        }
        let years = Set(items.map(\.date.year)).sorted()
        c["years"] = years.map { ["year": $0, "url": URLs.year(b.slug, cat.key, $0), "current": $0 == year] }
        return c
    }

    func notice(_ n: Notice) -> [String: Any] {
        let b = r.board(n.board)!
        let cat = r.category(n.category)!
        var c = common(title: n.title, crumbs: [("首页", URLs.home()), (b.name, URLs.board(b.slug)),
                                                (cat.name, URLs.list(b.slug, cat.key)), ("正文", nil)])
        var d = item(n)
        d["body"] = n.bodyHTML.html(theme)
        d["length"] = n.length
        d["digest"] = n.digest
        d["digest_groups"] = stride(from: 0, to: n.digest.count, by: 8).map { i -> String in
            let a = n.digest.index(n.digest.startIndex, offsetBy: i)
            return String(n.digest[a..<n.digest.index(a, offsetBy: 8)])
        }.joined(separator: " ")
        d["versions"] = (r.record.entries[n.id]?.versions ?? []).map { ["recorded": $0.recorded.chinese, "sha256": String($0.sha256.prefix(16))] }
        d["has_history"] = (r.record.entries[n.id]?.versions.count ?? 0) > 1
        d["tags"] = n.tags
        d["has_tags"] = !n.tags.isEmpty
        d["has_attachments"] = !n.attachments.isEmpty
        d["signoff"] = n.signoff.map { s -> [String: Any] in
            var sd: [String: Any] = ["role": s.role, "name": s.name]
            sd["date"] = opt(s.date?.chinese)
            return sd
        }
        d["attachments"] = n.attachments.map { a in
            ["title": a.title, "url": URLs.encode(URLs.attachment(n, a)), "type": a.typeLabel,
             "size": Self.sizeText(a.size), "file_name": a.fileName, "table": opt(a.table.map { theme.render("table", view: $0) })]
        }
        let withdrawn = n.process.withdrawn
        d["finance"] = withdrawn == nil ? FinanceView(r: r).context(n) ?? NSNull() : NSNull()
        if withdrawn != nil {
            d["body"] = ""
            d["attachments"] = [Any]()
            d["has_attachments"] = false
        }
        d["withdrawal"] = withdrawn.map { ["date": $0.date.chinese, "reason": $0.reason] } ?? NSNull()
        d["corrections"] = n.process.corrections.map { ["date": $0.date.chinese, "what": $0.what, "why": $0.why] }
        d["has_corrections"] = !n.process.corrections.isEmpty
        d["corrected_by"] = (r.correctedBy[n.id] ?? []).map(item)
        d["has_corrected_by"] = r.correctedBy[n.id] != nil
        if let w = n.process.corrects, let p = ProcessCheck.target(w, from: n), let old = r.byPath[p] {
            var od = item(old)
            od["reason"] = opt(n.process.correctsReason)
            d["corrects"] = od
        } else {
            d["corrects"] = NSNull()
        }
        d["decision"] = opt(r.decisionOf[n.contentPath].map(decisionItem))
        c["notice"] = d
        c["board"] = boardInfo(b)
        c["category"] = categoryInfo(b, cat)
        let nb = r.neighbours[n.id]
        c["older"] = opt(nb?.older.map(item))
        c["newer"] = opt(nb?.newer.map(item))
        return c
    }

    func notFound() -> [String: Any] {
        var c = common(title: "找不到这个页面", crumbs: [])
        // Served at any depth, so links start at the site's root path (base_url ends with "/").
        c["absolute_root"] = URLComponents(string: r.site.baseURL)?.path ?? "/"
        return c
    }

    /// `1.2 MB`, `350 KB`, `800 字节`.
    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1_048_576 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return "\(bytes) 字节"
    }
}
