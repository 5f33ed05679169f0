import Foundation
import Testing
@testable import GongkaiCore

/// The file `gongkai build` keeps bodies and texts in between loading and rendering.
@Suite struct BodyStoreTests {
    /// Every record comes back as it went in: no parts, html only, tables (a class or none, empty
    /// rows), characters outside the BMP, long texts, and records written from many threads.
    @Test func recordsComeBackAsTheyWentIn() throws {
        let table = TableView(cards: true, header: [.init(html: "<strong>项目</strong>", cls: nil, label: "项目"),
                                                    .init(html: "金额", cls: "num", label: "金额")],
                              rows: [.init(cells: [.init(html: "修路", cls: nil, label: "项目"), .init(html: "1,000.00", cls: "num", label: "金额")]),
                                     .init(cells: [])])
        let cases: [(BodyHTML, String)] = [
            (BodyHTML(), ""),
            (BodyHTML(parts: [.html("<p>村务公开</p>\n")]), "村务公开"),
            (BodyHTML(parts: [.table(TableView(cards: false, header: [], rows: []))]), ""),
            (BodyHTML(parts: [.html("<p>前</p>"), .table(table), .html(String(repeating: "长文本𠀀，", count: 5_000))]),
             String(repeating: "文字 / 12 ", count: 3_000)),
        ]
        let store = try #require(BodyStore())
        let refs = ParallelResults<BodyStore.Ref?>(count: cases.count * 50)
        DispatchQueue.concurrentPerform(iterations: cases.count * 50) { i in
            let (b, t) = cases[i % cases.count]
            refs.set(i, store.put(body: b, text: t))
        }
        for (i, ref) in refs.values.enumerated() {
            let ref = try #require(ref)
            #expect(ref.body == cases[i % cases.count].0)
            #expect(ref.text == cases[i % cases.count].1)
        }
    }

    /// The store's file is made beside the site and unlinked at once: nothing is left there, not
    /// even while the store is in use; a folder that cannot hold it falls back to TMPDIR.
    @Test func theFileLeavesNothingBehind() throws {
        let dir = TestSupport.tempDir("bodies")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try #require(BodyStore(in: dir.path))
        let ref = try #require(store.put(body: BodyHTML(parts: [.html("<p>正文</p>")]), text: "正文"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(ref.text == "正文")
        let elsewhere = try #require(BodyStore(in: dir.appendingPathComponent("not-there").path))
        #expect(elsewhere.put(body: BodyHTML(), text: "x")?.text == "x")
    }

    /// A load with a store keeps every notice's body and text there, and they read back the same
    /// as a load that keeps them in memory; a notice changed afterwards gets them back.
    @Test func aLoadKeepsBodiesInTheStoreUnchanged() throws {
        let loc = ContentLocation(root: TestSupport.repoRoot.appendingPathComponent("Content").path, display: "Content")
        let today = Day(year: 2026, month: 11, day: 30)!
        let store = try #require(BodyStore())
        let kept = try #require(Loader.load(loc, today: today, bodies: store, into: Diagnostics()))
        let plain = try #require(Loader.load(loc, today: today, into: Diagnostics()))
        #expect(kept.notices.count == plain.notices.count && kept.notices.count > 100)
        #expect(kept.notices.allSatisfy { $0.bodyIsStored })
        #expect(!plain.notices.contains { $0.bodyIsStored })
        for (a, b) in zip(kept.notices, plain.notices) {
            #expect(a.id == b.id)
            #expect(a.bodyHTML == b.bodyHTML, "\(a.id)")
            #expect(a.text == b.text, "\(a.id)")
        }
        var changed = try #require(kept.notices.first { !$0.text.isEmpty })
        let text = changed.text
        changed.title += "（改）"
        #expect(changed.bodyIsStored)
        changed.text += "补充。"
        #expect(!changed.bodyIsStored)
        #expect(changed.text == text + "补充。")
        #expect(changed.bodyHTML == plain.notices.first { $0.id == changed.id }?.bodyHTML)
    }
}

/// A build without a cache lets each notice's text go after parsing and reads it again for the
/// body (`PendingBody.light` / `full`).
@Suite struct LightPendingBodyTests {
    @Test func theTextReadAgainIsTheParsedOneAndAChangedFileIsRefused() throws {
        let dir = TestSupport.tempDir("light")
        defer { try? FileManager.default.removeItem(at: dir) }
        let loc = ContentLocation(root: dir.path, display: "Content")
        let text = "---\ntitle: 通知\ndate: 2026-11-01\n---\n正文第一段。\r\n\r\n第二段。\n"
        TestSupport.write(text, to: dir.appendingPathComponent("a.md"))
        let src = try #require(Loader.readText(loc, "a.md", Diagnostics(), required: true))
        let (_, body, closing) = try #require(NoticeParser.splitFrontMatter(src.text))
        let pending = NoticeParser.PendingBody(source: src, relativePath: "a.md", body: body, lineOffset: closing, hasSummary: false)
        let light = pending.light
        #expect(light.parsedText != nil && light.body.isEmpty && light.source.text.isEmpty)
        let full = try #require(light.full(loc))
        #expect(full.body == pending.body && full.source.text == src.text && full.lineOffset == closing && full.parsedText == nil)
        // Only the body changed while the build ran (a number typed in that no check has seen).
        TestSupport.write(text.replacingOccurrences(of: "第二段。", with: "身份证 110101199003071234。"), to: dir.appendingPathComponent("a.md"))
        #expect(light.full(loc) == nil)
        // The same text again (saved unchanged): read as before.
        TestSupport.write(text, to: dir.appendingPathComponent("a.md"))
        #expect(light.full(loc)?.body == pending.body)
        // The front matter grew by a line while the build ran: the body's lines would be wrong.
        TestSupport.write(text.replacingOccurrences(of: "date:", with: "summary: 摘要\ndate:"), to: dir.appendingPathComponent("a.md"))
        #expect(light.full(loc) == nil)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("a.md"))
        #expect(light.full(loc) == nil)
    }
}

/// A file system whose second read of `path` gives `second` (a clerk saving while a build runs).
private final class SavedDuringTheBuild: FileSystem, @unchecked Sendable {
    let base: MemoryFileSystem
    let path: String
    let second: Data
    private var reads = 0
    private let lock = NSLock()
    init(_ base: MemoryFileSystem, path: String, second: Data) { (self.base, self.path, self.second) = (base, path, second) }
    func read(_ p: String) -> Data? {
        guard p == path else { return base.read(p) }
        lock.lock()
        reads += 1
        let n = reads
        lock.unlock()
        return n >= 2 ? second : base.read(p)
    }
    func stat(_ p: String, followingLinks: Bool) -> FileStat? { base.stat(p, followingLinks: followingLinks) }
    func files(under dir: String) -> [String] { base.files(under: dir) }
    func entries(of dir: String) -> [String] { base.entries(of: dir) }
    func realPath(_ p: String) -> String { base.realPath(p) }
    func write(_ data: Data, to p: String) throws { try base.write(data, to: p) }
    func makeDirectory(_ p: String) throws { try base.makeDirectory(p) }
    func rename(_ from: String, to: String) throws { try base.rename(from, to: to) }
    func exchange(_ a: String, _ b: String) throws { try base.exchange(a, b) }
    func link(_ existing: String, _ new: String) -> Bool { base.link(existing, new) }
    func remove(_ p: String) { base.remove(p) }
}

extension LightPendingBodyTests {
    /// The whole load: a notice whose body is saved with a new number between its parse and its
    /// body's read is an error at the file (so the build publishes nothing); read twice unchanged,
    /// it loads without one.
    @Test func aNoticeSavedDuringTheLoadIsAnError() throws {
        let fs = IncrementalTests.site(extra: 2)
        let path = IncrementalTests.content + "/" + IncrementalTests.noticePath(1)
        let today = Day(year: 2026, month: 11, day: 30)!
        func load(_ files: any FileSystem) -> [Diagnostic] {
            let d = Diagnostics()
            _ = Loader.load(ContentLocation(root: IncrementalTests.content, display: "Content", fs: files), today: today, into: d)
            return d.all.filter { $0.severity == .error }
        }
        #expect(load(SavedDuringTheBuild(fs, path: path, second: fs.read(path)!)).isEmpty)
        let changed = Data(IncrementalTests.notice(1, body: "第1号的正文。身份证 110101199003071234。").utf8)
        let errors = load(SavedDuringTheBuild(fs, path: path, second: changed))
        #expect(errors.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
                == ["Content/\(IncrementalTests.noticePath(1)):1:1: 文件在生成网站的过程中被改动或删除了"])
    }
}
