/// The text of the files a run read, kept so diagnostics can show the offending line.
public struct SourceCache: Sendable {
    private var texts: [String: String] = [:]

    public init() {}

    public mutating func record(_ text: String, for file: String) {
        texts[file] = text
    }

    public func text(of file: String) -> String? { texts[file] }

    /// Line `number` (1-based) of a file, without its line break.
    public func line(_ number: Int, of file: String) -> Substring? {
        guard number >= 1, let text = texts[file] else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
        return text[start..<end]
    }
}
