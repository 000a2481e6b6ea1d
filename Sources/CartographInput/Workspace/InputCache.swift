package import CartographModel
package import Foundation
import Synchronization

/// What reading each input file produced, kept between the builds of one `serve`: a save
/// re-reads every file (a read is cheap) but parses only the files whose bytes changed.
///
/// An entry is keyed by what was done (``Step``) and the file's path, and holds the bytes
/// it was made from, compared in full: the same bytes under the same path give the same
/// result, because every reader is a pure function of its bytes and path (and of
/// `context`, for the one reader that depends on other files). A reader's diagnostics
/// are part of its result, so a cached file reports exactly what parsing it would.
///
/// Safe to share between builds that overlap (a build superseded by a newer save may still
/// be running): each lookup and store is atomic, and an entry is only ever replaced by
/// another made from the file's bytes at the time.
package final class InputCache: Sendable {
    /// What was made from a file.
    package enum Step: Hashable, Sendable {
        /// The node count charged against the input budget before parsing.
        case nodes
        /// The parsed config, spec, status or page.
        case parsed
    }

    private struct Key: Hashable {
        var step: Step
        var path: String
    }

    private struct Entry: Sendable {
        var bytes: Data
        var context: AnySendableHashable
        var value: any Sendable
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let counts = Mutex((hits: 0, misses: 0))

    /// An empty cache.
    package init() {}

    /// The result of `make` for this file's bytes: the cached one when `path` last had
    /// these bytes (and `context`), else a new one, kept for the next build.
    package func value<Value: Sendable>(
        _ step: Step, path: String, bytes: Data, context: AnySendableHashable = AnySendableHashable(0), make: () -> Value
    ) -> Value {
        let key = Key(step: step, path: path)
        let cached = entries.withLock { entries -> Value? in
            guard let entry = entries[key], entry.context == context, entry.bytes == bytes else { return nil }
            return entry.value as? Value
        }
        if let cached {
            counts.withLock { $0.hits += 1 }
            return cached
        }
        counts.withLock { $0.misses += 1 }
        let value = make()
        entries.withLock { $0[key] = Entry(bytes: bytes, context: context, value: value) }
        return value
    }

    /// Forgets every file not in `paths`: a deleted or renamed file's results would
    /// otherwise stay for as long as the server runs.
    func keepOnly(_ paths: Set<String>) {
        entries.withLock { entries in entries = entries.filter { paths.contains($0.key.path) } }
    }

    /// How many lookups found their result, and how many had to make it, since the last
    /// call: what a rebuild re-parsed.
    package func takeCounts() -> (hits: Int, misses: Int) {
        counts.withLock { counts in
            defer { counts = (0, 0) }
            return counts
        }
    }
}

extension Optional where Wrapped == InputCache {
    /// `make`'s result, through the cache when there is one: `build` and `check` read each
    /// file once and keep nothing.
    func value<Value: Sendable>(
        _ step: InputCache.Step, path: String, bytes: Data, context: AnySendableHashable = AnySendableHashable(0), make: () -> Value
    ) -> Value {
        guard let cache = self else { return make() }
        return cache.value(step, path: path, bytes: bytes, context: context, make: make)
    }
}
