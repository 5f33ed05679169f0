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
    ///
    /// The previous site is kept beside the live one as `.Site.previous` (see `Spare`), with the
    /// paths where it differs from the live site: the next build takes it as its temporary folder
    /// and changes only those paths and the ones it writes anew, instead of making every folder
    /// and linking every file of a fresh tree (what a build with no spare does).
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
        let spare = Spare(path: (parent as NSString).appendingPathComponent(".\(name).previous"))
        fs.remove(temp)
        do {
            // A file whose bytes did not change is hard-linked from the previous site instead of
            // written again: creating inodes is what costs most on these disks.
            let previous = fs.isFile(target.appendingPathComponent(marker).path) ? target.path : nil
            let live = previous.map { fs.files(under: $0) } ?? []
            // The paths where the temporary folder (the spare taken over) may differ from the
            // live site; nil: the folder is new and empty.
            let differs = previous.flatMap { spare.take(as: temp, live: $0, fs: fs) }
            if differs == nil {
                fs.remove(spare.path)  // not the previous site of this one (or none is live)
                try fs.makeDirectory(temp)
            }
            var made = Set<String>()
            var emitted = Set<String>()
            // The paths written with new bytes: where the new site differs from the live one.
            var written: [String] = []
            try produce { files in
                // The files of one folder are made by one thread: two threads creating files in the
                // same folder wait on its lock (and the kernel spins there, burning the other core).
                var byFolder: [String: [Int]] = [:]
                for (i, f) in files.enumerated() {
                    guard isSafeRelative(f.path) else {
                        throw Failure(message: "输出路径不安全：\(f.path)", hint: nil)
                    }
                    byFolder[(f.path as NSString).deletingLastPathComponent, default: []].append(i)
                    emitted.insert(f.path)
                }
                let folders = byFolder.keys.sorted()
                for d in folders where !d.isEmpty && !made.contains(d) {
                    let folder = (temp as NSString).appendingPathComponent(d)
                    // In the spare, a file may stand where this site has a folder.
                    if differs != nil, !fs.isDirectory(folder) {
                        for f in Self.folders(of: d + "/x") where fs.stat(temp + "/" + f, followingLinks: false)?.isDirectory == false {
                            fs.remove(temp + "/" + f)
                        }
                    }
                    try fs.makeDirectory(folder)
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
                            // An unchanged page the spare holds as the live site does: nothing to do.
                            if let previous, let differs, case let .copy(from) = f.content, from == previous + "/" + f.path,
                               !differs.contains(f.path) {
                                reused.set(i, true)
                                continue
                            }
                            if let previous, same(f, as: previous + "/" + f.path, fs: fs) {
                                // In the spare, a path outside `differs` already holds the live bytes.
                                if let differs, !differs.contains(f.path) {
                                    reused.set(i, true)
                                    continue
                                }
                                // Never written through: the spare's files share their inodes with the live site's.
                                if differs != nil { fs.remove(dest) }
                                if fs.link(previous + "/" + f.path, dest) {
                                    reused.set(i, true)
                                    continue
                                }
                            }
                            if differs != nil { fs.remove(dest) }
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
                for i in files.indices where reused[i] == nil { written.append(files[i].path) }
                if let first = errors.values.first {
                    throw Failure(message: "写入网站文件失败：\(first)", hint: "检查磁盘空间和文件夹权限。")
                }
            }
            // What the spare held that this site has not: its files, then the folders left empty.
            if let differs {
                var needed = Set<String>()
                for d in made where !d.isEmpty { needed.formUnion(folders(of: d + "/x")) }
                var emptied = Set<String>()
                // (A path can be a file in one site and a folder in the other.)
                for p in Set(live).union(differs) where !emitted.contains(p) && !needed.contains(p) {
                    fs.remove(temp + "/" + p)
                    emptied.formUnion(folders(of: p).filter { !needed.contains($0) && !emitted.contains($0) })
                }
                // The outermost first: removing it removes what is inside.
                for d in emptied.sorted(by: { $0.count < $1.count }) where fs.stat(temp + "/" + d, followingLinks: false) != nil {
                    fs.remove(temp + "/" + d)
                }
            }
            // The new site goes live in one step; the temporary folder then holds the previous one.
            try fs.exchange(temp, target.path)
            if previous != nil {
                // It differs from the new site where this build wrote, and where it had files the new one has not.
                spare.keep(temp, differing: written + live.filter { !emitted.contains($0) }, live: target.path, fs: fs)
            } else {
                fs.remove(temp)
            }
        } catch {
            fs.remove(temp)
            if let f = error as? Failure { throw f }
            throw Failure(message: "写入网站失败：\(error)", hint: "检查磁盘空间和文件夹权限。")
        }
        return stats
    }

    /// The folders `path` is in (relative, outermost first, not the root).
    static func folders(of path: String) -> [String] {
        var out: [String] = []
        let utf8 = path.utf8
        var i = utf8.startIndex
        while let slash = utf8[i...].firstIndex(of: UInt8(ascii: "/")) {
            if slash != utf8.startIndex { out.append(String(path[..<slash])) }
            i = utf8.index(after: slash)
        }
        return out
    }

    /// The previous site, kept beside the live one (`.Site.previous`, only its owner can enter
    /// it) with a list of the paths where it differs from the live site, and which live folder
    /// that was (its inode and modification time: a live site removed, replaced or touched by
    /// hand makes the list stale, and the spare is dropped). A build takes the spare by renaming it to its own temporary
    /// folder, so two builds never share it and a build that fails or is killed leaves none.
    struct Spare {
        let path: String
        static let list = ".gongkai-differs"

        static func identity(_ live: String, fs: any FileSystem) -> String? {
            fs.stat(live, followingLinks: false).map { "\($0.inode) \($0.modified)" }
        }

        /// Moves the spare to `temp` and gives the paths where it differs from `live`; nil (and
        /// nothing at `temp`) when there is no spare or it is not the previous site of `live`.
        func take(as temp: String, live: String, fs: any FileSystem) -> Set<String>? {
            guard fs.isDirectory(path), (try? fs.rename(path, to: temp)) != nil else { return nil }
            let listPath = temp + "/" + Self.list
            var lines = fs.read(listPath).map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
            fs.remove(listPath)
            guard let identity = Self.identity(live, fs: fs), lines.first == "live " + identity else {
                fs.remove(temp)
                return nil
            }
            lines.removeFirst()
            fs.setAccess(temp, like: live)  // it goes live: as open as the live site
            return Set(lines)
        }

        /// Keeps `folder` (the site that was live until now) as the spare of `live`.
        func keep(_ folder: String, differing: [String], live: String, fs: any FileSystem) {
            guard let identity = Self.identity(live, fs: fs), !fs.isDirectory(path) else {
                fs.remove(folder)
                return
            }
            let text = (["live " + identity] + differing.sorted()).joined(separator: "\n") + "\n"
            // What only the previous site holds (a withdrawn notice's text, a page since mended)
            // is not for others to read, should the folder beside Site/ be served.
            fs.setAccess(folder, like: nil)
            do {
                try fs.write(Data(text.utf8), to: folder + "/" + Self.list)
                try fs.rename(folder, to: path)
            } catch {
                fs.remove(folder)
            }
        }
    }

    /// Whether `old` holds exactly the bytes `f` would write.
    static func same(_ f: OutputFile, as old: String, fs: any FileSystem) -> Bool {
        switch f.content {
        case let .copy(from) where from == old:
            return fs.stat(old, followingLinks: false)?.isRegular == true  // the previous site's own file (an unchanged page)
        case let .bytes(data):
            guard let st = fs.stat(old, followingLinks: false), st.isRegular, st.size == data.count,
                  let existing = try? readFile(old, fs: fs) else { return false }
            return existing == data
        case let .copy(from):
            guard let st = fs.stat(old, followingLinks: false), st.isRegular, let src = fs.stat(from), src.size == st.size,
                  let a = try? readFile(old, fs: fs), let b = try? readFile(from, fs: fs) else { return false }
            return a == b
        }
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
