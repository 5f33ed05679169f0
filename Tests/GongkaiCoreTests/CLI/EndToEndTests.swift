import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GongkaiCore

/// Builds fixture sites with the real `gongkai` CLI and checks the output and the messages.
@Suite(.serialized) struct EndToEndTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"

    @Test func buildsTheMinimalSite() throws {
        let dir = T.copyFixture("minimal")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("8 篇公开内容"))
        let site = dir.appendingPathComponent("Site")
        let files = T.snapshot(site)
        for f in ["index.html", "404.html", "sitemap.xml", "feed.xml", "assets/style.css",
                  "dongcun/index.html", "dongcun/cunwu/index.html", "dongcun/cunwu/page-2.html",
                  "dongcun/cunwu/archive.html", "dongcun/cunwu/2026.html", "dongcun/notice/q3-caiwu.html",
                  "dongcun/files/q3-caiwu/明细.csv", "dongcun/feed.xml", "dongcun/caiwu/feed.xml",
                  "category/caiwu.xml", "township/index.html", "township/notice/2026-zhengwu.html"] {
            #expect(files[f] != nil, "missing \(f)")
        }
        // Township-only and village-only categories stay where they belong.
        #expect(files["township/cunwu/index.html"] == nil)
        #expect(files["dongcun/zhengwu/index.html"] == nil)

        let notice = T.read(site.appendingPathComponent("dongcun/notice/q3-caiwu.html"))
        #expect(notice.contains("<html lang=\"zh-CN\">"))
        #expect(notice.contains("<title>东村2026年第三季度财务收支公开 - 测试镇三务公开</title>"))
        #expect(notice.contains("本季度收入合计一万二千元，支出合计八千元。"))
        #expect(notice.contains("东财〔2026〕3号"))
        #expect(notice.contains("村务监督委员会主任 乙某（签字日期：2026年10月12日）"))
        #expect(notice.contains("主办单位：样例县测试镇人民政府"))
        #expect(notice.contains("监督举报电话：<a href=\"tel:0771-5550012\">0771-5550012</a>"))
        #expect(notice.contains("href=\"../../dongcun/files/q3-caiwu/%E6%98%8E%E7%BB%86.csv\""))
        #expect(notice.contains("CSV 表格，"))
        #expect(notice.contains("<th scope=\"col\">科目</th>"))
        // A CSV attachment can also be read as a page of its own, and has an Excel-friendly copy.
        #expect(notice.contains("<a href=\"../../dongcun/files/q3-caiwu/%E6%98%8E%E7%BB%86.csv.html\">收支明细表</a>"))
        let csvPage = T.read(site.appendingPathComponent("dongcun/files/q3-caiwu/明细.csv.html"))
        #expect(csvPage.contains("<td class=\"num\" data-label=\"日期\">2026-07-01</td><td data-label=\"摘要\">租金</td><td class=\"num\" data-label=\"金额\">12000.00</td>"))
        let original = try Data(contentsOf: dir.appendingPathComponent("Content/notices/dongcun/2026/files/明细.csv"))
        #expect(try Data(contentsOf: site.appendingPathComponent("dongcun/files/q3-caiwu/明细.csv")) == original)
        let excel = try Data(contentsOf: site.appendingPathComponent("dongcun/files/q3-caiwu/明细（Excel）.csv"))
        #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]) && String(decoding: excel, as: UTF8.self).contains("\r\n"))

        let gongshi = T.read(site.appendingPathComponent("dongcun/notice/gongshi.html"))
        #expect(gongshi.contains("公示中（还剩 5 天）"))
        #expect(gongshi.contains("2026年11月20日至2026年11月26日（7 天）"))
        let home = T.read(site.appendingPathComponent("index.html"))
        #expect(home.contains("东村2026年低保对象公示"))

        // Pagination: 4 村务 notices, page_size 2.
        let page1 = T.read(site.appendingPathComponent("dongcun/cunwu/index.html"))
        #expect(page1.contains("第 1 页，共 2 页"))
        #expect(page1.contains("href=\"../../dongcun/cunwu/page-2.html\" rel=\"next\""))
        #expect(page1.contains("东村2026年低保对象公示"))
        #expect(!page1.contains("东村村务公开第1号"))
        let page2 = T.read(site.appendingPathComponent("dongcun/cunwu/page-2.html"))
        #expect(page2.contains("东村村务公开第1号"))
        #expect(page2.contains("rel=\"prev\""))

        // Previous/next on the same board and category.
        let mid = T.read(site.appendingPathComponent("dongcun/notice/cunwu-2.html"))
        #expect(mid.contains("较新：<a href=\"../../dongcun/notice/cunwu-3.html\">"))
        #expect(mid.contains("较早：<a href=\"../../dongcun/notice/cunwu-1.html\">"))

        // Feeds and sitemap are well-formed XML with absolute links.
        for f in ["feed.xml", "dongcun/feed.xml", "category/caiwu.xml", "sitemap.xml"] {
            let data = files[f]!
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(f) is not well-formed")
        }
        let feed = T.read(site.appendingPathComponent("dongcun/caiwu/feed.xml"))
        #expect(feed.contains("<id>https://test.example.gov.cn/dongcun/notice/q3-caiwu.html</id>"))
        #expect(feed.contains("<updated>2026-10-15T00:00:00+08:00</updated>"))
        let sitemap = T.read(site.appendingPathComponent("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://test.example.gov.cn/dongcun/notice/q3-caiwu.html</loc><lastmod>2026-10-15</lastmod>"))
        #expect(!sitemap.contains("404.html"))
    }

    @Test func sameContentGivesByteIdenticalSite() throws {
        let dir = T.copyFixture("minimal")
        #expect(try T.run(["build", date, "--output", "A"], in: dir).status == 0)
        #expect(try T.run(["build", date, "--output", "B"], in: dir).status == 0)
        let a = T.snapshot(dir.appendingPathComponent("A"))
        let b = T.snapshot(dir.appendingPathComponent("B"))
        #expect(a.count > 30)
        #expect(a == b)
    }

    @Test func goldenPages() throws {
        let dir = T.copyFixture("minimal")
        #expect(try T.run(["build", date], in: dir).status == 0)
        let update = ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1"
        for page in ["dongcun/notice/q3-caiwu.html", "dongcun/index.html", "dongcun/cunwu/index.html", "dongcun/caiwu/feed.xml"] {
            let actual = T.read(dir.appendingPathComponent("Site").appendingPathComponent(page))
            let goldenFile = T.golden.appendingPathComponent(page.replacingOccurrences(of: "/", with: "__"))
            if update { T.write(actual, to: goldenFile) }
            let expected = T.read(goldenFile)
            #expect(!expected.isEmpty, "golden file missing: run with GONGKAI_UPDATE_GOLDEN=1")
            #expect(actual == expected, "\(page) differs from \(goldenFile.lastPathComponent)")
        }
    }

    @Test func brokenContentReportsEveryProblemAndKeepsTheSite() throws {
        let dir = T.copyFixture("minimal")
        #expect(try T.run(["build", date], in: dir).status == 0)
        let site = dir.appendingPathComponent("Site")
        let before = T.snapshot(site)
        let notices = dir.appendingPathComponent("Content/notices/dongcun/2026")
        T.write("---\ntitle: 缺类别\ndate: 2026-10-01\ncatgory: 村务\n---\n正文\n", to: notices.appendingPathComponent("typo.md"))
        T.write("---\ntitle: 日期错\ncategory: 村务\ndate: 2026-02-30\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n", to: notices.appendingPathComponent("baddate.md"))
        T.write("---\ntitle: 类别错\ncategory: 杂务\ndate: 2026-10-01\n---\n正文\n", to: notices.appendingPathComponent("badcat.md"))
        T.write("---\ntitle: 冒号: 多了\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n", to: notices.appendingPathComponent("colon.md"))
        T.write("title: 没有开头\n", to: notices.appendingPathComponent("nofm.md"))
        T.write("---\ntitle: 附件\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\nattachments:\n  - file: ../../../../secret.txt\n  - file: 不存在.pdf\n---\n正文\n",
                to: notices.appendingPathComponent("att.md"))
        T.write("---\ntitle: 链接\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n\n[x](javascript:alert(1))\n", to: notices.appendingPathComponent("js.md"))
        T.write("---\ntitle: 重复\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\nslug: cunwu-1\n---\n正文\n", to: notices.appendingPathComponent("dup.md"))
        T.write("---\ntitle: 签字晚\ncategory: 村务\ndate: 2026-10-01\nsignoff:\n  - { role: 主任, name: 乙某, date: 2026-10-05 }\n---\n正文\n",
                to: notices.appendingPathComponent("late.md"))
        T.write("---\ntitle: 错村\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n", to: dir.appendingPathComponent("Content/notices/xicun/a.md"))
        T.write("---\ntitle: 大写\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n", to: notices.appendingPathComponent("Bad Name.md"))

        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 1)
        let p = "Content/notices/dongcun/2026/"
        let expected = [
            "\(p)typo.md:4:1: 错误: 有不认识的字段「catgory」",
            "\(p)typo.md:2:1: 错误: 缺少必填字段「category」（类别）",
            "\(p)baddate.md:4:7: 错误: 「date」（发布日期）不是有效的日期：2026-02-30",
            "\(p)badcat.md:3:1: 错误: 不认识的类别「杂务」",
            "\(p)colon.md:2:10: 错误: 这一行多了一个冒号「:」，YAML 看不懂",
            "\(p)nofm.md:1:1: 错误: 文件开头缺少「---」行",
            "\(p)att.md:7:5: 错误: 附件路径「../../../../secret.txt」跑到了内容文件夹外面",
            "\(p)att.md:8:5: 错误: 找不到附件文件「不存在.pdf」",
            "\(p)js.md:9:1: 错误: 链接地址「javascript:alert(1)」不安全或不受支持",
            "\(p)dup.md:1:1: 错误: 网址「dongcun/notice/cunwu-1.html」和 Content/notices/dongcun/2026/cunwu-1.md 重复",
            "\(p)late.md:6:27: 错误: 主任乙某的签字日期 2026-10-05 晚于发布日期 2026-10-01",
            "Content/notices/xicun: 错误: 文件夹「xicun」不是已登记的村（里面有 1 篇公开）",
            "\(p)Bad Name.md:1:1: 错误: 文件名「Bad Name.md」不能用作网址",
        ]
        for e in expected {
            #expect(r.stderr.contains(e), "missing: \(e)\n--- stderr ---\n\(r.stderr)")
        }
        #expect(r.stderr.contains("提示:"))
        #expect(r.stderr.contains("网站没有更新"))
        #expect(T.snapshot(site) == before, "Site/ changed after a failed build")
    }

    @Test func checkValidatesAndWritesNothing() throws {
        let dir = T.copyFixture("minimal")
        let ok = try T.run(["check", date], in: dir)
        #expect(ok.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site").path))
        T.write("---\ntitle: x\n---\n", to: dir.appendingPathComponent("Content/notices/dongcun/x.md"))
        let bad = try T.run(["check", date], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Content/notices/dongcun/x.md:2:1: 错误: 缺少必填字段「category」"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site").path))
    }

    @Test func draftsAndFutureNoticesAreNotPublished() throws {
        let dir = T.copyFixture("minimal")
        let n = dir.appendingPathComponent("Content/notices/dongcun")
        T.write("---\ntitle: 草稿通知甲\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\ndraft: true\n---\n正文\n", to: n.appendingPathComponent("draft.md"))
        T.write("---\ntitle: 未来通知乙\ncategory: 村务\ndate: 2026-12-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n", to: n.appendingPathComponent("future.md"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0)
        let all = T.snapshot(dir.appendingPathComponent("Site"))
        #expect(all["dongcun/notice/draft.html"] == nil)
        #expect(all["dongcun/notice/future.html"] == nil)
        for (path, data) in all {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("草稿通知甲") && !text.contains("未来通知乙"), "leaked into \(path)")
        }
        // The same content built "later" publishes the scheduled one.
        #expect(try T.run(["build", "--date=2026-12-01"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/notice/future.html").path))
    }

    @Test func hostileContentCannotInjectMarkup() throws {
        let dir = T.copyFixture("minimal")
        let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg onload=alert(1)>"]
        let p = payloads.joined(separator: " ")
        T.write("name: 西村\(payloads[1])\ngroups: [\"\(payloads[0])\"]\nspokesperson: '\(payloads[3])'\n",
                to: dir.appendingPathComponent("Content/villages/xicun.yaml"))
        T.write("""
        ---
        title: '\(p)'
        category: 村务
        date: 2026-10-01
        number: '\(payloads[0])'
        tags: ['\(payloads[1])', '\(payloads[3])']
        summary: '\(p)'
        signoff:
          - { role: '\(payloads[0])', name: '\(payloads[3])', date: 2026-09-30 }
          - { role: 村务监督委员会主任, name: 乙某 }
        gongshi: { start: 2026-11-20, days: 7, contact: '\(payloads[1])' }
        ---
        \(p)

        <script>alert(2)</script>

        [a](javascript:alert(3)) ![b](javascript:alert(4))

        ```csv
        名,值
        \(payloads[0]),1
        ```
        """, to: dir.appendingPathComponent("Content/notices/xicun/x.md"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 1)  // the javascript: links are errors
        // Remove the links and build: everything else is escaped.
        let fixed = T.read(dir.appendingPathComponent("Content/notices/xicun/x.md"))
            .replacingOccurrences(of: "[a](javascript:alert(3)) ![b](javascript:alert(4))", with: "")
        T.write(fixed, to: dir.appendingPathComponent("Content/notices/xicun/x.md"))
        let r2 = try T.run(["build", date], in: dir)
        #expect(r2.status == 0, "\(r2.stderr)")
        for (path, data) in T.snapshot(dir.appendingPathComponent("Site")) where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = T.withoutSearchScript(path, String(decoding: data, as: UTF8.self))
            #expect(!text.contains("<script"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("<svg onload"), "\(path)")
            #expect(!text.contains("href=\"javascript:"), "\(path)")
        }
        let page = T.read(dir.appendingPathComponent("Site/xicun/notice/x.html"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func refusesToOverwriteAFolderItDidNotMake() throws {
        let dir = T.copyFixture("minimal")
        T.write("important", to: dir.appendingPathComponent("Docs/keep.txt"))
        let r = try T.run(["build", date, "--output", "Docs"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("不是 gongkai 生成的网站"))
        #expect(T.read(dir.appendingPathComponent("Docs/keep.txt")) == "important")
        let r2 = try T.run(["build", date, "--output", "Content/out"], in: dir)
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("不能和内容或模板文件夹重叠"))
    }

    @Test func leftoversOfAKilledBuildAreCleanedAndSiteIsReplaced() throws {
        let dir = T.copyFixture("minimal")
        #expect(try T.run(["build", date], in: dir).status == 0)
        // A build killed half-way leaves its temporary folder; the site itself is untouched.
        let stale = dir.appendingPathComponent(".Site.building-999999")
        T.write("half", to: stale.appendingPathComponent("index.html"))
        // … and, killed after writing the new record beside the old one, that temporary record.
        let staleRecord = dir.appendingPathComponent("Content/publication-record.yaml.tmp-999999")
        T.write("half", to: staleRecord)
        T.write("---\ntitle: 新一篇\ncategory: 村务\ndate: 2026-11-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n正文\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/new.md"))
        #expect(try T.run(["build", date], in: dir).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(!FileManager.default.fileExists(atPath: staleRecord.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Content").path)
            .filter { $0.hasPrefix("publication-record.yaml.tmp-") }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/notice/new.html").path))
        // No temporary folder is left; the previous site is kept beside the new one (for the next build).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".Site") }
        #expect(leftovers == [".Site.previous"])
    }

    @Test func siteTemplatesOverrideSingleFiles() throws {
        let dir = T.copyFixture("minimal")
        T.write("{{<layout}}{{$main}}<p class=\"custom\">自定义：{{notice.title}}</p>{{/main}}{{/layout}}",
                to: dir.appendingPathComponent("Templates/notice.mustache"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/q3-caiwu.html"))
        #expect(page.contains("<p class=\"custom\">自定义：东村2026年第三季度财务收支公开</p>"))
        #expect(page.contains("主办单位："))  // layout still from the default theme
        T.write("{{#broken}}", to: dir.appendingPathComponent("Templates/board.mustache"))
        let bad = try T.run(["build", date], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Templates/board.mustache"))
        #expect(bad.stderr.contains("模板语法错误"))
    }

    @Test func encodingsAndLineEndings() throws {
        let dir = T.copyFixture("minimal")
        let n = dir.appendingPathComponent("Content/notices/dongcun")
        T.write("\u{FEFF}---\r\ntitle: 带BOM和CRLF\r\ncategory: 村务\r\ndate: 2026-10-01\r\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\r\n---\r\n第一行\r\n第二行\r\n", to: n.appendingPathComponent("crlf.md"))
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xC4, 0xE3, 0x0A]).write(to: n.appendingPathComponent("gbk.md"))
        T.write("", to: n.appendingPathComponent("empty.md"))
        try Data([0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0x61, 0x0A]).write(to: n.appendingPathComponent("gbk.csv"))
        T.write("---\ntitle: GBK表格\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\nattachments:\n  - file: gbk.csv\n---\n正文\n", to: n.appendingPathComponent("gbkcsv.md"))
        let r = try T.run(["build", date], in: dir)
        // At the first byte that is not UTF-8 (line 2, after "t: ").
        #expect(r.stderr.contains("Content/notices/dongcun/gbk.md:2:4: 错误: 文件不是 UTF-8 编码"))
        #expect(r.stderr.contains("Content/notices/dongcun/empty.md:1:1: 错误: 文件是空的"))
        #expect(!r.stderr.contains("crlf.md"))
        // An attached CSV that is not UTF-8 is reported at the CSV itself.
        #expect(r.stderr.contains("Content/notices/dongcun/gbk.csv:1:1: 警告: 文件不是 UTF-8 编码，网页上只能下载，不能显示成表格"))
        try FileManager.default.removeItem(at: n.appendingPathComponent("gbk.md"))
        try FileManager.default.removeItem(at: n.appendingPathComponent("empty.md"))
        #expect(try T.run(["build", date], in: dir).status == 0)
        #expect(T.read(dir.appendingPathComponent("Site/dongcun/notice/crlf.html")).contains("<p>第一行第二行</p>"))
    }

    @Test func missingSiteConfigIsReported() throws {
        let dir = T.copyFixture("minimal")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("Content/site.yaml"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Content/site.yaml: 错误: 找不到文件或无法读取"))
        let r2 = try T.run(["build", date, "--content", "Nowhere"], in: dir)
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("Nowhere: 错误: 找不到内容文件夹"))
    }

    @Test func relativeLinksResolveToPagesAndFiles() throws {
        let dir = T.copyFixture("minimal")
        let n = dir.appendingPathComponent("Content/notices/dongcun")
        T.write("PNG", to: n.appendingPathComponent("2026/files/现场 照片.png"))
        T.write("""
        ---
        title: 实施结果公开
        category: 村务
        date: 2026-11-01
        signoff: [{ role: 村务监督委员会主任, name: 乙某 }]
        ---
        依据[第3号公开](2026/cunwu-3.md#top)和[乡镇通知](../township/2026-zhengwu.md)实施。

        ![现场照片](2026/files/现场%20照片.png) 明细见[表](2026/files/明细.csv)。
        """, to: n.appendingPathComponent("result.md"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/result.html"))
        #expect(page.contains("href=\"../../dongcun/notice/cunwu-3.html#top\""))
        #expect(page.contains("href=\"../../township/notice/2026-zhengwu.html\""))
        #expect(page.contains("src=\"../../dongcun/files/result/%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png\""))
        #expect(page.contains("href=\"../../dongcun/files/result/%E6%98%8E%E7%BB%86.csv\""))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/files/result/现场 照片.png").path))
        T.write("---\ntitle: 坏链接\ncategory: 村务\ndate: 2026-11-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n---\n[没有](nothere.md) [外面](../../../x.txt)\n", to: n.appendingPathComponent("bad.md"))
        let bad = try T.run(["build", date], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Content/notices/dongcun/bad.md:7:1: 错误: 找不到链接的文件「nothere.md」"))
        #expect(bad.stderr.contains("Content/notices/dongcun/bad.md:7:1: 错误: 链接「../../../x.txt」指向内容文件夹外面"))
    }

    @Test func missingValuesDoNotBorrowFromOuterContexts() throws {
        let dir = T.copyFixture("minimal")
        T.write("---\ntitle: 无日期签字\ncategory: 村务\ndate: 2026-10-01\nsignoff:\n  - { role: 村务监督委员会主任, name: 乙某 }\n---\n正文\n",
                to: dir.appendingPathComponent("Content/notices/township/x.md").deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("dongcun/nodate.md"))
        // base_url with a sub-folder: the 404 page links from that root.
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml).replacingOccurrences(of: "https://test.example.gov.cn/", with: "https://test.example.gov.cn/ceshi"), to: siteYaml)
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/nodate.html"))
        #expect(page.contains("<dd>村务监督委员会主任 乙某</dd>"))
        let notFound = T.read(dir.appendingPathComponent("Site/404.html"))
        #expect(notFound.contains("href=\"/ceshi/assets/style.css\""))
        #expect(notFound.contains("href=\"/ceshi/index.html\""))
        let home = T.read(dir.appendingPathComponent("Site/index.html"))
        #expect(!home.contains("0 项正在公示"))
        #expect(home.contains("1 项正在公示"))
        let township = T.read(dir.appendingPathComponent("Site/township/index.html"))
        #expect(!township.contains("自然屯 / 村民小组"))
    }

    @Test func sampleContentBuildsCleanly() throws {
        let out = T.tempDir("sample")
        // Work on a copy: a build updates the publication record inside its Content/.
        try FileManager.default.copyItem(at: T.repoRoot.appendingPathComponent("Content"), to: out.appendingPathComponent("Content"))
        let r = try T.run(["build", date, "--content", out.appendingPathComponent("Content").path,
                           "--templates", T.repoRoot.appendingPathComponent("Templates").path,
                           "--output", out.appendingPathComponent("Site").path], in: out)
        #expect(r.status == 0, "\(r.stderr)")
        // The committed publication record already holds every published notice.
        #expect(!r.stdout.contains("发布记录已更新"), "run a build and commit Content/publication-record.yaml")
        // The only warning allowed is the deliberate supervisor flag on a decision without a result.
        let warnings = r.stderr.split(separator: "\n").filter { $0.contains(": 警告: ") }
        #expect(warnings.allSatisfy { $0.contains("还没有公开实施结果") }, "\(r.stderr)")
        let files = T.snapshot(out.appendingPathComponent("Site"))
        let notices = files.keys.filter { $0.contains("/notice/") }
        #expect(notices.count >= 150)
        #expect(Set(notices.map { $0.split(separator: "/")[0] }).count >= 9)
    }
}
