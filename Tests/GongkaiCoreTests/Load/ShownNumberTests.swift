import Foundation
import Testing
@testable import GongkaiCore

/// A personal number is judged as the page shows it: a Markdown paragraph joins its lines and
/// drops its markup, YAML joins folded lines and decodes escapes, attachments come in GBK or
/// UTF-16, roster cells in full-width digits.
@Suite struct ShownNumberTests {
    /// 450123, born 1985-03-17, check character 9.
    let id = "450123198503170029"

    func render(_ md: String) -> RenderedMarkdown {
        renderMarkdown(md, source: TestSupport.source(md), lineOffset: 0)
    }

    func personal(_ r: RenderedMarkdown) -> [Diagnostic] {
        r.diagnostics.filter { $0.message.hasPrefix("发现完整的") }
    }

    @Test func numbersJoinedOnThePageAreFound() {
        let cases: [(md: String, line: Int, masked: String)] = [
            ("身份证号：450123 1985\n0317 0029，特此公示。\n", 1, "4501**********0029"),     // soft line break
            ("第一段。\n\n联系手机 139 0771\n5678，欢迎来电。\n", 3, "139****5678"),
            ("手机 `139` `0771` `5678` 欢迎来电。\n", 1, "139****5678"),                          // code spans
            ("身份证：11010519491231002\nX\n", 1, "1101**********002X"),                      // X on the next line
            ("身份证号 [4501](https://a.example.cn/)23198503170029\n", 1, "4501**********0029"),   // link text
            ("身份证号 4501&ZeroWidthSpace;23198503170029\n", 1, "4501**********0029"),          // invisible entity
            ("身份证号 4501<span></span>23198503170029\n", 1, "4501**********0029"),            // dropped HTML
            ("身份证号 450123\\-19850317\\-0029\n", 1, "4501**********0029"),                   // escaped hyphens
            ("银行卡 6228 4800 [3812 3456](https://a.example.cn/) 782 已发放。\n", 1, "**** 6782"),
            ("> 联系手机 139 0771\n> 5678\n", 1, "139****5678"),                                // block quote
            ("- 身份证 450123 1985\n0317 0029\n- 其他\n", 1, "4501**********0029"),             // list item, lazy line
            ("450123 1985\n0317 0029\n======\n", 1, "4501**********0029"),                       // setext heading
            ("![450123 1985\n0317 0029](https://a.example.cn/x.png)\n", 1, "4501**********0029"), // image alt
            ("见[说明](https://a.example.cn/ \"联系手机 139 0771\n5678\")。\n", 1, "139****5678"),       // link title
            ("| 姓名 | 身份证号 |\n|---|---|\n| 王某 | 4501[2319850317](https://a.example.cn/)0029 |\n", 3, "4501**********0029"),
        ]
        for c in cases {
            let found = personal(render(c.md))
            #expect(found.count == 1, "\(c.md): \(found)")
            #expect(found.first?.line == c.line, "\(c.md)")
            #expect(found.first?.message.contains(c.masked) == true, "\(c.md): \(found)")
            #expect(found.first?.hint?.hasPrefix("网页上这几段数字会连成一个号码显示") == true)
            #expect(!found.contains { $0.message.contains(id) })
        }
    }

    /// Stars between digits hide none of them: `4501**2319850317**0029` (meant as bold) shows the
    /// whole number, on its line. A real mask replaces digits and is never reported.
    @Test func starsBetweenDigitsAreSeparators() {
        #expect(PersonalData.scan("身份证号 4501**2319850317**0029").map(\.masked) == ["4501**********0029"])
        #expect(PersonalData.scan("身份证号 4501*2319850317*0029").map(\.masked) == ["4501**********0029"])
        #expect(PersonalData.scan("| 王某 | 4501＊＊2319850317＊＊0029 |").map(\.masked) == ["4501**********0029"])
        #expect(PersonalData.scan("银行卡 6228 4800 **3812 3456** 782").map(\.masked) == ["**** 6782"])
        #expect(PersonalData.scan("**手机**：139**0771**5678").map(\.masked) == ["139****5678"])
        for masked in ["138****1234", "4501**********0029", "450123********0029", "4501 **** **** 0029",
                       "**** **** **** 6782", "6228 48** **** 6782", "王**，139****5678，4501**********0029",
                       "面积按3*4*5计算", "**12,345.67**元", "**2026年11月20日**至**2026年11月27日**"] {
            #expect(PersonalData.scan(masked).isEmpty, "\(masked)")
        }
    }

    @Test func columnPointsAtTheNumber() {
        let found = personal(render("身份证号：450123 1985\n0317 0029，特此公示。\n"))
        #expect(found.first?.column == 6)
        #expect(personal(render("手机 `139` `0771` `5678`\n")).first?.column == 5)
    }

    /// What the line-by-line scan of the file reports is not reported again.
    @Test func numbersOnOneLineAreLeftToTheFileScan() {
        #expect(personal(render("身份证号 4501 2319 8503 1700 29 特此公示。\n")).isEmpty)
        #expect(personal(render("| 王某 | 139 0771 5678 |\n|---|---|\n| a | b |\n")).isEmpty)
    }

    @Test func numbersSplitByAHardBreakOrAParagraphAreNotJoined() {
        #expect(personal(render("手机 139 0771\\\n5678 两行。\n")).isEmpty)
        #expect(personal(render("手机 139 0771\n\n5678 两段。\n")).isEmpty)
    }

    /// The plain text (summaries, feeds) joins blocks with a space: digits the page shows apart
    /// (paragraphs, list items, table cells, a hard line break) are kept apart there by ` / `.
    @Test func summaryTextKeepsApartWhatThePageShowsApart() {
        #expect(render("手机 139 0771\\\n5678 两行。\n").text == "手机 139 0771 / 5678 两行。")
        #expect(render("手机 139 0771\n\n5678 两段。\n").text == "手机 139 0771 / 5678 两段。")
        #expect(render("- 139 0771\n- 5678\n").text == "139 0771 / 5678")
        #expect(render("| 甲 | 乙 | 丙 |\n|---|---|---|\n| 139 | 0771 | 5678 |\n").text == "甲 乙 丙 139 / 0771 / 5678")
        #expect(render("```\n139 0771\n5678\n```\n").text == "139 0771 / 5678")
        #expect(render("```csv\n甲,乙,丙\n139,0771,5678\n收入,\"12,000.00\",元\n```\n").text == "甲 乙 丙 139 / 0771 / 5678 收入 12,000.00 元")
        #expect(render("第一段。\n\n第二段 2026\n年\n").text == "第一段。 第二段 2026 年")
        #expect(PersonalData.scan(render("手机 139 0771\n\n5678\n\n身份证 450123 1985\\\n0317 0029\n").text).isEmpty)
    }

    @Test func publicNumbersStayAllowed() {
        let r = renderMarkdown("值班手机 139 0771\n5678\n", source: TestSupport.source("值班手机 139 0771\n5678\n"), lineOffset: 0,
                                allowed: ["13907715678"])
        #expect(personal(r).isEmpty)
    }

    /// Ledgers, budgets and notices put amounts, dates, landlines and document numbers on
    /// consecutive lines of a paragraph: joined, they still hold no personal number.
    @Test func joinedLedgerLinesStayQuiet() {
        let md = """
        本季度收入 12,345.67 元
        支出 8,901.23 元，期末余额 3,444.44 元
        凭证号 2026070112 至 2026093045
        公示时间 2026-11-20
        至 2026-11-27，监督电话 0771-5821102
        (0771)5821102 或 0771 582 1102
        文号 东政发〔2026〕15号 邮编 530123
        统一社会信用代码 54450123MJK123456X
        合同编号 HT-2026-0315-018 项目编号 450123-2026-0042
        第 12 页至第 18 页，时间 2026年11月20日
        9:30 至 11:30，面积 1234.5
        6789 平方米
        """
        #expect(personal(render(md + "\n")).isEmpty, "\(personal(render(md + "\n")))")
    }

    @Test func foldedAndEscapedYAMLValuesAreFound() {
        func open(_ front: String) -> [Diagnostic] {
            let src = TestSupport.source("---\ntitle: 测试\n\(front)---\n正文。\n")
            let (_, diagnostics) = collecting { NoticeParser.FrontMatter.open(src, kind: "公开文件", allowed: [], sink: $0) }
            return diagnostics.filter { $0.message.hasPrefix("发现完整的") }
        }
        let folded = open("summary: >\n  联系人手机 139 0771\n  5678\n")
        #expect(folded.count == 1)
        #expect(folded.first?.line == 3)
        #expect(folded.first?.message.contains("139****5678") == true)
        #expect(open("summary: 联系人手机 139 0771\n  5678\n").count == 1)
        #expect(open("summary: \"手机 139\\x200771\\x205678\"\n").count == 1)
        // On one line the scan of the file reports it; the value scan does not repeat it.
        #expect(open("summary: 联系人手机 139 0771 5678\n").isEmpty)
        #expect(open("summary: >\n  期末余额 12,345.67 元\n  2026-11-20 公开\n").isEmpty)
    }

    /// Every YAML file is read the same way: village and site files, registers, budgets, ledgers.
    @Test func foldedValuesInEveryYAMLFileAreFound() {
        func personal(_ d: [Diagnostic]) -> Int { d.filter { $0.message.hasPrefix("发现完整的") }.count }
        let folded = "intro: >\n  联系人手机 139 0771\n  5678\n"
        let village = TestSupport.source("name: 东村\n" + folded, path: "Content/villages/dongcun.yaml")
        #expect(personal(collecting { Loader.parseVillage(village, slug: "dongcun", privacy: [], $0) }.1) == 1)
        #expect(personal(collecting { Loader.parseVillage(village, slug: "dongcun", privacy: ["13907715678"], $0) }.1) == 0)
        // site.yaml: its own public_numbers apply.
        let site = "name: 测试镇\n" + folded
        #expect(personal(collecting { Loader.parseSite(TestSupport.source(site, path: "Content/site.yaml"), $0) }.1) == 1)
        #expect(personal(collecting {
            Loader.parseSite(TestSupport.source(site + "public_numbers: [\"139 0771 5678\"]\n", path: "Content/site.yaml"), $0)
        }.1) == 0)
        let items = "items:\n  - note: >\n      联系人手机 139 0771\n      5678\n"
        #expect(personal(collecting { FinanceParser.register(TestSupport.source(items), kind: .debts, privacy: [], into: $0) }.1) == 1)
        #expect(personal(collecting { FinanceParser.register(TestSupport.source(items), kind: .assets, privacy: [], into: $0) }.1) == 1)
        #expect(personal(collecting { FinanceParser.budget(TestSupport.source(items), chart: [], privacy: [], into: $0) }.1) == 1)
        let ledger = TestSupport.source("period: 2026年第三季度\n" + items.replacingOccurrences(of: "items", with: "entries"))
        let loc = ContentLocation(root: "/nonexistent", display: "Content")
        #expect(personal(collecting { FinanceParser.ledger(ledger, chart: [], loc: loc, relativeDir: "x", privacy: [], into: $0) }.1) == 1)
    }

    /// A quoted CSV field may hold line breaks; its table cell shows them as spaces.
    @Test func csvFieldsOverLineBreaksAreFound() {
        let found = PersonalData.scanCSVFields("姓名,身份证号\n王某,\"450123 1985\n0317 0029\"\n")
        #expect(found.map(\.masked) == ["4501**********0029"])
        #expect(found.first.map { [$0.line, $0.column] } == [2, 4])
        #expect(PersonalData.scanCSVFields("a,\"备注 \"\"手机\"\" 139 0771\n5678\"\n").count == 1)
        #expect(PersonalData.scanCSVFields("a,\"139 0771\n5678\"\n", allowed: ["13907715678"]).isEmpty)
        // On one line the line scan reports it; separate fields never join.
        #expect(PersonalData.scanCSVFields("a,\"139 0771 5678\"\n").isEmpty)
        #expect(PersonalData.scanCSVFields("a,\"139 0771\",\"5678\"\n139,\"0771\n\",5678\n").isEmpty)
        // Ledger rows with a multi-line 摘要 of dates and amounts hold nothing.
        let ledger = """
        日期,凭证号,科目,摘要,收入,支出,经手人
        2026-07-01,记-003,经营收入,"收取2026年1—6月土地租金
        12,000.00元（合同 HT-2026-0315-018）
        凭证 2026070112","12,000.00",,丙某
        2026-08-15,记-004,公益支出,"道路维修 0771-5821102
        2026-08-15至2026-08-31",,"8,000.00",丙某

        """
        #expect(PersonalData.scanCSVFields(ledger).isEmpty)
        // Through the file scan (ledger CSV, CSV attachment) and a csv block in a body.
        let csv = collecting {
            Loader.scanPrivacy(TestSupport.source("a,\"139 0771\n5678\"\n", path: "Content/x/m.csv"), relativePath: "x/m.csv", allowed: [], $0)
        }.1
        #expect(csv.map(\.line) == [1])
        let txt = collecting {
            Loader.scanPrivacy(TestSupport.source("a,\"139 0771\n5678\"\n", path: "Content/x/m.txt"), relativePath: "x/m.txt", allowed: [], $0)
        }.1
        #expect(txt.isEmpty)
        let block = personal(render("名单：\n\n```csv\n姓名,电话\n李某,\"139 0771\n5678\"\n```\n"))
        #expect(block.map { [$0.line, $0.column] } == [[5, 4]])
    }

    /// A decision record's step bodies are Markdown: a number they show whole is reported at its
    /// line and column in the file (the step's messages used to be dropped).
    @Test func decisionStepBodiesAreScannedAsShown() {
        let text = """
        ---
        title: 东村道路硬化
        steps:
          - { step: 提议, date: 2026-02-20, body: "联系人手机 139 0772\\n5678" }
          - step: 商议
            date: 2026-02-24
            body: |
              两委联席会议商议，联系人手机 139 0771
              5678。
        ---
        说明。

        """
        let (_, diagnostics) = collecting {
            DecisionParser.parse(TestSupport.source(text, path: "Content/decisions/a/d.md"), relativePath: "decisions/a/d.md",
                                 board: Sample.board("a", "东村"), noticePaths: [], allowed: [], into: $0)
        }
        let found = diagnostics.filter { $0.message.hasPrefix("发现完整的") }
        #expect(found.map { [$0.line, $0.column] } == [[4, 48], [8, 22]], "\(found)")
    }

    @Test func rosterCellsInFullWidthDigitsAreMasked() {
        let src = TestSupport.source("""
        fields:
          - { key: name, label: 姓名 }
          - { key: id, label: 身份证号, type: id }
          - { key: phone, label: 电话, type: phone }
        rows:
          - { name: 王某, id: ４５０１２３１９８５０３１７００２９, phone: "１３９ ０７７１ ５６７８" }
        """, path: "Content/notices/x/r.yaml")
        let (roster, diags) = collecting { RosterParser.parse(src, allowed: [], into: $0) }
        #expect(diags.isEmpty, "\(diags)")
        #expect(roster?.rows.first == ["王某", "4501**********0029", "139****5678"])
    }

    @Test func gbkAndUTF16AttachmentsAreRead() throws {
        // 身份证号：４５０１２３１９８５０３１７００２９ in GBK: 身份证号 and ： are other characters.
        var gbk: [UInt8] = [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0xA3, 0xBA]
        gbk += id.utf8.map { [0xA3, 0xB0 + ($0 - 48)] }.joined()
        #expect(PersonalData.scan(NoticeParser.scannableText(Data(gbk))).map(\.masked) == ["4501**********0029"])
        // ASCII digits grouped by the GBK ideographic space (A1 A1).
        let spaced = Array("450123".utf8) + [0xA1, 0xA1] + Array("19850317".utf8) + [0xA1, 0xA1] + Array("0029".utf8)
        #expect(PersonalData.scan(NoticeParser.scannableText(Data(spaced))).count == 1)
        // A GB18030 four-byte character (its second and fourth bytes are ASCII digits) is not a digit.
        let fourByte: [UInt8] = [0x81, 0x31, 0x81, 0x31] + Array("3907715678".utf8)
        #expect(PersonalData.scan(NoticeParser.scannableText(Data(fourByte))).isEmpty)
        // A broken lead byte before a line break does not swallow it: line numbers stay true.
        let broken: [UInt8] = [0xB9, 0x0A] + Array("139 0771 5678".utf8)
        #expect(PersonalData.scan(NoticeParser.scannableText(Data(broken))).map(\.line) == [2])
        // Notepad's “Unicode” (UTF-16 with a byte-order mark), both byte orders.
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let bom: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
            let data = Data(bom) + (("身份证号：" + id + "\n").data(using: encoding) ?? Data())
            #expect(PersonalData.scan(NoticeParser.scannableText(data)).count == 1)
        }
    }
}

/// Pipe tables typed with a Chinese input method's full-width characters.
@Suite struct FullWidthPipeTableTests {
    func render(_ md: String) -> RenderedMarkdown {
        renderMarkdown(md, source: TestSupport.source(md), lineOffset: 0)
    }

    @Test func fullWidthPipesMakeATable() {
        let r = render("名单如下：\n｜序号｜姓名｜备注｜\n｜：－－｜－－－：｜---｜\n｜1｜王**｜时间：上午｜\n")
        #expect(r.html.hasPrefix("<p>名单如下：</p>\n<div class=\"table-wrap\"><table>"), "\(r.html)")
        #expect(r.html.contains("<th scope=\"col\" class=\"right\">姓名</th>"))
        #expect(r.html.contains("<td class=\"right\" data-label=\"姓名\">王**</td><td data-label=\"备注\">时间：上午</td>"))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    }

    @Test func fullWidthPipesInTextStayText() {
        #expect(render("首页｜村务公开｜财务公开\n下一行｜文字\n").html == "<p>首页｜村务公开｜财务公开下一行｜文字</p>\n")
        // In a table written with ASCII pipes, a full-width one is text in its cell.
        let r = render("| 甲 | 乙 |\n|---|---|\n| x｜y | z |\n")
        #expect(r.html.contains("<td data-label=\"甲\">x｜y</td>"), "\(r.html)")
        // A delimiter row of another width leaves the lines as they are.
        #expect(render("｜a｜b｜\n｜---｜\n").html.hasPrefix("<p>"))
    }
}
