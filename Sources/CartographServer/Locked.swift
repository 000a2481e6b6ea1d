import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation

/// A value behind a lock: the cheapest safe way to share one mutable value between the
/// request handlers, the watcher thread and the rebuild loop. Critical sections are a few
/// loads and stores, so a plain lock beats an actor hop on every request.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the current value.
    var current: Value {
        withLock { $0 }
    }
}
