import ArgumentParser
import Foundation
import GongkaiCore
import Hummingbird
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Previews the site on this computer: builds into a temporary folder (never Site/, never the
/// publication record), rebuilds when Content/ or Templates/ change, and reloads open pages.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "在本机预览网站（http://127.0.0.1:8000），改动内容或模板后自动重新生成，打开的网页自动刷新。")
    @OptionGroup var site: SiteOptions
    @Option(name: .long, help: ArgumentHelp("端口（默认 8000；写 0 由系统挑一个空闲的）。", valueName: "端口")) var port: Int = 8000
    @Option(name: .long, help: ArgumentHelp("在哪个地址上提供预览（默认 127.0.0.1，只有本机能打开）。", valueName: "地址")) var host = "127.0.0.1"

    func run() async throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port 要写 0 到 65535 之间的数（现在写的是「\(port)」）") }
        var o = try site.options()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-preview-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        o.output = folder.appendingPathComponent("Site").path
        let options = o

        // The one seam between the preview and the engine: changed paths in, report and pages out.
        let rebuild: PreviewRebuild = { _ in
            (Builder.build(options, record: false), options.output)
        }
        let preview = Preview(rebuild: rebuild, templates: options.templates)
        preview.update(changed: [])

        if !Self.isLoopback(host) {
            Main.printError("注意：--host \(host) 让同一网络里的所有人都能打开这个预览，包括还没审核、不该公开的内容。只在需要时这样用，用完按 Ctrl+C 停止。")
        }
        let watched = [options.content.root] + options.templates.map(\.path).filter { $0 != Theme.defaultDirectory }
        let watcher = FolderWatcher(roots: watched) { changed in
            print("\n内容有改动，重新生成……")
            preview.update(changed: changed)
        }
        watcher.start()
        defer { watcher.stop() }

        var logger = Logger(label: "gongkai-serve")
        logger.logLevel = .critical
        let host = self.host
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in preview.respond(to: request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let shown = host.contains(":") ? "[\(host)]" : host
                print("预览地址：http://\(shown):\(channel.localAddress?.port ?? port)/   （按 Ctrl+C 停止）")
                fflush(nil)
            },
            logger: logger
        )
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            throw ValidationError("无法在 \(host) 的端口 \(port) 上提供预览（可能已被占用），换一个端口试试：--port 8001")
        }
        print("\n预览已停止。")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// One rebuild of the preview: the paths that changed in, the report and the folder whose pages
/// are served out. Today a whole build into the preview folder; an incremental build session that
/// keeps the model in memory can take its place without the server noticing.
typealias PreviewRebuild = @Sendable (_ changed: Set<String>) -> (report: BuildReport, pages: String)

/// The state of the preview: the pages of the last good build, the error panel of the last
/// rebuild, and the pages that wait for the next reload.
final class Preview: @unchecked Sendable {
    private let rebuild: PreviewRebuild
    private let templates: [(path: String, display: String)]
    private let lock = NSLock()
    /// Counts the rebuilds; a page carries the one it was served from, so it reloads at once when
    /// a rebuild happened between serving the page and subscribing to the events.
    private var generation = 0
    private var pages: String?
    private var overlay: String?
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    init(rebuild: @escaping PreviewRebuild, templates: [(path: String, display: String)]) {
        self.rebuild = rebuild
        self.templates = templates
    }

    /// Rebuilds, prints the report, and tells every open page to reload.
    func update(changed: Set<String>) {
        let start = Date()
        let (r, folder) = rebuild(changed)
        _ = report(r, wrote: false, output: folder, terminal: .normal)
        let errors = r.diagnostics.filter { $0.severity == .error }
        // A broken template of the site's own must not hide the panel: then the default theme draws it.
        let theme = errors.isEmpty ? nil
            : Theme.load(directories: templates, into: Diagnostics()) ?? Theme.load(directories: Array(templates.prefix(1)), into: Diagnostics())
        let panel = theme?.render("preview-overlay", view: PreviewOverlayView(errors: errors))
        lock.lock()
        generation += 1
        if r.wroteSite { pages = folder }
        overlay = panel
        let (g, waiting) = (generation, Array(listeners.values))
        lock.unlock()
        for l in waiting { l.yield(g) }
        print(String(format: "预览已更新（%.2f 秒）。", Date().timeIntervalSince(start)))
        fflush(nil)  // at once, also when the output goes to a file or a pipe
    }

    private func current() -> (generation: Int, pages: String?, overlay: String?) {
        lock.lock(); defer { lock.unlock() }
        return (generation, pages, overlay)
    }

    func respond(to request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return text(.methodNotAllowed, "预览只能打开网页。")
        }
        let path = request.uri.path
        if path == Self.eventsPath {
            return events(seen: request.uri.queryParameters.get("v", as: Int.self))
        }
        return page(path)
    }

    // MARK: pages

    static let eventsPath = "/__gongkai/events"

    private func page(_ rawPath: String) -> Response {
        guard let path = rawPath.removingPercentEncoding else { return text(.badRequest, "网址写得不对。") }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) {
            return text(.forbidden, "不能打开网站以外的文件。")
        }
        let state = current()
        guard let root = state.pages else {
            // Nothing was built yet (the content had errors from the start): the panel alone.
            return html(.ok, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>预览</title></head><body></body></html>", state)
        }
        var file = ([root] + parts.map(String.init)).joined(separator: "/")
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue { file += "/index.html" }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/") else { return text(.forbidden, "不能打开网站以外的文件。") }
        guard let data = FileManager.default.contents(atPath: real) else {
            let missing = FileManager.default.contents(atPath: root + "/404.html").map { String(decoding: $0, as: UTF8.self) }
            return html(.notFound, missing ?? "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>找不到</title></head><body><p>找不到这个网页。</p></body></html>", state)
        }
        if real.hasSuffix(".html") { return html(.ok, String(decoding: data, as: UTF8.self), state) }
        return Response(status: .ok, headers: [.contentType: Self.mime(real), .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An HTML page as the preview serves it: the error panel after `<body>` while the content is
    /// broken, and the reload script before `</body>`. Only the response gets them, never a file.
    private func html(_ status: HTTPResponse.Status, _ page: String, _ state: (generation: Int, pages: String?, overlay: String?)) -> Response {
        var page = page
        let script = Self.reloadScript(generation: state.generation)
        if let r = page.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            page.insert(contentsOf: script, at: r.lowerBound)
        } else {
            page += script
        }
        if let overlay = state.overlay {
            if let r = page.range(of: #"<body[^>]*>"#, options: [.regularExpression, .caseInsensitive]) {
                page.insert(contentsOf: overlay, at: r.upperBound)
            } else {
                page = overlay + page
            }
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    /// Listens for rebuilds; on one, remembers the scroll position of this address and reloads;
    /// after the reload, scrolls back there.
    static func reloadScript(generation: Int) -> String {
        """
        <script>/* gongkai 预览自动刷新 */(function(){var k="gongkai-scroll:"+location.pathname+location.search,y=sessionStorage.getItem(k);\
        if(y!==null){sessionStorage.removeItem(k);addEventListener("load",function(){scrollTo(0,+y)})}\
        var s=new EventSource("\(eventsPath)?v=\(generation)");s.addEventListener("reload",function(){s.close();\
        sessionStorage.setItem(k,String(scrollY));location.reload()})})();</script>
        """
    }

    // MARK: events

    /// Server-sent events: "reload" after every rebuild, at once if the page is older than the last one.
    private func events(seen: Int?) -> Response {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        lock.lock()
        listeners[id] = continuation
        let g = generation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            lock.lock(); listeners[id] = nil; lock.unlock()
        }
        if let seen, seen != g { continuation.yield(g) }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                        body: ResponseBody { writer in
                            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                            for await g in stream.cancelOnGracefulShutdown() {
                                try await writer.write(ByteBuffer(string: "event: reload\ndata: \(g)\n\n"))
                            }
                            try await writer.finish(nil)
                        })
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    static func mime(_ f: String) -> String {
        switch (f as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
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
