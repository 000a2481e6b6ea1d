import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Counts calls from many threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() {
        lock.lock()
        value += 1
        lock.unlock()
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

@Suite("Cancelling a build")
struct BuildCancellationTests {
    @Test func aCancelledBuildStartsNoMoreItemsAndGetsNoResults() {
        let items = Array(0..<2000)
        let cancellation = BuildCancellation()
        let started = Counter()
        let results = BuildCancellation.$current.withValue(cancellation) {
            Parallel.map(items) { item in
                started.increment()
                if item == 10 { cancellation.cancel() }
                usleep(100)
                return item
            }
        }
        #expect(results.isEmpty)
        // Items already running finish; the rest are skipped.
        #expect(started.count < items.count / 2, "\(started.count) of \(items.count) items ran")
    }

    @Test func theCancellationReachesTheWorkerThreadsAndIsOffOtherwise() {
        let cancellation = BuildCancellation()
        let seen = BuildCancellation.$current.withValue(cancellation) {
            Parallel.map(Array(0..<64)) { _ in BuildCancellation.current === cancellation }
        }
        #expect(seen == Array(repeating: true, count: 64))
        #expect(Parallel.map(Array(0..<64)) { $0 * 2 } == Array(0..<64).map { $0 * 2 })
        #expect(BuildCancellation.current == nil)
        #expect(!BuildCancellation.isCurrentCancelled)
    }

    /// A workspace loaded under a cancelled build (every `Parallel.map` making no results)
    /// still reads and charges every page it would, one after the other, without indexing
    /// past the empty results: a superseded `serve` build once stopped the server that way.
    /// (What it parsed is discarded with the build.)
    @Test func aCancelledLoadReadsWhatItWouldWithoutParallelResults() throws {
        let generated = try generatedProject(apps: 6)
        defer { try? FileManager.default.removeItem(at: generated) }
        for root in [repositoryRoot, generated] {
            let whole = Workspace.load(root: root)
            #expect(!whole.pages.isEmpty || root == generated)
            let cancellation = BuildCancellation()
            cancellation.cancel()
            let cancelled = BuildCancellation.$current.withValue(cancellation) { Workspace.load(root: root) }
            #expect(cancelled.inputFiles.filter { $0.hasSuffix(".md") } == whole.inputFiles.filter { $0.hasSuffix(".md") })
        }
    }

    /// On a Dispatch thread (where `serve` runs its builds), outside any task.
    @Test func aCancelledMapBuildStopsBeforeRendering() async throws {
        let workspace = Workspace.load(root: repositoryRoot)
        let whole = MapBuild.run(workspace)
        #expect(!whole.outputs.paths.isEmpty)
        let cancellation = BuildCancellation()
        cancellation.cancel()
        let stopped = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: BuildCancellation.$current.withValue(cancellation) { MapBuild.run(workspace) })
            }
        }
        #expect(stopped.outputs.paths.isEmpty)
    }
}
