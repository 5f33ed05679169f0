import Foundation

/// How often a category must be disclosed.
public enum Frequency: String, Sendable, CaseIterable {
    case monthly, quarterly, halfyearly, yearly, asneeded

    public var label: String {
        switch self {
        case .monthly: return "每月"
        case .quarterly: return "每季度"
        case .halfyearly: return "每半年"
        case .yearly: return "每年"
        case .asneeded: return "随时"
        }
    }

    /// Months in one period; nil for 随时.
    public var months: Int? {
        switch self {
        case .monthly: return 1
        case .quarterly: return 3
        case .halfyearly: return 6
        case .yearly: return 12
        case .asneeded: return nil
        }
    }
}

/// What a notice must cover for its category's timeliness (see `Timeliness.disclosedOn`).
public enum Coverage: String, Sendable, CaseIterable {
    /// Every month of the checked period must lie in the 公开期间 of some notice (accounts: the
    /// whole quarter's books, not one month's).
    case whole
    /// One notice whose 公开期间 overlaps the checked period is enough (affairs reported as they
    /// arise: a resolution of March discloses the first quarter).
    case any

    public var label: String { self == .whole ? "全期" : "任一" }
}

/// Which boards a category applies to.
public enum BoardScope: String, Sendable { case all, villages, township }

public struct Category: Sendable, Hashable {
    public var key: String
    public var name: String
    public var short: String
    public var frequency: Frequency
    public var dueDay: Int
    public var boards: BoardScope
    /// What counts as disclosing a checked period.
    public var cover: Coverage = .any
    /// Sign-offs a village notice needs before it is published: each word must appear in the role
    /// of some signoff entry (e.g. 村务监督委员会; 审核 and 审批).
    public var signoff: [String] = []
    /// The same for the township's own notices.
    public var townshipSignoff: [String] = []
    /// 公开期限 and signature block of printed notices.
    public var print: PrintRules = .other

    public func requiredSignoff(for board: Board) -> [String] { requiredSignoff(township: board.isTownship) }
    public func requiredSignoff(township: Bool) -> [String] { township ? townshipSignoff : signoff }

    public func applies(to board: Board) -> Bool {
        switch boards {
        case .all: return true
        case .villages: return !board.isTownship
        case .township: return board.isTownship
        }
    }

    public static let defaults: [Category] = [
        Category(key: "dangwu", name: "党务公开", short: "党务", frequency: .quarterly, dueDay: 20, boards: .all,
                 signoff: ["审核", "审批"], townshipSignoff: ["审核", "审批"],
                 print: PrintRules(term: .days(30), signatures: ["经办人", "审核人", "审批人"],
                                   townshipSignatures: ["经办人", "审核人", "审批人"])),
        Category(key: "cunwu", name: "村务公开", short: "村务", frequency: .quarterly, dueDay: 20, boards: .villages,
                 signoff: ["村务监督委员会"], townshipSignoff: ["审核"],
                 print: PrintRules(term: .days(30), signatures: ["村务监督委员会主任", "村委会主任", "村党组织书记"],
                                   townshipSignatures: PrintRules.townshipRoles)),
        Category(key: "caiwu", name: "财务公开", short: "财务", frequency: .quarterly, dueDay: 20, boards: .all,
                 cover: .whole, signoff: ["村务监督委员会"], townshipSignoff: ["审核"],
                 print: PrintRules(term: .days(30), signatures: ["村务监督委员会主任", "报账员", "村委会主任", "村党组织书记"],
                                   townshipSignatures: ["经办人", "会计", "审核人", "主要领导"])),
        Category(key: "zhengwu", name: "政务公开", short: "政务", frequency: .quarterly, dueDay: 20, boards: .township,
                 signoff: ["审核"], townshipSignoff: ["审核"],
                 print: PrintRules(term: .days(30), signatures: PrintRules.other.signatures,
                                   townshipSignatures: PrintRules.townshipRoles)),
    ]
}

public struct Footer: Sendable, Hashable {
    public var icp: String?
    public var police: String?
    public var siteCode: String?
}

public struct SiteConfig: Sendable {
    public var name: String
    public var county: String
    public var host: String
    public var address: String?
    public var contact: String
    public var reportPhone: String
    public var baseURL: String
    public var intro: String?
    public var footer: Footer
    public var pageSize: Int
    public var categories: [Category]
    /// The chart of accounts (科目).
    public var accounts: [Account]
    /// Process rules (sign-off severity, working days, decision follow-up, timeliness).
    public var process: ProcessConfig = ProcessConfig()
    /// Phone numbers published on purpose (official hotlines), digits only: never flagged as personal data.
    public var publicNumbers: Set<String> = []

    public func category(named text: String) -> Category? {
        if let c = categories.first(where: { $0.key == text }) { return c }  // a notice's category, read before
        let t = text.trimmingBlank()
        let key = t.lowercased()
        return categories.first { $0.key == key || $0.name == t || $0.short == t }
    }
}

/// Configurable rules of the disclosure process (practice differs by place).
public struct ProcessConfig: Sendable {
    /// A notice missing a required sign-off is never published; this says whether that is reported
    /// as an error (the build fails) or a warning (the rest is published).
    public var signoffSeverity: Diagnostic.Severity = .warning
    /// Public holidays (not working days) and 调休 weekend days that are working days.
    public var holidays: Set<Day> = []
    public var workdays: Set<Day> = []
    /// A resolution with no published result after this many days is flagged for supervisors.
    public var decisionResultDays: Int = 180
    /// Timeliness is computed for periods starting on or after this day (default: the earliest notice).
    public var timelinessStart: Day?

    public func isWorkingDay(_ d: Day) -> Bool {
        if workdays.contains(d) { return true }
        if holidays.contains(d) { return false }
        return d.weekday < 5
    }

    /// The last day of a window of `n` working days starting on (or after) `start`.
    public func addingWorkingDays(_ n: Int, from start: Day) -> Day {
        var d = start
        var counted = 0
        while true {
            if isWorkingDay(d) {
                counted += 1
                if counted == n { return d }
            }
            d = d.adding(days: 1)
        }
    }
}

public struct Person: Sendable, Hashable {
    public var role: String
    public var name: String
}

/// A board: a village, or the township itself (slug `township`).
public struct Board: Sendable, Hashable {
    public static let townshipSlug = "township"

    public var slug: String
    public var name: String
    public var order: Int
    public var intro: String?
    public var groups: [String]
    public var committee: [Person]
    public var supervisors: [Person]
    public var spokesperson: String?
    public var phone: String?
    public var reportPhone: String?
    public var boardLocation: String?
    public var isTownship: Bool { slug == Board.townshipSlug }
}

public struct SignOff: Sendable, Hashable {
    public var role: String
    public var name: String
    public var date: Day?
}

public struct Attachment: Sendable, Hashable {
    public var title: String
    /// Absolute path of the source file inside Content/.
    public var sourcePath: String
    /// File name in the output (the source file name).
    public var fileName: String
    public var size: Int
    /// e.g. `PDF`, `CSV`, `Word`.
    public var typeLabel: String
    /// A CSV attachment also shown as a table on the page (cells escaped, safe HTML).
    public var table: TableView?
    /// The text of a UTF-8 text attachment: a .txt or .md small enough to be shown as a page, or a
    /// .csv of any size (its Excel-friendly copy; its page too when small and a proper table).
    public var text: String? = nil
    /// Whether the attachment gets its own page on the site (its text, or its table).
    public var hasPage = false
    /// Whether an Excel-friendly copy (UTF-8 with BOM, CRLF line ends) is published next to it.
    public var hasExcelCopy: Bool { text != nil && isCSV }
    public var isCSV: Bool { (fileName as NSString).pathExtension.lowercased() == "csv" }

    /// The Excel-friendly copy of a CSV attachment: a byte order mark, then the text with CRLF
    /// line ends, so that Excel on a Chinese Windows reads it as UTF-8. The original stays as it is.
    public var excelCopy: Data? {
        guard hasExcelCopy, let text else { return nil }
        var lines = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for s in text.unicodeScalars {
            if s == "\n" && last != "\r" { lines.append("\r") }
            lines.append(s)
            last = s
        }
        return Data([0xEF, 0xBB, 0xBF]) + Data(String(lines).utf8)
    }
}

/// A 公示 window.
public struct Gongshi: Sendable, Hashable {
    public var start: Day
    public var end: Day
    public var contact: String?
    /// `7 个工作日` or `7 天`, as written.
    public var lengthText: String
    public var outcome: Outcome?

    /// What came of the 公示, once recorded.
    public struct Outcome: Sendable, Hashable {
        public var objections: Bool
        public var date: Day?
        public var note: String?
        /// The notice that re-published the matter (content-relative path), if any.
        public var republished: String?
        public var republishedMark: SourceMark?
    }

    public enum Status: Sendable { case upcoming, running(daysLeft: Int), ended }

    public func status(on today: Day) -> Status {
        if today < start { return .upcoming }
        if today > end { return .ended }
        return .running(daysLeft: today.days(until: end) + 1)
    }
}

/// A notice. Its fields are kept once, in an immutable box: the site holds every notice in
/// several lists (published, per category, neighbours, by path …) and the pages pass notices
/// around freely, so a copy is one reference instead of every field. Changing a field (only
/// done while loading) gives the notice a box of its own, so `Notice` keeps value semantics.
public struct Notice: Sendable {
    private final class Box: Sendable {
        let fields: NoticeFields
        /// `board/slug`, made once (it keys most lookups of a build).
        let id: String
        /// `numberKey(number)`, made once per 文号 (carried over when another field changes).
        let numberKey: String?
        /// The key of the notice in a page's reach (`Reach.notice(id)`), made with the id.
        let reachKey: String
        init(_ fields: NoticeFields, carrying old: Box? = nil) {
            self.fields = fields
            if let old, old.fields.board == fields.board, old.fields.slug == fields.slug {
                id = old.id
                reachKey = old.reachKey
            } else {
                id = fields.board + "/" + fields.slug
                reachKey = Notice.keyPrefix + id
            }
            if let old, old.fields.number == fields.number {
                numberKey = old.numberKey
            } else {
                numberKey = fields.number.map(Notice.numberKey)
            }
        }
    }
    private var box: Box

    public init(_ fields: NoticeFields) { box = Box(fields) }

    /// The very same value (not a copy that was changed): a notice a long-running process took
    /// from its cache is the same version as before (`RenderSelection`).
    public func isSameVersion(_ other: Notice) -> Bool { box === other.box }

    /// Unique across the site: `board/slug`.
    public var id: String { box.id }

    /// `keyPrefix + id`, the notice's key in the reach of the pages that show it (`Reach.notice`).
    var reachKey: String { box.reachKey }
    /// What sets a notice's key apart from the keys of boards, lists and paths.
    static let keyPrefix = "n:"

    /// The 文号 as it is compared with others (`numberKey(_:)`); nil without one.
    public var numberKey: String? { box.numberKey }

    /// How two 文号 are compared: without spaces; full-width letters and digits as half-width;
    /// every kind of bracket (〔〕[]［］()（）【】〖〗﹝﹞〈〉<>＜＞) as 〔〕; numbers without leading zeros
    /// (〔2026〕03号 is 〔2026〕3号). Letters are compared without case.
    static func numberKey(_ number: String) -> String {
        var out = String.UnicodeScalarView()
        var digits = 0  // digits of the number being copied
        for var s in number.unicodeScalars {
            if s.properties.isWhitespace { continue }
            if (0xFF01...0xFF5E).contains(s.value), let half = Unicode.Scalar(s.value - 0xFEE0) { s = half }
            switch s {
            case "(", "[", "<", "〔", "【", "〖", "﹝", "〈": s = "〔"
            case ")", "]", ">", "〕", "】", "〗", "﹞", "〉": s = "〕"
            default: break
            }
            if ("0"..."9").contains(s) {
                // A zero that is all of the number so far is a leading zero once another digit follows.
                if digits == 1, out.last == "0" { out.removeLast() } else { digits += 1 }
            } else {
                digits = 0
            }
            if s.isASCII {
                out.append((0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s)
            } else if s.properties.changesWhenLowercased {
                out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    private mutating func update(_ change: (inout NoticeFields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields, carrying: box)
    }

    // Each field is read from the box directly (no copy of the others); see `NoticeFields`.
    public var slug: String { get { box.fields.slug } set { update { $0.slug = newValue } } }
    public var board: String { get { box.fields.board } set { update { $0.board = newValue } } }
    public var category: String { get { box.fields.category } set { update { $0.category = newValue } } }
    public var title: String { get { box.fields.title } set { update { $0.title = newValue } } }
    public var date: Day { get { box.fields.date } set { update { $0.date = newValue } } }
    public var period: Period? { get { box.fields.period } set { update { $0.period = newValue } } }
    public var periodText: String? { get { box.fields.periodText } set { update { $0.periodText = newValue } } }
    public var number: String? { get { box.fields.number } set { update { $0.number = newValue } } }
    public var numberMark: SourceMark? { get { box.fields.numberMark } set { update { $0.numberMark = newValue } } }
    public var signoff: [SignOff] { get { box.fields.signoff } set { update { $0.signoff = newValue } } }
    public var tags: [String] { get { box.fields.tags } set { update { $0.tags = newValue } } }
    public var summary: String { get { box.fields.summary } set { update { $0.summary = newValue } } }
    public var attachments: [Attachment] { get { box.fields.attachments } set { update { $0.attachments = newValue } } }
    public var embedded: [Attachment] { get { box.fields.embedded } set { update { $0.embedded = newValue } } }
    public var gongshi: Gongshi? { get { box.fields.gongshi } set { update { $0.gongshi = newValue } } }
    public var term: Term? { get { box.fields.term } set { update { $0.term = newValue } } }
    public var finance: NoticeFinance { get { box.fields.finance } set { update { $0.finance = newValue } } }
    public var process: NoticeProcess { get { box.fields.process } set { update { $0.process = newValue } } }
    public var contentPath: String { get { box.fields.contentPath } set { update { $0.contentPath = newValue } } }
    public var dataFiles: [String] { get { box.fields.dataFiles } set { update { $0.dataFiles = newValue } } }
    public var digest: String { get { box.fields.digest } set { update { $0.digest = newValue } } }
    public var draft: Bool { get { box.fields.draft } set { update { $0.draft = newValue } } }
    /// The body and the text are read back from the build's `BodyStore` once they are kept there
    /// (`keepBody(in:)`); setting either brings both back into the notice first.
    public var bodyHTML: BodyHTML {
        get { box.fields.stored?.body ?? box.fields.bodyHTML }
        set { update { $0.unstore(); $0.bodyHTML = newValue } }
    }
    public var length: Int { get { box.fields.length } set { update { $0.length = newValue } } }
    public var text: String {
        get { box.fields.stored?.text ?? box.fields.text }
        set { update { $0.unstore(); $0.text = newValue } }
    }

    /// True when the body and the text are in a `BodyStore`.
    var bodyIsStored: Bool { box.fields.stored != nil }

    /// Moves the body and the text into `store` (kept in the notice when they cannot be written).
    mutating func keepBody(in store: BodyStore) {
        guard box.fields.stored == nil, let ref = store.put(body: bodyHTML, text: text) else { return }
        update {
            $0.stored = ref
            $0.bodyHTML = BodyHTML()
            $0.text = ""
        }
    }
    public var sourcePath: String { get { box.fields.sourcePath } set { update { $0.sourcePath = newValue } } }
}

/// What a notice says (see `Notice`).
public struct NoticeFields: Sendable {
    /// Slug, unique within the board.
    public var slug: String
    public var board: String
    public var category: String
    public var title: String
    public var date: Day
    public var period: Period?
    public var periodText: String?
    public var number: String?
    /// Where `number` is written (for messages about a 文号 used twice).
    public var numberMark: SourceMark? = nil
    public var signoff: [SignOff]
    public var tags: [String]
    public var summary: String
    public var attachments: [Attachment]
    /// Files linked or shown from the body (images, documents), copied like attachments.
    public var embedded: [Attachment]
    public var gongshi: Gongshi?
    /// 公开期限 as written (the category's default applies when nil).
    public var term: Term? = nil
    /// Ledger, budget and registers attached to the notice.
    public var finance: NoticeFinance
    /// Process records: scope, corrections, withdrawal.
    public var process: NoticeProcess = NoticeProcess()
    /// Path of the source inside Content/ (for links between notices).
    public var contentPath: String = ""
    /// Data files the notice uses (ledgers, rosters …), content-relative.
    public var dataFiles: [String] = []
    /// SHA-256 over the notice's source, data files, attachments and embedded files (hex).
    public var digest: String = ""
    public var draft: Bool
    /// Safe HTML of the body.
    public var bodyHTML: BodyHTML
    /// Number of characters of body text.
    public var length: Int
    /// Body text as the page shows it, without markup (what the search index holds).
    public var text: String = ""
    /// Where `bodyHTML` and `text` are when a build keeps them in its `BodyStore` (both empty here).
    var stored: BodyStore.Ref? = nil
    /// Source path as shown in messages.
    public var sourcePath: String
}

extension NoticeFields {
    /// The body and the text back from the store, if they were kept there.
    mutating func unstore() {
        guard let ref = stored else { return }
        stored = nil
        bodyHTML = ref.body
        text = ref.text
    }
}

/// Everything loaded and validated from Content/.
public struct ContentModel: Sendable {
    public var site: SiteConfig
    /// Villages in display order, then the township board last.
    public var boards: [Board]
    public var notices: [Notice]
    /// 四议两公开 decision records.
    public var decisions: [Decision] = []
    /// The publication record as found in Content/.
    public var record = PublicationRecord()
    /// Ids (`board/file name`) of notice files that are there but could not be read or parsed (or
    /// whose folder is not a known board): their own errors say why, so the record does not call
    /// them missing too.
    public var unreadable: Set<String> = []
    /// `.md` files under notices/ without front matter (path relative to Content/, text): not
    /// notices, kept for the check that says what they are (`Validator.withoutFrontMatter`).
    public var withoutFrontMatter: [(path: String, source: SourceFile)] = []
}

/// Scope, corrections and withdrawal of a notice.
public struct NoticeProcess: Sendable {
    /// `党内`: members only; never reaches any public output.
    public var partyOnly = false
    /// Corrections recorded on the notice itself (更正说明).
    public var corrections: [Correction] = []
    /// This notice corrects another one (content-relative path of the old notice).
    public var corrects: String?
    public var correctsReason: String?
    public var correctsMark: SourceMark?
    public var withdrawn: Withdrawal?
    public var signoffMark: SourceMark?

    public struct Correction: Sendable, Hashable {
        public var date: Day
        public var what: String
        public var why: String
    }

    public struct Withdrawal: Sendable, Hashable {
        public var date: Day
        public var reason: String
    }
}
