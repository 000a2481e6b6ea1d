/// The version of Cartograph: the release the source is, which the site's footer names.
package enum CartographVersion {
    /// Bump it before tagging `v<current>` (the release workflow refuses a tag that
    /// disagrees). Every build of the same source writes the same site, whatever git said,
    /// so a release binary and a source build never call each other's map stale.
    package static let current = "0.1.0"
}
