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
    package var selection: DiagnosticSelection
    /// `--only markdown`: the outputs compared with disk, over the config's `output.check`.
    package var only: Config.CheckedOutputs?

    package init(
        root: URL, configFile: String? = nil, specFiles: [String] = [], format: DiagnosticPrinter.Format = .text, color: Bool = false,
        selection: DiagnosticSelection = DiagnosticSelection(), only: Config.CheckedOutputs? = nil
    ) {
        self.root = root
        self.configFile = configFile
        self.specFiles = specFiles
        self.format = format
        self.color = color
        self.selection = selection
        self.only = only
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
            if !bag.hasErrors {
                let scope = only ?? workspace.config.checkedOutputs
                stale = Self.staleOutputs(
                    scope == .all ? build.outputs : Self.markdownOutputs(build.outputs, config: workspace.config), root: workspace.root,
                    site: scope == .all ? workspace.config.siteOutput : nil)
            }
        } else {
            diagnostics = workspace.resolve().1
        }
        let report = DiagnosticReport(diagnostics, selection: selection, ignore: workspace.config.ignore)
        let status: Int32 = report.fails || !stale.isEmpty ? 1 : 0
        if format.isDocument {
            stdout(report.document(stale: stale).render(format))
            return status
        }
        report.print(format: format, color: color, sources: workspace.sources, stdout: stdout, stderr: stderr)
        let code = DiagnosticCode.staleOutput.id
        for output in stale {
            switch format {
            case .github:
                stdout(
                    "::error file=\(DiagnosticPrinter.escapeProperty(output.path))::\(DiagnosticPrinter.escapeData(output.reason + "; run 'cartograph build' [\(code)]"))\n"
                )
            default:
                stderr("\(output.path): error: \(output.reason); run 'cartograph build' [\(code)]\n")
                if let diff = output.diff { stderr(diff) }
            }
        }
        let specCount = workspace.specs.count
        let files = workspace.inputFiles.count
        // Quiet: a passing run prints nothing at all; a failing one its errors and the count.
        if format == .text, !selection.quiet || status != 0 {
            var summary = report.summary
            if !stale.isEmpty { summary += ", \(stale.count) stale output\(stale.count == 1 ? "" : "s")" }
            stdout("checked \(files) file\(files == 1 ? "" : "s") (\(specCount) app spec\(specCount == 1 ? "" : "s")): \(summary)\n")
        }
        return status
    }

    /// The Markdown map, the JSON dump and the injected files: what a repository commits
    /// when its site is built in CI (`site/` in `.gitignore`).
    static func markdownOutputs(_ outputs: OutputSet, config: Config) -> OutputSet {
        let kept = Set(([config.markdownOutput] + (config.jsonOutput.map { [$0] } ?? []) + config.inject).map(OutputSet.normalized))
        var selected = OutputSet()
        for (path, bytes) in outputs.files where kept.contains(OutputSet.normalized(path)) { selected.add(path, bytes: bytes) }
        return selected
    }

    /// An output whose file on disk differs from what a build would write.
    package struct StaleOutput: Sendable {
        package var path: String
        package var reason: String
        package var diff: String?
    }

    /// Compares every output with the file on disk; Markdown gets a short unified diff.
    /// - Parameter site: the site folder, whose files no build writes are named too; nil
    ///   when the site is not compared.
    static func staleOutputs(_ outputs: OutputSet, root: URL, site: String?) -> [StaleOutput] {
        var stale: [StaleOutput] = []
        let existing = site.map { site in SiteWriter.existingFiles(in: root.appending(path: site)).map { "\(site)/\($0)" } } ?? []
        for path in existing where outputs.files[path] == nil {
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
