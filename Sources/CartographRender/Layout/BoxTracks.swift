package import CartographModel

/// The characters boxes are drawn with.
struct BoxTracks: Sendable, Hashable {
    var horizontal: Character
    var vertical: Character
    var topLeft: Character
    var topRight: Character
    var bottomLeft: Character
    var bottomRight: Character
    var teeLeft: Character
    var teeRight: Character
    /// Ends a line where a token too long for it was broken.
    var continuation: Character

    static let unicode = BoxTracks(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", continuation: "↩")
    static let ascii = BoxTracks(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", continuation: "\\")

    static func of(ascii: Bool) -> BoxTracks { ascii ? .ascii : .unicode }
}
