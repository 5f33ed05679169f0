import Foundation
import Testing
@testable import GongkaiCore

@Suite struct NoticeNumberTests {
    let p = "Content/notices/dongcun/"
    let hint = "同一个村的每篇公开都要有自己的文号，草稿、党内公开和已撤回的公开也占着它们的文号。请核对文号；更正公开要用新的文号。"

    @Test func sameNumberWrittenDifferentlyIsTheSame() {
        let k = Validator.numberKey
        #expect(k("青禾财〔2026〕3号") == k("青禾财[2026]3号"))
        #expect(k("青禾财〔2026〕3号") == k(" 青禾财（２０２６）３号 "))
        #expect(k("青禾财〔2026〕3号") == k("青禾财［2026］03号"))
        #expect(k("青禾财〔2026〕3号") == k("青禾财 (2026) 3 号"))
        #expect(k("青禾财〔2026〕3号") == k("青禾财【2026】3号"))
        #expect(k("Qh财〔2026〕3号") == k("ＱＨ财〔2026〕3号"))
        #expect(k("青禾财〔2026〕3号") == k("青禾财﹝2026﹞3号"))  // small brackets, common in typed 文号
        #expect(k("青禾财〔2026〕3号") == k("青禾财〈2026〉3号"))
        #expect(k("青禾财〔2026〕3号") == k("青禾财＜2026＞3号"))
        // Different numbers stay different.
        #expect(k("青禾财〔2026〕3号") != k("青禾财〔2026〕30号"))
        #expect(k("青禾财〔2026〕3号") != k("青禾财〔2025〕3号"))
        #expect(k("青禾财〔2026〕3号") != k("青禾政〔2026〕3号"))
        #expect(k("青禾财〔2026〕10号") != k("青禾财〔2026〕1号"))
        #expect(k("青禾财〔2026〕0号") != k("青禾财〔2026〕号"))
    }

    @Test func secondNoticeWithTheSameNumberNamesTheFirst() {
        let s = FixtureSite()
        // q3-caiwu.md (2026-10-15) has 东财〔2026〕3号 on line 6.
        s.notice("notices/dongcun/2026/later.md", date: "2026-11-01", extra: "number: 东财[2026]3号\n")
        s.notice("notices/dongcun/2026/same.md", date: "2026-11-02", extra: "number: 东财〔2026〕3号\n")
        let errors = s.errors()
        #expect(errors.map(\.description) == [
            "\(p)2026/later.md:5:1: 错误: 文号「东财[2026]3号」和 \(p)2026/q3-caiwu.md 第 6 行的文号重复（那里写作「东财〔2026〕3号」）\n"
                + "    5 | number: 东财[2026]3号\n      | ^\n    提示: \(hint)",
            "\(p)2026/same.md:5:1: 错误: 文号「东财〔2026〕3号」和 \(p)2026/q3-caiwu.md 第 6 行的文号重复\n"
                + "    5 | number: 东财〔2026〕3号\n      | ^\n    提示: \(hint)",
        ])
    }

    @Test func theEarlierNoticeIsTheFirstWhateverItsFileName() {
        let s = FixtureSite()
        // a.md sorts first but is dated after q3-caiwu.md: it is the one that reused the number.
        s.notice("notices/dongcun/2026/a.md", date: "2026-10-20", extra: "number: 东财（2026）3号\n")
        #expect(s.errors().map(\.headline) == [
            "\(p)2026/a.md:5:1: 错误: 文号「东财（2026）3号」和 \(p)2026/q3-caiwu.md 第 6 行的文号重复（那里写作「东财〔2026〕3号」）",
        ])
    }

    @Test func draftsPartyOnlyWithdrawnAndCorrectionsHoldTheirNumbers() {
        let s = FixtureSite()
        s.notice("notices/dongcun/2026/draft.md", date: "2026-11-01", extra: "number: 东财〔2026〕3号\ndraft: true\n")
        s.notice("notices/dongcun/2026/party.md", date: "2026-11-02", extra: "number: 东财〔2026〕3号\nscope: 党内\n")
        s.notice("notices/dongcun/2026/fix.md", date: "2026-11-03",
                 extra: "number: 东财〔2026〕3号\ncorrects: { notice: q3-caiwu.md, reason: 金额写错 }\n")
        // A withdrawn notice keeps its number: a new one may not take it.
        s.notice("notices/dongcun/2026/gone.md", date: "2026-09-01", extra: "number: 东村〔2026〕7号\nwithdrawn: { date: 2026-09-05, reason: 重复发布 }\n")
        s.notice("notices/dongcun/2026/new.md", date: "2026-09-10", extra: "number: 东村〔2026〕7号\n")
        let numbers = s.errors().filter { $0.message.contains("文号") }.map { "\($0.file):\($0.line)" }
        #expect(numbers == ["\(p)2026/draft.md:5", "\(p)2026/fix.md:5", "\(p)2026/new.md:5", "\(p)2026/party.md:5"])
    }

    @Test func sameNumberOnDifferentBoardsIsAllowedAndTheTownshipIsABoard() {
        let s = FixtureSite()
        s.write("notices/township/a.md", "---\ntitle: 镇里的\ncategory: 政务\ndate: 2026-09-02\nnumber: 东财〔2026〕3号\n"
                + "signoff:\n  - { role: 审核, name: 丁某 }\n---\n正文。\n")
        #expect(!s.diagnostics().contains { $0.message.contains("文号") })
        s.write("notices/township/b.md", "---\ntitle: 镇里的二\ncategory: 政务\ndate: 2026-09-03\nnumber: 东财〔2026〕3号\n"
                + "signoff:\n  - { role: 审核, name: 丁某 }\n---\n正文。\n")
        let d = s.errors().filter { $0.message.contains("文号") }
        #expect(d.map(\.headline) == ["Content/notices/township/b.md:5:1: 错误: 文号「东财〔2026〕3号」和 Content/notices/township/a.md 第 5 行的文号重复"])
        #expect(d.first?.hint?.hasPrefix("乡镇本级的每篇公开都要有自己的文号") == true)
    }
}
