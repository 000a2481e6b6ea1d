import Synchronization

/// Collects diagnostics across every input of a run, so one run reports every problem.
///
/// A reference type because loaders deep in a decode tree append to the same bag; behind a
/// lock because loading reads files on every core (``Parallel/map(_:_:)``) into one bag.
package final class DiagnosticBag: Sendable {
    private let storage = Mutex<[Diagnostic]>([])

    package init() {}

    /// The diagnostics in the order they were reported.
    package var diagnostics: [Diagnostic] { storage.withLock { $0 } }

    package func append(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    package func append(contentsOf other: [Diagnostic]) {
        storage.withLock { $0.append(contentsOf: other) }
    }

    package func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        append(.error(message, at: location, hint: hint))
    }

    package func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        append(.warning(message, at: location, hint: hint))
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Diagnostics in file, line, column order, duplicates removed: the order they print in.
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.severity == .error ? 0 : 1) < ($1.location, $1.severity == .error ? 0 : 1) }
    }
}
