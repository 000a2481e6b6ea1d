import CartographInput
import CartographKit
import CartographModel
import CartographRender
import CartographTestSupport
import Foundation
import Testing

@testable import CartographServer

/// Collects what a watcher reports.
final class ChangeLog: Sendable {
    private let paths = Locked<[String]>([])
    func record(_ path: String) { paths.withLock { $0.append(path) } }
    var all: [String] { paths.current }
    func clear() { paths.withLock { $0 = [] } }
}

@Suite("Watching", .serialized)
struct FileWatcherTests {
    @Test(arguments: [false, true])
    func reportsWritesCreationsRenamesAndDeletions(polling: Bool) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "status.yaml")
        try save("a: 1\n", to: file)
        let log = ChangeLog()
        let watcher = FileWatchers.make(polling: polling) { log.record($0) }
        defer { watcher.stop() }
        #expect(watcher.mechanism == (polling ? "polling" : "inotify"))
        #expect(watcher.watch([folder.path]) == [folder.path])
        #expect(watcher.watch([folder.path]).isEmpty)

        try save("a: 2\n", to: file)  // write a temporary file, rename it over
        #expect(await eventually(timeout: .seconds(3)) { log.all.contains(file.path) } != nil, "\(log.all)")
        log.clear()
        let created = folder.appending(path: "new-app.yaml")
        _ = FileManager.default.createFile(atPath: created.path, contents: Data("name: x\n".utf8))
        #expect(await eventually(timeout: .seconds(3)) { log.all.contains(created.path) } != nil, "\(log.all)")
        log.clear()
        try FileManager.default.removeItem(at: created)
        #expect(await eventually(timeout: .seconds(3)) { log.all.contains(created.path) } != nil, "\(log.all)")
    }

    @Test(arguments: [false, true])
    func editorNoiseAloneIsIgnored(polling: Bool) async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = ChangeLog()
        let watcher = FileWatchers.make(polling: polling) { log.record($0) }
        defer { watcher.stop() }
        watcher.watch([folder.path])
        for name in [".status.yaml.swp", "status.yaml~", "4913", ".#status.yaml"] {
            _ = FileManager.default.createFile(atPath: folder.appending(path: name).path, contents: Data("x".utf8))
        }
        _ = FileManager.default.createFile(atPath: folder.appending(path: "real.yaml").path, contents: Data("x".utf8))
        #expect(await eventually(timeout: .seconds(3)) { !log.all.isEmpty } != nil)
        try await Task.sleep(for: .milliseconds(400))
        #expect(log.all.allSatisfy { $0.hasSuffix("/real.yaml") }, "\(log.all)")
    }

    @Test func stoppedWatchersReportNothing() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = ChangeLog()
        let watcher = FileWatchers.make { log.record($0) }
        watcher.watch([folder.path])
        watcher.stop()
        try await Task.sleep(for: .milliseconds(300))
        _ = FileManager.default.createFile(atPath: folder.appending(path: "a.yaml").path, contents: Data("x".utf8))
        try await Task.sleep(for: .milliseconds(400))
        #expect(log.all.isEmpty)
    }

    @Test func planWatchesTheFoldersTheInputsLiveIn() async throws {
        let folder = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = Workspace.load(root: URL(filePath: folder.path, directoryHint: .isDirectory))
        let plan = WatchPlan.make(root: folder, configFile: nil, config: workspace.config, base: workspace.root)
        let root = folder.standardizedFileURL.path
        #expect(
            plan.folders == [
                .init(path: root, recursive: false),
                .init(path: root + "/content", recursive: false),
                .init(path: root + "/content/apps", recursive: false),
                .init(path: root + "/content/pages", recursive: false),
                .init(path: root + "/templates", recursive: true),
            ])
        let directories = plan.directories()
        let themes = try FileManager.default.contentsOfDirectory(atPath: root + "/templates").filter { !$0.hasPrefix(".") }
        #expect(directories.contains(root + "/templates/markdown"))
        #expect(Set(directories) == Set(plan.folders.map(\.path) + themes.map { root + "/templates/" + $0 }))
    }

    @Test func foldersThatDoNotExistYetAreSeenFromTheirParent() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = Config()
        config.specs = ["specs/**/*.yaml", "more/deep/app.yaml"]
        config.status = ["state/status.yaml"]
        config.pages = "docs"
        config.templates = "theme"
        let plan = WatchPlan.make(root: folder, configFile: nil, config: config, base: folder)
        #expect(plan.folders == [.init(path: folder.standardizedFileURL.path, recursive: false)])
        try FileManager.default.createDirectory(at: folder.appending(path: "specs/a/b"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appending(path: "site/x"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appending(path: "specs/.git"), withIntermediateDirectories: true)
        let later = WatchPlan.make(root: folder, configFile: nil, config: config, base: folder)
        let root = folder.standardizedFileURL.path
        #expect(later.folders.contains(.init(path: root + "/specs", recursive: true)))
        #expect(Set(later.directories()) == [root, root + "/specs", root + "/specs/a", root + "/specs/a/b"])
    }
}
