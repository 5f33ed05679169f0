import Foundation
import Testing
@testable import GongkaiCore

/// The QR codes and printed pages, checked with real tools: headless Chromium draws the SVG and
/// prints to PDF, `zbarimg` (zbar-tools) decodes the codes, `pdftotext`/`pdftoppm` (poppler-utils)
/// read the PDF. `.ci/run` installs them.
enum Tools {
    /// Runs a program found on PATH; its status and standard output.
    @discardableResult
    static func run(_ program: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [program] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let chromium = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-pdf-header-footer"]

    /// Every QR code zbarimg finds in the PNG files, sorted.
    static func decode(_ pngs: [URL]) throws -> [String] {
        let r = try run("zbarimg", ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"] + pngs.map(\.path))
        return r.out.split(separator: "\n").map(String.init).sorted()
    }

    /// The inline QR codes of an HTML page.
    static func qrCodes(_ html: String) -> [String] {
        html.components(separatedBy: "<svg class=\"qr\"").dropFirst().map { "<svg class=\"qr\"" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }
}

@Suite(.serialized) struct QRDecodeTests {
    let today = Day(parsing: "2026-11-22")!

    @Test func modulesFollowTheStandard() throws {
        // Version 1 (21×21) holds 14 bytes at level M; 15 bytes need version 2 (25×25).
        #expect(try #require(QRCode.modules(String(repeating: "a", count: 14))).count == 21)
        #expect(try #require(QRCode.modules(String(repeating: "a", count: 15))).count == 25)
        // Finder pattern: the top-left 7×7 square's outer ring is dark, the ring inside it light.
        let m = try #require(QRCode.modules("https://x.example/a/notice/q3.html"))
        #expect((0..<7).allSatisfy { m[0][$0] && m[6][$0] && m[$0][0] && m[$0][6] })
        #expect((1..<6).allSatisfy { !m[1][$0] && !m[5][$0] })
        #expect(QRCode.modules("") == nil)
        #expect(QRCode.modules(String(repeating: "a", count: 3000)) == nil)
        // The view: quiet zone of 4; the path's rectangles, one module high, cover exactly the
        // dark modules (read back into a grid).
        let v = try #require(QRCode.view("https://x.example/a/notice/q3.html"))
        #expect(v.size == m.count + 8)
        var grid = Array(repeating: Array(repeating: false, count: v.size), count: v.size)
        let rect = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/
        var consumed = 0
        for match in v.path.matches(of: rect) {
            let (x, y, w, back) = (Int(match.1)!, Int(match.2)!, Int(match.3)!, Int(match.4)!)
            #expect(w == back && w > 0)
            for i in x..<(x + w) {
                #expect(!grid[y][i], "a module drawn twice")
                grid[y][i] = true
            }
            consumed += match.0.count
        }
        #expect(consumed == v.path.count, "nothing but rectangles in the path")
        let inner = 4..<(v.size - 4)
        var want = Array(repeating: Array(repeating: false, count: v.size), count: v.size)
        for y in inner { for x in inner { want[y][x] = m[y - 4][x - 4] } }
        #expect(grid == want)
    }

    /// Every QR code of every notice page and board sheet of the `minimal` fixture, drawn by
    /// Chromium and read back by zbarimg, is the exact full address it should open.
    @Test func everyGeneratedCodeDecodesToItsAddress() throws {
        let s = FixtureSite()
        let (model, diagnostics) = s.load()
        #expect(!diagnostics.contains { $0.severity == .error })
        let r = ResolvedSite(model: try #require(model), today: today)
        let files = Renderer.render(r, theme: Sample.theme)
        func page(_ path: String) -> String {
            guard case let .bytes(d)? = files.first(where: { $0.path == path })?.content else { return "" }
            return String(decoding: d, as: UTF8.self)
        }
        let base = r.site.baseURL
        var expected: [String] = []
        var codes: [String] = []
        for n in r.published {
            let path = URLs.notice(n)
            expected.append(base + path)
            codes += Tools.qrCodes(page(path))
        }
        let sheets = Sheet.all(r)
        #expect(sheets.count >= 3)
        for sheet in sheets {
            expected.append(base + URLs.sheet(sheet))
            expected += sheet.notices.map { base + URLs.notice($0) }
            codes += Tools.qrCodes(page(URLs.sheet(sheet)))
        }
        #expect(codes.count == expected.count)

        let dir = TestSupport.tempDir("qr")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Six codes a row, 200 px each (about 5 px a module), on white.
        let cells = codes.map { "<div style=\"display:inline-block;width:200px;height:200px;margin:10px\">" +
            $0.replacingOccurrences(of: "<svg class=\"qr\"", with: "<svg style=\"width:200px;height:200px\"") + "</div>" }
        let html = "<!DOCTYPE html><html><body style=\"margin:0;background:#fff;width:1320px\">" + cells.joined() + "</body></html>"
        TestSupport.write(html, to: dir.appendingPathComponent("codes.html"))
        let png = dir.appendingPathComponent("codes.png")
        let height = ((codes.count + 5) / 6) * 220 + 20
        try Tools.run("chromium", Tools.chromium + ["--screenshot=\(png.path)", "--window-size=1320,\(height)",
                                                   dir.appendingPathComponent("codes.html").absoluteString])
        #expect(FileManager.default.fileExists(atPath: png.path), "chromium made no screenshot")
        #expect(try Tools.decode([png]) == expected.sorted())
    }

    /// A notice and a board sheet printed to PDF by Chromium: A4, page numbers, 公开期限, the
    /// signature roles, the report phone, and QR codes that decode from the printed page.
    @Test func printedNoticeAndSheet() throws {
        let dir = TestSupport.copyFixture("minimal")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try TestSupport.run(["build", "--date=2026-11-22"], in: dir).status == 0)
        let site = dir.appendingPathComponent("Site")
        let base = "https://test.example.gov.cn/"
        let sheet = "dongcun/print/caiwu-2026q3.html"
        for (path, codes, words) in [
            ("dongcun/notice/q3-caiwu.html", [base + "dongcun/notice/q3-caiwu.html"],
             ["公开期限：30 天（", "村务监督委员会主任", "报账员", "村委会主任", "村党组织书记", "签字（盖章）", "监督举报电话：0771-5550012", "防篡改码："]),
            (sheet, [base + sheet, base + "dongcun/notice/q3-caiwu.html"].sorted(),
             ["东村财务公开", "2026年第三季度", "公开期限：30 天（", "村务监督委员会主任", "报账员", "监督举报电话：0771-5550012"]),
        ] {
            let pdf = dir.appendingPathComponent("p.pdf")
            try Tools.run("chromium", Tools.chromium + ["--print-to-pdf=\(pdf.path)", site.appendingPathComponent(path).absoluteString])
            let info = try Tools.run("pdfinfo", [pdf.path]).out
            #expect(info.contains(" pts (A4)"), "\(path): \(info)")
            let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
            #expect(pages >= 1)
            let text = try Tools.run("pdftotext", [pdf.path, "-"]).out.replacingOccurrences(of: "\u{0C}", with: "\n")
            for p in 1...max(pages, 1) { #expect(text.contains("第\(p)页 共\(pages)页"), "\(path): page \(p) of \(pages) not numbered") }
            for w in words { #expect(text.contains(w), "\(path): \(w) not printed") }
            #expect(!text.contains("跳到正文") && !text.contains("主办单位"), "\(path): navigation or footer printed")
            try Tools.run("pdftoppm", ["-png", "-r", "150", pdf.path, dir.appendingPathComponent("page").path])
            let pngs = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).filter { $0.lastPathComponent.hasPrefix("page") }
            #expect(try Tools.decode(pngs) == codes, "\(path)")
            for f in pngs { try FileManager.default.removeItem(at: f) }
        }
    }

    /// The signature block is signed by hand on the printed sheet: it must never stand alone on a
    /// last sheet without any of the notice's own text. Notices of 4 to 27 paragraphs end at every
    /// height of a first, second and third sheet, whatever the machine's fonts.
    @Test func signatureBlockIsNeverAloneOnASheet() throws {
        let dir = TestSupport.copyFixture("minimal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lengths = Array(4...27)
        for k in lengths {
            let paragraphs = (1...k).map { "第\($0)段：本村按照村务公开的规定，将有关事项公布如下，请村民监督，有意见可以向村务监督委员会反映。" }
            TestSupport.write("""
                ---
                title: 长度试验第\(k)号
                category: 村务
                date: 2026-02-\(String(format: "%02d", k % 27 + 1))
                signoff:
                  - { role: 村务监督委员会主任, name: 乙某, date: 2026-01-08 }
                \(k % 2 == 0 ? "tags: [试验]\n" : "")---
                \(paragraphs.joined(separator: "\n\n"))

                """, to: dir.appendingPathComponent("Content/notices/dongcun/2026/len\(k).md"))
        }
        #expect(try TestSupport.run(["build", "--date=2026-11-22"], in: dir).status == 0)
        var sheets: Set<Int> = []
        for k in lengths {
            let pdf = dir.appendingPathComponent("len\(k).pdf")
            try Tools.run("chromium", Tools.chromium + ["--print-to-pdf=\(pdf.path)",
                                                       dir.appendingPathComponent("Site/dongcun/notice/len\(k).html").absoluteString])
            let text = try Tools.run("pdftotext", [pdf.path, "-"]).out
            let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            sheets.insert(pages.count)
            let signed = pages.filter { $0.contains("审核签字") }
            #expect(signed.count == 1, "len\(k): the signature block is on \(signed.count) sheets")
            #expect(signed.allSatisfy { $0.contains("段：") }, "len\(k): the signature block is alone on its sheet (\(pages.count) sheets)")
        }
        #expect(sheets.count >= 3, "the notices should end on at least three different sheets: \(sheets.sorted())")
        // The fixture's own notices (accounts with tables, 公示, tags): some of the notice's text
        // above the signature block, not only its tags line.
        for name in ["q2-caiwu", "q3-caiwu", "budget", "gongshi", "cunwu-1"] {
            let pdf = dir.appendingPathComponent("\(name).pdf")
            try Tools.run("chromium", Tools.chromium + ["--print-to-pdf=\(pdf.path)",
                                                       dir.appendingPathComponent("Site/dongcun/notice/\(name).html").absoluteString])
            let pages = try Tools.run("pdftotext", [pdf.path, "-"]).out.components(separatedBy: "\u{0C}")
            let signed = try #require(pages.first { $0.contains("审核签字") }, "\(name): no signature block printed")
            let above = signed.components(separatedBy: "审核签字")[0].split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("标签") }
            #expect(!above.isEmpty, "\(name): the signature block has none of the notice's text on its sheet")
        }
    }
}
