package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// `cartograph init [DIR]`: a starter `cartograph.yaml` from the specs and status file it
/// finds, an empty pages folder and, with `templates`, a copy of the default templates.
/// Never overwrites anything.
package struct InitCommand: Sendable {
    package var folder: URL
    package var copyTemplates: Bool

    package init(folder: URL, copyTemplates: Bool = false) {
        self.folder = URL(filePath: folder.path, directoryHint: .isDirectory)
        self.copyTemplates = copyTemplates
    }

    /// What `init` found and wrote.
    package struct Result: Sendable {
        package var specs: [String]
        package var status: String?
        package var written: [String]
    }

    package func run(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let config = folder.appending(path: Workspace.configName)
        if FileManager.default.fileExists(atPath: config.path) {
            stderr("\(Workspace.configName): error: already exists; init never overwrites\n")
            return 1
        }
        let specPatterns = detectSpecs()
        let status = detectStatus()
        let templates = copyTemplates || FileManager.default.fileExists(atPath: folder.appending(path: "templates").path)
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try OutputWriter.write(Array(configText(specs: specPatterns, status: status, templates: templates).utf8), to: config)
            written.append(Workspace.configName)
            let pages = folder.appending(path: "pages")
            if !FileManager.default.fileExists(atPath: pages.path) {
                try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
                try OutputWriter.write(Array(Self.pagesReadme.utf8), to: pages.appending(path: ".gitkeep"))
                written.append("pages/")
            }
            if copyTemplates {
                for (path, text) in DefaultTemplates.files.sorted(by: { $0.key < $1.key }) {
                    let url = folder.appending(path: "templates").appending(path: path)
                    if FileManager.default.fileExists(atPath: url.path) { continue }
                    try OutputWriter.write(Array(text.utf8), to: url)
                    written.append("templates/\(path)")
                }
            }
        } catch {
            stderr("error: \(error.localizedDescription)\n")
            return 1
        }
        let found = Glob.filesMatchingAny(specPatterns, in: folder)
        stdout("wrote \(written.first ?? "")" + (written.count > 1 ? " and \(written.count - 1) more" : "") + "\n")
        stdout("specs: \(found.isEmpty ? "none found yet (add them under .do/)" : found.joined(separator: ", "))\n")
        stdout("status: \(status ?? "none (add a status file and name it under 'status:')")\n")
        stdout("next: cartograph build\n")
        return 0
    }

    /// Spec globs for what is there: `.do/*.yaml` and `**/app.yaml` style files; none when
    /// nothing is (a glob the config names must match something).
    func detectSpecs() -> [String] {
        var patterns: [String] = []
        for pattern in [".do/*.yaml", ".do/*.yml", ".do/*.json", "**/app.yaml", "**/*.app.yaml"] {
            let files = Glob.files(matching: pattern, in: folder).filter { !$0.hasPrefix(".build") && !$0.contains("/.build") }
            if !files.isEmpty, !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return patterns
    }

    func detectStatus() -> String? {
        for candidate in ["status.yaml", "infra/status.yaml", ".do/status.yaml", "doctl-apps.json", "apps.json"]
        where
            FileManager.default.fileExists(atPath: folder.appending(path: candidate).path)
        {
            return candidate
        }
        return nil
    }

    /// The config. Settings that name inputs not there yet stay commented out: a spec glob
    /// that matches nothing and a missing templates folder are errors, and the defaults
    /// (`.do/*.yaml`, the built-in templates) apply while the lines are comments.
    func configText(specs: [String], status: String?, templates: Bool) -> String {
        let name = folder.lastPathComponent.isEmpty ? "Infrastructure" : folder.lastPathComponent
        return """
            # Cartograph: the infrastructure map of this repository. Paths are relative to this file.
            # Every key is described in Cartograph's README.
            title: \(yamlQuoted("\(name) Infrastructure Map"))
            # environment: Production
            # updated: 2025-01-31            # "Last Updated" (YYYY-MM-DD)
            \(specs.isEmpty ? "# specs: [.do/*.yaml]          # the default; globs: *, ?, **" : "specs: [\(specs.map(yamlQuoted).joined(separator: ", "))]")
            \(status.map { "status: \(yamlQuoted($0))" } ?? "# status: status.yaml          # what is observed: see the README")
            pages: pages
            \(templates ? "" : "# ")templates: templates             # files here override the built-in templates
            output: { site: site, markdown: site/INFRASTRUCTURE.md }
            diagram: { width: 80 }
            # pricing: { apps-s-1vcpu-1gb: 12 }
            # external:
            #   - { name: Database, kind: PostgreSQL Database, endpoint: db.example.com:5432 }

            """
    }

    func yamlQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "/._-* ".contains($0) } && !text.hasPrefix("*") && !text.hasPrefix(" ")
            ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static let pagesReadme = "Markdown pages for the map: each starts with front matter (title, weight).\n"
}

extension Glob {
    static func filesMatchingAny(_ patterns: [String], in root: URL) -> [String] {
        var out: [String] = []
        for pattern in patterns {
            for file in files(matching: pattern, in: root) where !out.contains(file) { out.append(file) }
        }
        return out
    }
}
