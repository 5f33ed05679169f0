import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders for changes and calls `changed` with the paths that changed, a burst of saves
/// merged into one call (nothing new for `quiet` seconds). inotify watches every folder below the
/// roots, folders made later too; where inotify is not available (or runs out of watches) the
/// folders are polled. `changed` runs on the watcher's own thread, one call at a time.
final class FolderWatcher: @unchecked Sendable {
    private let roots: [String]
    private let quiet: Double
    private let changed: @Sendable (Set<String>) -> Void
    /// Written to by `stop()`: wakes the watcher thread up.
    private var stopPipe: [Int32] = [-1, -1]
    private let finished = DispatchSemaphore(value: 0)
    /// The inotify descriptor and the folder of each watch; used only on the watcher thread.
    private var inotify: Int32 = -1
    private var folders: [Int32: String] = [:]

    init(roots: [String], quiet: Double = 0.1, changed: @escaping @Sendable (Set<String>) -> Void) {
        self.roots = roots
        self.quiet = quiet
        self.changed = changed
    }

    /// True when inotify could be set up; false when the folders are polled.
    private(set) var usesInotify = false

    func start() {
        _ = pipe(&stopPipe)
        usesInotify = startInotify()
        Thread.detachNewThread { [self] in
            if usesInotify { watchInotify() } else { watchPolling() }
            finished.signal()
        }
    }

    /// Stops watching; returns once a running `changed` call has finished.
    func stop() {
        var b: UInt8 = 1
        _ = write(stopPipe[1], &b, 1)
        finished.wait()
        if inotify >= 0 { close(inotify) }
        close(stopPipe[0])
        close(stopPipe[1])
    }

    // MARK: inotify

    private static let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                      | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private func startInotify() -> Bool {
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { return false }
        for root in roots where !addTree(root) {
            close(inotify)
            inotify = -1
            return false
        }
        return true
    }

    /// Watches `dir` and every folder below it; false when the system refuses a watch.
    private func addTree(_ dir: String) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { return true }
        let wd = inotify_add_watch(inotify, dir, Self.mask)
        if wd < 0 { return errno == ENOENT }
        folders[wd] = dir
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            guard addTree((dir as NSString).appendingPathComponent(name)) else { return false }
        }
        return true
    }

    private func watchInotify() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            guard wait(timeout: -1) else { return }
            var paths = Set<String>()
            let start = Date()
            // Read until the folders have been quiet for a moment (a whole "save all" is one rebuild).
            repeat {
                let n = read(inotify, &buffer, buffer.count)
                if n <= 0 { break }
                guard collect(events: buffer[0..<n], into: &paths) else {
                    // The watches can no longer be trusted: poll from now on.
                    close(inotify)
                    inotify = -1
                    changed(Set(roots))
                    watchPolling()
                    return
                }
            } while Date().timeIntervalSince(start) < 2 && wait(timeout: Int32(quiet * 1000))
            if stopRequested { return }
            if !paths.isEmpty { changed(paths) }
        }
    }

    /// Adds the changed paths of the events in `bytes`; false when the kernel dropped events or a
    /// new folder could not be watched.
    private func collect(events bytes: ArraySlice<UInt8>, into paths: inout Set<String>) -> Bool {
        let header = MemoryLayout<inotify_event>.size
        var ok = true
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + header <= raw.count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + header)..<min(raw.count, offset + header + length)].prefix { $0 != 0 }
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { ok = false; continue }
                guard let dir = folders[wd] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; continue }
                let path = nameBytes.isEmpty ? dir : (dir as NSString).appendingPathComponent(String(decoding: nameBytes, as: UTF8.self))
                paths.insert(path)
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !addTree(path) { ok = false }
            }
        }
        return ok
    }

    // MARK: polling

    private func watchPolling() {
        var last = fingerprint(roots)
        while true {
            _ = wait(timeout: 500)
            if stopRequested { return }
            let now = fingerprint(roots)
            if now != last {
                last = now
                changed(Set(roots))
            }
        }
    }

    // MARK: waiting

    private var stopRequested = false

    /// Waits until inotify has events (true) or `timeout` ms passed (false); false as well once
    /// `stop()` was called.
    private func wait(timeout: Int32) -> Bool {
        var fds = [pollfd(fd: stopPipe[0], events: Int16(POLLIN), revents: 0)]
        if inotify >= 0 { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        while true {
            let n = poll(&fds, nfds_t(fds.count), timeout)
            if n < 0 && errno == EINTR { continue }
            if fds[0].revents != 0 { stopRequested = true; return false }
            return n > 0
        }
    }
}

/// A fingerprint of every file below the folders (path, modification time, size): polling
/// compares two of them.
func fingerprint(_ dirs: [String]) -> Int {
    var hasher = Hasher()
    for d in dirs {
        guard let e = FileManager.default.enumerator(atPath: d) else { continue }
        while let p = e.nextObject() as? String {
            hasher.combine(p)
            if let a = e.fileAttributes {
                hasher.combine((a[.modificationDate] as? Date)?.timeIntervalSince1970)
                hasher.combine(a[.size] as? Int)
            }
        }
    }
    return hasher.finalize()
}
