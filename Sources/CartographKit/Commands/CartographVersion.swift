internal import CBuildInfo

/// The version of Cartograph: the release the source is, and what `--version` says.
public enum CartographVersion {
    /// The release this source is, which the site's footer names. Bump it before tagging
    /// `v<current>` (the release workflow refuses a tag that disagrees). Every build of the
    /// same source writes the same site, whatever git said, so a release binary and a
    /// source build never call each other's map stale.
    public static let current = "0.1.0"

    /// The `--version` line: `cartograph 0.1.0 (abc1234)` with the version and commit
    /// `make dist` read from git, just `cartograph 0.1.0` when the build was not told.
    public static var line: String {
        line(version: String(cString: cartograph_build_version()), commit: String(cString: cartograph_build_commit()))
    }

    /// The `--version` line for what git said: an empty version falls back to ``current``,
    /// an empty commit is left out.
    static func line(version: String, commit: String) -> String {
        let shown = version.isEmpty ? current : version
        return commit.isEmpty ? "cartograph \(shown)" : "cartograph \(shown) (\(commit))"
    }
}
