import Foundation

/// Search without a server: an index of the published, public notices written at build time as
/// small script files (`search/s/<n>.js`, `search/d/<id>.js`) that the search page loads with
/// `<script src>`, so that it works from a static host, a sub-folder and `file://` alike.
///
/// Tokens are pairs of neighbouring characters: Han characters, ASCII letters and digits are word
/// characters, anything else (punctuation, spaces) is a boundary, written `_`. A text yields every
/// pair of neighbouring word characters (`村务`, `20`, `3号`) and, at each end of a run of word
/// characters, the character with the boundary (`_2`, `号_`), so that a piece of a 文号 such as
/// `2026`, `026` or `〕3` finds it too. The page's script (`Templates/assets/search.js`) is the
/// same tokenizer in JavaScript; a query's own ends are not boundaries (the query may be the middle
/// of a word). `SearchTests` runs both on the same strings.
public enum SearchTokenizer {
    /// Text as the index sees it, one scalar at a time: NFKC (full-width letters and digits become
    /// ASCII), ASCII letters in lower case. Calls `emit` with each scalar (NFKC may give several).
    @inline(__always)
    static func normalized(_ s: Unicode.Scalar, _ emit: (Unicode.Scalar) -> Void) {
        let v = s.value
        if v < 0x80 { return emit((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : s) }
        switch v {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF:
            return emit(s)
        case 0xFF01...0xFF5E:  // full-width ASCII: NFKC is the ASCII character
            let a = v - 0xFEE0
            return emit(Unicode.Scalar((0x41...0x5A).contains(a) ? a + 0x20 : a)!)
        case 0x3000...0x3006, 0x3008...0x3029, 0x3030...0x3037, 0x303B...0x303F, 0x2010...0x205E:
            // CJK and general punctuation: not words, and nothing NFKC makes of them is one, so
            // the scalar itself marks the same boundary (`fastScalarsTokenizeAsNFKC` checks each).
            return emit(s)
        default:
            break
        }
        for c in String(s).precomposedStringWithCompatibilityMapping.unicodeScalars {
            emit((0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c)
        }
    }

    /// Han characters, ASCII letters (lower case) and digits.
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x61...0x7A, 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    /// A token as a number: its first scalar's value times 2²¹ plus its second's (`_` for a
    /// boundary). Numbers order as the tokens' scalars do.
    public typealias Code = UInt64

    static func code(_ a: Unicode.Scalar?, _ b: Unicode.Scalar?) -> Code {
        Code((a ?? "_").value) << 21 | Code((b ?? "_").value)
    }

    /// The token a code stands for.
    public static func token(_ code: Code) -> String {
        var s = String.UnicodeScalarView()
        s.append(Unicode.Scalar(UInt32(code >> 21))!)
        s.append(Unicode.Scalar(UInt32(code & 0x1F_FFFF))!)
        return String(s)
    }

    /// The tokens of a text of the index (title, 文号 or body), in order, repeated as they occur.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        codes(text) { out.append(token($0)) }
        return out
    }

    /// `tokens(text)` as codes, handed to `emit` one at a time.
    static func codes(_ text: String, _ emit: (Code) -> Void) {
        var previous: Unicode.Scalar?
        for raw in text.unicodeScalars {
            normalized(raw) { c in
                if isWord(c) {
                    emit(code(previous, c))
                    previous = c
                } else if let p = previous {
                    emit(code(p, nil))
                    previous = nil
                }
            }
        }
        if let p = previous { emit(code(p, nil)) }
    }

    /// FNV-1a over the token's Unicode scalars: which shard holds a token (`hash % shards`).
    public static func hash(_ token: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for s in token.unicodeScalars { h = (h ^ s.value) &* 16_777_619 }
        return h
    }

    /// `hash` of the token a code stands for.
    static func hash(_ code: Code) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        h = (h ^ UInt32(code >> 21)) &* 16_777_619
        return (h ^ UInt32(code & 0x1F_FFFF)) &* 16_777_619
    }
}

/// The search index of a resolved site: which notices are in it, their postings by token, and
/// the files that carry them. Built once per render, written as render jobs.
struct SearchIndex: Sendable {
    /// One notice of the index: what a result shows and the text its passage is taken from.
    struct Doc: Sendable, Equatable {
        var title: String
        var url: String
        var date: String
        var board: String
        var category: String
        var number: String?
        /// The notice the text is taken from when it is needed (`gongkai build` keeps the texts in
        /// its `BodyStore`, not in the index).
        let notice: Notice
        var text: String { notice.text }

        static func == (a: Doc, b: Doc) -> Bool {
            a.title == b.title && a.url == b.url && a.date == b.date && a.board == b.board && a.category == b.category
                && a.number == b.number && a.text == b.text
        }
    }

    /// Published, public notices that are not withdrawn, oldest first; a notice's id is its place
    /// here (so a new notice, mostly the newest, takes the next id and the others keep theirs).
    let docs: [Doc]
    /// Each doc's tokens with their weight: `2 × occurrences + 1` when the token is in the
    /// title, `2 × occurrences` when it is not.
    let weights: [[Token: Int]]
    /// token → its (doc id, weight) pairs in doc order, packed (`Postings`).
    let postings: [Token: Postings]
    typealias Token = SearchTokenizer.Code
    let shardCount: Int
    /// The shards and docs whose files differ from those of `previous` (nil: all of them).
    let changedShards: Set<Int>?
    let changedDocs: Set<Int>?
    /// The notice of each doc, kept with the weights (`keepWeights`).
    let sources: [Notice]

    /// Notices never in the index: 党内 and unpublished ones are not in `published`; withdrawn
    /// ones are left out here.
    static func notices(_ r: ResolvedSite) -> [Notice] {
        r.published.reversed().filter { r.publication($0)?.isWithdrawn == false }
    }

    /// A power of two, about one shard per 8 notices (1 to 4096): a query of a few tokens loads a
    /// few small files whatever the size of the site.
    static func shardCount(documents: Int) -> Int {
        var n = 1
        while n * 8 < documents && n < 4096 { n *= 2 }
        return n
    }

    static func weights(_ d: Doc) -> [Token: Int] {
        var weights: [Token: Int] = [:]
        SearchTokenizer.codes(d.title) { weights[$0] = 1 }
        for field in [d.title, d.number ?? "", d.text] {
            SearchTokenizer.codes(field) { weights[$0, default: 0] += 2 }
        }
        return weights
    }

    /// The index of `r`. With the index of the previous build of a long-running process
    /// (`previous`), a doc that is the same at the same place keeps its tokens, and only the
    /// postings of the tokens of the docs that changed, came or went at their place are updated.
    /// `keepWeights`: keep each doc's tokens for the next build (a long-running process); a
    /// build that ends after this one lets them go once the postings are made.
    init(_ r: ResolvedSite, previous: SearchIndex? = nil, keepWeights: Bool = false) {
        let notices = Self.notices(r)
        // The very notice the previous build had at the same place has the same doc (a previous
        // index is given only when the boards and categories did not change).
        let docs = notices.enumerated().map { i, n in
            if let p = previous, i < p.sources.count, p.sources[i].isSameVersion(n) { return p.docs[i] }
            return Doc(title: n.title, url: URLs.encode(URLs.notice(n)), date: n.date.chinese, board: r.board(n.board)?.name ?? n.board,
                       category: r.category(n.category)?.name ?? n.category, number: n.number?.nonEmpty, notice: n)
        }
        self.docs = docs
        sources = keepWeights ? notices : []
        // A doc's tokens are those of its title, 文号 and text: the same doc at the same place
        // (the same strings: an unchanged notice's, compared by their storage) keeps them.
        @Sendable func same(_ i: Int) -> Bool {
            guard let p = previous, i < p.docs.count else { return false }
            return p.docs[i] == docs[i]
        }
        shardCount = Self.shardCount(documents: docs.count)
        // Each notice's token counts, in parallel, a block of notices at a time (so a build holds
        // the counts of one block, not of every notice, beside the postings).
        func counts(_ range: Range<Int>) -> [[Token: Int]] {
            let counted = ParallelResults<[Token: Int]>(count: range.count)
            DispatchQueue.concurrentPerform(iterations: range.count) { k in
                let i = range.lowerBound + k
                counted.set(k, same(i) && previous!.weights.count > i ? previous!.weights[i] : Self.weights(docs[i]))
            }
            return counted.values
        }
        if let p = previous, p.shardCount == shardCount, p.weights.count == p.docs.count {
            // Places whose doc changed, and places past the end of one of the two lists; only the
            // changed docs are counted again (in parallel), the others keep their counts.
            let changed = (0..<max(docs.count, p.docs.count)).filter { $0 >= docs.count || !same($0) }
            var weights = Array(p.weights.prefix(docs.count))
            weights += Array(repeating: [:], count: docs.count - weights.count)
            let recount = changed.filter { $0 < docs.count }
            let counted = ParallelResults<[Token: Int]>(count: recount.count)
            DispatchQueue.concurrentPerform(iterations: recount.count) { k in counted.set(k, Self.weights(docs[recount[k]])) }
            for (k, w) in counted.values.enumerated() { weights[recount[k]] = w }
            self.weights = keepWeights ? weights : []
            var postings = p.postings
            var shards = Set<Int>()
            for i in changed {
                let before = i < p.weights.count ? p.weights[i] : [:]
                let now = i < docs.count ? weights[i] : [:]
                for t in before.keys where now[t] == nil {
                    postings[t] = Postings(pairs: Self.removing(i, from: postings[t]!.pairs))
                    if postings[t]!.isEmpty { postings[t] = nil }
                    shards.insert(Int(SearchTokenizer.hash(t) % UInt32(shardCount)))
                }
                for (t, w) in now where before[t] != w {
                    postings[t] = Postings(pairs: Self.setting(i, w, in: postings[t]?.pairs ?? []))
                    shards.insert(Int(SearchTokenizer.hash(t) % UInt32(shardCount)))
                }
            }
            self.postings = postings
            changedShards = shards
            changedDocs = Set(changed.filter { $0 < docs.count })
            return
        }
        var postings: [Token: Postings] = [:]
        var kept: [[Token: Int]] = []
        for start in stride(from: 0, to: docs.count, by: 512) {
            let block = counts(start..<min(start + 512, docs.count))
            for (k, weights) in block.enumerated() {
                for (t, w) in weights { postings[t, default: Postings()].append(start + k, w) }
            }
            if keepWeights { kept += block }
        }
        self.weights = kept
        self.postings = postings
        changedShards = nil
        changedDocs = nil
    }

    /// `pairs` (doc id, weight, … by doc id) without doc `id`.
    static func removing(_ id: Int, from pairs: [Int]) -> [Int] {
        var out = pairs
        if let k = stride(from: 0, to: out.count, by: 2).first(where: { out[$0] == id }) { out.removeSubrange(k...(k + 1)) }
        return out
    }

    /// `pairs` with doc `id` at weight `w` (replaced, or inserted in doc order).
    static func setting(_ id: Int, _ w: Int, in pairs: [Int]) -> [Int] {
        var out = pairs
        let k = stride(from: 0, to: out.count, by: 2).first { out[$0] >= id } ?? out.count
        if k < out.count, out[k] == id { out[k + 1] = w } else { out.insert(contentsOf: [id, w], at: k) }
        return out
    }

    /// The index files, in jobs of `per` files each. With a `memo`, the files of a shard or doc
    /// that did not change keep their previous bytes.
    func jobs(per: Int = 64, memo: PageMemo? = nil) -> [@Sendable () -> [OutputFile]] {
        var byShard = Array(repeating: [Token](), count: shardCount)
        for t in postings.keys { byShard[Int(SearchTokenizer.hash(t) % UInt32(shardCount))].append(t) }
        var jobs: [@Sendable () -> [OutputFile]] = []
        let changedShards = changedShards, changedDocs = changedDocs
        for start in stride(from: 0, to: shardCount, by: per) {
            let range = start..<min(start + per, shardCount)
            let tokens = range.map { byShard[$0] }
            jobs.append { [postings] in
                zip(range, tokens).flatMap { shard, tokens in
                    let make = {
                        [OutputFile.text(URLs.searchShard(shard), "gongkaiSearch.shard(\(shard),{" + tokens.sorted().map { t in
                            JS.string(SearchTokenizer.token(t)) + ":[" + postings[t]!.deltas.map(String.init).joined(separator: ",") + "]"
                        }.joined(separator: ",\n") + "});\n")]
                    }
                    let reach = changedShards.map { $0.contains(shard) ? Reach.everything : [] } ?? Reach.everything
                    return memo?.files("search-shard:\(shard)", reach: reach, make: make) ?? make()
                }
            }
        }
        for start in stride(from: 0, to: docs.count, by: per) {
            let range = start..<min(start + per, docs.count)
            jobs.append { [docs] in
                range.flatMap { id in
                    let make = {
                        let d = docs[id]
                        var fields = [("t", d.title), ("u", d.url), ("d", d.date), ("b", d.board), ("c", d.category)]
                        if let n = d.number { fields.append(("n", n)) }
                        fields.append(("x", d.text))
                        return [OutputFile.text(URLs.searchDoc(id), "gongkaiSearch.doc(\(id),{"
                                                + fields.map { JS.string($0.0) + ":" + JS.string($0.1) }.joined(separator: ",") + "});\n")]
                    }
                    let reach = changedDocs.map { $0.contains(id) ? Reach.everything : [] } ?? Reach.everything
                    return memo?.files("search-doc:\(id)", reach: reach, make: make) ?? make()
                }
            }
        }
        return jobs
    }
}

/// A token's (doc id, weight) pairs in doc order, packed as the index files write them: each doc
/// id as the gap from the one before (the first from 0), then its weight, both as LEB128 varints
/// (1 or 2 bytes for most, against 16 for two `Int`s: the postings are most of a build's memory).
struct Postings: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []
    /// The last doc id (where the next gap starts).
    private var last = 0

    init() {}

    /// From flat pairs (doc id, weight, …) in doc order.
    init(pairs: [Int]) {
        for i in stride(from: 0, to: pairs.count, by: 2) { append(pairs[i], pairs[i + 1]) }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// Adds doc `id` (after every doc already here) with weight `w`.
    mutating func append(_ id: Int, _ w: Int) {
        precondition(id >= last && w >= 0, "postings go in doc order")
        put(id - last)
        put(w)
        last = id
    }

    private mutating func put(_ value: Int) { LEB128.append(value, to: &bytes) }

    /// Gap, weight, gap, weight … as the index files write them.
    var deltas: [Int] {
        var out: [Int] = []
        var i = 0
        while i < bytes.count { out.append(LEB128.read(bytes, at: &i)) }
        return out
    }

    /// Doc id, weight, doc id, weight … in doc order.
    var pairs: [Int] {
        var out = deltas
        var id = 0
        for i in stride(from: 0, to: out.count, by: 2) {
            id += out[i]
            out[i] = id
        }
        return out
    }
}

/// JavaScript literals for the index files.
enum JS {
    /// A string literal: quotes, backslashes, control characters and the two line separators
    /// escaped, everything else as UTF-8.
    static func string(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "<": out += "\\u003c"
            default:
                if c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029 {
                    out += String(format: "\\u%04x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
