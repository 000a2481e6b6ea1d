public import Foundation

/// Writes outputs atomically: each file goes to a temporary file beside its target and is
/// renamed over it, so a reader never sees half a file and a failed build leaves the old one.
public enum OutputWriter {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let existing = try? Data(contentsOf: url), existing.elementsEqual(bytes) { return }
        let temporary = folder.appending(path: ".\(url.lastPathComponent).cartograph-\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
