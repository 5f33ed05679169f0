import Foundation
import Testing
@testable import GongkaiCore

/// Hostile and broken input: script in every field, escaping paths, odd encodings, huge and deep
/// files, and a seeded fuzzer. The build must never crash, and every rejection names a file and line.
@Suite(.serialized) struct HostileInputTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"
    static let payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
                           "javascript:alert(1)", "'><iframe src=javascript:alert(1)>", "{{site.name}}{{{body}}}"]

    @Test func scriptInEveryFieldStaysText() throws {
        let dir = T.copyFixture("minimal")
        let p = Self.payloads.joined(separator: " ").replacingOccurrences(of: "\"", with: "\\\"")
        let c = dir.appendingPathComponent("Content")
        T.write("name: \"西村\(p)\"\nintro: \"\(p)\"\ngroups: [\"\(p)\"]\ncommittee:\n  - { role: \"\(p)\", name: \"\(p)\" }\n"
                + "spokesperson: \"\(p)\"\nboard_location: \"\(p)\"\n", to: c.appendingPathComponent("villages/xicun.yaml"))
        T.write("period: 2026年第三季度\nopening: 0\nclosing: 1\nentries:\n  - { date: 2026-07-01, voucher: \"\(p)\", account: 其他收入, summary: \"\(p)\", income: 1, handler: \"\(p)\" }\n",
                to: c.appendingPathComponent("notices/xicun/ledger.yaml"))
        T.write("title: \"\(p)\"\nfields:\n  - { key: name, label: \"\(p)\" }\nrows:\n  - { name: \"\(p)\" }\n", to: c.appendingPathComponent("notices/xicun/roster.yaml"))
        T.write("as_of: 2025-12-31\nitems:\n  - { kind: 债权, party: \"\(p)\", amount: 1, note: \"\(p)\" }\n", to: c.appendingPathComponent("notices/xicun/debts.yaml"))
        T.write("x", to: c.appendingPathComponent("notices/xicun/files/<b>名单</b>.txt"))
        T.write("""
        ---
        title: "\(p)"
        category: 财务
        date: 2026-10-01
        number: "\(p)"
        tags: ["\(p)"]
        summary: "\(p)"
        signoff:
          - { role: 村务监督委员会主任, name: "\(p)", date: 2026-09-30 }
        gongshi: { start: 2026-11-20, days: 7, contact: "\(p)", outcome: { result: 无异议, note: "\(p)" } }
        ledger: ledger.yaml
        roster: roster.yaml
        debts: debts.yaml
        attachments:
          - { file: "files/<b>名单</b>.txt", title: "\(p)" }
        corrections:
          - { date: 2026-10-02, what: "\(p)", why: "\(p)" }
        ---
        \(Self.payloads.joined(separator: "\n\n"))

        <div onclick="alert(1)">x</div>

        ```csv
        a,b
        "\(p)",1
        ```
        """, to: c.appendingPathComponent("notices/xicun/x.md"))
        T.write("---\ntitle: \"\(p)\"\nsteps:\n  - { step: 提议, date: 2026-01-01, body: \"\(p)\" }\n  - { step: 商议, date: 2026-01-02, body: x }\n"
                + "  - { step: 审议, date: 2026-01-03, expected: 3, present: 3, for: 3, body: x }\n  - { step: 决议, date: 2026-01-04, expected: 3, present: 3, for: 3, body: x }\n---\n\(p)\n",
                to: c.appendingPathComponent("decisions/xicun/d.md"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        var pages = 0
        for (path, data) in T.snapshot(dir.appendingPathComponent("Site")) where [".html", ".xml"].contains(where: path.hasSuffix) {
            let text = T.withoutSearchScript(path, String(decoding: data, as: UTF8.self))
            pages += 1
            for bad in ["<script", "<img src=x", "<svg onload", "<iframe", "onclick=", "href=\"javascript:", "src=\"javascript:", "<b>名单"] {
                #expect(!text.contains(bad), "\(bad) in \(path)")
            }
        }
        #expect(pages > 30)
        // Mustache in content is not evaluated either.
        let page = T.read(dir.appendingPathComponent("Site/xicun/notice/x.html"))
        #expect(page.contains("{{site.name}}{{{body}}}"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func pathsCannotEscapeContent() throws {
        let dir = T.copyFixture("minimal")
        let outside = T.tempDir("outside")
        T.write("secret", to: outside.appendingPathComponent("secret.txt"))
        let n = dir.appendingPathComponent("Content/notices/dongcun")
        try FileManager.default.createSymbolicLink(at: n.appendingPathComponent("link.txt"), withDestinationURL: outside.appendingPathComponent("secret.txt"))
        T.write("---\ntitle: 路径\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n"
                + "attachments:\n  - { file: link.txt }\n  - { file: /etc/passwd }\nledger: ../../../../etc/passwd\n---\n![x](../../../../etc/passwd)\n",
                to: n.appendingPathComponent("p.md"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        let f = "Content/notices/dongcun/p.md"
        #expect(r.stderr.contains("\(f):7:7: 错误: 附件「link.txt」指向内容文件夹外面的文件"))
        #expect(r.stderr.contains("\(f):8:7: 错误: 附件路径「/etc/passwd」必须是相对路径"))
        #expect(r.stderr.contains("\(f):9:1: 错误: 收支账目文件「../../../../etc/passwd」跑到了内容文件夹外面"))
        #expect(r.stderr.contains("\(f):11:1: 错误: 链接「../../../../etc/passwd」指向内容文件夹外面"))
    }

    @Test func hugeDeepAndManyTags() throws {
        let dir = T.copyFixture("minimal")
        let n = dir.appendingPathComponent("Content/notices/dongcun")
        let big = String(repeating: "公开内容。\n", count: 3_500_000)   // ~50 MB
        T.write("---\ntitle: 大文件\ncategory: 村务\ndate: 2026-10-01\n---\n" + big, to: n.appendingPathComponent("big.md"))
        T.write("---\ntitle: 深\ncategory: 村务\ndate: 2026-10-01\ntags: " + String(repeating: "[", count: 20000) + String(repeating: "]", count: 20000) + "\n---\n正文\n",
                to: n.appendingPathComponent("deep.md"))
        let tags = (0..<10000).map { "标签\($0)" }.joined(separator: ", ")
        T.write("---\ntitle: 多标签\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\ntags: [\(tags)]\n---\n正文\n",
                to: n.appendingPathComponent("tags.md"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Content/notices/dongcun/big.md: 错误: 文件太大（"))
        #expect(r.stderr.contains("Content/notices/dongcun/deep.md:5:"), "\(r.stderr)")
        #expect(r.stderr.contains("层级套得太深"))
        #expect(!r.stderr.contains("tags.md"))
    }

    /// Bytes and fragments clerks' editors and keyboards really produce.
    static let fragments: [[UInt8]] = [
        Array("---\n".utf8), Array("：".utf8), Array(":".utf8), Array("\t".utf8), Array("\"".utf8), Array("'".utf8),
        Array("[".utf8), Array("{".utf8), Array("- ".utf8), Array("*".utf8), Array("&a".utf8), Array("**".utf8),
        Array("```csv\n".utf8), Array("\r\n".utf8), [0xEF, 0xBB, 0xBF], [0xC4, 0xE3], [0xFF], [0x00], Array("\u{3000}".utf8),
        Array("2026-02-30".utf8), Array("11010519491231002X".utf8), Array("../../".utf8), Array("一二三".utf8), Array("\n".utf8),
    ]

    @Test func seededFuzzNeverCrashesAndNamesFileAndLine() throws {
        let base = T.copyFixture("minimal")
        let files = ["Content/notices/dongcun/2026/q3-caiwu.md", "Content/notices/dongcun/2026/gongshi.md",
                     "Content/notices/dongcun/2026/ledgers/2026-q2.yaml", "Content/villages/dongcun.yaml", "Content/site.yaml"]
        let originals = try files.map { try Data(contentsOf: base.appendingPathComponent($0)) }
        var rng = SeededGenerator(seed: 20261122)
        let deadline = Date().addingTimeInterval(20)
        var runs = 0
        while runs < 300 && Date() < deadline {
            runs += 1
            let i = Int.random(in: 0..<files.count, using: &rng)
            var bytes = [UInt8](originals[i])
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes.insert(contentsOf: Self.fragments.randomElement(using: &rng)!, at: at)
                case 1: if !bytes.isEmpty { bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &rng))) }
                case 2: bytes = Array(bytes.prefix(at))
                default: if !bytes.isEmpty { bytes[at] = UInt8.random(in: 0...255, using: &rng) }
                }
            }
            let target = base.appendingPathComponent(files[i])
            try Data(bytes).write(to: target)
            let o = BuildOptions(content: ContentLocation(root: base.appendingPathComponent("Content").path, display: "Content"),
                                 templates: [(Theme.defaultDirectory, "Templates")], output: base.appendingPathComponent("Site").path,
                                 today: Day(year: 2026, month: 11, day: 22)!)
            let report = Builder.check(o)
            for d in report.diagnostics where d.severity == .error {
                #expect(d.file.hasPrefix("Content/"), "run \(runs): \(d.headline)")
                let fileLevel = ["找不到文件", "文件太大", "不是已登记的村", "要放在", "没有登记任何村"].contains { d.message.contains($0) }
                #expect(d.line > 0 || fileLevel, "run \(runs): no line in \(d.headline)")
            }
            try originals[i].write(to: target)
        }
        #expect(runs >= 20)
    }
}

/// A small deterministic generator (SplitMix64) so the fuzz runs are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
