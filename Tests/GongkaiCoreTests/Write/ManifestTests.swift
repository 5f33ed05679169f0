import Foundation
import Testing
@testable import GongkaiCore

/// manifest.json is written byte by byte; it must be exactly what `JSONEncoder` writes.
@Suite struct ManifestTests {
    static func encoded(_ root: Manifest.Root) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(root) + Data("\n".utf8)
    }

    @Test func writtenAsJSONEncoderWritesIt() throws {
        var controls = ""
        for c in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(c)!) }
        let hostile = controls + "\"\\/<>&'\u{7f}\u{2028}\u{2029}中文😀é"
        let v = Manifest.Version(recorded: "2026-11-30", sha256: "ab" + hostile)
        let notices = [
            Manifest.Notice(id: "a/b", url: "https://x/a/notice/b.html", title: hostile, board: "东村", category: "村务公开",
                            date: "2026-01-02", sha256: "00", withdrawn: true, versions: []),
            Manifest.Notice(id: "a/c", url: "https://x/a/notice/%E4.html", title: "标题", board: hostile, category: "财务",
                            date: "2026-01-03", sha256: "ff", withdrawn: false, versions: [v]),
            Manifest.Notice(id: "a/d", url: "", title: "", board: "", category: "", date: "", sha256: "", withdrawn: false, versions: [v, v]),
        ]
        for root in [Manifest.Root(site: hostile, baseURL: "https://x/", date: "2026-11-30", notices: notices),
                     Manifest.Root(site: "镇", baseURL: "", date: "", notices: [])] {
            #expect(String(decoding: Manifest.json(root), as: UTF8.self) == String(decoding: try Self.encoded(root), as: UTF8.self))
        }
    }

    @Test func theSampleSitesManifestIsWhatTheEncoderWrites() throws {
        let s = FixtureSite()
        let (model, _) = s.load()
        let r = ResolvedSite(model: try #require(model), today: Day(year: 2026, month: 11, day: 30)!)
        let root = Manifest.root(r)
        #expect(!root.notices.isEmpty)
        #expect(Manifest.json(r) == (try Self.encoded(root)))
    }
}
