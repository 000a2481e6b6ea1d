package import CartographModel
import Mustache

/// Mustache's `{{value}}` escapes for HTML by default: right for the site, wrong for
/// Markdown. Templates that declare `{{% CONTENT_TYPE: MARKDOWN }}` escape for Markdown
/// instead, so a value can never add emphasis, links, table cells or headings.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownEscape.inline(text) }

    /// Registers the type once; swift-mustache's registry is process-wide.
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return true
    }()
}
