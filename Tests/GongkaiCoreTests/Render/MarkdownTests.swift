import Foundation
import Testing
@testable import GongkaiCore

@Suite struct MarkdownTests {
    func render(_ md: String) -> RenderedMarkdown {
        renderMarkdown(md, source: TestSupport.source(md), lineOffset: 0)
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
