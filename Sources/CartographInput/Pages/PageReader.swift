package import CartographModel
package import Foundation

/// Reads Markdown pages with YAML front matter (`title`, `weight`, `slug`, `section`, `app`).
package enum PageReader {
    package static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (Page?, String) {
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.error("file is not valid UTF-8", at: YAMLLoader.firstInvalidUTF8(in: data, path: path))
            return (nil, "")
        }
        let fileName = (path as NSString).lastPathComponent
        let stem = (fileName as NSString).deletingPathExtension
        var title = stem
        var weight = 100
        var slugLocation: SourceLocation?
        var section: String?
        var app: String?
        var appLocation: SourceLocation?
        var slug = Slug.of(
            stem.drop { $0.isNumber || $0 == "-" || $0 == "_" }.isEmpty ? stem : String(stem.drop { $0.isNumber || $0 == "-" || $0 == "_" })
        )
        var body = text
        var bodyLine = 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let (padded, end) = frontMatter(lines) {
            let document = YAMLLoader.load(
                Data(padded.utf8), path: path, diagnostics: diagnostics, maxNodes: YAMLLoader.Limits.maxFrontMatterNodes)
            if let root = document.root {
                let context = YAMLReadContext(file: path, diagnostics: diagnostics, text: document.text)
                if let r = MappingReader(root, what: "front matter", context: context) {
                    r.rejectUnknownKeys(["title", "weight", "slug", "section", "app"])
                    if let value = r.string("title") { title = value }
                    if let value = r.int("weight") { weight = value }
                    if let value = r.string("section") { section = value }
                    if let value = r.located("app") {
                        app = value.value
                        appLocation = value.location
                    }
                    if let value = r.located("slug") {
                        let clean = Slug.of(value.value)
                        if clean != value.value {
                            diagnostics.error(
                                "slug \(value.value.quotedForMessage) must be lowercase letters, digits and dashes", at: value.location,
                                hint: "for example \(clean.quotedForMessage)")
                        }
                        slug = clean
                        slugLocation = value.location
                    }
                }
            }
            body = lines[(end + 1)...].joined(separator: "\n")
            bodyLine = end + 2
        } else {
            diagnostics.warning(
                "page has no front matter; its title is taken from the file name", at: .start(of: path),
                hint: "start the file with ---, title: …, weight: …, ---")
        }
        // Drop blank lines around the body in one step each: removing characters one at a
        // time from the front of a string is quadratic in a page of a million newlines.
        let leading = body.utf8.prefix { $0 == UInt8(ascii: "\n") }.count
        let trailing = body.utf8.dropFirst(leading).reversed().prefix { $0 == UInt8(ascii: "\n") }.count
        body = String(decoding: body.utf8.dropFirst(leading).dropLast(trailing), as: UTF8.self)
        bodyLine += leading
        let page = Page(
            title: title, weight: weight, slug: slug, body: body, file: path, bodyLine: bodyLine, slugLocation: slugLocation,
            section: section, app: app, appLocation: appLocation)
        return (page, text)
    }

    /// The front matter of a page (between a first line `---` and the next `---`) padded
    /// with a blank line so YAML line numbers are the file's, and the index of the closing line.
    static func frontMatter(_ lines: [Substring]) -> (yaml: String, end: Int)? {
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true,
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return nil }
        return ("\n" + lines[1..<end].joined(separator: "\n"), end)
    }

    /// The nodes of a page's front matter, for the project's input budget.
    static func frontMatterNodes(_ data: Data) -> Int {
        guard let text = String(validating: data, as: UTF8.self),
            let (yaml, _) = frontMatter(text.split(separator: "\n", omittingEmptySubsequences: false))
        else { return 0 }
        return YAMLLoader.nodeCount(Data(yaml.utf8), maxNodes: YAMLLoader.Limits.maxFrontMatterNodes)
    }
}
