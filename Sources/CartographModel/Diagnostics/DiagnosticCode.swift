/// A stable name for a kind of diagnostic (`CG012`), so a user can look one up, acknowledge
/// it in `ignore:`, and code scanning can group results by rule.
///
/// Codes are assigned from the message, by the registry below, rather than at each of the
/// hundred-odd places that report a problem: messages are already tested word for word, so
/// the registry follows them, and a message that no rule matches gets ``other`` — which a
/// test over every fixture and the corpus forbids. Codes are never reused or renumbered; a
/// new kind of problem gets the next free number.
package struct DiagnosticCode: Sendable, Hashable {
    package var id: String
    /// What the code is about, for the README table and SARIF's rule list.
    package var title: String
    /// Any of these in the message selects the code: a prefix (`^text`) or a part (`text`).
    var patterns: [String]

    init(_ id: String, _ title: String, _ patterns: [String]) {
        self.id = id
        self.title = title
        self.patterns = patterns
    }

    /// The rule's test over the message's bytes: a pattern (ASCII) that matches as Characters
    /// matches as bytes too, so the bytes rule out the rest, and only a pattern found in them
    /// is confirmed as Characters (almost every pattern misses, and comparing Characters is slow).
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>, _ message: String) -> Bool {
        patterns.contains { pattern in
            pattern.hasPrefix("^")
                ? message.hasPrefix(pattern.dropFirst())
                : Self.bytes(bytes, contain: pattern.utf8) && message.contains(pattern)
        }
    }

    /// Whether `part` occurs in `text`, byte for byte.
    static func bytes(_ text: UnsafeBufferPointer<UInt8>, contain part: String.UTF8View) -> Bool {
        guard let first = part.first else { return true }
        let count = part.count
        guard count <= text.count else { return false }
        let last = text.count - count
        var start = 0
        while start <= last {
            if text[start] == first, part.elementsEqual(UnsafeBufferPointer(rebasing: text[start..<start + count])) { return true }
            start += 1
        }
        return false
    }

    /// A message no rule knows: a test keeps every message Cartograph writes out of it.
    package static let other = DiagnosticCode("CG000", "other problem", [])
    /// An output on disk that differs from what a build would write (`check`).
    package static let staleOutput = DiagnosticCode("CG050", "an output is stale, missing or no longer belongs to the site", [])

    /// The rules, most specific first: the first that matches names the code (so output
    /// paths, whose messages may name markers, come before injection markers).
    package static let registry: [DiagnosticCode] = [
        DiagnosticCode("CG001", "YAML syntax error", ["^YAML syntax error", "^could not parse YAML", "^YAML reader error"]),
        DiagnosticCode("CG002", "a file is not valid UTF-8", ["^file is not valid UTF-8"]),
        DiagnosticCode(
            "CG003", "a file or document is too large (size, nodes, alias expansion, nesting, project budget)",
            [
                "bytes; the limit is", "^document expands", "^document has more than", "^nesting deeper than",
                "^the project's inputs pass the limit",
            ]),
        DiagnosticCode("CG004", "a duplicate key in a mapping", ["^duplicate key"]),
        DiagnosticCode(
            "CG005", "a key that is not a plain string",
            ["^an alias may not be used as a mapping key", "^a mapping key must be a plain value", "^keys in "]),
        DiagnosticCode(
            "CG006", "the file or a field is not the expected mapping",
            ["^file is empty", " must be a mapping, found", "^'spec' must hold"]),
        DiagnosticCode("CG010", "an unknown key", ["^unknown key"]),
        DiagnosticCode("CG011", "a required field is missing", ["is missing required field"]),
        DiagnosticCode(
            "CG012", "a value of the wrong type",
            [
                "must be a string, found", "must be an integer, found", "must be a number, found", "must be true or false, found",
                "must be a list, found", "^items of '", "must be a value such as",
            ]),
        DiagnosticCode("CG013", "a number out of range", ["' must be between "]),
        DiagnosticCode(
            "CG014", "a value not among the allowed ones", ["; expected one of: ", "^unknown alert rule", "^unknown diagnostic code"]),
        DiagnosticCode("CG015", "an invalid app or component name", [": use 2 to 32 lowercase letters"]),
        DiagnosticCode(
            "CG016", "an invalid domain, env key, IP address, date or page slug",
            [
                "^invalid domain", "^invalid env key", "is not an IP address", "must be a date written",
                "must be lowercase letters, digits and dashes",
            ]),
        DiagnosticCode(
            "CG017", "a name used twice (app, component, route, page)",
            ["is already defined in", "is already used by", "is already used at line", "would have the same page"]),
        DiagnosticCode(
            "CG018", "fields that contradict each other or a source without what it needs",
            [
                "mutually exclusive", "^only one of", "^a component takes one source", "is below 'min_instance_count'",
                "must be left empty for a DOCR image", "^a DOCKER_HUB image needs", "^a production database needs",
            ]),
        DiagnosticCode("CG019", "an ingress rule or route that cannot work", ["^ingress rule routes to", "must start with '/'"]),
        DiagnosticCode("CG020", "an invalid amount of money", ["must be a dollar amount", "must be at most "]),
        DiagnosticCode("CG021", "a scenario that names no app or changes nothing", ["names app '", "changes nothing"]),
        DiagnosticCode("CG030", "a template is missing or broken", ["^template error", "^template '", "^a template needed"]),
        DiagnosticCode(
            "CG032", "an output path that is refused (outside the project, over an input, twice, inside the site)",
            ["^output.", "^two outputs would be written", "named in output.inject"]),
        DiagnosticCode(
            "CG031", "cartograph markers in an injected file are missing or broken",
            ["in cartograph marker", "cartograph:begin", "cartograph:end", "^the map to inject here"]),
        DiagnosticCode(
            "CG033", "an input file or folder is missing or unreadable",
            ["does not exist", "^is a folder, not a file", "^is not a regular file", "is a file, not a folder", "^cannot read file"]),
        DiagnosticCode(
            "CG034", "doctl output that is not what 'doctl apps list -o json' writes", ["doctl output must be", "of doctl output has no"]),
        DiagnosticCode("CG101", "a deprecated field", ["is deprecated", "are deprecated"]),
        DiagnosticCode("CG102", "a legacy instance size slug", ["is a legacy slug"]),
        DiagnosticCode("CG103", "an env value that looks like a secret in plain text", ["in plain text", "looks like a secret"]),
        DiagnosticCode("CG104", "an env set twice", ["is already set at line"]),
        DiagnosticCode("CG105", "an unknown instance size (its cost is unknown)", ["unknown instance size"]),
        DiagnosticCode("CG106", "a price override that differs from the published price", ["DigitalOcean's published price is"]),
        DiagnosticCode("CG107", "a spec pattern that matches no files", ["matches no files"]),
        DiagnosticCode("CG108", "the status names an app or component the specs lack", ["^status names component", "^status entry "]),
        DiagnosticCode("CG109", "a page without front matter", ["^page has no front matter"]),
        DiagnosticCode("CG110", "a page names an app that is not in the map", ["^page names app"]),
        DiagnosticCode("CG111", "a field of doctl output Cartograph cannot read", ["in doctl output: expected"]),
        DiagnosticCode("CG112", "a second YAML document in a file", ["^only the first YAML document"]),
    ]

    /// Every code a diagnostic can have, in number order: the registry, stale outputs, other.
    package static var all: [DiagnosticCode] {
        ([other, staleOutput] + registry).sorted { $0.id < $1.id }
    }

    /// The code of a message.
    package static func code(for message: String) -> DiagnosticCode {
        var bytes = message
        return bytes.withUTF8 { utf8 in registry.first { $0.matches(utf8: utf8, message) } } ?? other
    }

    /// The code with this id, if there is one.
    package static func named(_ id: String) -> DiagnosticCode? {
        all.first { $0.id == id }
    }
}
