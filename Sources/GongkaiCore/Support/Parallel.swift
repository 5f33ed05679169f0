import Foundation

final class ParallelResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    var values: [T] { slots.compactMap { $0 } }
}

/// The fields of site.yaml, each declared once (read, checked for unknown keys and compared with
/// docs/content-spec.md from here).
