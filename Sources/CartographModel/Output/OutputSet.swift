/// The files a build writes, by path relative to the output root: what `build` writes,
/// `check` compares and `serve` serves. Building it is pure; only ``OutputWriter`` touches disk.
///
/// A path is written once. A second write to the same file (the same path once `.` and `..`
/// segments and repeated slashes are resolved) is refused and recorded in ``collisions``,
/// which the build reports as errors: two renderers, or a renderer and a setting, that
/// choose one path must fail loudly rather than have one silently replace the other.
package struct OutputSet: Sendable {
    package private(set) var files: [String: [UInt8]] = [:]
    /// Paths written more than once, in the order the later writes came; the first write stands.
    package private(set) var collisions: [String] = []
    private var written: Set<String> = []

    package init() {}

    /// Room for `count` files, made once rather than grown (and every path hashed again) as
    /// a site's thousands are added.
    package mutating func reserveCapacity(_ count: Int) {
        files.reserveCapacity(count)
        written.reserveCapacity(count)
    }

    package mutating func add(_ path: String, _ text: String) {
        add(path, bytes: Array(text.utf8))
    }

    package mutating func add(_ path: String, bytes: [UInt8]) {
        guard written.insert(Self.normalized(path)).inserted else {
            collisions.append(path)
            return
        }
        files[path] = bytes
    }

    /// `first`'s files, then this set's, as adding this set's files one by one after
    /// `first`'s makes them: a path `first` holds as spelled is left to it, one it holds
    /// spelled otherwise is a collision (in sorted order). Made from this set, a site's
    /// thousands of files, with `first`'s few added in: each of the thousands was hashed
    /// twice more the other way round. This set's own collisions are not carried.
    package consuming func addedAfter(_ first: OutputSet) -> OutputSet {
        var merged = self
        var late: [String] = []
        for (path, bytes) in first.files {
            if merged.files[path] == nil {
                let normal = Self.normalized(path)
                if !merged.written.insert(normal).inserted,
                    let mine = merged.files.keys.first(where: { Self.normalized($0) == normal })
                {
                    merged.files[mine] = nil
                    late.append(mine)
                }
            }
            merged.files[path] = bytes
        }
        merged.collisions = first.collisions + late.sorted()
        return merged
    }

    package var paths: [String] { files.keys.sorted() }

    package func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The outputs under the site folder, keyed by site-relative path, and the others (the
    /// Markdown map, inject targets) by their own path: the one place a site prefix is read,
    /// for writing (`build`), comparing (`check`) and serving (`serve`) alike. `./site/` is
    /// `site`; `.` (or an empty prefix) makes every output part of the site.
    package func split(site siteOutput: String) -> (site: [String: [UInt8]], others: [String: [UInt8]]) {
        let prefix = Self.normalized(siteOutput)
        let slashed = prefix + "/"
        var site: [String: [UInt8]] = [:]
        // Nearly every output is the site's: room for them all, not grown (and rehashed).
        site.reserveCapacity(files.count)
        var others: [String: [UInt8]] = [:]
        for (path, bytes) in files {
            if let relative = Self.sitePath(path, prefix: prefix, slashed: slashed) {
                site[relative] = bytes
            } else {
                others[path] = bytes
            }
        }
        return (site, others)
    }

    /// `path` relative to the site folder, or nil when it lies outside it, as ``split(site:)``
    /// decides.
    package static func sitePath(_ path: String, site siteOutput: String) -> String? {
        let prefix = normalized(siteOutput)
        return sitePath(path, prefix: prefix, slashed: prefix + "/")
    }

    /// `slashed` is `prefix + "/"`, made once for a whole set.
    package static func sitePath(_ path: String, prefix: String, slashed: String) -> String? {
        if prefix.isEmpty { return path }
        // On bytes where they settle it: an ASCII prefix and its slash at the start of the
        // path's bytes, and after them no byte that could open a scalar from U+0300 on (one
        // that joins the slash into another Character). The site's thousands of paths are.
        let fast = slashed.utf8.withContiguousStorageIfAvailable { prefixBytes -> String? in
            path.utf8.withContiguousStorageIfAvailable { bytes -> String? in
                let count = prefixBytes.count
                guard bytes.count >= count, !prefixBytes.contains(where: { $0 >= 0x80 }),
                    UnsafeBufferPointer(rebasing: bytes[..<count]).elementsEqual(prefixBytes), bytes.count == count || bytes[count] < 0xCC
                else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[count...]), as: UTF8.self)
            } ?? nil
        }
        if let fast = fast ?? nil { return fast }
        return sitePathByCharacters(path, prefix: prefix)
    }

    /// ``sitePath(_:prefix:slashed:)`` by Characters: the definition its byte pass keeps to.
    package static func sitePathByCharacters(_ path: String, prefix: String) -> String? {
        if prefix.isEmpty { return path }
        return path.hasPrefix(prefix + "/") ? String(path.dropFirst(prefix.count + 1)) : nil
    }

    /// `path` with empty and `.` segments dropped and `..` applied, as the file system reads it.
    package static func normalized(_ path: String) -> String {
        isNormal(path) ? path : normalizedBySegments(path)
    }

    /// ``normalized(_:)`` for any path, segment by segment.
    package static func normalizedBySegments(_ path: String) -> String {
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

    /// Whether ``normalized(_:)`` would give `path` back: no empty, `.` or `..` segment and
    /// no trailing slash. Every path a build writes is, and is checked once per output.
    private static func isNormal(_ path: String) -> Bool {
        var length = 0  // of the segment so far
        var dots = 0  // in the segment so far
        var first = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                // A leading slash makes the path absolute; any other ends a segment.
                if !first && (length == 0 || (length == dots && dots <= 2)) { return false }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
            first = false
        }
        return length > 0 && !(length == dots && dots <= 2)
    }
}
