import Foundation
import Testing
@testable import GongkaiCore

/// Unit tests for resolve, render and write, on a model built in memory.
enum Sample {
    static let site = SiteConfig(name: "甲镇", county: "乙县", host: "乙县甲镇人民政府", address: nil, contact: "0771-1",
                                 reportPhone: "0771-2", baseURL: "https://x.example/", intro: nil, footer: Footer(),
                                 pageSize: 2, categories: Category.defaults, accounts: Account.defaults)

    static func board(_ slug: String, _ name: String) -> Board {
        Board(slug: slug, name: name, order: 1, intro: nil, groups: [], committee: [], supervisors: [],
              spokesperson: nil, phone: nil, reportPhone: nil, boardLocation: nil)
    }

    /// Signed by everyone any default category requires.
    static let signed = [SignOff(role: "村务监督委员会主任", name: "甲", date: nil), SignOff(role: "审核", name: "乙", date: nil),
                         SignOff(role: "审批", name: "丙", date: nil)]

    static func notice(_ slug: String, board: String = "a", category: String = "cunwu", date: String,
                       draft: Bool = false, gongshi: Gongshi? = nil) -> Notice {
        Notice(NoticeFields(slug: slug, board: board, category: category, title: "标题\(slug)", date: Day(parsing: date)!,
               period: nil, periodText: nil, number: nil, signoff: signed, tags: [], summary: "摘要", attachments: [], embedded: [],
               gongshi: gongshi, finance: .none, draft: draft, bodyHTML: BodyHTML(parts: [.html("<p>正文\(slug)</p>\n")]), length: 2, sourcePath: "x/\(slug).md"))
    }

    static func model(_ notices: [Notice]) -> ContentModel {
        ContentModel(site: site, boards: [board("a", "甲村"), board("b", "乙村"), board(Board.townshipSlug, "甲镇")], notices: notices)
    }

    static var theme: Theme {
        let (t, d) = Theme.load(directories: [(TestSupport.repoRoot.appendingPathComponent("Templates").path, "Templates")])
        precondition(d.isEmpty, "\(d)")
        return t!
    }
}

@Suite struct ResolveTests {
    let today = Day(parsing: "2026-11-22")!

    @Test func publishesOnlyWhatIsDueAndSortsNewestFirst() {
        let r = ResolvedSite(model: Sample.model([
            Sample.notice("old", date: "2025-01-01"), Sample.notice("new", date: "2026-10-01"),
            Sample.notice("draft", date: "2026-10-02", draft: true), Sample.notice("future", date: "2026-11-23"),
            Sample.notice("same-day-b", date: "2026-10-01"),
        ]), today: today)
        #expect(r.published.map(\.slug) == ["same-day-b", "new", "old"])
        #expect(Set(r.withheld.map(\.0.slug)) == ["draft", "future"])
        #expect(r.notices(board: "a", category: "cunwu").count == 3)
        #expect(r.notices(board: "b", category: "cunwu").isEmpty)
    }

    @Test func neighboursStayWithinBoardAndCategory() {
        let r = ResolvedSite(model: Sample.model([
            Sample.notice("1", date: "2026-01-01"), Sample.notice("2", date: "2026-02-01"),
            Sample.notice("3", date: "2026-03-01"), Sample.notice("x", category: "caiwu", date: "2026-02-15"),
            Sample.notice("y", board: "b", date: "2026-02-15"),
        ]), today: today)
        #expect(r.neighbours["a/2"]?.older?.slug == "1")
        #expect(r.neighbours["a/2"]?.newer?.slug == "3")
        #expect(r.neighbours["a/x"]?.older == nil && r.neighbours["a/x"]?.newer == nil)
    }

    @Test func gongshiStatusOnTheBuildDate() {
        let g = Gongshi(start: Day(parsing: "2026-11-20")!, end: Day(parsing: "2026-11-26")!, contact: nil, lengthText: "7 天", outcome: nil)
        guard case let .running(left) = g.status(on: today) else { Issue.record("not running"); return }
        #expect(left == 5)
        if case .ended = g.status(on: Day(parsing: "2026-11-27")!) {} else { Issue.record("should have ended") }
        if case .upcoming = g.status(on: Day(parsing: "2026-11-19")!) {} else { Issue.record("should be upcoming") }
        if case let .running(l) = g.status(on: Day(parsing: "2026-11-26")!) { #expect(l == 1) } else { Issue.record("last day") }
        let r = ResolvedSite(model: Sample.model([Sample.notice("g", date: "2026-11-20", gongshi: g),
                                                  Sample.notice("h", date: "2026-11-01")]), today: today)
        #expect(r.gongshiRunning().map(\.slug) == ["g"])
        #expect(r.gongshiRunning(board: "b").isEmpty)
    }
}

@Suite struct RenderTests {
    let today = Day(parsing: "2026-11-22")!

    func render(_ notices: [Notice]) -> [String: String] {
        let files = Renderer.render(ResolvedSite(model: Sample.model(notices), today: today), theme: Sample.theme)
        var out: [String: String] = [:]
        for f in files {
            if case let .bytes(d) = f.content { out[f.path] = String(decoding: d, as: UTF8.self) }
        }
        return out
    }

    @Test func pagesForEveryBoardCategoryAndNotice() {
        let out = render((1...5).map { Sample.notice("n\($0)", date: "2026-0\($0)-01") })
        #expect(out["a/notice/n3.html"]?.contains("<p>正文n3</p>") == true)
        #expect(out["a/cunwu/index.html"] != nil)
        #expect(out["a/cunwu/page-2.html"] != nil)
        #expect(out["a/cunwu/page-3.html"] != nil)
        #expect(out["a/cunwu/page-4.html"] == nil)
        #expect(out["b/cunwu/index.html"]?.contains("暂无公开内容") == true)
        #expect(out["township/cunwu/index.html"] == nil)
        #expect(out["township/zhengwu/index.html"] != nil)
        #expect(out["a/cunwu/2026.html"] != nil)
        // Every page has a unique title and one h1.
        let html = out.filter { $0.key.hasSuffix(".html") }
        let titles = html.values.compactMap { page in page.range(of: "<title>[^<]*</title>", options: .regularExpression).map { String(page[$0]) } }
        #expect(Set(titles).count == html.count)
        for (path, page) in html {
            #expect(page.components(separatedBy: "<h1").count == 2, "\(path)")
            #expect(page.contains("主办单位：乙县甲镇人民政府"), "\(path)")
        }
    }

    @Test func renderingIsAPureFunction() {
        let notices = (1...4).map { Sample.notice("n\($0)", date: "2026-0\($0)-01") }
        #expect(render(notices) == render(notices.reversed()))
    }

    @Test func renderingStreamsOneChunkAtATime() {
        let site = ResolvedSite(model: Sample.model((1...9).map { Sample.notice("n\($0)", date: "2026-0\($0)-01") }), today: today)
        let whole = Renderer.render(site, theme: Sample.theme)
        var batches: [[OutputFile]] = []
        Renderer.render(site, theme: Sample.theme, chunkSize: 4) { batches.append($0) }
        // The sink sees the site in several small batches, never more than one chunk of pages at once…
        #expect(batches.count > 3)
        for b in batches {
            #expect(b.filter { $0.path.hasSuffix(".html") }.count <= 4)
        }
        // …and together they are exactly the files of the whole render, in the same order.
        let streamed = batches.flatMap { $0 }
        #expect(streamed.map(\.path) == whole.map(\.path))
        func bytes(_ f: OutputFile) -> Data? { if case let .bytes(d) = f.content { d } else { nil } }
        #expect(streamed.map(bytes) == whole.map(bytes))
        #expect(Set(whole.map(\.path)).isSuperset(of: ["feed.xml", "a/feed.xml", "a/cunwu/feed.xml", "sitemap.xml", "manifest.json", ".gongkai-site"]))
    }

    @Test func emptySiteStillRenders() {
        let out = render([])
        #expect(out["index.html"]?.contains("目前没有正在公示的事项") == true)
        #expect(out["feed.xml"]?.contains("<updated>2000-01-01T00:00:00+08:00</updated>") == true)
    }
}

@Suite struct WriterTests {
    @Test func swapsInTheNewSiteAndReusesUnchangedFiles() throws {
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        let s1 = try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "2"), .text(".gongkai-site", "")], to: site)
        #expect(s1.unchanged == 0)
        let s2 = try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "changed"), .text(".gongkai-site", "")], to: site)
        #expect(s2.unchanged == 2)
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/b.html")) == "changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Site"])
    }

    @Test func failedWriteLeavesThePreviousSite() throws {
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        try SiteWriter.write([.text("a.html", "old"), .text(".gongkai-site", "")], to: site)
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write([.text("a.html", "new"), OutputFile(path: "b.pdf", content: .copy(from: "/nonexistent/x.pdf"))], to: site)
        }
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/a.html")) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Site"])
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter.write([.text("../escape.html", "x")], to: site) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.html").path))
    }

    @Test func streamedBatchesMakeOneSiteAndAFailureInAnyBatchKeepsTheOld() throws {
        struct Stop: Error {}
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        try SiteWriter.write([.text("a.html", "old"), .text(".gongkai-site", "")], to: site)
        let s = try SiteWriter.write(to: site) { emit in
            try emit([.text("a.html", "old"), .text("d/b.html", "1")])
            try emit([.text("d/c.html", "2"), .text("d/e/f.html", "3")])
            try emit([.text(".gongkai-site", "")])
        }
        #expect(s.files == 5 && s.unchanged == 2)
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/e/f.html")) == "3")
        // The producer stops (render error, kill) after a batch was written: nothing goes live.
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(to: site) { emit in
                try emit([.text("a.html", "new"), .text(".gongkai-site", "")])
                throw Stop()
            }
        }
        // A later batch with a bad path is refused just the same.
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(to: site) { emit in
                try emit([.text("a.html", "new")])
                try emit([.text("x/../../escape.html", "x")])
            }
        }
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/a.html")) == "old")
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/b.html")) == "1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Site"])
    }
}
