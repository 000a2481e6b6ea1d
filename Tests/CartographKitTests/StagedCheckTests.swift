import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// `check --staged` and the hook `hook install` writes, on real git repositories: what a
/// commit would record is what is checked, whatever the working tree holds.
@Suite("Staged check and the pre-commit hook", .serialized)
struct StagedCheckTests {
    static let gitTool = which("git")

    /// A repository holding the example under `infra/`, built and committed, with the hook
    /// installed from the top with `--config infra/cartograph.yaml`; `cartograph` is found
    /// on PATH (the products folder), as a release binary would be.
    struct Repository {
        var top: URL
        var path: String { cartographBinary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "") }

        init() throws {
            top = try temporaryFolder()
            let infra = top.appending(path: "infra")
            try FileManager.default.createDirectory(at: infra, withIntermediateDirectories: true)
            for item in ["cartograph.yaml", "content", "templates"] {
                try FileManager.default.copyItem(at: repositoryRoot.appending(path: item), to: infra.appending(path: item))
            }
            _ = try git(["init", "-q"])
            let built = try runCLI(["build", "-C", "infra"], in: top)
            #expect(built.status == 0, "\(built.stderr)")
            _ = try git(["add", "-A"])
            _ = try git(["commit", "-q", "-m", "the map"])
            let installed = try runCLI(["hook", "install", "--config", "infra/cartograph.yaml"], in: top, environment: ["PATH": path])
            #expect(installed.status == 0, "\(installed.stderr)")
            #expect(installed.stdout.hasSuffix("commits now run `cartograph check --staged --config infra/cartograph.yaml`\n"))
        }

        func remove() { try? FileManager.default.removeItem(at: top) }

        @discardableResult
        func git(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
            let result = try run(
                try #require(StagedCheckTests.gitTool),
                ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments, in: top,
                environment: environment)
            return result
        }

        /// `git commit` as a developer runs it: the hook runs, finding cartograph on PATH.
        func commit(_ extra: [String] = []) throws -> CLIResult {
            try git(["commit", "-q", "-m", "change"] + extra, environment: ["PATH": path])
        }

        func head() throws -> String { try git(["rev-parse", "HEAD"]).stdout }

        func edit(_ file: String, _ change: (String) -> String) throws {
            let url = top.appending(path: file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(file) changed nothing")
            try Data(changed.utf8).write(to: url)
        }

        func build() throws {
            let built = try runCLI(["build", "-C", "infra"], in: top)
            #expect(built.status == 0, "\(built.stderr)")
        }

        /// Two web instances instead of one: the map's cost and inventory change.
        func scaleWeb() throws {
            try edit("infra/content/apps/pulse-hub-web.yaml") {
                $0.replacingOccurrences(of: "instance_count: 1", with: "instance_count: 2")
            }
        }
    }

    static let staleMap = "site/INFRASTRUCTURE.md: error: is stale (differs from what a build would write); run 'cartograph build'"

    @Test(.enabled(if: gitTool != nil, "needs git"))
    func hookFindsCartographOnPathAndKeepsTheConfig() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let hook = try String(contentsOf: repository.top.appending(path: ".git/hooks/pre-commit"), encoding: .utf8)
        #expect(hook.contains("cartograph=cartograph\n"))
        #expect(hook.contains("exec \"$cartograph\" check --staged -C \"$root\" --config infra/cartograph.yaml\n"))
        #expect(!hook.contains(cartographBinary.path), "the hook names the build's binary")
        // A clean commit passes through the hook.
        try Data("notes\n".utf8).write(to: repository.top.appending(path: "NOTES.txt"))
        try repository.git(["add", "NOTES.txt"])
        let commit = try repository.commit()
        #expect(commit.status == 0, "\(commit.stdout)\(commit.stderr)")

        // Without cartograph on PATH the hook refuses, saying why, rather than letting the commit in.
        try Data("more\n".utf8).write(to: repository.top.appending(path: "NOTES.txt"))
        let before = try repository.head()
        let missing = try repository.git(["commit", "-q", "-a", "-m", "x"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("pre-commit: cartograph not found: install it, or run 'cartograph hook install --executable PATH'"))
        #expect(try repository.head() == before)
    }

    @Test(.enabled(if: gitTool != nil, "needs git"))
    func aMapRebuiltButNotStagedIsRefused() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.scaleWeb()
        try repository.build()
        // The spec is staged, the rebuilt map is not: the commit would hold the old map.
        try repository.git(["add", "infra/content/apps/pulse-hub-web.yaml"])
        let before = try repository.head()
        let refused = try repository.commit()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(Self.staleMap))
        #expect(try repository.head() == before)
        // The working tree alone looks current: only the staged check sees the problem.
        #expect(try runCLI(["check", "-C", "infra"], in: repository.top).status == 0)

        try repository.git(["add", "-A"])
        let accepted = try repository.commit()
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try repository.head() != before)
    }

    /// `git commit -a` stages into a temporary index (GIT_INDEX_FILE) that the hook must read:
    /// `.git/index` still holds the old spec and the old map, which agree.
    @Test(.enabled(if: gitTool != nil, "needs git"))
    func commitAllChecksTheIndexItWillCommit() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.scaleWeb()
        let before = try repository.head()
        let refused = try repository.commit(["-a"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(Self.staleMap))
        #expect(try repository.head() == before)

        try repository.build()
        let accepted = try repository.commit(["-a"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try repository.head() != before)
    }

    /// A template edited and the map rebuilt with it, but only the map staged: the commit's
    /// own template would not write that map.
    @Test(.enabled(if: gitTool != nil, "needs git"))
    func anUnstagedTemplateEditIsNotTakenForTheCommittedOne() throws {
        let repository = try Repository()
        defer { repository.remove() }
        try repository.edit("infra/templates/markdown/map.mustache") {
            $0.replacingOccurrences(of: "# {{title}}", with: "# Map: {{title}}")
        }
        try repository.build()
        try repository.git(["add", "infra/site"])
        let before = try repository.head()
        let refused = try repository.commit()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(Self.staleMap))
        #expect(refused.stderr.contains("+# InsightPulse Infrastructure Map"), "the diff shows what the staged template writes")
        #expect(try repository.head() == before)

        try repository.git(["add", "infra/templates"])
        let accepted = try repository.commit()
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test(.enabled(if: gitTool != nil, "needs git"))
    func stagedCheckFromASubfolderAndWithAnExecutable() throws {
        let repository = try Repository()
        defer { repository.remove() }
        // Run inside the project (the config is found above), with a staged spec error.
        try repository.edit("infra/content/apps/pulse-hub-web.yaml") {
            $0.replacingOccurrences(of: "instance_count: 1", with: "instance_count: two")
        }
        try repository.git(["add", "-A"])
        let staged = try runCLI(["check", "--staged"], in: repository.top.appending(path: "infra/content"))
        #expect(staged.status == 1)
        #expect(staged.stderr.contains("\ncontent/apps/pulse-hub-web.yaml:36:21: error: 'instance_count' must be an integer"))
        // The working tree is then put back; the index still holds the error.
        try repository.edit("infra/content/apps/pulse-hub-web.yaml") {
            $0.replacingOccurrences(of: "instance_count: two", with: "instance_count: 1")
        }
        #expect(try runCLI(["check"], in: repository.top.appending(path: "infra")).status == 0)
        #expect(try runCLI(["check", "--staged"], in: repository.top.appending(path: "infra")).status == 1)

        // A hook installed with --executable runs that binary, with no cartograph on PATH.
        try FileManager.default.removeItem(at: repository.top.appending(path: ".git/hooks/pre-commit"))
        let installed = try runCLI(["hook", "install", "-C", "infra", "--executable", cartographBinary.path], in: repository.top)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stderr.isEmpty, "no warning about PATH when the binary is named")
        let refused = try repository.git(["commit", "-q", "-m", "x"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\ncontent/apps/pulse-hub-web.yaml:36:21: error: 'instance_count' must be an integer"))
        try Data("notes\n".utf8).write(to: repository.top.appending(path: "NOTES.txt"))
        try repository.git(["add", "-A"])
        let accepted = try repository.git(["commit", "-q", "-m", "x"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func stagedOutsideARepositoryIsOneError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("title: T\nspecs: []\n".utf8).write(to: folder.appending(path: "cartograph.yaml"))
        let result = try runCLI(
            ["check", "--staged"], in: folder, environment: ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(folder.path) is not in a git repository (--staged checks what git would commit)\n")
    }
}
