import Foundation
import Testing
@testable import GongkaiCore

/// The byte-level helpers of the hot paths give exactly what the Character and Foundation
/// operations they replace gave, on the inputs where the two could differ.
@Suite struct FastPathTests {
    static let texts = [
        "", "\n", "a", "a\n", "\na", "一\n二\n\n三", "a\r\nb\nc", "\r\n", "\r\r\n\n", "x\r", "行一\u{0301}\n\u{0301}行二",
        "title: 标题\n  - 项\u{3000}\n\tx\n", "末尾无换行", "\n\n\n",
    ]

    @Test func linesSplitLikeCharacterSplit() {
        for t in Self.texts {
            #expect(t.lines == t.split(separator: "\n", omittingEmptySubsequences: false), "\(t.debugDescription)")
        }
    }

    static let blanks = [
        "", " ", "\t", "abc", "  abc  ", "\u{3000}标题\u{3000}", "\u{00A0}x\u{00A0}", "\u{2028}x\u{2029}", "\nx\r\n",
        "\u{0085}x", "x\u{202F}", "\u{1680}\u{2000}\u{200A}x\u{205F}", "\u{200B}x\u{200B}", "a b", " \u{0301}x", "x \u{0301}",
        "\u{1C}x\u{1F}", "\u{180E}x\u{FEFF}", "\u{2060}x", "---", " --- ", "\u{3000}---\t",
    ]

    @Test func trimmingBlankMatchesFoundation() {
        for t in Self.blanks {
            #expect(t.trimmingBlank() == t.trimmingCharacters(in: .whitespaces), "\(t.debugDescription)")
            #expect(t.trimmingBlank(newlines: true) == t.trimmingCharacters(in: .whitespacesAndNewlines), "\(t.debugDescription)")
            let sub = Substring("。" + t + "。").dropFirst().dropLast()
            #expect(sub.trimmingBlank() == sub.trimmingCharacters(in: .whitespaces), "\(t.debugDescription)")
        }
    }

    /// The character count on bytes gives what counting `Character`s gave, for texts of every
    /// kind of scalar (those that may join a neighbour send the count back to `Character`s).
    @Test func charactersCountedOnBytesAreCharacters() {
        let pieces: [String] = ["一", "二", "公示", "a", " ", "  ", "\n", "\r\n", "\r", "\t", "，", "。", "（", "）", "“", "…", "—", "　",
                                "１", "Ａ", "é", "e\u{0301}", "\u{0301}", "\u{200D}", "👍", "👍🏽", "👨‍👩‍👧", "🇨🇳", "\u{FE0F}", "‼\u{FE0F}",
                                "한", "\u{1100}\u{1161}", "〇", "々", "\u{302A}", "ｶﾞ", "\u{FF9E}", "\u{00AD}", "\u{2028}", "𠀀", "😀"]
        // Counted in the text as it is (with its spaces taken out, "\r \n" would become one character).
        func characters(_ t: String) -> Int { t.reduce(0) { $1 != " " ? $0 + 1 : $0 } }
        var g = SystemRandomNumberGenerator()
        for t in Self.texts + Self.blanks { #expect(Bytes.charactersOtherThanSpace(t) == characters(t), "\(t.debugDescription)") }
        for _ in 0..<2000 {
            let t = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
            #expect(Bytes.charactersOtherThanSpace(t) == characters(t), "\(t.debugDescription)")
        }
    }

    /// `NumberHint` fed a text in any pieces says what `mayHoldNumber` says of the whole (a
    /// paragraph's literals are fed one by one), and the byte search finds what a naive one finds.
    @Test func numberHintOverPiecesIsTheWholeTest() {
        let pieces = ["1", "23", "4567", "８", "９０", "Ｘ", "ｘ", "&", "a", "元", "，", " ", "\n", "二〇二六", "¥"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let parts = (0..<Int.random(in: 0...10, using: &g)).map { _ in pieces.randomElement(using: &g)! }
            let whole = parts.joined()
            var hint = PersonalData.NumberHint()
            var said = false
            for p in parts { said = hint.feed(Array(p.utf8)) }
            if parts.isEmpty { said = hint.feed([UInt8]()) }
            #expect(said == PersonalData.mayHoldNumber(Substring(whole).utf8), "\(parts)")
            let needle = Array(parts.prefix(2).joined().utf8)
            let hay = Array(whole.utf8)
            let from = Int.random(in: 0...hay.count, using: &g)
            let naive = needle.isEmpty ? nil : (from...max(from, hay.count - needle.count)).first { i in
                i + needle.count <= hay.count && Array(hay[i..<i + needle.count]) == needle
            }
            #expect(Bytes.find(needle, in: hay, from: from) == naive, "\(parts) from \(from)")
        }
    }

    @Test func frontMatterDelimiterLines() {
        for t in Self.blanks + ["----", "-- -", "---x", "\u{2028}---"] {
            #expect(NoticeParser.isDelimiterLine(Substring(t)) == (t.trimmingCharacters(in: .whitespaces) == "---"), "\(t.debugDescription)")
        }
        #expect(NoticeParser.splitFrontMatter("---\ntitle: a\n\u{3000}---\u{00A0}\n正文")?.body == "正文")
    }

    @Test func containsBytes() {
        #expect(Array("abc---d".utf8).contains(bytes: Array("---".utf8)))
        #expect(!Array("--x-".utf8).contains(bytes: Array("---".utf8)))
        #expect(Array("x：".utf8).contains(bytes: [0xEF, 0xBC, 0x9A]))
        #expect(!Array("x，".utf8).contains(bytes: [0xEF, 0xBC, 0x9A]))
        #expect(Array("ab".utf8).contains(bytes: []))
    }

    @Test func noticeCopiesAreValues() {
        // A notice shares its fields between copies; changing one copy must not change another.
        let a = Sample.notice("x", date: "2026-01-01")
        var b = a
        b.title = "改过的标题"
        b.process.corrections.append(NoticeProcess.Correction(date: Day(parsing: "2026-01-02")!, what: "标题", why: "笔误"))
        #expect(a.title == "标题x" && a.process.corrections.isEmpty)
        #expect(b.title == "改过的标题" && b.process.corrections.count == 1 && b.id == "a/x")
    }

    @Test func yamlScalarsStayText() {
        // Without tag resolution every scalar is text: the readers convert it by the field's type.
        let ctx = YAMLContext(source: SourceFile(displayPath: "t.yaml", text: ""), into: Diagnostics())
        let node = ctx.compose("a: 1\nb: yes\nc: 2026-10-15\nd: ~\ne: 0x1F\n")
        let m = MapReader(node, ctx: ctx, place: "", what: "t")
        #expect(m?.string(Field("a", "a", .text)) == "1")
        #expect(m?.bool(Field("b", "b", .bool)) == true)
        #expect(m?.day(Field("c", "c", .day))?.iso == "2026-10-15")
        #expect(m?.string(Field("d", "d", .text)) == nil)
        #expect(m?.string(Field("e", "e", .text)) == "0x1F")
        #expect(ctx.diagnostics.all.isEmpty)
        // Duplicate keys are still found.
        #expect(ctx.compose("a: 1\na: 2\n") == nil)
        #expect(ctx.diagnostics.all.count == 1)
    }

    /// `DiskFileSystem.files(under:)` walks with readdir; it lists what FileManager's enumerator
    /// did: nested and hidden files, names in Chinese, a link to a file (not a link to a folder,
    /// whose files are not entered either), a named pipe; nothing for a missing folder or a file.
    @Test func diskWalkListsWhatTheEnumeratorListed() throws {
        let dir = TestSupport.tempDir("walk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        for rel in ["a.md", ".hidden", "公开/二季度.md", "公开/files/明细.csv", "deep/x/y/z.txt", "b~"] {
            TestSupport.write("x", to: dir.appendingPathComponent(rel))
        }
        try fm.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("link.md").path, withDestinationPath: dir.appendingPathComponent("a.md").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("linked-folder").path, withDestinationPath: dir.appendingPathComponent("deep").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "/nowhere/at/all")
        #expect(mkfifo(dir.appendingPathComponent("pipe").path, 0o600) == 0)
        // What the enumerator gave (the walk before readdir).
        var before: [String] = []
        let e = try #require(fm.enumerator(atPath: dir.path))
        while let p = e.nextObject() as? String {
            if DiskFileSystem().isFile(dir.appendingPathComponent(p).path) { before.append(p) }
        }
        let walked = DiskFileSystem().files(under: dir.path)
        #expect(walked == before.sorted())
        #expect(walked.contains("公开/files/明细.csv") && walked.contains("link.md") && walked.contains(".hidden"))
        #expect(!walked.contains { $0.hasPrefix("linked-folder") } && !walked.contains("dangling"))
        #expect(DiskFileSystem().files(under: dir.appendingPathComponent("missing").path) == [])
        #expect(DiskFileSystem().files(under: dir.appendingPathComponent("a.md").path) == [])
    }
}
