package import CartographInput
package import CartographKit
package import CartographModel
package import CartographRender
import Foundation
import Yams

/// Env values replaced by canaries: strings that cannot occur otherwise, so that finding one
/// in any output, message or served page proves that an env value leaked.
package enum Canary {
    /// Every text canary starts with this; nothing Cartograph reads or writes contains it otherwise.
    package static let marker = "CNRY"
    /// Every numeric canary (an env value written as a YAML integer) starts with this.
    package static let numericMarker = "948372615"

    /// The `n`th text canary: "CNRY7f3a0001".
    package static func text(_ n: Int) -> String { "CNRY7f3a" + padded(n, to: 4) }

    /// The `n`th numeric canary: "94837261500001".
    package static func number(_ n: Int) -> String { numericMarker + padded(n, to: 5) }

    private static func padded(_ n: Int, to width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The canaries (or their first characters, where a line was cut) found in `text`.
    package static func leaks(in text: String) -> [String] {
        var found: [String] = []
        for marker in [marker, numericMarker] {
            var rest = text[...]
            while let range = rest.range(of: marker) {
                let end = rest[range.lowerBound...].firstIndex { !($0.isLetter || $0.isNumber) } ?? rest.endIndex
                found.append(String(rest[range.lowerBound..<end]))
                rest = rest[end...]
            }
        }
        return found
    }

    /// Where one env value is written.
    package struct Site: Sendable, Hashable {
        /// Line and column (1-based; columns in Unicode scalars) of the value scalar.
        package var line: Int
        package var column: Int
        /// Line and column of the `value` key.
        package var keyLine: Int
        package var keyColumn: Int
        /// Line and column of the env item (its first key).
        package var itemLine: Int
        package var itemColumn: Int
        /// The env's `key`, when it is a plain string.
        package var envKey: String?
        /// The value as read.
        package var value: String
        package var style: Style
    }

    /// How a value scalar is written.
    package enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, block

        init(_ style: Node.Scalar.Style) {
            switch style {
            case .singleQuoted: self = .singleQuoted
            case .doubleQuoted: self = .doubleQuoted
            case .literal, .folded: self = .block
            default: self = .plain
            }
        }
    }

    /// Every env value of a YAML or JSON document: the `value` scalar of each mapping in a
    /// list under an `envs` key, at any depth (app, components, `spec:` wrappers, doctl output).
    /// Nil when the document does not parse.
    package static func sites(in text: String) -> [Site]? {
        guard let root = try? Yams.compose(yaml: text) else { return nil }
        var sites: [Site] = []
        var seen = Set<[Int]>()
        func visit(_ node: Node, depth: Int) {
            guard depth < 64 else { return }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if key.string == "envs", case .sequence(let items) = value {
                        for item in items {
                            guard case .mapping(let env) = item, let itemMark = item.mark else { continue }
                            for (field, scalarNode) in env where field.string == "value" {
                                guard case .scalar(let scalar) = scalarNode, let mark = scalarNode.mark, let keyMark = field.mark else {
                                    continue
                                }
                                guard seen.insert([mark.line, mark.column]).inserted else { continue }
                                let envKey = env.first { $0.key.string == "key" }?.value.string
                                sites.append(
                                    Site(
                                        line: mark.line, column: mark.column, keyLine: keyMark.line, keyColumn: keyMark.column,
                                        itemLine: itemMark.line, itemColumn: itemMark.column, envKey: envKey, value: scalar.string,
                                        style: Style(scalar.style)))
                            }
                        }
                    }
                    visit(value, depth: depth + 1)
                }
            case .sequence(let sequence):
                for item in sequence { visit(item, depth: depth + 1) }
            default: break
            }
        }
        visit(root, depth: 0)
        return sites.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// What `doctl apps list -o json` would print for the app a spec describes: the spec
    /// embedded, pretty-printed JSON (so its `"envs": [` spans many lines). Nil when the
    /// spec does not parse or holds something JSON cannot (a YAML timestamp).
    package static func doctlOutput(embedding spec: String) -> String? {
        guard var object = (try? Yams.load(yaml: spec)) as? [String: Any] else { return nil }
        if let inner = object["spec"] as? [String: Any] { object = inner }
        let name = object["name"] as? String ?? "app"
        let app: [String: Any] = [
            "id": "00000000-0000-4000-8000-000000000001", "spec": object,
            "live_url": "https://\(name).ondigitalocean.app", "region": ["slug": "nyc"],
            "active_deployment": ["id": "00000000-0000-4000-8000-000000000002", "phase": "ACTIVE", "spec": object],
        ]
        guard JSONSerialization.isValidJSONObject([app]),
            let data = try? JSONSerialization.data(withJSONObject: [app], options: [.prettyPrinted, .sortedKeys])
        else { return nil }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A document whose env values are canaries.
    package struct Canaried: Sendable {
        package var text: String
        /// Where each canary sits, in document order.
        package var sites: [Site]
        package var canaries: [String]
    }

    /// Replaces every env value of a document by a canary numbered from `first`, keeping the
    /// rest of the text as it was (quoted values stay quoted; block scalars become plain).
    /// For a document that does not parse, every `value:` field is replaced line by line.
    /// Nil when the result does not read back with exactly those canaries.
    package static func replacingEnvValues(in original: String, first: Int = 1) -> Canaried? {
        let text = original.replacingOccurrences(of: "\r\n", with: "\n")
        guard let sites = sites(in: text) else { return replacingValueFields(in: text, first: first) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var canaries: [String] = []
        for (offset, site) in sites.enumerated().reversed() {
            let canary = Canary.text(first + offset)
            canaries.insert(canary, at: 0)
            replace(site, with: canary, in: &lines)
        }
        let result = lines.joined(separator: "\n")
        guard let check = self.sites(in: result), check.map(\.value) == canaries else { return nil }
        return Canaried(text: result, sites: check, canaries: canaries)
    }

    /// Replaces the scalar at `site` (which may span lines) by `canary`, in the scalar's style.
    static func replace(_ site: Site, with canary: String, in lines: inout [String]) {
        let index = site.line - 1
        guard lines.indices.contains(index) else { return }
        let scalars = Array(lines[index].unicodeScalars)
        let start = min(site.column - 1, scalars.count)
        let head = String(String.UnicodeScalarView(scalars[..<start]))
        let keyIndent = site.keyColumn - 1
        switch site.style {
        case .doubleQuoted, .singleQuoted:
            let quote: Unicode.Scalar = site.style == .doubleQuoted ? "\"" : "'"
            var lineIndex = index
            var position = start + 1
            var line = scalars
            while true {
                if position >= line.count {
                    lineIndex += 1
                    guard lines.indices.contains(lineIndex) else { return }
                    line = Array(lines[lineIndex].unicodeScalars)
                    position = 0
                    continue
                }
                let c = line[position]
                if quote == "\"", c == "\\" {
                    position += 2
                    continue
                }
                if c == quote {
                    if quote == "'", position + 1 < line.count, line[position + 1] == "'" {
                        position += 2
                        continue
                    }
                    break
                }
                position += 1
            }
            let tail = String(String.UnicodeScalarView(line[(position + 1)...]))
            lines[index] = head + "\(quote)\(canary)\(quote)" + tail
            lines.removeSubrange((index + 1)..<(lineIndex + 1))
        case .block:
            lines[index] = head + canary
            var next = index + 1
            while next < lines.count, isBlank(lines[next]) || indentation(lines[next]) > keyIndent { next += 1 }
            while next > index + 1, isBlank(lines[next - 1]) { next -= 1 }
            lines.removeSubrange((index + 1)..<next)
        case .plain:
            var depth = 0
            for c in scalars[..<start] {
                if c == "[" || c == "{" { depth += 1 }
                if c == "]" || c == "}" { depth -= 1 }
            }
            var end = start
            while end < scalars.count {
                let c = scalars[end]
                if depth > 0, c == "," || c == "]" || c == "}" { break }
                if c == "#", end > start, scalars[end - 1] == " " { break }
                end += 1
            }
            // What follows the scalar: the rest of a flow collection, or a comment.
            let tail = String(String.UnicodeScalarView(scalars[end...]))
            lines[index] = head + canary + (tail.isEmpty || depth > 0 ? tail : " " + tail.drop { $0 == " " })
            if depth == 0 {
                var next = index + 1
                while next < lines.count, !isBlank(lines[next]), indentation(lines[next]) > keyIndent,
                    !lines[next].trimmingCharacters(in: .whitespaces).hasPrefix("#")
                {
                    next += 1
                }
                lines.removeSubrange((index + 1)..<next)
            }
        }
    }

    /// For a document that does not parse: each `value:` field's scalar, up to a comment or
    /// the end of the line (or of a flow item), becomes a canary.
    static func replacingValueFields(in text: String, first firstNumber: Int) -> Canaried? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var canaries: [String] = []
        for index in lines.indices {
            var line = lines[index]
            var searchFrom = line.startIndex
            while let key = line.range(
                of: #"(^|[\s{,"'])value["']?\s*:\s*"#, options: .regularExpression, range: searchFrom..<line.endIndex)
            {
                let rest = line[key.upperBound...]
                guard let opening = rest.first, opening != "|", opening != ">", opening != "#" else { break }
                var end = rest.endIndex
                if opening == "\"" || opening == "'" {
                    end = rest.dropFirst().firstIndex(of: opening).map { line.index(after: $0) } ?? rest.endIndex
                } else if let stop = rest.firstIndex(where: { $0 == "," || $0 == "}" || $0 == "]" }) {
                    end = stop
                } else if let comment = rest.range(of: " #") {
                    end = comment.lowerBound
                }
                let canary = Canary.text(firstNumber + canaries.count)
                canaries.append(canary)
                let replacement = opening == "\"" || opening == "'" ? "\(opening)\(canary)\(opening)" : canary
                line.replaceSubrange(key.upperBound..<end, with: replacement)
                searchFrom = line.index(key.upperBound, offsetBy: replacement.count)
            }
            lines[index] = line
        }
        return Canaried(text: lines.joined(separator: "\n"), sites: [], canaries: canaries)
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
}
