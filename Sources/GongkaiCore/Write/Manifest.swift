import Foundation

/// `manifest.json`: every public notice with its content digest and revision history, and the
/// date the site was built for (so `gongkai verify` can rebuild it exactly).
enum Manifest {
    struct Notice: Encodable {
        var id: String
        var url: String
        var title: String
        var board: String
        var category: String
        var date: String
        var sha256: String
        var withdrawn: Bool
        var versions: [Version]
    }

    struct Version: Encodable {
        var recorded: String
        var sha256: String
    }

    struct Root: Encodable {
        var site: String
        var baseURL: String
        var date: String
        var notices: [Notice]
    }

    /// What the manifest says about `r`.
    static func root(_ r: ResolvedSite) -> Root {
        let notices = r.published.sorted { $0.id < $1.id }.map { entry($0, r) }
        return Root(site: r.site.name, baseURL: r.site.baseURL, date: r.today.iso, notices: notices)
    }

    /// What the manifest says about the published notice `n`.
    static func entry(_ n: GongkaiCore.Notice, _ r: ResolvedSite) -> Notice {
        Notice(id: n.id, url: URLs.online(URLs.notice(n), base: r.site.baseURL), title: n.title,
               board: r.board(n.board)?.name ?? n.board, category: r.category(n.category)?.name ?? n.category,
               date: n.date.iso, sha256: n.digest, withdrawn: r.publication(n)?.isWithdrawn == true,
               versions: (r.record.entries[n.id]?.versions ?? []).map { Version(recorded: $0.recorded.iso, sha256: $0.sha256) })
    }

    /// The manifest of `r`. With `parts` (a long-running process, where only notices changed
    /// since the build the parts are from), a notice whose version, state and record entry are
    /// those of the last build keeps its bytes. With `changed` as well (the ids of the notices a
    /// change reached, when the same notices are published as in the last build), the last
    /// manifest's bytes are kept around the changed notices' new bytes.
    static func json(_ r: ResolvedSite, parts: Parts? = nil, changed: Set<String>? = nil) -> Data {
        if let parts, let changed, let spliced = parts.splice(changed, r) { return Data(spliced) }
        let notices = r.published.sorted { $0.id < $1.id }
        guard let parts else {
            // Nothing kept for a next build: each notice is written straight into the manifest.
            var out = Writer(capacity: 600 * notices.count + 200)
            out.open(site: r.site.name, baseURL: r.site.baseURL, date: r.today.iso, count: notices.count) { i, w in
                w.notice(entry(notices[i], r))
            }
            return Data(out.bytes)
        }
        let known = parts.all
        var bodies: [[UInt8]] = []
        bodies.reserveCapacity(notices.count)
        var kept: [String: Parts.Part] = [:]
        kept.reserveCapacity(notices.count)
        for n in notices {
            let withdrawn = r.publication(n)?.isWithdrawn == true
            let versions = r.record.entries[n.id]?.versions
            if let p = known[n.id], p.notice.isSameVersion(n), p.withdrawn == withdrawn, p.versions == versions {
                bodies.append(p.bytes)
                kept[n.id] = p
                continue
            }
            let part = Parts.Part(n, r, withdrawn: withdrawn, versions: versions)
            bodies.append(part.bytes)
            kept[n.id] = part
        }
        var out = Writer(capacity: bodies.reduce(200) { $0 + $1.count + 2 })
        let ranges = out.open(site: r.site.name, baseURL: r.site.baseURL, date: r.today.iso, notices: bodies)
        parts.replace(with: kept, last: (out.bytes, notices.map(\.id), ranges))
        return Data(out.bytes)
    }

    /// Each notice's bytes in the manifest, kept between the builds of a long-running process.
    final class Parts: @unchecked Sendable {
        struct Part {
            var notice: GongkaiCore.Notice
            var withdrawn: Bool
            var versions: [PublicationRecord.Version]?
            var bytes: [UInt8]

            init(_ n: GongkaiCore.Notice, _ r: ResolvedSite, withdrawn: Bool, versions: [PublicationRecord.Version]?) {
                var out = Writer()
                out.notice(entry(n, r))
                (notice, self.withdrawn, self.versions, bytes) = (n, withdrawn, versions, out.bytes)
            }
        }
        private let lock = NSLock()
        private var parts: [String: Part] = [:]
        /// The last manifest: its bytes, its notices' ids in order, and where each one's bytes are.
        private var last: (bytes: [UInt8], ids: [String], ranges: [Range<Int>])?

        var all: [String: Part] {
            lock.lock()
            defer { lock.unlock() }
            return parts
        }

        /// Forgets everything (what the parts were made from changed).
        func reset() {
            lock.lock()
            parts = [:]
            last = nil
            lock.unlock()
        }

        func replace(with new: [String: Part], last: (bytes: [UInt8], ids: [String], ranges: [Range<Int>])) {
            lock.lock()
            parts = new
            self.last = last
            lock.unlock()
        }

        /// The last manifest with the parts of `changed` (notice ids) made again from `r`, which
        /// publishes the same notices; nil when that cannot be done.
        func splice(_ changed: Set<String>, _ r: ResolvedSite) -> [UInt8]? {
            lock.lock()
            defer { lock.unlock() }
            guard var last, last.ids.count == r.published.count else { return nil }
            self.last = nil
            // The changed notices that are published, by their place in the last manifest (its ids are sorted).
            var at: [(index: Int, notice: GongkaiCore.Notice)] = []
            if !changed.isEmpty {
                for n in r.published where changed.contains(n.id) {
                    var (lo, hi) = (0, last.ids.count)
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if last.ids[mid] < n.id { lo = mid + 1 } else { hi = mid }
                    }
                    guard lo < last.ids.count, last.ids[lo] == n.id else { return nil }
                    at.append((lo, n))
                }
            }
            at.sort { $0.index < $1.index }
            var out: [UInt8] = []
            out.reserveCapacity(last.bytes.count + 4096)
            var from = 0
            var newRanges: [Int: Range<Int>] = [:]
            for (i, n) in at {
                let part = Part(n, r, withdrawn: r.publication(n)?.isWithdrawn == true, versions: r.record.entries[n.id]?.versions)
                out.append(contentsOf: last.bytes[from..<last.ranges[i].lowerBound])
                newRanges[i] = out.count..<(out.count + part.bytes.count)
                out.append(contentsOf: part.bytes)
                parts[n.id] = part
                from = last.ranges[i].upperBound
            }
            // The other parts moved by the change in length of the changed ones before them.
            var shift = 0
            for k in last.ranges.indices {
                if let new = newRanges[k] {
                    shift += new.count - last.ranges[k].count
                    last.ranges[k] = new
                } else if shift != 0 {
                    last.ranges[k] = (last.ranges[k].lowerBound + shift)..<(last.ranges[k].upperBound + shift)
                }
            }
            out.append(contentsOf: last.bytes[from...])
            self.last = (out, last.ids, last.ranges)
            return out
        }
    }

    /// The bytes `JSONEncoder` writes for `root` with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (keys sorted, two spaces per level, ` : `), written directly:
    /// the encoder took a tenth of a rebuild of 10,000 notices. `ManifestTests` compares both.
    static func json(_ root: Root) -> Data {
        var out = Writer(capacity: 400 * root.notices.count + 200)
        out.open(site: root.site, baseURL: root.baseURL, date: root.date, count: root.notices.count) { i, w in w.notice(root.notices[i]) }
        return Data(out.bytes)
    }

    /// The manifest's bytes, piece by piece.
    struct Writer {
        var bytes: [UInt8] = []

        init(capacity: Int = 400) { bytes.reserveCapacity(capacity) }

        mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

        mutating func string(_ s: String) {
            bytes.append(0x22)
            // Most values need no escape: their bytes go in at once.
            if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                bytes.append(contentsOf: s.utf8)
                bytes.append(0x22)
                return
            }
            for b in s.utf8 {
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x08: raw("\\b")
                case 0x09: raw("\\t")
                case 0x0A: raw("\\n")
                case 0x0C: raw("\\f")
                case 0x0D: raw("\\r")
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    raw("\\u00")
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 15)])
                default: bytes.append(b)
                }
            }
            bytes.append(0x22)
        }

        mutating func field(_ indent: String, _ key: String, _ value: String, last: Bool = false) {
            raw(indent)
            bytes.append(0x22)
            raw(key)
            raw("\" : ")
            string(value)
            raw(last ? "\n" : ",\n")
        }

        /// One notice, from its `{` to its `}` (without what follows it).
        mutating func notice(_ n: Notice) {
            raw("    {\n")
            field("      ", "board", n.board)
            field("      ", "category", n.category)
            field("      ", "date", n.date)
            field("      ", "id", n.id)
            field("      ", "sha256", n.sha256)
            field("      ", "title", n.title)
            field("      ", "url", n.url)
            raw("      \"versions\" : [\n")
            if n.versions.isEmpty { raw("\n") }
            for (j, v) in n.versions.enumerated() {
                raw("        {\n")
                field("          ", "recorded", v.recorded)
                field("          ", "sha256", v.sha256, last: true)
                raw(j == n.versions.count - 1 ? "        }\n" : "        },\n")
            }
            raw("      ],\n")
            raw("      \"withdrawn\" : " + (n.withdrawn ? "true" : "false") + "\n")
            raw("    }")
        }

        /// The whole manifest around the notices' bytes; returns where each notice's bytes are.
        @discardableResult
        mutating func open(site: String, baseURL: String, date: String, notices: [[UInt8]]) -> [Range<Int>] {
            open(site: site, baseURL: baseURL, date: date, count: notices.count) { i, w in w.bytes.append(contentsOf: notices[i]) }
        }

        /// The same, with notice `i` written by `notice(i, &self)`.
        @discardableResult
        mutating func open(site: String, baseURL: String, date: String, count: Int, notice: (Int, inout Writer) -> Void) -> [Range<Int>] {
            raw("{\n")
            field("  ", "baseURL", baseURL)
            field("  ", "date", date)
            raw("  \"notices\" : [\n")
            if count == 0 { raw("\n") }
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            for i in 0..<count {
                let start = bytes.count
                notice(i, &self)
                ranges.append(start..<bytes.count)
                raw(i == count - 1 ? "\n" : ",\n")
            }
            raw("  ],\n")
            field("  ", "site", site, last: true)
            raw("}\n")
            return ranges
        }
    }
}
