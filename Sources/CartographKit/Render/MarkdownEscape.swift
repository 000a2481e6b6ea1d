import Foundation

/// Escaping for text that lands in Markdown, so a value can never change the document's
/// structure.
public enum MarkdownEscape {
    /// Inline text: escapes characters that start emphasis, code, links, HTML and, at the
    /// start, headings, lists, quotes and rules.
    public static func inline(_ text: String) -> String {
        var out = ""
        for (index, ch) in singleLine(text).enumerated() {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out.append("\\")
                out.append(ch)
            case "#", "-", "+", "=" where index == 0:
                out.append("\\")
                out.append(ch)
            default:
                out.append(ch)
            }
        }
        if let first = out.first, first.isNumber, let dot = out.firstIndex(where: { $0 == "." || $0 == ")" }),
            out[out.startIndex..<dot].allSatisfy(\.isNumber)
        {
            out.insert("\\", at: dot)
        }
        return out
    }

    /// A table cell: inline escaping, with pipes escaped and line breaks as `<br>`.
    public static func cell(_ text: String) -> String {
        let escaped = inline(text)
        return escaped.isEmpty ? " " : escaped
    }

    /// Code span: backticks fenced with more backticks than the text holds.
    public static func code(_ text: String) -> String {
        let flat = singleLine(text)
        var longest = 0
        var run = 0
        for ch in flat {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat.replacingOccurrences(of: "|", with: "\\|") + pad + fence
    }

    /// Collapses line breaks and control characters to single spaces.
    static func singleLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.value < 0x20 || scalar.value == 0x7F
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isBreak {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = scalar == " "
            }
        }
        return out
    }
}
