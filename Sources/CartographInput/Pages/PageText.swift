package import Foundation

/// A page's bytes as text, split where its front matter ends, with the pre-pass over the
/// front matter's events and the tree it composed: what both the input budget (its nodes) and ``PageReader`` need,
/// found once.
///
/// Lines end at each line feed; a carriage return before it (CR LF, as Windows editors
/// save) belongs to the break, not to the line, so a CR LF page's `---` lines are fences.
/// Done on the bytes, without walking Characters (CR LF is one Character, which is why
/// splitting Characters at `"\n"` found no front matter in a CR LF page).
struct PageText: Sendable {
    /// The front matter: its YAML (padded with a blank line so that YAML line numbers are
    /// the file's), the index of its closing `---` line, and the text after that line.
    struct FrontMatter: Sendable {
        var yaml: String
        var end: Int
        var body: Substring
    }

    var data: Data
    /// Nil when the bytes are not UTF-8.
    var text: String?
    var frontMatter: FrontMatter?
    /// ``YAMLLoader/prescan(_:maxNodes:)`` of the front matter, with the front matter's limit,
    /// and the tree it composed on the way, for the loader.
    var prescan: YAMLPrescan.Outcome?
    var composed: YAMLComposer.Composed?

    init(_ data: Data) {
        self.data = data
        text = String(validating: data, as: UTF8.self)
        if let text, let frontMatter = Self.frontMatter(of: text) {
            self.frontMatter = frontMatter
            let scanned = YAMLLoader.prescanComposing(Data(frontMatter.yaml.utf8), maxNodes: YAMLLoader.Limits.maxFrontMatterNodes)
            prescan = scanned?.outcome
            composed = scanned?.composed
        }
    }

    /// The nodes the budget charges: those of a front matter the loader would compose, else 0.
    var nodes: Int {
        guard case .fine(let nodes, _, _, _) = prescan else { return 0 }
        return nodes
    }

    /// The front matter: between a first line `---` and the next line `---`, spaces and
    /// tabs around either allowed. The YAML is the text between the two lines as it is (CR LF
    /// breaks and all, which YAML reads as breaks); the body starts after the closing line's
    /// line feed.
    static func frontMatter(of text: String) -> FrontMatter? {
        let utf8 = text.utf8
        let scalars = text.unicodeScalars
        var lineStart = utf8.startIndex
        var index = 0
        var yamlStart = utf8.startIndex
        var previous: UInt8 = 0
        var position = utf8.startIndex
        while true {
            let atEnd = position == utf8.endIndex
            let byte = atEnd ? 0 : utf8[position]
            if atEnd || byte == UInt8(ascii: "\n") {
                // Sliced as scalars: the CR of a CR LF ends a Character's scalars, not a Character.
                let lineEnd = !atEnd && previous == UInt8(ascii: "\r") && position > lineStart ? utf8.index(before: position) : position
                let line = Substring(scalars[lineStart..<lineEnd])
                if index == 0 {
                    guard isFence(line) else { return nil }
                } else if isFence(line) {
                    // The lines between the fences, without the line feed before the closing one.
                    let yaml = index == 1 ? "\n" : "\n" + String(scalars[yamlStart..<utf8.index(before: lineStart)])
                    let body = atEnd ? Substring(scalars[position..<position]) : Substring(scalars[utf8.index(after: position)...])
                    return FrontMatter(yaml: yaml, end: index, body: body)
                }
                if atEnd { return nil }
                index += 1
                lineStart = utf8.index(after: position)
                if index == 1 { yamlStart = lineStart }
            }
            if atEnd { return nil }
            previous = byte
            position = utf8.index(after: position)
        }
    }

    /// Whether a line is `---` with only spaces and tabs around it: `trimmingCharacters(in:
    /// .whitespaces)`, which also trims Unicode's other spaces, decides a line that is not ASCII.
    static func isFence(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return line.trimmingCharacters(in: .whitespaces) == "---" }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let start = bytes.firstIndex { !blank($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !blank($0) }.map { bytes.index(after: $0) } ?? start
        return start < end && bytes[start..<end].elementsEqual("---".utf8)
    }
}
