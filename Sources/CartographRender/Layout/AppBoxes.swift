package import CartographModel
import Synchronization

/// Each app's box as both diagrams of a build say it, made once: the text diagram (beside the
/// site) and the app's own SVG (on the site's page queue) each made every app's box, the same
/// paragraphs twice. Whichever asks first makes it; the other takes it (and a later asker,
/// such as `serve` making the map again, makes it anew).
///
/// A box here is the emoji style's, without the app's region line (the SVG's form, which
/// draws one app); the text diagram adds the line where its map has several regions.
package final class AppBoxes: Sendable {
    private let boxes: Mutex<[DiagramTree.Node?]>

    /// Room for the boxes of a map of `count` apps, none made yet.
    package init(count: Int) {
        boxes = Mutex(Array(repeating: nil, count: count))
    }

    /// The box of the app at `index` of the map, made by `make` when no one has made it yet.
    /// A box is kept for one more asker only, then let go: each diagram asks for each box
    /// once, and a thousand boxes kept to the end of the build would only take memory.
    func box(_ index: Int, make: () -> DiagramTree.Node) -> DiagramTree.Node {
        let kept = boxes.withLock { boxes -> DiagramTree.Node? in
            guard index < boxes.count, let box = boxes[index] else { return nil }
            boxes[index] = nil
            return box
        }
        if let kept { return kept }
        let box = make()
        boxes.withLock { boxes in
            if index < boxes.count, boxes[index] == nil { boxes[index] = box }
        }
        return box
    }
}
