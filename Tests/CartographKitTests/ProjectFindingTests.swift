import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// Commands find their project as git finds a repository: the nearest cartograph.yaml from
/// the starting folder upwards; outside any project they stop and write nothing.
@Suite("Finding the project", .serialized)
struct ProjectFindingTests {
    static let notFound = "error: no cartograph.yaml in this folder or above; run `cartograph init`\n"

    @Test(arguments: [
        ["check"], ["check", "--format", "github"], ["build"], ["cost"], ["diagram"], ["serve", "--port", "0"], ["hook", "install"],
    ])
    func outsideAnyProjectACommandStopsAndWritesNothing(_ arguments: [String]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Specs a zero-config run used to pick up: they are not a project without a config.
        try FileManager.default.createDirectory(at: folder.appending(path: "web"), withIntermediateDirectories: true)
        try Data("name: web\nservices:\n  - name: web\n".utf8).write(to: folder.appending(path: "web/app.yaml"))
        let result = try runCLI(arguments, in: folder, environment: ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path])
        #expect(result.status == 1)
        #expect(result.stderr == Self.notFound)
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["web"], "nothing written")
    }

    @Test func theFinderWalksUpAndStopsAtTheRoot() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = folder.appending(path: "a/b/c")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        #expect(ProjectLocator.find(from: deep) == nil)
        // A folder named like the config is not one.
        try FileManager.default.createDirectory(at: folder.appending(path: "a/b/cartograph.yaml"), withIntermediateDirectories: true)
        #expect(ProjectLocator.find(from: deep) == nil)
        try Data("title: T\n".utf8).write(to: folder.appending(path: "a/cartograph.yaml"))
        #expect(ProjectLocator.find(from: deep)?.path == folder.appending(path: "a").path)
        #expect(ProjectLocator.find(from: folder.appending(path: "a"))?.path == folder.appending(path: "a").path)
        try Data("title: T\n".utf8).write(to: deep.appending(path: "cartograph.yaml"))
        #expect(ProjectLocator.find(from: deep)?.path == deep.path, "the nearest wins")
    }

    @Test func fromASubfolderTheProjectAboveIsUsed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for item in ["cartograph.yaml", "content", "templates", "site"] {
            try FileManager.default.copyItem(at: repositoryRoot.appending(path: item), to: folder.appending(path: item))
        }
        let apps = folder.appending(path: "content/apps")
        let check = try runCLI(["check"], in: apps)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("checked "))
        let cost = try runCLI(["cost"], in: apps)
        #expect(cost.stdout.contains("Total (if all deployed)          $37/month (estimated)"))
        // build writes into the project, not into the folder it was started in.
        try FileManager.default.removeItem(at: folder.appending(path: "site"))
        let build = try runCLI(["build"], in: apps)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "site/INFRASTRUCTURE.md").path))
        #expect(!FileManager.default.fileExists(atPath: apps.appending(path: "site").path))
        // -C starts the search elsewhere, the same way.
        #expect(try runCLI(["check", "-C", "content/pages"], in: folder).status == 0)
    }

    @Test func specFilesAndAnExplicitConfigNeedNoSearch() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("name: shop\nservices:\n  - name: web\n    instance_size_slug: apps-s-1vcpu-1gb\n".utf8)
            .write(to: folder.appending(path: "app.yaml"))
        let check = try runCLI(["check", "app.yaml"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        let missing = try runCLI(["check", "--config", "infra.yaml"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("infra.yaml:1:1: error: config file 'infra.yaml' does not exist"))
    }
}
