import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@_spi(Fuzzing) @testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// The fuzz targets themselves: they pass the project's own inputs (so an invariant that
/// misfires on good input is caught here, not after an hour of fuzzing), and each invariant
/// fails when it should.
@Suite("Fuzz targets")
struct FuzzTargetTests {
    /// Good inputs of each kind, from the repository.
    static func examples(_ target: FuzzTarget) -> [Data] {
        func read(_ path: String) -> Data {
            (try? Data(contentsOf: repositoryRoot.appending(path: path))) ?? Data()
        }
        func files(_ folder: String, _ suffix: String) -> [Data] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appending(path: folder).path)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted().map { read("\(folder)/\($0)") }
        }
        switch target {
        case .spec: return files("content/apps", ".yaml") + [read("Tests/CartographKitTests/Fixtures/specs/secrets.yaml")]
        case .config: return [read("cartograph.yaml"), read("Tests/CartographKitTests/Fixtures/hostile/cartograph.yaml")]
        case .status: return [read("content/status.yaml"), read("Tests/CartographKitTests/Fixtures/hostile/status.yaml")]
        case .doctl: return files("Tests/CartographKitTests/Fixtures/doctl", ".json")
        case .page: return files("content/pages", ".md") + files("Tests/CartographKitTests/Fixtures/hostile/pages", ".md")
        case .injection:
            return [
                Data("# Infra\n\n<!-- cartograph:begin -->\nold\n<!-- cartograph:end -->\ntail".utf8),
                Data("a\r\n<!-- cartograph:begin costs -->\r\n<!-- cartograph:end -->\r\n<!-- cartograph:begin -->".utf8),
            ]
        case .diagram:
            return [
                Data(
                    "Tmap\nAweb\nCapi\nZbasic-xs\nRroute/with/a/long/path\nCworker\nUdb.example.com\nXDatabase\nYdb.example.com\nW37".utf8),
                Data(
                    "A漢字のアプリ名前\nC👩‍💻 team\nN\u{1B}[31mred\u{202E}evil\nSWeb\nSweb\nH\u{2}\nO\\nline\\nbreaks\n$123456\nXGitHub\nKsource".utf8),
            ]
        case .pipeline:
            return [files("content/apps", ".yaml").first ?? Data()]
                + [
                    Data(
                        (String(decoding: read("content/apps/pulse-hub-web.yaml"), as: UTF8.self)
                            + "\n>>> status.yaml\n" + String(decoding: read("content/status.yaml"), as: UTF8.self)
                            + "\n>>> pages/notes.md\n---\ntitle: Notes\n---\nSome *notes*.\n"
                            + ">>> README.md\n# Readme\n<!-- cartograph:begin costs -->\n<!-- cartograph:end -->\n").utf8)
                ]
        }
    }

    @Test("the project's own inputs hold every invariant", arguments: FuzzTarget.allCases)
    func examplesPass(_ target: FuzzTarget) {
        let inputs = Self.examples(target)
        #expect(!inputs.isEmpty && inputs.allSatisfy { !$0.isEmpty })
        for input in inputs { target.run(input) }
    }

    @Test("every target has a dictionary of words libFuzzer can read", arguments: FuzzTarget.allCases)
    func dictionaries(_ target: FuzzTarget) {
        #expect(target.dictionary.count >= 8)
        #expect(!target.dictionary.contains(""))
        #expect(target.maxLength >= 4096)
    }

    // MARK: Invariants fail when they should

    @Test func aDiagramLineOfTheWrongWidthFails() async {
        await #expect(processExitsWith: .failure) { FuzzCheck.exactWidth("+--+\n|  |\n", width: 24, ascii: true) }
        await #expect(processExitsWith: .failure) {
            FuzzCheck.exactWidth(String(repeating: "é", count: 24) + "\n", width: 24, ascii: true)
        }
        FuzzCheck.exactWidth(String(repeating: "漢", count: 12) + "\n" + String(repeating: "-", count: 24) + "\n", width: 24, ascii: false)
    }

    @Test func aDiagnosticPastTheEndOfItsFileFails() async {
        let file = Data("a: 1\nb: 2\n".utf8)
        FuzzCheck.located([.error("x", at: SourceLocation(file: "f.yaml", line: 3, column: 1))], in: ["f.yaml": file])
        await #expect(processExitsWith: .failure) {
            FuzzCheck.located(
                [.error("x", at: SourceLocation(file: "f.yaml", line: 4, column: 1))], in: ["f.yaml": Data("a: 1\nb: 2\n".utf8)])
        }
        await #expect(processExitsWith: .failure) {
            FuzzCheck.located([.error("x", at: SourceLocation(file: "other.yaml", line: 2, column: 1))], in: [:])
        }
    }

    @Test func linesBreakWhereLibyamlBreaksThem() {
        let cases: [(String, Int)] = [
            ("", 1), ("a", 1), ("a\n", 2), ("a\r\nb", 2), ("a\rb\rc", 3), ("a\u{85}b", 2), ("a\u{2028}b\u{2029}c", 3), ("\r\n\r\n", 3),
        ]
        for (text, lines) in cases {
            #expect(FuzzCheck.lineCount(of: Data(text.utf8)) == lines, "\(text.debugDescription)")
        }
    }

    @Test func aLeakedCanaryFails() async {
        FuzzCheck.noLeak(of: ["zzcanary0qx"], in: "nothing here", where: "stdout")
        await #expect(processExitsWith: .failure) {
            FuzzCheck.noLeak(of: ["zzcanary0qx"], in: "apps/ZZCANARY0QX/index.html", where: "stdout")
        }
    }

    @Test func unescapedMarkupInTheSVGFails() async {
        FuzzCheck.wellFormedSVG("<svg x=\"1\"><g class=\"a\"><text x=\"0\">a &lt; b &amp; c</text></g></svg>")
        await #expect(processExitsWith: .failure) { FuzzCheck.wellFormedSVG("<svg ><text >a < b</text></svg>") }
        await #expect(processExitsWith: .failure) { FuzzCheck.wellFormedSVG("<svg ><text >AT&T</text></svg>") }
        await #expect(processExitsWith: .failure) { FuzzCheck.wellFormedSVG("<svg ><text >\u{1}</text></svg>") }
    }

    @Test func aMermaidLabelThatEndsEarlyFails() async {
        let good = "flowchart TB\n  subgraph platform[\"P\"]\n    app0[\"a<br/>b #35;\"]\n  end\n  click app0 \"apps/a/index.html\"\n"
        FuzzCheck.wellFormedMermaid(good, apps: 1, systems: 0)
        await #expect(processExitsWith: .failure) {
            FuzzCheck.wellFormedMermaid("flowchart TB\n    app0[\"a\"] --> x[\"b\"]\n", apps: 1, systems: 0)
        }
        await #expect(processExitsWith: .failure) { FuzzCheck.wellFormedMermaid("flowchart TB\nclick\n", apps: 0, systems: 0) }
    }

    // MARK: Where env values are

    /// Specs in every style an `envs` list is written in, with CANARY in each place a value
    /// can be and in places that are not values.
    @Test func canariesAreEnvValuesExactlyWhereTheSpecSaysSo() {
        struct Case {
            var text: String
            var secret: [Bool]
        }
        let cases = [
            Case(text: "name: CANARY\nenvs:\n  - key: A\n    value: CANARY\n", secret: [false, true]),
            Case(
                text: "envs:\n- key: CANARY\n  value: \"x-CANARY\"\n  scope: CANARY\nname: CANARY\n", secret: [false, true, false, false]),
            Case(
                text: "services:\n  - name: web\n    envs:\n      - { key: A, value: CANARY, type: CANARY }\n    run: CANARY\n",
                secret: [true, false, false]),
            Case(text: "envs: [{key: A, value: CANARY}, {key: B,\n  value: 'it''s CANARY'}]\nname: CANARY\n", secret: [true, true, false]),
            Case(
                text: "envs:\n  - key: A\n    value: |\n      line CANARY\n  - key: B\n    CANARY: x\nregion: CANARY\n",
                secret: [true, false, false]),
            Case(text: "[{\"spec\": {\"envs\": [{\"key\": \"K\", \"value\": \"CANARY\"}], \"name\": \"CANARY\"}}]", secret: [true, false]),
            Case(text: "envs:\n\t- key: A\n\t  value: CANARY\n", secret: [true]),
            Case(text: "- envs:\n  - value: CANARY\n- name: CANARY\n", secret: [true, false]),
            Case(text: "envs:CANARY\nname: x\n", secret: [false]),
            Case(text: "{\"envs\":[{\"key\":\"K\",\"value\":\"CANARY\"}],\"name\":\"CANARY\"}", secret: [true, false]),
        ]
        for c in cases {
            let (files, secrets) = FuzzCanary.plant(in: [("s.yaml", Data(c.text.utf8))])
            let expected = c.secret.enumerated().filter(\.element).map { FuzzCanary.canary($0.offset) }
            #expect(secrets == expected, "\(c.text)")
            #expect(!String(decoding: files[0].data, as: UTF8.self).contains(FuzzCanary.placeholder))
        }
        let page = FuzzCanary.plant(in: [("pages/a.md", Data("envs:\n  - value: CANARY\n".utf8))])
        #expect(page.secrets.isEmpty, "a page's prose holds no env value")
    }

    // MARK: Project archives

    @Test func anArchiveSplitsIntoFilesAndConfinesTheirPaths() {
        let text = "name: a\n>>> status.yaml\napps: {}\n>>> ../escape.yaml\nstill status\n>>> pages/a.md\n# A\n>>> pages\nclash\n"
        let archive = ProjectArchive(Data(text.utf8))
        let files = Dictionary(uniqueKeysWithValues: archive.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        #expect(files[".do/app.yaml"] == "name: a\n")
        #expect(files["status.yaml"] == "apps: {}\n>>> ../escape.yaml\nstill status\n")
        #expect(files["pages/a.md"] == "# A\n")
        #expect(files["pages"] == nil)
        #expect(files["cartograph.yaml"] == "title: Fuzz\nspecs: [\".do/*.yaml\", \".do/*.json\"]\nstatus: [status.yaml]\n")
        #expect(ProjectArchive.normalized("./site//a/../b") == "site/b")
        #expect(ProjectArchive.normalized("a/../../b") == nil)
        var config = Config()
        config.status = ["../../etc/passwd"]
        #expect(ProjectArchive.readsOutside(config))
        config.status = ["/dev/zero"]
        #expect(ProjectArchive.readsOutside(config))
        config.status = ["status.yaml"]
        #expect(!ProjectArchive.readsOutside(config))
    }
}
