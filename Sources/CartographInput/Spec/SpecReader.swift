package import CartographModel
package import Foundation

/// Decodes app spec files into ``AppSpec`` values, collecting every problem as a located
/// diagnostic: wrong types, unknown keys (doctl rejects them), missing or invalid names,
/// invalid enum values, deprecated fields and plain-text secrets.
package enum SpecReader {
    /// Reads one spec file's bytes. Returns nil when the file cannot yield a spec at all.
    package static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (AppSpec?, String) {
        let (spec, source) = read(data, path: path, diagnostics: diagnostics, prescanned: nil)
        return (spec, source.text)
    }

    /// - Parameter prescanned: what ``YAMLLoader/prescan(_:maxNodes:)`` found in these bytes
    ///   with ``YAMLLoader/Limits/maxSpecNodes``, when the caller already asked.
    ///   The text comes back as the reader saw it, for ``SourceCache`` to keep.
    static func read(
        _ data: Data, path: String, diagnostics: DiagnosticBag, prescanned: YAMLPrescan.Outcome?, composed: YAMLComposer.Composed? = nil
    ) -> (AppSpec?, SourceText) {
        let document = YAMLLoader.load(
            data, path: path, diagnostics: diagnostics, maxNodes: YAMLLoader.Limits.maxSpecNodes, prescanned: prescanned,
            composed: composed)
        let source = SourceText(document.text)
        guard let root = document.root else { return (nil, source) }
        let context = YAMLReadContext(file: path, diagnostics: diagnostics, source: source)
        return (read(root, path: path, context: context), source)
    }

    /// Reads a spec from a parsed root node; the deploy-template form (`spec:` at the top)
    /// is unwrapped.
    static func read(_ root: YAMLNode, path: String, context: YAMLReadContext) -> AppSpec? {
        guard let top = MappingReader(root, what: "app spec", context: context) else { return nil }
        if top.has("spec") {
            top.rejectUnknownKeys(["spec"])
            guard let node = top.value("spec"),
                let inner = MappingReader(node, what: "app spec", context: context, depth: 1)
            else {
                context.diagnostics.error("'spec' must hold the app spec", at: top.location)
                return nil
            }
            var spec = readApp(inner, path: path)
            spec.isDeployTemplate = true
            return spec
        }
        return readApp(top, path: path)
    }

    package static let appKeys = [
        "name", "region", "services", "static_sites", "workers", "jobs", "functions", "databases",
        "domains", "envs", "alerts", "ingress", "egress", "features", "maintenance", "vpc",
        "disable_edge_cache", "disable_email_obfuscation", "enhanced_threat_control_enabled",
    ]

    static let appKeyHints = [
        "static_site": "static_sites", "service": "services", "worker": "workers", "job": "jobs", "database": "databases",
        "env": "envs",
    ]

    static func readApp(_ r: MappingReader, path: String) -> AppSpec {
        r.rejectUnknownKeys(appKeys, hints: appKeyHints)
        var spec = AppSpec(file: path, location: r.location)
        spec.name = r.located("name")
        if let name = spec.name {
            spec.name = SpecRules.checkName(name, what: "app name", diagnostics: r.context.diagnostics)
        } else {
            r.require("name")
        }
        spec.region = r.located("region")
        if let region = spec.region, Region(slug: region.value) == nil {
            let allowed = Region.allCases.map(\.rawValue).joined(separator: ", ")
            let guess = r.context.spelling.closest(to: region.value.lowercased(), in: Region.allCases.map(\.rawValue))
            r.context.diagnostics.error(
                "invalid region '\(region.value)'; expected one of: \(allowed)", at: region.location,
                hint: guess.map { "did you mean '\($0)'?" })
        }
        spec.services = r.list("services", item: "service") { readComponent($0, kind: .service) }
        spec.workers = r.list("workers", item: "worker") { readComponent($0, kind: .worker) }
        spec.jobs = r.list("jobs", item: "job") { readComponent($0, kind: .job) }
        spec.staticSites = r.list("static_sites", item: "static site") { readComponent($0, kind: .staticSite) }
        spec.functions = r.list("functions", item: "function") { readComponent($0, kind: .function) }
        spec.databases = r.list("databases", item: "database", readDatabase)
        spec.domains = r.list("domains", item: "domain", readDomain)
        spec.envs = readEnvs(r)
        SpecRules.checkDuplicateEnvKeys(spec.envs, owner: "the app", diagnostics: r.context.diagnostics)
        spec.alerts = r.list("alerts", item: "alert", readAlert)
        spec.ingress = r.mapping("ingress", readIngress)
        spec.egress = r.mapping("egress") { e in
            e.rejectUnknownKeys(["type"])
            return e.enumeration("type", EgressType.self, allowed: EgressType.allCases)?.rawValue
        }
        spec.features = r.strings("features")
        spec.maintenance = r.mapping("maintenance") { m in
            m.rejectUnknownKeys(["enabled", "archive", "offline_page_url"])
            return AppSpec.Maintenance(enabled: m.bool("enabled"), archive: m.bool("archive"), offlinePageURL: m.string("offline_page_url"))
        }
        spec.vpcID = r.mapping("vpc") { v in
            v.rejectUnknownKeys(["id"])
            return v.string("id")
        }
        spec.disableEdgeCache = r.bool("disable_edge_cache")
        spec.disableEmailObfuscation = r.bool("disable_email_obfuscation")
        spec.enhancedThreatControlEnabled = r.bool("enhanced_threat_control_enabled")
        // Made once for the three checks: each list of components is copied to make it.
        let components = spec.components
        SpecRules.checkLegacySlugs(components, diagnostics: r.context.diagnostics)
        SpecRules.checkUniqueNames(spec, components: components, diagnostics: r.context.diagnostics)
        SpecRules.checkIngress(spec, components: components, diagnostics: r.context.diagnostics, spelling: r.context.spelling)
        return spec
    }

    enum EgressType: String, CaseIterable { case autoassign = "AUTOASSIGN", dedicatedIP = "DEDICATED_IP" }

    // MARK: Components

    static let sourceKeys = ["git", "github", "gitlab", "bitbucket", "image"]
    package static let runnableKeys =
        [
            "name", "dockerfile_path", "build_command", "run_command", "source_dir", "environment_slug",
            "envs", "instance_size_slug", "instance_count", "alerts", "log_destinations", "termination",
        ] + sourceKeys

    package static func allowedKeys(for kind: ComponentSpec.Kind) -> [String] {
        switch kind {
        case .service: serviceKeys
        case .worker: workerKeys
        case .job: jobKeys
        case .staticSite: staticSiteKeys
        case .function: functionKeys
        }
    }

    // Made once: every component of every spec is checked against its kind's keys.
    private static let serviceKeys = keys(for: .service)
    private static let workerKeys = keys(for: .worker)
    private static let jobKeys = keys(for: .job)
    private static let staticSiteKeys = keys(for: .staticSite)
    private static let functionKeys = keys(for: .function)

    private static func keys(for kind: ComponentSpec.Kind) -> [String] {
        switch kind {
        case .service:
            runnableKeys + [
                "autoscaling", "http_port", "protocol", "routes", "health_check", "cors", "internal_ports",
                "inactivity_sleep", "liveness_health_check",
            ]
        case .worker: runnableKeys + ["autoscaling", "liveness_health_check"]
        case .job: runnableKeys + ["kind", "schedule", "timeout"]
        case .staticSite:
            [
                "name", "git", "github", "gitlab", "bitbucket", "dockerfile_path", "build_command", "source_dir",
                "environment_slug", "output_dir", "index_document", "error_document", "catchall_document", "envs",
                "routes", "cors",
            ]
        case .function:
            ["name", "git", "github", "gitlab", "bitbucket", "source_dir", "envs", "routes", "alerts", "log_destinations", "cors"]
        }
    }

    static let componentKeyHints = [
        "instance_size": "instance_size_slug", "size": "instance_size_slug", "port": "http_port", "healthcheck": "health_check",
        "env": "envs",
    ]

    static func readComponent(_ r: MappingReader, kind: ComponentSpec.Kind) -> ComponentSpec {
        r.rejectUnknownKeys(allowedKeys(for: kind), hints: componentKeyHints)
        let diagnostics = r.context.diagnostics
        var c = ComponentSpec(kind: kind, location: r.location)
        c.name = r.located("name")
        if let name = c.name {
            c.name = SpecRules.checkName(name, what: "component name", diagnostics: diagnostics)
        } else {
            r.require("name")
        }
        c.source = readSource(r)
        c.dockerfilePath = r.string("dockerfile_path")
        c.buildCommand = r.string("build_command")
        c.runCommand = r.string("run_command")
        c.sourceDir = r.string("source_dir")
        c.environmentSlug = r.string("environment_slug")
        c.envs = readEnvs(r)
        SpecRules.checkDuplicateEnvKeys(c.envs, owner: "'\(c.name?.value ?? kind.rawValue)'", diagnostics: diagnostics)
        c.instanceSizeSlug = r.located("instance_size_slug")
        c.instanceCount = r.int("instance_count", range: 1...250)
        c.autoscaling = r.mapping("autoscaling", readAutoscaling)
        c.httpPort = r.int("http_port", range: 1...65535)
        c.protocol = r.enumeration("protocol", HTTPProtocol.self, allowed: HTTPProtocol.allCases)?.rawValue
        c.routes = r.list("routes", item: "route") { route in
            route.rejectUnknownKeys(["path", "preserve_path_prefix"])
            return RouteSpec(path: route.located("path"), preservePathPrefix: route.bool("preserve_path_prefix"))
        }
        if let key = r.keyNode("routes"), !c.routes.isEmpty {
            r.context.warning("'routes' is deprecated", at: key, hint: "use ingress rules ('ingress.rules') instead")
        }
        c.healthCheck = r.mapping("health_check", what: "health_check") { readHealthCheck($0, legacyPath: true) }
        c.livenessHealthCheck = r.mapping("liveness_health_check", what: "liveness_health_check") { readHealthCheck($0, legacyPath: false) }
        c.cors = r.mapping("cors", readCORS)
        if let key = r.keyNode("cors"), c.cors != nil {
            r.context.warning("component-level 'cors' is deprecated", at: key, hint: "use 'ingress.rules[].cors' instead")
        }
        c.internalPorts = r.integers("internal_ports")
        c.alerts = r.list("alerts", item: "alert", readAlert)
        c.logDestinations = r.list("log_destinations", item: "log destination", readLogDestination)
        _ = r.mapping("termination") { t in
            t.rejectUnknownKeys(kind == .service ? ["drain_seconds", "grace_period_seconds"] : ["grace_period_seconds"])
            c.drainSeconds = t.int("drain_seconds", range: 1...110)
            c.gracePeriodSeconds = t.int("grace_period_seconds", range: 1...600)
            return true
        }
        _ = r.mapping("inactivity_sleep") { s in
            s.rejectUnknownKeys(["after_seconds", "loading_page"])
            c.inactivitySleepAfterSeconds = s.int("after_seconds", range: 600...86400)
            _ = s.mapping("loading_page") { p in
                p.rejectUnknownKeys(["enabled", "custom_url"])
                return p.bool("enabled")
            }
            return true
        }
        c.jobKind = r.enumeration("kind", ComponentSpec.JobKind.self, allowed: ComponentSpec.JobKind.allCases)
        c.schedule = r.mapping("schedule") { s in
            s.rejectUnknownKeys(["cron", "time_zone"])
            return ComponentSpec.Schedule(cron: s.string("cron"), timeZone: s.string("time_zone"))
        }
        c.timeout = r.string("timeout")
        c.outputDir = r.string("output_dir")
        c.indexDocument = r.string("index_document")
        c.errorDocument = r.string("error_document")
        c.catchallDocument = r.string("catchall_document")
        if c.errorDocument != nil, c.catchallDocument != nil, let key = r.keyNode("catchall_document") {
            r.context.error("only one of 'error_document' and 'catchall_document' may be set", at: key)
        }
        return c
    }

    enum HTTPProtocol: String, CaseIterable { case http = "HTTP", http2 = "HTTP2" }

    // Made once: every component has a source, and a literal made its array and dictionary at every read.
    private static let gitKeys = ["repo_clone_url", "branch"]
    private static let gitKeyHints = ["repo": "repo_clone_url", "deploy_on_push": "repo_clone_url"]
    private static let repositoryKeys = ["repo", "branch", "deploy_on_push"]
    private static let repositoryKeyHints = ["repository": "repo"]

    static func readSource(_ r: MappingReader) -> SourceSpec? {
        // The list of present keys is made only when there are two: nearly every component has one.
        guard let first = sourceKeys.firstIndex(where: { r.value($0) != nil }) else { return nil }
        let key = sourceKeys[first]
        if sourceKeys[(first + 1)...].contains(where: { r.value($0) != nil }) {
            let present = sourceKeys.filter { r.value($0) != nil }
            if let second = r.keyNode(present[1]) {
                r.context.error(
                    "a component takes one source; found \(present.map { "'\($0)'" }.joined(separator: " and "))",
                    at: second)
            }
        }
        switch key {
        case "git":
            return r.mapping("git") { g in
                g.rejectUnknownKeys(gitKeys, hints: gitKeyHints)
                return .git(cloneURL: g.string("repo_clone_url"), branch: g.string("branch"))
            }
        case "image":
            return r.mapping("image", readImage).map(SourceSpec.image)
        default:
            guard let provider = SourceSpec.Provider(rawValue: key) else { return nil }
            return r.mapping(key) { g in
                g.rejectUnknownKeys(repositoryKeys, hints: repositoryKeyHints)
                g.require("repo")
                return .repository(
                    provider: provider, repo: g.string("repo"), branch: g.string("branch"), deployOnPush: g.bool("deploy_on_push"))
            }
        }
    }

    static func readImage(_ r: MappingReader) -> ImageSource {
        r.rejectUnknownKeys(["registry_type", "registry", "repository", "tag", "digest", "registry_credentials", "deploy_on_push"])
        var image = ImageSource()
        image.registryType = r.enumeration("registry_type", ImageSource.RegistryType.self, allowed: ImageSource.RegistryType.allCases)
        image.registry = r.string("registry")
        image.repository = r.string("repository")
        image.tag = r.string("tag")
        image.digest = r.string("digest")
        image.hasCredentials = r.value("registry_credentials") != nil
        image.deployOnPush = r.mapping("deploy_on_push") { d in
            d.rejectUnknownKeys(["enabled"])
            return d.bool("enabled")
        }
        r.require("repository")
        if image.tag != nil, image.digest != nil, let key = r.keyNode("digest") {
            r.context.error("'tag' and 'digest' are mutually exclusive", at: key)
        }
        switch image.registryType {
        case .dockerHub where image.registry == nil:
            r.context.diagnostics.error(
                "a DOCKER_HUB image needs 'registry' (the Docker Hub user or organisation)", at: r.location,
                hint: "for official images write 'registry: library'")
        case .docr where image.registry != nil:
            if let key = r.keyNode("registry") {
                r.context.error("'registry' must be left empty for a DOCR image", at: key)
            }
        default: break
        }
        return image
    }

    static func readAutoscaling(_ r: MappingReader) -> ComponentSpec.Autoscaling {
        r.rejectUnknownKeys(["min_instance_count", "max_instance_count", "metrics"])
        var a = ComponentSpec.Autoscaling()
        a.minInstanceCount = r.int("min_instance_count", range: 1...250)
        a.maxInstanceCount = r.int("max_instance_count", range: 1...250)
        _ = r.mapping("metrics") { m in
            m.rejectUnknownKeys(["cpu", "requests_per_second", "request_duration"])
            a.cpuPercent = m.mapping("cpu") { c in
                c.rejectUnknownKeys(["percent"]); return c.int("percent", range: 1...100)
            }
            a.requestsPerSecondPerInstance = m.mapping("requests_per_second") { c in
                c.rejectUnknownKeys(["per_instance"]); return c.int("per_instance")
            }
            a.requestDurationP95Milliseconds = m.mapping("request_duration") { c in
                c.rejectUnknownKeys(["p95_milliseconds"]); return c.int("p95_milliseconds")
            }
            return true
        }
        if let low = a.minInstanceCount, let high = a.maxInstanceCount, low > high, let key = r.keyNode("max_instance_count") {
            r.context.error("'max_instance_count' (\(high)) is below 'min_instance_count' (\(low))", at: key)
        }
        return a
    }

    static let healthCheckKeys = [
        "initial_delay_seconds", "period_seconds", "timeout_seconds", "success_threshold", "failure_threshold", "http_path", "port",
    ]
    // Made once: every service has a health check.
    static let legacyHealthCheckKeys = healthCheckKeys + ["path"]

    static func readHealthCheck(_ r: MappingReader, legacyPath: Bool) -> HealthCheck {
        r.rejectUnknownKeys(legacyPath ? legacyHealthCheckKeys : healthCheckKeys)
        var h = HealthCheck()
        h.httpPath = r.string("http_path")
        h.legacyPath = legacyPath ? r.string("path") : nil
        if h.legacyPath != nil, let key = r.keyNode("path") {
            r.context.warning("'health_check.path' is deprecated", at: key, hint: "use 'http_path' instead")
        }
        h.initialDelaySeconds = r.int("initial_delay_seconds", range: 0...3600)
        h.periodSeconds = r.int("period_seconds", range: 1...300)
        h.timeoutSeconds = r.int("timeout_seconds", range: 1...120)
        h.successThreshold = r.int("success_threshold", range: 1...50)
        h.failureThreshold = r.int("failure_threshold", range: 1...50)
        h.port = r.int("port", range: 1...65535)
        return h
    }

    static func readCORS(_ r: MappingReader) -> CORSPolicy {
        r.rejectUnknownKeys(["allow_origins", "allow_methods", "allow_headers", "expose_headers", "max_age", "allow_credentials"])
        var cors = CORSPolicy()
        cors.allowOrigins = r.list("allow_origins", item: "origin match") { o in
            o.rejectUnknownKeys(["exact", "prefix", "regex"])
            if let key = o.keyNode("prefix") {
                o.context.warning("'prefix' origin matches are deprecated", at: key, hint: "use 'exact' or 'regex'")
            }
            return o.string("exact") ?? o.string("regex") ?? o.string("prefix")
        }
        cors.allowMethods = r.strings("allow_methods")
        cors.allowHeaders = r.strings("allow_headers")
        cors.exposeHeaders = r.strings("expose_headers")
        cors.maxAge = r.string("max_age")
        cors.allowCredentials = r.bool("allow_credentials")
        return cors
    }

    static func readAlert(_ r: MappingReader) -> AlertSpec {
        r.rejectUnknownKeys(["rule", "disabled", "operator", "value", "window"])
        r.require("rule")
        var a = AlertSpec()
        a.rule = r.located("rule")
        if let rule = a.rule, !SpecRules.alertRules.contains(rule.value) {
            let guess = r.context.spelling.closest(to: rule.value, in: SpecRules.alertRules, caseInsensitive: true)
            r.context.diagnostics.error(
                "unknown alert rule '\(rule.value)'", at: rule.location, hint: guess.map { "did you mean '\($0)'?" })
        }
        a.disabled = r.bool("disabled")
        a.operator = r.string("operator")
        a.value = r.double("value")
        a.window = r.string("window")
        return a
    }

    static func readLogDestination(_ r: MappingReader) -> LogDestination {
        let kinds = ["papertrail", "datadog", "logtail", "open_search"]
        r.rejectUnknownKeys(["name", "endpoint", "tls_insecure", "headers"] + kinds)
        r.require("name")
        let kind = kinds.first { r.value($0) != nil } ?? (r.value("endpoint") != nil ? "endpoint" : nil)
        return LogDestination(name: r.string("name"), kind: kind)
    }

    static func readDatabase(_ r: MappingReader) -> DatabaseSpec {
        r.rejectUnknownKeys(["name", "engine", "version", "size", "num_nodes", "production", "cluster_name", "db_name", "db_user"])
        var db = DatabaseSpec(location: r.location)
        db.name = r.located("name")
        if let name = db.name {
            db.name = SpecRules.checkName(name, what: "database name", diagnostics: r.context.diagnostics)
        } else {
            r.require("name")
        }
        db.engine = r.enumeration("engine", DatabaseSpec.Engine.self, allowed: DatabaseSpec.Engine.allCases)
        db.version = r.string("version")
        db.size = r.string("size")
        db.numNodes = r.int("num_nodes")
        for key in ["size", "num_nodes"] {
            if let node = r.keyNode(key) {
                r.context.warning(
                    "'databases[].\(key)' is deprecated", at: node, hint: "the managed cluster's own settings decide it; remove the field")
            }
        }
        db.production = r.bool("production")
        db.clusterName = r.string("cluster_name")
        db.dbName = r.string("db_name")
        db.dbUser = r.string("db_user")
        if db.production == true, db.clusterName == nil {
            r.context.diagnostics.error(
                "a production database needs 'cluster_name' (an existing managed database cluster)",
                at: r.location(of: "production"))
        }
        return db
    }

    static func readDomain(_ r: MappingReader) -> DomainSpec {
        r.rejectUnknownKeys(["domain", "type", "wildcard", "zone", "certificate", "minimum_tls_version"])
        r.require("domain")
        var d = DomainSpec()
        d.domain = r.located("domain")
        if let domain = d.domain, !SpecRules.isValidDomain(domain.value) {
            r.context.diagnostics.error("invalid domain '\(domain.value)'", at: domain.location)
        }
        d.type = r.enumeration("type", DomainType.self, allowed: DomainType.allCases)?.rawValue
        d.wildcard = r.bool("wildcard")
        d.zone = r.string("zone")
        d.minimumTLSVersion = r.enumeration("minimum_tls_version", TLSVersion.self, allowed: TLSVersion.allCases)?.rawValue
        return d
    }

    enum DomainType: String, CaseIterable { case unspecified = "UNSPECIFIED", `default` = "DEFAULT", primary = "PRIMARY", alias = "ALIAS" }
    enum TLSVersion: String, CaseIterable { case v12 = "1.2", v13 = "1.3" }

    static func readEnvs(_ r: MappingReader) -> [EnvVar] {
        r.list("envs", item: "env") { e -> EnvVar? in
            e.rejectUnknownKeys(["key", "value", "scope", "type"])
            guard let key = e.located("key") else {
                e.require("key")
                return nil
            }
            if !EnvVar.isValidKey(key.value) {
                // Not named, and the env goes no further: a key that is no identifier may hold
                // its value (a `value:` line that lost its key folds into the key above it).
                e.context.diagnostics.error("invalid env key; keys match ^[_A-Za-z][_A-Za-z0-9]*$", at: key.location)
                return nil
            }
            var env = EnvVar(key: key)
            if let node = e.value("value") {
                env.valueLocation = e.context.location(of: node)
                env.value = EnvVar.valueString(node, key: key.value, context: e.context)
            }
            env.scope = e.enumeration("scope", EnvVar.Scope.self, allowed: EnvVar.Scope.allCases)
            env.type = e.enumeration("type", EnvVar.ValueType.self, allowed: EnvVar.ValueType.allCases)
            SecretScanner.check(env, diagnostics: e.context.diagnostics)
            return env
        }
    }

    static func readIngress(_ r: MappingReader) -> IngressSpec {
        r.rejectUnknownKeys(["load_balancer", "load_balancer_size", "rules", "secure_header"])
        var ingress = IngressSpec()
        ingress.loadBalancer = r.string("load_balancer")
        ingress.loadBalancerSize = r.int("load_balancer_size")
        ingress.rules = r.list("rules", item: "ingress rule") { rule in
            rule.rejectUnknownKeys(["match", "component", "redirect", "cors"])
            var out = IngressSpec.IngressRule(location: rule.location)
            _ = rule.mapping("match") { m in
                m.rejectUnknownKeys(["path", "authority"])
                _ = m.mapping("path") { p in
                    p.rejectUnknownKeys(["prefix", "exact"])
                    out.pathPrefix = p.string("prefix")
                    out.pathExact = p.string("exact")
                    return true
                }
                _ = m.mapping("authority") { a in
                    a.rejectUnknownKeys(["prefix", "exact"])
                    out.authorityPrefix = a.string("prefix")
                    out.authorityExact = a.string("exact")
                    return true
                }
                return true
            }
            _ = rule.mapping("component") { c in
                c.rejectUnknownKeys(["name", "preserve_path_prefix", "rewrite"])
                out.componentName = c.located("name")
                out.preservePathPrefix = c.bool("preserve_path_prefix")
                out.rewrite = c.string("rewrite")
                if out.preservePathPrefix == true, out.rewrite != nil, let key = c.keyNode("rewrite") {
                    c.context.error("'rewrite' and 'preserve_path_prefix' are mutually exclusive", at: key)
                }
                return true
            }
            _ = rule.mapping("redirect") { d in
                d.rejectUnknownKeys(["uri", "authority", "port", "scheme", "redirect_code"])
                out.redirectURI = d.string("uri")
                out.redirectAuthority = d.string("authority")
                out.redirectScheme = d.string("scheme")
                out.redirectCode = d.int("redirect_code")
                return true
            }
            out.cors = rule.mapping("cors", readCORS)
            return out
        }
        _ = r.mapping("secure_header") { s in
            s.rejectUnknownKeys(["key", "value", "remove_header"])
            return true
        }
        return ingress
    }
}

extension EnvVar {
    /// Whether `key` matches `^[_A-Za-z][_A-Za-z0-9]*$` as DigitalOcean's schema means it: the
    /// whole key, an ASCII identifier. (ICU's `$`, which checked keys once, also matched before
    /// a final line break and let `"KEY\n"` through, a key App Platform refuses and one that
    /// broke the line of every message naming it.) On the bytes, without a regular expression.
    static func isValidKey(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            func isLetter(_ byte: UInt8) -> Bool {
                (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
            }
            guard let first = bytes.first, isLetter(first) else { return false }
            return bytes.allSatisfy { isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }

    /// The value as doctl would decode it: a string. A YAML number or boolean is an error
    /// (doctl converts YAML to JSON and the number fails to decode into a string). The
    /// message never repeats the value.
    static func valueString(_ node: YAMLNode, key: String, context: YAMLReadContext) -> String? {
        guard case .scalar(let scalar) = node else {
            context.error("env '\(key)': 'value' must be a string, found \(node.kindDescription(quotingText: false))", at: node)
            return nil
        }
        if scalar.style == .plain, !scalar.readsAsString {
            let kind = node.kindDescription(quotingText: false)
            context.error("env '\(key)': 'value' must be a string, found \(kind)", at: node, hint: "quote the value")
            return nil
        }
        return scalar.string
    }
}
