import CartographInput
import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

/// A build that can be made to hang the way a reader stuck in a loop does: it ignores its
/// cancellation until the test lets it go.
final class BuildGate: Sendable {
    private struct State {
        var hanging = false
        var released = false
        var stuck = 0
        var finished = 0
    }

    private let state = Locked(State())

    /// Builds from now on hang (true) or run (false).
    func hang(_ on: Bool) { state.withLock { $0.hanging = on } }

    /// How many builds are hanging right now.
    var stuck: Int { state.current.stuck }

    /// How many builds have finished.
    var finished: Int { state.current.finished }

    /// Called at the end of each build.
    func done() { state.withLock { $0.finished += 1 } }

    /// Lets every hanging build go (they then run as usual, and their results are dropped).
    func release() { state.withLock { $0.released = true } }

    /// Called at the start of each build.
    func pass() {
        guard
            state.withLock({ state in
                guard state.hanging, !state.released else { return false }
                state.stuck += 1
                return true
            })
        else { return }
        while !state.withLock({ $0.released }) { usleep(5_000) }
        state.withLock { $0.stuck -= 1 }
    }
}

/// What the service printed.
final class ConsoleLog: Sendable {
    private let text = Locked((out: "", err: ""))
    var out: String { text.current.out }
    var err: String { text.current.err }
    var console: ServeConsole {
        let text = text
        let console = ServeConsole(out: { line in text.withLock { $0.out += line } }, err: { line in text.withLock { $0.err += line } })
        console.announce("")
        return console
    }
}

@Suite("Rebuilding", .serialized)
struct RebuildServiceTests {
    let folder: URL
    let builder: PreviewBuilder
    let gate = BuildGate()
    let log = ConsoleLog()

    init() throws {
        folder = try copyOfExample()
        builder = PreviewBuilder(root: folder)
    }

    private func service(
        initial: PreviewBuilder.Result, store: SiteStore, limit: Duration = .seconds(30), debounce: Duration = .milliseconds(10),
        maximumDelay: Duration = .seconds(1), slowness: Duration = .zero
    ) -> RebuildService {
        let builder = builder
        let gate = gate
        return RebuildService(
            builder: builder, initial: initial, store: store, console: log.console, polling: false, debounce: debounce,
            maximumDelay: maximumDelay, limit: limit
        ) { previous, cancellation in
            gate.pass()
            defer { gate.done() }
            if slowness > .zero { usleep(UInt32(slowness / .microseconds(1))) }
            return builder.build(after: previous, cancellation: cancellation)
        }
    }

    /// Starts the service and waits for its catch-up build, so that the test's saves are
    /// the only changes.
    private func run(_ service: RebuildService) async throws -> Task<Void, any Error> {
        let running = Task { try await service.run() }
        let gate = gate
        try #require(await eventually(timeout: .seconds(90)) { gate.finished >= 1 } != nil)
        return running
    }

    /// The status file with `next_review` (which the map shows) set to `note`.
    private func statusText(note: String) throws -> String {
        let status = folder.appending(path: "content/status.yaml")
        let text = try String(contentsOf: status, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("next_review:") }
        return lines.joined(separator: "\n") + "\nnext_review: \(note)\n"
    }

    private func saveNote(_ note: String) throws {
        try save(statusText(note: note), to: folder.appending(path: "content/status.yaml"))
    }

    private func markdown(_ store: SiteStore) -> String { served(store.current, "INFRASTRUCTURE.md") ?? "" }

    private func cleanUp() {
        gate.release()
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aSaveSupersedesABuildThatHangsAndStoppingDoesNotWaitForIt() async throws {
        defer { cleanUp() }
        let initial = builder.build()
        let store = SiteStore(initial.snapshot)
        let service = service(initial: initial, store: store)
        let running = try await run(service)

        gate.hang(true)
        try saveNote("Hung review")
        #expect(await eventually(timeout: .seconds(30)) { gate.stuck >= 1 } != nil, "no build started")
        // The first change of the save starts a build; the rest of its burst, when it comes
        // apart, supersedes it with a second: both hang.
        try await Task.sleep(for: .milliseconds(200))
        let hung = gate.stuck
        gate.hang(false)
        try saveNote("Fixed review")
        let took = await eventually(timeout: .seconds(30)) { markdown(store).contains("Fixed review") }
        #expect(took != nil, "the fix was not served while a build hung; stdout:\n\(log.out)")
        #expect(gate.stuck == hung, "the hung builds are still running: nothing waited for them")

        // Stopping returns while the build still hangs (the bound is generous: the pool
        // this runs on is shared with the rest of the suite; `serve`'s own Ctrl-C is
        // measured end to end).
        let stopped = Locked(false)
        Task {
            _ = try? await running.value
            stopped.withLock { $0 = true }
        }
        service.stop()
        #expect(await eventually(timeout: .seconds(10)) { stopped.current } != nil)
        #expect(gate.stuck == hung)
    }

    /// Builds left hanging (abandoned, or superseded by a save) must not starve later ones:
    /// on Dispatch's global queue, as wide as the machine has cores, they did on 2 cores.
    @Test func buildsLeftHangingDoNotHoldUpTheNext() async throws {
        let release = DispatchSemaphore(value: 0)
        let hung = ProcessInfo.processInfo.activeProcessorCount * 4
        for _ in 0..<hung { RebuildService.onOwnThread { release.wait() } }
        defer { for _ in 0..<hung { release.signal() } }
        let ran = Locked(false)
        RebuildService.onOwnThread { ran.withLock { $0 = true } }
        #expect(await eventually(timeout: .seconds(1)) { ran.current } != nil, "a build waited behind \(hung) hung ones")
    }

    @Test func aBuildPastItsLimitIsAbandonedUnderAnOverlay() async throws {
        defer { cleanUp() }
        let initial = builder.build()
        let store = SiteStore(initial.snapshot)
        let service = service(initial: initial, store: store, limit: .seconds(2))
        let running = try await run(service)
        defer { service.stop() }

        gate.hang(true)
        try saveNote("Hung review")
        let abandoned = await eventually(timeout: .seconds(30)) { store.current.hasErrors }
        #expect(abandoned != nil, "stdout:\n\(log.out)")
        let page = served(store.current, "index.html") ?? ""
        #expect(page.contains("id=\"cartograph-overlay\""))
        #expect(page.contains("error: the build did not finish within 2 s and was abandoned"))
        #expect(page.contains("showing the last good build"))
        #expect(markdown(store) == served(initial.snapshot, "INFRASTRUCTURE.md"), "the last good site stays up")
        #expect(log.out.contains("build abandoned after "))
        #expect(log.err.contains("error: the build did not finish within 2 s and was abandoned"))

        gate.hang(false)
        try saveNote("Fixed review")
        let fixed = await eventually(timeout: .seconds(30)) { markdown(store).contains("Fixed review") && !store.current.hasErrors }
        #expect(fixed != nil, "stdout:\n\(log.out)")
        service.stop()
        try await running.value
    }

    @Test func aFirstBuildThatHangsStillServesAndWatchesTheWholeFolder() async throws {
        defer { cleanUp() }
        let gate = gate
        let builder = builder
        gate.hang(true)
        let clock = ContinuousClock()
        let start = clock.now
        let first = await RebuildService.firstBuild(builder, limit: .milliseconds(500)) { cancellation in
            gate.pass()
            return builder.build(cancellation: cancellation)
        }
        #expect(clock.now - start < .seconds(3))
        #expect(first.errors == 1)
        #expect(first.configUnknown)
        #expect(served(first.snapshot, "index.html")?.contains("did not finish within 500 ms") == true)

        gate.hang(false)
        let store = SiteStore(first.snapshot)
        let service = service(initial: first, store: store)
        let running = Task { try await service.run() }
        // The catch-up build already recovers; a save in a folder no plan named is seen too.
        #expect(await eventually(timeout: .seconds(30)) { !store.current.hasErrors } != nil, "stdout:\n\(log.out)")
        let nested = folder.appending(path: "content/apps/fresh.yaml")
        try save("name: fresh-app\nregion: nyc\nstatic_sites:\n  - name: web\n", to: nested)
        #expect(await eventually(timeout: .seconds(30)) { markdown(store).contains("fresh-app") } != nil, "stdout:\n\(log.out)")
        service.stop()
        try await running.value
    }

    /// A save after a quiet spell (as long as the debounce) is built at once, without waiting
    /// for the debounce, which here is far longer than the build.
    @Test func theFirstChangeOfABurstStartsABuildAtOnce() async throws {
        defer { cleanUp() }
        let initial = builder.build()
        let store = SiteStore(initial.snapshot)
        let service = service(initial: initial, store: store, debounce: .seconds(3), maximumDelay: .seconds(10))
        let running = try await run(service)
        defer { service.stop() }

        try await Task.sleep(for: .milliseconds(3200))
        // One change: the new file is written outside the watched folders and renamed into place.
        let outside = FileManager.default.temporaryDirectory.appending(path: "status-\(UUID().uuidString).yaml")
        try Data(statusText(note: "Built at once").utf8).write(to: outside)
        #expect(rename(outside.path, folder.appending(path: "content/status.yaml").path) == 0)
        let took = await eventually(timeout: .milliseconds(2500)) { markdown(store).contains("Built at once") }
        #expect(took != nil, "the save waited for the 3 s debounce; stdout:\n\(log.out)")
        service.stop()
        try await running.value
    }

    /// Saves that keep coming, each superseding the build before it, must not starve every
    /// build: once changes have gone unserved for `maximumDelay`, the running build finishes.
    @Test func aSteadyStreamOfSavesStillGetsBuildsServed() async throws {
        defer { cleanUp() }
        let initial = builder.build()
        let store = SiteStore(initial.snapshot)
        let service = service(initial: initial, store: store, maximumDelay: .milliseconds(300), slowness: .milliseconds(200))
        let running = try await run(service)
        defer { service.stop() }

        let clock = ContinuousClock()
        let start = clock.now
        var served: Duration?
        var count = 0
        while clock.now - start < .seconds(20), served == nil {
            count += 1
            try saveNote("Stream \(count)")
            try await Task.sleep(for: .milliseconds(50))
            if markdown(store).contains("Stream ") { served = clock.now - start }
        }
        #expect(served != nil, "\(count) saves 50 ms apart and no build served; stdout:\n\(log.out)")
        service.stop()
        try await running.value
    }

    /// An editor that writes in place, with a pause longer than the debounce in the middle:
    /// the half-written file may be built, but the last build sees the final bytes.
    @Test func theLastBuildSeesTheFinalBytesOfAFileWrittenInPlace() async throws {
        defer { cleanUp() }
        let initial = builder.build()
        let store = SiteStore(initial.snapshot)
        let service = service(initial: initial, store: store)
        let running = try await run(service)
        defer { service.stop() }

        let status = folder.appending(path: "content/status.yaml")
        let bytes = Array(try statusText(note: "Written in place").utf8)
        let half = bytes.count / 2
        let handle = try FileHandle(forWritingTo: status)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes[..<half])
        try await Task.sleep(for: .milliseconds(400))
        try handle.write(contentsOf: bytes[half...])
        try handle.close()
        let final = await eventually(timeout: .seconds(30)) {
            markdown(store).contains("Written in place") && !store.current.hasErrors
        }
        #expect(final != nil, "stdout:\n\(log.out)\nstderr:\n\(log.err)")
        service.stop()
        try await running.value
    }
}
