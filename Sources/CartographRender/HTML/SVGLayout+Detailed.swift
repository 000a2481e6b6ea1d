import CartographModel

extension SVGLayout {
    /// Every app as the text diagram's box, grouped in a frame per region, with an edge per
    /// dependency the text diagram lists: to a system across the gutter, to a sibling
    /// component inside the box.
    /// - Parameter appBox: the box of the map's one app, made already.
    static func detailed(_ map: InfraMap, columns count: Int = columns, appBox: DiagramTree.Node? = nil) -> SVGLayout {
        let cw = cell.width
        let ch = cell.height
        let builder = DiagramBuilder(map: map, ascii: false)
        let width = count * cw
        let columns = columns(width: width, systems: map.externals.count, externalColumns: 32)
        var layout = SVGLayout(width: width, height: 0)
        let systemIndex = Dictionary(map.externals.enumerated().map { ($0.element.name, $0.offset) }) { first, _ in first }
        let tips = layout.placeExternals(map.externals.map { ($0.name, builder.externalBox($0)) }, columns: columns)

        var y = 0
        let groups = regionGroups(map)
        for (region, apps) in groups {
            let top = y
            // Cells across the frame, less its border and margins, as the text diagram's rows.
            let available = columns.frames / cw - 2 - 2 * BoxLayout.margin
            var rowY = top + 3 * ch
            // Apps are named by their index in `apps`: an `App` is a large value to copy.
            var rowStart = 0
            for members in BoxLayout.rows(apps.map { appBox ?? builder.appBox($0) }, available: available) {
                let rowApps = rowStart..<(rowStart + members.count)
                rowStart += members.count
                let widths = BoxLayout.distribute(members, available: available, ascii: false)
                var column = 1 + BoxLayout.margin
                var placed: [(app: Int, box: DiagramBox, x: Int)] = []
                for ((member, memberWidth), app) in zip(zip(members, widths), rowApps) {
                    placed.append((app, BoxLayout.leaf(member, x: 0, y: 0, width: memberWidth, ascii: false), column * cw))
                    column += memberWidth + BoxLayout.gap
                }
                let rows = placed.map(\.box.height).max() ?? 0
                let bottom = rowY + rows * ch - ch / 2
                // Edges to systems leave each box's bottom border spread evenly along it; the
                // rightmost start takes the top lane, so no edge crosses another's descent.
                var starts: [(x: Int, app: Int, system: String)] = []
                for (app, box, x) in placed {
                    let systems = apps[app].dependencies.compactMap { d -> String? in
                        guard case .external(let name) = d.target, tips[name] != nil else { return nil }
                        return name
                    }
                    let left = x + cw / 2
                    let span = (box.width - 1) * cw
                    for (index, system) in systems.enumerated() {
                        starts.append((left + span * (index + 1) / (systems.count + 1), app, system))
                    }
                }
                starts.sort { $0.x > $1.x }
                for (rank, start) in starts.enumerated() {
                    guard let tip = tips[start.system], let index = systemIndex[start.system] else { continue }
                    layout.edges.append(
                        Edge(
                            from: apps[start.app].slug, target: .external(start.system),
                            path: route(from: start.x, bottom, lane: bottom + lane * (rank + 1), gutter: columns.lane(index), to: tip),
                            title: "\(apps[start.app].name) uses \(start.system)"))
                }
                for (index, box, x) in placed {
                    let app = apps[index]
                    var sized = box
                    sized.height = rows
                    layout.boxes.append(
                        Box(box: sized, x: x, y: rowY, health: app.health, label: "\(app.name): \(app.health.title), \(app.cost.perMonth)"))
                    layout.edges += siblingEdges(app, in: sized, x: x, y: rowY)
                }
                rowY = bottom + max(ch, lane * (starts.count + 1)) - ch / 2
            }
            if apps.isEmpty { rowY += ch }
            layout.frames.append(
                Frame(
                    title: frameTitle(map, region), subtitle: plural(apps.count, "app"), x: 0, y: top, width: columns.frames,
                    height: rowY - top + ch, external: false))
            y = rowY + 3 * ch / 2
        }
        if map.apps.isEmpty {
            layout.frames.append(
                Frame(title: map.platform, subtitle: "No apps found.", x: 0, y: 0, width: columns.frames, height: 3 * ch, external: false))
            y = 4 * ch
        }
        layout.height = max(layout.height, y)
        layout.description = detailedDescription(map, groups)
        return layout
    }

    /// An app's use of its own components ("web reads REDIS_HOST, which names redis"): from
    /// the user's line (the app's name when the whole app uses it) down a lane inside the
    /// box's right border to the component's line.
    static func siblingEdges(_ app: App, in box: DiagramBox, x: Int, y: Int) -> [Edge] {
        let cw = cell.width
        let ch = cell.height
        let lines = box.title + box.lines
        func line(_ anchor: String) -> DiagramText? { lines.first { $0.anchor == anchor } }
        let right = x + cw / 2 + (box.width - 1) * cw
        var edges: [Edge] = []
        for dependency in app.dependencies {
            guard case .component(let name) = dependency.target else { continue }
            let user = dependency.users.count == 1 ? line("component:\(dependency.users[0])") : nil
            guard let start = user ?? line("app"), let end = line("component:\(name)") ?? lines.last else { continue }
            let laneX = right - 6 - 6 * edges.count
            let startX = min(x + (start.x + start.width) * cw + 4, laneX - 8)
            let endX = min(x + (end.x + end.width) * cw + 6, laneX - 8)
            let startY = y + start.y * ch + ch / 2
            let endY = y + end.y * ch + ch / 2
            edges.append(
                Edge(
                    from: app.slug, target: dependency.target, path: "M\(startX) \(startY)H\(laneX)V\(endY)H\(endX)",
                    title:
                        "\(dependency.users.joined(separator: ", ")) of \(app.name) uses \(name) (\(dependency.keys.joined(separator: ", ")))"
                ))
        }
        return edges
    }

    static func detailedDescription(_ map: InfraMap, _ groups: [(region: Region?, apps: [App])]) -> String {
        var parts: [String] = []
        for (region, apps) in groups {
            parts.append("\(region?.title ?? "No region"): \(plural(apps.count, "app")) (\(apps.map(\.name).joined(separator: ", ")))")
        }
        if !map.externals.isEmpty { parts.append("external systems: \(map.externals.map(\.name).joined(separator: ", "))") }
        for app in map.apps {
            for dependency in app.dependencies { parts.append("\(app.name) uses \(dependency.targetName)") }
        }
        return parts.joined(separator: "; ") + "."
    }
}
