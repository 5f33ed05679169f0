import Foundation
import Testing
@testable import GongkaiCore

/// The real `gongkai` binary: a township from an empty folder, a copied binary without the
/// repository, Chinese help and argument errors, and the editor's problem matcher.
@Suite struct CLIStartTests {
    static let details = ["--name", "白云镇", "--county", "东山县", "--villages", "shiqiao=石桥村,龙潭村",
                          "--contact", "0771-6000001", "--report-phone", "0771-6000002", "--base-url", "https://baiyun.example.cn/"]

    /// Runs `binary` with `args` in `dir` under `environment` (added to this process's).
    static func run(_ binary: URL, _ args: [String], in dir: URL, environment: [String: String] = [:]) throws -> TestSupport.Run {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let e = PipeReader(err.fileHandleForReading)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let errData = e.wait()
        p.waitUntilExit()
        return TestSupport.Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                               stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `init` → `new notice --title` → the body written → `build`: the first notice is on the site.
    @Test func aFirstNoticeFromAnEmptyFolder() throws {
        let dir = TestSupport.tempDir("start")
        let i = try TestSupport.run(["init"] + Self.details, in: dir)
        #expect(i.status == 0, "\(i.stderr)")
        #expect(i.stdout.contains("gongkai new notice --village shiqiao"))
        let n = try TestSupport.run(["new", "notice", "--village", "shiqiao", "--category", "村务", "--title", "关于村道维修的公告"], in: dir)
        #expect(n.status == 0, "\(n.stderr)")
        let rel = try #require(n.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasSuffix(".md") })
        let file = dir.appendingPathComponent(rel)
        let text = TestSupport.read(file)
        #expect(text.contains("title: 关于村道维修的公告") && text.contains("date: \(Day.today().iso)"))
        // Not yet written: check names the file and line of each mark, and the site is not built.
        let early = try TestSupport.run(["build"], in: dir)
        #expect(early.status == 1 && early.stderr.contains("\(rel):") && early.stderr.contains("还没有填写：正文"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site").path))
        TestSupport.write(text.replacingOccurrences(of: Placeholder.mark("签字人姓名"), with: "黄德明")
            .replacingOccurrences(of: Placeholder.mark("正文"), with: "石桥屯至上寨屯村道本周六维修，请绕行。"), to: file)
        let b = try TestSupport.run(["build"], in: dir)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("检查通过：1 篇公开内容"))
        let slug = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
        let page = TestSupport.read(dir.appendingPathComponent("Site/shiqiao/notice/\(slug).html"))
        #expect(page.contains("关于村道维修的公告") && page.contains("石桥屯至上寨屯村道本周六维修"))
    }

    /// A binary copied alone to another folder (and a fresh home) still has its theme.
    @Test func aCopiedBinaryBuildsASiteWithoutTemplates() throws {
        let bin = TestSupport.tempDir("bin").appendingPathComponent("gongkai")
        try FileManager.default.copyItem(at: TestSupport.cli, to: bin)
        let home = TestSupport.tempDir("home")
        let env = ["HOME": home.path, "XDG_CACHE_HOME": ""]
        let dir = TestSupport.tempDir("copied")
        #expect(try Self.run(bin, ["init"] + Self.details, in: dir, environment: env).status == 0)
        TestSupport.write("---\ntitle: 党员大会通知\ncategory: 党务\ndate: 2026-11-02\nsignoff:\n  - { role: 审核, name: 甲 }\n  - { role: 审批, name: 乙 }\n---\n正文。\n",
                          to: dir.appendingPathComponent("Content/notices/shiqiao/2026/dangyuan.md"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Templates").path))
        let b = try Self.run(bin, ["build", "--date", "2026-11-30"], in: dir, environment: env)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(TestSupport.read(dir.appendingPathComponent("Site/shiqiao/notice/dangyuan.html")).contains("党员大会通知"))
        let css = try Data(contentsOf: dir.appendingPathComponent("Site/assets/style.css"))
        #expect(css == (try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("Templates/assets/style.css"))))
        // The theme was written into the (new) user's cache, not read from the repository.
        let cache = home.appendingPathComponent(".cache/gongkai")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).contains { $0.hasPrefix("theme-") })
        let v = try Self.run(bin, ["--version"], in: dir)
        #expect(v.status == 0 && v.stdout.hasPrefix("gongkai "))
    }

    /// Latin words a clerk may see: the program's and its commands' names, option names,
    /// folder and file names, and the words of the `new` kinds.
    static let allowed: Set<String> = ["gongkai", "build", "check", "serve", "verify", "init", "new", "notice", "ledger",
                                       "budget", "roster", "decision", "township", "Content", "Templates", "Site",
                                       "site", "yaml", "gitignore", "shiqiao", "cun", "ICP"]

    static func englishWords(_ text: String) -> [String] {
        // What the user typed comes back between 「」.
        var t = text.replacingOccurrences(of: #"「[^」]*」"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"--[a-z][a-z-]*"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"https?://[^\s）)，]*"#, with: " ", options: .regularExpression)
        let words = t.matches(of: /[A-Za-z]{2,}/).map { String($0.output) }
        return words.filter { !allowed.contains($0) }
    }

    @Test(arguments: [["--help"], ["-h"], ["help"], ["build", "--help"], ["check", "-h"], ["serve", "--help"], ["verify", "--help"],
                      ["init", "--help"], ["new", "--help"], ["bogus"], ["build", "--bogus"], ["build", "--date", "x"],
                      ["build", "--date"], ["serve", "--port", "x"], ["new"], ["new", "thing", "--village", "shiqiao"],
                      ["init", "--name", "甲镇"], ["verify", "extra", "words"], ["build", "--quiet", "--verbose"],
                      ["check", "--verbose", "--quiet"], ["serve", "--port", "70000"], ["serve", "--host"]])
    func everythingTheCLISaysIsChinese(args: [String]) throws {
        let dir = TestSupport.tempDir("cli")
        let r = try TestSupport.run(args, in: dir)
        let all = r.stdout + r.stderr
        #expect(!all.isEmpty)
        #expect(Self.englishWords(all).isEmpty, "\(args): \(Self.englishWords(all)) in\n\(all)")
        for english in ["Usage", "USAGE", "OPTIONS", "Error", "Show help", "Unexpected", "Unknown", "Missing"] {
            #expect(!all.contains(english), "\(args): \(english)")
        }
        let isHelp = args.contains("--help") || args.contains("-h") || args == ["help"]
        #expect(r.status == (isHelp ? 0 : 64) || (r.status == 1 && !isHelp), "\(args): \(r.status)")
        if !isHelp { #expect(r.stderr.hasPrefix("错误：")) }
    }

    /// The VS Code task in the staff guide: its problem matchers find the file, line, column and
    /// message of every error and warning line `gongkai check` prints.
    @Test func theEditorsProblemMatcherReadsRealCheckOutput() throws {
        let guide = TestSupport.read(TestSupport.repoRoot.appendingPathComponent("docs/编写指南.md"))
        let marker = try #require(guide.range(of: "<!-- vscode-tasks"))
        let start = try #require(guide[marker.upperBound...].range(of: "```text\n"))
        let end = try #require(guide[start.upperBound...].range(of: "\n```"))
        let json = try JSONSerialization.jsonObject(with: Data(guide[start.upperBound..<end.lowerBound].utf8)) as! [String: Any]
        let task = (json["tasks"] as! [[String: Any]])[0]
        #expect(task["command"] as? String == "gongkai check")
        let matchers = task["problemMatcher"] as! [[String: Any]]
        #expect(matchers.map { $0["severity"] as? String } == ["error", "warning"])

        // A site with one error (a placeholder) and one warning (no sign-off) of each kind of line.
        let dir = TestSupport.tempDir("matcher")
        var args = Self.details
        args.removeSubrange(args.firstIndex(of: "--contact")!...args.firstIndex(of: "--contact")! + 1)
        #expect(try TestSupport.run(["init"] + args, in: dir).status == 0)
        TestSupport.write("---\ntitle: 无签字\ncategory: 村务\ndate: 2026-11-02\n---\n正文。\n",
                          to: dir.appendingPathComponent("Content/notices/shiqiao/2026/wu.md"))
        let r = try TestSupport.run(["check", "--date", "2026-11-30"], in: dir)
        #expect(r.status == 1)
        let headlines = r.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Content/") }
        var found: [String: [String]] = [:]
        for m in matchers {
            let pattern = m["pattern"] as! [String: Any]
            let re = try NSRegularExpression(pattern: pattern["regexp"] as! String)
            for line in headlines {
                guard let match = re.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
                func group(_ key: String) -> String {
                    String(line[Range(match.range(at: pattern[key] as! Int), in: line)!])
                }
                found[m["severity"] as! String, default: []].append("\(group("file")):\(group("line")):\(group("column")) \(group("message"))")
            }
        }
        #expect(found["error"] == ["Content/site.yaml:6:10 还没有填写：联系电话"])
        #expect(found["warning"]?.count == 1)
        #expect(found["warning"]?.first?.hasPrefix("Content/notices/shiqiao/2026/wu.md:") == true)
        // Every printed problem line is caught by exactly one matcher.
        #expect(headlines.count == 2)
    }
}
