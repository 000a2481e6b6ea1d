import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// `doctl apps list -o json` (and deployment) output as a status source, on the real files
/// in `Fixtures/doctl/` (copied verbatim from `digitalocean/app_action`).
@Suite("doctl status")
struct DoctlStatusTests {
    static let appsList = "doctl/apps-list__digitalocean__app_action__temp.json"
    static let rollback = "doctl/deployments__digitalocean__app_action__temp.json"
    static let manual = "doctl/deployments__digitalocean__app_action__testdata__temp.json"

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: fixtureURL(name)) }

    /// Reads doctl text; the result is nil when it is not doctl output.
    static func read(_ data: Data, path: String = "apps.json") -> (DoctlStatusReader.Result?, [Diagnostic]) {
        let bag = DiagnosticBag()
        let result = DoctlStatusReader.read(data, path: path, diagnostics: bag)
        return (result, bag.sorted)
    }

    static func read(_ text: String, path: String = "apps.json") -> (DoctlStatusReader.Result?, [Diagnostic]) {
        read(Data(text.utf8), path: path)
    }

    /// A small App object with a spec that reads without any diagnostic.
    static func app(
        _ name: String, active: String? = "ACTIVE", inProgress: String? = nil, extra: String = "", specExtra: String = ""
    ) -> String {
        func deployment(_ id: String, _ phase: String, cause: String) -> String {
            """
            {"id": "\(id)", "phase": "\(phase)", "cause": "\(cause)",
             "services": [{"name": "web", "source_commit_hash": "0123456789abcdef0123456789abcdef01234567"}],
             "phase_last_updated_at": "2024-03-0\(id == "a" ? 1 : 2)T10:00:00Z", "updated_at": "2024-03-09T10:00:00Z"}
            """
        }
        var fields = [
            #""id": "id-\#(name)""#,
            #""spec": {"name": "\#(name)", "region": "ams", "services": [{"name": "web", "instance_size_slug": "apps-s-1vcpu-0.5gb"\#(specExtra)}]}"#,
            #""live_url": "https://\#(name).example.app""#,
            #""region": {"slug": "ams", "label": "Amsterdam", "data_centers": ["ams3"]}"#,
        ]
        if let active { fields.append(#""active_deployment": \#(deployment("a", active, cause: "manual"))"#) }
        if let inProgress { fields.append(#""in_progress_deployment": \#(deployment("b", inProgress, cause: "app spec updated"))"#) }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",\n") + "}"
    }

    // MARK: The real files

    @Test func appsListComesThrough() throws {
        let (result, diagnostics) = Self.read(try Self.fixture(Self.appsList))
        let live = try #require(result)
        #expect(!diagnostics.contains { $0.severity == .error })
        let names = ["sample-monorepo", "sample-dockerfile", "sample-golang", "sample-nodejs"]
        #expect(live.status.appOrder == names)
        let apps = names.compactMap { live.status.apps[$0] }
        #expect(
            apps.map(\.url) == [
                "https://sample-monorepo-5i9pg.ondigitalocean.app", "https://sample-dockerfile-xvbgl.ondigitalocean.app",
                "https://sample-golang-tmdyd.ondigitalocean.app", "https://sample-nodejs-8tgcd.ondigitalocean.app",
            ])
        #expect(apps.allSatisfy { $0.origin == .doctl && $0.region == "nyc" && $0.health == .healthy && $0.statusNote == nil })
        #expect(apps.map { $0.deployment?.commit } == ["1957679", "a93e17f", "b0be4f5", "a8c4f02"])
        #expect(apps.map { $0.deployment?.date?.description } == ["2021-07-08", "2021-07-06", "2021-06-22", "2021-06-22"])
        #expect(apps.map { $0.deployment?.cause } == ["manual", "initial deployment", "app spec updated", "initial deployment"])
        #expect(apps.allSatisfy { $0.deployment?.phase == "ACTIVE" })
        #expect(apps[0].location == SourceLocation(file: "apps.json", line: 6, column: 15))

        #expect(live.specs.map { $0.name?.value } == names)
        #expect(live.specs.allSatisfy { $0.isFromDoctl && $0.file == "apps.json" })
        let monorepo = live.specs[0]
        #expect(monorepo.location == SourceLocation(file: "apps.json", line: 5, column: 13))
        #expect(monorepo.components.map { $0.name?.value } == ["api", "webhook", "worker", "frontend", "landing"])
        #expect(monorepo.region?.value == "nyc")
    }

    @Test func appsListBuildsAMap() throws {
        let folder = try Self.workspace(
            ["apps.json": String(decoding: try Self.fixture(Self.appsList), as: UTF8.self)], status: ["apps.json"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: folder)
        let (map, diagnostics) = workspace.resolve()
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(map.apps.map(\.name) == ["sample-monorepo", "sample-dockerfile", "sample-golang", "sample-nodejs"])
        #expect(map.apps.allSatisfy { $0.region == .nyc && $0.region?.name == "New York" && $0.health == .healthy })
        #expect(map.apps[0].components.map(\.name) == ["api", "webhook", "worker", "frontend", "landing"])
        // basic-xxs $5 × 3 (api, webhook, worker); basic-xs $10; basic-xxs $5; basic-xs $10.
        #expect(map.apps.map { $0.cost.amount } == ["$15", "$10", "$5", "$10"])
        #expect(map.costs.current == map.costs.ifAllDeployed)
        #expect(workspace.inputFiles.contains("apps.json"))
        // Update commands do not point at the JSON file, which is not a spec doctl can take.
        let markdown = MapBuild.run(workspace).outputs.text("site/INFRASTRUCTURE.md") ?? ""
        #expect(markdown.contains("doctl apps update <APP_ID> --spec sample-golang.yaml  # sample-golang"))
        #expect(!markdown.contains("--spec apps.json"))
    }

    /// A deployment list is used, not rejected: it is what `doctl apps list-deployments -o json`
    /// prints, and its phase, cause, commit and spec are exactly what the map wants; rejecting
    /// it would only send the user to rerun another command. Apps are matched by spec name.
    @Test func deploymentListsAreUsed() throws {
        let (rollback, rollbackDiagnostics) = Self.read(try Self.fixture(Self.rollback), path: "deployments.json")
        let monorepo = try #require(rollback?.status.apps["sample-monorepo"])
        #expect(!rollbackDiagnostics.contains { $0.severity == .error })
        #expect(rollback?.status.appOrder == ["sample-monorepo"])
        #expect(monorepo.health == .healthy)
        #expect(monorepo.url == nil && monorepo.region == nil)
        #expect(monorepo.deployment?.phase == "ACTIVE")
        #expect(monorepo.deployment?.cause == #"automated rollback after failed deployment of "29f4ab67-a781-4d96-b283-d86725751c60""#)
        #expect(monorepo.deployment?.commit == "1957679")
        #expect(monorepo.deployment?.date?.description == "2021-07-06")
        #expect(rollback?.specs.first?.components.count == 5)

        let (manual, _) = Self.read(try Self.fixture(Self.manual), path: "deployment.json")
        let golang = try #require(manual?.status.apps["sample-golang"])
        #expect(golang.health == .healthy)
        #expect(golang.deployment?.cause == "manual")
        #expect(golang.deployment?.commit == nil)  // a DOCR image: no source commit
        #expect(golang.deployment?.date?.description == "2021-07-21")
        #expect(manual?.specs.first?.services.first?.name?.value == "web")
    }

    @Test func deploymentHistoryNewestFirst() throws {
        func deployment(_ id: String, _ phase: String, _ created: String, cause: String) -> String {
            #"{"id": "\#(id)", "spec": {"name": "shop"}, "phase": "\#(phase)", "cause": "\#(cause)", "created_at": "\#(created)", "phase_last_updated_at": "\#(created)"}"#
        }
        // Out of order on purpose: created_at decides.
        let text =
            "["
            + [
                deployment("1", "SUPERSEDED", "2024-01-01T00:00:00Z", cause: "initial deployment"),
                deployment("3", "ERROR", "2024-01-03T00:00:00Z", cause: "app spec updated"),
                deployment("2", "ACTIVE", "2024-01-02T00:00:00Z", cause: "manual"),
            ].joined(separator: ",") + "]"
        let shop = try #require(Self.read(text).0?.status.apps["shop"])
        #expect(shop.health == .healthy)
        #expect(shop.deployment?.date?.description == "2024-01-02")
        #expect(shop.statusNote == "latest deployment failed: app spec updated")

        let failedOnly = "[" + deployment("1", "ERROR", "2024-01-01T00:00:00Z", cause: "initial deployment") + "]"
        let down = try #require(Self.read(failedOnly).0?.status.apps["shop"])
        #expect(down.health == .down)
        #expect(down.statusNote == "deployment failed: initial deployment")
        #expect(down.deployment?.phase == "ERROR")
    }

    // MARK: Phases

    @Test(arguments: [
        ("ACTIVE", Health.healthy), ("ERROR", .down), ("PENDING_BUILD", .pending), ("BUILDING", .pending),
        ("PENDING_DEPLOY", .pending), ("DEPLOYING", .pending), ("SUPERSEDED", .unknown), ("CANCELED", .unknown),
        ("UNKNOWN", .unknown), ("FAILED", .unknown),  // not a godo phase
    ])
    func phaseMeansHealth(phase: String, health: Health) throws {
        #expect(DoctlStatusReader.health(ofPhase: phase) == health)
        let (active, _) = Self.read("[\(Self.app("alpha", active: phase))]")
        #expect(active?.status.apps["alpha"]?.health == health)
        let (inProgress, _) = Self.read("[\(Self.app("alpha", active: nil, inProgress: phase))]")
        #expect(inProgress?.status.apps["alpha"]?.health == health)
        #expect(inProgress?.status.apps["alpha"]?.deployment?.phase == phase)
    }

    @Test func downCarriesItsCause() throws {
        let app = try #require(Self.read("[\(Self.app("alpha", active: nil, inProgress: "ERROR"))]").0?.status.apps["alpha"])
        #expect(app.health == .down)
        #expect(app.statusNote == "deployment failed: app spec updated")
        #expect(app.deployment?.cause == "app spec updated")
    }

    @Test func inProgressBesideActiveIsNoted() throws {
        let (result, diagnostics) = Self.read("[\(Self.app("alpha", active: "ACTIVE", inProgress: "BUILDING"))]")
        #expect(diagnostics.isEmpty)
        let app = try #require(result?.status.apps["alpha"])
        #expect(app.health == .healthy)
        #expect(app.statusNote == "new deployment building: app spec updated")
        // The deployment shown is the active one.
        #expect(app.deployment?.phase == "ACTIVE")
        #expect(app.deployment?.date?.description == "2024-03-01")
        #expect(app.deployment?.commit == "0123456")

        let pending = try #require(Self.read("[\(Self.app("alpha", active: nil, inProgress: "PENDING_DEPLOY"))]").0?.status.apps["alpha"])
        #expect(pending.health == .pending)
        #expect(pending.statusNote == "deployment pending deploy: app spec updated")
    }

    @Test func noDeploymentMeansNoHealthClaim() throws {
        let app = try #require(Self.read("[\(Self.app("alpha", active: nil))]").0?.status.apps["alpha"])
        #expect(app.health == nil && app.deployment == nil)
        #expect(app.url == "https://alpha.example.app")
    }

    // MARK: Leniency and errors

    @Test func unknownFieldsAreIgnored() throws {
        let future = #""future_field": {"nested": [1, {"deeper": true}], "text": "x"}"#
        var text = Self.app(
            "alpha", active: "ACTIVE",
            extra: future
                + #", "dedicated_ips": [{"ip": "203.0.113.7", "status": "ASSIGNED", "id": "x", "future_field": 1}, {"ip": "203.0.113.8", "status": "REMOVED"}]"#
        )
        text = text.replacingOccurrences(of: #""label": "Amsterdam""#, with: #""label": "Amsterdam", \#(future)"#)
        text = text.replacingOccurrences(of: #""cause": "manual""#, with: #""cause": "manual", \#(future)"#)
        let (result, diagnostics) = Self.read("[\(text)]")
        #expect(diagnostics.isEmpty)
        #expect(result?.status.apps["alpha"]?.staticIPs == ["203.0.113.7"])
        #expect(result?.status.apps["alpha"]?.region == "ams")

        // The same on the real file: future fields add no diagnostic.
        let real = String(decoding: try Self.fixture(Self.appsList), as: UTF8.self)
        let grown =
            real
            .replacingOccurrences(of: #""tier_slug": "basic","#, with: #""tier_slug": "basic", \#(future),"#)
            .replacingOccurrences(
                of: #""phase": "ACTIVE","#,
                with: #""phase": "ACTIVE", "timing": {"build_total": "1m2s"}, "cause_details": {"type": "MANUAL"},"#)
        #expect(grown != real)
        #expect(Self.read(grown).1 == Self.read(real).1)
    }

    @Test func wrongTypeOfAKnownFieldIsAWarning() {
        let text = Self.app("alpha").replacingOccurrences(of: #""https://alpha.example.app""#, with: #"["not", "a", "url"]"#)
        let (result, diagnostics) = Self.read("[\(text)]")
        #expect(result?.status.apps["alpha"] != nil)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message == "ignoring 'live_url' in doctl output: expected a string, found a list")
    }

    @Test func embeddedSpecProblemsAreWarningsAtMost() throws {
        let text = "[\(Self.app("alpha", specExtra: #", "future_spec_field": true, "instance_count": "two""#))]"
        let (result, diagnostics) = Self.read(text)
        #expect(result?.specs.count == 1)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(diagnostics.contains { $0.message == "unknown key 'future_spec_field' in service" })
        #expect(diagnostics.allSatisfy { $0.hint?.contains("the platform accepted this live spec") == true })
    }

    @Test func malformedJSONIsALocatedError() {
        let (result, diagnostics) = Self.read("[\n  {\"id\": \"x\", \"spec\": {\"name\": \"a\"}\n  ,,\n]\n")
        #expect(result != nil)
        #expect(result?.status.apps.isEmpty == true)
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.location.file == "apps.json")
        #expect(error?.location.line == 3)
        #expect(error?.message.hasPrefix("YAML syntax error") == true)

        let (_, items) = Self.read("[\n  1,\n  {\"id\": \"x\"}\n]")
        #expect(
            items.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" } == [
                "2:3: error: item 1 of doctl output must be an app object, found the integer 1",
                "3:3: error: item 2 of doctl output has no 'spec' with a 'name'",
            ])
    }

    @Test func recognisedByContent() throws {
        // Not doctl: a YAML status file, in YAML or JSON, is left to StatusReader untouched.
        #expect(Self.read("apps:\n  a: { status: healthy }\n").0 == nil)
        #expect(Self.read(#"{"apps": {"a": {"status": "healthy"}}}"#).0 == nil)
        #expect(Self.read("apps: [\n").0 == nil)
        // doctl, whatever the file is called: a list, or an API body wrapping one.
        #expect(Self.read("[]", path: "live.yaml").0?.status.apps.isEmpty == true)
        #expect(Self.read("[]").1.isEmpty)
        #expect(
            Self.read(#"{"apps": [\#(Self.app("alpha"))], "links": {}, "meta": {"total": 1}}"#).0?.status.apps["alpha"]?.health == .healthy)
        #expect(Self.read(#"{"app": \#(Self.app("bravo"))}"#).0?.status.apps["bravo"]?.url == "https://bravo.example.app")
        // A bare host in default_ingress becomes an https URL.
        let bare = Self.app("charlie").replacingOccurrences(
            of: #""live_url": "https://charlie.example.app","#, with: #""default_ingress": "example.com","#)
        #expect(Self.read("[\(bare)]").0?.status.apps["charlie"]?.url == "https://example.com")
    }

    // MARK: Precedence

    @Test(arguments: [false, true])
    func yamlStatusWinsFieldByField(yamlFirst: Bool) throws {
        let yaml = """
            apps:
              sample-golang:
                status: degraded
                status_note: slow responses
                notes: [Observed by hand]
              sample-nodejs:
                url: https://nodejs.example.org
                deployment: { commit: abc1234, date: 2021-07-01 }
            """
        let status = yamlFirst ? ["status.yaml", "apps.json"] : ["apps.json", "status.yaml"]
        let folder = try Self.workspace(
            ["apps.json": String(decoding: try Self.fixture(Self.appsList), as: UTF8.self), "status.yaml": yaml], status: status)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (map, diagnostics) = Workspace.load(root: folder).resolve()
        #expect(!diagnostics.contains { $0.severity == .error })
        let golang = try #require(map.apps.first { $0.name == "sample-golang" })
        #expect(golang.health == .degraded)  // YAML status: over the ACTIVE phase
        #expect(golang.statusNote == "slow responses")
        #expect(golang.notes == ["Observed by hand"])
        #expect(golang.url == "https://sample-golang-tmdyd.ondigitalocean.app")  // YAML has none: doctl's stays
        #expect(golang.deployment?.commit == "b0be4f5")
        #expect(golang.region == .nyc)
        let nodejs = try #require(map.apps.first { $0.name == "sample-nodejs" })
        #expect(nodejs.health == .healthy)  // YAML has no status: the phase decides
        #expect(nodejs.url == "https://nodejs.example.org")
        // The deployment is one record: YAML's replaces doctl's whole (no ACTIVE phase or doctl cause mixed in).
        #expect(
            nodejs.deployment
                == AppStatus.Deployment(commit: "abc1234", date: DateValue("2021-07-01"), buildTime: nil, phase: nil, cause: nil))
        #expect(map.apps.map(\.name) == ["sample-monorepo", "sample-dockerfile", "sample-golang", "sample-nodejs"])
    }

    @Test func specFileWinsOverTheDoctlSpec() throws {
        let spec = """
            name: sample-golang
            services:
              - name: web
                image: { registry_type: DOCR, repository: sample-golang, tag: v2 }
                instance_size_slug: apps-s-1vcpu-1gb
                instance_count: 2
            """
        let folder = try Self.workspace(
            ["apps.json": String(decoding: try Self.fixture(Self.appsList), as: UTF8.self), ".do/app.yaml": spec],
            status: ["apps.json"], specs: [".do/*.yaml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: folder)
        let (map, diagnostics) = workspace.resolve()
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(!diagnostics.contains { $0.message.contains("already defined") })
        // The overridden live spec is not read, so none of its warnings appear.
        #expect(!diagnostics.contains { $0.location.file == "apps.json" && $0.location.line >= 611 && $0.location.line < 780 })
        #expect(map.apps.map(\.name) == ["sample-golang", "sample-monorepo", "sample-dockerfile", "sample-nodejs"])
        let golang = map.apps[0]
        #expect(golang.specFile == ".do/app.yaml")
        #expect(golang.components.map(\.instances) == [2...2])
        // The spec file names no region: the app runs where doctl says. Status still joins by name.
        #expect(golang.region == .nyc)
        #expect(golang.url == "https://sample-golang-tmdyd.ondigitalocean.app")
        #expect(golang.health == .healthy)

        // The rule holds in MapBuilder too, whatever order the specs come in.
        let live = try #require(workspace.specs.first { $0.isFromDoctl && $0.name?.value == "sample-monorepo" })
        var file = live
        file.isFromDoctl = false
        file.file = "monorepo.yaml"
        let bag = DiagnosticBag()
        let built = MapBuilder(config: Config(), specs: [live, file, live], status: Status(), diagnostics: bag).build()
        #expect(built.apps.map { $0.specFile } == ["monorepo.yaml"])
        #expect(bag.diagnostics.isEmpty)
    }

    // MARK: Secrets

    @Test func noEnvValueReachesAnyOutput() throws {
        let values = [
            "postgres://admin:Hunter2Sekrit@db.internal:5432/app", "EV[1:c2VjcmV0LWJ5dGVz:Y2lwaGVydGV4dA==]",
            "marmalade-sentinel-42", "build-time-only-value-77",
        ]
        // As doctl prints them: every field on a line of its own.
        let envs = """
            "envs": [
              {
                "key": "DATABASE_URL",
                "value": "\(values[0])",
                "scope": "RUN_TIME"
              },
              {
                "key": "API_TOKEN",
                "value": "\(values[1])",
                "type": "SECRET"
              },
              {
                "key": "MODE",
                "value": "\(values[2])"
              }
            ],
            """
        var text = String(decoding: try Self.fixture(Self.appsList), as: UTF8.self)
        // App-level envs in the first spec, component envs in the second.
        text = text.replacingOccurrences(
            of: "\"spec\": {\n      \"name\": \"sample-monorepo\",",
            with: "\"spec\": {\n      \(envs)\n      \"name\": \"sample-monorepo\",")
        text = text.replacingOccurrences(
            of: "\"name\": \"sample-golang\",\n      \"services\": [\n        {",
            with:
                "\"name\": \"sample-golang\",\n      \"services\": [\n        {\"envs\": [{\"key\": \"FLAG\", \"value\": \"\(values[3])\", \"scope\": \"BUILD_TIME\"}],"
        )
        for value in values { #expect(text.contains(value)) }
        let folder = try Self.workspace(["apps.json": text], status: ["apps.json"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: folder)
        let build = MapBuild.run(workspace)
        #expect(!build.hasErrors)
        #expect(workspace.specs[0].envs.map(\.key.value) == ["DATABASE_URL", "API_TOKEN", "MODE"])
        #expect(workspace.specs[2].services[0].envs.map(\.key.value) == ["FLAG"])
        #expect(build.outputs.paths.count > 5)
        for path in build.outputs.paths {
            let output = String(decoding: build.outputs.files[path] ?? [], as: UTF8.self)
            for value in values { #expect(!output.contains(value), "\(path) holds an env value") }
        }
        let printed = DiagnosticPrinter(format: .text, color: false, sources: build.sources).render(build.diagnostics)
        #expect(printed.contains("env 'DATABASE_URL' holds a URL with a password in plain text"))  // reported by key,
        for value in values { #expect(!printed.contains(value), "a printed diagnostic shows an env value") }  // never by value
    }

    // MARK: Support

    /// A temporary folder with `files` and a cartograph.yaml naming `status` (and `specs`).
    static func workspace(_ files: [String: String], status: [String], specs: [String] = []) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cartograph-doctl-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let list = { (items: [String]) in "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let config = "title: Live\nspecs: \(list(specs))\nstatus: \(list(status))\n"
        try Data(config.utf8).write(to: folder.appending(path: "cartograph.yaml"))
        return folder
    }
}

@Suite("doctl apps in the deployment commands")
struct DoctlCommandTests {
    @Test func anAppKnownFromDoctlIsNotCreatedAgain() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try String(contentsOf: fixtureURL("doctl/apps-list__digitalocean__app_action__temp.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"phase\": \"ACTIVE\"", with: "\"phase\": \"ERROR\"")
        try json.write(to: folder.appending(path: "apps.json"), atomically: true, encoding: .utf8)
        try "title: T\nspecs: []\nstatus: apps.json\n".write(
            to: folder.appending(path: "cartograph.yaml"), atomically: true, encoding: .utf8)
        let (map, _) = Workspace.load(root: folder).resolve()
        #expect(map.apps.contains { $0.health == .down })
        let view = MapViewModel(map: map, pages: [], diagram: "")
        let headings = view.sections.compactMap(\.commands).first?.map(\.heading) ?? []
        #expect(!headings.contains { $0.hasPrefix("Deploy ") })
    }
}
