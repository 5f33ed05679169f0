import Foundation
import Testing
@testable import GongkaiCore

/// The publication record: a moved notice, and a build dated before the record.
@Suite(.serialized) struct RecordMovesAndDatesTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"

    func published() throws -> URL {
        let dir = T.copyFixture("minimal")
        T.write("name: 西村\norder: 2\n", to: dir.appendingPathComponent("Content/villages/xicun.yaml"))
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func aNoticeMovedToAnotherBoardOrRenamedIsNamedWithBothPaths() throws {
        let dir = try published()
        let content = dir.appendingPathComponent("Content/notices")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("xicun/2026"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: content.appendingPathComponent("dongcun/2026/cunwu-1.md"), to: content.appendingPathComponent("xicun/2026/cunwu-1.md"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("""
            Content/notices/xicun/2026/cunwu-1.md:1:1: 错误: 这篇就是 2026-01-10 已经发布的「dongcun/cunwu-1」，原来在 Content/notices/dongcun/2026/cunwu-1.md，被挪到了这里
                提示: 已发布的公开不能挪到别的公开栏，也不能改文件名（网址和发布记录都跟着原来的位置）。请把它挪回 Content/notices/dongcun/2026/cunwu-1.md。
            """), "\(r.stderr)")
        #expect(!r.stderr.contains("文件不见了"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "错误:").count == 2, "\(r.stderr)")
        // Renamed within its board: the same message, with the old file name.
        try FileManager.default.moveItem(at: content.appendingPathComponent("xicun/2026/cunwu-1.md"), to: content.appendingPathComponent("dongcun/2026/cunwu-first.md"))
        let renamed = try T.run(["check", date], in: dir)
        #expect(renamed.stderr.contains("Content/notices/dongcun/2026/cunwu-first.md:1:1: 错误: 这篇就是 2026-01-10 已经发布的「dongcun/cunwu-1」，原来在 Content/notices/dongcun/2026/cunwu-1.md，被挪到了这里"), "\(renamed.stderr)")
        // Moved and changed: nothing tells it is the same notice; the record reports the missing file.
        let f = content.appendingPathComponent("dongcun/2026/cunwu-first.md")
        T.write(T.read(f).replacingOccurrences(of: "第1号。", with: "第1号（改过）。"), to: f)
        let changed = try T.run(["check", date], in: dir)
        #expect(changed.stderr.contains("Content/publication-record.yaml:7:1: 错误: 已发布的公开「dongcun/cunwu-1」（2026-01-10 首次发布）的文件不见了\n    7 | dongcun/cunwu-1:\n      | ^\n"), "\(changed.stderr)")
        #expect(!changed.stderr.contains("被挪到了这里"))
        // Moved back: fine again.
        T.write(T.read(f).replacingOccurrences(of: "第1号（改过）。", with: "第1号。"), to: f)
        try FileManager.default.moveItem(at: f, to: content.appendingPathComponent("dongcun/2026/cunwu-1.md"))
        #expect(try T.run(["check", date], in: dir).status == 0)
    }

    @Test func aDateBeforeTheRecordIsSaidOnce() throws {
        let dir = try published()
        let r = try T.run(["check", "--date=2026-03-05"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("""
            Content/publication-record.yaml:19:1: 错误: 生成日期 2026-03-05 早于发布记录里最后一次发布的日期 2026-11-20（「dongcun/gongshi」）
                19 | dongcun/gongshi:
                   | ^
                提示: 发布记录只增不改，生成日期不能往回倒：请去掉 --date（按今天生成），或写 2026-11-20 或以后的日期。
            """), "\(r.stderr)")
        #expect(!r.stderr.contains("不再公开"), "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "错误:").count == 2, "\(r.stderr)")
        // A notice published before that date and now hidden is still reported on its own.
        let f = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md")
        T.write(T.read(f).replacingOccurrences(of: "category: 村务\n", with: "category: 村务\ndraft: true\n"), to: f)
        let hidden = try T.run(["check", "--date=2026-03-05"], in: dir)
        #expect(hidden.stderr.contains("cunwu-1.md:1:1: 错误: 这篇公开在 2026-01-10 已经发布，现在却不再公开"), "\(hidden.stderr)")
        #expect(hidden.stderr.components(separatedBy: "错误:").count == 3, "\(hidden.stderr)")
        // On or after the last publication: no such message.
        T.write(T.read(f).replacingOccurrences(of: "draft: true\n", with: ""), to: f)
        #expect(try T.run(["check", "--date=2026-11-20"], in: dir).status == 0)
    }

    @Test func recordUnitLastPublicationAndFormerPath() {
        var rec = PublicationRecord()
        let v = PublicationRecord.Version(recorded: Day(parsing: "2026-11-22")!, sha256: "ab", corrections: 0, withdrawn: false)
        rec.entries["a/x"] = .init(firstPublished: Day(parsing: "2026-05-01")!, versions: [v])
        rec.entries["b/y"] = .init(firstPublished: Day(parsing: "2026-09-01")!, versions: [v])
        #expect(rec.lastPublication?.day.iso == "2026-09-01" && rec.lastPublication?.id == "b/y")
        var n = Sample.notice("new-name", board: "b", date: "2026-05-01")
        n.contentPath = "notices/b/2026/q/new-name.md"
        n.sourcePath = "Site content/notices/b/2026/q/new-name.md"
        #expect(PublicationRecord.formerPath(of: n, id: "a/x") == "Site content/notices/a/2026/q/x.md")
        n.slug = "fixed-slug"  // named by `slug:`: the file name stays
        #expect(PublicationRecord.formerPath(of: n, id: "a/fixed-slug") == "Site content/notices/a/2026/q/new-name.md")
        // Reconciled on a date before the record: one message, and no "no longer public" for later notices.
        let (_, diags) = collecting { rec.reconciled(with: [], all: [], today: Day(parsing: "2026-06-01")!, into: $0) }
        #expect(diags.map(\.message) == ["生成日期 2026-06-01 早于发布记录里最后一次发布的日期 2026-09-01（「b/y」）",
                                         "已发布的公开「a/x」（2026-05-01 首次发布）的文件不见了"])
    }
}

/// The example in the staff guide (十、5), through the CLI: both messages, exit 1, Site/ untouched.
@Suite(.serialized) struct LedgerCSVEndToEndTests {
    typealias T = TestSupport

    @Test func aSplitAmountInTheSampleLedgerIsNamedByLine() throws {
        let dir = T.copyFixture("minimal")
        #expect(try T.run(["build", "--date=2026-11-22"], in: dir).status == 0)
        let before = T.snapshot(dir.appendingPathComponent("Site"))
        T.write("日期,凭证号,科目,摘要,收入,支出,经手人\n2026-07-01,记-003,经营收入,土地租金,\"12,000.00\",,丙某\n2026-08-15,记-004,公益支出,道路维修,,8,000.00\n",
                to: dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers/2026-q3.csv"))
        let r = try T.run(["build", "--date=2026-11-22"], in: dir)
        #expect(r.status == 1)
        let csv = "Content/notices/dongcun/2026/ledgers/2026-q3.csv"
        #expect(r.stderr.contains("""
            \(csv):3:29: 错误: 第 3 行的支出只读到「8」，后面一格是「000.00」：像是金额 8,000.00 被千位逗号拆成了几格，这一行只按 8.00 元记了账
                3 | 2026-08-15,记-004,公益支出,道路维修,,8,000.00
                  |                                      ^
                提示: 金额里不要写逗号，写成 8000.00；或者用英文双引号括起来："8,000.00"。
            """), "\(r.stderr)")
        #expect(r.stderr.contains("""
            Content/notices/dongcun/2026/ledgers/2026-q3.yaml:3:1: 错误: 账不平：期初 14,950.50 + 收入 12,000.00 − 支出 8.00 = 26,942.50 元，但期末余额填的是 18,950.50 元（少写了 7,992.00 元）
                3 | closing: 18,950.50
                  | ^
                提示: 逐笔核对收支明细和期初余额；期末余额必须等于期初余额加收入减支出，精确到分。
                先看 \(csv):3：那一行的金额像是被千位逗号拆开或挪了格（见那一行的错误）。
            """), "\(r.stderr)")
        #expect(T.snapshot(dir.appendingPathComponent("Site")) == before)
    }
}
