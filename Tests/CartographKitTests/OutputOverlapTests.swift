import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Outputs that would overlap an input, another output or a folder Cartograph did not
/// write: each is an error at the config key that names it, `build` and `check` exit 1, and
/// the whole project folder is byte for byte, mode for mode, what it was.
@Suite("Outputs never overlap inputs", .serialized)
struct OutputOverlapTests {
    /// The example with its `output:` block (line 11 of its config) holding `lines`.
    static func project(output lines: [String]) throws -> URL {
        let folder = try copyOfExample()
        let url = folder.appending(path: "cartograph.yaml")
        let config = try String(contentsOf: url, encoding: .utf8)
        let block = "output:\n  site: site\n  markdown: site/INFRASTRUCTURE.md\n"
        precondition(config.contains("\n\(block)"), "the example's output block moved")
        let before = config.components(separatedBy: block)[0]
        precondition(before.split(separator: "\n", omittingEmptySubsequences: false).count == 11, "the output block is not at line 11")
        try config.replacingOccurrences(of: block, with: "output:\n" + lines.map { $0 + "\n" }.joined())
            .write(to: url, atomically: true, encoding: .utf8)
        return folder
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var output: [String]
        /// The line under `output:` (0-based) and the text in it where the error points.
        var at: (line: Int, text: String)
        var message: String
        /// True when `message` is only the start of the message (it names a scratch path).
        var prefixOnly = false
        var setup: @Sendable (URL) throws -> Void = { _ in }

        var testDescription: String { name }

        var location: String {
            // The value, after the key's colon.
            let line = output[at.line]
            let value = line.range(of: ":").map { line[$0.upperBound...] } ?? line[...]
            let column = value.range(of: at.text).map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 0
            return "cartograph.yaml:\(12 + at.line):\(column)"
        }
    }

    static let overwriteWhy = "the map would overwrite an input, or be read back as one"
    static let replaceWhy = "the site folder is replaced on every build, so it may not hold or be an input"
    static let refusal = "refusing to replace it"
    static let readme = "# Readme\n<!-- cartograph:begin costs -->\n<!-- cartograph:end -->\n"

    static let cases: [Case] = [
        Case(
            name: "site is the config", output: ["  site: cartograph.yaml"], at: (0, "cartograph.yaml"),
            message: "output.site 'cartograph.yaml' is the config 'cartograph.yaml': \(replaceWhy)"),
        Case(
            name: "markdown is the config", output: ["  site: site", "  markdown: cartograph.yaml"], at: (1, "cartograph.yaml"),
            message: "output.markdown 'cartograph.yaml' is the config 'cartograph.yaml': \(overwriteWhy)"),
        Case(
            name: "markdown is the site's index", output: ["  site: site", "  markdown: site/index.html"], at: (1, "site/index.html"),
            message:
                "output.markdown 'site/index.html' is a path the site itself writes ('index.html' in 'site'): the site and the map would overwrite each other"
        ),
        Case(
            name: "markdown is a folder the site writes into", output: ["  site: site", "  markdown: ./site/apps/"],
            at: (1, "./site/apps/"),
            message:
                "output.markdown 'site/apps' is a path the site itself writes ('apps' in 'site'): the site and the map would overwrite each other"
        ),
        Case(
            name: "markdown is under a file the site writes", output: ["  site: site", "  markdown: site/costs/index.html/map.md"],
            at: (1, "site/costs/index.html/map.md"),
            message:
                "output.markdown 'site/costs/index.html/map.md' is a path the site itself writes ('costs/index.html/map.md' in 'site'): the site and the map would overwrite each other"
        ),
        Case(
            name: "markdown is the site folder", output: ["  site: site", "  markdown: site"], at: (1, "site"),
            message: "output.markdown 'site' is the site folder 'site'"),
        Case(
            name: "site is ./", output: ["  site: ./"], at: (0, "./"),
            message:
                "output.site '.' is the project folder itself: the site folder is replaced on every build, so it must be a folder of its own"
        ),
        Case(
            name: "site is .", output: ["  site: ."], at: (0, "."),
            message:
                "output.site '.' is the project folder itself: the site folder is replaced on every build, so it must be a folder of its own"
        ),
        Case(
            name: "site is empty", output: ["  site: \"\""], at: (0, "\"\""),
            message:
                "output.site '.' is the project folder itself: the site folder is replaced on every build, so it must be a folder of its own",
            // check once planned to "remove" .git/HEAD here.
            setup: { folder in
                try FileManager.default.createDirectory(at: folder.appending(path: ".git"), withIntermediateDirectories: true)
                try "ref: refs/heads/main\n".write(to: folder.appending(path: ".git/HEAD"), atomically: false, encoding: .utf8)
            }),
        Case(
            name: "site holds the inputs", output: ["  site: content/"], at: (0, "content/"),
            message: "output.site 'content' would hold the app spec 'content/apps/pulse-hub-web.yaml' (and 7 more inputs): \(replaceWhy)"
        ),
        Case(
            name: "site is the templates folder", output: ["  site: templates"], at: (0, "templates"),
            message: "output.site 'templates' is the templates folder 'templates': \(replaceWhy)"),
        Case(
            name: "site outside the project", output: ["  site: ../published"], at: (0, "../published"),
            message: "output.site '../published' is outside the project folder (the config's folder): Cartograph writes only inside it"),
        Case(
            name: "site is an absolute path", output: ["  site: /tmp/cartograph-site"], at: (0, "/tmp"),
            message:
                "output.site '/tmp/cartograph-site' is an absolute path: output paths are relative to the config's folder, and Cartograph writes only inside it"
        ),
        Case(
            name: "a user's file named like the site folder", output: ["  site: site"], at: (0, "site"),
            message: "output.site 'site' is a file, not a folder; \(refusal)",
            setup: { try "my notes\n".write(to: $0.appending(path: "site"), atomically: false, encoding: .utf8) }),
        Case(
            name: "an unmarked folder with a link, a FIFO and an empty folder", output: ["  site: site"], at: (0, "site"),
            message: "output.site 'site' holds files Cartograph did not write (it has no .cartograph marker); \(refusal)",
            setup: { folder in
                let site = folder.appending(path: "site")
                try FileManager.default.createDirectory(at: site.appending(path: "empty"), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: site.appending(path: "link").path, withDestinationPath: "../content")
                #expect(mkfifo(site.appending(path: "pipe").path, 0o644) == 0)
            }),
        Case(
            name: "site is a link to the inputs", output: ["  site: site"], at: (0, "site"),
            message: "output.site 'site' would hold the app spec 'content/apps/pulse-hub-web.yaml' (and 7 more inputs): \(replaceWhy)",
            setup: { try FileManager.default.createSymbolicLink(atPath: $0.appending(path: "site").path, withDestinationPath: "content") }),
        Case(
            name: "site is a link out of the project", output: ["  site: site"], at: (0, "site"),
            message: "output.site 'site' leads to '", prefixOnly: true,
            setup: { try FileManager.default.createSymbolicLink(atPath: $0.appending(path: "site").path, withDestinationPath: "/tmp") }),
        Case(
            name: "markdown is the status file", output: ["  site: site", "  markdown: content/status.yaml"],
            at: (1, "content/status.yaml"),
            message: "output.markdown 'content/status.yaml' is the status file 'content/status.yaml': \(overwriteWhy)"),
        Case(
            name: "markdown in the pages folder", output: ["  site: site", "  markdown: content/pages/MAP.md"],
            at: (1, "content/pages/MAP.md"),
            message: "output.markdown 'content/pages/MAP.md' lies inside the pages folder 'content/pages': \(overwriteWhy)"),
        Case(
            name: "markdown matches a spec pattern", output: ["  site: site", "  markdown: content/apps/map.yaml"],
            at: (1, "content/apps/map.yaml"),
            message:
                "output.markdown 'content/apps/map.yaml' matches the specs pattern 'content/apps/*.yaml': the next build would read it as an app spec"
        ),
        Case(
            name: "json is the config", output: ["  site: site", "  json: cartograph.yaml"], at: (1, "cartograph.yaml"),
            message: "output.json 'cartograph.yaml' is the config 'cartograph.yaml': \(overwriteWhy)"),
        Case(
            name: "json is the site's index", output: ["  site: site", "  json: site/index.html"], at: (1, "site/index.html"),
            message:
                "output.json 'site/index.html' is a path the site itself writes ('index.html' in 'site'): the site and the map would overwrite each other"
        ),
        Case(
            name: "json is the site folder", output: ["  site: site", "  json: site/"], at: (1, "site/"),
            message: "output.json 'site' is the site folder 'site'"),
        Case(
            name: "json is the markdown map", output: ["  site: site", "  markdown: map.md", "  json: ./map.md"], at: (2, "./map.md"),
            message: "output.json 'map.md' names the same file as output.markdown 'map.md' (line 13): it would be written twice"),
        Case(
            name: "json outside the project", output: ["  site: site", "  json: ../map.json"], at: (1, "../map.json"),
            message: "output.json '../map.json' is outside the project folder (the config's folder): Cartograph writes only inside it"),
        Case(
            name: "json matches a spec pattern", output: ["  site: site", "  json: content/apps/map.yaml"],
            at: (1, "content/apps/map.yaml"),
            message:
                "output.json 'content/apps/map.yaml' matches the specs pattern 'content/apps/*.yaml': the next build would read it as an app spec"
        ),
        Case(
            name: "inject into a spec", output: ["  site: site", "  inject: [content/apps/pulse-hub-web.yaml]"],
            at: (1, "content/apps/pulse-hub-web.yaml"),
            message: "output.inject 'content/apps/pulse-hub-web.yaml' is the app spec 'content/apps/pulse-hub-web.yaml': \(overwriteWhy)"),
        Case(
            name: "inject into a page", output: ["  site: site", "  inject: [content/pages/05-next-steps.md]"],
            at: (1, "content/pages/05-next-steps.md"),
            message: "output.inject 'content/pages/05-next-steps.md' is the page 'content/pages/05-next-steps.md': \(overwriteWhy)",
            setup: { folder in
                let page = folder.appending(path: "content/pages/05-next-steps.md")
                try (String(contentsOf: page, encoding: .utf8) + "\n<!-- cartograph:begin -->\n<!-- cartograph:end -->\n")
                    .write(to: page, atomically: true, encoding: .utf8)
            }),
        Case(
            name: "inject names one file twice", output: ["  site: site", "  inject: [README.md, ./README.md]"], at: (1, "./README.md"),
            message: "output.inject 'README.md' names the same file as output.inject 'README.md' (line 13): it would be written twice",
            setup: { try readme.write(to: $0.appending(path: "README.md"), atomically: true, encoding: .utf8) }),
        Case(
            name: "inject into the markdown map", output: ["  site: site", "  markdown: README.md", "  inject: README.md"],
            at: (2, "README.md"),
            message: "output.inject 'README.md' names the same file as output.markdown 'README.md' (line 13): it would be written twice",
            setup: { try readme.write(to: $0.appending(path: "README.md"), atomically: true, encoding: .utf8) }),
        Case(
            name: "markdown is a folder of the user's", output: ["  site: site", "  markdown: docs"], at: (1, "docs"),
            message: "output.markdown 'docs' is a folder; the map is written only to a file",
            setup: { folder in
                try FileManager.default.createDirectory(at: folder.appending(path: "docs"), withIntermediateDirectories: true)
                try "mine\n".write(to: folder.appending(path: "docs/notes.md"), atomically: false, encoding: .utf8)
            }),
        Case(
            name: "inject into a FIFO", output: ["  site: site", "  inject: [pipe.md]"], at: (1, "pipe.md"),
            message: "output.inject 'pipe.md' is not a regular file; the map is written only to a file",
            setup: { #expect(mkfifo($0.appending(path: "pipe.md").path, 0o644) == 0) }),
        Case(
            name: "inject inside the site folder", output: ["  site: out", "  inject: [out/README.md]"], at: (1, "out/README.md"),
            message: "output.inject 'out/README.md' lies inside the site folder 'out', which is replaced on every build"),
    ]

    @Test(arguments: cases)
    func refusedWithALocatedErrorAndNothingTouched(_ scenario: Case) throws {
        let folder = try Self.project(output: scenario.output)
        defer { try? FileManager.default.removeItem(at: folder) }
        try scenario.setup(folder)
        let before = FolderSnapshot(folder)
        for command in ["build", "check"] {
            let result = try runCLI([command], in: folder, environment: ["NO_COLOR": "1"])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            let expected = "\(scenario.location): error: \(scenario.message)"
            if scenario.prefixOnly {
                #expect(result.stderr.contains(expected), "\(command) printed:\n\(result.stderr)")
            } else {
                #expect(result.stderr.contains(expected + " [CG032]\n"), "\(command) printed:\n\(result.stderr)")
            }
            // A refused build plans nothing either: check names no file to write or remove.
            #expect(!result.stderr.contains("a build would"), "\(command) printed:\n\(result.stderr)")
            #expect(FolderSnapshot(folder).differences(from: before) == [], "\(command) changed the project")
        }
    }

    /// Every input of the example, and every folder holding one, as each kind of output:
    /// always refused at its key, and nothing written.
    @Test func everyInputAsEveryOutputIsRefused() throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: folder)
        var paths = Set<String>()
        for input in workspace.inputs {
            var parts = input.path.split(separator: "/").map(String.init)
            while !parts.isEmpty {
                paths.insert(parts.joined(separator: "/"))
                parts.removeLast()
            }
        }
        paths.insert("templates/html/layout.mustache")
        #expect(paths.count > 12)
        let template = try String(contentsOf: folder.appending(path: "cartograph.yaml"), encoding: .utf8)
        let before = FolderSnapshot(folder)
        var checked = 0
        for path in paths.sorted() {
            for (key, lines) in [
                ("site", ["  site: \(path)"]), ("markdown", ["  site: site", "  markdown: \(path)"]),
                ("inject", ["  site: site", "  inject: [\(path)]"]), ("json", ["  site: site", "  json: \(path)"]),
            ] {
                let config = template.replacingOccurrences(
                    of: "output:\n  site: site\n  markdown: site/INFRASTRUCTURE.md\n", with: "output:\n" + lines.map { $0 + "\n" }.joined())
                try config.write(to: folder.appending(path: "cartograph.yaml"), atomically: false, encoding: .utf8)
                var err = ""
                let status = BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 })
                #expect(status == 1, "output.\(key): \(path) was accepted")
                let text = lines[lines.count - 1]
                let before = key == "inject" ? "[" : ": "
                let column = text.range(of: before + path).map {
                    text.distance(from: text.startIndex, to: $0.lowerBound) + before.count + 1
                }
                let at = "cartograph.yaml:\(11 + lines.count):\(column ?? 0): error: output.\(key) '\(path)'"
                #expect(err.contains(at), "output.\(key): \(path) printed:\n\(err)")
                checked += 1
            }
            try template.write(to: folder.appending(path: "cartograph.yaml"), atomically: false, encoding: .utf8)
            #expect(FolderSnapshot(folder).differences(from: before) == [], "a refused build changed the project (\(path))")
        }
        #expect(checked == paths.count * 4)
    }

    /// The same config key spelled three ways is one output: `./site/` is `site`.
    @Test func outputPathsAreNormalised() {
        #expect(ProjectPath.normalized("./site/") == "site")
        #expect(ProjectPath.normalized("docs/../site//") == "site")
        #expect(ProjectPath.normalized(".") == "")
        #expect(ProjectPath.normalized("a/../..") == "..")
        #expect(ProjectPath.normalized("/abs/./x") == "/abs/x")
    }

    @Test func resolvedPathsFollowLinksWhereTheyExist() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = ProjectPath.resolved(folder)
        try FileManager.default.createDirectory(at: folder.appending(path: "content/apps"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appending(path: "site").path, withDestinationPath: "content")
        #expect(ProjectPath.resolved(folder.appending(path: "site/apps")) == real + "/content/apps")
        #expect(ProjectPath.resolved(folder.appending(path: "site/new/x.md")) == real + "/content/new/x.md")
        // `..` after a link leaves the link's target, as the kernel resolves it.
        #expect(ProjectPath.resolved(folder.appending(path: "site/apps/../../x")) == real + "/x")
        #expect(ProjectPath.resolved(folder.appending(path: "missing/../x")) == real + "/x")
    }
}
