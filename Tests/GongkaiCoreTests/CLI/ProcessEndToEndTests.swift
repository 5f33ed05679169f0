import Foundation
import Testing
@testable import GongkaiCore

/// Sign-off, 党内 scope, 公示 windows, 四议两公开, timeliness, corrections and withdrawals.
@Suite(.serialized) struct ProcessEndToEndTests {
    typealias T = TestSupport
    let date = "--date=2026-11-22"
    let signed = "signoff: [{ role: 村务监督委员会主任, name: 乙某 }]"

    func notice(_ dir: URL, _ name: String, _ front: String, body: String = "正文") {
        T.write("---\n\(front)\n---\n\(body)\n", to: dir.appendingPathComponent("Content/notices/dongcun/\(name)"))
    }

    @Test func missingSignoffIsNotPublished() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "unsigned.md", "title: 未签字的村务公开丁\ncategory: 村务\ndate: 2026-10-01\nsignoff:\n  - { role: 报账员, name: 甲某 }")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.contains("Content/notices/dongcun/unsigned.md:5:1: 警告: 缺少「村务监督委员会」的审核签字，这篇村务公开不会发布"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/notice/unsigned.html").path))
        let status = T.read(dir.appendingPathComponent("Site/status.html"))
        #expect(status.contains("东村：1 篇公开因缺少审核签字没有发布"))
        #expect(!status.contains("未签字的村务公开丁"))
        // Configured as an error, the whole build fails and Site/ stays as it was.
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "process:\n  signoff_missing: error\n", to: siteYaml)
        let before = T.snapshot(dir.appendingPathComponent("Site"))
        let r2 = try T.run(["build", date], in: dir)
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("unsigned.md:5:1: 错误: 缺少「村务监督委员会」的审核签字"))
        #expect(T.snapshot(dir.appendingPathComponent("Site")) == before)
    }

    @Test func partyOnlyNoticeReachesNoPublicOutput() throws {
        let dir = T.copyFixture("minimal")
        let l = dir.appendingPathComponent("Content/notices/dongcun/2026/ledgers/party.yaml")
        T.write("period: 2026年第四季度\nopening: 0\nclosing: 100\nentries:\n  - { date: 2026-10-02, account: 其他收入, summary: 党费甲乙丙, income: 100 }\n", to: l)
        notice(dir, "party.md", "title: 党内专题会议纪要甲乙丙\ncategory: 党务\ndate: 2026-10-05\nscope: 党内\ntags: [党内标签甲乙丙]\n"
               + "signoff:\n  - { role: 审核, name: 甲 }\n  - { role: 审批, name: 乙 }\nattachments:\n  - { file: 2026/files/明细.csv, title: 党内附件 }",
               body: "机密内容甲乙丙，仅限党员。")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        for (path, data) in T.snapshot(dir.appendingPathComponent("Site")) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("甲乙丙"), "党内 content leaked into \(path)")
            #expect(!path.contains("party"), "党内 file \(path)")
        }
        let check = try T.run(["check", date], in: dir)
        #expect(check.stdout.contains("不上网：Content/notices/dongcun/party.md（党内公开，不上网）"))
    }

    @Test func gongshiWorkingDaysOutcomeAndRepublication() throws {
        let dir = T.copyFixture("minimal")
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "process:\n  holidays: [2026-11-23]\n", to: siteYaml)
        // Fri 11-20 + 5 working days, skipping the weekend and the holiday on Mon 11-23 → Fri 11-27.
        notice(dir, "wd.md", "title: 工作日公示\ncategory: 村务\ndate: 2026-11-20\n\(signed)\ngongshi: { start: 2026-11-20, workdays: 5, contact: 乙某 }")
        notice(dir, "first.md", "title: 第一次公示\ncategory: 村务\ndate: 2026-10-01\n\(signed)\n"
               + "gongshi:\n  start: 2026-10-01\n  days: 7\n  outcome: { result: 有异议, date: 2026-10-09, note: 经复核调整名单, republished: second.md }")
        notice(dir, "second.md", "title: 重新公示\ncategory: 村务\ndate: 2026-10-12\n\(signed)\n"
               + "gongshi:\n  start: 2026-10-12\n  days: 7\n  outcome: { result: 无异议, date: 2026-10-19 }")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let wd = T.read(dir.appendingPathComponent("Site/dongcun/notice/wd.html"))
        #expect(wd.contains("公示期：2026年11月20日至2026年11月27日（5 个工作日）"))
        #expect(wd.contains("公示中（还剩 6 天）"))
        #expect(wd.contains("异议受理：乙某（请在2026年11月27日前提出）"))
        let first = T.read(dir.appendingPathComponent("Site/dongcun/notice/first.html"))
        #expect(first.contains("公示已结束"))
        #expect(first.contains("公示结果：<strong>有异议</strong>（2026年10月9日）。经复核调整名单"))
        #expect(first.contains("已重新公示：<a href=\"../../dongcun/notice/second.html\">重新公示</a>"))
        // A re-publication that overlaps the first window is an error.
        notice(dir, "second.md", "title: 重新公示\ncategory: 村务\ndate: 2026-10-05\n\(signed)\ngongshi: { start: 2026-10-05, days: 7 }")
        let bad = try T.run(["check", date], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Content/notices/dongcun/first.md:9:60: 错误: 重新公示（Content/notices/dongcun/second.md，2026-10-05 开始）和原来的公示期（到 2026-10-07）重叠"), "\(bad.stderr)")
    }

    func decision(_ dir: URL, _ name: String, steps: String, extra: String = "") {
        T.write("---\ntitle: 东屯道路硬化\nsteps:\n\(steps)\n\(extra)---\n项目背景。\n",
                to: dir.appendingPathComponent("Content/decisions/dongcun/\(name)"))
    }

    let fourSteps = """
      - { step: 提议, date: 2026-03-01, body: 党支部提议硬化东屯道路 }
      - { step: 商议, date: 2026-03-05, body: 两委联席会议商议 }
      - { step: 审议, date: 2026-03-10, expected: 30, present: 25, for: 24, against: 1, abstain: 0, body: 党员大会审议通过 }
      - { step: 决议, date: 2026-03-15, expected: 40, present: 33, for: 30, against: 2, abstain: 1, body: 村民代表会议表决通过 }
    """

    @Test func decisionsThroughAllSteps() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "jueyi.md", "title: 道路硬化决议公开\ncategory: 村务\ndate: 2026-03-16\n\(signed)")
        notice(dir, "jieguo.md", "title: 道路硬化实施结果公开\ncategory: 村务\ndate: 2026-09-01\n\(signed)")
        decision(dir, "daolu.md", steps: fourSteps, extra: "resolution: ../../notices/dongcun/jueyi.md\nresult: ../../notices/dongcun/jieguo.md\n")
        decision(dir, "waiting.md", steps: fourSteps.replacingOccurrences(of: "2026-03-", with: "2025-03-"),
                 extra: "resolution: ../../notices/dongcun/jueyi.md\n")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Content/decisions/dongcun/waiting.md:1:1: 警告: 「东屯道路硬化」决议已过 617 天，还没有公开实施结果"))
        let page = T.read(dir.appendingPathComponent("Site/dongcun/decision/daolu.html"))
        #expect(page.contains("第3步</span> 审议：党员大会审议"))
        #expect(page.contains("应到 30 人，实到 25 人；赞成 24 票，反对 1 票，弃权 0 票。"))
        #expect(page.contains("<a href=\"../../dongcun/notice/jieguo.html\">道路硬化实施结果公开</a>"))
        #expect(page.contains("已公开实施结果（2026年9月1日）"))
        let waiting = T.read(dir.appendingPathComponent("Site/dongcun/decision/waiting.html"))
        #expect(waiting.contains("超过 180 天未公开实施结果"))
        let result = T.read(dir.appendingPathComponent("Site/dongcun/notice/jieguo.html"))
        #expect(result.contains("本公开属于“四议两公开”事项：<a href=\"../../dongcun/decision/daolu.html\">东屯道路硬化</a>"))
        let board = T.read(dir.appendingPathComponent("Site/dongcun/index.html"))
        #expect(board.contains("四议两公开"))
        #expect(T.read(dir.appendingPathComponent("Site/status.html")).contains("decision/waiting.html"))
    }

    @Test func badDecisions() throws {
        let dir = T.copyFixture("minimal")
        decision(dir, "skip.md", steps: fourSteps.split(separator: "\n").filter { !$0.contains("商议") }.joined(separator: "\n"))
        decision(dir, "order.md", steps: fourSteps.replacingOccurrences(of: "date: 2026-03-15", with: "date: 2026-03-08"))
        decision(dir, "quorum.md", steps: fourSteps.replacingOccurrences(of: "present: 25, for: 24", with: "present: 19, for: 18"))
        decision(dir, "votes.md", steps: fourSteps.replacingOccurrences(of: "present: 33, for: 30, against: 2", with: "present: 33, for: 16, against: 2"))
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 1)
        let p = "Content/decisions/dongcun/"
        for e in ["\(p)skip.md:3:1: 错误: 缺少「商议」这一步（村“两委”会议商议）",
                  "\(p)order.md:7:5: 错误: 「决议」的日期 2026-03-08 早于前一步「审议」的 2026-03-10",
                  "\(p)quorum.md:6:49: 错误: 党员大会实到 19 人，不足应到 30 人的三分之二，会议无效",
                  "\(p)votes.md:7:62: 错误: 赞成 16 票，没有超过到会 33 人的半数，决定不能通过"] {
            #expect(r.stderr.contains(e), "missing: \(e)\n\(r.stderr)")
        }
    }

    @Test func timelinessTableAndStatusPage() throws {
        let dir = T.copyFixture("minimal")
        let siteYaml = dir.appendingPathComponent("Content/site.yaml")
        T.write(T.read(siteYaml) + "process:\n  timeliness_start: 2026-01-01\n", to: siteYaml)
        let r = try T.run(["check", date], in: dir)
        #expect(r.status == 0)
        // 财务: Q1 by the annual budget (period 2026年, published 03-01 within Q1: it covers Q1), Q2 07-15, Q3 10-15;
        // the township published nothing.
        #expect(r.stdout.contains("财务公开（每季度，期满后次月20日前）\n        2026Q1  2026Q2  2026Q3  \n东村    按时    按时    按时    \n测试镇  未公开  未公开  未公开"), "\(r.stdout)")
        // 村务: Q1 (01-10), Q2 none, Q3 none.
        #expect(r.stdout.contains("东村  按时    未公开  未公开"))
        #expect(try T.run(["build", date], in: dir).status == 0)
        let status = T.read(dir.appendingPathComponent("Site/status.html"))
        #expect(status.contains("<tr class=\"s-missing\"><th scope=\"row\"><span class=\"nowrap\">2026年第二季度</span><br><span class=\"due\">截止日：<span class=\"nowrap\">2026年7月20日</span></span></th><td>✗ 未公开（已超过截止日 125 天）</td></tr>"))
        let board = T.read(dir.appendingPathComponent("Site/dongcun/index.html"))
        #expect(board.contains("2026年第三季度</span>：<span class=\"s-ontime\">按时公开（2026年10月15日）</span>"))
    }

    @Test func correctionsAndWithdrawals() throws {
        let dir = T.copyFixture("minimal")
        notice(dir, "fix.md", "title: 关于第三季度财务公开的更正\ncategory: 财务\ndate: 2026-10-20\n\(signed)\n"
               + "corrects: { notice: 2026/q3-caiwu.md, reason: 记-004凭证摘要有误 }")
        notice(dir, "inline.md", "title: 有更正记录的公开\ncategory: 村务\ndate: 2026-10-01\n\(signed)\n"
               + "corrections:\n  - { date: 2026-10-03, what: 第二段的户数由12户改为13户, why: 统计遗漏 }")
        notice(dir, "gone.md", "title: 已撤回的公开\ncategory: 村务\ndate: 2026-09-01\n\(signed)\n"
               + "withdrawn: { date: 2026-09-03, reason: 含有未遮盖的身份证号 }\nattachments:\n  - { file: 2026/files/明细.csv, title: 名单 }",
               body: "撤回前的正文内容戊己庚")
        let r = try T.run(["build", date], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let old = T.read(dir.appendingPathComponent("Site/dongcun/notice/q3-caiwu.html"))
        #expect(old.contains("本公开已被更正，请以更正后的内容为准："))
        #expect(old.contains("<a href=\"../../dongcun/notice/fix.html\">关于第三季度财务公开的更正</a>"))
        let fix = T.read(dir.appendingPathComponent("Site/dongcun/notice/fix.html"))
        #expect(fix.contains("本公开是对<a href=\"../../dongcun/notice/q3-caiwu.html\">《东村2026年第三季度财务收支公开》</a>（2026年10月15日）的更正。"))
        #expect(fix.contains("更正说明：记-004凭证摘要有误"))
        let inline = T.read(dir.appendingPathComponent("Site/dongcun/notice/inline.html"))
        #expect(inline.contains("<strong>2026年10月3日</strong>　更正内容：第二段的户数由12户改为13户；更正原因：统计遗漏"))
        let gone = T.read(dir.appendingPathComponent("Site/dongcun/notice/gone.html"))
        #expect(gone.contains("本公开已于2026年9月3日撤回。"))
        #expect(gone.contains("撤回原因：含有未遮盖的身份证号"))
        #expect(!gone.contains("戊己庚"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/dongcun/files/gone").path))
        let list = T.read(dir.appendingPathComponent("Site/dongcun/cunwu/index.html")) + T.read(dir.appendingPathComponent("Site/dongcun/cunwu/page-2.html"))
        #expect(list.contains("【已撤回】已撤回的公开"))
        for (path, data) in T.snapshot(dir.appendingPathComponent("Site")) {
            #expect(!String(decoding: data, as: UTF8.self).contains("戊己庚"), "withdrawn text in \(path)")
        }
        notice(dir, "badfix.md", "title: 更正不存在的\ncategory: 村务\ndate: 2026-10-20\n\(signed)\ncorrects: { notice: nothere.md, reason: 无 }")
        let bad = try T.run(["check", date], in: dir)
        #expect(bad.stderr.contains("Content/notices/dongcun/badfix.md:6:13: 错误: 找不到被更正的公开文件「nothere.md」"))
    }
}
