internal import CCmarkGFM
import Foundation

/// Markdown to HTML through libcmark-gfm, GitHub's flavour: tables, strikethrough,
/// autolinks and task lists. The only file that imports `CCmarkGFM`: every C handle is
/// owned here and freed before the call returns.
public enum CommonMark {
    /// Renders `markdown` as HTML. Raw HTML and dangerous URLs (`javascript:`) are
    /// dropped unless `allowRawHTML` is set (cmark's safe mode is its default).
    public static func html(_ markdown: String, allowRawHTML: Bool = false) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        var options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionHandle = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionHandle)
            }
        }
        let length = markdown.utf8.count
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, length)
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
