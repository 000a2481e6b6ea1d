import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

@Suite("Injection")
struct InjectionTests {
    func inject(_ text: String, _ render: (String?) -> String = { $0 ?? "MAP" }) -> (String?, [String]) {
        let bag = DiagnosticBag()
        let out = Injection.inject(into: text, path: "README.md", diagnostics: bag, render: render)
        return (out, bag.sorted.map { "\($0.location.line): \($0.message)" })
    }

    @Test func textOutsideTheMarkersIsUntouched() {
        let before = "# Project\n\nIntro  with  spaces\t\n<!-- cartograph:begin -->\nold map\n<!-- cartograph:end -->\n\n## After\ntrailing"
        let (out, problems) = inject(before) { _ in "new map\n" }
        #expect(problems.isEmpty)
        #expect(
            out == "# Project\n\nIntro  with  spaces\t\n<!-- cartograph:begin -->\nnew map\n<!-- cartograph:end -->\n\n## After\ntrailing")
    }

    @Test func crlfFilesKeepTheirLineEndings() {
        let before = "Intro\r\n<!-- cartograph:begin costs -->\r\nold\r\n<!-- cartograph:end -->\r\nOutro\r\n"
        let (out, problems) = inject(before) { section in "costs: \(section ?? "all")\nline two\n" }
        #expect(problems.isEmpty)
        #expect(out == "Intro\r\n<!-- cartograph:begin costs -->\r\ncosts: costs\r\nline two\r\n<!-- cartograph:end -->\r\nOutro\r\n")
    }

    @Test func fileWithoutTrailingNewlineStaysWithout() {
        let before = "<!-- cartograph:begin -->\n<!-- cartograph:end -->"
        let (out, _) = inject(before) { _ in "x" }
        #expect(out == "<!-- cartograph:begin -->\nx\n<!-- cartograph:end -->")
    }

    @Test func namedSectionsEachGetTheirOwn() {
        let before =
            "<!-- cartograph:begin diagram -->\n<!-- cartograph:end -->\ntext\n<!--cartograph:begin costs-->\nold\n<!-- cartograph:end -->\n"
        let (out, problems) = inject(before) { "[\($0 ?? "map")]\n" }
        #expect(problems.isEmpty)
        #expect(
            out
                == "<!-- cartograph:begin diagram -->\n[diagram]\n<!-- cartograph:end -->\ntext\n<!--cartograph:begin costs-->\n[costs]\n<!-- cartograph:end -->\n"
        )
    }

    @Test func injectionIsIdempotent() {
        let before = "a\n<!-- cartograph:begin -->\nx\n<!-- cartograph:end -->\nb\n"
        let once = inject(before).0 ?? ""
        #expect(inject(once).0 == once)
    }

    @Test(arguments: [
        ("no markers here\n", ["1: no cartograph markers: nothing says where the map goes"]),
        ("<!-- cartograph:begin -->\ntext\n", ["1: <!-- cartograph:begin --> is never closed"]),
        (
            "<!-- cartograph:begin -->\n<!-- cartograph:begin costs -->\n<!-- cartograph:end -->\n",
            ["2: a second <!-- cartograph:begin --> before the block opened at line 1 is closed"]
        ),
        ("text\n<!-- cartograph:end -->\n", ["2: <!-- cartograph:end --> without a <!-- cartograph:begin --> before it"]),
        (
            "<!-- cartograph:begin cost -->\n<!-- cartograph:end -->\n",
            [
                "1: unknown section 'cost' in cartograph marker; use one of: diagram, inventory, costs, endpoints, commands, monitoring, questions, or none for the whole map"
            ]
        ),
    ])
    func malformedMarkers(_ text: String, _ expected: [String]) {
        let (out, problems) = inject(text)
        #expect(out == nil)
        #expect(problems == expected)
    }

    /// A README that explains injection shows the markers in a code block: they are text.
    @Test func markersInCodeBlocksAreText() {
        let before =
            "Use:\n\n```markdown\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n```\n\n~~~~\n<!-- cartograph:end -->\n~~~~\n<!-- cartograph:begin -->\nold\n<!-- cartograph:end -->\n"
        let (out, problems) = inject(before) { _ in "new\n" }
        #expect(problems.isEmpty)
        #expect(out == before.replacingOccurrences(of: "\nold\n", with: "\nnew\n"))
    }

    /// What is injected must be found again: no marker outside code, no code block left open.
    @Test(arguments: [
        ("<!-- cartograph:end -->\n", "holds a line that reads as a cartograph marker (<!-- cartograph:end -->)"),
        ("text\n  <!--cartograph:begin costs-->\n", "holds a line that reads as a cartograph marker (<!--cartograph:begin costs-->)"),
        ("```\nopen code\n", "ends inside a code block that is never closed"),
    ])
    func injectedTextThatWouldBreakTheNextBuild(_ body: String, _ problem: String) {
        let (out, problems) = inject("a\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n") { _ in body }
        #expect(out == nil)
        #expect(problems == ["2: the map to inject here \(problem); injected, it would break the next build"])
    }

    @Test func markersInCodeInsideTheMapAreFine() {
        let body = "````\n```\n<!-- cartograph:end -->\n```\n````\n"
        let (out, problems) = inject("<!-- cartograph:begin -->\n<!-- cartograph:end -->\n") { _ in body }
        #expect(problems.isEmpty)
        #expect(inject(out ?? "").1.isEmpty, "the next build finds the block again")
    }

    /// A page that shows the markers (in code, or as raw HTML the map drops) does not break
    /// the next build of a file the whole map is injected into; kept by allow_raw_html, it
    /// is an error before anything is written.
    @Test func aPageWithMarkersDoesNotBreakTheNextBuild() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Notes\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n".write(
            to: folder.appending(path: "README.md"), atomically: true, encoding: .utf8)
        let configURL = folder.appending(path: "cartograph.yaml")
        let config = try String(contentsOf: configURL, encoding: .utf8)
            .replacingOccurrences(of: "output:\n  site: site\n", with: "output:\n  inject: [README.md]\n  site: site\n")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        try
            "---\ntitle: Markers\n---\nHow:\n\n```markdown\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n```\n\n<!-- cartograph:end -->\n"
            .write(to: folder.appending(path: "content/pages/markers.md"), atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            var err = ""
            #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        }
        #expect(CheckCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        try (config + "allow_raw_html: true\n").write(to: configURL, atomically: true, encoding: .utf8)
        let readme = try Data(contentsOf: folder.appending(path: "README.md"))
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 1)
        #expect(
            err.contains(
                "README.md:2:1: error: the map to inject here holds a line that reads as a cartograph marker (<!-- cartograph:end -->); injected, it would break the next build"
            ))
        #expect(try Data(contentsOf: folder.appending(path: "README.md")) == readme)
    }

    @Test func buildInjectsIntoTheConfiguredFiles() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let readme = "# Infra\r\n\r\n<!-- cartograph:begin costs -->\r\n<!-- cartograph:end -->\r\n\r\nHand-written tail"
        try readme.write(to: folder.appending(path: "README.md"), atomically: true, encoding: .utf8)
        var config = try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8)
        config = config.replacingOccurrences(of: "output:\n  site: site\n", with: "output:\n  inject: [README.md]\n  site: site\n")
        try config.write(to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let after = try String(contentsOf: folder.appending(path: "README.md"), encoding: .utf8)
        #expect(after.hasPrefix("# Infra\r\n\r\n<!-- cartograph:begin costs -->\r\n| Application | Monthly Cost | Status |\r\n"))
        #expect(after.contains("| **Total (if all deployed)** | **$37/month (estimated)** | - |\r\n"))
        #expect(after.hasSuffix("<!-- cartograph:end -->\r\n\r\nHand-written tail"))
        #expect(CheckCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        // A file named in output.inject without markers is an error, and nothing is written.
        try "# Plain\n".write(to: folder.appending(path: "README.md"), atomically: true, encoding: .utf8)
        err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 1)
        #expect(err.contains("README.md:1:1: error: no cartograph markers"))
        #expect(try String(contentsOf: folder.appending(path: "README.md"), encoding: .utf8) == "# Plain\n")
    }
}

@Suite("Init")
struct InitTests {
    @Test func inAnEmptyFolderBuildSucceedsStraightAway() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var out = ""
        #expect(InitCommand(folder: folder).run(stdout: { out += $0 }, stderr: { _ in }) == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "cartograph.yaml").path))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "pages").path))
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "site/index.html").path))
    }

    @Test func findsTheDoFolderAndTheStatusAndNeverOverwrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appending(path: ".do"), withIntermediateDirectories: true)
        try "name: shop\nregion: ams\nservices:\n  - name: web\n    instance_size_slug: apps-s-1vcpu-1gb\n".write(
            to: folder.appending(path: ".do/app.yaml"), atomically: true, encoding: .utf8)
        try "apps:\n  shop: { status: healthy }\n".write(to: folder.appending(path: "status.yaml"), atomically: true, encoding: .utf8)
        var out = ""
        #expect(InitCommand(folder: folder, copyTemplates: true).run(stdout: { out += $0 }, stderr: { _ in }) == 0)
        let config = try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8)
        #expect(config.contains("specs: [.do/*.yaml]"))
        #expect(config.contains("status: status.yaml"))
        #expect(out.contains("specs: .do/app.yaml"))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "templates/markdown/map.mustache").path))
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let map = try String(contentsOf: folder.appending(path: "site/INFRASTRUCTURE.md"), encoding: .utf8)
        #expect(map.contains("### 1. shop"))
        #expect(map.contains("**Status**: ✅ Healthy"))
        err = ""
        #expect(InitCommand(folder: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 1)
        #expect(err.contains("already exists; init never overwrites"))
        #expect(try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8) == config)
    }
}

/// The commit workflow on a real git repository: check gates, build fixes, the hook blocks.
@Suite("Git workflow", .serialized)
struct GitWorkflowTests {
    static let gitBinary = which("git")

    func git(_ arguments: [String], in folder: URL) throws -> CLIResult {
        try run(
            try #require(Self.gitBinary),
            ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments, in: folder)
    }

    @Test(.enabled(if: gitBinary != nil)) func checkBuildAndTheHook() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try git(["init", "-q", "-b", "main"], in: folder).status == 0)
        #expect(try runCLI(["build"], in: folder).status == 0)
        #expect(try git(["add", "-A"], in: folder).status == 0)
        #expect(try git(["commit", "-q", "-m", "map"], in: folder).status == 0)
        #expect(try runCLI(["check"], in: folder).status == 0)

        // A spec change makes the committed map stale: check names the file and the cost line.
        let spec = folder.appending(path: "content/apps/pulse-hub-web.yaml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "    instance_count: 1\n", with: "    instance_count: 3\n").write(
            to: spec, atomically: true, encoding: .utf8)
        let stale = try runCLI(["check"], in: folder, environment: ["NO_COLOR": "1"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("site/INFRASTRUCTURE.md: error: is stale"))
        #expect(stale.stderr.contains("-| pulse-hub-web | $5 | ✅ Healthy |"))
        #expect(stale.stderr.contains("+| pulse-hub-web | $15 | ✅ Healthy |"))
        #expect(stale.stderr.contains("site/index.html: error: is stale"))

        // The hook refuses the commit while the map is stale…
        // (This build's binary: the hook otherwise runs the `cartograph` on PATH.)
        let install = try runCLI(["hook", "install", "--executable", cartographBinary.path], in: folder)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(try git(["add", "-A"], in: folder).status == 0)
        let blocked = try git(["commit", "-q", "-m", "three instances"], in: folder)
        #expect(blocked.status != 0)
        #expect(blocked.stderr.contains("is stale"))
        // …and lets it through once `build` has brought the map up to date.
        #expect(try runCLI(["build"], in: folder).status == 0)
        #expect(try runCLI(["check"], in: folder).status == 0)
        #expect(try git(["add", "-A"], in: folder).status == 0)
        let allowed = try git(["commit", "-q", "-m", "three instances"], in: folder)
        #expect(allowed.status == 0, "\(allowed.stderr)")

        // A foreign hook is never overwritten.
        let hook = folder.appending(path: ".git/hooks/pre-commit")
        try "#!/bin/sh\necho mine\n".write(to: hook, atomically: true, encoding: .utf8)
        let refused = try runCLI(["hook", "install"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was not written by Cartograph"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == "#!/bin/sh\necho mine\n")
    }

    @Test func githubFormatForStaleOutputs() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try runCLI(["build"], in: folder).status == 0)
        try "stale\n".write(to: folder.appending(path: "site/INFRASTRUCTURE.md"), atomically: true, encoding: .utf8)
        let result = try runCLI(["check", "--format", "github"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "::error file=site/INFRASTRUCTURE.md::is stale (differs from what a build would write); run 'cartograph build'"))
        #expect(result.stdout.contains("::warning file=cartograph.yaml,line=19,col=13::price of 'basic-xs' is set to $12"))
    }
}
