import Foundation
import Testing
@testable import GongkaiCore

@Suite struct ResolveTests {
    let today = Day(parsing: "2026-11-22")!

    @Test func publishesOnlyWhatIsDueAndSortsNewestFirst() {
        let r = ResolvedSite(model: Sample.model([
            Sample.notice("old", date: "2025-01-01"), Sample.notice("new", date: "2026-10-01"),
            Sample.notice("draft", date: "2026-10-02", draft: true), Sample.notice("future", date: "2026-11-23"),
            Sample.notice("same-day-b", date: "2026-10-01"),
        ]), today: today)
        #expect(r.published.map(\.slug) == ["same-day-b", "new", "old"])
        #expect(Set(r.withheld.map(\.0.slug)) == ["draft", "future"])
        #expect(r.notices(board: "a", category: "cunwu").count == 3)
        #expect(r.notices(board: "b", category: "cunwu").isEmpty)
    }

    @Test func neighboursStayWithinBoardAndCategory() {
        let r = ResolvedSite(model: Sample.model([
            Sample.notice("1", date: "2026-01-01"), Sample.notice("2", date: "2026-02-01"),
            Sample.notice("3", date: "2026-03-01"), Sample.notice("x", category: "caiwu", date: "2026-02-15"),
            Sample.notice("y", board: "b", date: "2026-02-15"),
        ]), today: today)
        #expect(r.neighbours["a/2"]?.older?.slug == "1")
        #expect(r.neighbours["a/2"]?.newer?.slug == "3")
        #expect(r.neighbours["a/x"]?.older == nil && r.neighbours["a/x"]?.newer == nil)
    }

    @Test func gongshiStatusOnTheBuildDate() {
        let g = Gongshi(start: Day(parsing: "2026-11-20")!, end: Day(parsing: "2026-11-26")!, contact: nil, lengthText: "7 天", outcome: nil)
        guard case let .running(left) = g.status(on: today) else { Issue.record("not running"); return }
        #expect(left == 5)
        if case .ended = g.status(on: Day(parsing: "2026-11-27")!) {} else { Issue.record("should have ended") }
        if case .upcoming = g.status(on: Day(parsing: "2026-11-19")!) {} else { Issue.record("should be upcoming") }
        if case let .running(l) = g.status(on: Day(parsing: "2026-11-26")!) { #expect(l == 1) } else { Issue.record("last day") }
        let r = ResolvedSite(model: Sample.model([Sample.notice("g", date: "2026-11-20", gongshi: g),
                                                  Sample.notice("h", date: "2026-11-01")]), today: today)
        #expect(r.gongshiRunning().map(\.slug) == ["g"])
        #expect(r.gongshiRunning(board: "b").isEmpty)
    }
}
