/// A domain an app answers on: one the spec declares, or the one the status describes
/// (which may carry only its DNS provider and plans, without a name yet).
package struct Domain: Sendable, Hashable {
    package enum Origin: Sendable, Hashable { case spec, status }

    package var name: String?
    package var origin: Origin
    package var provider: String?
    package var current: String?
    package var planned: String?

    package init(name: String? = nil, origin: Origin, provider: String? = nil, current: String? = nil, planned: String? = nil) {
        self.name = name
        self.origin = origin
        self.provider = provider
        self.current = current
        self.planned = planned
    }
}
