public import Foundation

/// `cartograph check`: validates every input (and, later, compares outputs with disk).
/// Returns the exit status; prints through the given sinks so tests drive it in-process.
public struct CheckCommand: Sendable {
    public var root: URL
    public var configFile: String?
    public var specFiles: [String]
    public var format: DiagnosticPrinter.Format
    public var color: Bool

    public init(
        root: URL, configFile: String? = nil, specFiles: [String] = [], format: DiagnosticPrinter.Format = .text, color: Bool = false
    ) {
        self.root = root
        self.configFile = configFile
        self.specFiles = specFiles
        self.format = format
        self.color = color
    }

    public func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let workspace = Workspace.load(
            root: root, configFile: configFile, specFiles: specFiles, readConfig: specFiles.isEmpty || configFile != nil)
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
        let sorted = Self.sorted(diagnostics)
        let printer = DiagnosticPrinter(format: format, color: color, sources: workspace.sources)
        // GitHub reads workflow commands (annotations) from stdout only.
        func report(_ text: String) { if format == .github { stdout(text) } else { stderr(text) } }
        report(printer.render(sorted))
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
        let errors = sorted.count { $0.severity == .error }
        let warnings = sorted.count - errors
        let specCount = workspace.specs.count
        let files = workspace.inputFiles.count
        if format == .text {
            var summary = DiagnosticPrinter.summary(errors: errors, warnings: warnings)
            if !stale.isEmpty { summary += ", \(stale.count) stale output\(stale.count == 1 ? "" : "s")" }
            stdout("checked \(files) file\(files == 1 ? "" : "s") (\(specCount) app spec\(specCount == 1 ? "" : "s")): \(summary)\n")
        }
        return errors > 0 || !stale.isEmpty ? 1 : 0
    }

    /// An output whose file on disk differs from what a build would write.
    public struct StaleOutput: Sendable {
        public var path: String
        public var reason: String
        public var diff: String?
    }

    /// Compares every output with the file on disk; Markdown gets a short unified diff.
    public static func staleOutputs(_ outputs: OutputSet, root: URL, site: String) -> [StaleOutput] {
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

    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let bag = DiagnosticBag()
        bag.append(contentsOf: diagnostics)
        return bag.sorted
    }
}
