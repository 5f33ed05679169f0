import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where `gongkai build` keeps the notices' bodies and page texts between loading and rendering:
/// an unnamed file beside the site (made and unlinked at once, so nothing is left behind even when the
/// build is killed), read back when a notice's page or search entry is made. Held in memory they
/// were a third of a large build's memory (some 300 MB at 50,000 notices), and each is used once
/// or twice after loading. A long-running process keeps its bodies in memory (no store).
public final class BodyStore: @unchecked Sendable {
    /// Where one notice's body and text are in the file.
    public struct Ref: Sendable {
        let store: BodyStore
        let offset: Int64
        let count: Int

        /// The body, read back.
        var body: BodyHTML { BodyStore.decode(store.read(self)).body }
        /// The page text, read back.
        var text: String { BodyStore.decode(store.read(self), body: false).text }
    }

    private let fd: Int32
    /// The end of what was written (under `lock`): each record gets its own place.
    private var end: Int64 = 0
    private let lock = NSLock()

    /// A store in `directory` (the folder the site is written into: the same disk, where /tmp may
    /// be memory), else in the temporary folder (`TMPDIR` or /tmp); nil when no file can be made
    /// in either (the bodies then stay in memory).
    public init?(in directory: String? = nil) {
        var made: (Int32, [CChar])?
        for dir in [directory, NSTemporaryDirectory()].compactMap({ $0 }) {
            var path = Array(((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".gongkai-bodies-XXXXXX").utf8CString)
            let fd = path.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { continue }
            // Not passed on to programs the build starts.
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            // A file system that cannot unlink an open file would leave it beside the site.
            guard path.withUnsafeBufferPointer({ unlink($0.baseAddress!) }) == 0 else {
                close(fd)
                continue
            }
            made = (fd, path)
            break
        }
        guard let (fd, _) = made else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Keeps `body` and `text`; nil when they could not be written (the caller keeps them).
    func put(body: BodyHTML, text: String) -> Ref? {
        let bytes = Self.encode(body: body, text: text)
        lock.lock()
        let offset = end
        end += Int64(bytes.count)
        lock.unlock()
        let ok = bytes.withUnsafeBytes { buf in
            Self.whole(buf.count) { done in pwrite(fd, buf.baseAddress! + done, buf.count - done, off_t(offset) + off_t(done)) }
        }
        return ok ? Ref(store: self, offset: offset, count: bytes.count) : nil
    }

    private func read(_ ref: Ref) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: ref.count)
        let ok = bytes.withUnsafeMutableBytes { buf in
            Self.whole(buf.count) { done in pread(fd, buf.baseAddress! + done, buf.count - done, off_t(ref.offset) + off_t(done)) }
        }
        // The build's own temporary file, written a moment ago: a page without its body must not
        // be published, so the build stops (Site/ stays as it was). fatalError prints its message
        // in an optimised build too.
        if !ok { fatalError("无法读回临时文件里的正文（\(String(cString: strerror(errno)))），网站没有更新，请再运行一次") }
        return bytes
    }

    /// Runs `step` (a read or write of the rest, from `done` bytes on) until `count` bytes are
    /// done; false when a step fails or ends early.
    private static func whole(_ count: Int, _ step: (Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let n = step(done)
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    // MARK: the record: the text, then the body's parts (the text is read without the body)

    static func encode(body: BodyHTML, text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + body.parts.reduce(0) { n, p in
            if case let .html(s) = p { return n + s.utf8.count + 5 }
            return n + 256
        } + 8)
        func string(_ s: String) {
            LEB128.append(s.utf8.count, to: &out)
            out.append(contentsOf: s.utf8)
        }
        func cell(_ c: TableView.Cell) {
            string(c.html)
            if let cls = c.cls { out.append(1); string(cls) } else { out.append(0) }
            string(c.label)
        }
        string(text)
        LEB128.append(body.parts.count, to: &out)
        for part in body.parts {
            switch part {
            case let .html(s):
                out.append(0)
                string(s)
            case let .table(t):
                out.append(1)
                out.append(t.cards ? 1 : 0)
                LEB128.append(t.header.count, to: &out)
                t.header.forEach(cell)
                LEB128.append(t.rows.count, to: &out)
                for r in t.rows {
                    LEB128.append(r.cells.count, to: &out)
                    r.cells.forEach(cell)
                }
            }
        }
        return out
    }

    /// The text of a record, and its body unless `body` is false (then empty).
    static func decode(_ bytes: [UInt8], body: Bool = true) -> (body: BodyHTML, text: String) {
        var i = 0
        func int() -> Int { LEB128.read(bytes, at: &i) }
        func string() -> String {
            let n = int()
            defer { i += n }
            return String(decoding: bytes[i..<i + n], as: UTF8.self)
        }
        func byte() -> UInt8 {
            defer { i += 1 }
            return bytes[i]
        }
        func cell() -> TableView.Cell {
            let html = string()
            let cls = byte() == 1 ? string() : nil
            return TableView.Cell(html: html, cls: cls, label: string())
        }
        let text = string()
        guard body else { return (BodyHTML(), text) }
        var parts: [BodyHTML.Part] = []
        for _ in 0..<int() {
            if byte() == 0 {
                parts.append(.html(string()))
            } else {
                let cards = byte() == 1
                let header = (0..<int()).map { _ in cell() }
                let rows = (0..<int()).map { _ in TableView.Row(cells: (0..<int()).map { _ in cell() }) }
                parts.append(.table(TableView(cards: cards, header: header, rows: rows)))
            }
        }
        return (BodyHTML(parts: parts), text)
    }
}
