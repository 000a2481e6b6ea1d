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
        /// The page tied to the app as its runbook (see ``runbooks(map:pages:)``).
        var runbook: PagesIndex.Entry?
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

    init(map: InfraMap, pages: [Page]) {
        let runbooks = Self.runbooks(map: map, pages: pages)
        let rows = map.apps.map { app in
            Row(
                name: app.name, slug: app.slug, health: app.health, region: app.region, components: app.components.map(\.name),
                cost: app.cost, runbook: runbooks[app.slug])
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

    /// The page that is each app's runbook, by app slug: a page whose front matter names the
    /// app (`app: <name>`), else a page whose slug is the app's slug (`content/pages/<app>.md`).
    /// Among several, an explicit `app:` wins, then the lower weight, then the title.
    static func runbooks(map: InfraMap, pages: [Page]) -> [String: PagesIndex.Entry] {
        let appSlugs = Set(map.apps.map(\.slug))
        let slugByName = Dictionary(map.apps.map { ($0.name, $0.slug) }) { first, _ in first }
        var found: [String: (explicit: Bool, page: Page)] = [:]
        for page in pages {
            let target: (slug: String, explicit: Bool)?
            if let app = page.app {
                target = (slugByName[app] ?? Slug.of(app), true)
            } else {
                target = appSlugs.contains(page.slug) ? (page.slug, false) : nil
            }
            guard let target, appSlugs.contains(target.slug) else { continue }
            if let current = found[target.slug] {
                let better =
                    (target.explicit && !current.explicit)
                    || (target.explicit == current.explicit
                        && (page.weight, page.title, page.slug) < (current.page.weight, current.page.title, current.page.slug))
                guard better else { continue }
            }
            found[target.slug] = (target.explicit, page)
        }
        return found.mapValues { PagesIndex.Entry(page: $0.page) }
    }
}
