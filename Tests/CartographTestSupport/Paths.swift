package import Foundation

/// The repository checkout these tests run in.
package let repositoryRoot: URL = {
    var url = URL(filePath: #filePath)
    while url.pathComponents.count > 1 {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
    }
    return URL(filePath: FileManager.default.currentDirectoryPath)
}()

/// The `cartograph` binary beside this test bundle (whichever scratch path built it), or
/// the newest `.build*/debug/cartograph` in the repository.
package let cartographBinary: URL = {
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
        var folder = URL(filePath: first).deletingLastPathComponent()
        // `swift test` runs `<products>/X.xctest` (a bundle folder on macOS).
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS" || folder.lastPathComponent == "Contents" {
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(folder.appending(path: "cartograph"))
    }
    let scratch = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.path)) ?? []
    for name in scratch.sorted() where name.hasPrefix(".build") {
        candidates.append(repositoryRoot.appending(path: "\(name)/debug/cartograph"))
    }
    let existing = candidates.filter { FileManager.default.isExecutableFile(atPath: $0.path) }
    return existing.first ?? candidates.first ?? repositoryRoot.appending(path: ".build/debug/cartograph")
}()

/// A scratch folder; the caller removes it.
package func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(
        path: "cartograph-test-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A copy of the example workspace (config, content, templates) in a scratch folder.
package func copyOfExample() throws -> URL {
    let folder = try temporaryFolder()
    for item in ["cartograph.yaml", "content", "templates"] {
        try FileManager.default.copyItem(at: repositoryRoot.appending(path: item), to: folder.appending(path: item))
    }
    return folder
}
