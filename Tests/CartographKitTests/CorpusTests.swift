import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Every real spec in `../shared/corpus` loads or gives a located error; none crashes.
@Suite("Corpus sweep")
struct CorpusTests {
    /// Files the MANIFEST marks invalid, with the first error: line, column and message.
    static let invalid: [String: (line: Int, column: Int, message: String)] = [
        "digitalocean__app_action__test.yaml": (
            28, 6, "YAML syntax error: did not find expected key (while parsing a block mapping at line 5, column 6)"
        ),
        "digitalocean__app_action__temp.yaml": (5, 5, "unknown key 'image' in static site"),
        "6cubed__216labs__.do__app.yaml": (
            10, 7,
            "invalid app name '216labs': use 2 to 32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash"
        ),
        "jgtolentino__insightpulse-odoo__infra__superset__ci-cd-metrics-dashboard.yaml": (
            4, 1, "unknown key 'dashboard_title' in app spec"
        ),
        "jgtolentino__insightpulse-odoo__infra__do__notion-automations.yaml": (33, 7, "unknown key 'jobs' in worker"),
        // Also rejected by doctl though the MANIFEST lists no issue: an alert written
        // `rules:` (an unknown key) and a CORS `max_age: 86400` (a number where godo's
        // struct has a string, which doctl's JSON decoding refuses).
        "digitalocean__sample-functions-golang-presigned-url__.do__deployment.template.yaml": (3, 5, "unknown key 'rules' in alert"),
        "jgtolentino__insightpulse-odoo__infra__do__skill-hub-app.yaml": (111, 18, "'max_age' must be a string, found the integer 86400"),
        // Broken documented rules the MANIFEST lists (DOCKER_HUB image without registry,
        // production database without cluster_name).
        "jgtolentino__insightpulse-odoo__.do__app.yaml": (
            135, 7, "a production database needs 'cluster_name' (an existing managed database cluster)"
        ),
        "jgtolentino__insightpulse-odoo__infra__superset__superset-app.yaml": (334, 7, dockerHub),
        "jgtolentino__insightpulse-odoo__infra__superset__superset-direct.yaml": (7, 7, dockerHub),
        "jgtolentino__insightpulse-odoo__infra__superset__superset-official.yaml": (11, 7, dockerHub),
        "jgtolentino__insightpulse-odoo__infra__superset__superset-simple.yaml": (8, 7, dockerHub),
    ]
    static let dockerHub = "a DOCKER_HUB image needs 'registry' (the Docker Hub user or organisation)"

    static var files: [String] {
        guard let shared = sharedFolder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shared.appending(path: "corpus").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    @Test(.enabled(if: sharedFolder != nil, "../shared/corpus is absent (a user's clone has none)"))
    func corpusHasEverySpecOfTheManifest() {
        #expect(Self.files.count == 86)
    }

    @Test(.enabled(if: sharedFolder != nil, "../shared/corpus is absent (a user's clone has none)"), arguments: files)
    func loadsOrFailsLocated(name: String) throws {
        let shared = try #require(sharedFolder)
        let url = shared.appending(path: "corpus").appending(path: name)
        let bag = DiagnosticBag()
        let (spec, _) = SpecReader.read(try Data(contentsOf: url), path: name, diagnostics: bag)
        let errors = bag.sorted.filter { $0.severity == .error }
        if let expected = Self.invalid[name] {
            let first = try #require(errors.first, "\(name) should be rejected")
            #expect(first.location == SourceLocation(file: name, line: expected.line, column: expected.column), "\(first.message)")
            #expect(first.message == expected.message)
        } else {
            #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" })")
            #expect(spec?.name != nil)
        }
        for diagnostic in bag.sorted {
            #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
        }
    }

    /// No env value of any corpus file appears in any message Cartograph prints about it.
    @Test(arguments: files)
    func noEnvValueInDiagnostics(name: String) throws {
        let shared = try #require(sharedFolder)
        let data = try Data(contentsOf: shared.appending(path: "corpus").appending(path: name))
        let bag = DiagnosticBag()
        let (spec, text) = SpecReader.read(data, path: name, diagnostics: bag)
        guard let spec else { return }
        var sources = SourceCache()
        sources.record(text, for: name)
        // Messages and hints (the source line under a diagnostic is the user's own file).
        let said = bag.sorted.map { $0.message + ($0.hint ?? "") }.joined(separator: "\n")
        let values = (spec.envs + spec.components.flatMap(\.envs)).compactMap(\.value).filter { $0.count >= 6 }
        for value in values {
            #expect(!said.contains(value), "an env value of \(name) leaked into a diagnostic")
        }
    }
}
