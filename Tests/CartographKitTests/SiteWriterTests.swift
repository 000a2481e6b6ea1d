import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel
@testable import CartographRender

/// What a build leaves beside its outputs, and what it does when it cannot replace them.
@Suite("Site writer", .serialized)
struct SiteWriterTests {
    /// A process id no process has now.
    static func deadPID(after start: Int32 = 1) -> Int32 {
        var pid = max(start, 2)
        while kill(pid, 0) == 0 || errno != ESRCH { pid += 1 }
        return pid
    }

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    static func exampleWithReadme() throws -> URL {
        let folder = try copyOfExample()
        try "# Notes\n<!-- cartograph:begin costs -->\n<!-- cartograph:end -->\n".write(
            to: folder.appending(path: "README.md"), atomically: true, encoding: .utf8)
        let config = folder.appending(path: "cartograph.yaml")
        try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(
            of: "output:\n  site: site\n", with: "output:\n  inject: [README.md]\n  site: site\n"
        ).write(to: config, atomically: true, encoding: .utf8)
        return folder
    }

    /// Leftovers of killed builds go — staging folders by name, marker and a dead process
    /// id, temporary files by name and a dead process id — even when the outputs are
    /// current; a folder the user made, or one of a build still running, stays.
    @Test func leftoversOfKilledBuildsAreClearedAndNothingElse() throws {
        let folder = try Self.exampleWithReadme()
        defer { try? FileManager.default.removeItem(at: folder) }
        var err = ""
        #expect(BuildCommand(root: folder).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let dead = Self.deadPID(after: 300)
        let dead2 = Self.deadPID(after: dead + 1)
        let alive = getppid()
        let marker = SiteWriter.markerName
        try Self.write(SiteWriter.markerText, folder.appending(path: ".site.cartograph-new-\(dead)/\(marker)"))
        try Self.write("half", folder.appending(path: ".site.cartograph-new-\(dead)/apps/x/index.html"))
        try FileManager.default.createDirectory(
            at: folder.appending(path: ".site.cartograph-old-\(dead2)"), withIntermediateDirectories: true)
        try Self.write("mine", folder.appending(path: ".site.cartograph-new-\(dead2)/notes.txt"))
        try Self.write(SiteWriter.markerText, folder.appending(path: ".site.cartograph-new-\(alive)/\(marker)"))
        try Self.write("half a readme", folder.appending(path: ".README.md.cartograph-\(dead).tmp"))
        try Self.write("another build's", folder.appending(path: ".README.md.cartograph-\(alive).tmp"))
        try Self.write("not a number", folder.appending(path: ".README.md.cartograph-12ab.tmp"))
        err = ""
        var out = ""
        #expect(BuildCommand(root: folder).run(stdout: { out += $0 }, stderr: { err += $0 }) == 0, "\(err)")
        #expect(out.contains("(all unchanged)"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".cartograph-") }.sorted()
        #expect(
            left
                == [
                    ".README.md.cartograph-12ab.tmp", ".README.md.cartograph-\(alive).tmp", ".site.cartograph-new-\(alive)",
                    ".site.cartograph-new-\(dead2)",
                ].sorted())
        #expect(try String(contentsOf: folder.appending(path: ".site.cartograph-new-\(dead2)/notes.txt"), encoding: .utf8) == "mine")
    }

    /// A site Cartograph cannot remove is an error before anything is swapped: the old site
    /// stays whole and nothing is left beside it.
    static func assertRefusedAndUntouched(_ folder: URL, run build: () throws -> CLIResult, reason: String) throws {
        let before = FolderSnapshot(folder)
        let result = try build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("site: error: cannot replace 'site': 'site/apps"), "\(result.stderr)")
        #expect(result.stderr.contains("could not be removed (\(reason)); the previous site is left as it was"), "\(result.stderr)")
        #expect(FolderSnapshot(folder).differences(from: before) == [])
    }

    static func changeTitle(_ folder: URL) throws {
        let config = folder.appending(path: "cartograph.yaml")
        try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(
            of: "title: InsightPulse Infrastructure Map", with: "title: Changed"
        ).write(to: config, atomically: true, encoding: .utf8)
    }

    static let chattr = which("chattr")

    @Test(.enabled(if: chattr != nil, "needs chattr"))
    func anImmutableFileInTheSiteIsAnError() throws {
        let folder = try copyOfExample()
        let chattr = try #require(Self.chattr)
        let locked = folder.appending(path: "site/apps/pulse-hub-web/index.html")
        defer {
            _ = try? run(chattr, ["-i", locked.path])
            try? FileManager.default.removeItem(at: folder)
        }
        #expect(try runCLI(["build"], in: folder).status == 0)
        try Self.changeTitle(folder)
        guard try run(chattr, ["+i", locked.path]).status == 0 else {
            print("skipped: this file system does not take the immutable flag")
            return
        }
        try Self.assertRefusedAndUntouched(folder, run: { try runCLI(["build"], in: folder) }, reason: "Operation not permitted")
    }

    static let setpriv = getuid() == 0 ? which("setpriv") : nil

    /// A read-only folder in the site, for a user who cannot override it (root can).
    @Test(.enabled(if: setpriv != nil, "needs root and setpriv to build as another user"))
    func aReadOnlyFolderInTheSiteIsAnError() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appending(path: "project")
        let example = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: example) }
        try FileManager.default.copyItem(at: example, to: folder)
        #expect(try runCLI(["build"], in: folder).status == 0)
        try Self.changeTitle(folder)
        let chown = try #require(which("chown"))
        #expect(try run(chown, ["-R", "65534:65534", parent.path]).status == 0)
        #expect(chmod(folder.appending(path: "site/apps").path, 0o555) == 0)
        let setpriv = try #require(Self.setpriv)
        try Self.assertRefusedAndUntouched(
            folder,
            run: {
                try run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", cartographBinary.path, "build"], in: folder)
            }, reason: "Permission denied")
    }

    /// Every file of a folder with its inode and modification time.
    static func identities(_ folder: URL) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for path in SiteWriter.existingFiles(in: folder) where !path.hasSuffix("/") {
            var status = stat()
            guard lstat(folder.appending(path: path).path, &status) == 0 else { continue }
            out[path] = [Int(status.st_ino), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
        }
        return out
    }

    /// A rebuild keeps the inode and mtime of every file whose bytes did not change, so
    /// rsync and web servers stay quiet; a changed file is new; and the site is byte for
    /// byte the one a clean build of the same inputs writes.
    @Test func unchangedFilesKeepTheirInodeAndMtime() throws {
        let project = try generatedProject(apps: 6)
        let clean = try generatedProject(apps: 6)
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: clean)
        }
        var err = ""
        #expect(BuildCommand(root: project).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let before = Self.identities(project.appending(path: "site"))
        for root in [project, clean] {
            let spec = root.appending(path: "content/apps/app-00002.yaml")
            try (try String(contentsOf: spec, encoding: .utf8)).replacingOccurrences(of: "instance_count: 3", with: "instance_count: 5")
                .write(to: spec, atomically: true, encoding: .utf8)
        }
        #expect(BuildCommand(root: project).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        #expect(BuildCommand(root: clean).run(stdout: { _ in }, stderr: { err += $0 }) == 0, "\(err)")
        let after = Self.identities(project.appending(path: "site"))
        for path in ["apps/app-00003/index.html", "pages/app-00002/index.html", "style.css", SiteWriter.markerName] {
            #expect(after[path] != nil && after[path] == before[path], "\(path) was written again")
        }
        for path in ["apps/app-00002/index.html", "costs/index.html"] {
            #expect(after[path]?.first != nil && after[path]?.first != before[path]?.first, "\(path) changed but kept its inode")
        }
        #expect(FolderSnapshot(project.appending(path: "site")) == FolderSnapshot(clean.appending(path: "site")))
    }
}
