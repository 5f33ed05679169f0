import Foundation
import Testing
@testable import GongkaiCore

/// `line:col: message` of each problem, in the order reported.
private func places(_ d: [Diagnostic]) -> [String] { d.map { "\($0.line):\($0.column): \($0.message)" } }

/// The 四议两公开 record parser (`DecisionParser.parse`) called directly.
@Suite struct DecisionParserTests {
    let board = Sample.board("dongcun", "东村")
    /// The notices a record may name, as content paths.
    let notices: Set<String> = ["notices/dongcun/2026/jueyi.md", "notices/dongcun/2026/yanshou.md"]

    func parse(_ text: String) -> (Decision?, [Diagnostic]) {
        collecting { DecisionParser.parse(TestSupport.source(text, path: "Content/decisions/dongcun/daolu.md"),
                                          relativePath: "decisions/dongcun/daolu.md", board: board, noticePaths: notices,
                                          allowed: [], into: $0) }
    }

    func record(steps: String, tail: String = "") -> String {
        "---\ntitle: 道路硬化\nsteps:\n\(steps)\(tail)---\n说明。\n"
    }

    let fourSteps = """
      - { step: 提议, date: 2026-02-20, body: 支委会提出 }
      - { step: 商议, date: 2026-02-24, body: 两委商议 }
      - { step: 审议, date: 2026-02-28, expected: 30, present: 25, for: 24, body: 党员大会审议 }
      - { step: 决议, date: 2026-03-12, expected: 40, present: 30, for: 28, body: 村民代表会议表决 }

    """

    @Test func aCompleteRecordIsRead() {
        let (d, diags) = parse(record(steps: fourSteps, tail: "resolution: ../../notices/dongcun/2026/jueyi.md\n"))
        #expect(diags.isEmpty, "\(places(diags))")
        #expect(d?.slug == "daolu" && d?.board == "dongcun" && d?.title == "道路硬化")
        #expect(d?.steps.map(\.kind) == Decision.StepKind.allCases)
        #expect(d?.resolution == "notices/dongcun/2026/jueyi.md" && d?.result == nil)
        #expect(d?.resolvedOn == Day(parsing: "2026-03-12"))
    }

    @Test func aMissingStepIsReportedAtSteps() {
        let (d, diags) = parse(record(steps: fourSteps.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"))
        #expect(d == nil)
        #expect(places(diags) == ["3:1: 缺少「提议」这一步（村党组织提议）"])
    }

    @Test func stepsOutOfOrderAndDatesGoingBack() {
        let swapped = fourSteps.replacingOccurrences(of: "date: 2026-02-24", with: "date: 2026-02-19")
        let (d, diags) = parse(record(steps: swapped))
        #expect(d == nil)
        #expect(places(diags) == ["5:5: 「商议」的日期 2026-02-19 早于前一步「提议」的 2026-02-20"])
    }

    @Test func aMeetingWithoutQuorumOrMajority() {
        let weak = fourSteps.replacingOccurrences(of: "present: 25, for: 24", with: "present: 19, for: 9")
        let (d, diags) = parse(record(steps: weak))
        #expect(d == nil)
        #expect(diags.map { [$0.line, $0.column] } == [[6, 49], [6, 62]], "\(places(diags))")
        #expect(diags.map(\.message) == ["党员大会实到 19 人，不足应到 30 人的三分之二，会议无效",
                                         "赞成 9 票，没有超过到会 19 人的半数，决定不能通过"])
    }

    @Test func aNoticeThatIsNotThereAndAResultWithoutResolution() {
        let (d, diags) = parse(record(steps: fourSteps, tail: "result: ../../notices/dongcun/2026/yanshuo.md\n"))
        #expect(d == nil)
        #expect(places(diags) == ["8:1: 找不到实施结果公开的文件「../../notices/dongcun/2026/yanshuo.md」"])
        let (_, orphan) = parse(record(steps: fourSteps, tail: "result: ../../notices/dongcun/2026/yanshou.md\n"))
        #expect(places(orphan) == ["8:1: 有实施结果公开，却没有决议公开"])
    }

    @Test func aRecordWithoutFrontMatterOrTitle() {
        let (d, diags) = parse("道路硬化\n")
        #expect(d == nil)
        #expect(places(diags) == ["1:1: 文件开头缺少「---」行"])
        let (_, untitled) = parse("---\nsteps:\n\(fourSteps)---\n说明。\n")
        #expect(places(untitled) == ["2:1: 缺少必填字段「title」（事项）"], "\(places(untitled))")
    }
}

/// The roster parser (`RosterParser.parse`) called directly.
@Suite struct RosterParserTests {
    func parse(_ text: String) -> (Roster?, [Diagnostic]) {
        collecting { RosterParser.parse(TestSupport.source(text, path: "Content/notices/dongcun/2026/dibao.yaml"), allowed: [], into: $0) }
    }

    @Test func aRosterIsReadMaskedAndTotalled() {
        let (r, d) = parse("""
        title: 低保对象名单
        fields:
          - { key: name, label: 姓名 }
          - { key: phone, label: 电话, type: phone }
          - { key: amount, label: 月补助, type: money }
          - { key: people, label: 人数, type: number }
        rows:
          - { name: 王某, phone: "13907715678", amount: 500.00, people: 3 }
          - { name: 李某, phone: "", amount: "1,250.50", people: 2 }

        """)
        #expect(d.isEmpty, "\(places(d))")
        #expect(r?.title == "低保对象名单")
        #expect(r?.rows == [["王某", "139****5678", "500.00", "3"], ["李某", "", "1,250.50", "2"]])
        #expect(r?.totals == [nil, nil, "1,750.50", "5"])
    }

    @Test func typedValueMistakesAreReportedAtTheirCells() {
        let (r, d) = parse("""
        fields:
          - { key: name, label: 姓名 }
          - { key: amount, label: 月补助, type: money }
          - { key: people, label: 人数, type: number }
          - { key: since, label: 起始日期, type: date }
        rows:
          - { name: 王某, amount: 五百, people: 3, since: 2026-01-01 }
          - { name: 李某, amount: 1, people: 两, since: 2026-02-30 }

        """)
        #expect(r == nil)
        #expect(d.map { [$0.line, $0.column] } == [[7, 17], [8, 28], [8, 39]], "\(places(d))")
        #expect(d.map(\.message).dropFirst() == ["「人数」应当是整数：两", "「起始日期」不是有效的日期：2026-02-30"])
    }

    @Test func columnMistakes() {
        let (r, d) = parse("""
        fields:
          - { key: name, label: 姓名 }
          - { key: name, label: 名字 }
          - { key: note, label: 备注, type: words }
        unmasked:
          - { field: phone, reason: 法律要求 }
        rows: []

        """)
        #expect(r == nil)
        #expect(places(d).map { String($0.prefix(while: { $0 != "」" })) }
                == ["3:7: 栏目代号「name", "4:29: 不认识的栏目类型「words", "6:7: 没有代号为「phone"], "\(places(d))")
    }

    @Test func anUnmaskedColumnIsAWarningEveryTime() {
        let (r, d) = parse("""
        fields:
          - { key: phone, label: 电话, type: phone }
        unmasked:
          - { field: phone, reason: 法律要求 }
        rows:
          - { phone: "13907715678" }

        """)
        #expect(r?.rows == [["13907715678"]])
        #expect(d.map(\.severity) == [.warning])
        #expect(places(d) == ["4:7: 按 unmasked 设置，「电话」一栏将完整公开（理由：法律要求）"])
    }

    @Test func anUntypedPersonalNumberIsAnError() {
        let (r, d) = parse("fields:\n  - { key: note, label: 备注 }\nrows:\n  - { note: 联系 13907715678 }\n")
        #expect(r == nil)
        #expect(d.map { [$0.line, $0.column] } == [[4, 16]], "\(places(d))")
        #expect(d.first?.message.contains("139****5678") == true)
    }
}
