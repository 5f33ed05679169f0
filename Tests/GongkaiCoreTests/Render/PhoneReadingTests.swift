import Foundation
import Testing
@testable import GongkaiCore

/// Reading on a phone (issue 11): attachment pages and Excel copies, each notice listed once,
/// 公开情况 without tooltips, feeds that follow their board, sizes in rem.
@Suite struct PhoneReadingTests {
    typealias T = TestSupport
    let today = Day(parsing: "2026-11-22")!

    static func attachment(_ name: String, text: String? = nil) -> GongkaiCore.Attachment {
        var a = GongkaiCore.Attachment(title: "附件" + name, sourcePath: "/dev/null", fileName: name, size: 9,
                           typeLabel: NoticeParser.typeLabel(name), table: nil)
        a.text = text
        if a.isCSV, let text, case let .success(table, _) = Markdown.csvTable(text) { a.table = table }
        a.hasPage = text != nil && (!a.isCSV || a.table != nil)
        return a
    }

    /// The rendered site as path → text (copied files as their source path).
    func render(_ notices: [Notice]) -> [String: String] {
        var out: [String: String] = [:]
        for f in Renderer.render(ResolvedSite(model: Sample.model(notices), today: today), theme: Sample.theme) {
            switch f.content {
            case let .bytes(d): out[f.path] = String(decoding: d, as: UTF8.self)
            case let .copy(from): out[f.path] = "copy:" + from
            }
        }
        return out
    }

    func bytes(_ notices: [Notice], _ path: String) -> Data? {
        Renderer.render(ResolvedSite(model: Sample.model(notices), today: today), theme: Sample.theme)
            .first { $0.path == path }.flatMap { if case let .bytes(d) = $0.content { d } else { nil } }
    }

    /// The part of a page between `<main` and `</main>`.
    static func main(_ html: String) -> Substring {
        guard let a = html.range(of: "<main"), let b = html.range(of: "</main>") else { return "" }
        return html[a.lowerBound..<b.upperBound]
    }

    @Test func excelCopyHasAByteOrderMarkAndCRLFLineEnds() {
        var a = Self.attachment("明细.csv", text: "科目,金额\n租金,1\r\n\"两\n行\",2")
        let copy = a.excelCopy!
        #expect(Array(copy.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: copy.dropFirst(3), as: UTF8.self) == "科目,金额\r\n租金,1\r\n\"两\r\n行\",2")
        a.fileName = "规约.txt"
        #expect(a.excelCopy == nil)
        a.fileName = "明细.CSV"
        a.text = nil
        #expect(a.excelCopy == nil)
    }

    @Test func textAndCSVAttachmentsGetAPageAndCSVAnExcelCopy() throws {
        var n = Sample.notice("n", date: "2026-10-01")
        n.attachments = [Self.attachment("规约.txt", text: "第一条　<b>爱护</b>\n第二条"), Self.attachment("明细.csv", text: "科目,金额\n租金,12\n"),
                         Self.attachment("扫描.pdf"), Self.attachment("坏.csv", text: "科目,金额\n租金\n")]
        let site = render([n])
        let txt = try #require(site["a/files/n/规约.txt.html"])
        #expect(txt.contains("<div class=\"attachment-text\">第一条　&lt;b&gt;爱护&lt;/b&gt;\n第二条</div>"))
        #expect(txt.contains("<a href=\"../../../a/notice/n.html\">返回《标题n》</a>"))
        #expect(txt.contains("<a href=\"../../../a/files/n/%E8%A7%84%E7%BA%A6.txt\">原文件（文本，9 字节）</a>"))
        #expect(!txt.contains("Excel"))
        let csv = try #require(site["a/files/n/明细.csv.html"])
        #expect(csv.contains("<td class=\"num\" data-label=\"金额\">12</td>"))
        #expect(csv.contains("表格下载（Excel 可打开）"))
        #expect(site["a/files/n/扫描.pdf.html"] == nil)
        // The original is copied as it is; the Excel copy sits next to it.
        #expect(site["a/files/n/明细.csv"] == "copy:/dev/null")
        #expect(bytes([n], "a/files/n/明细（Excel）.csv") == Data([0xEF, 0xBB, 0xBF]) + Data("科目,金额\r\n租金,12\r\n".utf8))
        #expect(site.keys.filter { $0.contains("（Excel）") }.sorted() == ["a/files/n/坏（Excel）.csv", "a/files/n/明细（Excel）.csv"])
        // A CSV that is no proper table has no page, but its Excel copy is linked all the same.
        #expect(site["a/files/n/坏.csv.html"] == nil)
        // The notice links the pages, the originals and the copy; nothing forces a download.
        let notice = try #require(site["a/notice/n.html"])
        #expect(notice.contains("<a href=\"../../a/files/n/%E8%A7%84%E7%BA%A6.txt.html\">附件规约.txt</a>"))
        #expect(notice.contains("<a href=\"../../a/files/n/%E6%98%8E%E7%BB%86%EF%BC%88Excel%EF%BC%89.csv\">表格下载（Excel 可打开）</a>"))
        #expect(notice.contains("<a href=\"../../a/files/n/%E6%89%AB%E6%8F%8F.pdf\">附件扫描.pdf</a>"))
        #expect(notice.contains("<a href=\"../../a/files/n/%E5%9D%8F%EF%BC%88Excel%EF%BC%89.csv\">表格下载（Excel 可打开）</a>"))
        #expect(!site.values.contains { $0.contains(" download") })
        #expect(site["sitemap.xml"]?.contains("https://x.example/a/files/n/%E8%A7%84%E7%BA%A6.txt.html") == true)
    }

    @Test func aWithdrawnNoticeHasNoAttachmentPages() {
        var n = Sample.notice("w", date: "2026-10-01")
        n.attachments = [Self.attachment("规约.txt", text: "第一条")]
        n.process.withdrawn = NoticeProcess.Withdrawal(date: Day(parsing: "2026-10-05")!, reason: "错了")
        let site = render([n])
        #expect(site["a/notice/w.html"] != nil)
        #expect(!site.keys.contains { $0.hasPrefix("a/files/") })
    }

    @Test func theLoaderReadsUTF8TextAttachmentsOnly() throws {
        let s = FixtureSite()
        let rel = "notices/dongcun/2026/"
        s.write(rel + "files/规约.txt", "第一条\n第二条\n")
        // A .md attachment lives outside notices/ (there every .md is a notice).
        s.write("files/说明.md", "# 说明\n正文\n")
        try s.write(rel + "files/旧.txt", bytes: Array("甲".utf8) + [0xD0, 0xD5, 0xC3, 0xFB])
        try s.write(rel + "files/宽.txt", bytes: [0xFF, 0xFE, 0x32, 0x75])
        s.write(rel + "files/坏.csv", "科目,金额\n租金\n")
        s.write(rel + "files/大.txt", String(repeating: "甲", count: NoticeParser.csvInlineLimit / 3 + 1))
        s.write(rel + "files/大.csv", "科目,金额\n" + String(repeating: "租金,12\n", count: NoticeParser.csvInlineLimit / 9 + 1))
        let names = ["files/规约.txt", "../../../files/说明.md", "files/旧.txt", "files/宽.txt", "files/坏.csv", "files/大.txt", "files/大.csv"]
        s.notice(rel + "fujian.md", extra: "attachments:\n" + names.map { "  - { file: \($0) }\n" }.joined())
        let (model, d) = s.load()
        let n = try #require(model?.notices.first { $0.slug == "fujian" })
        let pages = Dictionary(uniqueKeysWithValues: n.attachments.map { ($0.fileName, $0.hasPage) })
        #expect(pages == ["规约.txt": true, "说明.md": true, "旧.txt": false, "宽.txt": false, "坏.csv": false, "大.txt": false, "大.csv": false])
        // Every UTF-8 CSV, ragged or large, still gets its Excel-friendly copy; text files never do.
        let copies = Dictionary(uniqueKeysWithValues: n.attachments.map { ($0.fileName, $0.excelCopy != nil) })
        #expect(copies == ["规约.txt": false, "说明.md": false, "旧.txt": false, "宽.txt": false, "坏.csv": true, "大.txt": false, "大.csv": true])
        #expect(n.attachments.first?.text == "第一条\n第二条\n")
        let warnings = d.filter { $0.severity == .warning && $0.message.contains("网页") }.map(\.headline)
        #expect(warnings.contains("Content/\(rel)files/旧.txt:1:2: 警告: 文件不是 UTF-8 编码，网页上只能下载，不能在网页上阅读"))
        #expect(warnings.contains("Content/\(rel)files/宽.txt:1:1: 警告: 文件不是 UTF-8 编码，网页上只能下载，不能在网页上阅读"))
        #expect(warnings.contains { $0.contains("fujian.md") && $0.contains("附件表格无法显示为网页表格") })
        #expect(d.filter { $0.severity == .error }.map(\.headline) == [])
    }

    @Test func homeAndBoardListEachNoticeOnce() throws {
        let running = Gongshi(start: Day(parsing: "2026-11-20")!, end: Day(parsing: "2026-11-26")!, contact: nil, lengthText: "7 天", outcome: nil)
        var notices = (1...12).map { Sample.notice("n\($0)", date: String(format: "2026-%02d-01", min($0, 11))) }
        notices.append(Sample.notice("gs", date: "2026-11-20", gongshi: running))
        let site = render(notices)
        for (page, prefix) in [("index.html", "a/notice/"), ("a/index.html", "../a/notice/")] {
            let main = Self.main(try #require(site[page]))
            for n in notices {
                let count = main.components(separatedBy: "href=\"\(prefix)\(n.slug).html\"").count - 1
                #expect(count <= 1, "\(page) lists \(n.slug) \(count) times")
            }
            #expect(main.contains("href=\"\(prefix)gs.html\""), "\(page) shows the running 公示")
        }
        let board = Self.main(site["a/index.html"]!)
        #expect(board.components(separatedBy: "href=\"../a/notice/").count - 1 == 1 + ContextBuilder.columnLength)
        #expect(board.contains("全部 13 篇"))
        let home = Self.main(site["index.html"]!)
        #expect(home.components(separatedBy: "href=\"a/notice/").count - 1 == 1 + ContextBuilder.recentLength)
    }

    @Test func everyDateInAListIsLabelled() throws {
        let site = render([Sample.notice("n", date: "2026-10-01")])
        for page in ["index.html", "a/index.html", "a/cunwu/index.html", "a/cunwu/2026.html"] {
            let html = try #require(site[page])
            #expect(html.contains("公开日期：<time datetime=\"2026-10-01\">2026年10月1日</time>"), "\(page)")
        }
        let notice = try #require(site["a/notice/n.html"])
        #expect(notice.contains("<p class=\"notice-line\"><span class=\"nowrap\">甲村</span>　<span class=\"nowrap\">公开日期：<time datetime=\"2026-10-01\">2026年10月1日</time></span></p>"))
        // The notice's own text comes right after that line; sign-offs and the 防篡改码 after it.
        let body = try #require(notice.range(of: "<div class=\"body\">"))
        #expect(notice.range(of: "notice-line")!.lowerBound < body.lowerBound)
        #expect(notice.range(of: "防篡改码")!.lowerBound > body.lowerBound)
        #expect(notice.range(of: "审核签字")!.lowerBound > body.lowerBound)
        #expect(!notice.contains("SHA-256") && !notice.contains("RSS") && !notice.contains("Atom"))
    }

    @Test func feedsLinkTheirOwnPage() throws {
        let site = render([Sample.notice("n", date: "2026-10-01")])
        #expect(site["a/feed.xml"]?.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/a/index.html\"/>") == true)
        #expect(site["a/cunwu/feed.xml"]?.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/a/cunwu/index.html\"/>") == true)
        #expect(site["feed.xml"]?.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://x.example/\"/>") == true)
        #expect(site["robots.txt"] == "User-agent: *\nAllow: /\nSitemap: https://x.example/sitemap.xml\n")
        #expect(site["assets/favicon.svg"]?.hasPrefix("copy:") == true)
        #expect(site["a/cunwu/index.html"]?.contains("<link rel=\"icon\" href=\"../../assets/favicon.svg\" type=\"image/svg+xml\">") == true)
    }

    @Test func theBigTextSwitchNeedsNoScript() throws {
        let site = render([Sample.notice("n", date: "2026-10-01")])
        for (path, html) in site where path.hasSuffix(".html") {
            #expect(html.contains("<input type=\"checkbox\" id=\"dazi\" class=\"dazi-box\">"), "\(path)")
            #expect(html.contains("<label for=\"dazi\" class=\"dazi-switch\">大字·高对比</label>"), "\(path)")
            #expect(!T.withoutSearchScript(path, html).contains("<script"), "\(path)")
        }
        let css = T.read(T.repoRoot.appendingPathComponent("Templates/assets/style.css"))
        #expect(css.contains("html:has(.dazi-box:checked) { font-size: 125%; }"))
    }

    /// Screen sizes come from the reader's own default: no fixed html font-size, no text under
    /// 1.125rem (18 px at the default 16 px); px only inside the SVG charts; print has its own units.
    @Test func screenTextSizesAreInRemAndNeverUnder18px() throws {
        var css = T.read(T.repoRoot.appendingPathComponent("Templates/assets/style.css"))
        if let start = css.range(of: "@media print {") {
            var depth = 0
            var end = start.upperBound
            for i in css[start.lowerBound...].indices {
                if css[i] == "{" { depth += 1 } else if css[i] == "}" { depth -= 1; if depth == 0 { end = css.index(after: i); break } }
            }
            css.removeSubrange(start.lowerBound..<end)
        }
        let rule = try Regex(#"([^{}]*)\{[^}]*font-size:\s*([0-9.]+)(rem|px|%|em|pt)"#)
        var checked = 0
        for m in css.matches(of: rule) {
            let selector = String(m.output[1].substring ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let value = Double(m.output[2].substring ?? "") ?? 0
            switch m.output[3].substring ?? "" {
            case "rem": #expect(value >= 1.125, "\(selector): \(value)rem is under 18 px")
            case "%": #expect(value >= 100, "\(selector): \(value)%")
            case "px": #expect(selector.hasPrefix(".chart"), "\(selector): px outside the SVG charts")
            default: Issue.record("\(selector): font-size in \(m.output[3].substring ?? "")")
            }
            checked += 1
        }
        #expect(checked >= 8)
    }

    @Test func statusShowsEveryPeriodInVisibleText() throws {
        var n = Sample.notice("n", category: "caiwu", date: "2026-04-25")
        n.period = Period(kind: .quarter, year: 2026, firstMonth: 1, lastMonth: 3)
        let site = render([n])
        let status = try #require(site["status.html"])
        #expect(!status.contains("title="))
        #expect(status.contains("<th scope=\"row\"><span class=\"nowrap\">2026年第一季度</span><br><span class=\"due\">截止日：<span class=\"nowrap\">2026年4月20日</span></span></th><td>迟了 5 天（2026年4月25日公开）</td>"))
        #expect(status.contains("<p class=\"status-sum\">按时 0 期，迟 1 期，未公开 2 期</p>"))
    }
}
