import CartographTestSupport
import Foundation
import Testing

@testable import CartographKit

/// A rebuild reads the old site back to keep what did not change: its listing and its
/// comparisons, on readdir(3) and memcmp, against the FileManager walk and the `Data`
/// comparison they replace.
@Suite("Site writer fast paths")
struct SiteWriterFastPathTests {
    /// The walk `existingFiles` made before: every entry but `.` and `..`, a folder's
    /// entries below it, an empty folder as `name/`, links and other files as they are.
    static func listedByFileManager(_ folder: URL) -> [String] {
        var out: [String] = []
        func walk(_ url: URL, _ prefix: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            if names.isEmpty, !prefix.isEmpty { out.append(prefix) }
            for name in names {
                let child = url.appending(path: name)
                if SiteWriter.isDirectory(child) { walk(child, prefix + name + "/") } else { out.append(prefix + name) }
            }
        }
        if SiteWriter.isDirectory(folder) { walk(folder, "") }
        return out.sorted()
    }

    /// The comparison made before: a regular file (not through a link) whose bytes are these.
    static func heldByData(_ bytes: [UInt8], _ url: URL) -> Bool {
        SiteWriter.isRegularFile(url) && (try? Data(contentsOf: url))?.elementsEqual(bytes) == true
    }

    /// Generated trees: nested and empty folders, hidden files, links to files and to
    /// folders, a FIFO, names with spaces and beyond ASCII.
    @Test func listingIsWhatFileManagerListed() throws {
        var generator = SystemRandomNumberGenerator()
        let names = ["a", "b.html", ".hidden", "index.html", "with space", "é", "z-1", "apps"]
        for round in 0..<20 {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var folders = [folder]
            for _ in 0..<Int.random(in: 5...60, using: &generator) {
                let parent = folders.randomElement(using: &generator) ?? folder
                let name = (names.randomElement(using: &generator) ?? "x") + "\(Int.random(in: 0..<4, using: &generator))"
                let url = parent.appending(path: name)
                guard !FileManager.default.fileExists(atPath: url.path) else { continue }
                switch Int.random(in: 0..<6, using: &generator) {
                case 0, 1:
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                    folders.append(url)
                case 2: _ = symlink(folders.randomElement(using: &generator)?.path ?? "/", url.path)
                case 3: _ = mkfifo(url.path, 0o644)
                default: try Data("\(round) \(name)".utf8).write(to: url)
                }
            }
            #expect(SiteWriter.existingFiles(in: folder) == Self.listedByFileManager(folder), "round \(round)")
        }
        #expect(SiteWriter.existingFiles(in: URL(filePath: "/nonexistent-\(UUID())")) == [])
    }

    /// A generated tree (nested and empty folders, markers at every level, hidden files,
    /// FIFOs, links to files and folders outside it) is removed whole, and nothing a link
    /// points to is touched; a tree that is a file, a link or nothing is handled as before.
    @Test func removeTreeRemovesTheTreeAndNothingElse() throws {
        var generator = SystemRandomNumberGenerator()
        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let target = outside.appending(path: "keep.txt")
        try Data("kept".utf8).write(to: target)
        let targetFolder = outside.appending(path: "kept-folder")
        try FileManager.default.createDirectory(at: targetFolder, withIntermediateDirectories: false)
        try Data("kept too".utf8).write(to: targetFolder.appending(path: "inside.txt"))
        let names = [SiteWriter.markerName, "a", ".hidden", "index.html", "with space", "é", "apps", "pages"]
        for round in 0..<20 {
            let folder = try temporaryFolder().appending(path: "site")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            var folders = [folder]
            for _ in 0..<Int.random(in: 5...200, using: &generator) {
                let parent = folders.randomElement(using: &generator) ?? folder
                let url = parent.appending(
                    path: (names.randomElement(using: &generator) ?? "x") + "\(Int.random(in: 0..<3, using: &generator))")
                guard !FileManager.default.fileExists(atPath: url.path), !SiteWriter.isSymbolicLink(url) else { continue }
                switch Int.random(in: 0..<7, using: &generator) {
                case 0, 1:
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                    folders.append(url)
                case 2: _ = symlink(target.path, url.path)
                case 3: _ = symlink(targetFolder.path, url.path)
                case 4: _ = mkfifo(url.path, 0o644)
                default: try Data("\(round)".utf8).write(to: url)
                }
            }
            try Data("marker".utf8).write(to: folder.appending(path: SiteWriter.markerName))
            try SiteWriter.removeTree(folder)
            #expect(!FileManager.default.fileExists(atPath: folder.path) && !SiteWriter.isSymbolicLink(folder), "round \(round)")
            #expect(try String(contentsOf: target, encoding: .utf8) == "kept")
            #expect(try String(contentsOf: targetFolder.appending(path: "inside.txt"), encoding: .utf8) == "kept too")
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
        }
        let link = outside.appending(path: "link")
        #expect(symlink(targetFolder.path, link.path) == 0)
        try SiteWriter.removeTree(link)
        #expect(!SiteWriter.isSymbolicLink(link) && FileManager.default.fileExists(atPath: targetFolder.appending(path: "inside.txt").path))
        try SiteWriter.removeTree(outside.appending(path: "missing"))
    }

    /// The write's groups dealt by parent: every group once, each parent's in their order,
    /// and no two in a row from one parent while another still has groups.
    @Test func groupsAreDealtByParentInTurn() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let parents = ["", "apps", "pages", "apps/x", "assets"].shuffled(using: &generator).prefix(
                Int.random(in: 1...5, using: &generator))
            var groups: [(folder: Substring, files: [String])] = []
            for index in 0..<Int.random(in: 0..<60, using: &generator) {
                let parent = parents.randomElement(using: &generator) ?? ""
                let folder = parent.isEmpty ? "f\(index)" : "\(parent)/f\(index)"
                groups.append((folder[...], ["\(folder)/index.html"]))
            }
            let dealt = SiteWriter.dealtByParent(groups)
            let dealtFiles: [String] = dealt.flatMap(\.files).sorted()
            let groupFiles: [String] = groups.flatMap(\.files).sorted()
            #expect(dealtFiles == groupFiles, "round \(round)")
            func parent(_ folder: Substring) -> Substring { folder.lastIndex(of: "/").map { folder[..<$0] } ?? "" }
            for name in Set(groups.map { parent($0.folder) }) {
                #expect(
                    dealt.filter { parent($0.folder) == name }.map(\.folder) == groups.filter { parent($0.folder) == name }.map(\.folder))
            }
            for index in dealt.indices.dropFirst() where parent(dealt[index].folder) == parent(dealt[index - 1].folder) {
                // Only once the other parents have run out.
                let rest = dealt[index...].map { parent($0.folder) }
                #expect(Set(rest).count == 1, "round \(round): \(dealt.map(\.folder))")
            }
        }
    }

    /// Files equal, one byte changed, shorter, longer, empty; a link to an equal file, a
    /// folder and a FIFO of the name: `holds` says what the `Data` comparison said (and
    /// never waits on the FIFO).
    @Test func holdsIsWhatTheDataComparisonSaid() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let count = [0, 1, 7, 4096, 4097, Int.random(in: 0..<20_000, using: &generator)][round % 6]
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var stored = bytes
            switch round % 5 {
            case 1 where !stored.isEmpty: stored[Int.random(in: 0..<stored.count, using: &generator)] ^= 1
            case 2 where !stored.isEmpty: stored.removeLast()
            case 3: stored.append(0)
            default: break
            }
            let url = folder.appending(path: "f\(round)")
            try Data(stored).write(to: url)
            #expect(SiteWriter.holds(bytes, atPath: url.path) == Self.heldByData(bytes, url), "round \(round)")
            #expect(SiteWriter.holds(bytes, atPath: url.path) == (stored == bytes), "round \(round)")
        }
        let bytes = Array("<!doctype html>\n".utf8)
        let file = folder.appending(path: "same")
        try Data(bytes).write(to: file)
        let link = folder.appending(path: "link")
        #expect(symlink(file.path, link.path) == 0)
        let fifo = folder.appending(path: "fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for url in [file, link, folder, fifo, folder.appending(path: "missing")] {
            #expect(SiteWriter.holds(bytes, atPath: url.path) == Self.heldByData(bytes, url), "\(url.lastPathComponent)")
        }
    }
}
