package import CartographModel
package import Foundation

/// Reads a YAML status file with located diagnostics.
package enum StatusReader {
    package static let keys = ["verified", "map_status", "next_review", "apps", "questions", "verify", "alerting"]
    package static let appKeys = [
        "status", "status_note", "note", "notes", "url", "endpoint_type", "endpoint_label", "static_ips", "stack",
        "buildpacks", "deployment", "components", "estimated_monthly_cost", "questions", "checklist", "features",
        "details", "spec_path", "deploy_script", "health_observed", "domain",
    ]

    package static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (Status, String) {
        read(YAMLLoader.load(data, path: path, diagnostics: diagnostics), path: path, diagnostics: diagnostics)
    }

    /// Reads a status file already parsed (by ``DoctlStatusReader``, which found it is not doctl output).
    static func read(_ document: YAMLLoader.Document, path: String, diagnostics: DiagnosticBag) -> (Status, String) {
        var status = Status()
        guard let root = document.root else { return (status, document.text) }
        let context = YAMLReadContext(file: path, diagnostics: diagnostics, text: document.text)
        guard let r = MappingReader(root, what: "status file", context: context) else { return (status, document.text) }
        r.rejectUnknownKeys(keys)
        status.verified = ConfigReader.readDate(r, "verified")
        status.mapStatus = r.string("map_status")
        status.nextReview = r.string("next_review")
        status.questions = r.strings("questions")
        status.verifyCommands = r.list("verify", item: "verify command") { c in
            c.rejectUnknownKeys(["comment", "command"])
            c.require("command")
            return c.string("command").map { Status.Command(comment: c.string("comment") ?? "", command: $0) }
        }
        status.alerting = r.list("alerting", item: "alerting item", readChecklistItem)
        _ = r.mapping("apps") { apps in
            // Room for every app at once: the dictionary of a thousand grew and rehashed ten times.
            let names = apps.keys
            status.apps.reserveCapacity(names.count)
            status.appOrder.reserveCapacity(names.count)
            for name in names {
                guard let node = apps.value(name) else { continue }
                let keyLocation = apps.location(of: name)
                guard let a = MappingReader(node, what: "status of '\(name)'", context: context, depth: 2) else { continue }
                let app = readApp(a, name: name, location: keyLocation)
                status.apps[name] = app
                status.appOrder.append(name)
            }
            return true
        }
        return (status, document.text)
    }

    /// Made once: a literal made its dictionary for every app.
    static let appKeyHints = ["static_ip": "static_ips", "ips": "static_ips", "cost": "estimated_monthly_cost"]

    static func readApp(_ r: MappingReader, name: String, location: SourceLocation) -> AppStatus {
        r.rejectUnknownKeys(appKeys, hints: appKeyHints)
        var app = AppStatus(name: name, location: location)
        app.health = r.enumeration("status", Health.self, allowed: Health.allCases)
        app.statusNote = r.string("status_note")
        app.note = r.string("note")
        app.notes = r.strings("notes")
        app.url = r.string("url")
        app.endpointType = r.string("endpoint_type")
        app.endpointLabel = r.string("endpoint_label")
        app.staticIPs = r.locatedStrings("static_ips").compactMap { ip in
            guard isIPAddress(ip.value) else {
                r.context.diagnostics.error("'\(ip.value)' is not an IP address", at: ip.location)
                return nil
            }
            return ip.value
        }
        app.stack = r.string("stack")
        app.buildpacks = r.strings("buildpacks")
        app.deployment = r.mapping("deployment") { d in
            d.rejectUnknownKeys(["commit", "date", "build_time", "phase", "cause"])
            return AppStatus.Deployment(
                commit: d.string("commit"), date: ConfigReader.readDate(d, "date"), buildTime: d.string("build_time"),
                phase: d.string("phase"), cause: d.string("cause"))
        }
        _ = r.mapping("components") { components in
            for component in components.keys {
                guard let node = components.value(component),
                    let c = MappingReader(node, what: "status of component '\(component)'", context: r.context, depth: 4)
                else { continue }
                c.rejectUnknownKeys(["status", "cpu", "memory", "purpose"])
                app.components[component] = ComponentStatus(
                    status: c.string("status"), cpu: scalarText(c, "cpu"), memory: scalarText(c, "memory"),
                    purpose: c.string("purpose"))
                app.componentLocations[component] = components.location(of: component)
            }
            return true
        }
        app.estimatedMonthlyCost = r.money("estimated_monthly_cost", what: "'estimated_monthly_cost'", example: "5 or 5.50")
        app.questions = r.strings("questions")
        app.checklist = r.list("checklist", item: "checklist item", readChecklistItem)
        app.features = r.strings("features")
        app.details = ConfigReader.readDetails(r)
        app.specPath = r.string("spec_path")
        app.deployScript = r.string("deploy_script")
        app.healthObserved = r.string("health_observed")
        app.domain = r.mapping("domain") { d in
            d.rejectUnknownKeys(["name", "provider", "current", "planned"])
            return AppStatus.DomainStatus(
                name: d.string("name"), provider: d.string("provider"), current: d.string("current"), planned: d.string("planned"))
        }
        return app
    }

    static func readChecklistItem(_ r: MappingReader) -> ChecklistItem? {
        r.rejectUnknownKeys(["item", "state", "note"])
        guard let label = r.string("item") else {
            r.require("item")
            return nil
        }
        let state = r.enumeration("state", ChecklistItem.State.self, allowed: ChecklistItem.State.allCases) ?? .unknown
        return ChecklistItem(label: label, state: state, note: r.string("note"))
    }

    /// "2%" or 2 both read as text.
    static func scalarText(_ r: MappingReader, _ key: String) -> String? {
        guard let node = r.value(key) else { return nil }
        if case .scalar(let scalar) = node { return scalar.string }
        r.context.error("'\(key)' must be a value such as 2%, found \(node.kindDescription)", at: node)
        return nil
    }

    static func isIPAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 { return parts.allSatisfy { Int($0).map { (0...255).contains($0) } ?? false && $0.count <= 3 } }
        return text.contains(":") && text.allSatisfy { $0.isHexDigit || $0 == ":" }
    }
}
