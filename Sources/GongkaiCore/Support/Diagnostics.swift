import Foundation

/// A problem found in the content, reported as `path:line:col: 错误: message`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable, Codable {
        case error, warning
        public var label: String { self == .error ? "错误" : "警告" }
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// Path as shown to the user (e.g. `Content/notices/shiqiao/2026/q3.md`).
    public var file: String
    /// 1-based; 0 when unknown.
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?
    /// The offending source line, shown under the message.
    public var sourceLine: String?

    public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0,
                _ message: String, hint: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        // Messages are printed and logged: they never repeat a personal number, not even one
        // found in a file name or on the offending line.
        self.file = PersonalData.maskPath(file)
        self.line = line
        self.column = column
        self.message = PersonalData.maskLine(message)
        self.hint = hint.map(PersonalData.maskLine)
        self.sourceLine = sourceLine.map(PersonalData.maskLine)
    }

    /// `path:line:col: 错误: message`
    public var headline: String {
        let location = line > 0 ? "\(file):\(line):\(max(column, 1))" : file
        return "\(location): \(severity.label): \(message)"
    }

    /// The full report: headline, the source line with a caret, and the hint.
    public var description: String {
        var out = headline
        if let sourceLine, line > 0 {
            let shown = sourceLine.replacingOccurrences(of: "\t", with: " ")
            out += "\n    \(line) | \(shown)"
            let gutter = String(repeating: " ", count: String(line).count)
            // Caret under the column, counting wide (CJK) characters as two cells.
            let prefix = shown.prefix(max(column - 1, 0))
            let pad = prefix.reduce(0) { $0 + ($1.isWide ? 2 : 1) }
            out += "\n    \(gutter) | " + String(repeating: " ", count: pad) + "^"
        }
        if let hint { out += "\n    提示: \(hint)" }
        return out
    }
}

extension Character {
    /// East Asian wide characters take two terminal cells.
    public var isWide: Bool {
        guard let s = unicodeScalars.first else { return false }
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// The one channel for problems: every stage (load, validate, resolve, render, write) reports
/// into a collector, and the build prints what it holds. Reporting is safe from parallel work.
/// A `scope()` (one file, one parse) passes everything on to its parent as it comes and keeps
/// its own list, so a parser can ask whether *its* part went wrong.
public final class Diagnostics: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    /// How many of `items` are already in their final order (see `settle`).
    private var settled = 0
    private let parent: Diagnostics?

    public init() { parent = nil }
    private init(parent: Diagnostics) { self.parent = parent }

    /// A collector whose problems also go to this one.
    public func scope() -> Diagnostics { Diagnostics(parent: self) }

    /// `body` alone on the items (NSLock.withLock needs macOS 14).
    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    public func report(_ d: Diagnostic) {
        locked { items.append(d) }
        parent?.report(d)
    }

    public func report(_ ds: some Sequence<Diagnostic>) {
        for d in ds { report(d) }
    }

    /// Everything reported here, in order.
    public var all: [Diagnostic] { locked { items } }
    public var errorCount: Int { all.count { $0.severity == .error } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Puts what was reported since the last call in a stable order (work done in parallel reports
    /// in any order): by file, then line, column, severity, message. A problem found twice (in a
    /// data file that two notices name) is listed once; `filter` may drop more (see
    /// `Placeholder.explaining`). What is reported later follows in the order it comes.
    public func settle(_ filter: ([Diagnostic]) -> [Diagnostic] = { $0 }) {
        locked {
            var seen = Set<Diagnostic>()
            let fresh = items[settled...].filter { seen.insert($0).inserted }.sorted {
                let (a, b) = (($0.file, $0.line, $0.column, $0.severity, $0.message), ($1.file, $1.line, $1.column, $1.severity, $1.message))
                return a < b || (a == b && ($0.hint ?? "", $0.sourceLine ?? "") < ($1.hint ?? "", $1.sourceLine ?? ""))
            }
            items.replaceSubrange(settled..., with: filter(fresh))
            settled = items.count
        }
    }
}

/// Where a diagnostic points to inside a source file.
public struct SourceFile: Sendable {
    public let displayPath: String
    public let text: String

    public init(displayPath: String, text: String) {
        self.displayPath = displayPath
        self.text = text
    }

    /// Line `n` (1-based) of the file, found only when a message needs it.
    public func line(_ n: Int) -> String? {
        guard n >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        var i = start
        let utf8 = text.utf8
        while i < utf8.endIndex {
            if utf8[i] == 10 {
                if current == n { return String(text[start..<i]) }
                current += 1
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        return current == n ? String(text[start...]) : nil
    }

    public func diagnostic(_ severity: Diagnostic.Severity, line: Int, column: Int,
                           _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity, file: displayPath, line: line, column: column, message,
                   hint: hint, sourceLine: self.line(line))
    }
}

extension String {
    /// The lines of the text, as `split(separator: "\n", omittingEmptySubsequences: false)` gives
    /// them (a "\r\n" pair is one `Character` and does not end a line), found on UTF-8 bytes
    /// instead of walking grapheme clusters.
    var lines: [Substring] {
        var out: [Substring] = []
        let u = utf8
        var start = u.startIndex
        var i = start
        var previous: UInt8 = 0
        while i != u.endIndex {
            let b = u[i]
            if b == 10 && previous != 13 {
                out.append(self[start..<i])
                start = u.index(after: i)
            }
            previous = b
            u.formIndex(after: &i)
        }
        out.append(self[start...])
        return out
    }
}

extension Collection where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var i = startIndex
        while let hit = self[i...].firstIndex(of: first) {
            if self[hit...].starts(with: needle) { return true }
            i = index(after: hit)
        }
        return false
    }
}
