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
    ///   - executable: the cartograph binary the hook runs; nil runs the `cartograph` on
    ///     PATH when the hook runs, so the hook outlives a rebuilt or moved binary and works
    ///     on every machine the repository is cloned to.
    ///   - arguments: what follows `cartograph check` (see ``checkArguments(folder:configFile:)``).
    /// - Returns: the path written.
    @discardableResult
    package static func install(hooksFolder: URL, executable: String?, arguments: String) throws -> URL {
        let hook = hooksFolder.appending(path: "pre-commit")
        let program = executable.map(shellQuoted) ?? "cartograph"
        if let existing = try? String(contentsOf: hook, encoding: .utf8), !existing.contains(marker) {
            throw Failure(
                description:
                    "\(hook.path) already exists and was not written by Cartograph; add `\(program) check --staged \(arguments)` to it yourself, or remove it and run `cartograph hook install` again"
            )
        }
        let script = """
            #!/bin/sh
            \(marker)
            # Refuses the commit when, in what is staged, a spec is broken or the map is stale;
            # `cartograph build` and `git add` bring the map up to date.
            cartograph=\(program)
            if ! command -v "$cartograph" >/dev/null 2>&1; then
              echo "pre-commit: $cartograph not found: install it, or run 'cartograph hook install --executable PATH'" >&2
              exit 1
            fi
            root="$(git rev-parse --show-toplevel)" || exit 1
            exec "$cartograph" check --staged \(arguments)

            """
        try FileManager.default.createDirectory(at: hooksFolder, withIntermediateDirectories: true)
        try OutputWriter.write(Array(script.utf8), to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        return hook
    }

    /// The hook's arguments to `check`: the project folder relative to the repository's top
    /// (`$root` in the hook), and the config the install was given, relative to that folder.
    package static func checkArguments(folder: String, configFile: String?) -> String {
        var arguments = folder.isEmpty ? "-C \"$root\"" : "-C \"$root\"/\(shellQuoted(folder))"
        if let configFile { arguments += " --config \(shellQuoted(configFile))" }
        return arguments
    }

    static func shellQuoted(_ text: String) -> String {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+".contains($0)) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
