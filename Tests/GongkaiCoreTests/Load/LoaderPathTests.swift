import Foundation
import Testing
@testable import GongkaiCore

/// `ContentLocation.path` joins without NSString when it can: always the path NSString gives.
@Suite struct LoaderPathTests {
    @Test func joinsAsNSStringDoes() {
        let roots = ["/srv/site/Content", "/srv/site/Content/", "/", "Content", "/a//b", "/村/内容"]
        let rels = ["site.yaml", "notices/shiqiao/2026/a.md", "notices//x.md", "notices/", "/abs", "", "villages/石桥.yaml", "a/./b", "a/../b"]
        for root in roots {
            for rel in rels {
                let loc = ContentLocation(root: root, display: "Content", fs: MemoryFileSystem())
                #expect(loc.path(rel) == (root as NSString).appendingPathComponent(rel), "\(root) + \(rel)")
            }
        }
    }
}
