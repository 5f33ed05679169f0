import Foundation
import Testing
@testable import GongkaiCore

/// A ledger whose totals disagree points at the CSV (or YAML) lines that explain it.
@Suite struct LedgerTotalHintTests {
    /// Parses `ledger` (YAML) with `csv` beside it as `Content/l/q3.csv`; returns every message in full.
    func check(_ ledger: String, csv: String? = nil) -> [String] {
        let root = TestSupport.tempDir("ledger")
        if let csv { TestSupport.write(csv, to: root.appendingPathComponent("l/q3.csv")) }
        let (_, diags) = FinanceParser.ledger(SourceFile(displayPath: "Content/l/q3.yaml", text: ledger), chart: Account.defaults,
                                              loc: ContentLocation(root: root.path, display: "Content"), relativeDir: "l")
        return diags.map(\.description)
    }

    let head7 = "日期,凭证号,科目,摘要,收入,支出,经手人\n"
    let head8 = "日期,凭证号,科目,摘要,收入,支出,经手人,附件\n"
    /// opening 100.00 + 12,000.00 − 1,900.00 = 10,200.00
    let yaml = "period: 2026年第三季度\nopening: 100.00\nclosing: 10,200.00\nentries: q3.csv\n"

    @Test func anUnquotedThousandsCommaThatStillFitsTheHeader() {
        // 经手人 left empty: `1,900.00` fills 支出 and 经手人, and the row counts 1.00 元.
        let d = check(yaml, csv: head7 + "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,1,900.00\n")
        #expect(d.count == 2, "\(d)")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.yaml:3:1: 错误: 账不平") && $0.contains("提示: 逐笔核对") && $0.contains("\n    先看 Content/l/q3.csv:3：那一行的金额像是被千位逗号拆开或挪了格") }, "\(d)")
        #expect(d.contains("""
            Content/l/q3.csv:3:25: 错误: 第 3 行的支出只读到「1」，后面一格是「900.00」：像是金额 1,900.00 被千位逗号拆成了几格，这一行只按 1.00 元记了账
                3 | 2026-08-15,记-2,公益支出,修路,,1,900.00
                  |                                ^
                提示: 金额里不要写逗号，写成 1900.00；或者用英文双引号括起来："1,900.00"。
            """), "\(d)")
    }

    @Test func aMillionSplitIntoThreeCellsAndADeclaredSubtotal() {
        let l = "period: 2026年第三季度\nopening: 0\nclosing: -1,234,567.00\nexpense_total: 1,234,567.00\nentries: q3.csv\n"
        let d = check(l, csv: head8 + "2026-07-02,记-2,公益支出,修路,,1,234,567.00\n")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.yaml:4:1: 错误: 本期支出合计填的是 1,234,567.00 元，逐笔相加是 1.00 元") && $0.contains("先看 Content/l/q3.csv:2") }, "\(d)")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.csv:2:") && $0.contains("像是金额 1,234,567.00 被千位逗号拆成了几格") }, "\(d)")
        // Reported once, not per failing total.
        #expect(d.filter { $0.hasPrefix("Content/l/q3.csv:2:") }.count == 1)
    }

    @Test func anAmountShiftedIntoATextColumn() {
        // 经手人 left out: 350.00 lands in 经手人 and the 附件 count 2 becomes the 支出.
        let head = "日期,凭证号,科目,摘要,经手人,收入,支出,附件\n"
        let l = "period: 2026年第三季度\nopening: 1000\nclosing: 650\nentries: q3.csv\n"
        let d = check(l, csv: head + "2026-07-03,记-3,管理费用,买纸,350.00,,2,\n")
        #expect(d.contains { $0.hasPrefix("Content/l/q3.csv:2:24: 错误: 第 2 行的「经手人」一格是「350.00」，像是金额挪错了格") }, "\(d.joined(separator: "\n"))")
        #expect(d.count == 2, "\(d)")
    }

    @Test func aDuplicatedOrReversedRowIsNamed() {
        let rows = "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,\"1,900.00\",丙某\n"
        // The same row twice: the computed balance is 1,900.00 lower than written.
        let dup = check(yaml, csv: head7 + rows + "2026-08-16,记-3,公益支出,修路,,\"1,900.00\",丙某\n")
        #expect(dup.count == 1)
        #expect(dup[0].contains("先核对：Content/l/q3.csv:3 这一笔 1,900.00 元，去掉它就对上了（是不是重复记了，或不属于本期？）；Content/l/q3.csv:4 这一笔"), "\(dup)")
        // An expense booked as income: the difference is twice the amount.
        let reversed = check(yaml, csv: head7 + "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,应付款,修路,\"1,900.00\",,丙某\n")
        #expect(reversed.count == 1)
        #expect(reversed[0].contains("Content/l/q3.csv:3 这一笔 1,900.00 元，收入和支出是不是记反了？"), "\(reversed)")
        // From YAML entries the entry's YAML line is named.
        let inline = "period: 2026年第三季度\nopening: 100.00\nclosing: 100.00\nentries:\n  - { date: 2026-07-01, account: 经营收入, summary: 租金, income: 50 }\n"
        #expect(check(inline).first?.contains("先核对：Content/l/q3.yaml:5 这一笔 50.00 元，去掉它就对上了") == true, "\(check(inline))")
    }

    @Test func otherwiseTheHintNamesTheCSVLines() {
        let rows = "2026-07-01,记-1,经营收入,租金,\"12,000.00\",,丙某\n2026-08-15,记-2,公益支出,修路,,\"1,900.00\",丙某\n"
        let d = check(yaml.replacingOccurrences(of: "10,200.00", with: "10,200.50"), csv: head7 + rows)
        #expect(d.count == 1)
        #expect(d[0].hasSuffix("\n    逐笔明细在 Content/l/q3.csv 第 2—3 行。"), "\(d)")
        // Written 12,000.00 more than the entries: removing an entry cannot explain that, so none is named.
        let more = check(yaml.replacingOccurrences(of: "closing: 10,200.00\n", with: "closing: 10,200.00\nincome_total: 24,000.00\n"), csv: head7 + rows)
        #expect(more.count == 1)
        #expect(more[0].hasPrefix("Content/l/q3.yaml:4:1: 错误: 本期收入合计填的是 24,000.00 元") && more[0].hasSuffix("\n    逐笔明细在 Content/l/q3.csv 第 2—3 行。"), "\(more)")
        // Balanced: a text column that looks like an amount is not reported.
        #expect(check(yaml, csv: head7 + rows.replacingOccurrences(of: "丙某\n2026-08-15", with: "12.50\n2026-08-15")).isEmpty)
    }
}

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
        let (_, diags) = rec.reconciled(with: [], all: [], today: Day(parsing: "2026-06-01")!)
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
