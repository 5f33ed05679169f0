import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Stage 5: writes the output into a fresh folder beside the target, then swaps it into place,
/// so a failed or killed build never leaves the site half-written.
public enum SiteWriter {
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public let hint: String?
        public var description: String { message }
    }

    static let marker = ".gongkai-site"

    public struct Stats: Sendable {
        /// Files in the new site.
        public var files: Int
        /// Of these, files whose bytes did not change (linked from the previous site).
        public var unchanged: Int
    }

    @discardableResult
    public static func write(_ files: [OutputFile], to output: String, fs: any FileSystem = DiskFileSystem()) throws -> Stats {
        try write(to: output, fs: fs) { emit in try emit(files) }
    }

    /// Writes the files that `produce` hands to `emit`, batch after batch, into the temporary
    /// folder; the folder is swapped into place only after `produce` returned.
    @discardableResult
    public static func write(to output: String, fs: any FileSystem = DiskFileSystem(),
                             produce: (_ emit: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        var stats = Stats(files: 0, unchanged: 0)
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        try guardTarget(target.path, fs: fs)
        try fs.makeDirectory(parent)
        removeStaleTemporaries(in: parent, prefix: ".\(name).building-", fs: fs)

        let temp = (parent as NSString).appendingPathComponent(".\(name).building-\(getpid())")
        fs.remove(temp)
        do {
            try fs.makeDirectory(temp)
            // A file whose bytes did not change is hard-linked from the previous site instead of
            // written again: creating inodes is what costs most on these disks.
            let previous = fs.isFile(target.appendingPathComponent(marker).path) ? target.path : nil
            var made = Set<String>()
            try produce { files in
                // The files of one folder are made by one thread: two threads creating files in the
                // same folder wait on its lock (and the kernel spins there, burning the other core).
                var byFolder: [String: [Int]] = [:]
                for (i, f) in files.enumerated() {
                    guard isSafeRelative(f.path) else {
                        throw Failure(message: "输出路径不安全：\(f.path)", hint: nil)
                    }
                    byFolder[(f.path as NSString).deletingLastPathComponent, default: []].append(i)
                }
                let folders = byFolder.keys.sorted()
                for d in folders where !d.isEmpty && !made.contains(d) {
                    try fs.makeDirectory((temp as NSString).appendingPathComponent(d))
                }
                made.formUnion(folders)
                let groups = folders.map { byFolder[$0]! }
                let errors = ParallelResults<String>(count: files.count)
                let reused = ParallelResults<Bool>(count: files.count)
                DispatchQueue.concurrentPerform(iterations: groups.count) { k in
                    for i in groups[k] {
                        let f = files[i]
                        let dest = temp + "/" + f.path
                        do {
                            if let previous, reuse(f, from: previous + "/" + f.path, to: dest, fs: fs) {
                                reused.set(i, true)
                                continue
                            }
                            switch f.content {
                            case let .bytes(data): try fs.write(data, to: dest)
                            case let .copy(from): try fs.write(try readFile(from, fs: fs), to: dest)
                            }
                        } catch {
                            errors.set(i, "\(f.path): \(error)")
                        }
                    }
                }
                stats.files += files.count
                stats.unchanged += reused.values.count
                if let first = errors.values.first {
                    throw Failure(message: "写入网站文件失败：\(first)", hint: "检查磁盘空间和文件夹权限。")
                }
            }
            // The new site goes live in one step; the temporary folder then holds the previous one.
            try fs.exchange(temp, target.path)
            fs.remove(temp)
        } catch {
            fs.remove(temp)
            if let f = error as? Failure { throw f }
            throw Failure(message: "写入网站失败：\(error)", hint: "检查磁盘空间和文件夹权限。")
        }
        return stats
    }

    /// Links `old` to `dest` when it holds exactly the bytes `f` would write.
    static func reuse(_ f: OutputFile, from old: String, to dest: String, fs: any FileSystem) -> Bool {
        guard let st = fs.stat(old, followingLinks: false), st.isRegular else { return false }
        let same: Bool
        switch f.content {
        case let .bytes(data):
            guard st.size == data.count, let existing = try? readFile(old, fs: fs) else { return false }
            same = existing == data
        case let .copy(from) where from == old:
            same = true  // the previous site's own file (an unchanged page)
        case let .copy(from):
            guard let src = fs.stat(from), src.size == st.size,
                  let a = try? readFile(old, fs: fs), let b = try? readFile(from, fs: fs) else { return false }
            same = a == b
        }
        return same && fs.link(old, dest)
    }

    static func readFile(_ path: String, fs: any FileSystem) throws -> Data {
        guard let d = fs.read(path) else {
            throw Failure(message: "无法读取 \(path)", hint: nil)
        }
        return d
    }

    static func isSafeRelative(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.contains("\\") && !p.contains("\0")
            && !p.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
    }

    /// Refuses to replace a folder that is not a previous gongkai site (it would be deleted).
    static func guardTarget(_ target: String, fs: any FileSystem) throws {
        guard let st = fs.stat(target) else { return }
        guard st.isDirectory else {
            throw Failure(message: "输出位置 \(target) 是一个文件，不是文件夹", hint: "用 --output 指定另一个文件夹。")
        }
        let contents = fs.entries(of: target)
        if !contents.isEmpty && !contents.contains(marker) {
            throw Failure(message: "输出文件夹 \(target) 里已有其他文件，不是 gongkai 生成的网站；为安全起见不会覆盖",
                          hint: "换一个空文件夹作为输出（--output），或先把这个文件夹里的东西移走。")
        }
    }

    /// Removes leftovers of builds that were killed (their process is gone): entries of `parent`
    /// named `prefix` + the pid of the build that made them (temporary sites, temporary records).
    static func removeStaleTemporaries(in parent: String, prefix: String, fs: any FileSystem) {
        for entry in fs.entries(of: parent) where entry.hasPrefix(prefix) {
            if let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) == 0 { continue }
            fs.remove((parent as NSString).appendingPathComponent(entry))
        }
    }
}
