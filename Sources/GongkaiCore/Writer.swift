import CSys
import Foundation

/// Stage 5: writes the output into a fresh folder beside the target, then swaps it into place,
/// so a failed or killed build never leaves the site half-written.
public enum SiteWriter {
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public let hint: String?
        public var description: String { message }
    }

    static let marker = ".gongkai-site"

    /// - Returns: the number of files written.
    @discardableResult
    public static func write(_ files: [OutputFile], to output: String) throws -> Int {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try guardTarget(target)
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleTemporaries(in: parent, name: name)

        let temp = parent.appendingPathComponent(".\(name).building-\(getpid())")
        try? fm.removeItem(at: temp)
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            var dirs = Set<String>()
            for f in files {
                guard isSafeRelative(f.path) else {
                    throw Failure(message: "输出路径不安全：\(f.path)", hint: nil)
                }
                let d = (f.path as NSString).deletingLastPathComponent
                if !d.isEmpty { dirs.insert(d) }
            }
            for d in dirs.sorted() {
                try fm.createDirectory(at: temp.appendingPathComponent(d), withIntermediateDirectories: true)
            }
            let errors = ParallelResults<String>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                let f = files[i]
                let dest = temp.appendingPathComponent(f.path)
                do {
                    switch f.content {
                    case let .bytes(data): try data.write(to: dest)
                    case let .copy(from): try FileManager.default.copyItem(atPath: from, toPath: dest.path)
                    }
                } catch {
                    errors.set(i, "\(f.path): \(error.localizedDescription)")
                }
            }
            if let first = errors.values.first {
                throw Failure(message: "写入网站文件失败：\(first)", hint: "检查磁盘空间和文件夹权限。")
            }
            try swap(temp, into: target)
        } catch {
            try? fm.removeItem(at: temp)
            if let f = error as? Failure { throw f }
            throw Failure(message: "写入网站失败：\(error.localizedDescription)", hint: "检查磁盘空间和文件夹权限。")
        }
        return files.count
    }

    static func isSafeRelative(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.contains("\\") && !p.contains("\0")
            && !p.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
    }

    /// Refuses to replace a folder that is not a previous gongkai site (it would be deleted).
    static func guardTarget(_ target: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: target.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw Failure(message: "输出位置 \(target.path) 是一个文件，不是文件夹", hint: "用 --output 指定另一个文件夹。")
        }
        let contents = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
        if !contents.isEmpty && !contents.contains(marker) {
            throw Failure(message: "输出文件夹 \(target.path) 里已有其他文件，不是 gongkai 生成的网站；为安全起见不会覆盖",
                          hint: "换一个空文件夹作为输出（--output），或先把这个文件夹里的东西移走。")
        }
    }

    /// Removes leftovers of builds that were killed (their process is gone).
    static func removeStaleTemporaries(in parent: URL, name: String) {
        let prefix = ".\(name).building-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            if let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Puts `temp` at `target` atomically where the OS allows (renameat2 RENAME_EXCHANGE),
    /// otherwise with two renames; the previous site is then deleted.
    static func swap(_ temp: URL, into target: URL) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: target.path) {
            try fm.moveItem(at: temp, to: target)
            return
        }
        if gk_exchange_paths(temp.path, target.path) == 0 {
            try? fm.removeItem(at: temp)  // now holds the previous site
            return
        }
        let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
        try? fm.removeItem(at: old)
        try fm.moveItem(at: target, to: old)
        do {
            try fm.moveItem(at: temp, to: target)
        } catch {
            try? fm.moveItem(at: old, to: target)
            throw error
        }
        try? fm.removeItem(at: old)
    }
}
