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
        let notices = r.published.sorted { $0.id < $1.id }.map { n in
            Notice(id: n.id, url: URLs.online(URLs.notice(n), base: r.site.baseURL), title: n.title,
                   board: r.board(n.board)?.name ?? n.board, category: r.category(n.category)?.name ?? n.category,
                   date: n.date.iso, sha256: n.digest, withdrawn: r.publication(n)?.isWithdrawn == true,
                   versions: (r.record.entries[n.id]?.versions ?? []).map { Version(recorded: $0.recorded.iso, sha256: $0.sha256) })
        }
        return Root(site: r.site.name, baseURL: r.site.baseURL, date: r.today.iso, notices: notices)
    }

    static func json(_ r: ResolvedSite) -> Data { json(root(r)) }

    /// The bytes `JSONEncoder` writes for `root` with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]` (keys sorted, two spaces per level, ` : `), written directly:
    /// the encoder took a tenth of a rebuild of 10,000 notices. `ManifestTests` compares both.
    static func json(_ root: Root) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(400 * root.notices.count + 200)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func string(_ s: String) {
            out.append(0x22)
            // Most values need no escape: their bytes go in at once.
            if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: s.utf8)
                out.append(0x22)
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
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
        func field(_ indent: String, _ key: String, _ value: String, last: Bool = false) {
            raw(indent)
            out.append(0x22)
            raw(key)
            raw("\" : ")
            string(value)
            raw(last ? "\n" : ",\n")
        }
        raw("{\n")
        field("  ", "baseURL", root.baseURL)
        field("  ", "date", root.date)
        raw("  \"notices\" : [\n")
        if root.notices.isEmpty { raw("\n") }
        for (i, n) in root.notices.enumerated() {
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
            raw(i == root.notices.count - 1 ? "    }\n" : "    },\n")
        }
        raw("  ],\n")
        field("  ", "site", root.site, last: true)
        raw("}\n")
        return Data(out)
    }
}
