import Foundation

/// Work that is the same for many independent items (reading a spec, rendering an app's
/// page) spread over the machine's cores. Results keep the items' order, so output stays
/// deterministic.
///
/// A cancelled build (``BuildCancellation``) starts no more items and gets no results: the
/// caller is about to discard them.
package enum Parallel {
    package static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let cancellation = BuildCancellation.current
        let results = ResultSlots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            guard cancellation?.isCancelled != true else { return }
            results.set(index, BuildCancellation.$current.withValue(cancellation) { transform(items[index]) })
        }
        return cancellation?.isCancelled == true ? [] : results.values
    }

    /// Runs two independent pieces of work side by side.
    package static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let cancellation = BuildCancellation.current
        let firstResult = ResultSlots<First>(count: 1)
        let secondResult = ResultSlots<Second>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            BuildCancellation.$current.withValue(cancellation) {
                if index == 0 { firstResult.set(0, first()) } else { secondResult.set(0, second()) }
            }
        }
        // concurrentPerform returns after both ran: each slot holds its result.
        return (firstResult.values[0], secondResult.values[0])
    }
}

/// One slot per item, written once each from `concurrentPerform`; the lock makes the
/// writes safe, and slots never overlap.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
