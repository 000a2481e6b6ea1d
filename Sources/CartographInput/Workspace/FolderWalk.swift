import Foundation

/// The regular files under a folder that a glob's segments can match, found with
/// readdir(3) alone: the type of an entry comes with its name, so a folder of 1,000 specs
/// costs one listing, where FileManager's enumerator (and a resource lookup for each URL
/// it makes) took 34 ms.
///
/// It finds what `FileManager.enumerator(at:options: .skipsHiddenFiles)` finds, filtered to
/// regular files, and so what globs matched before: hidden entries are skipped; symbolic
/// links are never followed, the start folder's own included, and are not regular files;
/// folders on another device (mount points) and folders that repeat one above them are
/// not entered; unreadable folders are passed over.
struct FolderWalk {
    /// The glob's segments below the fixed folder: a walk without `**` goes no deeper than
    /// they do, and enters only the folders their segments match.
    var pattern: [String]

    /// A folder still to list: its path, its segments below the start folder, and the
    /// device and inode of it and every folder above it.
    private struct Pending {
        var path: String
        var segments: [String]
        var ancestors: [(device: UInt64, inode: UInt64)]
    }

    /// The relative paths (as segments) of the regular files under `path`, in no order.
    /// Each folder is listed whole and closed before any below it, from a list of folders
    /// still to list rather than by recursion: a tree thousands of folders deep costs
    /// neither a deep stack nor a descriptor per level.
    func files(under path: String) -> [[String]] {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return [] }
        let deepest = pattern.contains("**") ? nil : pattern.count
        let patternSegments = pattern.map { Array($0) }
        let device = UInt64(status.st_dev)
        var out: [[String]] = []
        var pending = [Pending(path: path, segments: [], ancestors: [(device, UInt64(status.st_ino))])]
        while let folder = pending.popLast() {
            guard let stream = opendir(folder.path) else { continue }
            defer { closedir(stream) }
            let depth = folder.segments.count
            while let entry = readdir(stream) {
                // A name that is not UTF-8 cannot be written in a config or a message.
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    raw.withMemoryRebound(to: CChar.self) { $0.baseAddress.flatMap { String(validatingCString: $0) } }
                }
                guard let name, !name.hasPrefix(".") else { continue }
                let full = folder.path + "/" + name
                var kind = entry.pointee.d_type
                var entryStatus = stat()
                if kind == UInt8(DT_UNKNOWN) || kind == UInt8(DT_DIR) {
                    guard lstat(full, &entryStatus) == 0 else { continue }
                    kind =
                        switch entryStatus.st_mode & S_IFMT {
                        case S_IFDIR: UInt8(DT_DIR)
                        case S_IFREG: UInt8(DT_REG)
                        default: UInt8(DT_LNK)
                        }
                }
                if kind == UInt8(DT_REG) {
                    if deepest.map({ depth + 1 == $0 }) ?? true { out.append(folder.segments + [name]) }
                } else if kind == UInt8(DT_DIR) {
                    if let deepest {
                        guard depth + 1 < deepest, Glob.matchSegment(patternSegments[depth], Array(name)) else { continue }
                    }
                    let inode = UInt64(entryStatus.st_ino)
                    let entryDevice = UInt64(entryStatus.st_dev)
                    guard entryDevice == device, !folder.ancestors.contains(where: { $0 == (entryDevice, inode) }) else { continue }
                    pending.append(
                        Pending(path: full, segments: folder.segments + [name], ancestors: folder.ancestors + [(entryDevice, inode)]))
                }
            }
        }
        return out
    }
}
