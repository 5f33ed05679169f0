import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GongkaiCore

/// Regressions found by reviewers: each test reproduces a reported problem.
@Suite(.serialized) struct ReviewRegressionTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"
    let signed = "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]"
    let id = "11010519491231002X"

    func notice(_ dir: URL, _ name: String, _ front: String, body: String = "正文") {
        T.write("---\n\(front)\n---\n\(body)\n", to: dir.appendingPathComponent("Content/notices/dongcun/\(name)"))
    }

    @Test func numbersWrittenOtherWaysAreFound() {
        for text in ["手机１３８１２３４５６７８。", "手机13812345678.", "手机+8613812345678", "ID:a\(id)", "138&#49;2345678",
                     "身份证１１０１０５１９４９１２３１００２Ｘ"] {
            #expect(PersonalData.scan(text).count == 1, "\(text)")
        }
        #expect(PersonalData.scan("金额 12345678901.50 元").isEmpty)
    }

    @Test func uppercaseOfHugeTotalsDoesNotCrash() {
        #expect(Money(fen: 199_999_999_999_800).uppercase.hasPrefix("人民币壹万亿"))
        #expect(!Money(fen: Int64.max).uppercase.isEmpty)
    }

    @Test func linkedFilesAndNonUTF8AttachmentsAreScanned() throws {
        let dir = T.copyFixture("minimal")
        T.write("名单：\(id)\n", to: dir.appendingPathComponent("Content/notices/dongcun/files/list.yaml"))
        try Data([0xD0, 0xD5, 0x2C] + Array(id.utf8) + [0x0A]).write(to: dir.appendingPathComponent("Content/notices/dongcun/files/gbk.csv"))
        notice(dir, "a.md", "title: 甲\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nattachments:\n  - { file: files/gbk.csv }",
               body: "见[名单](files/list.yaml)")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Content/notices/dongcun/files/list.yaml:1:4: 错误: 发现完整的身份证号"), "\(r.stderr)")
        #expect(r.stderr.contains("Content/notices/dongcun/files/gbk.csv:1:"))
        #expect(!r.stderr.contains(id))
    }

    @Test func linksToUnpublishedNoticesAreErrors() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "secret.md", "title: 党内\ncategory: 党务\ndate: 2026-10-01\nscope: 党内")
        notice(dir, "a.md", "title: 甲\ncategory: 村务\ndate: 2026-10-01\n\(signed)", body: "见[处分](secret.md)")
        let r = try T.run(["check", date], in: dir)
        #expect(r.stderr.contains("Content/notices/dongcun/a.md:7:1: 错误: 链接的公开「secret.md」不上网"), "\(r.stderr)")
    }

    @Test func withdrawnLedgersLeaveTheTotalsAndFutureDecisionsWait() throws {
        let dir = T.copyFixture("minimal")
        let q2 = dir.appendingPathComponent("Content/notices/dongcun/2026/q2-caiwu.md")
        T.write(T.read(q2).replacingOccurrences(of: "category: 财务\n", with: "category: 财务\nwithdrawn: { date: 2026-08-01, reason: 账目有误 }\n"), to: q2)
        T.write("---\ntitle: 未来的决策\nsteps:\n  - { step: 提议, date: 2026-12-01, body: x }\n  - { step: 商议, date: 2026-12-02, body: x }\n"
                + "  - { step: 审议, date: 2026-12-03, expected: 3, present: 3, for: 3, body: x }\n  - { step: 决议, date: 2026-12-04, expected: 3, present: 3, for: 3, body: x }\n---\n",
                to: dir.appendingPathComponent("Content/decisions/dongcun/future.md"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let q3 = T.read(dir.appendingPathComponent("Site/dongcun/notice/q3-caiwu.html"))
        #expect(q3.contains("本年累计收入（2026年7—9月）</th><td class=\"num\">12,000.00"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/decision/future.html").path))
        #expect(!T.read(dir.appendingPathComponent("Site/status.html")).contains("未来的决策"))
    }

    @Test func statusPageOrderIsStable() throws {
        let dir = T.copyFixture("minimal")
        for v in ["xicun", "nancun", "beicun"] {
            T.write("name: \(v)\n", to: dir.appendingPathComponent("Content/villages/\(v).yaml"))
        }
        for v in ["dongcun", "xicun", "nancun", "beicun"] {
            T.write("---\ntitle: 决策\(v)\nsteps:\n  - { step: 提议, date: 2025-01-01, body: x }\n  - { step: 商议, date: 2025-01-02, body: x }\n"
                    + "  - { step: 审议, date: 2025-01-03, expected: 3, present: 3, for: 3, body: x }\n  - { step: 决议, date: 2025-01-04, expected: 3, present: 3, for: 3, body: x }\n---\n",
                    to: dir.appendingPathComponent("Content/decisions/\(v)/d.md"))
        }
        for out in ["A", "B", "C"] { #expect(try T.run(["build", date, "--output", out], in: dir).status == 0) }
        let a = T.read(dir.appendingPathComponent("A/status.html"))
        #expect(a == T.read(dir.appendingPathComponent("B/status.html")))
        #expect(a == T.read(dir.appendingPathComponent("C/status.html")))
    }

    @Test func malformedInputsGiveMessagesNotCrashes() throws {
        let dir = T.copyFixture("minimal")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("Content/villages/dongcun.yaml"),
                                         to: dir.appendingPathComponent("Content/villages/dongcun.yml"))
        T.write("fields:\n  - { key: name, label: 姓名 }\n  - { key: name, label: 名字 }\n  - { key: n, label: 人数, type: number }\nrows:\n  - { name: 甲, n: 123456789012345678 }\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/r.yaml"))
        notice(dir, "r.md", "title: 名册\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nroster: r.yaml\ngongshi: { start: 2026-10-01, days: 7, outcome: { result: 无异议, date: 2026-10-03 } }")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("有两个信息文件"))
        #expect(r.stderr.contains("栏目代号「name」写了两次"))
        #expect(r.stderr.contains("「人数」应当是整数"))
        #expect(r.stderr.contains("结果日期 2026-10-03 不能在公示期内"))
    }

    @Test func feedsStayWellFormedAndCsvCellsAreNotFormulas() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "ctl.md", "title: \"控制\\v字符\"\ncategory: 村务\ndate: 2026-10-01\n\(signed)", body: "第一行\u{0B}第二行\u{08}")
        let l = dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers/2026-q3.csv")
        T.write(T.read(l).replacingOccurrences(of: "土地租金", with: "=HYPERLINK(\"\"http://x\"\")"), to: l)
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["feed.xml", "dongcun/feed.xml", "dongcun/cunwu/feed.xml"] {
            #expect(XMLParser(data: try Data(contentsOf: dir.appendingPathComponent("Site/\(f)"))).parse(), "\(f)")
        }
        let csv = T.read(dir.appendingPathComponent("Site/dongcun/files/q3-caiwu/ledger-q3-caiwu.csv"))
        #expect(csv.contains("'=HYPERLINK"))
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "categories:\n  - { key: notice, name: 公告 }\n", to: siteYaml)
        #expect(try T.run(["check", date], in: dir).stderr.contains("类别的 key 不能用「notice」"))
    }
}
