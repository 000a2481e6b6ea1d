package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// Writes a build's outputs as close to all-or-nothing as a file system allows: every
/// file is first staged beside its target (the site as one folder), and only when all are
/// staged does each move into place, in one atomic rename apiece. A failure while staging
/// — a full disk, a read-only folder — leaves every output as it was.
enum OutputTransaction {
    /// Writes `outputs` (paths relative to `root`); `site` is the site folder, written as a
    /// whole. Returns how many outputs changed (the site counts once).
    package static func write(_ outputs: OutputSet, root: URL, site: String) throws -> Int {
        let (siteFiles, others) = outputs.split(site: site)
        var singles: [OutputWriter.Staged] = []
        var stagedSite: SiteWriter.Staged?
        do {
            for (path, bytes) in others.sorted(by: { $0.key < $1.key }) {
                if let staged = try OutputWriter.stage(bytes, to: root.appending(path: path)) { singles.append(staged) }
            }
            stagedSite = try SiteWriter.stage(root.appending(path: site), with: siteFiles)
        } catch {
            singles.forEach(OutputWriter.discard)
            throw error
        }
        var changed = 0
        var failure: (any Error)?
        for staged in singles {
            if failure != nil {
                OutputWriter.discard(staged)
                continue
            }
            do {
                try OutputWriter.commit(staged)
                changed += 1
            } catch {
                failure = error
            }
        }
        if let stagedSite {
            if failure == nil {
                try SiteWriter.commit(stagedSite)
                changed += 1
            } else {
                SiteWriter.discard(stagedSite)
            }
        }
        if let failure { throw failure }
        return changed
    }
}
