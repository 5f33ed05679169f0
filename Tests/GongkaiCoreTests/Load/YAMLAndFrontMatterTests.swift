import Foundation
import Testing
@testable import GongkaiCore

@Suite struct FrontMatterTests {
    @Test func strictDelimiters() {
        let r = NoticeParser.splitFrontMatter("---\ntitle: a\n---\n正文\n---\n更多")
        #expect(r?.yaml == "title: a")
        #expect(r?.body == "正文\n---\n更多")
        #expect(r?.closingLine == 3)
        #expect(NoticeParser.splitFrontMatter("---\ntitle: a\n") == nil)
        #expect(NoticeParser.splitFrontMatter("title: a\n---\n") == nil)
        // `----` is not a delimiter
        #expect(NoticeParser.splitFrontMatter("---\ntitle: a\n----\nx") == nil)
    }
}

@Suite struct YAMLReaderTests {
    func reader(_ yaml: String, offset: Int = 1) -> (MapReader?, YAMLContext) {
        let ctx = YAMLContext(source: TestSupport.source("---\n" + yaml), lineOffset: offset, into: Diagnostics())
        return (MapReader(ctx.compose(yaml), ctx: ctx, place: "", what: "信息区"), ctx)
    }

    @Test func unknownKeyGetsDidYouMean() {
        let (m, ctx) = reader("title: a\ncatgory: 财务\n")
        m?.checkKeys(NoticeField.all)
        #expect(ctx.diagnostics.all.count == 1)
        let d = ctx.diagnostics.all[0]
        #expect(d.line == 3 && d.column == 1)
        #expect(d.message.contains("catgory"))
        #expect(d.hint?.contains("category") == true)
    }

    @Test func commaInsideAFlowMappingIsExplained() {
        let (m, ctx) = reader("signoff:\n  - { role: 主任, name: 乙某, note: 共352,800.00元 }\n")
        for s in m?.mapList(NoticeField.signoff) ?? [] { s.checkKeys(NoticeField.Signoff.all + [Field("note", "说明", .text)]) }
        #expect(ctx.diagnostics.all.count == 1)
        #expect(ctx.diagnostics.all.first?.message.contains("英文逗号") == true)
    }

    @Test func chineseColonIsExplained() {
        let (m, ctx) = reader("title：通知\n")
        #expect(m == nil)
        #expect(ctx.diagnostics.all.first?.message.contains("中文冒号") == true)
    }

    @Test func chineseColonAfterAFieldNameOnAnyLine() {
        let (m, ctx) = reader("title: 通知\ndate：2026-01-10\nsignoff:\n  - role：主任\n")
        #expect(m == nil)
        #expect(ctx.diagnostics.all.count == 1)
        #expect(ctx.diagnostics.all.first?.line == 3 && ctx.diagnostics.all.first?.column == 5)
        #expect(ctx.diagnostics.all.first?.message == "字段「date」后面用了中文冒号「：」")
        // A Chinese colon inside a value is fine.
        let (ok, ctx2) = reader("title: 关于：某事\n")
        #expect(ok != nil && ctx2.diagnostics.all.isEmpty)
    }

    @Test func fullWidthSpaceIndent() {
        let (_, ctx) = reader("signoff:\n\u{3000}- role: x\n")
        #expect(ctx.diagnostics.all.first?.message == "缩进里用了全角空格")
        #expect(ctx.diagnostics.all.count == 1)
    }

    @Test func transposedLettersGetDidYouMean() {
        #expect(closest("titel", among: NoticeField.all.map(\.key)) == "title")
        #expect(closest("signof", among: NoticeField.all.map(\.key)) == "signoff")
        #expect(closest("xyz", among: NoticeField.all.map(\.key)) == nil)
    }

    @Test func tabIndentIsExplained() {
        let (_, ctx) = reader("title: a\nsignoff:\n\t- role: x\n")
        #expect(ctx.diagnostics.all.first?.line == 4)
        #expect(ctx.diagnostics.all.first?.message.contains("Tab") == true)
        #expect(ctx.diagnostics.all.count == 1)  // no second "是空的" message
    }

    @Test func syntaxErrorHasLineAndPlainChinese() {
        let (_, ctx) = reader("title: 通知: 第二号\n")
        #expect(ctx.diagnostics.all.first?.line == 2)
        #expect(ctx.diagnostics.all.first?.message.contains("冒号") == true)
    }

    @Test func badDateNamesTheField() {
        let (m, ctx) = reader("date: 2026-13-01\n")
        #expect(m?.day(NoticeField.date) == nil)
        #expect(ctx.diagnostics.all.first?.message.contains("date") == true)
        #expect(ctx.diagnostics.all.first?.line == 2)
        #expect(ctx.diagnostics.all.first?.column == 7)
    }

    @Test func duplicateKeysAreReported() {
        let (_, ctx) = reader("title: a\ntitle: b\n")
        #expect(ctx.diagnostics.all.first?.message.contains("两次") == true)
    }
}
