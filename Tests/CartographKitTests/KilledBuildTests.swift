import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// `kill -9` at any moment of a build: strace stops the real binary at the N-th call of a
/// system call (`-e inject=renameat2:signal=KILL:when=N`). After each kill the site is
/// exactly the old one or exactly the new one (byte for byte, against clean builds), so is
/// every other output, and the next build completes and leaves nothing behind.
///
/// By default a spread of kill points per system call is tried; `CARTOGRAPH_KILL_SWEEP=full`
/// tries every one, `CARTOGRAPH_KILL_SWEEP=N` N spread over each call's count in the thread
/// that makes it most (strace counts kill points per thread).
@Suite("Killed builds", .serialized)
struct KilledBuildTests {
    static let strace = which("strace")

    /// strace is there and ptrace is allowed (a container may forbid it).
    static let canTrace: Bool = {
        guard let strace, let result = try? run(strace, ["-f", "-qq", "-o", "/dev/null", "true"]) else { return false }
        return result.status == 0
    }()

    static let sweepSetting = ProcessInfo.processInfo.environment["CARTOGRAPH_KILL_SWEEP"]
    static let fullSweep = sweepSetting == "full"
    static let syscalls = ["renameat2", "mkdir", "openat", "write", "unlink", "rmdir"]

    /// What a sweep saw: how many builds died, and each thing wrong after a kill.
    struct Outcome: Sendable {
        var trials = 0
        var killed = 0
        var problems: [String] = []
    }

    /// A project whose inputs changed since its outputs were built: what a build replaces,
    /// and what a clean build of each side gives.
    struct Fixture {
        var start: URL
        var oldSite: FolderSnapshot
        var newSite: FolderSnapshot
        var oldReadme: [UInt8]
        var newReadme: [UInt8]
    }

    static let readme = "# Notes\n\nKept as written.\n\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n\nTail.\n"

    struct SetupFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Builds `inputs` once as they are (the old outputs, with a README.md to inject
    /// into), then applies `change` to the inputs; a copy with the change, built clean,
    /// gives the new outputs.
    static func fixture(_ inputs: URL, change: (URL) throws -> Void) throws -> Fixture {
        let start = try temporaryFolder().appending(path: "project")
        try FileManager.default.copyItem(at: inputs, to: start)
        try readme.write(to: start.appending(path: "README.md"), atomically: true, encoding: .utf8)
        let configURL = start.appending(path: "cartograph.yaml")
        let config = try String(contentsOf: configURL, encoding: .utf8)
            .replacingOccurrences(of: "output: { site: site,", with: "output: { inject: [README.md], site: site,")
            .replacingOccurrences(of: "output:\n  site: site\n", with: "output:\n  inject: [README.md]\n  site: site\n")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let built = try runCLI(["build"], in: start)
        guard built.status == 0 else { throw SetupFailure(description: built.stderr) }
        try change(start)
        let clean = try temporaryFolder().appending(path: "project")
        defer { try? FileManager.default.removeItem(at: clean.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: start, to: clean)
        try FileManager.default.removeItem(at: clean.appending(path: "site"))
        try readme.write(to: clean.appending(path: "README.md"), atomically: true, encoding: .utf8)
        let rebuilt = try runCLI(["build"], in: clean)
        guard rebuilt.status == 0 else { throw SetupFailure(description: rebuilt.stderr) }
        return Fixture(
            start: start, oldSite: FolderSnapshot(start.appending(path: "site")), newSite: FolderSnapshot(clean.appending(path: "site")),
            oldReadme: Array(try Data(contentsOf: start.appending(path: "README.md"))),
            newReadme: Array(try Data(contentsOf: clean.appending(path: "README.md"))))
    }

    /// How many times a build from `fixture` calls each system call, in the thread that
    /// calls it most. strace counts a kill point per thread, and the build writes its files
    /// on every core: a point well below this count is reached in any run.
    static func callCounts(_ fixture: Fixture, strace: URL) throws -> [String: Int] {
        let work = try copy(fixture)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let trace = work.deletingLastPathComponent().appending(path: "trace.txt")
        _ = try run(
            strace, ["-f", "-qq", "-o", trace.path, "-e", "trace=\(syscalls.joined(separator: ","))", cartographBinary.path, "build"],
            in: work)
        // Each line is `PID name(arguments) = result`; a call another thread interrupted
        // goes on in a `<... name resumed>` line, which is not a second call.
        var perThread: [String: [Substring: Int]] = [:]
        for line in try String(contentsOf: trace, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard fields.count == 2, let paren = fields[1].firstIndex(of: "(") else { continue }
            let name = String(fields[1][..<paren].drop { $0 == " " })
            guard syscalls.contains(name) else { continue }
            perThread[name, default: [:]][fields[0], default: 0] += 1
        }
        return perThread.mapValues { $0.values.max() ?? 0 }
    }

    static func copy(_ fixture: Fixture) throws -> URL {
        let work = try temporaryFolder().appending(path: "project")
        try FileManager.default.copyItem(at: fixture.start, to: work)
        return work
    }

    /// The kill points to try for a system call made `count` times.
    static func points(_ syscall: String, count: Int, spread: Int) -> [Int] {
        let spread = max(1, sweepSetting.flatMap { Int($0) } ?? spread)
        if fullSweep || syscall == "renameat2" || count <= spread { return Array(1...max(1, count)) }
        // One point: halfway through the busiest thread's calls. The threads share the calls
        // differently from run to run, and the middle is reached by the busiest one anyway.
        if spread == 1 { return [max(1, count / 2)] }
        return Array(Set((0..<spread).map { 1 + $0 * (count - 1) / (spread - 1) })).sorted()
    }

    /// Kills a build at each point and checks what it leaves, then what the next build does.
    static func sweep(_ fixture: Fixture, spread: Int) throws -> Outcome {
        guard let strace else { return Outcome(problems: ["no strace"]) }
        var outcome = Outcome()
        if fixture.oldSite == fixture.newSite || fixture.oldReadme == fixture.newReadme {
            outcome.problems.append("the change did not change the outputs")
        }
        let counts = try callCounts(fixture, strace: strace)
        if counts["renameat2"] ?? 0 < 1 { outcome.problems.append("the site swap is a renameat2, yet there is none: \(counts)") }
        for syscall in syscalls {
            for point in points(syscall, count: counts[syscall] ?? 0, spread: spread) {
                let work = try copy(fixture)
                defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
                let at = "\(syscall) #\(point)"
                let traced = try run(
                    strace,
                    ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(syscall)", "-e", "inject=\(syscall):signal=KILL:when=\(point)"]
                        + [cartographBinary.path, "build"], in: work)
                outcome.trials += 1
                if traced.status == 9 { outcome.killed += 1 }
                let site = FolderSnapshot(work.appending(path: "site"))
                if site != fixture.oldSite, site != fixture.newSite {
                    outcome.problems.append("killed at \(at): the site is neither the old one nor the new one")
                }
                let readme = Array((try? Data(contentsOf: work.appending(path: "README.md"))) ?? Data())
                if readme != fixture.oldReadme, readme != fixture.newReadme {
                    outcome.problems.append("killed at \(at): README.md is neither the old one nor the new one")
                }
                let next = try runCLI(["build"], in: work)
                if next.status != 0 { outcome.problems.append("after a kill at \(at), the next build failed: \(next.stderr)") }
                if FolderSnapshot(work.appending(path: "site")) != fixture.newSite {
                    outcome.problems.append("after a kill at \(at), the next build did not write the new site")
                }
                if Array((try? Data(contentsOf: work.appending(path: "README.md"))) ?? Data()) != fixture.newReadme {
                    outcome.problems.append("after a kill at \(at), the next build did not write README.md")
                }
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(".cartograph-") }
                if !leftovers.isEmpty { outcome.problems.append("after a kill at \(at) and the next build, \(leftovers) are left") }
            }
        }
        return outcome
    }

    /// Runs blocking work (hundreds of processes) on a thread of its own, so that tests
    /// waiting on Swift's cooperative pool meanwhile (the preview server's) are not starved.
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    static func changeTitle(of project: URL, from old: String, to new: String) throws {
        let config = project.appending(path: "cartograph.yaml")
        try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(of: "title: \(old)", with: "title: \(new)")
            .write(to: config, atomically: true, encoding: .utf8)
    }

    @Test(.enabled(if: canTrace, "needs strace and permission to ptrace"))
    func theExampleKilledAnywhere() async throws {
        let outcome = try await Self.onThread {
            let example = try copyOfExample()
            defer { try? FileManager.default.removeItem(at: example) }
            let fixture = try Self.fixture(example) { project in
                try Self.changeTitle(of: project, from: "InsightPulse Infrastructure Map", to: "InsightPulse Map, Revised")
                try FileManager.default.removeItem(at: project.appending(path: "content/pages/05-next-steps.md"))
            }
            defer { try? FileManager.default.removeItem(at: fixture.start.deletingLastPathComponent()) }
            return try Self.sweep(fixture, spread: 4)
        }
        print("the example: \(outcome.trials) kill points tried, \(outcome.killed) builds killed")
        #expect(outcome.problems == [])
        #expect(outcome.killed >= Self.syscalls.count * 2)
    }

    @Test(.enabled(if: canTrace && sharedFolder != nil, "needs strace, permission to ptrace and ../shared/bench"))
    func aFiftyAppProjectKilledAnywhere() async throws {
        let generator = try #require(sharedFolder?.appending(path: "bench/gen_bench.py"))
        let python = try #require(which("python3"))
        let outcome = try await Self.onThread {
            let bench = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: bench) }
            let generated = try run(python, [generator.path, bench.appending(path: "project").path, "50"])
            guard generated.status == 0 else { throw SetupFailure(description: generated.stderr) }
            let fixture = try Self.fixture(bench.appending(path: "project")) { project in
                try Self.changeTitle(of: project, from: "Bench 50", to: "Bench 50, Revised")
                let pages = project.appending(path: "content/pages")
                if let first = try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted().first {
                    try FileManager.default.removeItem(at: pages.appending(path: first))
                }
            }
            defer { try? FileManager.default.removeItem(at: fixture.start.deletingLastPathComponent()) }
            return try Self.sweep(fixture, spread: 1)
        }
        print("the 50-app project: \(outcome.trials) kill points tried, \(outcome.killed) builds killed")
        #expect(outcome.problems == [])
        // Every point is halfway through a thread's calls: each kills.
        #expect(outcome.killed >= Self.syscalls.count)
    }
}
