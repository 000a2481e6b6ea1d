/// The slug of a name: what its page's folder and its ids are called. Decided here, in the
/// model, so the map builder (which reports slug collisions) and the renderers (which name
/// headings and groups) cannot disagree.
package enum Slug {
    /// Lowercase letters, digits and dashes only, at most ``maxLength`` of them: safe as a
    /// folder name (far below any file system's limit) and in a URL.
    package static func of(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
            if out.utf8.count >= maxLength { break }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "app" : out
    }

    /// Names longer than this share a page when they share this many leading characters,
    /// which the map builder reports like any other collision.
    package static let maxLength = 64
}
