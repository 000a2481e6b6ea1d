import CartographTestSupport
import Foundation

/// A folder tree as the file system holds it: every path with its type and mode, the bytes
/// of each regular file and the target of each symbolic link. Read without following links
/// or opening anything else (a FIFO would block), so it can be taken of a hostile folder.
struct FolderSnapshot: Equatable {
    struct Entry: Equatable {
        var type: String
        var mode: UInt32
        var bytes: [UInt8]?
        var target: String?
    }

    var entries: [String: Entry] = [:]

    init(_ folder: URL) {
        walk(folder, "")
    }

    private mutating func walk(_ url: URL, _ prefix: String) {
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
            let child = url.appending(path: name)
            let path = prefix + name
            var status = stat()
            guard lstat(child.path, &status) == 0 else { continue }
            let mode = UInt32(status.st_mode & 0o7777)
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                entries[path] = Entry(type: "folder", mode: mode)
                walk(child, path + "/")
            case S_IFREG:
                entries[path] = Entry(type: "file", mode: mode, bytes: (try? Data(contentsOf: child)).map { Array($0) })
            case S_IFLNK:
                entries[path] = Entry(
                    type: "link", mode: mode, target: try? FileManager.default.destinationOfSymbolicLink(atPath: child.path))
            case S_IFIFO:
                entries[path] = Entry(type: "fifo", mode: mode)
            default:
                entries[path] = Entry(type: "other", mode: mode)
            }
        }
    }

    /// The paths that differ between two snapshots, each with how, for a failure message.
    func differences(from other: FolderSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).sorted().compactMap { path in
            switch (other.entries[path], entries[path]) {
            case (nil, _?): "\(path): added"
            case (_?, nil): "\(path): removed"
            case (let a?, let b?) where a != b: "\(path): changed (\(a.type) → \(b.type))"
            default: nil
            }
        }
    }
}
