package import CartographModel
import Foundation

/// Rules that span several fields of a spec: names, uniqueness, references.
enum SpecRules {
    /// App and component names: `^[a-z][a-z0-9-]{0,30}[a-z0-9]$` (2 to 32 characters).
    static func isValidName(_ name: String) -> Bool {
        // The length first, without copying: a name can be a megabyte long.
        guard name.utf8.count <= 32 * 4 else { return false }
        let scalars = Array(name.unicodeScalars)
        guard (2...32).contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
        func lower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
        func digit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        return lower(first) && (lower(last) || digit(last))
            && scalars.allSatisfy { lower($0) || digit($0) || $0 == "-" }
    }

    /// The longest name read beyond its own error: twice DigitalOcean's 32 characters, so a
    /// long invalid name still shows where it is used, while a name of a megabyte goes no
    /// further than its error (no suggestion, page path or diagram box ever handles it).
    static let maxCarriedNameLength = 64

    /// Reports an invalid name; returns the name, or nil for one longer than
    /// ``maxCarriedNameLength``.
    static func checkName(_ name: Located<String>, what: String, diagnostics: DiagnosticBag) -> Located<String>? {
        guard !isValidName(name.value) else { return name }
        let suggestion = suggestedName(for: name.value)
        diagnostics.error(
            "invalid \(what) \(name.value.quotedForMessage): use 2 to 32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash",
            at: name.location, hint: suggestion.map { "for example '\($0)'" })
        let short = name.value.utf8.count <= maxCarriedNameLength || name.value.unicodeScalars.count <= maxCarriedNameLength
        return short ? name : nil
    }

    /// A valid name made from `name`: lowercase ASCII letters and digits kept, everything
    /// else a dash, from the first letter, at most 32 characters, no dash at the end.
    /// One pass over the name, stopping once 32 characters are collected.
    static func suggestedName(for name: String) -> String? {
        var out: [UInt8] = []
        for character in name {
            let byte = character.asciiValue.map { ("A"..."Z").contains(character) ? $0 + 32 : $0 }
            let isLetter = byte.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } ?? false
            let isDigit = byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
            if out.isEmpty, !isLetter { continue }
            out.append(isLetter || isDigit ? byte ?? UInt8(ascii: "-") : UInt8(ascii: "-"))
            if out.count == 32 { break }
        }
        while out.last == UInt8(ascii: "-") { out.removeLast() }
        let suggestion = String(decoding: out, as: UTF8.self)
        return isValidName(suggestion) ? suggestion : nil
    }

    /// Component names must be unique across all kinds in an app, databases included.
    /// The most names or keys compared each with those before it rather than hashed: an
    /// app has a few components and each a few envs, and a dictionary costs more than the
    /// comparisons until there are a dozen or so.
    static let largestCompared = 16

    static func checkUniqueNames(_ spec: AppSpec, components: [ComponentSpec], diagnostics: DiagnosticBag) {
        let count = components.count + spec.databases.count
        guard count > largestCompared else {
            func nameAt(_ index: Int) -> Located<String>? {
                index < components.count ? components[index].name : spec.databases[index - components.count].name
            }
            for index in 0..<count {
                guard let name = nameAt(index) else { continue }
                guard let earlier = (0..<index).first(where: { nameAt($0)?.value == name.value }), let location = nameAt(earlier)?.location
                else { continue }
                let kind = earlier < components.count ? components[earlier].kind.listKey : "databases"
                diagnostics.error(
                    "component name '\(name.value)' is already used by \(kind) at line \(location.line); names must be unique across all components of an app",
                    at: name.location)
            }
            return
        }
        checkUniqueNamesHashing(spec, components: components, diagnostics: diagnostics)
    }

    /// ``checkUniqueNames(_:components:diagnostics:)`` through a dictionary of the names seen.
    static func checkUniqueNamesHashing(_ spec: AppSpec, components: [ComponentSpec], diagnostics: DiagnosticBag) {
        var first: [String: (kind: String, location: SourceLocation)] = [:]
        let named =
            components.compactMap { c in c.name.map { ($0, c.kind.listKey) } }
            + spec.databases.compactMap { d in d.name.map { ($0, "databases") } }
        for (name, kind) in named {
            if let earlier = first[name.value] {
                diagnostics.error(
                    "component name '\(name.value)' is already used by \(earlier.kind) at line \(earlier.location.line); names must be unique across all components of an app",
                    at: name.location)
            } else {
                first[name.value] = (kind, name.location)
            }
        }
    }

    /// One warning per legacy slug per spec, at its first use, counting the others: a spec
    /// written before 2024 uses the same slug everywhere, and five identical warnings say
    /// no more than one.
    static func checkLegacySlugs(_ components: [ComponentSpec], diagnostics: DiagnosticBag) {
        // Each slug's uses compared with the components before and after it, in place: an
        // app has a few components, and a set of the reported slugs and a list of every use,
        // made for the one warning nearly every generated spec gets, cost more than the rest.
        for index in components.indices {
            guard let slug = components[index].instanceSizeSlug, let replacement = PriceTable.legacyReplacement(for: slug.value),
                !components[..<index].contains(where: { $0.instanceSizeSlug?.value == slug.value })
            else { continue }
            let others = components[(index + 1)...].count { $0.instanceSizeSlug?.value == slug.value }
            let more = others == 0 ? "" : " (used \(others) more time\(others == 1 ? "" : "s") in this spec)"
            diagnostics.warning(
                "instance size '\(slug.value)' is a legacy slug\(more)", at: slug.location,
                hint: "use '\(replacement)', its current equivalent")
        }
    }

    /// Duplicate env keys in one list: the later value silently wins.
    static func checkDuplicateEnvKeys(_ envs: [EnvVar], owner: @autoclosure () -> String, diagnostics: DiagnosticBag) {
        guard envs.count > largestCompared else {
            for index in envs.indices {
                let key = envs[index].key
                guard let earlier = envs[..<index].firstIndex(where: { $0.key.value == key.value }) else { continue }
                diagnostics.warning(
                    "env '\(key.value)' of \(owner()) is already set at line \(envs[earlier].key.location.line); the later value wins",
                    at: key.location)
            }
            return
        }
        checkDuplicateEnvKeysHashing(envs, owner: owner(), diagnostics: diagnostics)
    }

    /// ``checkDuplicateEnvKeys(_:owner:diagnostics:)`` through a dictionary of the keys seen.
    static func checkDuplicateEnvKeysHashing(_ envs: [EnvVar], owner: @autoclosure () -> String, diagnostics: DiagnosticBag) {
        var seen: [String: SourceLocation] = [:]
        for env in envs {
            if let earlier = seen[env.key.value] {
                diagnostics.warning(
                    "env '\(env.key.value)' of \(owner()) is already set at line \(earlier.line); the later value wins",
                    at: env.key.location)
            } else {
                seen[env.key.value] = env.key.location
            }
        }
    }

    /// Ingress rules must route to components that exist; legacy route paths must be unique.
    static func checkIngress(_ spec: AppSpec, components: [ComponentSpec], diagnostics: DiagnosticBag, spelling: Spelling) {
        let names = Set(components.compactMap { $0.name?.value })
        for rule in spec.ingress?.rules ?? [] {
            if let target = rule.componentName, !names.contains(target.value) {
                // Sorted only for a hint: most rules name a component.
                diagnostics.error(
                    "ingress rule routes to \(target.value.quotedForMessage), which is not a component of this app", at: target.location,
                    hint: spelling.closest(to: target.value, in: names.sorted()).map { "did you mean '\($0)'?" })
            }
            if let path = rule.path, !path.hasPrefix("/") {
                diagnostics.error("ingress path '\(path)' must start with '/'", at: rule.location)
            }
        }
        var seen: [String: SourceLocation] = [:]
        for component in components {
            for route in component.routes {
                guard let path = route.path else { continue }
                if !path.value.hasPrefix("/") {
                    diagnostics.error("route path '\(path.value)' must start with '/'", at: path.location)
                } else if let earlier = seen[path.value] {
                    diagnostics.error(
                        "route path '\(path.value)' is already used at line \(earlier.line); paths must be unique across the app",
                        at: path.location)
                } else {
                    seen[path.value] = path.location
                }
            }
        }
    }

    static func isValidDomain(_ domain: String) -> Bool {
        domain.count >= 4 && domain.count <= 253
            && domain.range(of: #"^((xn--)?[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*\.)+[a-zA-Z]{2,}\.?$"#, options: .regularExpression) != nil
    }

    static let alertRules = [
        "UNSPECIFIED_RULE", "CPU_UTILIZATION", "MEM_UTILIZATION", "RESTART_COUNT", "DEPLOYMENT_FAILED",
        "DEPLOYMENT_LIVE", "DEPLOYMENT_STARTED", "DEPLOYMENT_CANCELED", "DOMAIN_FAILED", "DOMAIN_LIVE",
        "AUTOSCALE_FAILED", "AUTOSCALE_SUCCEEDED", "JOB_INVOCATION_FAILED", "FUNCTIONS_ACTIVATION_COUNT",
        "FUNCTIONS_AVERAGE_DURATION_MS", "FUNCTIONS_ERROR_RATE_PER_MINUTE", "FUNCTIONS_AVERAGE_WAIT_TIME_MS",
        "FUNCTIONS_ERROR_COUNT", "FUNCTIONS_GB_RATE_PER_SECOND", "REQUESTS_PER_SECOND", "REQUEST_DURATION_P95_MS",
    ]
}
