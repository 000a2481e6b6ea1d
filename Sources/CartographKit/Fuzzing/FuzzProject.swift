package import CartographInput
package import CartographModel
package import CartographRender
import Foundation

/// A throwaway project folder for one fuzz input, so that inputs reach the readers the way
/// the commands read them (``Workspace/load(root:configFile:specFiles:readConfig:)``).
/// Each run gets its own folder, removed afterwards: replays run in parallel.
struct FuzzProject {
    let root: URL

    /// Writes `files` (paths relative to the folder, already checked by the caller) into a
    /// new folder.
    init(files: [(path: String, data: Data)]) {
        root = FileManager.default.temporaryDirectory.appending(
            path: "cartograph-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", directoryHint: .isDirectory)
        for file in files {
            let url = root.appending(path: file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            } catch {
                FuzzCheck.fail("cannot write the scratch project at \(url.path): \(error)")
            }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
