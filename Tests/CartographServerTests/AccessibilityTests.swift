import CartographKit
import CartographTestSupport
import Foundation
import Testing

/// axe-core's JavaScript, taken from the `axe-playwright-python` wheel (`make test-deps`
/// installs the pinned version); nil with the reason when it is not installed.
let axeSource: (script: String?, problem: String?) = {
    guard let python = python3Path else { return (nil, "python3 is not on PATH") }
    let process = Process()
    process.executableURL = URL(filePath: python)
    // find_spec locates the package without importing it: its Playwright dependency is not needed.
    process.arguments = [
        "-c",
        "import importlib.util as u; s = u.find_spec('axe_playwright_python'); print(list(s.submodule_search_locations)[0] if s else '')",
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return (nil, "python3 did not run") }
    let folder = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    let file = URL(filePath: folder).appending(path: "axe.min.js")
    guard !folder.isEmpty, let script = try? String(contentsOf: file, encoding: .utf8) else {
        return (nil, "axe-core is missing: run 'make test-deps' (pip install --no-deps axe-playwright-python==0.1.8)")
    }
    return (script, nil)
}()

/// axe-core 4 on the example's pages in Chromium, with every rule it runs by default.
@Suite("Accessibility (axe-core)", .serialized, .enabled(if: browserSkipReason == nil, browserSkipReason ?? ""))
struct AccessibilityTests {
    /// The violations on `page` as "rule: target, …" lines.
    static func violations(_ page: URL, browser: BrowserDriver, axe: String) async throws -> [String] {
        try browser.open(page.absoluteString)
        _ = try await eventually(timeout: .seconds(10)) { try browser.evaluate("document.readyState") as? String == "complete" }
        let run = """
            window.cartographAxe = null;
            axe.run(document).then(function (r) {
              window.cartographAxe = r.violations.map(function (v) {
                return v.id + ": " + v.nodes.map(function (n) { return n.target.join(" "); }).join(", ");
              });
            }, function (e) { window.cartographAxe = ["axe failed: " + e]; });
            true
            """
        _ = try browser.evaluate(axe + ";\n" + run)
        var found: [String]?
        _ = try await eventually(timeout: .seconds(60), every: .milliseconds(100)) {
            found = try browser.evaluate("window.cartographAxe") as? [String]
            return found != nil
        }
        return try #require(found, "axe did not finish on \(page.lastPathComponent)")
    }

    @Test func theExamplesPagesHaveNoViolations() async throws {
        let axe = try #require(axeSource.script, "\(axeSource.problem ?? "")")
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        let browser = try BrowserDriver()
        defer { browser.quit() }
        let site = folder.appending(path: "site")
        for page in [
            "index.html", "apps/index.html", "apps/superset-analytics/index.html", "pages/ci-cd-pipeline/index.html",
            "pages/next-steps/index.html",
            "pages/index.html", "costs/index.html", "network/index.html", "404.html",
        ] {
            let violations = try await Self.violations(site.appending(path: page), browser: browser, axe: axe)
            #expect(violations.isEmpty, "\(page): \(violations.joined(separator: "; "))")
        }
    }
}
