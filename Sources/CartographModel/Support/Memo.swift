/// Results of pure steps kept from one build to the next (`serve`): a step deep in the
/// renderers (a box's layout, a page's Markdown as HTML) asks ``value(_:_:)`` with a key that
/// is everything it reads, and gets what it made before for an equal key.
///
/// The store reaches the steps as a task-local value, as ``BuildCancellation`` does, so that
/// they keep their signatures; ``Parallel`` carries it to its worker threads. Without one
/// (`build`, `check`) every step just runs.
package enum Memo {
    /// Where the build running here keeps its steps' results, if anywhere.
    @TaskLocal package static var current: (any Store)?

    /// What keeps the results.
    package protocol Store: Sendable {
        /// `make()`, or what it gave before for an equal `key`.
        func value<Key: Hashable & Sendable, Value: Sendable>(_ key: Key, _ make: () -> Value) -> Value
    }

    /// `make()`, or what it gave before for an equal `key`. Only for pure steps whose key is
    /// all they read: a function of its parameters alone, with the parameters as the key.
    /// Without a store the key is not made: a key holds copies of what the step reads.
    package static func value<Key: Hashable & Sendable, Value: Sendable>(_ key: @autoclosure () -> Key, _ make: () -> Value) -> Value {
        guard let current else { return make() }
        return current.value(key(), make)
    }
}
