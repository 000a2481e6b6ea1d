package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// The pipeline target's input: a whole project in one file. A line `>>> PATH` starts the
/// file at PATH; anything before the first such line is the spec `.do/app.yaml`, so a plain
/// spec is a project too. Without a `cartograph.yaml`, one is made that reads what is
/// there (`.do/` specs, `status.yaml`/`status.json`, `pages/`, `README.md` as an injection
/// target).
///
/// Paths are confined to the project: plain names only (letters, digits, `.`, `_`, `-`),
/// no `.` or `..`, a few levels deep. A config whose inputs reach outside the project is
/// not run at all (``readsOutside(_:)``): the fuzzer would be reading the machine.
struct ProjectArchive {
    var files: [(path: String, data: Data)] = []

    static let header = Array(">>> ".utf8)
    static let maxFiles = 16
    static let configPath = Workspace.configName

    static let dictionary = [
        "\n>>> cartograph.yaml\n", "\n>>> status.yaml\n", "\n>>> status.json\n", "\n>>> pages/a.md\n", "\n>>> pages/b.md\n",
        "\n>>> .do/b.yaml\n", "\n>>> README.md\n", "\n>>> templates/markdown/map.mustache\n", "<!-- cartograph:begin -->\n",
        "<!-- cartograph:end -->\n", "{{", "}}", "{{#", "{{/", "{{>", "---\ntitle: ", "inject:", "site:", "markdown:",
    ]

    init(_ data: Data) {
        var path = ".do/app.yaml"
        var content: [UInt8] = []
        var seen: Set<String> = []
        func flush() {
            if !seen.contains(path), files.count < Self.maxFiles, !(path == ".do/app.yaml" && content.isEmpty) {
                seen.insert(path)
                files.append((path, Data(content)))
            }
            content = []
        }
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: Self.header), let named = Self.cleanPath(line.dropFirst(Self.header.count)) {
                flush()
                path = named
            } else {
                content += line
                content.append(0x0A)
            }
        }
        if !content.isEmpty { content.removeLast() }
        flush()
        // A file may not also be a folder of another.
        let paths = Set(files.map(\.path))
        files.removeAll { file in paths.contains { $0.hasPrefix(file.path + "/") } }
        if !files.contains(where: { $0.path == Self.configPath }) {
            files.append((Self.configPath, Data(Self.defaultConfig(for: files.map(\.path)).utf8)))
        }
    }

    /// A relative path of plain names, or nil.
    static func cleanPath(_ bytes: Data.SubSequence) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 64, parts.count <= 4 else { return nil }
        for part in parts {
            guard !part.isEmpty, part != ".", part != "..",
                part.utf8.allSatisfy({ EnvValueSpans.isWordByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
            else { return nil }
        }
        return text
    }

    static func defaultConfig(for paths: [String]) -> String {
        var config = "title: Fuzz\nspecs: [\".do/*.yaml\", \".do/*.json\"]\n"
        let status = ["status.yaml", "status.json"].filter(paths.contains)
        if !status.isEmpty { config += "status: [\(status.joined(separator: ", "))]\n" }
        if paths.contains("README.md") { config += "output:\n  inject: [README.md]\n" }
        return config
    }

    /// True when the config would read a file outside the project (`..`, an absolute path,
    /// a home folder): such inputs are skipped, not run.
    static func readsOutside(_ config: Config) -> Bool {
        let inputs = config.specs + config.status + config.inject + [config.pages, config.templates]
        return inputs.contains { path in
            path.hasPrefix("/") || path.hasPrefix("~") || path.split(separator: "/").contains("..")
        }
    }

    /// A path as the project's file system sees it: no empty or `.` segments, no leading `/`
    /// (outputs are appended to the project folder). Nil when it climbs out of the folder.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
