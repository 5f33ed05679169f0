import Foundation
import Testing
@testable import GongkaiCore

/// A small site built in memory, for the tests of single stages (resolve, render, write).
enum Sample {
    static let site = SiteConfig(name: "甲镇", county: "乙县", host: "乙县甲镇人民政府", address: nil, contact: "0771-1",
                                 reportPhone: "0771-2", baseURL: "https://x.example/", intro: nil, footer: Footer(),
                                 pageSize: 2, categories: Category.defaults, accounts: Account.defaults)

    static func board(_ slug: String, _ name: String) -> Board {
        Board(slug: slug, name: name, order: 1, intro: nil, groups: [], committee: [], supervisors: [],
              spokesperson: nil, phone: nil, reportPhone: nil, boardLocation: nil)
    }

    /// Signed by everyone any default category requires.
    static let signed = [SignOff(role: "村务监督委员会主任", name: "甲", date: nil), SignOff(role: "审核", name: "乙", date: nil),
                         SignOff(role: "审批", name: "丙", date: nil)]

    static func notice(_ slug: String, board: String = "a", category: String = "cunwu", date: String,
                       draft: Bool = false, gongshi: Gongshi? = nil) -> Notice {
        Notice(NoticeFields(slug: slug, board: board, category: category, title: "标题\(slug)", date: Day(parsing: date)!,
               period: nil, periodText: nil, number: nil, signoff: signed, tags: [], summary: "摘要", attachments: [], embedded: [],
               gongshi: gongshi, finance: .none, draft: draft, bodyHTML: BodyHTML(parts: [.html("<p>正文\(slug)</p>\n")]), length: 2, sourcePath: "x/\(slug).md"))
    }

    static func model(_ notices: [Notice]) -> ContentModel {
        ContentModel(site: site, boards: [board("a", "甲村"), board("b", "乙村"), board(Board.townshipSlug, "甲镇")], notices: notices)
    }

    static var theme: Theme {
        let (t, d) = collecting { Theme.load(directories: [(TestSupport.repoRoot.appendingPathComponent("Templates").path, "Templates")], into: $0) }
        precondition(d.isEmpty, "\(d)")
        return t!
    }
}
