package import CartographModel
package import Foundation

/// Shell-style globs over a folder: `*` and `?` within a path segment, `**` across segments.
package enum Glob {
    /// Files under `root` matching `pattern` (relative to root), as sorted relative paths.
    package static func files(matching pattern: String, in root: URL) -> [String] {
        let pattern = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        if !pattern.contains(where: { "*?[".contains($0) }) {
            let url = root.appending(path: pattern)
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                ? [pattern] : []
        }
        let parts = pattern.split(separator: "/").map(String.init)
        let fixed = parts.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let base = fixed.joined(separator: "/")
        let baseURL = base.isEmpty ? root : root.appending(path: base)
        let rest = Array(parts.dropFirst(fixed.count))
        var out: [String] = []
        for relative in FolderWalk(pattern: rest).files(under: baseURL.path) where matches(rest[...], relative[...]) {
            out.append((base.isEmpty ? "" : base + "/") + relative.joined(separator: "/"))
        }
        return out.sorted()
    }

    /// Whether `path` matches `pattern`, segment by segment, `**` standing for any number of
    /// segments. Decided over a table of (pattern prefix, path prefix) pairs rather than by
    /// backtracking, which is exponential in a pattern of many `**` (`**/**/**/…/*.yaml`).
    package static func matches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        // Without `**` each segment of the pattern matches one of the path's.
        if pattern.count != path.count && !pattern.contains("**") { return false }
        let pattern = Array(pattern)
        let path = Array(path)
        // reachable[j]: the pattern's first i segments match the path's first j.
        var reachable = [Bool](repeating: false, count: path.count + 1)
        reachable[0] = true
        for head in pattern {
            var next = [Bool](repeating: false, count: path.count + 1)
            if head == "**" {
                var any = false
                for j in 0...path.count {
                    any = any || reachable[j]
                    next[j] = any
                }
            } else {
                let segment = Array(head)
                for j in 0..<path.count where reachable[j] && matchSegment(segment, Array(path[j])) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[path.count]
    }

    /// `*` and `?` within one segment; a leading dot is matched only literally.
    static func matchSegment(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
