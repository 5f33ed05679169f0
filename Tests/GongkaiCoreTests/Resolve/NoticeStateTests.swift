import Foundation
import Testing
@testable import GongkaiCore

/// A notice's state (withheld with a reason, or published with its relations) is decided once in
/// resolve; pages, feeds, the status page, the manifest and `gongkai check` read it.
@Suite struct NoticeStateTests {
    let today = Day(parsing: "2026-11-22")!

    func notice(_ slug: String, board: String = "a", date: String = "2026-11-01", gongshi: Gongshi? = nil,
                _ change: (inout Notice) -> Void = { _ in }) -> Notice {
        var n = Sample.notice(slug, board: board, date: date, gongshi: gongshi)
        n.contentPath = "\(board)/\(slug).md"
        change(&n)
        return n
    }

    func gongshi(_ start: String, _ end: String, republished: String? = nil) -> Gongshi {
        Gongshi(start: Day(parsing: start)!, end: Day(parsing: end)!, contact: "村委会", lengthText: "7 天",
                outcome: republished.map { .init(objections: true, date: nil, note: nil, republished: $0, republishedMark: nil) })
    }

    func resolve(_ notices: [Notice]) -> ResolvedSite { ResolvedSite(model: Sample.model(notices), today: today) }

    func reason(_ r: ResolvedSite, _ id: String) -> WithholdReason? {
        guard case let .withheld(reason)? = r.states[id] else { return nil }
        return reason
    }

    @Test func everyWithholdReason() {
        let r = resolve([
            notice("party") { $0.process.partyOnly = true },
            // 党内 wins over every other reason: nothing about it may reach the public.
            notice("party-draft") { $0.process.partyOnly = true; $0.draft = true },
            notice("draft") { $0.draft = true },
            notice("future", date: "2026-12-01"),
            notice("unsigned") { $0.signoff = [] },
            notice("half-signed", board: Board.townshipSlug) { $0.category = "zhengwu"; $0.signoff = [SignOff(role: "审批", name: "丙", date: nil)] },
            notice("ok"),
        ])
        #expect(reason(r, "a/party") == .partyOnly)
        #expect(reason(r, "a/party-draft") == .partyOnly)
        #expect(reason(r, "a/draft") == .draft)
        #expect(reason(r, "a/future") == .scheduled(Day(parsing: "2026-12-01")!))
        #expect(reason(r, "a/unsigned") == .missingSignoff(["村务监督委员会"]))
        #expect(reason(r, "\(Board.townshipSlug)/half-signed") == .missingSignoff(["审核"]))
        #expect(reason(r, "a/ok") == nil && r.publication(r.published[0]) != nil)
        // The withheld list and the states agree; every notice has exactly one state.
        #expect(r.withheld.allSatisfy { reason(r, $0.0.id) == $0.1 })
        #expect(r.states.count == 7 && r.published.map(\.slug) == ["ok"])
        // The wording `gongkai check` shows lives in the enum.
        #expect(WithholdReason.scheduled(Day(parsing: "2026-12-01")!).label == "发布日期 2026-12-01 在今天之后")
        #expect(Set([WithholdReason.partyOnly, .draft, .missingSignoff(["审核"])].map(\.label)).count == 3)
    }

    @Test func relationsOfPublishedNotices() {
        let r = resolve([
            notice("old", date: "2026-10-01") { $0.process.corrections = [.init(date: Day(parsing: "2026-10-02")!, what: "金额", why: "笔误")] },
            notice("fix", date: "2026-10-05") { $0.process.corrects = "old.md" },
            notice("gone", date: "2026-10-06") { $0.process.withdrawn = .init(date: Day(parsing: "2026-10-08")!, reason: "发错了") },
            notice("first", date: "2026-11-01", gongshi: gongshi("2026-11-01", "2026-11-07", republished: "again.md")),
            notice("again", date: "2026-11-20", gongshi: gongshi("2026-11-20", "2026-11-26")),
            notice("soon", date: "2026-11-21", gongshi: gongshi("2026-11-25", "2026-12-01")),
            notice("pulled", date: "2026-11-21", gongshi: gongshi("2026-11-21", "2026-11-27")) {
                $0.process.withdrawn = .init(date: Day(parsing: "2026-11-22")!, reason: "重发")
            },
            notice("plain"),
        ])
        func p(_ slug: String) -> Publication { r.publication(r.published.first { $0.slug == slug }!)! }
        #expect(p("old").correctedBy.map(\.slug) == ["fix"] && p("old").hasCorrections && p("old").isCorrected)
        #expect(p("fix").corrects?.slug == "old" && !p("fix").isCorrected && !p("fix").isChanged)
        #expect(p("gone").withdrawn?.reason == "发错了" && p("gone").isWithdrawn && p("gone").isChanged && !p("gone").isCorrected)
        #expect(p("first").republishedAs?.slug == "again" && p("first").gongshi == .ended)
        #expect(p("again").gongshi == .running(daysLeft: 5) && p("again").republishedAs == nil)
        #expect(p("soon").gongshi == .upcoming)
        // A withdrawn 公示 is over, whatever its window said.
        #expect(p("pulled").gongshi == .withdrawn(Day(parsing: "2026-11-22")!))
        #expect(p("plain").gongshi == nil && !p("plain").isChanged && p("plain").corrects == nil)
        #expect(r.gongshiRunning().map(\.slug) == ["again"])
    }

    /// The status page counts the notices whose state is `.missingSignoff`, whatever its wording.
    @Test func statusPageCountsUnsignedFromTheState() {
        let r = resolve([
            notice("u1") { $0.signoff = [] }, notice("u2") { $0.signoff = [] },
            notice("u3", board: "b") { $0.signoff = [] }, notice("d", board: "b") { $0.draft = true },
            notice("p", board: "b") { $0.process.partyOnly = true; $0.signoff = [] },
            notice("w") { $0.process.withdrawn = .init(date: Day(parsing: "2026-11-02")!, reason: "错") },
            notice("ok"),
        ])
        let status = ContextBuilder(r, theme: Sample.theme).status(URLs.status()).extra
        #expect(status.unsigned.map { "\($0.board)=\($0.count)" } == ["甲村=2", "乙村=1"])
        #expect(status.changes.map { "\($0.base.title)=\($0.extra.change)" } == ["标题w=已撤回"])
        let unsignedByReason = r.withheld.filter { $0.1 == .missingSignoff(["村务监督委员会"]) }.count
        #expect(status.unsigned.map(\.count).reduce(0, +) == unsignedByReason)
    }
}
