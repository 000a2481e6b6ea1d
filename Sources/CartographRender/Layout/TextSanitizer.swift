package import CartographModel

/// Makes any input text safe to place in a grid of cells: one line, no control or
/// direction-changing characters, no grapheme that would fuse with a neighbouring cell,
/// and, for the ASCII style, nothing outside ASCII.
///
/// Every string the diagram shows passes through here first, so a value from a spec or a
/// status file cannot break the layout (a tab, a newline, an ESC sequence, a right-to-left
/// override).
enum TextSanitizer {
    /// A one-line form of `text` whose graphemes measure the same alone as beside others.
    static func clean(_ text: String, ascii: Bool) -> String {
        // Printable ASCII is safe as it is, and it is most of what a map says.
        if LoneScalars.isPrintableASCII(text) { return text }
        // So is text whose every scalar is a cluster of its own and no hazard: nothing in it
        // can fuse, so there is nothing to isolate.
        if text.unicodeScalars.allSatisfy(isLoneAndSafe) { return ascii ? transliterated(text) : text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                // Tabs, newlines, ESC and the like become plain spaces.
                scalars.append(" ")
            case .format:
                // Keep the joiners emoji sequences are built from; drop the rest
                // (bidi overrides, soft hyphens, zero-width spaces, BOMs).
                if scalar.value == 0x200D || (0xE0020...0xE007F).contains(scalar.value) { scalars.append(scalar) }
            case .surrogate, .privateUse, .unassigned:
                scalars.append("\u{FFFD}")
            default:
                scalars.append(scalar)
            }
        }
        let out = isolated(String(scalars))
        return ascii ? transliterated(out) : out
    }

    /// A scalar the loop in ``clean(_:ascii:)`` keeps as it is, and that ``isolated(_:)``
    /// keeps beside any other such scalar.
    private static func isLoneAndSafe(_ scalar: Unicode.Scalar) -> Bool {
        guard LoneScalars.contains(scalar.value) else { return false }
        if scalar.isASCII { return true }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .format, .surrogate, .privateUse, .unassigned: return false
        default: return true
        }
    }

    /// Removes what would join a grapheme to the cell before or after it: a leading
    /// combining mark (it would fuse with a border), a trailing joiner or prepended mark
    /// (it would fuse with the padding or a continuation mark). Repeats until stable,
    /// since removing a scalar can re-pair its neighbours.
    static func isolated(_ text: String) -> String {
        var current = text
        for _ in 0..<4 {
            var next = ""
            var atStart = true
            for character in current {
                if atStart, fusesBackward(character) { continue }
                atStart = false
                var piece = character
                while fusesForward(piece), let trimmed = dropLastScalar(piece) { piece = trimmed }
                if fusesForward(piece) { continue }
                next.append(piece)
            }
            if next == current { return next }
            current = next
        }
        // Not stable after a few rounds: an adversarial sequence. ASCII is always safe.
        return transliterated(current)
    }

    /// True when the character would merge into the grapheme before it.
    private static func fusesBackward(_ c: Character) -> Bool {
        ("a" + String(c)).count < 2
    }

    /// True when the character would merge with a space or a continuation mark after it.
    /// A cluster ending in a zero-width joiner counts even where Swift does not join (after a
    /// letter): measured as a terminal and `wcwidth` measure, the joiner hides the character
    /// after it, so it would swallow the padding or the mark beside it.
    private static func fusesForward(_ c: Character) -> Bool {
        c.unicodeScalars.last == "\u{200D}" || (String(c) + " ").count < 2 || (String(c) + "↩").count < 2
            || (String(c) + "a").count < 2
    }

    private static func dropLastScalar(_ c: Character) -> Character? {
        var scalars = String(c).unicodeScalars
        guard scalars.count > 1 else { return nil }
        scalars.removeLast()
        let string = String(scalars)
        return string.count == 1 ? string.first : nil
    }

    /// ASCII stand-ins for the typography the model itself uses; `?` for anything else.
    static func transliterated(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.unicodeScalars.allSatisfy(\.isASCII) {
                out.append(character)
                continue
            }
            switch character {
            case "–", "—", "−", "‐", "‑": out += "-"
            case "→", "⟶": out += "->"
            case "←": out += "<-"
            case "×": out += "x"
            case "…": out += "..."
            case "•", "·": out += "*"
            case "‘", "’", "′": out += "'"
            case "“", "”", "″": out += "\""
            case "\u{00A0}", "\u{2002}"..."\u{200A}", "\u{3000}": out += " "
            default: out += "?"
            }
        }
        return out
    }
}
