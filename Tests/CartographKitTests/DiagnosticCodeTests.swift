import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Diagnostic codes, the machine-readable formats of `check`, and what a run prints:
/// `--quiet`, `--warnings-as-errors`, `ignore:`, live-spec warnings, `--only markdown`.
@Suite("Diagnostic codes and check's formats", .serialized)
struct DiagnosticCodeTests {
    /// Every input file the tests keep (fixtures, and the corpus when present), read as a
    /// spec, as a config and as a status file, and as whole projects: no message Cartograph
    /// writes falls through to CG000.
    @Test func everyMessageHasACode() throws {
        var files: [URL] = []
        var roots = [fixtureURL("")]
        if let sharedFolder { roots.append(sharedFolder.appending(path: "corpus")) }
        for root in roots {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "json"].contains(url.pathExtension) { files.append(url) }
        }
        #expect(files.count > 20)
        var diagnostics: [Diagnostic] = []
        for url in files {
            guard let data = try? Data(contentsOf: url) else { continue }
            let bag = DiagnosticBag()
            _ = SpecReader.read(data, path: url.lastPathComponent, diagnostics: bag)
            _ = ConfigReader.read(data, path: url.lastPathComponent, diagnostics: bag)
            diagnostics += bag.diagnostics
        }
        let projects = try FileManager.default.contentsOfDirectory(atPath: fixtureURL("hostile-inputs").path)
        for name in projects + ["../hostile"] {
            let workspace = Workspace.load(root: fixtureURL("hostile-inputs/\(name)"))
            diagnostics += MapBuild.run(workspace).diagnostics
        }
        // Broken specs cover the YAML-level messages (the canary sweep runs the JSON and
        // SARIF formats over many more, for env values).
        for example in LeakExample.issueExamples {
            let bag = DiagnosticBag()
            _ = SpecReader.read(Data(example.spec.utf8), path: "app.yaml", diagnostics: bag)
            diagnostics += bag.diagnostics
        }
        #expect(diagnostics.count > 100)
        let unknown = Set(diagnostics.filter { $0.code == .other }.map(\.message)).sorted()
        #expect(unknown.isEmpty, "messages without a code:\n\(unknown.joined(separator: "\n"))")
        // Both kinds of code are reached, so the registry is not one catch-all.
        #expect(Set(diagnostics.map(\.code.id)).count > 15)
    }

    @Test func codesAreUniqueAndDocumented() throws {
        let ids = DiagnosticCode.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: #"^CG[0-9]{3}$"#, options: .regularExpression) != nil })
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        for code in DiagnosticCode.all {
            #expect(readme.contains("| `\(code.id)` | \(code.title) |"), "README lacks a row for \(code.id)")
        }
    }

    @Test func textAndGitHubEndWithTheCode() throws {
        let project = try ScratchProject()
        try project.use("name: Shop\n")
        let text = project.check()
        #expect(
            text.stderr.hasPrefix(
                "app.yaml:1:7: error: invalid app name 'Shop': use 2 to 32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash [CG015]\n"
            ))
        let github = project.check(format: .github)
        #expect(github.stdout.hasPrefix("::error file=app.yaml,line=1,col=7::invalid app name 'Shop'"))
        #expect(github.stdout.contains("(hint: for example 'shop') [CG015]\n"))
    }

    /// The SARIF structure GitHub code scanning reads.
    @Test func sarifHasTheStructureCodeScanningReads() throws {
        let project = try ScratchProject()
        try project.use("name: shop\nservices:\n  - name: web\n    instance_size_slug: basic-xs\n    instance_cont: 2\n")
        let run = project.check(format: .sarif)
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect(root["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "cartograph")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs == DiagnosticCode.all.map(\.id))
        #expect(rules.allSatisfy { ($0["shortDescription"] as? [String: Any])?["text"] is String })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        let unknownKey = try #require(results.first { $0["ruleId"] as? String == "CG010" })
        #expect(unknownKey["level"] as? String == "error")
        #expect(
            ((unknownKey["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("unknown key 'instance_cont' in service") == true)
        #expect(ruleIDs[unknownKey["ruleIndex"] as? Int ?? -1] == "CG010")
        let location = try #require(
            ((unknownKey["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "app.yaml")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 5)
        #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 5)
        let legacy = try #require(results.first { $0["ruleId"] as? String == "CG102" })
        #expect(legacy["level"] as? String == "warning")
    }

    @Test func jsonListsEveryProblemWithNumbers() throws {
        let project = try ScratchProject()
        try project.use("name: shop\nservices:\n  - name: web\n    instance_count: two\n")
        let run = project.check(format: .json)
        #expect(run.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(root["errors"] as? Int == 1)
        let first = try #require(diagnostics.first)
        #expect(first["code"] as? String == "CG012")
        #expect(first["severity"] as? String == "error")
        #expect(first["file"] as? String == "app.yaml")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 21)
    }

    /// A project whose spec has two warnings of different codes.
    static func twoWarnings(ignore: String = "") throws -> ScratchProject {
        let project = try ScratchProject()
        try Data("title: Canary\nspecs: [app.yaml]\n\(ignore)".utf8).write(to: project.root.appending(path: Workspace.configName))
        try project.use(
            "name: shop\nservices:\n  - name: web\n    instance_size_slug: basic-xs\n    routes:\n      - path: /\n")
        return project
    }

    @Test func ignoreSilencesExactlyThatWarning() throws {
        let plain = try Self.twoWarnings().check()
        #expect(plain.stderr.contains("warning: instance size 'basic-xs' is a legacy slug"))
        #expect(plain.stderr.contains("warning: 'routes' is deprecated [CG101]"))
        #expect(plain.stdout.hasSuffix("0 errors, 2 warnings, 1 stale output\n") || plain.stdout.contains("0 errors, 2 warnings"))

        let ignored = try Self.twoWarnings(ignore: "ignore: [CG102]\n").check()
        #expect(!ignored.stderr.contains("legacy slug"))
        #expect(ignored.stderr.contains("warning: 'routes' is deprecated [CG101]"))
        #expect(ignored.stdout.contains("0 errors, 1 warning"))

        // A path glob limits the rule to those files.
        let elsewhere = try Self.twoWarnings(ignore: "ignore: [\"CG102 other/*.yaml\"]\n").check()
        #expect(elsewhere.stderr.contains("legacy slug"))
        let here = try Self.twoWarnings(ignore: "ignore: [\"CG102 *.yaml\"]\n").check()
        #expect(!here.stderr.contains("legacy slug"))

        let unknown = try Self.twoWarnings(ignore: "ignore: [CG10]\n").check()
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr.contains(
                "cartograph.yaml:3:10: error: unknown diagnostic code 'CG10' in 'ignore'; write a code such as CG102, then optionally a path glob [CG014]"
            ))
    }

    @Test func quietAndWarningsAsErrors() throws {
        let project = try Self.twoWarnings()
        #expect(project.build().status == 0)
        let quiet = CheckCommand(root: project.root, selection: DiagnosticSelection(quiet: true))
        var out = ""
        var err = ""
        #expect(quiet.run(stdout: { out += $0 }, stderr: { err += $0 }) == 0)
        #expect(out == "" && err == "")

        let strict = CheckCommand(root: project.root, selection: DiagnosticSelection(warningsAsErrors: true))
        out = ""
        err = ""
        #expect(strict.run(stdout: { out += $0 }, stderr: { err += $0 }) == 1)
        #expect(out.hasSuffix("0 errors, 2 warnings; warnings fail the run (--warnings-as-errors)\n"))
    }

    /// The example prints nothing with --quiet: its warnings are not errors.
    @Test func quietCheckOfTheExamplePrintsNothing() throws {
        let run = try runCLI(["check", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "")
        #expect(run.stderr == "")
    }

    /// Problems in a live spec (doctl's JSON) are counted, and printed with --verbose only.
    @Test func liveSpecWarningsAreCounted() throws {
        let project = try ScratchProject(isStatus: true)
        let spec = #"{"name": "shop", "services": [{"name": "web", "instance_size_slug": "basic-xs", "instance_count": 1}]}"#
        try project.use(#"[{"id": "1", "spec": \#(spec)}]"#)
        let plain = project.check()
        #expect(!plain.stderr.contains("legacy slug"))
        #expect(plain.stdout.contains("0 errors, 1 warning (1 about live specs from doctl not shown; --verbose shows them)"))
        let verbose = CheckCommand(root: project.root, selection: DiagnosticSelection(verbose: true))
        var out = ""
        var err = ""
        _ = verbose.run(stdout: { out += $0 }, stderr: { err += $0 })
        #expect(err.contains("warning: instance size 'basic-xs' is a legacy slug"))
        #expect(out.contains("0 errors, 1 warning"))
        #expect(!out.contains("not shown"))
    }

    /// With the site not committed, `--only markdown` (or `output.check: markdown`) compares
    /// the Markdown alone.
    @Test func onlyMarkdownComparesTheMarkdown() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = BuildCommand(root: folder)
        #expect(built.run(stdout: { _ in }, stderr: { _ in }) == 0)
        try FileManager.default.removeItem(at: folder.appending(path: "site/index.html"))
        func check(_ only: Config.CheckedOutputs?) -> (Int32, String) {
            var err = ""
            let status = CheckCommand(root: folder, only: only).run(stdout: { _ in }, stderr: { err += $0 })
            return (status, err)
        }
        let all = check(nil)
        #expect(all.0 == 1)
        #expect(all.1.contains("site/index.html: error: missing (a build would write it); run 'cartograph build' [CG050]\n"))
        #expect(check(.markdown).0 == 0)
        // The Markdown itself is still compared.
        try Data("stale\n".utf8).write(to: folder.appending(path: "site/INFRASTRUCTURE.md"))
        let markdown = check(.markdown)
        #expect(markdown.0 == 1)
        #expect(
            markdown.1.contains(
                "site/INFRASTRUCTURE.md: error: is stale (differs from what a build would write); run 'cartograph build' [CG050]\n"))
        #expect(!markdown.1.contains("index.html"))
        // The config setting does the same.
        let config = folder.appending(path: "cartograph.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "output:\n", with: "output:\n  check: markdown\n").utf8).write(to: config)
        try FileManager.default.removeItem(at: folder.appending(path: "site/INFRASTRUCTURE.md"))
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { _ in }) == 0)
        try FileManager.default.removeItem(at: folder.appending(path: "site/index.html"))
        #expect(check(nil).0 == 0)
        #expect(check(.all).0 == 1)
    }
}
