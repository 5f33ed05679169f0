import CQrencode
import Foundation

/// QR codes through libqrencode: the modules of a code, and the view `qr.svg.mustache` draws as
/// inline SVG (no markup is built here).
enum QRCode {
    /// Light modules around the code, as the standard asks (4).
    static let quietZone = 4

    /// The modules of the QR code of `text` (its UTF-8 bytes in 8-bit mode, error correction M),
    /// row by row, true for dark; nil when the text does not fit in a QR code.
    static func modules(_ text: String) -> [[Bool]]? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, let code = QRcode_encodeData(Int32(bytes.count), bytes, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        // Bit 0 of each byte is the module's colour; the other bits say what the module is part of.
        return (0..<width).map { y in (0..<width).map { x in data[y * width + x] & 1 == 1 } }
    }

    /// The code of `url` with the quiet zone; nil when it does not fit. Its dark modules are given
    /// as SVG path data: each run of dark modules in a row is one rectangle `M{x} {y}h{w}v1h-{w}z`.
    /// (Drawn through the template one run at a time, a code cost a notice page about 1,500
    /// template lookups — two thirds of a 1,000-notice build.)
    static func view(_ url: String) -> QRView? {
        guard let rows = modules(url) else { return nil }
        var path: [UInt8] = []
        path.reserveCapacity(rows.count * 40)
        func number(_ n: Int) { path.append(contentsOf: String(n).utf8) }
        for (y, row) in rows.enumerated() {
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                let start = x
                while x < row.count, row[x] { x += 1 }
                path.append(UInt8(ascii: "M")); number(start + quietZone)
                path.append(UInt8(ascii: " ")); number(y + quietZone)
                path.append(UInt8(ascii: "h")); number(x - start)
                path.append(contentsOf: "v1h-".utf8); number(x - start)
                path.append(UInt8(ascii: "z"))
            }
        }
        return QRView(size: rows.count + 2 * quietZone, path: String(decoding: path, as: UTF8.self), url: url)
    }
}

/// What `qr.svg.mustache` sees: a QR code, one module = one SVG unit, the quiet zone included in `size`.
struct QRView: Codable, Sendable {
    /// Side of the code in modules, the quiet zone of 4 on each side included.
    var size: Int
    /// The dark modules as SVG path data (the value of a `<path>`'s `d`): one rectangle per run
    /// of dark modules in a row.
    var path: String
    /// The address the code opens.
    var url: String
}
