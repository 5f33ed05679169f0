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
