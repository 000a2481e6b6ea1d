package import CartographModel

/// What is observed rather than declared: per app a status, URL, static IPs, latest
/// deployment, component metrics, checklist, notes and questions.
package struct Status: Sendable {
    package var verified: DateValue?
    /// The map's own status line ("Complete (based on available data)").
    package var mapStatus: String?
    package var nextReview: String?
    package var apps: [String: AppStatus] = [:]
    /// Order the apps were written in, so an app without a spec keeps its place.
    package var appOrder: [String] = []
    package var questions: [String] = []
    package var verifyCommands: [Command] = []
    package var alerting: [ChecklistItem] = []

    package init() {}

    package typealias Command = VerifyCommand

}

package struct AppStatus: Sendable, Hashable {
    package var name: String
    package var location: SourceLocation
    package var health: Health?
    /// Words after the status ("awaiting deployment").
    package var statusNote: String?
    /// One line about the app's state, shown in its diagram box.
    package var note: String?
    package var notes: [String] = []
    package var url: String?
    /// The region slug the platform reports (doctl's `region.slug`); used when the spec names none.
    package var region: String?
    /// What the app is as an endpoint ("Web + API", "BI Dashboard").
    package var endpointType: String?
    /// Label in the endpoints table, when not the app name ("superset (planned)").
    package var endpointLabel: String?
    package var staticIPs: [String] = []
    package var stack: String?
    package var buildpacks: [String] = []
    package var deployment: Deployment?
    package var components: [String: ComponentStatus] = [:]
    var componentLocations: [String: SourceLocation] = [:]
    package var estimatedMonthlyCost: Money?
    package var questions: [String] = []
    package var checklist: [ChecklistItem] = []
    package var features: [String] = []
    package var details: [ExternalSystem.Detail] = []
    /// Where this app's spec lives in its own repository, for deployment commands.
    var specPath: String?
    /// A script that deploys the app, shown before the manual doctl command.
    package var deployScript: String?
    /// What a health check was seen answering ("responding HTTP 200").
    package var healthObserved: String?
    package var domain: DomainStatus?
    /// Where this status came from: a YAML status file or doctl.
    package var origin: Origin = .statusFile

    package enum Origin: Sendable, Hashable { case statusFile, doctl }

    package init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// The model's deployment: the status states it as the outputs show it.
    package typealias Deployment = CartographModel.Deployment

    package struct DomainStatus: Sendable, Hashable {
        package var name: String?
        package var provider: String?
        package var current: String?
        package var planned: String?
    }
}
