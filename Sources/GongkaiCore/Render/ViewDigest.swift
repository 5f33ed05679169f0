import Crypto
import Foundation

/// The SHA-256 of a typed view, fed straight from its encoding (no JSON or context in between).
/// Every key and value goes in tagged with its kind, its length and the depth of the container it
/// is in: the view's tree in pre-order with depths, so two different views never give the same bytes.
enum ViewDigest {
    static func of(_ view: some Encodable, template: String) -> String {
        let sink = Sink()
        sink.text(template, tag: 1, depth: 0)
        try? view.encode(to: DigestEncoder(sink: sink, depth: 1))
        return sink.hasher.finalize().hex
    }

    final class Sink {
        var hasher = SHA256()

        func header(_ tag: UInt8, _ depth: Int, _ count: Int) {
            // Two whole words: no padding bytes go into the digest.
            var words: (UInt64, UInt64) = (UInt64(tag) << 32 | UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: depth)),
                                           UInt64(truncatingIfNeeded: count))
            withUnsafeBytes(of: &words) { hasher.update(bufferPointer: $0) }
        }

        func text(_ s: String, tag: UInt8, depth: Int) {
            var s = s
            s.withUTF8 { p in
                header(tag, depth, p.count)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(p))
            }
        }

        /// Plain values; anything else is encoded as a nested view one level down.
        func value(_ v: some Encodable, depth: Int) {
            switch v {
            case let s as String: text(s, tag: 2, depth: depth)
            case let i as Int: header(3, depth, i)
            case let b as Bool: header(4, depth, b ? 1 : 0)
            case let i as any BinaryInteger: header(3, depth, Int(truncatingIfNeeded: i))
            case let d as Double: header(7, depth, Int(truncatingIfNeeded: d.bitPattern))
            case let f as Float: header(7, depth, Int(truncatingIfNeeded: Double(f).bitPattern))
            default: try? v.encode(to: DigestEncoder(sink: self, depth: depth + 1))
            }
        }
    }
}

/// Views encode keyed containers (several into one encoder for `Extended`), unkeyed containers of
/// values, and single values; like `ContextEncoder`, no nested containers.
private struct DigestEncoder: Encoder {
    let sink: ViewDigest.Sink
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed(sink: sink, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.header(6, depth, 0)
        return Unkeyed(sink: sink, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink, depth: depth) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: ViewDigest.Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }
        func key(_ key: Key) { sink.text(key.stringValue, tag: 5, depth: depth) }
        mutating func encodeNil(forKey key: Key) {
            self.key(key)
            sink.header(0, depth, 0)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) {
            self.key(key)
            sink.value(value, depth: depth)
        }
        mutating func encode(_ value: Bool, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: String, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Double, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Float, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Int, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Int8, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Int16, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Int32, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: Int64, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt8, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt16, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt32, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt64, forKey key: Key) { self.key(key); sink.value(value, depth: depth) }
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

    struct Unkeyed: UnkeyedEncodingContainer {
        let sink: ViewDigest.Sink
        let depth: Int
        var count = 0
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() {
            count += 1
            sink.header(0, depth, 0)
        }
        mutating func encode<T: Encodable>(_ value: T) {
            count += 1
            sink.value(value, depth: depth)
        }
        mutating func encode(_ value: Bool) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: String) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Double) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Float) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Int) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Int8) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Int16) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Int32) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: Int64) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt8) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt16) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt32) { count += 1; sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt64) { count += 1; sink.value(value, depth: depth) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            preconditionFailure("views do not use nested containers")
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            preconditionFailure("views do not use nested containers")
        }
        mutating func superEncoder() -> any Encoder { preconditionFailure("views do not use super encoders") }
    }

    struct Single: SingleValueEncodingContainer {
        let sink: ViewDigest.Sink
        let depth: Int
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil() { sink.header(0, depth, 0) }
        mutating func encode<T: Encodable>(_ value: T) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Bool) { sink.value(value, depth: depth) }
        mutating func encode(_ value: String) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Double) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Float) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Int) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Int8) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Int16) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Int32) { sink.value(value, depth: depth) }
        mutating func encode(_ value: Int64) { sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt) { sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt8) { sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt16) { sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt32) { sink.value(value, depth: depth) }
        mutating func encode(_ value: UInt64) { sink.value(value, depth: depth) }
    }
}
