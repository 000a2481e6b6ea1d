package import CartographModel

/// The map as JSON (`output.json`), written from the presentation: every key always present
/// (null when there is nothing), in a fixed order; numbers as numbers, money in integer
/// cents beside its words; env keys with scope and type, never a value. `cost --format json`
/// prints ``cost(_:)``, the same object the dump has under `cost`. README's "JSON" section
/// documents every key.
package enum MapJSON {
    /// Bumped when a key changes meaning or goes away; new keys may appear without it.
    static let schemaVersion = 1

    /// A JSON value with its object keys in the order written, so output is byte-stable.
    package indirect enum Value: Sendable {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    /// The whole map.
    package static func document(_ p: MapPresentation) -> Value {
        .object([
            ("cartograph_map", .int(schemaVersion)), ("title", .string(p.title)), ("environment", string(p.environment)),
            ("updated", string(p.updated?.description)), ("platform", .string(p.platform)),
            ("verified", string(p.verified?.description)), ("map_status", string(p.mapStatus)),
            ("next_review", string(p.nextReview)),
            (
                "sections",
                .array(
                    p.sections.map {
                        .object([("name", .string($0.injectionName)), ("slug", .string($0.slug)), ("heading", .string($0.heading))])
                    })
            ),
            ("apps", .array(p.apps.map(app))), ("cost", cost(p)), ("network", network(p)),
            ("commands", .array(p.commands.map { .object([("heading", .string($0.heading)), ("code", .string($0.code))]) })),
            (
                "monitoring",
                .object([
                    (
                        "health_checks",
                        .array(
                            p.monitoring.healthChecks.map {
                                .object([("app", .string($0.label)), ("text", .string(Span.plainText($0.value)))])
                            })
                    ),
                    (
                        "alerts",
                        .array(p.monitoring.alerts.map { .object([("state", .string($0.state.rawValue)), ("text", .string($0.text))]) })
                    ),
                ])
            ),
            (
                "questions",
                .object([
                    ("items", strings(p.questions.items)),
                    (
                        "verify",
                        .array(
                            p.questions.verify.map {
                                .object([("comment", string($0.comment.isEmpty ? nil : $0.comment)), ("command", .string($0.command))])
                            })
                    ),
                ])
            ),
        ])
    }

    /// What `cartograph cost --format json` prints: each app's cost with its components',
    /// the cost summary's rows, the totals and the scenarios.
    package static func cost(_ p: MapPresentation) -> Value {
        .object([
            ("currency", .string("USD")), ("prices_as_of", .string(p.costs.pricesAsOf)),
            (
                "apps",
                .array(
                    p.apps.map { app in
                        .object([
                            ("name", .string(app.name)), ("slug", .string(app.slug)), ("status", status(app)),
                            ("monthly", money(app.cost)), ("cost_text", .string(app.costText)),
                            ("scenarios", .array(app.scenarioCosts.map(scenarioAmount))),
                            ("components", .array(app.components.map(componentCost))),
                        ])
                    })
            ),
            (
                "rows",
                .array(
                    p.costs.rows.map { row in
                        .object([
                            ("name", .string(row.name)), ("text", .string(row.text)), ("monthly", row.cost.map(money) ?? .null),
                            ("status", string(row.health?.rawValue ?? row.statusText)), ("total", .bool(row.isTotal)),
                        ])
                    })
            ),
            ("totals", .object([("current", money(p.costs.current)), ("if_all_deployed", money(p.costs.ifAllDeployed))])),
            (
                "scenarios",
                .array(
                    p.costs.scenarios.map { s in
                        .object([
                            ("name", .string(s.name)), ("description", string(s.description)), ("trade_off", string(s.tradeOff)),
                            ("summary", .string(s.summary)), ("changes", strings(s.changes)),
                            (
                                "apps",
                                .array(
                                    s.apps.map {
                                        .object([
                                            ("name", .string($0.name)), ("baseline", money($0.baseline)), ("scenario", money($0.scenario)),
                                        ])
                                    })
                            ),
                            ("if_all_deployed", money(s.ifAllDeployed)),
                        ])
                    })
            ),
        ])
    }

    static func app(_ app: MapPresentation.AppEntry) -> Value {
        let region: Value =
            app.region.map {
                .object([
                    ("slug", .string($0.rawValue)), ("data_center", .string($0.dataCenter)), ("name", .string($0.name)),
                    ("title", .string($0.title)),
                ])
            } ?? .null
        let source: Value =
            app.source.map {
                .object([
                    ("kind", .string($0.kind.rawValue)), ("reference", .string($0.reference)), ("branch", string($0.branch)),
                    ("deploy_on_push", $0.deployOnPush.map(Value.bool) ?? .null),
                ])
            } ?? .null
        let deployment: Value =
            app.deployment.map {
                .object([
                    ("commit", string($0.commit)), ("date", string($0.date?.description)), ("build_time", string($0.buildTime)),
                    ("phase", string($0.phase)), ("text", .string($0.text)),
                ])
            } ?? .null
        let runbook: Value = app.runbook.map { .object([("title", .string($0.title)), ("slug", .string($0.slug))]) } ?? .null
        let facts: [(String, Value)] = [
            ("name", .string(app.name)), ("slug", .string(app.slug)), ("has_spec", .bool(app.hasSpec)), ("status", status(app)),
            ("note", string(app.note)), ("notes", strings(app.notes)), ("region", region), ("url", string(app.url)),
            ("monthly", money(app.cost)), ("cost_text", .string(app.costText)),
            ("scenarios", .array(app.scenarioCosts.map(scenarioAmount))), ("spec_file", string(app.specFile)), ("source", source),
            ("deployment", deployment), ("stack", string(app.stack)), ("details", .array(app.details.map(detail))),
        ]
        let parts: [(String, Value)] = [
            ("components", .array(app.components.map(component))), ("routes", .array(app.routes.map(route))),
            ("health_checks", .array(app.healthChecks.map(healthCheck))), ("alerts", .array(app.alerts.map(alert))),
            ("dependencies", .array(app.dependencies.map(dependency))), ("domains", .array(app.domains.map(domain))),
            ("env", .array(app.envKeys.map(envKey))), ("static_ips", strings(app.staticIPs)),
        ]
        let state: [(String, Value)] = [
            ("checklist", .array(app.checklist.map(checklistItem))), ("features", strings(app.features)),
            ("questions", strings(app.questions)), ("runbook", runbook), ("fields", .array(app.fields.map(field))),
            ("configuration", .array(app.configuration.map(field))),
        ]
        return .object(facts + parts + state)
    }

    static func detail(_ d: MapPresentation.Detail) -> Value {
        .object([("label", .string(d.label)), ("value", .string(d.value))])
    }

    static func route(_ r: MapPresentation.RouteEntry) -> Value {
        .object([("path", .string(r.path)), ("component", string(r.component)), ("origin", .string(r.origin))])
    }

    static func healthCheck(_ h: MapPresentation.HealthCheckEntry) -> Value {
        .object([
            ("component", .string(h.component)), ("path", string(h.path)), ("port", int(h.port)),
            ("initial_delay_seconds", int(h.initialDelaySeconds)), ("period_seconds", int(h.periodSeconds)),
            ("liveness", .bool(h.isLiveness)),
        ])
    }

    static func alert(_ a: MapPresentation.AlertEntry) -> Value {
        .object([
            ("rule", .string(a.rule)), ("threshold", string(a.threshold)), ("window", string(a.window)), ("enabled", .bool(a.isEnabled)),
        ])
    }

    static func dependency(_ d: MapPresentation.DependencyEntry) -> Value {
        .object([
            ("kind", .string(d.kind.rawValue)), ("target", .string(d.target)), ("keys", strings(d.keys)), ("used_by", strings(d.users)),
            ("source_control", .bool(d.isSourceControl)), ("text", .string(d.text)),
        ])
    }

    static func domain(_ d: MapPresentation.DomainEntry) -> Value {
        .object([
            ("name", string(d.name)), ("origin", .string(d.fromSpec ? "spec" : "status")), ("provider", string(d.provider)),
            ("current", string(d.current)), ("planned", string(d.planned)),
        ])
    }

    /// Key, scope, type and where it is set: an env value never reaches the presentation.
    static func envKey(_ e: MapPresentation.EnvKeyEntry) -> Value {
        .object([("key", .string(e.key)), ("scope", .string(e.scope)), ("type", .string(e.type)), ("set_on", .string(e.owner))])
    }

    static func checklistItem(_ item: ChecklistItem) -> Value {
        .object([("label", .string(item.label)), ("state", .string(item.state.rawValue)), ("note", string(item.note))])
    }

    /// A component as the cost slice has it.
    static func componentCost(_ c: MapPresentation.ComponentEntry) -> Value {
        .object(costKeys(c))
    }

    /// A component with everything the map knows of it: its cost keys, then the rest.
    static func component(_ c: MapPresentation.ComponentEntry) -> Value {
        .object(
            costKeys(c) + [
                ("source", string(c.source)), ("state", string(c.state)), ("cpu", string(c.cpu)), ("memory", string(c.memory)),
                ("purpose", string(c.purpose)), ("http_port", int(c.httpPort)), ("dockerfile", string(c.dockerfile)),
            ])
    }

    static func costKeys(_ c: MapPresentation.ComponentEntry) -> [(String, Value)] {
        [
            ("name", .string(c.name)), ("kind", .string(c.kind)), ("size", string(c.effectiveSlug)),
            ("default_size", .bool(c.sizeSlug == nil && c.effectiveSlug != nil)),
            ("instances", .object([("min", .int(c.instances.lowerBound)), ("max", .int(c.instances.upperBound))])),
            ("monthly", money(c.cost)), ("basis", .string(c.costBasis)),
        ]
    }

    static func network(_ p: MapPresentation) -> Value {
        let n = p.network
        return .object([
            (
                "endpoints",
                .array(
                    n.endpoints.map {
                        .object([
                            ("app", .string($0.app)), ("label", .string($0.label)), ("url", .string($0.url)), ("type", string($0.type)),
                            ("health", .string($0.health.rawValue)),
                        ])
                    })
            ),
            ("static_ips", .array(n.staticIPs.map { .object([("app", .string($0.app)), ("addresses", strings($0.addresses))]) })),
            (
                "external",
                .array(
                    n.externals.map { e in
                        .object([
                            ("name", .string(e.name)), ("kind", string(e.kind)), ("endpoint", string(e.endpoint)), ("url", string(e.url)),
                            ("region", string(e.region)), ("project", string(e.project)), ("cost", string(e.cost)),
                            ("status", string(e.status)), ("usage", strings(e.usage)),
                            ("details", .array(e.details.map { .object([("label", .string($0.label)), ("value", .string($0.value))]) })),
                            ("used_by", strings(e.users)),
                        ])
                    })
            ),
        ])
    }

    static func status(_ app: MapPresentation.AppEntry) -> Value {
        .object([("health", .string(app.health.rawValue)), ("word", .string(app.health.title)), ("note", string(app.statusNote))])
    }

    /// Integer cents, the unknown parts and whether any part is an estimate, then the words.
    static func money(_ cost: Cost) -> Value {
        .object([
            ("low_cents", .int(cost.low.cents)), ("high_cents", .int(cost.high.cents)), ("unknown_parts", .int(cost.unknownParts)),
            ("estimated", .bool(cost.isEstimate)), ("text", .string(cost.perMonth)),
        ])
    }

    static func scenarioAmount(_ amount: MapPresentation.ScenarioAmount) -> Value {
        .object([("scenario", .string(amount.scenario)), ("monthly", money(amount.cost))])
    }

    static func field(_ field: MapPresentation.Field) -> Value {
        .object([("label", .string(field.label)), ("text", .string(Span.plainText(field.value)))])
    }

    static func string(_ text: String?) -> Value { text.map(Value.string) ?? .null }
    static func int(_ number: Int?) -> Value { number.map(Value.int) ?? .null }
    static func strings(_ texts: [String]) -> Value { .array(texts.map(Value.string)) }

    // MARK: Writing

    /// `value` as indented JSON (two spaces, keys in order), ending in a newline.
    package static func text(_ value: Value) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out + "\n"
    }

    static func write(_ value: Value, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            for (index, (key, member)) in members.enumerated() {
                out += inner
                quote(key, into: &out)
                out += ": "
                write(member, indent: inner, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                write(item, indent: inner, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let text): quote(text, into: &out)
        case .int(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A JSON string; control characters and the line separators that end a JavaScript
    /// line escaped, everything else as UTF-8.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
