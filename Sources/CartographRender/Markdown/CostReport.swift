package import CartographModel

/// `cartograph cost`: the presentation's cost rows as a terminal table or a Markdown table,
/// or its cost slice of the JSON dump (``MapJSON/cost(_:)``).
package struct CostReport: Sendable {
    package enum Format: String, Sendable, CaseIterable { case table, markdown, json }

    package var presentation: MapPresentation
    package var style: StatusStyle

    package init(presentation: MapPresentation, style: StatusStyle = .emoji) {
        self.presentation = presentation
        self.style = style
    }

    package init(map: InfraMap, style: StatusStyle = .emoji) {
        self.init(presentation: MapPresentation(map: map, pages: []), style: style)
    }

    /// One row per app and external system, then the totals, with statuses in the style.
    package struct Row: Sendable, Hashable {
        package var name: String
        package var cost: String
        package var status: String
        var isTotal: Bool
    }

    package var rows: [Row] {
        presentation.costs.rows.map { row in
            Row(name: row.name, cost: row.text, status: row.health.map(style.label) ?? row.statusText ?? "", isTotal: row.isTotal)
        }
    }

    package func render(_ format: Format) -> String {
        switch format {
        case .table: renderTable()
        case .markdown: renderMarkdown()
        case .json: MapJSON.text(MapJSON.cost(presentation))
        }
    }

    func renderTable() -> String {
        let header = Row(name: "Application", cost: "Monthly cost", status: "Status", isTotal: false)
        let all = [header] + rows
        let nameWidth = all.map { DisplayWidth.of($0.name) }.max() ?? 0
        let costWidth = all.map { DisplayWidth.of($0.cost) }.max() ?? 0
        var out = ""
        for (index, row) in all.enumerated() {
            if index == 1 || (row.isTotal && !all[index - 1].isTotal) {
                out += String(repeating: "─", count: nameWidth + costWidth + 4 + 12) + "\n"
            }
            let line =
                DisplayWidth.padded(row.name, to: nameWidth) + "  " + DisplayWidth.padded(row.cost, to: costWidth)
                + (row.status.isEmpty ? "" : "  " + row.status)
            out += line.trimmingTrailingSpaces() + "\n"
        }
        for scenario in presentation.costs.scenarios where !scenario.changes.isEmpty {
            out += "\n\(scenario.name): \(scenario.changes.joined(separator: ", "))\n"
            if let tradeOff = scenario.tradeOff { out += "  Trade-off: \(tradeOff)\n" }
        }
        out += "\nPrices: DigitalOcean's published monthly prices as of \(presentation.costs.pricesAsOf)"
        out += presentation.apps.isEmpty ? "\n" : ", with the overrides in cartograph.yaml.\n"
        return out
    }

    func renderMarkdown() -> String {
        var out = "| Application | Monthly Cost | Status |\n|---|---|---|\n"
        for row in rows {
            let name = row.isTotal ? "**\(MarkdownEscape.cell(row.name))**" : MarkdownEscape.cell(row.name)
            let cost = row.isTotal ? "**\(MarkdownEscape.cell(row.cost))**" : MarkdownEscape.cell(row.cost)
            out += "| \(name) | \(cost) | \(row.status.isEmpty ? "-" : MarkdownEscape.cell(row.status)) |\n"
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
