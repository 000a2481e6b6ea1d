package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// `cartograph build`: writes every output, or nothing when an input has errors.
package struct BuildCommand: Sendable {
    package var root: URL
    package var configFile: String?
    package var format: DiagnosticPrinter.Format
    package var color: Bool
    package var selection: DiagnosticSelection

    package init(
        root: URL, configFile: String? = nil, format: DiagnosticPrinter.Format = .text, color: Bool = false,
        selection: DiagnosticSelection = DiagnosticSelection()
    ) {
        self.root = root
        self.configFile = configFile
        self.format = format
        self.color = color
        self.selection = selection
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        Trace.mark("start")
        let workspace = PipelineRequest(root: root, configFile: configFile).load()
        Trace.mark("loaded")
        let build = MapBuild.run(workspace)
        Trace.mark("built")
        let bag = DiagnosticBag()
        bag.append(contentsOf: build.diagnostics)
        OutputPlan.checkDisk(workspace, diagnostics: bag)
        let report = DiagnosticReport(bag.diagnostics, selection: selection, ignore: workspace.config.ignore)
        if report.fails {
            report.print(format: format, color: color, sources: workspace.sources, stdout: stdout, stderr: stderr)
            stderr("build failed: \(report.summary); nothing was written\n")
            return 1
        }
        // Warnings do not stop the build: they are rendered (a line quoted under each of
        // thousands, at 1,000 apps) while the outputs are written, and printed before the
        // result of the write, as when they were printed first.
        let (format, color, sources) = (format, color, workspace.sources)
        let rendered = report.diagnostics.isEmpty ? nil : Beside { report.render(format: format, color: color, sources: sources) }
        let site = workspace.config.siteOutput
        let changed: Int
        do {
            changed = try OutputTransaction.write(build.outputs, root: workspace.root, site: site)
        } catch {
            if let rendered { report.print(rendered.value, format: format, stdout: stdout, stderr: stderr) }
            stderr("\(site): error: \(error)\n")
            return 1
        }
        if let rendered { report.print(rendered.value, format: format, stdout: stdout, stderr: stderr) }
        Trace.mark("written")
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        let count = build.outputs.files.count
        let apps = build.map.apps.count
        Discard.later((consume workspace, consume build))
        if selection.quiet { return 0 }
        stdout(
            "built \(count) file\(count == 1 ? "" : "s")\(changed == 0 ? " (all unchanged)" : "") for \(apps) apps in \(Int(ms.rounded())) ms\n"
        )
        return 0
    }
}
