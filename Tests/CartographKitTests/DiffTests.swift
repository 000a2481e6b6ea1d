import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// `cartograph diff` on real git repositories and folders: the change a commit makes to the
/// map and its monthly cost, in every format, and the budget gates.
@Suite("Map diff", .serialized)
struct DiffTests {
    static let gitTool = which("git")

    /// Prices the test sets itself, so every expected amount follows from the inputs.
    static let config = """
        title: Shop
        specs: [app.yaml]
        pricing: { basic-xxs: 5, basic-xs: 12 }
        scenarios:
          - name: Lean
            size: basic-xxs

        """

    /// A spec with `web` at `size` × `count` and a worker; `extra` adds lines under `services`.
    static func spec(size: String = "basic-xxs", count: Int = 2, route: String = "/", domain: String? = nil) -> String {
        """
        name: shop
        region: nyc
        \(domain.map { "domains:\n  - domain: \($0)\n    type: PRIMARY\n" } ?? "")services:
          - name: web
            instance_size_slug: \(size)
            instance_count: \(count)
            http_port: 8080
            image: { registry_type: DOCR, repository: web }
            routes:
              - path: \(route)
        workers:
          - name: queue
            instance_size_slug: basic-xxs
            instance_count: 1
            image: { registry_type: DOCR, repository: queue }

        """
    }

    /// The cost table of the text format: each row's cells after the name, by name.
    static func rows(_ text: String) -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let cells = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if cells.count == 4 { rows[cells[0]] = Array(cells.dropFirst()) }
        }
        return rows
    }

    /// A git repository with the project committed twice: `web` resized from basic-xxs
    /// ($5) to basic-xs ($12), two instances each, so the total rises from $15 to $29.
    struct Repository {
        var top: URL

        init() throws {
            top = try temporaryFolder()
            try write("cartograph.yaml", DiffTests.config)
            try write("app.yaml", DiffTests.spec())
            try git(["init", "-q"])
            try git(["add", "-A"])
            try git(["commit", "-q", "-m", "small"])
            try write("app.yaml", DiffTests.spec(size: "basic-xs"))
            try git(["commit", "-q", "-a", "-m", "larger"])
        }

        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: top.appending(path: path))
        }

        @discardableResult
        func git(_ arguments: [String]) throws -> CLIResult {
            let result = try run(
                try #require(DiffTests.gitTool),
                ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments, in: top)
            #expect(result.status == 0, "git \(arguments): \(result.stderr)")
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: top) }
    }

    @Test(.enabled(if: gitTool != nil, "needs git")) func resizeBetweenTwoCommitsInEveryFormat() throws {
        let repository = try Repository()
        defer { repository.remove() }

        let text = try runCLI(["diff", "HEAD~1", "HEAD"], in: repository.top)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr == "")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "cartograph diff HEAD~1 → HEAD")
        let rows = Self.rows(text.stdout)
        // The shop: web 2 × $5 + queue $5 = $15, then 2 × $12 + $5 = $29.
        #expect(rows["shop"] == ["$15", "$29", "+$14"])
        #expect(rows["Total (if all deployed)"] == ["$15", "$29", "+$14 (+93.3%)"])
        // The scenario moves everything to basic-xxs: $15 on both sides.
        #expect(rows["Total with Lean"] == ["$15", "$15", "$0"])
        #expect(lines.contains("  shop: web resized basic-xxs → basic-xs"))
        #expect(!text.stdout.contains("scaled"))

        let markdown = try runCLI(["diff", "--format", "markdown", "HEAD~1", "HEAD"], in: repository.top)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("<!-- cartograph-diff -->\n### Infrastructure map: +$14 (+93.3%) per month\n"))
        #expect(markdown.stdout.contains("| shop | $15 | $29 | +$14 |\n"))
        #expect(markdown.stdout.contains("| **Total (if all deployed)** | **$15** | **$29** | **+$14 (+93.3%)** |\n"))
        #expect(markdown.stdout.contains("- `shop`: `web` resized basic-xxs → basic-xs\n"))

        let json = try runCLI(["diff", "--format", "json", "HEAD~1", "HEAD"], in: repository.top)
        #expect(json.status == 0, "\(json.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let totals = try #require(root["totals"] as? [String: Any])
        let total = try #require(totals["if_all_deployed"] as? [String: Any])
        #expect((total["before"] as? [String: Any])?["high_cents"] as? Int == 1500)
        #expect((total["after"] as? [String: Any])?["high_cents"] as? Int == 2900)
        #expect((total["delta"] as? [String: Any])?["high_cents"] as? Int == 1400)
        #expect((total["delta"] as? [String: Any])?["low_cents"] as? Int == 1400)
        #expect(total["increase_percent"] as? Double == 93.3)
        let apps = try #require(root["apps"] as? [[String: Any]])
        #expect(apps.map { $0["name"] as? String } == ["shop"])
        #expect(apps.first?["change"] as? String == "changed")
        let resized = (apps.first?["components"] as? [String: Any])?["resized"] as? [[String: Any]]
        #expect(resized?.count == 1)
        #expect(resized?.first?["name"] as? String == "web")
        #expect(resized?.first?["from"] as? String == "basic-xxs")
        #expect(resized?.first?["to"] as? String == "basic-xs")
        #expect(root["changed"] as? Bool == true)
    }

    @Test(.enabled(if: gitTool != nil, "needs git")) func budgetGates() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let range = ["HEAD~1", "HEAD"]

        let increase = try runCLI(["diff", "--fail-increase", "5"] + range, in: repository.top)
        #expect(increase.status == 1)
        #expect(increase.stderr == "error: the monthly total rises by $14, more than the limit of $5 (--fail-increase 5)\n")
        #expect(increase.stdout.hasPrefix("cartograph diff HEAD~1 → HEAD\n"), "the report is printed whatever the gate says")
        #expect(try runCLI(["diff", "--fail-increase", "14"] + range, in: repository.top).status == 0)

        let percent = try runCLI(["diff", "--fail-increase", "50%"] + range, in: repository.top)
        #expect(percent.status == 1)
        #expect(percent.stderr == "error: the monthly total rises by 93.3%, more than the limit of 50% (--fail-increase 50%)\n")
        #expect(try runCLI(["diff", "--fail-increase", "100%"] + range, in: repository.top).status == 0)

        let above = try runCLI(["diff", "--fail-above", "28.99"] + range, in: repository.top)
        #expect(above.status == 1)
        #expect(
            above.stderr == "error: the monthly total after the change, $29, is above the limit of $28.99 (--fail-above 28.99)\n")
        #expect(try runCLI(["diff", "--fail-above", "29"] + range, in: repository.top).status == 0)

        let usage = try runCLI(["diff", "--fail-increase", "five"] + range, in: repository.top)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--fail-increase must be an amount in dollars (such as 5) or a percentage (such as 10%)"))
    }

    /// The default compares HEAD with the working tree; a scale-down and a new route and
    /// domain show as such, and the repository's own index is left as it was.
    @Test(.enabled(if: gitTool != nil, "needs git")) func headAgainstTheWorkingTree() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.write("app.yaml", DiffTests.spec(size: "basic-xs", count: 1, route: "/shop", domain: "shop.example.com"))
        let before = try repository.git(["status", "--porcelain"]).stdout

        let text = try runCLI(["diff"], in: repository.top)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("cartograph diff HEAD → working tree\n"))
        #expect(text.stdout.contains("  shop: web scaled 2 instances → 1 instance\n"))
        #expect(text.stdout.contains("  shop: route /shop → web added\n"))
        #expect(text.stdout.contains("  shop: route / → web removed\n"))
        #expect(text.stdout.contains("  shop: domain shop.example.com added\n"))
        #expect(Self.rows(text.stdout)["shop"] == ["$29", "$17", "-$12"])
        #expect(try repository.git(["status", "--porcelain"]).stdout == before)

        let unknown = try runCLI(["diff", "no-such-revision"], in: repository.top)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("error: 'no-such-revision' is not a commit of the repository at "))
        #expect(unknown.stdout == "")
    }

    /// Two folders, no git: an app added and one removed, with their whole cost.
    @Test func twoFolders() throws {
        let base = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        for side in ["old", "new"] {
            try FileManager.default.createDirectory(at: base.appending(path: side), withIntermediateDirectories: true)
            try Data(Self.config.utf8).write(to: base.appending(path: "\(side)/cartograph.yaml"))
        }
        try Data(Self.spec().utf8).write(to: base.appending(path: "old/app.yaml"))
        try Data(Self.spec().replacingOccurrences(of: "name: shop", with: "name: store").utf8).write(
            to: base.appending(path: "new/app.yaml"))
        let command = DiffCommand(
            root: base, base: .folder(base.appending(path: "old")), head: .folder(base.appending(path: "new")), format: .json)
        var out = ""
        var err = ""
        #expect(command.run(stdout: { out += $0 }, stderr: { err += $0 }) == 0, "\(err)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let apps = try #require(root["apps"] as? [[String: Any]])
        #expect(apps.map { $0["name"] as? String } == ["shop", "store"])
        #expect(apps.map { $0["change"] as? String } == ["removed", "added"])
        #expect(((apps[0]["cost"] as? [String: Any])?["delta"] as? [String: Any])?["high_cents"] as? Int == -1500)
        #expect(((apps[1]["cost"] as? [String: Any])?["delta"] as? [String: Any])?["high_cents"] as? Int == 1500)
        let total = (root["totals"] as? [String: Any])?["if_all_deployed"] as? [String: Any]
        #expect((total?["delta"] as? [String: Any])?["high_cents"] as? Int == 0)
    }

    /// The same maps compare as no change, in every format; the Markdown still carries the
    /// marker so a workflow replaces an earlier comment with "no change".
    @Test func identicalMapsHaveNoChanges() throws {
        let (map, _) = loadExample()
        let diff = MapDiff(before: map, after: map)
        #expect(!diff.hasChanges)
        let report = DiffReport(diff: diff, base: "HEAD", head: "working tree")
        #expect(report.render(.text) == "cartograph diff HEAD → working tree\n\nNo change to the apps or their monthly cost.\n")
        #expect(report.render(.markdown).hasPrefix("<!-- cartograph-diff -->\n### Infrastructure map: no change\n"))
        #expect(report.render(.json).contains("\"changed\" : false"))
    }
}
