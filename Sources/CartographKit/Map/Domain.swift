/// A domain an app answers on: one the spec declares, or the one the status describes
/// (which may carry only its DNS provider and plans, without a name yet).
public struct Domain: Sendable, Hashable {
    public enum Origin: Sendable, Hashable { case spec, status }

    public var name: String?
    public var origin: Origin
    public var provider: String?
    public var current: String?
    public var planned: String?
}
