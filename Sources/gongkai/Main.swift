import ArgumentParser
import Foundation
import GongkaiCore

let gongkaiVersion = "0.9.0"

/// The entry point: swift-argument-parser parses, but everything the clerk reads is Chinese —
/// help is the library's help with Chinese headings, and argument errors are reworded.
@main
enum Main {
    static func main() async {
        exit(await run(Array(CommandLine.arguments.dropFirst())))
    }

    static func run(_ args: [String]) async -> Int32 {
        let flags = args.prefix { $0 != "--" }
        let sub = subcommand(in: args)
        if flags.contains("--version") {
            print("gongkai \(gongkaiVersion)")
            return 0
        }
        if flags.contains("-h") || flags.contains("--help") || flags.first == "help" {
            print(help(for: sub))
            return 0
        }
        do {
            var command = try GongkaiCommand.parseAsRoot(args)
            if var running = command as? AsyncParsableCommand {
                try await running.run()
            } else {
                try command.run()
            }
            return 0
        } catch let e as ExitCode {
            return e.rawValue
        } catch let e as ScaffoldError {
            printError("错误：\(e)")
            return 1
        } catch {
            let code = GongkaiCommand.exitCode(for: error)
            if code == .success { return 0 }
            let name = sub.map { "gongkai \($0._commandName)" } ?? "gongkai"
            printError("错误：\(message(for: error, in: args))\n运行 \(name) --help 查看用法。")
            return code.rawValue
        }
    }

    /// The subcommand named in `args` (the first word that is one), nil for the root command.
    static func subcommand(in args: [String]) -> ParsableCommand.Type? {
        guard let first = args.first(where: { !$0.hasPrefix("-") && $0 != "help" }) else { return nil }
        return GongkaiCommand.configuration.subcommands.first { $0._commandName == first }
    }

    static func printError(_ s: String) {
        var err = StandardError()
        print(s, to: &err)
    }

    /// An argument error in Chinese. The library's messages are English; the known kinds are
    /// reworded with the argument they name, anything else gets a general sentence.
    static func message(for error: Error, in args: [String]) -> String {
        if let v = error as? ValidationError { return v.message }
        let english = GongkaiCommand.message(for: error)
        let quoted = english.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        let name = quoted.first.map { $0.split(separator: " ").first.map(String.init) ?? $0 } ?? ""
        if english.hasPrefix("Unknown option") { return "不认识的选项 \(name)" }
        if english.hasPrefix("Unexpected argument") {
            return args.first == name ? "不认识的命令「\(name)」；可以用的命令：\(commandList)" : "多余的参数「\(name)」"
        }
        if english.hasPrefix("Missing value for") { return "选项 \(name) 后面要写一个值" }
        if english.hasPrefix("Missing expected argument") { return "缺少参数 \(name)" }
        if english.hasPrefix("The value") { return "值「\(name)」不对（\(quoted.dropFirst().first.map { $0.split(separator: " ").first.map(String.init) ?? $0 } ?? "")）" }
        if english.hasPrefix("Unexpected") || english.hasPrefix("Unknown") { return "命令行里有不认识的内容：\(quoted.joined(separator: " "))" }
        return "命令行写得不对"
    }

    static var commandList: String {
        GongkaiCommand.configuration.subcommands.map { $0._commandName }.joined(separator: "、")
    }

    /// The library's help for `command`, with its English headings and built-in lines in Chinese.
    static func help(for command: ParsableCommand.Type?) -> String {
        var text = GongkaiCommand.helpMessage(for: command ?? GongkaiCommand.self, columns: 100)
        let replacements: [(String, String)] = [
            ("OVERVIEW: ", ""), ("USAGE: ", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
            ("SUBCOMMANDS:", "命令："), ("Show help information.", "显示这份说明。"), ("Show the version.", "显示版本号。"),
            ("<subcommand>", "<命令>"), ("<options>", "<选项>"), (" (default)", ""),
        ]
        for (a, b) in replacements { text = text.replacingOccurrences(of: a, with: b) }
        // "(default: …)": the help sentences already say what the default is.
        text = text.replacingOccurrences(of: #"\s*\(default: [^)]*\)"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"<[a-z][a-z-]*>"#, with: "<值>", options: .regularExpression)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { $0.contains("See 'gongkai help") }
        // The library lines up the second column by characters; Chinese ones take two cells.
        lines = lines.map { line in
            guard let r = line.range(of: #"^  \S.*?\S(?=\s{2,}\S)"#, options: .regularExpression) else { return line }
            let width = line[r].reduce(0) { $0 + ($1.isWide ? 2 : 1) }
            return line[r] + String(repeating: " ", count: max(2, 26 - width)) + line[r.upperBound...].drop { $0 == " " }
        }
        text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if command == nil { text += "\n\n运行 gongkai <命令> --help 查看每个命令的说明。" }
        return text
    }
}

/// Whether the command may ask questions: only when a person is at the terminal.
var interactive: Bool { isatty(0) == 1 }

/// Asks `question` on the terminal; nil when not interactive or left empty.
func ask(_ question: String) -> String? {
    guard interactive else { return nil }
    print(question, terminator: "")
    fflush(nil)
    guard let answer = readLine()?.trimmingCharacters(in: .whitespaces), !answer.isEmpty else { return nil }
    return answer
}
