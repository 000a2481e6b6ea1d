import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Reads a spec from text the way the CLI reads a file.
func readSpec(_ yaml: String, file: String = "spec.yaml") -> (AppSpec?, [Diagnostic]) {
    let bag = DiagnosticBag()
    let (spec, _) = SpecReader.read(Data(yaml.utf8), path: file, diagnostics: bag)
    return (spec, bag.sorted)
}

/// The diagnostics of a spec, rendered one per line as `line:col: severity: message`.
func diagnose(_ yaml: String) -> [String] {
    readSpec(yaml).1.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
}

func hints(_ yaml: String) -> [String] {
    readSpec(yaml).1.compactMap(\.hint)
}

/// `../shared` beside the checkout, when present (it is not in a user's clone).
let sharedFolder: URL? = {
    let url = repositoryRoot.deletingLastPathComponent().appending(path: "shared")
    return FileManager.default.fileExists(atPath: url.appending(path: "corpus").path) ? url : nil
}()

/// Loads the InsightPulse example from the repository.
func loadExample() -> (InfraMap, [Diagnostic]) {
    Workspace.load(root: repositoryRoot).resolve()
}

func fixtureURL(_ path: String) -> URL {
    repositoryRoot.appending(path: "Tests/CartographKitTests/Fixtures").appending(path: path)
}

/// Compares with `Fixtures/<path>`; with `CARTOGRAPH_RECORD=1` writes it instead
/// and fails, so a recording run is never mistaken for a passing one.
func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = fixtureURL(name)
    if ProcessInfo.processInfo.environment["CARTOGRAPH_RECORD"] == "1" {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(name); run again without CARTOGRAPH_RECORD", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
        Issue.record("no golden \(name); record it with CARTOGRAPH_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    guard actual != expected else { return }
    let a = lines(actual)
    let e = lines(expected)
    let index = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
    Issue.record(
        """
        \(name) differs at line \(index + 1):
          expected: \(index < e.count ? e[index] : "(end)")
          actual:   \(index < a.count ? a[index] : "(end)")
        """, sourceLocation: sourceLocation)
}
