import ArgumentParser
import Foundation
import GongkaiCore

/// `gongkai init [DIR]`: a new township folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一个乡镇网站：写好 site.yaml、每个村的文件、示例公开和 .gitignore。",
        discussion: "没给的必填项会在终端上询问（不在终端上运行时不询问）。电话、网址等没给的内容写成【待填写：…】，填好之前 gongkai check 会报错，网站不能发布。")

    @Argument(help: ArgumentHelp("新网站的文件夹（默认当前文件夹）。", valueName: "文件夹")) var dir = "."
    @Option(help: ArgumentHelp("乡镇名称，例如 青禾镇。", valueName: "名称")) var name: String?
    @Option(help: ArgumentHelp("所属县（市、区），例如 云岭县。", valueName: "名称")) var county: String?
    @Option(help: ArgumentHelp("各村，用逗号隔开，例如 石桥村,龙潭村；要自己定网址名就写 shiqiao=石桥村（不写就是 cun1、cun2……）。", valueName: "村名"))
    var villages: String?
    @Option(help: ArgumentHelp("一个村（可以写多次），写法同上。", valueName: "村名")) var village: [String] = []
    @Option(help: ArgumentHelp("主办单位（默认：县名+乡镇名+人民政府）。", valueName: "名称")) var host: String?
    @Option(help: ArgumentHelp("地址（页脚）。", valueName: "地址")) var address: String?
    @Option(help: ArgumentHelp("联系电话。", valueName: "电话")) var contact: String?
    @Option(help: ArgumentHelp("监督/举报电话。", valueName: "电话")) var reportPhone: String?
    @Option(help: ArgumentHelp("网站上线后的网址，例如 https://qinghe.gov.cn/。", valueName: "网址")) var baseUrl: String?
    @Option(help: ArgumentHelp("ICP备案号。", valueName: "备案号")) var icp: String?
    @Option(help: ArgumentHelp("公安备案号。", valueName: "备案号")) var police: String?
    @Option(help: ArgumentHelp("网站标识码。", valueName: "标识码")) var siteCode: String?
    @Option(help: ArgumentHelp("把哪一天当作今天（年-月-日），用于示例公开的日期。", valueName: "日期")) var date: String?

    func run() throws {
        let today = try day(date)
        guard let name = name ?? ask("乡镇名称（例如 青禾镇）：") else { throw ValidationError("缺少乡镇名称：加上 --name 青禾镇") }
        guard let county = county ?? ask("所属县（例如 云岭县）：") else { throw ValidationError("缺少所属县：加上 --county 云岭县") }
        var list = village
        if let v = villages ?? (list.isEmpty ? ask("各村，用逗号隔开（例如 石桥村,龙潭村）：") : nil) {
            list += v.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard !list.isEmpty else { throw ValidationError("缺少村：加上 --villages 石桥村,龙潭村") }
        var t = NewTownship(name: name, county: county, villages: list)
        t.host = host
        t.address = address
        t.contact = contact ?? ask("联系电话（不知道可以直接回车，以后再填）：")
        t.reportPhone = reportPhone ?? ask("监督举报电话（可以直接回车，以后再填）：")
        t.baseURL = baseUrl ?? ask("网站网址（可以直接回车，以后再填）：")
        t.icp = icp
        t.police = police
        t.siteCode = siteCode
        let written = try Scaffold.createTownship(t, in: dir, today: today)
        print("已新建乡镇网站：\(dir)")
        for p in written { print("  \(p)") }
        let villageSlugs = written.filter { $0.hasPrefix("Content/villages/") }
            .map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        if villageSlugs.contains(where: { $0.hasPrefix("cun") }) {
            print("村的网址名是 cun1、cun2……；要改成拼音，就把 villages 里的文件和 notices 里同名的文件夹一起改名（例如 cun1 → shiqiao）。")
        }
        print("下一步：")
        if dir != "." { print("  cd \(dir)") }
        print("  gongkai check        # 列出还要填写的地方（标有【待填写：…】）")
        print("  gongkai new notice --village \(villageSlugs.first ?? "cun1") --category 村务 --title \"……\"")
    }
}

/// `gongkai new KIND`: a new notice (or ledger, budget, roster, decision record) to fill in.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一篇公开：notice（公开）、ledger（收支账目）、budget（预算）、roster（名单公示）、decision（四议两公开）。",
        discussion: "写好今天的日期、下一个文号和所有必填项目，每项都有说明；要填的地方标有【待填写：…】。不会覆盖已有的文件。")

    @Argument(help: ArgumentHelp("种类：notice、ledger、budget、roster、decision。", valueName: "种类")) var kind: String
    @Option(help: ArgumentHelp("哪个村（网址名或村名），乡镇本级写 township。", valueName: "村")) var village: String?
    @Option(help: ArgumentHelp("类别，例如 村务、财务、党务、政务（账目和预算默认是财务）。", valueName: "类别")) var category: String?
    @Option(help: ArgumentHelp("标题。", valueName: "标题")) var title: String?
    @Option(help: ArgumentHelp("文件名（小写字母、数字和 -；默认按日期和类别取名）。", valueName: "文件名")) var slug: String?
    @Option(help: ArgumentHelp("账目的公开期间（例如 2026年第四季度；默认接着上一期）或预算年度。", valueName: "期间")) var period: String?
    @Option(help: ArgumentHelp("内容文件夹（默认 Content）。", valueName: "文件夹")) var content = "Content"
    @Option(help: ArgumentHelp("把哪一天当作今天（年-月-日）。", valueName: "日期")) var date: String?

    static let kinds: [String: Scaffold.Kind] = [
        "notice": .notice, "公开": .notice, "ledger": .ledger, "账目": .ledger, "budget": .budget, "预算": .budget,
        "roster": .roster, "名单": .roster, "decision": .decision, "四议两公开": .decision,
    ]

    func run() throws {
        guard let k = New.kinds[kind] else {
            throw ValidationError("不认识的种类「\(kind)」：可以写 notice（公开）、ledger（收支账目）、budget（预算）、roster（名单公示）、decision（四议两公开）")
        }
        let today = try day(date)
        guard let board = village ?? ask("哪个村（网址名或村名，乡镇本级写 township）：") else {
            throw ValidationError("缺少村：加上 --village（网址名或村名，乡镇本级写 township）")
        }
        var r = Scaffold.Request(kind: k, board: board)
        r.category = category ?? ([.notice, .roster].contains(k) ? ask("类别（例如 村务、财务、党务、政务）：") : nil)
        r.title = title
        r.slug = slug
        r.period = period
        let loc = ContentLocation(root: URL(fileURLWithPath: content).standardizedFileURL.path, display: content)
        let written = try Scaffold.new(r, content: loc, today: today)
        print("已写好：")
        for p in written { print("  \(loc.displayPath(p))") }
        print("请打开 \(loc.displayPath(written[0]))，把标有【待填写：…】的地方换成真实内容，然后运行 gongkai check。")
    }
}
