import Foundation

/// HTML from Markdown whose tables stay values until the render stage fills them through the
/// theme's `table` template (the load stage runs before the theme is known).
public struct BodyHTML: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case html(String)
        case table(TableView)
    }
    public var parts: [Part]

    public init(parts: [Part] = []) { self.parts = parts }

    public var isEmpty: Bool { parts.isEmpty }
}

/// The one table of csv blocks, CSV attachments and pipe tables, as the `table` template sees it.
/// The first row is the header; a column without an alignment whose body cells are all numbers
/// (or empty) is right-aligned as numbers.
public struct TableView: Codable, Sendable, Hashable {
    public struct Cell: Codable, Sendable, Hashable {
        /// The cell's content: safe HTML.
        public var html: String
        /// CSS class of the cell (`num`, `center`, `right`), nil for none.
        public var cls: String?
        /// The header text of the cell's column (shown before the cell on narrow screens).
        public var label: String

        enum CodingKeys: String, CodingKey { case html, cls = "class", label }
    }
    public struct Row: Codable, Sendable, Hashable {
        public var cells: [Cell]
    }
    /// Four columns or more: shown as one card per row on narrow screens.
    public var cards: Bool
    public var header: [Cell]
    public var rows: [Row]

    init(cards: Bool, header: [Cell], rows: [Row]) {
        self.cards = cards
        self.header = header
        self.rows = rows
    }
}
