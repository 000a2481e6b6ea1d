package import CartographModel

/// Gives a ``DiagramTree`` positions at a target width.
///
/// The group boxes (platform, external systems) span the full width. Inside them the
/// boxes are packed into rows: side by side while their natural widths (the narrowest
/// width at which each breaks its lines only where it prefers) fit the row, otherwise
/// on the next row; rows are balanced so that five boxes that fit four to a row sit
/// three and two. A row's spare columns go first to the boxes whose lines most want
/// them, then evenly; boxes in one row share their height.
package enum BoxLayout {
    /// Blank columns inside a group box, left and right of its rows.
    static let margin = 2
    /// Blank columns between boxes in a row.
    static let gap = 2
    /// Blank columns inside a box, left and right of its text.
    static let padding = 1
    /// Text columns a box asks for at least, so that boxes never shrink to slivers.
    static let minimumContent = 20
    /// Narrowest diagram drawn; narrower requests are drawn at this width.
    package static let minimumWidth = 24

    static func layout(_ tree: DiagramTree, width requested: Int) -> DiagramLayout {
        let width = max(requested, minimumWidth)
        let ascii = tree.ascii
        var boxes: [DiagramBox] = []
        let platformHeight = group(tree.platform, x: 0, y: 0, width: width, ascii: ascii, into: &boxes)
        var y = platformHeight
        var arrows: [DiagramArrow] = []
        if let externals = tree.externals {
            y += 1
            arrows = arrowBlock(tree.arrows, y: y, width: width, ascii: ascii)
            y += arrows.reduce(0) { $0 + $1.lines.count } + 1
            y += group(externals, x: 0, y: y, width: width, ascii: ascii, into: &boxes)
        }
        return DiagramLayout(width: width, height: y, ascii: tree.ascii, boxes: boxes, arrows: arrows)
    }

    // MARK: Groups and rows

    /// Lays out a group box and its children; returns its height.
    static func group(_ node: DiagramTree.Node, x: Int, y: Int, width: Int, ascii: Bool, into boxes: inout [DiagramBox]) -> Int {
        let inner = width - 2
        // Read once: the tracks are nine Characters to copy.
        let mark = BoxTracks.of(ascii: ascii).continuation
        var title: [DiagramText] = []
        var row = y + 1
        for paragraph in node.title {
            for line in TextWrapper.wrap(paragraph, width: inner - 2 * padding, mark: mark) {
                let offset = paragraph.centered ? (inner - line.width) / 2 : padding + line.indent
                title.append(DiagramText(x: x + 1 + offset, y: row, text: line.text, width: line.width, role: paragraph.role))
                row += 1
            }
        }
        let dividerY = row
        row += 2
        let index = boxes.count
        boxes.append(DiagramBox(kind: node.kind, x: x, y: y, width: width, height: 0, title: title, lines: []))

        var lines: [DiagramText] = []
        for section in node.sections {
            for paragraph in section {
                for line in TextWrapper.wrap(paragraph, width: inner - 2 * margin, mark: mark) {
                    lines.append(
                        DiagramText(x: x + 1 + margin + line.indent, y: row, text: line.text, width: line.width, role: paragraph.role))
                    row += 1
                }
            }
            row += 1
        }
        let available = inner - 2 * margin
        // A row's widths and wrapping need nothing of the other rows, only its place does:
        // rows are laid out from the top on every core (a thousand apps make hundreds), then
        // moved down in order.
        let laidOutRows = Parallel.map(rows(node.children, available: available)) { members in
            let widths = distribute(members, available: available, ascii: ascii)
            var column = x + 1 + margin
            var laidOut: [DiagramBox] = []
            for (member, memberWidth) in zip(members, widths) {
                laidOut.append(leaf(member, x: column, y: 0, width: memberWidth, ascii: ascii))
                column += memberWidth + gap
            }
            return laidOut
        }
        // Moved where they stand in place: moving a copy of a box would copy its lines.
        var pending = laidOutRows
        for index in pending.indices {
            var laidOut = pending[index]
            pending[index] = []
            let height = laidOut.map(\.height).max() ?? 0
            for member in laidOut.indices {
                laidOut[member].moveDown(by: row)
                laidOut[member].height = height
            }
            boxes += laidOut
            row += height + 1
        }
        boxes[index].lines = lines
        boxes[index].dividerY = dividerY
        boxes[index].height = row - y + 1
        return row - y + 1
    }

    /// Packs boxes into rows by natural width, then evens the rows out.
    static func rows(_ nodes: [DiagramTree.Node], available: Int) -> [[DiagramTree.Node]] {
        let widths = nodes.map { naturalWidth($0, available: available) }
        let greedy = pack(nodes, widths: widths, available: available, perRow: Int.max)
        guard greedy.count > 1 else { return greedy }
        let perRow = (nodes.count + greedy.count - 1) / greedy.count
        let balanced = pack(nodes, widths: widths, available: available, perRow: perRow)
        return balanced.count <= greedy.count ? balanced : greedy
    }

    /// - Parameter widths: each node's natural width.
    static func pack(_ nodes: [DiagramTree.Node], widths: [Int], available: Int, perRow: Int) -> [[DiagramTree.Node]] {
        var rows: [[DiagramTree.Node]] = []
        var current: [DiagramTree.Node] = []
        var used = 0
        for (node, width) in zip(nodes, widths) {
            if !current.isEmpty, used + gap + width > available || current.count >= perRow {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : gap) + width
            current.append(node)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// Widths of the boxes of one row, filling it exactly. Each box starts at its natural
    /// width; spare columns then go, a step at a time, where they save the most wrapped
    /// lines per column spent, so the row reads with as little wrapping as its width
    /// allows. Columns that save nothing are shared evenly.
    static func distribute(_ members: [DiagramTree.Node], available: Int, ascii: Bool) -> [Int] {
        guard members.count > 1 else { return [available] }
        var widths = members.map { naturalWidth($0, available: available) }
        var left = available - gap * (members.count - 1) - widths.reduce(0, +)
        // Widths only grow from here: each box's height is counted from its natural width up.
        let counters = members.indices.map { Heights(members[$0], narrowest: widths[$0], ascii: ascii) }
        // Heights are asked for again and again by the searches below: count each width once.
        // A box grows by the columns left at most, so each has that many widths to keep.
        let natural = widths
        let spare = max(left, 0) + 1
        var known = [Int?](repeating: nil, count: members.count * spare)
        func height(_ index: Int, _ width: Int) -> Int {
            let key = index * spare + width - natural[index]
            if let height = known[key] { return height }
            let height = counters[index].at(width)
            known[key] = height
            return height
        }
        var heights = members.indices.map { height($0, widths[$0]) }
        while left > 0 {
            var best: (index: Int, width: Int, height: Int, gain: Int)?
            for index in members.indices {
                // The narrowest wider width at which this box loses a line, if any.
                let limit = widths[index] + left
                guard height(index, limit) < heights[index] else { continue }
                var low = widths[index] + 1
                var high = limit
                while low < high {
                    let middle = (low + high) / 2
                    if height(index, middle) < heights[index] { high = middle } else { low = middle + 1 }
                }
                let newHeight = height(index, low)
                let gain = heights[index] - newHeight
                let cost = low - widths[index]
                if let current = best, gain * (current.width - widths[current.index]) <= current.gain * cost { continue }
                best = (index, low, newHeight, gain)
            }
            guard let best else { break }
            left -= best.width - widths[best.index]
            widths[best.index] = best.width
            heights[best.index] = best.height
        }
        for index in widths.indices where left > 0 {
            let share = (left + widths.count - 1 - index) / (widths.count - index)
            widths[index] += share
            left -= share
        }
        return widths
    }

    /// The narrowest outer width at which the box breaks its lines only where they prefer.
    static func naturalWidth(_ node: DiagramTree.Node, available: Int) -> Int {
        // By index: a paragraph read in place is not copied (a box is asked this again and again).
        func widest(_ paragraphs: [Paragraph], _ content: Int) -> Int {
            var content = content
            for index in paragraphs.indices {
                content = max(content, paragraphs[index].naturalWidth + min(paragraphs[index].indent, 2))
            }
            return content
        }
        var content = widest(node.title, minimumContent)
        for index in node.sections.indices { content = widest(node.sections[index], content) }
        return min(available, content + 2 + 2 * padding)
    }

    // MARK: Leaves

    /// An app or system box at a width: its text wrapped, its height from its text.
    static func leaf(_ node: DiagramTree.Node, x: Int, y: Int, width: Int, ascii: Bool) -> DiagramBox {
        // Wrapping is the layout's cost, and a box's wrapping depends on its own text alone:
        // `serve` keeps each box laid out at the origin while its text stays.
        // Without a store (`build`) nothing is kept: the box is wrapped where it stands rather
        // than at the origin and then copied there, line by line.
        guard Memo.current != nil else { return wrap(node, x: x, y: y, width: width, ascii: ascii) }
        let box = RenderPass.memo(LeafKey(node: node, width: width, ascii: ascii)) { wrap(node, x: 0, y: 0, width: width, ascii: ascii) }
        return x == 0 && y == 0 ? box : box.moved(x: x, y: y)
    }

    /// Hashes what tells boxes apart cheaply; equality compares the whole node, which is
    /// quick for a node kept by ``DiagramBuilder/appBox(_:)`` (the same storage).
    private struct LeafKey: Hashable, Sendable {
        var node: DiagramTree.Node
        var width: Int
        var ascii: Bool

        func hash(into hasher: inout Hasher) {
            hasher.combine(node.link)
            hasher.combine(node.kind)
            hasher.combine(width)
            hasher.combine(ascii)
        }
    }

    /// ``leaf(_:x:y:width:ascii:)`` without the store: a box at the origin, moved, is the
    /// box wrapped where it stands.
    static func wrap(_ node: DiagramTree.Node, x: Int, y: Int, width: Int, ascii: Bool) -> DiagramBox {
        let content = width - 2 - 2 * padding
        // Read once: the tracks are nine Characters to copy.
        let tracks = BoxTracks.of(ascii: ascii)
        let mark = tracks.continuation
        let left = x + 1 + padding
        var row = y + 1
        // A paragraph on one line (most are) is its one line, made without an array of lines
        // (as `TextWrapper.wrap` would make it); the others are wrapped.
        func place(_ paragraph: Paragraph, into texts: inout [DiagramText]) {
            if paragraph.oneLineWidth <= max(content, 3) {
                texts.append(
                    DiagramText(
                        x: left, y: row, text: paragraph.oneLineText, width: paragraph.oneLineWidth, role: paragraph.role,
                        anchor: paragraph.anchor))
                row += 1
                return
            }
            for (index, line) in TextWrapper.wrap(paragraph, width: content, mark: mark).enumerated() {
                texts.append(
                    DiagramText(
                        x: left + line.indent, y: row, text: line.text, width: line.width, role: paragraph.role,
                        anchor: index == 0 ? paragraph.anchor : nil))
                row += 1
            }
        }
        var title: [DiagramText] = []
        for index in node.title.indices { place(node.title[index], into: &title) }
        var lines: [DiagramText] = []
        // A line a paragraph and the rule at least: grown to fit only where paragraphs wrap.
        lines.reserveCapacity(node.sections.reduce(1) { $0 + $1.count })
        if node.ruled, !title.isEmpty {
            var widest = 0
            for index in title.indices { widest = max(widest, title[index].x - left + title[index].width) }
            let ruleWidth = min(content, max(widest, 1))
            let rule = String(repeating: tracks.horizontal, count: ruleWidth)
            lines.append(DiagramText(x: left, y: row, text: rule, width: ruleWidth, role: .rule))
            row += 1
        }
        for section in node.sections.indices {
            if section > 0 || (!node.ruled && !title.isEmpty) { row += 1 }
            for index in node.sections[section].indices { place(node.sections[section][index], into: &lines) }
        }
        return DiagramBox(
            kind: node.kind, x: x, y: y, width: width, height: row - y + 1, title: title, lines: lines, link: node.link)
    }

    /// The height of ``leaf(_:x:y:width:ascii:)``, counted without making its lines.
    static func height(_ node: DiagramTree.Node, width: Int, ascii: Bool) -> Int {
        Heights(node, narrowest: width, ascii: ascii).at(width)
    }

    /// A box's heights at its narrowest width and wider, counted without making its lines:
    /// the layout tries a box at many widths to find the one it takes. A paragraph on one
    /// line at the narrowest width is on one line at every wider one, so only the others
    /// are counted again at each width.
    ///
    /// A class with constant properties: the layout asks a box's height through an array of
    /// them, and a copy of a struct there retained every array it holds, at every width.
    final class Heights {
        /// The top and bottom borders, a rule under a title, the blank lines between
        /// sections, and the paragraphs on one line at every width asked.
        private let rows: Int
        /// The box, for the text of a paragraph whose count its widths decline.
        private let node: DiagramTree.Node
        /// Where the paragraphs that do not fit on one line at the narrowest width stand in
        /// the node: the section (-1 for the title) and the index in it. Kept as places, not
        /// copies: a copy of a paragraph retains its runs.
        private let wrapping: [(section: Int, index: Int)]
        /// Their widths, for counting their lines without their text.
        private let widths: TextWrapper.Widths
        private let mark: Character

        init(_ node: DiagramTree.Node, narrowest width: Int, ascii: Bool) {
            self.node = node
            mark = BoxTracks.of(ascii: ascii).continuation
            // As in `wrap`: every line, a rule under a title, a blank line between sections.
            let content = max(width - 2 - 2 * BoxLayout.padding, 3)
            var rows = 2
            var wrapping: [(section: Int, index: Int)] = []
            var widths = TextWrapper.Widths()
            func count(_ paragraphs: [Paragraph], section: Int) {
                for index in paragraphs.indices {
                    if paragraphs[index].oneLineWidth <= content {
                        rows += 1
                    } else {
                        wrapping.append((section, index))
                        widths.append(paragraphs, at: index)
                    }
                }
            }
            if node.ruled, !node.title.isEmpty { rows += 1 }
            count(node.title, section: -1)
            for index in node.sections.indices {
                if index > 0 || (!node.ruled && !node.title.isEmpty) { rows += 1 }
                count(node.sections[index], section: index)
            }
            self.rows = rows
            self.wrapping = wrapping
            self.widths = widths
        }

        /// The height at `width`, no narrower than the one it was made for.
        func at(_ width: Int) -> Int {
            let content = width - 2 - 2 * BoxLayout.padding
            guard !widths.isEmpty else { return rows }
            // From widths where no token is too long for a line; else from the paragraph's text.
            return rows
                + widths.lineCount(width: content) { index in
                    let (section, place) = wrapping[index]
                    let paragraphs = section < 0 ? node.title : node.sections[section]
                    return TextWrapper.lineCount(paragraphs[place], width: content, mark: mark)
                }
        }
    }

    // MARK: Arrows

    /// The arrow labels as one block, left-aligned, centred as a whole.
    static func arrowBlock(_ arrows: [DiagramTree.Arrow], y: Int, width: Int, ascii: Bool) -> [DiagramArrow] {
        let wrapped = arrows.map { TextWrapper.wrap($0.label, width: width - 2 * margin, mark: BoxTracks.of(ascii: ascii).continuation) }
        let blockWidth = wrapped.flatMap { $0.map { $0.indent + $0.width } }.max() ?? 0
        let left = (width - blockWidth) / 2
        var row = y
        var out: [DiagramArrow] = []
        for (arrow, lines) in zip(arrows, wrapped) {
            var texts: [DiagramText] = []
            for line in lines {
                texts.append(DiagramText(x: left + line.indent, y: row, text: line.text, width: line.width, role: .text))
                row += 1
            }
            out.append(DiagramArrow(app: arrow.app, system: arrow.system, lines: texts))
        }
        return out
    }
}
