import Foundation

/// A typed page view (see Views.swift) is the template contract. Every view is `Codable`: encoding
/// turns it into the Mustache context (`TemplateContext.make`), and decoding with
/// `TemplateSchema` lists its fields for the documentation check, so nothing is declared twice.
/// A template variable is the Swift property name in snake_case (`dateIso` → `date_iso`).
enum TemplateContext {
    /// The Mustache context of a view: nested string-keyed dictionaries and arrays. A missing
    /// optional becomes `NSNull`: falsy in sections and, unlike a missing key, it stops Mustache from
    /// finding a same-named variable of an outer context (a signoff without a date must not show
    /// the notice's date).
    static func make(_ view: some Encodable) -> Any {
        let e = ContextEncoder()
        try? view.encode(to: e)
        return e.result
    }

    /// `dateIso` → `date_iso` (property names are ASCII).
    static func variableName(_ property: String) -> String {
        let utf8 = property.utf8
        guard utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return property }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 4)
        for b in utf8 {
            if b >= 65 && b <= 90 {
                bytes.append(95)
                bytes.append(b + 32)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Two views shown as one object: the fields of `base` and `extra` side by side (a notice is an
/// item plus its body, a changed notice is an item plus `change`, ...).
struct Extended<Base: Codable & Sendable, Extra: Codable & Sendable>: Codable, Sendable {
    var base: Base
    var extra: Extra
    init(_ base: Base, _ extra: Extra) {
        self.base = base
        self.extra = extra
    }
    init(from decoder: any Decoder) throws {
        base = try Base(from: decoder)
        extra = try Extra(from: decoder)
    }
    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try extra.encode(to: encoder)
    }
}

/// A view held by reference, for a view that can contain its own kind (a 公示 outcome links the
/// item that re-published it). Encoded as the view itself.
final class Indirect<Value: Codable & Sendable>: Codable, Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
    init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

// MARK: - encoder (view → context)

private final class ContextEncoder: Encoder {
    final class Keyed { var values: [String: Any] = [:] }
    final class Unkeyed { var values: [Any] = [] }
    enum Storage { case empty, keyed(Keyed), unkeyed(Unkeyed), single(Any) }

    var storage = Storage.empty
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var result: Any {
        switch storage {
        case .empty: return NSNull()
        case let .keyed(k): return k.values
        case let .unkeyed(u): return u.values
        case let .single(v): return v
        }
    }

    static func value(_ v: some Encodable) -> Any {
        switch v {
        case let s as String: return s
        case let i as Int: return i
        case let b as Bool: return b
        default: return TemplateContext.make(v)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case let .keyed(k) = storage { return KeyedEncodingContainer(KeyedContainer(box: k)) }
        let k = Keyed()
        storage = .keyed(k)
        return KeyedEncodingContainer(KeyedContainer(box: k))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let u = Unkeyed()
        storage = .unkeyed(u)
        return UnkeyedContainer(box: u)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Keyed
        var codingPath: [any CodingKey] { [] }
        func set(_ v: Any, _ key: Key) { box.values[TemplateContext.variableName(key.stringValue)] = v }
        mutating func encodeNil(forKey key: Key) { set(NSNull(), key) }
        mutating func encode(_ value: Bool, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: String, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Double, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Float, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int8, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int16, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int32, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int64, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt8, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt16, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt32, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: UInt64, forKey key: Key) { set(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { set(ContextEncoder.value(value), key) }
        // A nil optional is written as NSNull, never left out (see TemplateContext.make).
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) { set(value.map { $0 as Any } ?? NSNull(), key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) {
            set(value.map { ContextEncoder.value($0) } ?? NSNull(), key)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                             forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("views do not use nested containers")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            preconditionFailure("views do not use nested containers")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("views do not use super encoders") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("views do not use super encoders") }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: Unkeyed
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.values.count }
        mutating func encodeNil() { box.values.append(NSNull()) }
        mutating func encode(_ value: String) { box.values.append(value) }
        mutating func encode(_ value: Bool) { box.values.append(value) }
        mutating func encode(_ value: Int) { box.values.append(value) }
        mutating func encode(_ value: Double) { box.values.append(value) }
        mutating func encode(_ value: Float) { box.values.append(value) }
        mutating func encode(_ value: Int8) { box.values.append(value) }
        mutating func encode(_ value: Int16) { box.values.append(value) }
        mutating func encode(_ value: Int32) { box.values.append(value) }
        mutating func encode(_ value: Int64) { box.values.append(value) }
        mutating func encode(_ value: UInt) { box.values.append(value) }
        mutating func encode(_ value: UInt8) { box.values.append(value) }
        mutating func encode(_ value: UInt16) { box.values.append(value) }
        mutating func encode(_ value: UInt32) { box.values.append(value) }
        mutating func encode(_ value: UInt64) { box.values.append(value) }
        mutating func encode<T: Encodable>(_ value: T) { box.values.append(ContextEncoder.value(value)) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("views do not use nested containers")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("views do not use nested containers")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("views do not use super encoders") }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: ContextEncoder
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() { encoder.storage = .single(NSNull()) }
        mutating func encode(_ value: Bool) { encoder.storage = .single(value) }
        mutating func encode(_ value: String) { encoder.storage = .single(value) }
        mutating func encode(_ value: Int) { encoder.storage = .single(value) }
        mutating func encode(_ value: Double) { encoder.storage = .single(value) }
        mutating func encode(_ value: Float) { encoder.storage = .single(value) }
        mutating func encode(_ value: Int8) { encoder.storage = .single(value) }
        mutating func encode(_ value: Int16) { encoder.storage = .single(value) }
        mutating func encode(_ value: Int32) { encoder.storage = .single(value) }
        mutating func encode(_ value: Int64) { encoder.storage = .single(value) }
        mutating func encode(_ value: UInt) { encoder.storage = .single(value) }
        mutating func encode(_ value: UInt8) { encoder.storage = .single(value) }
        mutating func encode(_ value: UInt16) { encoder.storage = .single(value) }
        mutating func encode(_ value: UInt32) { encoder.storage = .single(value) }
        mutating func encode(_ value: UInt64) { encoder.storage = .single(value) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.storage = .single(ContextEncoder.value(value)) }
    }
}
