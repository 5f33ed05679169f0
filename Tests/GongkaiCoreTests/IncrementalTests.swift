import Foundation
import Testing
@testable import GongkaiCore

/// Incremental builds over the in-memory file system: a rebuild (a `BuildSession`, or `build` with
/// its cache) must give exactly the bytes of a clean build, and re-render only what changed.
@Suite struct IncrementalTests {
    static let root = "/site"
    static let content = root + "/Content"
    static let templates = root + "/Templates"
    static let output = root + "/Site"

    /// The `minimal` fixture and the default theme in memory, plus `extra` generated notices.
    static func site(extra: Int) -> MemoryFileSystem {
        let fs = MemoryFileSystem()
        func copy(_ from: URL, to dir: String) {
            for rel in DiskFileSystem().files(under: from.path) {
                try! fs.write(DiskFileSystem().read(from.appendingPathComponent(rel).path)!, to: dir + "/" + rel)
            }
        }
        copy(TestSupport.fixtures.appendingPathComponent("minimal/Content"), to: content)
        copy(TestSupport.repoRoot.appendingPathComponent("Templates"), to: templates)
        for i in 1...extra { try! fs.write(Data(notice(i, body: "第\(i)号的正文。").utf8), to: content + "/" + noticePath(i)) }
        // A 四议两公开 record naming two of the fixture's notices and linking a third from its text.
        try! fs.write(Data("""
            ---
            title: 村道修缮
            steps:
              - { step: 提议, date: 2026-01-02, body: 村党支部提议。 }
              - { step: 商议, date: 2026-01-05, body: 两委商议。 }
              - { step: 审议, date: 2026-01-08, expected: 10, present: 9, for: 9, against: 0, abstain: 0, body: 党员大会审议。 }
              - { step: 决议, date: 2026-01-20, expected: 10, present: 9, for: 8, against: 1, abstain: 0, body: 村民代表会议表决通过。 }
            resolution: ../../notices/dongcun/2026/cunwu-2.md
            result: ../../notices/dongcun/2026/cunwu-3.md
            ---
            起因见[第1号公开](../../notices/dongcun/2026/cunwu-1.md)，另见[第2号](../../notices/dongcun/2026/cunwu-2.md)和[第3号](../../notices/dongcun/2026/cunwu-3.md)。

            """.utf8), to: content + "/decisions/dongcun/cundao.md")
        return fs
    }

    static func noticePath(_ i: Int, folder: String = "gen") -> String {
        i % 3 == 0 ? "notices/township/\(folder)/t\(i).md" : "notices/dongcun/\(folder)/c\(i).md"
    }

    static func notice(_ i: Int, body: String, title: String? = nil, month: Int? = nil, extra: String = "", category: String? = nil) -> String {
        let township = i % 3 == 0
        let m = month ?? (i % 9 + 1)
        let date = String(format: "2026-%02d-%02d", m, i % 27 + 2)
        let sign = township ? "审核（镇党政办主任）, name: 丁某" : "村务监督委员会主任, name: 乙某"
        return """
        ---
        title: \(title ?? "生成的公开第\(i)号")
        category: \(category ?? (township ? "政务" : "村务"))
        date: \(date)
        signoff:
          - { role: \(sign), date: \(date) }
        \(extra)---
        \(body)

        """
    }

    static func options(_ fs: MemoryFileSystem, today: Day = Day(year: 2026, month: 11, day: 30)!, cache: Bool = true) -> BuildOptions {
        var o = BuildOptions(content: ContentLocation(root: content, display: "Content", fs: fs),
                             templates: [(templates, "Templates")], output: output, today: today)
        if !cache { o.cacheFolder = nil }
        return o
    }

    /// A clean build's files, in memory: path → bytes.
    static func clean(_ fs: MemoryFileSystem, today: Day = Day(year: 2026, month: 11, day: 30)!) -> (files: [String: Data], diagnostics: [Diagnostic]) {
        let diagnostics = Diagnostics()
        let site = Builder.prepare(options(fs, today: today, cache: false), into: diagnostics)
        guard !diagnostics.hasErrors, let site, let theme = site.theme else { return ([:], diagnostics.all) }
        var files: [String: Data] = [:]
        for f in Renderer.render(site.resolved, theme: theme) {
            switch f.content {
            case let .bytes(d): files[f.path] = d
            case let .copy(from): files[f.path] = fs.read(from)
            }
        }
        return (files, diagnostics.all)
    }

    /// Compares two sites file by file; returns the paths that differ (or are only in one).
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    // MARK: - the file system

    @Test func loaderReadsThroughTheInjectedFileSystem() {
        let fs = Self.site(extra: 2)
        let diagnostics = Diagnostics()
        let model = Loader.load(Self.options(fs).content, today: Day(year: 2026, month: 11, day: 30)!, into: diagnostics)
        #expect(!diagnostics.hasErrors)
        #expect(model?.notices.contains { $0.title == "生成的公开第2号" } == true)
        // Nothing of this site is on the disk.
        #expect(!FileManager.default.fileExists(atPath: Self.content))
    }

    @Test func writerSwapsTheSiteInMemory() throws {
        let fs = MemoryFileSystem()
        try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "2"), .text(".gongkai-site", "")], to: "/out/Site", fs: fs)
        let s = try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "3"), .text(".gongkai-site", "")], to: "/out/Site", fs: fs)
        #expect(s.unchanged == 2)
        #expect(fs.read("/out/Site/d/b.html") == Data("3".utf8))
        #expect(fs.entries(of: "/out").sorted() == [".Site.previous", "Site"])  // no temporary folder left, the previous site kept
        #expect(fs.read("/out/.Site.previous/d/b.html") == Data("2".utf8))
        // A failed build leaves the previous site as it was.
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write([.text("a.html", "new"), OutputFile(path: "x.pdf", content: .copy(from: "/nowhere.pdf"))], to: "/out/Site", fs: fs)
        }
        #expect(fs.read("/out/Site/a.html") == Data("1".utf8))
        #expect(fs.entries(of: "/out") == ["Site"])
    }

    // MARK: - property: incremental = clean

    enum Step: CaseIterable { case body, title, add, delete, rename, attachment, attachmentName, siteConfig, village, date, correct, withdraw, finance, category, broken, relink }

    @Test func randomEditsGiveTheBytesOfACleanBuild() throws {
        var rng = SeededGenerator(seed: 20261130)
        let fs = Self.site(extra: 8)
        var present = Set(1...8)
        var folder: [Int: String] = [:]
        var next = 9
        var today = Day(year: 2026, month: 11, day: 30)!
        let session = BuildSession(Self.options(fs))
        _ = session.rebuild(changed: [])
        _ = Builder.build(Self.options(fs), record: false)
        let kinds = Step.allCases.shuffled(using: &rng)
        for step in 0..<(2 * kinds.count + 16) {
            var changed: [String] = []
            func path(_ i: Int) -> String { Self.content + "/" + Self.noticePath(i, folder: folder[i] ?? "gen") }
            func put(_ p: String, _ text: String) {
                try! fs.write(Data(text.utf8), to: p)
                changed.append(p)
            }
            // Every kind of step twice (in a shuffled order), then at random.
            let kind = step < 2 * kinds.count ? kinds[step % kinds.count] : Step.allCases.randomElement(using: &rng)!
            let pick = present.sorted().randomElement(using: &rng)!
            switch kind {
            case .body: put(path(pick), Self.notice(pick, body: "改过的正文 \(step)。", month: nil))
            case .title: put(path(pick), Self.notice(pick, body: "第\(pick)号的正文。", title: "改过的标题\(step)", month: Int.random(in: 1...9, using: &rng)))
            case .add:
                put(path(next), Self.notice(next, body: "新的公开 \(next)。"))
                present.insert(next)
                next += 1
            case .delete where present.count > 2:
                fs.remove(path(pick))
                changed.append(path(pick))
                present.remove(pick)
            case .delete, .rename:
                let old = path(pick)
                folder[pick] = folder[pick] == nil ? "moved" : nil
                try fs.rename(old, to: path(pick))
                changed += [old, path(pick)]
            case .attachment:
                let csv = Self.content + "/notices/dongcun/2026/files/明细.csv"
                put(csv, String(decoding: fs.read(csv)!, as: UTF8.self) + "其他,\(step).00\n")
            case .attachmentName:
                // An attachment without a page of its own under a new name: the notice's files
                // change while the site's pages stay the same.
                let name = "d\(pick)-\(step).json"
                // Beside the notice's folder, so that a rename (to a sibling folder) keeps it found.
                let folder = (path(pick) as NSString).deletingLastPathComponent
                put((folder as NSString).deletingLastPathComponent + "/data/" + name, "{}\n")
                put(path(pick), Self.notice(pick, body: "第\(pick)号的正文。", extra: "attachments:\n  - { file: ../data/\(name), title: 数据 }\n"))
            case .siteConfig:
                let p = Self.content + "/site.yaml"
                let text = String(decoding: fs.read(p)!, as: UTF8.self)
                put(p, text.contains("page_size: 2") ? text.replacingOccurrences(of: "page_size: 2", with: "page_size: 3")
                                                     : text.replacingOccurrences(of: "page_size: 3", with: "page_size: 2"))
            case .village:
                let p = Self.content + "/villages/dongcun.yaml"
                let text = String(decoding: fs.read(p)!, as: UTF8.self)
                put(p, text.replacingOccurrences(of: #"spokesperson: .*"#, with: "spokesperson: 发言人\(step)", options: .regularExpression))
            case .date:
                today = today.adding(days: Int.random(in: 1...40, using: &rng))
            case .correct:
                // A new notice correcting one of the fixture's (its page then lists the correction).
                put(Self.content + "/notices/dongcun/2026/fix\(step).md", """
                    ---
                    title: 更正第\(step)号
                    category: 村务
                    date: 2026-10-\(step % 27 + 1)
                    signoff:
                      - { role: 村务监督委员会主任, name: 乙某, date: 2026-10-01 }
                    corrects: { notice: cunwu-\(step % 3 + 1).md, reason: 数字有误 }
                    ---
                    更正的正文。

                    """)
            case .withdraw:
                put(path(pick), Self.notice(pick, body: "第\(pick)号的正文。",
                                            extra: "withdrawn: { date: 2026-10-\(step % 27 + 1), reason: 内容有误 }\n"))
            case .category:
                // To another board's column and back (its old list, archive and sheets change too).
                let text = String(decoding: fs.read(path(pick)) ?? Data(), as: UTF8.self)
                put(path(pick), Self.notice(pick, body: "第\(pick)号的正文。",
                                            category: text.contains("category: 财务") ? nil : "财务"))
            case .broken:
                // A clerk's half-written saves: a notice that does not parse, and a new one whose body
                // links a text not there yet; then the text comes (as a .md, still an error: every .md
                // under notices/ is a notice). After each save the session reports what a clean build
                // does; then everything is mended.
                let good = fs.read(path(pick))!
                let laterPath = Self.content + "/notices/dongcun/2026/later\(step).md"
                func later(body: String) -> String {
                    """
                    ---
                    title: 说明后到的公开\(step)
                    category: 村务
                    date: 2026-10-\(step % 27 + 1)
                    signoff:
                      - { role: 村务监督委员会主任, name: 乙某, date: 2026-10-01 }
                    ---
                    \(body)

                    """
                }
                put(path(pick), "---\ntitle: [写到一半\n---\n正文。\n")
                put(laterPath, later(body: "详见[说明](notes/later\(step).md)。"))
                let broken = session.rebuild(changed: changed)
                #expect(broken.hasErrors && broken.diagnostics == Self.clean(fs).diagnostics, "step \(step): session with errors")
                #expect(Builder.build(Self.options(fs, today: today), record: false).hasErrors)
                let text = Self.content + "/notices/dongcun/2026/notes/later\(step).md"
                try fs.write(Data("后补的说明。\n".utf8), to: text)
                let still = session.rebuild(changed: [text])
                #expect(still.hasErrors && still.diagnostics == Self.clean(fs).diagnostics, "step \(step): session, the text there")
                fs.remove(text)
                changed = [text]
                put(path(pick), String(decoding: good, as: UTF8.self))
                put(laterPath, later(body: "说明另行公开。"))
            case .relink:
                // A body linking another notice, then that notice's address changes (its slug): the
                // link must follow, though the linking file did not change (the decision record
                // names or links each of the three notices too).
                let k = step % 3 + 1
                put(path(pick), Self.notice(pick, body: "详见[东村第\(k)号](../../dongcun/2026/cunwu-\(k).md)。"))
                let linked = session.rebuild(changed: changed)
                var kept: [String: Data] = [:]
                for p in session.paths { kept[p] = session.file(p) }
                #expect(!linked.hasErrors && Self.differences(kept, Self.clean(fs).files) == [], "step \(step): session, the link made")
                changed = []
                let target = Self.content + "/notices/dongcun/2026/cunwu-\(k).md"
                let text = String(decoding: fs.read(target)!, as: UTF8.self)
                put(target, text.contains("slug: ") ? text.replacingOccurrences(of: "slug: moved-\(k)\n", with: "")
                                                   : text.replacingOccurrences(of: "---\ntitle:", with: "---\nslug: moved-\(k)\ntitle:"))
            case .finance:
                let p = Self.content + "/notices/dongcun/2026/q2-caiwu.md"
                let text = String(decoding: fs.read(p)!, as: UTF8.self)
                put(p, text.contains("（修订）") ? text.replacingOccurrences(of: "（修订）", with: "")
                                                 : text.replacingOccurrences(of: "财务收支公开", with: "财务收支公开（修订）"))
            }
            let expected = Self.clean(fs, today: today)
            #expect(!expected.diagnostics.contains { $0.severity == .error }, "step \(step) \(kind): the generated site must build")

            // The CLI's build with its cache, into the site folder.
            let built = Builder.build(Self.options(fs, today: today), record: false)
            #expect(!built.hasErrors)
            var site: [String: Data] = [:]
            for rel in fs.files(under: Self.output) { site[rel] = fs.read(Self.output + "/" + rel) }
            #expect(Self.differences(site, expected.files) == [], "step \(step) \(kind): build with its cache")

            // The session (its date is fixed: it compares with a clean build of its own date).
            if kind != .date || today == Day(year: 2026, month: 11, day: 30)! {
                let r = session.rebuild(changed: changed)
                let reference = today == Day(year: 2026, month: 11, day: 30)! ? expected.files : Self.clean(fs).files
                var kept: [String: Data] = [:]
                for p in session.paths { kept[p] = session.file(p) }
                #expect(Self.differences(kept, reference) == [], "step \(step) \(kind): session")
                #expect(r.diagnostics == Self.clean(fs).diagnostics, "step \(step) \(kind): session diagnostics")
            }
        }
    }

    // MARK: - what a rebuild does

    @Test func oneBodyEditReRendersItsPageOnly() {
        let fs = Self.site(extra: 8)
        let session = BuildSession(Self.options(fs))
        let first = session.rebuild(changed: [])
        #expect(first.pagesRendered.count == session.paths.filter { $0.hasSuffix(".html") }.count)
        // Nothing changed: nothing rendered, nothing parsed.
        #expect(session.rebuild(changed: []).pagesRendered == [])
        #expect(session.noticesParsed == 0)

        let p = Self.content + "/" + Self.noticePath(4)
        try! fs.write(Data(Self.notice(4, body: "只改了正文。").utf8), to: p)
        let r = session.rebuild(changed: [p])
        #expect(session.noticesParsed == 1)
        // Its own page, and the pages that list it with its summary (the start of the body): its
        // neighbours' prev/next links, its list page, its year page and the board sheet of its
        // period (the board and home pages show titles only, so they keep their bytes).
        let id = "dongcun/notice/c4.html"
        #expect(r.pagesRendered == ["dongcun/cunwu/2026.html", "dongcun/cunwu/page-3.html", id,
                                    "dongcun/notice/c5.html", "dongcun/notice/cunwu-3.html", "dongcun/print/cunwu-2026q2.html"])
        #expect(String(decoding: session.file(id)!, as: UTF8.self).contains("只改了正文。"))
    }

    /// A clerk's save that breaks a notice, then the save that mends it: the session parses again
    /// the mended notice and the notices that reported something (one of the fixture's has a
    /// warning), not the others: they found every file they name.
    @Test func mendingABrokenNoticeParsesItAlone() throws {
        let fs = Self.site(extra: 8)
        let session = BuildSession(Self.options(fs))
        #expect(!session.rebuild(changed: []).hasErrors)
        let p = Self.content + "/" + Self.noticePath(4)
        let good = try #require(fs.read(p))
        try fs.write(Data("---\ntitle: [写到一半\n---\n".utf8), to: p)
        #expect(session.rebuild(changed: [p]).hasErrors)
        #expect(session.noticesParsed == 1)
        try fs.write(good, to: p)
        #expect(!session.rebuild(changed: [p]).hasErrors)
        #expect(session.noticesParsed == 2)
    }

    /// A notice that names another notice as its attachment is an error; when that file then loses
    /// its front matter the error changes: the session reports what a clean build reports after
    /// each save (the first notice's parse, which reported the problem, is read again).
    @Test func aRefusedAttachmentThatChangesIsReadAgain() throws {
        let fs = Self.site(extra: 2)
        let dir = Self.content + "/notices/dongcun/2026/"
        try fs.write(Data(Self.notice(40, body: "附件见下。", extra: "attachments:\n  - { file: x.md, title: 说明 }\n").utf8), to: dir + "q.md")
        try fs.write(Data(Self.notice(41, body: "说明。").utf8), to: dir + "x.md")
        let session = BuildSession(Self.options(fs))
        let first = session.rebuild(changed: [])
        #expect(first.hasErrors && first.diagnostics == Self.clean(fs).diagnostics)
        try fs.write(Data("说明文字，没有开头的信息区。\n".utf8), to: dir + "x.md")
        let second = session.rebuild(changed: [dir + "x.md"])
        #expect(second.hasErrors && second.diagnostics == Self.clean(fs).diagnostics)
    }

    /// A list item holds the notice that re-published its 公示 (a theme may print it): editing that
    /// notice redraws the first one's list page, year page and sheet, in a session and from the CLI.
    @Test func anItemFollowsTheNoticeThatRepublishedIt() throws {
        let fs = Self.site(extra: 2)
        let item = Self.templates + "/item.mustache"
        let text = String(decoding: try #require(fs.read(item)), as: UTF8.self)
        try fs.write(Data((text + "{{#gongshi}}{{#outcome}}{{#republished}}<i>重新公示：{{title}}</i>{{/republished}}{{/outcome}}{{/gongshi}}\n").utf8), to: item)
        func put(_ name: String, _ text: String) throws { try fs.write(Data(text.utf8), to: Self.content + "/notices/dongcun/2026/" + name) }
        func again(_ title: String) -> String {
            """
            ---
            title: \(title)
            category: 村务
            date: 2026-06-20
            signoff:
              - { role: 村务监督委员会主任, name: 乙某, date: 2026-06-19 }
            gongshi: { start: 2026-06-20, days: 7 }
            ---
            调整后的名单重新公示。

            """
        }
        try put("first.md", """
            ---
            title: 低保名单公示
            category: 村务
            date: 2026-03-02
            signoff:
              - { role: 村务监督委员会主任, name: 乙某, date: 2026-03-01 }
            gongshi:
              start: 2026-03-02
              days: 7
              outcome: { result: 有异议, date: 2026-03-12, republished: again.md }
            ---
            拟纳入低保的对象。

            """)
        try put("again.md", again("低保名单重新公示"))
        let session = BuildSession(Self.options(fs))
        #expect(!session.rebuild(changed: []).hasErrors)
        #expect(!Builder.build(Self.options(fs), record: false).hasErrors)
        try put("again.md", again("低保名单第二次公示"))
        let r = session.rebuild(changed: [Self.content + "/notices/dongcun/2026/again.md"])
        #expect(!r.hasErrors)
        let clean = Self.clean(fs).files
        var kept: [String: Data] = [:]
        for p in session.paths { kept[p] = session.file(p) }
        #expect(Self.differences(kept, clean) == [])
        #expect(String(decoding: kept["dongcun/cunwu/2026.html"] ?? Data(), as: UTF8.self).contains("重新公示：低保名单第二次公示"))
        #expect(!Builder.build(Self.options(fs), record: false).hasErrors)
        var site: [String: Data] = [:]
        for rel in fs.files(under: Self.output) { site[rel] = fs.read(Self.output + "/" + rel) }
        #expect(Self.differences(site, clean) == [])
    }

    /// A template edited while `serve` runs: the pages drawn with it change (their views do not).
    @Test func aTemplateEditedInALongRunningProcessRedrawsItsPages() throws {
        let fs = Self.site(extra: 3)
        let session = BuildSession(Self.options(fs))
        #expect(!session.rebuild(changed: []).hasErrors)
        let t = Self.templates + "/notice.mustache"
        let text = String(decoding: fs.read(t)!, as: UTF8.self)
        try fs.write(Data(text.replacingOccurrences(of: "<article class=\"notice\">", with: "<article class=\"notice\" data-edited=\"1\">").utf8), to: t)
        let r = session.rebuild(changed: [t])
        #expect(!r.hasErrors)
        let page = String(decoding: session.file("dongcun/notice/c1.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("data-edited=\"1\""))
        var kept: [String: Data] = [:]
        for p in session.paths { kept[p] = session.file(p) }
        #expect(Self.differences(kept, Self.clean(fs).files) == [])
    }

    /// From the CLI too (its cache keeps a summary of the last build): after one body edit, only
    /// the views the edit can reach are built, and the site is that of a clean build.
    @Test func cliBuildAfterOneEditBuildsOnlyTheViewsItReaches() throws {
        let fs = Self.site(extra: 30)
        let first = Builder.build(Self.options(fs), record: false)
        #expect(first.viewsBuilt > 60)
        let p = Self.content + "/" + Self.noticePath(4)
        try fs.write(Data(Self.notice(4, body: "只改了正文。").utf8), to: p)
        let r = Builder.build(Self.options(fs), record: false)
        #expect(!r.hasErrors && r.wroteSite)
        // Its page, its neighbours', the list page and the year page that show it, its list's
        // archive, the sheet of its period, its board (and with it the board's decision record and
        // the two notices that record names), the home and status pages: 19 of 88 here (31 when
        // every list page, year and sheet of its list was built).
        #expect(r.viewsBuilt > 0 && r.viewsBuilt <= 19, "views built: \(r.viewsBuilt) of \(first.viewsBuilt)")
        #expect(r.pagesRendered.contains("dongcun/notice/c4.html"))
        // Besides pages: its data files and its neighbours' (their keys are marked with it), the
        // four feeds that show it, and the search index (the CLI keeps no index between runs);
        // not the other notices' data files, the other feeds or the sitemap.
        #expect(r.madeAgain.filter { !$0.hasPrefix("search-") }
                == ["feed:category/cunwu.xml", "feed:dongcun/cunwu/feed.xml", "feed:dongcun/feed.xml", "feed:feed.xml",
                    "files:dongcun/c13", "files:dongcun/c20", "files:dongcun/c4"], "\(r.madeAgain)")
        var site: [String: Data] = [:]
        for rel in fs.files(under: Self.output) { site[rel] = fs.read(Self.output + "/" + rel) }
        #expect(Self.differences(site, Self.clean(fs).files) == [])
    }

    @Test func buildIsUpToDateUntilSomethingChanges() throws {
        let fs = Self.site(extra: 2)
        let first = Builder.build(Self.options(fs), record: true)
        #expect(first.wroteSite && !first.upToDate)
        let second = Builder.build(Self.options(fs), record: true)
        #expect(second.upToDate && !second.wroteSite)
        #expect(second.published == first.published && second.diagnostics == first.diagnostics)
        // Another date, an edit, or a file of the site changed by hand: built again.
        #expect(!Builder.build(Self.options(fs, today: Day(year: 2026, month: 12, day: 1)!), record: true).upToDate)
        #expect(Builder.build(Self.options(fs), record: true).pagesRendered.count > 0)  // back to the 30th: every date line changed
        try fs.write(Data("hand edit".utf8), to: Self.output + "/index.html")
        let repaired = Builder.build(Self.options(fs), record: true)
        #expect(!repaired.upToDate && repaired.pagesRendered.contains("index.html"))
        #expect(fs.read(Self.output + "/index.html") != Data("hand edit".utf8))
        // An edit, on a site never published (a published notice changed without a correction is an error).
        let preview = Self.site(extra: 2)
        #expect(Builder.build(Self.options(preview), record: false).wroteSite)
        #expect(Builder.build(Self.options(preview), record: false).upToDate)
        let p = Self.content + "/" + Self.noticePath(1)
        try preview.write(Data(Self.notice(1, body: "新正文。").utf8), to: p)
        let edited = Builder.build(Self.options(preview), record: false)
        #expect(!edited.hasErrors)
        #expect(!edited.upToDate && edited.pagesRendered.contains("dongcun/notice/c1.html"))
        #expect(!edited.pagesRendered.contains("dongcun/notice/c2.html"))
    }
}

/// The in-process figures of the benchmark (not a timed test: it asserts nothing about time and
/// runs only when GONGKAI_SESSION_BENCH names a township made by bench/gen.py, e.g.
/// `GONGKAI_SESSION_BENCH=/tmp/gongkai-bench/n10000 swift test -c release --filter SessionBenchmark`).
@Suite struct SessionBenchmark {
    static let dir = ProcessInfo.processInfo.environment["GONGKAI_SESSION_BENCH"]

    @Test(.enabled(if: dir != nil)) func oneEditInALongRunningProcess() throws {
        let dir = try #require(Self.dir)
        let target = dir + "/Content/" + String(decoding: DiskFileSystem().read(dir + "/edit-target")!, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let original = try #require(DiskFileSystem().read(target))
        defer { try? DiskFileSystem().write(original, to: target) }
        var options = BuildOptions(content: ContentLocation(root: dir + "/Content", display: "Content"),
                                   templates: [(TestSupport.repoRoot.appendingPathComponent("Templates").path, "Templates")],
                                   output: dir + "/Site-session", today: Day(year: 2026, month: 11, day: 30)!)
        // When each stage finished (load includes validate; the rest of a rebuild is rendering).
        final class Marks: @unchecked Sendable {
            let lock = NSLock()
            var marks: [(BuildProgress.Stage, UInt64)] = []
            func add(_ s: BuildProgress.Stage) { lock.lock(); marks.append((s, DispatchTime.now().uptimeNanoseconds)); lock.unlock() }
        }
        let marks = Marks()
        options.progress = { p in if p.finished { marks.add(p.stage) } }
        let session = BuildSession(options)
        func timed(_ changed: [String]) -> (Double, BuildReport) {
            marks.marks = []
            let start = DispatchTime.now().uptimeNanoseconds
            let r = session.rebuild(changed: changed)
            let end = DispatchTime.now().uptimeNanoseconds
            var last = start
            var parts: [String] = []
            for (stage, t) in marks.marks + [(.write, end)] {
                parts.append("\(stage) \(String(format: "%.3f", Double(t - last) / 1e9))")
                last = t
            }
            print("  stages: " + parts.joined(separator: ", ") + " (write: rendering)")
            return (Double(end - start) / 1e9, r)
        }
        let (first, r0) = timed([])
        #expect(!r0.hasErrors)
        let (noop, _) = timed([])
        // For a profiler: more no-op rebuilds (GONGKAI_SESSION_BENCH_REPEAT=N).
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["GONGKAI_SESSION_BENCH_REPEAT"] ?? "") ?? 0) { _ = timed([]) }
        // The bench's edit: a sentence added to the body, with its correction record.
        var lines = String(decoding: original, as: UTF8.self).components(separatedBy: "\n")
        let close = try #require(lines.indices.filter { lines[$0] == "---" }.dropFirst().first)
        lines.insert(contentsOf: ["corrections:", "  - { date: 2026-11-30, what: 正文末尾补充一段说明, why: 原稿漏写 }"], at: close)
        try DiskFileSystem().write(Data((lines.joined(separator: "\n") + "\n补充说明：经村务监督委员会核对，对以上情况作补充说明。\n").utf8), to: target)
        let (edit, r1) = timed([target])
        #expect(!r1.hasErrors)
        // For a profiler: more edits of the same notice (GONGKAI_SESSION_BENCH_EDITS=N), each a different text.
        var more: [Double] = []
        for i in 0..<(Int(ProcessInfo.processInfo.environment["GONGKAI_SESSION_BENCH_EDITS"] ?? "") ?? 0) {
            try DiskFileSystem().write(Data((lines.joined(separator: "\n") + "\n补充说明：经村务监督委员会核对，第\(i + 2)次补充。\n").utf8), to: target)
            let (t, r) = timed([target])
            #expect(!r.hasErrors)
            more.append(t)
        }
        if !more.isEmpty { print("more edits: median \(more.sorted()[more.count / 2]) s of \(more.count)") }
        // A save that breaks the notice's front matter, then the one that mends it (a clerk mid-edit).
        try DiskFileSystem().write(Data("---\ntitle: [写到一半\n---\n".utf8), to: target)
        let (broken, rb) = timed([target])
        #expect(rb.hasErrors)
        try DiskFileSystem().write(Data((lines.joined(separator: "\n") + "\n补充说明：经村务监督委员会核对，对以上情况作补充说明。\n").utf8), to: target)
        let (mended, rm) = timed([target])
        #expect(!rm.hasErrors)
        print("broken save \(broken) s, mended \(mended) s (\(session.noticesParsed) notices parsed)")
        // A notice added beside it, then removed.
        let added = (target as NSString).deletingLastPathComponent + "/bench-added.md"
        defer { DiskFileSystem().remove(added) }
        let addedText = Data("""
            ---
            title: 新增的一篇村务公开
            category: 村务
            date: 2026-11-29
            signoff:
              - { role: 村务监督委员会主任, name: 某某, date: 2026-11-29 }
            ---
            新增的公开正文。

            """.utf8)
        try DiskFileSystem().write(addedText, to: added)
        let (add, ra) = timed([added])
        #expect(!ra.hasErrors)
        let addedParsed = session.noticesParsed
        DiskFileSystem().remove(added)
        let (remove, rr) = timed([added])
        #expect(!rr.hasErrors)
        print("one notice added \(add) s (\(addedParsed) parsed, \(ra.pagesRendered.count) pages rendered), removed \(remove) s")
        // For a profiler: more of them (GONGKAI_SESSION_BENCH_ADDS=N).
        var adds: [Double] = []
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["GONGKAI_SESSION_BENCH_ADDS"] ?? "") ?? 0) {
            try DiskFileSystem().write(addedText, to: added)
            adds.append(timed([added]).0)
            DiskFileSystem().remove(added)
            adds.append(timed([added]).0)
        }
        if !adds.isEmpty { print("more adds and removals: median \(adds.sorted()[adds.count / 2]) s of \(adds.count)") }
        print("session at \(r0.published) notices: first build \(first) s, no-op \(noop) s, one edit \(edit) s "
              + "(\(session.noticesParsed) notice parsed, \(r1.pagesRendered.count) of \(session.paths.count) files rendered)")
    }
}
