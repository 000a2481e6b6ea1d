/// A what-if: components resized, shown beside the baseline cost.
package struct Scenario: Sendable, Hashable {
    package var name: String
    package var description: String?
    package var tradeOff: String?
    /// Apps it applies to; empty means every app.
    package var apps: [String] = []
    /// Components it applies to; empty means every sized component of those apps.
    package var components: [String] = []
    /// The instance size every affected component moves to.
    package var size: String?
    /// Per-slug moves (`basic-xs: basic-xxs`), applied where `size` is not given.
    package var resize: [String: String] = [:]
    package var location: SourceLocation

    package init(
        name: String, description: String? = nil, tradeOff: String? = nil, apps: [String] = [], components: [String] = [],
        size: String? = nil, resize: [String: String] = [:], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.tradeOff = tradeOff
        self.apps = apps
        self.components = components
        self.size = size
        self.resize = resize
        self.location = location
    }
}
