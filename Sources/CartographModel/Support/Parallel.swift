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
    /// Each result, initialised where ``filled`` says: results are moved in and out of
    /// their slots, never copied (a copy of a spec or a page retains each of its strings).
    private let slots: UnsafeMutablePointer<Value>
    private let filled: UnsafeMutableBufferPointer<Bool>

    init(count: Int) {
        slots = .allocate(capacity: count)
        filled = .allocate(capacity: count)
        filled.initialize(repeating: false)
    }

    deinit {
        for index in filled.indices where filled[index] { (slots + index).deinitialize(count: 1) }
        slots.deallocate()
        filled.deallocate()
    }

    func set(_ index: Int, _ value: consuming Value) {
        (slots + index).initialize(to: value)
        filled[index] = true
    }

    /// The results set, in order, moved out of their slots (one read, after `concurrentPerform`).
    var values: [Value] {
        var values: [Value] = []
        values.reserveCapacity(filled.count)
        for index in filled.indices where filled[index] {
            filled[index] = false
            values.append((slots + index).move())
        }
        return values
    }
}
