import CartographModel

/// Every app as the apps directory lists it, grouped by region with a subtotal per group.
/// Format-neutral: the HTML view decides links and markup.
struct AppsDirectory: Sendable {
    struct Row: Sendable {
        var name: String
        var slug: String
        var health: Health
        var region: Region?
        var components: [String]
        var cost: Cost
        /// The page tied to the app as its runbook.
        var runbook: MapPresentation.PageLink?
    }

    struct Group: Sendable {
        var region: Region?
        var rows: [Row]
        var subtotal: Cost

        /// An id for the group, for links from the index's region table.
        var id: String { "region-" + (region?.rawValue ?? "none") }
        var title: String { region?.title ?? "No region" }
    }

    var groups: [Group]
    /// The statuses and regions that occur, in a stable order, for the filters.
    var healths: [Health]
    var regions: [Region?]
    var count: Int

    /// `components`: whether rows list their components' names (the index's totals do not).
    init(presentation: MapPresentation, components: Bool = true) {
        // By index: a map over the apps would copy each app's entry.
        let apps = presentation.apps
        let rows = apps.indices.map { index in
            Row(
                name: apps[index].name, slug: apps[index].slug, health: apps[index].health, region: apps[index].region,
                components: components ? apps[index].components.map(\.name) : [], cost: apps[index].cost,
                runbook: apps[index].runbook)
        }
        let byRegion = Dictionary(grouping: rows) { $0.region }
        regions = byRegion.keys.sorted { Self.regionOrder($0) < Self.regionOrder($1) }
        groups = regions.map { region in
            let rows = byRegion[region] ?? []
            return Group(region: region, rows: rows, subtotal: rows.map(\.cost).sum())
        }
        healths = Set(rows.map(\.health)).sorted()
        count = rows.count
    }

    /// Regions by their data-centre name; apps with no region last.
    static func regionOrder(_ region: Region?) -> String {
        region.map { "0" + $0.dataCenter } ?? "1"
    }
}
