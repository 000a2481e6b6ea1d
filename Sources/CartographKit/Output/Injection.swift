package import CartographInput
package import CartographModel
package import CartographRender

/// Writes parts of the map into existing Markdown files between markers, as
/// terraform-docs does, leaving every byte outside the markers as it was:
///
///     <!-- cartograph:begin -->            the whole map
///     <!-- cartograph:begin costs -->      one section: diagram, inventory, costs,
///     <!-- cartograph:end -->              endpoints, commands, monitoring, questions
enum Injection {
    /// The names a marker may give, from the one declaration of the map's sections.
    package static var sections: [String] { MapSection.injectionNames }

    /// One marked block in a file: the byte range between the begin marker's line and the
    /// end marker's line.
    struct Block {
        var section: String?
        var beginLine: Int
        var contentStart: Int
        var contentEnd: Int
    }

    /// Replaces the content of every marked block with the rendering of its section.
    /// Works on bytes, so CRLF files and files without a final newline keep every byte
    /// outside the blocks.
    /// - Parameters:
    ///   - text: the file as it is.
    ///   - render: the Markdown for a section name (nil for the whole map).
    /// - Returns: the new text, or nil when the markers are malformed (reported to `diagnostics`).
    package static func inject(
        into text: String, path: String, diagnostics: DiagnosticBag, render: (String?) -> String
    ) -> String? {
        let bytes = Array(text.utf8)
        guard let blocks = findBlocks(in: bytes, path: path, diagnostics: diagnostics) else { return nil }
        let crlf = bytes.indices.contains { bytes[$0] == 0x0A && $0 > 0 && bytes[$0 - 1] == 0x0D }
        var out: [UInt8] = []
        var cursor = 0
        let bodies = blocks.map { render($0.section) }
        for (block, body) in zip(blocks, bodies) {
            if let problem = problem(in: body) {
                diagnostics.error(
                    "the map to inject here \(problem); injected, it would break the next build",
                    at: SourceLocation(file: path, line: block.beginLine, column: 1),
                    hint: "a page's raw HTML (kept by allow_raw_html) or an unclosed ``` fence in a page is the usual cause")
                return nil
            }
        }
        for (block, rendered) in zip(blocks, bodies) {
            out += bytes[cursor..<block.contentStart]
            // A begin marker on the file's last line without a newline needs one before the content.
            if block.contentStart > 0, bytes[block.contentStart - 1] != 0x0A { out += crlf ? [0x0D, 0x0A] : [0x0A] }
            var body = rendered
            if !body.hasSuffix("\n") { body += "\n" }
            if crlf { body = body.replacingAll("\n", with: "\r\n") }
            out += Array(body.utf8)
            cursor = block.contentEnd
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The marked blocks of a file, or nil after reporting what is wrong with the markers.
    static func findBlocks(in bytes: [UInt8], path: String, diagnostics: DiagnosticBag) -> [Block]? {
        var blocks: [Block] = []
        let spelling = Spelling()
        var open: (section: String?, line: Int, contentStart: Int)?
        var ok = true
        var lineNumber = 0
        var index = 0
        var fence = CodeFence()
        while index < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let next = min(lineEnd + 1, bytes.count)
            let raw = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
            let line = raw.trimmingSpaces()
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            // A marker shown in a code block (a README explaining injection, a page of
            // the map) is text, not a marker.
            let inCode = fence.isOpen
            fence.advance(past: raw)
            switch inCode || fence.isOpen ? nil : parseMarker(line) {
            case .begin(let section):
                if let section, !sections.contains(section) {
                    diagnostics.error(
                        "unknown section '\(section)' in cartograph marker; use one of: \(sections.joined(separator: ", ")), or none for the whole map",
                        at: location, hint: spelling.closest(to: section, in: sections).map { "did you mean '\($0)'?" })
                    ok = false
                }
                if let current = open {
                    diagnostics.error(
                        "a second <!-- cartograph:begin --> before the block opened at line \(current.line) is closed",
                        at: location, hint: "close each block with <!-- cartograph:end --> before opening the next")
                    ok = false
                } else {
                    open = (section, lineNumber, next)
                }
            case .end:
                if let current = open {
                    blocks.append(
                        Block(section: current.section, beginLine: current.line, contentStart: current.contentStart, contentEnd: index))
                    open = nil
                } else {
                    diagnostics.error("<!-- cartograph:end --> without a <!-- cartograph:begin --> before it", at: location)
                    ok = false
                }
            case nil:
                break
            }
            index = next
        }
        if let current = open {
            diagnostics.error(
                "<!-- cartograph:begin\(current.section.map { " \($0)" } ?? "") --> is never closed",
                at: SourceLocation(file: path, line: current.line, column: 1), hint: "add <!-- cartograph:end --> where the map should stop"
            )
            ok = false
        }
        if ok, blocks.isEmpty {
            diagnostics.error(
                "no cartograph markers: nothing says where the map goes", at: .start(of: path),
                hint:
                    "add a line <!-- cartograph:begin --> and a line <!-- cartograph:end --> where the map should go (or <!-- cartograph:begin costs --> for one section)"
            )
            ok = false
        }
        return ok ? blocks : nil
    }

    /// Why `body` could not be injected and found again by the next build: a line that
    /// reads as a marker outside code, or a code block left open; nil when it can.
    static func problem(in body: String) -> String? {
        var fence = CodeFence()
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let inCode = fence.isOpen
            fence.advance(past: line)
            if !inCode, !fence.isOpen, parseMarker(line.trimmingSpaces()) != nil {
                return "holds a line that reads as a cartograph marker (\(line.trimmingSpaces()))"
            }
        }
        return fence.isOpen ? "ends inside a code block that is never closed" : nil
    }

    enum Marker: Equatable { case begin(String?), end }

    static func parseMarker(_ line: Substring) -> Marker? {
        guard line.hasPrefix("<!--"), line.hasSuffix("-->") else { return nil }
        let inner = line.dropFirst(4).dropLast(3).trimmingSpaces()
        if inner == "cartograph:end" { return .end }
        guard inner.hasPrefix("cartograph:begin") else { return nil }
        let rest = inner.dropFirst("cartograph:begin".count)
        guard rest.isEmpty || rest.first == " " else { return nil }
        let name = rest.trimmingSpaces()
        return .begin(name.isEmpty ? nil : String(name))
    }
}
