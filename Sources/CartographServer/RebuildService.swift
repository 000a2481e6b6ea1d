import CartographInput
import CartographKit
import CartographModel
import CartographRender
import Foundation
import ServiceLifecycle

/// Watches the inputs, rebuilds on a save, swaps the new site in and tells the open pages to
/// reload. Runs beside the HTTP server in the application's service group, and stops with it.
///
/// The first change after a quiet spell starts a build at once: the time from a save to the
/// page is the build's, not a wait. The rest of its burst (an editor writes a temporary file,
/// renames it, touches it; a plain write may come in pieces) supersedes that build once the
/// burst has been quiet for `debounce`, so a build that read a file half written is never
/// the last: the last build starts after the last change, and reads the final bytes.
///
/// The loop never waits on a build: builds run on threads of their own and report back. A
/// save that settles while a build runs supersedes it (the old build is cancelled and its
/// result dropped), so a slow or stuck build never holds back the fix — unless changes have
/// gone unserved for `maximumDelay`, when the running build is let finish, so that a steady
/// stream of changes cannot starve every build; a build that runs past its time bound is
/// abandoned with an error in the overlay; and shutting down leaves a running build behind,
/// which is safe because a build writes nothing.
///
/// The watcher starts when the service is made, before the server listens, and the first
/// pass of the loop is a quiet catch-up build: a save between the first build and the
/// watch is not lost.
final class RebuildService: Service {
    /// Runs one build: ``PreviewBuilder/build(after:cancellation:)``, or a stand-in in tests.
    typealias Build = @Sendable (_ previous: PreviewBuilder.Result, _ cancellation: BuildCancellation) -> PreviewBuilder.Result

    private let builder: PreviewBuilder
    private let build: Build
    private let store: SiteStore
    private let console: ServeConsole
    private let latest: Locked<PreviewBuilder.Result>
    private let watcher: any FileWatcher
    private let changes = Locked(Changes())
    /// Counts the changes reported, and when they came: a burst has settled when nothing
    /// new came for `debounce`.
    private struct Changes {
        var count = 0
        var last = ContinuousClock.now
        /// When the first change that no build has started after came.
        var pendingSince: ContinuousClock.Instant?
        /// That change came after a quiet spell: it starts a burst.
        var startsBurst = false
        /// When the first change that no accepted build saw came.
        var unservedSince: ContinuousClock.Instant?
    }
    /// Wakes the loop: a change, a finished build, or the alarm. The loop looks at the whole
    /// state on every wake, so wakes can be merged.
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let alarm = Locked<(at: ContinuousClock.Instant, task: Task<Void, Never>)?>(nil)
    private let stopping = Locked(false)
    /// Quiet time that ends a burst of changes (and before a change, starts one). Short: it
    /// counts toward the time from a save to the page, and an editor's burst takes a
    /// millisecond or two.
    let debounce: Duration
    /// The longest a steady stream of changes can hold a rebuild back, or keep superseding
    /// the running one.
    let maximumDelay: Duration
    /// How often idle event streams get a keep-alive.
    let heartbeat: Duration
    /// The longest a build may run before it is abandoned, unless the workspace's last
    /// build took more than a quarter of it: a large project gets four times its usual time.
    let limit: Duration

    init(
        builder: PreviewBuilder, initial: PreviewBuilder.Result, store: SiteStore, console: ServeConsole, polling: Bool,
        debounce: Duration = .milliseconds(10), maximumDelay: Duration = .seconds(1), heartbeat: Duration = .seconds(5),
        limit: Duration = PreviewServer.Configuration.defaultBuildLimit, build: Build? = nil
    ) {
        self.builder = builder
        self.build = build ?? { previous, cancellation in builder.build(after: previous, cancellation: cancellation) }
        self.store = store
        self.console = console
        self.latest = Locked(initial)
        self.debounce = debounce
        self.maximumDelay = maximumDelay
        self.heartbeat = heartbeat
        self.limit = limit
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let changes = changes
        let wake = wake
        watcher = FileWatchers.make(polling: polling) { _ in
            Self.note(changes, quiet: debounce)
            wake.yield()
        }
        let folders = replan(after: initial)
        console.err("watching \(folders.count) folder\(folders.count == 1 ? "" : "s") (\(watcher.mechanism))\n")
        Self.note(changes, quiet: debounce)
        wake.yield()
    }

    func run() async throws {
        let store = store
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
            self.stop()
        }
        stop()
    }

    /// Stops watching and ends the loop and the event streams; a build still running is left
    /// to finish on its own, unseen.
    func stop() {
        stopping.withLock { $0 = true }
        watcher.stop()
        wake.finish()
        alarm.withLock { alarm in
            alarm?.task.cancel()
            alarm = nil
        }
        store.close()
    }

    private static func note(_ changes: Locked<Changes>, quiet: Duration) {
        changes.withLock { changes in
            let now = ContinuousClock.now
            changes.count += 1
            if changes.pendingSince == nil {
                changes.pendingSince = now
                changes.startsBurst = now - changes.last >= quiet
            }
            if changes.unservedSince == nil { changes.unservedSince = now }
            changes.last = now
        }
    }

    /// A build in flight.
    private final class Running: Sendable {
        let cancellation = BuildCancellation()
        let started = ContinuousClock.now
        /// How many changes had been reported when it started: it sees all of them.
        let sees: Int
        /// How long it may run.
        let budget: Duration
        /// The catch-up build reports only a change.
        let quiet: Bool
        let outcome = Locked<PreviewBuilder.Result?>(nil)

        init(sees: Int, budget: Duration, quiet: Bool) {
            self.sees = sees
            self.budget = budget
            self.quiet = quiet
        }

        var deadline: ContinuousClock.Instant { started + budget }
    }

    private func rebuildLoop() async {
        var running: Running?
        var built = 0
        var catchingUp = true
        let initial = latest.current
        var usual = initial.isStopped ? .zero : initial.duration
        for await _ in wakes {
            // A wake already buffered when the service stopped starts nothing.
            if stopping.current { break }
            if let current = running, let result = current.outcome.current {
                running = nil
                usual = result.duration
                changes.withLock { changes in
                    // What came after it started is still to be served, since the first such change.
                    changes.unservedSince = changes.count == current.sees ? nil : changes.pendingSince
                }
                accept(result, quiet: current.quiet)
            }
            if let current = running, ContinuousClock.now >= current.deadline {
                running = nil
                current.cancellation.cancel()
                abandon(after: ContinuousClock.now - current.started, budget: current.budget)
            }
            let now = ContinuousClock.now
            var next = running?.deadline
            let pending = changes.current
            if pending.count != built {
                // The first change of a burst starts a build at once. Editors write, rename
                // and touch in quick succession: the rest of the burst supersedes that build
                // once it has settled. A steady stream of changes holds a build back at most
                // `maximumDelay`, and cannot keep cancelling builds for longer than that.
                var due = pending.last + debounce
                if running == nil {
                    due = pending.startsBurst ? now : min(due, (pending.pendingSince ?? now) + maximumDelay)
                }
                if catchingUp { due = now }
                let starving = pending.unservedSince.map { now - $0 >= maximumDelay } ?? false
                if due <= now, running != nil, starving {
                    // Let the running build finish and be served; the next starts when it does.
                } else if due <= now {
                    running?.cancellation.cancel()
                    built = changes.withLock { changes in
                        changes.pendingSince = nil
                        return changes.count
                    }
                    let started = start(after: latest.current, sees: built, budget: max(limit, usual * 4), quiet: catchingUp)
                    running = started
                    catchingUp = false
                    next = started.deadline
                } else {
                    next = min(next ?? due, due)
                }
            }
            setAlarm(next)
        }
        running?.cancellation.cancel()
    }

    /// Starts a build on a thread of its own: it is synchronous and can take a while on a large
    /// workspace, and must not hold up the threads that answer requests.
    private func start(after previous: PreviewBuilder.Result, sees: Int, budget: Duration, quiet: Bool) -> Running {
        let running = Running(sees: sees, budget: budget, quiet: quiet)
        let build = build
        let wake = wake
        Self.onOwnThread {
            let result = build(previous, running.cancellation)
            guard !running.cancellation.isCancelled else { return }
            running.outcome.withLock { $0 = result }
            wake.yield()
        }
        return running
    }

    /// Wakes the loop at `instant` (one alarm at a time; nil for none).
    private func setAlarm(_ instant: ContinuousClock.Instant?) {
        let wake = wake
        alarm.withLock { alarm in
            if alarm?.at == instant { return }
            alarm?.task.cancel()
            alarm = instant.map { instant in
                (
                    instant,
                    Task {
                        try? await Task.sleep(until: instant, clock: .continuous)
                        if !Task.isCancelled { wake.yield() }
                    }
                )
            }
        }
    }

    private func accept(_ result: PreviewBuilder.Result, quiet: Bool) {
        latest.withLock { $0 = result }
        if result.changed { store.publish(result.snapshot) }
        if !quiet || result.changed { report(result) }
        // A folder created since the last plan may already hold files the build did not see:
        // build once more now that it is watched.
        if !replan(after: result).isEmpty {
            Self.note(changes, quiet: debounce)
            wake.yield()
        }
    }

    /// Gives up on a build that ran too long: the last good site stays up under an overlay
    /// that says so, and the next save tries again.
    private func abandon(after elapsed: Duration, budget: Duration) {
        let result = builder.stopped(after: latest.current, reason: Self.overdue(budget), duration: elapsed)
        latest.withLock { $0 = result }
        if result.changed { store.publish(result.snapshot) }
        console.err(result.terminalText)
        console.out("build abandoned after \(Self.describe(elapsed))\(result.lastGood != nil ? "; serving the last good build" : "")\n")
    }

    /// Watches what the latest config names; returns the folders newly watched.
    @discardableResult private func replan(after result: PreviewBuilder.Result) -> [String] {
        let plan: WatchPlan
        if result.configUnknown {
            // No build has got as far as the config: watch the whole folder, so that the fix
            // is seen wherever it is saved.
            let root = builder.root.standardizedFileURL.path
            plan = WatchPlan(folders: [.init(path: root, recursive: true)], excluded: [])
        } else {
            plan = WatchPlan.make(root: builder.root, configFile: builder.configFile, config: result.config, base: result.base)
        }
        return watcher.watch(plan.directories())
    }

    /// Prints what changed since the last build: its new diagnostics (each diagnostic is
    /// printed once, not again on every save), then one line with the counts and what is new
    /// and fixed.
    private func report(_ result: PreviewBuilder.Result) {
        console.err(result.newTerminalText)
        var line = "rebuilt in \(Int((result.duration / .milliseconds(1)).rounded())) ms"
        if result.errors > 0 {
            line += ": \(DiagnosticPrinter.summary(errors: result.errors, warnings: result.warnings))"
            if result.lastGood != nil { line += "; serving the last good build" }
        } else if !result.changed {
            line += " (no change)"
        } else if result.warnings > 0 {
            line += ": \(DiagnosticPrinter.summary(errors: 0, warnings: result.warnings))"
        }
        let changes = [result.new > 0 ? "\(result.new) new" : nil, result.fixed > 0 ? "\(result.fixed) fixed" : nil].compactMap { $0 }
        if !changes.isEmpty { line += " (\(changes.joined(separator: ", ")))" }
        console.out(line + "\n")
    }

    /// "250 ms", "2 s", "2.5 s".
    static func describe(_ duration: Duration) -> String {
        let milliseconds = Int((duration / .milliseconds(1)).rounded())
        guard milliseconds >= 1000 else { return "\(milliseconds) ms" }
        let tenths = (milliseconds + 50) / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }

    /// Runs `work` on a new thread. Not on Dispatch's global queue: its width is the number of
    /// cores, so on a 2-core machine two builds left hanging (abandoned past their limit, or
    /// superseded by a save) would hold every worker and no later build would ever start.
    static func onOwnThread(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread(block: work)
        thread.name = "cartograph-build"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The first build, bounded like every other: a workspace that hangs the build still gets
    /// a server, with the error in the overlay.
    /// - Parameter build: how to build; tests pass a stand-in.
    static func firstBuild(
        _ builder: PreviewBuilder, limit: Duration, build: (@Sendable (BuildCancellation) -> PreviewBuilder.Result)? = nil
    ) async -> PreviewBuilder.Result {
        let build = build ?? { cancellation in builder.build(cancellation: cancellation) }
        let cancellation = BuildCancellation()
        let clock = ContinuousClock()
        let start = clock.now
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<PreviewBuilder.Result?, Never>) in
            let pending = Locked<CheckedContinuation<PreviewBuilder.Result?, Never>?>(continuation)
            let finish: @Sendable (PreviewBuilder.Result?) -> Void = { result in
                pending.withLock { $0.take() }?.resume(returning: result)
            }
            onOwnThread { finish(build(cancellation)) }
            let nanoseconds = Int(min(limit / .nanoseconds(1), Double(Int.max / 2)))
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { finish(nil) }
        }
        if let result { return result }
        cancellation.cancel()
        return builder.stopped(after: nil, reason: overdue(limit), duration: clock.now - start)
    }

    /// The error of a build abandoned at `limit`.
    static func overdue(_ limit: Duration) -> String {
        "error: the build did not finish within \(describe(limit)) and was abandoned: "
            + "an input may be too large or malformed; save a file to try again"
    }
}
