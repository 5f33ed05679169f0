import Foundation
import Testing
@testable import GongkaiCore

/// Each field is declared once (key, label, kind, required): the readers read it, the unknown-key
/// check lists it and the documentation check compares it from that one declaration.
@Suite struct FieldDeclarationTests {
    static let tables: [(String, [Field])] = [
        ("site", SiteField.all), ("site.footer", SiteField.Footer.all), ("site.categories", SiteField.Category.all),
        ("site.accounts", SiteField.Account.all), ("site.process", SiteField.Process.all),
        ("village", VillageField.all), ("village.person", VillageField.Person.all),
        ("notice", NoticeField.all), ("notice.signoff", NoticeField.Signoff.all), ("notice.gongshi", NoticeField.Publicity.all),
        ("notice.outcome", NoticeField.Outcome.all), ("notice.attachments", NoticeField.Attachment.all),
        ("notice.corrections", NoticeField.Correction.all), ("notice.corrects", NoticeField.Corrects.all),
        ("notice.withdrawn", NoticeField.Withdrawn.all),
        ("decision", DecisionField.all), ("decision.steps", DecisionField.Step.all),
        ("ledger", LedgerField.all), ("ledger.entries", LedgerField.Entry.all), ("budget", BudgetField.all),
        ("register", RegisterField.all), ("debts.items", FinanceParser.registerColumns[.debts]!),
        ("assets.items", FinanceParser.registerColumns[.assets]!),
        ("roster", RosterField.all), ("roster.fields", RosterField.Column.all), ("roster.unmasked", RosterField.Unmasked.all),
        ("record", PublicationRecord.EntryField.all), ("record.versions", PublicationRecord.VersionField.all),
    ]

    @Test func eachKeyIsDeclaredOncePerMapping() {
        for (name, fields) in Self.tables {
            #expect(Set(fields.map(\.key)).count == fields.count, "\(name) declares a key twice")
            #expect(!fields.contains { $0.label.isEmpty }, "\(name) has a field without a label")
        }
    }

    /// The label a clerk sees for a key is the same in the list of accepted fields and in the
    /// messages about its value (`public_numbers` used to be 「公开的公务电话（不算个人信息）」 in one
    /// and 「公开的公务电话」 in the other).
    @Test func unknownKeyListAndValueMessagesUseTheSameLabel() {
        let site = "name: 测试镇\npublic_numbrs: [\"0771-5820012\"]\npublic_numbers: { a: 1 }\n"
        let diagnostics = collecting { Loader.parseSite(TestSupport.source(site, path: "Content/site.yaml"), $0) }.1
        let unknown = diagnostics.first { $0.message.contains("不认识的字段「public_numbrs」") }
        #expect(unknown?.hint?.contains("是不是想写「public_numbers」（公开的公务电话）？") == true)
        #expect(unknown?.hint?.contains("public_numbers（公开的公务电话）、") == true)
        #expect(diagnostics.contains { $0.message == "「public_numbers」（公开的公务电话）应当是列表" })
    }

    /// Whether a field is required, and the range of a number, come from its declaration.
    @Test func requiredAndRangeComeFromTheDeclaration() {
        let unnamed = collecting {
            Loader.parseVillage(TestSupport.source("intro: 简介\norder: 10000\n", path: "Content/villages/dongcun.yaml"), slug: "dongcun", privacy: [], $0)
        }.1
        #expect(unnamed.map(\.message) == ["缺少必填字段「name」（村名）"])
        let outOfRange = collecting {
            Loader.parseVillage(TestSupport.source("name: 东村\norder: 10000\n", path: "Content/villages/dongcun.yaml"), slug: "dongcun", privacy: [], $0)
        }.1
        #expect(outOfRange.map(\.message) == ["「order」（排序）应当是 0 到 9999 之间的整数，现在是：10000"])
        let (register, diagnostics) = collecting {
            FinanceParser.register(TestSupport.source("as_of: 2026-09-30\nitems:\n  - { kind: 债权, amount: }\n"), kind: .debts, privacy: [], into: $0)
        }
        #expect(register == nil)
        // The empty amount is reported once (by the column it is declared in), the missing party too.
        #expect(diagnostics.map(\.message).sorted() == ["「amount」（金额）没有填写", "明细第 1 项中缺少必填字段「party」（对方单位或个人）"])
    }
}
