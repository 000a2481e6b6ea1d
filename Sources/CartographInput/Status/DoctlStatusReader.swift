package import CartographModel
package import Foundation

/// Reads what `doctl apps list -o json` (or `doctl apps get <id> -o json`) prints — a JSON
/// array of App objects — as a status source, together with the live app spec each App
/// carries.
///
/// **Recognised by content, not by extension:** a document whose root is a list (a YAML
/// status file is always a mapping), or an API response body that wraps one
/// (`{"apps": […]}`, `{"app": {…}}`, `{"deployments": […]}`, `{"deployment": {…}}`).
/// Deployment objects (`doctl apps list-deployments|get-deployment -o json`) are read too:
/// they carry the phase, cause and commit of an app's deployments and its spec, matched to
/// the app by the spec's name; they lack the URL and region, which only App objects have.
///
/// **Lenient by design:** doctl output grows with every release, so unknown fields are
/// ignored without a diagnostic; a known field of an unexpected type is a warning. The
/// embedded spec is read with ``SpecReader`` (so its components and costs are exact), but
/// every problem in it is at most a warning: the platform accepted that spec, so what
/// Cartograph cannot read in it is Cartograph's gap, not the user's error.
///
/// **What an app gets** (`AppStatus.origin` is `.doctl`):
/// - `url` — `live_url`, else `default_ingress` (`https://` added to a bare host);
/// - `region` — `region.slug`, used when the app's spec names no region;
/// - `staticIPs` — assigned `dedicated_ips`;
/// - `health` — from the deployment phase (godo's `DeploymentPhase`): `ACTIVE` → healthy;
///   `ERROR` → down; `PENDING_BUILD`, `BUILDING`, `PENDING_DEPLOY`, `DEPLOYING` → pending;
///   `SUPERSEDED`, `CANCELED`, `UNKNOWN` and anything else → unknown. The active deployment
///   decides; without one, the in-progress (or pending) deployment does. A deployment in
///   progress beside an active one is named in `statusNote`, and so is a failed deployment
///   newer than the active one (deployment lists show those; the app keeps serving);
/// - `deployment` — commit (the first 7 characters of the first component's
///   `source_commit_hash`), date (`phase_last_updated_at`, else `updated_at`, else
///   `created_at`; the data's dates, never the clock), phase and cause.
///
/// **Precedence** (implemented by `Workspace.load`, ``Status/merging(_:)`` and
/// ``preferringSpecFiles(_:)``):
/// - a YAML status file outranks doctl output, wherever either is listed in `status:`, field
///   by field: YAML `status:` replaces the phase-derived health (and its note), YAML
///   `deployment:` replaces the doctl deployment as a whole, and every field the YAML leaves
///   out (the URL, the region, …) keeps its doctl value;
/// - between two doctl files the later one in `status:` wins, field by field;
/// - a spec file matched by the config's `specs:` globs outranks the spec embedded in doctl
///   output for the same app name (no duplicate-app error); the embedded spec is then not
///   even read, so its warnings do not appear. Between two doctl files, the later spec wins.
///
/// Env values in embedded specs are handled as in spec files — kept in the model (non-secret
/// ones reveal dependencies), never written to an output, and a warning about one names its
/// key — with one more care: the warning points at the key's line, not the value's, so the
/// printed source line cannot show a value fetched from the account.
package enum DoctlStatusReader {
    /// What one doctl file yields.
    package struct Result: Sendable {
        /// One entry per app, every one with origin `.doctl`.
        package var status: Status
        /// The embedded specs, `file` the doctl file and location the `spec` node.
        package var specs: [AppSpec]
        /// The file's text, for diagnostics.
        package var text: String
    }

    /// Reads `data` when it is doctl output; returns nil, having reported nothing, when it is
    /// not (the caller then reads the file as a YAML status file).
    /// - Parameter skippingSpecsNamed: apps whose spec comes from a spec file: their embedded
    ///   spec is not read (it would be overridden), their status is.
    package static func read(
        _ data: Data, path: String, diagnostics: DiagnosticBag, skippingSpecsNamed skipped: Set<String> = []
    ) -> Result? {
        guard case .doctl(let result) = reading(data, path: path, diagnostics: diagnostics, skippingSpecsNamed: skipped) else {
            return nil
        }
        return result
    }

    /// What a status file turned out to be.
    enum Reading {
        case doctl(Result)
        /// Not doctl output: the document as parsed on trial, and what parsing it reported
        /// (nothing of which is reported yet), for the YAML status reader to go on from.
        case yaml(YAMLLoader.Document, parsing: [Diagnostic])
    }

    /// Reads `data` as doctl output when it is, else hands back what parsing it found, so that
    /// a YAML status file is parsed once.
    /// - Parameters:
    ///   - prescanned: ``YAMLLoader/prescanComposing(_:maxNodes:)`` of `data` with the default
    ///     node limit, with the tree it composed, when the caller made that pass already.
    static func reading(
        _ data: Data, path: String, diagnostics: DiagnosticBag, skippingSpecsNamed skipped: Set<String> = [],
        prescanned: YAMLPrescan.Outcome? = nil, composed: YAMLComposer.Composed? = nil
    ) -> Reading {
        // A document that starts with '[' is a list, so it is ours whether or not it parses:
        // its syntax errors are reported here. Anything else is parsed on trial.
        let claimed = firstSignificantByte(of: data) == UInt8(ascii: "[")
        let bag = claimed ? diagnostics : DiagnosticBag()
        let document = YAMLLoader.load(data, path: path, diagnostics: bag, prescanned: prescanned, composed: composed)
        let empty = Result(status: Status(), specs: [], text: document.text)
        guard let root = document.root else { return claimed ? .doctl(empty) : .yaml(document, parsing: bag.diagnostics) }
        let context = YAMLReadContext(file: path, diagnostics: diagnostics, text: document.text)
        guard let items = items(of: root) else {
            guard claimed else { return .yaml(document, parsing: bag.diagnostics) }
            context.error("doctl output must be a list of apps, found \(root.kindDescription)", at: root)
            return .doctl(empty)
        }
        if !claimed { diagnostics.append(contentsOf: bag.diagnostics) }
        let (status, specs) = read(items, path: path, context: context, skipping: skipped)
        return .doctl(Result(status: status, specs: specs, text: document.text))
    }

    /// The App or Deployment objects of a doctl document, or nil when it is not one.
    static func items(of root: YAMLNode) -> [YAMLNode]? {
        switch root {
        case .sequence(let sequence): return Array(sequence)
        case .mapping(let mapping):
            func value(_ key: String, in mapping: YAMLNode.Mapping) -> YAMLNode? {
                mapping.first { if case .scalar(let scalar) = $0.key { scalar.string == key } else { false } }?.value
            }
            for key in ["apps", "deployments"] {
                if case .sequence(let sequence)? = value(key, in: mapping) { return Array(sequence) }
            }
            for key in ["app", "deployment"] {
                if let node = value(key, in: mapping), case .mapping(let object) = node, value("spec", in: object) != nil {
                    return [node]
                }
            }
            return nil
        default: return nil
        }
    }

    static func firstSignificantByte(of data: Data) -> UInt8? {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains($0) }
    }

    // MARK: Objects

    /// Keys only an App has; a Deployment has none of them.
    package static let appOnlyKeys: Set<String> = [
        "owner_uuid", "active_deployment", "in_progress_deployment", "pending_deployment", "live_url",
        "default_ingress", "live_domain", "live_url_base", "region", "last_deployment_active_at", "domains",
    ]
    /// Keys only a Deployment has.
    package static let deploymentOnlyKeys: Set<String> = [
        "phase", "progress", "cause", "phase_last_updated_at", "cloned_from", "previous_deployment_id", "cause_details",
    ]

    static func read(_ items: [YAMLNode], path: String, context: YAMLReadContext, skipping: Set<String>) -> (Status, [AppSpec]) {
        var status = Status()
        // An app's spec moves to the end when a later item names the app again: kept by
        // name with the order of its last addition, so no addition searches the others.
        var specsByName: [String: (order: Int, spec: AppSpec)] = [:]
        var additions = 0
        var deployments: [(name: String, object: Object)] = []
        func add(_ app: AppStatus, spec: AppSpec?) {
            if status.apps[app.name] == nil { status.appOrder.append(app.name) }
            status.apps[app.name] = app
            if let spec {
                specsByName[app.name] = (additions, spec)
                additions += 1
            }
        }
        for (index, item) in items.enumerated() {
            guard context.spend(on: item) else { break }
            guard let object = Object(item, context: context) else {
                context.error(
                    "item \(index + 1) of doctl output must be an app object, found \(item.kindDescription)", at: item,
                    hint: "expected the output of 'doctl apps list -o json'")
                continue
            }
            guard let spec = object.object("spec"), let name = spec.string("name"), !name.isEmpty else {
                context.error(
                    "item \(index + 1) of doctl output has no 'spec' with a 'name'", at: item,
                    hint: "expected the output of 'doctl apps list -o json': every app carries its spec")
                continue
            }
            let isDeployment = object.keys.isDisjoint(with: appOnlyKeys) && !object.keys.isDisjoint(with: deploymentOnlyKeys)
            if isDeployment {
                deployments.append((name, object))
                continue
            }
            var app = AppStatus(name: name, location: spec.location(of: "name"))
            app.origin = .doctl
            app.url = object.string("live_url").flatMap(nonEmpty) ?? object.string("default_ingress").flatMap(nonEmpty).map(ingressURL)
            app.region = object.scalarString("region") ?? object.object("region")?.string("slug")
            app.staticIPs = object.objects("dedicated_ips").compactMap { ip in
                ["ASSIGNED", nil].contains(ip.string("status")) ? ip.string("ip").flatMap(nonEmpty) : nil
            }
            let active = object.object("active_deployment")
            let inProgress = object.object("in_progress_deployment") ?? object.object("pending_deployment")
            assess(&app, active: active, inProgress: inProgress, newerFailure: nil)
            add(app, spec: skipping.contains(name) ? nil : readSpec(spec.node, path: path, context: context))
        }
        // Deployment objects, grouped by app in the order the apps first appear.
        var names: [String] = []
        var histories: [String: [Object]] = [:]
        for (name, object) in deployments {
            if histories[name] == nil { names.append(name) }
            histories[name, default: []].append(object)
        }
        for name in names {
            let history = histories[name] ?? []
            // Newest first (doctl lists them so; `created_at` decides when present).
            let ordered = history.enumerated().sorted { a, b in
                let (x, y) = (a.element.timestampKey, b.element.timestampKey)
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element)
            let activeIndex = ordered.firstIndex { $0.string("phase") == "ACTIVE" }
            let newer = ordered.prefix(activeIndex ?? ordered.count)
            let active = activeIndex.map { ordered[$0] }
            let inProgress = active == nil ? ordered.first : newer.first { inProgressPhases.contains($0.string("phase") ?? "") }
            let failure = active == nil ? nil : newer.first { $0.string("phase") == "ERROR" }
            guard let chosen = active ?? inProgress, let spec = chosen.object("spec") else { continue }
            var app = AppStatus(name: name, location: spec.location(of: "name"))
            app.origin = .doctl
            assess(&app, active: active, inProgress: inProgress, newerFailure: failure)
            add(app, spec: skipping.contains(name) ? nil : readSpec(spec.node, path: path, context: context))
        }
        return (status, specsByName.values.sorted { $0.order < $1.order }.map(\.spec))
    }

    // MARK: Health and deployment

    static let inProgressPhases: Set<String> = ["PENDING_BUILD", "BUILDING", "PENDING_DEPLOY", "DEPLOYING"]

    /// The health a deployment phase means (godo `DeploymentPhase`; there is no `FAILED`).
    package static func health(ofPhase phase: String?) -> Health {
        switch phase {
        case "ACTIVE": .healthy
        case "ERROR": .down
        case let phase? where inProgressPhases.contains(phase): .pending
        default: .unknown  // SUPERSEDED, CANCELED, UNKNOWN, absent, or a phase added later
        }
    }

    /// "PENDING_BUILD" → "pending build".
    static func words(_ phase: String?) -> String {
        (phase ?? "UNKNOWN").lowercased().replacingOccurrences(of: "_", with: " ")
    }

    /// Sets the health, its note and the deployment from an app's deployments.
    static func assess(_ app: inout AppStatus, active: Object?, inProgress: Object?, newerFailure: Object?) {
        /// ": app spec updated", or nothing when the deployment names no cause.
        func cause(_ d: Object) -> String { d.string("cause").flatMap(nonEmpty).map { ": \($0)" } ?? "" }
        if let active {
            app.health = health(ofPhase: active.string("phase"))
            app.deployment = deployment(active)
            let sameDeployment = inProgress?.string("id") != nil && inProgress?.string("id") == active.string("id")
            if let inProgress, !sameDeployment {
                app.statusNote = "new deployment \(words(inProgress.string("phase")))" + cause(inProgress)
            } else if let newerFailure {
                app.statusNote = "latest deployment failed" + cause(newerFailure)
            }
        } else if let inProgress {
            app.health = health(ofPhase: inProgress.string("phase"))
            app.deployment = deployment(inProgress)
            let what = app.health == .down ? "failed" : words(inProgress.string("phase"))
            app.statusNote = "deployment \(what)" + cause(inProgress)
        }
    }

    static func deployment(_ d: Object) -> AppStatus.Deployment {
        var commit: String?
        for key in ["services", "workers", "jobs", "static_sites", "functions"] where commit == nil {
            commit = d.objects(key).lazy.compactMap { $0.string("source_commit_hash").flatMap(nonEmpty) }.first
        }
        let date = ["phase_last_updated_at", "updated_at", "created_at"].lazy
            .compactMap { d.string($0).flatMap(date(fromTimestamp:)) }.first
        return AppStatus.Deployment(
            commit: commit.map { String($0.prefix(7)) }, date: date, buildTime: nil,
            phase: d.string("phase").flatMap(nonEmpty), cause: d.string("cause").flatMap(nonEmpty))
    }

    /// "2021-07-08T08:11:48Z" → 2021-07-08; Go's zero time ("0001-01-01T…") is no date.
    static func date(fromTimestamp text: String) -> DateValue? {
        guard let date = DateValue(String(text.prefix(10))), date.year > 1 else { return nil }
        return date
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// `default_ingress` is a full URL in real output and a bare host in some fixtures.
    static func ingressURL(_ text: String) -> String {
        text.contains("://") ? text : "https://\(text)"
    }

    // MARK: Embedded specs

    /// Reads an embedded spec with the normal reader, reporting its problems as warnings.
    /// A problem found at an env value is reported at the env's key instead: doctl output is
    /// fetched from the account, not committed, and the printed source line must not show
    /// the value (doctl prints `"key"` and `"value"` on lines of their own).
    static func readSpec(_ node: YAMLNode, path: String, context: YAMLReadContext) -> AppSpec? {
        let diagnostics = context.diagnostics
        let scratch = DiagnosticBag()
        var spec = SpecReader.read(node, path: path, context: YAMLReadContext(sameDocumentAs: context, diagnostics: scratch))
        var keyOfValue: [SourceLocation: SourceLocation] = [:]
        for env in (spec?.envs ?? []) + (spec?.components.flatMap(\.envs) ?? []) {
            if let value = env.valueLocation { keyOfValue[value] = env.key.location }
        }
        for var d in scratch.diagnostics {
            d.location = keyOfValue[d.location] ?? d.location
            if d.severity == .error {
                let why = "the platform accepted this live spec, so Cartograph ignores what it cannot read"
                d = .warning(d.message, at: d.location, hint: d.hint.map { "\($0) (\(why))" } ?? why)
            }
            d.isAboutLiveSpec = true
            diagnostics.append(d)
        }
        spec?.isFromDoctl = true
        return spec
    }

    /// The specs a map is built from: a spec from a spec file outranks a doctl-embedded spec
    /// of the same app name, and of two doctl-embedded specs the later one wins (in its
    /// place). Specs from files are returned untouched, duplicates and all.
    static func preferringSpecFiles(_ specs: [AppSpec]) -> [AppSpec] {
        // Without doctl output every spec stays: the sets below would be made for nothing.
        guard specs.contains(where: \.isFromDoctl) else { return specs }
        let fromFiles = Set(specs.filter { !$0.isFromDoctl }.compactMap { $0.name?.value })
        var lastLive: [String: Int] = [:]
        for (index, spec) in specs.enumerated() where spec.isFromDoctl {
            if let name = spec.name?.value { lastLive[name] = index }
        }
        return specs.enumerated().filter { index, spec in
            guard spec.isFromDoctl, let name = spec.name?.value else { return true }
            return !fromFiles.contains(name) && lastLive[name] == index
        }.map(\.element)
    }

    // MARK: Lenient reading

    /// A JSON object read leniently: unknown keys are ignored, a known key holding the wrong
    /// kind of value is a warning and reads as absent.
    struct Object {
        let node: YAMLNode
        let context: YAMLReadContext
        private let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]

        init?(_ node: YAMLNode, context: YAMLReadContext) {
            guard case .mapping(let mapping) = node else { return nil }
            var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
            for (key, value) in mapping {
                guard context.spend(on: value) else { break }
                if case .scalar(let scalar) = key { entries.append((scalar.string, key, value)) }
            }
            self.node = node
            self.context = context
            self.entries = entries
        }

        package var keys: Set<String> { Set(entries.map(\.key)) }

        func value(_ key: String) -> YAMLNode? {
            entries.first { $0.key == key }.flatMap { $0.value.isNull ? nil : $0.value }
        }

        func location(of key: String) -> SourceLocation {
            (value(key) ?? entries.first { $0.key == key }?.keyNode).map(context.location(of:)) ?? context.location(of: node)
        }

        /// Any scalar as text (doctl writes strings; a number where a string was is read as written).
        func string(_ key: String) -> String? {
            guard let node = value(key) else { return nil }
            if case .scalar(let scalar) = node { return scalar.string }
            ignored(key, expected: "a string", found: node)
            return nil
        }

        /// A scalar, without a warning when it is something else (for fields that are
        /// objects today and were strings once, or the other way round).
        func scalarString(_ key: String) -> String? {
            guard let node = value(key), case .scalar(let scalar) = node else { return nil }
            return scalar.string
        }

        func object(_ key: String) -> Object? {
            guard let node = value(key) else { return nil }
            guard let object = Object(node, context: context) else {
                ignored(key, expected: "an object", found: node)
                return nil
            }
            return object
        }

        func objects(_ key: String) -> [Object] {
            guard let node = value(key) else { return [] }
            guard case .sequence(let sequence) = node else {
                ignored(key, expected: "a list", found: node)
                return []
            }
            return sequence.compactMap { item in context.spend(on: item) ? Object(item, context: context) : nil }
        }

        /// The creation time as a sortable key ("2021-07-08T04:29:04"); empty when absent.
        var timestampKey: String { String((string("created_at") ?? "").prefix(19)) }

        func ignored(_ key: String, expected: String, found node: YAMLNode) {
            context.warning(
                "ignoring '\(key)' in doctl output: expected \(expected), found \(node.kindDescription)", at: node,
                hint: "the doctl output format may have changed; Cartograph reads the rest of the file")
        }
    }
}
