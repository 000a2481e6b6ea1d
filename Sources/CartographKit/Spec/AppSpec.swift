/// A DigitalOcean App Platform app spec: the YAML `doctl apps create --spec` takes.
///
/// Field names follow godo's `AppSpec` (JSON tag = YAML key). Every component kind —
/// services, workers, jobs, static sites, functions — is a ``ComponentSpec`` with its
/// ``ComponentSpec/Kind``; databases are ``DatabaseSpec``.
public struct AppSpec: Sendable, Hashable {
    public var name: Located<String>?
    public var region: Located<String>?
    public var services: [ComponentSpec] = []
    public var workers: [ComponentSpec] = []
    public var jobs: [ComponentSpec] = []
    public var staticSites: [ComponentSpec] = []
    public var functions: [ComponentSpec] = []
    public var databases: [DatabaseSpec] = []
    public var domains: [DomainSpec] = []
    public var envs: [EnvVar] = []
    public var alerts: [AlertSpec] = []
    public var ingress: IngressSpec?
    public var egress: String?
    public var features: [String] = []
    public var maintenance: Maintenance?
    public var vpcID: String?
    public var disableEdgeCache: Bool?
    public var disableEmailObfuscation: Bool?
    public var enhancedThreatControlEnabled: Bool?

    /// The file the spec was read from, as given (relative to the working folder).
    public var file: String
    /// The location of the spec's root mapping (inside `spec:` for a deploy template).
    public var location: SourceLocation
    /// True for the deploy-template form (`spec:` wrapping the app spec).
    public var isDeployTemplate = false
    /// True for the live spec embedded in doctl output; a spec file of the same app outranks it.
    public var isFromDoctl = false

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }

    /// Components in godo's iteration order: services, workers, jobs, static sites, functions.
    public var components: [ComponentSpec] { services + workers + jobs + staticSites + functions }

    public struct Maintenance: Sendable, Hashable {
        public var enabled: Bool?
        public var archive: Bool?
        public var offlinePageURL: String?
    }
}

/// A service, worker, job, static site or function of an app.
public struct ComponentSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case service, worker, job, staticSite = "static_site", function

        /// The spec's list key for this kind.
        public var listKey: String {
            switch self {
            case .service: "services"
            case .worker: "workers"
            case .job: "jobs"
            case .staticSite: "static_sites"
            case .function: "functions"
            }
        }

        /// How the kind reads in prose: "Web Service", "Static Site".
        public var title: String {
            switch self {
            case .service: "Web Service"
            case .worker: "Worker"
            case .job: "Job"
            case .staticSite: "Static Site"
            case .function: "Functions"
            }
        }

        /// Whether components of this kind run on a sized instance.
        public var isSized: Bool { self == .service || self == .worker || self == .job }
    }

    public enum JobKind: String, Sendable, Hashable, CaseIterable {
        case unspecified = "UNSPECIFIED", preDeploy = "PRE_DEPLOY", postDeploy = "POST_DEPLOY"
        case failedDeploy = "FAILED_DEPLOY", scheduled = "SCHEDULED"
    }

    public var kind: Kind
    public var name: Located<String>?
    public var location: SourceLocation
    public var source: SourceSpec?
    public var dockerfilePath: String?
    public var buildCommand: String?
    public var runCommand: String?
    public var sourceDir: String?
    public var environmentSlug: String?
    public var envs: [EnvVar] = []
    public var instanceSizeSlug: Located<String>?
    public var instanceCount: Int?
    public var autoscaling: Autoscaling?
    public var httpPort: Int?
    public var `protocol`: String?
    public var routes: [RouteSpec] = []
    public var healthCheck: HealthCheck?
    public var livenessHealthCheck: HealthCheck?
    public var cors: CORSPolicy?
    public var internalPorts: [Int] = []
    public var alerts: [AlertSpec] = []
    public var logDestinations: [LogDestination] = []
    public var drainSeconds: Int?
    public var gracePeriodSeconds: Int?
    public var inactivitySleepAfterSeconds: Int?
    public var jobKind: JobKind?
    public var schedule: Schedule?
    public var timeout: String?
    public var outputDir: String?
    public var indexDocument: String?
    public var errorDocument: String?
    public var catchallDocument: String?

    public init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public struct Autoscaling: Sendable, Hashable {
        public var minInstanceCount: Int?
        public var maxInstanceCount: Int?
        public var cpuPercent: Int?
        public var requestsPerSecondPerInstance: Int?
        public var requestDurationP95Milliseconds: Int?
    }

    public struct Schedule: Sendable, Hashable {
        public var cron: String?
        public var timeZone: String?
    }
}

/// Where a component's code or image comes from.
public enum SourceSpec: Sendable, Hashable {
    /// GitHub, GitLab or Bitbucket: `owner/name`, a branch and whether pushes deploy.
    case repository(provider: Provider, repo: String?, branch: String?, deployOnPush: Bool?)
    /// A plain git remote (deploy templates use this form).
    case git(cloneURL: String?, branch: String?)
    case image(ImageSource)

    public enum Provider: String, Sendable, Hashable, CaseIterable {
        case github, gitlab, bitbucket

        public var title: String {
            switch self {
            case .github: "GitHub"
            case .gitlab: "GitLab"
            case .bitbucket: "Bitbucket"
            }
        }
    }

    public var branch: String? {
        switch self {
        case .repository(_, _, let branch, _), .git(_, let branch): branch
        case .image: nil
        }
    }

    public var deployOnPush: Bool? {
        switch self {
        case .repository(_, _, _, let deploy): deploy
        case .git: nil
        case .image(let image): image.deployOnPush
        }
    }

    /// "jgtolentino/insightpulse-odoo", a clone URL, or "registry/repository:tag".
    public var displayName: String {
        switch self {
        case .repository(_, let repo, _, _): repo ?? "(no repo)"
        case .git(let url, _): url ?? "(no URL)"
        case .image(let image): image.reference
        }
    }
}

public struct ImageSource: Sendable, Hashable {
    public enum RegistryType: String, Sendable, Hashable, CaseIterable {
        case unspecified = "UNSPECIFIED", docr = "DOCR", dockerHub = "DOCKER_HUB", ghcr = "GHCR"
    }

    public var registryType: RegistryType?
    public var registry: String?
    public var repository: String?
    public var tag: String?
    public var digest: String?
    public var deployOnPush: Bool?
    public var hasCredentials = false

    /// "registry/repository:tag" or "@digest", as `docker pull` would name it.
    public var reference: String {
        var out = [registry, repository].compactMap { $0 }.joined(separator: "/")
        if let digest { out += "@\(digest)" } else { out += ":\(tag ?? "latest")" }
        return out
    }
}

public struct DatabaseSpec: Sendable, Hashable {
    public enum Engine: String, Sendable, Hashable, CaseIterable {
        case unset = "UNSET", mysql = "MYSQL", pg = "PG", redis = "REDIS", mongodb = "MONGODB"
        case kafka = "KAFKA", opensearch = "OPENSEARCH", valkey = "VALKEY"

        public var title: String {
            switch self {
            case .unset: "Database"
            case .mysql: "MySQL"
            case .pg: "PostgreSQL"
            case .redis: "Redis"
            case .mongodb: "MongoDB"
            case .kafka: "Kafka"
            case .opensearch: "OpenSearch"
            case .valkey: "Valkey"
            }
        }
    }

    public var name: Located<String>?
    public var location: SourceLocation
    public var engine: Engine?
    public var version: String?
    public var production: Bool?
    public var clusterName: String?
    public var dbName: String?
    public var dbUser: String?
    public var size: String?
    public var numNodes: Int?

    public init(location: SourceLocation) {
        self.location = location
    }
}

public struct DomainSpec: Sendable, Hashable {
    public var domain: Located<String>?
    public var type: String?
    public var wildcard: Bool?
    public var zone: String?
    public var minimumTLSVersion: String?
}

/// An environment variable. Its value is kept only to detect secrets and dependencies;
/// nothing Cartograph writes or prints ever contains it.
public struct EnvVar: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        case unset = "UNSET", runTime = "RUN_TIME", buildTime = "BUILD_TIME"
        case runAndBuildTime = "RUN_AND_BUILD_TIME"
    }

    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case general = "GENERAL", secret = "SECRET"
    }

    public var key: Located<String>
    public var value: String?
    public var valueLocation: SourceLocation?
    public var scope: Scope?
    public var type: ValueType?

    /// True when the value is held encrypted by DigitalOcean or marked secret.
    public var isSecret: Bool {
        type == .secret || (value.map(EnvVar.isEncrypted) ?? false)
    }

    static func isEncrypted(_ value: String) -> Bool { value.hasPrefix("EV[") && value.hasSuffix("]") }
}

public struct RouteSpec: Sendable, Hashable {
    public var path: Located<String>?
    public var preservePathPrefix: Bool?
}

public struct HealthCheck: Sendable, Hashable {
    public var httpPath: String?
    /// The deprecated `path` field, kept so a check still shows where it points.
    public var legacyPath: String?
    public var initialDelaySeconds: Int?
    public var periodSeconds: Int?
    public var timeoutSeconds: Int?
    public var successThreshold: Int?
    public var failureThreshold: Int?
    public var port: Int?

    /// The HTTP path checked, or nil for a TCP check.
    public var path: String? { httpPath ?? legacyPath }
}

public struct CORSPolicy: Sendable, Hashable {
    public var allowOrigins: [String] = []
    public var allowMethods: [String] = []
    public var allowHeaders: [String] = []
    public var exposeHeaders: [String] = []
    public var maxAge: String?
    public var allowCredentials: Bool?
}

public struct AlertSpec: Sendable, Hashable {
    public var rule: Located<String>?
    public var disabled: Bool?
    public var `operator`: String?
    public var value: Double?
    public var window: String?
}

public struct LogDestination: Sendable, Hashable {
    public var name: String?
    /// papertrail, datadog, logtail, open_search or endpoint.
    public var kind: String?
}

public struct IngressSpec: Sendable, Hashable {
    public var loadBalancer: String?
    public var loadBalancerSize: Int?
    public var rules: [IngressRule] = []

    public struct IngressRule: Sendable, Hashable {
        public var location: SourceLocation
        public var pathPrefix: String?
        public var pathExact: String?
        public var authorityPrefix: String?
        public var authorityExact: String?
        public var componentName: Located<String>?
        public var preservePathPrefix: Bool?
        public var rewrite: String?
        public var redirectURI: String?
        public var redirectAuthority: String?
        public var redirectScheme: String?
        public var redirectCode: Int?
        public var cors: CORSPolicy?

        /// The path this rule matches, as written ("/api", or "= /health" for an exact match).
        public var path: String? { pathPrefix ?? pathExact }
    }
}
