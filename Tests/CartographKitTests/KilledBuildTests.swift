import Foundation
import Testing

@testable import CartographKit

/// `kill -9` at any moment of a build: strace stops the real binary at the N-th call of a
/// system call (`-e inject=renameat2:signal=KILL:when=N`). After each kill the site is
/// exactly the old one or exactly the new one (byte for byte, against clean builds), so is
/// every other output, and the next build completes and leaves nothing behind.
///
/// By default a spread of kill points per system call is tried; `CARTOGRAPH_KILL_SWEEP=full`
/// tries every one.
@Suite("Killed builds", .serialized)
struct KilledBuildTests {
    static let strace = which("strace")

    /// strace is there and ptrace is allowed (a container may forbid it).
    static let canTrace: Bool = {
        guard let strace, let result = try? run(strace, ["-f", "-qq", "-o", "/dev/null", "true"]) else { return false }
        return result.status == 0
    }()

    static let fullSweep = ProcessInfo.processInfo.environment["CARTOGRAPH_KILL_SWEEP"] == "full"
    static let syscalls = ["renameat2", "mkdir", "openat", "write", "unlink", "rmdir"]

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

    /// Builds `inputs` once as they are (the old outputs), then applies `change` to the
    /// inputs; a second copy with the change, built clean, gives the new outputs.
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
        #expect(built.status == 0, "\(built.stderr)")
        try change(start)
        let clean = try temporaryFolder().appending(path: "project")
        defer { try? FileManager.default.removeItem(at: clean.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: start, to: clean)
        try FileManager.default.removeItem(at: clean.appending(path: "site"))
        try readme.write(to: clean.appending(path: "README.md"), atomically: true, encoding: .utf8)
        let rebuilt = try runCLI(["build"], in: clean)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let fixture = Fixture(
            start: start, oldSite: FolderSnapshot(start.appending(path: "site")), newSite: FolderSnapshot(clean.appending(path: "site")),
            oldReadme: Array(try Data(contentsOf: start.appending(path: "README.md"))),
            newReadme: Array(try Data(contentsOf: clean.appending(path: "README.md"))))
        #expect(fixture.oldSite != fixture.newSite)
        #expect(fixture.oldReadme != fixture.newReadme)
        return fixture
    }

    /// How many times a build from `fixture` calls each system call.
    static func callCounts(_ fixture: Fixture) throws -> [String: Int] {
        let work = try copy(fixture)
        defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
        let summary = work.deletingLastPathComponent().appending(path: "summary.txt")
        guard let strace else { return [:] }
        _ = try run(strace, ["-f", "-qq", "-c", "-o", summary.path, cartographBinary.path, "build"], in: work)
        var counts: [String: Int] = [:]
        for line in try String(contentsOf: summary, encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard let name = fields.last, syscalls.contains(String(name)), fields.count >= 5, let calls = Int(fields[3]) else { continue }
            counts[String(name)] = calls
        }
        return counts
    }

    static func copy(_ fixture: Fixture) throws -> URL {
        let work = try temporaryFolder().appending(path: "project")
        try FileManager.default.copyItem(at: fixture.start, to: work)
        return work
    }

    /// The kill points to try for a system call made `count` times.
    static func points(_ syscall: String, count: Int, spread: Int) -> [Int] {
        if fullSweep || syscall == "renameat2" || count <= spread { return Array(1...max(1, count)) }
        return Array(Set((0..<spread).map { 1 + $0 * (count - 1) / (spread - 1) })).sorted()
    }

    /// Kills a build at each point and checks what it leaves; returns how many builds died.
    static func sweep(_ fixture: Fixture, spread: Int) throws -> Int {
        let strace = try #require(strace)
        let counts = try callCounts(fixture)
        #expect(counts["renameat2"] ?? 0 >= 1, "the site swap is one renameat2: \(counts)")
        var killed = 0
        for syscall in syscalls {
            for point in points(syscall, count: counts[syscall] ?? 0, spread: spread) {
                let work = try copy(fixture)
                defer { try? FileManager.default.removeItem(at: work.deletingLastPathComponent()) }
                let where_ = "\(syscall) #\(point)"
                let result = try run(
                    strace,
                    ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(syscall)", "-e", "inject=\(syscall):signal=KILL:when=\(point)"]
                        + [cartographBinary.path, "build"], in: work)
                if result.status == 9 { killed += 1 }
                let site = FolderSnapshot(work.appending(path: "site"))
                #expect(
                    site == fixture.oldSite || site == fixture.newSite, "killed at \(where_): the site is neither the old nor the new one")
                let readme = Array((try? Data(contentsOf: work.appending(path: "README.md"))) ?? Data())
                #expect(readme == fixture.oldReadme || readme == fixture.newReadme, "killed at \(where_): README.md is half written")
                let next = try runCLI(["build"], in: work)
                #expect(next.status == 0, "after a kill at \(where_): \(next.stderr)")
                #expect(FolderSnapshot(work.appending(path: "site")) == fixture.newSite, "after a kill at \(where_)")
                #expect(Array(try Data(contentsOf: work.appending(path: "README.md"))) == fixture.newReadme)
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(".cartograph-") }
                #expect(leftovers.isEmpty, "after a kill at \(where_) and a build: \(leftovers)")
            }
        }
        return killed
    }

    @Test(.enabled(if: canTrace, "needs strace and permission to ptrace"))
    func theExampleKilledAnywhere() throws {
        let example = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: example) }
        let fixture = try Self.fixture(example) { project in
            let config = project.appending(path: "cartograph.yaml")
            try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(
                of: "title: InsightPulse Infrastructure Map", with: "title: InsightPulse Map, Revised"
            ).write(to: config, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: project.appending(path: "content/pages/05-next-steps.md"))
        }
        defer { try? FileManager.default.removeItem(at: fixture.start.deletingLastPathComponent()) }
        let killed = try Self.sweep(fixture, spread: 4)
        print("killed builds of the example: \(killed)")
        #expect(killed >= Self.syscalls.count * 2)
    }

    @Test(.enabled(if: canTrace && sharedFolder != nil, "needs strace, permission to ptrace and ../shared/bench"))
    func aFiftyAppProjectKilledAnywhere() throws {
        let bench = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: bench) }
        let generator = try #require(sharedFolder?.appending(path: "bench/gen_bench.py"))
        let python = try #require(which("python3"))
        let generated = try run(python, [generator.path, bench.appending(path: "project").path, "50"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let fixture = try Self.fixture(bench.appending(path: "project")) { project in
            let config = project.appending(path: "cartograph.yaml")
            try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(
                of: "title: Bench 50", with: "title: Bench 50, Revised"
            )
            .write(to: config, atomically: true, encoding: .utf8)
            let pages = project.appending(path: "content/pages")
            if let first = try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted().first {
                try FileManager.default.removeItem(at: pages.appending(path: first))
            }
        }
        defer { try? FileManager.default.removeItem(at: fixture.start.deletingLastPathComponent()) }
        let killed = try Self.sweep(fixture, spread: 2)
        print("killed builds of the 50-app project: \(killed)")
        #expect(killed >= Self.syscalls.count)
    }
}
