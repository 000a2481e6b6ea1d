/// What is observed rather than declared: per app a status, URL, static IPs, latest
/// deployment, component metrics, checklist, notes and questions.
public struct Status: Sendable {
    public var verified: DateValue?
    /// The map's own status line ("Complete (based on available data)").
    public var mapStatus: String?
    public var nextReview: String?
    public var apps: [String: AppStatus] = [:]
    /// Order the apps were written in, so an app without a spec keeps its place.
    public var appOrder: [String] = []
    public var questions: [String] = []
    public var verifyCommands: [Command] = []
    public var alerting: [ChecklistItem] = []

    public init() {}

    public struct Command: Sendable, Hashable {
        public var comment: String
        public var command: String
    }
}

/// The observed health of an app, as the status file says it.
public enum Health: String, Sendable, Hashable, CaseIterable, Comparable {
    case healthy, degraded, down, configured, pending, unverified, unknown

    /// Running now: counted in "current (verified)" costs.
    public var isRunning: Bool { self == .healthy || self == .degraded }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (a: Health, b: Health) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

public struct AppStatus: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var health: Health?
    /// Words after the status ("awaiting deployment").
    public var statusNote: String?
    /// One line about the app's state, shown in its diagram box.
    public var note: String?
    public var notes: [String] = []
    public var url: String?
    /// The region slug the platform reports (doctl's `region.slug`); used when the spec names none.
    public var region: String?
    /// What the app is as an endpoint ("Web + API", "BI Dashboard").
    public var endpointType: String?
    /// Label in the endpoints table, when not the app name ("superset (planned)").
    public var endpointLabel: String?
    public var staticIPs: [String] = []
    public var stack: String?
    public var buildpacks: [String] = []
    public var deployment: Deployment?
    public var components: [String: ComponentStatus] = [:]
    public var componentLocations: [String: SourceLocation] = [:]
    public var estimatedMonthlyCost: Money?
    public var questions: [String] = []
    public var checklist: [ChecklistItem] = []
    public var features: [String] = []
    public var details: [ExternalSystem.Detail] = []
    /// Where this app's spec lives in its own repository, for deployment commands.
    public var specPath: String?
    /// A script that deploys the app, shown before the manual doctl command.
    public var deployScript: String?
    /// What a health check was seen answering ("responding HTTP 200").
    public var healthObserved: String?
    public var domain: DomainStatus?
    /// Where this status came from: a YAML status file or doctl.
    public var origin: Origin = .statusFile

    public enum Origin: Sendable, Hashable { case statusFile, doctl }

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// The model's deployment: the status states it as the outputs show it.
    public typealias Deployment = CartographKit.Deployment

    public struct DomainStatus: Sendable, Hashable {
        public var name: String?
        public var provider: String?
        public var current: String?
        public var planned: String?
    }
}

public struct ComponentStatus: Sendable, Hashable {
    public var status: String?
    public var cpu: String?
    public var memory: String?
    public var purpose: String?
}

/// One line of a checklist: a label, whether it is done, and a word about it.
public struct ChecklistItem: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable { case done, pending, failed, unknown }
    public var label: String
    public var state: State
    public var note: String?
}
