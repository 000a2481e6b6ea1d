import CartographModel

/// What the index shows instead of the full inventory when the map is large: totals per
/// region, the most expensive apps and the apps that need attention.
struct IndexSummary: Sendable {
    /// Above this many apps the index summarises; at or below it, it lists every app in full.
    static let threshold = 30
    static let mostExpensiveCount = 10
    /// The attention list stops here and links to the filtered directory for the rest.
    static let attentionLimit = 50

    struct RegionTotal: Sendable {
        var region: Region?
        var apps: Int
        var running: Int
        var cost: Cost
        var groupID: String
    }

    struct AppLine: Sendable {
        var name: String
        var slug: String
        var health: Health
        var region: Region?
        var cost: Cost
        var note: String?
    }

    var regions: [RegionTotal]
    var mostExpensive: [AppLine]
    /// Down apps first, then degraded ones, at most ``attentionLimit``.
    var attention: [AppLine]
    var attentionCount: Int

    init(presentation: MapPresentation, directory: AppsDirectory) {
        regions = directory.groups.map { group in
            let running = group.rows.filter(\.health.isRunning).count
            return RegionTotal(region: group.region, apps: group.rows.count, running: running, cost: group.subtotal, groupID: group.id)
        }
        // By index: a map over the apps would copy each app's entry.
        let apps = presentation.apps
        let lines = apps.indices.map { index in
            AppLine(
                name: apps[index].name, slug: apps[index].slug, health: apps[index].health, region: apps[index].region,
                cost: apps[index].cost, note: apps[index].statusNote ?? apps[index].note)
        }
        mostExpensive = Array(
            lines.sorted { ($1.cost.high, $1.cost.low, $0.name) < ($0.cost.high, $0.cost.low, $1.name) }.prefix(Self.mostExpensiveCount))
        let needing = lines.filter { $0.health == .down || $0.health == .degraded }
            .sorted { ($0.health == .down ? 0 : 1, $0.name) < ($1.health == .down ? 0 : 1, $1.name) }
        attention = Array(needing.prefix(Self.attentionLimit))
        attentionCount = needing.count
    }
}
