import Foundation

/// What a rebuild remembers of the pages of the previous build: for every page, the digest of
/// everything it was rendered from (its template's name and its typed view, which holds every
/// value the template can read). The theme is not in the digest: a memo belongs to one theme.
/// A page whose digest did not change is not rendered again; `previous` gives its bytes.
///
/// This is the dependency graph from sources to pages, computed rather than declared: a notice
/// reaches a page only through the page's view (its own page, the lists, archives and boards
/// that show it, its neighbours' prev/next links, the status cells…), so an edit re-renders
/// exactly the pages whose view it changes, and nothing can be forgotten.
public final class PageMemo: @unchecked Sendable {
    /// SHA-256, in hex.
    public typealias Key = String

    /// The previous build's keys.
    private let previousKeys: [String: Key]
    /// The bytes of an unchanged page (nil when they are gone: the page is rendered again).
    private let previous: @Sendable (String) -> OutputFile.Content?
    private let lock = NSLock()
    private var newKeys: [String: Key] = [:]
    private var renderedPaths: [String] = []

    public init(keys: [String: Key], previous: @escaping @Sendable (String) -> OutputFile.Content?) {
        previousKeys = keys
        self.previous = previous
    }

    /// No previous build: every page is rendered.
    public convenience init() {
        self.init(keys: [:], previous: { _ in nil })
    }

    /// The page at `path`: the previous bytes when its inputs did not change, else `render()`.
    func page(_ path: String, template: String, view: some Encodable, render: () -> String) -> OutputFile {
        let key = ViewDigest.of(view, template: template)
        if previousKeys[path] == key, let content = previous(path) {
            record(path, key, rendered: false)
            return OutputFile(path: path, content: content)
        }
        record(path, key, rendered: true)
        return .text(path, render())
    }

    private func record(_ path: String, _ key: Key, rendered: Bool) {
        lock.lock()
        newKeys[path] = key
        if rendered { renderedPaths.append(path) }
        lock.unlock()
    }

    /// The keys of this build's pages (the memo of the next build).
    public var keys: [String: Key] {
        lock.lock()
        defer { lock.unlock() }
        return newKeys
    }

    /// The pages this build rendered (the others kept their bytes), sorted.
    public var rendered: [String] {
        lock.lock()
        defer { lock.unlock() }
        return renderedPaths.sorted()
    }
}
