package import CartographModel
import Foundation

/// A ``MapDiff`` as text for a terminal, a pull-request comment in Markdown, or JSON.
package struct DiffReport: Sendable {
    package enum Format: String, Sendable, CaseIterable { case text, markdown, json }

    /// The first line of the Markdown body: a workflow finds its own earlier comment by it
    /// and updates that one instead of adding another on every push.
    package static let marker = "<!-- cartograph-diff -->"

    package var diff: MapDiff
    /// What was compared, as the user named it: "HEAD", "working tree", a folder.
    package var base: String
    package var head: String

    package init(diff: MapDiff, base: String, head: String) {
        self.diff = diff
        self.base = base
        self.head = head
    }

    package func render(_ format: Format) -> String {
        switch format {
        case .text: renderText()
        case .markdown: renderMarkdown()
        case .json: renderJSON()
        }
    }

    /// "+$12", "-$5", "$0"; a range moves by "+$5 to +$20".
    static func delta(_ change: MapDiff.CostChange) -> String {
        func signed(_ money: Money) -> String { money.cents > 0 ? "+\(money)" : "\(money)" }
        let low = change.lowDelta
        let high = change.highDelta
        return low == high ? signed(high) : "\(signed(low)) to \(signed(high))"
    }

    /// "+33.3%", or nil when there was nothing before or nothing moved.
    package static func percent(_ change: MapDiff.CostChange) -> String? {
        guard let percent = change.percentIncrease, change.highDelta != .zero else { return nil }
        return (percent > 0 ? "+" : "") + String(format: "%.1f", percent) + "%"
    }

    /// One row of the cost table: a changed app, then the totals.
    struct Row {
        var name: String
        var before: String
        var after: String
        var change: String
        var isTotal: Bool
    }

    var rows: [Row] {
        var rows = changedApps.map { app in
            Row(
                name: app.name + (app.kind == .added ? " (added)" : app.kind == .removed ? " (removed)" : ""),
                before: app.kind == .added ? "-" : app.cost.before.amount, after: app.kind == .removed ? "-" : app.cost.after.amount,
                change: Self.delta(app.cost), isTotal: false)
        }
        func total(_ name: String, _ change: MapDiff.CostChange) -> Row {
            let percent = Self.percent(change).map { " (\($0))" } ?? ""
            return Row(
                name: name, before: change.before.amount, after: change.after.amount, change: Self.delta(change) + percent, isTotal: true)
        }
        rows.append(total("Total (if all deployed)", diff.total))
        rows.append(total("Current (verified running)", diff.current))
        rows += diff.scenarios.map { total("Total with \($0.name)", $0.cost) }
        return rows
    }

    var changedApps: [MapDiff.AppChange] { diff.apps.filter { $0.kind != .unchanged } }

    /// One line per change, without the app's name: "web resized basic-xxs → basic-xs".
    static func changes(of app: MapDiff.AppChange, code: (String) -> String) -> [String] {
        switch app.kind {
        case .unchanged: return []
        case .added:
            return ["app added" + (app.components.added.isEmpty ? "" : " with \(app.components.added.map(code).joined(separator: ", "))")]
        case .removed: return ["app removed"]
        case .changed: break
        }
        var lines: [String] = []
        lines += app.components.added.map { "component \(code($0)) added" }
        lines += app.components.removed.map { "component \(code($0)) removed" }
        lines += app.resized.map { "\(code($0.component)) resized \($0.from) → \($0.to)" }
        lines += app.scaled.map { "\(code($0.component)) scaled \(instances($0.from)) → \(instances($0.to))" }
        lines += app.routes.added.map { "route \(code($0)) added" }
        lines += app.routes.removed.map { "route \(code($0)) removed" }
        lines += app.domains.added.map { "domain \(code($0)) added" }
        lines += app.domains.removed.map { "domain \(code($0)) removed" }
        lines += app.dependencies.added.map { "dependency on \(code($0)) added" }
        lines += app.dependencies.removed.map { "dependency on \(code($0)) removed" }
        if lines.isEmpty, app.cost.isChanged { lines.append("price changed") }
        return lines
    }

    /// "1 instance", "1–3 instances".
    static func instances(_ range: ClosedRange<Int>) -> String {
        let text = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
        return text + (range == 1...1 ? " instance" : " instances")
    }

    var unchangedCount: Int { diff.apps.count - changedApps.count }

    func renderText() -> String {
        var out = "cartograph diff \(base) → \(head)\n"
        guard diff.hasChanges else { return out + "\nNo change to the apps or their monthly cost.\n" }
        let header = Row(name: "Monthly cost", before: "Before", after: "After", change: "Change", isTotal: false)
        let all = [header] + rows
        let widths = (
            all.map { DisplayWidth.of($0.name) }.max() ?? 0, all.map { DisplayWidth.of($0.before) }.max() ?? 0,
            all.map { DisplayWidth.of($0.after) }.max() ?? 0
        )
        out += "\n"
        for (index, row) in all.enumerated() {
            if index == 1 || (row.isTotal && !all[index - 1].isTotal) {
                out += String(repeating: "─", count: widths.0 + widths.1 + widths.2 + 6 + 12) + "\n"
            }
            let line =
                DisplayWidth.padded(row.name, to: widths.0) + "  " + DisplayWidth.padded(row.before, to: widths.1) + "  "
                + DisplayWidth.padded(row.after, to: widths.2) + "  " + row.change
            out += line.trimmingTrailingSpaces() + "\n"
        }
        let changed = changedApps.filter { !Self.changes(of: $0, code: { $0 }).isEmpty }
        if !changed.isEmpty {
            out += "\nChanges:\n"
            for app in changed {
                for line in Self.changes(of: app, code: { $0 }) { out += "  \(app.name): \(line)\n" }
            }
        }
        if unchangedCount > 0 { out += "\n\(unchangedCount) app\(unchangedCount == 1 ? "" : "s") unchanged.\n" }
        return out
    }

    func renderMarkdown() -> String {
        var out = "\(Self.marker)\n"
        guard diff.hasChanges else {
            return out + "### Infrastructure map: no change\n\nNo change to the apps or their monthly cost (\(base) → \(head)).\n"
        }
        let headline = Self.delta(diff.total) + (Self.percent(diff.total).map { " (\($0))" } ?? "")
        out += "### Infrastructure map: \(MarkdownEscape.cell(headline)) per month\n\n"
        out += "| App | Before | After | Change |\n|---|---:|---:|---:|\n"
        for row in rows {
            let cells = [row.name, row.before, row.after, row.change].map(MarkdownEscape.cell)
            out += "| " + (row.isTotal ? cells.map { "**\($0)**" } : cells).joined(separator: " | ") + " |\n"
        }
        let code = { (text: String) in "`\(text.replacingOccurrences(of: "`", with: "'"))`" }
        let changed = changedApps.filter { !Self.changes(of: $0, code: code).isEmpty }
        if !changed.isEmpty {
            out += "\n**Changes**\n\n"
            for app in changed {
                for line in Self.changes(of: app, code: code) { out += "- \(code(app.name)): \(line)\n" }
            }
        }
        out += "\n<sub>\(MarkdownEscape.cell(base)) → \(MarkdownEscape.cell(head))"
        if unchangedCount > 0 { out += "; \(unchangedCount) app\(unchangedCount == 1 ? "" : "s") unchanged" }
        out += ". Prices: DigitalOcean's published monthly prices as of \(PriceTable.asOf), with the config's overrides.</sub>\n"
        return out
    }

    /// Amounts in integer cents, so a script compares numbers, never parses "$1,200".
    struct JSONAmount: Encodable {
        var lowCents: Int
        var highCents: Int
        var unknownParts: Int?
        var estimated: Bool?

        init(_ cost: Cost) {
            lowCents = cost.low.cents
            highCents = cost.high.cents
            unknownParts = cost.unknownParts > 0 ? cost.unknownParts : nil
            estimated = cost.isEstimate ? true : nil
        }

        enum CodingKeys: String, CodingKey {
            case lowCents = "low_cents", highCents = "high_cents", unknownParts = "unknown_parts", estimated
        }
    }

    struct JSONCostChange: Encodable {
        var before: JSONAmount
        var after: JSONAmount
        var delta: [String: Int]
        var increasePercent: Double?

        init(_ change: MapDiff.CostChange, percent: Bool = false) {
            before = JSONAmount(change.before)
            after = JSONAmount(change.after)
            delta = ["low_cents": change.lowDelta.cents, "high_cents": change.highDelta.cents]
            increasePercent = percent ? change.percentIncrease.map { ($0 * 10).rounded() / 10 } : nil
        }

        enum CodingKeys: String, CodingKey { case before, after, delta, increasePercent = "increase_percent" }
    }

    struct JSONSetChange: Encodable {
        var added: [String]
        var removed: [String]
        init(_ change: MapDiff.SetChange) {
            added = change.added
            removed = change.removed
        }
    }

    struct JSONInstances: Encodable {
        var min: Int
        var max: Int
        init(_ range: ClosedRange<Int>) {
            min = range.lowerBound
            max = range.upperBound
        }
    }

    struct JSONComponents: Encodable {
        struct Resized: Encodable {
            var name: String
            var from: String
            var to: String
        }
        struct Scaled: Encodable {
            var name: String
            var from: JSONInstances
            var to: JSONInstances
        }
        var added: [String]
        var removed: [String]
        var resized: [Resized]
        var scaled: [Scaled]
    }

    struct JSONApp: Encodable {
        var name: String
        var change: String
        var cost: JSONCostChange
        var components: JSONComponents
        var routes: JSONSetChange
        var domains: JSONSetChange
        var dependencies: JSONSetChange
    }

    struct JSONScenario: Encodable {
        var name: String
        var cost: JSONCostChange
    }

    struct JSONRoot: Encodable {
        var base: String
        var head: String
        var currency = "USD"
        var changed: Bool
        var apps: [JSONApp]
        var totals: [String: JSONCostChange]
        var scenarios: [JSONScenario]
    }

    func renderJSON() -> String {
        let apps = diff.apps.map { app in
            JSONApp(
                name: app.name, change: app.kind.rawValue, cost: JSONCostChange(app.cost),
                components: JSONComponents(
                    added: app.components.added, removed: app.components.removed,
                    resized: app.resized.map { .init(name: $0.component, from: $0.from, to: $0.to) },
                    scaled: app.scaled.map { .init(name: $0.component, from: JSONInstances($0.from), to: JSONInstances($0.to)) }),
                routes: JSONSetChange(app.routes), domains: JSONSetChange(app.domains), dependencies: JSONSetChange(app.dependencies))
        }
        let root = JSONRoot(
            base: base, head: head, changed: diff.hasChanges, apps: apps,
            totals: [
                "if_all_deployed": JSONCostChange(diff.total, percent: true), "current": JSONCostChange(diff.current, percent: true),
            ],
            scenarios: diff.scenarios.map { JSONScenario(name: $0.name, cost: JSONCostChange($0.cost, percent: true)) })
        return Self.encode(root)
    }

    /// Pretty, with sorted keys: the same diff always prints the same bytes.
    package static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
