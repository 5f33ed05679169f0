import Foundation
import Testing
@testable import GongkaiCore

/// `gongkai serve` as a clerk uses it: the real CLI on a free port, asked by a real HTTP client (curl).
@Suite(.serialized) struct ServeTests {
    typealias T = TestSupport

    @Test func servesReloadsShowsTheOverlayAndRecovers() throws {
        let dir = T.copyFixture("minimal")
        let server = try PreviewServer(in: dir)
        defer { server.stop() }
        let notice = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md")
        let page = "/dongcun/notice/cunwu-1.html"

        let first = try server.get(page)
        #expect(first.status == 200)
        #expect(first.body.contains("村务公开内容第1号。"))
        #expect(first.body.contains("/__gongkai/events?v=1"), "the reload script is in the served page")
        #expect(!first.body.contains("role=\"alert\""))
        // The files the preview serves from stay as the build wrote them; Site/ is not touched.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site").path))
        let onDisk = try #require(server.previewFiles().first { $0.hasSuffix(page) })
        #expect(!T.read(URL(fileURLWithPath: onDisk)).contains("__gongkai"))

        // An edit: a "reload" event arrives and the page has the new text.
        var events = try server.events(seen: 1)
        let edited = T.read(notice).replacingOccurrences(of: "村务公开内容第1号。", with: "改过的内容。")
        let wrote = Date()
        T.write(edited, to: notice)
        #expect(events.next() == 2)
        print("serve: edit to reload (minimal site) \(String(format: "%.3f", Date().timeIntervalSince(wrote))) s")
        #expect(try server.get(page).body.contains("改过的内容。"))

        // A broken file: every page shows the overlay with the place of the error.
        T.write(edited.replacingOccurrences(of: "date: 2026-01-10", with: "date: 2026-13-45"), to: notice)
        #expect(events.next() == 3)
        for path in [page, "/", "/no-such-page.html"] {
            let broken = try server.get(path)
            #expect(broken.body.contains("role=\"alert\""), "\(path)")
            #expect(broken.body.contains(#/Content/notices/dongcun/2026/cunwu-1\.md:4:\d+: 错误: /#), "\(path): \(broken.body.prefix(600))")
            #expect(broken.body.contains("date: 2026-13-45"), "the source line")
            #expect(broken.body.contains("/__gongkai/events?v=3"))
        }

        // Fixed: the next event brings the page back without the overlay.
        T.write(edited, to: notice)
        #expect(events.next() == 4)
        let fixed = try server.get(page)
        #expect(fixed.body.contains("改过的内容。") && !fixed.body.contains("role=\"alert\""))
        events.close()

        // A page older than the last rebuild is told to reload as soon as it listens.
        var late = try server.events(seen: 1)
        #expect(late.next() == 4)
        late.close()

        // Outside the site: refused.
        for path in ["/../Content/site.yaml", "/%2e%2e/Content/site.yaml", "/dongcun/%2E%2E/%2E%2E/Content/site.yaml"] {
            let outside = try server.get(path)
            #expect(outside.status == 403, "\(path): \(outside.status)")
            #expect(!outside.body.contains("title:"))
        }
        // Files other than pages are served as they are.
        let css = try server.get("/assets/style.css")
        #expect(css.status == 200 && !css.body.contains("__gongkai"))

        // Ctrl-C: exit 0, nothing but Chinese, the preview folder removed.
        let stopped = server.stop()
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(!stopped.stderr.contains("Fatal") && !stopped.stderr.contains("error"), "\(stopped.stderr)")
        #expect(stopped.stdout.contains("预览已停止"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.temp.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Content/publication-record.yaml").path),
                "the preview never writes the publication record")
    }

    @Test func aNewFolderIsWatchedAndABrokenStartShowsTheOverlay() throws {
        let dir = T.copyFixture("minimal")
        let notice = dir.appendingPathComponent("Content/notices/dongcun/2026/cunwu-1.md")
        let good = T.read(notice)
        T.write(good.replacingOccurrences(of: "title: 东村村务公开第1号\n", with: ""), to: notice)
        let server = try PreviewServer(in: dir)
        defer { server.stop() }
        // Nothing could be built: still a page, with the panel.
        let start = try server.get("/")
        #expect(start.body.contains("role=\"alert\"") && start.body.contains("cunwu-1.md:"))
        var events = try server.events(seen: 1)
        T.write(good, to: notice)
        #expect(events.next() == 2)
        #expect(try server.get("/dongcun/notice/cunwu-1.html").status == 200)
        // A folder made after the start is watched too: made first (one rebuild), then a notice
        // written into it shows up with the next one.
        let later = dir.appendingPathComponent("Content/notices/dongcun/2027")
        try FileManager.default.createDirectory(at: later, withIntermediateDirectories: false)
        #expect(events.next() == 3)
        T.write(good.replacingOccurrences(of: "东村村务公开第1号", with: "新文件夹里的公开"), to: later.appendingPathComponent("new.md"))
        #expect(events.next(seconds: 10) == 4)
        #expect(try server.get("/dongcun/notice/new.html").body.contains("新文件夹里的公开"))
        events.close()
        #expect(server.stop().status == 0)
    }

    @Test func sharingOnTheNetworkWarns() throws {
        let dir = T.copyFixture("minimal")
        let server = try PreviewServer(in: dir, host: "0.0.0.0")
        #expect(try server.get("/").status == 200)
        let stopped = server.stop()
        #expect(stopped.stderr.contains("同一网络里的所有人都能打开这个预览"), "\(stopped.stderr)")
        let local = try PreviewServer(in: dir)
        #expect(!local.stop().stderr.contains("同一网络"))
    }
}

/// A `gongkai serve --port 0` in `dir`, its own temporary folder, and curl to ask it.
final class PreviewServer: @unchecked Sendable {
    let process = Process()
    let temp = TestSupport.tempDir("serve-tmp")
    private(set) var base = ""
    private let out = LineReader()
    private let err: PipeReader
    private var result: TestSupport.Run?

    init(in dir: URL, host: String? = nil) throws {
        process.executableURL = TestSupport.cli
        process.arguments = ["serve", "--port", "0", "--date", "2026-11-22"] + (host.map { ["--host", $0] } ?? [])
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = temp.path
        process.environment = env
        let o = Pipe(), e = Pipe()
        process.standardOutput = o
        process.standardError = e
        err = PipeReader(e.fileHandleForReading)
        out.read(o.fileHandleForReading)
        try process.run()
        let line = try #require(out.wait(for: { $0.contains("预览地址：") }, seconds: 120))
        let url = try #require(line.firstMatch(of: #/http://[^/\s]+/#))
        base = String(url.output).replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
    }

    /// The files the preview folder holds (inside this server's TMPDIR).
    func previewFiles() -> [String] {
        TestSupport.snapshot(temp).keys.map { temp.appendingPathComponent($0).path }
    }

    func get(_ path: String) throws -> (status: Int, body: String) {
        let r = try curl(["-s", "--path-as-is", "-o", "-", "-w", "\n%{http_code}", base + path])
        let body = r.stdout
        let cut = body.lastIndex(of: "\n") ?? body.startIndex
        return (Int(body[body.index(after: cut)...]) ?? 0, String(body[..<cut]))
    }

    private func curl(_ args: [String]) throws -> TestSupport.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["--max-time", "30"] + args
        let o = Pipe()
        p.standardOutput = o
        try p.run()
        let data = o.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return TestSupport.Run(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    /// Listens to the server-sent events as a page that was served at generation `seen`.
    func events(seen: Int) throws -> EventStream {
        let s = EventStream()
        try s.start(base + "/__gongkai/events?v=\(seen)")
        return s
    }

    /// Ctrl-C; waits for the exit.
    @discardableResult
    func stop() -> TestSupport.Run {
        if let result { return result }
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let r = TestSupport.Run(status: process.terminationStatus, stdout: out.all(), stderr: String(decoding: err.wait(), as: UTF8.self))
        result = r
        return r
    }
}

/// `curl -N` on the events address; `next()` is the generation of the next "reload" event.
struct EventStream {
    private let process = Process()
    private let lines = LineReader()

    func start(_ url: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sN", "--max-time", "120", url]
        let o = Pipe()
        process.standardOutput = o
        lines.read(o.fileHandleForReading)
        try process.run()
    }

    mutating func next(seconds: Double = 60) -> Int? {
        guard lines.wait(for: { $0 == "event: reload" }, seconds: seconds) != nil,
              let data = lines.wait(for: { $0.hasPrefix("data: ") }, seconds: seconds) else { return nil }
        return Int(data.dropFirst(6))
    }

    func close() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Lines read from a pipe on another thread; `wait(for:)` takes them in order.
final class LineReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []
    private var taken = 0
    private var partial = Data()
    private var ended = false

    func read(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty {
                    ended = true
                    if !partial.isEmpty { lines.append(String(decoding: partial, as: UTF8.self)) }
                } else {
                    partial.append(chunk)
                    while let nl = partial.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: partial[partial.startIndex..<nl], as: UTF8.self))
                        partial = Data(partial[(nl + 1)...])
                    }
                }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// The next line (after those already taken) that `matches`; nil after `seconds` or at the end.
    func wait(for matches: (String) -> Bool, seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock(); defer { condition.unlock() }
        while true {
            while taken < lines.count {
                let line = lines[taken]
                taken += 1
                if matches(line) { return line }
            }
            if ended || !condition.wait(until: deadline) { return nil }
        }
    }

    /// Everything read, once the pipe has ended (or after a few seconds).
    func all() -> String {
        let deadline = Date().addingTimeInterval(5)
        condition.lock(); defer { condition.unlock() }
        while !ended && condition.wait(until: deadline) {}
        return lines.joined(separator: "\n") + (partial.isEmpty ? "" : "\n" + String(decoding: partial, as: UTF8.self))
    }
}
