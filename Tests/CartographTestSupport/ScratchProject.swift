package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender
package import Foundation

/// A throwaway Cartograph project in a temporary folder: a config naming one spec file (or
/// one doctl status file), and the commands run on it in-process, everything they print and
/// write kept for inspection.
package final class ScratchProject {
    package let root: URL
    /// The input's path in the project.
    package let input: String
    /// Whether the input is read as a status file (doctl output) rather than a spec.
    package let isStatus: Bool

    /// What one command printed, and its exit status.
    package struct Printed: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// - Parameter isStatus: the input is doctl output, listed under `status:`.
    package init(isStatus: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "cartograph-canary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        self.isStatus = isStatus
        input = isStatus ? "status.json" : "app.yaml"
        // The JSON dump too: every sweep that reads what a build writes reads it.
        let config =
            (isStatus ? "title: Canary\nspecs: []\nstatus: status.json\n" : "title: Canary\nspecs: [app.yaml]\n")
            + "output:\n  json: \(Self.jsonOutput)\n"
        try Data(config.utf8).write(to: root.appending(path: Workspace.configName))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Where the project's config writes the map as JSON.
    package static let jsonOutput = "map.json"

    /// Replaces the input and removes whatever a previous build wrote.
    package func use(_ text: String) throws {
        try Data(text.utf8).write(to: root.appending(path: input))
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path)
        where name != input && name != Workspace.configName {
            try FileManager.default.removeItem(at: root.appending(path: name))
        }
    }

    /// `cartograph check` with the config, or on the input alone (`check app.yaml`).
    package func check(format: DiagnosticPrinter.Format = .text, fileOnly: Bool = false) -> Printed {
        let command = CheckCommand(root: root, specFiles: fileOnly && !isStatus ? [input] : [], format: format)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// `cartograph build`.
    package func build(format: DiagnosticPrinter.Format = .text) -> Printed {
        let command = BuildCommand(root: root, format: format)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// What `cartograph cost --format …` does: the diagnostics, then the report when there
    /// are no errors.
    package func cost(_ format: CostReport.Format) -> Printed {
        let command = CostCommand(request: PipelineRequest(root: root), format: format)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// What `cartograph diagram --format …` does (text, svg or mermaid).
    package func diagram(_ format: String) -> Printed {
        let command = DiagramCommand(request: PipelineRequest(root: root), format: DiagramCommand.Format(rawValue: format) ?? .text)
        return run { command.run(stdout: $0, stderr: $1) }
    }

    /// Every file in the project that is not an input: what the commands wrote.
    package func writtenFiles() -> [String: Data] {
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
