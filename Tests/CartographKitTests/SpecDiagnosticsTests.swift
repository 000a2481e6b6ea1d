import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

@Suite("Spec diagnostics")
struct SpecDiagnosticsTests {
    @Test func validSpecHasNoDiagnostics() {
        let (spec, diagnostics) = readSpec(
            """
            name: shop
            region: ams
            services:
              - name: web
                github: { repo: acme/shop, branch: main, deploy_on_push: true }
                instance_size_slug: apps-s-1vcpu-1gb
                instance_count: 2
            """)
        #expect(diagnostics.isEmpty)
        #expect(spec?.name?.value == "shop")
        #expect(spec?.services.first?.instanceCount == 2)
        #expect(spec?.services.first?.source == .repository(provider: .github, repo: "acme/shop", branch: "main", deployOnPush: true))
    }

    @Test func yamlSyntaxErrorIsLocated() {
        let lines = diagnose("name: shop\nservices:\n  - name: web\n   bad: [\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("4:4: error: YAML syntax error:") == true)
    }

    @Test func nonUTF8IsReportedAtTheByte() {
        let bag = DiagnosticBag()
        var data = Data("name: shop\nregion: ".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        _ = SpecReader.read(data, path: "bad.yaml", diagnostics: bag)
        #expect(bag.sorted.map(\.message) == ["file is not valid UTF-8"])
        #expect(bag.sorted.first?.location == SourceLocation(file: "bad.yaml", line: 2, column: 9))
    }

    @Test func fileThatIsNotAMapping() {
        #expect(diagnose("- name: shop\n") == ["1:1: error: app spec must be a mapping, found a list"])
        #expect(diagnose("just text\n") == ["1:1: error: app spec must be a mapping, found a string"])
        #expect(diagnose("") == ["1:1: error: file is empty; expected a mapping"])
    }

    @Test func wrongTypeIsReportedAtTheValue() {
        let lines = diagnose(
            """
            name: shop
            services:
              - name: web
                instance_count: two
            """)
        #expect(lines == ["4:21: error: 'instance_count' must be an integer, found a string"])
    }

    @Test func numberWhereStringBelongs() {
        let lines = diagnose("name: shop\nservices:\n  - name: web\n    run_command: 42\n")
        #expect(lines == ["4:18: error: 'run_command' must be a string, found the integer 42"])
    }

    @Test func unknownKeyIsAnErrorWithDidYouMean() {
        let yaml = """
            name: shop
            services:
              - name: web
                instance_size: basic-xs
            """
        #expect(
            diagnose(yaml)
                == [
                    "4:5: error: unknown key 'instance_size' in service",
                    "4:20: warning: instance size 'basic-xs' is a legacy slug",
                ].filter { !$0.contains("legacy") })
        #expect(hints(yaml) == ["did you mean 'instance_size_slug'?"])
    }

    @Test func typoInTopLevelKey() {
        #expect(diagnose("name: shop\nregoin: sgp\n") == ["2:1: error: unknown key 'regoin' in app spec"])
        #expect(hints("name: shop\nregoin: sgp\n") == ["did you mean 'region'?"])
    }

    @Test func missingName() {
        #expect(diagnose("region: sgp\n") == ["1:1: error: app spec is missing required field 'name'"])
        #expect(diagnose("name: shop\nworkers:\n  - run_command: x\n") == ["3:5: error: worker is missing required field 'name'"])
    }

    @Test func invalidNames() {
        #expect(
            diagnose("name: 216labs\n") == [
                "1:7: error: invalid app name '216labs': use 2 to 32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash"
            ])
        #expect(
            diagnose("name: shop\nservices:\n  - name: Web_App\n") == [
                "3:11: error: invalid component name 'Web_App': use 2 to 32 lowercase letters, digits and dashes, starting with a letter and not ending with a dash"
            ])
        #expect(hints("name: Shop-\n") == ["for example 'shop'"])
        #expect(diagnose("name: \(String(repeating: "a", count: 33))\n").count == 1)
        #expect(diagnose("name: \(String(repeating: "a", count: 32))\n").isEmpty)
    }

    @Test func componentNamesUniqueAcrossKinds() {
        let lines = diagnose(
            """
            name: shop
            services:
              - name: web
            static_sites:
              - name: web
            databases:
              - name: web
                engine: PG
            """)
        #expect(
            lines == [
                "5:11: error: component name 'web' is already used by services at line 3; names must be unique across all components of an app",
                "7:11: error: component name 'web' is already used by services at line 3; names must be unique across all components of an app",
            ])
    }

    @Test(arguments: [
        (
            "region: singapore\n",
            "2:9: error: invalid region 'singapore'; expected one of: atl, nyc, sfo, tor, ams, fra, lon, blr, sgp, syd"
        ),
        (
            "envs:\n  - key: A\n    scope: RUNTIME\n",
            "4:12: error: invalid scope 'RUNTIME' in env; expected one of: UNSET, RUN_TIME, BUILD_TIME, RUN_AND_BUILD_TIME"
        ),
        ("envs:\n  - key: A\n    type: PASSWORD\n", "4:11: error: invalid type in env; expected one of: GENERAL, SECRET"),
        (
            "databases:\n  - name: db\n    engine: POSTGRES\n",
            "4:13: error: invalid engine 'POSTGRES' in database; expected one of: UNSET, MYSQL, PG, REDIS, MONGODB, KAFKA, OPENSEARCH, VALKEY"
        ),
        (
            "jobs:\n  - name: migrate\n    kind: PREDEPLOY\n",
            "4:11: error: invalid kind 'PREDEPLOY' in job; expected one of: UNSPECIFIED, PRE_DEPLOY, POST_DEPLOY, FAILED_DEPLOY, SCHEDULED"
        ),
        (
            "services:\n  - name: web\n    image:\n      registry_type: QUAY\n      repository: x\n",
            "5:22: error: invalid registry_type 'QUAY' in image; expected one of: UNSPECIFIED, DOCR, DOCKER_HUB, GHCR"
        ),
    ])
    func invalidEnumValues(body: String, expected: String) {
        #expect(diagnose("name: shop\n" + body) == [expected])
    }

    @Test func enumHintSuggestsTheValue() {
        #expect(hints("name: shop\njobs:\n  - name: migrate\n    kind: PREDEPLOY\n") == ["did you mean 'PRE_DEPLOY'?"])
    }

    @Test func deprecatedFieldsAreWarningsNamingTheReplacement() {
        let (_, diagnostics) = readSpec(
            """
            name: shop
            services:
              - name: web
                routes:
                  - path: /
                health_check:
                  path: /health
                cors:
                  allow_origins: [{ exact: "https://a.example" }]
            databases:
              - name: db
                engine: PG
                size: db-s-dev-database
                num_nodes: 1
            """)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let lines = diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message) — \($0.hint ?? "")" }
        #expect(
            lines == [
                "4:5: 'routes' is deprecated — use ingress rules ('ingress.rules') instead",
                "7:7: 'health_check.path' is deprecated — use 'http_path' instead",
                "8:5: component-level 'cors' is deprecated — use 'ingress.rules[].cors' instead",
                "13:5: 'databases[].size' is deprecated — the managed cluster's own settings decide it; remove the field",
                "14:5: 'databases[].num_nodes' is deprecated — the managed cluster's own settings decide it; remove the field",
            ])
    }

    @Test func legacySlugIsAWarningWithTheReplacement() {
        let (_, diagnostics) = readSpec(
            "name: shop\nservices:\n  - name: web\n    instance_size_slug: professional-xs\n  - name: api\n    instance_size_slug: professional-xs\n"
        )
        #expect(diagnostics.map(\.message) == ["instance size 'professional-xs' is a legacy slug (used 1 more time in this spec)"])
        #expect(diagnostics.first?.hint == "use 'apps-s-1vcpu-1gb', its current equivalent")
        #expect(diagnostics.first?.location.line == 4)
    }

    @Test func plainTextSecretsWarnByKeyNeverByValue() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
        let yaml = """
            name: shop
            envs:
              - key: DB_PASSWORD
                value: hunter2hunter2
              - key: ANON
                value: \(jwt)
              - key: STRIPE
                value: sk_live_abcdefghijklmnop
              - key: GH
                value: ghp_abcdefghijklmnopqrstuvwxyz0123
              - key: TLS
                value: "-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----"
              - key: API_TOKEN
                type: SECRET
                value: plain-but-marked-secret
              - key: OTHER_SECRET
                value: EV[1:abc:def]
              - key: DB_URL_PASSWORD
                value: ${db.PASSWORD}
            """
        let (_, diagnostics) = readSpec(yaml)
        let lines = diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
        #expect(
            lines == [
                "4:12: warning: env 'DB_PASSWORD' looks like a secret but is not 'type: SECRET'",
                "6:12: warning: env 'ANON' holds a JWT in plain text",
                "8:12: warning: env 'STRIPE' holds a Stripe secret key in plain text",
                "10:12: warning: env 'GH' holds a GitHub token in plain text",
                "12:12: warning: env 'TLS' holds a private key in plain text",
            ])
        let printed = DiagnosticPrinter(sources: SourceCache()).render(diagnostics)
        for secret in ["hunter2", jwt, "sk_live_abc", "ghp_abc", "MIIE", "plain-but-marked"] {
            #expect(!printed.contains(secret))
            #expect(!diagnostics.contains { $0.message.contains(secret) || ($0.hint ?? "").contains(secret) })
        }
    }

    @Test func envValueThatIsANumberIsAnErrorWithoutTheValue() {
        let lines = diagnose("name: shop\nenvs:\n  - key: PORT\n    value: 8080\n")
        #expect(lines == ["4:12: error: env 'PORT': 'value' must be a string, found an integer"])
    }

    @Test func deployTemplateAndJSONAreAccepted() {
        let (wrapped, d1) = readSpec("spec:\n  name: shop\n  services:\n    - name: web\n")
        #expect(d1.isEmpty)
        #expect(wrapped?.isDeployTemplate == true)
        #expect(wrapped?.services.count == 1)
        let (json, d2) = readSpec(#"{"name": "shop", "services": [{"name": "web", "http_port": 3000}]}"#, file: "spec.json")
        #expect(d2.isEmpty)
        #expect(json?.services.first?.httpPort == 3000)
    }

    @Test func everyProblemInOneRun() {
        let lines = diagnose(
            """
            name: Shop
            regoin: sgp
            services:
              - name: web
                instance_count: many
              - name: web
            """)
        #expect(lines.count == 4)
    }

    @Test func dockerHubImageNeedsRegistry() {
        let lines = diagnose(
            "name: shop\nworkers:\n  - name: redis\n    image:\n      registry_type: DOCKER_HUB\n      repository: redis\n")
        #expect(lines == ["5:7: error: a DOCKER_HUB image needs 'registry' (the Docker Hub user or organisation)"])
    }

    @Test func ingressMustRouteToAComponent() {
        let lines = diagnose(
            """
            name: shop
            ingress:
              rules:
                - match: { path: { prefix: / } }
                  component: { name: wbe }
            services:
              - name: web
            """)
        #expect(lines == ["5:26: error: ingress rule routes to 'wbe', which is not a component of this app"])
    }

    @Test func duplicateKeyInMapping() {
        let lines = diagnose("name: shop\nname: other\n")
        #expect(lines == ["1:1: error: duplicate key 'name' in mapping"])
    }
}

@Suite("Hostile YAML")
struct HostileYAMLTests {
    static let billionLaughs = """
        name: lol
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        features: *i
        """

    @Test func billionLaughsFailsFast() {
        let clock = ContinuousClock()
        var lines: [String] = []
        let elapsed = clock.measure { lines = diagnose(Self.billionLaughs) }
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasSuffix(
                "error: document expands to more than \(YAMLLoader.Limits.maxSpecNodes) nodes through aliases; refusing to read it") == true
        )
        #expect(elapsed < .seconds(1))
    }

    @Test func aliasAsKeyIsRefused() {
        let lines = diagnose("name: xy\na: &a [1, 2]\n*a : 3\n")
        #expect(lines == ["3:1: error: an alias may not be used as a mapping key"])
    }

    @Test func deepNestingFails() {
        let deep = "name: x\nfeatures: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let lines = diagnose(deep)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("error: YAML syntax error:") == true)
    }

    @Test func oversizedFileFailsBeforeParsing() {
        let big = "name: x\n" + String(repeating: "# padding\n", count: YAMLLoader.Limits.maxFileBytes / 10 + 1)
        let lines = diagnose(big)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("1:1: error: file is") == true)
    }
}

@Suite("Diagnostics never quote env values")
struct RedactionTests {
    @Test func sourceLinesHoldingEnvValuesAreNotQuoted() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        name: shop
        envs:
          - { key: DB_PASSWORD, value: hunter2-hunter2, scope: RUNTIME }
          - key: PORT
            value: 8080
          - key: TLS_KEY
            value: |
              -----BEGIN RSA PRIVATE KEY-----
              MIIEsecretsecret
              -----END RSA PRIVATE KEY-----
        regoin: sgp
        """.write(to: folder.appending(path: "app.yaml"), atomically: true, encoding: .utf8)
        var err = ""
        #expect(CheckCommand(root: folder, specFiles: ["app.yaml"]).run(stdout: { _ in }, stderr: { err += $0 }) == 1)
        #expect(err.contains("app.yaml:3:32: warning: env 'DB_PASSWORD' looks like a secret but is not 'type: SECRET' [CG103]\n"))
        #expect(err.contains("app.yaml:3:56: error: invalid scope 'RUNTIME' in env"))
        #expect(err.contains("app.yaml:5:12: error: env 'PORT': 'value' must be a string, found an integer [CG012]\n"))
        #expect(
            err.contains("app.yaml:11:1: error: unknown key 'regoin' in app spec [CG010]\n    regoin: sgp\n    ^\n"),
            "other lines are still quoted"
        )
        for value in ["hunter2", "8080", "MIIEsecret", "BEGIN RSA"] {
            #expect(!err.contains(value), "\(value) was printed")
        }
    }
}
