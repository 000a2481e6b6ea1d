import CartographKit
import Foundation
import ServiceLifecycle

/// Watches the inputs, rebuilds after a burst of saves has settled, swaps the new site in
/// and tells the open pages to reload. Runs beside the HTTP server in the application's
/// service group, and stops with it.
///
/// The watcher starts when the service is made, before the server listens, and the first
/// pass of the loop is a quiet catch-up build: a save between the first build and the
/// watch is not lost.
final class RebuildService: Service {
    private let builder: PreviewBuilder
    private let store: SiteStore
    private let console: ServeConsole
    private let latest: Locked<PreviewBuilder.Result>
    private let watcher: any FileWatcher
    /// Counts the changes reported, and when the last one came: a burst has settled when
    /// nothing new came for `debounce`.
    private let generation = Locked(Changes())
    private struct Changes {
        var count = 0
        var last = ContinuousClock.now
    }
    private let changes: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation
    /// Quiet time that ends a burst of changes.
    let debounce: Duration
    /// The longest a steady stream of changes can hold a rebuild back.
    let maximumDelay: Duration
    /// How often idle event streams get a keep-alive.
    let heartbeat: Duration

    init(
        builder: PreviewBuilder, initial: PreviewBuilder.Result, store: SiteStore, console: ServeConsole, polling: Bool,
        debounce: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(1), heartbeat: Duration = .seconds(15)
    ) {
        self.builder = builder
        self.store = store
        self.console = console
        self.latest = Locked(initial)
        self.debounce = debounce
        self.maximumDelay = maximumDelay
        self.heartbeat = heartbeat
        (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let generation = generation
        let signal = signal
        watcher = FileWatchers.make(polling: polling) { _ in
            generation.withLock { changes in
                changes.count += 1
                changes.last = .now
            }
            signal.yield()
        }
        let folders = replan(after: initial)
        console.err("watching \(folders.count) folder\(folders.count == 1 ? "" : "s") (\(watcher.mechanism))\n")
        generation.withLock { $0.count += 1 }
        signal.yield()
    }

    func run() async throws {
        let store = store
        let watcher = watcher
        let signal = signal
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [heartbeat] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: heartbeat)
                        store.events.send(.ping)
                    }
                }
                await self.rebuildLoop()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            watcher.stop()
            signal.finish()
            store.close()
        }
        stop()
    }

    /// Stops watching and ends the event streams.
    func stop() {
        watcher.stop()
        signal.finish()
        store.close()
    }

    private func rebuildLoop() async {
        let clock = ContinuousClock()
        var built = 0
        var catchingUp = true
        for await _ in changes {
            // Changes seen while settling the previous burst leave a signal behind: nothing new.
            if generation.current.count == built { continue }
            // Wait for the burst to settle: editors write, rename and touch in quick succession.
            let start = clock.now
            while !catchingUp, !Task.isCancelled {
                let quiet = clock.now - generation.current.last
                if quiet >= debounce || clock.now - start >= maximumDelay { break }
                try? await Task.sleep(for: debounce - quiet)
            }
            built = generation.current.count
            let previous = latest.current
            let builder = builder
            let result = await Self.offCooperativePool { builder.build(after: previous) }
            latest.withLock { $0 = result }
            if result.changed { store.publish(result.snapshot) }
            if !catchingUp || result.changed { report(result) }
            catchingUp = false
            // A folder created since the last plan may already hold files the build did
            // not see: build once more now that it is watched.
            if !replan(after: result).isEmpty {
                generation.withLock { $0.count += 1 }
                signal.yield()
            }
        }
    }

    /// Watches what the latest config names; returns the folders newly watched.
    @discardableResult private func replan(after result: PreviewBuilder.Result) -> [String] {
        let plan = WatchPlan.make(root: builder.root, configFile: builder.configFile, config: result.config, base: result.base)
        return watcher.watch(plan.directories())
    }

    private func report(_ result: PreviewBuilder.Result) {
        console.err(result.terminalText)
        let milliseconds = Int((result.duration / .milliseconds(1)).rounded())
        var line = "rebuilt in \(milliseconds) ms"
        if result.errors > 0 {
            line += ": \(DiagnosticPrinter.summary(errors: result.errors, warnings: result.warnings))"
            if result.lastGood != nil { line += "; serving the last good build" }
        } else if !result.changed {
            line += " (no change)"
        }
        console.out(line + "\n")
    }

    /// Runs a build on a Dispatch thread: it is synchronous and can take a while on a large
    /// workspace, and must not hold up the threads that answer requests.
    static func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
