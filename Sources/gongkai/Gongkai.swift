import ArgumentParser
import Foundation
import GongkaiCore

struct GongkaiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "公开：把 Content/ 里的三务公开内容生成为 Site/ 网站。",
        version: gongkaiVersion,
        subcommands: [Build.self, Check.self, Serve.self, Verify.self, Init.self, New.self],
        defaultSubcommand: Build.self
    )
}

/// Reads `--date`: the day the command takes as today (default: today in China Standard Time).
func day(_ date: String?) throws -> Day {
    guard let date else { return Day.today() }
    guard let d = Day(parsing: date) else {
        throw ValidationError("--date 要写成 年-月-日，例如 2026-11-22（现在写的是「\(date)」）")
    }
    return d
}

struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("内容文件夹（默认 Content）。", valueName: "文件夹"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("模板文件夹（默认 Templates）；缺少的模板从默认主题补上。", valueName: "文件夹"))
    var templates = "Templates"

    @Option(name: .long, help: ArgumentHelp("输出文件夹（默认 Site）。", valueName: "文件夹"))
    var output = "Site"

    @Option(name: .long, help: ArgumentHelp("把哪一天当作今天（年-月-日，例如 2026-11-22），用于判断公示状态和是否到发布日期；默认是今天（北京时间）。", valueName: "日期"))
    var date: String?

    func options() throws -> BuildOptions {
        let today = try day(date)
        let cwd = FileManager.default.currentDirectoryPath
        func abs(_ p: String) -> String {
            URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
        }
        var dirs: [(path: String, display: String)] = []
        let own = abs(templates)
        let theme = Theme.defaultDirectory
        if FileManager.default.fileExists(atPath: theme), theme != own {
            dirs.append((theme, "默认主题"))
        }
        if FileManager.default.fileExists(atPath: own) || dirs.isEmpty {
            dirs.append((own, templates))
        }
        return BuildOptions(content: ContentLocation(root: abs(content), display: content), templates: dirs,
                            output: abs(output), today: today)
    }
}

/// Prints diagnostics (stderr) and what was done; with `seconds`, a closing summary line.
/// Quiet: the errors only. `building`: the summary counts the files written. Returns the exit code.
func report(_ r: BuildReport, wrote: Bool, output: String, terminal: Terminal.Level, seconds: Double? = nil, building: Bool = true) -> Int32 {
    var err = StandardError()
    let errors = r.diagnostics.filter { $0.severity == .error }.count
    let warnings = r.diagnostics.count - errors
    for d in r.diagnostics where terminal != .quiet || d.severity == .error { print(d.description + "\n", to: &err) }
    var summary: String {
        "合计：\(r.published) 篇公开内容，" + (building ? "写出 \(r.filesWritten) 个文件，" : "")
            + "\(warnings) 个警告，\(errors) 个错误" + (seconds.map { String(format: "，用时 %.1f 秒。", $0) } ?? "。")
    }
    if errors > 0 {
        print("共 \(errors) 个错误、\(warnings) 个警告。" + (wrote ? "网站已经更新。" : "网站没有更新（上一次生成的网站保持不变）。"), to: &err)
        if seconds != nil && terminal != .quiet { print(summary, to: &err) }
        return 1
    }
    guard terminal != .quiet else { return 0 }
    var line = "检查通过：\(r.published) 篇公开内容"
    if !r.withheld.isEmpty { line += "，\(r.withheld.count) 篇不上网（草稿、未到发布日期、党内公开或缺少审核签字；gongkai check 列出每一篇）" }
    if warnings > 0 { line += "，\(warnings) 个警告" }
    print(line + "。")
    if wrote { print("网站已生成：\(output)/index.html（共 \(r.filesWritten) 个文件，其中 \(r.filesUnchanged) 个与上次相同）") }
    if r.upToDate { print("网站已是最新：\(output)/index.html（内容和模板自上次生成以来没有改动）") }
    if r.recordUpdated { print("发布记录已更新：\(PublicationRecord.fileName)（请和内容一起提交）") }
    if seconds != nil { print(summary) }
    return 0
}

/// How much `build` and `check` say.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "安静：只显示错误。") var quiet = false
    @Flag(name: .long, help: "详细：另外显示每一步用的时间和数量。") var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet 和 --verbose 只能用一个") }
    }

    var level: Terminal.Level { quiet ? .quiet : verbose ? .verbose : .normal }
}

/// What the terminal shows while the pipeline runs: on a terminal, the stage, its counts and a
/// bar on stderr, redrawn in place (nothing when stderr is not a terminal, or with --quiet);
/// with --verbose, one line per stage with its count and time.
final class Terminal: @unchecked Sendable {
    enum Level { case quiet, normal, verbose }
    let level: Level
    let started = Date()
    private let drawing: Bool
    private let lock = NSLock()
    private var stageStart = Date()
    /// What was drawn last: redrawn only when the stage or the bar changes.
    private var lastDrawn = ""
    private var drawn = false

    init(_ level: Level) {
        self.level = level
        drawing = level != .quiet && isatty(2) == 1
    }

    var seconds: Double { Date().timeIntervalSince(started) }

    /// `options` with this terminal listening to the pipeline.
    func listening(_ options: BuildOptions) -> BuildOptions {
        var o = options
        if drawing || level == .verbose { o.progress = { [self] in show($0) } }
        return o
    }

    static func name(_ stage: BuildProgress.Stage) -> String {
        switch stage {
        case .load: return "读取内容"
        case .resolve: return "整理公开状态"
        case .write: return "生成网站"
        }
    }

    static func count(_ p: BuildProgress) -> String {
        switch p.stage {
        case .load: return "\(p.done) 篇"
        case .resolve: return "\(p.done) 篇上网"
        case .write: return "\(p.done) 项（网页、数据文件、订阅等）"
        }
    }

    private func show(_ p: BuildProgress) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        if p.done == 0 && !p.finished { stageStart = now }
        if p.finished {
            clear()
            lastDrawn = ""
            if level == .verbose { print("\(Self.name(p.stage))：\(Self.count(p))，用时 " + String(format: "%.2f", now.timeIntervalSince(stageStart)) + " 秒") }
            return
        }
        guard drawing else { return }
        var line = "\r\u{1B}[K" + Self.name(p.stage) + "……"
        if p.total > 0 {
            let width = 30, full = p.done * width / p.total
            line += " [" + String(repeating: "█", count: full) + String(repeating: "░", count: width - full) + "]"
        }
        guard line != lastDrawn else { return }
        lastDrawn = line
        FileHandle.standardError.write(Data((line + (p.total > 0 ? " \(p.done)/\(p.total)" : "")).utf8))
        drawn = true
    }

    /// Removes the progress line before anything else is printed.
    private func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "检查内容并生成网站（默认命令）。")
    @OptionGroup var site: SiteOptions
    @OptionGroup var say: OutputOptions

    func run() throws {
        let terminal = Terminal(say.level)
        let r = Builder.build(terminal.listening(try site.options()))
        let code = report(r, wrote: r.wroteSite, output: site.output, terminal: terminal.level, seconds: terminal.seconds)
        if code != 0 { throw ExitCode(code) }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "核对一份已经上线的网站是否与内容和发布记录完全一致。")
    @OptionGroup var site: SiteOptions
    @Option(name: .long, help: ArgumentHelp("要核对的网站文件夹（默认 Site）。", valueName: "文件夹")) var siteDir = "Site"

    func run() throws {
        let o = try site.options()
        let v = Builder.verify(o, site: siteDir)
        var err = StandardError()
        for d in v.diagnostics { print(d.description + "\n", to: &err) }
        for p in v.differing { print("与内容不符：\(p)") }
        for p in v.missing { print("网站上缺少：\(p)") }
        for p in v.extra { print("网站上多出：\(p)") }
        if v.ok {
            print("核对通过：\(siteDir) 的 \(v.checked) 个文件与内容、发布记录完全一致（按 \(v.date?.chinese ?? "") 生成）。")
        } else if !v.noManifest {
            print("核对不通过：\(v.differing.count) 个文件不符，缺少 \(v.missing.count) 个，多出 \(v.extra.count) 个。", to: &err)
            throw ExitCode(1)
        } else {
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "只检查内容，报告所有问题，不生成网站。")
    @OptionGroup var site: SiteOptions
    @OptionGroup var say: OutputOptions

    func run() throws {
        let terminal = Terminal(say.level)
        let r = Builder.check(terminal.listening(try site.options()))
        if terminal.level != .quiet {
            for w in r.withheld { print("不上网：\(PersonalData.maskPath(w.path))（\(w.reason.label)）") }
            if let t = r.timeliness, !r.hasErrors { print("\n" + t) }
        }
        let code = report(r, wrote: false, output: site.output, terminal: terminal.level, seconds: terminal.seconds, building: false)
        if code != 0 { throw ExitCode(code) }
    }
}
