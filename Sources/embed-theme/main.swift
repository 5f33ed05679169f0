import Foundation

// embed-theme TEMPLATES OUTPUT.swift — writes every file of the theme folder (hidden files left
// out) as base64 into a Swift source file: `EmbeddedTheme.files`, sorted by path.
let args = CommandLine.arguments
guard args.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-theme TEMPLATES OUTPUT.swift\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: args[1], isDirectory: true)
let fm = FileManager.default
var files: [(String, Data)] = []
if let e = fm.enumerator(atPath: root.path) {
    while let rel = e.nextObject() as? String {
        let url = root.appendingPathComponent(rel)
        var isDir: ObjCBool = false
        guard !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
              fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
              let data = fm.contents(atPath: url.path) else { continue }
        files.append((rel, data))
    }
}
files.sort { $0.0 < $1.0 }
var out = "// Generated at build time by embed-theme from Templates/. Do not edit.\n"
out += "enum EmbeddedTheme {\n    /// Path inside the theme → contents, base64.\n"
out += "    static let files: [(path: String, base64: String)] = [\n"
for (rel, data) in files {
    let path = rel.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    out += "        (\"\(path)\", \"\(data.base64EncodedString())\"),\n"
}
out += "    ]\n}\n"
do {
    try Data(out.utf8).write(to: URL(fileURLWithPath: args[2]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-theme: \(error)\n".utf8))
    exit(1)
}
