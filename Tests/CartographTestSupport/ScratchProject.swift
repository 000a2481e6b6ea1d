public import CartographKit
public import Foundation

/// A throwaway Cartograph project in a temporary folder: a config naming one spec file (or
/// one doctl status file), and the commands run on it in-process, everything they print and
/// write kept for inspection.
public final class ScratchProject {
    public let root: URL
    /// The input's path in the project.
    public let input: String
    /// Whether the input is read as a status file (doctl output) rather than a spec.
    public let isStatus: Bool

    /// What one command printed, and its exit status.
    public struct Printed: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// - Parameter isStatus: the input is doctl output, listed under `status:`.
    public init(isStatus: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "cartograph-canary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        self.isStatus = isStatus
        input = isStatus ? "status.json" : "app.yaml"
        let config = isStatus ? "title: Canary\nspecs: []\nstatus: status.json\n" : "title: Canary\nspecs: [app.yaml]\n"
        try Data(config.utf8).write(to: root.appending(path: Workspace.configName))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Replaces the input and removes whatever a previous build wrote.
    public func use(_ text: String) throws {
        try Data(text.utf8).write(to: root.appending(path: input))
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path)
        where name != input && name != Workspace.configName {
            try FileManager.default.removeItem(at: root.appending(path: name))
        }
    }

    /// `cartograph check` with the config, or on the input alone (`check app.yaml`).
    public func check(format: DiagnosticPrinter.Format = .text, fileOnly: Bool = false) -> Printed {
        let command = CheckCommand(root: root, specFiles: fileOnly && !isStatus ? [input] : [], format: format)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// `cartograph build`.
    public func build(format: DiagnosticPrinter.Format = .text) -> Printed {
        let command = BuildCommand(root: root, format: format)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// What `cartograph cost --format …` does: the diagnostics, then the report when there
    /// are no errors.
    public func cost(_ format: CostReport.Format) -> Printed {
        run { out, err in
            let workspace = Workspace.load(root: root)
            let (map, diagnostics) = workspace.resolve()
            let sorted = CheckCommand.sorted(diagnostics)
            err(DiagnosticPrinter(sources: workspace.sources).render(sorted))
            if sorted.contains(where: { $0.severity == .error }) { return 1 }
            out(CostReport(map: map).render(format))
            return 0
        }
    }

    /// What `cartograph diagram --format …` does (text, svg or mermaid).
    public func diagram(_ format: String) -> Printed {
        run { out, err in
            let workspace = Workspace.load(root: root)
            let (map, diagnostics) = workspace.resolve()
            let sorted = CheckCommand.sorted(diagnostics)
            err(DiagnosticPrinter(sources: workspace.sources).render(sorted))
            if sorted.contains(where: { $0.severity == .error }) { return 1 }
            let layout = DiagramRenderer.layout(map, width: 80, ascii: false)
            switch format {
            case "mermaid": out(MermaidDiagram.render(map, style: .emoji))
            case "svg":
                out(SVGDiagram(map: map, title: map.title, standalone: true).render())
            default: out(DiagramRenderer.text(layout))
            }
            return 0
        }
    }

    /// Every file in the project that is not an input: what the commands wrote.
    public func writtenFiles() -> [String: Data] {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            guard path != input, path != Workspace.configName else { continue }
            files[path] = try? Data(contentsOf: url)
        }
        return files
    }

    private func run(_ body: (_ out: (String) -> Void, _ err: (String) -> Void) -> Int32) -> Printed {
        var stdout = ""
        var stderr = ""
        let status = body({ stdout += $0 }, { stderr += $0 })
        return Printed(status: status, stdout: stdout, stderr: stderr)
    }
}
