import Crypto
import Foundation
import Mustache

/// The Mustache templates and static assets of a theme. A site's own Templates/ folder may
/// override single files of the default theme.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Output path (under `assets/`) → absolute source path.
    public let assets: [String: String]
    /// SHA-256 of every template's name and text: pages remembered from a build with another
    /// theme are rendered again (`PageMemo`).
    public let digest: String

    /// Templates every theme must provide: the pages, then the built-in parts rendered from
    /// typed views (see docs/templates.md).
    public static let requiredTemplates = ["home", "board", "list", "archive", "year", "notice", "attachment", "decision", "status", "search", "404",
                                           "sheet", "table", "chart-accounts.svg", "chart-balances.svg", "qr.svg",
                                           "feed.xml", "sitemap.xml", "preview-overlay"]

    /// The default theme shipped with Gongkai: the repository's Templates/ folder as it was at
    /// build time, built into the binary and written out to a cache folder (see `DefaultTheme`).
    public static var defaultDirectory: String { DefaultTheme.directory }

    /// Loads templates from `directories` in order; later ones override earlier ones by name.
    public static func load(directories: [(path: String, display: String)], fs: any FileSystem = DiskFileSystem(),
                            into sink: Diagnostics) -> Theme? {
        let diagnostics = sink.scope()
        var sources: [String: (String, String)] = [:]  // name → (text, display path)
        var assets: [String: String] = [:]
        for dir in directories {
            for rel in fs.files(under: dir.path) where !(rel as NSString).lastPathComponent.hasPrefix(".") {
                let abs = (dir.path as NSString).appendingPathComponent(rel)
                let shown = (dir.display as NSString).appendingPathComponent(rel)
                if rel.hasPrefix("assets/") {
                    assets[rel] = abs
                } else if rel.hasSuffix(".mustache") {
                    guard let data = fs.read(abs), let text = String(data: data, encoding: .utf8) else {
                        diagnostics.report(Diagnostic(.error, file: shown, "模板文件不是 UTF-8 编码"))
                        continue
                    }
                    sources[String(rel.dropLast(".mustache".count))] = (text, shown)
                }
            }
        }
        ScalarEscaping.register
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            let (text, shown) = sources[name]!
            // Every template escapes by Unicode scalar unless it names its content type (feeds):
            // the library's default HTML escaping compares whole characters, so a quote followed by
            // a combining mark would end an attribute unescaped. The pragma stands on a line of its
            // own, which renders nothing; parse errors are given back in the file's own lines.
            let pragma = text.hasPrefix("{{% CONTENT_TYPE") ? 0 : 1
            do {
                try library.register(pragma == 1 ? "{{% CONTENT_TYPE: HTML}}\n" + text : text, named: name)
            } catch let e as MustacheTemplate.ParserError {
                diagnostics.report(Diagnostic(.error, file: shown, line: max(1, e.context.lineNumber - pragma), column: e.context.columnNumber,
                                               "模板语法错误（\(e.error)）", hint: "检查 {{ }} 是否成对，{{#…}} 是否有对应的 {{/…}}。",
                                               sourceLine: e.context.line))
            } catch {
                diagnostics.report(Diagnostic(.error, file: shown, "模板语法错误（\(error)）"))
            }
        }
        for name in requiredTemplates where sources[name] == nil {
            diagnostics.report(Diagnostic(.error, file: directories.last?.display ?? "Templates",
                                           "缺少模板 \(name).mustache", hint: "从默认主题 Templates/ 复制一份。"))
        }
        if diagnostics.hasErrors { return nil }
        var h = SHA256()
        for name in sources.keys.sorted() {
            h.update(data: Data((name + "\0" + sources[name]!.0 + "\0").utf8))
        }
        return Theme(library: library, assets: assets, digest: h.finalize().hex)
    }

    /// Renders a view (a page view of Views.swift, or a built-in template's view) with one of the
    /// templates; `TemplateContext` turns it into the Mustache context.
    public func render(_ template: String, view: some Encodable) -> String {
        library.render(TemplateContext.make(view), withTemplate: template) ?? ""
    }
}

/// Escaping by Unicode scalar, so that a combining mark after `&`, `<`, `>` or a quote cannot hide
/// it from the escaping (the library's own HTML escaping compares whole characters).
/// `{{% CONTENT_TYPE: HTML}}` (every template that names no other type) escapes like `HTML.escape`;
/// `{{% CONTENT_TYPE: XML}}` (feeds, sitemap) also drops the control characters XML 1.0 forbids
/// (Word's manual line break U+000B …).
struct ScalarEscaping: MustacheContentType {
    static let register: Void = {
        MustacheContentTypes.register(ScalarEscaping(xml: false), named: "HTML")
        MustacheContentTypes.register(ScalarEscaping(xml: true), named: "XML")
    }()

    let xml: Bool

    func escapeText(_ text: String) -> String {
        guard xml else { return HTML.escape(text) }
        return HTML.escape(String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" })))
    }
}

/// What `preview-overlay.mustache` sees: the error panel `gongkai serve` puts on top of every
/// previewed page while the last rebuild failed.
public struct PreviewOverlayView: Codable, Sendable {
    /// How many errors the rebuild reported.
    public var count: Int
    /// The first 30 errors as printed in the terminal (`path:line:col: 错误: …`, source line, hint).
    public var problems: [String]

    public init(errors: [Diagnostic]) {
        count = errors.count
        problems = errors.prefix(30).map(\.description)
    }
}
