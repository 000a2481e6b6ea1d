import CartographInput
import Foundation

extension CheckCommand {
    /// `check --staged`: the same check on what the git index holds (see
    /// ``GitIndexSnapshot``), which is what the pre-commit hook runs. Paths in messages are
    /// the same as those of a check of the working tree.
    package func runStaged(stdout: (String) -> Void, stderr: (String) -> Void) -> Int32 {
        let snapshot: GitIndexSnapshot
        do {
            snapshot = try GitIndexSnapshot.make(for: root)
        } catch {
            stderr("error: \(error)\n")
            return 1
        }
        defer { snapshot.remove() }
        var staged = self
        staged.root = snapshot.folder
        staged.configFile = configFile.map(snapshot.path(for:))
        staged.specFiles = specFiles.map(snapshot.path(for:))
        return staged.run(stdout: stdout, stderr: stderr)
    }
}
