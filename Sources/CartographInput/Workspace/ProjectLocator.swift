package import Foundation

/// Finds the project a command works on, as git finds its repository: the nearest folder
/// holding `cartograph.yaml`, from the one the command starts in up to the root. A
/// command run from `infra/billing/` maps the whole project, and one run outside any
/// project stops instead of mapping (and writing) wherever it happens to be.
package enum ProjectLocator {
    /// What a command says when there is no project.
    package static let notFound = "no \(Workspace.configName) in this folder or above; run `cartograph init`"

    /// The nearest folder from `folder` upwards that holds `cartograph.yaml` (a file, or a
    /// link to one), or nil when none does.
    package static func find(from folder: URL) -> URL? {
        var path = folder.absoluteURL.standardizedFileURL.path
        while true {
            var isFolder: ObjCBool = false
            let candidate = (path as NSString).appendingPathComponent(Workspace.configName)
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue {
                return URL(filePath: path, directoryHint: .isDirectory)
            }
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path || parent.isEmpty { return nil }
            path = parent
        }
    }
}
