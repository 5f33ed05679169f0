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

    /// The code of `url` as rows of dark runs, with the quiet zone; nil when it does not fit.
    static func view(_ url: String) -> QRView? {
        guard let rows = modules(url) else { return nil }
        var out: [QRRowView] = []
        for (y, row) in rows.enumerated() {
            var runs: [QRRunView] = []
            var x = 0
            while x < row.count {
                guard row[x] else { x += 1; continue }
                let start = x
                while x < row.count, row[x] { x += 1 }
                runs.append(QRRunView(x: start + quietZone, width: x - start))
            }
            if !runs.isEmpty { out.append(QRRowView(y: y + quietZone, runs: runs)) }
        }
        return QRView(size: rows.count + 2 * quietZone, rows: out, url: url)
    }
}

/// What `qr.svg.mustache` sees: a QR code as horizontal runs of dark modules, one module = one
/// SVG unit, the quiet zone included in `size`.
struct QRView: Codable, Sendable {
    /// Side of the code in modules, the quiet zone of 4 on each side included.
    var size: Int
    /// The rows that have dark modules.
    var rows: [QRRowView]
    /// The address the code opens.
    var url: String
}

/// One row of a QR code.
struct QRRowView: Codable, Sendable {
    /// Top of the row.
    var y: Int
    /// Its runs of dark modules, left to right.
    var runs: [QRRunView]
}

/// A run of dark modules in a row.
struct QRRunView: Codable, Sendable {
    /// Left end.
    var x: Int
    /// Number of modules.
    var width: Int
}
