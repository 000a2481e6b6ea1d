import Foundation
import Testing

@testable import CartographInput
@testable import CartographModel

/// The spec reader pays its node budget in sums and compares a few names or keys with each
/// other rather than hashing them; each must report what the general way reported, for
/// generated specs that are mostly the uncommon case (repeated names, a budget that runs out).
@Suite("Spec reader fast paths")
struct SpecReaderFastPathTests {
    typealias Generator = YAMLPrescanTests.Generator

    static let names = ["api", "web", "db", "worker", "API", "x", "w\u{212A}", "wK"]
    static let keys = ["LOG", "DB_PASSWORD", "log", "K", "\u{212A}", "A_B"]

    /// A spec with a few components of every kind, each with a few envs and routes, names
    /// and keys drawn from small pools so that they repeat; some values are of the wrong kind.
    static func spec(using generator: inout Generator) -> String {
        func pick(_ pool: [String]) -> String { pool.randomElement(using: &generator) ?? "" }
        func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        var lines = ["name: app", "region: ams"]
        func envs(_ indent: String) {
            guard count(0...3) > 0 else { return }
            lines.append("\(indent)envs:")
            for _ in 0..<count(0...5) {
                lines.append("\(indent)  - key: \"\(pick(keys))\"")
                lines.append("\(indent)    value: \(pick(["info", "\"x\"", "3", "[a]", "{ b: c }"]))")
            }
        }
        envs("")
        for list in ["services", "workers", "jobs", "static_sites", "functions", "databases"] where count(0...2) > 0 {
            lines.append("\(list):")
            for _ in 0..<count(0...6) {
                lines.append("  - name: \"\(pick(names))\"")
                if list == "databases" {
                    lines.append("    engine: PG")
                    continue
                }
                lines.append("    instance_count: \(pick(["1", "x", "[1]"]))")
                if count(0...1) == 1 { lines.append("    routes: [{ path: /\(pick(names)) }, { path: x }]") }
                if count(0...2) == 0 { lines.append("    internal_ports: [1, 2, a]") }
                envs("    ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What reading `text` gives: the spec, the diagnostics in order, and the budget left.
    static func read(_ text: String, budget: Int, inBulk: Bool) -> (AppSpec?, [Diagnostic], Int) {
        let bag = DiagnosticBag()
        guard case .success(let root?) = YAMLComposer.firstRoot(of: text) else { return (nil, [], 0) }
        let context = YAMLReadContext(file: "app.yaml", diagnostics: bag, text: text)
        context.nodesLeft = budget
        context.spendsInBulk = inBulk
        let spec = SpecReader.read(root, path: "app.yaml", context: context)
        return (spec, bag.diagnostics, context.nodesLeft)
    }

    /// For every budget from none to more than the spec needs, paying in sums reads what
    /// paying node by node read, and runs out at the same node.
    @Test func budgetPaidInSumsIsTheBudgetPaidNodeByNode() {
        var generator = Generator(state: 31)
        var ranOut = 0
        for _ in 0..<15 {
            let text = Self.spec(using: &generator)
            let needed = YAMLLoader.Limits.maxNodes - Self.read(text, budget: YAMLLoader.Limits.maxNodes, inBulk: false).2
            for budget in 0...needed + 1 {
                let (bulk, general) = (Self.read(text, budget: budget, inBulk: true), Self.read(text, budget: budget, inBulk: false))
                #expect(bulk.0 == general.0, "\(budget)\n\(text)")
                #expect(bulk.1 == general.1, "\(budget)\n\(text)")
                #expect(bulk.2 == general.2, "\(budget)\n\(text)")
                if general.1.contains(where: { $0.message.contains("refusing to read further") }) { ranOut += 1 }
            }
        }
        #expect(ranOut > 300)
    }

    /// A value read as a string by its style and first byte alone is what reading its node
    /// gave, without a diagnostic; most plain text and every quoted one is read so.
    @Test func evidentStringsAreTheStringsReadTheGeneralWay() {
        var generator = Generator(state: 33)
        var evident = 0
        for _ in 0..<20_000 {
            let text = FastPathTests.text(using: &generator)
            let escaped = "\"" + text.unicodeScalars.map { String(format: "\\U%08X", $0.value) }.joined() + "\""
            let written =
                [text, escaped, "'\(text)'", "!!str \(text)", "!!int \(text)", "&a \(text)"].randomElement(using: &generator) ?? text
            let yaml = "k: \(written)\nl: [\(written)]\n"
            guard case .success(.mapping(let mapping)?) = YAMLComposer.firstRoot(of: yaml) else { continue }
            let bag = DiagnosticBag()
            let context = YAMLReadContext(file: "app.yaml", diagnostics: bag, text: yaml)
            let general = mapping.valueIsNull(at: 0) ? nil : MappingReader.string(mapping.value(at: 0), field: "k", context: context)
            guard let fast = mapping.evidentString(at: 0) else { continue }
            #expect(fast == general && bag.diagnostics.isEmpty, "\(yaml.debugDescription)")
            if case .sequence(let list) = mapping.value(at: 1), list.count == 1 {
                #expect(list.evidentString(at: 0) == fast, "\(yaml.debugDescription)")
            }
            evident += 1
        }
        #expect(evident > 5000)
    }

    static func located(_ value: String, line: Int) -> Located<String> {
        Located(value, at: SourceLocation(file: "app.yaml", line: line, column: 3))
    }

    /// Names compared with those before them are the names a dictionary found repeated.
    @Test func namesComparedAreTheNamesHashed() {
        var generator = Generator(state: 32)
        var repeated = 0
        for _ in 0..<5000 {
            var spec = AppSpec(file: "app.yaml", location: .start(of: "app.yaml"))
            var line = 1
            func name() -> Located<String>? {
                line += 1
                return Int.random(in: 0..<6, using: &generator) == 0
                    ? nil : Self.located(Self.names.randomElement(using: &generator) ?? "", line: line)
            }
            var components: [ComponentSpec] = []
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                var component = ComponentSpec(
                    kind: ComponentKind.allCases.randomElement(using: &generator) ?? .service, location: .start(of: "app.yaml"))
                component.name = name()
                components.append(component)
            }
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                var database = DatabaseSpec(location: .start(of: "app.yaml"))
                database.name = name()
                spec.databases.append(database)
            }
            let (compared, hashed) = (DiagnosticBag(), DiagnosticBag())
            SpecRules.checkUniqueNames(spec, components: components, diagnostics: compared)
            SpecRules.checkUniqueNamesHashing(spec, components: components, diagnostics: hashed)
            #expect(compared.diagnostics == hashed.diagnostics)
            if !hashed.diagnostics.isEmpty { repeated += 1 }

            let envs = (0..<Int.random(in: 0...20, using: &generator)).map { index in
                EnvVar(key: Self.located(Self.keys.randomElement(using: &generator) ?? "", line: index + 1))
            }
            let (envsCompared, envsHashed) = (DiagnosticBag(), DiagnosticBag())
            SpecRules.checkDuplicateEnvKeys(envs, owner: "'api'", diagnostics: envsCompared)
            SpecRules.checkDuplicateEnvKeysHashing(envs, owner: "'api'", diagnostics: envsHashed)
            #expect(envsCompared.diagnostics == envsHashed.diagnostics)
        }
        #expect(repeated > 2000)
    }

    /// One warning per legacy slug, found by comparing each use with the others, is what a
    /// set of the slugs reported and a count of every use gave.
    @Test func legacySlugWarningsAreTheWarningsCounted() {
        let slugs = ["basic-xs", "basic-xxs", "professional-xs", "apps-s-1vcpu-1gb", "basic-m", "x", "basic-xs\u{301}"]
        var generator = Generator(state: 35)
        var several = 0
        for _ in 0..<5000 {
            let components = (0..<Int.random(in: 0...12, using: &generator)).map { index in
                var component = ComponentSpec(kind: .service, location: .start(of: "app.yaml"))
                if Int.random(in: 0..<4, using: &generator) > 0 {
                    component.instanceSizeSlug = Self.located(slugs.randomElement(using: &generator) ?? "", line: index + 1)
                }
                return component
            }
            let (compared, counted) = (DiagnosticBag(), DiagnosticBag())
            SpecRules.checkLegacySlugs(components, diagnostics: compared)
            Self.checkLegacySlugsCounting(components, diagnostics: counted)
            #expect(compared.diagnostics == counted.diagnostics)
            if counted.diagnostics.count > 1 { several += 1 }
        }
        #expect(several > 1000)
    }

    /// ``SpecRules/checkLegacySlugs(_:diagnostics:)`` as it was: the uses collected, the
    /// slugs reported kept in a set, each slug's uses counted among all.
    static func checkLegacySlugsCounting(_ components: [ComponentSpec], diagnostics: DiagnosticBag) {
        let uses = components.compactMap(\.instanceSizeSlug)
        var reported = Set<String>()
        for slug in uses where !reported.contains(slug.value) {
            guard let replacement = PriceTable.legacyReplacement(for: slug.value) else { continue }
            reported.insert(slug.value)
            let others = uses.count { $0.value == slug.value } - 1
            let more = others == 0 ? "" : " (used \(others) more time\(others == 1 ? "" : "s") in this spec)"
            diagnostics.warning(
                "instance size '\(slug.value)' is a legacy slug\(more)", at: slug.location,
                hint: "use '\(replacement)', its current equivalent")
        }
    }
}
