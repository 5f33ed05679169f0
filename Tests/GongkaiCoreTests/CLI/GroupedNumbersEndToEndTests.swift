import Foundation
import Testing
@testable import GongkaiCore

/// An ID number written in groups (spaces, U+3000, hyphens, full-width digits) in a body, a
/// front-matter field, a data file and an attachment stops the build, and none of it is published.
@Suite(.serialized) struct GroupedNumbersEndToEndTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"
    let signed = "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]"
    /// 452101, born 1990-01-01, check character 7.
    let id = "452101199001011237"

    /// Column (1-based, in characters) of `number` in `line`.
    func column(of number: String, in line: String) -> Int {
        line.components(separatedBy: number)[0].count + 1
    }

    @Test func groupedIDsStopTheBuildAndNothingReachesTheSite() throws {
        let dir = T.copyFixture("minimal")
        let first = try T.run(["build", date], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let site = dir.appendingPathComponent("Site")
        let before = T.snapshot(site)

        let inBody = "4521\u{3000}0119\u{3000}9001\u{3000}0112\u{3000}37"
        let inFront = "452101-19900101-1237"
        let inLedger = "4521 0119 9001 0112 37"
        let inAttachment = "４５２１０１－１９９００１０１－１２３７"
        let summary = "summary: 户主身份证 \(inFront)"
        let body = "户主韦某某，身份证号 \(inBody)，已核实。"
        T.write("---\ntitle: 低保名单\ncategory: 村务\ndate: 2026-10-01\n\(signed)\n\(summary)\n"
                + "attachments:\n  - { file: files/名单.txt, title: 名单 }\n---\n\(body)\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/leak.md"))
        let attachment = "第一户 \(inAttachment)"
        T.write(attachment + "\n", to: dir.appendingPathComponent("Content/notices/dongcun/files/名单.txt"))
        let entry = "  - { date: 2026-10-02, account: 应付款, summary: 代发补贴（身份证 \(inLedger)）, income: 1 }"
        T.write("period: 2026年第四季度\nopening: 18,950.50\nclosing: 18,950.50\nentries:\n\(entry)\n"
                + "  - { date: 2026-10-02, account: 应付款, summary: 代发, expense: 1 }\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers/2026-q4.yaml"))
        T.write("---\ntitle: 四季度账\ncategory: 财务\ndate: 2026-11-01\n\(signed)\nledger: 2026/ledgers/2026-q4.yaml\n---\n正文\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/q4.md"))

        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 1)
        let p = "Content/notices/dongcun/"
        let message = "错误: 发现完整的身份证号，不能公开：请改成 4521**********1237（身份证号只保留前4位和后4位）"
        for e in ["\(p)leak.md:6:\(column(of: inFront, in: summary)): \(message)",
                  "\(p)leak.md:10:\(column(of: inBody, in: body)): \(message)",
                  "\(p)files/名单.txt:1:\(column(of: inAttachment, in: attachment)): \(message)",
                  "\(p)2026/ledgers/2026-q4.yaml:5:\(column(of: inLedger, in: entry)): \(message)"] {
            #expect(r.stderr.contains(e), "missing: \(e)\n\(r.stderr)")
        }
        // The echoed lines show the masked form in place of the whole grouped number.
        #expect(r.stderr.contains("10 | 户主韦某某，身份证号 4521**********1237，已核实。"), "\(r.stderr)")
        #expect(r.stderr.contains("1 | 第一户 4521**********1237"), "\(r.stderr)")
        // No digits of it in the messages, however they are grouped.
        for written in [inBody, inFront, inLedger, inAttachment] { #expect(!r.stderr.contains(written)) }
        #expect(!Self.digitsOnly(r.stderr).contains(id))
        #expect(!Self.digitsOnly(r.stderr).contains("19900101"))
        // The site is exactly as it was: no page, feed or data file got the number.
        let after = T.snapshot(site)
        #expect(after == before)
        for (path, data) in after {
            #expect(!Self.digitsOnly(String(decoding: data, as: UTF8.self)).contains(id), "\(path)")
        }
    }

    /// The digits of `text` (full-width ones as ASCII), everything else left out.
    static func digitsOnly(_ text: String) -> String {
        String(text.unicodeScalars.compactMap { u -> Character? in
            if u.properties.numericType == .decimal, let v = u.properties.numericValue { return Character(String(Int(v))) }
            return nil
        })
    }
}
