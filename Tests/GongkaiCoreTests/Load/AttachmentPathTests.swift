import Foundation
import Testing
@testable import GongkaiCore

@Suite struct AttachmentPathTests {
    @Test func lexicalNormalisation() {
        #expect(NoticeParser.normalize("notices/a/2026/files/x.csv") == "notices/a/2026/files/x.csv")
        #expect(NoticeParser.normalize("notices/a/2026/../x.csv") == "notices/a/x.csv")
        #expect(NoticeParser.normalize("notices/a/./x.csv") == "notices/a/x.csv")
        #expect(NoticeParser.normalize("notices/a/2026/../../../site.yaml") == "site.yaml")
        #expect(NoticeParser.normalize("notices/a/2026/../../../../secret") == nil)
    }
}
