import Foundation

/// Stage 2: the checks that need more than one file (or the whole site): 文号 used twice,
/// ledgers that do not follow on, sign-off, corrections and re-published 公示, files under
/// notices/ that are not notices, the dates of 四议两公开 records. Each file's own problems were
/// reported when it was read (`Loader`).
public enum Validator {
    public static func validate(_ model: ContentModel, loc: ContentLocation, today: Day, into sink: Diagnostics) {
        withoutFrontMatter(model.withoutFrontMatter, notices: model.notices, loc: loc, into: sink)
        checkNumbers(model.notices, into: sink)
        checkChains(model.notices, into: sink)
        ProcessCheck.validate(model.notices, site: model.site, boards: model.boards, into: sink)
        checkDecisions(model.decisions, notices: model.notices, site: model.site, today: today, into: sink)
    }

    /// `.md` files under notices/ without front matter (`rel`, source), which were not parsed. Every
    /// `.md` there is read as a notice: one that another notice uses as an attachment or links to
    /// from its body is told so; any other gets the usual message, with a word on attachments.
    static func withoutFrontMatter(_ files: [(path: String, source: SourceFile)], notices: [Notice], loc: ContentLocation,
                                   into sink: Diagnostics) {
        var usedBy: [String: String] = [:]
        for n in notices {
            for a in n.attachments + n.embedded where usedBy[a.sourcePath] == nil { usedBy[a.sourcePath] = n.sourcePath }
        }
        for (rel, src) in files {
            let real = loc.fs.realPath(loc.path(rel))
            let name = (rel as NSString).lastPathComponent
            guard let user = usedBy[real] else {
                sink.report(NoticeParser.FrontMatter.missingOpener(src, kind: "公开文件",
                                                                   more: "notices 文件夹里的每个 .md 文件都会被当作一篇公开；如果这个文件是附件，请把它改名为 .txt 结尾。"))
                continue
            }
            sink.report(src.diagnostic(.error, line: 1, column: 1,
                                       "「\(name)」是 \(user) 的附件，但 notices 文件夹里的每个 .md 文件都会被当作一篇公开",
                                       hint: "把附件改名为「\((name as NSString).deletingPathExtension).txt」（引用它的地方也要改），网页上作为文本附件下载；或者把它的内容直接写进那篇公开的正文。"))
        }
    }

    /// Notices of one board that share a 文号 (`number`): each later one (by date, then path) is
    /// an error at its `number:` line naming the first. Drafts, 党内 and withdrawn notices hold
    /// their numbers too; how a 文号 is compared is `numberKey`.
    static func checkNumbers(_ notices: [Notice], into sink: Diagnostics) {
        // Only notices whose key another notice has are put in order. (Asked on every rebuild of
        // a long-running process: the key is a pair, not a string made per notice.)
        struct Key: Hashable { var board: String, number: String }
        var byKey: [Key: [Notice]] = [:]
        for n in notices {
            guard let number = n.number, n.numberMark != nil else { continue }
            byKey[Key(board: n.board, number: n.numberKey ?? numberKey(number)), default: []].append(n)
        }
        let shared = byKey.values.filter { $0.count > 1 }.joined()
        var first: [Key: (number: String, mark: SourceMark)] = [:]
        for n in shared.sorted(by: { ($0.date, $0.sourcePath) < ($1.date, $1.sourcePath) }) {
            guard let number = n.number, let mark = n.numberMark else { continue }
            let key = Key(board: n.board, number: n.numberKey ?? numberKey(number))
            guard let f = first[key] else {
                first[key] = (number, mark)
                continue
            }
            let written = f.number == number ? "" : "（那里写作「\(f.number)」）"
            let board = n.board == Board.townshipSlug ? "乡镇本级" : "同一个村"
            sink.report(mark.diagnostic(.error, "文号「\(number)」和 \(f.mark.file) 第 \(f.mark.line) 行的文号重复\(written)",
                                        hint: "\(board)的每篇公开都要有自己的文号，草稿、党内公开和已撤回的公开也占着它们的文号。请核对文号；更正公开要用新的文号。"))
        }
    }

    /// How two 文号 are compared (`Notice.numberKey`).
    static func numberKey(_ number: String) -> String { Notice.numberKey(number) }

    /// Each board's ledgers, in period order, must follow on without gap or overlap, and each
    /// opening balance must equal the previous closing balance.
    static func checkChains(_ notices: [Notice], into sink: Diagnostics) {
        let byBoard = Dictionary(grouping: notices.filter { $0.finance.ledger != nil && !$0.process.partyOnly }, by: \.board)
        for board in byBoard.keys.sorted() {
            let ledgers = byBoard[board]!.map { $0.finance.ledger! }.sorted { ($0.period.firstDay, $0.period.lastDay) < ($1.period.firstDay, $1.period.lastDay) }
            for (prev, cur) in zip(ledgers, ledgers.dropFirst()) {
                let expectedStart = prev.period.lastDay.adding(days: 1)
                if cur.period.firstDay < expectedStart {
                    sink.report(cur.periodMark.diagnostic(.error, "会计期间「\(cur.period.label)」和 \(prev.sourcePath)（\(prev.period.label)）重叠",
                                                          hint: "同一个村的账目期间不能重叠：每一笔收支只能记在一个期间里。"))
                    continue
                }
                if cur.period.firstDay > expectedStart {
                    sink.report(cur.periodMark.diagnostic(.error, "会计期间「\(cur.period.label)」和上一期 \(prev.sourcePath)（\(prev.period.label)）之间缺了 \(expectedStart.iso) 到 \(cur.period.firstDay.adding(days: -1).iso)",
                                                          hint: "补上中间这段时间的账目（没有收支也要公开，期初等于期末）。"))
                }
                if cur.opening != prev.closing {
                    sink.report(cur.openingMark.diagnostic(.error, "期初余额 \(cur.opening.formatted) 元不等于上一期（\(prev.period.label)，\(prev.sourcePath)）的期末余额 \(prev.closing.formatted) 元",
                                                           hint: "本期的期初余额必须等于上一期的期末余额。"))
                }
            }
        }
    }

    /// A decision's 决议公开 comes after the 决议, its 实施结果 after the 决议公开, and a 决议 long
    /// past without a 实施结果 is a warning.
    static func checkDecisions(_ decisions: [Decision], notices: [Notice], site: SiteConfig, today: Day, into sink: Diagnostics) {
        let byPath = Dictionary(notices.map { ($0.contentPath, $0) }, uniquingKeysWith: { a, _ in a })
        for d in decisions {
            let resolvedOn = d.resolvedOn
            if let p = d.resolution, let n = byPath[p], let r = resolvedOn, n.date < r {
                sink.report(Diagnostic(.error, file: d.sourcePath, line: 1, column: 1,
                                       "决议公开（\(n.sourcePath)，\(n.date.iso)）早于决议日期 \(r.iso)", hint: "先决议，后公开：请核对日期。"))
            }
            if let p = d.result, let n = byPath[p], let q = d.resolution, let rn = byPath[q], n.date < rn.date {
                sink.report(Diagnostic(.error, file: d.sourcePath, line: 1, column: 1,
                                       "实施结果公开（\(n.date.iso)）早于决议公开（\(rn.date.iso)）", hint: "请核对两篇公开的日期。"))
            }
            if d.result == nil, let r = resolvedOn, r <= today, r.days(until: today) > site.process.decisionResultDays {
                sink.report(Diagnostic(.warning, file: d.sourcePath, line: 1, column: 1,
                                       "「\(d.title)」决议已过 \(r.days(until: today)) 天，还没有公开实施结果",
                                       hint: "事情办完后要公开实施结果（result）；还在办的，请向群众说明进度。"))
            }
        }
    }
}
