import Foundation
import Testing
@testable import GongkaiCore

/// The real CLI on a roster notice written the way clerks write it.
@Suite(.serialized) struct MaskAndTableEndToEndTests {
    typealias T = TestSupport

    @Test func rosterNoticeWithMasksAndAPipeTable() throws {
        let dir = T.copyFixture("minimal")
        T.write("""
        ---
        title: 东村低保对象公示
        category: 村务
        date: 2026-10-01
        signoff:
          - { role: 村务监督委员会主任, name: 乙某, date: 2026-09-30 }
        ---
        拟享受低保对象王**同志和李**同志，联系电话138****1234，**公示期7天**。

        | 户主 | 所在屯 | 保障人数 |
        | --- | --- | ---: |
        | 王** | 上寨屯 | 2 |
        | 李** | 石桥屯 |
        """, to: dir.appendingPathComponent("Content/notices/dongcun/2026/dibao.md"))
        let r = try T.run(["build", "--date=2026-11-22"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Content/notices/dongcun/2026/dibao.md:13:1: 警告: 表格这一行只有 2 列，表头有 3 列，缺的格子会空着"), "\(r.stderr)")
        #expect(!r.stderr.contains("dibao.md:8:"))  // the masks are not reported as failed bold
        let page = T.read(dir.appendingPathComponent("Site/dongcun/notice/dibao.html"))
        #expect(page.contains("<p>拟享受低保对象王**同志和李**同志，联系电话138****1234，<strong>公示期7天</strong>。</p>"))
        #expect(page.contains("<tr><td data-label=\"户主\">王**</td><td data-label=\"所在屯\">上寨屯</td><td class=\"num\" data-label=\"保障人数\">2</td></tr>"))
        let feed = T.read(dir.appendingPathComponent("Site/dongcun/feed.xml"))
        #expect(feed.contains("拟享受低保对象王**同志和李**同志，联系电话138****1234，公示期7天。 户主 所在屯 保障人数 王** 上寨屯 2 李** 石桥屯"))
    }
}
