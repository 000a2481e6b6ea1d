import Synchronization

/// Lets whoever started a build give up on it: `serve` does when a newer save supersedes the
/// build, or when it runs past its time bound. The pipeline looks between stages and before
/// each file and page, and a cancelled build returns early with incomplete outputs, which the
/// caller discards: the CPU goes to the next build instead of to work nobody will see.
///
/// It reaches the pipeline as a task-local value, not a parameter, so that the stages keep
/// their signatures; a build is synchronous, and the value stays bound on the thread that runs
/// it (``Parallel`` carries it to its worker threads).
package final class BuildCancellation: Sendable {
    private let cancelled = Atomic(false)

    /// A build that has not been cancelled.
    package init() {}

    /// The cancellation of the build running here, if it has one.
    @TaskLocal package static var current: BuildCancellation?

    /// Asks the build to stop at its next check.
    package func cancel() {
        cancelled.store(true, ordering: .releasing)
    }

    /// Whether `cancel()` was called.
    package var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }

    /// Whether the build running here was cancelled: its results are about to be discarded.
    package static var isCurrentCancelled: Bool { current?.isCancelled ?? false }
}
