import Foundation
import Testing
@testable import GongkaiCore

@Suite struct DayTests {
    @Test func parsesFormats() {
        #expect(Day(parsing: "2026-10-15") == Day(year: 2026, month: 10, day: 15))
        #expect(Day(parsing: "2026/1/5") == Day(year: 2026, month: 1, day: 5))
        #expect(Day(parsing: "2026年1月5日") == Day(year: 2026, month: 1, day: 5))
        #expect(Day(parsing: "2026-02-30") == nil)
        #expect(Day(parsing: "2025-02-29") == nil)
        #expect(Day(parsing: "2024-02-29") != nil)
        #expect(Day(parsing: "26-1-5") == nil)
        #expect(Day(parsing: "明天") == nil)
    }

    @Test func ordinalRoundTripsAndWeekday() {
        let d = Day(year: 2026, month: 11, day: 22)!
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.weekday == 6)  // a Sunday
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(d.adding(days: 10) == Day(year: 2026, month: 12, day: 2))
        #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(d.chinese == "2026年11月22日")
    }
}

@Suite struct PeriodTests {
    @Test func recognisedForms() {
        #expect(Period(parsing: "2026年第三季度")?.label == "2026年第三季度")
        #expect(Period(parsing: "2026年第3季度")?.firstMonth == 7)
        #expect(Period(parsing: "2026年上半年")?.lastMonth == 6)
        #expect(Period(parsing: "2026年下半年")?.firstMonth == 7)
        #expect(Period(parsing: "2026年9月")?.kind == .month)
        #expect(Period(parsing: "2026年")?.kind == .year)
        #expect(Period(parsing: "2026年度")?.kind == .year)
        #expect(Period(parsing: "2026年1—9月累计")?.label == "2026年1—9月")
        #expect(Period(parsing: "2026年1-9月")?.lastMonth == 9)
        #expect(Period(parsing: "2026年第五季度") == nil)
        #expect(Period(parsing: "2026年13月") == nil)
        #expect(Period(parsing: "第三季度") == nil)
        #expect(Period(parsing: "2026年9—1月") == nil)
    }
}

@Suite struct MarkdownTests {
    func render(_ md: String) -> Markdown.Result {
        Markdown.render(md, source: TestSupport.source(md), lineOffset: 0)
    }

    @Test func lineBreakInsideChineseAddsNoSpace() {
        let r = render("本季度收入合计一万二千元，\n支出合计八千元\n结余四千元。\n")
        #expect(r.html == "<p>本季度收入合计一万二千元，支出合计八千元结余四千元。</p>\n")
    }

    @Test func lineBreakBetweenLatinWordsStays() {
        let r = render("open\ndata 开放\n数据\n")
        #expect(r.html == "<p>open\ndata 开放数据</p>\n")
    }

    @Test func lineBreakNextToEmphasisInsideChinese() {
        let r = render("请于**十月底**\n前缴纳。\n")
        #expect(r.html == "<p>请于<strong>十月底</strong>前缴纳。</p>\n")
    }

    @Test func failedEmphasisNextToCJKPunctuationIsReported() {
        let md = "第一段。\n\n正文\n**收入：**主要来自租金。\n"
        let r = render(md)
        #expect(r.diagnostics.count == 1)
        let d = r.diagnostics[0]
        #expect(d.severity == .warning)
        #expect(d.line == 4 && d.column == 1)
        #expect(d.message.contains("**"))
    }

    @Test func workingEmphasisIsNotReported() {
        #expect(render("**收入**：主要来自租金。\n").diagnostics.isEmpty)
    }

    @Test func csvBlockBecomesTable() {
        let r = render("表：\n\n```csv\n姓名,金额\n\"韦某, 甲\",1260.00\n```\n")
        #expect(r.html.contains("<th scope=\"col\">姓名</th>"))
        #expect(r.html.contains("<td data-label=\"姓名\">韦某, 甲</td><td class=\"num\" data-label=\"金额\">1260.00</td>"))
        #expect(!r.html.contains("<pre>"))
        #expect(r.diagnostics.isEmpty)
    }

    @Test func csvBlockWithRaggedRowsIsAnError() {
        let r = render("x\n\n```csv\na,b\n1\n```\n")
        #expect(r.diagnostics.first?.severity == .error)
        #expect(r.diagnostics.first?.line == 3)
    }

    @Test func csvCellsAreEscaped() {
        let r = render("```csv\n<b>x</b>,y\n<script>alert(1)</script>,2\n```\n")
        #expect(!r.html.contains("<script>"))
        #expect(r.html.contains("&lt;script&gt;"))
    }

    @Test func unsafeLinksAreErrorsAndRemoved() {
        let r = render("[点我](javascript:alert(1)) [好](https://example.com) [电话](tel:0771-1) [本站](../a.html)\n")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].severity == .error)
        #expect(!r.html.contains("javascript:"))
        #expect(r.html.contains("href=\"https://example.com\""))
        #expect(r.html.contains("href=\"tel:0771-1\""))
        #expect(r.html.contains("href=\"../a.html\""))
    }

    @Test func rawHTMLIsDroppedWithAWarning() {
        let r = render("<script>alert(1)</script>\n\n文字<img src=x onerror=alert(1)>\n")
        #expect(!r.html.contains("<script"))
        #expect(!r.html.contains("<img"))
        #expect(r.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(!r.diagnostics.isEmpty)
    }

    @Test func bodyHeadingsStartAtH2() {
        #expect(render("# 一\n\n## 二\n\n###### 六\n").html == "<h2>一</h2>\n<h3>二</h3>\n<h6>六</h6>\n")
        // The body's top level sits right under the page's <h1>, the others keep their steps below it:
        // `##` subheadings, as the staff guide writes them, do not skip <h2>.
        #expect(render("## 一\n\n### 二\n\n正文\n").html == "<h2>一</h2>\n<h3>二</h3>\n<p>正文</p>\n")
        #expect(render("### 一\n").html == "<h2>一</h2>\n")
        #expect(render("## 一\n\n###### 六\n").html == "<h2>一</h2>\n<h6>六</h6>\n")
    }

    @Test func plainTextForSummaries() {
        let r = render("# 标题\n\n第一段\n文字。\n\n- 甲\n- 乙\n")
        #expect(r.text == "标题 第一段文字。 甲 乙")
    }

    @Test func summaryCountsCharactersNotBytes() {
        let s = NoticeParser.summarize(String(repeating: "公", count: 130), length: 120)
        #expect(s.count == 121)
        #expect(s.hasSuffix("…"))
        #expect(NoticeParser.summarize("短文", length: 120) == "短文")
    }
}

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
        let ctx = YAMLContext(source: TestSupport.source("---\n" + yaml), lineOffset: offset)
        return (MapReader(ctx.compose(yaml), ctx: ctx, place: "", what: "信息区"), ctx)
    }

    @Test func unknownKeyGetsDidYouMean() {
        let (m, ctx) = reader("title: a\ncatgory: 财务\n")
        m?.checkKeys(NoticeField.all)
        #expect(ctx.diagnostics.count == 1)
        let d = ctx.diagnostics[0]
        #expect(d.line == 3 && d.column == 1)
        #expect(d.message.contains("catgory"))
        #expect(d.hint?.contains("category") == true)
    }

    @Test func commaInsideAFlowMappingIsExplained() {
        let (m, ctx) = reader("signoff:\n  - { role: 主任, name: 乙某, note: 共352,800.00元 }\n")
        for s in m?.mapList(NoticeField.signoff) ?? [] { s.checkKeys(NoticeField.Signoff.all + [Field("note", "说明", .text)]) }
        #expect(ctx.diagnostics.count == 1)
        #expect(ctx.diagnostics.first?.message.contains("英文逗号") == true)
    }

    @Test func chineseColonIsExplained() {
        let (m, ctx) = reader("title：通知\n")
        #expect(m == nil)
        #expect(ctx.diagnostics.first?.message.contains("中文冒号") == true)
    }

    @Test func chineseColonAfterAFieldNameOnAnyLine() {
        let (m, ctx) = reader("title: 通知\ndate：2026-01-10\nsignoff:\n  - role：主任\n")
        #expect(m == nil)
        #expect(ctx.diagnostics.count == 1)
        #expect(ctx.diagnostics.first?.line == 3 && ctx.diagnostics.first?.column == 5)
        #expect(ctx.diagnostics.first?.message == "字段「date」后面用了中文冒号「：」")
        // A Chinese colon inside a value is fine.
        let (ok, ctx2) = reader("title: 关于：某事\n")
        #expect(ok != nil && ctx2.diagnostics.isEmpty)
    }

    @Test func fullWidthSpaceIndent() {
        let (_, ctx) = reader("signoff:\n\u{3000}- role: x\n")
        #expect(ctx.diagnostics.first?.message == "缩进里用了全角空格")
        #expect(ctx.diagnostics.count == 1)
    }

    @Test func transposedLettersGetDidYouMean() {
        #expect(closest("titel", among: NoticeField.all.map(\.key)) == "title")
        #expect(closest("signof", among: NoticeField.all.map(\.key)) == "signoff")
        #expect(closest("xyz", among: NoticeField.all.map(\.key)) == nil)
    }

    @Test func tabIndentIsExplained() {
        let (_, ctx) = reader("title: a\nsignoff:\n\t- role: x\n")
        #expect(ctx.diagnostics.first?.line == 4)
        #expect(ctx.diagnostics.first?.message.contains("Tab") == true)
        #expect(ctx.diagnostics.count == 1)  // no second "是空的" message
    }

    @Test func syntaxErrorHasLineAndPlainChinese() {
        let (_, ctx) = reader("title: 通知: 第二号\n")
        #expect(ctx.diagnostics.first?.line == 2)
        #expect(ctx.diagnostics.first?.message.contains("冒号") == true)
    }

    @Test func badDateNamesTheField() {
        let (m, ctx) = reader("date: 2026-13-01\n")
        #expect(m?.day(NoticeField.date) == nil)
        #expect(ctx.diagnostics.first?.message.contains("date") == true)
        #expect(ctx.diagnostics.first?.line == 2)
        #expect(ctx.diagnostics.first?.column == 7)
    }

    @Test func duplicateKeysAreReported() {
        let (_, ctx) = reader("title: a\ntitle: b\n")
        #expect(ctx.diagnostics.first?.message.contains("两次") == true)
    }
}

@Suite struct DiagnosticFormatTests {
    @Test func headlineAndCaretUnderWideCharacters() {
        let d = Diagnostic(.error, file: "Content/a.md", line: 3, column: 4, "不认识的类别", hint: "写 财务", sourceLine: "类别：财务")
        #expect(d.headline == "Content/a.md:3:4: 错误: 不认识的类别")
        let lines = d.description.split(separator: "\n").map(String.init)
        #expect(lines[1] == "    3 | 类别：财务")
        #expect(lines[2] == "      |       ^")
        #expect(lines[3] == "    提示: 写 财务")
    }
}

@Suite struct URLTests {
    @Test func rootPrefix() {
        #expect(URLs.root(for: "index.html") == "")
        #expect(URLs.root(for: "a/notice/b.html") == "../../")
    }

    @Test func encodesNonASCIIFileNames() {
        #expect(URLs.encode("a/files/b/明细 表.csv") == "a/files/b/%E6%98%8E%E7%BB%86%20%E8%A1%A8.csv")
    }

    @Test func writerRejectsEscapingPaths() {
        #expect(!SiteWriter.isSafeRelative("../x"))
        #expect(!SiteWriter.isSafeRelative("/etc/x"))
        #expect(!SiteWriter.isSafeRelative("a//b"))
        #expect(SiteWriter.isSafeRelative("a/b.html"))
    }
}

@Suite struct AttachmentPathTests {
    @Test func lexicalNormalisation() {
        #expect(NoticeParser.normalize("notices/a/2026/files/x.csv") == "notices/a/2026/files/x.csv")
        #expect(NoticeParser.normalize("notices/a/2026/../x.csv") == "notices/a/x.csv")
        #expect(NoticeParser.normalize("notices/a/./x.csv") == "notices/a/x.csv")
        #expect(NoticeParser.normalize("notices/a/2026/../../../site.yaml") == "site.yaml")
        #expect(NoticeParser.normalize("notices/a/2026/../../../../secret") == nil)
    }
}
