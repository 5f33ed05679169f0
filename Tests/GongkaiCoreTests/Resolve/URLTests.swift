import Foundation
import Testing
@testable import GongkaiCore

@Suite struct URLTests {
    @Test func rootPrefix() {
        #expect(URLs.root(for: "index.html") == "")
        #expect(URLs.root(for: "a/notice/b.html") == "../../")
    }

    @Test func encodesNonASCIIFileNames() {
        #expect(URLs.encode("a/files/b/明细 表.csv") == "a/files/b/%E6%98%8E%E7%BB%86%20%E8%A1%A8.csv")
    }

    /// The byte-level encoder says what Foundation says, for any path (ASCII punctuation,
    /// controls, Chinese, emoji, combining marks).
    @Test func encodeAgreesWithFoundationOnAnyPath() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#")
        var rng = SeededGenerator(seed: 20261130)
        var pool = (0..<128).compactMap { Unicode.Scalar($0) }
        pool += ["明", "细", "表", "（", "）", "　", "😀", "\u{301}", "é", "\u{2028}", "\u{FEFF}"]
        for _ in 0..<2000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            let path = String(s)
            #expect(URLs.encode(path) == path.addingPercentEncoding(withAllowedCharacters: allowed), "\(path.debugDescription)")
        }
    }

    @Test func isoDatesHaveFourDigitYears() {
        for (y, m, d) in [(2026, 3, 9), (2026, 12, 31), (2000, 1, 1), (2099, 10, 10), (1999, 9, 30)] {
            let day = Day(year: y, month: m, day: d)
            #expect(day != nil)
            #expect(day?.iso == String(format: "%04d-%02d-%02d", y, m, d))
        }
    }

    @Test func writerRejectsEscapingPaths() {
        #expect(!SiteWriter.isSafeRelative("../x"))
        #expect(!SiteWriter.isSafeRelative("/etc/x"))
        #expect(!SiteWriter.isSafeRelative("a//b"))
        #expect(SiteWriter.isSafeRelative("a/b.html"))
    }
}
