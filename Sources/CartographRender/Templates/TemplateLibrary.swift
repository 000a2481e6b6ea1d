package import CartographModel
package import Foundation
import Mustache

/// The templates a build renders with: the embedded defaults, each replaced by the user's
/// file of the same path under their templates folder when there is one.
package struct TemplateLibrary: Sendable {
    private var library: MustacheLibrary
    /// Paths (relative to the templates folder) of the user's files in use.
    package private(set) var overridden: [String] = []
    /// Which version of the templates ``RenderCache`` parsed this from: outputs it rendered
    /// are reused only with the same one. Nil outside a cache: nothing is reused.
    package internal(set) var generation: Int?

    /// Parses the defaults, each replaced by the user's source of the same path from
    /// `overrides` (read by the input stage); parse errors in a user's template are located
    /// diagnostics.
    package init(overrides: [String: TemplateSource], displayPrefix: String, diagnostics: DiagnosticBag) {
        _ = MarkdownContentType.registered
        var library = MustacheLibrary()
        for (path, text) in DefaultTemplates.files.sorted(by: { $0.key < $1.key }) {
            var source = text
            var display = "(built-in) \(path)"
            switch overrides[path] {
            case .text(let user):
                source = user
                display = displayPrefix.isEmpty ? path : "\(displayPrefix)/\(path)"
                overridden.append(path)
            case .notUTF8:
                diagnostics.error("file is not valid UTF-8", at: .start(of: "\(displayPrefix)/\(path)"))
            case nil:
                break
            }
            do {
                let template = try MustacheTemplate(string: source)
                library.register(template, named: Self.name(of: path))
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    "template error: \(Self.describe(error.error))",
                    at: SourceLocation(
                        file: display, line: max(1, error.context.lineNumber), column: max(1, error.context.columnNumber + 1)))
            } catch {
                diagnostics.error("template error: \(error)", at: .start(of: display))
            }
        }
        self.library = library
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
        library.getTemplate(named: name) != nil
    }

    /// Renders `object` with the named template; nil when no such template exists.
    package func render(_ object: Any, template name: String) -> String? {
        library.render(object, withTemplate: name)
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
