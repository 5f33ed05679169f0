import Foundation
import Testing

/// The model depends on nothing above it: no type declared in a later stage's folder (Load,
/// Validate, Resolve, Render, Write, Scaffold) is named in Sources/GongkaiCore/Model/, comments
/// aside. (Types the model declares itself, such as `Roster.Field`, may share a name.)
@Suite struct ModelLayerTests {
    let sources = TestSupport.repoRoot.appendingPathComponent("Sources/GongkaiCore")

    func swiftFiles(_ folder: String) -> [(name: String, text: String)] {
        let dir = sources.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { ($0, TestSupport.read(dir.appendingPathComponent($0))) }
    }

    /// Names of the types declared in `text`: at any depth, or only at the top level (a nested
    /// type such as `Markdown.Result` is named through its parent).
    func declaredTypes(_ text: String, nested: Bool) -> Set<String> {
        let nestedPattern = /(?m)^\s*(?:public |private |fileprivate |internal )?(?:final )?(?:struct|enum|class|protocol|typealias) ([A-Za-z_][A-Za-z0-9_]*)/
        let topPattern = /(?m)^(?:public |private |fileprivate |internal )?(?:final )?(?:struct|enum|class|protocol|typealias) ([A-Za-z_][A-Za-z0-9_]*)/
        return Set(nested ? text.matches(of: nestedPattern).map { String($0.output.1) } : text.matches(of: topPattern).map { String($0.output.1) })
    }

    /// The text without `//` comments.
    func code(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.firstRange(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
        }.joined(separator: "\n")
    }

    @Test func theModelNamesNoTypeOfALaterStage() {
        let model = swiftFiles("Model")
        #expect(model.count >= 5)
        let own = model.reduce(into: Set<String>()) { $0.formUnion(declaredTypes($1.text, nested: true)) }
        var later: [String: String] = [:]
        for folder in ["Load", "Validate", "Resolve", "Render", "Write", "Scaffold"] {
            for f in swiftFiles(folder) {
                for t in declaredTypes(f.text, nested: false) where !own.contains(t) { later[t] = "\(folder)/\(f.name)" }
            }
        }
        #expect(later["Loader"] != nil && later["Validator"] != nil && later["Theme"] != nil)
        var found: [String] = []
        for f in model {
            let words = Set(code(f.text).split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            for t in words.intersection(later.keys).sorted() { found.append("Model/\(f.name) names \(t) (\(later[t]!))") }
        }
        #expect(found.isEmpty, "\(found)")
    }
}
