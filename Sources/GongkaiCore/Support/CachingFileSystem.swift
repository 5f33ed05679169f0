import Foundation

/// Reads through to another file system once and then from memory, until told which paths
/// changed (`BuildSession`): a rebuild reads from the disk only what changed.
final class CachingFileSystem: FileSystem, @unchecked Sendable {
    private let base: any FileSystem
    private let lock = NSLock()
    private var reads: [String: Data?] = [:]
    private var stats: [String: FileStat?] = [:]
    private var listings: [String: [String]] = [:]
    private var realPaths: [String: String] = [:]

    init(_ base: any FileSystem) { self.base = base }

    private func cached<K: Hashable, V>(_ table: ReferenceWritableKeyPath<CachingFileSystem, [K: V]>, _ key: K, _ make: () -> V) -> V {
        lock.lock()
        if let v = self[keyPath: table][key] {
            lock.unlock()
            return v
        }
        lock.unlock()
        let v = make()
        lock.lock()
        self[keyPath: table][key] = v
        lock.unlock()
        return v
    }

    /// Forgets `paths` (absolute). A path that was not known as a file (new, removed, a folder)
    /// also drops every folder listing.
    func invalidate(_ paths: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for p in paths {
            let wasFile = stats[p].map { $0?.isDirectory == false } ?? (reads[p].map { $0 != nil } ?? false)
            reads[p] = nil
            stats[p] = nil
            if !wasFile || base.stat(p) == nil {
                listings = [:]
                realPaths = [:]
                stats = [:]
            }
        }
    }

    func read(_ path: String) -> Data? { cached(\.reads, path) { base.read(path) } }

    func stat(_ path: String, followingLinks: Bool) -> FileStat? {
        guard followingLinks else { return base.stat(path, followingLinks: false) }
        return cached(\.stats, path) { base.stat(path) }
    }

    func files(under dir: String) -> [String] { cached(\.listings, dir) { base.files(under: dir) } }
    func entries(of dir: String) -> [String] { base.entries(of: dir) }
    func realPath(_ path: String) -> String { cached(\.realPaths, path) { base.realPath(path) } }

    func write(_ data: Data, to path: String) throws {
        invalidate([path])
        try base.write(data, to: path)
        invalidate([path])
    }

    func makeDirectory(_ path: String) throws { try base.makeDirectory(path) }

    func rename(_ from: String, to: String) throws {
        try base.rename(from, to: to)
        invalidate([from, to])
    }

    func exchange(_ from: String, _ to: String) throws {
        try base.exchange(from, to)
        invalidate([from, to])
    }

    func link(_ existing: String, _ new: String) -> Bool {
        defer { invalidate([new]) }
        return base.link(existing, new)
    }

    func setAccess(_ path: String, like model: String?) { base.setAccess(path, like: model) }

    func remove(_ path: String) {
        base.remove(path)
        invalidate([path])
    }
}
