import Foundation

/// Marks that `gongkai init` and `gongkai new` leave where a clerk must write a real value
/// (a phone number, the base URL, a name, the body): `【待填写：what】`. Any content file that
/// still holds one is an error at the mark, so nothing is published until every one is replaced.
public enum Placeholder {
    public static let opening = "【待填写"
    static let openingUTF8 = Array(opening.utf8)

    /// The mark for `what`, e.g. `【待填写：监督电话】`.
    public static func mark(_ what: String) -> String { "\(opening)：\(what)】" }

    static let message = "还没有填写："

    /// Drops every other problem reported on a line that still holds a mark: the mark explains
    /// it (`expected: 【待填写：应到人数】` is not a number either), and it is reported again, if
    /// still there, once the mark is replaced.
    public static func explaining(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        struct Place: Hashable { let file: String, line: Int }
        let marked = Set(diagnostics.filter { $0.message.hasPrefix(message) }.map { Place(file: $0.file, line: $0.line) })
        guard !marked.isEmpty else { return diagnostics }
        return diagnostics.filter { $0.message.hasPrefix(message) || !marked.contains(Place(file: $0.file, line: $0.line)) }
    }

    /// Reports every mark left in `src` (called by `Loader.readSource` for every content file).
    static func check(_ src: SourceFile, _ sink: Diagnostics) {
        // Every file passes here: a byte search (Foundation's `contains` folds characters by locale
        // and was a tenth of the loading time; the standard library's generic `firstRange(of:)` on
        // the UTF-8 view was still 6% of a 1,000-notice build).
        guard Bytes.contains(src.text, openingUTF8) else { return }
        for (i, line) in src.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let r = rest.range(of: opening) {
                let end = rest[r.upperBound...].firstIndex(of: "】").map { rest.index(after: $0) } ?? rest.endIndex
                var what = String(rest[r.upperBound..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "：:】 "))
                if what.isEmpty { what = "这一项" }
                sink.report(src.diagnostic(.error, line: i + 1, column: line.distance(from: line.startIndex, to: r.lowerBound) + 1,
                                           message + what,
                                           hint: "把「\(rest[r.lowerBound..<end])」整个换成真实内容（连同【】一起删掉），填好后才能发布。"))
                rest = rest[end...]
            }
        }
    }
}
