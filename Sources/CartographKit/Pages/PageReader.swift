public import Foundation

/// Reads Markdown pages with YAML front matter (`title`, `weight`, `slug`).
public enum PageReader {
    public static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (Page?, String) {
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.error("file is not valid UTF-8", at: YAMLLoader.firstInvalidUTF8(in: data, path: path))
            return (nil, "")
        }
        let fileName = (path as NSString).lastPathComponent
        let stem = (fileName as NSString).deletingPathExtension
        var title = stem
        var weight = 100
        var slug = MapBuilder.slug(
            stem.drop { $0.isNumber || $0 == "-" || $0 == "_" }.isEmpty ? stem : String(stem.drop { $0.isNumber || $0 == "-" || $0 == "_" })
        )
        var body = text
        var bodyLine = 1
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true,
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        {
            let front = lines[1..<end].joined(separator: "\n")
            // Pad with blank lines so YAML line numbers are the file's line numbers.
            let padded = "\n" + front
            let document = YAMLLoader.load(Data(padded.utf8), path: path, diagnostics: diagnostics)
            if let root = document.root {
                let context = YAMLReadContext(file: path, diagnostics: diagnostics, text: document.text)
                if let r = MappingReader(root, what: "front matter", context: context) {
                    r.rejectUnknownKeys(["title", "weight", "slug"])
                    if let value = r.string("title") { title = value }
                    if let value = r.int("weight") { weight = value }
                    if let value = r.located("slug") {
                        let clean = MapBuilder.slug(value.value)
                        if clean != value.value {
                            diagnostics.error(
                                "slug '\(value.value)' must be lowercase letters, digits and dashes", at: value.location,
                                hint: "for example '\(clean)'")
                        }
                        slug = clean
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
        while body.hasPrefix("\n") { body.removeFirst(); bodyLine += 1 }
        while body.hasSuffix("\n") { body.removeLast() }
        return (Page(title: title, weight: weight, slug: slug, body: body, file: path, bodyLine: bodyLine), text)
    }
}
