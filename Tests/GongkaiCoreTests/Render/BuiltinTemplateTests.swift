import Foundation
import Testing
@testable import GongkaiCore

/// The default theme, loaded once for the tests that render Markdown results.
let defaultTheme = Sample.theme

extension RenderedMarkdown {
    /// The body as a page shows it: tables filled by the default theme's `table` template.
    var html: String { body.html(defaultTheme) }
}

/// Feeds, sitemap, charts, tables and the preview overlay are built-in templates: a site's own
/// Templates/ overrides them, and the default theme's are used when it does not.
@Suite struct BuiltinTemplateTests {
    let today = Day(parsing: "2026-11-22")!

    /// The default theme overlaid by a site folder holding `files` (name → template text).
    static func theme(overriding files: [String: String]) -> Theme {
        let dir = TestSupport.tempDir("templates")
        for (name, text) in files { TestSupport.write(text, to: dir.appendingPathComponent(name)) }
        let (t, d) = collecting { Theme.load(directories: [(TestSupport.repoRoot.appendingPathComponent("Templates").path, "默认主题"),
                                                          (dir.path, "Templates")], into: $0) }
        #expect(d.isEmpty, "\(d)")
        return t!
    }

    static func render(_ notices: [Notice], theme: Theme, today: Day) -> [String: String] {
        var out: [String: String] = [:]
        for f in Renderer.render(ResolvedSite(model: Sample.model(notices), today: today), theme: theme) {
            if case let .bytes(d) = f.content { out[f.path] = String(decoding: d, as: UTF8.self) }
        }
        return out
    }

    /// Parses every file with Python's XML parser; returns the files it rejects.
    static func invalidXML(_ files: [String: String]) throws -> [String] {
        let dir = TestSupport.tempDir("xml")
        var bad: [String] = []
        for (i, (path, text)) in files.sorted(by: { $0.key < $1.key }).enumerated() {
            let file = dir.appendingPathComponent("\(i).xml")
            TestSupport.write(text, to: file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "-c", "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])", file.path]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            if p.terminationStatus != 0 { bad.append(path) }
        }
        return bad
    }

    /// A notice with every character XML is picky about in its title and summary.
    static var hostile: Notice {
        var n = Sample.notice("x", date: "2026-10-01")
        n.title = "A&B <b>\"引号\"'单引号'\u{0B}换行 &\u{301}组合"
        n.summary = "摘要 & <i> \"x\" \u{1F}控制\u{0C}字符 \"\u{301}"
        return n
    }

    @Test func feedsAndSitemapStayValidXMLWithHostileText() throws {
        let out = Self.render([Self.hostile, Sample.notice("y", board: "b", date: "2026-09-01")], theme: defaultTheme, today: today)
        let xml = out.filter { $0.key.hasSuffix(".xml") }
        #expect(xml.count >= 4)
        #expect(xml["sitemap.xml"] != nil)
        #expect(try Self.invalidXML(xml).isEmpty)
        let feed = try #require(out["feed.xml"])
        #expect(feed.contains("<title>A&amp;B &lt;b&gt;&quot;引号&quot;&#39;单引号&#39;换行 &amp;\u{301}组合</title>"))
        #expect(feed.contains("<summary>摘要 &amp; &lt;i&gt; &quot;x&quot; 控制字符 &quot;\u{301}</summary>"))
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "))
        #expect(out["sitemap.xml"]!.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset "))
    }

    @Test func sampleSiteFeedsValidate() throws {
        let dir = TestSupport.tempDir("sample")
        let content = dir.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: TestSupport.repoRoot.appendingPathComponent("Content"), to: content)
        let site = dir.appendingPathComponent("Site")
        let run = try TestSupport.run(["build", "--content", content.path, "--output", site.path, "--date", "2026-11-30"], in: dir)
        #expect(run.status == 0)
        var xml: [String: String] = [:]
        let e = FileManager.default.enumerator(atPath: site.path)
        while let p = e?.nextObject() as? String {
            if p.hasSuffix(".xml") { xml[p] = TestSupport.read(site.appendingPathComponent(p)) }
        }
        #expect(xml.count > 10)
        #expect(try Self.invalidXML(xml).isEmpty)
    }

    @Test func siteTemplatesOverrideTheBuiltInOnes() {
        let theme = Self.theme(overriding: [
            "feed.xml.mustache": "{{% CONTENT_TYPE: XML}}\n<feed>{{title}}{{#entries}}<e>{{title}}</e>{{/entries}}</feed>\n",
            "table.mustache": "<table class=\"own\">{{#rows}}<tr>{{#cells}}<td>{{{html}}}</td>{{/cells}}</tr>{{/rows}}</table>",
            "chart-accounts.svg.mustache": "<svg class=\"own\">{{#groups}}{{label}}{{/groups}}</svg>",
            "chart-balances.svg.mustache": "<svg class=\"own-bal\">{{description}}</svg>",
            "sitemap.xml.mustache": "<own>{{#urls}}{{loc}} {{/urls}}</own>",
            "preview-overlay.mustache": "<div class=\"own\">{{count}}</div>",
        ])
        var n = Sample.notice("t", date: "2026-10-01")
        let md = renderMarkdown("前言\n\n```csv\n项目,金额\n修路,100\n```\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n",
                                 source: TestSupport.source(""), lineOffset: 0)
        n.bodyHTML = md.body
        n.attachments = [GongkaiCore.Attachment(title: "名单", sourcePath: "/dev/null", fileName: "a.csv", size: 1, typeLabel: "CSV",
                                                table: TableView([[.init(html: "列", text: "列")], [.init(html: "值", text: "值")]], alignments: [nil]),
                                                text: "列\n值\n", hasPage: true)]
        let out = Self.render([n], theme: theme, today: today)
        #expect(out["feed.xml"] == "<feed>甲镇三务公开<e>标题t</e></feed>\n")
        #expect(out["sitemap.xml"]!.hasPrefix("<own>https://x.example/a/caiwu/archive.html "))
        #expect(out["sitemap.xml"]!.contains(" https://x.example/ "))
        let page = out["a/notice/t.html"] ?? ""
        #expect(page.components(separatedBy: "<table class=\"own\">").count - 1 == 2)  // csv block, pipe table
        #expect(out["a/files/t/a.csv.html"]?.components(separatedBy: "<table class=\"own\">").count == 2)  // the attachment's own page
        #expect(page.contains("<td>修路</td><td>100</td>"))
        #expect(!page.contains("table-wrap\"><table"))

        let accounts = Charts.accounts([(account: "修路", income: Money(fen: 100), expense: Money(fen: 50))], id: "c")
        #expect(theme.render("chart-accounts.svg", view: accounts) == "<svg class=\"own\">修路</svg>")
        struct Ledger: Encodable { var chartAccounts: ChartView; var accounts: [String] }
        struct Finance: Encodable { var ledger: Ledger }
        #expect(theme.render("finance", view: Finance(ledger: Ledger(chartAccounts: accounts, accounts: []))).contains("<svg class=\"own\">修路</svg>"))
        #expect(theme.render("preview-overlay", view: PreviewOverlayView(errors: [Diagnostic(.error, file: "a.md", "错")])) == "<div class=\"own\">1</div>")
    }

    @Test func withoutAnOverrideTheBuiltInTemplatesAreUsed() {
        let theme = Self.theme(overriding: ["notice.mustache": "{{#notice}}{{{body}}}{{/notice}}"])
        var n = Sample.notice("t", date: "2026-10-01")
        n.bodyHTML = renderMarkdown("```csv\n项目,金额,数量,备注\n修路,100,2,\"a<b\"\n```\n", source: TestSupport.source(""), lineOffset: 0).body
        let site = Self.render([n], theme: theme, today: today)
        let builtIn = Self.render([n], theme: defaultTheme, today: today)
        #expect(site["a/notice/t.html"] == """
            <div class="table-wrap"><table class="cards">
            <thead>
            <tr><th scope="col">项目</th><th scope="col">金额</th><th scope="col">数量</th><th scope="col">备注</th></tr>
            </thead>
            <tbody>
            <tr><td data-label="项目">修路</td><td class="num" data-label="金额">100</td><td class="num" data-label="数量">2</td><td data-label="备注">a&lt;b</td></tr>
            </tbody>
            </table></div>

            """)
        for path in ["feed.xml", "a/feed.xml", "sitemap.xml"] {
            #expect(site[path] != nil && site[path] == builtIn[path], "\(path)")
        }
        let chart = Charts.balances([], id: "b")
        #expect(theme.render("chart-balances.svg", view: chart) == defaultTheme.render("chart-balances.svg", view: chart))
    }

    @Test func aThemeWithoutTheBuiltInTemplatesIsReported() {
        let dir = TestSupport.tempDir("only")
        let defaults = TestSupport.repoRoot.appendingPathComponent("Templates")
        for name in Theme.requiredTemplates where !["table", "feed.xml"].contains(name) {
            TestSupport.write(TestSupport.read(defaults.appendingPathComponent(name + ".mustache")), to: dir.appendingPathComponent(name + ".mustache"))
        }
        let (theme, d) = collecting { Theme.load(directories: [(dir.path, "Templates")], into: $0) }
        #expect(theme == nil)
        #expect(d.map(\.message).sorted() == ["缺少模板 feed.xml.mustache", "缺少模板 table.mustache"])
    }

    /// Mustache's own escaping compares whole characters: a quote carrying a combining mark would
    /// slip through it into an attribute. The built-in HTML templates escape every scalar.
    @Test func aCombiningMarkCannotHideAQuoteFromTheEscaping() {
        let md = renderMarkdown("```csv\n\"a\"\"\u{301} onmouseover=x \"\"\",b\n1,<\u{301}\n```\n", source: TestSupport.source(""), lineOffset: 0)
        #expect(md.diagnostics.isEmpty)
        #expect(md.html.contains("<td class=\"num\" data-label=\"a&quot;\u{301} onmouseover=x &quot;\">1</td>"))
        #expect(md.html.contains("data-label=\"b\">&lt;\u{301}</td>"))
        let accounts = Charts.accounts([(account: "x\"\u{301}<\u{301}", income: Money(fen: 100), expense: .zero)], id: "c")
        #expect(defaultTheme.render("chart-accounts.svg", view: accounts).contains("x&quot;\u{301}&lt;\u{301}</text>"))
        let panel = defaultTheme.render("preview-overlay", view: PreviewOverlayView(errors: [Diagnostic(.error, file: "a.md", "<\u{301}script>")]))
        #expect(panel.contains("&lt;\u{301}script&gt;"))
    }

    /// The same holds for every page template and a site's own templates: a template that names no
    /// content type escapes by scalar too, renders exactly what it says (the added pragma line leaves
    /// nothing behind), and its syntax errors keep their own line numbers.
    @Test func pageTemplatesEscapeEveryScalarAndKeepTheirLines() {
        let dir = TestSupport.tempDir("probe")
        TestSupport.write("{{#x}}\n<a title=\"{{x}}\">{{x}}</a>\n{{/x}}\n", to: dir.appendingPathComponent("probe.mustache"))
        let defaults = TestSupport.repoRoot.appendingPathComponent("Templates").path
        let (theme, d) = collecting { Theme.load(directories: [(defaults, "默认主题"), (dir.path, "Templates")], into: $0) }
        #expect(d.isEmpty)
        let out = theme?.render("probe", view: ["x": "a\"\u{301} onmouseover=x <\u{301}b>"])
        #expect(out == "<a title=\"a&quot;\u{301} onmouseover=x &lt;\u{301}b&gt;\">a&quot;\u{301} onmouseover=x &lt;\u{301}b&gt;</a>\n")
        TestSupport.write("<p>\n\n{{#x}}\n", to: dir.appendingPathComponent("probe.mustache"))
        let (broken, bd) = collecting { Theme.load(directories: [(defaults, "默认主题"), (dir.path, "Templates")], into: $0) }
        #expect(broken == nil)
        #expect(bd.map(\.line) == [4], "\(bd)")
    }

    @Test func previewOverlayEscapesAndShowsAtMostThirty() {
        let errors = (1...31).map { Diagnostic(.error, file: "a.md", line: $0, column: 1, "第\($0)个 <script>&") }
        let panel = defaultTheme.render("preview-overlay", view: PreviewOverlayView(errors: errors))
        #expect(panel.hasPrefix("<div style="))
        #expect(panel.contains("内容有 31 个错误，网站没有更新"))
        #expect(panel.components(separatedBy: "<pre ").count - 1 == 30)
        #expect(panel.contains("第1个 &lt;script&gt;&amp;"))
        #expect(!panel.contains("<script>"))
        #expect(!panel.contains("第31个"))
    }
}
