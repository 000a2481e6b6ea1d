import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation
import Synchronization

/// A value behind a lock: the cheapest safe way to share one mutable value between the
/// request handlers, the watcher thread and the rebuild loop. Critical sections are a few
/// loads and stores, so a plain lock beats an actor hop on every request. A class around a
/// ``Mutex`` (which cannot be copied) so that every holder shares the one value.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { value in try body(&value) }
    }

    /// A copy of the current value.
    var current: Value {
        withLock { $0 }
    }
}
