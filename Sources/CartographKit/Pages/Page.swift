/// A Markdown page of the team's own (`content/pages/*.md`), with its front matter.
public struct Page: Sendable, Hashable {
    public var title: String
    /// Where the page sits among the map's sections: lower comes first.
    public var weight: Int
    /// File-name-safe name, for the page's URL in the site.
    public var slug: String
    /// The Markdown after the front matter.
    public var body: String
    public var file: String
    /// The line the body starts on, for locating problems inside it.
    public var bodyLine: Int
    /// Where the front matter sets `slug`, if it does.
    public var slugLocation: SourceLocation? = nil
    /// The group the site's page index lists the page under (front matter `section:`).
    public var section: String? = nil
    /// The app this page is the runbook of (front matter `app:`), by name; without it a
    /// page whose slug is an app's slug is that app's runbook.
    public var app: String? = nil
    /// Where the front matter sets `app`, if it does.
    public var appLocation: SourceLocation? = nil
}

/// The map's own sections and their weights, so pages can slot in among them.
public enum MapSection: String, Sendable, CaseIterable {
    case overview, inventory, costs, network, commands, monitoring, questions

    public var weight: Int {
        switch self {
        case .overview: 10
        case .inventory: 20
        case .costs: 30
        case .network: 50
        case .commands: 60
        case .monitoring: 70
        case .questions: 90
        }
    }
}
