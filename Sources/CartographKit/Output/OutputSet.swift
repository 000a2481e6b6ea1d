/// The files a build writes, by path relative to the output root: what `build` writes,
/// `check` compares and `serve` serves. Building it is pure; only ``OutputWriter`` touches disk.
///
/// A path is written once. A second write to the same file (the same path once `.` and `..`
/// segments and repeated slashes are resolved) is refused and recorded in ``collisions``,
/// which the build reports as errors: two renderers, or a renderer and a setting, that
/// choose one path must fail loudly rather than have one silently replace the other.
public struct OutputSet: Sendable {
    public private(set) var files: [String: [UInt8]] = [:]
    /// Paths written more than once, in the order the later writes came; the first write stands.
    public private(set) var collisions: [String] = []
    private var written: Set<String> = []

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        add(path, bytes: Array(text.utf8))
    }

    public mutating func add(_ path: String, bytes: [UInt8]) {
        guard written.insert(Self.normalized(path)).inserted else {
            collisions.append(path)
            return
        }
        files[path] = bytes
    }

    public var paths: [String] { files.keys.sorted() }

    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// `path` with empty and `.` segments dropped and `..` applied, as the file system reads it.
    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == "..", let last = segments.last, last != ".." {
                segments.removeLast()
            } else {
                segments.append(segment)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + segments.joined(separator: "/")
    }
}
