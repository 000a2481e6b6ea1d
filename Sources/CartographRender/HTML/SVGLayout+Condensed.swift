import CartographModel

extension SVGLayout {
    /// Above ``SiteScale/detailedAppLimit`` apps: a small tile per app (name, status, cost,
    /// a link to its page, where its detailed box is) in a grid per region. Edges are
    /// bundled: one arrow per region and system, saying how many of the region's apps use
    /// it — a thousand apps' own arrows would cover the grid and say nothing one can read.
    /// Edges to sibling components stay inside each app's detailed box.
    static func condensed(_ map: InfraMap, columns count: Int = columns) -> SVGLayout {
        let cw = cell.width
        let ch = cell.height
        let width = count * cw
        let columns = columns(width: width, systems: map.externals.count, externalColumns: 26)
        var layout = SVGLayout(width: width, height: 0)
        let groups = regionGroups(map)
        let systemIndex = Dictionary(map.externals.enumerated().map { ($0.element.name, $0.offset) }) { first, _ in first }
        func users(_ apps: [App], _ system: String) -> Int {
            apps.filter { app in app.dependencies.contains { $0.target == .external(system) } }.count
        }
        let tips = layout.placeExternals(
            map.externals.map { system in
                var title: [Paragraph.Part] = [.unit(system.name)]
                if let kind = system.kind, !kind.isEmpty { title.append(.unit("(\(kind))")) }
                let total = users(map.apps, system.name)
                var lines = [Paragraph([.unit("Used by"), .unit(plural(total, "app"))], ascii: false)]
                for group in groups where groups.count > 1 {
                    let count = users(group.apps, system.name)
                    if count > 0 {
                        lines.append(
                            Paragraph([.unit("•"), .unit(group.region?.dataCenter ?? "no region"), .unit("\(count)")], ascii: false))
                    }
                }
                let node = DiagramTree.Node(
                    kind: .external, title: [Paragraph(title, ascii: false, role: .title, indent: 0)], ruled: true, sections: [lines],
                    children: [], link: nil)
                return (system.name, node)
            }, columns: columns)

        let perRow = max(1, (columns.frames - 2 * cw - 2 * cw + tileGap.x) / (tileSize.width + tileGap.x))
        var y = 0
        for (region, apps) in groups {
            let top = y
            let used = map.externals.filter { users(apps, $0.name) > 0 }
            // Bundles leave the frame's right border one lane apart, level with its heading.
            for (rank, system) in used.enumerated() {
                guard let tip = tips[system.name], let index = systemIndex[system.name] else { continue }
                let count = users(apps, system.name)
                let startY = top + ch + lane * rank
                layout.edges.append(
                    Edge(
                        from: region?.rawValue ?? "none", target: .external(system.name),
                        path: "M\(columns.frames - cw / 2) \(startY)H\(columns.lane(index))V\(tip.y)H\(tip.x)", count: count,
                        title: "\(plural(count, "app")) in \(region?.title ?? "no region") use\(count == 1 ? "s" : "") \(system.name)"))
            }
            let gridTop = top + 3 * ch
            for (index, app) in apps.enumerated() {
                let x = 2 * cw + (index % perRow) * (tileSize.width + tileGap.x)
                let tileY = gridTop + (index / perRow) * (tileSize.height + tileGap.y)
                let name = TextSanitizer.clean(app.name, ascii: false)
                let cost = app.cost.isFullyUnknown ? "cost unknown" : app.cost.amount + "/mo"
                layout.tiles.append(
                    Tile(
                        slug: app.slug, name: name, shownName: cut(name, to: tileColumns - 2),
                        status: cut("\(app.health.rawValue) · \(cost)", to: tileColumns - 2),
                        health: app.health, label: "\(app.name): \(app.health.title), \(app.cost.perMonth)", x: x, y: tileY))
            }
            let rows = (apps.count + perRow - 1) / perRow
            let bottom = gridTop + rows * (tileSize.height + tileGap.y) + ch / 2
            layout.frames.append(
                Frame(
                    title: frameTitle(map, region), subtitle: plural(apps.count, "app"), x: 0, y: top, width: columns.frames,
                    height: bottom - top, external: false))
            y = bottom + ch
        }
        layout.height = max(layout.height, y)
        var parts = groups.map { "\($0.region?.title ?? "No region"): \(plural($0.apps.count, "app"))" }
        if !map.externals.isEmpty {
            parts.append(
                "external systems: "
                    + map.externals.map { "\($0.name) (used by \(plural(users(map.apps, $0.name), "app")))" }.joined(separator: ", "))
            parts.append("one arrow per region and system it uses; each app's page draws its own dependencies")
        }
        layout.description = "\(plural(map.apps.count, "app")) in \(plural(groups.count, "region")): " + parts.joined(separator: "; ") + "."
        return layout
    }

    /// The text cut to `columns` display columns, an ellipsis marking the cut.
    static func cut(_ text: String, to columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        var out = ""
        var used = 0
        for character in text {
            let width = DisplayWidth.of(character)
            if used + width > columns - 1 { break }
            out.append(character)
            used += width
        }
        return out + "…"
    }
}
