package import CartographModel

/// Draws a ``DiagramLayout`` as text: box-drawing characters (or `+ - |` in ASCII) on a
/// ``TextCanvas``, one line per row, every line exactly the layout's width.
enum TextDiagram {
    /// Rows drawn on one canvas at least: below this a diagram is drawn whole.
    static let bandRows = 1_024

    static func render(_ layout: DiagramLayout) -> String {
        // A diagram of a thousand apps is sixteen thousand rows: drawn in bands on every
        // core, each band from every box and arrow (what falls outside it is not drawn).
        let bands = max(1, min(8, layout.height / bandRows))
        let rows = (layout.height + bands - 1) / bands
        let tops = Array(stride(from: 0, to: max(layout.height, 1), by: max(rows, 1)))
        let spans = layout.boxes.map(rowSpan)
        let drawn = Parallel.map(tops) { top in draw(layout, spans: spans, top: top, height: min(rows, layout.height - top)) }
        // The bands are copied into the text once, not gathered into bytes first.
        return String(unsafeUninitializedCapacity: drawn.reduce(0) { $0 + $1.count }) { text in
            var at = 0
            for band in drawn {
                _ = UnsafeMutableBufferPointer(rebasing: text[at...]).initialize(fromContentsOf: band)
                at += band.count
            }
            return at
        }
    }

    /// The rows `top..<top + height` of the diagram as UTF-8, each ending in a newline.
    static func draw(_ layout: DiagramLayout, top: Int, height: Int) -> [UInt8] {
        draw(layout, spans: layout.boxes.map(rowSpan), top: top, height: height)
    }

    /// - Parameter spans: each box's ``rowSpan(_:)``: a band passes over the boxes it
    ///   holds nothing of without touching their text.
    private static func draw(_ layout: DiagramLayout, spans: [Range<Int>], top: Int, height: Int) -> [UInt8] {
        var canvas = TextCanvas(width: layout.width, height: height, top: top)
        let pen = canvas.pen(BoxTracks.of(ascii: layout.ascii))
        let band = top..<(top + height)
        for index in layout.boxes.indices where spans[index].overlaps(band) {
            let box = layout.boxes[index]
            canvas.frame(x: box.x, y: box.y, width: box.width, height: box.height, pen: pen)
            if let dividerY = box.dividerY { canvas.divider(x: box.x, y: dividerY, width: box.width, pen: pen) }
            // Text never reaches the border: the layout wrapped it to the box's inside.
            let limit = box.x + box.width - 1
            for text in box.title { canvas.write(text.text, x: text.x, y: text.y, limit: limit) }
            for text in box.lines { canvas.write(text.text, x: text.x, y: text.y, limit: limit) }
        }
        for arrow in layout.arrows {
            for line in arrow.lines { canvas.write(line.text, x: line.x, y: line.y) }
        }
        return canvas.bytes
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
