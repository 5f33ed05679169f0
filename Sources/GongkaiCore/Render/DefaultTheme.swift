import Crypto
import Foundation

/// The default theme, built into the binary at build time (`EmbeddedTheme`, generated from the
/// repository's Templates/ by the EmbedTheme plugin), so a `gongkai` copied alone to another
/// machine or folder still builds a site without a Templates/ folder.
///
/// Theme loading and asset copying work on files, so the embedded files are written once into a
/// folder of the user's cache named by their digest (`~/.cache/gongkai/theme-<digest>`, or the
/// temporary folder when there is no writable home), checked byte for byte on every run and
/// rewritten when anything differs.
enum DefaultTheme {
    /// Where the theme was written; when no folder could be written, the first one tried (it
    /// then does not exist, and the site's own Templates/ must hold every template).
    static let directory: String = materialize()

    static var files: [(path: String, data: Data)] {
        EmbeddedTheme.files.map { ($0.path, Data(base64Encoded: $0.base64) ?? Data()) }
    }

    static func materialize() -> String {
        let files = files
        var hash = SHA256()
        for (path, data) in files {
            hash.update(data: Data("\(path)\u{0}\(data.count)\u{0}".utf8))
            hash.update(data: data)
        }
        let digest = hash.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        let dirs = cacheFolders().map { ($0 as NSString).appendingPathComponent("theme-\(digest)") }
        return dirs.first { holds($0, files) || write($0, files) } ?? dirs[0]
    }

    static func cacheFolders() -> [String] {
        let env = ProcessInfo.processInfo.environment
        var out: [String] = []
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { out.append((x as NSString).appendingPathComponent("gongkai")) }
        if let home = env["HOME"], home.hasPrefix("/") { out.append((home as NSString).appendingPathComponent(".cache/gongkai")) }
        out.append((NSTemporaryDirectory() as NSString).appendingPathComponent("gongkai-\(getuid())"))
        return out
    }

    /// Whether `dir` holds exactly these files.
    static func holds(_ dir: String, _ files: [(path: String, data: Data)]) -> Bool {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir) else { return false }
        var count = 0
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: (dir as NSString).appendingPathComponent(rel), isDirectory: &isDir), !isDir.boolValue { count += 1 }
        }
        return count == files.count
            && files.allSatisfy { fm.contents(atPath: (dir as NSString).appendingPathComponent($0.path)) == $0.data }
    }

    /// Writes the files into a fresh folder beside `dir`, then moves it into place.
    static func write(_ dir: String, _ files: [(path: String, data: Data)]) -> Bool {
        let fm = FileManager.default
        let parent = (dir as NSString).deletingLastPathComponent
        let temp = (parent as NSString).appendingPathComponent(".tmp-\(getpid())-\(UUID().uuidString)")
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (path, data) in files {
                let file = (temp as NSString).appendingPathComponent(path)
                try fm.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: file))
            }
            if fm.fileExists(atPath: dir) {
                // Another gongkai may have written it meanwhile: never remove a good copy in use.
                if holds(dir, files) {
                    try? fm.removeItem(atPath: temp)
                    return true
                }
                try? fm.removeItem(atPath: dir)
            }
            try fm.moveItem(atPath: temp, toPath: dir)
        } catch {
            try? fm.removeItem(atPath: temp)
            // Another gongkai may have written the same folder at the same moment.
            return holds(dir, files)
        }
        return true
    }
}
