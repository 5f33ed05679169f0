import Foundation
import Testing
@testable import GongkaiCore

/// Loads a copy of the `minimal` fixture in-process after a test has changed it.
struct FixtureSite {
    typealias T = TestSupport
    let dir = TestSupport.copyFixture("minimal")
    var content: URL { dir.appendingPathComponent("Content") }

    /// Writes `text` to `Content/<rel>`.
    func write(_ rel: String, _ text: String) { T.write(text, to: content.appendingPathComponent(rel)) }
    func write(_ rel: String, bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// A signed 村务 notice.
    func notice(_ rel: String, date: String = "2026-10-01", extra: String = "", body: String = "正文。") {
        write(rel, "---\ntitle: 标题\(rel)\ncategory: 村务\ndate: \(date)\n\(extra)signoff:\n  - { role: 村务监督委员会主任, name: 乙某 }\n---\n\(body)\n")
    }

    /// The content read and validated (`Loader`, `Validator`), with every problem in file order.
    func load() -> (ContentModel?, [Diagnostic]) {
        let (loc, today) = (ContentLocation(root: content.path, display: "Content"), Day(parsing: "2026-11-22")!)
        return collecting { d in
            let model = Loader.load(loc, today: today, into: d)
            if let model { Validator.validate(model, loc: loc, today: today, into: d) }
            d.settle()
            return model
        }
    }

    /// Every diagnostic of the loader and validator, each as its full report (headline, source line, hint).
    func diagnostics() -> [Diagnostic] { load().1 }

    func errors() -> [Diagnostic] { diagnostics().filter { $0.severity == .error } }
}

@Suite struct DataFileReadingTests {
    let p = "Content/notices/dongcun/2026/"
    let rel = "notices/dongcun/2026/"
    let encodingHint = "在编辑器里“另存为”，编码选择 UTF-8。常见原因：用 GBK/GB2312 保存了文件。"
    let csvHint = "Excel 表格请“另存为”“CSV UTF-8（逗号分隔）”。"
    let emptyHint = "文件里什么也没有，可能没有保存成功：请打开它，把内容写好后保存；不用的文件请删掉。"
    /// 姓名 in GBK.
    let gbk: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB]

    /// Every kind of data file a notice names, the fixture's file of that kind, and the notice.
    static let kinds: [(key: String, file: String, notice: String)] = [
        ("ledger", "ledgers/2026-q3.yaml", "q3-caiwu.md"),
        ("entries", "ledgers/2026-q3.csv", "q3-caiwu.md"),
        ("budget", "ledgers/budget-2026.yaml", "budget.md"),
        ("debts", "ledgers/debts-2025.yaml", "budget.md"),
        ("assets", "ledgers/assets-2025.yaml", "budget.md"),
        ("roster", "rosters/dibao.yaml", "gongshi.md"),
    ]

    /// Adds the two kinds the fixture lacks (an assets register and a roster) in working order.
    func withEveryKind() -> FixtureSite {
        let s = FixtureSite()
        s.write(rel + "ledgers/assets-2025.yaml", "as_of: 2025-12-31\nitems:\n  - { category: 资源, name: 鱼塘, value: \"1,000.00\" }\n")
        s.write(rel + "budget.md", T.read(s.content.appendingPathComponent("notices/dongcun/2026/budget.md"))
                    .replacingOccurrences(of: "debts: ", with: "assets: ledgers/assets-2025.yaml\ndebts: "))
        s.write(rel + "rosters/dibao.yaml", "title: 低保对象\nfields:\n  - { key: name, label: 姓名 }\nrows:\n  - { name: 甲某 }\n")
        s.write(rel + "gongshi.md", T.read(s.content.appendingPathComponent("notices/dongcun/2026/gongshi.md"))
                    .replacingOccurrences(of: "gongshi:", with: "roster: rosters/dibao.yaml\ngongshi:"))
        return s
    }
    typealias T = TestSupport

    @Test func theFixtureWithEveryKindLoads() {
        #expect(withEveryKind().errors().map(\.headline) == [])
    }

    @Test(arguments: DataFileReadingTests.kinds.map(\.file))
    func notUTF8IsReportedAtTheFileAtItsFirstBadByte(_ file: String) throws {
        let s = withEveryKind()
        // Two good lines, then a bad byte after three characters.
        try s.write(rel + file, bytes: Array("a: 1\nb: 2\n额c:".utf8) + gbk + [0x0A])
        let errors = s.errors()
        let hint = encodingHint + (file.hasSuffix(".csv") ? csvHint : "")
        #expect(errors.map(\.description) == ["\(p)\(file):3:4: 错误: 文件不是 UTF-8 编码，无法读取\n    提示: \(hint)"])
    }

    @Test(arguments: DataFileReadingTests.kinds.map(\.file))
    func emptyIsCalledEmptyAtTheFile(_ file: String) throws {
        for bytes: [UInt8] in [[], Array(" \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A, 0x0A]] {
            let s = withEveryKind()
            try s.write(rel + file, bytes: bytes)
            #expect(s.errors().map(\.description) == ["\(p)\(file):1:1: 错误: 文件是空的\n    提示: \(emptyHint)"], "\(bytes)")
        }
    }

    @Test func aFileTwoNoticesNameIsReportedOnce() throws {
        let s = FixtureSite()
        let budget = T.read(s.content.appendingPathComponent(rel + "budget.md"))
        s.write(rel + "budget-again.md", budget.replacingOccurrences(of: "title: ", with: "title: 又一篇"))
        try s.write(rel + "ledgers/budget-2026.yaml", bytes: Array("year: 2026\n".utf8) + gbk)
        #expect(s.errors().map(\.headline) == ["\(p)ledgers/budget-2026.yaml:2:1: 错误: 文件不是 UTF-8 编码，无法读取"])
    }

    @Test func aMissingFileIsStillNotFoundAtTheNotice() throws {
        let s = withEveryKind()
        for k in Self.kinds {
            try FileManager.default.removeItem(at: s.content.appendingPathComponent("notices/dongcun/2026/" + k.file))
        }
        #expect(s.errors().map(\.headline) == [
            "\(p)budget.md:8:1: 错误: 找不到预算文件「ledgers/budget-2026.yaml」",
            "\(p)budget.md:9:1: 错误: 找不到资产资源登记文件「ledgers/assets-2025.yaml」",
            "\(p)budget.md:10:1: 错误: 找不到债权债务登记文件「ledgers/debts-2025.yaml」",
            "\(p)gongshi.md:7:1: 错误: 找不到名册文件「rosters/dibao.yaml」",
            "\(p)q3-caiwu.md:10:1: 错误: 找不到收支账目文件「ledgers/2026-q3.yaml」",
        ])
        // The CSV of a ledger that is there.
        s.write(rel + "ledgers/2026-q3.yaml", "period: 2026年第三季度\nopening: 14950.50\nclosing: 18,950.50\nentries: 2026-q3.csv\n")
        #expect(s.errors().map(\.headline).contains("\(p)ledgers/2026-q3.yaml:4:10: 错误: 找不到明细文件「2026-q3.csv」"))
        // A folder where a file should be is not found either.
        try FileManager.default.createDirectory(at: s.content.appendingPathComponent("notices/dongcun/2026/ledgers/2026-q3.csv"),
                                                withIntermediateDirectories: true)
        #expect(s.errors().map(\.headline).contains("\(p)ledgers/2026-q3.yaml:4:10: 错误: 找不到明细文件「2026-q3.csv」"))
    }

    @Test func siteVillageNoticeAndDecisionFiles() throws {
        for file in ["site.yaml", "villages/dongcun.yaml", "notices/dongcun/2026/cunwu-1.md", "decisions/dongcun/daolu.md"] {
            var s = FixtureSite()
            try s.write(file, bytes: Array("---\nb: 2\n额c:".utf8) + gbk)
            // Without its village file, notices/dongcun is an unknown folder too.
            #expect(s.errors().filter { $0.file == "Content/\(file)" }.map(\.description) == ["Content/\(file):3:4: 错误: 文件不是 UTF-8 编码，无法读取\n    提示: \(encodingHint)"])
            s = FixtureSite()
            try s.write(file, bytes: [0xEF, 0xBB, 0xBF, 0x20, 0x0A])
            #expect(s.errors().filter { $0.file == "Content/\(file)" }.map(\.description) == ["Content/\(file):1:1: 错误: 文件是空的\n    提示: \(emptyHint)"])
        }
    }

    @Test func anAttachedCSVThatIsNotUTF8IsAWarningAtTheFile() throws {
        let s = FixtureSite()
        try s.write(rel + "files/明细.csv", bytes: Array("科目,金额\n".utf8) + gbk + Array(",1\n".utf8))
        let d = s.diagnostics().filter { $0.file.hasSuffix(".csv") }
        #expect(d.map(\.description) == ["\(p)files/明细.csv:2:1: 警告: 文件不是 UTF-8 编码，网页上只能下载，不能显示成表格\n    提示: \(encodingHint)\(csvHint)"])
        #expect(s.errors().isEmpty)
    }

    @Test func firstInvalidByteIsFoundByLineAndColumn() {
        #expect(Loader.firstInvalidUTF8(Data([0xC4])) == (1, 1))
        #expect(Loader.firstInvalidUTF8(Data([0xEF, 0xBB, 0xBF, 0x61, 0xC4])) == (1, 2))  // a BOM is not a column
        #expect(Loader.firstInvalidUTF8(Data(Array("甲乙\n\n丙".utf8) + [0xE4, 0xB8])) == (3, 2))  // cut in the middle
        #expect(Loader.firstInvalidUTF8(Data(Array("a\n".utf8) + [0xED, 0xA0, 0x80])) == (2, 1))  // a surrogate
    }
}

/// Mistakes found by a hostile pass over today's clerk-facing checks (task R2).
@Suite struct HostileClerkTests {
    typealias T = TestSupport
    let p = "Content/notices/dongcun/2026/"
    let utf16Hint = "这个文件是用“Unicode”（UTF-16）编码保存的（记事本“另存为”里的“Unicode”或“Unicode big endian”）。在编辑器里“另存为”，编码选择 UTF-8。"

    /// Notepad's “Unicode” (UTF-16 LE with BOM), “Unicode big endian”, and UTF-16 without a BOM
    /// (zero bytes; plain ASCII of it is even valid UTF-8) are named as UTF-16, at line 1.
    @Test(arguments: ["ledgers/2026-q3.yaml", "ledgers/2026-q3.csv", "cunwu-1.md"])
    func utf16IsNamedAsUTF16(_ file: String) throws {
        let text = file.hasSuffix(".csv") ? "日期,凭证号\n" : "title: 甲\n"
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let ascii = Array("a: 1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        for bytes in [[0xFF, 0xFE] + le, [0xFE, 0xFF] + be, ascii] {
            let s = FixtureSite()
            try s.write("notices/dongcun/2026/" + file, bytes: bytes)
            let more = file.hasSuffix(".csv") ? "Excel 表格请“另存为”“CSV UTF-8（逗号分隔）”。" : ""
            #expect(s.errors().map(\.description) == ["\(p)\(file):1:1: 错误: 文件不是 UTF-8 编码，无法读取\n    提示: \(utf16Hint)\(more)"],
                    "\(bytes.prefix(4))")
        }
    }

    @Test func gbkStillBlamesGBK() {
        let (text, diags) = collecting { Loader.utf8Text(Data([0x61, 0x0A, 0xD0, 0xD5]), file: "x.yaml", $0) }
        #expect(text == nil)
        #expect(diags.map(\.description) == ["x.yaml:2:1: 错误: 文件不是 UTF-8 编码，无法读取\n    提示: 在编辑器里“另存为”，编码选择 UTF-8。常见原因：用 GBK/GB2312 保存了文件。"])
        #expect(!Loader.looksUTF16(Data("甲乙 a\n".utf8)) && Loader.looksUTF16(Data([0x61, 0x00])))
        // One stray zero byte in a longer UTF-8 text is not UTF-16.
        #expect(!Loader.looksUTF16(Data(Array("title: 甲乙丙丁\n".utf8) + [0])))
    }

    /// A real notice (or 四议两公开 record) listed as an attachment would publish its raw source.
    @Test func aNoticeOrDecisionListedAsAnAttachmentIsAnError() throws {
        let s = FixtureSite()
        s.write("decisions/dongcun/daolu.md", "---\ntitle: 道路硬化\n---\n")
        s.notice("notices/dongcun/2026/att.md", extra: """
            attachments:
              - { file: cunwu-1.md, title: 上一篇 }
              - { file: ../../../decisions/dongcun/daolu.md }

            """)
        let hint = "要提到它，请在正文里写链接，例如 [标题](cunwu-1.md)；要附一份说明文字，请存成 .txt 或 PDF 再作为附件。"
        let errors = s.errors().filter { $0.file.hasSuffix("att.md") }
        #expect(errors.map(\.description) == [
            "\(p)att.md:6:7: 错误: 附件「cunwu-1.md」是一篇公开（开头有 --- 信息区），不能作为附件\n    6 |   - { file: cunwu-1.md, title: 上一篇 }\n      |       ^\n    提示: \(hint)",
        ] + ["\(p)att.md:7:7: 错误: 附件「../../../decisions/dongcun/daolu.md」是一篇决策记录（开头有 --- 信息区），不能作为附件"].map {
            $0 + "\n    7 |   - { file: ../../../decisions/dongcun/daolu.md }\n      |       ^\n    提示: "
                + hint.replacingOccurrences(of: "(cunwu-1.md)", with: "(../../../decisions/dongcun/daolu.md)")
        })
        // With a BOM before its front matter, still a notice.
        try s.write("notices/dongcun/2026/bom.md", bytes: [0xEF, 0xBB, 0xBF] + Array(T.read(s.content.appendingPathComponent("notices/dongcun/2026/cunwu-1.md")).utf8))
        s.notice("notices/dongcun/2026/att.md", extra: "attachments:\n  - { file: bom.md }\n")
        #expect(s.errors().map(\.headline).contains("\(p)att.md:6:7: 错误: 附件「bom.md」是一篇公开（开头有 --- 信息区），不能作为附件"))
    }

    @Test func aBareMarkdownFileUnderDecisionsMentionsAttachments() {
        let s = FixtureSite()
        s.write("decisions/dongcun/决议原文.md", "村民代表会议决议原文。\n")
        #expect(s.errors().map(\.description) == [
            "Content/decisions/dongcun/决议原文.md:1:1: 错误: 文件开头缺少「---」行\n    1 | 村民代表会议决议原文。\n      | ^\n"
                + "    提示: 决策记录的第一行必须是三个减号 ---，接着写开头信息（标题、日期等），再用一行 --- 结束，然后写正文。"
                + "decisions 文件夹里的每个 .md 文件都会被当作一篇决策记录；如果这个文件是附件，请把它改名为 .txt 结尾，放到那篇公开旁边的 files 文件夹里。",
        ])
    }
}

/// A published notice whose file cannot be read is reported at the file, once: not also "gone"
/// from the record, and a village file that cannot be read does not make its folder "unknown".
@Suite struct UnreadableFileTests {
    let gbk: [UInt8] = [0xD0, 0xD5, 0xC3, 0xFB]

    @Test func anUnreadableNoticeIsKnownToBeThere() throws {
        let s = FixtureSite()
        try s.write("notices/dongcun/2026/cunwu-1.md", bytes: Array("---\ntitle: ".utf8) + gbk)
        s.write("notices/dongcun/2026/cunwu-2.md", "---\ntitle: 缺了日期\ncategory: 村务\n---\n正文\n")
        let (model, diags) = s.load()
        #expect(diags.filter { $0.severity == .error }.map(\.file) == ["Content/notices/dongcun/2026/cunwu-1.md", "Content/notices/dongcun/2026/cunwu-2.md"])
        #expect(model?.unreadable == ["dongcun/cunwu-1", "dongcun/cunwu-2"])
    }

    @Test func anUnreadableVillageFileIsTheOnlyError() throws {
        let s = FixtureSite()
        try s.write("villages/dongcun.yaml", bytes: Array("name: ".utf8) + gbk)
        let (model, diags) = s.load()
        #expect(diags.filter { $0.severity == .error }.map(\.headline) == ["Content/villages/dongcun.yaml:1:7: 错误: 文件不是 UTF-8 编码，无法读取"])
        #expect(model?.unreadable.contains("dongcun/cunwu-1") == true)
    }

    @Test func theRecordDoesNotCallAnUnreadableFileGone() {
        var rec = PublicationRecord()
        let v = PublicationRecord.Version(recorded: Day(parsing: "2026-11-22")!, sha256: "ab", corrections: 0, withdrawn: false)
        rec.entries["a/x"] = .init(firstPublished: Day(parsing: "2026-05-01")!, versions: [v])
        rec.entries["a/y"] = .init(firstPublished: Day(parsing: "2026-05-01")!, versions: [v])
        let (next, diags) = collecting { rec.reconciled(with: [], all: [], unreadable: ["a/x"], today: Day(parsing: "2026-11-22")!, into: $0) }
        #expect(diags.map(\.message) == ["已发布的公开「a/y」（2026-05-01 首次发布）的文件不见了"])
        #expect(next.entries.keys.sorted() == ["a/x", "a/y"])
    }
}

/// `1,900.00` typed unquoted in a CSV ledger, where the split lands in the 收入 and 支出 cells.
@Suite struct CSVAmountSplitAcrossColumnsTests {
    let p = "Content/notices/dongcun/2026/ledgers/2026-q3.csv"

    @Test func anIncomeSplitIntoTheExpenseCellIsNamed() {
        let s = FixtureSite()
        // The row lacks one trailing comma, so it still has as many cells as the header.
        s.write("notices/dongcun/2026/ledgers/2026-q3.csv", """
            日期,凭证号,科目,摘要,收入,支出,经手人
            2026-07-01,记-003,经营收入,土地租金,1,900.00,
            2026-08-15,记-004,公益支出,道路维修,,,丙某
            """)
        #expect(s.errors().map(\.description) == [
            "\(p):2:1: 错误: 这一笔同时填了收入和支出\n    2 | 2026-07-01,记-003,经营收入,土地租金,1,900.00,\n      | ^\n"
                + "    提示: 像是金额 1,900.00 没加引号，被千位逗号拆成了收入「1」和支出「900.00」两格：金额里不要写逗号，写成 1900.00；或者用英文双引号括起来：\"1,900.00\"。",
            "\(p):3:1: 错误: 这一笔既没有收入也没有支出\n    3 | 2026-08-15,记-004,公益支出,道路维修,,,丙某\n      | ^\n"
                + "    提示: 在这一行的「收入」或「支出」一格写上金额（只写一格）。",
        ])
    }

    @Test func twoRealAmountsKeepThePlainHint() {
        let s = FixtureSite()
        s.write("notices/dongcun/2026/ledgers/2026-q3.csv", "日期,凭证号,科目,摘要,收入,支出,经手人\n2026-07-01,记-003,应收款,代收代付,1200.00,300.00,丙某\n")
        #expect(s.errors().map(\.hint) == ["一笔只能是收入或支出之一；如果两样都有，请分成两笔记。"])
    }
}

/// A text attachment saved as UTF-16 (Notepad's “Unicode”) is still scanned for personal numbers.
@Suite struct UTF16AttachmentPrivacyTests {
    @Test(arguments: ["bom-le", "bom-be", "le"])
    func aMobileNumberInAUTF16AttachmentIsFound(_ form: String) throws {
        let s = FixtureSite()
        let text = "联系人 张三 13812345678\n"
        let bytes: [UInt8] = switch form {
        case "bom-le": [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "bom-be": [0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        default: Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        try s.write("notices/dongcun/2026/files/名单.txt", bytes: bytes)
        s.notice("notices/dongcun/2026/att.md", extra: "attachments:\n  - { file: files/名单.txt }\n")
        #expect(s.errors().map(\.headline) == ["Content/notices/dongcun/2026/files/名单.txt:1:8: 错误: 发现完整的手机号，不能公开：请改成 138****5678（手机号只保留前3位和后4位）"])
    }
}

/// An empty publication record is an error, not "nothing published yet" (which would drop every digest).
@Suite struct EmptyRecordTests {
    @Test(arguments: [[], [0xEF, 0xBB, 0xBF], Array(" \n\r\n".utf8)] as [[UInt8]])
    func anEmptyRecordIsAnError(_ bytes: [UInt8]) throws {
        let s = FixtureSite()
        try s.write("publication-record.yaml", bytes: bytes)
        #expect(s.errors().map(\.description) == ["Content/publication-record.yaml:1:1: 错误: 文件是空的\n    提示: "
            + "发布记录由程序维护，不会是空的，多半是保存或复制时出了问题：请从版本库里恢复 publication-record.yaml。如果还从来没有生成过网站，直接删掉这个空文件。"])
    }

    @Test func aRecordWithOnlyItsCommentsIsFine() {
        let s = FixtureSite()
        s.write("publication-record.yaml", PublicationRecord().rendered())
        #expect(s.errors().isEmpty)
    }
}
