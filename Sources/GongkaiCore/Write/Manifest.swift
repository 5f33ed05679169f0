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

    static func json(_ r: ResolvedSite) -> Data {
        let notices = r.published.sorted { $0.id < $1.id }.map { n in
            Notice(id: n.id, url: URLs.online(URLs.notice(n), base: r.site.baseURL), title: n.title,
                   board: r.board(n.board)?.name ?? n.board, category: r.category(n.category)?.name ?? n.category,
                   date: n.date.iso, sha256: n.digest, withdrawn: r.publication(n)?.isWithdrawn == true,
                   versions: (r.record.entries[n.id]?.versions ?? []).map { Version(recorded: $0.recorded.iso, sha256: $0.sha256) })
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? enc.encode(Root(site: r.site.name, baseURL: r.site.baseURL, date: r.today.iso, notices: notices))) ?? Data()
        return data + Data("\n".utf8)
    }
}
