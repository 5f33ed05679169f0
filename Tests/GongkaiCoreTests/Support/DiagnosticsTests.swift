import Foundation
import Testing
@testable import GongkaiCore

/// The one diagnostics collector: scopes, the settled order, and reports from parallel work.
@Suite struct DiagnosticsTests {
    func d(_ file: String, _ line: Int, _ message: String, _ severity: Diagnostic.Severity = .error, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity, file: file, line: line, column: 1, message, hint: hint)
    }

    @Test func aScopeCountsItsOwnAndPassesEverythingOn() {
        let all = Diagnostics()
        let file = all.scope()
        let part = file.scope()
        all.report(d("a", 1, "before"))
        part.report(d("b", 2, "inner", .warning))
        file.report(d("b", 3, "outer"))
        #expect(all.all.map(\.message) == ["before", "inner", "outer"])
        #expect(file.all.map(\.message) == ["inner", "outer"] && file.errorCount == 1 && file.hasErrors)
        #expect(part.all.map(\.message) == ["inner"] && part.errorCount == 0 && !part.hasErrors)
    }

    @Test func settlingSortsAndDropsRepeatsOfWhatCameSinceTheLastSettle() {
        let c = Diagnostics()
        c.report([d("b", 2, "x"), d("a", 5, "w", .warning), d("a", 5, "e"), d("b", 2, "x"), d("a", 1, "y")])
        c.settle()
        #expect(c.all.map { "\($0.file):\($0.line) \($0.message)" } == ["a:1 y", "a:5 e", "a:5 w", "b:2 x"])
        // Later reports (templates, the record, the writer) follow in the order they come.
        c.report([d("t", 9, "late"), d("a", 1, "later")])
        #expect(c.all.map(\.message) == ["y", "e", "w", "x", "late", "later"])
        c.settle { $0.filter { $0.message != "late" } }
        #expect(c.all.map(\.message) == ["y", "e", "w", "x", "later"])
    }

    /// Two problems alike but for their hints come out in one order whatever order they came in.
    @Test func theSettledOrderIsTotal() {
        let one = d("a", 1, "m", hint: "甲"), two = d("a", 1, "m", hint: "乙")
        let forward = Diagnostics(), backward = Diagnostics()
        forward.report([one, two])
        backward.report([two, one])
        forward.settle()
        backward.settle()
        #expect(forward.all == backward.all)
    }

    @Test func parallelWorkReportsEverything() {
        let c = Diagnostics()
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let file = c.scope()
            file.report(d("f\(i % 7)", i, "第 \(i) 个"))
            file.report(d("f\(i % 7)", i, "提示 \(i)", .warning))
        }
        c.settle()
        #expect(c.all.count == 400 && c.errorCount == 200)
        let sorted = c.all.map { [$0.file, String($0.line)] }
        #expect(sorted == sorted.sorted { ($0[0], Int($0[1])!) < ($1[0], Int($1[1])!) })
    }
}
