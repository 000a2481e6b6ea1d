import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// One file the sweep puts canaries into: a spec, or doctl output (a status file whose apps
/// embed their specs).
struct SweepInput: Sendable, CustomTestStringConvertible {
    var name: String
    var url: URL
    var isStatus: Bool
    /// The spec at `url` is swept as doctl output embedding it (the doctl fixtures have no envs).
    var embedded = false
    /// A file of this repository (the fixtures and the example), not of the corpus.
    var isFixture = false

    var testDescription: String { name }

    /// The input's text, as the sweep reads it.
    func text() throws -> String {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard embedded else { return text }
        return try #require(Canary.doctlOutput(embedding: text), "\(name) cannot be embedded in doctl output")
    }

    /// The repository's specs and doctl fixtures, then every spec in `../shared/corpus`, and
    /// some of those specs (the fixtures' and one in six of the corpus') as doctl output.
    static let all: [SweepInput] = {
        var inputs: [SweepInput] = []
        let fixtures = repositoryRoot.appending(path: "Tests/CartographKitTests/Fixtures")
        let example = repositoryRoot.appending(path: "content/apps")
        for (folder, isStatus) in [
            (fixtures.appending(path: "specs"), false), (fixtures.appending(path: "hostile/apps"), false), (example, false),
        ]
            + [(fixtures.appending(path: "doctl"), true)]
        {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
                inputs.append(SweepInput(name: name, url: folder.appending(path: name), isStatus: isStatus, isFixture: true))
            }
        }
        if let shared = sharedFolder {
            let corpus = shared.appending(path: "corpus")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
                inputs.append(SweepInput(name: name, url: corpus.appending(path: name), isStatus: false))
            }
        }
        let embeddable = inputs.enumerated().filter { index, input in
            !input.isStatus && input.name.hasSuffix(".yaml") && (index < 10 || index % 6 == 0)
        }
        for (_, input) in embeddable {
            let text = (try? String(contentsOf: input.url, encoding: .utf8)) ?? ""
            guard text.contains("envs"), Canary.doctlOutput(embedding: text) != nil else { continue }
            inputs.append(SweepInput(name: "doctl-" + input.name, url: input.url, isStatus: true, embedded: true))
        }
        return inputs
    }()

    /// A seed of its own for each input, the same on every run.
    var seed: UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}

/// Every env value of every spec replaced by a canary, then the spec broken around its
/// values in every way `MalformedVariants` knows: no canary may appear in anything a command
/// prints or writes.
@Suite("Canary sweep")
struct CanarySweepTests {
    /// How many malformed variants of each input run (every family is covered before any
    /// repeats, and each input orders the families by its own seed): many for the fixtures
    /// written to hold secrets, fewer for each of the 86 corpus specs, fewer still for doctl
    /// output (checked with its config, which builds the map). About 25 s of CPU in a debug
    /// build.
    static func variantCount(of input: SweepInput) -> Int {
        input.isStatus ? 6 : input.isFixture ? 40 : 12
    }

    @Test func corpusIsPresentOrSkippedWithAReason() {
        if sharedFolder == nil {
            print("note: ../shared/corpus is absent (a user's clone has none); the canary sweep covers the fixtures only")
        }
        #expect(SweepInput.all.count >= (sharedFolder == nil ? 5 : 91))
    }

    static func leaks(_ printed: ScratchProject.Printed) -> [String] {
        Canary.leaks(in: printed.stdout + printed.stderr)
    }

    @Test(arguments: SweepInput.all)
    func noCanaryInAnythingPrintedOrWritten(_ input: SweepInput) throws {
        let original = try input.text()
        #expect(Canary.leaks(in: original).isEmpty, "the canary shapes must not occur in real inputs")
        let canaried = try #require(Canary.replacingEnvValues(in: original), "env values of \(input.name) could not be replaced")
        let project = try ScratchProject(isStatus: input.isStatus)

        // The input as it is: every command, every format, and everything written.
        try project.use(canaried.text)
        // (A check with the config prints what build prints: build stands for both.)
        var runs: [(String, ScratchProject.Printed)] = [
            ("check FILE", project.check(fileOnly: true)), ("check --format github FILE", project.check(format: .github, fileOnly: true)),
        ]
        runs += CostReport.Format.allCases.map { ("cost --format \($0)", project.cost($0)) }
        runs += ["text", "svg", "mermaid"].map { ("diagram --format \($0)", project.diagram($0)) }
        runs.append(("build", project.build()))
        for (command, printed) in runs {
            #expect(Self.leaks(printed).isEmpty, "\(input.name): \(command) printed \(Self.leaks(printed))")
        }
        for (path, data) in project.writtenFiles() {
            let leaks = Canary.leaks(in: String(decoding: data, as: UTF8.self))
            #expect(leaks.isEmpty, "\(input.name): build wrote \(leaks) into \(path)")
        }

        // Broken around its values: what check prints (both formats); for one variant in
        // eight, and for every variant that still reads without errors, what build prints and
        // writes (a build is what takes time), and for the latter cost and diagram too.
        let variants = MalformedVariants.sample(of: canaried, seed: input.seed, count: Self.variantCount(of: input))
        for (index, variant) in variants.enumerated() {
            try project.use(variant.text)
            var clean = false
            for format in DiagnosticPrinter.Format.allCases {
                let check = project.check(format: format, fileOnly: true)
                #expect(Self.leaks(check).isEmpty, "\(input.name) \(variant.name): check --format \(format) printed \(Self.leaks(check))")
                clean = check.status == 0
            }
            guard clean || index % 8 == 0 else { continue }
            let build = project.build()
            #expect(Self.leaks(build).isEmpty, "\(input.name) \(variant.name): build printed \(Self.leaks(build))")
            guard build.status == 0 else { continue }
            for (path, data) in project.writtenFiles() {
                let leaks = Canary.leaks(in: String(decoding: data, as: UTF8.self))
                #expect(leaks.isEmpty, "\(input.name) \(variant.name): build wrote \(leaks) into \(path)")
            }
            for format in CostReport.Format.allCases {
                let cost = project.cost(format)
                #expect(Self.leaks(cost).isEmpty, "\(input.name) \(variant.name): cost printed \(Self.leaks(cost))")
            }
            let diagram = project.diagram("svg")
            #expect(Self.leaks(diagram).isEmpty, "\(input.name) \(variant.name): diagram printed \(Self.leaks(diagram))")
        }
    }

    /// Every variant family of a few inputs, through the real binary: what users run.
    @Test(arguments: SweepInput.all.filter { ["secrets.yaml", "superset-analytics.yaml"].contains($0.name) })
    func everyVariantThroughTheBinary(_ input: SweepInput) throws {
        let canaried = try #require(Canary.replacingEnvValues(in: try input.text()))
        let project = try ScratchProject(isStatus: input.isStatus)
        let variants = MalformedVariants.sample(of: canaried, seed: input.seed, count: 60)
        let commands = [
            ["check"], ["check", "--format", "github"], ["build"], ["cost", "--format", "json"], ["diagram", "--format", "svg"],
        ]
        for (index, variant) in variants.enumerated() {
            try project.use(variant.text)
            let result = try runCLI(commands[index % commands.count], in: project.root, environment: ["NO_COLOR": "1"])
            let leaks = Canary.leaks(in: result.stdout + result.stderr)
            #expect(leaks.isEmpty, "\(input.name) \(variant.name): \(commands[index % commands.count]) printed \(leaks)")
            #expect(result.status == 0 || result.status == 1, "\(variant.name): exit \(result.status)\n\(result.stderr)")
        }
    }
}
