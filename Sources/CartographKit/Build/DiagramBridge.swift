/// Where the build asks for the text diagram.
enum DiagramBridge {
    static func text(_ map: InfraMap, width: Int, ascii: Bool) -> String {
        // Placeholder until the layout engine lands.
        map.apps.map(\.name).joined(separator: "\n")
    }
}
