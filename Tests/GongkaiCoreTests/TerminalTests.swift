import Foundation
import Testing
@testable import GongkaiCore

/// What `build` and `check` say on the terminal: progress from the pipeline, --quiet, --verbose
/// and the closing summary line.
@Suite(.serialized) struct TerminalTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [BuildProgress] = []
        func add(_ p: BuildProgress) { lock.lock(); list.append(p); lock.unlock() }
        var all: [BuildProgress] { lock.lock(); defer { lock.unlock() }; return list }
    }

    func options(_ dir: URL, _ events: Events) -> BuildOptions {
        BuildOptions(content: ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content"),
                     templates: [(Theme.defaultDirectory, "Templates")], output: dir.appendingPathComponent("Site").path,
                     today: Day(year: 2026, month: 11, day: 22)!, progress: { events.add($0) })
    }

    @Test func thePipelineReportsEachStageInOrder() throws {
        let dir = T.copyFixture("minimal")
        let events = Events()
        let r = Builder.build(options(dir, events))
        #expect(!r.hasErrors)
        let all = events.all
        // Each stage starts, goes forward, and finishes, in pipeline order.
        #expect(all.filter(\.finished).map(\.stage) == [.load, .resolve, .write])
        for stage in BuildProgress.Stage.allCases {
            let mine = all.filter { $0.stage == stage }
            #expect(mine.first?.done == 0 && mine.first?.finished == false, "\(stage)")
            #expect(mine.last?.finished == true, "\(stage)")
            #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.done <= $1.done }, "\(stage)")
        }
        #expect(all.last { $0.stage == .load }?.done == r.published + r.withheld.count, "every notice read")
        #expect(all.last { $0.stage == .resolve }?.done == r.published)
        let written = try #require(all.last { $0.stage == .write })
        #expect(written.done == written.total && written.total > 8)

        // check stops before writing; a broken site stops after loading.
        let checked = Events()
        _ = Builder.check(options(dir, checked))
        #expect(checked.all.filter(\.finished).map(\.stage) == [.load, .resolve])
        T.write("not: [yaml", to: dir.appendingPathComponent("Content/site.yaml"))
        let broken = Events()
        #expect(Builder.build(options(dir, broken)).hasErrors)
        #expect(broken.all.filter(\.finished).map(\.stage) == [.load])
    }

    @Test func summaryQuietAndVerbose() throws {
        let dir = T.copyFixture("minimal")
        // The first build does every stage (later ones may find nothing changed).
        let verbose = try T.run(["build", date, "--verbose"], in: dir)
        #expect(verbose.status == 0)
        #expect(verbose.stdout.contains(#/读取内容：8 篇，用时 \d+\.\d\d 秒/#), "\(verbose.stdout)")
        #expect(verbose.stdout.contains(#/整理公开状态：8 篇上网，用时 \d+\.\d\d 秒/#))
        #expect(verbose.stdout.contains(#/生成网站：\d+ 项（网页、数据文件、订阅等），用时 \d+\.\d\d 秒/#))
        #expect(verbose.stdout.contains("合计："))

        let normal = try T.run(["build", date], in: dir)
        #expect(normal.status == 0)
        #expect(normal.stderr.contains("警告"))
        let last = normal.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains(#/^合计：8 篇公开内容，写出 \d+ 个文件，1 个警告，0 个错误，用时 \d+\.\d 秒。$/#), "\(last)")
        // Not a terminal: no progress drawn.
        #expect(!normal.stderr.contains("\r") && !normal.stderr.contains("\u{1B}"))
        #expect(!normal.stdout.contains("读取内容："), "stage lines only with --verbose")

        // Quiet: the fixture's warning (bold next to punctuation) is not shown, nothing on stdout.
        let quiet = try T.run(["build", date, "--quiet"], in: dir)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")

        let checked = try T.run(["check", date, "--verbose"], in: dir)
        #expect(checked.stdout.contains("整理公开状态") && !checked.stdout.contains("生成网站："))
        #expect(checked.stdout.contains(#/合计：8 篇公开内容，1 个警告，0 个错误，用时/#), "\(checked.stdout)")

        // An error: quiet shows it and the count, without the summary; otherwise the summary ends stderr.
        let notice = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md")
        T.write(T.read(notice).replacingOccurrences(of: "date: 2026-01-10", with: "date: 2026-13-45"), to: notice)
        let failed = try T.run(["check", date, "--quiet"], in: dir)
        #expect(failed.status == 1 && failed.stdout.isEmpty)
        #expect(failed.stderr.contains("cunwu-1.md:4:7: 错误") && failed.stderr.contains("共 1 个错误") && !failed.stderr.contains("合计"))
        #expect(!failed.stderr.contains("警告:"), "\(failed.stderr)")
        let loud = try T.run(["check", date], in: dir)
        #expect(loud.stderr.contains(#/合计：7 篇公开内容，1 个警告，1 个错误，用时 \d+\.\d 秒。\n$/#), "\(loud.stderr)")
    }

    /// On a terminal (a pseudo-terminal from `script`), the stage and a bar are drawn on stderr
    /// and wiped before the report.
    @Test func aTerminalShowsTheProgressBar() throws {
        let dir = T.copyFixture("minimal")
        // Enough pages for several chunks, so that the bar is drawn between them.
        for i in 1...Renderer.chunkSize {
            T.write("---\ntitle: 村务公开第\(i)号\ncategory: 村务\ndate: 2026-02-01\nsignoff:\n  - { role: 村务监督委员会主任, name: 乙某, date: 2026-01-30 }\n---\n内容。\n",
                    to: dir.appendingPathComponent("Content/notices/dongcun/2026/many-\(i).md"))
        }
        let command = "'\(T.cli.path)' build \(date) 2>&1"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        p.currentDirectoryURL = dir
        let o = Pipe()
        p.standardOutput = o
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(out)")
        #expect(out.contains("\r\u{1B}[K生成网站…… ["), "\(out.debugDescription)")
        #expect(out.contains("█"))
        #expect(out.contains("\r\u{1B}[K读取内容……"))
        #expect(out.contains("合计：\(8 + Renderer.chunkSize) 篇公开内容"), "\(out)")
        let quiet = Process()
        quiet.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        quiet.arguments = ["-qec", "'\(T.cli.path)' build \(date) --quiet 2>&1", "/dev/null"]
        quiet.currentDirectoryURL = dir
        let q = Pipe()
        quiet.standardOutput = q
        quiet.standardInput = FileHandle.nullDevice
        try quiet.run()
        let quietOut = String(decoding: q.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        quiet.waitUntilExit()
        #expect(quietOut.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(quietOut.debugDescription)")
    }
}
