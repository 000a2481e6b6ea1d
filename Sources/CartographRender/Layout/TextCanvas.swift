package import CartographModel

/// A fixed grid of character cells that knows wide characters: a character of display
/// width 2 takes its cell and the next, and writing over either half of it clears the
/// other half to a space. Nothing drawn can make a row wider or narrower than the grid.
///
/// A canvas may hold a band of rows of a taller picture (``top``): drawing on rows outside
/// it does nothing, and since every cell depends only on what was drawn on its own row,
/// bands drawn apart and put together are the picture drawn whole.
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
    /// The row of the picture this canvas's first row is.
    let top: Int
    /// One code per cell, not a ``Cell``: a diagram of a thousand apps has a million cells,
    /// and a `Character` in each would be a million references to count. A code is 0 for a
    /// blank cell, 1 for a tail, and otherwise the glyph's width in the top bits over either
    /// its one scalar or, with ``clusterFlag``, its index in ``clusters``.
    private var codes: [UInt64]
    /// The glyphs of more than one scalar, in the order first put.
    private var clusters: [Character] = []
    /// The bytes beyond one a cell that the glyphs put so far take, counted as they are put
    /// (a glyph written over since still counts): with a byte a cell and a newline a row,
    /// at least the bytes of the rows, known without reading every cell again.
    private var extraBytes = 0

    private static let blankCode: UInt64 = 0
    private static let tailCode: UInt64 = 1
    /// The width part of the code of a glyph one column wide.
    private static let narrow: UInt64 = 1 << 40
    private static let clusterFlag: UInt64 = 1 << 32
    private static let payloadMask: UInt64 = (1 << 32) - 1

    init(width: Int, height: Int, top: Int = 0) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.top = top
        codes = Array(repeating: Self.blankCode, count: self.width * self.height)
    }

    subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        let code = codes[(y - top) * width + x]
        switch code {
        case Self.blankCode: return .blank
        case Self.tailCode: return .tail
        default: return .glyph(character(code), width: Self.width(of: code))
        }
    }

    func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= top && x < width && y < top + height }

    /// Puts one grapheme at a cell; returns the columns it took (0 when it did not fit).
    /// A zero-width grapheme takes no cell and is dropped: text is cleaned before it gets
    /// here, so only a stray mark reaches this.
    @discardableResult
    mutating func put(_ character: Character, x: Int, y: Int, limit: Int? = nil) -> Int {
        put(code(character, width: DisplayWidth.of(character)), x: x, y: y, limit: limit)
    }

    /// Puts one glyph's code (its width known: lines repeat one character). A glyph takes
    /// every column it measures, even past two ("歗〮" is 3): the row drawn from the cells is
    /// then exactly as wide as the grid.
    @discardableResult
    private mutating func put(_ code: UInt64, x: Int, y: Int, limit: Int? = nil) -> Int {
        let glyphWidth = Self.width(of: code)
        let right = min(limit ?? width, width)
        let row = y - top
        guard glyphWidth > 0, row >= 0, row < height, x >= 0, x + glyphWidth <= right else { return 0 }
        let start = row * width
        // A narrow glyph over a blank or narrow one replaces it, and nothing else.
        extraBytes += bytesBeyondOne(code)
        if glyphWidth == 1, Self.width(of: codes[start + x]) <= 1, codes[start + x] != Self.tailCode {
            codes[start + x] = code
            return 1
        }
        for column in x..<(x + glyphWidth) { clear(column, row: row) }
        codes[start + x] = code
        for column in (x + 1)..<(x + glyphWidth) { codes[start + column] = Self.tailCode }
        return glyphWidth
    }

    /// Sets a narrow glyph's code at column `x` of row `y` (which starts at `rowStart` in
    /// `codes`): in place over a blank or narrow cell, through ``put(_:x:y:limit:)`` over part
    /// of a wide glyph.
    private mutating func setNarrow(_ code: UInt64, x: Int, y: Int, rowStart: Int, limit: Int?) {
        let under = codes[rowStart + x]
        if under != Self.tailCode, Self.width(of: under) <= 1 {
            codes[rowStart + x] = code
        } else {
            put(code, x: x, y: y, limit: limit)
        }
    }

    /// Writes text from a cell, stopping before any glyph that would cross `limit`
    /// (exclusive column) or the right edge; returns the columns written.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, limit: Int? = nil) -> Int {
        // Nothing fits on a row outside the canvas.
        guard y >= top, y < top + height else { return 0 }
        var column = x
        if LoneScalars.isPrintableASCII(text) {
            // A byte, a cluster and a column each: as many as fit left of the limit, each
            // over a blank or narrow cell set in place (over part of a wide glyph, put).
            guard x >= 0 else { return 0 }
            let fits = min(text.utf8.count, max(min(limit ?? width, width) - x, 0))
            let start = (y - top) * width
            for byte in text.utf8.prefix(fits) {
                setNarrow(UInt64(byte) | Self.narrow, x: column, y: y, rowStart: start, limit: limit)
                column += 1
            }
            return column - x
        }
        if LoneScalars.contains(allOf: text) {
            // Each scalar is a cluster, measured alone; an ASCII one set in place as above.
            let right = min(limit ?? width, width)
            let start = (y - top) * width
            for scalar in text.unicodeScalars {
                if scalar.isASCII {
                    guard column >= 0, column < right else { break }
                    setNarrow(UInt64(scalar.value) | Self.narrow, x: column, y: y, rowStart: start, limit: limit)
                    column += 1
                    continue
                }
                let glyphWidth = DisplayWidth.of(scalar)
                if glyphWidth == 0 { continue }
                let taken = put(Self.code(scalar: UInt64(scalar.value), width: glyphWidth), x: column, y: y, limit: limit)
                if taken == 0 { break }
                column += taken
            }
            return column - x
        }
        for character in text {
            let glyphWidth = DisplayWidth.of(character)
            if glyphWidth == 0 { continue }
            let taken = put(code(character, width: glyphWidth), x: column, y: y, limit: limit)
            if taken == 0 { break }
            column += taken
        }
        return column - x
    }

    /// The codes of the characters boxes are drawn with, worked out once for many boxes.
    struct Pen: Sendable {
        var horizontal: UInt64
        var vertical: UInt64
        var topLeft: UInt64
        var topRight: UInt64
        var bottomLeft: UInt64
        var bottomRight: UInt64
        var teeLeft: UInt64
        var teeRight: UInt64
    }

    /// A pen for `tracks` on this canvas.
    mutating func pen(_ tracks: BoxTracks) -> Pen {
        func glyph(_ character: Character) -> UInt64 { code(character, width: DisplayWidth.of(character)) }
        return Pen(
            horizontal: glyph(tracks.horizontal), vertical: glyph(tracks.vertical), topLeft: glyph(tracks.topLeft),
            topRight: glyph(tracks.topRight), bottomLeft: glyph(tracks.bottomLeft), bottomRight: glyph(tracks.bottomRight),
            teeLeft: glyph(tracks.teeLeft), teeRight: glyph(tracks.teeRight))
    }

    /// A horizontal line of one glyph, `length` cells long.
    private mutating func horizontal(_ code: UInt64, x: Int, y: Int, length: Int) {
        guard y >= top, y < top + height else { return }
        for column in x..<(x + max(length, 0)) { put(code, x: column, y: y) }
    }

    /// A vertical line of one glyph, `length` cells long.
    private mutating func vertical(_ code: UInt64, x: Int, y: Int, length: Int) {
        // Only the rows on this canvas: the others would take nothing.
        let rows = max(y, top)..<max(min(y + max(length, 0), top + height), max(y, top))
        for row in rows { put(code, x: x, y: row) }
    }

    /// The border of a rectangle, its corners included.
    mutating func frame(x: Int, y: Int, width boxWidth: Int, height boxHeight: Int, pen: Pen) {
        guard boxWidth >= 2, boxHeight >= 2 else { return }
        let right = x + boxWidth - 1
        let bottom = y + boxHeight - 1
        horizontal(pen.horizontal, x: x + 1, y: y, length: boxWidth - 2)
        horizontal(pen.horizontal, x: x + 1, y: bottom, length: boxWidth - 2)
        vertical(pen.vertical, x: x, y: y + 1, length: boxHeight - 2)
        vertical(pen.vertical, x: right, y: y + 1, length: boxHeight - 2)
        put(pen.topLeft, x: x, y: y)
        put(pen.topRight, x: right, y: y)
        put(pen.bottomLeft, x: x, y: bottom)
        put(pen.bottomRight, x: right, y: bottom)
    }

    /// A divider across a box at a row: `├───┤`.
    mutating func divider(x: Int, y: Int, width boxWidth: Int, pen: Pen) {
        guard boxWidth >= 2 else { return }
        put(pen.teeLeft, x: x, y: y)
        horizontal(pen.horizontal, x: x + 1, y: y, length: boxWidth - 2)
        put(pen.teeRight, x: x + boxWidth - 1, y: y)
    }

    /// The rows as text, each exactly `width` columns; trailing spaces are kept, so
    /// every line has the same display width.
    var rows: [String] {
        (0..<height).map { row in
            var line: [UInt8] = []
            line.reserveCapacity(width + width / 2)
            appendRow(row, to: &line)
            return String(decoding: line, as: UTF8.self)
        }
    }

    /// The rows, each ending in a newline, as UTF-8: written in place into room for at most
    /// the bytes the glyphs put can take, since appending a byte at a time cost more than the
    /// drawing, and measuring every cell first cost a third of writing them.
    var bytes: [UInt8] {
        var fits = true
        let bytes = [UInt8](unsafeUninitializedCapacity: byteRoom) { out, written in
            if let end = writeRows(to: out) { written = end } else { fits = false }
        }
        return fits ? bytes : bytesMeasured
    }

    /// The most bytes the rows can take: a byte a cell, a newline a row, and what glyphs
    /// take beyond a byte.
    var byteRoom: Int { height * (width + 1) + extraBytes }

    /// ``bytes``, measured first, then written: for when they would not fit the room
    /// ``extraBytes`` leaves (which does not happen).
    var bytesMeasured: [UInt8] {
        var count = height
        for code in codes {
            switch code {
            case Self.blankCode: count += 1
            case Self.tailCode: break
            case _ where code & Self.clusterFlag != 0: count += clusters[Int(code & Self.payloadMask)].utf8.count
            default: count += Self.utf8Count(UInt32(truncatingIfNeeded: code & Self.payloadMask))
            }
        }
        return [UInt8](unsafeUninitializedCapacity: count) { out, written in written = writeRows(to: out) ?? 0 }
    }

    /// Writes the rows into `out` from its start; returns the bytes written, or nil when
    /// they do not fit.
    private func writeRows(to out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        codes.withUnsafeBufferPointer { codes in
            let end = out.count
            var at = 0
            for row in 0..<height {
                for code in codes[(row * width)..<(row * width + width)] {
                    switch code {
                    case Self.blankCode:
                        guard at < end else { return nil }
                        out[at] = UInt8(ascii: " ")
                        at += 1
                    case Self.tailCode:
                        break
                    case _ where code & Self.clusterFlag != 0:
                        let utf8 = clusters[Int(code & Self.payloadMask)].utf8
                        guard utf8.count <= end - at else { return nil }
                        for byte in utf8 {
                            out[at] = byte
                            at += 1
                        }
                    default:
                        let value = UInt32(truncatingIfNeeded: code & Self.payloadMask)
                        guard Self.utf8Count(value) <= end - at else { return nil }
                        at = Self.writeUTF8(value, to: out, at: at)
                    }
                }
                guard at < end else { return nil }
                out[at] = UInt8(ascii: "\n")
                at += 1
            }
            return at
        }
    }

    /// The bytes beyond one that a glyph's code takes.
    @inline(__always)
    private func bytesBeyondOne(_ code: UInt64) -> Int {
        if code & Self.clusterFlag != 0 { return clusters[Int(code & Self.payloadMask)].utf8.count - 1 }
        let value = code & Self.payloadMask
        return value < 0x80 ? 0 : value < 0x800 ? 1 : value < 0x1_0000 ? 2 : 3
    }

    /// The bytes ``writeUTF8(_:to:at:)`` writes for a scalar.
    private static func utf8Count(_ value: UInt32) -> Int {
        switch value {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x1_0000: 3
        default: 4
        }
    }

    /// Writes a scalar's UTF-8 at `at`; returns where the next byte goes.
    private static func writeUTF8(_ value: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        switch value {
        case 0..<0x80:
            out[at] = UInt8(truncatingIfNeeded: value)
            return at + 1
        case 0x80..<0x800:
            out[at] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
            out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return at + 2
        case 0x800..<0x1_0000:
            out[at] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
            out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
            out[at + 2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return at + 3
        default:
            out[at] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
            out[at + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
            out[at + 2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
            out[at + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return at + 4
        }
    }

    /// Appends a row's UTF-8: bytes, since appending Characters one by one to a String costs
    /// more than the drawing.
    private func appendRow(_ row: Int, to out: inout [UInt8]) {
        for code in codes[(row * width)..<(row * width + width)] {
            switch code {
            case Self.blankCode: out.append(UInt8(ascii: " "))
            case Self.tailCode: break
            case _ where code & Self.clusterFlag != 0: out.append(contentsOf: clusters[Int(code & Self.payloadMask)].utf8)
            default: Self.appendUTF8(UInt32(truncatingIfNeeded: code & Self.payloadMask), to: &out)
            }
        }
    }

    /// Appends a scalar's UTF-8 by hand: the generic append of `Unicode.Scalar.utf8` cost
    /// more than the rest of the row, and a border is a three-byte scalar on every row.
    private static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            out.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            out.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        case 0x800..<0x1_0000:
            out.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        default:
            out.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            out.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }

    /// The code of a glyph: its scalar when it has one, else a new entry in ``clusters``.
    private mutating func code(_ character: Character, width glyphWidth: Int) -> UInt64 {
        let scalars = character.unicodeScalars
        if let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return Self.code(scalar: UInt64(scalar.value), width: glyphWidth)
        }
        clusters.append(character)
        return Self.code(scalar: UInt64(clusters.count - 1), width: glyphWidth) | Self.clusterFlag
    }

    private static func code(scalar: UInt64, width glyphWidth: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: max(glyphWidth, 0)) << 40 | scalar
    }

    private static func width(of code: UInt64) -> Int {
        code == tailCode ? 0 : Int(code >> 40)
    }

    private func character(_ code: UInt64) -> Character {
        let payload = code & Self.payloadMask
        if code & Self.clusterFlag != 0 { return clusters[Int(payload)] }
        return Unicode.Scalar(UInt32(truncatingIfNeeded: payload)).map(Character.init) ?? " "
    }

    /// Blanks a cell, and every other column of the wide glyph it belongs to.
    private mutating func clear(_ x: Int, row: Int) {
        guard x >= 0, x < width, row >= 0, row < height else { return }
        let rowStart = row * width
        var start = x
        while start > 0, codes[rowStart + start] == Self.tailCode { start -= 1 }
        let glyphWidth = Self.width(of: codes[rowStart + start])
        if glyphWidth > 0, start + glyphWidth > x {
            for column in start..<min(start + glyphWidth, width) { codes[rowStart + column] = Self.blankCode }
        }
        codes[rowStart + x] = Self.blankCode
    }
}
