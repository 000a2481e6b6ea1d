import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Maps the diagram is drawn from: the InsightPulse example and harder cases built in memory.
enum DiagramFixture: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case example
    case dozenComponents = "dozen-components"
    case longNames = "long-names"
    case cjkEmoji = "cjk-emoji"
    case statusOnly = "status-only"
    case noExternals = "no-externals"

    var testDescription: String { rawValue }

    var map: InfraMap {
        switch self {
        case .example: loadExample().0
        case .dozenComponents: buildMap(specs: [Self.dozenSpec], config: Self.dozenConfig, status: Self.dozenStatus).0
        case .longNames: buildMap(specs: Self.longSpecs, config: Self.longConfig, status: Self.longStatus).0
        case .cjkEmoji: buildMap(specs: [Self.cjkSpec], config: Self.cjkConfig, status: Self.cjkStatus).0
        case .statusOnly: buildMap(specs: [], config: "title: T\n", status: Self.statusOnlyStatus).0
        case .noExternals: buildMap(specs: [Self.plainSpec]).0
        }
    }

    // MARK: A dozen components

    static let dozenSpec = """
        name: marketplace
        region: fra
        ingress:
          rules:
            - { match: { path: { prefix: / } }, component: { name: storefront } }
            - { match: { path: { prefix: /api } }, component: { name: api } }
            - { match: { path: { prefix: /admin } }, component: { name: admin } }
            - { match: { path: { prefix: /search } }, component: { name: search } }
            - { match: { path: { prefix: /images } }, component: { name: images } }
        services:
          - name: api
            github: { repo: acme/marketplace, branch: release/2025-q4, deploy_on_push: false }
            instance_size_slug: apps-d-1vcpu-2gb
            autoscaling: { min_instance_count: 2, max_instance_count: 6, metrics: { cpu: { percent: 70 } } }
            health_check: { http_path: /healthz }
            envs:
              - { key: DATABASE_URL, scope: RUN_TIME, value: "postgresql://app@db.internal.example.com:25060/market" }
              - { key: CACHE_HOST, scope: RUN_TIME, value: cache }
              - { key: SEARCH_URL, scope: RUN_TIME, value: "http://search:9200" }
              - { key: API_TOKEN, scope: RUN_TIME, type: SECRET, value: "EV[1:FAKE:FAKEtokenFAKE]" }
          - name: admin
            github: { repo: acme/marketplace, branch: release/2025-q4 }
            instance_size_slug: basic-xxs
          - name: search
            image: { registry_type: DOCKER_HUB, registry: library, repository: opensearch, tag: "2" }
            instance_size_slug: basic-s
            instance_count: 3
          - name: images
            github: { repo: acme/marketplace, branch: release/2025-q4 }
            instance_size_slug: professional-xs
        workers:
          - name: cache
            image: { registry_type: DOCKER_HUB, registry: library, repository: redis, tag: 7-alpine }
            instance_size_slug: basic-xxs
          - name: mailer
            github: { repo: acme/marketplace, branch: release/2025-q4 }
            instance_size_slug: basic-xxs
            envs:
              - { key: SMTP_HOST, value: smtp.mail.example.net }
          - name: indexer
            github: { repo: acme/marketplace, branch: release/2025-q4 }
            instance_size_slug: not-a-real-slug
        jobs:
          - name: migrate
            kind: PRE_DEPLOY
            github: { repo: acme/marketplace, branch: release/2025-q4 }
          - name: nightly-report
            kind: SCHEDULED
            schedule: { cron: "0 3 * * *" }
            github: { repo: acme/marketplace, branch: release/2025-q4 }
            instance_size_slug: basic-xxs
        static_sites:
          - name: storefront
            github: { repo: acme/marketplace, branch: release/2025-q4 }
        functions:
          - name: webhooks
            github: { repo: acme/marketplace, branch: release/2025-q4 }
        databases:
          - { name: scratch, engine: PG }
        """

    static let dozenConfig = """
        title: Marketplace
        external:
          - name: Managed Postgres
            kind: PostgreSQL 16 cluster
            endpoint: db.internal.example.com:25060
            region: FRA1
            usage: [Orders, Catalogue, Sessions]
            cost: $60/month
          - name: Mailgun
            kind: Email delivery
            endpoint: smtp.mail.example.net:587
            cost: Pay as you go
        """

    static let dozenStatus = """
        apps:
          marketplace:
            status: degraded
            status_note: search cluster rebuilding
            deployment: { commit: 9f1c2ab, date: 2025-10-30 }
        """

    // MARK: Long names

    static let longSpecs = [
        """
        name: customer-analytics-pipeline-prd
        region: nyc
        services:
          - name: ingestion-gateway-service-eu-01
            github: { repo: an-organisation-with-a-long-name/a-repository-with-an-even-longer-name, branch: feature/very-long-branch-name-for-testing-wrapping }
            instance_size_slug: apps-d-2vcpu-8gb
            routes: [{ path: /v1/ingestion/events/batch/with/a/path/that/goes/on/and/on }]
            envs:
              - { key: WAREHOUSE, value: "https://warehouse-cluster-0001.analytics.example-data-platform.io/" }
        """,
        """
        name: aVeryLongApplicationNameWithNoBreaksAtAllInIt1234567890
        services:
          - name: x
            image: { registry_type: GHCR, registry: an-organisation-with-a-long-name, repository: a-container-image-with-a-long-name, tag: 2025.11.02-build.1234567 }
        """,
    ]

    static let longConfig = """
        title: Long names
        platform: DigitalOcean App Platform (Production Account of a Rather Long Organisation)
        external:
          - name: warehouse-cluster-0001.analytics.example-data-platform.io
            kind: Columnar warehouse
            endpoint: https://warehouse-cluster-0001.analytics.example-data-platform.io/
            usage: ["Event storage for every pipeline stage, including the replays that run nightly"]
        """

    static let longStatus = """
        apps:
          customer-analytics-pipeline-prd:
            status: pending
            status_note: waiting for the quarterly capacity review to finish
            note: https://runbooks.example.com/analytics/customer-analytics-pipeline-prd/rollout-checklist-2025
            deployment: { commit: 0123456789abcdef0123456789abcdef01234567, date: 2025-01-09 }
        """

    // MARK: CJK and emoji

    static let cjkSpec = """
        name: 東京-shop
        region: sgp
        services:
          - name: ウェブ
            github: { repo: example/店舗, branch: main, deploy_on_push: true }
            instance_size_slug: basic-xs
            envs:
              - { key: DB_HOST, value: "db.データ.example.jp" }
          - name: café
            github: { repo: example/店舗, branch: main, deploy_on_push: true }
            instance_size_slug: basic-xxs
        """

    static let cjkConfig = """
        title: 地図
        platform: "DigitalOcean 🌊 App Platform"
        external:
          - name: データベース 🐘
            kind: PostgreSQL（本番）
            endpoint: db.データ.example.jp:5432
            usage: ["毎晩バックアップ 🌙", "Family 👨‍👩‍👧 flag 🇯🇵 keycap 1️⃣ skin 👍🏽", "Combining: e\\u0301 n\\u0303 a\\u0308"]
        """

    static let cjkStatus = """
        apps:
          東京-shop:
            status: healthy
            status_note: 正常に稼働中 ✨
            note: "デプロイは毎週月曜日 🚀\\tTab\\u001b[31mESC\\u202eRTL\\nnewline 한국어 텍스트"
            deployment: { commit: abc1234, date: 2025-11-01 }
          絵文字-app-🎉:
            status: down
            status_note: 🔥 障害対応中
            estimated_monthly_cost: 12
            note: 中文说明：这个应用没有规格文件，只有状态。
        """

    // MARK: Status only, no externals

    static let statusOnlyStatus = """
        apps:
          pulser-hub-mcp:
            status: unverified
            status_note: mentioned but not verified
            note: Not visible in provided dashboard view
            estimated_monthly_cost: 5
        """

    static let plainSpec = """
        name: hello-world
        region: ams
        services:
          - name: web
            git: { repo_clone_url: "https://github.com/example/hello.git", branch: main }
            instance_size_slug: basic-xxs
        """
}

@Suite("Diagram")
struct DiagramTests {
    static let widths = [40, 66, 80, 120]

    // MARK: Goldens

    @Test(arguments: widths)
    func exampleGolden(width: Int) {
        assertGolden(DiagramRenderer.text(DiagramFixture.example.map, width: width, ascii: false), "diagram/example-\(width).txt")
    }

    @Test func exampleASCIIGolden() {
        assertGolden(DiagramRenderer.text(DiagramFixture.example.map, width: 66, ascii: true), "diagram/example-ascii-66.txt")
    }

    @Test(arguments: DiagramFixture.allCases.filter { $0 != .example }, [40, 80])
    func fixtureGolden(fixture: DiagramFixture, width: Int) {
        assertGolden(DiagramRenderer.text(fixture.map, width: width, ascii: false), "diagram/\(fixture.rawValue)-\(width).txt")
    }

    @Test(arguments: DiagramFixture.allCases.filter { $0 != .example })
    func fixtureASCIIGolden(fixture: DiagramFixture) {
        assertGolden(DiagramRenderer.text(fixture.map, width: 66, ascii: true), "diagram/\(fixture.rawValue)-ascii-66.txt")
    }

    // MARK: Properties

    /// Every line of every fixture at every width from 40 to 200 is exactly that wide.
    @Test(arguments: DiagramFixture.allCases)
    func everyLineHasTheRequestedWidth(fixture: DiagramFixture) {
        let map = fixture.map
        for width in 40...200 {
            for ascii in [false, true] {
                let problems = exactnessProblems(map, width: width, ascii: ascii)
                #expect(problems.isEmpty, "width \(width)\(ascii ? " ascii" : ""): \(problems.prefix(3))")
                if !problems.isEmpty { return }
            }
        }
    }

    @Test(arguments: DiagramFixture.allCases)
    func asciiOutputIsPureASCII(fixture: DiagramFixture) {
        for width in [40, 66, 97, 200] {
            let text = DiagramRenderer.text(fixture.map, width: width, ascii: true)
            let offending = text.unicodeScalars.filter { !$0.isASCII || ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
            #expect(offending.isEmpty, "width \(width): \(offending.map { "U+\(String($0.value, radix: 16))" })")
        }
    }

    @Test(arguments: DiagramFixture.allCases)
    func sameInputSameBytes(fixture: DiagramFixture) {
        let first = DiagramRenderer.text(fixture.map, width: 77, ascii: false)
        let second = DiagramRenderer.text(fixture.map, width: 77, ascii: false)
        #expect(first == second)
        #expect(
            DiagramRenderer.layout(fixture.map, width: 77, ascii: false) == DiagramRenderer.layout(fixture.map, width: 77, ascii: false))
    }

    /// Boxes nest inside their group, sit side by side without overlapping, share a row's
    /// height, and hold their text inside their border.
    @Test(arguments: DiagramFixture.allCases, [40, 66, 80, 120, 200])
    func layoutGeometryIsConsistent(fixture: DiagramFixture, width: Int) {
        let layout = DiagramRenderer.layout(fixture.map, width: width, ascii: false)
        #expect(layout.width == width)
        let groups = layout.boxes.filter { $0.kind == .platform || $0.kind == .externalGroup }
        for group in groups {
            #expect(group.x == 0 && group.width == width, "group boxes span the full width")
        }
        for box in layout.boxes {
            #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= layout.height)
            for text in box.title + box.lines {
                #expect(text.x > box.x && text.x + text.width < box.x + box.width, "\(text.text) leaves its box")
                #expect(text.y > box.y && text.y < box.y + box.height - 1, "\(text.text) leaves its box")
                #expect(DisplayWidth.of(text.text) == text.width)
            }
            guard box.kind == .app || box.kind == .external else { continue }
            let parent = groups.first { $0.y < box.y && box.y + box.height <= $0.y + $0.height }
            #expect(parent != nil, "a \(box.kind) box lies inside its group")
            for other in layout.boxes where other != box && other.kind == box.kind {
                let apart =
                    box.x + box.width <= other.x || other.x + other.width <= box.x
                    || box.y + box.height <= other.y || other.y + other.height <= box.y
                #expect(apart, "boxes overlap")
                if other.y == box.y { #expect(other.height == box.height, "a row shares its height") }
            }
        }
    }

    // MARK: Content

    @Test func exampleSaysWhatTheSeedSays() {
        let text = DiagramRenderer.text(DiagramFixture.example.map, width: 200, ascii: false)
        for fact in [
            "DigitalOcean App Platform", "Region: SGP1 (Singapore)", "pulse-hub-web", "superset-analytics",
            "pulser-hub-mcp", "Status: ✅ Healthy", "Status: 🔧 Configured (awaiting deployment)", "Cost: $5/month",
            "Cost: $27/month", "Cost: $5/month (estimated)", "• superset-web (basic-xs)", "• pulse-hub (static site)",
            "• superset-worker (worker, basic-xxs)", "• /superset", "• /webhook", "• Supabase (PostgreSQL Database)",
            "• redis (REDIS_HOST)", "Repository: jgtolentino/insightpulse-odoo", "Branch: main", "Auto-Deploy: ✅",
            "Latest Deploy: ad3439d (Nov 01)", "Note: Not visible in provided dashboard view",
            "▼ superset-analytics → Supabase", "External Dependencies", "Supabase (PostgreSQL Database)",
            "Project: spdtwktxdalcfigzeqrz", "Endpoint: aws-1-us-east-1.pooler.supabase.com:6543",
            "• Superset metadata storage", "Cost: Free tier (up to 500MB)",
            "Integration: GitHub Actions → DigitalOcean App Platform",
        ] {
            let found = text.contains(fact)
            #expect(found, "missing: \(fact)")
        }
        #expect(!text.contains("↓ ↓ ↓"))
    }

    @Test func layoutLinksAppBoxesAndArrows() throws {
        let layout = DiagramRenderer.layout(DiagramFixture.example.map, width: 66, ascii: false)
        #expect(layout.boxes.filter { $0.kind == .app }.map(\.link) == ["pulse-hub-web", "superset-analytics", "pulser-hub-mcp"])
        #expect(layout.boxes.map(\.kind) == [.platform, .app, .app, .app, .externalGroup, .external, .external])
        let arrows = layout.arrows.filter { $0.system == "Supabase" }
        #expect(arrows.map(\.app) == ["pulse-hub-web", "superset-analytics"])
        #expect(arrows.last?.lines.map(\.text) == ["▼ superset-analytics → Supabase"])
        // The seed's arrangement at 66 columns: two apps side by side, the third below.
        let apps = layout.boxes.filter { $0.kind == .app }
        #expect(apps[0].y == apps[1].y && apps[2].y > apps[0].y && apps[2].width == 60)
    }

    /// Five boxes of which four fit a row sit three and two, not four and one.
    @Test func rowsAreBalanced() {
        let specs = (1...5).map { "name: app-\($0)\nservices:\n  - name: web\n" }
        let layout = DiagramRenderer.layout(buildMap(specs: specs).0, width: 120, ascii: false)
        let rows = Dictionary(grouping: layout.boxes.filter { $0.kind == .app }, by: \.y).values.map(\.count).sorted()
        #expect(rows == [2, 3])
        let single = DiagramRenderer.layout(buildMap(specs: Array(specs.prefix(4))).0, width: 120, ascii: false)
        #expect(Set(single.boxes.filter { $0.kind == .app }.map(\.y)).count == 1, "four fit one row")
    }

    @Test func noExternalSystemsMeansNoArrowsAndNoExternalBox() {
        let map = DiagramFixture.noExternals.map
        let layout = DiagramRenderer.layout(map, width: 66, ascii: false)
        #expect(layout.arrows.isEmpty)
        #expect(!layout.boxes.contains { $0.kind == .externalGroup || $0.kind == .external })
        #expect(!DiagramRenderer.text(map, width: 66, ascii: false).contains("▼"))
    }

    @Test func externalsWithoutKnownUseGetOneBareArrow() {
        let (map, _) = buildMap(specs: [DiagramFixture.plainSpec], config: "title: T\nexternal:\n  - name: GitHub\n")
        let layout = DiagramRenderer.layout(map, width: 50, ascii: false)
        #expect(layout.arrows.count == 1)
        #expect(layout.arrows.first?.app == nil && layout.arrows.first?.lines.map(\.text) == ["▼"])
    }

    @Test func anEmptyMapStillDrawsExactly() {
        let (map, _) = buildMap(specs: [])
        let text = DiagramRenderer.text(map, width: 40, ascii: false)
        #expect(text.contains("No apps found."))
        #expect(lines(text).allSatisfy { DisplayWidth.of($0) == 40 })
    }

    /// Below the supported range the diagram is drawn at its narrowest, never broken.
    @Test(arguments: [-5, 0, 10, 23])
    func tooNarrowIsDrawnAtTheMinimum(width: Int) {
        let text = DiagramRenderer.text(DiagramFixture.example.map, width: width, ascii: false)
        #expect(lines(text).allSatisfy { DisplayWidth.of($0) == BoxLayout.minimumWidth })
    }

    @Test func noEnvValueAppears() {
        for fixture in DiagramFixture.allCases {
            for ascii in [false, true] {
                let text = DiagramRenderer.text(fixture.map, width: 120, ascii: ascii)
                for value in ["FAKE", "EV[", "2191216", "spdtwktxdalcfigzeqrz.supabase.co", "postgresql://", "9200"] {
                    #expect(!text.contains(value), "\(fixture.rawValue) shows an env value")
                }
            }
        }
    }

    @Test func controlCharactersNeverReachTheOutput() {
        for ascii in [false, true] {
            let text = DiagramRenderer.text(DiagramFixture.cjkEmoji.map, width: 80, ascii: ascii)
            let controls = text.unicodeScalars.filter {
                ($0.properties.generalCategory == .control && $0 != "\n") || (0x202A...0x202E).contains($0.value)
            }
            #expect(controls.isEmpty)
            #expect(text.contains("Tab"), "the text around a control character stays")
        }
    }

    /// A token too long for its box is broken with a mark, and nothing of it is lost.
    @Test(arguments: [false, true])
    func unbreakableTokensAreContinuedNotCut(ascii: Bool) {
        let name = "aVeryLongApplicationNameWithNoBreaksAtAllInIt1234567890"
        let layout = DiagramRenderer.layout(DiagramFixture.longNames.map, width: 40, ascii: ascii)
        let box = layout.boxes.first { $0.link == Slug.of(name) }
        let title = box?.title.map(\.text) ?? []
        let mark = ascii ? "\\" : "↩"
        #expect(title.count > 1)
        #expect(title.dropLast().allSatisfy { $0.hasSuffix(mark) })
        #expect(title.map { $0.hasSuffix(mark) ? String($0.dropLast()) : $0 }.joined() == name)
    }

    @Test func wrapsAtSlashesAndSpaces() {
        let paragraph = Paragraph([.unit("Repository:"), .words("jgtolentino/insightpulse-odoo")], ascii: false)
        let lines = TextWrapper.wrap(paragraph, width: 26, mark: "↩")
        #expect(lines.map(\.text) == ["Repository: jgtolentino/", "insightpulse-odoo"])
        #expect(lines.map(\.indent) == [0, 2])
        #expect(Paragraph.words("https://a.io/b/c").map(\.text) == ["https://a.io/", "b/", "c"])
        let prose = TextWrapper.wrap(Paragraph("one two three four", ascii: false, indent: 0), width: 9, mark: "↩")
        #expect(prose.map(\.text) == ["one two", "three", "four"])
    }

    @Test func brokenTokensPreferPunctuation() {
        let lines = TextWrapper.wrap(Paragraph("aws-1-us-east-1.pooler.supabase.com:6543", ascii: false, indent: 0), width: 20, mark: "↩")
        #expect(lines.map(\.text) == ["aws-1-us-east-1.↩", "pooler.supabase.↩", "com:6543"])
        #expect(lines.allSatisfy { $0.width <= 20 })
    }

    @Test func wideCharactersTakeTwoCellsAndNeverSplit() {
        var canvas = TextCanvas(width: 6, height: 1)
        canvas.write("日本語", x: 1, y: 0)
        #expect(canvas.rows == [" 日本 "])
        canvas.put("x", x: 2, y: 0)
        #expect(canvas.rows == ["  x本 "])
        canvas.write("✅✅", x: 4, y: 0)
        // The ✅ lands on the right half of 本, which goes with it; the second ✅ does not fit.
        #expect(canvas.rows == ["  x ✅"])
    }

    /// A cluster wider than two columns (a wide character with a spacing mark after it,
    /// "歗〮" is 3) takes every cell it covers, on the canvas and in the diagram. Found by the
    /// diagram fuzz target: the canvas gave it two cells, so its row came out a column wider.
    @Test(arguments: ["歗", "漢", "가", "ア"])
    func clustersWiderThanTwoColumnsTakeAllTheirCells(base: String) {
        for mark in ["\u{302E}", "\u{302F}"] {
            let cluster = Character(base + mark)
            let width = DisplayWidth.of(cluster)
            #expect(width == 3, "\(base) with U+\(String(mark.unicodeScalars.first?.value ?? 0, radix: 16)) measures \(width)")
            var canvas = TextCanvas(width: 8, height: 1)
            #expect(canvas.write("a" + String(cluster) + "b", x: 1, y: 0) == width + 2)
            #expect(canvas.rows.map(DisplayWidth.of) == [8])
            canvas.put("x", x: 3, y: 0)
            #expect(canvas.rows == [" a x b  "], "writing over any cell of the cluster clears all of it")
            let status = "apps:\n  \"\(base)\(mark) \(base)\(mark)\":\n    status: healthy\n    note: \"a\(base)\(mark)b\"\n"
            let (map, _) = buildMap(specs: [], status: status)
            for columns in [24, 31, 66] {
                let problems = exactnessProblems(map, width: columns, ascii: false)
                #expect(problems.isEmpty, "\(columns) columns: \(problems)")
            }
        }
    }

    @Test func sanitizerKeepsEmojiSequencesAndDropsHazards() {
        #expect(TextSanitizer.clean("a\tb\nc\u{1B}d", ascii: false) == "a b c d")
        #expect(TextSanitizer.clean("\u{202E}abc\u{200B}", ascii: false) == "abc")
        #expect(TextSanitizer.clean("👨‍👩‍👧🇯🇵", ascii: false) == "👨‍👩‍👧🇯🇵")
        #expect(TextSanitizer.clean("\u{0301}e\u{0301}", ascii: false) == "e\u{0301}")
        #expect(TextSanitizer.clean("x👨\u{200D}", ascii: false) == "x👨")
        #expect(TextSanitizer.clean("$5–$20 → ok…", ascii: true) == "$5-$20 -> ok...")
        #expect(TextSanitizer.clean("日本", ascii: true) == "??")
    }

    /// A zero-width joiner that joins nothing (after a letter, a CJK character, at the end of
    /// a name) hides the character after it when measured, as wcwidth does: it would swallow
    /// the padding, a space or the continuation mark beside it. Found by the diagram fuzz target.
    @Test(arguments: ["x", "漢", "é", "\u{FFFD}", "1"])
    func strayJoinersDoNotShiftTheBorder(base: String) {
        let joiner = "\u{200D}"
        let names = [
            base + joiner, base + joiner + " tail", base + joiner + "💻", joiner + base, base + joiner + String(repeating: "w", count: 40),
        ]
        var status = "apps:\n"
        for (index, name) in names.enumerated() {
            let escaped = name.unicodeScalars.map { $0.isASCII ? String($0) : "\\U\(String(format: "%08X", $0.value))" }.joined()
            status += "  \"\(escaped) \(index)\":\n    status: healthy\n    note: \"\(escaped)\"\n"
        }
        let (map, diagnostics) = buildMap(specs: [], status: status)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(map.apps.count == names.count)
        for width in [24, 40, 66] {
            for ascii in [false, true] {
                let problems = exactnessProblems(map, width: width, ascii: ascii)
                #expect(problems.isEmpty, "\(width) columns: \(problems)")
            }
        }
        #expect(TextSanitizer.clean(base + joiner, ascii: false) == base)
        #expect(TextSanitizer.clean(base + joiner + " b", ascii: false) == base + " b")
    }

    // MARK: Corpus

    static var corpusFiles: [String] { CorpusTests.files.filter { CorpusTests.invalid[$0] == nil } }

    /// Every valid corpus spec draws a diagram whose lines all have the requested width.
    @Test(.enabled(if: sharedFolder != nil, "../shared/corpus is absent (a user's clone has none)"), arguments: corpusFiles)
    func corpusSpecDrawsExactly(name: String) throws {
        let shared = try #require(sharedFolder)
        let workspace = Workspace.load(
            root: shared.appending(path: "corpus", directoryHint: .isDirectory), specFiles: [name], readConfig: false)
        let (map, diagnostics) = workspace.resolve()
        let errors = diagnostics.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        #expect(errors.isEmpty, "\(errors)")
        #expect(!map.apps.isEmpty)
        for width in [40, 53, 66, 80, 120, 200] {
            for ascii in [false, true] {
                let problems = exactnessProblems(map, width: width, ascii: ascii)
                #expect(problems.isEmpty, "\(name) at \(width)\(ascii ? " ascii" : ""): \(problems.prefix(3))")
            }
        }
    }
}

// MARK: Helpers

/// What is wrong with a drawing, if anything: a line of the wrong display width, or a
/// text that the layout put beyond its box (the canvas would clip it: a silent cut).
func exactnessProblems(_ map: InfraMap, width: Int, ascii: Bool) -> [String] {
    let layout = DiagramRenderer.layout(map, width: width, ascii: ascii)
    var problems: [String] = []
    for (number, line) in lines(TextDiagram.render(layout)).enumerated() where DisplayWidth.of(line) != width {
        problems.append("line \(number + 1) is \(DisplayWidth.of(line)) wide: \(line)")
    }
    for box in layout.boxes {
        for text in box.title + box.lines where text.x <= box.x || text.x + text.width >= box.x + box.width {
            problems.append("'\(text.text)' leaves its \(box.kind) box")
        }
    }
    for line in layout.arrows.flatMap(\.lines) where line.x < 0 || line.x + line.width > width {
        problems.append("arrow '\(line.text)' leaves the diagram")
    }
    return problems
}

/// The lines of a rendering (every line ends in a newline).
func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
}

@Suite("Mermaid")
struct MermaidTests {
    @Test func exampleAsAFlowchart() {
        let (map, _) = loadExample()
        let text = MermaidDiagram.render(map)
        #expect(text.hasPrefix("flowchart TB\n  subgraph platform[\"DigitalOcean App Platform<br/>Region: SGP1 #40;Singapore#41;\"]\n"))
        #expect(
            text.contains(
                "    app1[\"superset-analytics<br/>🔧 Configured · $27/month<br/>superset-web #40;basic-xs#41;, superset-worker #40;basic-xxs#41;, superset-beat #40;basic-xxs#41;, redis #40;basic-xxs#41;\"]"
            ))
        #expect(text.contains("    ext0[\"Supabase #40;PostgreSQL Database#41;<br/>aws-1-us-east-1.pooler.supabase.com:6543\"]"))
        #expect(text.contains("  app1 --> ext0\n"))
        #expect(text.contains("  click app0 \"apps/pulse-hub-web/index.html\"\n"))
    }

    @Test func labelsCannotBreakOut() {
        #expect(MermaidDiagram.escape("a\"] --> x[\"<script>|{}\n") == "a#34;#93; --#62; x#91;#34;#60;script#62;#124;#123;#125; ")
    }

    /// Every control character becomes a space, C1 (U+0080…U+009F) as well as C0 and DEL.
    /// Found by the diagram fuzz target (an app named U+008C).
    @Test func everyControlCharacterBecomesASpace() {
        let controls =
            (0x00...0x1F).map { Unicode.Scalar(UInt8($0)) } + [Unicode.Scalar(UInt8(0x7F))]
            + (0x80...0x9F).map { Unicode.Scalar(UInt8($0)) }
        for scalar in controls {
            #expect(MermaidDiagram.escape("a\(scalar)b") == "a b", "U+\(String(scalar.value, radix: 16))")
        }
        #expect(MermaidDiagram.escape("\u{A0}é\u{200D}") == "\u{A0}é\u{200D}", "only control characters change")
    }
}
