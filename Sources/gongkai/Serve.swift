import ArgumentParser
import Foundation
import GongkaiCore
#if canImport(Glibc)
import Glibc
#endif

/// Builds, serves Site/ on localhost, and rebuilds when Content/ or Templates/ change.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "生成网站并在本机预览（http://127.0.0.1:8000），内容改动后自动重新生成。")
    @OptionGroup var site: SiteOptions
    @Option(name: .long, help: "端口（默认 8000）。") var port: Int = 8000

    func run() throws {
        let o = try site.options()
        let problems = Problems()
        let output = site.output
        @Sendable func rebuild() {
            // A preview: the publication record is only updated by `gongkai build`.
            let r = Builder.build(o, record: false)
            _ = report(r, wrote: r.wroteSite, output: output)
            let errors = r.diagnostics.filter { $0.severity == .error }
            // A broken template of the site's own must not hide the panel: then the default theme draws it.
            let theme = errors.isEmpty ? nil
                : Theme.load(directories: o.templates, into: Diagnostics()) ?? Theme.load(directories: Array(o.templates.prefix(1)), into: Diagnostics())
            problems.set(theme?.render("preview-overlay", view: PreviewOverlayView(errors: errors)))
            fflush(nil)  // show progress at once even when output goes to a file
        }
        rebuild()
        let watched = [o.content.root] + o.templates.map(\.path)
        let watcher = Thread {
            var last = fingerprint(watched)
            while true {
                Thread.sleep(forTimeInterval: 1)
                let now = fingerprint(watched)
                if now != last {
                    last = now
                    print("\n内容有改动，重新生成……")
                    rebuild()
                }
            }
        }
        watcher.start()
        try StaticServer(root: o.output, port: UInt16(port), problems: problems).run()
    }
}

/// Sum of modification times and sizes of every file below the folders.
func fingerprint(_ dirs: [String]) -> Int {
    var h = 0
    for d in dirs {
        guard let e = FileManager.default.enumerator(atPath: d) else { continue }
        while let p = e.nextObject() as? String {
            if let a = e.fileAttributes, let m = a[.modificationDate] as? Date {
                h &+= Int(m.timeIntervalSince1970 * 1000) &+ ((a[.size] as? Int) ?? 0) &+ p.hashValue
            }
        }
    }
    return h
}

/// The error panel of the last rebuild (the theme's `preview-overlay` template), inserted after
/// <body> of every previewed page until the errors are fixed; nil when there are none.
final class Problems: @unchecked Sendable {
    private let lock = NSLock()
    private var panel: String?
    func set(_ overlay: String?) { lock.lock(); panel = overlay; lock.unlock() }
    var overlay: String? { lock.lock(); defer { lock.unlock() }; return panel }
}

/// A tiny blocking HTTP/1.0 server for previewing the static site on 127.0.0.1.
struct StaticServer {
    let root: String
    let port: UInt16
    let problems: Problems

    func run() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ValidationError("无法打开网络端口") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw ValidationError("端口 \(port) 已被占用，换一个：--port 8001") }
        print("预览地址：http://127.0.0.1:\(port)/   （按 Ctrl+C 停止）")
        fflush(nil)
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { continue }
            handle(c)
            close(c)
        }
    }

    func handle(_ c: Int32) {
        var buf = [UInt8](repeating: 0, count: 8192)
        let n = read(c, &buf, buf.count)
        guard n > 0, let req = String(bytes: buf[0..<n], encoding: .utf8),
              let first = req.split(separator: "\r\n").first else { return }
        let parts = first.split(separator: " ")
        guard parts.count >= 2 else { return }
        var path = String(parts[1].split(separator: "?").first ?? "/").removingPercentEncoding ?? "/"
        if path.hasSuffix("/") { path += "index.html" }
        let comps = path.split(separator: "/")
        var status = "200 OK"
        var file = root + "/" + comps.joined(separator: "/")
        var isDir: ObjCBool = false
        if comps.contains("..") || !FileManager.default.fileExists(atPath: file, isDirectory: &isDir) || isDir.boolValue {
            if isDir.boolValue, FileManager.default.fileExists(atPath: file + "/index.html") {
                file += "/index.html"
            } else {
                status = "404 Not Found"
                file = root + "/404.html"
            }
        }
        var body = FileManager.default.contents(atPath: file)
            ?? Data("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>网站尚未生成</title></head><body></body></html>".utf8)
        if file.hasSuffix(".html") || status != "200 OK", let overlay = problems.overlay,
           let page = String(data: body, encoding: .utf8), let r = page.range(of: "<body>") {
            body = Data((page[..<r.upperBound] + overlay + page[r.upperBound...]).utf8)
        }
        let type = status == "200 OK" ? mime(file) : "text/html; charset=utf-8"
        let head = "HTTP/1.0 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nCache-Control: no-cache\r\n\r\n"
        var data = Data(head.utf8)
        data.append(body)
        data.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let w = write(c, p.baseAddress! + off, p.count - off)
                if w <= 0 { break }
                off += w
            }
        }
    }

    func mime(_ f: String) -> String {
        switch (f as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
