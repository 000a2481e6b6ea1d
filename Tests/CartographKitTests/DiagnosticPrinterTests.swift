import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

@Suite("Printing diagnostics: capped per file, linear in their number")
struct DiagnosticPrinterTests {
    /// A spec with `count` unknown app-level keys, one per line (8,000 of them are 70 KB).
    static func unknownKeys(_ count: Int) -> String {
        "name: shop\n" + (0..<count).map { "k\($0): x\n" }.joined()
    }

    /// A spec whose `count` envs all set the same key.
    static func duplicateEnvKeys(_ count: Int) -> String {
        "name: shop\nenvs:\n" + String(repeating: "  - key: A\n    value: x\n", count: count)
    }

    static func sources(_ files: [String: String]) -> SourceCache {
        var cache = SourceCache()
        for (path, text) in files { cache.record(text, for: path) }
        return cache
    }

    @Test func atMostFiftyPerFileThenOneLineCountingTheRest() throws {
        let project = try ScratchProject()
        try project.use(Self.unknownKeys(60))
        let check = project.check()
        #expect(check.status == 1)
        let lines = check.stderr.split(separator: "\n")
        #expect(lines.filter { $0.contains(": error: unknown key") }.count == 50)
        #expect(check.stderr.hasPrefix("app.yaml:2:1: error: unknown key 'k0' in app spec [CG010]\n    k0: x\n    ^\n"))
        #expect(
            check.stderr.hasSuffix(
                "app.yaml:51:1: error: unknown key 'k49' in app spec [CG010]\n    k49: x\n    ^\napp.yaml: … and 10 more errors not shown\n"
            ))
        #expect(check.stdout == "checked 2 files (1 app spec): 60 errors, 0 warnings\n", "the summary counts every diagnostic")
        let github = project.check(format: .github)
        // Annotations go to stdout, where GitHub reads workflow commands; stderr stays empty.
        #expect(github.stdout.hasSuffix("::notice file=app.yaml::… and 10 more errors not shown\n"))
        #expect(github.stdout.split(separator: "\n").count == 51)
        #expect(github.stderr.isEmpty)
        let build = project.build()
        #expect(
            build.stderr.hasSuffix("app.yaml: … and 10 more errors not shown\nbuild failed: 60 errors, 0 warnings; nothing was written\n"))
    }

    /// A build that warns still writes: its warnings are rendered while it writes, and
    /// printed whole (capped per file, in order) before the line that reports the write,
    /// exactly as `check` prints them; GitHub annotations go to stdout before that line.
    @Test func aBuildThatWarnsPrintsItsWarningsThenWrites() throws {
        let project = try ScratchProject()
        try project.use(Self.duplicateEnvKeys(60) + "services:\n  - name: web\n    instance_size_slug: basic-xs\n")
        let build = project.build()
        #expect(build.status == 0, "\(build.stderr.prefix(300))")
        #expect(build.stdout.hasPrefix("built "), "\(build.stdout)")
        #expect(FileManager.default.fileExists(atPath: project.root.appending(path: "site/index.html").path))
        // The outputs are fresh now: check prints the warnings alone.
        let check = project.check()
        #expect(
            check.stderr.hasPrefix("app.yaml:5:10: warning: env 'A' of the app is already set at line 3"), "\(check.stderr.prefix(300))")
        #expect(check.stderr.hasSuffix("app.yaml: … and 10 more warnings not shown\n"), "\(check.stderr.suffix(300))")
        #expect(build.stderr == check.stderr)
        let github = project.build(format: .github)
        let annotations = project.check(format: .github).stdout.split(separator: "\n").filter { $0.hasPrefix("::") }
        #expect(annotations.count == 51)
        #expect(github.stdout.hasPrefix(annotations.joined(separator: "\n") + "\nbuilt "), "\(github.stdout.suffix(300))")
    }

    @Test func errorsAreKeptBeforeWarningsAndEachFileIsCappedAlone() {
        let text = (1...80).map { "key\($0): x" }.joined(separator: "\n")
        var diagnostics: [Diagnostic] = []
        for line in 1...40 { diagnostics.append(.warning("w\(line)", at: SourceLocation(file: "a.yaml", line: line, column: 1))) }
        for line in 41...60 { diagnostics.append(.error("e\(line)", at: SourceLocation(file: "a.yaml", line: line, column: 1))) }
        for line in 1...3 { diagnostics.append(.error("b\(line)", at: SourceLocation(file: "b.yaml", line: line, column: 1))) }
        let printer = DiagnosticPrinter(sources: Self.sources(["a.yaml": text, "b.yaml": text]), limitPerFile: 25)
        let out = printer.render(diagnostics)
        let headers = out.split(separator: "\n").filter { $0.hasPrefix("a.yaml:") || $0.hasPrefix("b.yaml:") }
        #expect(headers.filter { $0.contains(": error: e") }.count == 20)
        #expect(
            headers.filter { $0.contains(": warning: w") }.map { String($0) } == (1...5).map { "a.yaml:\($0):1: warning: w\($0) [CG000]" })
        #expect(headers.filter { $0.contains(": error: b") }.count == 3)
        #expect(out.hasSuffix("b.yaml:3:1: error: b3 [CG000]\n    key3: x\n    ^\na.yaml: … and 35 more warnings not shown\n"))

        let both = DiagnosticPrinter(sources: Self.sources(["a.yaml": text]), limitPerFile: 10).render(
            diagnostics.filter { $0.location.file == "a.yaml" })
        #expect(both.hasSuffix("a.yaml: … and 10 more errors, 40 more warnings not shown\n"))
        let one = DiagnosticPrinter(sources: Self.sources(["a.yaml": text]), limitPerFile: 59).render(diagnostics)
        #expect(one.contains("a.yaml: … and 1 more warning not shown\n"))
        #expect(!one.contains("b.yaml: …"))
    }

    /// Each diagnostic used to rescan its file for its line: 8,000 took 13.9 s.
    @Test func eightThousandUnknownKeysPrintInLinearTime() throws {
        let text = Self.unknownKeys(8000)
        #expect(text.utf8.count < 80_000)
        let diagnostics = (0..<8000).map { Diagnostic.error("unknown key", at: SourceLocation(file: "app.yaml", line: $0 + 2, column: 1)) }
        let clock = ContinuousClock()
        let start = clock.now
        // Every diagnostic printed, uncapped, so the cap cannot hide a quadratic lookup.
        let out = DiagnosticPrinter(sources: Self.sources(["app.yaml": text]), limitPerFile: .max).render(diagnostics)
        #expect(clock.now - start < .seconds(5))
        #expect(out.hasSuffix("app.yaml:8001:1: error: unknown key [CG010]\n    k7999: x\n    ^\n"))

        let project = try ScratchProject()
        try project.use(text)
        let checkStart = clock.now
        let check = project.check(fileOnly: true)
        #expect(clock.now - checkStart < .seconds(5))
        #expect(check.stdout == "checked 1 file (1 app spec): 8000 errors, 0 warnings\n")
    }

    /// 4,000 duplicate env keys took 9.3 s. A spec that large is now refused whole by its
    /// node limit (HostileProjectTests), so the printer is timed on 3,000, under the limit.
    @Test func thousandsOfDuplicateEnvKeysPrintInLinearTime() throws {
        let project = try ScratchProject()
        try project.use(Self.duplicateEnvKeys(3000))
        let clock = ContinuousClock()
        let start = clock.now
        let check = project.check(fileOnly: true)
        #expect(clock.now - start < .seconds(5))
        #expect(check.stdout == "checked 1 file (1 app spec): 0 errors, 2999 warnings\n")
        #expect(check.stderr.hasSuffix("app.yaml: … and 2949 more warnings not shown\n"))
        #expect(
            check.stderr.hasPrefix(
                "app.yaml:5:10: warning: env 'A' of the app is already set at line 3; the later value wins [CG104]\n"
                    + "app.yaml:7:10: warning: env 'A' of the app is already set at line 3; the later value wins [CG104]\n"))
    }

    @Test func sortingAndDeduplicatingIsNotQuadratic() {
        var diagnostics: [Diagnostic] = []
        for n in 0..<100_000 {
            diagnostics.append(
                .error("problem \(n % 50_000)", at: SourceLocation(file: "f\(n % 7).yaml", line: (n * 7919) % 50_000 + 1, column: 1)))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let sorted = DiagnosticReport(diagnostics + diagnostics).diagnostics
        #expect(clock.now - start < .seconds(10))
        #expect(sorted.count == Set(diagnostics).count)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.location <= $1.location })
    }

    @Test func aLongLineIsQuotedAroundTheColumn() {
        let line = String(repeating: "a", count: 5000) + "X" + String(repeating: "b", count: 5000)
        let printer = DiagnosticPrinter(sources: Self.sources(["f.json": "[\n" + line + "\n]\n"]))
        let out = printer.render([.error("here", at: SourceLocation(file: "f.json", line: 2, column: 5001))])
        let quoted = out.split(separator: "\n")
        #expect(quoted.count == 3)
        #expect(quoted[1].hasPrefix("    …aaaa"))
        #expect(quoted[1].hasSuffix("bbbb…"))
        #expect(quoted[1].count == 4 + 1 + DiagnosticPrinter.excerptLength + 1)
        let caret = quoted[2].firstIndex(of: "^").map { quoted[2].distance(from: quoted[2].startIndex, to: $0) }
        let x = quoted[1].firstIndex(of: "X").map { quoted[1].distance(from: quoted[1].startIndex, to: $0) }
        #expect(caret == x)
        // A short line is quoted whole.
        let short = printer.render([.error("here", at: SourceLocation(file: "f.json", line: 1, column: 1))])
        #expect(short == "f.json:1:1: error: here [CG000]\n    [\n    ^\n")
    }
}
