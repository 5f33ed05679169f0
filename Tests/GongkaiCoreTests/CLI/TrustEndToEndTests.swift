import Foundation
import Testing
@testable import GongkaiCore

/// Personal data never leaks; rosters mask declared fields; hostile input is harmless.
@Suite(.serialized) struct TrustEndToEndTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"
    let signed = "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]"
    let id = "11010519491231002X"       // valid check character (domain.md test vector)
    let mobile = "13812345678"
    let card = "4111111111111111"       // passes Luhn

    func notice(_ dir: URL, _ name: String, _ front: String, body: String = "正文") {
        T.write("---\n\(front)\n---\n\(body)\n", to: dir.appendingPathComponent("Content/notices/dongcun/\(name)"))
    }

    @Test func unmaskedNumbersAnywhereAreErrorsWithTheMaskedForm() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "leak.md", "title: 低保名单\ncategory: 村务\ndate: 2026-10-01\n\(signed)\ntags: [户主\(mobile)]\n"
               + "attachments:\n  - { file: files/名单.txt, title: 名单 }",
               body: "户主韦某某，身份证号\(id)，\n银行卡 4111 1111 1111 1111。")
        T.write("第一户 \(id)\n", to: dir.appendingPathComponent("Content/notices/dongcun/files/名单.txt"))
        T.write("period: 2026年第四季度\nopening: 18,950.50\nclosing: 18,950.50\nentries:\n  - { date: 2026-10-02, account: 应付款, summary: 代发补贴到卡\(card), income: 1 }\n  - { date: 2026-10-02, account: 应付款, summary: 代发, expense: 1 }\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers/2026-q4.yaml"))
        notice(dir, "q4.md", "title: 四季度账\ncategory: 财务\ndate: 2026-11-01\n\(signed)\nledger: 2026/ledgers/2026-q4.yaml")
        // A file name is scanned too (it becomes part of a URL).
        T.write("x", to: dir.appendingPathComponent("Content/notices/dongcun/files/\(mobile).txt"))
        notice(dir, "named.md", "title: 附件名\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nattachments:\n  - { file: files/\(mobile).txt }")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        let p = "Content/notices/dongcun/"
        for e in ["\(p)leak.md:6:10: 错误: 发现完整的手机号，不能公开：请改成 138****5678",
                  "\(p)leak.md:10:11: 错误: 发现完整的身份证号，不能公开：请改成 1101**********002X",
                  "\(p)leak.md:11:5: 错误: 发现完整的银行卡号，不能公开：请改成 **** 1111",
                  "\(p)files/名单.txt:1:5: 错误: 发现完整的身份证号",
                  "\(p)files/138****5678.txt: 错误: 文件名里有完整的手机号，不能公开：请改成 138****5678",
                  "\(p)2026/ledgers/2026-q4.yaml:5:54: 错误: 发现完整的银行卡号，不能公开：请改成 **** 1111"] {
            #expect(r.stderr.contains(e), "missing: \(e)\n\(r.stderr)")
        }
        // The messages themselves never repeat a raw number.
        #expect(!r.stderr.contains(id) && !r.stderr.contains(mobile) && !r.stderr.contains(card))
    }

    @Test func officialNumbersAndTheSampleAreNotFlagged() throws {
        let dir = T.copyFixture("minimal")
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "public_numbers: [\"138-1234-5678\"]\n", to: siteYaml)
        notice(dir, "hotline.md", "title: 热线\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nattachments:\n  - { file: files/名单.docx }",
               body: "值班手机：\(mobile)；金额 12,345,678.90 元；凭证 记-0021。")
        T.write("PK", to: dir.appendingPathComponent("Content/notices/dongcun/files/名单.docx"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        // What cannot be read is said, not silently passed.
        #expect(r.stderr.contains("Content/notices/dongcun/files/名单.docx: 警告: 这个 Word/Excel 附件没有检查个人信息"))
    }

    @Test func rosterMasksDeclaredFieldsAndRawValuesNeverReachTheSite() throws {
        let dir = T.copyFixture("minimal")
        T.write("""
        title: 2026年第四季度新增低保对象
        fields:
          - { key: name, label: 户主姓名 }
          - { key: id, label: 身份证号, type: id }
          - { key: phone, label: 联系电话, type: phone }
          - { key: card, label: 发放卡号, type: card }
          - { key: people, label: 保障人数, type: number }
          - { key: amount, label: 月保障金（元）, type: money }
        rows:
          - { name: 韦某某, id: \(id), phone: "\(mobile)", card: "\(card)", people: 3, amount: "1,260.00" }
          - { name: 蓝某某, id: 110105491231002, people: 1, amount: 470 }
        """, to: dir.appendingPathComponent("Content/notices/dongcun/rosters/dibao.yaml"))
        notice(dir, "dibao.md", "title: 新增低保对象公示\ncategory: 村务\ndate: 2026-11-20\n\(signed)\nroster: rosters/dibao.yaml\n"
               + "gongshi: { start: 2026-11-20, days: 7 }")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/dibao.html"))
        #expect(page.contains("<td>1101**********002X</td><td>138****5678</td><td>**** 1111</td><td class=\"num\">3</td><td class=\"num\">1,260.00</td>"))
        #expect(page.contains("<td>1101*******1002</td>"))
        #expect(page.contains("<th scope=\"row\">合计</th><td></td><td></td><td></td><td class=\"num\">4</td><td class=\"num\">1,730.00</td>"))
        for (path, data) in T.snapshot(dir.appendingPathComponent("Site")) {
            let text = String(decoding: data, as: UTF8.self)
            for raw in [id, mobile, card, "110105491231002"] {
                #expect(!text.contains(raw), "raw \(raw) reached \(path)")
            }
        }
    }

    @Test func rosterExemptsOnlyItsTypedCells() throws {
        let dir = T.copyFixture("minimal")
        T.write("fields:\n  - { key: name, label: 姓名 }\n  - { key: id, label: 身份证号, type: id }\n  - { key: note, label: 备注 }\n"
                + "rows:\n  - { name: 甲, id: \(id), note: \"身份证\(id)\" }\n", to: dir.appendingPathComponent("Content/notices/dongcun/rosters/r.yaml"))
        notice(dir, "r.md", "title: 名单\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nroster: rosters/r.yaml")
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("rosters/r.yaml:6:50: 错误: 发现完整的身份证号"), "\(r.stderr)")
        // The typed 身份证号 cell on the same line is masked on output, so it is not reported.
        #expect(r.stderr.components(separatedBy: "rosters/r.yaml:").count == 2)
    }

    @Test func echoedLinesMaskTheWholeNumber() {
        let line = "卡号 6222 0212 3456 7890 128，身份证\(id)。"
        #expect(PersonalData.maskLine(line) == "卡号 **** 0128，身份证1101**********002X。")
    }

    @Test func unmaskedOverrideIsExplicitAndLogged() throws {
        let dir = T.copyFixture("minimal")
        T.write("fields:\n  - { key: name, label: 姓名 }\n  - { key: id, label: 身份证号, type: id }\nrows:\n  - { name: 甲, id: \(id) }\n"
                + "unmasked:\n  - { field: id, reason: 某法律条款要求完整公开 }\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/rosters/full.yaml"))
        notice(dir, "full.md", "title: 完整公开\ncategory: 村务\ndate: 2026-10-01\n\(signed)\nroster: rosters/full.yaml")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.contains("rosters/full.yaml:7:7: 警告: 按 unmasked 设置，「身份证号」一栏将完整公开（理由：某法律条款要求完整公开）"))
        #expect(T.read(dir.appendingPathComponent("Site/dongcun/notice/full.html")).contains(id))
    }
}

/// Published notices are tamper-evident: digests, the publication record, the manifest and `verify`.
@Suite(.serialized) struct TamperEvidenceTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"

    func published() throws -> URL {
        let dir = T.copyFixture("minimal")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("发布记录已更新：publication-record.yaml"))
        return dir
    }

    @Test func digestsRecordAndManifest() throws {
        let dir = try published()
        let record = T.read(dir.appendingPathComponent("Content/publication-record.yaml"))
        #expect(record.contains("dongcun/q3-caiwu:\n  first_published: 2026-10-15\n  versions:\n    - { recorded: 2026-11-22, sha256: "))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("Site/manifest.json"))) as! [String: Any]
        #expect(manifest["date"] as? String == "2026-11-22")
        let notices = manifest["notices"] as! [[String: Any]]
        let q3 = notices.first { $0["id"] as? String == "dongcun/q3-caiwu" }!
        let digest = q3["sha256"] as! String
        #expect(digest.count == 64)
        // The page shows the same digest, grouped for reading aloud / comparing with a print-out.
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/q3-caiwu.html"))
        #expect(page.contains(String(digest.prefix(8)) + " " + String(digest.dropFirst(8).prefix(8))))
        // A second build with nothing changed leaves the record alone.
        let again = try T.run(["build", date], in: dir)
        #expect(!again.stdout.contains("发布记录已更新"))
        #expect(T.read(dir.appendingPathComponent("Content/publication-record.yaml")) == record)
        // Changing an attachment changes the digest.
        T.write("日期,摘要,金额\n2026-07-01,租金,12000.01\n", to: dir.appendingPathComponent("Content/notices/dongcun/2026/files/明细.csv"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Content/notices/dongcun/2026/q3-caiwu.md:1:1: 错误: 这篇公开在 2026-10-15 已经发布，之后内容被改动了，但没有登记更正（原指纹 \(digest.prefix(12))，现指纹 "))
    }

    @Test func changesNeedACorrectionAndNothingVanishes() throws {
        let dir = try published()
        let file = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-2.md")
        let original = T.read(file)
        T.write(original.replacingOccurrences(of: "村务公开内容第2号。", with: "村务公开内容第2号（悄悄改过）。"), to: file)
        let silent = try T.run(["build", date], in: dir)
        #expect(silent.status == 1)
        #expect(silent.stderr.contains("cunwu-2.md:1:1: 错误: 这篇公开在 2026-02-10 已经发布，之后内容被改动了，但没有登记更正"))
        // Recorded as a correction: accepted, and the record gets a second version.
        T.write(T.read(file).replacingOccurrences(of: "category: 村务\n", with: "category: 村务\ncorrections:\n  - { date: 2026-11-22, what: 补充说明, why: 原文不完整 }\n"), to: file)
        let ok = try T.run(["build", date], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let record = T.read(dir.appendingPathComponent("Content/publication-record.yaml"))
        #expect(record.components(separatedBy: "dongcun/cunwu-2:")[1].components(separatedBy: "\ndongcun/")[0].components(separatedBy: "- { recorded").count == 3)
        #expect(T.read(dir.appendingPathComponent("Site/dongcun/notice/cunwu-2.html")).contains("本篇有更正，历次的防篡改码："))
        // Deleting a published notice is refused; withdrawing it is the way.
        let gone = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md")
        let kept = T.read(gone)
        try FileManager.default.removeItem(at: gone)
        let deleted = try T.run(["build", date], in: dir)
        #expect(deleted.status == 1)
        #expect(deleted.stderr.contains("Content/publication-record.yaml:7:1: 错误: 已发布的公开「dongcun/cunwu-1」（2026-01-10 首次发布）的文件不见了\n    7 | dongcun/cunwu-1:\n      | ^\n"))
        T.write(kept.replacingOccurrences(of: "category: 村务\n", with: "category: 村务\nwithdrawn: { date: 2026-11-22, reason: 内容有误 }\n"), to: gone)
        #expect(try T.run(["build", date], in: dir).status == 0)
    }

    @Test func outcomesAndMovesAreNotSilentChanges() throws {
        let dir = try published()
        // Recording the 公示 outcome after the window is a recorded change, not a silent edit.
        let g = dir.appendingPathComponent("Content/notices/dongcun/2026/gongshi.md")
        T.write(T.read(g).replacingOccurrences(of: "contact: 村务监督委员会 乙某 }", with: "contact: 村务监督委员会 乙某, outcome: { result: 无异议 } }"), to: g)
        let r = try T.run(["build", "--date=2026-11-28"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(T.read(dir.appendingPathComponent("Content/publication-record.yaml")).contains("outcome: true"))
        // Moving a notice to another folder of the same board keeps its digest.
        try FileManager.default.moveItem(at: dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md"),
                                         to: dir.appendingPathComponent("Content/notices/dongcun/cunwu-1.md"))
        let moved = try T.run(["check", "--date=2026-11-28"], in: dir)
        #expect(moved.status == 0, "\(moved.stderr)")
    }

    @Test func verifyComparesADeployedCopy() throws {
        let dir = try published()
        let deployed = dir.appendingPathComponent("deployed")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("Site"), to: deployed)
        // Built for 2026-11-22; verified on any later day against the same content.
        let ok = try T.run(["verify", "--date=2027-01-01", "--site-dir", "deployed"], in: dir)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("核对通过"))
        let page = deployed.appendingPathComponent("dongcun/notice/q3-caiwu.html")
        T.write(T.read(page).replacingOccurrences(of: "14,950.50", with: "19,950.50"), to: page)
        try FileManager.default.removeItem(at: deployed.appendingPathComponent("dongcun/notice/cunwu-1.html"))
        T.write("<p>x</p>", to: deployed.appendingPathComponent("dongcun/notice/fake.html"))
        let bad = try T.run(["verify", "--site-dir", "deployed"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("与内容不符：dongcun/notice/q3-caiwu.html"))
        #expect(bad.stdout.contains("网站上缺少：dongcun/notice/cunwu-1.html"))
        #expect(bad.stdout.contains("网站上多出：dongcun/notice/fake.html"))
    }
}
