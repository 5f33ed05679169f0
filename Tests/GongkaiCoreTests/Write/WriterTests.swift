import Foundation
import Testing
@testable import GongkaiCore

@Suite struct WriterTests {
    /// What the disk says when it refuses is told in Chinese (the C library's reasons are English).
    @Test func diskFailuresAreToldInChinese() throws {
        let dir = NSTemporaryDirectory() + "gongkai-fs-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fs = DiskFileSystem()
        try fs.makeDirectory(dir + "/a/b/c")
        #expect(fs.isDirectory(dir + "/a/b/c"))
        try fs.write(Data("x".utf8), to: dir + "/file")
        func message(_ body: () throws -> Void) -> String {
            do { try body() } catch { return "\(error)" }
            return ""
        }
        let mkdir = message { try fs.makeDirectory(dir + "/file/sub") }
        let write = message { try fs.write(Data(), to: dir + "/file/x.html") }
        let rename = message { try fs.rename(dir + "/missing", to: dir + "/other") }
        #expect(mkdir == "无法建立文件夹 \(dir)/file：已经有同名的文件或文件夹")
        #expect(write == "无法创建文件 \(dir)/file/x.html：路径里有一段不是文件夹")
        #expect(rename == "无法把 \(dir)/missing 改名为 \(dir)/other：文件夹不存在")
        // A site written where a file stands is refused with the same words.
        let site = message { try SiteWriter.write([.text("a.html", "1")], to: dir + "/file/Site", fs: fs) }
        #expect(site.contains("路径里有一段不是文件夹") || site.contains("已经有同名的文件"), "\(site)")
        #expect(!site.contains("directory") && !site.contains("Error"))
    }

    @Test func swapsInTheNewSiteAndReusesUnchangedFiles() throws {
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        let s1 = try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "2"), .text(".gongkai-site", "")], to: site)
        #expect(s1.unchanged == 0)
        let s2 = try SiteWriter.write([.text("a.html", "1"), .text("d/b.html", "changed"), .text(".gongkai-site", "")], to: site)
        #expect(s2.unchanged == 2)
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/b.html")) == "changed")
        // The previous site is kept beside it (for the next build), nothing else.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".Site.previous", "Site"])
        #expect(TestSupport.read(URL(fileURLWithPath: dir.path + "/.Site.previous/d/b.html")) == "2")
    }

    /// A sequence of random sites written one after the other: each build's Site/ holds exactly
    /// its files (as a write into an empty folder gives them), and the spare it keeps holds
    /// exactly the previous build's, though the two share the inodes of the files that did not
    /// change (a write through a shared inode would change the live site). The live site replaced
    /// or touched by hand, or removed, makes the spare stale: it is not used.
    @Test func theSpareIsThePreviousSiteAndEveryBuildIsWhole() throws {
        let dir = TestSupport.tempDir("writer-spare")
        let site = dir.appendingPathComponent("Site").path
        let spare = dir.appendingPathComponent(".Site.previous").path
        let fs = DiskFileSystem()
        var g = SystemRandomNumberGenerator()
        let paths = ["index.html", "a/1.html", "a/2.html", "a/b/3.html", "b/4.html", "b/c/d/5.html", "c.html", "a/b", "b/c"]
        func tree(_ root: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: fs.files(under: root).map { ($0, String(decoding: fs.read(root + "/" + $0)!, as: UTF8.self)) })
        }
        func mode(_ path: String) -> Int? { (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int }
        var previous: [String: String]?
        for round in 0..<40 {
            // Some paths come and go (a/b and b/c are files in some rounds, folders in others).
            var files: [String: String] = [".gongkai-site": ""]
            for p in paths where Bool.random(using: &g) {
                if files.keys.contains(where: { $0.hasPrefix(p + "/") || p.hasPrefix($0 + "/") }) { continue }
                files[p] = Bool.random(using: &g) ? "same \(p)" : "round \(round) \(p)"
            }
            // Now and then: the live site's own bytes handed back (an unchanged page), a removed
            // site, a site replaced by a copy, a file put in its root by hand.
            switch round % 10 {
            case 3: fs.remove(site)
            case 6 where previous != nil:
                try FileManager.default.moveItem(atPath: site, toPath: site + ".moved")
                try FileManager.default.copyItem(atPath: site + ".moved", toPath: site)
                fs.remove(site + ".moved")
            case 8 where previous != nil: try fs.write(Data("by hand".utf8), to: site + "/stray.html")
            default: break
            }
            let live = fs.isDirectory(site) ? tree(site) : nil
            let kept = live.map { old in files.keys.filter { old[$0] == files[$0] && Bool.random(using: &g) } } ?? []
            try SiteWriter.write(files.keys.sorted().map { p in
                kept.contains(p) ? OutputFile(path: p, content: .copy(from: site + "/" + p)) : .text(p, files[p]!)
            }, to: site, fs: fs)
            #expect(tree(site) == files, "round \(round)")
            // The live site is as open as a folder made now; the spare is its owner's only.
            #expect(mode(site) == mode(dir.path), "round \(round)")
            if let live {
                #expect(mode(spare) == 0o700, "round \(round)")
                #expect(tree(spare).filter { $0.key != ".gongkai-differs" } == live, "round \(round)")
            }
            previous = files
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [".Site.previous", "Site"])
    }

    @Test func failedWriteLeavesThePreviousSite() throws {
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        try SiteWriter.write([.text("a.html", "old"), .text(".gongkai-site", "")], to: site)
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write([.text("a.html", "new"), OutputFile(path: "b.pdf", content: .copy(from: "/nonexistent/x.pdf"))], to: site)
        }
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/a.html")) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Site"])
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter.write([.text("../escape.html", "x")], to: site) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escape.html").path))
    }

    @Test func streamedBatchesMakeOneSiteAndAFailureInAnyBatchKeepsTheOld() throws {
        struct Stop: Error {}
        let dir = TestSupport.tempDir("writer")
        let site = dir.appendingPathComponent("Site").path
        try SiteWriter.write([.text("a.html", "old"), .text(".gongkai-site", "")], to: site)
        let s = try SiteWriter.write(to: site) { emit in
            try emit([.text("a.html", "old"), .text("d/b.html", "1")])
            try emit([.text("d/c.html", "2"), .text("d/e/f.html", "3")])
            try emit([.text(".gongkai-site", "")])
        }
        #expect(s.files == 5 && s.unchanged == 2)
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/e/f.html")) == "3")
        // The producer stops (render error, kill) after a batch was written: nothing goes live.
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(to: site) { emit in
                try emit([.text("a.html", "new"), .text(".gongkai-site", "")])
                throw Stop()
            }
        }
        // A later batch with a bad path is refused just the same.
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(to: site) { emit in
                try emit([.text("a.html", "new")])
                try emit([.text("x/../../escape.html", "x")])
            }
        }
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/a.html")) == "old")
        #expect(TestSupport.read(URL(fileURLWithPath: site + "/d/b.html")) == "1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Site"])
    }
}
