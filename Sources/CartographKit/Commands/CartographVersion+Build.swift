internal import CBuildInfo
import CartographModel

/// What `--version` says: the version and commit `make dist` passes in as C macros.
extension CartographVersion {
    /// The `--version` line: `cartograph 0.1.0 (abc1234)` with the version and commit
    /// `make dist` read from git, just `cartograph 0.1.0` when the build was not told.
    package static var line: String {
        line(version: String(cString: cartograph_build_version()), commit: String(cString: cartograph_build_commit()))
    }

    /// The `--version` line for what git said: an empty version falls back to ``current``,
    /// an empty commit is left out.
    package static func line(version: String, commit: String) -> String {
        let shown = version.isEmpty ? current : version
        return commit.isEmpty ? "cartograph \(shown)" : "cartograph \(shown) (\(commit))"
    }
}
