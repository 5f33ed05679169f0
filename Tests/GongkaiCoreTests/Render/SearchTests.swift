import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import GongkaiCore

/// The search index (Render/Search.swift) and the page's script (Templates/assets/search.js),
/// run with `node` on the same strings and files; the page itself in headless Chromium.
enum SearchSupport {
    static let script = TestSupport.repoRoot.appendingPathComponent("Templates/assets/search.js").path

    /// Runs the page's script under node: tokens of `texts` (as index text), query tokens of
    /// `queries`, and with `site` (a written site folder) every query ranked over its index files.
    static let driver = """
    const fs = require('fs'), path = require('path'), vm = require('vm');
    const s = require(process.argv[2]);
    const input = JSON.parse(fs.readFileSync(0, 'utf8'));
    const out = {};
    out.tokens = (input.texts || []).map(t => s.tokens(t, true));
    out.hashes = (input.texts || []).map(t => s.tokens(t, true).map(s.hash));
    out.queryTokens = (input.queries || []).map(q => s.queryTokens(q));
    if (input.site) {
      const shards = {}, docs = {};
      global.gongkaiSearch = { shard: (n, d) => { shards[n] = d; }, doc: (i, d) => { docs[i] = d; } };
      for (const sub of ['s', 'd']) {
        const dir = path.join(input.site, 'search', sub);
        for (const f of fs.readdirSync(dir)) vm.runInThisContext(fs.readFileSync(path.join(dir, f), 'utf8'));
      }
      const n = Object.keys(shards).length;
      out.shardCount = n;
      out.misplaced = [];
      for (const k in shards) for (const t in shards[k]) if (s.hash(t) % n !== Number(k)) out.misplaced.push(t);
      out.results = (input.queries || []).map(q => {
        const toks = s.queryTokens(q), post = {}, need = new Set();
        toks.forEach(t => { const k = s.hash(t) % n; need.add(k); post[t] = shards[k][t]; });
        return { shards: [...need].sort((a, b) => a - b), titles: s.rank(toks, post).map(h => docs[h.id].t) };
      });
    }
    process.stdout.write(JSON.stringify(out));
    """

    static func node(_ input: [String: Any]) throws -> [String: Any] {
        let dir = TestSupport.tempDir("node")
        defer { try? FileManager.default.removeItem(at: dir) }
        let driverPath = dir.appendingPathComponent("driver.js")
        try Data(driver.utf8).write(to: driverPath)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["node", driverPath.path, script]
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        let err = PipeReader(errPipe.fileHandleForReading)
        inPipe.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try inPipe.fileHandleForWriting.close()
        let data = outPipe.fileHandleForReading.readDataToEndOfFile()
        let e = err.wait()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NodeFailed(message: String(decoding: e, as: UTF8.self))
        }
        return json
    }

    struct NodeFailed: Error { var message: String }

    static let today = Day(parsing: "2026-11-22")!

    static func notice(_ slug: String, title: String, text: String, number: String? = nil, date: String = "2026-06-01",
                       board: String = "a") -> Notice {
        var n = Sample.notice(slug, board: board, date: date)
        n.title = title
        n.text = text
        n.number = number
        n.bodyHTML = BodyHTML(parts: [.html("<p>\(HTML.escape(text))</p>\n")])
        return n
    }

    /// The site rendered and written to a folder.
    static func written(_ notices: [Notice], to dir: URL) throws {
        let r = ResolvedSite(model: Sample.model(notices), today: today)
        try SiteWriter.write(to: dir.path) { emit in try Renderer.render(r, theme: Sample.theme, sink: emit) }
    }

    /// Every file of the index, as text.
    static func indexFiles(_ files: [OutputFile]) -> [String: String] {
        var out: [String: String] = [:]
        for f in files where f.path.hasPrefix("search/") {
            if case let .bytes(d) = f.content { out[f.path] = String(decoding: d, as: UTF8.self) }
        }
        return out
    }

    /// The ranking fixture: a title hit, body hits three times and once, the two characters
    /// apart, two notices that hold a word alike (the newer first), and enough other notices for
    /// several shards.
    static var rankingSite: [Notice] {
        [notice("title-hit", title: "关于村道修路的通知", text: "今年冬季动工。", date: "2026-01-05"),
         notice("body-three", title: "村务公开三则", text: "修路一段；修路二段；修路三段。", date: "2026-03-01"),
         notice("body-once", title: "村委会工作简报", text: "十月份开始修路。", date: "2026-05-01"),
         notice("apart", title: "维修水渠", text: "修好水渠，再铺路面。", date: "2026-07-01"),
         notice("ditch-older", title: "清理水渠", text: "清理好水渠，再种树。", date: "2025-12-01"),
         notice("wenhao", title: "低保名单公示", text: "名单见下表。", number: "青禾村务〔2026〕3号", date: "2026-08-01")]
        + (1...40).map { notice("filler-\($0)", title: "其他事项\($0)", text: "第\($0)项内容，与本次查询无关。", date: "2025-02-\(String(format: "%02d", $0 % 28 + 1))") }
    }
}

@Suite struct SearchTokenizerTests {
    static let samples = [
        "青禾村务〔2026〕3号", "关于石桥屯至上寨屯道路硬化的公告", "２０２６年ＡＢＣ", "PDF 文件 Excel", "低保、特困：46户97人。",
        "4521**********1234", "138****1234", "村", "，村，", "〇一二", "𠀀𠀁字", "﨑山", "面积12㎡", "e\u{301}te", "tab\there\nnew",
        "", "   ", "🙂笑", "ⅣⅫ号", "A1b2-C3", "壮族Bouxcuengh",
    ]

    @Test func swiftAndScriptGiveTheSameTokensAndHashes() throws {
        let out = try SearchSupport.node(["texts": Self.samples])
        let js = out["tokens"] as? [[String]] ?? []
        let hashes = out["hashes"] as? [[NSNumber]] ?? []
        #expect(js.count == Self.samples.count)
        for (i, s) in Self.samples.enumerated() where i < js.count {
            let swift = SearchTokenizer.tokens(s)
            #expect(swift == js[i], "\(s)")
            #expect(swift.map { UInt64(SearchTokenizer.hash($0)) } == hashes[i].map(\.uint64Value), "\(s)")
        }
    }

    /// Every scalar the tokenizer takes without asking Foundation for its NFKC gives the tokens
    /// the NFKC of it gives, between words and alone.
    @Test func fastScalarsTokenizeAsNFKC() {
        func viaNFKC(_ text: String) -> [SearchTokenizer.Code] {
            var out: [SearchTokenizer.Code] = []
            var previous: Unicode.Scalar?
            for c in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
                let c = (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c
                if SearchTokenizer.isWord(c) {
                    out.append(SearchTokenizer.code(previous, c))
                    previous = c
                } else if let p = previous {
                    out.append(SearchTokenizer.code(p, nil))
                    previous = nil
                }
            }
            if let p = previous { out.append(SearchTokenizer.code(p, nil)) }
            return out
        }
        let fast = [0x3000...0x303F, 0x2010...0x205E, 0xFF01...0xFF5E, 0x4E00...0x4E20, 0x3400...0x3410]
        for range in fast {
            for v in range {
                let s = String(Unicode.Scalar(UInt32(v))!)
                for text in [s, "村" + s + "务", "a" + s + s + "1"] {
                    var codes: [SearchTokenizer.Code] = []
                    SearchTokenizer.codes(text) { codes.append($0) }
                    #expect(codes == viaNFKC(text), "U+\(String(v, radix: 16, uppercase: true)) in \(text)")
                }
            }
        }
    }

    @Test func pairsAndRunEnds() {
        #expect(SearchTokenizer.tokens("村务〔2026〕3号") == ["_村", "村务", "务_", "_2", "20", "02", "26", "6_", "_3", "3号", "号_"])
        #expect(SearchTokenizer.tokens("ＡＢ，c") == ["_a", "ab", "b_", "_c", "c_"])
        #expect(SearchTokenizer.tokens("，。 ").isEmpty)
    }

    /// Every piece of a 文号 a villager might type finds it; a query's own ends are not boundaries.
    @Test func queryTokensOfWenhaoPiecesAreInTheIndex() throws {
        let pieces = ["2026", "026", "3号", "村务", "青禾", "〔2026〕3号", "〕3", "村务〔2026", "禾村务", "2026 3号"]
        let out = try SearchSupport.node(["queries": pieces + ["4 赵", "村", "3", "，"]])
        let queries = out["queryTokens"] as? [[String]] ?? []
        let index = Set(SearchTokenizer.tokens("青禾村务〔2026〕3号"))
        for (i, q) in pieces.enumerated() {
            #expect(!queries[i].isEmpty, "\(q)")
            #expect(Set(queries[i]).isSubset(of: index), "\(q): \(queries[i])")
        }
        // Words of one character each: the query as written, its space a boundary.
        #expect(queries[pieces.count] == ["4_", "_赵"])
        #expect(Set(queries[pieces.count]).isSubset(of: Set(SearchTokenizer.tokens("第4 赵家"))))
        // One character alone is not a query: the page asks for two.
        #expect(queries.suffix(3).allSatisfy { $0.isEmpty })
        #expect(out["queryTokens"].map { ($0 as? [[String]])?[0] } == ["20", "02", "26"])
    }
}

@Suite struct SearchIndexTests {
    /// Only published, public, standing notices are in the index: not 党内, drafts, scheduled,
    /// unsigned or withdrawn ones.
    @Test func indexHoldsOnlyPublishedPublicNotices() {
        var party = SearchSupport.notice("party", title: "党内通报甲", text: "只给党员看的内容甲")
        party.process.partyOnly = true
        var draft = SearchSupport.notice("draft", title: "草稿乙", text: "草稿内容乙")
        draft.draft = true
        let future = SearchSupport.notice("future", title: "将来丙", text: "还没到日期丙", date: "2026-12-01")
        var unsigned = SearchSupport.notice("unsigned", title: "缺签字丁", text: "没有审核签字丁")
        unsigned.signoff = []
        var withdrawn = SearchSupport.notice("withdrawn", title: "撤回戊", text: "已经撤回的戊")
        withdrawn.process.withdrawn = NoticeProcess.Withdrawal(date: SearchSupport.today, reason: "写错了")
        let shown = SearchSupport.notice("shown", title: "公开己", text: "公开的内容己，身份证号4521**********1234")
        let r = ResolvedSite(model: Sample.model([party, draft, future, unsigned, withdrawn, shown]), today: SearchSupport.today)
        let files = SearchSupport.indexFiles(Renderer.render(r, theme: Sample.theme))
        let all = files.values.joined()
        for word in ["党内", "只给", "草稿", "将来", "还没", "缺签", "审核签字", "撤回", "写错"] {
            #expect(!all.contains(word), "\(word)")
        }
        #expect(all.contains("公开的内容己，身份证号4521**********1234"))
        #expect(files.keys.filter { $0.hasPrefix("search/d/") } == ["search/d/0.js"])
        #expect(SearchIndex(r).docs.map(\.title) == ["公开己"])
    }

    /// The sample township: the 党内 notice is not in the index, and no file of it holds a full
    /// personal number (rosters are there as the page shows them, masked).
    @Test func sampleSiteIndexHasNoPartyNoticeAndNoPersonalNumber() {
        let content = ContentLocation(root: TestSupport.repoRoot.appendingPathComponent("Content").path, display: "Content")
        let o = BuildOptions(content: content, templates: [(Theme.defaultDirectory, "Templates")], output: "/nonexistent", today: Day(parsing: "2026-11-30")!)
        let diagnostics = Diagnostics()
        let prepared = Builder.prepare(o, into: diagnostics)
        #expect(!diagnostics.hasErrors)
        guard let resolved = prepared?.resolved, let theme = prepared?.theme else { Issue.record("the sample site did not load"); return }
        let files = SearchSupport.indexFiles(Renderer.render(resolved, theme: theme))
        #expect(files.count > 100)
        let party = resolved.model.notices.filter(\.process.partyOnly)
        #expect(!party.isEmpty)
        let all = files.values.joined(separator: "\n")
        for n in party { #expect(!all.contains(n.title), "\(n.title)") }
        for (path, text) in files { #expect(PersonalData.scan(text, allowed: resolved.site.publicNumbers).isEmpty, "\(path)") }
        #expect(all.contains("**********"))
        // Every published, standing notice is there once.
        #expect(files.keys.filter { $0.hasPrefix("search/d/") }.count == SearchIndex.notices(resolved).count)
    }

    @Test func shardCountGrowsWithTheSite() {
        #expect(SearchIndex.shardCount(documents: 0) == 1)
        #expect(SearchIndex.shardCount(documents: 8) == 1)
        #expect(SearchIndex.shardCount(documents: 9) == 2)
        #expect(SearchIndex.shardCount(documents: 206) == 32)
        #expect(SearchIndex.shardCount(documents: 10_000) == 2048)
        #expect(SearchIndex.shardCount(documents: 10_000_000) == 4096)
    }

    /// Each token is in the shard its hash names (checked by the script), a query loads only
    /// the shards of its own tokens, and the results are ranked: title first, then by count, then
    /// newest first.
    @Test func shardSelectionAndRanking() throws {
        let dir = TestSupport.tempDir("search")
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("Site")
        try SearchSupport.written(SearchSupport.rankingSite, to: site)
        let queries = ["修路", "2026 3号", "〕3号", "水渠", "修路三段", "没有这个词"]
        let out = try SearchSupport.node(["queries": queries, "site": site.path])
        let n = out["shardCount"] as? Int ?? 0
        #expect(n == SearchIndex.shardCount(documents: SearchSupport.rankingSite.count))
        #expect(n > 1)
        #expect((out["misplaced"] as? [String]) == [])
        let results = out["results"] as? [[String: Any]] ?? []
        #expect(results.count == queries.count)
        guard results.count == queries.count else { return }
        let queryTokens = out["queryTokens"] as? [[String]] ?? []
        for (i, r) in results.enumerated() {
            let want = Set(queryTokens[i].map { Int(SearchTokenizer.hash($0) % UInt32(n)) })
            #expect(Set(r["shards"] as? [Int] ?? [-1]) == want, "\(queries[i])")
            #expect((r["shards"] as? [Int] ?? []).count <= queryTokens[i].count)
        }
        func titles(_ i: Int) -> [String] { results[i]["titles"] as? [String] ?? [] }
        #expect(titles(0) == ["关于村道修路的通知", "村务公开三则", "村委会工作简报"])
        #expect(titles(1) == ["低保名单公示"])
        #expect(titles(2) == ["低保名单公示"])
        #expect(titles(3) == ["维修水渠", "清理水渠"])
        #expect(titles(4) == ["村务公开三则"])
        #expect(titles(5).isEmpty)
    }

    /// Packed postings give back every (doc id, weight) pair as they went in, and the gaps the
    /// index files write, for any pairs in doc order (gaps and weights of 1 to 4 bytes, 0 included).
    @Test func packedPostingsGiveBackWhatWentIn() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var pairs: [Int] = []
            var id = round % 3 == 0 ? 0 : Int.random(in: 0...5, using: &rng)
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                let big = Bool.random(using: &rng)
                pairs += [id, big ? Int.random(in: 0...300_000_000, using: &rng) : Int.random(in: 0...200, using: &rng)]
                id += big ? Int.random(in: 1...3_000_000, using: &rng) : Int.random(in: 1...130, using: &rng)
            }
            let packed = Postings(pairs: pairs)
            #expect(packed.pairs == pairs)
            #expect(packed.isEmpty == pairs.isEmpty)
            var previous = 0
            var gaps = pairs
            for i in stride(from: 0, to: gaps.count, by: 2) {
                gaps[i] = pairs[i] - previous
                previous = pairs[i]
            }
            #expect(packed.deltas == gaps)
            // Most gaps and weights of a real index are small: one byte each.
            if pairs.allSatisfy({ $0 < 128 }), pairs.count > 0 { #expect(packed.bytes.count == pairs.count) }
        }
    }

    @Test func indexBytesAreDeterministic() {
        let a = SearchSupport.indexFiles(Renderer.render(ResolvedSite(model: Sample.model(SearchSupport.rankingSite), today: SearchSupport.today), theme: Sample.theme))
        let b = SearchSupport.indexFiles(Renderer.render(ResolvedSite(model: Sample.model(SearchSupport.rankingSite.reversed()), today: SearchSupport.today), theme: Sample.theme))
        #expect(a == b)
        #expect(a["search/s/0.js"]?.hasPrefix("gongkaiSearch.shard(0,{") == true)
    }
}

/// The page in a real browser: headless Chromium loads search.html with the query in the
/// address, from file:// and from a local web server with the site in a sub-folder.
@Suite(.serialized) struct SearchBrowserTests {
    static func dumpDOM(_ url: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--dump-dom", url]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func results(_ dom: String) -> String {
        guard let r = dom.range(of: "<div id=\"search-results\"") else { return "" }
        return String(dom[r.lowerBound...].prefix(while: { $0 != "\u{0}" }))
    }

    @Test func findsANoticeFromFileURL() throws {
        let dir = TestSupport.tempDir("search-file")
        defer { try? FileManager.default.removeItem(at: dir) }
        let site = dir.appendingPathComponent("Site")
        try SearchSupport.written(SearchSupport.rankingSite, to: site)
        let dom = try Self.dumpDOM(site.appendingPathComponent("search.html").absoluteString + "?q=" + "修路".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        let found = Self.results(dom)
        #expect(found.contains("关于村道<mark>修路</mark>的通知"), "\(dom.suffix(2000))")
        #expect(found.contains("a/notice/title-hit.html"))
        #expect(found.contains("一段；<mark>修路</mark>二段"))
        #expect(!found.contains("维修水渠"))
        #expect(dom.contains("找到 3 条"))
        let wenhao = try Self.dumpDOM(site.appendingPathComponent("search.html").absoluteString + "?q=2026+3%E5%8F%B7")
        #expect(Self.results(wenhao).contains("文号：青禾村务〔<mark>2026</mark>〕<mark>3号</mark>"), "\(Self.results(wenhao))")
        let one = try Self.dumpDOM(site.appendingPathComponent("search.html").absoluteString + "?q=%E4%BF%AE")
        #expect(one.contains("请至少输入两个字"))
        // 「维修好」: both of its pairs are in 「维修水渠」 (维修 in the title, 修好 in the text), so the
        // index offers it, but the words are not written there: it is not listed.
        let apart = try Self.dumpDOM(site.appendingPathComponent("search.html").absoluteString + "?q=" + "维修好".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(!Self.results(apart).contains("维修水渠"), "\(Self.results(apart))")
        #expect(apart.contains("没有找到含有「维修好」的公开"))
    }

    @Test func findsANoticeFromAWebServerSubFolder() throws {
        let dir = TestSupport.tempDir("search-http")
        defer { try? FileManager.default.removeItem(at: dir) }
        try SearchSupport.written(SearchSupport.rankingSite, to: dir.appendingPathComponent("www/sanwu"))
        // A free port: bound by the system, released, then given to the server.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        close(fd)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        #expect(port > 0)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", dir.appendingPathComponent("www").path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: the server may have SIGTERM blocked, inherited from the test process.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        // Wait until the server accepts connections.
        for _ in 0..<100 {
            let c = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(c, $0, len) } } == 0
            close(c)
            if ok { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let dom = try Self.dumpDOM("http://127.0.0.1:\(port)/sanwu/search.html?q=%E4%BF%AE%E8%B7%AF")
        let found = Self.results(dom)
        #expect(found.contains("关于村道<mark>修路</mark>的通知"), "\(dom.suffix(2000))")
        #expect(found.contains("href=\"a/notice/title-hit.html\""))
    }
}
