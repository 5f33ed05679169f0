import Foundation

/// Checks of the disclosure process across notices: sign-off, corrections, re-published 公示.
enum ProcessCheck {
    /// The required sign-off words no signoff role of the notice contains, for a notice of the
    /// township's board (`township`) or a village's.
    static func missingSignoff(_ n: Notice, site: SiteConfig, township: Bool) -> [String] {
        // Asked three times per notice per build: the category is found by key without copying it.
        let required: [String]
        if let i = site.categories.firstIndex(where: { $0.key == n.category }) {
            required = site.categories[i].requiredSignoff(township: township)
        } else if let cat = site.category(named: n.category) {
            required = cat.requiredSignoff(township: township)
        } else {
            return []
        }
        var missing: [String] = []
        for word in required where !n.signoff.contains(where: { Bytes.contains($0.role, word) }) { missing.append(word) }
        return missing
    }

    /// Why a notice is not published on `today`, or nil when it is. The one rule used both when
    /// linking between notices and when resolving the site.
    /// `township`: whether the notice's board is the township's (nil: its board is unknown).
    static func withholdReason(_ n: Notice, site: SiteConfig, township: Bool?, today: Day) -> WithholdReason? {
        if n.process.partyOnly { return .partyOnly }
        if n.draft { return .draft }
        if n.date > today { return .scheduled(n.date) }
        if let township, case let missing = missingSignoff(n, site: site, township: township), !missing.isEmpty { return .missingSignoff(missing) }
        return nil
    }

    /// Resolves a path written in a notice (relative to the notice's folder) to a content path.
    static func target(_ written: String, from n: Notice) -> String? {
        NoticeParser.normalize((n.contentPath as NSString).deletingLastPathComponent + "/" + written)
    }

    static func validate(_ notices: [Notice], site: SiteConfig, boards: [Board], into sink: Diagnostics) {
        // Made when a notice first names another (most builds: never).
        var paths: [String: Notice]?
        func byPath(_ p: String) -> Notice? {
            if paths == nil { paths = Dictionary(notices.map { ($0.contentPath, $0) }, uniquingKeysWith: { a, _ in a }) }
            return paths?[p]
        }
        let township = Dictionary(uniqueKeysWithValues: boards.map { ($0.slug, $0.isTownship) })
        for n in notices {
            if let isTownship = township[n.board], !n.draft, !n.process.partyOnly {
                let missing = missingSignoff(n, site: site, township: isTownship)
                if !missing.isEmpty, let mark = n.process.signoffMark {
                    let cat = site.category(named: n.category)?.name ?? n.category
                    sink.report(mark.diagnostic(site.process.signoffSeverity,
                                                "缺少\(missing.map { "「\($0)」" }.joined(separator: "、"))的审核签字，这篇\(cat)不会发布",
                                                hint: "在 signoff 里加上签字人，职务中要含有\(missing.joined(separator: "、"))，例如：\n"
                                                    + "      signoff:\n        - { role: \(missing[0] == "村务监督委员会" ? "村务监督委员会主任" : missing[0]), name: 某某, date: 2026-10-12 }"))
                }
            }
            if let written = n.process.corrects, let mark = n.process.correctsMark {
                if let p = target(written, from: n), let old = byPath(p) {
                    if old.board != n.board {
                        sink.report(mark.diagnostic(.error, "更正的是别的村的公开（\(old.sourcePath)）", hint: "更正只能针对本村自己发布的公开。"))
                    } else if old.date > n.date {
                        sink.report(mark.diagnostic(.error, "被更正的公开（\(old.date.iso)）比更正（\(n.date.iso)）还晚", hint: "请核对两篇的发布日期。"))
                    }
                } else {
                    sink.report(mark.diagnostic(.error, "找不到被更正的公开文件「\(written)」", hint: "写被更正那一篇的 .md 文件，路径从这篇所在的文件夹写起。"))
                }
            }
            if let g = n.gongshi, let o = g.outcome, let written = o.republished, let mark = o.republishedMark {
                if let p = target(written, from: n), let again = byPath(p) {
                    if let g2 = again.gongshi, g2.start <= g.end {
                        sink.report(mark.diagnostic(.error, "重新公示（\(again.sourcePath)，\(g2.start.iso) 开始）和原来的公示期（到 \(g.end.iso)）重叠",
                                                    hint: "重新公示要在原公示期结束以后开始。"))
                    } else if again.gongshi == nil {
                        sink.report(mark.diagnostic(.error, "重新公示的文件 \(again.sourcePath) 没有写公示期（gongshi）"))
                    }
                } else {
                    sink.report(mark.diagnostic(.error, "找不到重新公示的文件「\(written)」", hint: "写重新公示那一篇的 .md 文件，路径从这篇所在的文件夹写起。"))
                }
            }
        }
    }
}
