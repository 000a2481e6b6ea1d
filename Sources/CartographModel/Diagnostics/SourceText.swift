import Foundation
import Synchronization

/// One input file's text, with what quoting its lines needs: where each line starts and
/// ends, and which lines may hold an env value (``EnvValueScanner``).
///
/// Both are built once, on first use, and only then: a run without diagnostics never pays
/// for them, and a run with thousands pays once per file instead of once per diagnostic.
/// Lines end where libyaml ends them (`\n`, `\r\n`, a lone `\r`, NEL, LS, PS), so line
/// numbers in diagnostics and here agree.
package final class SourceText: Sendable {
    package let text: String
    /// A Markdown page: only its YAML front matter is read as YAML. Its body is prose that
    /// the site publishes, so quoting it hides nothing, and to the YAML scanner every line
    /// of prose would be a stray scalar that nothing places.
    let isMarkdown: Bool
    private let built = Mutex<Index?>(nil)
    /// The number of lines, found alone: every location a reader records asks for it, and
    /// the index above costs a scan for env values that only a quoted line needs.
    private let counted = Mutex<Int?>(nil)

    private struct Index: Sendable {
        /// UTF-8 offsets of each line's first byte and of the byte after its last (before the break).
        var starts: [Int]
        var ends: [Int]
        var marked: [Bool]
    }

    package init(_ text: String, isMarkdown: Bool = false) {
        self.text = text
        self.isMarkdown = isMarkdown
    }

    /// Asked for every location a reader records: counted without building the index.
    package var lineCount: Int {
        counted.withLock { counted in
            if let counted { return counted }
            let count = text.utf8.withContiguousStorageIfAvailable(Self.lineCount(of:)) ?? Self.lineRanges(of: Array(text.utf8)).count
            counted = count
            return count
        }
    }

    /// Line `number` (1-based) without its line break, or nil past the end.
    package func line(_ number: Int) -> Substring? {
        let index = index
        guard number >= 1, number <= index.starts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: index.starts[number - 1])
        let end = utf8.index(utf8.startIndex, offsetBy: index.ends[number - 1])
        return text[start..<end]
    }

    /// Whether line `number` may hold an env value; lines past the end are treated as if they might.
    package func mayHoldEnvValue(line number: Int) -> Bool {
        let index = index
        guard number >= 1, number <= index.marked.count else { return true }
        return index.marked[number - 1]
    }

    private var index: Index {
        built.withLock { built in
            if let built { return built }
            let index = Self.index(of: text, isMarkdown: isMarkdown)
            built = index
            return index
        }
    }

    private static func index(of text: String, isMarkdown: Bool) -> Index {
        let bytes = Array(text.utf8)
        let ranges = Self.lineRanges(of: bytes)
        var marked: [Bool]
        if isMarkdown {
            marked = Array(repeating: false, count: ranges.count)
            let front = Self.frontMatter(bytes, ranges)
            marked.replaceSubrange(front, with: EnvValueScanner.markedLines(in: bytes, lines: Array(ranges[front])))
        } else {
            marked = EnvValueScanner.markedLines(in: bytes, lines: ranges)
        }
        return Index(starts: ranges.map(\.lowerBound), ends: ranges.map(\.upperBound), marked: marked)
    }

    /// The lines between a Markdown file's opening `---` and the next (empty without both).
    static func frontMatter(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> Range<Int> {
        func isFence(_ range: Range<Int>) -> Bool {
            bytes[range].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }.elementsEqual("---".utf8)
        }
        guard let first = ranges.first, isFence(first),
            let end = ranges.indices.dropFirst().first(where: { isFence(ranges[$0]) })
        else { return 0..<0 }
        return 1..<end
    }

    /// The byte range of every line, without its break. A text ending in a break has no
    /// empty last line (libyaml puts an error at the end of such a file on the line after,
    /// which has nothing to quote).
    static func lineRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { bytes in forEachLine(of: bytes) { ranges.append($0) } }
        return ranges
    }

    /// How many ranges ``lineRanges(of:)`` finds, without making them.
    static func lineCount(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        forEachLine(of: bytes) { _ in count += 1 }
        return count
    }

    private static func forEachLine(of bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            var breakLength = 0
            if byte == 0x0A {
                breakLength = 1
            } else if byte == 0x0D {
                breakLength = i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                breakLength = 3
            }
            if breakLength > 0 {
                body(start..<i)
                i += breakLength
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { body(start..<bytes.count) }
    }
}
