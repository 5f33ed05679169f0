import Foundation
import Testing
@testable import GongkaiCore

/// The publication record read (`PublicationRecord.load`), written (`rendered`) and brought up to
/// date (`reconciled`) in-process.
@Suite struct PublicationRecordTests {
    let day = Day(parsing: "2026-11-22")!

    /// Writes `text` as the record of a fresh content folder and loads it.
    func load(_ text: String?) -> (PublicationRecord, [Diagnostic]) {
        let dir = TestSupport.tempDir("record")
        if let text { TestSupport.write(text, to: dir.appendingPathComponent(PublicationRecord.fileName)) }
        return collecting { PublicationRecord.load(ContentLocation(root: dir.path, display: "Content"), into: $0) }
    }

    func places(_ d: [Diagnostic]) -> [String] { d.map { "\($0.file):\($0.line):\($0.column): \($0.message)" } }

    var sample: PublicationRecord {
        var r = PublicationRecord()
        r.entries["a/x"] = .init(firstPublished: Day(parsing: "2026-05-01")!,
                                 versions: [.init(recorded: Day(parsing: "2026-05-01")!, sha256: "aa", corrections: 0, withdrawn: false),
                                            .init(recorded: Day(parsing: "2026-06-01")!, sha256: "bb", corrections: 1, withdrawn: false)])
        r.entries["b/y"] = .init(firstPublished: Day(parsing: "2026-07-01")!,
                                 versions: [.init(recorded: day, sha256: "cc", corrections: 0, withdrawn: true, outcome: true)])
        return r
    }

    @Test func noRecordIsAnEmptyRecord() {
        let (r, d) = load(nil)
        #expect(r == PublicationRecord() && d.isEmpty)
    }

    @Test func whatIsWrittenIsReadBack() {
        let text = sample.rendered()
        #expect(text.hasPrefix("# 发布记录"))
        #expect(text.contains("    - { recorded: 2026-11-22, sha256: cc, corrections: 0, withdrawn: true, outcome: true }\n"))
        #expect(PublicationRecord.parseOwnFormat(text) == sample)
        let (r, d) = load(text)
        #expect(r == sample && d.isEmpty, "\(d)")
    }

    /// The record of a large township is larger than the limit of a clerk's text files (at 50,000
    /// notices it is about 9 MB): it is read, not refused, or the second build of such a site fails.
    @Test func aRecordLargerThanTheTextFileLimitIsRead() {
        var big = PublicationRecord()
        var k = 0
        while big.rendered().utf8.count <= Loader.maxTextFileBytes {
            for _ in 0..<5_000 {
                big.entries["village\(k % 40)/notice-\(k)"] = .init(firstPublished: day, versions: [
                    .init(recorded: day, sha256: String(repeating: "ab", count: 32), corrections: 0, withdrawn: false)])
                k += 1
            }
        }
        let (r, d) = load(big.rendered())
        #expect(d.isEmpty, "\(places(d).prefix(3))")
        #expect(r == big)
    }

    /// A record edited into another shape (still valid YAML) is read by the YAML reader instead.
    @Test func anEditedRecordIsReadAsYAML() {
        let text = sample.rendered().replacingOccurrences(of: "a/x:\n", with: "\"a/x\":\n")
            .replacingOccurrences(of: "corrections: 1 }", with: "corrections: 1, withdrawn: false }")
            .replacingOccurrences(of: "first_published: 2026-07-01", with: "first_published:   2026-07-01")
        #expect(PublicationRecord.parseOwnFormat(text) == nil)
        let (r, d) = load(text)
        #expect(d.isEmpty, "\(d)")
        #expect(r == sample)
    }

    /// The fast reader takes only what `rendered()` writes; any other shape is left to the YAML
    /// reader, which reads it the same or says what is wrong.
    @Test func theFastReaderLeavesEveryOtherShapeToYAML() {
        let text = sample.rendered()
        let edits = [("a/x:\n", "'a/x':\n"), ("sha256: aa,", "sha256: \"aa\","), ("withdrawn: true", "withdrawn: yes"),
                     ("b/y:\n  first_published: 2026-07-01\n", "b/y:\n  first_published: 2026-07-01\n  first_published: 2026-07-02\n"),
                     ("b/y:\n", "a/x:\n"), ("b/y:\n  first_published: 2026-07-01\n", "b/y:\n")]
        for (from, to) in edits {
            #expect(text.contains(from))
            #expect(PublicationRecord.parseOwnFormat(text.replacingOccurrences(of: from, with: to)) == nil, "\(to)")
        }
        #expect(load(text.replacingOccurrences(of: "a/x:\n", with: "'a/x':\n")).0 == sample)
        #expect(!load(text.replacingOccurrences(of: "b/y:\n  first_published: 2026-07-01\n", with: "b/y:\n")).1.isEmpty)
    }

    @Test func brokenRecordsAreReportedAtTheirLines() {
        let (_, empty) = load("\n  \n")
        #expect(places(empty) == ["Content/publication-record.yaml:1:1: 文件是空的"])
        let (_, list) = load("- a\n- b\n")
        #expect(places(list) == ["Content/publication-record.yaml:1:1: 发布记录格式不对"])
        let (r, bad) = load("a/x:\n  first_published: 2026-13-01\n  versions: []\nb/y:\n  first_published: 2026-01-01\n  versions:\n    - { recorded: 2026-01-02, sha: 00 }\n")
        #expect(places(bad) == ["Content/publication-record.yaml:2:20: 「first_published」（首次发布）不是有效的日期：2026-13-01",
                                "Content/publication-record.yaml:7:31: 各版本第 1 项中有不认识的字段「sha」",
                                "Content/publication-record.yaml:7:7: 各版本第 1 项中缺少必填字段「sha256」（内容指纹）"])
        #expect(r.entries.keys.sorted() == ["b/y"])
        #expect(r.entries["b/y"]?.versions.isEmpty == true)
    }

    // MARK: reconciled

    func notice(_ slug: String, digest: String, corrections: Int = 0) -> Notice {
        var n = Sample.notice(slug, date: "2026-05-01")
        n.digest = digest
        n.process.corrections = Array(repeating: NoticeProcess.Correction(date: Day(parsing: "2026-06-01")!, what: "改", why: "错"), count: corrections)
        return n
    }

    @Test func aNewNoticeIsAdded() {
        let n = notice("z", digest: "dd")
        let (next, d) = collecting { PublicationRecord().reconciled(with: [n], all: [n], today: day, into: $0) }
        #expect(d.isEmpty)
        #expect(next.entries["a/z"] == .init(firstPublished: n.date, versions: [.init(recorded: day, sha256: "dd", corrections: 0, withdrawn: false)]))
    }

    @Test func aChangeNeedsACorrection() {
        var r = PublicationRecord()
        r.entries["a/x"] = .init(firstPublished: Day(parsing: "2026-05-01")!, versions: [.init(recorded: day, sha256: "aa", corrections: 0, withdrawn: false)])
        let same = notice("x", digest: "aa")
        #expect(collecting { r.reconciled(with: [same], all: [same], today: day, into: $0) } == (r, []))
        let silent = notice("x", digest: "ab")
        let (kept, d) = collecting { r.reconciled(with: [silent], all: [silent], today: day, into: $0) }
        #expect(kept == r)
        #expect(places(d).map { String($0.prefix(while: { $0 != "（" })) } == ["x/x.md:1:1: 这篇公开在 2026-05-01 已经发布，之后内容被改动了，但没有登记更正"])
        let corrected = notice("x", digest: "ac", corrections: 1)
        let (next, none) = collecting { r.reconciled(with: [corrected], all: [corrected], today: day, into: $0) }
        #expect(none.isEmpty)
        #expect(next.entries["a/x"]?.versions.map(\.sha256) == ["aa", "ac"])
    }

    @Test func aPublishedNoticeMayNotBecomeUnpublished() {
        var r = PublicationRecord()
        r.entries["a/x"] = .init(firstPublished: Day(parsing: "2026-05-01")!, versions: [.init(recorded: day, sha256: "aa", corrections: 0, withdrawn: false)])
        let draft = notice("x", digest: "aa")
        let (_, d) = collecting { r.reconciled(with: [], all: [draft], today: day, into: $0) }
        #expect(places(d) == ["x/x.md:1:1: 这篇公开在 2026-05-01 已经发布，现在却不再公开（草稿、党内或缺少签字）"])
    }
}
