import Synchronization

/// The bytes that files read ahead of the input budget's fold may hold between them, claimed
/// from every core as each file's size is known: what is read ahead stays within the bytes
/// the budget has left, whichever files claim them first.
final class ByteClaims: Sendable {
    private let limit: Int
    private let claimed = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Claims `bytes`; false, and nothing claimed, when they would pass the limit.
    func claim(_ bytes: Int) -> Bool {
        var current = claimed.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = claimed.compareExchange(expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }
}
