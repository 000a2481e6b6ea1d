import Foundation
import Synchronization

/// Work done on a thread of its own while the caller goes on, for a stage nothing else
/// waits for until the end (the Markdown map beside the site). The caller's build
/// cancellation and memo go with it, as with ``Parallel``.
package final class Beside<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        let cancellation = BuildCancellation.current
        let memo = Memo.current
        Thread.detachNewThread { [self] in
            let value = BuildCancellation.$current.withValue(cancellation) { Memo.$current.withValue(memo) { work() } }
            result.withLock { $0 = value }
            finished.signal()
        }
    }

    /// The work's result, once it is done.
    package var value: Value {
        finished.wait()
        finished.signal()
        // Set before the semaphore was signalled.
        guard let value = result.withLock({ $0 }) else { preconditionFailure("the work finished without a value") }
        return value
    }
}
