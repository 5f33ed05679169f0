import Foundation
import Mustache
import Testing
@testable import GongkaiCore

/// The fields of the page views, read from the types themselves: decoding a view with this decoder
/// visits every stored property (the synthesized `init(from:)` asks for each one) and records it
/// under the type that declares it (the owner of its `CodingKeys`). Nothing is listed by hand.
final class TemplateSchema {
    /// Type name → template variables (snake_case).
    var fields: [String: Set<String>] = [:]
    /// Optional nested views already visited: a view that contains its own kind stops there.
    var visited: Set<String> = []

    static func of(_ types: [any Decodable.Type]) -> [String: Set<String>] {
        let s = TemplateSchema()
        for t in types { _ = try? t.init(from: SchemaDecoder(schema: s)) }
        return s.fields
    }

    /// `GongkaiCore.ItemView.(unknown context at $…).CodingKeys` → `ItemView` (views are top-level types).
    static func owner<K>(_ key: K.Type) -> String {
        String(reflecting: key).split(separator: ".")
            .last { !$0.hasPrefix("(") && !$0.contains("CodingKeys") && !$0.hasPrefix("unknown") && !$0.hasPrefix("$") }
            .map(String.init) ?? ""
    }
}

struct SchemaDecoder: Decoder {
    let schema: TemplateSchema
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let owner = TemplateSchema.owner(Key.self)
        schema.fields[owner, default: []].formUnion([])
        return KeyedDecodingContainer(Keyed<Key>(schema: schema, owner: owner))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(schema: schema) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single() }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let schema: TemplateSchema
        let owner: String
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func record(_ key: Key) { schema.fields[owner, default: []].insert(TemplateContext.variableName(key.stringValue)) }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { record(key); return false }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { record(key); return "" }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { record(key); return 0 }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { record(key); return 0 }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { record(key); return 0 }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { record(key); return 0 }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { record(key); return 0 }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { record(key); return 0 }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { record(key); return 0 }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { record(key); return 0 }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { record(key); return 0 }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { record(key); return 0 }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { record(key); return 0 }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { record(key); return 0 }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            record(key)
            return try T(from: SchemaDecoder(schema: schema))
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            record(key)
            guard schema.visited.insert(String(reflecting: T.self)).inserted else { return nil }
            return try T(from: SchemaDecoder(schema: schema))
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not used by views"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not used by views"))
        }
        func superDecoder() throws -> any Decoder { SchemaDecoder(schema: schema) }
        func superDecoder(forKey key: Key) throws -> any Decoder { SchemaDecoder(schema: schema) }
    }

    /// A list of exactly one element, so the element type is visited once.
    struct Unkeyed: UnkeyedDecodingContainer {
        let schema: TemplateSchema
        var done = false
        var codingPath: [any CodingKey] { [] }
        var count: Int? { 1 }
        var isAtEnd: Bool { done }
        var currentIndex: Int { done ? 1 : 0 }
        mutating func decodeNil() throws -> Bool { false }
        mutating func decode(_ type: Bool.Type) throws -> Bool { done = true; return false }
        mutating func decode(_ type: String.Type) throws -> String { done = true; return "" }
        mutating func decode(_ type: Double.Type) throws -> Double { done = true; return 0 }
        mutating func decode(_ type: Float.Type) throws -> Float { done = true; return 0 }
        mutating func decode(_ type: Int.Type) throws -> Int { done = true; return 0 }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { done = true; return 0 }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { done = true; return 0 }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { done = true; return 0 }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { done = true; return 0 }
        mutating func decode(_ type: UInt.Type) throws -> UInt { done = true; return 0 }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { done = true; return 0 }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { done = true; return 0 }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { done = true; return 0 }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { done = true; return 0 }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            done = true
            return try T(from: SchemaDecoder(schema: schema))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not used by views"))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not used by views"))
        }
        mutating func superDecoder() throws -> any Decoder { SchemaDecoder(schema: schema) }
    }

    struct Single: SingleValueDecodingContainer {
        var codingPath: [any CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { false }
        func decode(_ type: String.Type) throws -> String { "" }
        func decode(_ type: Double.Type) throws -> Double { 0 }
        func decode(_ type: Float.Type) throws -> Float { 0 }
        func decode(_ type: Int.Type) throws -> Int { 0 }
        func decode(_ type: Int8.Type) throws -> Int8 { 0 }
        func decode(_ type: Int16.Type) throws -> Int16 { 0 }
        func decode(_ type: Int32.Type) throws -> Int32 { 0 }
        func decode(_ type: Int64.Type) throws -> Int64 { 0 }
        func decode(_ type: UInt.Type) throws -> UInt { 0 }
        func decode(_ type: UInt8.Type) throws -> UInt8 { 0 }
        func decode(_ type: UInt16.Type) throws -> UInt16 { 0 }
        func decode(_ type: UInt32.Type) throws -> UInt32 { 0 }
        func decode(_ type: UInt64.Type) throws -> UInt64 { 0 }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not used by views"))
        }
    }
}

/// docs/templates.md documents every view: before each variable table a line `<!-- 视图: Name -->`
/// names the view; the first column lists its variables in backticks.
enum TemplateDoc {
    static func tables(_ text: String) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        var current: String?
        for line in text.components(separatedBy: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("<!-- 视图:") {
                current = t.dropFirst("<!-- 视图:".count).replacingOccurrences(of: "-->", with: "").trimmingCharacters(in: .whitespaces)
                out[current!, default: []].formUnion([])
            } else if let c = current, t.hasPrefix("|") {
                let first = t.split(separator: "|", omittingEmptySubsequences: false)[1]
                let names = first.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                out[c, default: []].formUnion(names)
            } else if !t.isEmpty {
                current = nil
            }
        }
        return out
    }
}

@Suite struct TemplateDocTests {
    /// Every page kind's view, as the templates get it (the layout data is on every page), and the
    /// views of the built-in templates (tables, feeds, sitemap, preview panel, QR codes; charts are in the ledger).
    static var pages: [any Decodable.Type] { [
        LayoutView.self, HomeView.self, BoardView.self, ListView.self, ArchiveView.self, YearView.self,
        NoticeView.self, AttachmentPageView.self, DecisionView.self, StatusView.self, SearchView.self, NotFoundView.self, SheetView.self,
        // The built-in templates' views.
        TableView.self, FeedView.self, SitemapView.self, PreviewOverlayView.self, QRView.self,
    ] }

    @Test func schemaReadsNestedViewsOnce() {
        let s = TemplateSchema.of([NoticeView.self])
        #expect(s["ItemView"]?.contains("category_short") == true)
        #expect(s["OutcomeView"]?.contains("republished") == true)
        #expect(s["MeetingView"] == nil)
        #expect(Set(s["AmountView"] ?? []) == ["text", "upper", "upper_parts", "negative"])
    }

    @Test func docsTemplatesMatchTheViews() throws {
        let doc = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        let documented = TemplateDoc.tables(doc)
        let schema = TemplateSchema.of(Self.pages)
        for (view, fields) in schema.sorted(by: { $0.key < $1.key }) {
            let d = documented[view] ?? []
            #expect(documented[view] != nil, "docs/templates.md has no table for \(view)")
            #expect(fields.subtracting(d).isEmpty, "\(view): not documented: \(fields.subtracting(d).sorted())")
            #expect(d.subtracting(fields).isEmpty, "\(view): documented but not in the view: \(d.subtracting(fields).sorted())")
        }
        let unknown = Set(documented.keys).subtracting(schema.keys)
        #expect(unknown.isEmpty, "docs/templates.md documents views that do not exist: \(unknown.sorted())")
    }
}

/// `TemplateContext`: the one place a view becomes the Mustache context.
@Suite struct TemplateContextTests {
    struct Outer: Codable, Sendable {
        var date: String
        var signoff: [SignoffView]
    }

    @Test func propertyNamesBecomeSnakeCase() {
        #expect(TemplateContext.variableName("dateIso") == "date_iso")
        #expect(TemplateContext.variableName("hasCorrectedBy") == "has_corrected_by")
        #expect(TemplateContext.variableName("sha256") == "sha256")
        #expect(TemplateContext.variableName("for") == "for")
    }

    @Test func missingValueStopsTheOuterLookup() throws {
        // A signoff without a date must not show the notice's date (the outer `date`).
        let view = Outer(date: "2026年10月15日", signoff: [SignoffView(role: "村主任", name: "张三", date: nil),
                                                           SignoffView(role: "会计", name: "李四", date: "2026年10月14日")])
        let context = try #require(TemplateContext.make(view) as? [String: Any])
        let first = try #require((context["signoff"] as? [Any])?.first as? [String: Any])
        #expect(first["date"] is NSNull)
        var library = MustacheLibrary()
        try library.register("{{#signoff}}{{name}}[{{date}}]{{#date}}有日期{{/date}}{{^date}}无日期{{/date}};{{/signoff}}", named: "t")
        #expect(library.render(context, withTemplate: "t") == "张三[]无日期;李四[2026年10月14日]有日期;")
    }

    @Test func extendedViewsAreFlat() throws {
        let d = DecisionItemView(title: "修路", url: "a/decision/x.html", overdue: true, done: false, resolvedOn: nil, status: "决议尚未公开")
        let context = try #require(TemplateContext.make(Extended(d, ChangeView(change: "已撤回"))) as? [String: Any])
        #expect(context["title"] as? String == "修路")
        #expect(context["change"] as? String == "已撤回")
        #expect(context["overdue"] as? Bool == true)
        #expect(context["resolved_on"] is NSNull)
        #expect(context.count == 7)
    }

    @Test func emptyTextIsNoValue() {
        #expect("".nonEmpty == nil)
        #expect("x".nonEmpty == "x")
    }
}
