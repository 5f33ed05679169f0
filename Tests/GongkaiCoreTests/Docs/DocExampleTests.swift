import Foundation
import Testing
@testable import GongkaiCore

/// The fenced examples of the docs, read with the convention stated at the top of each doc:
/// the info string of a fence says where the example belongs.
///
///     ```yaml file=Content/site.yaml                      the whole file
///     ```yaml merge=Content/notices/shiqiao/2026/x.md      top-level keys set in that file's YAML (after the file= blocks)
///     ```markdown merge=Content/notices/…/x.md             (markdown: replaces the notice's body)
///     ```yaml … site=q3                                  blocks with the same site= build together
///     ```yaml … attach=ledger                            a data file: the test names it in the base notice
///     ```markdown … stub=Content/…/a.pdf                 an empty placeholder for a file the doc cannot show
///     ```yaml … expect=error message="不认识的科目"        the build must fail with that message on this file
///     ```yaml check=no reason="…"                        not content: says why
///     ```text / ```sh                                    output and commands: not checked
///
/// Every site is the base site `Fixtures/docs-base` plus its blocks, built in process with a fixed date.
enum DocExamples {
    static let contentLanguages: Set<String> = ["yaml", "markdown", "csv"]
    static let plainLanguages: Set<String> = ["text", "sh"]
    static let attributes: Set<String> = ["file", "merge", "site", "attach", "stub", "expect", "message", "check", "reason"]
    static let buildDate = Day(year: 2026, month: 11, day: 22)!
    static let baseNotice = "Content/notices/shiqiao/2026/2026-shili.md"

    struct Block {
        var doc: String
        var line: Int
        var language: String
        var attributes: [String: String]
        var text: String
        var place: String { "\(doc):\(line)" }
        var target: String? { attributes["file"] ?? attributes["merge"] }
    }

    /// Every fenced block of a Markdown file (fences of ``` or ~~~, any indentation, nested longer fences respected).
    static func blocks(_ path: String) -> [Block] {
        let doc = URL(fileURLWithPath: path).lastPathComponent
        let lines = TestSupport.read(TestSupport.repoRoot.appendingPathComponent(path)).components(separatedBy: "\n")
        var out: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard let ch = rest.first, ch == "`" || ch == "~" else { i += 1; continue }
            let fence = rest.prefix { $0 == ch }
            guard fence.count >= 3 else { i += 1; continue }
            let info = rest.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
            var j = i + 1
            var body: [String] = []
            while j < lines.count {
                let t = lines[j].trimmingCharacters(in: .whitespaces)
                if t.allSatisfy({ $0 == ch }) && t.count >= fence.count { break }
                var l = Substring(lines[j])
                var n = 0
                while n < indent, l.first == " " { l = l.dropFirst(); n += 1 }
                body.append(String(l))
                j += 1
            }
            let (language, attrs) = parseInfo(info)
            out.append(Block(doc: doc, line: i + 1, language: language, attributes: attrs, text: body.joined(separator: "\n") + "\n"))
            i = j + 1
        }
        return out
    }

    /// `yaml file=Content/x.yaml reason="two words"` → ("yaml", [file: …, reason: …]).
    static func parseInfo(_ info: String) -> (String, [String: String]) {
        var language = ""
        var attrs: [String: String] = [:]
        var rest = Substring(info)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            guard !rest.isEmpty else { break }
            var word = ""
            var quoted = false
            while let c = rest.first, quoted || c != " " {
                rest = rest.dropFirst()
                if c == "\"" { quoted.toggle() } else { word.append(c) }
            }
            if let eq = word.firstIndex(of: "=") {
                attrs[String(word[..<eq])] = String(word[word.index(after: eq)...])
            } else if language.isEmpty && attrs.isEmpty {
                language = word
            } else {
                attrs[word] = ""
            }
        }
        return (language, attrs)
    }

    /// Sets the top-level keys of `fragment` in the YAML `yaml`: a key's old block (its line and the
    /// indented lines under it) is removed and the fragment appended.
    static func merge(_ fragment: String, into yaml: String) -> String {
        func key(_ line: String) -> String? {
            guard let c = line.first, c.isASCII, c.isLetter || c == "_", let colon = line.firstIndex(of: ":") else { return nil }
            let k = line[..<colon]
            return k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ? String(k) : nil
        }
        let replaced = Set(fragment.components(separatedBy: "\n").compactMap(key))
        var kept: [String] = []
        var dropping = false
        for line in yaml.components(separatedBy: "\n") {
            if let k = key(line) { dropping = replaced.contains(k) } else if line.first.map({ $0 != " " && $0 != "-" }) ?? false { dropping = false }
            if !dropping { kept.append(line) }
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n") + "\n" + fragment
    }

    struct Outcome {
        var examples = 0
        var checked = 0
        var failing = 0
        var excluded: [String] = []
        var plain = 0
    }

    /// Builds every site the blocks of `path` make; records an issue for each example that does not
    /// do what its fence says.
    static func check(_ path: String) -> Outcome {
        var outcome = Outcome()
        var sites: [(String, [Block])] = []
        for b in blocks(path) {
            for name in b.attributes.keys where !attributes.contains(name) {
                Issue.record("\(b.place): unknown attribute \(name)= in the fence")
            }
            if plainLanguages.contains(b.language) { outcome.plain += 1; continue }
            guard contentLanguages.contains(b.language) else {
                Issue.record("\(b.place): a fence needs a language: yaml, markdown or csv (checked), or text or sh (not content); found \"\(b.language)\"")
                continue
            }
            outcome.examples += 1
            if b.attributes["check"] == "no" {
                guard let why = b.attributes["reason"], !why.isEmpty else {
                    Issue.record("\(b.place): check=no needs reason=\"…\"")
                    continue
                }
                outcome.excluded.append("\(b.line): \(why)")
                continue
            }
            guard b.target != nil else {
                Issue.record("\(b.place): an example needs file=, merge= or check=no reason=\"…\" in its fence")
                continue
            }
            outcome.checked += 1
            let name = b.attributes["site"] ?? "\(b.line)"
            if let i = sites.firstIndex(where: { $0.0 == name }) { sites[i].1.append(b) } else { sites.append((name, [b])) }
        }
        for (_, blocks) in sites {
            let problems = build(blocks)
            for p in problems { Issue.record(Comment(rawValue: p)) }
            if !problems.isEmpty { outcome.failing += blocks.count }
        }
        return outcome
    }

    /// Assembles one site and builds it; returns how it did not do what its blocks expect.
    static func build(_ blocks: [Block]) -> [String] {
        let dir = TestSupport.copyFixture("docs-base")
        defer { try? FileManager.default.removeItem(at: dir) }
        let places = blocks.map(\.place).joined(separator: ", ")
        // Whole files first, then the fragments merged into them.
        for b in blocks.filter({ $0.attributes["file"] != nil }) + blocks.filter({ $0.attributes["file"] == nil }) {
            for stub in (b.attributes["stub"] ?? "").split(separator: ",") {
                TestSupport.write("", to: dir.appendingPathComponent(String(stub)))
            }
            if let file = b.attributes["file"] {
                TestSupport.write(b.text, to: dir.appendingPathComponent(file))
            } else if let file = b.attributes["merge"] {
                let url = dir.appendingPathComponent(file)
                let old = TestSupport.read(url)
                guard !old.isEmpty else { return ["\(b.place): merge=\(file): no such file in the base site or in its site="] }
                if file.hasSuffix(".md"), let (yaml, body, _) = NoticeParser.splitFrontMatter(old) {
                    let merged = b.language == "markdown" ? "---\n\(yaml)\n---\n\(b.text)" : "---\n\(merge(b.text, into: yaml))---\n\(body)"
                    TestSupport.write(merged, to: url)
                } else {
                    TestSupport.write(merge(b.text, into: old), to: url)
                }
            }
            if let key = b.attributes["attach"], let file = b.attributes["file"] {
                // Data files are read only when a notice names them: the base notice does.
                let from = (baseNotice as NSString).deletingLastPathComponent.split(separator: "/")
                let to = file.split(separator: "/")
                let common = zip(from, to).prefix { $0 == $1 }.count
                let rel = (Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)).joined(separator: "/")
                let url = dir.appendingPathComponent(baseNotice)
                let (yaml, body, _) = NoticeParser.splitFrontMatter(TestSupport.read(url))!
                TestSupport.write("---\n\(merge("\(key): \(rel)\n", into: yaml))---\n\(body)", to: url)
            }
        }
        let o = BuildOptions(content: ContentLocation(root: dir.appendingPathComponent("Content").path, display: "Content"),
                             templates: [(Theme.defaultDirectory, "Templates")], output: dir.appendingPathComponent("Site").path,
                             today: buildDate)
        let report = Builder.build(o)
        let errors = report.diagnostics.filter { $0.severity == .error }
        let warnings = report.diagnostics.filter { $0.severity == .warning }
        var problems: [String] = []
        // Each error must be one an example expects, on its file; each expected message must come.
        func expected(_ d: Diagnostic) -> Bool {
            blocks.contains { b in
                b.attributes["expect"] == "error" && d.file == b.target && d.message.contains(b.attributes["message"] ?? "")
            }
        }
        for d in errors where !expected(d) {
            problems.append("\(places): the example does not build:\n\(d)")
        }
        for b in blocks {
            guard let want = b.attributes["expect"] else { continue }
            let pool = want == "error" ? errors : warnings
            let message = b.attributes["message"] ?? ""
            if !pool.contains(where: { $0.file == b.target && $0.message.contains(message) }) {
                let got = report.diagnostics.map(\.headline).joined(separator: "\n")
                problems.append("\(b.place): expected a \(want) on \(b.target ?? "?") containing \"\(message)\"; got:\n\(got)")
            }
        }
        if errors.isEmpty && !report.wroteSite {
            problems.append("\(places): the build wrote no site")
        }
        return problems
    }
}

@Suite struct DocExampleTests {
    func report(_ path: String, _ o: DocExamples.Outcome) {
        print("""
            \(path): \(o.examples) 个 yaml/markdown/csv 示例，检查 \(o.checked) 个（\(o.failing) 个不通过），\
            不检查 \(o.excluded.count) 个；另有 \(o.plain) 个 text/sh 块（输出、命令）
            """)
        for e in o.excluded { print("    不检查 \(path):\(e)") }
    }

    @Test func guideExamplesBuild() {
        let o = DocExamples.check("docs/编写指南.md")
        report("docs/编写指南.md", o)
        #expect(o.checked > 20)
    }

    @Test func specExamplesBuild() {
        let o = DocExamples.check("docs/content-spec.md")
        report("docs/content-spec.md", o)
        #expect(o.checked > 8)
    }

    @Test func fenceConvention() {
        let blocks = DocExamples.blocks("docs/编写指南.md")
        // A nested fence stays inside the longer one around it.
        #expect(blocks.contains { $0.text.hasPrefix("```csv\n") })
        let (lang, attrs) = DocExamples.parseInfo(#"yaml check=no reason="two words" site=a"#)
        #expect(lang == "yaml" && attrs == ["check": "no", "reason": "two words", "site": "a"])
        let merged = DocExamples.merge("gongshi:\n  start: 2026-01-01\n", into: "title: 甲\ngongshi:\n  end: 2026-01-02\ndate: 2026-01-01\n")
        #expect(merged == "title: 甲\ndate: 2026-01-01\ngongshi:\n  start: 2026-01-01\n")
    }

    /// A wrong example passes only when it says so, with the message it gets, on its own file.
    @Test func expectedErrorsAreChecked() {
        let ledger = "Content/notices/shiqiao/ledgers/x.yaml"
        func block(_ text: String, _ attrs: [String: String]) -> DocExamples.Block {
            DocExamples.Block(doc: "t.md", line: 1, language: "yaml", attributes: attrs, text: text)
        }
        let wrong = "period: 2026年第三季度\nopening: 10.00\nclosing: 20.00\nentries: []\n"
        let right = "period: 2026年第三季度\nopening: 10.00\nclosing: 10.00\nentries: []\n"
        #expect(DocExamples.build([block(right, ["file": ledger, "attach": "ledger"])]).isEmpty)
        #expect(DocExamples.build([block(wrong, ["file": ledger, "attach": "ledger", "expect": "error", "message": "账不平"])]).isEmpty)
        #expect(!DocExamples.build([block(wrong, ["file": ledger, "attach": "ledger"])]).isEmpty)
        #expect(!DocExamples.build([block(wrong, ["file": ledger, "attach": "ledger", "expect": "error", "message": "找不到"])]).isEmpty)
        #expect(!DocExamples.build([block(right, ["file": ledger, "attach": "ledger", "expect": "error"])]).isEmpty)
        #expect(!DocExamples.build([block("title: 甲\n", ["merge": "Content/notices/shiqiao/2026/none.md"])]).isEmpty)
    }
}

/// The keys each reader accepts (from the lists the readers check unknown keys against) and the keys
/// docs/content-spec.md documents in its `<!-- keys: KIND -->` tables.
enum DocKeys {
    static func paths(_ prefix: String, _ fields: [Field]) -> Set<String> { Set(fields.map { prefix + $0.key }) }

    static let accepted: [String: Set<String>] = [
        "site": paths("", SiteField.all).union(paths("footer.", SiteField.Footer.all))
            .union(paths("categories[].", SiteField.Category.all)).union(paths("accounts[].", SiteField.Account.all))
            .union(paths("process.", SiteField.Process.all)),
        "village": paths("", VillageField.all).union(paths("committee[].", VillageField.Person.all))
            .union(paths("supervisors[].", VillageField.Person.all)),
        "notice": paths("", NoticeField.all).union(paths("signoff[].", NoticeField.Signoff.all))
            .union(paths("attachments[].", NoticeField.Attachment.all)).union(paths("gongshi.", NoticeField.Publicity.all))
            .union(paths("gongshi.outcome.", NoticeField.Outcome.all)).union(paths("corrections[].", NoticeField.Correction.all))
            .union(paths("corrects.", NoticeField.Corrects.all)).union(paths("withdrawn.", NoticeField.Withdrawn.all)),
        "decision": paths("", DecisionField.all).union(paths("steps[].", DecisionField.Step.all)),
        "ledger": paths("", LedgerField.all).union(paths("entries[].", LedgerField.Entry.all)),
        "ledger-csv": Set(FinanceParser.csvColumns.keys),
        "budget": paths("", BudgetField.all),
        "debts": paths("", RegisterField.all).union(paths("items[].", FinanceParser.registerColumns[.debts]!)),
        "assets": paths("", RegisterField.all).union(paths("items[].", FinanceParser.registerColumns[.assets]!)),
        "roster": paths("", RosterField.all).union(paths("fields[].", RosterField.Column.all))
            .union(paths("unmasked[].", RosterField.Unmasked.all)),
        "record": paths("", PublicationRecord.EntryField.all).union(paths("versions[].", PublicationRecord.VersionField.all)),
    ]

    /// KIND → the first-column code spans of the table after each `<!-- keys: KIND -->`.
    static func documented(_ text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var kind: String?
        var inTable = false
        for line in text.components(separatedBy: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("<!-- keys:"), t.hasSuffix("-->") {
                kind = t.dropFirst(10).dropLast(3).trimmingCharacters(in: .whitespaces)
                if out[kind!] == nil { out[kind!] = [] }
                inTable = false
                continue
            }
            guard let k = kind else { continue }
            guard t.hasPrefix("|") else {
                if inTable || !t.isEmpty { kind = nil }
                continue
            }
            inTable = true
            let cell = t.dropFirst().prefix { $0 != "|" }
            let parts = cell.components(separatedBy: "`")
            // Header and separator rows have no code span.
            if parts.count >= 3 { out[k]!.append(parts[1]) }
        }
        return out
    }
}

@Suite struct DocKeyTests {
    @Test func specDocumentsEveryAcceptedKeyAndNoOther() {
        let text = TestSupport.read(TestSupport.repoRoot.appendingPathComponent("docs/content-spec.md"))
        let documented = DocKeys.documented(text)
        for kind in Set(documented.keys).subtracting(DocKeys.accepted.keys).sorted() {
            Issue.record("content-spec.md documents keys of \"\(kind)\", which no reader has")
        }
        for (kind, accepted) in DocKeys.accepted.sorted(by: { $0.key < $1.key }) {
            let keys = documented[kind] ?? []
            let doc = Set(keys)
            #expect(keys.count == doc.count, "\(kind): a key is documented twice: \(keys)")
            let missing = accepted.subtracting(doc).sorted(), extra = doc.subtracting(accepted).sorted()
            #expect(missing.isEmpty, "\(kind): accepted but not documented in content-spec.md: \(missing)")
            #expect(extra.isEmpty, "\(kind): documented in content-spec.md but not accepted: \(extra)")
        }
    }

    /// The staff guide's tables (`<!-- keys: KIND [PREFIX] -->`) list the keys of one level: all of them, and no other.
    @Test func guideTablesListEveryKeyOfTheirLevel() {
        let text = TestSupport.read(TestSupport.repoRoot.appendingPathComponent("docs/编写指南.md"))
        let documented = DocKeys.documented(text)
        #expect(Set(documented.keys).isSuperset(of: ["site", "site process.", "village", "notice"]), "\(documented.keys)")
        for (marker, keys) in documented {
            let words = marker.split(separator: " ").map(String.init)
            guard let accepted = DocKeys.accepted[words[0]] else { Issue.record("编写指南.md: no reader has keys of \(marker)"); continue }
            let prefix = words.count > 1 ? words[1] : ""
            let level = Set(accepted.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(where: { $0 == "." || $0 == "[" }) })
            let doc = Set(keys.map { prefix + $0 })
            #expect(level.subtracting(doc).isEmpty, "编写指南.md, \(marker): not in the table: \(level.subtracting(doc).sorted())")
            #expect(doc.subtracting(level).isEmpty, "编写指南.md, \(marker): in the table but not accepted: \(doc.subtracting(level).sorted())")
        }
    }

    @Test func specStatesTheSizeLimits() {
        let text = TestSupport.read(TestSupport.repoRoot.appendingPathComponent("docs/content-spec.md"))
        let limits = String(text[(text.range(of: "## Limits")?.lowerBound ?? text.endIndex)...])
        let bytes = Loader.maxTextFileBytes.formatted(.number.locale(Locale(identifier: "en_US")))
        #expect(limits.contains("at most \(bytes) bytes"), "content-spec.md, Limits: the text-file limit is \(bytes) bytes")
        #expect(limits.contains("\(NoticeParser.csvInlineLimit / 1024) KiB"), "content-spec.md, Limits: CSV tables up to \(NoticeParser.csvInlineLimit / 1024) KiB")
        #expect(limits.contains("first \(NoticeParser.summaryLength) characters"))
    }

    /// The record's keys are checked like every other file's, in its own fast format and as YAML.
    @Test func recordRejectsUnknownKeys() {
        let dir = TestSupport.tempDir("record")
        defer { try? FileManager.default.removeItem(at: dir) }
        let loc = ContentLocation(root: dir.path, display: "Content")
        let good = "a/b:\n  first_published: 2026-01-01\n  versions:\n    - { recorded: 2026-01-02, sha256: 00ff, corrections: 0 }\n"
        TestSupport.write(good, to: dir.appendingPathComponent(PublicationRecord.fileName))
        #expect(collecting { PublicationRecord.load(loc, into: $0) }.1.isEmpty)
        for bad in [good.replacingOccurrences(of: "corrections: 0", with: "corrections: 0, colour: red"),
                    good.replacingOccurrences(of: "  versions:", with: "  note: x\n  versions:")] {
            TestSupport.write(bad, to: dir.appendingPathComponent(PublicationRecord.fileName))
            let (_, diags) = collecting { PublicationRecord.load(loc, into: $0) }
            #expect(diags.contains { $0.severity == .error && $0.message.contains("不认识的字段") }, "\(diags)")
        }
    }

    @Test func keyTablesAreRead() {
        let d = DocKeys.documented("<!-- keys: a -->\n| key | x |\n|---|---|\n| `b.c` | y |\n| `d` | z |\n\ntext\n| `e` | not a key table |\n")
        #expect(d == ["a": ["b.c", "d"]])
    }
}
