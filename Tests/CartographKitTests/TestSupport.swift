import Foundation
import Testing

@testable import CartographKit

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

/// The repository checkout these tests run in.
let repositoryRoot: URL = {
    var url = URL(filePath: #filePath)
    while url.pathComponents.count > 1 {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
    }
    return URL(filePath: FileManager.default.currentDirectoryPath)
}()

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
