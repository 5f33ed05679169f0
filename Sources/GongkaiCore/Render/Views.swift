import Foundation

// The template contract: one view per page kind and per shared part. A template variable is the
// property name in snake_case; the doc comments are the documentation of docs/templates.md, which
// a test checks against these types. An optional that is nil is an empty value (falsy) in templates.

// MARK: - shared parts

/// The data every page has (`layout.mustache`), followed on each page by the page's own view.
struct LayoutView: Codable, Sendable {
    /// Relative path from this page back to the site root (`""`, `../`, `../../`); on the 404 page the
    /// path part of `base_url`.
    var root: String
    /// The township.
    var site: SiteView
    /// This page's title.
    var pageTitle: String
    /// Whether the page has breadcrumbs (home and 404 have none).
    var hasBreadcrumbs: Bool
    /// The breadcrumbs, first to last.
    var breadcrumbs: [CrumbView]
    /// The build's "today", in Chinese.
    var today: String
    /// Every village board (not the township's own).
    var villages: [VillageLinkView]
}

/// The township's site settings.
struct SiteView: Codable, Sendable {
    /// Township name.
    var name: String
    /// County.
    var county: String
    /// Township name + 三务公开.
    var title: String
    /// Host organisation.
    var host: String
    /// Contact phone.
    var contact: String
    /// Report (supervision) phone.
    var reportPhone: String
    /// Site address, ends with `/`.
    var baseUrl: String
    /// Postal address.
    var address: String?
    /// ICP registration.
    var icp: String?
    /// Police registration.
    var police: String?
    /// Site identification code.
    var siteCode: String?
}

/// One breadcrumb.
struct CrumbView: Codable, Sendable {
    /// Text.
    var label: String
    /// Whether this is the last crumb.
    var last: Bool
    /// Link; the last crumb has none.
    var url: String?
}

/// A link to a village board.
struct VillageLinkView: Codable, Sendable {
    /// Village name.
    var name: String
    /// Board URL.
    var url: String
}

/// A name with its role (committee, supervisors).
struct RoleNameView: Codable, Sendable {
    /// Role.
    var role: String
    /// Name.
    var name: String
}

/// One notice in a list.
struct ItemView: Codable, Sendable {
    /// Title.
    var title: String
    /// Notice page URL (percent-encoded).
    var url: String
    /// Publication date, Chinese.
    var date: String
    /// Publication date, ISO.
    var dateIso: String
    /// Category name.
    var category: String
    /// Category short name.
    var categoryShort: String
    /// Category key.
    var categoryKey: String
    /// Publishing board's name.
    var board: String
    /// Publishing board's URL.
    var boardUrl: String
    /// Summary.
    var summary: String
    /// Number of attachments.
    var attachmentCount: Int
    /// Period, normalised.
    var period: String?
    /// Document number.
    var number: String?
    /// The 公示 window.
    var gongshi: GongshiView?
    /// Whether withdrawn.
    var withdrawn: Bool
    /// Whether corrected.
    var corrected: Bool
}

/// A 公示 window and its state on the build date.
struct GongshiView: Codable, Sendable {
    /// Start date.
    var start: String
    /// End date.
    var end: String
    /// Calendar days from start to end, both included.
    var days: Int
    /// Length as written (`7 天`, `5 个工作日`).
    var length: String
    /// Where to object.
    var contact: String?
    /// Not started yet.
    var upcoming: Bool
    /// Running.
    var running: Bool
    /// Days left while running (today included); otherwise 0.
    var daysLeft: Int
    /// Over (or stopped by a withdrawal).
    var ended: Bool
    /// The state in words.
    var label: String
    /// The outcome.
    var outcome: OutcomeView?
}

/// The outcome of a 公示.
struct OutcomeView: Codable, Sendable {
    /// `无异议` or `有异议`.
    var label: String
    /// Whether there were objections.
    var objections: Bool
    /// Date of the outcome.
    var date: String?
    /// Note.
    var note: String?
    /// The notice that published it again.
    var republished: Indirect<ItemView>?
}

/// A board (village or township).
struct BoardInfoView: Codable, Sendable {
    /// Name.
    var name: String
    /// URL name.
    var slug: String
    /// Board URL.
    var url: String
    /// Whether this is the township's own board.
    var isTownship: Bool
    /// Natural villages / groups joined with 、.
    var groups: String?
    /// Committee.
    var committee: [RoleNameView]
    /// Supervision committee.
    var supervisors: [RoleNameView]
    /// Report phone of the board, else the township's.
    var reportPhone: String
    /// Board feed.
    var feed: String
    /// Introduction.
    var intro: String?
    /// Spokesperson.
    var spokesperson: String?
    /// Phone.
    var phone: String?
    /// Where the physical board is.
    var boardLocation: String?
}

/// A category of a board.
struct CategoryInfoView: Codable, Sendable {
    /// URL name.
    var key: String
    /// Name.
    var name: String
    /// Short name.
    var short: String
    /// Frequency in words.
    var frequency: String
    /// First list page.
    var url: String
    /// Archive page.
    var archiveUrl: String
    /// Feed.
    var feed: String
}

/// A 四议两公开 decision in a list.
struct DecisionItemView: Codable, Sendable {
    /// Title.
    var title: String
    /// Decision page URL.
    var url: String
    /// Whether it needs follow-up.
    var overdue: Bool
    /// Whether the result is published.
    var done: Bool
    /// Resolution date.
    var resolvedOn: String?
    /// Progress in words.
    var status: String
}

/// One period of the timeliness record.
struct TimelinessCellView: Codable, Sendable {
    /// Period.
    var period: String
    /// Short period.
    var shortPeriod: String
    /// Due date.
    var due: String
    /// Short state.
    var text: String
    /// Long state.
    var long: String
    /// State key: ontime, late, missing, open.
    var key: String
    /// Whether missing.
    var missing: Bool
}

/// The pager of a list page.
struct PagerView: Codable, Sendable {
    /// Current page.
    var current: Int
    /// Number of pages.
    var count: Int
    /// More than one page.
    var multiple: Bool
    /// First page URL.
    var first: String
    /// Last page URL.
    var last: String
    /// Every page.
    var pages: [PagerPageView]
    /// Previous page URL.
    var prev: String?
    /// Next page URL.
    var next: String?
}

/// One page in the pager.
struct PagerPageView: Codable, Sendable {
    /// Page number.
    var number: Int
    /// URL.
    var url: String
    /// Whether this is the current page.
    var current: Bool
}

// MARK: - pages

/// `index.html`.
struct HomeView: Codable, Sendable {
    /// Always true.
    var isHome: Bool
    /// Site introduction.
    var intro: String?
    /// Running 公示 of the site.
    var gongshiNow: [ItemView]
    /// Latest notices (`ContextBuilder.recentLength`), the running 公示 left out (they are in gongshiNow).
    var recent: [ItemView]
    /// Every board with its categories.
    var boards: [Extended<BoardInfoView, HomeBoardView>]
    /// The township's board.
    var township: BoardInfoView?
    /// Site feed.
    var feed: String
}

/// A board on the home page, beside its BoardInfoView fields.
struct HomeBoardView: Codable, Sendable {
    /// The board's categories with their latest notice.
    var categories: [Extended<CategoryInfoView, LatestView>]
    /// Number of running 公示.
    var gongshiCount: Int
    /// Whether any 公示 is running.
    var hasGongshi: Bool
}

/// A category on the home page, beside its CategoryInfoView fields.
struct LatestView: Codable, Sendable {
    /// Latest notice.
    var latest: ItemView?
    /// Number of published notices of the category on this board.
    var count: Int
}

/// `<村>/index.html`.
struct BoardView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// Each category with its latest notices.
    var columns: [Extended<CategoryInfoView, ColumnView>]
    /// Running 公示 of the board.
    var gongshiNow: [ItemView]
    /// Timeliness record.
    var record: [RecordRowView]
    /// Decisions.
    var decisions: [DecisionItemView]
    /// Whether there are decisions.
    var hasDecisions: Bool
}

/// A column of the board page, beside its CategoryInfoView fields.
struct ColumnView: Codable, Sendable {
    /// Latest notices (`ContextBuilder.columnLength`), the board's running 公示 left out.
    var items: [ItemView]
    /// Number of notices.
    var count: Int
    /// More notices than listed, besides the running 公示.
    var more: Bool
    /// The newest board sheet of the category (打印张贴页); none when it has no notice to pin up.
    var sheet: String?
}

/// The timeliness record of one category on a board page.
struct RecordRowView: Codable, Sendable {
    /// Category name.
    var category: String
    /// Last 8 periods, newest first.
    var cells: [TimelinessCellView]
}

/// `<村>/<类别>/index.html`, `page-N.html`.
struct ListView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// The category.
    var category: CategoryInfoView
    /// This page's notices.
    var items: [ItemView]
    /// Number of notices.
    var total: Int
    /// Pager.
    var pager: PagerView
}

/// `<村>/<类别>/archive.html`.
struct ArchiveView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// The category.
    var category: CategoryInfoView
    /// Years, newest first.
    var years: [ArchiveYearView]
    /// Number of notices.
    var total: Int
}

/// One year of the archive.
struct ArchiveYearView: Codable, Sendable {
    /// Year.
    var year: Int
    /// Year page.
    var url: String
    /// Number of notices.
    var count: Int
    /// Quarters with notices.
    var quarters: [ArchiveQuarterView]
}

/// One quarter of the archive.
struct ArchiveQuarterView: Codable, Sendable {
    /// Label.
    var label: String
    /// Number of notices.
    var count: Int
    /// Year page with anchor.
    var url: String
}

/// `<村>/<类别>/<年>.html`.
struct YearView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// The category.
    var category: CategoryInfoView
    /// Year.
    var year: Int
    /// Quarters with notices.
    var quarters: [YearQuarterView]
    /// Every year with notices.
    var years: [YearLinkView]
}

/// One quarter of a year page.
struct YearQuarterView: Codable, Sendable {
    /// Anchor.
    var anchor: String
    /// Label.
    var label: String
    /// Notices.
    var items: [ItemView]
}

/// A year in the year navigation.
struct YearLinkView: Codable, Sendable {
    /// Year.
    var year: Int
    /// URL.
    var url: String
    /// Whether this is the page's year.
    var current: Bool
}

/// `<村>/notice/<slug>.html`.
struct NoticeView: Codable, Sendable {
    /// The notice.
    var notice: Extended<ItemView, NoticeDetailView>
    /// The board.
    var board: BoardInfoView
    /// The category.
    var category: CategoryInfoView
    /// Older notice.
    var older: ItemView?
    /// Newer notice.
    var newer: ItemView?
}

/// A notice page's notice, beside its ItemView fields.
struct NoticeDetailView: Codable, Sendable {
    /// Body HTML.
    var body: String
    /// Length in characters.
    var length: Int
    /// SHA-256.
    var digest: String
    /// SHA-256 in groups of 8.
    var digestGroups: String
    /// Recorded versions.
    var versions: [VersionView]
    /// More than one version.
    var hasHistory: Bool
    /// Tags.
    var tags: [String]
    /// Whether there are tags.
    var hasTags: Bool
    /// Whether there are attachments.
    var hasAttachments: Bool
    /// Signoff.
    var signoff: [SignoffView]
    /// Attachments.
    var attachments: [AttachmentView]
    /// Finance and roster data.
    var finance: FinanceContextView?
    /// Withdrawal.
    var withdrawal: WithdrawalView?
    /// Own corrections.
    var corrections: [CorrectionView]
    /// Whether there are corrections.
    var hasCorrections: Bool
    /// Notices correcting this one.
    var correctedBy: [ItemView]
    /// Whether corrected by another notice.
    var hasCorrectedBy: Bool
    /// The notice this one corrects.
    var corrects: Extended<ItemView, CorrectsView>?
    /// The decision it belongs to.
    var decision: DecisionItemView?
    /// 公开期限 in words (`30 天（2026年10月15日至2026年11月13日）`, `长期公开`): the notice's own
    /// `term`, else its category's default; none when neither gives one.
    var term: String?
    /// The foot of the printed notice: signature block, report phone, QR code.
    var printed: PrintFootView
}

/// The foot of a printed notice or board sheet (`print-foot.mustache`).
struct PrintFootView: Codable, Sendable {
    /// Roles with a blank to sign, from the category's `signatures` (or `township_signatures`).
    var signRoles: [String]
    /// Whether there are roles to sign.
    var hasSignRoles: Bool
    /// Report phone of the board, else the township's.
    var reportPhone: String
    /// This page's full online address (`base_url` + path, percent-encoded).
    var url: String
    /// The QR code of `url`; none when the address does not fit in a QR code.
    var qr: QRView?
    /// The first 12 characters of the notice's SHA-256 (防篡改码); none on a board sheet.
    var fingerprint: String?
}

/// A board sheet in a sheet page's list of the periods.
struct SheetLinkView: Codable, Sendable {
    /// Period, e.g. `2026年第三季度`.
    var period: String
    /// Sheet URL.
    var url: String
    /// Number of notices on it.
    var count: Int
    /// Whether this is the page's own period.
    var current: Bool
}

/// A recorded version.
struct VersionView: Codable, Sendable {
    /// Recorded date.
    var recorded: String
    /// First 16 characters of the SHA-256.
    var sha256: String
}

/// A signature.
struct SignoffView: Codable, Sendable {
    /// Role.
    var role: String
    /// Name.
    var name: String
    /// Date.
    var date: String?
}

/// An attachment.
struct AttachmentView: Codable, Sendable {
    /// Title.
    var title: String
    /// URL (percent-encoded).
    var url: String
    /// Type in words.
    var type: String
    /// Size in words.
    var size: String
    /// File name.
    var fileName: String
    /// The attachment's own page, for a UTF-8 text or CSV attachment (percent-encoded), else nil.
    var page: String?
    /// The Excel-friendly copy of a CSV attachment (UTF-8 with BOM, CRLF; percent-encoded), else nil.
    var excel: String?
}

/// `<村>/files/<slug>/<文件名>.html`: a text or CSV attachment shown as a page.
struct AttachmentPageView: Codable, Sendable {
    /// The notice the attachment belongs to.
    var notice: ItemView
    /// The attachment (its `page` is this page).
    var attachment: AttachmentView
    /// The text of a .txt or .md attachment, as written (escaped by the template), else nil.
    var text: String?
    /// A CSV attachment as an HTML table (from `table.mustache`), else nil.
    var table: String?
}

/// A withdrawal.
struct WithdrawalView: Codable, Sendable {
    /// Date.
    var date: String
    /// Reason.
    var reason: String
}

/// A correction.
struct CorrectionView: Codable, Sendable {
    /// Date.
    var date: String
    /// What changed.
    var what: String
    /// Why.
    var why: String
}

/// The corrected notice, beside its ItemView fields.
struct CorrectsView: Codable, Sendable {
    /// Reason of the correction.
    var reason: String?
}

/// `<村>/decision/<slug>.html`.
struct DecisionView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// The decision.
    var decision: Extended<DecisionItemView, DecisionDetailView>
}

/// A decision page's decision, beside its DecisionItemView fields.
struct DecisionDetailView: Codable, Sendable {
    /// Intro HTML.
    var intro: String?
    /// The four steps.
    var steps: [StepView]
    /// Resolution notice.
    var resolution: ItemView?
    /// Result notice.
    var result: ItemView?
    /// Days allowed for the result.
    var resultDays: Int
}

/// One step of a decision.
struct StepView: Codable, Sendable {
    /// 1–4.
    var number: Int
    /// Step name.
    var name: String
    /// Who does it.
    var who: String
    /// Date.
    var date: String
    /// Date, ISO.
    var dateIso: String
    /// Body HTML.
    var body: String
    /// Meeting figures.
    var meeting: MeetingView?
}

/// Meeting figures.
struct MeetingView: Codable, Sendable {
    /// Expected.
    var expected: Int
    /// Present.
    var present: Int
    /// For.
    var `for`: Int
    /// Against.
    var against: Int
    /// Abstained.
    var abstain: Int
}

/// `<村>/print/<类别>-<期间>.html`: a board sheet.
struct SheetView: Codable, Sendable {
    /// The board.
    var board: BoardInfoView
    /// The category.
    var category: CategoryInfoView
    /// Period, e.g. `2026年第三季度`.
    var period: String
    /// The notices, oldest first.
    var items: [Extended<ItemView, SheetItemView>]
    /// The foot of the sheet: signature block, report phone, QR code of this sheet's page.
    var printed: PrintFootView
    /// Every sheet of the board and category, newest period first (this one included).
    var periods: [SheetLinkView]
}

/// A notice on a board sheet, beside its ItemView fields.
struct SheetItemView: Codable, Sendable {
    /// 公开期限 in words, as on the notice page.
    var term: String?
    /// The notice's full online address.
    var onlineUrl: String
    /// The QR code of `online_url`.
    var qr: QRView?
    /// The first 12 characters of the notice's SHA-256.
    var fingerprint: String
}

/// `status.html`.
struct StatusView: Codable, Sendable {
    /// Categories with a fixed frequency.
    var categories: [StatusCategoryView]
    /// Decisions to follow up.
    var overdueDecisions: [DecisionItemView]
    /// Unsigned notices per board.
    var unsigned: [UnsignedView]
    /// Whether any.
    var hasUnsigned: Bool
    /// Corrected or withdrawn notices.
    var changes: [Extended<ItemView, ChangeView>]
}

/// One category of the status page.
struct StatusCategoryView: Codable, Sendable {
    /// The category's key (its folder name), for anchors.
    var key: String
    /// Name.
    var name: String
    /// Frequency.
    var frequency: String
    /// Due day of the next month.
    var dueDay: Int
    /// Periods, oldest first.
    var periods: [PeriodView]
    /// One row per board.
    var rows: [StatusRowView]
}

/// A period heading of the status page.
struct PeriodView: Codable, Sendable {
    /// Label.
    var label: String
    /// Short label.
    var short: String
    /// Year.
    var year: Int
    /// Part of the year.
    var part: String
}

/// One board's row of the status page.
struct StatusRowView: Codable, Sendable {
    /// Board name.
    var board: String
    /// Board URL.
    var url: String
    /// Cells.
    var cells: [TimelinessCellView]
    /// On time.
    var ontime: Int
    /// Late.
    var late: Int
    /// Missing.
    var missing: Int
}

/// Unsigned notices of a board.
struct UnsignedView: Codable, Sendable {
    /// Board name.
    var board: String
    /// Count.
    var count: Int
}

/// A changed notice, beside its ItemView fields.
struct ChangeView: Codable, Sendable {
    /// Change in words.
    var change: String
}

/// `search.html`: the form, and what the page's script needs to load the index.
struct SearchView: Codable, Sendable {
    /// How many shard files the index has (`search/s/0.js` … `search/s/<shards-1>.js`).
    var shards: Int
    /// Every board with its categories, for the archive links shown without JavaScript.
    var boards: [Extended<BoardInfoView, SearchBoardView>]
}

/// A board on the search page.
struct SearchBoardView: Codable, Sendable {
    /// The board's categories (`url`, `archive_url` …).
    var categories: [CategoryInfoView]
}

/// `404.html`.
struct NotFoundView: Codable, Sendable {
    /// The path part of `base_url`.
    var absoluteRoot: String
}

// MARK: - finance (notice.finance)

/// Finance and rosters of a notice.
struct FinanceContextView: Codable, Sendable {
    /// Ledger.
    var ledger: LedgerView?
    /// Budget.
    var budget: BudgetView?
    /// Debts register.
    var debts: RegisterView?
    /// Assets register.
    var assets: RegisterView?
    /// Rosters.
    var rosters: [RosterView]
}

/// An amount.
struct AmountView: Codable, Sendable {
    /// `1,234.50`.
    var text: String
    /// In capitals.
    var upper: String
    /// The same in pieces a line may break between.
    var upper_parts: [String]
    /// Whether negative.
    var negative: Bool
}

/// A ledger.
struct LedgerView: Codable, Sendable {
    /// Period.
    var period: String
    /// Opening.
    var opening: AmountView
    /// Income.
    var income: AmountView
    /// Expense.
    var expense: AmountView
    /// Closing.
    var closing: AmountView
    /// Year-to-date range.
    var ytdLabel: String
    /// Year-to-date income.
    var ytdIncome: AmountView
    /// Year-to-date expense.
    var ytdExpense: AmountView
    /// Number of entries.
    var entryCount: Int
    /// Whether any entries.
    var hasEntries: Bool
    /// Entries.
    var entries: [EntryView]
    /// Sums per account.
    var accounts: [AccountSumView]
    /// CSV URL.
    var csvUrl: String
    /// JSON URL.
    var jsonUrl: String
    /// Chart per account (SVG).
    var chartAccounts: ChartView?
    /// Last 8 periods.
    var history: [HistoryView]
    /// Chart of closing balances (SVG).
    var chartBalance: ChartView?
    /// Budget execution.
    var execution: BudgetView?
}

/// A ledger entry.
struct EntryView: Codable, Sendable {
    /// Date.
    var date: String
    /// Date, ISO.
    var dateIso: String
    /// Voucher.
    var voucher: String
    /// Account.
    var account: String
    /// Summary.
    var summary: String
    /// Income.
    var income: String?
    /// Expense.
    var expense: String?
    /// Balance after it.
    var balance: String
    /// Handler.
    var handler: String?
}

/// Sums of one account.
struct AccountSumView: Codable, Sendable {
    /// Account.
    var account: String
    /// Income.
    var income: String?
    /// Expense.
    var expense: String?
}

/// One period of the balance history.
struct HistoryView: Codable, Sendable {
    /// Period.
    var period: String
    /// Closing.
    var closing: String
    /// This notice's period.
    var current: Bool
}

/// A budget with its execution.
struct BudgetView: Codable, Sendable {
    /// Year.
    var year: Int
    /// Lines.
    var lines: [BudgetLineView]
    /// As of.
    var asOf: String
    /// Income budget.
    var incomeBudget: String
    /// Income actual.
    var incomeActual: String
    /// Expense budget.
    var expenseBudget: String
    /// Expense actual.
    var expenseActual: String
    /// Number of lines over budget.
    var overCount: Int
    /// Whether any line is over budget.
    var hasOver: Bool
    /// Lines over budget in words.
    var overText: String
}

/// A budget line.
struct BudgetLineView: Codable, Sendable {
    /// Account.
    var account: String
    /// Kind.
    var kind: String
    /// Budget.
    var budget: String
    /// Actual.
    var actual: String
    /// Rate.
    var rate: String
    /// Over budget.
    var over: Bool
    /// Over by.
    var overBy: String?
}

/// A register of debts or assets.
struct RegisterView: Codable, Sendable {
    /// As of.
    var asOf: String
    /// Title.
    var title: String
    /// Caption of the totals.
    var totalsCaption: String
    /// Columns with data.
    var columns: [ColumnHeadView]
    /// Rows of cells.
    var rows: [[RegisterCellView]]
    /// Totals.
    var totals: [RegisterTotalView]
    /// Net of debts.
    var net: RegisterTotalView?
}

/// A column heading of a table.
struct ColumnHeadView: Codable, Sendable {
    /// Label.
    var label: String
    /// Numeric column.
    var num: Bool
}

/// A register cell.
struct RegisterCellView: Codable, Sendable {
    /// Text.
    var text: String
    /// Column label.
    var label: String
    /// Row heading.
    var head: Bool
    /// Numeric.
    var num: Bool
}

/// A total of a register.
struct RegisterTotalView: Codable, Sendable {
    /// Label.
    var label: String
    /// Amount.
    var amount: AmountView
}

/// A roster.
struct RosterView: Codable, Sendable {
    /// Title.
    var title: String?
    /// Number of rows.
    var count: Int
    /// Whether numbers were masked.
    var masked: Bool
    /// Fields shown in full.
    var unmasked: String?
    /// Columns.
    var columns: [ColumnHeadView]
    /// Rows of cells.
    var rows: [[RosterCellView]]
    /// Whether there is a totals row.
    var hasTotals: Bool
    /// Totals row.
    var totals: [RosterTotalView]
}

/// A roster cell.
struct RosterCellView: Codable, Sendable {
    /// Text.
    var text: String
    /// Numeric.
    var num: Bool
}

/// A cell of the roster totals row.
struct RosterTotalView: Codable, Sendable {
    /// Text.
    var text: String
    /// Numeric.
    var num: Bool
    /// First cell.
    var first: Bool
}

// MARK: - wording

/// Every word the page views carry, in one table (the rest of the wording is in the templates).
enum Strings {
    /// The note in `Site/.gongkai-site`, the file that marks a folder as gongkai's output.
    static let siteMarker = "这个文件夹由 gongkai build 生成，每次生成时整个替换：请不要在这里修改文件，要改请改 Content/ 里的内容。\n"

    static func siteTitle(_ township: String) -> String { "\(township)三务公开" }

    static let home = "首页"
    static let status = "公开情况"
    static let search = "搜索"
    static let decisions = "四议两公开"
    static let noticeCrumb = "正文"
    static let attachmentCrumb = "附件"
    static let sheetCrumb = "打印张贴"
    static func sheetTitle(_ board: String, _ category: String, _ period: String) -> String { "\(board)\(category)张贴页（\(period)）" }
    static let archive = "归档"
    static let notFound = "找不到这个页面"
    static func townshipBoard(_ name: String) -> String { "\(name)本级公开" }
    static func yearCrumb(_ year: Int) -> String { "\(year)年" }
    static func listTitle(_ board: String, _ category: String, page: Int) -> String {
        "\(board)\(category)" + (page > 1 ? "（第 \(page) 页）" : "")
    }
    static func archiveTitle(_ board: String, _ category: String) -> String { "\(board)\(category)归档" }
    static func yearTitle(_ board: String, _ category: String, _ year: Int) -> String { "\(board)\(category)（\(year)年）" }

    static let quarterNames = ["一", "二", "三", "四"]
    static func quarter(_ q: Int) -> String { "第\(quarterNames[q - 1])季度" }
    static func yearQuarter(_ year: Int, _ q: Int) -> String { "\(year)年\(quarter(q))发布" }

    static func gongshiUpcoming(month: Int, day: Int) -> String { "尚未开始（\(month)月\(day)日开始）" }
    static func gongshiRunning(daysLeft: Int) -> String { daysLeft == 1 ? "公示中（今天是最后一天）" : "公示中（还剩 \(daysLeft) 天）" }
    static let gongshiEnded = "公示已结束"
    static func gongshiWithdrawn(_ date: String) -> String { "公示已中止（\(date)撤回）" }
    static func outcome(objections: Bool) -> String { objections ? "有异议" : "无异议" }
    static func change(withdrawn: Bool) -> String { withdrawn ? "已撤回" : "有更正" }

    static func decisionDone(_ date: String) -> String { "已公开实施结果（\(date)）" }
    static func decisionAwaitingResult(days: Int) -> String { "已公开决议，实施结果尚未公开（决议已 \(days) 天）" }
    static func decisionInProgress(_ date: String) -> String { "正在办理（决议日期为\(date)）" }
    static let decisionNoResolution = "决议尚未公开"

    /// `1.2 MB`, `350 KB`, `800 字节`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1_048_576 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return "\(bytes) 字节"
    }

    static let listSeparator = "、"
    static func monthDay(_ month: Int, _ day: Int) -> String { "\(month)月\(day)日" }
    static func yearToDate(year: Int, firstMonth: Int, lastMonth: Int) -> String {
        firstMonth == 1 && lastMonth == 12 ? "\(year)年全年" : "\(year)年\(firstMonth)—\(lastMonth)月"
    }
    static func budgetKind(income: Bool) -> String { income ? "收入" : "支出" }
    static func budgetAsOf(year: Int, month: Int) -> String { "截至\(year)年\(month)月底" }
    static let budgetNoLedger = "本年尚无收支账目"
    static func overBudget(_ lines: [(account: String, by: String)]) -> String {
        lines.map { "「\($0.account)」超出 \($0.by) 元" }.joined(separator: "，")
    }
    static func registerTitle(debts: Bool) -> String { debts ? "债权债务明细" : "资产资源登记" }
    static func registerTotalsCaption(debts: Bool) -> String { debts ? "债权债务合计（单位：元）" : "资产资源价值合计（单位：元）" }
    static func amountColumn(_ label: String) -> String { label + "（元）" }
    static func total(_ label: String) -> String { "\(label)合计" }
    static func net(debtsExceed: Bool) -> String { debtsExceed ? "债务比债权多" : "债权比债务多" }
    static func unmaskedField(_ label: String, reason: String) -> String { "「\(label)」（\(reason)）" }
}
