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
    /// What was set at `i` (read once every writer is done).
    subscript(i: Int) -> T? { slots[i] }
}

/// Lets go of `value` on another thread: a long-running process's rebuild returns without waiting
/// for the previous build's tables (tens of thousands of strings, closures and notices) to be freed.
func releaseLater<T: Sendable>(_ value: consuming T) {
    let doomed = Doomed(consume value)
    DispatchQueue.global(qos: .utility).async { doomed.drop() }
}

/// Holds a value until `drop` (`releaseLater`): the last reference goes on the thread that drops it.
private final class Doomed<T>: @unchecked Sendable {
    private var value: T?
    init(_ value: consuming T) { self.value = consume value }
    func drop() { value = nil }
}

/// `a()` and `b()` at the same time (two stages that only read the same values), and both results.
func inParallel<A, B>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    let first = ParallelResults<A>(count: 1), second = ParallelResults<B>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { first.set(0, a()) } else { second.set(0, b()) }
    }
    return (first.values[0], second.values[0])
}

/// `make(i)` for every `i` in `0..<count`, in parallel, except where `kept` (what a long-running
/// process kept from its last build) holds a value: that one is taken as it is, and the problems
/// found when it was made are reported to `sink` again.
func keptOrMade<T>(_ count: Int, kept: [(T, [Diagnostic])?]?, into sink: Diagnostics, make: @Sendable (Int) -> T) -> [T] {
    let results = ParallelResults<T>(count: count)
    var todo: [Int] = []
    for i in 0..<count {
        guard let (value, diagnostics) = kept?[i] else { todo.append(i); continue }
        if !diagnostics.isEmpty { sink.report(diagnostics) }
        results.set(i, value)
    }
    let now = todo
    DispatchQueue.concurrentPerform(iterations: now.count) { j in results.set(now[j], make(now[j])) }
    return results.values
}

/// The fields of site.yaml, each declared once (read, checked for unknown keys and compared with
/// docs/content-spec.md from here).
