import Foundation
import Testing
@testable import GongkaiCore

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
        // The marker a clerk may open in Site/ says what it is in Chinese, not in English.
        let marker = whole.first { $0.path == ".gongkai-site" }.flatMap(bytes).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(marker.contains("gongkai build") && marker.contains("Content/") && marker.contains("不要"))
        #expect(!marker.contains("This folder"))
    }

    @Test func emptySiteStillRenders() {
        let out = render([])
        #expect(out["index.html"]?.contains("目前没有正在公示的事项") == true)
        #expect(out["feed.xml"]?.contains("<updated>2000-01-01T00:00:00+08:00</updated>") == true)
    }
}
