public import Foundation

/// `cartograph build`: writes every output, or nothing when an input has errors.
public struct BuildCommand: Sendable {
    public var root: URL
    public var configFile: String?
    public var format: DiagnosticPrinter.Format
    public var color: Bool

    public init(root: URL, configFile: String? = nil, format: DiagnosticPrinter.Format = .text, color: Bool = false) {
        self.root = root
        self.configFile = configFile
        self.format = format
        self.color = color
    }

    public func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        let workspace = Workspace.load(root: root, configFile: configFile)
        let build = MapBuild.run(workspace)
        let bag = DiagnosticBag()
        bag.append(contentsOf: build.diagnostics)
        OutputPlan.checkDisk(workspace, diagnostics: bag)
        let sorted = CheckCommand.sorted(bag.diagnostics)
        // GitHub reads workflow commands (annotations) from stdout only.
        let rendered = DiagnosticPrinter(format: format, color: color, sources: workspace.sources).render(sorted)
        if format == .github { stdout(rendered) } else { stderr(rendered) }
        let errors = sorted.count { $0.severity == .error }
        if errors > 0 {
            stderr("build failed: \(DiagnosticPrinter.summary(errors: errors, warnings: sorted.count - errors)); nothing was written\n")
            return 1
        }
        let site = workspace.config.siteOutput
        let changed: Int
        do {
            changed = try OutputTransaction.write(build.outputs, root: workspace.root, site: site)
        } catch {
            stderr("\(site): error: \(error)\n")
            return 1
        }
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let count = build.outputs.paths.count
        stdout(
            "built \(count) file\(count == 1 ? "" : "s")\(changed == 0 ? " (all unchanged)" : "") for \(build.map.apps.count) apps in \(Int(ms.rounded())) ms\n"
        )
        return 0
    }
}
