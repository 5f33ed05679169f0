import Testing
@testable import GongkaiCore

@Suite struct MoneyTests {
    func m(_ s: String) -> Money { try! Money.parse(s).get() }

    @Test func parsingSameAmountManyWays() {
        #expect(m("1234.5") == Money(fen: 123450))
        #expect(m("1,234.50") == Money(fen: 123450))
        #expect(m("1234.50") == Money(fen: 123450))
        #expect(m("1234") == Money(fen: 123400))
        #expect(m("0.05") == Money(fen: 5))
        #expect(m("-12.30") == Money(fen: -1230))
        #expect(m(" 12,345,678.90 ") == Money(fen: 1_234_567_890))
        #expect(m("999,999,999,999.99") == Money.max)
    }

    @Test func parsingErrors() {
        #expect(Money.parse("1234.567") == .failure(.tooManyDecimals))
        #expect(Money.parse("12,34.00") == .failure(.badGrouping))
        #expect(Money.parse("1,2345") == .failure(.badGrouping))
        #expect(Money.parse("abc") == .failure(.notANumber))
        #expect(Money.parse("12.") == .failure(.notANumber))
        #expect(Money.parse("") == .failure(.empty))
        #expect(Money.parse("1000000000000.00") == .failure(.tooLarge))
        #expect(Money.parse("1e5") == .failure(.notANumber))
    }

    @Test func arithmeticIsExact() {
        // 0.1 + 0.2 in binary floating point is not 0.3; in fen it is.
        #expect(m("0.10") + m("0.20") == m("0.30"))
        var total = Money.zero
        for _ in 0..<1000 { total += m("0.01") }
        #expect(total == m("10.00"))
        #expect(m("186,432.58") + m("77,566.17") - m("25,467.00") == m("238,531.75"))
    }

    @Test func formatting() {
        #expect(m("1234.5").formatted == "1,234.50")
        #expect(m("0.05").formatted == "0.05")
        #expect(m("-1234567.8").formatted == "-1,234,567.80")
        #expect(m("100").formatted == "100.00")
        #expect(m("-0.5").plain == "-0.50")
        #expect(m("1,234.50").plain == "1234.50")
    }

    /// Every vector in domain.md, plus edge cases.
    @Test(arguments: [
        ("12300", "人民币壹万贰仟叁佰元整"),
        ("1409.50", "人民币壹仟肆佰零玖元伍角整"),
        ("6007.14", "人民币陆仟零柒元壹角肆分"),
        ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
        ("107000.53", "人民币壹拾万柒仟元零伍角叁分"),
        ("100010001", "人民币壹亿零壹万零壹元整"),
        ("10", "人民币壹拾元整"),
        ("0", "人民币零元整"),
        ("0.05", "人民币伍分"),
        ("0.50", "人民币伍角整"),
        ("0.55", "人民币伍角伍分"),
        ("100000000", "人民币壹亿元整"),
        ("100000001", "人民币壹亿零壹元整"),
        ("100001000", "人民币壹亿零壹仟元整"),
        ("101000", "人民币壹拾万壹仟元整"),
        ("1000100", "人民币壹佰万零壹佰元整"),
        ("10050", "人民币壹万零伍拾元整"),
        ("110", "人民币壹佰壹拾元整"),
        ("1010.10", "人民币壹仟零壹拾元零壹角整"),
        ("20.01", "人民币贰拾元零壹分"),
        ("999999999999.99", "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("-238531.75", "人民币负贰拾叁万捌仟伍佰叁拾壹元柒角伍分"),
        ("-0.05", "人民币负伍分"),
    ])
    func uppercase(_ amount: String, _ words: String) {
        #expect(m(amount).uppercase == words)
        // The pieces a narrow screen breaks between give back the same words.
        #expect(m(amount).uppercaseParts.joined() == words)
    }

    @Test("大写 in pieces: 人民币, each 亿/万 group, up to 元, then 角分", arguments: [
        ("14950.50", ["人民币", "壹万", "肆仟玖佰伍拾元", "零伍角整"]),
        ("999999999999.99", ["人民币", "玖仟玖佰玖拾玖亿", "玖仟玖佰玖拾玖万", "玖仟玖佰玖拾玖元", "玖角玖分"]),
        ("-238531.75", ["人民币负", "贰拾叁万", "捌仟伍佰叁拾壹元", "柒角伍分"]),
        ("0", ["人民币", "零元整"]),
        ("100000000", ["人民币", "壹亿", "元整"]),
        ("100", ["人民币", "壹佰元整"]),
    ])
    func uppercaseParts(_ amount: String, _ parts: [String]) {
        #expect(m(amount).uppercaseParts == parts)
    }
}
