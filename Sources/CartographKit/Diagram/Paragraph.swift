/// One logical line of a box before wrapping: a sequence of runs that the wrapper keeps
/// together where it can.
///
/// A run is the unit a line prefers to break between: a word of prose, a path segment
/// ending in `/`, or a deliberately larger unit such as `(worker, basic-xxs)`. A run that
/// does not fit on a line of its own is broken at its spaces and slashes, and a single
/// token still too long is broken anywhere with a visible continuation mark.
struct Paragraph: Sendable, Hashable {
    struct Run: Sendable, Hashable {
        var text: String
        /// True when the run continues the previous one with no space between (after a `/`).
        var joinsPrevious: Bool
    }

    var runs: [Run]
    var role: DiagramText.Role
    /// Columns continuation lines are indented by.
    var indent: Int
    /// Centred in the box (the headings of the platform and external-systems boxes).
    var centered: Bool

    /// A paragraph from already-clean runs.
    init(runs: [Run], role: DiagramText.Role = .text, indent: Int = 2, centered: Bool = false) {
        self.runs = runs.filter { !$0.text.isEmpty }
        self.role = role
        self.indent = indent
        self.centered = centered
    }

    /// Text that may break at any space or after any `/`.
    init(_ text: String, ascii: Bool, role: DiagramText.Role = .text, indent: Int = 2, centered: Bool = false) {
        self.init(runs: Self.words(TextSanitizer.clean(text, ascii: ascii)), role: role, indent: indent, centered: centered)
    }

    /// Text built from units that should stay whole where they fit (each is cleaned here).
    init(units: [String], ascii: Bool, role: DiagramText.Role = .text, indent: Int = 2) {
        let runs = units.map { TextSanitizer.clean($0, ascii: ascii) }.flatMap { unit -> [Run] in
            // A unit holding a path keeps its slash boundaries as runs of their own, so
            // that a long repository name or URL counts by its parts, not its whole length.
            let words = Self.words(unit)
            return words.contains(where: \.joinsPrevious) ? words : [Run(text: Self.collapsed(unit), joinsPrevious: false)]
        }
        self.init(runs: runs, role: role, indent: indent)
    }

    /// Width on a single line.
    var fullWidth: Int {
        runs.enumerated().reduce(0) { sum, item in
            sum + DisplayWidth.of(item.element.text) + (item.offset == 0 || item.element.joinsPrevious ? 0 : 1)
        }
    }

    /// The widest run: the narrowest width at which the paragraph breaks only where it prefers.
    var naturalWidth: Int { runs.map { DisplayWidth.of($0.text) }.max() ?? 0 }

    /// Splits clean text into words at spaces (collapsing repeats) and after a `/` that
    /// is followed by something other than another `/` (so `https://` stays whole).
    static func words(_ text: String) -> [Run] {
        var runs: [Run] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var current = ""
            var joins = false
            let characters = Array(word)
            for (index, character) in characters.enumerated() {
                current.append(character)
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if character == "/", let next, next != "/", current != "/" {
                    runs.append(Run(text: current, joinsPrevious: joins))
                    current = ""
                    joins = true
                }
            }
            if !current.isEmpty { runs.append(Run(text: current, joinsPrevious: joins)) }
        }
        return runs
    }

    /// Text with runs of spaces collapsed and the ends trimmed.
    static func collapsed(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
