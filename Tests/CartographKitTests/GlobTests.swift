import Foundation
import Testing

@testable import CartographInput

/// Globs find their files with readdir(3) (``FolderWalk``); they must find exactly what
/// FileManager's enumerator found, which is what every config's `specs:` matched before.
@Suite("Glob")
struct GlobTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// What globbing was: every regular file FileManager's enumerator lists (hidden ones
    /// skipped, links not followed), kept when the pattern matches its path.
    static func reference(_ pattern: String, in root: URL) -> [String] {
        let pattern = pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern
        if !pattern.contains(where: { "*?[".contains($0) }) { return Glob.files(matching: pattern, in: root) }
        let parts = pattern.split(separator: "/").map(String.init)
        let fixed = parts.prefix { !$0.contains(where: { "*?[".contains($0) }) }
        let base = fixed.joined(separator: "/")
        let baseURL = base.isEmpty ? root : root.appending(path: base)
        guard
            let enumerator = FileManager.default.enumerator(
                at: baseURL, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let rest = Array(parts.dropFirst(fixed.count))
        let basePath = baseURL.standardizedFileURL.path
        var out: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(basePath) else { continue }
            let relative = full.dropFirst(basePath.count).split(separator: "/").map(String.init)
            if Glob.matches(rest[...], relative[...]) {
                out.append((base.isEmpty ? "" : base + "/") + relative.joined(separator: "/"))
            }
        }
        return out.sorted()
    }

    /// Random trees of folders, files, hidden entries, links to files, to folders and to
    /// nothing, and FIFOs, globbed with random patterns of fixed, `*`, `?` and `**` segments.
    @Test func globsFindWhatFileManagersEnumeratorFound() throws {
        var generator = Generator(state: 21)
        let names = ["a", "b", "app", ".do", ".hidden", "x.yaml", "app.yaml", "y.yml", "é.yaml", "sp ace.yaml", "p%20.yaml", "ab.yaml"]
        var compared = 0
        var found = 0
        for _ in 0..<8 {
            let root = FileManager.default.temporaryDirectory.appending(path: "cartograph-glob-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            var folders = [""]
            var made: [String] = []
            for _ in 0..<40 {
                let parent = folders.randomElement(using: &generator) ?? ""
                let name = names.randomElement(using: &generator) ?? "a"
                let path = parent.isEmpty ? name : parent + "/" + name
                let url = root.appending(path: path)
                var status = stat()
                guard lstat(url.path, &status) != 0 else { continue }
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<4:
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                    folders.append(path)
                case 4..<7: try Data("name: x\n".utf8).write(to: url)
                case 7:
                    // To a file or a folder made earlier (the root included), by its absolute path.
                    let target = (made + folders).randomElement(using: &generator) ?? ""
                    try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: root.appending(path: target).path)
                case 8: try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "nowhere")
                default: #expect(mkfifo(url.path, 0o644) == 0)
                }
                made.append(path)
            }
            let segments = ["*", "*.yaml", "?.yaml", "**", "a", "app", ".do", "*.y*ml", "app.yaml", "b*"]
            for _ in 0..<40 {
                let count = Int.random(in: 1...4, using: &generator)
                var pattern = (0..<count).map { _ in segments.randomElement(using: &generator) ?? "*" }.joined(separator: "/")
                if Bool.random(using: &generator) { pattern = "./" + pattern }
                let globbed = Glob.files(matching: pattern, in: root)
                #expect(globbed == Self.reference(pattern, in: root), "\(pattern)")
                compared += 1
                found += globbed.count
            }
        }
        #expect(compared == 320)
        #expect(found > 100, "the trees should give the patterns files to find")
    }

    /// A start folder that is a link is not entered, as the enumerator did not enter it.
    @Test func aLinkedStartFolderIsNotEntered() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "cartograph-glob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appending(path: "real"), withIntermediateDirectories: true)
        try Data("name: x\n".utf8).write(to: root.appending(path: "real/app.yaml"))
        try FileManager.default.createSymbolicLink(atPath: root.appending(path: "link").path, withDestinationPath: "real")
        #expect(Glob.files(matching: "real/*.yaml", in: root) == ["real/app.yaml"])
        #expect(Glob.files(matching: "link/*.yaml", in: root) == Self.reference("link/*.yaml", in: root))
        #expect(Glob.files(matching: "link/*.yaml", in: root).isEmpty)
    }
}
