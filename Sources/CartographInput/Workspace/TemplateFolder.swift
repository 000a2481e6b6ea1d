package import CartographModel
package import Foundation

/// Reads the user's templates folder: the files among the built-in templates' paths that
/// exist there, which the renderer uses in their place.
package enum TemplateFolder {
    /// - Parameters:
    ///   - folder: the templates folder; nil or a missing folder means no overrides.
    ///   - paths: the built-in templates' paths, relative to the folder.
    package static func read(_ folder: URL?, paths: some Sequence<String>) -> [String: TemplateSource] {
        guard let folder, FileManager.default.fileExists(atPath: folder.path) else { return [:] }
        var sources: [String: TemplateSource] = [:]
        for path in paths {
            guard let data = try? Data(contentsOf: folder.appending(path: path)) else { continue }
            sources[path] = String(data: data, encoding: .utf8).map(TemplateSource.text) ?? .notUTF8
        }
        return sources
    }
}
