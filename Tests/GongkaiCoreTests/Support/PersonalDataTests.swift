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

    // MARK: - numbers in groups

    /// A valid ID (452101, born 1990-01-01, check character 7), a mobile and a Luhn-valid card.
    let id = "452101199001011237"
    let card = "6222021234567890128"

    func only(_ text: String) -> P.Finding? {
        let f = P.scan(text)
        return f.count == 1 ? f[0] : nil
    }

    @Test func groupingsOfEveryKindAreFound() {
        let cases: [(String, P.Kind, String)] = [
            ("身份证 4521\u{3000}0119\u{3000}9001\u{3000}0112\u{3000}37", .id, "4521**********1237"),
            ("身份证 452101-19900101-1237", .id, "4521**********1237"),
            ("身份证 452101 1990 0101 1237", .id, "4521**********1237"),
            ("身份证 452101-1990-01-01-1237", .id, "4521**********1237"),      // its own birth date
            ("身份证 45 21 01 19 90 01 01 12 37", .id, "4521**********1237"),
            ("身份证 452 101 199 001 011 237", .id, "4521**********1237"),
            ("身份证 4521.0119.9001.0112.37", .id, "4521**********1237"),
            ("身份证１１０１０５　１９４９１２３１　００２Ｘ", .id, "1101**********002X"),
            ("身份证 110105 19491231 002 x。", .id, "1101**********002X"),
            ("身份证 11010519491231002 - X", .id, "1101**********002X"),
            ("老身份证 110105 491231 002", .id, "1101*******1002"),
            ("手机 138 1234 5678", .phone, "138****5678"),
            ("手机 138 - 1234 - 5678", .phone, "138****5678"),
            ("手机 138—1234—5678", .phone, "138****5678"),
            ("手机 138－1234－5678", .phone, "138****5678"),
            ("手机 138．1234．5678", .phone, "138****5678"),
            ("手机 138·1234·5678", .phone, "138****5678"),
            ("手机 138\u{A0}1234\u{200B}5678", .phone, "138****5678"),
            ("手机 138&nbsp;1234&nbsp;5678", .phone, "138****5678"),
            ("手机 13 81 23 45 67 8", .phone, "138****5678"),
            ("手机 1381234 5678", .phone, "138****5678"),
            ("卡号 622202 1234567890128", .card, "**** 0128"),
            ("卡号 6222 0212 3456 7890 128", .card, "**** 0128"),
            ("卡号 6222-0212-3456-7890-128", .card, "**** 0128"),
            ("卡号 6222\u{3000}0212\u{3000}3456\u{3000}7890\u{3000}128", .card, "**** 0128"),
            ("卡号 62220 21234 56789 0128", .card, "**** 0128"),
        ]
        for (text, kind, masked) in cases {
            let f = only(text)
            #expect(f?.kind == kind && f?.masked == masked, "\(text) → \(P.scan(text))")
            // The finding covers the whole grouped number, so the echoed line shows none of it.
            #expect(P.maskLine(text) == String(text.prefix(f.map { $0.column - 1 } ?? 0)) + masked
                    + String(text.dropFirst(f.map { $0.column - 1 + $0.length } ?? 0)), "\(text) → \(P.maskLine(text))")
        }
    }

    @Test func oneNumberIsFoundInsideALongerRun() {
        let a = P.scan("电话 0771 5821102 13812345678")
        #expect(a.map(\.masked) == ["138****5678"] && a.first?.column == 17)
        let b = P.scan("手机 138 1234 5678 身份证 4521 0119 9001 0112 37")
        #expect(b.map(\.masked) == ["138****5678", "4521**********1237"])
        let c = P.scan("联系 138 1234 5678 139 8765 4321")
        #expect(c.map(\.masked) == ["138****5678", "139****4321"])
        #expect(P.maskLine("联系 138 1234 5678 139 8765 4321") == "联系 138****5678 139****4321")
        // The ID and the mobile next to it, and +86 in front of a grouped mobile.
        #expect(P.scan("452101199001011237 13812345678").map(\.kind) == [.id, .phone])
        #expect(P.maskLine("电话 +86 138 1234 5678") == "电话 +86 138****5678")
        #expect(P.maskLine("电话+8613812345678。") == "电话+86138****5678。")
        #expect(P.maskLine("电话+&#56;&#54;13812345678。") == "电话+&#56;&#54;138****5678。")
    }

    @Test func groupsAreNeverCutInTheMiddle() {
        #expect(P.scan("2026010120260331").isEmpty)            // no mobile at its fourth digit; not a card (no issuer starts 20)
        #expect(P.scan("编号 913812345678").isEmpty)
        #expect(P.scan("流水号 2026011512345678901").isEmpty)
        #expect(P.scan("流水号 20260115 123 4567 8901").isEmpty)
    }

    @Test func amountsDatesAndLandlinesAreNotNumbers() {
        for text in ["金额 13800123.45 元", "13812345678.50", "1,380,012,345.67", "12 345 678.90 元",
                     "期间 2026-01-01-2026-03-31", "2026.01.01—2026.03.31", "2026.1.31—2026.12.31", "2026-1-31 - 2026-12-31",
                     "20260101-20260331", "2026-01-01 2026-03-31 2026-06-30 2026-09-30",
                     "电话 0771-5821102", "010 62345678 转 8001", "凭证 记-116 0576-81031668", "0771 5821102 0771 5821103",
                     "青禾财〔2026〕3号", "631.52 4800.00 12.5 13500.00 2600.00",
                     "SIM 8986 0012 3456 7890 120", "89860012345678901200"] {
            #expect(P.scan(text).isEmpty, "\(text) → \(P.scan(text))")
        }
        // A Luhn-valid number without an issuer's prefix is no card, written together or not.
        #expect(P.passesLuhn("2026010120260331") && !P.isBankCard("2026010120260331"))
        #expect(P.isBankCard("6228480012345671") && !P.isBankCard("8986001234567890120"))
    }

    @Test func whatSeparatesFieldsNeverJoins() {
        for text in ["138 1234\n5678", "138 1234 | 5678", "138 1234|5678", "138 1234,5678", "138 1234，5678", "138\t1234\t5678",
                     "138/1234/5678", "138:1234:5678", "138、1234、5678", "138     1234     5678"] {
            #expect(P.scan(text).isEmpty, "\(text.debugDescription) → \(P.scan(text))")
        }
    }

    @Test func referencesAndFullWidthDigitsAreMaskedWhereTheyStand() {
        #expect(P.maskLine("手机138&#49;2345678。") == "手机138****5678。")
        #expect(P.maskLine("手机 １３８　１２３４　５６７８") == "手机 138****5678")
        // A zero-width joiner makes one character with the digit before it.
        #expect(P.maskLine("手机 138\u{200D}1234\u{200D}5678。") == "手机 138****5678。")
        #expect(P.maskLine("身份证 4521&#x3000;0119&#x3000;9001&#x3000;0112&#x3000;37") == "身份证 4521**********1237")
        let f = only("甲\u{3000}乙 138\u{3000}1234\u{3000}5678")
        #expect(f?.column == 5 && f?.length == 13)
    }

    @Test func officialNumbersStayAllowedInAnyGrouping() {
        #expect(P.scan("值班手机 138-1234-5678", allowed: ["13812345678"]).isEmpty)
        #expect(P.scan("值班手机 +86 138 1234 5678", allowed: ["13812345678"]).isEmpty)
        #expect(P.scan("值班手机 +8613812345678", allowed: ["13812345678"]).isEmpty)
    }

    @Test func pathsAreReadPartByPart() {
        #expect(P.scanPath("notices/dongcun/files/138.1234.5678.txt").map(\.masked) == ["138****5678"])
        #expect(P.maskPath("notices/dongcun/files/138.1234.5678.txt") == "notices/dongcun/files/138****5678.txt")
        // Folder names do not join: 2026/0101 is not one number with the next part.
        #expect(P.scanPath("notices/2026/138/12345678.txt").isEmpty)
    }

    @Test func rosterCellsTypedAsIDsMayBeGroupedButOtherCellsMayNot() {
        let src = SourceFile(displayPath: "Content/notices/dongcun/rosters/r.yaml", text: """
        fields:
          - { key: name, label: 姓名 }
          - { key: id, label: 身份证号, type: id }
          - { key: note, label: 备注 }
        rows:
          - { name: 甲, id: "4521 0119 9001 0112 37", note: 无 }
          - { name: 乙, id: 452101-19900101-1237, note: "卡号 6222 0212 3456 7890 128" }
        """)
        let (roster, diags) = collecting { RosterParser.parse(src, allowed: [], into: $0) }
        #expect(roster == nil)
        #expect(diags.map(\.headline) == ["Content/notices/dongcun/rosters/r.yaml:7:52: 错误: 发现完整的银行卡号，不能公开：请改成 **** 0128（银行卡号只保留后4位）"])
        let ok = SourceFile(displayPath: "r.yaml", text: src.text.replacingOccurrences(of: "卡号 6222 0212 3456 7890 128", with: "卡号 **** 0128"))
        let (r, d) = collecting { RosterParser.parse(ok, allowed: [], into: $0) }
        #expect(d.isEmpty && r?.rows.map { $0[1] } == ["4521**********1237", "4521**********1237"])
    }
}
