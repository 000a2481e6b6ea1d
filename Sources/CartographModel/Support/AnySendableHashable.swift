/// A hashable value of any `Sendable` type, for caches keyed by values of different types:
/// `AnyHashable` would do, but it is not `Sendable`.
package struct AnySendableHashable: Hashable, Sendable {
    private let base: any Hashable & Sendable

    package init(_ base: some Hashable & Sendable) {
        self.base = base
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.base.isEqual(to: rhs.base)
    }

    package func hash(into hasher: inout Hasher) {
        base.hash(into: &hasher)
    }
}

extension Hashable {
    /// Equal when `other` is a value of this type and equal to this one.
    fileprivate func isEqual(to other: any Hashable) -> Bool {
        (other as? Self) == self
    }
}
