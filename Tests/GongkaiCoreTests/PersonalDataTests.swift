import Testing
@testable import GongkaiCore

@Suite struct PersonalDataTests {
    typealias P = PersonalData

    @Test func checkCharacterVectors() {
        #expect(P.checkCharacter("12345678901234567") == "7")
        #expect(P.checkCharacter("11010519491231002") == "X")
    }

    @Test func residentIDs() {
        #expect(P.isResidentID("11010519491231002X"))
        #expect(P.isResidentID("11010519491231002x"))
        #expect(!P.isResidentID("110105194912310021"))   // wrong check character
        #expect(!P.isResidentID("11010519491331002X"))   // month 13
        #expect(!P.isResidentID("99010519491231002X"))   // no such province
        #expect(P.isOldResidentID("110105491231002"))
        #expect(!P.isOldResidentID("110105491331002"))
    }

    @Test func mobilesAndCards() {
        #expect(P.isMobile("13812345678"))
        #expect(!P.isMobile("12812345678"))
        #expect(P.isBankCard("6222021234567890128") == P.passesLuhn("6222021234567890128"))
        #expect(P.passesLuhn("4111111111111111"))
        #expect(!P.passesLuhn("4111111111111112"))
    }

    @Test func masks() {
        #expect(P.mask("45212219500312123X", as: .id) == "4521**********123X")
        #expect(P.mask("13812345678", as: .phone) == "138****5678")
        #expect(P.mask("6222 0212 3456 7890", as: .card) == "**** 7890")
    }

    @Test func findsNumbersInsideChineseText() {
        let id = "11010519491231002X"
        let text = "低保户韦某某身份证\(id)，电话13812345678，卡号4111111111111111。\n第二行：银行卡 4111 1111 1111 1111 和手机 138-1234-5678"
        let f = P.scan(text)
        #expect(f.map(\.kind) == [.id, .phone, .card, .card, .phone])
        #expect(f[0].line == 1 && f[0].column == 10)
        #expect(f[0].masked == "1101**********002X")
        #expect(f[3].line == 2 && f[3].masked == "**** 1111")
        #expect(f[4].masked == "138****5678")
    }

    @Test func ignoresWhatIsNotPersonal() {
        let text = """
        期末余额 238,531.75 元，凭证号 记-021，日期 2026-10-15，20261015，文号 石村财公〔2026〕5号。
        监督电话：0771-5821102。已遮盖：4521**********1234、138****1234、**** 1234。
        金额 999999999999.99 元；统一社会信用代码 91450000MA5KXXXX1X；编号 12345678901234567890123。
        失败校验的号码 110105194912310021；数字列表 1 2 3 4 5 6 7 8 9 10 11。
        """
        #expect(P.scan(text).isEmpty)
        #expect(P.scan("公务手机 13812345678", allowed: ["13812345678"]).isEmpty)
    }

    @Test func messageNeverRepeatsTheRawNumber() {
        let src = SourceFile(displayPath: "a.md", text: "x\n户主身份证11010519491231002X，电话13812345678")
        let d = P.diagnostic(P.scan(src.text)[0], in: src)
        #expect(d.line == 2 && d.column == 6)
        #expect(!d.description.contains("11010519491231002X"))
        #expect(!d.description.contains("13812345678"))
        #expect(d.description.contains("1101**********002X"))
    }
}
