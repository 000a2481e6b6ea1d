package import CartographModel

/// A DigitalOcean App Platform app spec: the YAML `doctl apps create --spec` takes.
///
/// Field names follow godo's `AppSpec` (JSON tag = YAML key). Every component kind —
/// services, workers, jobs, static sites, functions — is a ``ComponentSpec`` with its
/// ``ComponentSpec/Kind``; databases are ``DatabaseSpec``.
package struct AppSpec: Sendable, Hashable {
    package var name: Located<String>?
    package var region: Located<String>?
    package var services: [ComponentSpec] = []
    package var workers: [ComponentSpec] = []
    package var jobs: [ComponentSpec] = []
    package var staticSites: [ComponentSpec] = []
    package var functions: [ComponentSpec] = []
    package var databases: [DatabaseSpec] = []
    package var domains: [DomainSpec] = []
    package var envs: [EnvVar] = []
    package var alerts: [AlertSpec] = []
    package var ingress: IngressSpec?
    var egress: String?
    package var features: [String] = []
    var maintenance: Maintenance?
    var vpcID: String?
    var disableEdgeCache: Bool?
    var disableEmailObfuscation: Bool?
    var enhancedThreatControlEnabled: Bool?

    /// The file the spec was read from, as given (relative to the working folder).
    package var file: String
    /// The location of the spec's root mapping (inside `spec:` for a deploy template).
    package var location: SourceLocation
    /// True for the deploy-template form (`spec:` wrapping the app spec).
    var isDeployTemplate = false
    /// True for the live spec embedded in doctl output; a spec file of the same app outranks it.
    var isFromDoctl = false

    package init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }

    /// Components in godo's iteration order: services, workers, jobs, static sites, functions.
    package var components: [ComponentSpec] {
        // Most apps have services alone: their list is the answer, shared rather than copied.
        if workers.isEmpty, jobs.isEmpty, staticSites.isEmpty, functions.isEmpty { return services }
        return services + workers + jobs + staticSites + functions
    }

    /// Calls `body` with the list and index of each of ``components``, in their order: the
    /// body reads the fields it needs in place. No list is made and no component copied (a
    /// component passed on whole, even from a buffer, is copied: a retain of every field).
    package func forEachComponent(_ body: (_ list: [ComponentSpec], _ index: Int) throws -> Void) rethrows {
        for index in services.indices { try body(services, index) }
        for index in workers.indices { try body(workers, index) }
        for index in jobs.indices { try body(jobs, index) }
        for index in staticSites.indices { try body(staticSites, index) }
        for index in functions.indices { try body(functions, index) }
    }

    /// How many ``components`` there are, without making the list.
    package var componentCount: Int { services.count + workers.count + jobs.count + staticSites.count + functions.count }

    package struct Maintenance: Sendable, Hashable {
        package var enabled: Bool?
        package var archive: Bool?
        var offlinePageURL: String?
    }
}

/// A service, worker, job, static site or function of an app.
package struct ComponentSpec: Sendable, Hashable {
    package typealias Kind = ComponentKind

    package enum JobKind: String, Sendable, Hashable, CaseIterable {
        case unspecified = "UNSPECIFIED", preDeploy = "PRE_DEPLOY", postDeploy = "POST_DEPLOY"
        case failedDeploy = "FAILED_DEPLOY", scheduled = "SCHEDULED"
    }

    package var kind: Kind
    package var name: Located<String>?
    package var location: SourceLocation
    package var source: SourceSpec?
    package var dockerfilePath: String?
    var buildCommand: String?
    var runCommand: String?
    var sourceDir: String?
    var environmentSlug: String?
    package var envs: [EnvVar] = []
    package var instanceSizeSlug: Located<String>?
    package var instanceCount: Int?
    package var autoscaling: Autoscaling?
    package var httpPort: Int?
    package var `protocol`: String?
    package var routes: [RouteSpec] = []
    package var healthCheck: HealthCheck?
    var livenessHealthCheck: HealthCheck?
    var cors: CORSPolicy?
    var internalPorts: [Int] = []
    package var alerts: [AlertSpec] = []
    var logDestinations: [LogDestination] = []
    var drainSeconds: Int?
    var gracePeriodSeconds: Int?
    var inactivitySleepAfterSeconds: Int?
    var jobKind: JobKind?
    package var schedule: Schedule?
    package var timeout: String?
    var outputDir: String?
    var indexDocument: String?
    var errorDocument: String?
    var catchallDocument: String?

    package init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    package struct Autoscaling: Sendable, Hashable {
        var minInstanceCount: Int?
        var maxInstanceCount: Int?
        var cpuPercent: Int?
        var requestsPerSecondPerInstance: Int?
        var requestDurationP95Milliseconds: Int?
    }

    package struct Schedule: Sendable, Hashable {
        var cron: String?
        var timeZone: String?
    }
}

package struct DatabaseSpec: Sendable, Hashable {
    package typealias Engine = DatabaseEngine

    package var name: Located<String>?
    package var location: SourceLocation
    package var engine: Engine?
    package var version: String?
    package var production: Bool?
    var clusterName: String?
    var dbName: String?
    var dbUser: String?
    package var size: String?
    var numNodes: Int?

    package init(location: SourceLocation) {
        self.location = location
    }
}

package struct DomainSpec: Sendable, Hashable {
    package var domain: Located<String>?
    package var type: String?
    var wildcard: Bool?
    var zone: String?
    var minimumTLSVersion: String?
}

/// An environment variable. Its value is kept only to detect secrets and dependencies;
/// nothing Cartograph writes or prints ever contains it.
package struct EnvVar: Sendable, Hashable {
    package enum Scope: String, Sendable, Hashable, CaseIterable {
        case unset = "UNSET", runTime = "RUN_TIME", buildTime = "BUILD_TIME"
        case runAndBuildTime = "RUN_AND_BUILD_TIME"
    }

    package enum ValueType: String, Sendable, Hashable, CaseIterable {
        case general = "GENERAL", secret = "SECRET"
    }

    package var key: Located<String>
    package var value: String?
    package var valueLocation: SourceLocation?
    package var scope: Scope?
    package var type: ValueType?

    /// True when the value is held encrypted by DigitalOcean or marked secret.
    package var isSecret: Bool {
        type == .secret || (value.map(EnvVar.isEncrypted) ?? false)
    }

    static func isEncrypted(_ value: String) -> Bool { value.hasPrefix("EV[") && value.hasSuffix("]") }

    package init(
        key: Located<String>, value: String? = nil, valueLocation: SourceLocation? = nil, scope: Scope? = nil, type: ValueType? = nil
    ) {
        self.key = key
        self.value = value
        self.valueLocation = valueLocation
        self.scope = scope
        self.type = type
    }
}

package struct RouteSpec: Sendable, Hashable {
    package var path: Located<String>?
    package var preservePathPrefix: Bool?

    package init(path: Located<String>? = nil, preservePathPrefix: Bool? = nil) {
        self.path = path
        self.preservePathPrefix = preservePathPrefix
    }
}

package struct HealthCheck: Sendable, Hashable {
    var httpPath: String?
    /// The deprecated `path` field, kept so a check still shows where it points.
    var legacyPath: String?
    package var initialDelaySeconds: Int?
    package var periodSeconds: Int?
    var timeoutSeconds: Int?
    var successThreshold: Int?
    var failureThreshold: Int?
    package var port: Int?

    /// The HTTP path checked, or nil for a TCP check.
    package var path: String? { httpPath ?? legacyPath }
}

package struct CORSPolicy: Sendable, Hashable {
    var allowOrigins: [String] = []
    var allowMethods: [String] = []
    var allowHeaders: [String] = []
    var exposeHeaders: [String] = []
    var maxAge: String?
    var allowCredentials: Bool?
}

package struct AlertSpec: Sendable, Hashable {
    package var rule: Located<String>?
    package var disabled: Bool?
    package var `operator`: String?
    package var value: Double?
    package var window: String?
}

package struct LogDestination: Sendable, Hashable {
    package var name: String?
    /// papertrail, datadog, logtail, open_search or endpoint.
    package var kind: String?
}

package struct IngressSpec: Sendable, Hashable {
    var loadBalancer: String?
    var loadBalancerSize: Int?
    package var rules: [IngressRule] = []

    package struct IngressRule: Sendable, Hashable {
        package var location: SourceLocation
        var pathPrefix: String?
        var pathExact: String?
        var authorityPrefix: String?
        var authorityExact: String?
        var componentName: Located<String>?
        package var preservePathPrefix: Bool?
        var rewrite: String?
        var redirectURI: String?
        var redirectAuthority: String?
        var redirectScheme: String?
        var redirectCode: Int?
        var cors: CORSPolicy?

        /// The path this rule matches, as written ("/api", or "= /health" for an exact match).
        package var path: String? { pathPrefix ?? pathExact }
    }
}
