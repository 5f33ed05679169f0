import CSys
import Foundation

/// Byte-level helpers for the hot paths (every content file, every value a template shows):
/// they work on a string's UTF-8 bytes, never on `Character`s.
enum Bytes {
    /// Whether the UTF-8 bytes of `text` contain `needle` (memmem over the bytes).
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        var text = text
        return text.withUTF8 { hay in
            needle.withUnsafeBufferPointer { n in
                guard let h = hay.baseAddress, let p = n.baseAddress, hay.count >= n.count else { return false }
                return gk_memmem(h, hay.count, p, n.count) != nil
            }
        }
    }

    /// Whether `text` contains `word` (a byte search: Foundation's `contains` on strings compares
    /// by locale and was a few percent of a rebuild where it ran once per notice).
    static func contains(_ text: String, _ word: String) -> Bool {
        var word = word
        return word.withUTF8 { w in
            guard let p = w.baseAddress, !w.isEmpty else { return true }
            var text = text
            return text.withUTF8 { hay in
                guard let h = hay.baseAddress, hay.count >= w.count else { return false }
                return gk_memmem(h, hay.count, p, w.count) != nil
            }
        }
    }
}

extension Bytes {
    /// Where `needle` first occurs in `hay` at or after `from` (memmem); nil when it does not.
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, hay.count - from >= needle.count else { return nil }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                gk_memmem(h.baseAddress! + from, h.count - from, n.baseAddress!, n.count).map { UnsafeRawPointer(h.baseAddress!).distance(to: $0) }
            }
        }
    }

    /// A hash of the UTF-8 bytes of `text` (`String.hashValue` hashes its normalized characters,
    /// many times slower over a whole file). Like `hashValue`, it holds for one process only.
    static func hash(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var h = Hasher()
            h.combine(bytes: UnsafeRawBufferPointer(bytes))
            return h.finalize()
        }
    }

    /// The number of characters (grapheme clusters) of `text` other than the ASCII space. Text
    /// made only of scalars that are always a character of their own (ASCII but CR, Latin-1,
    /// general and CJK punctuation, CJK ideographs and full-width forms: a notice's usual text) is
    /// counted on its bytes; any other scalar (one that may join its neighbour: a combining mark,
    /// a joiner, a variation selector, an emoji, Hangul jamo, CR before LF …) and the text is
    /// counted by `Character`.
    static func charactersOtherThanSpace(_ text: String) -> Int {
        var scalars = 0
        for s in text.unicodeScalars {
            switch s.value {
            case 0x20:
                continue
            case 0x00...0x0C, 0x0E...0x7F, 0xA0...0xFF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x303F,
                 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF60:
                scalars += 1
            default:
                return text.reduce(0) { $1 != " " ? $0 + 1 : $0 }
            }
        }
        return scalars
    }
}

/// Unsigned LEB128: a number in 7-bit groups, low first, the high bit set on all but the last byte
/// (1 byte below 128, 2 below 16,384). The search postings and the body store pack their numbers so.
enum LEB128 {
    static func append(_ value: Int, to bytes: inout [UInt8]) {
        var v = UInt(value)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The number at `i` in `bytes`; `i` moves past it.
    static func read(_ bytes: [UInt8], at i: inout Int) -> Int {
        var v = 0, shift = 0
        while true {
            let b = bytes[i]
            i += 1
            v |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }
}
