import Foundation
import Mustache

/// Atom feeds and the sitemap, rendered by the theme's `feed.xml` and `sitemap.xml` templates.
/// Only published, public notices; dates come from the content, never from the build machine's clock.
enum Feeds {
    static let limit = 50

    /// One Atom feed to render: where it goes, its title and its notices (newest first).
    struct Feed: Sendable {
        var path: String
        var title: String
        var items: [Notice]
        /// The page the feed follows (its `alternate` link): the board, the board's category list,
        /// or the home page for the whole site and for a category across boards.
        var page: String
        /// What a change must reach for the feed to change (`Reach`).
        var reach: [String]
    }

    /// Every feed of the site: the whole site, each board, each board's category, each category.
    /// A feed shows its latest notices: a change reaches it through one of them, or when a notice
    /// of its scope came, went or moved (`Reach.members`).
    static func all(_ r: ResolvedSite) -> [Feed] {
        let s = r.site
        func feed(_ path: String, _ title: String, _ items: [Notice], page: String, scope: (String, String)) -> Feed {
            Feed(path: path, title: title, items: items, page: page,
                 reach: [Reach.members(scope.0, scope.1)] + items.prefix(limit).map(Reach.notice))
        }
        var out = [feed(URLs.feed(), "\(s.name)三务公开", r.published, page: URLs.home(), scope: (Reach.any, Reach.any))]
        for b in r.boards {
            out.append(feed(URLs.boardFeed(b.slug), "\(b.name)三务公开", r.published.filter { $0.board == b.slug },
                            page: URLs.board(b.slug), scope: (b.slug, Reach.any)))
            for c in r.categories(for: b) {
                out.append(feed(URLs.listFeed(b.slug, c.key), "\(b.name)\(c.name)", r.notices(board: b.slug, category: c.key),
                                page: URLs.list(b.slug, c.key), scope: (b.slug, c.key)))
            }
        }
        for c in s.categories {
            out.append(feed(URLs.categoryFeed(c.key), "\(s.name)\(c.name)", r.published.filter { $0.category == c.key },
                            page: URLs.home(), scope: (Reach.any, c.key)))
        }
        return out
    }

    static func render(_ f: Feed, _ r: ResolvedSite, theme: Theme) -> OutputFile {
        .text(f.path, theme.render("feed.xml", view: FeedView(r, path: f.path, title: f.title, items: f.items, page: f.page)))
    }

    static func timestamp(_ d: Day) -> String { d.iso + "T00:00:00+08:00" }

    static func sitemap(_ r: ResolvedSite, pagePaths: [String], theme: Theme) -> String {
        let base = r.site.baseURL
        let dates = Dictionary(r.published.map { (URLs.notice($0), $0.date) }, uniquingKeysWith: { a, _ in a })
        let urls = pagePaths.sorted().map { p in
            SitemapView.Page(loc: p == URLs.home() ? base : URLs.online(p, base: base), lastmod: dates[p]?.iso)
        }
        return theme.render("sitemap.xml", view: SitemapView(urls: urls))
    }
}

/// What `feed.xml.mustache` sees: one Atom feed of at most 50 notices, newest first.
struct FeedView: Codable, Sendable {
    struct Entry: Codable, Sendable {
        /// The notice's title, led by 【已撤回】 when it was withdrawn.
        var title: String
        /// Absolute address of the notice page.
        var url: String
        /// Publication date, `2026-11-19T00:00:00+08:00`.
        var published: String
        /// Category key (`cunwu`) and name (`村务公开`).
        var category: String
        var categoryName: String
        /// The board's name: who published it.
        var author: String
        /// The summary, or 已撤回：<reason> for a withdrawn notice.
        var summary: String
    }
    /// Feed title, e.g. `青禾镇三务公开`.
    var title: String
    /// Absolute address of the feed, as its Atom id (not percent-encoded) and as a link (encoded).
    var id: String
    var selfUrl: String
    /// Absolute address of the page the feed follows: the board's page for a board's feed, the
    /// category list for a board's category, else the site's base address.
    var homeUrl: String
    /// Date of the newest entry; a fixed epoch when there is none, so that output stays reproducible.
    var updated: String
    /// The site's host (the township government).
    var author: String
    var entries: [Entry]

    init(_ r: ResolvedSite, path: String, title: String, items: [Notice], page: String) {
        let base = r.site.baseURL
        let shown = items.prefix(Feeds.limit)
        self.title = title
        id = base + path
        selfUrl = base + URLs.encode(path)
        homeUrl = page == URLs.home() ? base : base + URLs.encode(page)
        updated = shown.first.map { Feeds.timestamp($0.date) } ?? "2000-01-01T00:00:00+08:00"
        author = r.site.host
        entries = shown.map { n in
            let withdrawn = r.publication(n)?.withdrawn
            return Entry(title: (withdrawn != nil ? "【已撤回】" : "") + n.title,
                         url: base + URLs.encode(URLs.notice(n)), published: Feeds.timestamp(n.date),
                         category: n.category, categoryName: r.category(n.category)?.name ?? n.category,
                         author: r.board(n.board)?.name ?? n.board,
                         summary: withdrawn.map { "已撤回：\($0.reason)" } ?? n.summary)
        }
    }
}

/// What `sitemap.xml.mustache` sees: every page of the site except 404.html, sorted.
struct SitemapView: Codable, Sendable {
    struct Page: Codable, Sendable {
        /// Absolute, percent-encoded address of the page.
        var loc: String
        /// `2026-11-19` for a notice page, nil for the others.
        var lastmod: String?
    }
    var urls: [Page]

}
