/// App Platform regions (the `AppSpec.region` enum) with their names.
package enum Region: String, Sendable, CaseIterable {
    case atl, nyc, sfo, tor, ams, fra, lon, blr, sgp, syd

    /// Accepts the region slug and, leniently, a data-centre slug ("sgp1").
    package init?(slug: String) {
        self.init(rawValue: slug)
    }

    package var name: String {
        switch self {
        case .atl: "Atlanta"
        case .nyc: "New York"
        case .sfo: "San Francisco"
        case .tor: "Toronto"
        case .ams: "Amsterdam"
        case .fra: "Frankfurt"
        case .lon: "London"
        case .blr: "Bangalore"
        case .sgp: "Singapore"
        case .syd: "Sydney"
        }
    }

    /// The primary data centre, as DigitalOcean's dashboard shows it ("SGP1").
    package var dataCenter: String {
        switch self {
        case .nyc: "NYC1"
        case .sfo: "SFO3"
        case .ams: "AMS3"
        default: rawValue.uppercased() + "1"
        }
    }

    /// "SGP1 (Singapore)".
    package var title: String { "\(dataCenter) (\(name))" }
}
