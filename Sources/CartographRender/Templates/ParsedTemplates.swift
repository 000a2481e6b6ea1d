import Foundation
import Mustache
import Synchronization

/// The templates parsed so far, shared by every copy of a ``TemplateLibrary`` and by the
/// threads that render pages at once.
final class ParsedTemplates: Sendable {
    private struct State {
        var library: MustacheLibrary
        /// Templates registered together with every template they name, transitively.
        var complete: Set<String> = []
    }

    private let state: Mutex<State>

    init(_ library: MustacheLibrary) {
        state = Mutex(State(library: library))
    }

    /// A library holding `name` and every partial and parent it may render (all templates
    /// for nil), parsing from `sources` what is not parsed yet.
    func library(including name: String?, sources: [String: String]) -> MustacheLibrary {
        state.withLock { current in
            if let name, current.complete.contains(name) { return current.library }
            var queue = name.map { [$0] } ?? Array(sources.keys)
            var seen = Set(queue)
            while let next = queue.popLast() {
                guard let source = sources[next] else { continue }
                // A source that does not parse stays missing; the built-ins all parse (tested),
                // and a user's was parsed, or reported, up front.
                if current.library.getTemplate(named: next) == nil, let template = try? MustacheTemplate(string: source) {
                    current.library.register(template, named: next)
                }
                for reference in Self.references(in: source) ?? Array(sources.keys) where seen.insert(reference).inserted {
                    queue.append(reference)
                }
            }
            current.complete.formUnion(seen)
            return current.library
        }
    }

    /// The templates `source` names as partials (`{{> name}}`) or parents (`{{< name}}`);
    /// nil when it cannot tell: a set-delimiter tag hides later tags from this scan, and a
    /// dynamic partial (`{{>*key}}`) is named only at render time.
    static func references(in source: String) -> [String]? {
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let tag = rest.drop { $0 == " " || $0 == "\t" }
            guard let sigil = tag.first else { break }
            if sigil == "=" { return nil }
            guard sigil == ">" || sigil == "<" else { continue }
            let name = tag.dropFirst().drop { $0 == " " || $0 == "\t" }.prefix { !$0.isWhitespace && $0 != "}" }
            if name.hasPrefix("*") { return nil }
            names.append(String(name))
        }
        return names
    }
}
