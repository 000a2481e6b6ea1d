import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Whole projects that once crashed, hung or gave a quiet wrong answer, run through the real
/// binary: each exits 0 or 1 with its located message, in bounded time and memory, and a
/// failed build leaves the folder exactly as it was.
@Suite(
    "Hostile projects", .serialized,
    .enabled(if: MeasuredRun.isAvailable, "needs /usr/bin/time (Debian package time) to measure each run's memory"))
struct HostileProjectTests {
    /// The issue's bounds are 1 s and 100 MB on a release build; a debug build under a
    /// loaded machine gets a generous margin on time, none on memory.
    static let seconds = 5.0
    static let megabytes = 100.0

    /// `Fixtures/hostile-inputs/<case>/expected.txt`: `args:`, `exit:`, then `stderr:` and
    /// `stdout:` lines that must appear in the output.
    struct Expectation: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String] = []
        var exit: Int32 = 0
        var stderr: [String] = []
        var stdout: [String] = []
        var testDescription: String { name }

        init(_ name: String) throws {
            self.name = name
            let text = try String(contentsOf: fixtureURL("hostile-inputs/\(name)/expected.txt"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let (key, value) = (line.prefix { $0 != ":" }, String(line.drop { $0 != ":" }.dropFirst(2)))
                switch key {
                case "args": arguments = value.split(separator: " ").map(String.init)
                case "exit": exit = Int32(value) ?? -1
                case "stderr": stderr.append(value)
                case "stdout": stdout.append(value)
                default: break
                }
            }
        }
    }

    static let cases: [Expectation] = {
        let folder = fixtureURL("hostile-inputs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { try? Expectation($0) }
    }()

    @Test func everyFixtureHasAnExpectation() {
        #expect(Self.cases.count >= 13)
    }

    @Test(arguments: cases)
    func fixture(_ expected: Expectation) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = fixtureURL("hostile-inputs/\(expected.name)")
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "expected.txt" {
            try FileManager.default.copyItem(at: source.appending(path: item), to: folder.appending(path: item))
        }
        let before = snapshot(of: folder)
        let run = try runMeasured(expected.arguments + ["-C", folder.path])
        #expect(run.status == expected.exit, "\(run.stderr)")
        for line in expected.stderr {
            #expect(run.stderr.contains(line + "\n"), "missing from stderr: \(line)\n\(run.stderr)")
        }
        for line in expected.stdout {
            #expect(run.stdout.contains(line + "\n"), "missing from stdout: \(line)\n\(run.stdout)")
        }
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtracing"))
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < Self.megabytes)
        if expected.exit != 0 {
            #expect(snapshot(of: folder) == before, "a failed run wrote something")
        }
    }

    // MARK: Generated projects too big to keep as files

    /// Builds `files` with the binary; returns the run and whether the folder is unchanged.
    static func build(_ files: [String: String], _ arguments: [String] = ["build"]) throws -> (MeasuredRun, unchanged: Bool) {
        let folder = try project(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = snapshot(of: folder)
        let run = try runMeasured(arguments + ["-C", folder.path])
        return (run, snapshot(of: folder) == before)
    }

    static let config = "specs: [apps/*.yaml]\n"

    /// 12.9 s before (1 MiB name of dashes: suggestedName removed one character at a time).
    @Test(arguments: [1 << 10, 1 << 16, 1 << 20])
    func longComponentNames(length: Int) throws {
        let name = String(repeating: "-", count: length)
        let (run, unchanged) = try Self.build([
            "cartograph.yaml": Self.config, "apps/shop.yaml": "name: shop\nservices:\n  - name: \"\(name)\"\n",
        ])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "apps/shop.yaml:3:11: error: invalid component name '\(String(repeating: "-", count: 32))…' (\(length) bytes): use 2 to 32")
        )
        #expect(run.stderr.count < 10_000 + length, "the message does not repeat the name")
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < Self.megabytes)
        #expect(unchanged)
    }

    /// A 100,000-character ingress target took seconds per did-you-mean; with aliases to it
    /// (a 200 KB file) over a minute.
    @Test func longIngressTargets() throws {
        let target = String(repeating: "x", count: 100_000)
        let plain = "name: shop\nservices:\n  - name: web\ningress:\n  rules:\n    - component: { name: \"\(target)\" }\n"
        var (run, unchanged) = try Self.build(["cartograph.yaml": Self.config, "apps/shop.yaml": plain])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("apps/shop.yaml:6:26: error: ingress rule routes to 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (100000 bytes)"))
        #expect(run.seconds < Self.seconds)
        #expect(unchanged)

        let aliased =
            "name: shop\nservices:\n  - name: web\ningress:\n  rules:\n    - component: { name: &t \"\(target)\" }\n"
            + String(repeating: "    - component: { name: *t }\n", count: 3000)
        (run, unchanged) = try Self.build(["cartograph.yaml": Self.config, "apps/shop.yaml": aliased])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "apps/shop.yaml:89:26: error: document expands to more than 8388608 bytes of text through aliases; refusing to read it"))
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < Self.megabytes)
        #expect(unchanged)
    }

    /// 8,000 unknown keys (70 KB) took 13.9 s and 4,000 duplicate env keys 9.3 s, in part
    /// because of the checks themselves. The GitHub format (on stdout) keeps the text printer's own
    /// cost per diagnostic (quoting the source line) out of this measurement.
    @Test func manyUnknownKeysAndDuplicateEnvs() throws {
        let github = ["build", "--format", "github"]
        let keys = (0..<8000).map { "k\($0): x\n" }.joined()
        var (run, unchanged) = try Self.build(["cartograph.yaml": Self.config, "apps/shop.yaml": "name: shop\n" + keys], github)
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error file=apps/shop.yaml,line=2,col=1::unknown key 'k0' in app spec [CG010]\n"))
        // Printing stops at 50 per file; the rest are counted.
        #expect(run.stdout.contains("::error file=apps/shop.yaml,line=51,col=1::unknown key 'k49' in app spec [CG010]\n"))
        #expect(run.stdout.contains("::notice file=apps/shop.yaml::… and 7950 more errors not shown\n"))
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < Self.megabytes)
        #expect(unchanged)

        // 3,000 fit under the spec's node limit and are each reported (as warnings: the
        // build goes ahead); 4,000 are refused whole.
        let envs = String(repeating: "  - key: A\n    value: b\n", count: 3000)
        (run, _) = try Self.build(["cartograph.yaml": Self.config, "apps/shop.yaml": "name: shop\nenvs:\n" + envs], github)
        #expect(run.status == 0)
        #expect(
            run.stdout.contains(
                "::warning file=apps/shop.yaml,line=103,col=10::env 'A' of the app is already set at line 3; the later value wins [CG104]\n"
            ))
        #expect(run.stdout.contains("::notice file=apps/shop.yaml::… and 2949 more warnings not shown\n"))
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < Self.megabytes)
        let more = String(repeating: "  - key: A\n    value: b\n", count: 4000)
        (run, unchanged) = try Self.build(["cartograph.yaml": Self.config, "apps/shop.yaml": "name: shop\nenvs:\n" + more], github)
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error file=apps/shop.yaml,line=8001,col=5::document has more than 20000 nodes; refusing to read it"))
        #expect(run.seconds < Self.seconds)
        #expect(unchanged)
    }

    /// Six specs just under the 4 MiB file limit took 713–879 MB and 15 s.
    @Test func sixSpecsJustUnderTheFileLimit() throws {
        var files = ["cartograph.yaml": Self.config]
        for index in 0..<6 {
            let head = "name: app\(index)x\nfeatures: ["
            let items = (YAMLLoader.Limits.maxFileBytes - 64 - head.utf8.count) / 2
            files["apps/a\(index).yaml"] = head + String(repeating: "a,", count: items) + "]\n"
        }
        // The GitHub format: the text printer quotes each 4 MiB line, which is its own matter.
        let (run, unchanged) = try Self.build(files, ["build", "--format", "github"])
        #expect(run.status == 1)
        for index in 0..<6 {
            #expect(
                run.stdout.contains(
                    "::error file=apps/a\(index).yaml,line=2,col=40002::document has more than 20000 nodes; refusing to read it"))
        }
        #expect(run.seconds < Self.seconds)
        #expect(run.peakMegabytes < 400)
        #expect(unchanged)
    }
}
