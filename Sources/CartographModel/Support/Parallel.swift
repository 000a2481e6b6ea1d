import Foundation

/// Work that is the same for many independent items (reading a spec, rendering an app's
/// page) spread over the machine's cores. Results keep the items' order, so output stays
/// deterministic.
///
/// A cancelled build (``BuildCancellation``) starts no more items and gets no results: the
/// caller is about to discard them. The build's ``Memo`` goes with the items too.
package enum Parallel {
    package static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let cancellation = BuildCancellation.current
        let memo = Memo.current
        let results = ResultSlots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            guard cancellation?.isCancelled != true else { return }
            let result = BuildCancellation.$current.withValue(cancellation) {
                Memo.$current.withValue(memo) { transform(items[index]) }
            }
            results.set(index, result)
        }
        return cancellation?.isCancelled == true ? [] : results.values
    }
}

/// One slot per item, written once each from `concurrentPerform`. No lock: each index is
/// written by exactly one iteration, and `concurrentPerform` returns only once every
/// iteration has, so the reads that follow see every write.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        slots[index] = value
    }

    /// The results, moved out of their slots (one read, after `concurrentPerform`).
    var values: [Value] {
        var values: [Value] = []
        values.reserveCapacity(slots.count)
        for index in slots.indices {
            if let value = slots[index].take() { values.append(value) }
        }
        return values
    }
}
