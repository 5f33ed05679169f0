import Foundation
import Mustache

/// The Mustache templates and static assets of a theme. A site's own Templates/ folder may
/// override single files of the default theme.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Output path (under `assets/`) → absolute source path.
    public let assets: [String: String]

    /// Templates every theme must provide.
    public static let requiredTemplates = ["home", "board", "list", "archive", "year", "notice", "decision", "status", "404"]

    /// The default theme shipped with Gongkai (the repository's Templates/ folder).
    public static var defaultDirectory: String {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates").path
    }

    /// Loads templates from `directories` in order; later ones override earlier ones by name.
    public static func load(directories: [(path: String, display: String)]) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (String, String)] = [:]  // name → (text, display path)
        var assets: [String: String] = [:]
        let fm = FileManager.default
        for dir in directories {
            guard let e = fm.enumerator(atPath: dir.path) else { continue }
            var files: [String] = []
            while let p = e.nextObject() as? String { files.append(p) }
            for rel in files.sorted() {
                let abs = (dir.path as NSString).appendingPathComponent(rel)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: abs, isDirectory: &isDir), !isDir.boolValue,
                      !(rel as NSString).lastPathComponent.hasPrefix(".") else { continue }
                let shown = (dir.display as NSString).appendingPathComponent(rel)
                if rel.hasPrefix("assets/") {
                    assets[rel] = abs
                } else if rel.hasSuffix(".mustache") {
                    guard let data = fm.contents(atPath: abs), let text = String(data: data, encoding: .utf8) else {
                        diagnostics.append(Diagnostic(.error, file: shown, "模板文件不是 UTF-8 编码"))
                        continue
                    }
                    sources[String(rel.dropLast(".mustache".count))] = (text, shown)
                }
            }
        }
        var library = MustacheLibrary()
        for name in sources.keys.sorted() {
            let (text, shown) = sources[name]!
            do {
                try library.register(text, named: name)
            } catch let e as MustacheTemplate.ParserError {
                diagnostics.append(Diagnostic(.error, file: shown, line: e.context.lineNumber, column: e.context.columnNumber,
                                              "模板语法错误（\(e.error)）", hint: "检查 {{ }} 是否成对，{{#…}} 是否有对应的 {{/…}}。",
                                              sourceLine: e.context.line))
            } catch {
                diagnostics.append(Diagnostic(.error, file: shown, "模板语法错误（\(error)）"))
            }
        }
        for name in requiredTemplates where sources[name] == nil {
            diagnostics.append(Diagnostic(.error, file: directories.last?.display ?? "Templates",
                                          "缺少模板 \(name).mustache", hint: "从默认主题 Templates/ 复制一份。"))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (Theme(library: library, assets: assets), diagnostics)
    }

    /// Renders a page view (Views.swift) with one of the templates.
    func render(_ template: String, _ view: some Encodable) -> String {
        library.render(TemplateContext.make(view), withTemplate: template) ?? ""
    }
}
