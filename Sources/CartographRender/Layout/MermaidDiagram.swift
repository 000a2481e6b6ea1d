package import CartographModel

/// The architecture as a Mermaid flowchart, for renderers that draw Mermaid (GitHub
/// Markdown among them): the platform and its apps, the external systems, and an edge for
/// every dependency the text diagram lists — to a system, or (labelled with the env keys
/// that reveal it) to a sibling component, which gets a node of its own. Every label is escaped for Mermaid, so no value can end a
/// label or add markup.
package enum MermaidDiagram {
    package static func render(_ map: InfraMap, style: StatusStyle = .emoji) -> String {
        var lines = ["flowchart TB"]
        let platform = [map.platform, DiagramBuilder.regionLine(map.regions)?.joined(separator: " ")].compactMap { $0 }
        lines.append("  subgraph platform[\"\(label(platform))\"]")
        for (index, app) in map.apps.enumerated() {
            var parts = [app.name, "\(style.label(app.health)) · \(app.cost.perMonth)"]
            let components = app.components.map { c in c.effectiveSlug.map { "\(c.name) (\($0))" } ?? c.name }
            if !components.isEmpty { parts.append(components.joined(separator: ", ")) }
            lines.append("    app\(index)[\"\(label(parts))\"]")
            // A sibling an app's env points at gets a node of its own, so the edge has an end.
            for (componentIndex, component) in app.components.enumerated()
            where app.dependencies.contains(where: { $0.target == .component(component.name) }) {
                lines.append("    app\(index)c\(componentIndex)[\"\(label([component.name, "component of \(app.name)"]))\"]")
            }
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
            for dependency in app.dependencies {
                guard case .component(let name) = dependency.target,
                    let componentIndex = app.components.firstIndex(where: { $0.name == name })
                else { continue }
                let keys = dependency.keys.isEmpty ? "" : "|\"\(label([dependency.keys.joined(separator: ", ")]))\"|"
                lines.append("  app\(appIndex) -->\(keys) app\(appIndex)c\(componentIndex)")
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
