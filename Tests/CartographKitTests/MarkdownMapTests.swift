import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Builds the example's outputs in memory.
func buildExample() -> MapBuild {
    MapBuild.run(Workspace.load(root: repositoryRoot))
}

@Suite("Markdown map")
struct MarkdownMapTests {
    static let markdown: String = buildExample().outputs.text("site/INFRASTRUCTURE.md") ?? ""

    /// Every fact of the hand-written seed map, with the corrected totals.
    static let seedFacts: [String] = [
        // Title block
        "# InsightPulse Infrastructure Map", "**Last Updated**: November 2, 2025", "**Environment**: Production",
        "**Primary Platform**: DigitalOcean App Platform",
        // Apps, components, sizes, kinds
        "### 1. pulse-hub-web", "### 2. superset-analytics", "### 3. pulser-hub-mcp",
        "| pulse-hub-api | Web Service | basic-xxs | 1 | $5/mo | 2% | 18% | ✅ Running |",
        "| pulse-hub | Static Site |",
        "| superset-web | Web Service | basic-xs | 1 | $12/mo | Main web interface (Gunicorn) |",
        "| superset-worker | Worker | basic-xxs | 1 | $5/mo | Celery worker (async queries) |",
        "| superset-beat | Worker | basic-xxs | 1 | $5/mo | Celery scheduler (cron tasks) |",
        "| redis | Worker | basic-xxs | 1 | $5/mo | Cache & message broker |",
        // Status, region, URL, cost
        "**Status**: ✅ Healthy", "**Status**: 🔧 Configured (awaiting deployment)", "**Region**: SGP1 (Singapore)",
        "**Status**: ❔ Unverified (mentioned but not verified)",
        "**URL**: <https://pulse-hub-web-an645.ondigitalocean.app>", "**URL**: <http://insightpulseai.net/superset>",
        "**Monthly Cost**: **$5**", "**Monthly Cost**: **$27** or **$20** (Superset budget mode)",
        "**Monthly Cost**: **$5** (estimated)",
        // Configuration
        "- **Stack**: Ubuntu 22.04", "- **Buildpacks**: Custom Build Command, Procfile, Node.js",
        "- **Routes**: `/`, `/webhook`, `/health`", "- **Routes**: `/superset`, `/health`",
        "- **Static IPs**: 162.159.140.98, 172.66.0.96",
        "- **Repository**: `jgtolentino/insightpulse-odoo` (main branch)", "- **Auto-Deploy**: ✅ Enabled",
        "- **Latest Deployment**: ad3439d (Nov 01, 2025, 2m 51s build)",
        "- **Dockerfile**: `docker/superset/Dockerfile`", "- **App Spec**: `infra/superset/superset-app.yaml`",
        "- **Config**: `config/superset/superset_config_production.py`", "- **Port**: 8088",
        "- **Health Check**: `/health` (300s initial delay, 30s period)",
        "- **Database**: Supabase PostgreSQL (aws-1-us-east-1.pooler.supabase.com:6543)",
        // Features, checklist, notes
        "- ✅ Production-ready with security hardening", "- ✅ Async workers (gevent, 1000 connections)",
        "- ✅ Redis caching (data, thumbnails, results)", "- ✅ Connection pooling (10 pool, 20 overflow)",
        "- ✅ OWASP Top 10 compliance", "- ✅ Automated backups (via Supabase)",
        "- **Spec Created**: ✅ Yes", "- **Docker Image**: ✅ Ready", "- **Configuration**: ✅ Complete",
        "- **Secrets**: ✅ Configured in spec", "- **Deployed**: ⏳ Pending (awaiting `doctl apps create`)",
        "- Mentioned in completion report as one of 3 canonical apps", "- Not visible in provided dashboard view",
        "- Likely needs restart (per completion report)", "- Requires full dashboard access or doctl to verify",
        // Costs (corrected totals)
        "| pulse-hub-web | $5 | ✅ Healthy |", "| superset-analytics | $27 (or $20 with Superset budget mode) | 🔧 Configured |",
        "| pulser-hub-mcp | $5 (estimated) | ❔ Unverified |", "| Supabase PostgreSQL | Free tier (up to 500MB) | Active |",
        "| **Total (if all deployed)** | **$37/month (estimated)** | - |", "| **Current (verified running)** | **$5/month** | - |",
        "| **Total with Superset budget mode** | **$30/month (estimated)** | - |",
        "**Superset budget mode** ($20/month instead of $27/month):", "- Change all services to basic-xxs (512MB RAM, 1 vCPU)",
        "- Total: 4 services × $5 (basic-xxs) = $20/month", "- Trade-off: Reduced performance for high traffic",
        // Pages: architecture, files, CI/CD, security
        "## 🔧 Deployment Architecture", "### Choice: DigitalOcean App Platform (NOT Kubernetes or Droplets)",
        "- ✅ Lower cost than Kubernetes ($5/service vs $12+ for cluster)", "- ❌ No Droplet configs found in codebase",
        "## 📂 Configuration Files", "├── superset-app.yaml         # DigitalOcean App Platform spec",
        "└── secrets.env.example       # Security configuration template", "infra/status.yaml             # Infrastructure status tracking",
        "## 🔄 CI/CD Pipeline", "**Trigger**: Push to `main` branch", "4. Remote Docker build (using Dockerfile in repo)",
        "- ✅ `quick-ci.yml` - Fast PR validation (linting, formatting)", "- 🔇 `parity.yml.disabled` - Disabled to reduce noise",
        "- 🔇 `oca-fetch-test.yml.disabled`", "- 🔇 `quality-gate.yml.disabled`", "- 🔇 `odoo-module-tools.yml.disabled`",
        "## 🔐 Security Configuration", "- ✅ Strong SECRET_KEY (42 characters)", "- ✅ Rate limiting (100 req/s, burst 200)",
        "- ✅ Row Level Security ready", "- ✅ Automated backups (7 days free tier, 30 days Pro)",
        // Network
        "| pulse-hub-web | <https://pulse-hub-web-an645.ondigitalocean.app> | Web + API | ✅ Live |",
        "| superset (planned) | <http://insightpulseai.net/superset> | BI Dashboard | 🔧 Configured |",
        "### Static IPs (pulse-hub-web)", "- 162.159.140.98", "- 172.66.0.96",
        "- **Domain**: insightpulseai.net", "- **Provider**: (Not specified in codebase)",
        "- **Current**: Direct DO App Platform URLs", "- **Planned**: Custom domain with Traefik reverse proxy for path routing",
        // External systems
        "**Supabase (PostgreSQL Database)**", "- **Project**: spdtwktxdalcfigzeqrz", "- **Region**: US East 1 (AWS)",
        "- **Endpoint**: `aws-1-us-east-1.pooler.supabase.com:6543`", "- Superset metadata storage",
        "- Connection pooling enabled", "- SSL required", "**GitHub (Source control and CI)**",
        "- **Integration**: GitHub Actions → DigitalOcean App Platform", "- **Auto-deploy**: Enabled on push to main",
        // Deployment commands
        "./deploy/superset/deploy.sh", "doctl apps create --spec infra/superset/superset-app.yaml",
        "doctl apps get <APP_ID>", "doctl apps logs <APP_ID> --follow",
        "doctl apps update <APP_ID> --spec infra/superset/superset-app.yaml",
        "doctl apps create-deployment <APP_ID> --force-rebuild",
        // Monitoring
        "- **pulse-hub-web**: `/health` (responding HTTP 200)", "- **superset-analytics**: `/health` (configured, 300s initial delay)",
        "- ⏳ Pending: Email alerts for deployment failures", "- ⏳ Pending: Slack notifications for app health",
        // Next steps
        "## 🎯 Next Steps", "1. ✅ Verify pulse-hub-web is healthy", "4. ⏳ Restart pulser-hub-mcp if needed",
        "1. Setup Traefik reverse proxy for `/superset` path routing", "5. Add application performance monitoring (APM)",
        // Questions
        "- ❓ Does `pulser-hub-mcp` exist and what is its status?", "- ❓ Is `superset-analytics` deployed or just configured?",
        "- ❓ Are there any other apps in the DigitalOcean account?", "- ❓ What is the actual total monthly DigitalOcean bill?",
        "doctl apps list | grep superset", "doctl apps list --format Name,Status | wc -l",
        // Footer
        "**Infrastructure Map Status**: ✅ Complete (based on available data)", "**Last Verified**: November 2, 2025",
        "**Next Review**: After deploying superset-analytics",
    ]

    @Test(arguments: seedFacts)
    func seedFactAppears(_ fact: String) {
        #expect(Self.markdown.contains(fact), "missing: \(fact)")
    }

    @Test func sectionsInTheSeedsOrder() {
        let headings = Self.markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(
            headings == [
                "## 🏗️ Architecture Overview", "## 📊 Application Inventory", "## 💰 Cost Summary",
                "## 🔧 Deployment Architecture", "## 📂 Configuration Files", "## 🔄 CI/CD Pipeline",
                "## 🔐 Security Configuration", "## 📡 Network Configuration", "## 🚀 Deployment Commands",
                "## 📈 Monitoring & Observability", "## 🎯 Next Steps", "## 🤔 Questions & Verification Needs",
            ])
    }

    @Test func noEnvValueInTheMap() throws {
        let workspace = Workspace.load(root: repositoryRoot)
        let values = (workspace.specs.flatMap(\.envs) + workspace.specs.flatMap { $0.components.flatMap(\.envs) })
            .compactMap(\.value).filter { $0.count >= 4 }
        #expect(!values.isEmpty)
        let all = buildExample().outputs.files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        // Values that the config or status state in their own right (an endpoint host, a
        // port) are facts of those files, not leaks.
        let declared = try ["cartograph.yaml", "content/status.yaml"].map {
            try String(contentsOf: repositoryRoot.appending(path: $0), encoding: .utf8)
        }.joined()
        for value in values where !declared.contains(value) && !["3000", "6379", "redis", "/superset", "postgresql"].contains(value) {
            #expect(!all.contains(value), "env value of length \(value.count) appears in the output")
        }
    }

    @Test func buildIsDeterministic() {
        let first = buildExample().outputs.files
        let second = buildExample().outputs.files
        #expect(first == second)
    }

    @Test func committedMapIsCurrent() throws {
        let committed = try String(contentsOf: repositoryRoot.appending(path: "site/INFRASTRUCTURE.md"), encoding: .utf8)
        #expect(committed == Self.markdown, "site/INFRASTRUCTURE.md is stale: run `swift run cartograph build`")
    }
}

@Suite("Markdown escaping")
struct MarkdownEscapeTests {
    @Test(arguments: [
        ("a|b", "a\\|b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("# heading", "\\# heading"),
        ("#hashtag", "#hashtag"),
        ("- item", "\\- item"),
        ("pulse-hub-web", "pulse-hub-web"),
        ("1. first", "1\\. first"),
        ("162.159.140.98", "162.159.140.98"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("line\nbreak", "line break"),
        ("run `doctl apps create` now", "run `doctl apps create` now"),
        ("code with | pipe: `a|b`", "code with \\| pipe: `a\\|b`"),
        ("unmatched ` tick", "unmatched \\` tick"),
        ("==", "\\=="),
    ])
    func inline(_ input: String, _ expected: String) {
        #expect(MarkdownEscape.inline(input) == expected)
    }

    @Test func codeSpanHoldsBackticks() {
        #expect(MarkdownEscape.code("a`b") == "``a`b``")
        #expect(MarkdownEscape.code("`x`") == "`` `x` ``")
    }

    @Test func fenceOutlastsTheContent() {
        #expect(MarkdownEscape.fence(for: "plain") == "```")
        #expect(MarkdownEscape.fence(for: "has ```` four") == "`````")
    }

    @Test func hostileValuesStayInTheirCell() throws {
        let (map, _) = buildMap(
            specs: ["name: shop\nservices:\n  - name: web\n"],
            status:
                "apps:\n  shop:\n    status: healthy\n    status_note: \"a | b\\n## injected\"\n    notes: [\"# not a heading\", \"- [ ] not a task\", \"<img src=x onerror=alert(1)>\"]\n    components: { web: { purpose: \"x|y\" } }\n"
        )
        let view = MapViewModel(map: map, pages: [], diagram: "")
        let library = TemplateLibrary(overrides: [:], displayPrefix: "templates", diagnostics: DiagnosticBag())
        let markdown = try #require(library.render(view, template: "markdown-map"))
        #expect(markdown.contains("**Status**: ✅ Healthy (a \\| b ## injected)"))
        #expect(markdown.contains("| x\\|y |"))
        #expect(markdown.contains("- \\# not a heading"))
        #expect(markdown.contains("- \\- \\[ \\] not a task"))
        #expect(markdown.contains("\\<img src=x onerror=alert(1)\\>"))
        #expect(!markdown.contains("\n## injected"))
    }
}

@Suite("Templates")
struct TemplateTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let folder = repositoryRoot.appending(path: "templates")
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var files: [String: String] = [:]
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            files[relative] = try String(contentsOf: url, encoding: .utf8)
        }
        #expect(files.keys.sorted() == DefaultTemplates.files.keys.sorted())
        for (path, text) in files {
            #expect(DefaultTemplates.files[path] == text, "\(path) differs from its embedded copy: run `make templates`")
        }
    }

    @Test func userTemplateOverridesOneFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cartograph-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "markdown"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: MARKDOWN }}\nOur own: {{title}}\n".write(
            to: folder.appending(path: "markdown/map.mustache"), atomically: true, encoding: .utf8)
        let bag = DiagnosticBag()
        let library = TemplateLibrary(
            overrides: TemplateFolder.read(folder, paths: TemplateLibrary.paths), displayPrefix: "templates", diagnostics: bag)
        #expect(bag.diagnostics.isEmpty)
        #expect(library.overridden == ["markdown/map.mustache"])
        let (map, _) = buildMap(specs: [], config: "title: A_B\n")
        #expect(library.render(MapViewModel(map: map, pages: [], diagram: ""), template: "markdown-map") == "Our own: A\\_B\n")
    }

    @Test func brokenUserTemplateIsALocatedError() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cartograph-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appending(path: "markdown"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "line one\n{{#sections}}\n{{/apps}}\n".write(
            to: folder.appending(path: "markdown/app.mustache"), atomically: true, encoding: .utf8)
        let bag = DiagnosticBag()
        _ = TemplateLibrary(
            overrides: TemplateFolder.read(folder, paths: TemplateLibrary.paths), displayPrefix: "templates", diagnostics: bag)
        let diagnostic = try #require(bag.diagnostics.first)
        #expect(diagnostic.location.file == "templates/markdown/app.mustache")
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.message == "template error: a section is closed with a different name than it was opened with")
    }
}

@Suite("Map view model")
struct MapViewModelTests {
    @Test func pagesSlotInByWeight() {
        let (map, _) = buildMap(specs: ["name: shop\nservices:\n  - name: web\n"])
        let pages = [
            Page(title: "Late", weight: 95, slug: "late", body: "z", file: "late.md", bodyLine: 1),
            Page(title: "Early", weight: 5, slug: "early", body: "a", file: "early.md", bodyLine: 1),
            Page(title: "Tie", weight: 30, slug: "tie", body: "t", file: "tie.md", bodyLine: 1),
        ]
        let view = MapViewModel(map: map, pages: pages, diagram: "")
        #expect(
            view.sections.map(\.slug) == [
                "early", "architecture-overview", "application-inventory", "cost-summary", "tie", "network-configuration",
                "deployment-commands", "monitoring-observability", "late",
            ])
    }

    @Test func componentColumnsFollowTheData() {
        let (map, _) = loadExample()
        let view = MapViewModel(map: map, pages: [], diagram: "")
        let apps = view.sections.compactMap(\.inventory).first ?? []
        #expect(apps[0].components?.header == ["Component", "Type", "Instance Size", "Instances", "Cost", "CPU", "RAM", "Status"])
        #expect(apps[1].components?.header == ["Component", "Type", "Instance Size", "Instances", "Cost", "Purpose"])
        #expect(apps[2].components == nil)
    }

    @Test func deployCommandsOnlyForAppsNotRunning() {
        let (map, _) = loadExample()
        let view = MapViewModel(map: map, pages: [], diagram: "")
        let groups = view.sections.compactMap(\.commands).first ?? []
        #expect(groups.map(\.heading) == ["Deploy superset-analytics", "Check App Status", "Update App"])
    }

    @Test func frontMatterIsRead() {
        let bag = DiagnosticBag()
        let (page, _) = PageReader.read(
            Data("---\ntitle: Runbook\nweight: 42\n---\n\n# Body\n".utf8), path: "pages/01-runbook.md", diagnostics: bag)
        #expect(bag.diagnostics.isEmpty)
        #expect(page?.title == "Runbook")
        #expect(page?.weight == 42)
        #expect(page?.slug == "runbook")
        #expect(page?.body == "# Body")
        #expect(page?.bodyLine == 6)
    }

    /// A page saved with CR LF line breaks (as Windows editors save) has its front matter
    /// read like any other: its fences end in CR LF.
    @Test func frontMatterIsReadFromACRLFPage() {
        let bag = DiagnosticBag()
        let (page, _) = PageReader.read(
            Data("---\r\ntitle: Runbook\r\nweight: 42\r\n---\r\n\r\n# Body\r\n".utf8), path: "pages/01-runbook.md", diagnostics: bag)
        #expect(bag.diagnostics.isEmpty, "\(bag.sorted.map(\.message))")
        #expect(page?.title == "Runbook")
        #expect(page?.weight == 42)
        #expect(page?.slug == "runbook")
        #expect(page?.body == "# Body")
        #expect(page?.bodyLine == 6)
        let errors = DiagnosticBag()
        _ = PageReader.read(
            Data("---\r\ntitle: Runbook\r\nweight: heavy\r\n---\r\nbody\r\n".utf8), path: "pages/runbook.md", diagnostics: errors)
        #expect(
            errors.sorted.map { "\($0.location):\($0.message)" } == ["pages/runbook.md:3:9:'weight' must be an integer, found a string"])
    }

    @Test func frontMatterErrorsAreLocatedInTheFile() {
        let bag = DiagnosticBag()
        _ = PageReader.read(Data("---\ntitle: Runbook\nweight: heavy\n---\nbody\n".utf8), path: "pages/runbook.md", diagnostics: bag)
        #expect(bag.sorted.map { "\($0.location):\($0.message)" } == ["pages/runbook.md:3:9:'weight' must be an integer, found a string"])
    }
}
