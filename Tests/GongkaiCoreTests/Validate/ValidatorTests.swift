import Foundation
import Testing
@testable import GongkaiCore

/// The checks across files (`Validator`), run in-process on a model built in memory: each problem
/// is reported at the mark the parser kept for it.
@Suite struct ValidatorTests {
    let loc = ContentLocation(root: "/nonexistent", display: "Content")
    let today = Day(parsing: "2026-11-22")!

    func mark(_ file: String, _ line: Int, _ column: Int = 1) -> SourceMark {
        SourceMark(file: "Content/notices/" + file, line: line, column: column, text: "line \(line)")
    }

    func validate(_ model: ContentModel) -> [String] {
        collecting { d in
            Validator.validate(model, loc: loc, today: today, into: d)
            d.settle()
        }.1.map { "\($0.file):\($0.line):\($0.column): \($0.severity.label): \($0.message)" }
    }

    func numbered(_ slug: String, board: String = "a", date: String, number: String) -> Notice {
        var n = Sample.notice(slug, board: board, date: date)
        n.number = number
        n.numberMark = mark("\(board)/\(slug).md", 4, 9)
        n.sourcePath = "Content/notices/\(board)/\(slug).md"
        return n
    }

    @Test func aNumberUsedTwiceInOneBoardIsAnErrorAtTheLaterOne() {
        let model = Sample.model([numbered("late", date: "2026-10-02", number: "甲〔2026〕03号"),
                                  numbered("early", date: "2026-10-01", number: "甲[2026]3号"),
                                  numbered("other", board: "b", date: "2026-10-03", number: "甲〔2026〕3号")])
        #expect(validate(model) == ["Content/notices/a/late.md:4:9: 错误: 文号「甲〔2026〕03号」和 Content/notices/a/early.md 第 4 行的文号重复（那里写作「甲[2026]3号」）"])
    }

    func ledger(_ slug: String, _ period: String, opening: String, closing: String) -> Notice {
        var n = Sample.notice(slug, category: "caiwu", date: "2026-11-01")
        let file = "a/\(slug).yaml"
        n.finance.ledger = Ledger(period: Period(parsing: period)!, opening: (try! Money.parse(opening).get()), closing: (try! Money.parse(closing).get()),
                                  entries: [], sourcePath: "Content/notices/" + file, openingMark: mark(file, 2), periodMark: mark(file, 1, 9))
        return n
    }

    @Test func ledgersMustFollowOnWithoutGapOrOverlap() {
        let q1 = ledger("q1", "2026年第一季度", opening: "0", closing: "100")
        let overlap = ledger("h1", "2026年上半年", opening: "100", closing: "100")
        let q3 = ledger("q3", "2026年第三季度", opening: "90", closing: "90")
        #expect(validate(Sample.model([q3, overlap, q1])) == [
            "Content/notices/a/h1.yaml:1:9: 错误: 会计期间「2026年上半年」和 Content/notices/a/q1.yaml（2026年第一季度）重叠",
            "Content/notices/a/q3.yaml:2:1: 错误: 期初余额 90.00 元不等于上一期（2026年上半年，Content/notices/a/h1.yaml）的期末余额 100.00 元",
        ])
        #expect(validate(Sample.model([q3, q1])) == [
            "Content/notices/a/q3.yaml:1:9: 错误: 会计期间「2026年第三季度」和上一期 Content/notices/a/q1.yaml（2026年第一季度）之间缺了 2026-04-01 到 2026-06-30",
            "Content/notices/a/q3.yaml:2:1: 错误: 期初余额 90.00 元不等于上一期（2026年第一季度，Content/notices/a/q1.yaml）的期末余额 100.00 元",
        ])
    }

    @Test func aCorrectionMustNameAnEarlierNoticeOfTheSameBoard() {
        var fix = Sample.notice("fix", date: "2026-10-01")
        fix.contentPath = "notices/a/2026/fix.md"
        fix.process.corrects = "old.md"
        fix.process.correctsMark = mark("a/2026/fix.md", 6, 11)
        #expect(validate(Sample.model([fix])) == ["Content/notices/a/2026/fix.md:6:11: 错误: 找不到被更正的公开文件「old.md」"])
        var old = Sample.notice("old", date: "2026-10-05")
        old.contentPath = "notices/a/2026/old.md"
        #expect(validate(Sample.model([fix, old])) == ["Content/notices/a/2026/fix.md:6:11: 错误: 被更正的公开（2026-10-05）比更正（2026-10-01）还晚"])
    }

    @Test func aMissingSignoffIsReportedWithTheSiteSeverity() {
        var n = Sample.notice("u", category: "caiwu", date: "2026-10-01")
        n.signoff = []
        n.process.signoffMark = mark("a/u.md", 2)
        let found = validate(Sample.model([n]))
        #expect(found.count == 1 && found[0].hasPrefix("Content/notices/a/u.md:2:1: 警告: 缺少"), "\(found)")
        var strict = Sample.model([n])
        strict.site.process.signoffSeverity = .error
        #expect(validate(strict).first?.hasPrefix("Content/notices/a/u.md:2:1: 错误: 缺少") == true)
    }

    func decision(resolution: String?, result: String?, resolved: String) -> Decision {
        let steps = Decision.StepKind.allCases.map { Decision.Step(kind: $0, date: Day(parsing: resolved)!, bodyHTML: BodyHTML()) }
        return Decision(slug: "d", board: "a", title: "修路", steps: steps, introHTML: BodyHTML(), resolution: resolution, result: result,
                        sourcePath: "Content/decisions/a/d.md", contentPath: "decisions/a/d.md")
    }

    @Test func decisionDatesAndALateResult() {
        var published = Sample.notice("jueyi", date: "2026-03-01")
        published.contentPath = "notices/a/jueyi.md"
        published.sourcePath = "Content/notices/a/jueyi.md"
        var model = Sample.model([published])
        model.decisions = [decision(resolution: "notices/a/jueyi.md", result: nil, resolved: "2026-03-12")]
        #expect(validate(model) == [
            "Content/decisions/a/d.md:1:1: 错误: 决议公开（Content/notices/a/jueyi.md，2026-03-01）早于决议日期 2026-03-12",
            "Content/decisions/a/d.md:1:1: 警告: 「修路」决议已过 255 天，还没有公开实施结果",
        ])
        model.decisions = [decision(resolution: "notices/a/jueyi.md", result: nil, resolved: "2026-02-12")]
        model.site.process.decisionResultDays = 300
        #expect(validate(model).isEmpty)
    }

    /// A `.md` file without front matter under notices/: the usual message, or that it is another
    /// notice's attachment.
    @Test func markdownFilesThatAreNotNotices() {
        let dir = TestSupport.tempDir("bare")
        let here = ContentLocation(root: dir.path, display: "Content")
        TestSupport.write("附件\n", to: dir.appendingPathComponent("notices/a/fujian.md"))
        TestSupport.write("随手记\n", to: dir.appendingPathComponent("notices/a/biji.md"))
        var n = Sample.notice("n", date: "2026-10-01")
        n.sourcePath = "Content/notices/a/n.md"
        n.attachments = [Attachment(title: "附件", sourcePath: dir.appendingPathComponent("notices/a/fujian.md").resolvingSymlinksInPath().path,
                                    fileName: "fujian.md", size: 4, typeLabel: "文本")]
        var model = Sample.model([n])
        model.withoutFrontMatter = ["biji", "fujian"].map {
            ("notices/a/\($0).md", SourceFile(displayPath: "Content/notices/a/\($0).md", text: "x\n"))
        }
        let found = collecting { Validator.validate(model, loc: here, today: today, into: $0) }.1.map(\.headline)
        #expect(found == ["Content/notices/a/biji.md:1:1: 错误: 文件开头缺少「---」行",
                          "Content/notices/a/fujian.md:1:1: 错误: 「fujian.md」是 Content/notices/a/n.md 的附件，但 notices 文件夹里的每个 .md 文件都会被当作一篇公开"])
    }
}
