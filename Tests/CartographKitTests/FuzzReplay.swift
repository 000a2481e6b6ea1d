import CartographInput
@_spi(Fuzzing) import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Testing

/// Runs one kept fuzz finding the way the fuzzer ran it, in the child process of an exit
/// test, under a watchdog: the child exits with a failure status when the input crashes it
/// (a trap or a broken invariant), spends more than ``cpuLimit`` of CPU (a hang, measured in
/// CPU time so a busy machine does not fail it) or holds more than ``memoryLimit`` bytes.
enum FuzzReplay {
    /// Generous for a debug build: every kept finding, once fixed, takes milliseconds.
    static let cpuLimit: Double = 2
    static let memoryLimit = 1 << 30
    static let exitSlow: Int32 = 3
    static let exitMemory: Int32 = 4

    static func run(_ target: FuzzTarget, file: String) {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
            exit(2)
        }
        watch(cpuLimit: cpuLimit) { target.run(data) }
    }

    /// Runs `body`, ending the process with ``exitSlow`` or ``exitMemory`` if it runs over.
    static func watch(cpuLimit: Double, _ body: () -> Void) {
        let start = cpuSeconds()
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 0.02)
                if cpuSeconds() - start > cpuLimit {
                    FileHandle.standardError.write(Data("replay used more than \(cpuLimit) s of CPU\n".utf8))
                    _exit(exitSlow)
                }
                if residentBytes() > memoryLimit {
                    FileHandle.standardError.write(Data("replay holds more than \(memoryLimit >> 20) MiB\n".utf8))
                    _exit(exitMemory)
                }
            }
        }
        body()
    }

    /// CPU time of the whole process, every thread included.
    static func cpuSeconds() -> Double {
        Double(clock()) / Double(CLOCKS_PER_SEC)
    }

    static func residentBytes() -> Int {
        // /proc/self/statm: size, resident (in pages), …
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A kept finding: `Fixtures/fuzz/<target>/<file>`, and why it is still open when
/// `Fixtures/fuzz/known-open.txt` lists it.
struct FuzzFinding: Sendable, CustomTestStringConvertible {
    var target: FuzzTarget
    /// Relative to `Fixtures/fuzz`.
    var file: String
    var openBecause: String?

    var testDescription: String { file }

    static let folder = fixtureURL("fuzz")

    /// Every finding in the fixture folder, in path order.
    static func all() -> [FuzzFinding] {
        let open = knownOpen()
        var findings: [FuzzFinding] = []
        for target in FuzzTarget.allCases {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appending(path: target.rawValue).path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
                let file = "\(target.rawValue)/\(name)"
                findings.append(FuzzFinding(target: target, file: file, openBecause: open[file]))
            }
        }
        return findings
    }

    /// `known-open.txt`: one finding per line, its path then why it is open; `#` comments.
    static func knownOpen() -> [String: String] {
        guard let text = try? String(contentsOf: folder.appending(path: "known-open.txt"), encoding: .utf8) else { return [:] }
        var open: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let path = parts.first else { continue }
            open[String(path)] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "open"
        }
        return open
    }
}
