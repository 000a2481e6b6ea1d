package import CartographModel

/// A fixed grid of character cells that knows wide characters: a character of display
/// width 2 takes its cell and the next, and writing over either half of it clears the
/// other half to a space. Nothing drawn can make a row wider or narrower than the grid.
struct TextCanvas: Sendable {
    enum Cell: Sendable, Hashable {
        case blank
        /// A grapheme cluster starting in this cell, with its display width (1, 2, or more for
        /// a wide character with a spacing mark).
        case glyph(Character, width: Int)
        /// A further column of the wide glyph that starts before it.
        case tail
    }

    let width: Int
    let height: Int
    private var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        return cells[y * width + x]
    }

    func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Puts one grapheme at a cell; returns the columns it took (0 when it did not fit).
    /// A zero-width grapheme takes no cell and is dropped: text is cleaned before it gets
    /// here, so only a stray mark reaches this.
    @discardableResult
    mutating func put(_ character: Character, x: Int, y: Int, limit: Int? = nil) -> Int {
        put(character, width: DisplayWidth.of(character), x: x, y: y, limit: limit)
    }

    /// Puts one grapheme whose width is already known (lines repeat one character). A glyph
    /// takes every column it measures, even past two ("歗〮" is 3): the row drawn from the
    /// cells is then exactly as wide as the grid.
    @discardableResult
    private mutating func put(_ character: Character, width glyphWidth: Int, x: Int, y: Int, limit: Int? = nil) -> Int {
        let right = min(limit ?? width, width)
        guard glyphWidth > 0, y >= 0, y < height, x >= 0, x + glyphWidth <= right else { return 0 }
        for column in x..<(x + glyphWidth) { clear(x: column, y: y) }
        cells[y * width + x] = .glyph(character, width: glyphWidth)
        for column in (x + 1)..<(x + glyphWidth) { cells[y * width + column] = .tail }
        return glyphWidth
    }

    /// Writes text from a cell, stopping before any glyph that would cross `limit`
    /// (exclusive column) or the right edge; returns the columns written.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, limit: Int? = nil) -> Int {
        var column = x
        for character in text {
            let glyphWidth = DisplayWidth.of(character)
            if glyphWidth == 0 { continue }
            let taken = put(character, width: glyphWidth, x: column, y: y, limit: limit)
            if taken == 0 { break }
            column += taken
        }
        return column - x
    }

    /// A horizontal line of one character, `length` cells long.
    mutating func horizontal(_ character: Character, x: Int, y: Int, length: Int) {
        let width = DisplayWidth.of(character)
        for column in x..<(x + max(length, 0)) { put(character, width: width, x: column, y: y) }
    }

    /// A vertical line of one character, `length` cells long.
    mutating func vertical(_ character: Character, x: Int, y: Int, length: Int) {
        let width = DisplayWidth.of(character)
        for row in y..<(y + max(length, 0)) { put(character, width: width, x: x, y: row) }
    }

    /// The border of a rectangle, its corners included.
    mutating func frame(x: Int, y: Int, width boxWidth: Int, height boxHeight: Int, tracks: BoxTracks) {
        guard boxWidth >= 2, boxHeight >= 2 else { return }
        let right = x + boxWidth - 1
        let bottom = y + boxHeight - 1
        horizontal(tracks.horizontal, x: x + 1, y: y, length: boxWidth - 2)
        horizontal(tracks.horizontal, x: x + 1, y: bottom, length: boxWidth - 2)
        vertical(tracks.vertical, x: x, y: y + 1, length: boxHeight - 2)
        vertical(tracks.vertical, x: right, y: y + 1, length: boxHeight - 2)
        put(tracks.topLeft, x: x, y: y)
        put(tracks.topRight, x: right, y: y)
        put(tracks.bottomLeft, x: x, y: bottom)
        put(tracks.bottomRight, x: right, y: bottom)
    }

    /// A divider across a box at a row: `├───┤`.
    mutating func divider(x: Int, y: Int, width boxWidth: Int, tracks: BoxTracks) {
        guard boxWidth >= 2 else { return }
        put(tracks.teeLeft, x: x, y: y)
        horizontal(tracks.horizontal, x: x + 1, y: y, length: boxWidth - 2)
        put(tracks.teeRight, x: x + boxWidth - 1, y: y)
    }

    /// The rows as text, each exactly `width` columns; trailing spaces are kept, so
    /// every line has the same display width.
    var rows: [String] {
        // As bytes: appending Characters one by one to a String costs more than the drawing.
        (0..<height).map { row in
            var line: [UInt8] = []
            line.reserveCapacity(width + width / 2)
            for column in 0..<width {
                switch cells[row * width + column] {
                case .blank: line.append(UInt8(ascii: " "))
                case .glyph(let character, _): line.append(contentsOf: character.utf8)
                case .tail: break
                }
            }
            return String(decoding: line, as: UTF8.self)
        }
    }

    /// Blanks a cell, and every other column of the wide glyph it belongs to.
    private mutating func clear(x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        var start = x
        while start > 0, cells[y * width + start] == .tail { start -= 1 }
        if case .glyph(_, let glyphWidth) = cells[y * width + start], start + glyphWidth > x {
            for column in start..<min(start + glyphWidth, width) { cells[y * width + column] = .blank }
        }
        cells[y * width + x] = .blank
    }
}
