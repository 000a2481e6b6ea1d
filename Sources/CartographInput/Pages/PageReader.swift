package import CartographModel
package import Foundation

/// Reads Markdown pages with YAML front matter (`title`, `weight`, `slug`, `section`, `app`).
package enum PageReader {
    package static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (Page?, String) {
        read(PageText(data), path: path, diagnostics: diagnostics)
    }

    /// Reads a page from its text as ``PageText`` found it (the input budget needed it first).
    static func read(_ page: PageText, path: String, diagnostics: DiagnosticBag) -> (Page?, String) {
        guard let text = page.text else {
            diagnostics.error("file is not valid UTF-8", at: YAMLLoader.firstInvalidUTF8(in: page.data, path: path))
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
        var body = Substring(text)
        var bodyLine = 1
        if let frontMatter = page.frontMatter {
            let document = YAMLLoader.load(
                Data(frontMatter.yaml.utf8), path: path, diagnostics: diagnostics, maxNodes: YAMLLoader.Limits.maxFrontMatterNodes,
                prescanned: page.prescan, composed: page.composed)
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
            body = frontMatter.body
            bodyLine = frontMatter.end + 2
        } else {
            diagnostics.warning(
                "page has no front matter; its title is taken from the file name", at: .start(of: path),
                hint: "start the file with ---, title: …, weight: …, ---")
        }
        // Drop blank lines (LF or CR LF) around the body in one step each: removing characters
        // one at a time from the front of a string is quadratic in a page of a million newlines.
        let (start, end, blankLines) = Self.withoutBlankLinesAround(body.utf8)
        let trimmed = String(decoding: body.utf8[start..<end], as: UTF8.self)
        bodyLine += blankLines
        let page = Page(
            title: title, weight: weight, slug: slug, body: trimmed, file: path, bodyLine: bodyLine, slugLocation: slugLocation,
            section: section, app: app, appLocation: appLocation)
        return (page, text)
    }

    /// The body's bytes without the empty lines before it and the line breaks after it, and
    /// how many lines were left out before it (the body's first line moves down by as many).
    static func withoutBlankLinesAround(_ bytes: Substring.UTF8View) -> (start: Substring.Index, end: Substring.Index, blankLines: Int) {
        let lineFeed = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var start = bytes.startIndex
        var blankLines = 0
        while start < bytes.endIndex {
            if bytes[start] == lineFeed {
                start = bytes.index(after: start)
            } else if bytes[start] == carriageReturn, bytes.index(after: start) < bytes.endIndex,
                bytes[bytes.index(after: start)] == lineFeed
            {
                start = bytes.index(start, offsetBy: 2)
            } else {
                break
            }
            blankLines += 1
        }
        var end = bytes.endIndex
        while end > start, bytes[bytes.index(before: end)] == lineFeed {
            end = bytes.index(before: end)
            if end > start, bytes[bytes.index(before: end)] == carriageReturn { end = bytes.index(before: end) }
        }
        return (start, end, blankLines)
    }

    /// The nodes of a page's front matter, for the project's input budget.
    static func frontMatterNodes(_ data: Data) -> Int {
        PageText(data).nodes
    }
}
