package import CartographModel

/// Draws a ``DiagramLayout`` as SVG: the same boxes, text and arrows as the text diagram,
/// with each app box linking to its page and coloured by its status.
package struct SVGDiagram: Sendable {
    /// One character cell, in SVG user units.
    static let cellWidth = 9
    static let cellHeight = 20

    package var layout: DiagramLayout
    /// Status of each app by slug, for colouring its box.
    package var health: [String: Health]
    /// Prefix that makes `apps/<slug>/index.html` relative to the page holding the SVG.
    package var linkPrefix: String
    package var title: String

    package init(layout: DiagramLayout, health: [String: Health], linkPrefix: String, title: String) {
        self.layout = layout
        self.health = health
        self.linkPrefix = linkPrefix
        self.title = title
    }

    package func render() -> String {
        let w = layout.width * Self.cellWidth
        let h = layout.height * Self.cellHeight
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 \(w) \(h)" width="\(w)" height="\(h)" \
            role="img" aria-labelledby="diagram-title diagram-desc" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="15">
            <title id="diagram-title">\(HTMLEscape.text(title))</title>
            <desc id="diagram-desc">\(HTMLEscape.text(description))</desc>

            """
        for box in layout.boxes {
            out += renderBox(box)
        }
        for arrow in layout.arrows {
            out += "<g class=\"arrow\">"
            for line in arrow.lines { out += text(line, cssClass: "arrow-label") }
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    /// What the picture shows, for screen readers.
    var description: String {
        let apps = layout.boxes.filter { $0.kind == .app }.compactMap { box in box.title.first?.text }
        let systems = layout.boxes.filter { $0.kind == .external }.compactMap { box in box.title.first?.text }
        var parts = ["\(apps.count) app\(apps.count == 1 ? "" : "s"): \(apps.joined(separator: ", "))"]
        if !systems.isEmpty { parts.append("external systems: \(systems.joined(separator: ", "))") }
        for arrow in layout.arrows {
            if let app = arrow.app, let system = arrow.system { parts.append("\(app) uses \(system)") }
        }
        return parts.joined(separator: "; ") + "."
    }

    func renderBox(_ box: DiagramBox) -> String {
        let cw = Self.cellWidth
        let ch = Self.cellHeight
        let x = box.x * cw + cw / 2
        let y = box.y * ch + ch / 2
        let width = (box.width - 1) * cw
        let height = (box.height - 1) * ch
        var classes = ["box", "box-\(box.kind.rawValue)"]
        if let slug = box.link, let status = health[slug] { classes.append("status-\(status.rawValue)") }
        var out = ""
        let open = box.link.map { "<a href=\"\(HTMLEscape.text(linkPrefix + "apps/\($0)/index.html"))\">" }
        if let open { out += open }
        out += "<g class=\"\(classes.joined(separator: " "))\">"
        out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" rx=\"6\"/>"
        if let divider = box.dividerY {
            let dy = divider * ch + ch / 2
            out += "<line class=\"divider\" x1=\"\(x)\" y1=\"\(dy)\" x2=\"\(x + width)\" y2=\"\(dy)\"/>"
        }
        for line in box.title { out += text(line, cssClass: line.role.rawValue) }
        for line in box.lines { out += text(line, cssClass: line.role.rawValue) }
        out += "</g>"
        if open != nil { out += "</a>" }
        return out + "\n"
    }

    func text(_ line: DiagramText, cssClass: String) -> String {
        let cw = Self.cellWidth
        let ch = Self.cellHeight
        if line.role == .rule {
            let y = line.y * ch + ch / 2
            return "<line class=\"rule\" x1=\"\(line.x * cw)\" y1=\"\(y)\" x2=\"\((line.x + line.width) * cw)\" y2=\"\(y)\"/>"
        }
        let y = line.y * ch + ch * 3 / 4
        return "<text class=\"\(cssClass)\" x=\"\(line.x * cw)\" y=\"\(y)\" xml:space=\"preserve\">\(HTMLEscape.text(line.text))</text>"
    }
}
