package import CartographModel

/// The architecture as a Mermaid flowchart, for renderers that draw Mermaid (GitHub
/// Markdown among them): the platform and its apps, the external systems, and an edge for
/// every app that uses one. Every label is escaped for Mermaid, so no value can end a
/// label or add markup.
package enum MermaidDiagram {
    package static func render(_ map: InfraMap, style: StatusStyle = .emoji) -> String {
        var lines = ["flowchart TB"]
        let platform = [map.platform, map.primaryRegion.map { "Region: \($0.title)" }].compactMap { $0 }
        lines.append("  subgraph platform[\"\(label(platform))\"]")
        for (index, app) in map.apps.enumerated() {
            var parts = [app.name, "\(style.label(app.health)) · \(app.cost.perMonth)"]
            let components = app.components.map { c in c.effectiveSlug.map { "\(c.name) (\($0))" } ?? c.name }
            if !components.isEmpty { parts.append(components.joined(separator: ", ")) }
            lines.append("    app\(index)[\"\(label(parts))\"]")
        }
        lines.append("  end")
        if !map.externals.isEmpty {
            lines.append("  subgraph external[\"External Dependencies\"]")
            for (index, system) in map.externals.enumerated() {
                let parts = [system.kind.map { "\(system.name) (\($0))" } ?? system.name, system.endpoint ?? system.url].compactMap { $0 }
                lines.append("    ext\(index)[\"\(label(parts))\"]")
            }
            lines.append("  end")
        }
        for (appIndex, app) in map.apps.enumerated() {
            for dependency in app.dependencies {
                guard case .external(let name) = dependency.target,
                    let systemIndex = map.externals.firstIndex(where: { $0.name == name })
                else { continue }
                lines.append("  app\(appIndex) --> ext\(systemIndex)")
            }
        }
        for (index, app) in map.apps.enumerated() {
            lines.append("  click app\(index) \"apps/\(app.slug)/index.html\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Label lines joined by Mermaid's line break; `"`, `#`, `<`, `>`, `&`, `|`, brackets
    /// and braces as Mermaid entity codes, control characters as spaces.
    static func label(_ parts: [String]) -> String {
        parts.map(escape).joined(separator: "<br/>")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += " "
            } else if "\"#<>&|[]{}()`".unicodeScalars.contains(scalar) {
                out += "#\(scalar.value);"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
