/// What a component is: a service, worker, job, static site or functions.
package enum ComponentKind: String, Sendable, Hashable, CaseIterable {
    case service, worker, job, staticSite = "static_site", function

    /// The spec's list key for this kind.
    package var listKey: String {
        switch self {
        case .service: "services"
        case .worker: "workers"
        case .job: "jobs"
        case .staticSite: "static_sites"
        case .function: "functions"
        }
    }

    /// How the kind reads in prose: "Web Service", "Static Site".
    package var title: String {
        switch self {
        case .service: "Web Service"
        case .worker: "Worker"
        case .job: "Job"
        case .staticSite: "Static Site"
        case .function: "Functions"
        }
    }

    /// Whether components of this kind run on a sized instance.
    package var isSized: Bool { self == .service || self == .worker || self == .job }
}
