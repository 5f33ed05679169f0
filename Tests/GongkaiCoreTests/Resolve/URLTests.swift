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

    @Test func writerRejectsEscapingPaths() {
        #expect(!SiteWriter.isSafeRelative("../x"))
        #expect(!SiteWriter.isSafeRelative("/etc/x"))
        #expect(!SiteWriter.isSafeRelative("a//b"))
        #expect(SiteWriter.isSafeRelative("a/b.html"))
    }
}
