package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// `cartograph check`: validates every input (and, later, compares outputs with disk).
/// Returns the exit status; prints through the given sinks so tests drive it in-process.
package struct CheckCommand: Sendable {
    package var root: URL
    package var configFile: String?
    package var specFiles: [String]
    package var format: DiagnosticPrinter.Format
    package var color: Bool

    package init(
        root: URL, configFile: String? = nil, specFiles: [String] = [], format: DiagnosticPrinter.Format = .text, color: Bool = false
    ) {
        self.root = root
        self.configFile = configFile
        self.specFiles = specFiles
        self.format = format
        self.color = color
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let workspace = PipelineRequest(
            root: root, configFile: configFile, specFiles: specFiles, readsConfig: specFiles.isEmpty || configFile != nil
        ).load()
        let diagnostics: [Diagnostic]
        var stale: [StaleOutput] = []
        if specFiles.isEmpty {
            let build = MapBuild.run(workspace)
            let bag = DiagnosticBag()
            bag.append(contentsOf: build.diagnostics)
            // Where a build would refuse to write, there is nothing to compare.
            OutputPlan.checkDisk(workspace, diagnostics: bag)
            diagnostics = bag.diagnostics
            if !bag.hasErrors { stale = Self.staleOutputs(build.outputs, root: workspace.root, site: workspace.config.siteOutput) }
        } else {
            diagnostics = workspace.resolve().1
        }
        let report = DiagnosticReport(diagnostics)
        report.print(format: format, color: color, sources: workspace.sources, stdout: stdout, stderr: stderr)
        for output in stale {
            switch format {
            case .text:
                stderr("\(output.path): error: \(output.reason); run 'cartograph build'\n")
                if let diff = output.diff { stderr(diff) }
            case .github:
                stdout(
                    "::error file=\(DiagnosticPrinter.escapeProperty(output.path))::\(DiagnosticPrinter.escapeData(output.reason + "; run 'cartograph build'"))\n"
                )
            }
        }
        let specCount = workspace.specs.count
        let files = workspace.inputFiles.count
        if format == .text {
            var summary = report.summary
            if !stale.isEmpty { summary += ", \(stale.count) stale output\(stale.count == 1 ? "" : "s")" }
            stdout("checked \(files) file\(files == 1 ? "" : "s") (\(specCount) app spec\(specCount == 1 ? "" : "s")): \(summary)\n")
        }
        return report.hasErrors || !stale.isEmpty ? 1 : 0
    }

    /// An output whose file on disk differs from what a build would write.
    package struct StaleOutput: Sendable {
        package var path: String
        package var reason: String
        package var diff: String?
    }

    /// Compares every output with the file on disk; Markdown gets a short unified diff.
    package static func staleOutputs(_ outputs: OutputSet, root: URL, site: String) -> [StaleOutput] {
        var stale: [StaleOutput] = []
        for path in SiteWriter.existingFiles(in: root.appending(path: site)).map({ "\(site)/\($0)" }) where outputs.files[path] == nil {
            stale.append(StaleOutput(path: path, reason: "no longer belongs to the site (a build would remove it)", diff: nil))
        }
        for path in outputs.paths {
            guard let expected = outputs.files[path] else { continue }
            let url = root.appending(path: path)
            // stat follows a link to a Markdown target, as a build writes through it; only a
            // regular file is read (a FIFO would block).
            var status = stat()
            guard stat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, let actual = try? Data(contentsOf: url) else {
                stale.append(StaleOutput(path: path, reason: "missing (a build would write it)", diff: nil))
                continue
            }
            guard !actual.elementsEqual(expected) else { continue }
            var diff: String?
            if path.hasSuffix(".md") {
                diff = UnifiedDiff.diff(
                    old: String(decoding: actual, as: UTF8.self), new: String(decoding: expected, as: UTF8.self),
                    oldName: "\(path) (committed)", newName: "\(path) (from the inputs)")
            }
            stale.append(StaleOutput(path: path, reason: "is stale (differs from what a build would write)", diff: diff))
        }
        return stale
    }
}
