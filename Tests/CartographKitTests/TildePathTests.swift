import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographModel

/// Every path in the config is relative to the folder holding it. `URL(filePath:relativeTo:)`
/// reads a leading `~` as a home folder, so `~/app.yaml` was once read from the user's home,
/// outside the project (and any error in it quoted from there).
@Suite("Config paths starting with ~")
struct TildePathTests {
    @Test func specAndStatusPathsStartingWithATildeAreInTheProject() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appending(path: "~"), withIntermediateDirectories: true)
        try Data("name: tilde-local\nservices:\n  - name: web\n".utf8).write(to: root.appending(path: "~/tilde-app.yaml"))
        try Data("apps:\n  tilde-local: { status: healthy, note: from the project }\n".utf8)
            .write(to: root.appending(path: "~/status.yaml"))
        // A literal path, a glob under the `~` folder, and a quoted one.
        for specs in ["~/tilde-app.yaml", "~/tilde-*.yaml", "'~/tilde-app.yaml'"] {
            let config = "title: T\nspecs: [\(specs)]\nstatus: ~/status.yaml\n"
            try Data(config.utf8).write(to: root.appending(path: "cartograph.yaml"))
            let workspace = Workspace.load(root: root)
            let errors = workspace.diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
            #expect(errors.isEmpty, "\(specs): \(errors)")
            #expect(workspace.specs.compactMap { $0.name?.value } == ["tilde-local"], "\(specs)")
            #expect(workspace.status.apps["tilde-local"]?.note == "from the project", "\(specs)")
            #expect(workspace.inputFiles.contains("~/tilde-app.yaml"), "\(specs): \(workspace.inputFiles)")
        }
    }
}
