import Foundation

/// A board sheet: the notices of one board, category and period gathered on one printable page
/// to pin up on the physical board (the 三栏 of 党务, 村务, 财务).
public struct Sheet: Sendable {
    public var board: Board
    public var category: Category
    public var period: Period
    /// Published, public, not withdrawn; oldest first (the order they went up on the board).
    public var notices: [Notice]

    /// The period a notice is pinned up for: the category's period (a quarter for 随时) holding
    /// the last month of the notice's 公开期间, or of its publication date when it gives none.
    /// A third-quarter account published in October is on the third quarter's sheet.
    public static func period(of n: Notice, in category: Category) -> Period {
        let months = category.frequency.months ?? 3
        if let p = n.period { return Period.of(months: months, year: p.year, month: p.lastMonth) }
        return Period.of(months: months, year: n.date.year, month: n.date.month)
    }

    /// Every sheet of the site: per board (in board order), category (in site order) and period
    /// (newest first), only where the period has a notice. 党内 notices, drafts and notices withheld
    /// are never published, so never on a sheet; withdrawn ones are left off.
    public static func all(_ r: ResolvedSite) -> [Sheet] {
        var out: [Sheet] = []
        for board in r.boards {
            for cat in r.categories(for: board) {
                let notices = r.notices(board: board.slug, category: cat.key).filter { r.publication($0)?.isWithdrawn == false }
                let byPeriod = Dictionary(grouping: notices) { period(of: $0, in: cat) }
                for p in byPeriod.keys.sorted(by: >) {
                    out.append(Sheet(board: board, category: cat, period: p, notices: byPeriod[p]!.reversed()))
                }
            }
        }
        return out
    }
}
