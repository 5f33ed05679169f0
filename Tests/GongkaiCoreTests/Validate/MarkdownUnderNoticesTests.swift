import Foundation
import Testing
@testable import GongkaiCore

@Suite struct MarkdownUnderNoticesTests {
    let p = "Content/notices/dongcun/2026/"
    let attachmentHint = "把附件改名为「附件说明.txt」（引用它的地方也要改），网页上作为文本附件下载；或者把它的内容直接写进那篇公开的正文。"

    @Test func anAttachmentThatIsAMarkdownFileIsToldSo() {
        let s = FixtureSite()
        s.write("notices/dongcun/2026/files/附件说明.md", "# 附件说明\n\n这是说明。\n")
        s.notice("notices/dongcun/2026/att.md", extra: "attachments:\n  - { file: files/附件说明.md, title: 说明 }\n")
        #expect(s.errors().map(\.description) == [
            "\(p)files/附件说明.md:1:1: 错误: 「附件说明.md」是 \(p)att.md 的附件，但 notices 文件夹里的每个 .md 文件都会被当作一篇公开\n"
                + "    1 | # 附件说明\n      | ^\n    提示: \(attachmentHint)",
        ])
    }

    @Test func aMarkdownFileLinkedFromABodyIsToldSo() {
        let s = FixtureSite()
        s.write("notices/dongcun/2026/附件说明.md", "附件的说明文字。\n")
        s.notice("notices/dongcun/2026/link.md", body: "详见[说明](附件说明.md)。")
        #expect(s.errors().map(\.headline) == [
            "\(p)附件说明.md:1:1: 错误: 「附件说明.md」是 \(p)link.md 的附件，但 notices 文件夹里的每个 .md 文件都会被当作一篇公开",
        ])
    }

    @Test func aNoticeWithoutFrontMatterStillGetsTheUsualMessage() {
        let s = FixtureSite()
        s.write("notices/dongcun/2026/忘了开头.md", "title: 标题\ncategory: 村务\n---\n正文\n")
        #expect(s.errors().map(\.description) == [
            "\(p)忘了开头.md:1:1: 错误: 文件开头缺少「---」行\n    1 | title: 标题\n      | ^\n"
                + "    提示: 公开文件的第一行必须是三个减号 ---，接着写开头信息（标题、日期等），再用一行 --- 结束，然后写正文。"
                + "notices 文件夹里的每个 .md 文件都会被当作一篇公开；如果这个文件是附件，请把它改名为 .txt 结尾。",
        ])
    }

    @Test func aTextAttachmentAndALinkToARealNoticeAreFine() {
        let s = FixtureSite()
        s.write("notices/dongcun/2026/files/附件说明.txt", "说明。\n")
        s.notice("notices/dongcun/2026/att.md", extra: "attachments:\n  - { file: files/附件说明.txt }\n", body: "另见[上一篇](cunwu-1.md)。")
        #expect(s.errors().isEmpty)
    }
}
