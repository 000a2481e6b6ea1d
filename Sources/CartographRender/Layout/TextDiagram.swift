package import CartographModel

/// Draws a ``DiagramLayout`` as text: box-drawing characters (or `+ - |` in ASCII) on a
/// ``TextCanvas``, one line per row, every line exactly the layout's width.
enum TextDiagram {
    static func render(_ layout: DiagramLayout) -> String {
        var canvas = TextCanvas(width: layout.width, height: layout.height)
        let tracks = BoxTracks.of(ascii: layout.ascii)
        for box in layout.boxes {
            canvas.frame(x: box.x, y: box.y, width: box.width, height: box.height, tracks: tracks)
            if let dividerY = box.dividerY { canvas.divider(x: box.x, y: dividerY, width: box.width, tracks: tracks) }
            // Text never reaches the border: the layout wrapped it to the box's inside.
            let limit = box.x + box.width - 1
            for text in box.title { canvas.write(text.text, x: text.x, y: text.y, limit: limit) }
            for text in box.lines { canvas.write(text.text, x: text.x, y: text.y, limit: limit) }
        }
        for arrow in layout.arrows {
            for line in arrow.lines { canvas.write(line.text, x: line.x, y: line.y) }
        }
        return canvas.text
    }
}
