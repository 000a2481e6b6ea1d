package import CartographInput
package import CartographModel
package import CartographRender
package import Foundation

/// Writes single files atomically: each goes to a temporary file beside its target
/// (`.NAME.cartograph-PID.tmp`) and is renamed over it, so a reader — or a build killed at
/// any moment — sees the old file or the new one, never half of one. Temporary files of
/// builds that were killed are cleared by the next write of the same target.
package enum OutputWriter {
    /// A file written beside its target, waiting to be renamed over it.
    package struct Staged: Sendable {
        package var temporary: URL
        package var target: URL
    }

    package static func write(_ bytes: [UInt8], to url: URL) throws {
        if let staged = try stage(bytes, to: url) { try commit(staged) }
    }

    /// Writes `bytes` beside `url`; nil when the file already holds exactly these bytes. A
    /// target that is a symbolic link is written through (the file it names is replaced;
    /// the link stays), and a replaced file keeps its permissions.
    package static func stage(_ bytes: [UInt8], to url: URL) throws -> Staged? {
        let target = ProjectPath.realPath(url.path).map { URL(filePath: $0) } ?? url
        clearStale(beside: target)
        if SiteWriter.holds(bytes, atPath: target.path) { return nil }
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appending(path: temporaryName(for: target.lastPathComponent, pid: getpid()))
        do {
            try NewFile.write(bytes, to: temporary.path)
            var status = stat()
            if stat(target.path, &status) == 0 { _ = chmod(temporary.path, status.st_mode & 0o7777) }
        } catch {
            _ = unlink(temporary.path)
            throw error
        }
        return Staged(temporary: temporary, target: target)
    }

    package static func commit(_ staged: Staged) throws {
        guard rename(staged.temporary.path, staged.target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard(staged)
            throw SiteWriter.Refusal(description: "cannot write '\(staged.target.lastPathComponent)': \(reason)")
        }
    }

    package static func discard(_ staged: Staged) {
        _ = unlink(staged.temporary.path)
    }

    static func temporaryName(for name: String, pid: Int32) -> String {
        ".\(name).cartograph-\(pid).tmp"
    }

    /// Removes `.NAME.cartograph-PID.tmp` files beside `target` whose process is gone.
    static func clearStale(beside target: URL) {
        let folder = target.deletingLastPathComponent()
        let prefix = ".\(target.lastPathComponent).cartograph-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            guard let pid = Int32(entry.dropFirst(prefix.count).dropLast(4)), !SiteWriter.isRunning(pid) else { continue }
            let url = folder.appending(path: entry)
            if SiteWriter.isRegularFile(url) { _ = unlink(url.path) }
        }
    }
}
