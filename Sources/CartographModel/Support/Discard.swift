import Foundation

/// Lets go of a finished build's values on a thread of its own. The inputs, the map and the
/// outputs of 1,000 apps are hundreds of thousands of allocations: freeing them costs the
/// main thread milliseconds that a command about to print its summary need not wait for.
package enum Discard {
    package static func later<Value: Sendable>(_ value: consuming Value) {
        // The box is the value's only owner once the caller has consumed it, and its one
        // reference is released on the other thread: whatever the timing, the value is
        // destroyed there.
        let box = Unmanaged.passRetained(Box(consume value))
        let release = UncheckedRelease(box: box)
        DispatchQueue.global(qos: .utility).async { release.run() }
    }

    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: consuming Value) { self.value = value }
    }

    /// The box's reference, handed to the thread that releases it: it is used once, there.
    private struct UncheckedRelease<Value: Sendable>: @unchecked Sendable {
        let box: Unmanaged<Box<Value>>
        func run() { box.release() }
    }
}
