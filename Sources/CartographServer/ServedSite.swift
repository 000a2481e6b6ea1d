import CartographInput
package import CartographKit
import CartographModel
import CartographRender

/// A build's site as `serve` keeps it: the files by site-relative path, and the outputs made
/// when first asked for (``DeferredOutput``), which a snapshot serves like any other file.
struct ServedSite: Sendable, Equatable {
    var files: [String: [UInt8]] = [:]
    var deferred: [String: DeferredOutput] = [:]

    init(files: [String: [UInt8]] = [:]) {
        self.files = files
    }

    /// The site of `build`; a deferred output made from the same inputs as one of `previous`
    /// is that one, so that what was made once is not made again.
    init(_ build: MapBuild, siteOutput: String, previous: ServedSite?) {
        files = build.outputs.split(site: siteOutput).site
        for (path, output) in build.deferred {
            guard let relative = OutputSet.sitePath(path, site: siteOutput) else { continue }
            // Its stand-in in the output set, which kept the path's place among the others.
            files.removeValue(forKey: relative)
            if let kept = previous?.deferred[relative], kept.key == output.key {
                deferred[relative] = kept
            } else {
                deferred[relative] = output
            }
        }
    }

    /// The same files, and deferred outputs made from the same inputs.
    static func == (lhs: ServedSite, rhs: ServedSite) -> Bool {
        lhs.files == rhs.files && lhs.deferred.count == rhs.deferred.count
            && lhs.deferred.allSatisfy { path, output in rhs.deferred[path].map { $0 === output || $0.key == output.key } ?? false }
    }

    var isEmpty: Bool { files.isEmpty && deferred.isEmpty }
}
