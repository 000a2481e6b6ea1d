package import CartographModel
import Foundation

/// Escaping for text placed in HTML, attributes, SVG and XML.
package enum HTMLEscape {
    /// Text content and double- or single-quoted attribute values; control characters
    /// other than tab and line breaks are dropped (XML forbids them).
    package static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL for an `href`: http(s), mailto and relative URLs pass (escaped); anything else
    /// (`javascript:`, `data:`) becomes `#`.
    package static func url(_ s: String) -> String {
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains("/") {
            let scheme = lower[..<colon]
            guard ["http", "https", "mailto"].contains(scheme) else { return "#" }
        }
        return text(trimmed)
    }
}
