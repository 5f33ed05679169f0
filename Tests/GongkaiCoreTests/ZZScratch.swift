import Foundation
import Testing
@testable import GongkaiCore

@Suite struct ZZScratch {
    @Test func dump() throws {
        let inputs = try String(contentsOfFile: "/tmp/mdexp/inputs.txt", encoding: .utf8).components(separatedBy: "\n=====\n")
        var out = ""
        for md in inputs {
            let r = Markdown.render(md, source: SourceFile(displayPath: "x.md", text: md), lineOffset: 0)
            out += "IN:  \(md)\nOUT: \(r.html)TXT: \(r.text)\n"
            for d in r.diagnostics { out += "DIAG: \(d)\n" }
            out += "\n"
        }
        try out.write(toFile: "/tmp/mdexp/outputs.txt", atomically: true, encoding: .utf8)
    }
}
