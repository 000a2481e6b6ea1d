import Foundation

/// `cartograph.yaml`: what to read, what to write, and what no spec says.
/// Paths are relative to the folder holding the config file.
public struct Config: Sendable {
    public var title = "Infrastructure Map"
    public var environment: String?
    /// "Last Updated" of the map, `YYYY-MM-DD`.
    public var updated: DateValue?
    public var platform = "DigitalOcean App Platform"
    public var specs: [String] = [".do/*.yaml"]
    /// Status sources: YAML status files and `doctl apps list -o json` output.
    public var status: [String] = []
    public var pages = "pages"
    public var templates = "templates"
    public var siteOutput = "site"
    public var markdownOutput = "site/INFRASTRUCTURE.md"
    public var inject: [String] = []
    public var diagramWidth = 66
    public var diagramASCII = false
    public var prices: [String: Money] = [:]
    public var scenarios: [Scenario] = []
    public var external: [ExternalSystem] = []
    public var baseURL: String?
    public var allowRawHTML = false
    /// Where the config was read from, for locating its diagnostics; nil for defaults.
    public var file: String?
    /// Locations of price overrides, for warnings about them.
    public var priceLocations: [String: SourceLocation] = [:]
    /// Where each path setting was written, so a problem with a path (a glob that matches
    /// nothing, a missing file) is reported at the value that names it.
    public var locations: [Setting: SourceLocation] = [:]

    public init() {}

    /// A setting that names a path; lists are indexed in the order written.
    public enum Setting: Sendable, Hashable {
        case specs(Int), status(Int), pages, templates, site, markdown, inject(Int)
    }

    /// Where `setting` was written; the start of the config when it was not (a default).
    public func location(of setting: Setting) -> SourceLocation {
        locations[setting] ?? .start(of: file ?? Workspace.configName)
    }
}

/// A what-if: components resized, shown beside the baseline cost.
public struct Scenario: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var tradeOff: String?
    /// Apps it applies to; empty means every app.
    public var apps: [String] = []
    /// Components it applies to; empty means every sized component of those apps.
    public var components: [String] = []
    /// The instance size every affected component moves to.
    public var size: String?
    /// Per-slug moves (`basic-xs: basic-xxs`), applied where `size` is not given.
    public var resize: [String: String] = [:]
    public var location: SourceLocation
}

/// A system outside App Platform that apps depend on (a database host, GitHub).
public struct ExternalSystem: Sendable, Hashable {
    public var name: String
    public var kind: String?
    public var endpoint: String?
    /// More host names that identify the system in env values (a project's API host).
    public var hosts: [String] = []
    public var region: String?
    public var project: String?
    public var url: String?
    /// What it costs, in words ("Free tier (up to 500MB)"); nil when unknown.
    public var cost: String?
    public var status: String?
    public var usage: [String] = []
    public var details: [Detail] = []
    public var location: SourceLocation

    public struct Detail: Sendable, Hashable {
        public var label: String
        public var value: String
    }

    /// The host part of the endpoint, used to find which apps name it in their envs.
    public var host: String? {
        guard var endpoint = endpoint ?? url, !endpoint.isEmpty else { return nil }
        if let scheme = endpoint.range(of: "://") { endpoint = String(endpoint[scheme.upperBound...]) }
        if let at = endpoint.lastIndex(of: "@") { endpoint = String(endpoint[endpoint.index(after: at)...]) }
        let host = endpoint.split(separator: "/").first.map(String.init) ?? endpoint
        return host.split(separator: ":").first.map { String($0).lowercased() }
    }
}

/// A calendar date written `YYYY-MM-DD`, kept as written so output never depends on a clock.
public struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...DateValue.days(in: m, year: y)).contains(d)
        else { return nil }
        year = y
        month = m
        day = d
    }

    static func days(in month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// "2025-11-02".
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// "November 2, 2025".
    public var long: String { "\(Self.monthNames[month - 1]) \(day), \(year)" }

    /// "Nov 01".
    public var short: String { "\(Self.monthNames[month - 1].prefix(3)) \(day < 10 ? "0" : "")\(day)" }

    public static func < (a: DateValue, b: DateValue) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
