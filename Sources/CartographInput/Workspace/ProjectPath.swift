package import CartographModel
package import Foundation

/// Paths as the file system sees them, for deciding whether two paths are the same file or
/// one lies inside the other: `./`, `..`, repeated and trailing slashes and symbolic links
/// all give one spelling.
package enum ProjectPath {
    /// `./site/` → `site`, `docs/../site` → `site`, `.` → `` (the folder itself); leading
    /// `..` and a leading `/` are kept, for the caller to refuse. Lexical only: the same
    /// spelling is what gets written, so checking it is checking what is written.
    package static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }

    /// The absolute path of `url` with every symbolic link resolved as far as the path exists;
    /// the part that does not exist yet is appended as written (normalized). Two URLs that
    /// name one file give the same string.
    package static func resolved(_ url: URL) -> String {
        resolved(path: url.absoluteURL.path)
    }

    /// ``resolved(_:)`` of a URL whose absolute path is `path`.
    package static func resolved(path: String) -> String {
        var resolved = "/"
        var exists = true
        // `..` after a symbolic link goes to the link target's parent, as the kernel does.
        for part in path.split(separator: "/") where part != "." {
            if exists {
                let candidate = (resolved == "/" ? "" : resolved) + "/" + part
                if let real = realPath(candidate) {
                    resolved = real
                    continue
                }
                exists = false
            }
            if part == ".." {
                resolved = (resolved as NSString).deletingLastPathComponent
            } else {
                resolved = (resolved == "/" ? "" : resolved) + "/" + part
            }
        }
        return fold(resolved)
    }

    /// True when `path` is `folder` or lies inside it (both resolved).
    package static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// True when one of two resolved paths is the other or lies inside it.
    package static func overlaps(_ a: String, _ b: String) -> Bool {
        isWithin(a, b) || isWithin(b, a)
    }

    package static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// Linux file systems are case-sensitive, so paths compare as they are; macOS's default
    /// file system is not, so there two spellings of one name count as the same path (a
    /// false overlap is an error message, a missed one a lost file).
    package static func fold(_ path: String) -> String {
        #if canImport(Darwin)
            path.lowercased()
        #else
            path
        #endif
    }
}
