import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Builds a map from specs and optional config/status text, all in memory.
func buildMap(specs: [String], config: String = "title: T\n", status: String? = nil) -> (InfraMap, [Diagnostic]) {
    let bag = DiagnosticBag()
    let (cfg, _) = ConfigReader.read(Data(config.utf8), path: "cartograph.yaml", diagnostics: bag)
    let parsed = specs.enumerated().compactMap { index, yaml in
        SpecReader.read(Data(yaml.utf8), path: "spec\(index).yaml", diagnostics: bag).0
    }
    let st = status.map { StatusReader.read(Data($0.utf8), path: "status.yaml", diagnostics: bag).0 } ?? Status()
    let builder = MapBuilder(config: cfg, specs: parsed, status: st, diagnostics: bag)
    builder.checkSlugs()
    return (builder.build(), bag.sorted)
}

@Suite("Costs")
struct CostTests {
    @Test func moneyIsExactCents() {
        #expect(Money(parsing: "12")?.cents == 1200)
        #expect(Money(parsing: "12.5")?.cents == 1250)
        #expect(Money(parsing: "$0.07")?.cents == 7)
        #expect(Money(parsing: "1.234") == nil)
        #expect(Money(parsing: "abc") == nil)
        #expect(Money(cents: 1250).description == "$12.50")
        #expect(Money(dollars: 1234).description == "$1,234")
        // 0.1 + 0.2 in floating point is not 0.3; in cents it is.
        #expect(Money(parsing: "0.1")! + Money(parsing: "0.2")! == Money(parsing: "0.3")!)
    }

    @Test func theSeedsNumbersFromTheExample() throws {
        let (map, diagnostics) = loadExample()
        #expect(!diagnostics.contains { $0.severity == .error })
        let costs = Dictionary(uniqueKeysWithValues: map.apps.map { ($0.name, $0.cost) })
        #expect(costs["pulse-hub-web"] == .exactly(Money(dollars: 5)))
        #expect(costs["superset-analytics"] == .exactly(Money(dollars: 27)))
        #expect(costs["pulser-hub-mcp"] == .estimate(Money(dollars: 5)))
        #expect(map.costs.ifAllDeployed.low == Money(dollars: 37))
        #expect(map.costs.ifAllDeployed.isEstimate)
        #expect(map.costs.current == .exactly(Money(dollars: 5)))
        let budget = try #require(map.costs.scenarios.first)
        #expect(budget.scenario.name == "Superset budget mode")
        #expect(budget.apps.map(\.name) == ["superset-analytics"])
        #expect(budget.apps.first?.scenario == .exactly(Money(dollars: 20)))
        #expect(budget.ifAllDeployed.low == Money(dollars: 30))
    }

    @Test func overrideWarnsWhenItDiffersFromThePublishedPrice() {
        let (_, diagnostics) = loadExample()
        let warning = diagnostics.first { $0.location.file == "cartograph.yaml" }
        #expect(warning?.message == "price of 'basic-xs' is set to $12; DigitalOcean's published price is $10 (as of 2024-05-07)")
        #expect(warning?.severity == .warning)
    }

    @Test func publishedPriceWithoutOverride() {
        let (map, _) = buildMap(specs: ["name: a\nservices:\n  - name: web\n    instance_size_slug: basic-xs\n"])
        #expect(map.apps[0].cost == .exactly(Money(dollars: 10)))
    }

    @Test func defaultSlugWhenNoneIsGiven() {
        let (map, _) = buildMap(specs: ["name: a\nservices:\n  - name: web\n    instance_count: 3\n"])
        #expect(map.apps[0].cost == .exactly(Money(dollars: 15)))
        #expect(map.apps[0].components[0].effectiveSlug == "apps-s-1vcpu-0.5gb")
    }

    @Test func autoscalingIsARange() {
        let (map, _) = buildMap(specs: [
            """
            name: a
            services:
              - name: web
                instance_size_slug: apps-d-1vcpu-1gb
                autoscaling: { min_instance_count: 2, max_instance_count: 5, metrics: { cpu: { percent: 70 } } }
            """
        ])
        let cost = map.apps[0].cost
        #expect(cost.low == Money(dollars: 68))
        #expect(cost.high == Money(dollars: 170))
        #expect(cost.amount == "$68–$170")
        #expect(map.apps[0].components[0].instancesText == "2–5")
    }

    @Test func unknownSlugIsUnknownNeverZero() {
        let (map, diagnostics) = buildMap(specs: [
            "name: a\nservices:\n  - name: web\n    instance_size_slug: apps-s-9vcpu\n  - name: api\n    instance_size_slug: basic-xxs\n"
        ])
        let cost = map.apps[0].cost
        #expect(cost.unknownParts == 1)
        #expect(cost.low == Money(dollars: 5))
        #expect(cost.amount == "$5 + unknown")
        #expect(diagnostics.contains { $0.message == "unknown instance size 'apps-s-9vcpu'; its cost is unknown" && $0.location.line == 4 })
        let (alone, _) = buildMap(specs: ["name: a\nservices:\n  - name: web\n    instance_size_slug: huge\n"])
        #expect(alone.apps[0].cost.amount == "unknown")
        #expect(alone.costs.ifAllDeployed.perMonth == "unknown")
    }

    @Test func overridePricesANewSlug() {
        let (map, _) = buildMap(
            specs: ["name: a\nservices:\n  - name: web\n    instance_size_slug: gpu-h100\n"],
            config: "pricing: { gpu-h100: 1499.99 }\n")
        #expect(map.apps[0].cost == .exactly(Money(cents: 149_999)))
    }

    @Test func staticSitesFunctionsAndDatabases() {
        let (map, _) = buildMap(specs: [
            """
            name: a
            static_sites:
              - name: site
            functions:
              - name: fn
            databases:
              - name: dev
                engine: PG
              - name: prod
                engine: PG
                production: true
                cluster_name: main-db
            jobs:
              - name: migrate
                kind: PRE_DEPLOY
              - name: nightly
                kind: SCHEDULED
                instance_size_slug: apps-s-1vcpu-1gb
            """
        ])
        let byName = Dictionary(uniqueKeysWithValues: map.apps[0].components.map { ($0.name, $0.cost) })
        #expect(byName["site"]?.cost == .zero)
        #expect(byName["site"]?.explanation == "free (static site)")
        #expect(byName["fn"]?.basis == .usageBased)
        #expect(byName["dev"]?.cost == .exactly(Money(dollars: 7)))
        #expect(byName["prod"]?.basis == .managedDatabase(cluster: "main-db"))
        #expect(byName["migrate"]?.basis == .usageBased)
        #expect(byName["nightly"]?.cost == .exactly(Money(dollars: 12)))
        #expect(map.apps[0].cost == .exactly(Money(dollars: 19)))
    }

    @Test func totalsSplitByStatus() {
        let (map, _) = buildMap(
            specs: ["name: a\nservices:\n  - name: web\n", "name: b\nservices:\n  - name: web\n    instance_count: 2\n"],
            status: "apps:\n  a: { status: healthy }\n  b: { status: pending }\n  c: { status: unverified, estimated_monthly_cost: 7.50 }\n"
        )
        #expect(map.apps.map(\.name) == ["a", "b", "c"])
        #expect(map.costs.current == .exactly(Money(dollars: 5)))
        #expect(map.costs.ifAllDeployed.low == Money(cents: 2250))
        #expect(map.costs.ifAllDeployed.perMonth == "$22.50/month (estimated)")
    }

    @Test func scenarioWithResizeMap() {
        let (map, _) = buildMap(
            specs: [
                "name: a\nservices:\n  - name: web\n    instance_size_slug: apps-s-1vcpu-2gb\n  - name: api\n    instance_size_slug: apps-s-1vcpu-1gb\n"
            ],
            config: "scenarios:\n  - name: Shrink\n    resize: { apps-s-1vcpu-2gb: apps-s-1vcpu-1gb }\n")
        let scenario = map.costs.scenarios[0]
        #expect(scenario.apps[0].baseline == .exactly(Money(dollars: 37)))
        #expect(scenario.apps[0].scenario == .exactly(Money(dollars: 24)))
        #expect(scenario.changes == ["a/web: apps-s-1vcpu-2gb → apps-s-1vcpu-1gb"])
    }

    @Test func scenarioNamingAMissingAppIsAnError() {
        let (_, diagnostics) = buildMap(
            specs: ["name: shop\nservices:\n  - name: web\n"],
            config: "scenarios:\n  - name: S\n    apps: [shpo]\n    size: basic-xxs\n")
        #expect(
            diagnostics.contains {
                $0.severity == .error && $0.message == "scenario 'S' names app 'shpo', which no spec or status defines"
                    && $0.hint == "did you mean 'shop'?"
            })
    }

    @Test func costCommandPrintsTheSeedTable() {
        let (map, _) = loadExample()
        let table = CostReport(map: map).render(.markdown)
        #expect(table.contains("| pulse-hub-web | $5 | ✅ Healthy |"))
        #expect(table.contains("| superset-analytics | $27 (or $20 with Superset budget mode) |"))
        #expect(table.contains("| pulser-hub-mcp | $5 (estimated) |"))
        #expect(table.contains("| Supabase PostgreSQL | Free tier (up to 500MB) | Active |"))
        #expect(table.contains("| **Total (if all deployed)** | **$37/month (estimated)** | - |"))
        #expect(table.contains("| **Current (verified running)** | **$5/month** | - |"))
        #expect(table.contains("| **Total with Superset budget mode** | **$30/month (estimated)** | - |"))
    }
}

@Suite("Status and dependencies")
struct MapTests {
    @Test func externalDependencyFromANonSecretEnvValue() {
        let (map, _) = buildMap(
            specs: [
                """
                name: a
                services:
                  - name: web
                    envs:
                      - { key: DB_HOST, value: db.example.com }
                      - { key: DB_URL, type: SECRET, value: "postgres://u:p@cache.example.com/x" }
                """
            ],
            config: "external:\n  - { name: DB, endpoint: db.example.com:5432 }\n  - { name: Cache, endpoint: cache.example.com }\n")
        #expect(map.apps[0].dependencies == [Dependency(target: .external("DB"), keys: ["DB_HOST"], users: ["web"])])
    }

    @Test func siblingComponentDependency() {
        let (map, _) = loadExample()
        let superset = map.apps.first { $0.name == "superset-analytics" }
        let targets = superset?.dependencies.map(\.target)
        #expect(targets == [.external("Supabase"), .external("GitHub"), .component("redis")])
        #expect(superset?.dependencies.last?.users == ["superset-beat", "superset-web", "superset-worker"])
        #expect(superset?.dependencies.last?.keys == ["REDIS_HOST"])
    }

    @Test func statusOnlyAppIsItsOwnApp() {
        let (map, _) = loadExample()
        let mcp = map.apps.first { $0.name == "pulser-hub-mcp" }
        #expect(mcp?.hasSpec == false)
        #expect(mcp?.health == .unverified)
        #expect(mcp?.cost.isEstimate == true)
    }

    @Test func statusNamingAMissingComponentWarns() {
        let (_, diagnostics) = buildMap(
            specs: ["name: shop\nservices:\n  - name: web\n"],
            status: "apps:\n  shop:\n    status: healthy\n    components:\n      wbe: { status: running }\n")
        #expect(
            diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" } == [
                "5:7: warning: status names component 'wbe', which app 'shop' does not have"
            ])
    }

    @Test func statusErrorsAreLocated() {
        let (_, diagnostics) = buildMap(
            specs: [], status: "verified: 2025-13-01\napps:\n  a:\n    status: fine\n    static_ips: [1.2.3]\n")
        #expect(
            diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [
                "1:11: 'verified' must be a date written YYYY-MM-DD, found '2025-13-01'",
                "4:13: invalid status 'fine' in status of 'a'; expected one of: healthy, degraded, down, configured, pending, unverified, unknown",
                "5:18: '1.2.3' is not an IP address",
            ])
    }

    @Test func configUnknownKeyIsLocated() {
        let (_, diagnostics) = buildMap(specs: [], config: "title: T\nspec: [a.yaml]\n")
        #expect(diagnostics.map(\.message) == ["unknown key 'spec' in config"])
        #expect(diagnostics.first?.hint == "did you mean 'specs'?")
    }

    @Test func routesFromIngressAndHealthChecks() {
        let (map, _) = loadExample()
        #expect(map.apps[0].routes.map(\.path) == ["/", "/webhook", "/health"])
        #expect(map.apps[1].routes.map(\.path) == ["/superset", "/health"])
    }
}
