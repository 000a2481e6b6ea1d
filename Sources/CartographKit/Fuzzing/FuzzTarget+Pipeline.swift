package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

extension FuzzTarget {
    /// Builds a whole project as `cartograph build` does, without writing outside the
    /// scratch folder: no planted env value in any output or printed diagnostic; with no
    /// errors, no output on an input or escaping the project, no input inside the site
    /// folder; and a second build, over the first one's outputs, gives the same outputs.
    static func runPipeline(_ data: Data) {
        let archive = ProjectArchive(data)
        let planted = FuzzCanary.plant(in: archive.files)
        let files = Dictionary(planted.files.map { ($0.path, $0.data) }, uniquingKeysWith: { first, _ in first })
        let configData = files[ProjectArchive.configPath] ?? Data()
        let (config, _) = ConfigReader.read(configData, path: ProjectArchive.configPath, diagnostics: DiagnosticBag())
        guard !ProjectArchive.readsOutside(config) else { return }
        let project = FuzzProject(files: planted.files)
        defer { project.remove() }

        let workspace = Workspace.load(root: project.root)
        let build = MapBuild.run(workspace)
        FuzzCheck.located(build.diagnostics, in: files)
        let printed = FuzzCheck.rendered(build.diagnostics, sources: workspace.sources)
        FuzzCheck.noLeak(of: planted.secrets, in: printed, where: "a printed diagnostic")
        for path in build.outputs.paths {
            FuzzCheck.noLeak(of: planted.secrets, in: build.outputs.text(path) ?? "", where: path, invariant: .outputLeak)
        }
        guard !build.hasErrors else { return }
        let outputs = FuzzCheck.apart(build.outputs, from: workspace, archive: planted.files.map(\.path))
        guard FuzzCheck.enabled(.rebuild) else { return }

        // Build again over what the first build wrote: outputs are not inputs, and filling the
        // injection markers twice is filling them once.
        for (path, bytes) in outputs {
            let url = project.root.appending(path: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            } catch {
                // An output path that cannot be a file here (a folder of the same name) is the
                // first build's business to refuse; nothing to compare.
                return
            }
        }
        let again = MapBuild.run(Workspace.load(root: project.root))
        if let error = again.diagnostics.first(where: { $0.severity == .error }) {
            FuzzCheck.fail("a build over the first build's outputs fails: \(error.location): \(error.message)")
        }
        guard again.outputs.paths == build.outputs.paths else {
            FuzzCheck.fail("a build over the first build's outputs writes other files: \(again.outputs.paths) vs \(build.outputs.paths)")
        }
        if let path = build.outputs.paths.first(where: { again.outputs.files[$0] != build.outputs.files[$0] }) {
            FuzzCheck.fail("a build over the first build's outputs changes \(path)")
        }
    }
}
