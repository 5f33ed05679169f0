import Foundation
import Testing
@testable import GongkaiCore

/// Through the real CLI: numbers whole only as the page shows them stop the build, and the site
/// stays as it was.
@Suite(.serialized) struct ShownNumbersEndToEndTests {
    typealias T = TestSupport

    @Test func joinedNumbersStopTheBuild() throws {
        let dir = T.copyFixture("minimal")
        let first = try T.run(["build", "--date=2026-11-22"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let site = dir.appendingPathComponent("Site")
        let before = T.snapshot(site)
        let p = "Content/notices/dongcun/"
        T.write("---\ntitle: 名单\ncategory: 村务\ndate: 2026-10-01\nsignoff: [{ role: 村务监督委员会主任, name: 乙某 }]\n"
                + "summary: >\n  联系手机 139 0772\n  5678\nattachments:\n  - { file: files/名单.csv, title: 名单 }\n---\n"
                + "身份证号：450123 1985\n0317 0029，已核实。\n",
                to: dir.appendingPathComponent(p + "shown.md"))
        T.write("姓名,电话\n王某,\"139 0771\n5678\"\n", to: dir.appendingPathComponent(p + "files/名单.csv"))
        let r = try T.run(["build", "--date=2026-11-22"], in: dir)
        #expect(r.status == 1)
        for e in ["\(p)shown.md:6:10: 错误: 发现完整的手机号，不能公开：请改成 139****5678",
                  "\(p)shown.md:12:6: 错误: 发现完整的身份证号，不能公开：请改成 4501**********0029",
                  "\(p)files/名单.csv:2:4: 错误: 发现完整的手机号，不能公开：请改成 139****5678"] {
            #expect(r.stderr.contains(e), "missing: \(e)\n\(r.stderr)")
        }
        #expect(T.snapshot(site) == before)
    }
}
