package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// Writes a git pre-commit hook that runs `cartograph check`, so a commit with a stale map
/// or a broken spec is refused. Never overwrites a hook it did not write.
package enum HookInstaller {
    /// The line that marks a hook as Cartograph's.
    package static let marker = "# installed by `cartograph hook install`"

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Installs the hook for the git repository holding `folder`.
    /// - Parameters:
    ///   - hooksFolder: the repository's hooks folder (`git rev-parse --git-path hooks`).
    ///   - executable: the cartograph binary the hook runs.
    ///   - configFolder: where `cartograph check` runs, relative to the repository root ("" for the root).
    /// - Returns: the path written.
    @discardableResult
    package static func install(hooksFolder: URL, executable: String, configFolder: String) throws -> URL {
        let hook = hooksFolder.appending(path: "pre-commit")
        if let existing = try? String(contentsOf: hook, encoding: .utf8), !existing.contains(marker) {
            throw Failure(
                description:
                    "\(hook.path) already exists and was not written by Cartograph; add `\(executable) check` to it yourself, or remove it and run `cartograph hook install` again"
            )
        }
        let folder = configFolder.isEmpty ? "" : "/" + configFolder
        let script = """
            #!/bin/sh
            \(marker)
            # Refuses the commit when a spec is broken or the committed map is stale;
            # `cartograph build` brings the map up to date.
            root="$(git rev-parse --show-toplevel)" || exit 1
            if command -v \(shellQuoted(executable)) >/dev/null 2>&1; then
              exec \(shellQuoted(executable)) check -C "$root\(folder)"
            fi
            exec cartograph check -C "$root\(folder)"

            """
        try FileManager.default.createDirectory(at: hooksFolder, withIntermediateDirectories: true)
        try OutputWriter.write(Array(script.utf8), to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        return hook
    }

    static func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
