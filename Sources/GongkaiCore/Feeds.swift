import Foundation

/// Atom feeds and the sitemap. Only published, public notices; dates come from the content,
/// never from the build machine's clock.
enum Feeds {
    static let limit = 50

    static func all(_ r: ResolvedSite) -> [OutputFile] {
        var out: [OutputFile] = []
        let s = r.site
        out.append(.text(URLs.feed(), atom(r, path: URLs.feed(), title: "\(s.name)三务公开", items: r.published)))
        for b in r.boards {
            let items = r.published.filter { $0.board == b.slug }
            out.append(.text(URLs.boardFeed(b.slug), atom(r, path: URLs.boardFeed(b.slug), title: "\(b.name)三务公开", items: items)))
            for c in r.categories(for: b) {
                out.append(.text(URLs.listFeed(b.slug, c.key),
                                 atom(r, path: URLs.listFeed(b.slug, c.key), title: "\(b.name)\(c.name)",
                                      items: r.notices(board: b.slug, category: c.key))))
            }
        }
        for c in s.categories {
            out.append(.text(URLs.categoryFeed(c.key),
                             atom(r, path: URLs.categoryFeed(c.key), title: "\(s.name)\(c.name)",
                                  items: r.published.filter { $0.category == c.key })))
        }
        return out
    }

    /// Escaped for XML, without the control characters XML 1.0 forbids (Word's manual line break U+000B …).
    static func x(_ s: String) -> String {
        HTML.escape(String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" })))
    }

    static func timestamp(_ d: Day) -> String { d.iso + "T00:00:00+08:00" }

    static func atom(_ r: ResolvedSite, path: String, title: String, items: [Notice]) -> String {
        let base = r.site.baseURL
        let shown = items.prefix(limit)
        // With no notices, the feed's date is a fixed epoch so output stays reproducible.
        let updated = shown.first.map { timestamp($0.date) } ?? "2000-01-01T00:00:00+08:00"
        var o = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
        <title>\(x(title))</title>
        <id>\(x(base + path))</id>
        <link rel="self" href="\(x(base + URLs.encode(path)))"/>
        <link rel="alternate" type="text/html" href="\(x(base))"/>
        <updated>\(updated)</updated>
        <author><name>\(x(r.site.host))</name></author>

        """
        for n in shown {
            let url = base + URLs.encode(URLs.notice(n))
            let board = r.board(n.board)?.name ?? n.board
            let cat = r.category(n.category)?.name ?? n.category
            o += """
            <entry>
            <title>\(n.process.withdrawn != nil ? "【已撤回】" : "")\(x(n.title))</title>
            <id>\(x(url))</id>
            <link rel="alternate" type="text/html" href="\(x(url))"/>
            <published>\(timestamp(n.date))</published>
            <updated>\(timestamp(n.date))</updated>
            <category term="\(x(n.category))" label="\(x(cat))"/>
            <author><name>\(x(board))</name></author>
            <summary>\(x(n.process.withdrawn.map { "已撤回：\($0.reason)" } ?? n.summary))</summary>
            </entry>

            """
        }
        o += "</feed>\n"
        return o
    }

    static func sitemap(_ r: ResolvedSite, pagePaths: [String]) -> String {
        let base = r.site.baseURL
        let dates = Dictionary(r.published.map { (URLs.notice($0), $0.date) }, uniquingKeysWith: { a, _ in a })
        var o = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for p in pagePaths.sorted() {
            let loc = p == URLs.home() ? base : base + URLs.encode(p)
            o += "<url><loc>\(x(loc))</loc>"
            if let d = dates[p] { o += "<lastmod>\(d.iso)</lastmod>" }
            o += "</url>\n"
        }
        o += "</urlset>\n"
        return o
    }
}
