import Foundation
import Testing
@testable import GongkaiCore

private func render(_ md: String, lineOffset: Int = 0, resolve: Markdown.LinkResolver? = nil) -> RenderedMarkdown {
    let file = String(repeating: "\n", count: lineOffset) + md
    return renderMarkdown(md, source: TestSupport.source(file), lineOffset: lineOffset, resolve: resolve)
}

/// Asterisks that mask names and numbers are shown exactly as written; real bold keeps working.
@Suite struct MaskingStarTests {
    @Test func maskedNamesAreNotBold() {
        let r = render("王**同志和李**同志\n")
        #expect(r.html == "<p>王**同志和李**同志</p>\n")
        #expect(r.diagnostics.isEmpty)
        #expect(render("王*明和李*华到场。\n").html == "<p>王*明和李*华到场。</p>\n")
        #expect(render("欧阳**同志和司马**同志\n").html == "<p>欧阳**同志和司马**同志</p>\n")
        #expect(render("村民王**户和李**户\n").html == "<p>村民王**户和李**户</p>\n")
    }

    @Test func maskedNumbersAreNotBold() {
        let r = render("138****1234或139****5678\n")
        #expect(r.html == "<p>138****1234或139****5678</p>\n")
        #expect(r.diagnostics.isEmpty)
        #expect(render("身份证号4521**********1234，4521**********123X\n").html
            == "<p>身份证号4521**********1234，4521**********123X</p>\n")
        #expect(render("面积按3*4*5计算\n").html == "<p>面积按3*4*5计算</p>\n")
        #expect(render("银行卡 **** **** **** 1234\n").html == "<p>银行卡 **** **** **** 1234</p>\n")
    }

    @Test func unpairedMasksGiveNoWarning() {
        let r = render("来自**镇的王**，男，63岁\n")
        #expect(r.html == "<p>来自**镇的王**，男，63岁</p>\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let list = render("- 王**，男，63岁\n- 欧阳**，女，70岁\n- 覃*\n")
        #expect(list.html == "<ul>\n<li>王**，男，63岁</li>\n<li>欧阳**，女，70岁</li>\n<li>覃*</li>\n</ul>\n")
        #expect(list.diagnostics.isEmpty)
        let tail = render("来自**镇的申请人\n")
        #expect(tail.html == "<p>来自**镇的申请人</p>\n")
        #expect(tail.diagnostics.isEmpty)
    }

    @Test func realBoldKeepsWorking() {
        #expect(render("这是**重要**通知\n").html == "<p>这是<strong>重要</strong>通知</p>\n")
        #expect(render("请于**12月20日前**到村委会\n").html == "<p>请于<strong>12月20日前</strong>到村委会</p>\n")
        #expect(render("关于**村道硬化工程**的公示\n").html == "<p>关于<strong>村道硬化工程</strong>的公示</p>\n")
        #expect(render("关于**王**同志的通知\n").html == "<p>关于<strong>王</strong>同志的通知</p>\n")
        #expect(render("- **建设地点**：新丰屯\n").html == "<ul>\n<li><strong>建设地点</strong>：新丰屯</li>\n</ul>\n")
        #expect(render("**先进基层党组织（3个）**\n").html == "<p><strong>先进基层党组织（3个）</strong></p>\n")
        #expect(render("## **一、收支情况**\n").html == "<h2><strong>一、收支情况</strong></h2>\n")
        #expect(render("## 王**同志和李**同志的申请\n").html == "<h2>王**同志和李**同志的申请</h2>\n")
        #expect(render("王**同志和李**同志\n===\n").html == "<h2>王**同志和李**同志</h2>\n")
        #expect(render("这是**重要**通知\n").diagnostics.isEmpty)
    }

    @Test func masksAndBoldOnOneLine() {
        let r = render("**公示名单**：王**同志、李**同志，联系电话138****1234。\n")
        #expect(r.html == "<p><strong>公示名单</strong>：王**同志、李**同志，联系电话138****1234。</p>\n")
        #expect(r.diagnostics.isEmpty)
        let roster = render("拟享受低保对象：王**同志和李**同志，**公示期7天**。\n")
        #expect(roster.html == "<p>拟享受低保对象：王**同志和李**同志，<strong>公示期7天</strong>。</p>\n")
    }

    @Test func codeIsLeftAlone() {
        #expect(render("写法：`王**同志和李**同志`\n").html == "<p>写法：<code>王**同志和李**同志</code></p>\n")
        #expect(render("```\n王**同志和李**同志\n138****1234\n```\n").html == "<pre><code>王**同志和李**同志\n138****1234\n</code></pre>\n")
        #expect(render("说明\n\n    王**同志和李**同志\n").html == "<p>说明</p>\n<pre><code>王**同志和李**同志\n</code></pre>\n")
        #expect(render("见<https://example.com/a**b>和王**同志\n").html
            == "<p>见<a href=\"https://example.com/a**b\">https://example.com/a**b</a>和王**同志</p>\n")
    }

    @Test func eitherReadingCanBeForced() {
        // `\*` always shows a star; a space before ** keeps bold from being read as a name mask.
        #expect(render("\\*\\*加粗\\*\\*\n").html == "<p>**加粗**</p>\n")
        #expect(render("这是\\*\\*重要\\*\\*通知\n").html == "<p>这是**重要**通知</p>\n")
        #expect(render("王 **同志和李**同志\n").html == "<p>王 <strong>同志和李</strong>同志</p>\n")
        // The examples of docs/编写指南.md, section 七.
        #expect(render("表彰 **村民代表和王**同志\n").html == "<p>表彰 <strong>村民代表和王</strong>同志</p>\n")
        #expect(render("经**村民代表和王**同志确认\n").html == "<p>经**村民代表和王**同志确认</p>\n")
        #expect(render("\\*\\*镇\\*\\*村\n").html == "<p>**镇**村</p>\n")
        #expect(render("**镇**村\n").html == "<p><strong>镇</strong>村</p>\n")
        #expect(render("韦**户\n").html == "<p>韦**户</p>\n")
    }

    @Test func failedBoldNextToPunctuationIsReportedWithThePunctuationHint() {
        let r = render("正文\n**收入：**主要来自租金。\n", lineOffset: 2)
        #expect(r.html == "<p>正文\n**收入：**主要来自租金。</p>\n")
        #expect(r.diagnostics.count == 1)
        let d = r.diagnostics[0]
        #expect(d.severity == .warning)
        #expect(d.line == 4 && d.column == 1)
        #expect(d.message == "加粗没有生效，页面上会直接显示星号「**」")
        #expect(d.hint?.contains("中文标点") == true)
    }

    @Test func otherFailedBoldGetsTheGeneralHint() {
        let r = render("这是**通知 **的内容\n")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.column == 3)
        #expect(r.diagnostics.first?.hint?.contains("中文标点") == false)
        #expect(r.diagnostics.first?.hint?.contains("\\*") == true)
        let latin = render("**Note:**abc\n")
        #expect(latin.diagnostics.count == 1)
        #expect(latin.diagnostics.first?.hint?.contains("中文标点") == false)
    }

    @Test func summaryTextShowsTheStars() {
        let r = render("# 公示\n\n王**同志和李**同志，电话138****1234。\n")
        #expect(r.text == "公示 王**同志和李**同志，电话138****1234。")
        #expect(NoticeParser.summarize(r.text, length: 8) == "公示 王**同志…")
    }

    @Test func lineNumbersAndColumnsStayTrue() {
        // Escaping adds backslashes to what cmark reads, never lines: a link error below still
        // names its own line.
        let r = render("王**同志和李**同志\n\n[点我](javascript:alert(1))\n", lineOffset: 5)
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.line == 8)
    }
}

/// GFM pipe tables, rendered by the same table code as ```csv blocks.
@Suite struct PipeTableTests {
    static let simple = "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th scope=\"col\">姓名</th><th scope=\"col\">金额（元）</th></tr>\n</thead>\n<tbody>\n"
        + "<tr><td data-label=\"姓名\">罗某福</td><td class=\"num\" data-label=\"金额（元）\">790.00</td></tr>\n"
        + "<tr><td data-label=\"姓名\">黄某英</td><td class=\"num\" data-label=\"金额（元）\">470.00</td></tr>\n</tbody>\n</table></div>\n"

    @Test func simpleTable() {
        let r = render("| 姓名 | 金额（元） |\n| --- | --- |\n| 罗某福 | 790.00 |\n| 黄某英 | 470.00 |\n")
        #expect(r.html == Self.simple)
        #expect(r.diagnostics.isEmpty)
        #expect(r.text == "姓名 金额（元） 罗某福 790.00 黄某英 470.00")
    }

    @Test func sameMarkupAsACsvBlock() {
        let csv = render("```csv\n姓名,金额（元）\n罗某福,790.00\n黄某英,470.00\n```\n")
        #expect(csv.html == Self.simple)
    }

    @Test func withoutOuterPipes() {
        #expect(render("姓名 | 金额（元）\n--- | ---:\n罗某福 | 790.00\n黄某英 | 470.00\n").html
            == Self.simple.replacingOccurrences(of: "<th scope=\"col\">金额（元）</th>", with: "<th scope=\"col\" class=\"right\">金额（元）</th>"))
    }

    @Test func alignments() {
        let r = render("| 左 | 中 | 右 | 数 |\n| :--- | :---: | ---: | --- |\n| 12 | b | c | 3 |\n")
        #expect(r.html == "<div class=\"table-wrap\"><table class=\"cards\">\n<thead>\n<tr><th scope=\"col\">左</th><th scope=\"col\" class=\"center\">中</th>"
            + "<th scope=\"col\" class=\"right\">右</th><th scope=\"col\">数</th></tr>\n</thead>\n<tbody>\n"
            + "<tr><td data-label=\"左\">12</td><td class=\"center\" data-label=\"中\">b</td><td class=\"right\" data-label=\"右\">c</td>"
            + "<td class=\"num\" data-label=\"数\">3</td></tr>\n</tbody>\n</table></div>\n")
    }

    @Test func escapedPipesAndInlineMarkdownInCells() {
        let r = render("| 写法 | 说明 |\n|---|---|\n| a\\|b | `x\\|y` |\n| **重要** | [详见](https://example.com) |\n")
        #expect(r.html.contains("<tr><td data-label=\"写法\">a|b</td><td data-label=\"说明\"><code>x|y</code></td></tr>"))
        #expect(r.html.contains("<tr><td data-label=\"写法\"><strong>重要</strong></td><td data-label=\"说明\"><a href=\"https://example.com\">详见</a></td></tr>"))
        #expect(r.diagnostics.isEmpty)
    }

    @Test func cellsFollowTheBodysSafetyRules() {
        var seen: [String] = []
        let r = render("| 项目 | 附件 |\n| --- | --- |\n| 甲 | [表](明细.csv) |\n| 乙 | [点我](javascript:alert(1)) |\n| 丙 | <b>粗</b> |\n# 二\n",
                       lineOffset: 3, resolve: { url in seen.append(url); return .rewrite("../files/" + url) })
        #expect(seen == ["明细.csv"])
        #expect(r.html.contains("<td data-label=\"附件\"><a href=\"../files/%E6%98%8E%E7%BB%86.csv\">表</a></td>"))
        #expect(r.html.contains("<td data-label=\"附件\"><a href=\"\">点我</a></td>"))
        #expect(!r.html.contains("<b>"))
        #expect(r.diagnostics.map(\.line) == [7, 8, 8])
        #expect(r.diagnostics.map(\.severity) == [.error, .warning, .warning])
    }

    @Test func raggedRowsArePaddedOrCutWithAWarningNamingTheLine() {
        let r = render("| 姓名 | 组 | 人数 |\n| --- | --- | --- |\n| 罗某福 | 上寨屯 |\n| 黄某英 | 石桥屯 | 1 | 多的 |\n", lineOffset: 10)
        #expect(r.html == "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th scope=\"col\">姓名</th><th scope=\"col\">组</th><th scope=\"col\">人数</th></tr>\n</thead>\n<tbody>\n"
            + "<tr><td data-label=\"姓名\">罗某福</td><td data-label=\"组\">上寨屯</td><td class=\"num\" data-label=\"人数\"></td></tr>\n"
            + "<tr><td data-label=\"姓名\">黄某英</td><td data-label=\"组\">石桥屯</td><td class=\"num\" data-label=\"人数\">1</td></tr>\n</tbody>\n</table></div>\n")
        #expect(r.diagnostics.map(\.line) == [13, 14])
        #expect(r.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(r.diagnostics[0].message == "表格这一行只有 2 列，表头有 3 列，缺的格子会空着")
        #expect(r.diagnostics[1].message == "表格这一行有 4 列，表头只有 3 列，多出来的格子不会显示")
        #expect(r.diagnostics[0].column == 1)
    }

    @Test func tableRightAfterAParagraphLine() {
        let r = render("名单如下：\n| 姓名 | 金额（元） |\n| --- | --- |\n| 罗某福 | 790.00 |\n| 黄某英 | 470.00 |\n\n以上。\n")
        #expect(r.html == "<p>名单如下：</p>\n" + Self.simple + "<p>以上。</p>\n")
    }

    @Test func tableInAListItemAndInABlockQuote() {
        let list = render("1. 名单：\n\n   | 姓名 | 金额（元） |\n   | --- | --- |\n   | 罗某福 | 790.00 |\n   | 黄某英 | 470.00 |\n2. 其他\n")
        #expect(list.html == "<ol>\n<li>\n<p>名单：</p>\n" + Self.simple + "</li>\n<li>\n<p>其他</p>\n</li>\n</ol>\n")
        let quote = render("> | 姓名 | 金额（元） |\n> | --- | --- |\n> | 罗某福 | 790.00 |\n> | 黄某英 | 470.00 |\n")
        #expect(quote.html == "<blockquote>\n" + Self.simple + "</blockquote>\n")
    }

    @Test func tableEndsAtABlankLineOrAnotherBlock() {
        let r = render("| 姓名 | 金额（元） |\n| --- | --- |\n| 罗某福 | 790.00 |\n| 黄某英 | 470.00 |\n---\n- 甲\n")
        #expect(r.html == Self.simple + "<hr />\n<ul>\n<li>甲</li>\n</ul>\n")
        let underlined = render("| 姓名 | 金额（元） |\n| --- | --- |\n| 罗某福 | 790.00 |\n| 黄某英 | 470.00 |\n===\n后文\n")
        #expect(underlined.html == Self.simple + "<p>后文</p>\n")
        // A one-dash underline would make a heading in CommonMark: under a table it means nothing.
        let dash = render("| 姓名 | 金额（元） |\n| --- | --- |\n| 罗某福 | 790.00 |\n| 黄某英 | 470.00 |\n-\n后文\n")
        #expect(dash.html == Self.simple + "<p>后文</p>\n")
        let rowWithoutPipes = render("| a | b |\n| - | - |\n| 1 | 2 |\n说明\n\n后文\n")
        #expect(rowWithoutPipes.html.contains("<tr><td data-label=\"a\">说明</td><td class=\"num\" data-label=\"b\"></td></tr>"))
        #expect(rowWithoutPipes.html.hasSuffix("</table></div>\n<p>后文</p>\n"))
        #expect(rowWithoutPipes.diagnostics.map(\.line) == [4])
        #expect(rowWithoutPipes.diagnostics.first?.hint?.contains("空一行") == true)
    }

    @Test func windowsLineEndings() {
        let r = render("| 姓名 | 金额（元） |\r\n| --- | --- |\r\n| 罗某福 | 790.00 |\r\n| 黄某英 | 470.00 |\r\n\r\n王**同志和李**同志\r\n")
        #expect(r.html == Self.simple + "<p>王**同志和李**同志</p>\n")
    }

    @Test func pipesThatAreNotATable() {
        #expect(render("a | b\nc | d\n").html == "<p>a | b\nc | d</p>\n")
        #expect(render("甲 | 乙\n").html == "<p>甲 | 乙</p>\n")
        #expect(render("```\n| a | b |\n| - | - |\n| 1 | 2 |\n```\n").html == "<pre><code>| a | b |\n| - | - |\n| 1 | 2 |\n</code></pre>\n")
        #expect(render("`| a |`\n").html == "<p><code>| a |</code></p>\n")
    }

    @Test func oneColumnTablesNeedAPipe() {
        #expect(render("| 名单 |\n| :-: |\n| 王** |\n").html == "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th scope=\"col\" class=\"center\">名单</th></tr>\n</thead>\n<tbody>\n"
            + "<tr><td class=\"center\" data-label=\"名单\">王**</td></tr>\n</tbody>\n</table></div>\n")
        #expect(render("名单\n:-\n").html == "<p>名单\n:-</p>\n")
    }

    @Test func headerAndDelimiterOfDifferentWidthIsReported() {
        let r = render("| 姓名 | 金额 |\n| --- |\n| 罗某福 |\n", lineOffset: 1)
        #expect(r.html == "<p>| 姓名 | 金额 |\n| --- |\n| 罗某福 |</p>\n")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.line == 3)
        #expect(r.diagnostics.first?.message == "这几行没有做成表格：表头有 2 列，下面的分隔行有 1 列")
    }

    @Test func htmlTableHintNamesBothWaysToWriteATable() {
        let r = render("<table><tr><td>1</td></tr></table>\n")
        #expect(r.diagnostics.first?.hint == "为了安全，网页上会去掉 HTML 代码。请改用 Markdown 写法；表格请用竖线「|」隔开各格，或用 ```csv 代码块。")
    }

    @Test func masksInCells() {
        let r = render("| 姓名 | 电话 | 备注 |\n| --- | --- | --- |\n| 王** | 138****1234 | **重点户** |\n")
        #expect(r.html.contains("<tr><td data-label=\"姓名\">王**</td><td data-label=\"电话\">138****1234</td><td data-label=\"备注\"><strong>重点户</strong></td></tr>"))
        #expect(r.text == "姓名 电话 备注 王** 138****1234 重点户")
        #expect(r.diagnostics.isEmpty)
    }

    @Test func failedBoldInACellPointsAtItsColumn() {
        let r = render("| 项目 | 说明 |\n| --- | --- |\n| 收入 | **租金：**每年 |\n")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.line == 3)
        #expect(r.diagnostics.first?.column == 8)
    }
}
