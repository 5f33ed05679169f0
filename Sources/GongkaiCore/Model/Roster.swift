import Foundation

/// A typed list of people (名单: 低保, 补贴, 发展党员公示 …). Fields declared as ID, phone or card
/// are masked when the roster is read, so the raw values never reach the model or the site.
public struct Roster: Sendable {
    public enum FieldType: String, Sendable { case text, id, phone, card, money, number, date }

    public struct Field: Sendable {
        public var key: String
        public var label: String
        public var type: FieldType
        /// Published in full by an explicit override (with its reason).
        public var unmaskedReason: String?
    }

    public var title: String?
    public var fields: [Field]
    /// Display values, already masked.
    public var rows: [[String]]
    /// Totals of money and number columns (nil for other columns).
    public var totals: [String?]
    public var sourcePath: String
}
