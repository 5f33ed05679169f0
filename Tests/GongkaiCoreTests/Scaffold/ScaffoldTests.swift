import Foundation
import Testing
@testable import GongkaiCore

/// `gongkai init` / `gongkai new` (Scaffold) and the 【待填写】 placeholders that keep an
/// unfinished site from being published.
@Suite struct ScaffoldTests {
    static let today = Day(year: 2026, month: 11, day: 30)!

    /// A township made in a temp folder: every value given, or only the three required ones.
    static func township(full: Bool = true, villages: [String] = ["shiqiao=石桥村", "龙潭村"]) throws -> URL {
        let dir = TestSupport.tempDir("init")
        var t = NewTownship(name: "白云镇", county: "东山县", villages: villages)
        if full {
            t.contact = "0771-6000001"
            t.reportPhone = "0771-6000002"
            t.baseURL = "https://baiyun.example.cn/"
            t.icp = "桂ICP备12345678号"
        }
        _ = try Scaffold.createTownship(t, in: dir.path, today: today)
        return dir
    }

    static func check(_ dir: URL) -> BuildReport {
        Builder.check(BuildOptions(content: ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content"),
                                   templates: [(Theme.defaultDirectory, "默认主题")], output: dir.appendingPathComponent("Site").path,
                                   today: today))
    }

    static func errors(_ r: BuildReport) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }

    /// Replaces every mark in the files under `dir` as a clerk would: counts by numbers, the rest by text.
    static func fill(_ dir: URL) throws {
        let numbers = ["应到人数": "50", "实到人数": "45", "赞成人数": "40"]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let url as URL in e where ["md", "yaml"].contains(url.pathExtension) {
            var text = TestSupport.read(url)
            while let r = text.range(of: Placeholder.opening) {
                let end = text[r.upperBound...].firstIndex(of: "】")!
                let what = String(text[text.index(after: r.upperBound)..<end])
                text.replaceSubrange(r.lowerBound...end, with: numbers[what] ?? "已填写的内容")
            }
            TestSupport.write(text, to: url)
        }
    }

    @Test func aTownshipWithEveryValueGivenPassesCheckAtOnce() throws {
        let dir = try Self.township()
        let r = Self.check(dir)
        #expect(Self.errors(r).isEmpty, "\(r.diagnostics)")
        // The example notices are drafts: nothing of them is published.
        #expect(r.published == 0 && r.withheld.count == 3)
        let site = TestSupport.read(dir.appendingPathComponent("Content/site.yaml"))
        #expect(site.contains("contact: \"0771-6000001\"") && site.contains("icp: 桂ICP备12345678号") && !site.contains(Placeholder.opening))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Content/villages/shiqiao.yaml").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Content/villages/cun2.yaml").path))
        #expect(TestSupport.read(dir.appendingPathComponent(".gitignore")).contains("/Site/"))
        #expect(TestSupport.read(dir.appendingPathComponent(".gitignore")).contains("/.gongkai-cache/"))
    }

    @Test func missingValuesArePlaceholdersThatCheckReportsByLine() throws {
        let dir = try Self.township(full: false)
        let errors = Self.errors(Self.check(dir))
        #expect(errors.map { "\($0.file):\($0.line): \($0.message)" } == [
            "Content/site.yaml:6: 还没有填写：联系电话",
            "Content/site.yaml:7: 还没有填写：监督举报电话",
            "Content/site.yaml:8: 还没有填写：网站地址",
        ])
        // Nothing of the sample township (青禾镇) reaches a new site.
        let sample = TestSupport.read(TestSupport.repoRoot.appendingPathComponent("Content/site.yaml"))
        let written = TestSupport.read(dir.appendingPathComponent("Content/site.yaml"))
        for value in ["0771-5820001", "0771-5820012", "qinghe", "桂ICP备2025031801号-1", "45012302000318", "4501230018", "和平街"] {
            #expect(sample.contains(value) && !written.contains(value), "\(value)")
        }
    }

    @Test func aPlaceholderInAnyContentFileIsAnErrorAtItsColumn() {
        let src = SourceFile(displayPath: "Content/villages/a.yaml", text: "name: 甲村\nphone: 【待填写：村委会电话】 # x 【待填写】\n")
        let diags = collecting { Placeholder.check(src, $0) }.1
        #expect(diags.map { "\($0.line):\($0.column): \($0.message)" } == ["2:8: 还没有填写：村委会电话", "2:24: 还没有填写：这一项"])
        #expect(diags[0].hint?.contains("【待填写：村委会电话】") == true)
    }

    @Test func otherProblemsOnAMarkedLineAreLeftToTheMark() {
        let mark = Diagnostic(.error, file: "a.md", line: 6, column: 45, Placeholder.message + "应到人数")
        let sameLine = Diagnostic(.error, file: "a.md", line: 6, column: 5, "「审议」要写应到人数")
        let otherLine = Diagnostic(.error, file: "a.md", line: 7, column: 5, "「决议」要写应到人数")
        let otherFile = Diagnostic(.error, file: "b.md", line: 6, column: 5, "别的问题")
        #expect(Placeholder.explaining([sameLine, mark, otherLine, otherFile]).map(\.message)
                == [mark.message, otherLine.message, otherFile.message])
    }

    @Test func villagesAreNamedOrNumbered() throws {
        #expect(try Scaffold.village("石桥村", index: 3) == ("cun3", "石桥村"))
        #expect(try Scaffold.village(" shiqiao = 石桥村 ", index: 1) == ("shiqiao", "石桥村"))
        for bad in ["石桥=石桥村", "township=镇本级", "Shiqiao=石桥村", "shiqiao="] {
            #expect(throws: ScaffoldError.self) { try Scaffold.village(bad, index: 1) }
        }
        #expect(throws: ScaffoldError.self) { try Self.township(villages: ["a=石桥村", "a=龙潭村"]) }
        #expect(throws: ScaffoldError.self) { try Self.township(villages: []) }
    }

    @Test func initNeverWritesOverAnExistingSite() throws {
        let dir = try Self.township()
        #expect(throws: ScaffoldError.self) {
            try Scaffold.createTownship(NewTownship(name: "甲镇", county: "乙县", villages: ["丙村"]), in: dir.path, today: Self.today)
        }
        #expect(TestSupport.read(dir.appendingPathComponent("Content/site.yaml")).contains("白云镇"))
    }

    /// Every kind `new` writes fails check only on its marks, and passes once they are filled in.
    @Test(arguments: Scaffold.Kind.allCases)
    func whatNewWritesPassesCheckOnceFilledIn(kind: Scaffold.Kind) throws {
        let dir = try Self.township()
        let loc = ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content")
        var r = Scaffold.Request(kind: kind, board: "石桥村")
        r.category = kind == .notice || kind == .roster ? "村务" : nil
        let written = try Scaffold.new(r, content: loc, today: Self.today)
        #expect(!written.isEmpty)
        let before = Self.errors(Self.check(dir))
        #expect(!before.isEmpty)
        #expect(before.allSatisfy { $0.message.hasPrefix(Placeholder.message) }, "\(before.map(\.description))")
        try Self.fill(dir)
        let after = Self.check(dir)
        #expect(Self.errors(after).isEmpty, "\(after.diagnostics.map(\.description))")
        if kind != .decision { #expect(after.published == 1) }
        // It never writes over a file (a ledger: nor books a period again).
        if kind == .ledger { r.period = "2026年第三季度" }
        #expect(throws: ScaffoldError.self) { try Scaffold.new(r, content: loc, today: Self.today) }
    }

    @Test func aNewNoticeTakesTheBoardsNext文号() throws {
        let dir = try Self.township()
        let loc = ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content")
        func notice(_ slug: String, _ date: String, _ number: String, category: String = "村务") {
            TestSupport.write("---\ntitle: 旧公开\ncategory: \(category)\ndate: \(date)\nnumber: \(number)\ndraft: true\n---\n正文\n",
                              to: dir.appendingPathComponent("Content/notices/shiqiao/2026/\(slug).md"))
        }
        func next(_ slug: String, category: String = "村务") throws -> String {
            var r = Scaffold.Request(kind: .notice, board: "shiqiao")
            r.category = category
            r.slug = slug
            let text = TestSupport.read(dir.appendingPathComponent("Content/" + (try Scaffold.new(r, content: loc, today: Self.today))[0]))
            return text.split(separator: "\n").first { $0.hasPrefix("number:") || $0.hasPrefix("# number:") }.map(String.init) ?? ""
        }
        #expect(try next("a1").hasPrefix("# number:"))  // nothing to follow: left for the clerk
        notice("n1", "2026-03-01", "石村务公〔2026〕3号")
        notice("n2", "2026-05-01", "石村务公[2026]07号")
        notice("n3", "2026-06-01", "石村财公〔2026〕9号", category: "财务")
        #expect(try next("a2").hasPrefix("number: 石村务公〔2026〕8号"))
        #expect(try next("a3", category: "财务").hasPrefix("number: 石村财公〔2026〕10号"))
        notice("n4", "2025-12-01", "石村党公〔2025〕12号", category: "党务")
        #expect(try next("a4", category: "党务").hasPrefix("number: 石村党公〔2026〕1号"))
    }

    @Test func aNewLedgerFollowsThePreviousClosingBalance() throws {
        let dir = try Self.township()
        let loc = ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content")
        TestSupport.write("""
            period: 2026年第二季度
            opening: "1,000.00"
            closing: "1,250.50"
            entries:
              - { date: 2026-05-08, account: 补助收入, summary: 县拨运转经费, income: "250.50" }

            """, to: dir.appendingPathComponent("Content/notices/shiqiao/ledgers/2026-q2.yaml"))
        TestSupport.write("---\ntitle: 二季度财务\ncategory: 财务\ndate: 2026-07-10\nledger: ../ledgers/2026-q2.yaml\nsignoff:\n  - { role: 村务监督委员会主任, name: 某某 }\n---\n正文\n",
                          to: dir.appendingPathComponent("Content/notices/shiqiao/2026/2026-q2-caiwu.md"))
        #expect(Self.errors(Self.check(dir)).isEmpty)
        let written = try Scaffold.new(Scaffold.Request(kind: .ledger, board: "shiqiao"), content: loc, today: Self.today)
        #expect(written == ["notices/shiqiao/2026/2026-q3-caiwu.md", "notices/shiqiao/ledgers/2026-q3.yaml"])
        let ledger = TestSupport.read(dir.appendingPathComponent("Content/notices/shiqiao/ledgers/2026-q3.yaml"))
        #expect(ledger.hasPrefix("period: 2026年第三季度"))
        #expect(ledger.contains("opening: \"1,250.50\"") && ledger.contains("closing: \"1,250.50\""))
        try Self.fill(dir)
        #expect(Self.errors(Self.check(dir)).isEmpty)
        // A period that is not after the last one is refused.
        var again = Scaffold.Request(kind: .ledger, board: "shiqiao")
        again.period = "2026年第一季度"
        #expect(throws: ScaffoldError.self) { try Scaffold.new(again, content: loc, today: Self.today) }
    }

    @Test func newNamesWhatItCannotFind() throws {
        let dir = try Self.township()
        let loc = ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content")
        var r = Scaffold.Request(kind: .notice, board: "无此村")
        r.category = "村务"
        #expect { try Scaffold.new(r, content: loc, today: Self.today) } throws: { "\($0)".contains("shiqiao（石桥村）") }
        r.board = "township"
        #expect { try Scaffold.new(r, content: loc, today: Self.today) } throws: { "\($0)".contains("没有「村务」这个类别") }
        r.category = nil
        #expect { try Scaffold.new(r, content: loc, today: Self.today) } throws: { "\($0)".contains("缺少类别") }
    }

    /// The theme built into the binary is the repository's Templates/, file for file.
    @Test func theBuiltInThemeIsTheRepositorysTemplates() throws {
        let root = TestSupport.repoRoot.appendingPathComponent("Templates")
        var expected: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root.path)!
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue, !rel.hasPrefix(".") {
                expected[rel] = FileManager.default.contents(atPath: path)
            }
        }
        let files = DefaultTheme.files
        #expect(files.map(\.path) == files.map(\.path).sorted())
        #expect(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.data) }) == expected)
        #expect(DefaultTheme.holds(Theme.defaultDirectory, files))
    }

    /// The folder the theme is written to is checked byte for byte, and rewritten when changed.
    @Test func aChangedThemeFolderIsWrittenAgain() throws {
        let dir = TestSupport.tempDir("theme").appendingPathComponent("theme-x").path
        let files = DefaultTheme.files
        #expect(!DefaultTheme.holds(dir, files))
        #expect(DefaultTheme.write(dir, files))
        #expect(DefaultTheme.holds(dir, files))
        let css = (dir as NSString).appendingPathComponent("assets/style.css")
        try Data("body{}".utf8).write(to: URL(fileURLWithPath: css))
        #expect(!DefaultTheme.holds(dir, files))
        try Data().write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("extra.mustache")))
        #expect(DefaultTheme.write(dir, files))
        #expect(DefaultTheme.holds(dir, files))
        #expect(!FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("extra.mustache")))
    }
}
