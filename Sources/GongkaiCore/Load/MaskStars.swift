import Foundation

/// Tells masking asterisks (`138****1234`, `王**`, `4521**********1234`, `王*明`) from Markdown
/// emphasis (`**加粗**`) in one stretch of inline text (a paragraph, a heading, a table cell), so
/// that masks can be backslash-escaped before cmark sees them and are shown exactly as written.
///
/// The shapes overlap (`王**同志和李**同志` and `这是**重要**通知` are both `字**字字**字`), so the
/// rule combines what cmark would do with them and what masks look like:
///
/// 1. A star run with a digit on both sides is a mask (`138****1234`, `3*4`).
/// 2. A run of three or more stars touching a digit, a Han character or `X` is a mask
///    (`4521**********123X`, `王***`): bold is two stars.
/// 3. cmark's pairing is simulated on the remaining runs. A *name mask* is a run of 1–2 stars
///    right after a common surname (`王`, `欧阳`) that does not itself follow a star (`**王**` is
///    bold) and is not followed by a digit or Latin letter (`请于**12月**` is bold). A surname
///    *starts a word* after the start of the text, a space, punctuation or 和/与/及/或/的. A pair
///    is a mask pair when its closing run is a name mask whose surname starts a word
///    (`王**同志和李**同志`, `来自**镇的王**，男`), or when both runs are name masks and the
///    opening one's surname starts a word (`王**同志和村民李**同志`). Real bold rarely ends in a
///    lone surname after such a break: `关于**村道硬化工程**` stays bold (程 follows 工, 于 follows 关).
///    An opening run at the start or after a space is always bold.
/// 4. A run cmark would leave unpaired is literal on the page anyway. Between spaces it is left
///    alone (`**** 1234`). If it would have paired had the Chinese punctuation and spaces next
///    to it been letters, it is a failed bold and is reported, with the punctuation hint when
///    punctuation is involved (`**收入：**主要`, `**通知 **`); otherwise, when it touches a Han
///    character, a digit or Chinese punctuation, it is a mask and is escaped silently (`**镇`,
///    `王**，男`); otherwise a run of two or more stars is reported with a general hint.
///
/// To force a reading: `\*` is always a literal star; `**` at the start or after a space always opens bold.
enum MaskStars {
    enum Hint { case punctuation, general }

    /// A failed bold: the index of its first star and which hint applies.
    struct Warning {
        let index: Int
        let hint: Hint
    }

    struct Outcome {
        /// Indices of the star scalars to escape.
        var escape: [Int] = []
        /// The first failed bold, if any.
        var warning: Warning?
    }

    struct Run {
        let start: Int
        let length: Int
        let prev: Unicode.Scalar?
        let next: Unicode.Scalar?
    }

    static func classify(_ s: [Unicode.Scalar]) -> Outcome {
        let runs = starRuns(s)
        guard !runs.isEmpty else { return Outcome() }
        var masked = Set<Int>()
        for (i, r) in runs.enumerated() {
            let touching = [r.prev, r.next].contains { $0.map { isDigit($0) || isHan($0) || $0 == "X" || $0 == "x" } ?? false }
            if (r.prev.map(isDigit) ?? false) && (r.next.map(isDigit) ?? false) { masked.insert(i) }
            if r.length >= 3 && touching { masked.insert(i) }
        }
        var warnings: [Warning] = []
        // Escaping some runs can change how cmark pairs the others: decide again until nothing
        // changes (a few rounds for real text; bounded for pathological input).
        for _ in 0..<8 {
            let live = runs.indices.filter { !masked.contains($0) }
            let pairs = simulate(runs, live, hypothetical: false)
            let maskPairs = pairs.filter { isMaskPair(s, runs, $0.opener, $0.closer) }
            if !maskPairs.isEmpty {
                for p in maskPairs { masked.insert(p.opener); masked.insert(p.closer) }
                continue
            }
            let paired = Set(pairs.flatMap { [$0.opener, $0.closer] })
            var partner: [Int: Pair] = [:]
            for p in simulate(runs, live, hypothetical: true) {
                if partner[p.opener] == nil { partner[p.opener] = p }
                if partner[p.closer] == nil { partner[p.closer] = p }
            }
            var newMasks = Set<Int>()
            warnings = []
            for i in live where !paired.contains(i) {
                let r = runs[i]
                // Between spaces stars are never emphasis: `**** 1234` is shown as written.
                if isSpace(r.prev) && isSpace(r.next) { continue }
                if let p = partner[i] {
                    if isMaskPair(s, runs, p.opener, p.closer) {
                        newMasks.insert(i)
                    } else if r.length >= 2 {
                        let nearPunctuation = [p.opener, p.closer].contains { k in
                            [runs[k].prev, runs[k].next].contains { $0.map(isCJKPunctuation) ?? false }
                        }
                        warnings.append(Warning(index: r.start, hint: nearPunctuation ? .punctuation : .general))
                    }
                } else if [r.prev, r.next].contains(where: { $0.map { isDigit($0) || isHan($0) || isCJKPunctuation($0) } ?? false }) {
                    newMasks.insert(i)
                } else if r.length >= 2 {
                    warnings.append(Warning(index: r.start, hint: .general))
                }
            }
            if newMasks.isEmpty { break }
            masked.formUnion(newMasks)
        }
        var out = Outcome()
        for i in masked.sorted() { out.escape += runs[i].start..<(runs[i].start + runs[i].length) }
        out.warning = warnings.min { $0.index < $1.index }
        return out
    }

    // MARK: - runs

    /// Star runs outside code spans and autolinks, skipping backslash escapes.
    static func starRuns(_ s: [Unicode.Scalar]) -> [Run] {
        // Where each backtick string starts, by its length: a code span closes at the next
        // string of exactly the opening length. Cursors only move forward, keeping this linear.
        var backticks: [Int: [Int]] = [:]
        var k = 0
        while k < s.count {
            if s[k] == "`" {
                let len = runLength(s, k, "`")
                backticks[len, default: []].append(k)
                k += len
            } else {
                k += 1
            }
        }
        var cursors: [Int: Int] = [:]
        var runs: [Run] = []
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if c == "\\" {
                i += (i + 1 < n && isASCIIPunctuation(s[i + 1])) ? 2 : 1
            } else if c == "`" {
                let open = runLength(s, i, "`")
                let starts = backticks[open] ?? []
                var cursor = cursors[open] ?? 0
                while cursor < starts.count && starts[cursor] <= i { cursor += 1 }
                cursors[open] = cursor
                i = cursor < starts.count ? starts[cursor] + open : i + open
            } else if c == "<", let end = autolinkEnd(s, i) {
                i = end
            } else if c == "*" {
                let len = runLength(s, i, "*")
                runs.append(Run(start: i, length: len, prev: i > 0 ? s[i - 1] : nil, next: i + len < n ? s[i + len] : nil))
                i += len
            } else {
                i += 1
            }
        }
        return runs
    }

    static func runLength(_ s: [Unicode.Scalar], _ i: Int, _ c: Unicode.Scalar) -> Int {
        var j = i
        while j < s.count && s[j] == c { j += 1 }
        return j - i
    }

    /// The end of a CommonMark autolink (`<https://…>`, `<a@b.cn>`) starting at `i`, if there is one.
    static func autolinkEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 1
        while j < s.count, s[j] != ">" {
            if s[j] == "<" || s[j] == " " || s[j] == "\n" || s[j] == "\t" { return nil }
            j += 1
        }
        guard j < s.count else { return nil }
        let inner = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        let isURI = inner.range(of: "^[A-Za-z][A-Za-z0-9+.-]{1,31}:", options: .regularExpression) != nil
        let isMail = inner.range(of: "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$", options: .regularExpression) != nil
        return isURI || isMail ? j + 1 : nil
    }

    // MARK: - cmark's pairing

    struct Pair { let opener: Int; let closer: Int }

    /// cmark's "process emphasis" for `*` runs (CommonMark 0.30, rule of three included).
    /// `hypothetical`: as if the Chinese punctuation and the spaces next to the runs were letters,
    /// which shows the bold a clerk meant when a run fails only because of them.
    static func simulate(_ runs: [Run], _ live: [Int], hypothetical: Bool) -> [Pair] {
        struct Delim { let run: Int; let length: Int; var left: Int; let canOpen: Bool; let canClose: Bool }
        func punct(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return hypothetical ? isASCIIPunctuation(c) : isPunctuation(c)
        }
        func space(_ c: Unicode.Scalar?) -> Bool {
            hypothetical ? (c == nil || c == "\n") : isSpace(c)
        }
        var ds: [Delim] = live.map { i in
            let r = runs[i]
            let left = !space(r.next) && (!punct(r.next) || space(r.prev) || punct(r.prev))
            let right = !space(r.prev) && (!punct(r.prev) || space(r.next) || punct(r.next))
            return Delim(run: i, length: r.length, left: r.length, canOpen: left, canClose: right)
        }
        // A doubly linked list over the delimiters, as in cmark, so removed ones are skipped.
        let n = ds.count
        var prev = Array(-1..<(n - 1)), next = Array(1..<(n + 1))
        func remove(_ k: Int) {
            if prev[k] >= 0 { next[prev[k]] = next[k] }
            if next[k] < n { prev[next[k]] = prev[k] }
        }
        var pairs: [Pair] = []
        var bottom = [-1, -1, -1]
        var c = 0
        while c < n {
            guard ds[c].canClose else { c = next[c]; continue }
            let b = ds[c].length % 3
            var o = prev[c]
            var found = false
            while o > bottom[b] {
                if ds[o].canOpen
                    && (!(ds[c].canOpen || ds[o].canClose) || ds[c].length % 3 == 0 || (ds[o].length + ds[c].length) % 3 != 0) {
                    found = true
                    break
                }
                o = prev[o]
            }
            if found {
                let use = ds[c].left >= 2 && ds[o].left >= 2 ? 2 : 1
                ds[o].left -= use
                ds[c].left -= use
                pairs.append(Pair(opener: ds[o].run, closer: ds[c].run))
                var k = next[o]
                while k != c { let after = next[k]; remove(k); k = after }
                if ds[o].left == 0 { remove(o) }
                if ds[c].left == 0 { let after = next[c]; remove(c); c = after }
            } else {
                // Later closers of this kind need not look back past here.
                bottom[b] = c - 1
                let after = next[c]
                if !ds[c].canOpen { remove(c) }
                c = after
            }
        }
        return pairs
    }

    // MARK: - name masks

    /// The runs `opener` and `closer` that cmark would pair are masks, not bold: the closer is a
    /// name mask whose surname starts a word, or both are name masks and the opener's does.
    /// An opener after a space or at the start is always bold.
    static func isMaskPair(_ s: [Unicode.Scalar], _ runs: [Run], _ opener: Int, _ closer: Int) -> Bool {
        guard !isSpace(runs[opener].prev), let c = nameSurnameStart(s, runs[closer]) else { return false }
        if startsWord(s, c) { return true }
        guard let o = nameSurnameStart(s, runs[opener]) else { return false }
        return startsWord(s, o)
    }

    /// Where the surname before a name-mask run starts, or nil when the run is not a name mask.
    static func nameSurnameStart(_ s: [Unicode.Scalar], _ r: Run) -> Int? {
        guard r.length <= 2, r.start >= 1 else { return nil }
        if let n = r.next, isDigit(n) || (n.isASCII && n.properties.isAlphabetic) { return nil }
        var starts: [Int] = []
        if r.start >= 2, compoundSurnames.contains(String(String.UnicodeScalarView(s[(r.start - 2)..<r.start]))) {
            starts.append(r.start - 2)
        }
        if surnames.contains(s[r.start - 1]) { starts.append(r.start - 1) }
        return starts.first { $0 == 0 || s[$0 - 1] != "*" }
    }

    /// The character at `i` starts a word: text start, space, punctuation or a joining word
    /// (和与及或的).
    static func startsWord(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = s[i - 1]
        return isSpace(p) || isPunctuation(p) || "和与及或的".unicodeScalars.contains(p)
    }

    /// Common single-character surnames (the most frequent in the 2020 census, and those common
    /// among Zhuang and Yao families).
    static let surnames = Set(("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程"
        + "魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫"
        + "孔向常汤康易乔赖文蒙农蓝盘凌岑滕麦甘闭萧欧施牛洪温葛").unicodeScalars)

    static let compoundSurnames: Set<String> = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "万俟", "申屠", "轩辕", "钟离", "闻人", "澹台",
        "公冶", "太叔", "濮阳", "淳于", "单于", "赫连"]

    // MARK: - character classes (as cmark sees them)

    static func isSpace(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return true }
        return c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" || c.properties.generalCategory == .spaceSeparator
    }

    static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(c)
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isASCIIPunctuation(c) }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    static func isCJKPunctuation(_ c: Unicode.Scalar) -> Bool { !c.isASCII && isPunctuation(c) }

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || ("\u{FF10}"..."\u{FF19}").contains(c)
    }

    static func isHan(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFD: return true
        default: return false
        }
    }
}
