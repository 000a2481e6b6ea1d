package import CartographModel
package import Foundation
import Mustache
import Synchronization

/// The templates a build renders with: the embedded defaults, each replaced by the user's
/// file of the same path under their templates folder when there is one.
///
/// A user's templates are parsed up front, so every syntax error is reported in the run
/// that reads them. A built-in one is parsed the first time a render needs it, once: most
/// builds write most outputs natively (``SiteHTML``, ``MapMarkdown``) and render only a few
/// templates, and parsing all of them was a tenth of a small build.
package struct TemplateLibrary: Sendable {
    /// Source of every usable template by name (`markdown-map`): the user's where they gave
    /// one that parses, else the built-in.
    private let sources: [String: String]
    private let parsed: ParsedTemplates
    /// Paths (relative to the templates folder) of the user's files in use.
    package private(set) var overridden: [String] = []
    /// Which version of the templates ``RenderCache`` parsed this from: outputs it rendered
    /// are reused only with the same one. Nil outside a cache: nothing is reused.
    package internal(set) var generation: Int?

    /// Parses each of the user's sources from `overrides` (read by the input stage), which
    /// replace the defaults of the same path; parse errors in them are located diagnostics.
    package init(overrides: [String: TemplateSource], displayPrefix: String, diagnostics: DiagnosticBag) {
        _ = MarkdownContentType.registered
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        for (path, text) in DefaultTemplates.files.sorted(by: { $0.key < $1.key }) {
            let name = Self.name(of: path)
            switch overrides[path] {
            // A copy of the built-in (the example's own `templates/`) renders the same: it
            // stays the built-in, parsed only when used and replaced by the native writers.
            case .text(let user) where user != text:
                overridden.append(path)
                let display = displayPrefix.isEmpty ? path : "\(displayPrefix)/\(path)"
                // A template that does not parse renders as missing, as it always has.
                guard let template = Self.parse(user, display: display, diagnostics: diagnostics) else { continue }
                library.register(template, named: name)
                sources[name] = user
            case .notUTF8:
                diagnostics.error("file is not valid UTF-8", at: .start(of: "\(displayPrefix)/\(path)"))
                sources[name] = text
            case .text, nil:
                sources[name] = text
            }
        }
        self.sources = sources
        parsed = ParsedTemplates(library)
    }

    /// Whether none of `paths` is the user's: what decides that a native writer may stand in
    /// for those templates.
    package func usesBuiltIns(_ paths: [String]) -> Bool {
        !overridden.contains { paths.contains($0) }
    }

    /// The built-in templates' paths: the files a templates folder may replace.
    package static var paths: [String] { DefaultTemplates.files.keys.sorted() }

    /// `markdown/map.mustache` → `markdown-map`: the name partials (`{{> markdown-app}}`)
    /// and parents (`{{<html-layout}}…{{/html-layout}}`) use. Dashes, because Mustache
    /// section names cannot hold a slash.
    static func name(of path: String) -> String {
        let stem = path.hasSuffix(".mustache") ? String(path.dropLast(".mustache".count)) : path
        return stem.replacingOccurrences(of: "/", with: "-")
    }

    /// Whether the named template exists (a user's that failed to parse does not).
    package func has(_ name: String) -> Bool {
        sources[name] != nil
    }

    /// Renders `object` with the named template; nil when no such template exists.
    package func render(_ object: Any, template name: String) -> String? {
        guard let source = sources[name] else { return nil }
        // Without a tag a template renders as its text (the stylesheet, the script).
        if !Self.hasTag(source) { return source }
        return parsed.library(including: name, sources: sources).render(object, withTemplate: name)
    }

    /// Whether `source` holds `{{`, as Foundation's `contains` finds it: no `{{` in the bytes
    /// is none at all (no other scalars are canonically a brace), and one among bytes below
    /// 0xCC (no mark that could join a brace) is one. The stylesheet is tens of kilobytes,
    /// read on every build, and Foundation reads it as UTF-16.
    static func hasTag(_ source: String) -> Bool {
        var source = source
        let found = source.withUTF8 { bytes -> Bool? in
            var index = 0
            var tag = false
            var plain = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0xCC { plain = false }
                if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") { tag = true }
                index += 1
            }
            return tag && !plain ? nil : tag
        }
        return found ?? source.contains("{{")
    }

    static func parse(_ source: String, display: String, diagnostics: DiagnosticBag) -> MustacheTemplate? {
        // A template may declare the Markdown content type before any library was made.
        _ = MarkdownContentType.registered
        do {
            return try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            diagnostics.error(
                "template error: \(Self.describe(error.error))",
                at: SourceLocation(
                    file: display, line: max(1, error.context.lineNumber), column: max(1, error.context.columnNumber + 1)))
        } catch {
            diagnostics.error("template error: \(error)", at: .start(of: display))
        }
        return nil
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "invalid {{% … }} pragma"
        case .unrecognisedConfigVariable: return "unknown {{% … }} pragma or content type"
        @unknown default: return "\(error)"
        }
    }
}
