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
        let sorted = CheckCommand.sorted(build.diagnostics)
        stderr(DiagnosticPrinter(format: format, color: color, sources: workspace.sources).render(sorted))
        let errors = sorted.count { $0.severity == .error }
        if errors > 0 {
            stderr("build failed: \(DiagnosticPrinter.summary(errors: errors, warnings: sorted.count - errors)); nothing was written\n")
            return 1
        }
        let site = workspace.config.siteOutput
        var siteFiles: [String: [UInt8]] = [:]
        var changed = 0
        do {
            for path in build.outputs.paths {
                guard let bytes = build.outputs.files[path] else { continue }
                if path.hasPrefix(site + "/") {
                    siteFiles[String(path.dropFirst(site.count + 1))] = bytes
                } else {
                    let url = workspace.root.appending(path: path)
                    let before = try? Data(contentsOf: url)
                    try OutputWriter.write(bytes, to: url)
                    if before.map({ !$0.elementsEqual(bytes) }) ?? true { changed += 1 }
                }
            }
            if try SiteWriter.replace(workspace.root.appending(path: site), with: siteFiles) { changed += 1 }
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
