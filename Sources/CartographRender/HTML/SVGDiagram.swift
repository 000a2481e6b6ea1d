package import CartographModel

/// Draws the architecture as SVG: a frame per region with its apps, the external systems
/// beside them, and an arrow for every dependency (see ``SVGLayout``). Up to
/// ``SiteScale/detailedAppLimit`` apps each app is the text diagram's box; above it, a tile.
///
/// The picture is a labelled group, not an image: its app boxes are links, each named for
/// screen readers. Every value is escaped.
package struct SVGDiagram: Sendable {
    package enum Form: String, Sendable, Hashable {
        /// Every app's full box, every dependency its own arrow.
        case detailed
        /// A tile per app; one arrow per region and system.
        case condensed
    }

    package var map: InfraMap
    /// Prefix that makes `apps/<slug>/index.html` relative to the page holding the SVG.
    var linkPrefix: String
    package var title: String
    package var form: Form
    /// False on an app's own page, where a link to itself would lead nowhere.
    var linksApps: Bool
    /// Starts every id in the SVG, so two diagrams can share a page.
    package var id: String
    /// Carries its own styles, for a file read outside the site (`cartograph diagram --format svg`).
    package var standalone: Bool
    /// The box of a map of one app, made already (see ``AppBoxes``).
    var appBox: DiagramTree.Node?

    package init(
        map: InfraMap, linkPrefix: String = "", title: String, form: Form? = nil, linksApps: Bool = true, id: String = "diagram",
        standalone: Bool = false
    ) {
        self.map = map
        self.linkPrefix = linkPrefix
        self.title = title
        self.form = form ?? Self.form(forApps: map.apps.count)
        self.linksApps = linksApps
        self.id = id
        self.standalone = standalone
    }

    /// Detailed up to ``SiteScale/detailedAppLimit`` apps, condensed above.
    package static func form(forApps count: Int) -> Form {
        count > SiteScale.detailedAppLimit ? .condensed : .detailed
    }

    var layout: SVGLayout {
        form == .detailed ? .detailed(map, appBox: map.apps.count == 1 ? appBox : nil) : .condensed(map)
    }

    package func render() -> String {
        var out = ByteWriter()
        render(into: &out)
        return out.text
    }

    func render(into out: inout ByteWriter) {
        let layout = layout
        let w = layout.width
        let h = layout.height
        let minimum = w * SVGLayout.minimumScale.numerator / SVGLayout.minimumScale.denominator
        let ids = HTMLEscape.text(id)
        out += """
            <svg xmlns="http://www.w3.org/2000/svg" class="diagram diagram-\(form.rawValue)" viewBox="0 0 \(w) \(h)" width="\(w)" height="\(h)" \
            style="min-width: \(minimum)px" role="group" aria-labelledby="\(ids)-title" aria-describedby="\(ids)-desc" \
            font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="15">
            <title id="\(ids)-title">
            """
        HTMLEscape.text(title, into: &out)
        out += "</title>\n<desc id=\"\(ids)-desc\">"
        HTMLEscape.text(layout.description, into: &out)
        out += """
            </desc>
            <defs><marker id="\(ids)-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto"><path class="arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>

            """
        if standalone { out += Self.standaloneStyle }
        for frame in layout.frames { renderFrame(frame, into: &out) }
        for box in layout.boxes { renderBox(box, into: &out) }
        for tile in layout.tiles { renderTile(tile, into: &out) }
        if !layout.edges.isEmpty {
            out += "<g class=\"edges\" fill=\"none\">\n"
            let marker = "\(ids)-arrow"
            for edge in layout.edges { renderEdge(edge, marker: marker, into: &out) }
            out += "</g>\n"
        }
        out += "</svg>"
    }

    func renderFrame(_ frame: SVGLayout.Frame, into out: inout ByteWriter) {
        let cw = SVGLayout.cell.width
        let ch = SVGLayout.cell.height
        let columns = max(4, frame.width / cw - 4)
        out += frame.external ? "<g class=\"frame frame-external\">" : "<g class=\"frame frame-region\">"
        out += "<rect x=\""
        out.append(frame.x + cw / 2)
        out += "\" y=\""
        out.append(frame.y + ch / 2)
        out += "\" width=\""
        out.append(frame.width - cw)
        out += "\" height=\""
        out.append(frame.height - ch / 2)
        out += "\" rx=\"8\"/><text class=\"title\" x=\""
        out.append(frame.x + 2 * cw)
        out += "\" y=\""
        out.append(frame.y + ch + ch * 3 / 4)
        out += "\">"
        HTMLEscape.text(SVGLayout.cut(frame.title, to: columns), into: &out)
        out += "</text>"
        if !frame.subtitle.isEmpty {
            out += "<text class=\"subtitle\" x=\""
            out.append(frame.x + 2 * cw)
            out += "\" y=\""
            out.append(frame.y + 2 * ch + ch * 3 / 4)
            out += "\">"
            HTMLEscape.text(frame.subtitle, into: &out)
            out += "</text>"
        }
        out += "</g>\n"
    }

    /// Appends a box: a detailed diagram of a thousand apps has tens of thousands of lines,
    /// each drawn straight into the picture rather than as a string of its own.
    func renderBox(_ placed: SVGLayout.Box, into out: inout ByteWriter) {
        let box = placed.box
        let cw = SVGLayout.cell.width
        let ch = SVGLayout.cell.height
        out += "<g transform=\"translate("
        out.append(placed.x)
        out += " "
        out.append(placed.y)
        out += ")\">"
        let link = box.link.flatMap { slug in linksApps ? slug : nil }
        if let slug = link {
            out += "<a href=\""
            HTMLEscape.text(linkPrefix + "apps/\(slug)/index.html", into: &out)
            out += "\" aria-label=\""
            HTMLEscape.text(placed.label, into: &out)
            out += "\">"
        }
        out += "<g class=\"box box-"
        out += box.kind.rawValue
        if let health = placed.health {
            out += " status-"
            out += health.rawValue
        }
        out += "\"><rect x=\""
        out.append(cw / 2)
        out += "\" y=\""
        out.append(ch / 2)
        out += "\" width=\""
        out.append((box.width - 1) * cw)
        out += "\" height=\""
        out.append((box.height - 1) * ch)
        out += "\" rx=\"6\"/>"
        for line in box.title { text(line, cssClass: line.role.rawValue, into: &out) }
        for line in box.lines { text(line, cssClass: line.role.rawValue, into: &out) }
        out += "</g>"
        if link != nil { out += "</a>" }
        out += "</g>\n"
    }

    func renderTile(_ tile: SVGLayout.Tile, into out: inout ByteWriter) {
        let cw = SVGLayout.cell.width
        let size = SVGLayout.tileSize
        let element = linksApps ? "a" : "g"
        out += "<"
        out += element
        out += " class=\"tile status-"
        out += tile.health.rawValue
        out += "\""
        if linksApps {
            out += " href=\""
            HTMLEscape.text(linkPrefix + "apps/\(tile.slug)/index.html", into: &out)
            out += "\""
        }
        // The tile's own text names the link, unless the name had to be cut.
        if tile.shownName != tile.name {
            out += " aria-label=\""
            HTMLEscape.text(tile.label, into: &out)
            out += "\""
        }
        out += "><rect x=\""
        out.append(tile.x)
        out += "\" y=\""
        out.append(tile.y)
        out += "\" width=\""
        out.append(size.width)
        out += "\" height=\""
        out.append(size.height)
        out += "\" rx=\"6\"/><text class=\"title\" x=\""
        out.append(tile.x + cw)
        out += "\" y=\""
        out.append(tile.y + 21)
        out += "\">"
        HTMLEscape.text(tile.shownName, into: &out)
        out += "</text><text x=\""
        out.append(tile.x + cw)
        out += "\" y=\""
        out.append(tile.y + 42)
        out += "\">"
        HTMLEscape.text(tile.status, into: &out)
        out += "</text></"
        out += element
        out += ">\n"
    }

    func renderEdge(_ edge: SVGLayout.Edge, marker: String, into out: inout ByteWriter) {
        let kind: String
        let target: String
        switch edge.target {
        case .external(let name):
            kind = "external"
            target = name
        case .component(let name):
            kind = "component"
            target = name
        }
        out += "<path class=\"edge edge-"
        out += kind
        if edge.count != nil { out += " edge-bundle" }
        out += "\" data-from=\""
        HTMLEscape.text(edge.from, into: &out)
        out += "\" data-to=\""
        HTMLEscape.text(target, into: &out)
        out += "\""
        if let count = edge.count {
            out += " data-count=\""
            out.append(count)
            out += "\""
        }
        out += " d=\""
        out += edge.path
        out += "\" marker-end=\"url(#"
        out += marker
        out += ")\"><title>"
        HTMLEscape.text(edge.title, into: &out)
        out += "</title></path>\n"
    }

    func text(_ line: DiagramText, cssClass: String, into out: inout ByteWriter) {
        let cw = SVGLayout.cell.width
        let ch = SVGLayout.cell.height
        if line.role == .rule {
            let y = line.y * ch + ch / 2
            out += "<line class=\"rule\" x1=\""
            out.append(line.x * cw)
            out += "\" y1=\""
            out.append(y)
            out += "\" x2=\""
            out.append((line.x + line.width) * cw)
            out += "\" y2=\""
            out.append(y)
            out += "\"/>"
            return
        }
        out += "<text class=\""
        out += cssClass
        out += "\" x=\""
        out.append(line.x * cw)
        out += "\" y=\""
        out.append(line.y * ch + ch * 3 / 4)
        out += "\" xml:space=\"preserve\">"
        HTMLEscape.text(line.text, into: &out)
        out += "</text>"
    }

    /// The site's diagram colours (light theme), for an SVG opened on its own.
    static let standaloneStyle = """
        <style>text{fill:#1b1f24}text.title{font-weight:700}text.subtitle,text.label{fill:#4d5562}\
        rect{fill:#fff;stroke:#d5dae1;stroke-width:1.5}.frame-region>rect{fill:#f7f8fa;stroke:#0b5cad;stroke-width:2}\
        .frame-external>rect{fill:#f7f8fa;stroke:#4d5562;stroke-dasharray:6 4}line{stroke:#d5dae1;stroke-width:1.5}\
        .edge{stroke:#0b5cad;stroke-width:1.5}.edge-bundle{stroke-width:3}.arrowhead{fill:#0b5cad}\
        .status-healthy>rect{fill:#e5f4ea;stroke:#1f7a3a}.status-degraded>rect,.status-configured>rect,.status-unverified>rect{fill:#fdf1d8;stroke:#8a5a00}\
        .status-down>rect{fill:#fbe4e2;stroke:#b3261e}.status-pending>rect,.status-unknown>rect{fill:#ede8f8;stroke:#5b3fa8}</style>

        """
}

extension SVGDiagram {
    /// An app's own detailed box and the systems it uses, for its page: where a condensed
    /// index diagram sends the reader, and the app's edges at any scale.
    /// - Parameters:
    ///   - index: the app's place in `map`, where `boxes` keeps its box.
    ///   - boxes: the apps' boxes, shared with the text diagram.
    static func appDiagram(_ app: App, at index: Int, in map: InfraMap, boxes: AppBoxes? = nil) -> String {
        String(decoding: appDiagramBytes(app, at: index, in: map, boxes: boxes), as: UTF8.self)
    }

    /// ``appDiagram(_:at:in:boxes:)`` as the bytes an app's page holds: its writer's bytes,
    /// not checked into a String and copied out again for each of a thousand pages.
    static func appDiagramBytes(_ app: App, at index: Int, in map: InfraMap, boxes: AppBoxes? = nil) -> [UInt8] {
        let used = Set(app.dependencies.map(\.targetName))
        let externals = map.externals.filter { used.contains($0.name) }
        return RenderPass.memo(AppDiagramKey(app: app, platform: map.platform, externals: externals)) {
            // A map of the app alone, with nothing else of the map's: the drawing is a
            // function of the key, which `serve` keeps it by.
            let none = Cost(low: .zero, high: .zero)
            let own = InfraMap(
                title: "", platform: map.platform, apps: [app], externals: externals,
                costs: CostSummary(current: none, ifAllDeployed: none, scenarios: []), questions: [], verifyCommands: [], alerting: [])
            var diagram = SVGDiagram(
                map: own, linkPrefix: "../../", title: "Architecture of \(app.name)", form: .detailed, linksApps: false)
            diagram.appBox = boxes?.box(index) { DiagramBuilder.sharedBox(app, in: own) }
            var out = ByteWriter()
            diagram.render(into: &out)
            return out.bytes
        }
    }

    /// What an app's diagram shows: the app, the platform and the systems it uses. Hashed by
    /// the app's slug; equality compares the whole app.
    private struct AppDiagramKey: Hashable, Sendable {
        var app: App
        var platform: String
        var externals: [ExternalSystem]

        func hash(into hasher: inout Hasher) { hasher.combine(app.slug) }
    }
}
