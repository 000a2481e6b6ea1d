import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Finds a program on PATH.
func which(_ program: String) -> URL? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let url = URL(filePath: String(folder)).appending(path: program)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}

/// Runs a program to completion and returns its status and output.
func run(_ program: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> CLIResult {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// The built site in a real browser: headless Chromium loads it from disk.
@Suite("Site in Chromium", .serialized)
struct BrowserTests {
    static let chromium = which("chromium") ?? which("chromium-browser")

    static func chromiumArguments(_ extra: [String]) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage", "--virtual-time-budget=2000"]
            + extra
    }

    @Test(
        .enabled(if: chromium != nil, "chromium is not installed (apt-get install chromium)"),
        arguments: ["index.html", "apps/superset-analytics/index.html"])
    func pageRendersFromDisk(_ page: String) throws {
        let chromium = try #require(Self.chromium)
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        let url = "file://" + folder.appending(path: "site/\(page)").path
        let dom = try run(chromium, Self.chromiumArguments(["--dump-dom", url]))
        #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
        if page == "index.html" {
            #expect(dom.stdout.contains("<svg"))
            #expect(dom.stdout.contains("Application Inventory"))
            #expect(dom.stdout.contains("superset-analytics"))
        } else {
            #expect(dom.stdout.contains("<h1>superset-analytics</h1>"))
            #expect(dom.stdout.contains("DATABASE_PASSWORD"))
        }
        for scheme in ["light", "dark"] {
            let shot = folder.appending(path: "shot-\(scheme).png")
            var arguments = ["--window-size=1280,1600", "--screenshot=\(shot.path)"]
            if scheme == "dark" { arguments += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] }
            let result = try run(chromium, Self.chromiumArguments(arguments + [url]))
            #expect(result.status == 0, "\(result.stderr.suffix(500))")
            let python = try #require(which("python3"))
            let stats = try run(python, [repositoryRoot.appending(path: "scripts/png-stats.py").path, shot.path])
            let parts = stats.stdout.split(separator: " ")
            #expect(parts.first == "1280x1600")
            let colours = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 : 0
            #expect(colours > 50, "\(scheme) screenshot of \(page) looks blank (\(colours) colours)")
        }
    }
}

/// The built Markdown's diagram checked with Python's `wcwidth`, the reference.
@Suite("Widths per wcwidth")
struct WcwidthTests {
    static let python: URL? = {
        guard let python = which("python3"), (try? run(python, ["-c", "import wcwidth"]))?.status == 0 else { return nil }
        return python
    }()

    @Test(.enabled(if: python != nil, "Python's wcwidth is not installed (pip install wcwidth)")) func builtMapDiagramHasEqualWidths()
        throws
    {
        let python = try #require(Self.python)
        let result = try run(
            python,
            [
                repositoryRoot.appending(path: "scripts/check-widths.py").path, "--require", "--width", "66",
                repositoryRoot.appending(path: "site/INFRASTRUCTURE.md").path,
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("all 66 columns"))
    }

    @Test(.enabled(if: python != nil, "Python's wcwidth is not installed (pip install wcwidth)")) func goldenDiagramsHaveTheirWidths()
        throws
    {
        let python = try #require(Self.python)
        let folder = fixtureURL("diagram")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".txt") {
            let width = name.split(separator: "-").last.flatMap { Int($0.dropLast(4)) } ?? 0
            let fenced = try temporaryFolder().appending(path: "\(name).md")
            try ("```\n" + String(contentsOf: folder.appending(path: name), encoding: .utf8) + "```\n").write(
                to: fenced, atomically: true, encoding: .utf8)
            let result = try run(
                python, [repositoryRoot.appending(path: "scripts/check-widths.py").path, "--require", "--width", "\(width)", fenced.path])
            #expect(result.status == 0, "\(name): \(result.stdout)\(result.stderr)")
        }
    }
}
