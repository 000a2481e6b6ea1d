import CartographModel

/// The SVG diagram placed on the page, in SVG user units (pixels at 100 %): a frame per
/// region with the apps inside, the external systems in a column to the right, and the
/// edges between them routed in right angles through the gaps, so that no edge runs
/// across a box.
///
/// Text inside a box keeps the text diagram's grid of character cells (``cell``), so a box
/// reads like its text twin; only where boxes and edges stand is decided here.
struct SVGLayout: Sendable {
    /// One character cell in user units: a 15-unit monospace glyph is about 9 wide.
    static let cell = (width: 9, height: 20)
    /// Width of the picture in cells: the page's content column (72rem less its padding)
    /// at 100 %; CSS scales it down, never below ``minimumScale``.
    static let columns = 120
    /// The smallest scale CSS may draw the picture at: 15-unit text stays 12 px, and a
    /// narrower screen scrolls the figure instead.
    static let minimumScale = (numerator: 4, denominator: 5)
    /// Distance between parallel edges in a channel.
    static let lane = 8

    /// A region's frame, or the group of external systems.
    struct Frame: Sendable {
        var title: String
        var subtitle: String
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var external: Bool
    }

    /// A detailed box: the text diagram's box (in cells, at 0,0) drawn with its top-left
    /// cell at `x`, `y`.
    struct Box: Sendable {
        var box: DiagramBox
        var x: Int
        var y: Int
        var health: Health?
        /// What a screen reader says for the link ("superset-analytics: Healthy, $27/month").
        var label: String
    }

    /// A condensed app: name, status and cost in a small box.
    struct Tile: Sendable {
        var slug: String
        var name: String
        /// The name as drawn, cut to the tile's width.
        var shownName: String
        var status: String
        var health: Health
        var label: String
        var x: Int
        var y: Int
    }

    /// One dependency drawn: from an app (or, condensed, a region's frame) to a system or
    /// a sibling component.
    struct Edge: Sendable {
        /// The app's slug; for a bundle, the region's slug.
        var from: String
        var target: Dependency.Target
        /// The path's `d`: straight segments only.
        var path: String
        /// For a bundle: how many apps it stands for.
        var count: Int?
        /// Said on hover and to screen readers ("superset-analytics uses Supabase").
        var title: String
    }

    var width: Int
    var height: Int
    var frames: [Frame] = []
    var boxes: [Box] = []
    var tiles: [Tile] = []
    var edges: [Edge] = []
    /// What the picture shows, in words.
    var description: String = ""

    static let tileColumns = 22
    static let tileSize = (width: tileColumns * cell.width, height: 52)
    static let tileGap = (x: 12, y: 10)

    /// The apps of each region, the most used region first (as ``InfraMap/regions``); apps
    /// that name no region last.
    static func regionGroups(_ map: InfraMap) -> [(region: Region?, apps: [App])] {
        var groups: [(region: Region?, apps: [App])] = map.regions.map { region in (region, map.apps.filter { $0.region == region }) }
        let unplaced = map.apps.filter { $0.region == nil }
        if !unplaced.isEmpty { groups.append((nil, unplaced)) }
        return groups
    }

    static func frameTitle(_ map: InfraMap, _ region: Region?) -> String {
        "\(map.platform) · " + (region.map { "Region: \($0.title)" } ?? "no region set")
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// Where the column of external systems starts, and the gutter edges run in before it.
    struct Columns {
        /// Width of the region frames.
        var frames: Int
        /// Left edge of the external systems' group.
        var externals: Int
        var externalWidth: Int

        /// The vertical lane of the edges to the `index`th system.
        func lane(_ index: Int) -> Int { frames + 10 + SVGLayout.lane * index }
    }

    static func columns(width: Int, systems: Int, externalColumns: Int) -> Columns {
        guard systems > 0 else { return Columns(frames: width, externals: width, externalWidth: 0) }
        let externalWidth = externalColumns * cell.width
        let gutter = 20 + lane * systems
        let frames = (width - externalWidth - gutter) / cell.width * cell.width
        return Columns(frames: frames, externals: width - externalWidth, externalWidth: externalWidth)
    }

    /// Stacks one box per system in the external group from the top; returns each
    /// system's arrow tip (left border, middle of its title row) by name.
    mutating func placeExternals(_ nodes: [(name: String, node: DiagramTree.Node)], columns: Columns) -> [String: (x: Int, y: Int)] {
        guard !nodes.isEmpty else { return [:] }
        let cw = Self.cell.width
        let ch = Self.cell.height
        var tips: [String: (x: Int, y: Int)] = [:]
        var y = 2 * ch + ch / 2
        for (name, node) in nodes {
            let box = BoxLayout.leaf(node, x: 0, y: 0, width: columns.externalWidth / cw - 2, ascii: false)
            let x = columns.externals + cw
            boxes.append(Box(box: box, x: x, y: y, health: nil, label: name))
            if tips[name] == nil { tips[name] = (x + cw / 2, y + ch + ch / 2) }
            y += box.height * ch
        }
        frames.append(
            Frame(
                title: "External systems", subtitle: "", x: columns.externals, y: 0, width: columns.externalWidth, height: y + ch / 2,
                external: true))
        height = max(height, y + ch)
        return tips
    }

    /// An edge leaving down from (`x`, `y`) into lane `ly` of the channel below its row,
    /// along it to the system's lane in the gutter, then to the system's box.
    static func route(from x: Int, _ y: Int, lane ly: Int, gutter gx: Int, to tip: (x: Int, y: Int)) -> String {
        "M\(x) \(y)V\(ly)H\(gx)V\(tip.y)H\(tip.x)"
    }
}
