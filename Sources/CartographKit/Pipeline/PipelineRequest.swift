package import CartographInput
package import CartographModel
package import Foundation

/// What a command asks the pipeline for: the project a config describes, or the spec files
/// named on the command line (with or without the config beside them).
package struct PipelineRequest: Sendable {
    package var root: URL
    package var configFile: String?
    package var specFiles: [String]
    /// Whether spec files named on the command line are read with the config (`cost a.yaml`
    /// prices with the config's overrides; `check a.yaml` checks the file alone).
    var readsConfig: Bool

    package init(root: URL, configFile: String? = nil, specFiles: [String] = [], readsConfig: Bool = true) {
        self.root = root
        self.configFile = configFile
        self.specFiles = specFiles
        self.readsConfig = readsConfig
    }

    /// Every input read in one place: config, specs, status, pages, inject targets.
    /// - Parameter cache: what earlier loads parsed (`serve`): only changed files are parsed again.
    package func load(cache: InputCache? = nil) -> Workspace {
        Workspace.load(root: root, configFile: configFile, specFiles: specFiles, readConfig: readsConfig, cache: cache)
    }

    /// Loads and resolves the map, printing the diagnostics; nil when any is an error, so the
    /// commands that print a view of the map (`cost`, `diagram`) print nothing partial.
    package func resolve(
        format: DiagnosticPrinter.Format = .text, color: Bool = false, stderr: (String) -> Void
    ) -> (workspace: Workspace, map: InfraMap)? {
        let workspace = load()
        let (map, diagnostics) = workspace.resolve()
        let report = DiagnosticReport(diagnostics, ignore: workspace.config.ignore)
        // `cost` and `diagram` print the map on stdout: their diagnostics stay on stderr.
        stderr(report.render(format: format, color: color, sources: workspace.sources))
        return report.hasErrors ? nil : (workspace, map)
    }
}
