import CSys
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the build needs to know about a file without reading it: a rebuild compares these to
/// decide which files to read again.
public struct FileStat: Sendable, Hashable, Codable {
    public var size: Int
    /// Modification time in nanoseconds.
    public var modified: Int64
    public var inode: UInt64
    public var isDirectory: Bool
    /// A plain file (not a folder, a device or, when links are not followed, a symbolic link).
    public var isRegular: Bool

    public init(size: Int, modified: Int64, inode: UInt64, isDirectory: Bool, isRegular: Bool) {
        self.size = size
        self.modified = modified
        self.inode = inode
        self.isDirectory = isDirectory
        self.isRegular = isRegular
    }
}

/// The file operations of the build: the loader reads Content/ through it and the writer writes
/// the site through it, so a stage (or a whole build) can run over `MemoryFileSystem` in a test.
/// Paths are absolute (or as given); a missing file is nil, never an error.
public protocol FileSystem: Sendable {
    func read(_ path: String) -> Data?
    /// nil when nothing is there.
    func stat(_ path: String, followingLinks: Bool) -> FileStat?
    /// Every regular file under `dir` (at any depth), relative to `dir`, sorted; [] when `dir` is not a folder.
    func files(under dir: String) -> [String]
    /// The names directly in `dir` (files and folders).
    func entries(of dir: String) -> [String]
    /// The path with symbolic links resolved (attachments must not lead out of Content/).
    func realPath(_ path: String) -> String
    func write(_ data: Data, to path: String) throws
    /// Creates `path` and any missing parents.
    func makeDirectory(_ path: String) throws
    /// Replaces `to` when it is a file.
    func rename(_ from: String, to: String) throws
    /// Puts the folder `from` at `to`, atomically when the system allows; `from` then holds the
    /// previous `to` (or nothing when there was none).
    func exchange(_ from: String, _ to: String) throws
    /// A second name for an existing file (false when the system cannot: then the caller writes).
    func link(_ existing: String, _ new: String) -> Bool
    /// Removes a file or a whole folder; nothing when it is not there.
    func remove(_ path: String)
    /// Lets only this user into the folder `path` (`like` nil), or gives it the access the folder
    /// `like` has. Nothing where access is not kept (in memory).
    func setAccess(_ path: String, like model: String?)
}

extension FileSystem {
    public func setAccess(_ path: String, like model: String?) {}

    /// Follows symbolic links.
    public func stat(_ path: String) -> FileStat? { stat(path, followingLinks: true) }
    public func isFile(_ path: String) -> Bool { stat(path).map { !$0.isDirectory } ?? false }
    public func isDirectory(_ path: String) -> Bool { stat(path)?.isDirectory ?? false }
}

public struct FileSystemError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// `what` failed, with the reason for `errno` in plain words (the C library's are English).
    init(_ what: String, errno code: Int32) { self.init(what + "：" + Self.reason(code)) }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "磁盘空间不足"
        case EDQUOT: return "超出了磁盘配额"
        case EACCES, EPERM: return "没有权限"
        case EROFS: return "磁盘是只读的"
        case ENOENT: return "文件夹不存在"
        case EEXIST: return "已经有同名的文件或文件夹"
        case ENOTDIR: return "路径里有一段不是文件夹"
        case EISDIR: return "这是一个文件夹"
        case ENOTEMPTY: return "文件夹不是空的"
        case ENAMETOOLONG: return "名字太长"
        case EMFILE, ENFILE: return "同时打开的文件太多"
        case EIO: return "磁盘读写出错"
        case EXDEV: return "不在同一个磁盘上"
        default: return "系统错误（编号 \(code)）"
        }
    }
}

/// The real disk. The only place (with the CLI) that uses `FileManager`.
public struct DiskFileSystem: FileSystem {
    public init() {}

    public func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    public func stat(_ path: String, followingLinks: Bool) -> FileStat? {
        var st = Glibc.stat()
        guard fstatat(AT_FDCWD, path, &st, followingLinks ? 0 : AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStat(size: Int(st.st_size), modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                        inode: UInt64(st.st_ino), isDirectory: (st.st_mode & S_IFMT) == S_IFDIR,
                        isRegular: (st.st_mode & S_IFMT) == S_IFREG)
    }

    /// A walk with readdir: folders are entered (not through symbolic links); anything else that
    /// is not a folder when links are followed is a file (a link to a file counts, a link to a
    /// folder does not). The entry's type from readdir saves a stat for most entries.
    public func files(under dir: String) -> [String] {
        var out: [String] = []
        func walk(_ path: String, _ rel: String) {
            guard let d = opendir(path) else { return }
            defer { closedir(d) }
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let full = path + "/" + name
                let inner = rel.isEmpty ? name : rel + "/" + name
                switch Int32(e.pointee.d_type) {
                case Int32(DT_DIR): walk(full, inner)
                case Int32(DT_REG): out.append(inner)
                default:
                    // A link, or a file system that does not give the type.
                    if let st = stat(full, followingLinks: false), st.isDirectory {
                        walk(full, inner)
                    } else if let st = stat(full, followingLinks: true), !st.isDirectory {
                        out.append(inner)
                    }
                }
            }
        }
        walk(dir, "")
        return out.sorted()
    }

    public func entries(of dir: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    }

    /// realpath(3) for a path that exists (Foundation's way walks it in Swift, a few percent of a
    /// load where every notice asks for Content/'s); Foundation's for one that does not.
    public func realPath(_ path: String) -> String {
        if let p = Glibc.realpath(path, nil) {
            defer { free(p) }
            return String(cString: p)
        }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// Plain POSIX write: no temporary file and no fsync per file (the site's folder swap is the commit point).
    public func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileSystemError("无法创建文件 \(path)", errno: errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { (p: UnsafeRawBufferPointer) in
            var off = 0
            while off < p.count {
                let n = Glibc.write(fd, p.baseAddress! + off, p.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileSystemError("写入文件 \(path) 失败", errno: errno)
                }
                off += n
            }
        }
    }

    /// The folder and any missing parents (`mkdir -p`).
    public func makeDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) else {
            throw FileSystemError("无法建立文件夹 \(path)", errno: errno)
        }
    }

    public func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw FileSystemError("无法把 \(from) 改名为 \(to)", errno: errno) }
    }

    public func exchange(_ from: String, _ to: String) throws {
        // Both sit in one folder (the site and its hidden building folder), so renames do.
        if stat(to, followingLinks: false) == nil {
            try rename(from, to: to)
            return
        }
        if gk_exchange_paths(from, to) == 0 { return }
        // No atomic exchange here: two renames, the previous folder put back if the second fails.
        let name = (to as NSString).lastPathComponent
        let old = ((to as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".\(name).old-\(getpid())")
        remove(old)
        try rename(to, to: old)
        do {
            try rename(from, to: to)
        } catch {
            try? rename(old, to: to)
            throw error
        }
        try rename(old, to: from)
    }

    public func link(_ existing: String, _ new: String) -> Bool { Glibc.link(existing, new) == 0 }

    public func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    public func setAccess(_ path: String, like model: String?) {
        var mode: mode_t = 0o700
        if let model {
            var st = Glibc.stat()
            guard fstatat(AT_FDCWD, model, &st, 0) == 0 else { return }
            mode = st.st_mode & 0o7777
        }
        _ = chmod(path, mode)
    }
}

/// Files in memory, for tests: whole builds run in-process without a disk. Folders exist
/// implicitly where files are, or explicitly once made.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    private var files: [String: (data: Data, stat: FileStat)] = [:]
    private var folders: Set<String> = ["/"]
    /// A folder's identity (its "inode"), given when first asked and kept when it is moved: a
    /// folder removed and made again is another folder, as on a disk.
    private var folderInodes: [String: UInt64] = [:]
    private var clock: Int64 = 0
    private var nextInode: UInt64 = 1
    private let lock = NSLock()

    public init(_ files: [String: String] = [:]) {
        for (path, text) in files { try? write(Data(text.utf8), to: path) }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private static func normal(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return "/" + parts.joined(separator: "/")
    }

    private static func parents(_ path: String) -> [String] {
        var out: [String] = []
        var p = (path as NSString).deletingLastPathComponent
        while p != "/" && !p.isEmpty {
            out.append(p)
            p = (p as NSString).deletingLastPathComponent
        }
        return out
    }

    public func read(_ path: String) -> Data? { locked { files[Self.normal(path)]?.data } }

    public func stat(_ path: String, followingLinks: Bool) -> FileStat? {
        let p = Self.normal(path)
        return locked {
            if let f = files[p] { return f.stat }
            if folders.contains(p) {
                let inode = folderInodes[p] ?? { nextInode += 1; folderInodes[p] = nextInode; return nextInode }()
                return FileStat(size: 0, modified: 0, inode: inode, isDirectory: true, isRegular: false)
            }
            return nil
        }
    }

    public func files(under dir: String) -> [String] {
        let prefix = Self.normal(dir) == "/" ? "/" : Self.normal(dir) + "/"
        return locked { files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted() }
    }

    public func entries(of dir: String) -> [String] {
        let prefix = Self.normal(dir) == "/" ? "/" : Self.normal(dir) + "/"
        return locked {
            let names = (Array(files.keys) + Array(folders)).filter { $0.hasPrefix(prefix) }
                .map { $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init) ?? "" }
            return Set(names).filter { !$0.isEmpty }.sorted()
        }
    }

    public func realPath(_ path: String) -> String { Self.normal(path) }

    public func write(_ data: Data, to path: String) throws {
        let p = Self.normal(path)
        try locked {
            guard !folders.contains(p) else { throw FileSystemError("\(p) 是文件夹") }
            clock += 1
            let inode = files[p]?.stat.inode ?? { nextInode += 1; return nextInode }()
            files[p] = (data, FileStat(size: data.count, modified: clock, inode: inode, isDirectory: false, isRegular: true))
            folders.formUnion(Self.parents(p))
        }
    }

    public func makeDirectory(_ path: String) throws {
        let p = Self.normal(path)
        locked { folders.formUnion([p] + Self.parents(p)) }
    }

    /// Moves a file, or a folder with everything in it.
    public func rename(_ from: String, to: String) throws {
        let (a, b) = (Self.normal(from), Self.normal(to))
        try locked {
            if let f = files.removeValue(forKey: a) {
                files[b] = f
                folders.formUnion(Self.parents(b))
                return
            }
            guard folders.contains(a) else { throw FileSystemError("找不到 \(a)") }
            move(a, b)
        }
    }

    /// Moves the folder `a` (and its contents) to `b`; the caller holds the lock.
    private func move(_ a: String, _ b: String) {
        for key in files.keys where key.hasPrefix(a + "/") {
            files[b + key.dropFirst(a.count)] = files.removeValue(forKey: key)
        }
        var inodes: [String: UInt64] = [:]
        for f in folders where f == a || f.hasPrefix(a + "/") {
            folders.remove(f)
            folders.insert(b + f.dropFirst(a.count))
            if let inode = folderInodes.removeValue(forKey: f) { inodes[b + f.dropFirst(a.count)] = inode }
        }
        folderInodes.merge(inodes) { new, _ in new }
        folders.formUnion(Self.parents(b))
    }

    public func exchange(_ from: String, _ to: String) throws {
        let (a, b) = (Self.normal(from), Self.normal(to))
        locked {
            let swapping = folders.contains(b)
            if swapping { move(b, b + ".exchange") }
            move(a, b)
            if swapping { move(b + ".exchange", a) }
        }
    }

    public func link(_ existing: String, _ new: String) -> Bool {
        let (a, b) = (Self.normal(existing), Self.normal(new))
        return locked {
            guard let f = files[a], files[b] == nil else { return false }
            files[b] = f
            folders.formUnion(Self.parents(b))
            return true
        }
    }

    public func remove(_ path: String) {
        let p = Self.normal(path)
        locked {
            files[p] = nil
            for key in files.keys where key.hasPrefix(p + "/") { files[key] = nil }
            folders = folders.filter { $0 != p && !$0.hasPrefix(p + "/") }
            folderInodes = folderInodes.filter { $0.key != p && !$0.key.hasPrefix(p + "/") }
        }
    }
}
