import Foundation

/// A problem with what `gongkai init` / `gongkai new` were asked to do, in plain Chinese.
public struct ScaffoldError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// What `gongkai init` needs to know about a new township. Values left nil are written as
/// placeholders (`Placeholder.mark`) when the site needs them, or left out when optional.
public struct NewTownship: Sendable {
    public var name: String
    public var county: String
    /// `石桥村`, or `shiqiao=石桥村` to choose the village's web name (slug).
    public var villages: [String]
    public var host: String?
    public var address: String?
    public var contact: String?
    public var reportPhone: String?
    public var baseURL: String?
    public var icp: String?
    public var police: String?
    public var siteCode: String?

    public init(name: String, county: String, villages: [String]) {
        self.name = name
        self.county = county
        self.villages = villages
    }
}

/// Writes the files of a new township (`gongkai init`) and new content files (`gongkai new`).
/// Everything it writes passes `gongkai check` once every `【待填写：…】` is replaced.
public enum Scaffold {
    // MARK: - init

    /// A village given as `石桥村` (web name `cun<index>`) or `shiqiao=石桥村`.
    public static func village(_ spec: String, index: Int) throws -> (slug: String, name: String) {
        let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingBlank() }
        let (slug, name) = parts.count == 2 ? (parts[0], parts[1]) : ("cun\(index)", parts[0])
        guard !name.isEmpty else { throw ScaffoldError("村名是空的：「\(spec)」") }
        guard Loader.isSlug(slug), slug != Board.townshipSlug else {
            throw ScaffoldError("「\(slug)」不能用作村的网址名：只能用小写英文字母、数字和连字符「-」（一般用村名拼音，例如 shiqiao=石桥村）")
        }
        return (slug, name)
    }

    /// Creates `dir/Content/…` and `dir/.gitignore`; returns the paths written, relative to `dir`.
    public static func createTownship(_ t: NewTownship, in dir: String, today: Day) throws -> [String] {
        guard !t.name.trimmingBlank().isEmpty else { throw ScaffoldError("缺少乡镇名称（--name）") }
        guard !t.county.trimmingBlank().isEmpty else { throw ScaffoldError("缺少所属县（--county）") }
        guard !t.villages.isEmpty else { throw ScaffoldError("至少要有一个村（--villages 石桥村,龙潭村）") }
        var villages: [(slug: String, name: String)] = []
        for (i, spec) in t.villages.enumerated() {
            let v = try village(spec, index: i + 1)
            guard !villages.contains(where: { $0.slug == v.slug }) else { throw ScaffoldError("村的网址名「\(v.slug)」重复了") }
            guard !villages.contains(where: { $0.name == v.name }) else { throw ScaffoldError("村「\(v.name)」写了两次") }
            villages.append(v)
        }
        let root = URL(fileURLWithPath: dir, isDirectory: true)
        for existing in ["Content/site.yaml", "Content"] where FileManager.default.fileExists(atPath: root.appendingPathComponent(existing).path) {
            throw ScaffoldError("\(root.appendingPathComponent(existing).path) 已经存在：这里已经有一个网站了，没有改动任何文件")
        }

        var site = "# 乡镇的基本信息。标着“待填写”的地方要换成真实内容（连同两边的括号一起删掉），否则 gongkai check 会报错，网站不能发布。\n"
        site += "name: \(yaml(t.name))                # 乡镇名称\n"
        site += "county: \(yaml(t.county))              # 所属县（市、区）\n"
        site += "host: \(yaml(t.host ?? "\(t.county)\(t.name)人民政府"))      # 主办单位，显示在每一页的页脚\n"
        if let a = t.address { site += "address: \(yaml(a))        # 地址（页脚）\n" } else { site += "# address: 地址（页脚，可不写）\n" }
        site += "contact: \(yaml(t.contact ?? Placeholder.mark("联系电话")))     # 联系电话\n"
        site += "report_phone: \(yaml(t.reportPhone ?? Placeholder.mark("监督举报电话")))    # 监督/举报电话，显示在每一页的页脚\n"
        site += "base_url: \(yaml(t.baseURL ?? "https://\(Placeholder.mark("网站地址"))/"))   # 网站上线后的网址，用于订阅和网站地图\n"
        if t.icp != nil || t.police != nil || t.siteCode != nil {
            site += "footer:                       # 备案信息（页脚）\n"
            if let v = t.icp { site += "  icp: \(yaml(v))\n" }
            if let v = t.police { site += "  police: \(yaml(v))\n" }
            if let v = t.siteCode { site += "  site_code: \(yaml(v))\n" }
        } else {
            site += "# footer:                     # 有备案号时去掉行首的 # 再填写\n#   icp: ICP备案号\n#   police: 公安备案号\n#   site_code: 网站标识码\n"
        }
        var files: [(String, String)] = [("Content/site.yaml", site)]
        for (i, v) in villages.enumerated() {
            var text = "# \(v.name)的基本信息。文件名（\(v.slug)）就是这个村在网址里的名字。\n"
            text += "name: \(yaml(v.name))\n"
            text += "order: \(i + 1)                      # 在首页上的顺序\n"
            text += "# phone: 村委会电话\n# report_phone: 村务监督电话（不写就用乡镇的）\n# board_location: 公开栏所在位置\n"
            files.append(("Content/villages/\(v.slug).yaml", text))
        }
        for board in villages.map(\.slug) + [Board.townshipSlug] {
            let category = board == Board.townshipSlug ? "政务" : "村务"
            let text = """
            ---
            title: 示例：怎样写一篇公开（草稿，不会发布）
            category: \(category)
            date: \(today.iso)
            draft: true        # 草稿不会发布；可以删掉这个文件
            ---
            这是一篇示例。写新的公开请运行 gongkai new notice，它会写好日期、文号和必填的项目。

            """
            files.append(("Content/notices/\(board)/\(today.year)/shili.md", text))
        }
        files.append((".gitignore", "# gongkai build 生成的网站、临时文件和缓存\n/Site/\n/.Site.*\n/\(BuildCache.folderName)/\n"))
        for (rel, text) in files { try write(text, to: root.appendingPathComponent(rel).path) }
        return files.map(\.0)
    }

    // MARK: - new

    public enum Kind: String, CaseIterable, Sendable {
        case notice, ledger, budget, roster, decision
    }

    /// What `gongkai new` was asked to write.
    public struct Request: Sendable {
        public var kind: Kind
        /// A village's web name or name, or `township` / the township's name.
        public var board: String
        /// A category's key, name or short name (default for ledgers and budgets: 财务).
        public var category: String?
        public var title: String?
        /// The file name (without `.md`); default: today's date and the category.
        public var slug: String?
        /// Ledger period (default: the one after the board's last ledger) or budget year.
        public var period: String?

        public init(kind: Kind, board: String) {
            self.kind = kind
            self.board = board
        }
    }

    /// Writes the new files under the content folder; returns their content-relative paths, the
    /// one to edit first.
    public static func new(_ r: Request, content loc: ContentLocation, today: Day) throws -> [String] {
        let diagnostics = Diagnostics()
        guard let model = Loader.load(loc, today: today, into: diagnostics) else {
            let n = diagnostics.errorCount
            throw ScaffoldError("内容文件夹 \(loc.display) 读不出来（\(n) 个错误）：先运行 gongkai check，改正 site.yaml 和村的文件")
        }
        let board = try findBoard(r.board, model)
        let notices = model.notices.filter { $0.board == board.slug }
        var files: [(String, String)] = []
        switch r.kind {
        case .notice:
            let cat = try findCategory(r.category, board, model.site, default: nil)
            let slug = r.slug ?? "\(today.iso)-\(cat.key)"
            files.append(("notices/\(board.slug)/\(today.year)/\(slug).md",
                          notice(title: r.title ?? Placeholder.mark("标题"), cat: cat, board: board, notices: notices, today: today)))
        case .ledger:
            let cat = try findCategory(r.category, board, model.site, default: "caiwu")
            let last = notices.compactMap(\.finance.ledger).max { $0.period < $1.period }
            let period = try r.period.map(parsePeriod) ?? last.map { next($0.period) } ?? lastQuarter(before: today)
            if let last, period <= last.period {
                throw ScaffoldError("\(board.name)已经有\(last.period.label)的账目：新账目的期间要在它之后（--period）")
            }
            let file = "\(periodSlug(period)).yaml"
            let opening = last?.closing ?? .zero
            var ledger = "period: \(period.label)      # 公开期间\n"
            if let last {
                ledger += "opening: \"\(opening.formatted)\"   # 期初余额 = 上一期（\(last.period.label)）的期末余额，已经填好\n"
            } else {
                ledger += "opening: \"0.00\"   # 期初余额：这是本村的第一期账目，请改成账上的期初余额\n"
            }
            ledger += """
            closing: "\(opening.formatted)"   # 期末余额 = 期初余额 + 本期收入 − 本期支出；记完明细后改成账上的期末余额
            entries: []         # 收支明细：把 [] 删掉，每张凭证一项，照下面的样子写（去掉行首的 #）；收入写 income，支出写 expense，只写一个
            # - date: \(period.firstDay.iso)     # 日期，要在公开期间内
            #   voucher: 记-001        # 凭证号（可不写）
            #   account: 补助收入      # 科目
            #   summary: 摘要
            #   income: "1,000.00"     # 或 expense: "1,000.00"

            """
            let title = r.title ?? "\(board.name)\(period.label)财务收支公开"
            let slug = r.slug ?? "\(periodSlug(period))-\(cat.key)"
            files.append(("notices/\(board.slug)/\(today.year)/\(slug).md",
                          notice(title: title, cat: cat, board: board, notices: notices, today: today,
                                 extra: "period: \(period.label)      # 公开期间\nledger: ../ledgers/\(file)   # 收支账目文件\n")))
            files.append(("notices/\(board.slug)/ledgers/\(file)", ledger))
        case .budget:
            let cat = try findCategory(r.category, board, model.site, default: "caiwu")
            let year = try r.period.map { p -> Int in
                guard let y = Int(p.replacingOccurrences(of: "年", with: "")), (1990...2999).contains(y) else {
                    throw ScaffoldError("预算年度「\(p)」不对：写四位数的年份，例如 --period \(today.year)")
                }
                return y
            } ?? today.year
            var budget = "year: \(year)      # 预算年度\nbudget:          # 科目: 预算金额（元）。把 0.00 改成预算数，不用的科目可以删掉\n"
            for a in model.site.accounts where a.kind != .both {
                budget += "  \(yaml(a.name)): \"0.00\"      # \(a.kind == .income ? "收入" : "支出")科目\n"
            }
            let title = r.title ?? "\(board.name)\(year)年财务预算公开"
            let slug = r.slug ?? "\(year)-yusuan"
            files.append(("notices/\(board.slug)/\(year)/\(slug).md",
                          notice(title: title, cat: cat, board: board, notices: notices, today: today,
                                 extra: "budget: ../ledgers/budget-\(year).yaml   # 预算文件\n")))
            files.append(("notices/\(board.slug)/ledgers/budget-\(year).yaml", budget))
        case .roster:
            let cat = try findCategory(r.category, board, model.site, default: nil)
            let slug = r.slug ?? "\(today.iso)-mingdan"
            let roster = """
            title: \(Placeholder.mark("名单标题，例如 2026年第四季度拟新增低保对象"))
            fields:                 # 名单的列：key 是下面每行用的名字，label 是表头
              - { key: name, label: 姓名 }
              - { key: group, label: 所在组 }
              - { key: note, label: 备注 }
            # 需要身份证号、电话、银行卡号、金额时加一列并写明 type，网页上会自动打码或合计，例如：
            #   - { key: id, label: 身份证号, type: id }
            #   - { key: amount, label: 金额（元）, type: money }
            rows:                   # 每人一行
              - { name: \(Placeholder.mark("姓名")), group: \(Placeholder.mark("所在组")), note: "" }

            """
            files.append(("notices/\(board.slug)/\(today.year)/\(slug).md",
                          notice(title: r.title ?? Placeholder.mark("标题"), cat: cat, board: board, notices: notices, today: today,
                                 extra: """
                                 roster: ../rosters/\(slug).yaml   # 名单文件
                                 gongshi:           # 公示期
                                   start: \(today.iso)
                                   days: 7          # 公示天数
                                   contact: \(Placeholder.mark("对名单有异议找谁、电话"))

                                 """)))
            files.append(("notices/\(board.slug)/rosters/\(slug).yaml", roster))
        case .decision:
            let slug = r.slug ?? "\(today.iso)-jueyi"
            let vote = "expected: \(Placeholder.mark("应到人数")), present: \(Placeholder.mark("实到人数")), for: \(Placeholder.mark("赞成人数")), against: 0, abstain: 0"
            let text = """
            ---
            title: \(yaml(r.title ?? Placeholder.mark("事项名称")))   # 事项名称
            steps:   # 四议：四步都要写，按顺序，日期不能往回走；审议、决议要写应到、实到和赞成人数
              - { step: 提议, date: \(today.iso), body: \(Placeholder.mark("村党组织提议的内容")) }
              - { step: 商议, date: \(today.iso), body: \(Placeholder.mark("村两委会议商议的情况")) }
              - { step: 审议, date: \(today.iso), \(vote), body: \(Placeholder.mark("党员大会审议的情况")) }
              - { step: 决议, date: \(today.iso), \(vote), body: \(Placeholder.mark("村民（代表）会议决议的情况")) }
            # resolution: ../../notices/\(board.slug)/\(today.year)/决议公开的文件名.md   # 决议公开以后填写
            # result: ../../notices/\(board.slug)/\(today.year)/实施结果公开的文件名.md   # 实施结果公开以后填写
            ---
            \(Placeholder.mark("背景说明"))

            """
            files.append(("decisions/\(board.slug)/\(today.year)/\(slug).md", text))
        }
        for (rel, _) in files where rel.hasSuffix(".md") {
            let slug = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
            guard Loader.isSlug(slug) else {
                throw ScaffoldError("文件名「\(slug)」不能用作网址：只能用小写英文字母、数字和连字符「-」（--slug）")
            }
            if rel.hasPrefix("notices/"), let other = notices.first(where: { $0.slug == slug }) {
                throw ScaffoldError("\(board.name)已经有一篇叫 \(slug) 的公开（\(other.contentPath)）：用 --slug 另起一个文件名")
            }
        }
        for (rel, _) in files where FileManager.default.fileExists(atPath: (loc.root as NSString).appendingPathComponent(rel)) {
            throw ScaffoldError("\(loc.displayPath(rel)) 已经存在，没有改动它：用 --slug 另起一个文件名")
        }
        for (rel, text) in files { try write(text, to: (loc.root as NSString).appendingPathComponent(rel)) }
        return files.map(\.0)
    }

    /// The front matter and body of a new notice.
    static func notice(title: String, cat: Category, board: Board, notices: [Notice], today: Day, extra: String = "") -> String {
        var t = "---\n"
        t += "title: \(yaml(title))   # 标题\n"
        t += "category: \(cat.short)        # 类别\n"
        t += "date: \(today.iso)      # 公开日期\n"
        if let n = nextNumber(notices.filter { $0.category == cat.key }, year: today.year) {
            t += "number: \(n)   # 文号：接着本栏目上一篇往下编，不用文号可以删掉这一行\n"
        } else {
            t += "# number: 文号（有文号时去掉行首的 # 再填写）\n"
        }
        t += extra
        let roles = cat.requiredSignoff(for: board)
        if !roles.isEmpty {
            t += "signoff:            # 审核签字：签了字才能发布\n"
            for role in roles {
                t += "  - { role: \(role), name: \(Placeholder.mark("签字人姓名")), date: \(today.iso) }\n"
            }
        }
        t += "---\n\(Placeholder.mark("正文"))\n"
        return t
    }

    /// The 文号 after the board's latest numbered notice: same 发文机关代字, this year, next
    /// number (`前缀〔年〕N号`); nil when there is none to follow.
    static func nextNumber(_ notices: [Notice], year: Int) -> String? {
        let pattern = /^(.*?)[〔\[［(（【〖﹝](\d{4})[〕\]］)）】〗﹞](\d+)号$/
        let parsed = notices.sorted { ($0.date, $0.contentPath) < ($1.date, $1.contentPath) }.compactMap { n -> (String, Int, Int)? in
            guard let raw = n.number?.filter({ !$0.isWhitespace }), let m = raw.wholeMatch(of: pattern),
                  let y = Int(m.2), let k = Int(m.3) else { return nil }
            return (String(m.1), y, k)
        }
        guard let prefix = parsed.last?.0 else { return nil }
        let used = parsed.filter { $0.0 == prefix && $0.1 == year }.map(\.2).max() ?? 0
        return "\(prefix)〔\(year)〕\(used + 1)号"
    }

    static func findBoard(_ name: String, _ model: ContentModel) throws -> Board {
        if let b = model.boards.first(where: { $0.slug == name || $0.name == name }) { return b }
        if ["乡镇", "镇", "乡"].contains(name), let b = model.boards.first(where: \.isTownship) { return b }
        let list = model.boards.map { "\($0.slug)（\($0.name)）" }.joined(separator: "、")
        throw ScaffoldError("没有叫「\(name)」的村：可以写 \(list)")
    }

    static func findCategory(_ name: String?, _ board: Board, _ site: SiteConfig, default key: String?) throws -> Category {
        let usable = site.categories.filter { $0.applies(to: board) }
        let list = usable.map(\.short).joined(separator: "、")
        guard let name = name ?? key else { throw ScaffoldError("缺少类别（--category），可以写 \(list)") }
        guard let c = usable.first(where: { [$0.key, $0.name, $0.short].contains(name) }) else {
            throw ScaffoldError("\(board.name)没有「\(name)」这个类别，可以写 \(list)")
        }
        return c
    }

    static func parsePeriod(_ raw: String) throws -> Period {
        guard let p = Period(parsing: raw) else {
            throw ScaffoldError("期间「\(raw)」不对：写成 2026年第三季度、2026年9月、2026年上半年 或 2026年")
        }
        return p
    }

    /// The period of the same length right after `p`.
    static func next(_ p: Period) -> Period {
        let length = p.lastMonth - p.firstMonth + 1
        let first = p.lastMonth + 1
        let (year, start) = first > 12 ? (p.year + 1, 1) : (p.year, first)
        return Period(kind: p.kind, year: year, firstMonth: start, lastMonth: min(12, start + length - 1))
    }

    static func lastQuarter(before d: Day) -> Period {
        let q = d.quarter == 1 ? 4 : d.quarter - 1
        return Period(kind: .quarter, year: d.quarter == 1 ? d.year - 1 : d.year, firstMonth: q * 3 - 2, lastMonth: q * 3)
    }

    /// `2026-q3`, `2026-m09`, `2026-h1`, `2026`, `2026-m01-m09`.
    static func periodSlug(_ p: Period) -> String {
        switch p.kind {
        case .year: "\(p.year)"
        case .half: "\(p.year)-h\(p.firstMonth == 1 ? 1 : 2)"
        case .quarter: "\(p.year)-q\(p.lastMonth / 3)"
        case .month: String(format: "%d-m%02d", p.year, p.firstMonth)
        case .range: String(format: "%d-m%02d-m%02d", p.year, p.firstMonth, p.lastMonth)
        }
    }

    /// A YAML scalar for `s`: plain when that reads back as the same string, else double-quoted.
    static func yaml(_ s: String) -> String {
        let special = CharacterSet(charactersIn: ":#'\"{}[],&*!|>%@`\\")
        let plain = !s.isEmpty && s.rangeOfCharacter(from: special) == nil && s == s.trimmingBlank()
            && !s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
            && !["true", "false", "yes", "no", "null", "on", "off", "~"].contains(s.lowercased())
        if plain { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Through `DiskFileSystem`, whose failures say why in Chinese.
    static func write(_ text: String, to path: String) throws {
        let fs = DiskFileSystem()
        do {
            try fs.makeDirectory((path as NSString).deletingLastPathComponent)
            try fs.write(Data(text.utf8), to: path)
        } catch {
            throw ScaffoldError("写不了文件 \(path)（\(error)）")
        }
    }
}
