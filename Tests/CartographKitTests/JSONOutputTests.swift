import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// `output.json`: the whole map as JSON, written from the presentation; `cost --format json`
/// is its `cost` object.
@Suite("JSON output")
struct JSONOutputTests {
    /// The example with `output.json: map.json`, built in process.
    static let example: (root: URL, build: MapBuild) = {
        do {
            let root = try OutputOverlapTests.project(output: ["  site: site", "  markdown: site/INFRASTRUCTURE.md", "  json: map.json"])
            return (root, MapBuild.run(Workspace.load(root: root)))
        } catch {
            fatalError("cannot copy the example: \(error)")
        }
    }()

    static var text: String { example.build.outputs.text("map.json") ?? "" }

    static func parsed() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theExamplesJSONIsItsGolden() throws {
        #expect(!Self.example.build.hasErrors, "\(Self.example.build.diagnostics)")
        assertGolden(Self.text, "json/example.json")
        // Byte-identical from a second build.
        let again = MapBuild.run(Workspace.load(root: Self.example.root))
        #expect(again.outputs.text("map.json") == Self.text)
    }

    /// Money as integer cents wherever the dump has it, counts as integers, and the apps'
    /// cents add up to the totals: if all deployed over every app, current over the apps
    /// observed running.
    @Test func numbersAreNumbersAndCentsAddUp() throws {
        let root = try Self.parsed()
        var integerKeys = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    if key.hasSuffix("_cents") || ["min", "max", "unknown_parts", "cartograph_map", "port"].contains(key) {
                        integerKeys.insert(key)
                    }
                    walk(member)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(root)
        #expect(integerKeys.count >= 6)
        // As written: each such key's value is digits (or null where nothing is known).
        var checked = 0
        for key in integerKeys {
            for match in Self.text.matches(of: try Regex("\"\(key)\": ([^,\n]*)")) {
                let value = String(match.output[1].substring ?? "")
                #expect(value.wholeMatch(of: /-?[0-9]+|null/) != nil, "\(key): \(value)")
                checked += 1
            }
        }
        #expect(checked > 50)
        // A field's `text` is its words as the map shows them ("Port": "3000"); every other
        // number is one.
        let quoted = Self.text.matches(of: /"([a-z_]+)": "-?[0-9][0-9.,]*"/).map { String($0.output.1) }
        #expect(Set(quoted).subtracting(["text"]).isEmpty, "numbers written as strings under \(quoted)")

        let cost = try #require(root["cost"] as? [String: Any])
        let apps = try #require(cost["apps"] as? [[String: Any]])
        let totals = try #require(cost["totals"] as? [String: Any])
        func cents(_ money: Any?, _ end: String) -> Int { ((money as? [String: Any])?["\(end)_cents"] as? Int) ?? -1 }
        for end in ["low", "high"] {
            #expect(apps.map { cents($0["monthly"], end) }.reduce(0, +) == cents(totals["if_all_deployed"], end))
            let running = apps.filter { ["healthy", "degraded"].contains(($0["status"] as? [String: Any])?["health"] as? String) }
            #expect(running.map { cents($0["monthly"], end) }.reduce(0, +) == cents(totals["current"], end))
            // An app with a spec costs what its components do.
            for app in apps {
                let components = app["components"] as? [[String: Any]] ?? []
                guard !components.isEmpty else { continue }
                #expect(components.map { cents($0["monthly"], end) }.reduce(0, +) == cents(app["monthly"], end), "\(app["name"] ?? "")")
            }
        }
        #expect(cents(totals["if_all_deployed"], "low") == 3700)
        #expect(cents(totals["current"], "high") == 500)
    }

    /// `cost --format json` prints the object the dump has under `cost`, byte for byte.
    @Test func costJSONIsTheDumpsCostObject() throws {
        var out = ""
        let status = CostCommand(request: PipelineRequest(root: Self.example.root), format: .json).run(
            stdout: { out += $0 }, stderr: { _ in })
        #expect(status == 0)
        let printed = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? NSDictionary)
        let slice = try #require(try Self.parsed()["cost"] as? NSDictionary)
        #expect(printed.isEqual(slice))
        // And written the same way: the slice as the dump indents it, one level in.
        let indented = out.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            $0.offset == 0 ? $0.element[...] : "  " + $0.element
        }
        #expect(Self.text.contains("\"cost\": " + indented.dropLast().joined(separator: "\n") + ",\n"))
    }

    /// In the site folder, on a path the site does not write, the JSON is published with the
    /// site; `check` then finds nothing stale, and a changed byte is stale.
    @Test func aJSONInTheSiteFolderIsWrittenAndChecked() throws {
        let root = try OutputOverlapTests.project(output: ["  site: site", "  json: site/map.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        var err = ""
        #expect(BuildCommand(root: root).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let written = try String(contentsOf: root.appending(path: "site/map.json"), encoding: .utf8)
        #expect(written == Self.text)
        #expect(CheckCommand(root: root).run(stdout: { _ in }, stderr: { _ in }) == 0)
        try (written + " ").write(to: root.appending(path: "site/map.json"), atomically: true, encoding: .utf8)
        var said = ""
        #expect(CheckCommand(root: root).run(stdout: { said += $0 }, stderr: { said += $0 }) == 1)
        #expect(said.contains("site/map.json"), "\(said)")
        // The JSON is among what `--only markdown` compares: a repository commits it.
        #expect(CheckCommand(root: root, only: .markdown).run(stdout: { _ in }, stderr: { _ in }) == 1)
    }

    /// Every key the dump writes is documented in README's JSON section.
    @Test func everyKeyIsDocumented() throws {
        let readme = try String(contentsOf: repositoryRoot.appending(path: "README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "\n## The map as JSON\n"))
        let section = readme[start.upperBound...]
        let documented = section[..<(section.range(of: "\n## ")?.lowerBound ?? section.endIndex)]
        var keys = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    keys.insert(key)
                    walk(member)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try Self.parsed())
        #expect(keys.count > 60)
        for key in keys.sorted() { #expect(documented.contains("`\(key)`"), "README does not document `\(key)`") }
    }

    /// Env keys with scope and type are in the dump; no env value is, from any input of the
    /// canary sweep's kind (their values replaced by canaries).
    @Test func envKeysAreThereAndNoValue() throws {
        let text = try String(contentsOf: repositoryRoot.appending(path: "content/apps/superset-analytics.yaml"), encoding: .utf8)
        let canaried = try #require(Canary.replacingEnvValues(in: text))
        let project = try ScratchProject()
        try project.use(canaried.text)
        let build = project.build()
        #expect(build.status == 0, "\(build.stderr)")
        let written = try #require(project.writtenFiles()[ScratchProject.jsonOutput])
        let json = String(decoding: written, as: UTF8.self)
        #expect(Canary.leaks(in: json).isEmpty, "\(Canary.leaks(in: json))")
        #expect(!canaried.sites.isEmpty)
        let object = try #require(JSONSerialization.jsonObject(with: written) as? [String: Any])
        let app = try #require((object["apps"] as? [[String: Any]])?.first)
        let env = try #require(app["env"] as? [[String: Any]])
        #expect(Set(env.map { Set($0.keys) }) == [["key", "scope", "type", "set_on"]])
        #expect(env.contains { $0["key"] as? String == "DATABASE_PASSWORD" && $0["type"] as? String == "secret" })
    }
}
