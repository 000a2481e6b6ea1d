import Foundation

/// A system outside App Platform that apps depend on (a database host, GitHub).
package struct ExternalSystem: Sendable, Hashable {
    package var name: String
    package var kind: String?
    package var endpoint: String?
    /// More host names that identify the system in env values (a project's API host).
    package var hosts: [String] = []
    package var region: String?
    package var project: String?
    package var url: String?
    /// What it costs, in words ("Free tier (up to 500MB)"); nil when unknown.
    package var cost: String?
    package var status: String?
    package var usage: [String] = []
    package var details: [Detail] = []
    package var location: SourceLocation

    package struct Detail: Sendable, Hashable {
        package var label: String
        package var value: String

        package init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The host part of the endpoint, used to find which apps name it in their envs.
    package var host: String? {
        guard var endpoint = endpoint ?? url, !endpoint.isEmpty else { return nil }
        if let scheme = endpoint.range(of: "://") { endpoint = String(endpoint[scheme.upperBound...]) }
        if let at = endpoint.lastIndex(of: "@") { endpoint = String(endpoint[endpoint.index(after: at)...]) }
        let host = endpoint.split(separator: "/").first.map(String.init) ?? endpoint
        return host.split(separator: ":").first.map { String($0).lowercased() }
    }

    package init(
        name: String, kind: String? = nil, endpoint: String? = nil, hosts: [String] = [], region: String? = nil, project: String? = nil,
        url: String? = nil, cost: String? = nil, status: String? = nil, usage: [String] = [], details: [Detail] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.kind = kind
        self.endpoint = endpoint
        self.hosts = hosts
        self.region = region
        self.project = project
        self.url = url
        self.cost = cost
        self.status = status
        self.usage = usage
        self.details = details
        self.location = location
    }
}
