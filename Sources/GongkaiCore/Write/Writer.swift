import CSys
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
    public static func write(_ files: [OutputFile], to output: String) throws -> Stats {
        try write(to: output) { emit in try emit(files) }
    }

    /// Writes the files that `produce` hands to `emit`, batch after batch, into the temporary
    /// folder; the folder is swapped into place only after `produce` returned.
    @discardableResult
    public static func write(to output: String, produce: (_ emit: ([OutputFile]) throws -> Void) throws -> Void) throws -> Stats {
        var stats = Stats(files: 0, unchanged: 0)
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try guardTarget(target)
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        removeStaleTemporaries(in: parent, prefix: ".\(name).building-")

        let temp = parent.appendingPathComponent(".\(name).building-\(getpid())")
        try? fm.removeItem(at: temp)
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            // A file whose bytes did not change is hard-linked from the previous site instead of
            // written again: creating inodes is what costs most on these disks.
            let previous = fm.fileExists(atPath: target.appendingPathComponent(marker).path) ? target.path : nil
            var made = Set<String>()
            try produce { files in
                var dirs = Set<String>()
                for f in files {
                    guard isSafeRelative(f.path) else {
                        throw Failure(message: "输出路径不安全：\(f.path)", hint: nil)
                    }
                    let d = (f.path as NSString).deletingLastPathComponent
                    if !d.isEmpty && !made.contains(d) { dirs.insert(d) }
                }
                for d in dirs.sorted() {
                    try fm.createDirectory(at: temp.appendingPathComponent(d), withIntermediateDirectories: true)
                }
                made.formUnion(dirs)
                let errors = ParallelResults<String>(count: files.count)
                let reused = ParallelResults<Bool>(count: files.count)
                DispatchQueue.concurrentPerform(iterations: files.count) { i in
                    let f = files[i]
                    let dest = temp.appendingPathComponent(f.path).path
                    do {
                        if let previous, reuse(f, from: previous + "/" + f.path, to: dest) {
                            reused.set(i, true)
                            return
                        }
                        switch f.content {
                        case let .bytes(data): try writeFile(data, to: dest)
                        case let .copy(from): try writeFile(try readFile(from), to: dest)
                        }
                    } catch {
                        errors.set(i, "\(f.path): \(error)")
                    }
                }
                stats.files += files.count
                stats.unchanged += reused.values.count
                if let first = errors.values.first {
                    throw Failure(message: "写入网站文件失败：\(first)", hint: "检查磁盘空间和文件夹权限。")
                }
            }
            try swap(temp, into: target)
        } catch {
            try? fm.removeItem(at: temp)
            if let f = error as? Failure { throw f }
            throw Failure(message: "写入网站失败：\(error.localizedDescription)", hint: "检查磁盘空间和文件夹权限。")
        }
        return stats
    }

    /// Links `old` to `dest` when it holds exactly the bytes `f` would write.
    static func reuse(_ f: OutputFile, from old: String, to dest: String) -> Bool {
        var st = stat()
        guard lstat(old, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        let same: Bool
        switch f.content {
        case let .bytes(data):
            guard Int(st.st_size) == data.count, let existing = try? readFile(old) else { return false }
            same = existing == data
        case let .copy(from):
            var src = stat()
            guard stat(from, &src) == 0, src.st_size == st.st_size,
                  let a = try? readFile(old), let b = try? readFile(from) else { return false }
            same = a == b
        }
        return same && link(old, dest) == 0
    }

    static func readFile(_ path: String) throws -> Data {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "无法读取 \(path)", hint: nil)
        }
        return d
    }

    /// Plain POSIX write: no temporary file and no fsync per file (the folder swap is the commit point).
    static func writeFile(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(message: "无法创建文件 \(path)：\(String(cString: strerror(errno)))", hint: nil) }
        defer { close(fd) }
        try data.withUnsafeBytes { (p: UnsafeRawBufferPointer) in
            var off = 0
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(message: "写入文件 \(path) 失败：\(String(cString: strerror(errno)))", hint: "检查磁盘空间。")
                }
                off += n
            }
        }
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

    /// Removes leftovers of builds that were killed (their process is gone): entries of `parent`
    /// named `prefix` + the pid of the build that made them (temporary sites, temporary records).
    static func removeStaleTemporaries(in parent: URL, prefix: String) {
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
