import Foundation
@testable import GongkaiCore

/// Paths and helpers shared by the tests.
enum TestSupport {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repoRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDir.appendingPathComponent("Fixtures")
    static let golden = testsDir.appendingPathComponent("Golden")

    /// The real `gongkai` executable. The test target depends on it (Package.swift), so SwiftPM
    /// builds it first, into the build folder that holds this test bundle.
    static let cli: URL = {
        #if os(macOS)
        // Tests run inside Xcode's xctest tool, which loads `<build folder>/GongkaiPackageTests.xctest`.
        let bundle = Bundle.allBundles.first { $0.bundleURL.pathExtension == "xctest" }?.bundleURL
        let buildFolder = bundle?.deletingLastPathComponent()
        #else
        // The test bundle is the running executable, `<build folder>/GongkaiPackageTests.xctest`.
        let buildFolder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        #endif
        guard let cli = buildFolder?.appendingPathComponent("gongkai"), FileManager.default.isExecutableFile(atPath: cli.path) else {
            fatalError("gongkai is not beside the test bundle (\(buildFolder?.path ?? "?")): run the tests with swift test")
        }
        return cli
    }()

    /// A fresh temporary folder.
    static func tempDir(_ name: String = "t") -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Copies a fixture site (its Content/ and any Templates/) into a temp folder to work on.
    static func copyFixture(_ name: String) -> URL {
        let dir = tempDir(name)
        for entry in try! FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(name).path) {
            try! FileManager.default.copyItem(at: fixtures.appendingPathComponent(name).appendingPathComponent(entry),
                                              to: dir.appendingPathComponent(entry))
        }
        return dir
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the CLI in `dir`.
    static func run(_ args: [String], in dir: URL) throws -> Run {
        let p = Process()
        p.executableURL = cli
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes at once: a full stderr pipe would block the child while we wait on stdout.
        let errData = PipeReader(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = errData.wait()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func write(_ text: String, to url: URL) {
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }

    static func read(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// Every file below `dir` → its bytes.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(p).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// The page's text without the one script the site has: search.html's own `assets/search.js`
    /// tag (a page that must carry no script is checked on what is left).
    static func withoutSearchScript(_ path: String, _ text: String) -> String {
        path == URLs.search() ? text.replacingOccurrences(of: "<script src=\"assets/search.js\"></script>", with: "") : text
    }

    /// A source file for unit tests of single stages.
    static func source(_ text: String, path: String = "Content/notices/x/a.md") -> SourceFile {
        SourceFile(displayPath: path, text: text)
    }
}

/// Reads a pipe to its end on another thread.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// Runs one stage with a fresh collector: its result and every problem it reported, in order.
func collecting<T>(_ stage: (Diagnostics) -> T) -> (T, [Diagnostic]) {
    let diagnostics = Diagnostics()
    let result = stage(diagnostics)
    return (result, diagnostics.all)
}

/// `Markdown.render` with a fresh collector: the result and the problems it reported.
struct RenderedMarkdown {
    var body: BodyHTML
    var text: String
    var diagnostics: [Diagnostic]
}

func renderMarkdown(_ body: String, source: SourceFile, lineOffset: Int, resolve: Markdown.LinkResolver? = nil,
                    allowed: Set<String> = []) -> RenderedMarkdown {
    let (r, diagnostics) = collecting { Markdown.render(body, source: source, lineOffset: lineOffset, resolve: resolve, allowed: allowed, into: $0) }
    return RenderedMarkdown(body: r.body, text: r.text, diagnostics: diagnostics)
}
