import CartographTestSupport
import Foundation
import Testing

@testable import CartographRender

/// The views answer templates through hand-written `child(named:)` tables (swift-mustache
/// would otherwise reflect every value with `Mirror` on every lookup). A table that misses a
/// property, or a template that names a key no view has, renders empty without an error:
/// these tests read the view types, their tables and the default templates, and fail on
/// either.
@Suite("Template completeness")
struct TemplateCompletenessTests {
    /// (types, their lookup tables), relative to the repository.
    static let pairs = [
        ("Sources/CartographRender/HTML/SiteViews.swift", "Sources/CartographRender/HTML/SiteViews+Mustache.swift"),
        ("Sources/CartographRender/Markdown/MapViewModel.swift", "Sources/CartographRender/Markdown/MapViewModel+Mustache.swift"),
    ]

    /// Names swift-mustache answers itself (context transforms and sequence properties).
    static let builtIns: Set<String> = [
        "first", "last", "index", "even", "odd", "count", "empty", "reversed", "enumerated", "uppercased", "lowercased",
        "capitalized", "sorted",
    ]

    static func source(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appending(path: path), encoding: .utf8)
    }

    /// Stored properties of every struct in `text`, by qualified name (`SiteViews.Layout`).
    /// Computed properties (`var x: T {`) are not stored and need no table entry.
    static func storedProperties(_ text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var stack: [(name: String, depth: Int)] = []
        var depth = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Braces in comments (`{{name}}` in a doc comment) are not the code's.
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            if let name = declaredType(trimmed) {
                stack.append((name, depth))
                // A type declared on one line: `struct Row: Sendable { package var cells: [String] }`.
                if let open = trimmed.firstIndex(of: "{"), trimmed.hasSuffix("}") {
                    let qualified = (stack.map(\.name)).joined(separator: ".")
                    for declaration in trimmed[trimmed.index(after: open)...].split(separator: ";") {
                        if let property = storedProperty(declaration.trimmingCharacters(in: .whitespaces.union(["}"]))) {
                            result[qualified, default: []].insert(property)
                        }
                    }
                }
            } else if let property = storedProperty(trimmed), let owner = stack.last, depth == owner.depth + 1 {
                result[stack.map(\.name).joined(separator: "."), default: []].insert(property)
            }
            for character in code {
                if character == "{" { depth += 1 }
                if character == "}" { depth -= 1 }
            }
            while let last = stack.last, depth <= last.depth { stack.removeLast() }
        }
        return result
    }

    static func declaredType(_ line: String) -> String? {
        for keyword in ["struct ", "enum "] {
            guard let range = line.range(of: keyword), line.contains("{"),
                line[..<range.lowerBound].split(separator: " ").allSatisfy({ ["package", "public", "indirect"].contains($0) })
            else { continue }
            return String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        return nil
    }

    static func storedProperty(_ line: String) -> String? {
        for prefix in ["package var ", "package let ", "var ", "let "] where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            // `var x: T {` computes; `static` never reaches here (it has its own prefix).
            if line.hasSuffix("{") { return nil }
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// The names each `extension T: MustacheParent` answers, by type.
    static func tables(_ text: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("extension "), trimmed.contains(": MustacheParent") {
                current = String(trimmed.dropFirst("extension ".count).prefix { $0 != ":" })
                result[current ?? ""] = []
            } else if let current, let single = trimmed.firstMatch(of: /name == "([A-Za-z0-9_]+)"/) {
                // The one-key form: `name == "cells" ? self.cells : nil`.
                result[current, default: []].insert(String(single.output.1))
            } else if let current, trimmed.hasPrefix("case \"") {
                let names = trimmed.dropFirst("case ".count).prefix { $0 != ":" }
                for name in names.split(separator: ",") {
                    result[current, default: []].insert(name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""]))
                }
            }
        }
        return result
    }

    @Test(arguments: pairs.map(\.0))
    func everyStoredPropertyIsInItsTable(types: String) throws {
        let tablesPath = try #require(Self.pairs.first { $0.0 == types }?.1)
        let properties = Self.storedProperties(try Self.source(types))
        let tables = Self.tables(try Self.source(tablesPath))
        #expect(!tables.isEmpty)
        for (type, answered) in tables {
            let stored = try #require(properties[type], "\(tablesPath) answers for \(type), which \(types) does not declare")
            #expect(stored.subtracting(answered).isEmpty, "\(type): \(stored.subtracting(answered).sorted()) missing from \(tablesPath)")
            #expect(answered.subtracting(stored).isEmpty, "\(type): \(answered.subtracting(stored).sorted()) answered but not stored")
        }
    }

    /// Every `{{name}}`, `{{#name}}`, `{{^name}}` and `{{{name}}}` of every default template
    /// names a key some view answers (or one swift-mustache answers itself).
    @Test func everyTemplateTagNamesAKeyAViewHas() throws {
        var known = Self.builtIns
        for (_, tables) in Self.pairs {
            for names in Self.tables(try Self.source(tables)).values { known.formUnion(names) }
        }
        let tag = /\{\{\{?\s*([#^]?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}?\}\}/
        var unknown: [String] = []
        for (path, template) in DefaultTemplates.files where path.hasSuffix(".mustache") {
            for match in template.matches(of: tag) {
                for part in match.output.2.split(separator: ".") where !known.contains(String(part)) {
                    unknown.append("\(path): {{\(match.output.2)}}")
                }
            }
        }
        #expect(unknown.isEmpty, "\(unknown)")
    }
}
