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
