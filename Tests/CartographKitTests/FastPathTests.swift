import Foundation
import Testing

@testable import CartographInput
@testable import CartographModel

/// The readers answer the common case on bytes where they used Foundation, regular
/// expressions or number parsing before; each answer must be what the old way gave, for
/// generated text that is mostly the uncommon case.
@Suite("Reader fast paths")
struct FastPathTests {
    typealias Generator = YAMLPrescanTests.Generator

    /// Paths joined to a folder's are the paths URL standardisation gave.
    @Test func pathsInAFolderAreTheStandardisedURLsPaths() {
        var generator = Generator(state: 8)
        let segments = ["a", "b.yaml", ".", "..", "", "é", "p%20", "q?x#y", "sp ace", ".do", "~", "x:y", "\\"]
        let folders = ["/tmp/project", "/tmp/a/../b", "/", "/tmp/x y/", "/tmp/%41", "relative/dir", "/tmp/./q"]
        for folder in folders {
            let url = URL(filePath: folder, directoryHint: .isDirectory)
            let paths = FolderPaths(url)
            for _ in 0..<500 {
                var name = (0..<Int.random(in: 1...4, using: &generator)).map { _ in segments.randomElement(using: &generator) ?? "a" }
                    .joined(separator: "/")
                if Int.random(in: 0..<8, using: &generator) == 0 { name = "/" + name }
                #expect(paths.path(of: name) == URL(filePath: name, relativeTo: url).standardizedFileURL.path, "\(folder) \(name)")
            }
        }
    }

    /// The line count without the index is the index's.
    @Test func linesCountedAloneAreTheIndexedLines() {
        var generator = Generator(state: 10)
        for _ in 0..<20_000 {
            let text = Self.text(using: &generator) + Self.text(using: &generator)
            #expect(SourceText(text).lineCount == SourceText.lineRanges(of: Array(text.utf8)).count, "\(text.debugDescription)")
        }
    }
}
