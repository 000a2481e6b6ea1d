import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Quiet wrong answers made loud, at the place to fix them.
@Suite("Input locations")
struct InputLocationTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// The errors of a workspace, as `file:line:col: message`.
    static func errors(_ workspace: Workspace) -> [String] {
        workspace.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }.sorted()
    }

    /// Configs with several spec globs, written as a block list, a flow list or a single
    /// string, some matching and some not: each glob that matches nothing is an error at
    /// its own line and column, and the ones that match are read.
    @Test func everySpecGlobThatMatchesNothingIsAnErrorAtTheGlob() throws {
        var generator = Generator(state: 9)
        for round in 0..<12 {
            let count = Int.random(in: 1...5, using: &generator)
            let globs = (0..<count).map { index in
                Bool.random(using: &generator) ? "apps\(index)/*.yaml" : "missing\(index)/**/*.yml"
            }
            var files: [String: String] = [:]
            for glob in globs where glob.hasPrefix("apps") {
                let folder = String(glob.prefix { $0 != "/" })
                files["\(folder)/\(folder).yaml"] = "name: \(folder)\nservices:\n  - name: web\n"
            }
            let style = count == 1 ? Int.random(in: 0...2, using: &generator) : Int.random(in: 0...1, using: &generator)
            var config = "title: T\n"
            var expected: [String] = []
            switch style {
            case 0:
                config += "specs:\n"
                for (index, glob) in globs.enumerated() {
                    config += "  - \(glob)\n"
                    if glob.hasPrefix("missing") {
                        expected.append("cartograph.yaml:\(3 + index):5: spec pattern '\(glob)' matches no files")
                    }
                }
            case 1:
                config += "specs: ["
                var column = 9
                for (index, glob) in globs.enumerated() {
                    if index > 0 { config += ", "; column += 2 }
                    if glob.hasPrefix("missing") { expected.append("cartograph.yaml:2:\(column): spec pattern '\(glob)' matches no files") }
                    config += glob
                    column += glob.count
                }
                config += "]\n"
            default:
                config += "specs: \(globs[0])\n"
                if globs[0].hasPrefix("missing") { expected.append("cartograph.yaml:2:8: spec pattern '\(globs[0])' matches no files") }
            }
            files["cartograph.yaml"] = config
            let folder = try project(files)
            defer { try? FileManager.default.removeItem(at: folder) }
            let workspace = Workspace.load(root: folder)
            #expect(Self.errors(workspace) == expected.sorted(), "round \(round):\n\(config)")
            #expect(workspace.specs.count == globs.count { $0.hasPrefix("apps") })
        }
    }

    /// Without a `specs:` key the default glob may match nothing: a status-only map is fine.
    @Test func theDefaultGlobMatchingNothingIsOnlyAWarning() throws {
        let folder = try project(["cartograph.yaml": "title: T\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: folder)
        #expect(Self.errors(workspace).isEmpty)
        #expect(workspace.diagnostics.map(\.message) == ["spec pattern '.do/*.yaml' matches no files"])
    }

    /// Missing inputs are reported at the config value that names them, in every form.
    @Test(arguments: [
        ("status: nope.yaml\n", "cartograph.yaml:2:9: file 'nope.yaml' does not exist"),
        ("status: [s.yaml, nope.yaml]\n", "cartograph.yaml:2:18: file 'nope.yaml' does not exist"),
        ("status:\n  - s.yaml\n  - \"nope.yaml\"\n", "cartograph.yaml:4:5: file 'nope.yaml' does not exist"),
        ("status: folder\n", "cartograph.yaml:2:9: is a folder, not a file"),
        ("pages: nope\n", "cartograph.yaml:2:8: pages folder 'nope' does not exist"),
        ("pages: s.yaml\n", "cartograph.yaml:2:8: pages folder 's.yaml' is a file, not a folder"),
        ("templates: nope\n", "cartograph.yaml:2:12: templates folder 'nope' does not exist"),
    ])
    func missingInputsAreReportedAtTheValueThatNamesThem(_ setting: String, _ expected: String) throws {
        let folder = try project(["cartograph.yaml": "specs: []\n" + setting, "s.yaml": "apps: {}\n", "folder/x": ""])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.errors(Workspace.load(root: folder)) == [expected])
    }

    /// Status entries one edit from a spec's app without status (a letter added, dropped or
    /// changed anywhere) are warned about with the spec's name; two edits, or a spec app
    /// that has its own entry, are apps of their own.
    @Test func statusNamesOneEditFromASpecAppAreWarnedAbout() {
        var generator = Generator(state: 31)
        // No dashes: a dash next to another would make the same page, a different error.
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for _ in 0..<60 {
            let name =
                "app-"
                + String((0..<Int.random(in: 2...10, using: &generator)).map { _ in letters.randomElement(using: &generator) ?? "a" })
            var typo = Array(name)
            let position = Int.random(in: 0...typo.count - 1, using: &generator)
            let letter = letters.randomElement(using: &generator) ?? "x"
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: typo.insert(letter, at: position)
            case 1: typo.remove(at: position)
            default: typo[position] = letter == typo[position] ? "z" : letter
            }
            let near = String(typo)
            guard near != name else { continue }
            let spec = "name: \(name)\nservices:\n  - name: web\n"
            let (_, diagnostics) = buildMap(specs: [spec], status: "apps:\n  \"\(near)\": { status: healthy }\n")
            let warnings = diagnostics.filter { $0.message.hasPrefix("status entry") }
            #expect(
                warnings.map { "\($0.location): \($0.message) — \($0.hint ?? "")" } == [
                    "status.yaml:2:3: status entry '\(near)' names no app of the specs, so it is shown as an app of its own — did you mean '\(name)'? That app's spec has no status entry"
                ], "\(name) → \(near)")
            // Two edits away: not a typo of it.
            let far = near + "qq"
            #expect(buildMap(specs: [spec], status: "apps:\n  \"\(far)\": {}\n").1.allSatisfy { !$0.message.hasPrefix("status entry") })
            // The spec's app has its own status: the near name is an app of its own.
            let both = "apps:\n  \(name): {}\n  \"\(near)\": {}\n"
            #expect(buildMap(specs: [spec], status: both).1.allSatisfy { !$0.message.hasPrefix("status entry") })
        }
    }

    /// The benchmark's 10,000 apps: no status entry is near another app's spec.
    @Test func manyAppsWithTheirOwnStatusGetNoWarning() {
        let specs = (0..<300).map { "name: app-\(String(format: "%05d", $0))\nservices:\n  - name: web\n" }
        let status = "apps:\n" + (0..<300).map { "  app-\(String(format: "%05d", $0)): { status: healthy }\n" }.joined()
        #expect(buildMap(specs: specs, status: status).1.allSatisfy { !$0.message.hasPrefix("status entry") })
    }
}

/// The whole project's input, bounded.
@Suite("Input budget")
struct InputBudgetTests {
    @Test func chargesInOrderAndStopsAtTheFirstFileOverALimit() {
        var budget = InputBudget()
        budget.maxBytes = 100
        budget.maxNodes = 10
        let bag = DiagnosticBag()
        let admitted = [
            budget.charge(bytes: 60, nodes: 5, at: .start(of: "a"), diagnostics: bag),
            budget.charge(bytes: 40, nodes: 5, at: .start(of: "b"), diagnostics: bag),
            budget.charge(nodes: 1, at: .start(of: "c"), diagnostics: bag),
            budget.charge(bytes: 0, at: .start(of: "d"), diagnostics: bag),
        ]
        #expect(admitted == [true, true, false, false])
        #expect(budget.isExhausted)
        #expect(
            bag.diagnostics.map { "\($0.location): \($0.message)" } == [
                "c:1:1: the project's inputs pass the limit of 10 YAML nodes with this file; it and the inputs after it are not read"
            ])
    }

    /// Generated projects over the node or the byte limit: the first spec past it (in glob
    /// order) is the one error, no later spec is read (their own errors never appear), and
    /// the same error comes out on every run though the specs are read in parallel.
    @Test(arguments: [true, false])
    func aProjectPastTheLimitIsRefusedAtTheFirstFileOverIt(nodes: Bool) throws {
        var files = ["cartograph.yaml": "specs: [apps/*.yaml]\nstatus: status.yaml\n", "status.yaml": "apps: {}\n"]
        for index in 0..<40 {
            // An unknown key that is an error if the file is read.
            files["apps/a\(String(format: "%02d", index)).yaml"] =
                "name: app\(index)x\nfeatures: [" + Array(repeating: "aaaaaaaa", count: 20).joined(separator: ", ") + "]\nbad\(index): 1\n"
        }
        let folder = try project(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Room for the config and the first ten specs, not the eleventh.
        let first = ["cartograph.yaml"] + (0..<10).map { "apps/a0\($0).yaml" }
        var budget = InputBudget()
        if nodes {
            budget.maxNodes = first.map { YAMLLoader.nodeCount(Data((files[$0] ?? "").utf8)) }.reduce(0, +) + 5
        } else {
            budget.maxBytes = first.map { (files[$0] ?? "").utf8.count }.reduce(0, +) + 5
        }
        for _ in 0..<3 {
            let workspace = Workspace.load(root: folder, configFile: nil, specFiles: [], readConfig: true, budget: budget)
            let errors = workspace.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }.sorted()
            let limit = nodes ? "\(budget.maxNodes) YAML nodes" : "\(budget.maxBytes) bytes"
            #expect(
                errors == (0..<10).map { "apps/a0\($0).yaml:3:1: unknown key 'bad\($0)' in app spec" } + [
                    "apps/a10.yaml:1:1: the project's inputs pass the limit of \(limit) with this file; it and the inputs after it are not read"
                ])
            #expect(workspace.specs.count == 10)
            #expect(!workspace.inputFiles.contains("status.yaml"), "nothing after the limit is read")
        }
    }

    /// Specs and pages are read on every core only as far as the bytes claimed ahead; the
    /// fold reads in order whatever the cores left out. However much is read ahead, within
    /// the byte limit or past it, the workspace is the same: every spec and page read, their
    /// errors in order, and the limit's error at the first file past it.
    @Test(arguments: [false, true])
    func whatIsReadAheadChangesNothing(pastTheLimit: Bool) throws {
        var files = ["cartograph.yaml": "specs: [apps/*.yaml]\nstatus: status.yaml\npages: pages\n", "status.yaml": "apps: {}\n"]
        for index in 0..<40 {
            files["apps/a\(String(format: "%02d", index)).yaml"] = "name: app\(index)x\nbad\(index): 1\n"
        }
        for index in 0..<12 {
            files["pages/p\(String(format: "%02d", index)).md"] = "---\ntitle: Page \(index)\nodd\(index): 1\n---\nText \(index).\n"
        }
        let folder = try project(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        var budget = InputBudget()
        if pastTheLimit {
            // Room for the config and the first twenty specs, not the twenty-first.
            budget.maxBytes =
                (["cartograph.yaml"] + (0..<20).map { "apps/a\(String(format: "%02d", $0)).yaml" })
                .map { (files[$0] ?? "").utf8.count }.reduce(0, +) + 5
        }
        func load(readAhead: Int) -> (specs: [String], pages: [String], inputs: [String], diagnostics: [String]) {
            var limited = budget
            limited.readAheadBytes = readAhead
            let workspace = Workspace.load(root: folder, configFile: nil, specFiles: [], readConfig: true, budget: limited)
            return (
                workspace.specs.compactMap { $0.name?.value }, workspace.pages.map(\.slug), workspace.inputFiles,
                workspace.diagnostics.map { "\($0.location): \($0.message)" }
            )
        }
        let all = load(readAhead: .max)
        let specs = pastTheLimit ? 20 : 40
        #expect(all.specs == (0..<specs).map { "app\($0)x" })
        #expect(all.pages.count == (pastTheLimit ? 0 : 12))
        #expect(all.diagnostics.filter { $0.contains("unknown key 'bad") }.count == specs)
        #expect(all.diagnostics.contains { $0.hasPrefix("apps/a20.yaml:1:1: the project's inputs pass the limit") } == pastTheLimit)
        // None, a few files' worth, and all but the last few: the same workspace each time.
        for readAhead in [0, 1, 60, 200, 1_500] {
            let some = load(readAhead: readAhead)
            #expect(some.specs == all.specs, "\(readAhead)")
            #expect(some.pages == all.pages, "\(readAhead)")
            #expect(some.inputs == all.inputs, "\(readAhead)")
            #expect(some.diagnostics == all.diagnostics, "\(readAhead)")
        }
    }

    /// The limits leave room for the benchmark's 10,000 apps: their bytes and nodes, counted
    /// as a build counts them, are under half of each.
    @Test(.enabled(if: sharedFolder != nil, "needs ../shared/bench/gen_bench.py"))
    func tenThousandGeneratedAppsFitWellUnderTheLimits() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try #require(sharedFolder).appending(path: "bench/gen_bench.py")
        let generated = try run(URL(filePath: "/usr/bin/env"), ["python3", script.path, folder.path, "10000"])
        #expect(generated.status == 0, "\(generated.stderr)")
        var bytes = 0
        var nodes = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "content/apps").path) {
            let data = try Data(contentsOf: folder.appending(path: "content/apps/\(name)"))
            bytes += data.count
            nodes += YAMLLoader.nodeCount(data, maxNodes: YAMLLoader.Limits.maxSpecNodes)
        }
        let status = try Data(contentsOf: folder.appending(path: "content/status.yaml"))
        bytes += status.count
        nodes += YAMLLoader.nodeCount(status)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "content/pages").path) {
            let data = try Data(contentsOf: folder.appending(path: "content/pages/\(name)"))
            bytes += data.count
            nodes += PageReader.frontMatterNodes(data)
        }
        #expect(nodes > 1_500_000, "the benchmark is the size it was measured at")
        #expect(bytes * 2 < InputBudget.maxBytes)
        #expect(nodes * 2 < InputBudget.maxNodes)
    }
}
