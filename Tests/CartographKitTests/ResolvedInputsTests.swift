import CartographTestSupport
import Foundation
import Testing

@testable import CartographInput
@testable import CartographKit
@testable import CartographModel

/// Input files are resolved from the absolute path the workspace joined for them where it
/// could, without asking their URLs: the answer must be the URL's, symbolic links, `..`,
/// odd characters and all.
@Suite("Resolved inputs")
struct ResolvedInputsTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// A project with folders, files and symbolic links to both, some leading outside.
    static func tree() throws -> URL {
        let root = try temporaryFolder()
        let manager = FileManager.default
        for folder in ["p/a", "p/sp ace", "p/%41", "p/é", "out/q"] {
            try manager.createDirectory(at: root.appending(path: folder), withIntermediateDirectories: true)
        }
        for file in ["p/a/x.yaml", "p/sp ace/x.yaml", "p/%41/x.yaml", "p/é/x.yaml", "out/q/x.yaml", "p/x.yaml"] {
            try Data("name: x\n".utf8).write(to: root.appending(path: file))
        }
        for (link, target) in [
            ("p/b", "a"), ("p/up", "../out/q"), ("p/l.yaml", "a/x.yaml"), ("p/a/away.yaml", "../../out/q/x.yaml"),
            ("p/dangling.yaml", "nowhere/x.yaml"), ("p/loop", "loop"),
        ] {
            try manager.createSymbolicLink(atPath: root.appending(path: link).path, withDestinationPath: target)
        }
        return root
    }

    /// Names and folders as a config may give them: plain ones take the fast path, the
    /// rest the URL's; both must resolve as the URL alone did.
    @Test func joinedPathsResolveAsTheirURLs() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        var generator = Generator(state: 31)
        let segments = [
            "a", "b", "up", "sp ace", "%41", "é", "x.yaml", "l.yaml", "away.yaml", "dangling.yaml", "loop", "missing", ".", "..", "",
        ]
        let base = root.path
        let folders = [
            "\(base)/p", "\(base)/p/", "\(base)/p/b", "\(base)/p/a/../b", "\(base)/p/./up", "\(base)/p/sp ace", "\(base)/p/%41",
            "\(base)/p/up/..", "\(base)/p/loop", "/",
        ]
        var fast = 0
        var shared = OutputPlan.Resolver()
        for folder in folders {
            let folderURL = URL(filePath: folder, directoryHint: .isDirectory)
            let paths = FolderPaths(folderURL)
            let pagePrefix = Self.pagePrefix(folderURL)
            for _ in 0..<150 {
                let name = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                    segments.randomElement(using: &generator) ?? "a"
                }.joined(separator: "/")
                // As the workspace names a spec, and a page (a name in the pages folder).
                var files = [
                    InputFile(
                        .spec, path: name, url: URL(filePath: name, relativeTo: folderURL), absolutePath: paths.absolutePath(ofPlain: name))
                ]
                if !name.contains("/"), !name.isEmpty, name != ".", name != "..", let pagePrefix {
                    files.append(InputFile(.page, path: name, url: folderURL.appending(path: name), absolutePath: pagePrefix + name))
                }
                for file in files {
                    var general = OutputPlan.Resolver()
                    var joined = OutputPlan.Resolver()
                    let expected = general.resolve(file.url)
                    if let path = file.absolutePath {
                        fast += 1
                        #expect(path == file.url.absoluteURL.path, "\(folder) \(name)")
                    }
                    #expect(joined.resolve(file) == expected, "\(folder) \(name)")
                    // And with the folders resolved for earlier files.
                    #expect(shared.resolve(file) == expected, "\(folder) \(name) (shared)")
                }
            }
        }
        #expect(fast > 600)
    }

    /// The pages folder's path as the workspace joins page names to it.
    static func pagePrefix(_ folder: URL) -> String? {
        let probe = folder.appending(path: "x").path
        return probe.hasSuffix("/x") ? String(probe.dropLast()) : nil
    }

    /// A loaded project's inputs, specs and pages through links among them, resolve as
    /// their URLs do, and the plain ones without them.
    @Test func aWorkspacesInputsResolveAsTheirURLs() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appending(path: "p")
        let manager = FileManager.default
        try manager.createDirectory(at: project.appending(path: "content/pages"), withIntermediateDirectories: true)
        for name in ["one.md", "sp ace.md", "%41.md", "é.md", "q?x#y.md"] {
            try Data("# Page\n".utf8).write(to: project.appending(path: "content/pages/" + name))
        }
        try manager.createSymbolicLink(atPath: project.appending(path: "content/pages/link.md").path, withDestinationPath: "one.md")
        try Data("title: T\nspecs: ['*.yaml', 'a/*.yaml', 'b/*.yaml', 'up/*.yaml', 'sp ace/*.yaml']\npages: content/pages\n".utf8)
            .write(to: project.appending(path: "cartograph.yaml"))
        // Globs pass over links; spec files given by name go through them, and through `..`.
        let globbed = Workspace.load(root: project).inputs
        let named = Workspace.load(
            root: project, specFiles: ["l.yaml", "b/x.yaml", "up/x.yaml", "a/away.yaml", "../p/x.yaml", "dangling.yaml", "loop/x.yaml"]
        ).inputs
        #expect(globbed.filter { $0.absolutePath != nil }.count == 10)
        #expect(named.filter { $0.absolutePath != nil }.count == 6)
        var resolver = OutputPlan.Resolver()
        for file in globbed + named {
            var general = OutputPlan.Resolver()
            #expect(resolver.resolve(file) == general.resolve(file.url), "\(file.path)")
        }
    }
}
