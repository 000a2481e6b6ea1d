package import CartographInput
package import CartographModel
package import CartographRender

/// Follows CommonMark's fenced code blocks line by line: a run of three or more backticks
/// or tildes (indented at most three spaces) opens one, and a run of the same character at
/// least as long, with nothing after it, closes it.
struct CodeFence {
    private var opening: (character: Character, count: Int)?

    var isOpen: Bool { opening != nil }

    mutating func advance(past line: some StringProtocol) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return }
        let count = rest.prefix { $0 == first }.count
        guard count >= 3 else { return }
        let after = rest.dropFirst(count)
        if let open = opening {
            if first == open.character, count >= open.count, after.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                opening = nil
            }
        } else if first == "~" || !after.contains("`") {
            opening = (first, count)
        }
    }
}
