package import CartographModel

/// Draws a ``DiagramLayout`` as text: box-drawing characters (or `+ - |` in ASCII) on a
/// ``TextCanvas``, one line per row, every line exactly the layout's width.
enum TextDiagram {
    /// Rows drawn on one canvas at least: below this a diagram is drawn whole.
    static let bandRows = 1_024
    /// Rows of a band drawn on one canvas at a time: a canvas of a whole band is megabytes of
    /// cells touched once (each page a fault); one this small is reused from the allocator
    /// warm, chunk after chunk.
    static let chunkRows = 64

    static func render(_ layout: DiagramLayout) -> String {
        // A diagram of a thousand apps is sixteen thousand rows: drawn in bands on every
        // core, each band from every box and arrow (what falls outside it is not drawn).
        let bands = max(1, min(8, layout.height / bandRows))
        let rows = (layout.height + bands - 1) / bands
        let tops = Array(stride(from: 0, to: max(layout.height, 1), by: max(rows, 1)))
        let scene = Scene(layout)
        let drawn = Parallel.map(tops) { top in
            scene.draw(top: top, height: min(rows, layout.height - top), chunkRows: chunkRows)
        }
        // The chunks are copied into the text once, not gathered into bytes first.
        let count = drawn.reduce(0) { total, band in band.reduce(total) { $0 + $1.count } }
        return String(unsafeUninitializedCapacity: count) { text in
            var at = 0
            for band in drawn {
                for chunk in band {
                    _ = UnsafeMutableBufferPointer(rebasing: text[at...]).initialize(fromContentsOf: chunk)
                    at += chunk.count
                }
            }
            return at
        }
    }

    /// The rows `top..<top + height` of the diagram as UTF-8, each ending in a newline,
    /// drawn `chunkRows` rows to a canvas (by default all of them on one).
    static func draw(_ layout: DiagramLayout, top: Int, height: Int, chunkRows: Int? = nil) -> [UInt8] {
        Array(Scene(layout).draw(top: top, height: height, chunkRows: chunkRows ?? max(height, 1)).joined())
    }

    /// A layout made ready to be drawn a band of rows at a time: where each box and arrow
    /// line stands, so that a band passes over what it holds nothing of without touching it.
    private struct Scene: Sendable {
        let layout: DiagramLayout
        /// Each box's ``rowSpan(_:)``.
        let spans: [Range<Int>]
        /// Every arrow's lines, by row (in drawing order within a row).
        let arrowLines: [DiagramText]

        init(_ layout: DiagramLayout) {
            self.layout = layout
            spans = layout.boxes.map(TextDiagram.rowSpan)
            // Cells depend only on what was drawn on their own row: lines drawn in row order
            // (keeping the order within a row) make the same picture.
            var lines: [DiagramText] = []
            for arrow in layout.arrows { lines += arrow.lines }
            if !zip(lines, lines.dropFirst()).allSatisfy({ $0.y <= $1.y }) {
                lines = lines.enumerated().sorted { ($0.element.y, $0.offset) < ($1.element.y, $1.offset) }.map(\.element)
            }
            arrowLines = lines
        }

        /// The rows `top..<top + height`, each ending in a newline, as UTF-8 chunks of
        /// `chunkRows` rows each.
        func draw(top: Int, height: Int, chunkRows: Int) -> [[UInt8]] {
            let band = top..<(top + max(height, 0))
            let boxes = layout.boxes.indices.filter { spans[$0].overlaps(band) }
            var chunks: [[UInt8]] = []
            for chunkTop in stride(from: top, to: band.upperBound, by: max(chunkRows, 1)) {
                let rows = min(max(chunkRows, 1), band.upperBound - chunkTop)
                chunks.append(drawChunk(boxes: boxes, top: chunkTop, height: rows))
            }
            return chunks
        }

        /// - Parameter boxes: the indices of the boxes that may draw on these rows.
        private func drawChunk(boxes: [Int], top: Int, height: Int) -> [UInt8] {
            var canvas = TextCanvas(width: layout.width, height: height, top: top)
            let pen = canvas.pen(BoxTracks.of(ascii: layout.ascii))
            let chunk = top..<(top + height)
            // Boxes and lines are read where they stand: a copy of a box retains its lines, and
            // of a line its text, for every chunk.
            layout.boxes.withUnsafeBufferPointer { all in
                for index in boxes where spans[index].overlaps(chunk) {
                    let (x, y, width, height) = (all[index].x, all[index].y, all[index].width, all[index].height)
                    canvas.frame(x: x, y: y, width: width, height: height, pen: pen)
                    if let dividerY = all[index].dividerY { canvas.divider(x: x, y: dividerY, width: width, pen: pen) }
                    // Text never reaches the border: the layout wrapped it to the box's inside.
                    let limit = x + width - 1
                    all[index].title.withUnsafeBufferPointer { Self.write($0, rows: chunk, limit: limit, on: &canvas) }
                    all[index].lines.withUnsafeBufferPointer { Self.write($0, rows: chunk, limit: limit, on: &canvas) }
                }
            }
            // The first arrow line on these rows or below, found by halving.
            var line = 0
            var high = arrowLines.count
            while line < high {
                let middle = (line + high) / 2
                if arrowLines[middle].y < top { line = middle + 1 } else { high = middle }
            }
            while line < arrowLines.count, arrowLines[line].y < chunk.upperBound {
                canvas.write(arrowLines[line].text, x: arrowLines[line].x, y: arrowLines[line].y)
                line += 1
            }
            return canvas.bytes
        }

        /// Writes the lines that stand on `rows`.
        private static func write(_ lines: UnsafeBufferPointer<DiagramText>, rows: Range<Int>, limit: Int, on canvas: inout TextCanvas) {
            for index in lines.indices where rows.contains(lines[index].y) {
                canvas.write(lines[index].text, x: lines[index].x, y: lines[index].y, limit: limit)
            }
        }
    }

    /// The rows a box draws on: its border, its divider and its text.
    static func rowSpan(_ box: DiagramBox) -> Range<Int> {
        var low = box.y
        var high = box.y + max(box.height, 1)
        if let dividerY = box.dividerY {
            low = min(low, dividerY)
            high = max(high, dividerY + 1)
        }
        for text in box.title {
            low = min(low, text.y)
            high = max(high, text.y + 1)
        }
        for text in box.lines {
            low = min(low, text.y)
            high = max(high, text.y + 1)
        }
        return low..<high
    }
}
