package import CartographModel
package import Foundation

/// Reads `cartograph.yaml` with located diagnostics.
package enum ConfigReader {
    package static let keys = [
        "title", "environment", "updated", "platform", "specs", "status", "pages", "templates", "output", "diagram",
        "pricing", "scenarios", "external", "base_url", "allow_raw_html", "ignore",
    ]

    package static func read(_ data: Data, path: String, diagnostics: DiagnosticBag) -> (Config, String) {
        var config = Config()
        config.file = path
        let document = YAMLLoader.load(data, path: path, diagnostics: diagnostics)
        guard let root = document.root else { return (config, document.text) }
        let context = YAMLReadContext(file: path, diagnostics: diagnostics, text: document.text)
        guard let r = MappingReader(root, what: "config", context: context) else { return (config, document.text) }
        r.rejectUnknownKeys(keys, hints: ["spec": "specs", "price": "pricing", "prices": "pricing", "externals": "external"])
        if let title = r.string("title") { config.title = title }
        config.environment = r.string("environment")
        config.updated = readDate(r, "updated")
        if let platform = r.string("platform") { config.platform = platform }
        if r.value("specs") != nil {
            let specs = locatedStringOrList(r, "specs")
            config.specs = specs.map(\.value)
            for (index, spec) in specs.enumerated() { config.locations[.specs(index)] = spec.location }
        }
        let status = locatedStringOrList(r, "status")
        config.status = status.map(\.value)
        for (index, path) in status.enumerated() { config.locations[.status(index)] = path.location }
        if let pages = r.located("pages") {
            config.pages = pages.value
            config.locations[.pages] = pages.location
        }
        if let templates = r.located("templates") {
            config.templates = templates.value
            config.locations[.templates] = templates.location
        }
        _ = r.mapping("output") { o in
            o.rejectUnknownKeys(["site", "markdown", "json", "inject", "check"])
            if let checked = o.enumeration("check", Config.CheckedOutputs.self, allowed: Config.CheckedOutputs.allCases) {
                config.checkedOutputs = checked
            }
            // Output paths are kept in one spelling (`./site/` is `site`), so every
            // command agrees on which written file is which.
            if let site = o.located("site") {
                config.siteOutput = ProjectPath.normalized(site.value)
                config.locations[.site] = site.location
            }
            if let markdown = o.located("markdown") {
                config.markdownOutput = ProjectPath.normalized(markdown.value)
                config.locations[.markdown] = markdown.location
            }
            if let json = o.located("json") {
                config.jsonOutput = ProjectPath.normalized(json.value)
                config.locations[.json] = json.location
            }
            let inject = locatedStringOrList(o, "inject")
            config.inject = inject.map { ProjectPath.normalized($0.value) }
            for (index, path) in inject.enumerated() { config.locations[.inject(index)] = path.location }
            return true
        }
        _ = r.mapping("diagram") { d in
            d.rejectUnknownKeys(["width", "ascii"])
            if let width = d.int("width", range: 40...200) { config.diagramWidth = width }
            if let ascii = d.bool("ascii") { config.diagramASCII = ascii }
            return true
        }
        _ = r.mapping("pricing") { p in
            for key in p.keys {
                guard let node = p.value(key), let money = p.money(key, what: "price of '\(key)'", example: "12 or 12.50") else {
                    continue
                }
                config.prices[key] = money
                config.priceLocations[key] = context.location(of: node)
            }
            return true
        }
        config.scenarios = r.list("scenarios", item: "scenario", readScenario)
        config.external = r.list("external", item: "external system", readExternal)
        config.baseURL = r.string("base_url")
        if let allow = r.bool("allow_raw_html") { config.allowRawHTML = allow }
        config.ignore = readIgnore(r)
        return (config, document.text)
    }

    /// `ignore:` entries, each a known code and optionally a path glob after a space.
    static func readIgnore(_ r: MappingReader) -> [Config.IgnoreRule] {
        r.locatedStrings("ignore").compactMap { entry in
            let parts = entry.value.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let code = parts.first, DiagnosticCode.named(code) != nil else {
                let codes = DiagnosticCode.all.map(\.id)
                r.context.diagnostics.error(
                    "unknown diagnostic code \((parts.first ?? "").quotedForMessage) in 'ignore'; write a code such as CG102, then optionally a path glob",
                    at: entry.location,
                    hint: Spelling().closest(to: parts.first ?? "", in: codes).map { "did you mean '\($0)'?" })
                return nil
            }
            return Config.IgnoreRule(code: code, path: parts.count > 1 && !parts[1].isEmpty ? ProjectPath.normalized(parts[1]) : nil)
        }
    }

    static func readDate(_ r: MappingReader, _ key: String) -> DateValue? {
        guard let text = r.located(key) else { return nil }
        guard let date = DateValue(text.value) else {
            r.context.diagnostics.error("'\(key)' must be a date written YYYY-MM-DD, found '\(text.value)'", at: text.location)
            return nil
        }
        return date
    }

    /// A field that takes one string or a list of them.
    static func stringOrList(_ r: MappingReader, _ key: String) -> [String] {
        locatedStringOrList(r, key).map(\.value)
    }

    static func locatedStringOrList(_ r: MappingReader, _ key: String) -> [Located<String>] {
        guard let node = r.value(key) else { return [] }
        if case .sequence = node { return r.locatedStrings(key) }
        return r.located(key).map { [$0] } ?? []
    }

    static func readScenario(_ r: MappingReader) -> Scenario? {
        r.rejectUnknownKeys(["name", "description", "trade_off", "apps", "components", "size", "resize"])
        guard let name = r.string("name") else {
            r.require("name")
            return nil
        }
        var s = Scenario(name: name, location: r.location)
        s.description = r.string("description")
        s.tradeOff = r.string("trade_off")
        s.apps = stringOrList(r, "apps")
        s.components = stringOrList(r, "components")
        s.size = r.string("size")
        _ = r.mapping("resize") { m in
            for key in m.keys { s.resize[key] = m.string(key) }
            return true
        }
        if s.size == nil, s.resize.isEmpty {
            r.context.diagnostics.error("scenario '\(name)' changes nothing: give 'size' or 'resize'", at: r.location)
        }
        return s
    }

    /// `details: [{ label: …, value: … }]`, as external systems and app statuses write it.
    static func readDetails(_ r: MappingReader) -> [ExternalSystem.Detail] {
        r.list("details", item: "detail") { d in
            d.rejectUnknownKeys(["label", "value"])
            guard let label = d.string("label"), let value = d.string("value") else {
                d.require("label")
                d.require("value")
                return nil
            }
            return ExternalSystem.Detail(label: label, value: value)
        }
    }

    static func readExternal(_ r: MappingReader) -> ExternalSystem? {
        r.rejectUnknownKeys(["name", "kind", "endpoint", "hosts", "region", "project", "url", "cost", "status", "usage", "details"])
        guard let name = r.string("name") else {
            r.require("name")
            return nil
        }
        var e = ExternalSystem(name: name, location: r.location)
        e.kind = r.string("kind")
        e.endpoint = r.string("endpoint")
        e.hosts = r.strings("hosts").map { $0.lowercased() }
        e.region = r.string("region")
        e.project = r.string("project")
        e.url = r.string("url")
        e.cost = r.string("cost")
        e.status = r.string("status")
        e.usage = r.strings("usage")
        e.details = readDetails(r)
        return e
    }
}
