package import CartographModel
import Foundation

/// The cost summary as a terminal table, a Markdown table or JSON.
package struct CostReport: Sendable {
    package enum Format: String, Sendable, CaseIterable { case table, markdown, json }

    package var map: InfraMap
    package var style: StatusStyle

    package init(map: InfraMap, style: StatusStyle = .emoji) {
        self.map = map
        self.style = style
    }

    /// One row per app and external system, then the totals.
    package struct Row: Sendable, Hashable {
        package var name: String
        package var cost: String
        package var status: String
        package var isTotal: Bool
    }

    package var rows: [Row] {
        var rows = map.apps.map { app in
            Row(name: app.name, cost: appCostText(app), status: style.label(app.health), isTotal: false)
        }
        rows += map.externals.compactMap { external in
            guard let cost = external.cost else { return nil }
            let name = [external.name, external.kind.map(Self.shortKind)].compactMap { $0 }.joined(separator: " ")
            return Row(name: name, cost: cost, status: external.status ?? "", isTotal: false)
        }
        rows.append(Row(name: "Total (if all deployed)", cost: map.costs.ifAllDeployed.perMonth, status: "", isTotal: true))
        rows.append(Row(name: "Current (verified running)", cost: map.costs.current.perMonth, status: "", isTotal: true))
        for scenario in map.costs.scenarios {
            rows.append(Row(name: "Total with \(scenario.scenario.name)", cost: scenario.ifAllDeployed.perMonth, status: "", isTotal: true))
        }
        return rows
    }

    /// "$27 (or $20 with Superset budget mode)", "$5 (estimated)".
    package func appCostText(_ app: App) -> String {
        var text = app.cost.amount
        if app.cost.isEstimate { text += " (estimated)" }
        for scenario in map.costs.scenarios {
            if let row = scenario.row(for: app.name), row.scenario != row.baseline {
                text += " (or \(row.scenario.amount) with \(scenario.scenario.name))"
            }
        }
        return text
    }

    /// "PostgreSQL Database" → "PostgreSQL".
    static func shortKind(_ kind: String) -> String {
        kind.replacingOccurrences(of: " Database", with: "")
    }

    package func render(_ format: Format) -> String {
        switch format {
        case .table: renderTable()
        case .markdown: renderMarkdown()
        case .json: renderJSON()
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
        for scenario in map.costs.scenarios where !scenario.changes.isEmpty {
            out += "\n\(scenario.scenario.name): \(scenario.changes.joined(separator: ", "))\n"
            if let tradeOff = scenario.scenario.tradeOff { out += "  Trade-off: \(tradeOff)\n" }
        }
        out += "\nPrices: DigitalOcean's published monthly prices as of \(PriceTable.asOf)"
        out += map.apps.isEmpty ? "\n" : ", with the overrides in cartograph.yaml.\n"
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

    func renderJSON() -> String {
        func cost(_ c: Cost) -> [String: Any] {
            // Amounts in integer cents, counts as integers: numbers a script compares as numbers.
            var out: [String: Any] = ["low_cents": c.low.cents, "high_cents": c.high.cents, "text": c.perMonth]
            if c.unknownParts > 0 { out["unknown_parts"] = c.unknownParts }
            if c.isEstimate { out["estimated"] = true }
            return out
        }
        let apps: [[String: Any]] = map.apps.map { app in
            [
                "name": app.name, "status": app.health.rawValue, "monthly": cost(app.cost),
                "components": app.components.map { c -> [String: Any] in
                    var out: [String: Any] = [
                        "name": c.name, "kind": c.kind.title,
                        "instances": ["min": c.instances.lowerBound, "max": c.instances.upperBound],
                        "monthly": cost(c.cost.cost), "basis": c.cost.explanation,
                    ]
                    if let slug = c.effectiveSlug { out["size"] = slug }
                    return out
                },
            ]
        }
        let scenarios: [[String: Any]] = map.costs.scenarios.map { s in
            [
                "name": s.scenario.name, "if_all_deployed": cost(s.ifAllDeployed), "changes": s.changes,
                "apps": s.apps.map { ["name": $0.name, "baseline": cost($0.baseline), "scenario": cost($0.scenario)] },
            ]
        }
        let root: [String: Any] = [
            "currency": "USD", "prices_as_of": PriceTable.asOf, "apps": apps,
            "totals": ["current": cost(map.costs.current), "if_all_deployed": cost(map.costs.ifAllDeployed)],
            "scenarios": scenarios,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        else { return "{}\n" }
        return text + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
