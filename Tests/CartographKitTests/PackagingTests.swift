import CartographTestSupport
import Foundation
import Testing
import Yams

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// What a team installs from: the pre-commit hooks, the GitHub Action, the workflows, the
/// version a build reports and the download the action makes. (`make dist` itself is too
/// slow for the suite: scripts/check-dist.sh checks the tarball.)
@Suite("Packaging", .serialized)
struct PackagingTests {
    static let actionlint = which("actionlint")
    static let preCommit = which("pre-commit")
    static let gitTool = which("git")
    static let curl = which("curl")
    static let bash = URL(filePath: "/bin/bash")

    /// Every workflow actionlint should pass: the repository's own and the example users copy.
    static func workflowFiles() throws -> [String] {
        let folder = repositoryRoot.appending(path: ".github/workflows")
        let own = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
            .map { ".github/workflows/\($0)" }
        return own + ["docs/github-actions.yml"]
    }

    static func yaml(_ path: String) throws -> Any? {
        try Yams.load(yaml: String(decoding: Data(contentsOf: repositoryRoot.appending(path: path)), as: UTF8.self))
    }

    // MARK: pre-commit

    @Test func preCommitHooksComeInSwiftAndSystemFlavours() throws {
        let hooks = try #require(try Self.yaml(".pre-commit-hooks.yaml") as? [[String: Any]])
        let summary = hooks.map { hook in
            ["id", "entry", "language"].map { hook[$0] as? String ?? "?" }.joined(separator: " | ")
        }
        #expect(
            summary == [
                // What is staged: pre-commit stashes unstaged edits, not untracked files.
                "cartograph-check | cartograph check --staged | swift",
                "cartograph-build | cartograph build | swift",
                "cartograph-check-system | cartograph check --staged | system",
                "cartograph-build-system | cartograph build | system",
            ])
        // The project is the repository, not the staged files: pre-commit must not append names.
        for hook in hooks {
            #expect(hook["pass_filenames"] as? Bool == false, "\(hook["id"] ?? "?")")
            #expect(hook["always_run"] as? Bool == true, "\(hook["id"] ?? "?")")
        }
    }

    @Test(.enabled(if: preCommit != nil, "needs pre-commit (make test-deps installs it with pip)"))
    func preCommitAcceptsTheManifest() throws {
        let result = try run(try #require(Self.preCommit), ["validate-manifest", ".pre-commit-hooks.yaml"], in: repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    // MARK: the action and the workflows

    @Test func actionIsACompositeWithDocumentedInputs() throws {
        let action = try #require(try Self.yaml("action.yml") as? [String: Any])
        let runs = try #require(action["runs"] as? [String: Any])
        #expect(runs["using"] as? String == "composite")
        let inputs = try #require(action["inputs"] as? [String: [String: Any]])
        let defaults = inputs.mapValues { $0["default"] as? String }
        #expect(defaults == ["command": "check --format github", "working-directory": ".", "version": ""])
        let readme = String(decoding: try Data(contentsOf: repositoryRoot.appending(path: "README.md")), as: UTF8.self)
        for (name, input) in inputs {
            #expect(!(input["description"] as? String ?? "").isEmpty, "input \(name) has no description")
            #expect(readme.contains("`\(name)`"), "README does not document the action's input \(name)")
        }
        // Each `inputs.NAME` the steps read is declared (actionlint does not check an
        // action's own metadata for this).
        let text = String(decoding: try Data(contentsOf: repositoryRoot.appending(path: "action.yml")), as: UTF8.self)
        let used = Set(text.matches(of: /inputs\.([A-Za-z0-9_-]+)/).map { String($0.output.1) })
        #expect(used == Set(inputs.keys))
    }

    @Test(.enabled(if: actionlint != nil, "needs actionlint (make test-deps installs it with pip)"))
    func actionlintPassesEveryWorkflow() throws {
        let files = try Self.workflowFiles()
        #expect(files.contains(".github/workflows/release.yml"))
        let result = try run(try #require(Self.actionlint), ["-no-color"] + files, in: repositoryRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    // MARK: the version

    @Test func versionLineNamesTheCommitWhenKnown() {
        #expect(CartographVersion.line(version: "", commit: "") == "cartograph \(CartographVersion.current)")
        #expect(CartographVersion.line(version: "", commit: "abc1234") == "cartograph \(CartographVersion.current) (abc1234)")
        #expect(CartographVersion.line(version: "0.3.0+2", commit: "abc1234-dirty") == "cartograph 0.3.0+2 (abc1234-dirty)")
        // A plain `swift build` (the one under test) is told nothing by git.
        #expect(CartographVersion.line == "cartograph \(CartographVersion.current)")
    }

    /// A copy of what scripts/version.sh reads: the script and the sources.
    func sourceCopy(in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in ["scripts", "Sources"] {
            try FileManager.default.copyItem(at: repositoryRoot.appending(path: item), to: folder.appending(path: item))
        }
        return folder
    }

    func version(_ copy: URL, _ arguments: [String] = []) throws -> String {
        let result = try run(Self.bash, [copy.appending(path: "scripts/version.sh").path] + arguments, in: copy)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    func git(_ arguments: [String], in folder: URL) throws -> String {
        let result = try run(
            try #require(Self.gitTool), ["-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments,
            in: folder)
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func versionWithoutGitMetadataIsTheSourceRelease() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = try sourceCopy(in: scratch.appending(path: "cartograph-src"))
        #expect(try version(copy) == "\(CartographVersion.current)\n")
        #expect(try version(copy, ["--source"]) == "\(CartographVersion.current)\n")
    }

    @Test(.enabled(if: gitTool != nil, "needs git"))
    func versionFollowsTheTagAndTheCommit() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = try sourceCopy(in: scratch.appending(path: "repo"))
        _ = try git(["init", "-q"], in: copy)
        _ = try git(["add", "."], in: copy)
        _ = try git(["commit", "-q", "-m", "first"], in: copy)
        let first = try git(["rev-parse", "--short=7", "HEAD"], in: copy)
        // No tag yet: the source's release, with the commit.
        #expect(try version(copy) == "\(CartographVersion.current) \(first)\n")

        _ = try git(["tag", "v9.8.7"], in: copy)
        #expect(try version(copy) == "9.8.7 \(first)\n")
        // Tags that are not versions do not count.
        _ = try git(["tag", "nightly"], in: copy)
        #expect(try version(copy) == "9.8.7 \(first)\n")

        try Data("x\n".utf8).write(to: copy.appending(path: "scripts/more.txt"))
        _ = try git(["add", "."], in: copy)
        _ = try git(["commit", "-q", "-m", "second"], in: copy)
        let second = try git(["rev-parse", "--short=7", "HEAD"], in: copy)
        #expect(try version(copy) == "9.8.7+1 \(second)\n")

        try Data("changed\n".utf8).write(to: copy.appending(path: "scripts/more.txt"))
        #expect(try version(copy) == "9.8.7+1 \(second)-dirty\n")
        #expect(try version(copy, ["--source"]) == "\(CartographVersion.current)\n")
    }

    @Test(.enabled(if: gitTool != nil, "needs git"))
    func versionIgnoresAnEnclosingRepository() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try git(["init", "-q"], in: scratch)
        _ = try git(["commit", "-q", "--allow-empty", "-m", "outer"], in: scratch)
        _ = try git(["tag", "v5.0.0"], in: scratch)
        // An unpacked source tarball inside some other checkout.
        let copy = try sourceCopy(in: scratch.appending(path: "vendor/cartograph"))
        #expect(try version(copy) == "\(CartographVersion.current)\n")
    }

    // MARK: the download the action makes

    /// A release folder laid out like GitHub's download URLs: `v<version>/<tarball>` and its
    /// `.sha256`, holding a stand-in binary.
    func fakeRelease(in folder: URL, version: String) throws -> (base: URL, name: String) {
        let arch = try run(URL(filePath: "/usr/bin/uname"), ["-m"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = "cartograph-\(version)-linux-\(arch)"
        let stage = folder.appending(path: "stage/\(name)")
        try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        // Echoes its arguments, bracketed, so a test sees how they were split.
        try Data("#!/bin/sh\nprintf 'stand-in \(version)'; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; echo\n".utf8)
            .write(to: stage.appending(path: "cartograph"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stage.appending(path: "cartograph").path)
        let base = folder.appending(path: "releases")
        let release = base.appending(path: "v\(version)")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        let tar = try run(
            URL(filePath: "/bin/tar"),
            ["-czf", release.appending(path: "\(name).tar.gz").path, "-C", folder.appending(path: "stage").path, name])
        #expect(tar.status == 0, "\(tar.stderr)")
        let sum = try run(URL(filePath: "/usr/bin/sha256sum"), ["\(name).tar.gz"], in: release)
        try Data(sum.stdout.utf8).write(to: release.appending(path: "\(name).tar.gz.sha256"))
        return (base, name)
    }

    func install(_ version: String, from base: URL, into dest: URL) throws -> CLIResult {
        try run(
            Self.bash, [repositoryRoot.appending(path: "scripts/install-release.sh").path, version, dest.path],
            environment: ["CARTOGRAPH_DOWNLOAD_URL": base.absoluteString])
    }

    @Test(.enabled(if: curl != nil, "needs curl"))
    func installVerifiesTheChecksumBeforeInstalling() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (base, name) = try fakeRelease(in: scratch, version: "1.2.3")
        let dest = scratch.appending(path: "bin")

        let installed = try install("v1.2.3", from: base, into: dest)
        #expect(installed.status == 0, "\(installed.stderr)")
        let binary = dest.appending(path: "cartograph")
        #expect(try run(binary, []).stdout == "stand-in 1.2.3\n")

        // A tarball that is not the one the checksum names is refused, and nothing is installed.
        try FileManager.default.removeItem(at: dest)
        let sums = base.appending(path: "v1.2.3/\(name).tar.gz.sha256")
        try Data("\(String(repeating: "0", count: 64))  \(name).tar.gz\n".utf8).write(to: sums)
        let tampered = try install("1.2.3", from: base, into: dest)
        #expect(tampered.status == 1)
        #expect(tampered.stderr.hasPrefix("error: SHA-256 mismatch for \(base.absoluteString)/v1.2.3/\(name).tar.gz: expected 0000"))
        #expect(!FileManager.default.fileExists(atPath: binary.path))

        let missing = try install("4.5.6", from: base, into: dest)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: cannot download \(base.absoluteString)/v4.5.6/cartograph-4.5.6-linux-"))
        #expect(!FileManager.default.fileExists(atPath: binary.path))
    }

    /// The action's two steps, run as the runner runs them (`bash -e -o pipefail`) with the
    /// environment it gives them: their scripts read only environment variables.
    @Test(.enabled(if: curl != nil, "needs curl"))
    func actionStepsInstallTheirOwnVersionAndRunTheCommand() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (base, _) = try fakeRelease(in: scratch, version: CartographVersion.current)
        let action = try #require(try Self.yaml("action.yml") as? [String: Any])
        let steps = try #require((action["runs"] as? [String: Any])?["steps"] as? [[String: Any]])
        let scripts = steps.compactMap { $0["run"] as? String }
        try #require(scripts.count == 2)
        let runnerTemp = scratch.appending(path: "runner-temp")
        try FileManager.default.createDirectory(at: runnerTemp, withIntermediateDirectories: true)
        let githubPath = scratch.appending(path: "github-path")
        let githubOutput = scratch.appending(path: "github-output")
        for file in [githubPath, githubOutput] { try Data().write(to: file) }
        let runner = [
            "RUNNER_TEMP": runnerTemp.path, "GITHUB_PATH": githubPath.path, "GITHUB_OUTPUT": githubOutput.path,
            "GITHUB_REPOSITORY": "someone/infra", "CARTOGRAPH_DOWNLOAD_URL": base.absoluteString,
        ]

        // No `version` input: the action's own source says which release to fetch.
        let install = try run(
            Self.bash, ["-e", "-o", "pipefail", "-c", scripts[0]], in: scratch,
            environment: runner.merging(["VERSION": "", "ACTION_REPOSITORY": "", "ACTION_PATH": repositoryRoot.path]) { $1 })
        #expect(install.status == 0, "\(install.stderr)")
        let bin = runnerTemp.appending(path: "cartograph-bin")
        #expect(String(decoding: try Data(contentsOf: githubPath), as: UTF8.self) == "\(bin.path)\n")
        #expect(String(decoding: try Data(contentsOf: githubOutput), as: UTF8.self) == "version=\(CartographVersion.current)\n")

        let command = try run(
            Self.bash, ["-e", "-o", "pipefail", "-c", scripts[1]], in: scratch,
            environment: runner.merging(["COMMAND": "check --config 'infra/my map.yaml'"]) { $1 })
        #expect(command.status == 0, "\(command.stderr)")
        let version = CartographVersion.current
        #expect(command.stdout == "stand-in \(version) [--version]\nstand-in \(version) [check] [--config] [infra/my map.yaml]\n")
    }
}
