package import CartographModel
import Synchronization

/// An output made when it is first asked for, once. `serve` keeps the Markdown map of a large
/// workspace this way: no page of the site shows it, and with the text diagram and the view
/// behind it, it is half of a rebuild's work; a save that changes an app is served without
/// waiting for it, and a request for the map gets exactly the bytes `build` writes.
package final class DeferredOutput: Sendable {
    /// Everything the output is made from: two with equal keys make the same bytes.
    package struct Key: Sendable, Equatable {
        var map: InfraMap
        var pages: [Page]
        var diagramWidth: Int
        var diagramASCII: Bool
        var allowRawHTML: Bool
        /// The templates' version in ``RenderCache``; nil (no cache) is equal to nothing.
        var templates: Int?

        package static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.templates != nil && lhs.templates == rhs.templates && lhs.diagramWidth == rhs.diagramWidth
                && lhs.diagramASCII == rhs.diagramASCII && lhs.allowRawHTML == rhs.allowRawHTML && lhs.pages == rhs.pages
                && lhs.map == rhs.map
        }
    }

    package let key: Key
    private let make: @Sendable () -> [UInt8]
    private let made = Mutex<[UInt8]?>(nil)

    init(key: Key, make: @escaping @Sendable () -> [UInt8]) {
        self.key = key
        self.make = make
    }

    /// The bytes, made by the first caller; callers meanwhile wait for them.
    package var bytes: [UInt8] {
        made.withLock { made in
            if let made { return made }
            let bytes = make()
            made = bytes
            return bytes
        }
    }

    /// Whether the bytes have been made.
    package var isMade: Bool { made.withLock { $0 != nil } }
}
