/// The map's own sections, declared once: the name injection markers use, the anchor, the
/// heading, the weight pages slot in by, and the site page that shows the section in full.
/// The Markdown map, injection, the site's index and its navigation all read this table;
/// `allCases` is the order of the map.
package enum MapSection: String, Sendable, CaseIterable {
    case overview, inventory, costs, network, commands, monitoring, questions

    package struct Declaration: Sendable, Hashable {
        /// The name after `<!-- cartograph:begin` that injects the section alone.
        package var injectionName: String
        /// The section's anchor in the Markdown map and on the site's index.
        package var slug: String
        package var heading: String
        /// Pages slot in among the sections by weight; a page of equal weight follows.
        package var weight: Int
        /// The site's own page for the section, as its navigation names it.
        var sitePage: SitePage?
    }

    /// A page of the site's fixed navigation: its label and folder (`costs/index.html`).
    package struct SitePage: Sendable, Hashable {
        package var label: String
        package var folder: String
    }

    package var declaration: Declaration {
        switch self {
        case .overview:
            .init(injectionName: "diagram", slug: "architecture-overview", heading: "🏗️ Architecture Overview", weight: 10)
        case .inventory:
            .init(
                injectionName: "inventory", slug: "application-inventory", heading: "📊 Application Inventory", weight: 20,
                sitePage: .init(label: "Apps", folder: "apps"))
        case .costs:
            .init(
                injectionName: "costs", slug: "cost-summary", heading: "💰 Cost Summary", weight: 30,
                sitePage: .init(label: "Costs", folder: "costs"))
        case .network:
            .init(
                injectionName: "endpoints", slug: "network-configuration", heading: "📡 Network Configuration", weight: 50,
                sitePage: .init(label: "Network", folder: "network"))
        case .commands:
            .init(injectionName: "commands", slug: "deployment-commands", heading: "🚀 Deployment Commands", weight: 60)
        case .monitoring:
            .init(injectionName: "monitoring", slug: "monitoring-observability", heading: "📈 Monitoring & Observability", weight: 70)
        case .questions:
            .init(injectionName: "questions", slug: "questions-verification", heading: "🤔 Questions & Verification Needs", weight: 90)
        }
    }

    package var injectionName: String { declaration.injectionName }
    package var slug: String { declaration.slug }
    package var heading: String { declaration.heading }
    package var weight: Int { declaration.weight }
    var sitePage: SitePage? { declaration.sitePage }

    /// The section an injection marker names (`costs`, `endpoints`), if any.
    package init?(injectionName: String) {
        guard let section = Self.allCases.first(where: { $0.injectionName == injectionName }) else { return nil }
        self = section
    }

    /// Every name an injection marker may give, in the map's order.
    package static var injectionNames: [String] { allCases.map(\.injectionName) }
}
