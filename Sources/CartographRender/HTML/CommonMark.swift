internal import CCmarkGFM
package import CartographModel
import Foundation

/// Markdown to HTML through libcmark-gfm, GitHub's flavour: tables, strikethrough,
/// autolinks and task lists. The only file that imports `CCmarkGFM`: every C handle is
/// owned here and freed before the call returns.
package enum CommonMark {
    /// Renders `markdown` as HTML. Raw HTML and dangerous URLs (`javascript:`) are
    /// dropped unless `allowRawHTML` is set (cmark's safe mode is its default).
    /// With `topHeadingLevel`, headings move as one so the body's highest becomes that level
    /// (capped at h6): a page's `#` sits under the title the site gives it, and its heading
    /// order stays unbroken. A fence's language is a `language-…` class on its `<code>`:
    /// `<pre lang="bash">` is not a language tag (`lang` names human languages).
    package static func html(_ markdown: String, allowRawHTML: Bool = false, topHeadingLevel: Int? = nil) -> String {
        var options = CMARK_OPT_DEFAULT
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        return parse(markdown, options: options) { parser, document in
            if let topHeadingLevel { shiftHeadings(in: document, top: topHeadingLevel) }
            guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        } ?? ""
    }

    /// What cmark's safe mode drops from a page, as cmark-gfm finds it, with where it starts
    /// (1-based line; 1-based column counting UTF-8 bytes, as cmark does).
    struct UnsafeNode: Sendable, Hashable {
        package enum Kind: Sendable { case htmlBlock, htmlInline, link }
        package var kind: Kind
        package var line: Int
        package var column: Int
        /// The raw HTML as cmark read it (container prefixes such as `> ` removed); the
        /// destination for a link or image.
        package var literal: String
    }

    /// Every raw HTML block and inline of `markdown`, and every link or image whose
    /// destination is dangerous (`javascript:` and the like), parsed as
    /// ``html(_:allowRawHTML:)`` parses it: what the site's safe mode drops.
    static func unsafeNodes(in markdown: String) -> [UnsafeNode] {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS
        return parse(markdown, options: options) { _, document in
            guard let iterator = cmark_iter_new(document) else { return [] }
            defer { cmark_iter_free(iterator) }
            var found: [UnsafeNode] = []
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let kind: UnsafeNode.Kind
                let literal: String
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    kind = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK ? .htmlBlock : .htmlInline
                    literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    literal = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    guard isDangerous(url: literal) else { continue }
                    kind = .link
                default:
                    continue
                }
                found.append(
                    UnsafeNode(
                        kind: kind, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)),
                        literal: literal))
            }
            return found
        } ?? []
    }

    private static func shiftHeadings(in document: OpaquePointer, top: Int) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var headings: [OpaquePointer] = []
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_HEADING
            else { continue }
            headings.append(node)
        }
        guard let highest = headings.map({ Int(cmark_node_get_heading_level($0)) }).min() else { return }
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node)) - highest + top
            cmark_node_set_heading_level(node, Int32(min(6, max(1, level))))
        }
    }

    /// cmark's `_scan_dangerous_url`: the schemes safe mode refuses in a link.
    static func isDangerous(url: String) -> Bool {
        let lower = url.lowercased()
        if lower.hasPrefix("data:") {
            return !["png", "gif", "jpeg", "webp"].contains { lower.hasPrefix("data:image/\($0)") }
        }
        return ["javascript:", "vbscript:", "file:"].contains { lower.hasPrefix($0) }
    }

    /// Parsing is one document at a time, process-wide. cmark-gfm keeps the table of
    /// characters that start an inline in a global, and adds the extensions' characters
    /// (autolink's `:`, `w`, `@` …) to it before it parses a document's inlines (and a table
    /// row's) and removes them after: a parse that ends while another runs takes them away
    /// from the other, which then loses its autolinks and strikethroughs. Registering the
    /// extensions (a plain flag) is not thread-safe either. Rendering the parsed document
    /// touches no global, so it runs outside the lock.
    private static let parsing = NSLock()

    /// Parses with GitHub's extensions and hands the parser and document to `body`; both
    /// are freed when it returns.
    private static func parse<T>(
        _ markdown: String, options: Int32, _ body: (OpaquePointer, OpaquePointer) -> T
    ) -> T? {
        parsing.lock()
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(options) else {
            parsing.unlock()
            return nil
        }
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
        let finished = cmark_parser_finish(parser)
        parsing.unlock()
        guard let document = finished else { return nil }
        defer { cmark_node_free(document) }
        return body(parser, document)
    }
}
