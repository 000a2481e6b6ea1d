package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender
package import Foundation

/// The folders `serve` watches: those holding the config, the specs the globs match
/// (including files created later), the status files, the pages and the templates.
///
/// Folders rather than files, because editors save by writing a new file and renaming it
/// over the old one, which a watch on the old file would never see.
package struct WatchPlan: Hashable, Sendable {
    /// A folder to watch, alone or with every folder below it.
    package struct Folder: Hashable, Sendable, Comparable {
        /// The folder's absolute path.
        package var path: String
        /// Whether the folders below it are watched too.
        var recursive: Bool

        package static func < (a: Folder, b: Folder) -> Bool { a.path != b.path ? a.path < b.path : (a.recursive && !b.recursive) }
    }

    /// The folders, sorted.
    package var folders: [Folder]
    /// Folders never descended into: the site output, which `serve` itself never writes.
    package var excluded: Set<String>

    /// The plan for a workspace.
    /// - Parameters:
    ///   - root: the folder `serve` was started in (`-C`).
    ///   - configFile: the `--config` path, relative to root.
    ///   - config: the config the last build read.
    ///   - base: the folder the config's paths are relative to.
    package static func make(root: URL, configFile: String?, config: Config, base: URL) -> WatchPlan {
        let root = URL(filePath: root.path, directoryHint: .isDirectory)
        let base = URL(filePath: base.path, directoryHint: .isDirectory)
        var folders: Set<Folder> = []
        func add(_ url: URL, recursive: Bool) {
            var url = url.standardizedFileURL
            var recursive = recursive
            // A folder that does not exist yet is seen coming from the nearest one that does.
            while !isFolder(url), url.path != "/" {
                url = url.deletingLastPathComponent().standardizedFileURL
                recursive = false
            }
            folders.insert(Folder(path: url.path, recursive: recursive))
        }
        let configURL = URL(filePath: configFile ?? Workspace.configName, relativeTo: root)
        add(configURL.deletingLastPathComponent(), recursive: false)
        for pattern in config.specs {
            let pattern = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
            let parts = pattern.split(separator: "/").map(String.init)
            let fixed = parts.prefix { !$0.contains(where: { "*?[".contains($0) }) }
            if fixed.count == parts.count {
                add(base.appending(path: pattern).deletingLastPathComponent(), recursive: false)
            } else {
                let rest = parts.dropFirst(fixed.count)
                let folder = fixed.isEmpty ? base : base.appending(path: fixed.joined(separator: "/"))
                add(folder, recursive: rest.count > 1)
            }
        }
        for status in config.status {
            add(base.appending(path: status).deletingLastPathComponent(), recursive: false)
        }
        add(base.appending(path: config.pages), recursive: false)
        add(base.appending(path: config.templates), recursive: true)
        let site = base.appending(path: config.siteOutput).standardizedFileURL.path
        return WatchPlan(folders: folders.sorted(), excluded: [site])
    }

    /// Every folder to watch, recursive folders expanded (hidden folders and the excluded
    /// ones skipped), at most `limit` of them.
    package func directories(limit: Int = 8192) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        func append(_ path: String) {
            if out.count < limit, seen.insert(path).inserted { out.append(path) }
        }
        for folder in folders {
            append(folder.path)
            guard folder.recursive else { continue }
            let url = URL(filePath: folder.path, directoryHint: .isDirectory)
            guard
                let enumerator = FileManager.default.enumerator(
                    at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
            else { continue }
            for case let child as URL in enumerator {
                guard (try? child.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { continue }
                let path = child.standardizedFileURL.path
                if excluded.contains(path) {
                    enumerator.skipDescendants()
                    continue
                }
                append(path)
            }
        }
        return out
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
