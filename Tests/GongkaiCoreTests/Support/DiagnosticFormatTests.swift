import Foundation
import Testing
@testable import GongkaiCore

@Suite struct DiagnosticFormatTests {
    @Test func headlineAndCaretUnderWideCharacters() {
        let d = Diagnostic(.error, file: "Content/a.md", line: 3, column: 4, "不认识的类别", hint: "写 财务", sourceLine: "类别：财务")
        #expect(d.headline == "Content/a.md:3:4: 错误: 不认识的类别")
        let lines = d.description.split(separator: "\n").map(String.init)
        #expect(lines[1] == "    3 | 类别：财务")
        #expect(lines[2] == "      |       ^")
        #expect(lines[3] == "    提示: 写 财务")
    }
}
